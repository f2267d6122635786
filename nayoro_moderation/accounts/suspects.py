"""Bulk input and output of ``accounts impostor``: a list of names or handles in, one CSV row each out."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..exits import UsageError
from ..formula_guard import formula_safe
from .impostor import ImpostorRisk

NAME_COLUMNS = ("name", "display_name", "名前", "表示名", "アカウント名")
HANDLE_COLUMNS = ("handle", "username", "screen_name", "ハンドル", "ユーザー名")
CSV_FIELDS = ("name", "handle", "risk", "account", "reasons")


def read_suspects(path: str) -> list[tuple[str, str | None]]:
    """(name or handle, handle or None) for each line of a list, or each row of a CSV whose header
    names a name or handle column."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a directory, not a list") from None
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: not UTF-8 text (undecodable byte at offset {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from None
    first = text.split("\n", 1)[0].strip().lower()
    header = [h.strip() for h in next(csv.reader([first]))] if first else []
    name_col = next((h for h in header if h in NAME_COLUMNS), None)
    handle_col = next((h for h in header if h in HANDLE_COLUMNS), None)
    if name_col or handle_col:
        rows = csv.DictReader(io.StringIO(text))
        rows.fieldnames = [f.strip().lower() for f in rows.fieldnames]
        suspects = []
        for row in rows:
            name = (row.get(name_col) or "").strip() if name_col else ""
            handle = (row.get(handle_col) or "").strip() if handle_col else ""
            if name or handle:
                suspects.append((name, handle or None) if name else (handle, None))
    else:
        suspects = [(line.strip(), None) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not suspects:
        raise UsageError(f"{path}: no names or handles in it")
    return suspects


def write_csv(stream, suspects: list[tuple[str, str | None]], results: list[ImpostorRisk]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for (name, handle), result in zip(suspects, results):
        # names and handles are strangers' text: a leading = + - @ would run as a formula in Excel
        writer.writerow([formula_safe(name), formula_safe(handle or ""), result.risk, result.account_id or "", formula_safe(" / ".join(result.reasons))])
