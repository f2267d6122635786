"""The result model (DESIGN §3): frozen findings and reports a reviewer accepts or dismisses."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, computed_field

from . import review
from .categories import Category, Severity


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
        findings = tuple(Finding.model_construct(**_encodable(hit.fields())) for hit in result.findings)
        skipped = tuple(SkippedCheck.model_construct(rule_id=s.rule_id, reason=s.reason) for s in result.skipped)
        return cls.model_construct(
            text=_encodable(result.text), mode=result.mode, findings=findings, checklist=result.checklist, skipped=skipped
        )


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(value):
    """Strings with each lone surrogate (from a JSON ``\\ud800`` escape) replaced by U+FFFD, one code
    point for one, so that offsets still hold and ``model_dump_json`` can write UTF-8."""
    if type(value) is str:  # not the str enums (Category, Severity)
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {k: _encodable(v) for k, v in value.items()}
    return value
