"""Bulk scoring of exported comment logs (DESIGN §8).

    from nayoro_moderation.scan import read_records, scan_records

    for row in scan_records(read_records("comments.csv"), mode="comment", jobs=2):
        if row.flagged:
            print(row.id, row.categories, row.max_severity)

``read_records`` streams the records of a CSV/TSV, JSONL, X archive, Facebook or LINE export;
``scan_records`` yields exactly one :class:`ScanRow` per record, in input order, with an ``error``
instead of findings for a record that cannot be read or scored.
"""

from .encoding import ScanInputError
from .readers import FORMATS, detect_format, read_records
from .records import Record, ScanRow
from .summary import Summary
from .workers import scan_records


def scan_file(path, input_format: str = "auto", *, text_column=None, id_column=None, time_column=None,
              encoding: str = "auto", **options):
    """``scan_records(read_records(path, …), **options)``."""
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
