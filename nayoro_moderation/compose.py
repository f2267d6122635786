"""Composed rules: classes of words that must occur together, in order, near each other, in one
clause or sentence (DESIGN §4).  Works on the sorted lexicon hits of one document, so a rule whose
classes are absent from a text costs one dictionary look-up."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Annotated, Literal

from .validation import Record, between

# Where a clause ends: a sentence end, a comma, a line.  Sentence ends are context.toml's.
_CLAUSE_BREAKS = "、，,"


@dataclass(frozen=True, slots=True, kw_only=True)
class ComposeSpec(Record):
    """``parts``: class ids, each part one class or several joined by ``|`` (either will do)."""

    parts: tuple[str, ...]
    ordered: bool = True  # parts in the order written; False: in any order
    within: Annotated[int, between(0, 200)] = 15  # characters between one part and the next
    scope: Literal["clause", "sentence", "next_sentence"] = "sentence"
    # Classes that cancel the match when a word of theirs lies within ``within`` of it, in scope:
    # 俺・私 before an insult (said of oneself), 〜に注意 after a crime word.
    unless: tuple[str, ...] = ()
    report: Literal["all", "first", "last"] = "all"  # the span a finding reports

    def _check(self):
        if not self.parts:
            raise ValueError("[compose] needs at least one part")
        return self

    def classes(self) -> set[str]:
        return {c for part in self.parts + self.unless for c in part.split("|")}


@dataclass(frozen=True, slots=True)
class LexHit:
    lexicon: str
    kind: str
    word: str
    start: int
    end: int
    hiding: str | None  # how an obfuscated spelling was read, when it was


class Scopes:
    """Clause and sentence numbers of original offsets, computed once per document."""

    def __init__(self, text: str, sentence_ends: str):
        self._sentences = [i for i, ch in enumerate(text) if ch in sentence_ends]
        self._clauses = [i for i, ch in enumerate(text) if ch in sentence_ends or ch in _CLAUSE_BREAKS]

    def apart(self, scope: str, a: LexHit, b: LexHit) -> bool:
        """Whether two hits lie outside one scope."""
        lo, hi = (a, b) if a.start <= b.start else (b, a)
        if scope == "clause":
            return bisect.bisect_left(self._clauses, lo.start) != bisect.bisect_left(self._clauses, hi.end - 1)
        gap = bisect.bisect_left(self._sentences, hi.end - 1) - bisect.bisect_left(self._sentences, lo.start)
        return gap > (1 if scope == "next_sentence" else 0)


def _gap(chain_start: int, chain_end: int, hit: LexHit) -> int:
    if hit.start >= chain_end:
        return hit.start - chain_end
    if hit.end <= chain_start:
        return chain_start - hit.end
    return -1  # overlaps


def compose(spec: ComposeSpec, hits: dict[str, list[LexHit]], scopes: Scopes):
    """The chains of hits that satisfy a spec: one per hit of its first part that starts a chain."""
    parts = []
    for part in spec.parts:
        found = sorted((h for c in part.split("|") for h in hits.get(c, ())), key=lambda h: (h.start, -h.end))
        if not found:
            return
        parts.append(found)
    vetoes = [h for c in spec.unless for h in hits.get(c, ())]
    used_until = -1
    for first in parts[0]:
        if first.start < used_until:
            continue  # inside a chain already reported
        chain = [first]
        lo, hi = first.start, first.end
        for candidates in parts[1:]:
            best = None
            for h in candidates:
                gap = _gap(lo, hi, h)
                if gap < 0 or gap > spec.within or (spec.ordered and h.start < hi):
                    continue
                if any(scopes.apart(spec.scope, c, h) for c in chain):
                    continue
                if best is None or gap < _gap(lo, hi, best):
                    best = h
            if best is None:
                break
            chain.append(best)
            lo, hi = min(lo, best.start), max(hi, best.end)
        else:
            if any(0 <= _gap(lo, hi, v) <= spec.within or _gap(lo, hi, v) < 0 for v in vetoes if not any(scopes.apart(spec.scope, c, v) for c in chain)):
                continue
            used_until = hi
            yield chain


def reported_span(spec: ComposeSpec, chain: list[LexHit]) -> tuple[int, int]:
    if spec.report == "first":
        return chain[0].start, chain[0].end
    if spec.report == "last":
        return chain[-1].start, chain[-1].end
    return min(h.start for h in chain), max(h.end for h in chain)


def evidence(chain: list[LexHit]) -> dict[str, str]:
    words = " ＋ ".join(f"{h.lexicon}「{h.word}」" for h in chain)
    out = {"一致": "語彙の組み合わせ", "語彙": words}
    hiding = [h.hiding for h in chain if h.hiding]
    if hiding:
        out["難読化"] = "、".join(hiding)
    return out
