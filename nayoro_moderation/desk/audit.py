"""The audit log as a CSV file Excel opens as it is (UTF-8 with BOM, CRLF): deleting a citizen's
comment is an act the city must be able to account for — when, who, which comment, which decision,
which clause."""

from __future__ import annotations

import csv
import io

from ..scan.records import local_time
from ..formula_guard import formula_safe as excel_safe  # comments are untrusted: no cell may run as a formula
from .decisions import DECISIONS

AUDIT_FIELDS = (
    "判断日時", "担当者", "判断", "該当条項", "メモ", "一覧", "一覧の番号", "レコード", "コメントID", "投稿日時",
    "コメント", "検出区分", "重大度", "判断コード",
)


def audit_csv(rows) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(AUDIT_FIELDS)
    for decision, batch, comment in rows:
        writer.writerow([
            local_time(decision.decided_at, seconds=True), excel_safe(decision.reviewer), DECISIONS[decision.decision],
            decision.clause or "", excel_safe(decision.note), excel_safe(batch.name), batch.id, comment.record,
            excel_safe(comment.source_id), local_time(comment.time), excel_safe(comment.text),
            ";".join(comment.categories), comment.max_severity or "", decision.decision,
        ])
    return buffer.getvalue()
