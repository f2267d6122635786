"""The result model (DESIGN §3): frozen findings and reports a reviewer accepts or dismisses."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_serializer

from . import review
from .categories import Category, Severity


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def json_safe(text: str) -> str:
    """The text with each lone surrogate (a JSON ``\\ud800`` escape in an export) written as U+FFFD,
    one code point for one: UTF-8 cannot hold it, and the offsets into the text still hold.  The
    Python objects keep the original text; only their JSON is written so."""
    return _LONE_SURROGATE.sub("\ufffd", text)


# defer_build: a Report is made from the Moderator's Review with model_construct (it computed and
# typed every field itself), so a check builds no schema; dumping or validating one builds it.
class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    rule_id: str
    category: Category
    severity: Severity
    start: int = Field(ge=0, description="code point offset into the original text")
    end: int = Field(ge=0)
    matched: str
    message: str
    explanation: str
    clause: str
    clause_text: str
    action: str
    score: float = Field(ge=0.0, le=1.0)
    evidence: dict[str, str] = Field(default_factory=dict)

    @field_serializer("matched", "message", when_used="json")
    def _json_text(self, value: str) -> str:
        return json_safe(value)

    @field_serializer("evidence", when_used="json")
    def _json_evidence(self, value: dict[str, str]) -> dict[str, str]:
        return {k: json_safe(v) for k, v in value.items()}


class SkippedCheck(BaseModel):
    """A rule or detector that timed out on the text: its findings may be missing."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    rule_id: str
    reason: str


class Report(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    text: str
    mode: str
    findings: tuple[Finding, ...] = ()
    checklist: tuple[str, ...] = ()
    skipped: tuple[SkippedCheck, ...] = ()

    @field_serializer("text", when_used="json")
    def _json_text(self, value: str) -> str:
        return json_safe(value)

    @computed_field
    @property
    def flagged(self) -> bool:
        return bool(self.findings)

    @computed_field
    @property
    def max_severity(self) -> Severity | None:
        return review.max_severity(self.findings)

    @computed_field
    @property
    def categories(self) -> tuple[Category, ...]:
        return review.categories(self.findings)

    def at_least(self, severity: Severity) -> tuple[Finding, ...]:
        return review.at_least(self.findings, severity)

    def redacted_text(self, mask: str = "＊") -> str:
        """The text with privacy and security spans masked, to share a finding without the data."""
        return review.redacted(self.text, self.findings, mask)

    @classmethod
    def of(cls, result: review.Review) -> Report:
        findings = tuple(Finding.model_construct(**hit.fields()) for hit in result.findings)
        skipped = tuple(SkippedCheck.model_construct(rule_id=s.rule_id, reason=s.reason) for s in result.skipped)
        return cls.model_construct(
            text=result.text, mode=result.mode, findings=findings, checklist=result.checklist, skipped=skipped
        )

