"""The desk's memory: uploaded batches of scored comments and every decision taken on them, in one
SQLite file (WAL, so the page can read while a batch is being written).  Decisions are never updated
or deleted: a new decision on a comment is a new row, and the latest one is the comment's state, so
the audit log shows every change of mind with who made it and when."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..scan.records import ScanRow
from ..scan.summary import severity_rank

# Schema versions, in order: a database at version N gets migrations N+1… when it is opened.  A
# released migration is never edited; a change of schema is a new entry.
MIGRATIONS = (
    """
    CREATE TABLE batches (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,           -- the uploaded file's name, as shown to staff
        mode TEXT NOT NULL,
        created_at TEXT NOT NULL,     -- ISO 8601, UTC
        records INTEGER NOT NULL DEFAULT 0,
        flagged INTEGER NOT NULL DEFAULT 0,
        summary TEXT NOT NULL DEFAULT '{}'  -- scan.Summary.to_dict(), JSON
    );
    CREATE TABLE comments (
        batch_id INTEGER NOT NULL REFERENCES batches(id),
        record INTEGER NOT NULL,
        source_id TEXT NOT NULL,
        time TEXT,
        text TEXT NOT NULL,
        flagged INTEGER NOT NULL,
        severity INTEGER NOT NULL,    -- rank of max_severity, -1 when none: the queue's first sort key
        categories TEXT NOT NULL,     -- JSON list of codes
        findings TEXT NOT NULL,       -- JSON list of the scan row's findings
        error TEXT,
        PRIMARY KEY (batch_id, record)
    );
    CREATE INDEX comments_queue ON comments (batch_id, flagged, severity, time);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL,
        record INTEGER NOT NULL,
        decision TEXT NOT NULL,
        clause TEXT,
        reviewer TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL,     -- ISO 8601, UTC
        FOREIGN KEY (batch_id, record) REFERENCES comments (batch_id, record)
    );
    CREATE INDEX decisions_comment ON decisions (batch_id, record, id);
    """,
)

_INSERT_EVERY = 500


class StoreError(Exception):
    """The database file cannot be used (not SQLite, made by a newer version, not writable)."""


@dataclass(frozen=True)
class Batch:
    id: int
    name: str
    mode: str
    created_at: str
    records: int
    flagged: int
    summary: dict


@dataclass(frozen=True)
class Decision:
    id: int
    batch_id: int
    record: int
    decision: str
    clause: str | None
    reviewer: str
    note: str
    decided_at: str


@dataclass(frozen=True)
class Comment:
    batch_id: int
    record: int
    source_id: str
    time: str | None
    text: str
    flagged: bool
    max_severity: str | None
    categories: tuple[str, ...]
    findings: tuple[dict, ...]
    error: str | None
    decision: Decision | None  # the latest one


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_SEVERITY_NAMES = {2: "high", 1: "medium", 0: "low"}


class Store:
    """One SQLite file.  A connection per call: the web server answers from a thread pool, and a
    sqlite3 connection belongs to the thread that opened it."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            with self._connect() as db:
                db.execute("PRAGMA journal_mode=WAL")
                self._migrate(db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a desk database ({exc})") from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, timeout=30)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: cannot open: {exc}") from None
        with closing(db):
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys=ON")
            with db:  # one transaction, committed on success
                yield db

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: made by a newer nayoro_moderation (schema {version}, this one knows {len(MIGRATIONS)})"
            )
        for number, script in enumerate(MIGRATIONS[version:], version + 1):
            for statement in (s.strip() for s in script.split(";")):
                if statement:
                    db.execute(statement)
            db.execute(f"PRAGMA user_version={number}")

    @property
    def version(self) -> int:
        with self._connect() as db:
            return db.execute("PRAGMA user_version").fetchone()[0]

    # --- batches ------------------------------------------------------------------------------------

    def add_batch(self, name: str, mode: str, rows: Iterable[ScanRow], summary) -> int:
        """Store the rows of a scan as a new batch; ``summary`` (scan.Summary) counts them as they pass."""
        with self._connect() as db:
            batch_id = db.execute(
                "INSERT INTO batches (name, mode, created_at) VALUES (?, ?, ?)", (name, mode, now_utc())
            ).lastrowid
            pending = []
            for row in rows:
                summary.add_row(row)
                pending.append((
                    batch_id, row.record, row.id, row.time, row.text, int(row.flagged), severity_rank(row.max_severity),
                    json.dumps(list(row.categories), ensure_ascii=False),
                    json.dumps(list(row.findings), ensure_ascii=False), row.error,
                ))
                if len(pending) >= _INSERT_EVERY:
                    db.executemany("INSERT INTO comments VALUES (?,?,?,?,?,?,?,?,?,?)", pending)
                    pending.clear()
            db.executemany("INSERT INTO comments VALUES (?,?,?,?,?,?,?,?,?,?)", pending)
            db.execute(
                "UPDATE batches SET records=?, flagged=?, summary=? WHERE id=?",
                (summary.records, summary.flagged, json.dumps(summary.to_dict(), ensure_ascii=False), batch_id),
            )
        return batch_id

    def batches(self) -> list[Batch]:
        with self._connect() as db:
            return [_batch(r) for r in db.execute("SELECT * FROM batches ORDER BY id DESC")]

    def batch(self, batch_id: int) -> Batch | None:
        with self._connect() as db:
            row = db.execute("SELECT * FROM batches WHERE id=?", (batch_id,)).fetchone()
        return _batch(row) if row else None

    # --- the queue ------------------------------------------------------------------------------------

    def queue(self, batch_id: int, *, category: str | None = None, show: str = "flagged",
              limit: int = 100, offset: int = 0) -> tuple[list[Comment], int]:
        """Comments of a batch, flagged ones first, the most severe first, then oldest first; and how
        many match.  ``show``: flagged | undecided (flagged, no decision yet) | all."""
        where, args = ["c.batch_id = ?"], [batch_id]
        if show in ("flagged", "undecided"):
            where.append("c.flagged = 1")
        if show == "undecided":
            where.append("d.id IS NULL")
        if category:
            where.append("EXISTS (SELECT 1 FROM json_each(c.categories) WHERE value = ?)")
            args.append(category)
        sql = f"""
            FROM comments c LEFT JOIN decisions d ON d.id = (
                SELECT MAX(id) FROM decisions WHERE batch_id = c.batch_id AND record = c.record)
            WHERE {' AND '.join(where)}"""
        with self._connect() as db:
            total = db.execute(f"SELECT COUNT(*) {sql}", args).fetchone()[0]
            rows = db.execute(
                f"""SELECT c.*, d.id AS d_id, d.decision, d.clause, d.reviewer, d.note, d.decided_at {sql}
                    ORDER BY c.flagged DESC, c.severity DESC, c.time IS NULL, c.time, c.record LIMIT ? OFFSET ?""",
                [*args, limit, offset],
            ).fetchall()
        return [_comment(r) for r in rows], total

    def comment(self, batch_id: int, record: int) -> Comment | None:
        with self._connect() as db:
            row = db.execute(
                """SELECT c.*, d.id AS d_id, d.decision, d.clause, d.reviewer, d.note, d.decided_at
                   FROM comments c LEFT JOIN decisions d ON d.id = (
                       SELECT MAX(id) FROM decisions WHERE batch_id = c.batch_id AND record = c.record)
                   WHERE c.batch_id = ? AND c.record = ?""",
                (batch_id, record),
            ).fetchone()
        return _comment(row) if row else None

    def category_counts(self, batch_id: int) -> dict[str, int]:
        with self._connect() as db:
            rows = db.execute(
                """SELECT j.value AS category, COUNT(*) AS n FROM comments c, json_each(c.categories) j
                   WHERE c.batch_id = ? GROUP BY j.value""",
                (batch_id,),
            ).fetchall()
        return {r["category"]: r["n"] for r in rows}

    def decided_count(self, batch_id: int) -> int:
        with self._connect() as db:
            return db.execute(
                "SELECT COUNT(DISTINCT record) FROM decisions WHERE batch_id = ?", (batch_id,)
            ).fetchone()[0]

    # --- decisions ------------------------------------------------------------------------------------

    def decide(self, batch_id: int, record: int, decision: str, reviewer: str, note: str = "",
               clause: str | None = None) -> int:
        with self._connect() as db:
            return db.execute(
                "INSERT INTO decisions (batch_id, record, decision, clause, reviewer, note, decided_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (batch_id, record, decision, clause, reviewer, note, now_utc()),
            ).lastrowid

    def audit(self, batch_id: int | None = None) -> list[tuple[Decision, Batch, Comment]]:
        """Every decision, oldest first, with its batch and comment."""
        where = "WHERE d.batch_id = ?" if batch_id is not None else ""
        with self._connect() as db:
            rows = db.execute(
                f"""SELECT d.id AS d_id, d.decision, d.clause, d.reviewer, d.note, d.decided_at,
                           c.*, b.name AS b_name, b.mode AS b_mode, b.created_at AS b_created_at,
                           b.records AS b_records, b.flagged AS b_flagged
                    FROM decisions d JOIN comments c ON c.batch_id = d.batch_id AND c.record = d.record
                    JOIN batches b ON b.id = d.batch_id {where} ORDER BY d.id""",
                (batch_id,) if batch_id is not None else (),
            ).fetchall()
        out = []
        for r in rows:
            comment = _comment(r)
            batch = Batch(r["batch_id"], r["b_name"], r["b_mode"], r["b_created_at"], r["b_records"], r["b_flagged"], {})
            out.append((comment.decision, batch, comment))
        return out


def _batch(row: sqlite3.Row) -> Batch:
    return Batch(row["id"], row["name"], row["mode"], row["created_at"], row["records"], row["flagged"],
                 json.loads(row["summary"]))


def _comment(row: sqlite3.Row) -> Comment:
    decision = None
    if row["d_id"] is not None:
        decision = Decision(row["d_id"], row["batch_id"], row["record"], row["decision"], row["clause"],
                            row["reviewer"], row["note"], row["decided_at"])
    return Comment(
        row["batch_id"], row["record"], row["source_id"], row["time"], row["text"], bool(row["flagged"]),
        _SEVERITY_NAMES.get(row["severity"]), tuple(json.loads(row["categories"])),
        tuple(json.loads(row["findings"])), row["error"], decision,
    )
