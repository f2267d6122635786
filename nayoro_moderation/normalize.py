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
from functools import cache
from pathlib import Path
from typing import NamedTuple

import regex

from .derived_cache import DerivedCache, code_kind
from .re_cache import compile_re

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
# The engine's own fixed patterns use the stdlib ``re``, several times faster than ``regex`` on these
# (separators: 2.4x); ``regex`` (with its timeout) is for the patterns of rule files.  Their compiled
# code comes from the derived cache (re_cache.py): compiling the CJK ranges of the separators'
# lookarounds took ``re`` 14 ms of every start.
_RE_SEPARATORS = compile_re(
    f"(?<=[{_JAPANESE}])[{re.escape(_SEPARATORS)}]{{1,{_MAX_SEPARATOR_RUN}}}(?=[{_JAPANESE}])"
)
_RE_LONG_VOWELS = compile_re(f"(?<=[{_KANA}])[{_LONG_VOWEL_MARKS}]+")
_RE_RUNS = compile_re(r"([^0-9])\1{2,}", re.DOTALL)
_RE_SUBSTITUTIONS = compile_re("|".join(re.escape(source) for source, _ in SUBSTITUTIONS))
_RE_KATAKANA = compile_re("[\u30a1-\u30f6]+")
# Combining marks (and the half-width voicing marks that NFKC turns into them) join the letter before.
_RE_MARKS = regex.compile(r"[\p{M}\uff9e\uff9f]")
# NFKC sorts the marks after a letter in time that grows with the square of their number ('a' and
# 100,000 marks: 14 s).  Unicode's stream-safe format (UAX #15) lets a letter carry at most 30; a
# longer run is normalized 30 marks at a time, as if U+034F stood between them.
_MAX_MARKS = 30
_RE_MARK_RUN = regex.compile(rf"[\p{{M}}\uff9e\uff9f]{{{_MAX_MARKS + 1}}}")

_KATAKANA_TO_HIRAGANA = {c: c - 0x60 for c in range(0x30A1, 0x30F7)}


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


# ~2,000 NFKC look-ups, 6 ms of every start: kept per Unicode version, read at the first fold (never at
# import: the cache holds rules, whose modules import this one).
_WIDTH: dict[int, str | None] = {}


def _width() -> dict[int, str | None]:
    if not _WIDTH:
        key = f"{unicodedata.unidata_version}|{_WIDTH_RANGES}|{sorted(_INVISIBLE)}"
        _WIDTH.update(DerivedCache.shared().get("width table", key, lambda _key: _width_table()))
    return _WIDTH
# A character class of ranges, not of the table's keys: a class of a thousand single characters
# takes the regex compiler a noticeable part of the start-up.
_RE_WIDTH = compile_re(
    "["
    + "".join(f"\\U{lo:08x}-\\U{hi - 1:08x}" for lo, hi in _WIDTH_RANGES)
    + "".join(re.escape(c) for c in sorted(_INVISIBLE))
    + "]+"
)


def _width_run(m: re.Match) -> str:
    return m.group().translate(_width())


def _normalized_text(text: str) -> str | None:
    """The normalized layer's text, or None when only the character-by-character path is exact.

    Characters outside the table are left alone; if any of them (or a combining mark after a base
    character) changes under NFKC, the result is not NFKC-normalized and the slow path takes over."""
    out = _RE_WIDTH.sub(_width_run, text)
    if _RE_MARK_RUN.search(out) or not unicodedata.is_normalized("NFKC", out) or out.lower() != out:
        return None
    return out


class Substitution(NamedTuple):
    start: int  # original offsets
    end: int
    source: str
    canonical: str


# --- the slow path: the same steps character by character, carrying original spans ---------------

Chars = list[tuple[str, int, int]]  # (character, original start, original end)


