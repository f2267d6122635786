"""The Moderator: rules and detectors applied to a text, judged in context, returned as a Report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .categories import MODES, action_for, clause_for
from .context import TextContext, find_any
from .derived_cache import DerivedCache
from .detectors import Detector, DetectorGate, all_detectors
from .document import Document
from .engine import Candidate, RuleMatcher
from .gc_pause import gc_paused
from .lexicons import load_lexicons
from .normalize import folded_term
from .policy import Policy
from .request import Request
from .review import Hit, Review, Skipped
from .rules import Rule, bundled_rules_dir, load_rules
from .windows import windows

if TYPE_CHECKING:
    from .report import Report

_TARGET_BONUS = 0.15
_OBFUSCATION_BONUS = 0.05
# A bulk scan compiles new patterns for a while; rewriting the cache file after each would cost more
# than it saves.
_CACHE_SAVE_SECONDS = 30.0
# Texts that check_many reviews together, a stage at a time (as scan's batches of records are).
BATCH_TEXTS = 128


@cache
def _folded_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f for f in map(folded_term, terms) if f)


class Moderator:
    """Reviews drafts and comments.  Cheap to call and safe to reuse; build one per thread/process."""

    def __init__(
        self,
        policy: Policy | None = None,
        rules: Iterable[str | Path] = (),
        *,
        bundled: bool = True,
        detectors: Iterable[Detector] | None = None,
    ):
        with gc_paused():  # everything made here lasts (gc_pause.py)
            self.policy = policy or Policy.default()
            folders = [bundled_rules_dir()] if bundled else []
            folders += [Path(p) for p in rules] + self.policy.rule_folders()
            self.rules: list[Rule] = load_rules(folders)
            self.detectors: tuple[Detector, ...] = tuple(all_detectors() if detectors is None else detectors)
            # Word classes are shared vocabulary, not checks: the bundled ones are there for every pack
            # (a local pack's rules compose them and its lexicons extend them) even without the bundled rules.
            self.lexicons = load_lexicons(list({p.resolve(): p for p in [bundled_rules_dir(), *folders]}.values()))
            self._matcher = RuleMatcher(self.rules, self.lexicons)
            self._detector_gate = DetectorGate(self.detectors)
            DerivedCache.shared().save()

    @property
    def checks(self) -> list[Rule | Detector]:
        return [*self.rules, *self.detectors]

    def check(self, text: str, mode: str = "draft", **options) -> Report:
        """The findings in a text as a pydantic Report (DESIGN §3); ``options`` are review's:
        ``context`` (the parent post), ``posted_at``, ``account``."""
        from .report import Report  # pydantic: imported by the first check that returns a Report

        return Report.of(self.review(text, mode, **options))

    def check_many(self, texts: Iterable[str], mode: str = "draft", **options) -> Iterator[Report]:
        """``check`` of each text, in order, reviewed a batch at a time (``review_batch``)."""
        from .report import Report

        batch: list[Request] = []
        for text in texts:
            batch.append(self.request(text, mode, **options))
            if len(batch) == BATCH_TEXTS:
                yield from map(Report.of, self.review_batch(batch))
                batch = []
        if batch:
            yield from map(Report.of, self.review_batch(batch))

    def request(
        self,
        text: str,
        mode: str = "draft",
        *,
        context: str | None = None,
        posted_at: datetime | None = None,
        account: str = "official",
    ) -> Request:
        """One text to review and what is known about it, checked: ``review``'s arguments."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        return Request(text, mode, self.policy, context, posted_at, account)

    def review(self, text: str, mode: str = "draft", **options) -> Review:
        """What ``check`` finds, as plain records (review.py) in place of pydantic models: what the
        command line prints, without the import of pydantic that a Report brings."""
        return self.review_batch([self.request(text, mode, **options)])[0]

    def review_batch(self, requests: Sequence[Request]) -> list[Review]:
        """``review`` of each request, in order.  Each stage runs over the whole batch before the next
        (every Document, then the rules on each, then each detector on each, then judging): a stage's
        code and tables stay in the CPU's caches from one text to the next, where one text at a time
        ran every stage on cold caches (128 texts: 1.2x faster, the same findings).  A very long text
        is checked in overlapping windows (windows.py), each a batch item of its own; a finding
        belongs to the window whose core holds its start."""
        pieces = [(i, window) for i, r in enumerate(requests) for window in windows(r.text)]
        docs = [Document(requests[i].text[w.start : w.end]) for i, w in pieces]
        candidates = [list(self._matcher.candidates(doc, requests[i].mode)) for doc, (i, _) in zip(docs, pieces)]
        runnable = [self._detector_gate.runnable(doc.normalized.text) for doc in docs]
        batch_modes = {r.mode for r in requests}
        for detector in self.detectors:
            modes = detector.active_modes
            if batch_modes.isdisjoint(modes):
                continue  # a draft-only detector in a batch of comments: not looked at text by text
            for doc, (i, _), found, may in zip(docs, pieces, candidates, runnable):
                if detector in may and requests[i].mode in modes:
                    try:
                        found.extend(detector.find(doc, requests[i]))
                    except TimeoutError:  # one of its patterns ran out of time (lazy_regex)
                        doc.skip(detector.id, f"検出器のパターンが {len(doc.text):,} 文字の文で時間切れ")
        findings: list[list[Hit]] = [[] for _ in requests]
        skipped: list[dict[str, Skipped]] = [{} for _ in requests]
        for doc, (i, window), found in zip(docs, pieces, candidates):
            text_context = TextContext(doc)
            for candidate in found:
                hit = self._judge(candidate, text_context, requests[i].mode)
                if hit is not None and window.core_start <= hit.start + window.start < window.core_end:
                    findings[i].append(hit._replace(start=hit.start + window.start, end=hit.end + window.start) if window.start else hit)
            for check_id, reason in doc.skipped.items():
                skipped[i].setdefault(check_id, Skipped(check_id, reason))
        results = []
        for request, hits, missed in zip(requests, findings, skipped):
            hits = _without_overlaps(hits)
            results.append(Review(request.text, request.mode, tuple(hits), self._checklist(hits, request), tuple(missed.values())))
        DerivedCache.shared().save(at_most_every=_CACHE_SAVE_SECONDS)  # the patterns these texts compiled
        return results

    def _judge(self, candidate: Candidate, ctx: TextContext, mode: str) -> Hit | None:
        check = candidate.check
        if mode not in check.active_modes:
            return None
        spec = check.context
        start, end = candidate.start, candidate.end
        evidence = dict(candidate.evidence)
        if spec.idioms == "drop" and ctx.idiom(start, end):
            return None
        before, inside, after = ctx.around(start, end, spec.window)
        near = before + inside + after
        if spec.exclude_any and find_any(near, _folded_terms(spec.exclude_any)):
            return None
        if spec.require_any:
            word = find_any(near, _folded_terms(spec.require_any))
            if word is None:
                return None
            evidence["文脈語"] = word
        target = ctx.target(start, end, spec.window) if spec.target != "ignore" else None
        if spec.target == "required" and target is None:
            return None
        if target:
            evidence["対象"] = target
        for switch, probe, label in (
            (spec.quoted, ctx.reported, "引用・伝聞"),
            (spec.negated, ctx.negated, "否定"),
            (spec.warning, ctx.warning, "注意喚起・啓発"),
            (spec.question, ctx.question, "質問"),
        ):
            if switch == "drop" and probe(start, end):
                return None
        score = check.score + (_TARGET_BONUS if target else 0.0) + (_OBFUSCATION_BONUS if "難読化" in evidence else 0.0)
        matched = ctx.doc.text[start:end]
        clause = clause_for(check.category, mode)
        return Hit(
            rule_id=check.id,
            category=check.category,
            severity=check.severity,
            start=start,
            end=end,
            matched=matched,
            message=check.message.format(matched=matched, target=target or ""),
            explanation=check.explanation.strip(),
            clause=clause.label,
            clause_text=clause.text,
            action=action_for(check.severity, mode),
            score=round(min(score, 1.0), 2),
            evidence=evidence,
        )

    def _checklist(self, findings: list[Hit], request: Request) -> tuple[str, ...]:
        if request.mode != "draft":
            return ()
        from .checklist import review_checklist

        return review_checklist(findings, request)


def _without_overlaps(findings: list[Hit]) -> list[Hit]:
    """One finding per place and category: the most severe, then the most certain, then the longest."""
    ranked = sorted(findings, key=lambda f: (-f.severity.rank, -f.score, -(f.end - f.start), f.start, f.rule_id))
    kept: list[Hit] = []
    # Per category, the characters its kept findings cover: a finding is tried against its own span
    # only, so a text with 200,000 findings costs no more per finding than one with two.
    size = max((f.end for f in findings), default=0)
    covered: dict[object, bytearray] = {}
    for f in ranked:
        taken = covered.get(f.category)
        if taken is None:
            taken = covered[f.category] = bytearray(size)
        if taken.find(1, f.start, f.end) != -1:
            continue
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
        kept.append(f)
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule_id))
