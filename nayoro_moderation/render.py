"""Renderers of a check for the command line: text (like a linter), json, jsonl and csv.  They print
the Moderator's Review (review.py); the JSON is what Report.model_dump(mode="json") gives."""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from functools import lru_cache

from .categories import Severity
from .formula_guard import formula_safe
from .review import SKIPPED_NOTE, Hit, Review

_NEWLINE = re.compile("\n")

CSV_FIELDS = (
    "source", "line", "column", "start", "end", "severity", "category", "rule_id", "matched",
    "message", "clause", "action", "score", "evidence",
)

_COLOURS = {Severity.HIGH: "\033[31m", Severity.MEDIUM: "\033[33m", Severity.LOW: "\033[36m"}
_RESET = "\033[0m"


@lru_cache(maxsize=2)
def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _NEWLINE.finditer(text)]


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column, by bisection: counting newlines up to each of thousands of findings
    in a long text made printing them quadratic."""
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


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
    for skipped in review.skipped:
        out.append(f"{source}: {skipped.rule_id} {SKIPPED_NOTE}（{skipped.reason}）")
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
    rows = [{"source": source, **f.as_json()} for f in findings]
    rows += [{"source": source, **s.as_json(), "message": SKIPPED_NOTE} for s in review.skipped]
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def render_csv(review: Review, source: str, findings: tuple[Hit, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    rows = [_finding_row(review, source, f) for f in findings]
    rows += [{"source": source, "rule_id": s.rule_id, "message": SKIPPED_NOTE, "evidence": s.reason} for s in review.skipped]
    for row in rows:
        writer.writerow({k: formula_safe(v) if isinstance(v, str) else v for k, v in row.items()})
    return buffer.getvalue()


RENDERERS = {"json": render_json, "jsonl": render_jsonl, "csv": render_csv}
