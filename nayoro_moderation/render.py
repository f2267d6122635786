"""Renderers of a check for the command line: text (like a linter), json, jsonl and csv.  They print
the Moderator's Review (review.py); the JSON is what Report.model_dump(mode="json") gives."""

from __future__ import annotations

import csv
import io
import json

from .categories import Severity
from .review import Hit, Review

CSV_FIELDS = (
    "source", "line", "column", "start", "end", "severity", "category", "rule_id", "matched",
    "message", "clause", "action", "score", "evidence",
)

_COLOURS = {Severity.HIGH: "\033[31m", Severity.MEDIUM: "\033[33m", Severity.LOW: "\033[36m"}
_RESET = "\033[0m"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _evidence_text(finding: Hit) -> str:
    return "、".join(f"{k}: {v}" for k, v in finding.evidence.items())


def render_text(review: Review, source: str, findings: tuple[Hit, ...], colour: bool = False) -> str:
    out = []
    for f in findings:
        line, col = _line_col(review.text, f.start)
        severity = f"{_COLOURS[f.severity]}{f.severity.value}{_RESET}" if colour else f.severity.value
        out.append(f"{source}:{line}:{col}: {severity} {f.category.value} {f.rule_id} 「{f.matched}」 — {f.clause}")
        out.append(f"    {f.message}")
        if f.evidence:
            out.append(f"    根拠: {_evidence_text(f)}")
        out.append(f"    対応: {f.action}（確度 {f.score:.2f}）")
    if findings:
        counts = {}
        for f in findings:
            counts[f.severity.value] = counts.get(f.severity.value, 0) + 1
        summary = "、".join(f"{k} {v}件" for k, v in counts.items())
        out.append(f"{source}: {len(findings)}件の指摘（{summary}）")
    else:
        out.append(f"{source}: 指摘はありません")
    if review.checklist:
        out.append("確認事項:")
        out.extend(f"  □ {item}" for item in review.checklist)
    return "\n".join(out) + "\n"


def _finding_row(review: Review, source: str, f: Hit) -> dict:
    line, col = _line_col(review.text, f.start)
    return {
        "source": source, "line": line, "column": col, "start": f.start, "end": f.end,
        "severity": f.severity.value, "category": f.category.value, "rule_id": f.rule_id,
        "matched": f.matched, "message": f.message, "clause": f.clause, "action": f.action,
        "score": f.score, "evidence": _evidence_text(f),
    }


def render_json(review: Review, source: str, findings: tuple[Hit, ...]) -> str:
    data = {**review.as_json(findings), "source": source}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_jsonl(review: Review, source: str, findings: tuple[Hit, ...]) -> str:
    return "".join(
        json.dumps({"source": source, **f.as_json()}, ensure_ascii=False) + "\n" for f in findings
    )


def render_csv(review: Review, source: str, findings: tuple[Hit, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for f in findings:
        writer.writerow(_finding_row(review, source, f))
    return buffer.getvalue()


RENDERERS = {"json": render_json, "jsonl": render_jsonl, "csv": render_csv}
