"""Detectors: code where a word list is not enough (DESIGN §5).

Each module of this package defines ``DETECTORS``, a list of :class:`Detector` instances; the
Moderator collects them all, so adding a detector means adding a module and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

import ahocorasick

from ..categories import MODES, Category, Severity, allowed_in
from ..document import Document
from ..engine import Candidate, kept_required_literals
from ..request import Request
from ..rules import ContextSpec, Examples
from ..validation import validate


class Detector:
    """Same metadata as a rule file; ``find`` yields candidates that then go through context."""

    id: str
    name: str
    category: Category
    severity: Severity
    modes: tuple[str, ...] = MODES
    score: float = 0.8
    message: str  # may use {matched} and {target}
    explanation: str
    # Specs written in code are built without validation, and the examples are validated when first
    # read (ExamplesOnFirstRead): importing the detectors must not import pydantic, a quarter of the
    # start-up budget.  The test suite validates them all.
    context: ContextSpec = ContextSpec(quoted="keep", warning="keep", idioms="keep")
    examples: Examples
    path = ""
    # Literals of the normalized text one of which every text the detector can find something in
    # holds.  The Moderator calls ``find`` only on a text that holds one (DetectorGate: one pass for
    # all detectors); a detector without them is called for every text.
    needs: tuple[str, ...] = ()

    @property
    def active_modes(self) -> tuple[str, ...]:
        return tuple(m for m in self.modes if allowed_in(self.category, m))

    def find(self, doc: Document, request: Request) -> Iterable[Candidate]:
        raise NotImplementedError

    def candidate(self, start: int, end: int, **evidence: str) -> Candidate:
        return Candidate(self, start, end, dict(evidence))


class ExamplesOnFirstRead:
    """A detector's ``examples``, validated into :class:`Examples` when first read (by the tests,
    ``explain`` and ``test-rules``; a check never reads them)."""

    def __init__(self, **data):
        self._data = data

    def __set_name__(self, owner, name: str):
        self._name = name

    def __get__(self, instance, owner) -> Examples:
        examples = validate(Examples, self._data)
        setattr(owner, self._name, examples)
        return examples


def needs_of(*patterns, words: Iterable[str] = ()) -> tuple[str, ...]:
    """``needs`` for a detector that looks further only when one of the patterns matches or one of the
    words occurs: the words, and for each pattern the literals one of which every match holds
    (prefilter.required_literals, as for rule patterns).  Empty, so that the detector runs on every
    text, when a pattern holds no literal for sure."""
    needs = list(words)
    for pattern in patterns:
        sets = kept_required_literals(pattern.pattern)
        if not sets:
            return ()
        needs += min(sets, key=len)
    return tuple(dict.fromkeys(needs))


class DetectorGate:
    """Which detectors may find something in a text, from their ``needs``: single characters are looked
    for with ``in``, longer literals in one Aho-Corasick pass over the normalized text."""

    def __init__(self, detectors: Iterable[Detector]):
        self.detectors = tuple(detectors)
        self._always = frozenset(d for d in self.detectors if not d.needs)
        self._by_char: dict[str, set[Detector]] = defaultdict(set)
        by_literal: dict[str, set[Detector]] = defaultdict(set)
        for d in self.detectors:
            for literal in d.needs:
                (self._by_char if len(literal) == 1 else by_literal)[literal].add(d)
        self._automaton = ahocorasick.Automaton()
        for literal, ds in by_literal.items():
            self._automaton.add_word(literal, frozenset(ds))
        self._empty = not by_literal
        if not self._empty:
            self._automaton.make_automaton()

    def runnable(self, text: str) -> set[Detector]:
        found = set(self._always)
        for ch, ds in self._by_char.items():
            if ch in text:
                found |= ds
        if not self._empty:
            for _, ds in self._automaton.iter(text):
                found |= ds
        return found


@cache
def all_detectors() -> tuple[Detector, ...]:
    found: list[Detector] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "DETECTORS", ()))
    return tuple(found)
