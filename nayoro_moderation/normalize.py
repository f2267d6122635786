"""Folding of obfuscated Japanese text, with a map from every folded character back to the original.

Two layers are built from the original text:

* ``normalized``: NFKC (full-width digits and letters, half-width kana), zero-width and bidi control
  characters removed, ASCII lowercased.  Regexes run here, so they see ``090`` for ``０９０``.
* ``folded``: ``normalized`` plus katakana → hiragana, separators inserted between Japanese letters
  dropped (``し.ね``), long vowels and runs of a repeated letter shortened (``ば〜〜か``, ``しねええ``),
  and known substitutions (``氏ね``, ``ﾀﾋね``, ``4ね``, ``○ね``).  Lexicon terms are folded the same
  way, so both sides meet.

Every character of a layer carries the ``[start, end)`` span of the original characters it came from,
so a match on either layer is reported with offsets into the original text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

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
_SEPARATORS = frozenset(" \t\u3000.・･*＊_/|\\-－‐+,'\"`^:;")

_LONG_VOWEL_MARKS = frozenset("ー〜~～")

# Known substitutions, applied on the folded layer (after kana and width folding).  Each source
# spelling becomes the canonical spelling; the evidence records that a substitution happened.
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


def _is_kana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f"


def _is_japanese_letter(ch: str) -> bool:
    return _is_kana(ch) or "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch in "々〆"


def katakana_to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


@dataclass(frozen=True, slots=True)
class Layer:
    """A derived text and, per character, the original span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map ``[start, end)`` of this layer to ``[start, end)`` of the original text."""
        if start >= end:
            raise ValueError("empty span")
        return self.starts[start], self.ends[end - 1]


def _clusters(text: str):
    """Yield (start, end) of each base character with the combining marks that follow it."""
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (unicodedata.combining(text[j]) or text[j] in "\uff9e\uff9f\u3099\u309a"):
            j += 1
        yield i, j
        i = j


def _normalized_chars(text: str):
    for start, end in _clusters(text):
        cluster = "".join(c for c in text[start:end] if c not in _INVISIBLE)
        if not cluster:
            continue
        for ch in unicodedata.normalize("NFKC", cluster).lower():
            if ch not in _INVISIBLE:
                yield ch, start, end


def normalize_layer(text: str) -> Layer:
    chars = list(_normalized_chars(text))
    return Layer("".join(c for c, _, _ in chars), tuple(s for _, s, _ in chars), tuple(e for _, _, e in chars))


def _drop_separators(chars: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop runs of separators that stand between two Japanese letters."""
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(chars)
    while i < n:
        ch = chars[i][0]
        if ch in _SEPARATORS and out and _is_japanese_letter(out[-1][0]):
            j = i
            while j < n and chars[j][0] in _SEPARATORS:
                j += 1
            if j < n and _is_japanese_letter(chars[j][0]) and j - i <= 3:
                i = j
                continue
        out.append(chars[i])
        i += 1
    return out


def _shorten(chars: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Drop long-vowel marks after kana (ばーか) and collapse a run of three or more of one letter
    (しねええええ → しねえ); digits keep their runs because 1000 is not 10."""
    out: list[tuple[str, int, int]] = []
    i, n = 0, len(chars)
    while i < n:
        ch, start, end = chars[i]
        if ch in _LONG_VOWEL_MARKS and out and _is_kana(out[-1][0]):
            out[-1] = (out[-1][0], out[-1][1], end)
            i += 1
            continue
        j = i
        while j + 1 < n and chars[j + 1][0] == ch:
            j += 1
        if j - i >= 2 and not ch.isdigit():
            out.append((ch, start, chars[j][2]))
        else:
            out.extend(chars[i : j + 1])
        i = j + 1
    return out


def _substitute(chars: list[tuple[str, int, int]]) -> tuple[list[tuple[str, int, int]], list[tuple[int, int, str, str]]]:
    text = "".join(c for c, _, _ in chars)
    out: list[tuple[str, int, int]] = []
    applied: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(chars):
        for source, target in SUBSTITUTIONS:
            if text.startswith(source, i):
                s, e = chars[i][1], chars[i + len(source) - 1][2]
                out.extend((c, s, e) for c in target)
                applied.append((s, e, source, target))
                i += len(source)
                break
        else:
            out.append(chars[i])
            i += 1
    return out, applied


@dataclass(frozen=True, slots=True)
class Folding:
    normalized: Layer
    folded: Layer
    substitutions: tuple[tuple[int, int, str, str], ...]  # original start, end, source, canonical


def fold_chars(layer: Layer) -> tuple[list[tuple[str, int, int]], list[tuple[int, int, str, str]]]:
    chars = [(katakana_to_hiragana(c), s, e) for c, s, e in zip(layer.text, layer.starts, layer.ends)]
    chars = _shorten(_drop_separators(chars))
    return _substitute(chars)


def fold_text(text: str) -> Folding:
    normalized = normalize_layer(text)
    chars, applied = fold_chars(normalized)
    folded = Layer("".join(c for c, _, _ in chars), tuple(s for _, s, _ in chars), tuple(e for _, _, e in chars))
    return Folding(normalized, folded, tuple(applied))


def fold(term: str) -> str:
    """Fold a lexicon term the way document text is folded."""
    return fold_text(term).folded.text
