"""A text prepared once for every rule and detector: original, folded layers and Sudachi morphemes."""

from __future__ import annotations

import bisect
import threading
from functools import cached_property
from typing import NamedTuple

from .normalize import Folding, Layer, fold_text, katakana_to_hiragana
from .re_cache import compile_re

_local = threading.local()
_LONE_SURROGATE = compile_re("[\ud800-\udfff]")
_dictionary_lock = threading.Lock()
_dictionary = None

# Sudachi refuses input above this many bytes; longer texts are tokenized in pieces.
_SUDACHI_MAX_BYTES = 40_000
# A Sudachi tokenizer keeps the buffers its longest input needed, and every later text pays for them:
# after one text of 1,000 characters short comments ran at 0.89x, after 4,000 at 0.82x, after
# 16,000 at 0.58x (a text of 500: 0.98x).  A new tokenizer costs about 25 us (0.2 us to make, the
# rest its first buffers), so the thread's tokenizer is replaced after any text longer than this.
_RENEW_AFTER_CHARS = 500


def _tokenizer(renew: bool = False):
    """One Sudachi dictionary per process, one tokenizer per thread (tokenizers are not thread-safe);
    ``renew`` replaces the thread's tokenizer with a new one."""
    global _dictionary
    tokenizer = None if renew else getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import Dictionary, SplitMode

        with _dictionary_lock:
            if _dictionary is None:
                _dictionary = Dictionary()
        tokenizer = _local.tokenizer = _dictionary.tokenizer(mode=SplitMode.C)
    return tokenizer


class Morpheme(NamedTuple):
    # A NamedTuple rather than a frozen dataclass: built for every token of every text, and a
    # frozen dataclass's __init__ costs several times more.
    surface: str
    normalized: str
    lemma: str
    reading: str  # hiragana
    pos: tuple[str, ...]
    begin: int
    end: int
    # Sudachi's word id for a dictionary word, -1 for one it made up (unknown words): what a lookup
    # that depends only on the dictionary entry may be remembered by.
    word_id: int = -1

    @property
    def conjugation(self) -> str:
        return self.pos[5]


def _pieces(text: str):
    """Split a long text into pieces Sudachi accepts, at line ends where possible."""
    # At most 4 bytes a code point: a text this short fits without encoding it to count its bytes.
    if len(text) * 4 <= _SUDACHI_MAX_BYTES or len(text.encode("utf-8")) <= _SUDACHI_MAX_BYTES:
        return ((0, text),)
    return _cut(text)


def _cut(text: str):
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


# A dictionary word's normalized form, dictionary form, reading and part of speech depend on its word
# id alone: read them from Sudachi once per word per process.  Out-of-vocabulary words (ids from
# _OOV_WORD_ID up) are made from their surface and are read every time.
_OOV_WORD_ID = 0xF0000000
_MAX_CACHED_WORDS = 200_000
_word_fields: dict[int, tuple[str, str, str, tuple[str, ...]]] = {}
_pos_by_id: dict[int, tuple[str, ...]] = {}
_new_morpheme = tuple.__new__


def _fields(m) -> tuple[str, str, str, tuple[str, ...]]:
    pos_id = m.part_of_speech_id()
    pos = _pos_by_id.get(pos_id)
    if pos is None:
        pos = _pos_by_id[pos_id] = tuple(m.part_of_speech())
    return m.normalized_form(), m.dictionary_form(), katakana_to_hiragana(m.reading_form()), pos


def tokenize(text: str) -> tuple[Morpheme, ...]:
    tokenizer = _tokenizer()
    morphemes: list[Morpheme] = []
    append = morphemes.append
    word_fields = _word_fields
    for offset, piece in _pieces(text):
        # Sudachi's morphemes tile its input and each surface is the input's own slice, so offsets
        # are the running sum of surface lengths: two calls into Sudachi fewer per token
        # (tests/test_document.py holds this against begin() and end()).
        begin = offset
        for m in tokenizer.tokenize(piece):
            surface = m.surface()
            if not surface:
                continue
            end = begin + len(surface)
            word_id = m.word_id()
            if word_id < _OOV_WORD_ID:
                fields = word_fields.get(word_id)
                if fields is None:
                    fields = _fields(m)
                    if len(word_fields) < _MAX_CACHED_WORDS:
                        word_fields[word_id] = fields
            else:
                fields, word_id = _fields(m), -1
            # Unpacked and built as one tuple: (surface, *fields, ...) builds a list first, and this
            # line runs for every token of every text.
            normalized, lemma, reading, pos = fields
            append(_new_morpheme(Morpheme, (surface, normalized, lemma, reading, pos, begin, end, word_id)))
            begin = end
        if len(piece) > _RENEW_AFTER_CHARS:
            tokenizer = _tokenizer(renew=True)
    return tuple(morphemes)


