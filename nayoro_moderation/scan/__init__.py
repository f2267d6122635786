"""Bulk scoring of exported comment logs (DESIGN §8).

    from nayoro_moderation.scan import read_records, scan_records

    for row in scan_records(read_records("comments.csv"), mode="comment", jobs=2):
        if row.flagged:
            print(row.id, row.categories, row.max_severity)

``read_records`` streams the records of a CSV/TSV, JSONL, X archive, Facebook or LINE export;
``scan_records`` yields exactly one :class:`ScanRow` per record, in input order, with an ``error``
instead of findings for a record that cannot be read or scored.

Past one machine, the same rows come from ``score_partition`` (records in, rows out; one Moderator
per process), run by an engine on the partitions of ``plan_partitions``, each read where it lies by
``read_partition``: ``scan --dask`` does this on Dask, and README shows it under Spark.
"""

from importlib import import_module

# Loaded on first use: the command line imports this package for every command, `check` included,
# and must not pay for csv, multiprocessing and the readers there.
_EXPORTS = {
    "FORMATS": ".readers",
    "Partition": ".partitions",
    "PartitionChanged": ".partitions",
    "as_record": ".partitions",
    "plan_partitions": ".partitions",
    "read_partition": ".partitions",
    "score_partition": ".partitions",
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
    "Partition",
    "PartitionChanged",
    "Record",
    "ScanInputError",
    "ScanRow",
    "Summary",
    "as_record",
    "detect_format",
    "plan_partitions",
    "read_partition",
    "read_records",
    "scan_file",
    "scan_records",
    "score_partition",
]
