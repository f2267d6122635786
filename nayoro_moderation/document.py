"""A text prepared once for every rule and detector: original, folded layers and Sudachi morphemes."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property

from .normalize import Folding, Layer, fold_text, katakana_to_hiragana

_local = threading.local()
_dictionary_lock = threading.Lock()
_dictionary = None

# Sudachi refuses input above this many bytes; longer texts are tokenized in pieces.
_SUDACHI_MAX_BYTES = 40_000


def _tokenizer():
    """One Sudachi dictionary per process, one tokenizer per thread (tokenizers are not thread-safe)."""
    global _dictionary
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import Dictionary, SplitMode

        with _dictionary_lock:
            if _dictionary is None:
                _dictionary = Dictionary()
        tokenizer = _local.tokenizer = _dictionary.tokenizer(mode=SplitMode.C)
    return tokenizer


@dataclass(frozen=True, slots=True)
class Morpheme:
    surface: str
    normalized: str
    lemma: str
    reading: str  # hiragana
    pos: tuple[str, ...]
    begin: int
    end: int

    @property
    def conjugation(self) -> str:
        return self.pos[5]


def _pieces(text: str):
    """Split a long text into pieces Sudachi accepts, at line ends where possible."""
    if len(text.encode("utf-8")) <= _SUDACHI_MAX_BYTES:
        yield 0, text
        return
    step = _SUDACHI_MAX_BYTES // 4  # at most 4 bytes per code point
    start = 0
    while start < len(text):
        end = min(start + step, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


def tokenize(text: str) -> tuple[Morpheme, ...]:
    from sudachipy import SplitMode

    tokenizer = _tokenizer()
    morphemes: list[Morpheme] = []
    for offset, piece in _pieces(text):
        for m in tokenizer.tokenize(piece, SplitMode.C):
            if m.begin() == m.end():
                continue
            morphemes.append(
                Morpheme(
                    surface=m.surface(),
                    normalized=m.normalized_form(),
                    lemma=m.dictionary_form(),
                    reading=katakana_to_hiragana(m.reading_form()),
                    pos=tuple(m.part_of_speech()),
                    begin=offset + m.begin(),
                    end=offset + m.end(),
                )
            )
    return tuple(morphemes)


class Document:
    """Original text, its folded layers and its morphemes, built once per text."""

    def __init__(self, text: str):
        self.text = text
        folding: Folding = fold_text(text)
        self.normalized: Layer = folding.normalized
        self.folded: Layer = folding.folded
        self.substitutions = folding.substitutions
        self.morphemes = tokenize(text)

    @cached_property
    def token_starts(self) -> dict[int, int]:
        """Original offset → index of the morpheme that begins there."""
        return {m.begin: i for i, m in enumerate(self.morphemes)}

    @cached_property
    def token_ends(self) -> dict[int, int]:
        return {m.end: i for i, m in enumerate(self.morphemes)}

    def morpheme_at(self, offset: int) -> int | None:
        """Index of the morpheme covering the original offset."""
        lo, hi = 0, len(self.morphemes)
        while lo < hi:
            mid = (lo + hi) // 2
            m = self.morphemes[mid]
            if m.end <= offset:
                lo = mid + 1
            elif m.begin > offset:
                hi = mid
            else:
                return mid
        return None

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an original offset."""
        line = self.text.count("\n", 0, offset) + 1
        col = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, col
