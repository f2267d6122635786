"""Composed rules: classes of words that must occur together, in order, near each other, in one
clause or sentence (DESIGN §4).  Works on the sorted lexicon hits of one document, so a rule whose
classes are absent from a text costs one dictionary look-up."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Literal, NamedTuple

from .re_cache import compile_re
from .validation import Record, between

# Where a clause ends: a sentence end, a comma, a line.  Sentence ends are context.toml's.
_CLAUSE_BREAKS = "、，,"
_QUOTED = compile_re(r"「[^「」\n]{1,60}」|『[^『』\n]{1,60}』")


@dataclass(frozen=True, kw_only=True)
class ComposeSpec(Record):
    """``parts``: class ids, each part one class or several joined by ``|`` (either will do); a class
    id followed by ``.kind`` takes only the words of that kind (``violence.command``)."""

    parts: tuple[str, ...]
    ordered: bool = True  # parts in the order written; False: in any order
    # Characters between one part and the next: one bound for every gap, or one per gap in order.
    within: Annotated[int, between(0, 200)] | tuple[Annotated[int, between(0, 200)], ...] = 15
    # "line": anywhere on one line, across sentences (an advert's money talk and its lure)
    scope: Literal["clause", "sentence", "next_sentence", "line"] = "sentence"
    # Classes that cancel the match when a word of theirs lies within ``within`` of it, in scope:
    # 俺・私 before an insult (said of oneself), 〜に注意 after a crime word.
    unless: tuple[str, ...] = ()
    # Classes one of whose words must lie near the match, in scope, or the match is dropped; like
    # ``unless`` they are a condition, not part of the reported span: 副業で月50万 before
    # 詳しくはプロフへ.  A near word counts within ``near_within`` characters of the match (by
    # default ``within``'s widest bound), inside it between two parts too, but never on a part's word.
    near: tuple[str, ...] = ()
    near_within: Annotated[int, between(0, 200)] | None = None
    report: Literal["all", "first", "last"] = "all"  # the span a finding reports
    # "apart": a quoted phrase's words never join the writer's (a title's words beside an insult);
    # "joined": they do, where the quote is what the writer spreads (「全世帯断水」って来てた).
    quotes: Literal["apart", "joined"] = "apart"

    def _check(self):
        if not self.parts:
            raise ValueError("[compose] needs at least one part")
        if isinstance(self.within, tuple) and len(self.within) != len(self.parts) - 1:
            raise ValueError(f"within lists {len(self.within)} bounds for {len(self.parts) - 1} gaps between parts")
        return self

    def gap(self, i: int) -> int:
        """The bound on the gap before part i + 1."""
        return self.within[i] if isinstance(self.within, tuple) else self.within

    @property
    def widest(self) -> int:
        return max(self.within) if isinstance(self.within, tuple) else self.within

    @property
    def near_distance(self) -> int:
        return self.widest if self.near_within is None else self.near_within

    def part_classes(self) -> tuple[frozenset[str], ...]:
        """The classes that must be in a text for a match: for each part and each ``near`` condition,
        the classes its words may come from."""
        return tuple(frozenset(c.partition(".")[0] for c in part.split("|")) for part in self.parts + self.near)

    def classes(self) -> set[str]:
        return {c.partition(".")[0] for part in self.parts + self.unless + self.near for c in part.split("|")}


class LexHit(NamedTuple):
    # A NamedTuple: made for every lexicon word of every text, where a frozen dataclass's __init__
    # cost several times more.
    lexicon: str
    kind: str
    word: str
    start: int
    end: int
    hiding: str | None  # how an obfuscated spelling was read, when it was


_NEWLINE = compile_re("\n")


@cache
def _breaks(sentence_ends: str) -> tuple[re.Pattern, re.Pattern]:
    """The characters that end a sentence, and those that end a clause."""
    ends = re.escape(sentence_ends)
    return compile_re(f"[{ends}]"), compile_re(f"[{ends}{re.escape(_CLAUSE_BREAKS)}]")


class Scopes:
    """Clause and sentence numbers of original offsets, computed once per document."""

    def __init__(self, text: str, sentence_ends: str):
        sentence, clause = _breaks(sentence_ends)
        self._sentences = [m.start() for m in sentence.finditer(text)]
        self._clauses = [m.start() for m in clause.finditer(text)]
        self._lines = [m.start() for m in _NEWLINE.finditer(text)]
        self._quotes = [(m.start() + 1, m.end() - 1) for m in _QUOTED.finditer(text)]
        self._quote_set = frozenset(self._quotes)

    def in_quoted_phrase(self, hit: LexHit) -> bool:
        """Whether a hit lies inside a quoted phrase longer than itself: a title or someone else's
        words (「ちびまる子ちゃん」, 『どろぼうがっこう』), not a word set off for emphasis (「無能」)."""
        if not self._quotes:  # most texts quote nothing: no generator to start
            return False
        return any(a <= hit.start and hit.end <= b and (a, b) != (hit.start, hit.end) for a, b in self._quotes)

    def is_quoted_phrase(self, start: int, end: int) -> bool:
        """Whether a span is a whole quoted phrase: a sign's or a slogan's own message (「韓国人お断り」の
        貼り紙), which the context's quotative check reads, not a title's words."""
        return (start, end) in self._quote_set

    def apart(self, scope: str, a: LexHit, b: LexHit) -> bool:
        """Whether two hits lie outside one scope."""
        lo, hi = (a, b) if a.start <= b.start else (b, a)
        if scope == "clause":
            return bisect.bisect_left(self._clauses, lo.start) != bisect.bisect_left(self._clauses, hi.end - 1)
        if scope == "line":
            return bisect.bisect_left(self._lines, lo.start) != bisect.bisect_left(self._lines, hi.end - 1)
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


def compose(spec: ComposeSpec, hits: dict[str, list[LexHit]], scopes: Scopes, memo: dict | None = None):
    """The chains of hits that satisfy a spec: one per hit of its first part that starts a chain.
    ``memo`` keeps each part's sorted hits for the other rules of the same document."""
    memo = {} if memo is None else memo
    parts = []
    for part in spec.parts:
        entry = memo.get(part)
        if entry is None:
            found = _of(hits, part)
            entry = memo[part] = (found, [h.start for h in found])
        if not entry[0]:
            return
        parts.append(entry)
    vetoes = sorted((h for part in spec.unless for h in _of(hits, part)), key=lambda h: h.start)
    veto_starts = [h.start for h in vetoes]
    conditions = []
    for part in spec.near:
        found = _of(hits, part)
        if not found:
            return
        conditions.append((found, [h.start for h in found]))
    used_until = -1
    for first in parts[0][0]:
        if first.start < used_until:
            continue  # inside a chain already reported
        chain = [first]
        lo, hi = first.start, first.end
        for step, (found, starts) in enumerate(parts[1:]):
            within = spec.gap(step)
            best, best_gap = None, None
            for h in _near(found, starts, lo, hi, within):
                gap = _gap(lo, hi, h)
                if gap < 0 or gap > within or (spec.ordered and h.start < hi):
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
            if spec.quotes == "apart" and len(chain) > 1 and any(scopes.in_quoted_phrase(h) for h in chain) and not scopes.is_quoted_phrase(lo, hi):
                continue  # a title's or a quotation's words put together with the writer's: no composition
            near = _near(vetoes, veto_starts, lo, hi, spec.widest)
            if any(_gap(lo, hi, v) <= spec.widest and not any(scopes.apart(spec.scope, c, v) for c in chain) for v in near):
                continue
            if not all(_found_near(spec, chain, lo, hi, found, starts, scopes) for found, starts in conditions):
                continue
            used_until = hi
            yield chain


def _found_near(spec: ComposeSpec, chain: list[LexHit], lo: int, hi: int, found: list[LexHit], starts: list[int], scopes: Scopes) -> bool:
    """Whether a word of a ``near`` condition lies within its distance of a chain, in scope, on no
    word of the chain itself (予約は in 予約はインスタ is the lure, not the money talk)."""
    distance = spec.near_distance
    for h in _near(found, starts, lo, hi, distance):
        if _gap(lo, hi, h) > distance or any(h.start < c.end and c.start < h.end for c in chain):
            continue
        if not any(scopes.apart(spec.scope, c, h) for c in chain):
            return True
    return False


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