def _clusters(text: str):
    """Yield (start, end) of each base character with the combining marks that follow it, at most
    _MAX_MARKS of them."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and j - i <= _MAX_MARKS and (unicodedata.combining(text[j]) or unicodedata.category(text[j]) in ("Mn", "Me", "Mc") or text[j] in "\uff9e\uff9f"):
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


def _spans_of(chars: Chars) -> tuple[list[int], list[int]]:
    return [s for _, s, _ in chars], [e for _, _, e in chars]


# --- the folding steps, for text alone or carrying original spans ---------------------------------

# Each step's matches are replaced: "drop" deletes them, "merge" deletes them and stretches the
# character before over them (ばーか: the ば stands for ばー), "first" keeps one character of a run,
# "canonical" writes the known spelling.  Replacement characters stand for the whole match.
_STEPS = (
    (_RE_SEPARATORS, "drop"),
    (_RE_LONG_VOWELS, "merge"),
    (_RE_RUNS, "first"),
    (_RE_SUBSTITUTIONS, "canonical"),
)


def _replacement(kind: str, m: re.Match) -> str:
    if kind == "first":
        return m.group(1)
    if kind == "canonical":
        return _SUBSTITUTE[m.group()]
    return ""


def _folded_text(normalized: str) -> tuple[str, int, bool]:
    """The folded layer's text, how many substitutions were made, and whether the text is the
    normalized one with its katakana as hiragana, character for character (no step changed it)."""
    text = kana = katakana_to_hiragana(normalized)
    count = 0
    for pattern, kind in _STEPS:
        if kind in ("drop", "merge"):
            text = pattern.sub("", text)
        elif pattern.search(text):  # rare: searching first is cheaper than an empty sub
            text, n = pattern.subn(lambda m, kind=kind: _replacement(kind, m), text)
            count += n if kind == "canonical" else 0
    return text, count, text == kana


def _folded_spans(normalized: str, starts, ends, applied: list[Substitution]):
    """The folded text with the original span of each of its characters: the steps of _folded_text,
    match by match.  Katakana → hiragana is one character for one, so it keeps the spans."""
    text = katakana_to_hiragana(normalized)
    starts, ends = list(starts), list(ends)
    for pattern, kind in _STEPS:
        pieces: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        last = 0
        for m in pattern.finditer(text):
            a, b = m.span()
            pieces.append(text[last:a])
            new_starts += starts[last:a]
            new_ends += ends[last:a]
            out = _replacement(kind, m)
            pieces.append(out)
            new_starts += [starts[a]] * len(out)
            new_ends += [ends[b - 1]] * len(out)
            if kind == "merge":
                new_ends[-1] = ends[b - 1]  # the lookbehind guarantees a kana before
            elif kind == "canonical":
                applied.append(Substitution(starts[a], ends[b - 1], m.group(), out))
            last = b
        if last:
            pieces.append(text[last:])
            text = "".join(pieces)
            starts = new_starts + starts[last:]
            ends = new_ends + ends[last:]
    return text, starts, ends


@cache
def _resizing() -> re.Pattern:
    """The characters the width table drops (zero-width) or makes longer (㈱ → (株))."""
    return compile_re("[" + "".join(re.escape(chr(c)) for c, out in sorted(_width().items()) if len(out or "") != 1) + "]")


def _width_spans(text: str, normalized: str):
    """Original spans of the normalized text made by the fast path: the width table works one
    character at a time, so each output character comes from the one character it replaced."""
    if _RE_MARKS.search(text):  # a base letter and its marks share one span: only the slow path knows
        return _spans_of(_normalized_chars(text))
    n = len(text)
    if normalized == text or not _resizing().search(text):  # ！ → !, Ａ → a: one character for one
        return range(n), range(1, n + 1)
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for m in _RE_WIDTH.finditer(text):
        a, b = m.span()
        starts += range(last, a)
        ends += range(last + 1, a + 1)
        for i in range(a, b):
            k = len(_width().get(ord(text[i]), text[i]) or "")
            starts += [i] * k
            ends += [i + 1] * k
        last = b
    starts += range(last, n)
    ends += range(last + 1, n + 1)
    return starts, ends


# --- layers --------------------------------------------------------------------------------------


class Layer:
    """A derived text and, per character, the original span it came from (built on first use)."""

    __slots__ = ("text", "_make", "_starts", "_ends")

    def __init__(self, text: str, make_spans):
        self.text = text
        self._make = make_spans  # () -> (starts, ends)
        self._starts = self._ends = None

    def _spans(self):
        if self._starts is None:
            self._starts, self._ends = self._make()
            self._make = None
            if len(self._starts) != len(self.text):  # a bug, never a wrong offset
                raise AssertionError(f"offset map of {self.text!r} has {len(self._starts)} entries")
        return self._starts, self._ends

    @property
    def starts(self):
        return self._spans()[0]

    @property
    def ends(self):
        return self._spans()[1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of this layer to ``[start, end)`` of the original text."""
        if start >= end:
            raise ValueError("empty span")
        starts, ends = self._spans()
        return starts[start], ends[end - 1]


class Folding:
    """The normalized and folded layers of one original text."""

    def __init__(self, text: str):
        self.original = text
        normalized = _normalized_text(text)
        if normalized is None:
            chars = _normalized_chars(text)
            spans = _spans_of(chars)
            self.normalized = Layer("".join(c for c, _, _ in chars), lambda: spans)
        else:
            self.normalized = Layer(normalized, lambda: _width_spans(text, normalized))
        folded, self._substitution_count, one_for_one = _folded_text(self.normalized.text)
        self._applied: list[Substitution] = []
        # Most comments have nothing to fold but their katakana: each folded character then stands
        # where its normalized one does, and the steps need not be replayed to say so.
        self.folded = Layer(folded, self._normalized_spans if one_for_one else self._folded_spans)

    def _normalized_spans(self):
        return self.normalized.starts, self.normalized.ends

    def _folded_spans(self):
        n = self.normalized
        text, starts, ends = _folded_spans(n.text, n.starts, n.ends, self._applied)
        if text != self.folded.text:  # the two ways through the steps disagree: a bug
            raise AssertionError(f"folding paths disagree: {self.folded.text!r} != {text!r}")
        return starts, ends

    @property
    def substitutions(self) -> tuple[Substitution, ...]:
        """Known substitutions made, with their original spans."""
        if not self._substitution_count:
            return ()
        self.folded.starts  # the span path records them
        return tuple(self._applied)


def fold_text(text: str) -> Folding:
    return Folding(text)


def fold(term: str) -> str:
    """Fold a lexicon term the way document text is folded."""
    return Folding(term).folded.text


_THIS_FILE = Path(__file__)  # made once: a Path made at each call was a tenth of a check's first review


def folded_term(word: str) -> str:
    """``fold(word)`` for the words of rules, lexicons and word lists, kept in the derived cache:
    folding the five thousand of them took a sixth of a check's start."""
    return DerivedCache.shared().get(code_kind("folded term", _THIS_FILE), word, fold)