class Document:
    """Original text, its folded layers and its morphemes, built once per text."""

    def __init__(self, text: str):
        self.text = text
        self._folding: Folding = fold_text(text)
        self.normalized: Layer = self._folding.normalized
        self.folded: Layer = self._folding.folded
        # A lone surrogate (a JSON \ud800 escape in an export) cannot be handed to Sudachi as UTF-8;
        # U+FFFD takes its place, one code point for one, so offsets stay those of the original.
        self.morphemes = tokenize(_LONE_SURROGATE.sub("\ufffd", text) if _LONE_SURROGATE.search(text) else text)
        self._derived: dict = {}
        # Checks that could not finish on this text (a pattern's timeout), with why: the reviewer
        # must be told, since a finding they would have made is missing.
        self.skipped: dict[str, str] = {}

    def skip(self, check_id: str, reason: str) -> None:
        import logging  # here: a skipped check is rare, and logging's import was 3 ms of every start

        logging.getLogger(__name__).warning("%s skipped on a text of %d characters: %s", check_id, len(self.text), reason)
        self.skipped.setdefault(check_id, reason)

    def derived(self, make):
        """``make(self)``, computed once per document: what several detectors need about the whole
        text (the people it names) must not be worked out again near each of their candidates."""
        try:
            return self._derived[make]
        except KeyError:
            value = self._derived[make] = make(self)
            return value

    @cached_property
    def substitutions(self):
        """Known substitutions (氏ね → しね …) with their original spans, in text order."""
        return self._folding.substitutions

    @cached_property
    def _substitution_ends(self) -> list[int]:
        return [sub.end for sub in self.substitutions]

    def substituted(self, start: int, end: int) -> bool:
        """Whether a known substitution overlaps the original span: found by bisection (they never
        overlap each other, so their ends rise with their starts), as a text of thousands of 氏ね asks
        for each of its matches."""
        i = bisect.bisect_right(self._substitution_ends, start)
        return i < len(self.substitutions) and self.substitutions[i].start < end

    @cached_property
    def begins(self) -> list[int]:
        """Each morpheme's original start, in order: bisected for the morphemes near an offset (a
        list is built several times faster than a map of offsets, and most texts ask a few times)."""
        return [m.begin for m in self.morphemes]

    @cached_property
    def ends(self) -> list[int]:
        return [m.end for m in self.morphemes]

    def token_starting(self, offset: int) -> int | None:
        """Index of the morpheme that begins at the original offset, if one does."""
        i = bisect.bisect_left(self.begins, offset)
        return i if i < len(self.morphemes) and self.begins[i] == offset else None

    def ends_a_token(self, offset: int) -> bool:
        i = bisect.bisect_left(self.ends, offset)
        return i < len(self.morphemes) and self.ends[i] == offset

    def morphemes_within(self, lo: int, hi: int):
        """The morphemes that lie wholly inside the original span ``[lo, hi)``, in order: found by
        bisection, so looking near each of many findings in a long text stays cheap."""
        i = bisect.bisect_left(self.begins, lo)
        ms = self.morphemes
        while i < len(ms) and ms[i].end <= hi:
            yield ms[i]
            i += 1

    def morpheme_at(self, offset: int) -> int | None:
        """Index of the morpheme covering the original offset."""
        i = bisect.bisect_right(self.begins, offset) - 1
        return i if i >= 0 and self.morphemes[i].end > offset else None

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an original offset."""
        line = self.text.count("\n", 0, offset) + 1
        col = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return line, col
