"""Composed rules: classes of words that must occur together, in order, near each other, in one
clause or sentence (DESIGN §4).  Works on the sorted lexicon hits of one document, so a rule whose
classes are absent from a text costs one dictionary look-up."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Annotated, Literal

from .validation import Record, between

# Where a clause ends: a sentence end, a comma, a line.  Sentence ends are context.toml's.
_CLAUSE_BREAKS = "、，,"


@dataclass(frozen=True, slots=True, kw_only=True)
class ComposeSpec(Record):
    """``parts``: class ids, each part one class or several joined by ``|`` (either will do); a class
    id followed by ``.kind`` takes only the words of that kind (``violence.command``)."""

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
        return {c.partition(".")[0] for part in self.parts + self.unless for c in part.split("|")}


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
        ends = re.escape(sentence_ends)
        self._sentences = [m.start() for m in re.finditer(f"[{ends}]", text)]
        self._clauses = [m.start() for m in re.finditer(f"[{ends}{re.escape(_CLAUSE_BREAKS)}]", text)]

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


def _of(hits: dict[str, list[LexHit]], part: str) -> list[LexHit]:
    found = []
    for alternative in part.split("|"):
        name, _, kind = alternative.partition(".")
        found += [h for h in hits.get(name, ()) if not kind or h.kind == kind]
    return sorted(found, key=lambda h: (h.start, -h.end))


# Longer than any lexicon word: how far before a chain a hit may start and still reach it.
_LONGEST_WORD = 40


def _near(found: list[LexHit], starts: list[int], lo: int, hi: int, within: int) -> list[LexHit]:
    """The hits that may lie within ``within`` of the span lo..hi: found by bisection, so a long text
    with many hits costs in proportion to its length."""
    return found[bisect.bisect_left(starts, lo - within - _LONGEST_WORD) : bisect.bisect_right(starts, hi + within)]


def compose(spec: ComposeSpec, hits: dict[str, list[LexHit]], scopes: Scopes):
    """The chains of hits that satisfy a spec: one per hit of its first part that starts a chain."""
    parts = []
    for part in spec.parts:
        found = _of(hits, part)
        if not found:
            return
        parts.append((found, [h.start for h in found]))
    vetoes = sorted((h for part in spec.unless for h in _of(hits, part)), key=lambda h: h.start)
    veto_starts = [h.start for h in vetoes]
    used_until = -1
    for first in parts[0][0]:
        if first.start < used_until:
            continue  # inside a chain already reported
        chain = [first]
        lo, hi = first.start, first.end
        for found, starts in parts[1:]:
            best, best_gap = None, None
            for h in _near(found, starts, lo, hi, spec.within):
                gap = _gap(lo, hi, h)
                if gap < 0 or gap > spec.within or (spec.ordered and h.start < hi):
                    continue
                if any(scopes.apart(spec.scope, c, h) for c in chain):
                    continue
                if best is None or gap < best_gap:
                    best, best_gap = h, gap
            if best is None:
                break
            chain.append(best)
            lo, hi = min(lo, best.start), max(hi, best.end)
        else:
            near = _near(vetoes, veto_starts, lo, hi, spec.within)
            if any(_gap(lo, hi, v) <= spec.within and not any(scopes.apart(spec.scope, c, v) for c in chain) for v in near):
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
