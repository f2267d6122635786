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


@cache
def all_detectors() -> tuple[Detector, ...]:
    found: list[Detector] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "DETECTORS", ()))
    return tuple(found)
