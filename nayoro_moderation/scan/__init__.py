"""Bulk scoring of exported comment logs (DESIGN §8).

    from nayoro_moderation.scan import read_records, scan_records

    for row in scan_records(read_records("comments.csv"), mode="comment", jobs=2):
        if row.flagged:
            print(row.id, row.categories, row.max_severity)

``read_records`` streams the records of a CSV/TSV, JSONL, X archive, Facebook or LINE export;
``scan_records`` yields exactly one :class:`ScanRow` per record, in input order, with an ``error``
instead of findings for a record that cannot be read or scored.
"""

from importlib import import_module

# Loaded on first use: the command line imports this package for every command, `check` included,
# and must not pay for csv, multiprocessing and the readers there.
_EXPORTS = {
    "FORMATS": ".readers",
    "Record": ".records",
    "ScanInputError": ".encoding",
    "ScanRow": ".records",
    "Summary": ".summary",
    "detect_format": ".readers",
    "read_records": ".readers",
    "scan_records": ".workers",
}


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def scan_file(path, input_format: str = "auto", *, text_column=None, id_column=None, time_column=None,
              encoding: str = "auto", **options):
    """``scan_records(read_records(path, …), **options)``."""
    from .readers import read_records
    from .workers import scan_records

    records = read_records(path, input_format, text_column=text_column, id_column=id_column,
                           time_column=time_column, encoding=encoding)
    return scan_records(records, **options)


__all__ = [
    "FORMATS",
    "Record",
    "ScanInputError",
    "ScanRow",
    "Summary",
    "detect_format",
    "read_records",
    "scan_file",
    "scan_records",
]
