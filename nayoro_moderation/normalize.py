"""Folding of obfuscated Japanese text, with a map from every folded character back to the original.

Two layers are built from the original text:

* ``normalized``: NFKC (full-width digits and letters, half-width kana), zero-width and bidi control
  characters removed, lower case.  Regexes run here, so they see ``090`` for ``０９０``.
* ``folded``: ``normalized`` plus katakana → hiragana, separators inserted between Japanese letters
  dropped (``し.ね``), long vowels and runs of one letter shortened (``ば〜〜か``, ``しねええ``), and
  known substitutions (``氏ね``, ``ﾀﾋね``, ``4ね``, ``○ね``).  Lexicon terms are folded the same way,
  so both sides meet.

Each layer's text is made with whole-string operations (translate, regex) because every comment of a
bulk scan is folded; the per-character map back to the original is built only when something asks for
it — a match — by replaying the same steps character by character.  Both paths must give the same
text: tests hold them to it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property


# Characters with no visible glyph that are used to split words past a filter.
_INVISIBLE = frozenset(
    [chr(c) for c in range(0x200B, 0x2010)]  # zero-width space/joiners, LRM, RLM
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2060, 0x2070)]  # word joiner, invisible operators, bidi isolates
    + [chr(c) for c in range(0xFE00, 0xFE10)]  # variation selectors
    + ["\u00ad", "\u034f", "\u061c", "\u115f", "\u1160", "\u180e", "\u3164", "\ufeff", "\uffa0"]
)

# Inserted between letters to break a word apart (し.ね, バ・カ, ア ホ).  Japanese punctuation 、。 is
# real punctuation and stays.
_SEPARATORS = " \t\u3000.・･*＊_/|\\-－‐+,'\"`^:;"
_MAX_SEPARATOR_RUN = 3
_LONG_VOWEL_MARKS = "ー〜~～"
_DIGITS = "0123456789"

# Known substitutions, applied on the folded layer (after kana and width folding, separators and
# shortening), in this order.  Each source spelling becomes the canonical spelling.
SUBSTITUTIONS: tuple[tuple[str, str], ...] = (
    ("氏ね", "しね"),
    ("たひね", "しね"),
    ("4ね", "しね"),
    ("○ね", "しね"),
    ("〇ね", "しね"),
    ("◯ね", "しね"),
    ("●ね", "しね"),
    ("×ね", "しね"),
    ("ぶっ○す", "ぶっころす"),
    ("ぶっ〇す", "ぶっころす"),
    ("ぶっ◯す", "ぶっころす"),
    ("こ○す", "ころす"),
    ("こ〇す", "ころす"),
    ("き○がい", "きちがい"),
    ("き〇がい", "きちがい"),
    ("が〇じ", "がいじ"),
    ("が○じ", "がいじ"),
)
_SUBSTITUTE = dict(SUBSTITUTIONS)

# Kana letters: hiragana and katakana without the middle dot ・ and the long-vowel mark ー, which
# are separators and marks here, not letters.
_KANA = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\uff66-\uff6f\uff71-\uff9d"
_JAPANESE = _KANA + "\u3400-\u4dbf\u4e00-\u9fff々〆"
# The engine's own fixed patterns use the stdlib ``re``, several times faster than ``regex`` on these;
# ``regex`` (with its timeout) is for the patterns of rule files.
_RE_SEPARATORS = re.compile(
    f"(?<=[{_JAPANESE}])[{re.escape(_SEPARATORS)}]{{1,{_MAX_SEPARATOR_RUN}}}(?=[{_JAPANESE}])"
)
_RE_LONG_VOWELS = re.compile(f"(?<=[{_KANA}])[{_LONG_VOWEL_MARKS}]+")
_RE_RUNS = re.compile(r"([^0-9])\1{2,}", re.DOTALL)
_RE_SUBSTITUTIONS = re.compile("|".join(re.escape(source) for source, _ in SUBSTITUTIONS))
_RE_KATAKANA = re.compile("[\u30a1-\u30f6]+")

_KATAKANA_TO_HIRAGANA = {c: c - 0x60 for c in range(0x30A1, 0x30F7)}


_RE_KANA = re.compile(f"[{_KANA}]")
_RE_JAPANESE = re.compile(f"[{_JAPANESE}]")


def _is_kana(ch: str) -> bool:
    return _RE_KANA.match(ch) is not None


def _is_japanese_letter(ch: str) -> bool:
    return _RE_JAPANESE.match(ch) is not None


def _kana_run(m: re.Match) -> str:
    return m.group().translate(_KATAKANA_TO_HIRAGANA)


def katakana_to_hiragana(text: str) -> str:
    # str.translate looks every character up in a dict; translating only the katakana runs is faster.
    return _RE_KATAKANA.sub(_kana_run, text)


# --- the fast path: whole-string operations, text only -------------------------------------------

# Code point ranges where NFKC or lower case changes characters seen in Japanese social-media text:
# ASCII capitals, Latin-1, general punctuation, letter-like and number forms, enclosed numbers, the
# ideographic space, kana voicing marks, enclosed CJK and squared words, compatibility ideographs,
# half- and full-width forms.
_WIDTH_RANGES = ((0x41, 0x5B), (0xA0, 0x100), (0x2000, 0x2070), (0x2100, 0x2190), (0x2460, 0x2500),
                 (0x3000, 0x3001), (0x309B, 0x309D), (0x3200, 0x3400), (0xF900, 0xFB00), (0xFF00, 0xFFF0))


def _width_table() -> dict[int, str | None]:
    """NFKC + lower case for the characters of _WIDTH_RANGES that change; anything else is checked
    afterwards (unicodedata.is_normalized) and sent to the slow path."""
    table: dict[int, str | None] = {ord(c): None for c in _INVISIBLE}
    for lo, hi in _WIDTH_RANGES:
        for c in range(lo, hi):
            ch = chr(c)
            if ch not in _INVISIBLE:
                out = unicodedata.normalize("NFKC", ch).lower()
                if out != ch:
                    table[c] = "".join(x for x in out if x not in _INVISIBLE)
    return table


_WIDTH = _width_table()
# A character class of ranges, not of the table's keys: a class of a thousand single characters
# takes the regex compiler a noticeable part of the start-up.
_RE_WIDTH = re.compile(
    "["
    + "".join(f"\\U{lo:08x}-\\U{hi - 1:08x}" for lo, hi in _WIDTH_RANGES)
    + "".join(re.escape(c) for c in sorted(_INVISIBLE))
    + "]+"
)


def _width_run(m: re.Match) -> str:
    return m.group().translate(_WIDTH)


def _normalized_text(text: str) -> str | None:
    """The normalized layer's text, or None when only the character-by-character path is exact.

    Characters outside the table are left alone; if any of them (or a combining mark after a base
    character) changes under NFKC, the result is not NFKC-normalized and the slow path takes over."""
    out = _RE_WIDTH.sub(_width_run, text)
    if not unicodedata.is_normalized("NFKC", out) or out.lower() != out:
        return None
    return out


def _folded_text(normalized: str) -> tuple[str, int]:
    """The folded layer's text and how many substitutions were made."""
    text = _RE_SEPARATORS.sub("", katakana_to_hiragana(normalized))
    text = _RE_LONG_VOWELS.sub("", text)
    if _RE_RUNS.search(text):  # rare: searching first is cheaper than an empty sub
        text = _RE_RUNS.sub(r"\1", text)
    if _RE_SUBSTITUTIONS.search(text):
        return _RE_SUBSTITUTIONS.subn(_canonical, text)
    return text, 0


