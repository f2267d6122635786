"""What a check found, as plain records: the Moderator's own result, which ``Moderator.check`` turns
into the public pydantic Report and the command line prints as it is.  The command line must start
in under 0.5 s and importing pydantic takes 0.13–0.2 s of that (validation.py), so nothing a check
needs imports it; the functions here are what Report and Review share."""

from __future__ import annotations

from typing import NamedTuple

from .categories import Category, Severity

# Categories whose matched text is itself the sensitive data; redaction masks them.
REDACTED_CATEGORIES = frozenset({Category.PRIVACY, Category.SECURITY})


class Hit(NamedTuple):
    """One finding, with the fields of report.Finding (DESIGN §3)."""

    rule_id: str
    category: Category
    severity: Severity
    start: int
    end: int
    matched: str
    message: str
    explanation: str
    clause: str
    clause_text: str
    action: str
    score: float
    evidence: dict[str, str]

    def fields(self) -> dict:
        return self._asdict()

    def as_json(self) -> dict:
        """What ``Finding.model_dump(mode="json")`` gives for the same finding."""
        return {**self.fields(), "category": self.category.value, "severity": self.severity.value, "evidence": dict(self.evidence)}


# What the reviewer reads for a check that did not run to its end on a text (issue 17).
SKIPPED_NOTE = "このルールは時間切れのため適用されていません"


class Skipped(NamedTuple):
    """A rule or detector that timed out on this text: its findings may be missing."""

    rule_id: str
    reason: str

    def as_json(self) -> dict:
        return {"rule_id": self.rule_id, "reason": self.reason}


def max_severity(findings) -> Severity | None:
    return max((f.severity for f in findings), key=lambda s: s.rank, default=None)


def categories(findings) -> tuple[Category, ...]:
    return tuple(dict.fromkeys(f.category for f in findings))


def at_least(findings, severity: Severity) -> tuple:
    return tuple(f for f in findings if f.severity.rank >= severity.rank)


def redacted(text: str, findings, mask: str) -> str:
    """The text with privacy and security spans masked, to share a finding without the data."""
    chars = list(text)
    for f in findings:
        if f.category in REDACTED_CATEGORIES:
            for i in range(f.start, f.end):
                chars[i] = mask if not chars[i].isspace() else chars[i]
    return "".join(chars)


class Review(NamedTuple):
    """A checked text and its findings (sorted by start), with Report's fields and methods."""

    text: str
    mode: str
    findings: tuple[Hit, ...] = ()
    checklist: tuple[str, ...] = ()
    skipped: tuple[Skipped, ...] = ()

    @property
    def flagged(self) -> bool:
        return bool(self.findings)

    @property
    def max_severity(self) -> Severity | None:
        return max_severity(self.findings)

    @property
    def categories(self) -> tuple[Category, ...]:
        return categories(self.findings)

    def at_least(self, severity: Severity) -> tuple[Hit, ...]:
        return at_least(self.findings, severity)

    def redacted_text(self, mask: str = "＊") -> str:
        return redacted(self.text, self.findings, mask)

    def as_json(self, findings: tuple[Hit, ...] | None = None) -> dict:
        """What ``Report.model_dump(mode="json")`` gives, for these findings (default: all)."""
        findings = self.findings if findings is None else findings
        severity = max_severity(findings)
        return {
            "text": self.text,
            "mode": self.mode,
            "findings": [f.as_json() for f in findings],
            "checklist": list(self.checklist),
            "flagged": bool(findings),
            "max_severity": severity.value if severity else None,
            "categories": [c.value for c in categories(findings)],
            "skipped": [s.as_json() for s in self.skipped],
        }
