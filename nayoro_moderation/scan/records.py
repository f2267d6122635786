"""What a bulk scan reads (Record) and what it writes for each one (ScanRow), and the step between."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from ..review import REDACTED_CATEGORIES, Review

JST = timezone(timedelta(hours=9), "JST")

# Lone surrogates come from undecodable bytes (read with surrogateescape) or from JSON \ud800 escapes;
# neither can be tokenized nor written as UTF-8.
_SURROGATES = re.compile("[\ud800-\udfff]")
_MASK = "＊"


@dataclass(slots=True)
class Record:
    """One comment of a log, as read: its 1-based position in the input, the source's id and time."""

    record: int
    id: str
    text: str
    time: datetime | str | None = None  # a string when the source's time could not be read
    context: str | None = None  # the post the comment replies to, when the log has it
    error: str | None = None  # why this record cannot be scored


@dataclass(frozen=True, slots=True)
class ScanRow:
    """One output row per input record, in input order (DESIGN §8)."""

    record: int
    id: str
    time: str | None
    text: str
    flagged: bool = False
    categories: tuple[str, ...] = ()
    max_severity: str | None = None
    findings: tuple[dict, ...] = field(default=())
    error: str | None = None
    skipped: tuple[dict, ...] = ()  # rules or detectors that timed out on this text (review.Skipped)

    FIELDS = ("record", "id", "time", "text", "flagged", "categories", "max_severity", "findings", "error", "skipped")

    def to_dict(self) -> dict:
        return {
            "record": self.record,
            "id": self.id,
            "time": self.time,
            "text": self.text,
            "flagged": self.flagged,
            "categories": list(self.categories),
            "max_severity": self.max_severity,
            "findings": list(self.findings),
            "error": self.error,
            "skipped": list(self.skipped),
        }


def time_text(value: datetime | str | None) -> str | None:
    """ISO 8601 in Japan time (the city's clock) for an aware time; a naive time stays as written."""
    if value is None or isinstance(value, str):
        return value
    if value.tzinfo is not None:
        value = value.astimezone(JST)
    return value.isoformat()


def local_time(iso: str | None, seconds: bool = False) -> str:
    """An ISO 8601 time as staff read it: Japan time, to the minute (or second); a time that is not
    ISO stays as written."""
    if not iso:
        return ""
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if value.tzinfo is not None:
        value = value.astimezone(JST)
    return value.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def clean_text(text: str) -> str:
    return _SURROGATES.sub("\ufffd", text) if _SURROGATES.search(text) else text


def sanitised(record: Record) -> Record:
    """The record with every field but its text writable as UTF-8: a lone surrogate in an id, a time
    kept as written or a parent post (a JSON \\ud800 escape, an undecodable byte) is shown as U+FFFD,
    so no field of one record can stop the writer.  The text keeps its surrogates, so that the row
    says it was unreadable (``unreadable``)."""
    record.id = clean_text(record.id)
    if isinstance(record.time, str):
        record.time = clean_text(record.time)
    if record.context is not None:
        record.context = clean_text(record.context)
    return record


def unreadable(record: Record) -> str | None:
    """Why a record read from a log cannot be scored, if it cannot."""
    if record.error:
        return record.error
    if _SURROGATES.search(record.text):
        return "undecodable bytes in the text (wrong encoding or a damaged file); shown as \ufffd"
    return None


def error_row(record: Record, error: str) -> ScanRow:
    return ScanRow(record.record, record.id, time_text(record.time), clean_text(record.text), error=error)


def _finding_dict(f, redact: bool) -> dict:
    matched, message, evidence = f.matched, f.message, dict(f.evidence)
    if redact and f.category in REDACTED_CATEGORIES:
        hidden = "".join(ch if ch.isspace() else _MASK for ch in matched)
        message = message.replace(matched, hidden)
        evidence = {k: v.replace(matched, hidden) for k, v in evidence.items()}
        matched = hidden
    return {
        "rule_id": f.rule_id,
        "category": f.category.value,
        "severity": f.severity.value,
        "start": f.start,
        "end": f.end,
        "matched": matched,
        "message": message,
        "clause": f.clause,
        "action": f.action,
        "score": f.score,
        "evidence": evidence,
    }


def report_row(record: Record, report: Review, redact: bool = False) -> ScanRow:
    skipped = tuple(s.as_json() for s in report.skipped)
    if not report.findings:
        return ScanRow(record.record, record.id, time_text(record.time), record.text, skipped=skipped)
    return ScanRow(
        record.record,
        record.id,
        time_text(record.time),
        report.redacted_text(_MASK) if redact else record.text,
        flagged=True,
        categories=tuple(c.value for c in report.categories),
        max_severity=report.max_severity.value,
        findings=tuple(_finding_dict(f, redact) for f in report.findings),
        skipped=skipped,
    )


def score(moderator, record: Record, mode: str, redact: bool = False) -> ScanRow:
    """The row for one record; a record that cannot be read or scored becomes a row with an error."""
    problem = unreadable(record)
    if problem:
        return error_row(record, problem)
    posted_at = record.time if isinstance(record.time, datetime) else None
    try:
        # A row needs no pydantic Report (building one cost 2-4% of a scan); a long comment is
        # checked in windows by the Moderator itself (windows.py).
        report = moderator.review(record.text, mode, context=record.context, posted_at=posted_at)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # Sudachi's Rust panics are BaseExceptions: one record must not end the run
        return error_row(record, f"scoring failed: {type(exc).__name__}: {exc}")
    return report_row(record, report, redact)


def score_batch(moderator, records: list[Record], mode: str, redact: bool = False) -> list[ScanRow]:
    """The rows of a batch of records, in order: their texts are reviewed together, a stage at a time
    (``Moderator.review_batch``).  A batch that fails is scored again record by record, so that only
    the record at fault becomes an error row."""
    rows: list[ScanRow | None] = []
    together: list[int] = []  # positions in the batch of the records reviewed together
    requests = []
    for i, record in enumerate(records):
        problem = unreadable(record)
        if problem:
            rows.append(error_row(record, problem))
            continue
        posted_at = record.time if isinstance(record.time, datetime) else None
        rows.append(None)
        together.append(i)
        requests.append(moderator.request(record.text, mode, context=record.context, posted_at=posted_at))
    try:
        reviews = moderator.review_batch(requests) if requests else []
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException:  # as in score: find the record at fault, score the others
        reviews = None
    for k, i in enumerate(together):
        rows[i] = score(moderator, records[i], mode, redact) if reviews is None else report_row(records[i], reviews[k], redact)
    return rows

