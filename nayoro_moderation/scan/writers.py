"""Output rows as JSONL or CSV, and reading back what an interrupted scan already wrote (--resume).

Each row is written with one write call and the file is flushed after every batch, so an interrupted
scan leaves complete rows and at most one truncated last row, which --resume drops.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..formula_guard import formula_safe, formula_unsafe
from ..review import SKIPPED_NOTE
from .records import ScanRow

FORMATS = ("jsonl", "csv")
CSV_FIELDS = ScanRow.FIELDS


def format_for(path: str | Path | None, requested: str | None = None) -> str:
    if requested:
        return requested
    return "csv" if path is not None and Path(path).suffix.lower() in (".csv", ".tsv") else "jsonl"


def jsonl_line(row: ScanRow) -> str:
    return json.dumps(row.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"


def _finding_cell(finding: dict) -> str:
    return (
        f"{finding['rule_id']} {finding['severity']} {finding['category']} "
        f"[{finding['start']}:{finding['end']}]「{finding['matched']}」 {finding['message']}（{finding['clause']}）"
    )


def csv_cells(row: ScanRow) -> list:
    """The row's cells, every one guarded against formula injection (formula_guard.py): an id, a
    time or an error message quoting the record is as untrusted as its text."""
    cells = [
        row.id,
        row.time or "",
        row.text,
        "true" if row.flagged else "false",
        ";".join(row.categories),
        row.max_severity or "",
        "\n".join(_finding_cell(f) for f in row.findings),
        row.error or "",
        "\n".join(f"{s['rule_id']} {SKIPPED_NOTE}（{s['reason']}）" for s in row.skipped),
    ]
    return [row.record, *(formula_safe(cell) for cell in cells)]


class RowWriter:
    """Writes rows to a text stream in one of FORMATS.  ``header`` is False when appending."""

    def __init__(self, stream, fmt: str, header: bool = True):
        self.stream, self.fmt = stream, fmt
        if fmt == "csv":
            self._buffer = io.StringIO()
            self._csv = csv.writer(self._buffer, lineterminator="\r\n")  # CRLF, as Excel writes it
            if header:
                self._csv.writerow(CSV_FIELDS)
                self._flush_buffer()

    def _flush_buffer(self) -> None:
        self.stream.write(self._buffer.getvalue())
        self._buffer.seek(0)
        self._buffer.truncate()

    def write(self, row: ScanRow) -> None:
        if self.fmt == "jsonl":
            self.stream.write(jsonl_line(row))
        else:
            self._csv.writerow(csv_cells(row))
            self._flush_buffer()

    def flush(self) -> None:
        self.stream.flush()


def open_output(path: Path, fmt: str, bom: bool, append: bool):
    """The output stream; an Excel CSV starts with a UTF-8 BOM so that Excel reads it as UTF-8."""
    stream = path.open("a" if append else "w", encoding="utf-8", newline="")
    if bom and not append:
        stream.write("\ufeff")
    return stream


# --- resume -------------------------------------------------------------------------------------------


@dataclass
class Done:
    """What an earlier, interrupted run left: complete rows, and where they end in the file."""

    rows: int = 0
    last_id: str | None = None
    end: int = 0  # byte offset just after the last complete row
    header: bool = False  # a CSV header was complete


def _jsonl_rows(fh) -> Iterator[tuple[dict, int]]:
    pos = 0
    for line in fh:
        if not line.endswith(b"\n"):
            return  # no newline: a truncated last line
        try:
            row = json.loads(line)
        except ValueError:
            return
        if not isinstance(row, dict):
            return
        pos += len(line)
        yield row, pos


def _csv_rows(fh) -> Iterator[tuple[dict, int]]:
    start = len(codecs.BOM_UTF8) if fh.read(3) == codecs.BOM_UTF8 else 0
    fh.seek(start)
    end = [start]

    def lines():
        for line in fh:
            if not line.endswith(b"\n"):
                return  # the part after the last newline is an unfinished row
            end[0] += len(line)
            yield line.decode("utf-8", errors="replace")

    reader = csv.reader(lines())
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return
    if tuple(header) != CSV_FIELDS:
        raise ValueError("its header is not a scan output header")
    yield {}, end[0]  # the header alone
    try:
        for cells in reader:
            if len(cells) != len(CSV_FIELDS):
                return
            yield dict(zip(CSV_FIELDS, map(formula_unsafe, cells))), end[0]
    except csv.Error:
        return  # a quoted field cut by the interruption


def completed(path: Path, fmt: str, on_row=None) -> Done:
    """Complete rows of an earlier output, checked to be numbered 1, 2, 3…; ``on_row`` sees each one
    (to rebuild the summary).  Raises ValueError for a file that is not a scan output."""
    done = Done()
    with path.open("rb") as fh:
        rows = _csv_rows(fh) if fmt == "csv" else _jsonl_rows(fh)
        if fmt == "csv":
            first = next(rows, None)
            if first is None:
                return done
            done.header, done.end = True, first[1]
        for row, end in rows:
            if str(row.get("record")) != str(done.rows + 1):
                if done.rows == 0 and fmt == "jsonl":
                    raise ValueError("its first row is not a scan output row")
                break
            if on_row is not None:
                on_row(row)
            done.rows += 1
            done.last_id = str(row.get("id"))
            done.end = end
    return done


def cut_after(path: Path, done: Done) -> None:
    with path.open("r+b") as fh:
        fh.truncate(done.end)
