"""An uploaded file as scan rows: a comment export in any format `scan` reads (scored here), or the
output of an earlier `scan` (JSONL or CSV, taken as it is, so a big log scored overnight with
--jobs opens without scoring it again)."""

from __future__ import annotations

import csv
import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..formula_guard import formula_unsafe as unsafe
from ..scan.encoding import ScanInputError, open_text
from ..scan.records import ScanRow
from ..scan.writers import CSV_FIELDS

# The suffixes format detection looks at; any other name is stored under a neutral one.
_KNOWN_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".json", ".js", ".txt")
# A CSV output's finding cell (scan/writers.py): RULE severity category [start:end]「matched」 message（clause）
_FINDING_CELL = re.compile(r"(\S+) (high|medium|low) (\S+) \[(\d+):(\d+)\]「(.*?)」 (.*)（([^（）]*)）", re.S)


def saved_upload(data: bytes, filename: str) -> Path:
    """The upload in a temporary file whose suffix is the original's when it is one the readers know."""
    suffix = Path(filename or "").suffix.lower()
    handle = tempfile.NamedTemporaryFile(
        prefix="nayoro-desk-", suffix=suffix if suffix in _KNOWN_SUFFIXES else ".upload", delete=False
    )
    with handle:
        handle.write(data)
    return Path(handle.name)


def scan_output_format(path: Path) -> str | None:
    """'jsonl' or 'csv' when the file is a scan's output, else None."""
    try:
        stream, _, _ = open_text(path)
    except ScanInputError:
        return None
    with stream:
        first = stream.readline().lstrip("\ufeff").strip()
    if first.startswith("{"):
        try:
            row = json.loads(first)
        except ValueError:
            return None
        # An output written before the skipped field is a scan output too.
        return "jsonl" if isinstance(row, dict) and set(ScanRow.FIELDS) - {"skipped"} <= set(row) else None
    try:
        header = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return None
    return "csv" if tuple(header) in (CSV_FIELDS, CSV_FIELDS[:-1]) else None  # with or without skipped


def read_scan_output(path: Path, fmt: str) -> Iterator[ScanRow]:
    with path.open("r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        if fmt == "jsonl":
            for number, line in enumerate(fh, 1):
                if line.strip():
                    yield _row_from_json(json.loads(line), number)
        else:
            reader = csv.DictReader(fh)
            for number, cells in enumerate(reader, 1):
                yield _row_from_csv(cells, number)


def _row_from_json(row: dict, number: int) -> ScanRow:
    findings = tuple(f for f in row.get("findings") or () if isinstance(f, dict))
    return ScanRow(
        int(row.get("record") or number), str(row.get("id") or f"#{number}"), _str_or_none(row.get("time")),
        str(row.get("text") or ""), bool(row.get("flagged")), tuple(str(c) for c in row.get("categories") or ()),
        _str_or_none(row.get("max_severity")), findings, _str_or_none(row.get("error")),
    )


def _row_from_csv(cells: dict, number: int) -> ScanRow:
    findings = []
    for cell in filter(None, (cells.get("findings") or "").split("\n")):
        m = _FINDING_CELL.fullmatch(cell)
        if m:
            rule_id, severity, category, start, end, matched, message, clause = m.groups()
            findings.append({"rule_id": rule_id, "severity": severity, "category": category, "start": int(start),
                             "end": int(end), "matched": matched, "message": message, "clause": clause,
                             "action": "", "score": None, "evidence": {}})
    return ScanRow(
        int(cells.get("record") or number), unsafe(cells.get("id") or f"#{number}"), unsafe(cells.get("time") or "") or None,
        unsafe(cells.get("text") or ""), (cells.get("flagged") or "").lower() == "true",
        tuple(c for c in (cells.get("categories") or "").split(";") if c), cells.get("max_severity") or None,
        tuple(findings), unsafe(cells.get("error") or "") or None,
    )


def _str_or_none(value) -> str | None:
    return None if value in (None, "") else str(value)
