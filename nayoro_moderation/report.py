"""The result model (DESIGN §3): frozen findings and reports a reviewer accepts or dismisses."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, computed_field

from .categories import Category, Severity

# Categories whose matched text is itself the sensitive data; redaction masks them.
REDACTED_CATEGORIES = frozenset({Category.PRIVACY, Category.SECURITY})


# defer_build: the Moderator makes its findings and reports with model_construct (it computed and
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


class Report(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    text: str
    mode: str
    findings: tuple[Finding, ...] = ()
    checklist: tuple[str, ...] = ()

    @computed_field
    @property
    def flagged(self) -> bool:
        return bool(self.findings)

    @computed_field
    @property
    def max_severity(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)

    @computed_field
    @property
    def categories(self) -> tuple[Category, ...]:
        return tuple(dict.fromkeys(f.category for f in self.findings))

    def at_least(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity.rank >= severity.rank)

    def redacted_text(self, mask: str = "＊") -> str:
        """The text with privacy and security spans masked, to share a finding without the data."""
        chars = list(self.text)
        for f in self.findings:
            if f.category in REDACTED_CATEGORIES:
                for i in range(f.start, f.end):
                    chars[i] = mask if not chars[i].isspace() else chars[i]
        return "".join(chars)
