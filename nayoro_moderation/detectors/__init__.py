"""Detectors: code where a word list is not enough (DESIGN §5).

Each module of this package defines ``DETECTORS``, a list of :class:`Detector` instances; the
Moderator collects them all, so adding a detector means adding a module and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import cache

from ..categories import MODES, Category, Severity, allowed_in
from ..document import Document
from ..engine import Candidate
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


@cache
def all_detectors() -> tuple[Detector, ...]:
    found: list[Detector] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "DETECTORS", ()))
    return tuple(found)
