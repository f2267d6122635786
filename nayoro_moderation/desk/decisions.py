"""What a reviewer can decide about a comment (guideline 5(5)), and what a decision must carry."""

from __future__ import annotations

from dataclasses import dataclass

from ..categories import COMMENT_CATEGORIES, Category, clause_for

# code → label.  The codes are stored and exported; they never change once released.
DECISIONS = {
    "ok": "問題なし",
    "hide": "非表示",
    "delete": "削除",
    "reply": "返信が必要",
    "report": "報告",
}
# 様式1 注意事項1 ⑴–⑿ in order: deleting a citizen's comment must name the clause it breaks.
DELETION_CLAUSES = tuple(
    (c.value, clause_for(c, "comment").label, clause_for(c, "comment").text) for c in Category if c in COMMENT_CATEGORIES
)
_CLAUSE_LABELS = {label for _, label, _ in DELETION_CLAUSES}
# The decisions that take a comment out of view, and so record the clause it breaks.
CLAUSE_DECISIONS = ("delete", "hide")
REVIEWER_MAX, NOTE_MAX = 60, 2000


class DecisionError(ValueError):
    """A decision form that cannot be recorded; the message is shown to the reviewer."""


@dataclass(frozen=True)
class DecisionForm:
    decision: str
    reviewer: str
    note: str
    clause: str | None

    @classmethod
    def parse(cls, form) -> DecisionForm:
        decision = str(form.get("decision") or "")
        reviewer = " ".join(str(form.get("reviewer") or "").split())
        note = str(form.get("note") or "").strip()
        clause = str(form.get("clause") or "").strip() or None
        if decision not in DECISIONS:
            raise DecisionError("判断（問題なし・非表示・削除・返信が必要・報告）を選んでください")
        if not reviewer:
            raise DecisionError("担当者名を入力してください（記録に残ります）")
        if len(reviewer) > REVIEWER_MAX or len(note) > NOTE_MAX:
            raise DecisionError(f"担当者名は{REVIEWER_MAX}文字、メモは{NOTE_MAX}文字までです")
        if clause is not None and clause not in _CLAUSE_LABELS:
            raise DecisionError("該当条項は一覧から選んでください")
        if decision == "delete" and clause is None:
            raise DecisionError("削除するときは、該当する様式1 注意事項の条項を選んでください")
        if decision not in CLAUSE_DECISIONS:
            clause = None  # the form preselects the finding's clause; a comment left up breaks none
        return cls(decision, reviewer, note, clause)
