"""The review checklist of a draft report (guideline 5(2)ウ)."""

from __future__ import annotations

from .report import Finding
from .request import Request

# 5(2)ウ(ウ): several staff check each post before it goes out.
_ALWAYS = "複数の職員で内容を確認する（5(2)ウ(ウ)）"


def review_checklist(findings: list[Finding], request: Request) -> tuple[str, ...]:
    items = []
    if findings:
        items.append("指摘事項があるため、所属長の了承を得る（5(2)ウ(ア)）")
    items.append(_ALWAYS)
    return tuple(items)