def _canonical(m: re.Match) -> str:
    return _SUBSTITUTE[m.group()]


@dataclass(frozen=True, slots=True)
class Substitution:
    start: int  # original offsets
    end: int
    source: str
    canonical: str


# --- the slow path: the same steps character by character, carrying original spans ---------------

Chars = list[tuple[str, int, int]]  # (character, original start, original end)


def _clusters(text: str):
    """Yield (start, end) of each base character with the combining marks that follow it."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or unicodedata.category(text[j]) in ("Mn", "Me", "Mc") or text[j] in "\uff9e\uff9f"):
            j += 1
        yield i, j
        i = j


def _normalized_chars(text: str) -> Chars:
    out: Chars = []
    for start, end in _clusters(text):
        cluster = "".join(c for c in text[start:end] if c not in _INVISIBLE)
        if cluster:
            out.extend((ch, start, end) for ch in unicodedata.normalize("NFKC", cluster).lower() if ch not in _INVISIBLE)
    return out


def _drop_separators(chars: Chars) -> Chars:
    """Drop a run of at most three separators that stands between two Japanese letters."""
    out: Chars = []
    i, n = 0, len(chars)
    while i < n:
        if chars[i][0] in _SEPARATORS and i > 0 and _is_japanese_letter(chars[i - 1][0]):
            j = i
            while j < n and chars[j][0] in _SEPARATORS:
                j += 1
            if j < n and j - i <= _MAX_SEPARATOR_RUN and _is_japanese_letter(chars[j][0]):
                i = j
                continue
        out.append(chars[i])
        i += 1
    return out


def _drop_long_vowels(chars: Chars) -> Chars:
    """ばーか → ばか: long-vowel marks after kana fold into the kana before them."""
    out: Chars = []
    for ch, start, end in chars:
        if ch in _LONG_VOWEL_MARKS and out and _is_kana(out[-1][0]):
            out[-1] = (out[-1][0], out[-1][1], end)
        else:
            out.append((ch, start, end))
    return out


def _collapse_runs(chars: Chars) -> Chars:
    """しねええええ → しねえ: a run of three or more of one character (not a digit) becomes one."""
    out: Chars = []
    i, n = 0, len(chars)
    while i < n:
        j = i
        while j + 1 < n and chars[j + 1][0] == chars[i][0]:
            j += 1
        if j - i >= 2 and chars[i][0] not in _DIGITS:
            out.append((chars[i][0], chars[i][1], chars[j][2]))
        else:
            out.extend(chars[i : j + 1])
        i = j + 1
    return out


def _substitute(chars: Chars, applied: list[Substitution]) -> Chars:
    text = "".join(c for c, _, _ in chars)
    out: Chars = []
    last = 0
    for m in _RE_SUBSTITUTIONS.finditer(text):
        out.extend(chars[last : m.start()])
        start, end = chars[m.start()][1], chars[m.end() - 1][2]
        canonical = _SUBSTITUTE[m.group()]
        out.extend((c, start, end) for c in canonical)
        applied.append(Substitution(start, end, m.group(), canonical))
        last = m.end()
    out.extend(chars[last:])
    return out


def _folded_chars(normalized: Chars, applied: list[Substitution]) -> Chars:
    chars = [(katakana_to_hiragana(c), s, e) for c, s, e in normalized]
    return _substitute(_collapse_runs(_drop_long_vowels(_drop_separators(chars))), applied)


# --- layers --------------------------------------------------------------------------------------


class Layer:
    """A derived text and, per character, the original span it came from (built on first use)."""

    __slots__ = ("text", "_chars", "__dict__")

    def __init__(self, text: str, chars):
        self.text = text
        self._chars = chars  # a Chars list, or a function that makes it

    @cached_property
    def _spans(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        chars = self._chars() if callable(self._chars) else self._chars
        self._chars = None
        made = "".join(c for c, _, _ in chars)
        if made != self.text:  # the fast and the slow path disagree: a bug, never a wrong offset
            raise AssertionError(f"folding paths disagree: {self.text!r} != {made!r}")
        return tuple(s for _, s, _ in chars), tuple(e for _, _, e in chars)

    @property
    def starts(self) -> tuple[int, ...]:
        return self._spans[0]

    @property
    def ends(self) -> tuple[int, ...]:
        return self._spans[1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of this layer to ``[start, end)`` of the original text."""
        if start >= end:
            raise ValueError("empty span")
        starts, ends = self._spans
        return starts[start], ends[end - 1]


class Folding:
    """The normalized and folded layers of one original text."""

    def __init__(self, text: str):
        self.original = text
        normalized = _normalized_text(text)
        if normalized is None:
            chars = _normalized_chars(text)
            self.normalized = Layer("".join(c for c, _, _ in chars), chars)
        else:
            self.normalized = Layer(normalized, lambda: _normalized_chars(text))
        folded, self._substitution_count = _folded_text(self.normalized.text)
        self._applied: list[Substitution] = []
        self.folded = Layer(folded, self._folded_chars)

    def _folded_chars(self) -> Chars:
        n = self.normalized
        return _folded_chars(list(zip(n.text, n.starts, n.ends)), self._applied)

    @property
    def substitutions(self) -> tuple[Substitution, ...]:
        """Known substitutions made, with their original spans."""
        if not self._substitution_count:
            return ()
        self.folded.starts  # the character path records them
        return tuple(self._applied)


def fold_text(text: str) -> Folding:
    return Folding(text)


def fold(term: str) -> str:
    """Fold a lexicon term the way document text is folded."""
    return Folding(term).folded.text
