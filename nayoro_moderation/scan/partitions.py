"""Logs cut into partitions that any engine can score apart, and the partition function that scores
them (DESIGN §8, last paragraph).  Nothing here imports Dask: Spark or a plain loop can use it too.

A partition is a byte range of one log that begins and ends at record boundaries (a CSV row whose
quoted comment runs over several lines stays whole), or the whole file for exports that cannot be cut:
X archives, Facebook and LINE exports, UTF-16 text.  The plan comes from running the scan's own reader
over the file once, counting the bytes and lines each record took; so a partition read on its own
yields exactly the records, ids and record numbers that reading the whole file yields.
"""

from __future__ import annotations

import codecs
import io
import itertools
import os
import re
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .encoding import ScanInputError, open_text
from .readers import READERS, Columns, detect_format, parse_time, read_records
from .records import Record, ScanRow, score_batch
from .workers import BATCH_RECORDS, ScanSettings

PARTITION_BYTES = 2 << 20  # about 13,000 comments: tens of seconds of scoring per partition
# Line ends are single ASCII bytes in these encodings, so a byte range can start at any of them.
_CUTTABLE_ENCODINGS = ("utf-8", "utf-8-sig", "cp932")
_CUTTABLE_FORMATS = ("csv", "jsonl")
# What a text stream opened with newline="" (as the readers' is) ends a line at.
_LINE_ENDS = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


class PartitionChanged(RuntimeError):
    """The log changed after it was planned: its partitions no longer hold the records counted."""


@dataclass(frozen=True)
class Partition:
    """Records ``first_record`` … ``last_record`` of a scan, where they lie in their log."""

    index: int  # 0-based, over all the logs of one scan
    path: str
    input_format: str
    encoding: str
    columns: Columns
    first_record: int  # numbers run on through all the logs of a scan, as the output's record column
    records: int
    start: int = 0  # bytes of the file; a whole-file partition is 0…size
    end: int = 0
    header_end: int = 0  # a CSV's header, read again before every partition's rows
    skipped_lines: int = 0  # lines of the file between the header (if any) and start
    cut: bool = False  # a byte range; False: the whole file, read by read_records
    size: int = 0  # the file as planned: a file that changed since is refused, not half-read
    mtime_ns: int = 0

    @property
    def last_record(self) -> int:
        return self.first_record + self.records - 1


def parse_size(text: str) -> int:
    """Bytes from 2MB, 512KB, 1GiB or a plain number."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(i?b?)\s*", str(text), re.IGNORECASE)
    if not m or float(m[1]) <= 0:
        raise ValueError(f"not a size: {text!r} (write it as 2MB, 512KB or a number of bytes)")
    return max(1, int(float(m[1]) * 1024 ** " kmg".index(m[2].lower() or " ")))


# --- planning --------------------------------------------------------------------------------------


class _CountedLines:
    """A log's lines as the readers' text stream gives them, with the bytes and lines taken so far."""

    def __init__(self, raw, encoding: str):
        self.raw = raw
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="surrogateescape")
        self.pos = self.lines = 0
        self.first_line_end = None  # the end of a CSV's header
        self._pending: deque[bytes] = deque()

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if not self._pending:
            data = self.raw.readline()
            if not data:
                raise StopIteration
            # A lone \r ends a line too; it is rare, so the common line is not searched.
            self._pending.extend(_LINE_ENDS.findall(data) if b"\r" in data[:-2] else (data,))
        data = self._pending.popleft()
        self.pos += len(data)
        self.lines += 1
        if self.first_line_end is None:
            self.first_line_end = self.pos
        return self.decoder.decode(data, final=False)

    def readline(self) -> str:
        return next(self, "")


def _plan_file(path: Path, fmt: str, encoding: str, columns: Columns, partition_bytes: int,
               first_record: int, index: int) -> list[Partition]:
    stat = path.stat()
    common = dict(path=str(path.resolve()), input_format=fmt, encoding=encoding, columns=columns,
                  size=stat.st_size, mtime_ns=stat.st_mtime_ns)
    if fmt not in _CUTTABLE_FORMATS or encoding not in _CUTTABLE_ENCODINGS:
        records = read_records(path, fmt, text_column=columns.text, id_column=columns.id,
                               time_column=columns.time, encoding=encoding)
        count = sum(1 for _ in records)
        if not count:
            return []
        return [Partition(index, first_record=first_record, records=count, end=stat.st_size, **common)]
    parts: list[Partition] = []
    with path.open("rb") as raw:
        lines = _CountedLines(io.BufferedReader(raw, 1 << 20), encoding)
        records = READERS[fmt](lines, str(path), columns)
        begin = count = 0
        begin_lines = 0
        for _ in records:
            if count == 0 and not parts and fmt == "csv":
                begin, begin_lines = lines.first_line_end, 1
            count += 1
            if lines.pos - begin >= partition_bytes:
                parts.append(_cut(index + len(parts), common, first_record, count, begin, lines.pos,
                                  lines.first_line_end, begin_lines, fmt))
                first_record += count
                begin, begin_lines, count = lines.pos, lines.lines, 0
        if count:
            parts.append(_cut(index + len(parts), common, first_record, count, begin, lines.pos,
                              lines.first_line_end, begin_lines, fmt))
    return parts


def _cut(index, common, first_record, count, start, end, first_line_end, lines_before, fmt) -> Partition:
    csv_file = fmt == "csv"
    return Partition(
        index, first_record=first_record, records=count, start=start, end=end,
        header_end=first_line_end if csv_file else 0,
        skipped_lines=lines_before - 1 if csv_file else lines_before, cut=True, **common,
    )


def plan_partitions(
    paths: Iterable[str | Path],
    input_format: str = "auto",
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    time_column: str | None = None,
    encoding: str = "auto",
    partition_bytes: int = PARTITION_BYTES,
) -> list[Partition]:
    """The partitions of one scan over ``paths``, in input order, each about ``partition_bytes``
    long (a CSV or JSONL in UTF-8 or CP932 is cut; any other log is one partition).  Reads every log
    once, without scoring; raises ScanInputError for a log that cannot be read at all."""
    parts: list[Partition] = []
    for path in map(Path, paths):
        stream, used, head = open_text(path, encoding)
        with stream:
            fmt = detect_format(path, head) if input_format == "auto" else input_format
        columns = Columns(text_column, id_column, time_column)
        first = parts[-1].last_record + 1 if parts else 1
        parts.extend(_plan_file(path, fmt, used, columns, partition_bytes, first, len(parts)))
    return parts


# --- reading one partition ---------------------------------------------------------------------------


class _ByteRanges(io.RawIOBase):
    """Some byte ranges of a file read as one stream (a CSV's header, then the partition's rows)."""

    def __init__(self, path: str, ranges: list[tuple[int, int]]):
        self._fd = os.open(path, os.O_RDONLY)
        self._ranges = deque((a, b) for a, b in ranges if b > a)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self._ranges:
            start, end = self._ranges[0]
            data = os.pread(self._fd, min(len(buffer), end - start), start)
            if not data:  # the file is shorter than planned
                raise PartitionChanged("the log is shorter than when it was planned")
            buffer[: len(data)] = data
            start += len(data)
            if start >= end:
                self._ranges.popleft()
            else:
                self._ranges[0] = (start, end)
            return len(data)
        return 0

    def close(self) -> None:
        if not self.closed:
            os.close(self._fd)
        super().close()


def read_partition(part: Partition) -> Iterator[Record]:
    """The records of one partition, numbered as in the whole scan.  Raises PartitionChanged if the
    log is not what was planned (a row lost or read twice is worse than a stopped scan)."""
    stat = os.stat(part.path)
    if (stat.st_size, stat.st_mtime_ns) != (part.size, part.mtime_ns):
        raise PartitionChanged(f"{part.path}: the log changed after the scan was planned; plan it again")
    if not part.cut:
        c = part.columns
        records = read_records(part.path, part.input_format, text_column=c.text, id_column=c.id,
                               time_column=c.time, encoding=part.encoding)
        yield from _numbered(records, part)
        return
    ranges = [(0, part.header_end), (part.start, part.end)] if part.header_end else [(part.start, part.end)]
    # A BOM is only ever at the start of the file: a partition that starts later reads plain UTF-8.
    encoding = "utf-8" if part.encoding == "utf-8-sig" and ranges[0][0] > 0 else part.encoding
    raw = _ByteRanges(part.path, ranges)
    with io.TextIOWrapper(io.BufferedReader(raw, 1 << 20), encoding=encoding, errors="surrogateescape",
                          newline="") as stream:
        reader = READERS[part.input_format](stream, part.path, part.columns, skipped_lines=part.skipped_lines)
        yield from _numbered(reader, part)


def _numbered(records: Iterator[Record], part: Partition) -> Iterator[Record]:
    count = 0
    for count, record in enumerate(records, 1):
        if count > part.records:
            break
        record.record = part.first_record + count - 1
        yield record
    if count != part.records:
        raise PartitionChanged(
            f"{part.path}: partition {part.index} holds {count} records where the plan counted {part.records}"
        )


# --- the partition function --------------------------------------------------------------------------

# One Moderator per process, built on first use and kept: a partition function is called again and
# again in the same worker.  Scoring holds the lock because a Moderator must not be shared between
# threads (Sudachi's tokenizer); threads of one process gain nothing here anyway (the GIL).
_held: tuple[ScanSettings, object] | None = None
_lock = threading.Lock()


def _moderator(settings: ScanSettings):
    global _held
    if _held is None or _held[0] != settings:
        _held = (settings, settings.moderator())
    return _held[1]


def _missing(value) -> bool:
    """None, or a data frame's NaN / NaT (the values that differ from themselves)."""
    try:
        return value is None or bool(value != value)
    except (TypeError, ValueError):
        return False


def as_record(item: Record | Mapping) -> Record:
    """A Record from a mapping with the scan's field names (``record`` and ``text``; ``id``, ``time``,
    ``context`` and ``error`` if known), as a data frame's row gives them: a missing value may be None
    or NaN, a time an ISO string, a datetime or Unix seconds."""
    if isinstance(item, Record):
        return item
    number = int(item["record"])
    text = item.get("text")
    time = item.get("time")
    if _missing(time):
        time = None
    elif not isinstance(time, datetime):
        time = parse_time(time)
    context, error, record_id = (item.get(k) for k in ("context", "error", "id"))
    return Record(
        number,
        str(number if _missing(record_id) else record_id),
        "" if _missing(text) else str(text),
        time,
        None if _missing(context) else str(context),
        None if _missing(error) else str(error),
    )


def score_partition(records: Iterable[Record | Mapping], *, mode: str = "comment", policy=None,
                    rules: Iterable[str | Path] = (), redact: bool = False) -> list[ScanRow]:
    """The partition function: one ScanRow per record, in the order given — the rows ``scan`` writes.

    ``records`` are Records (from :func:`read_partition` or :func:`read_records`) or mappings with the
    same fields (a Spark or pandas row: see :func:`as_record`).  The process keeps one Moderator built
    from ``mode``, ``policy`` (a Policy, or a policy file every worker can read) and ``rules`` and
    reuses it in every later call with the same settings.  Pure otherwise: the same records give the
    same rows wherever and however often they are scored, so an engine may run a partition again.
    """
    settings = ScanSettings(mode, policy, tuple(str(r) for r in rules), redact)
    return score_records_with(settings, records)


def score_records_with(settings: ScanSettings, records: Iterable[Record | Mapping]) -> list[ScanRow]:
    # Reviewed BATCH_RECORDS at a time, a stage at a time, as --jobs does: one record at a time the
    # million-comment run cost this path 60% more CPU than --jobs 2.
    records = (as_record(r) for r in records)
    rows: list[ScanRow] = []
    with _lock:
        moderator = _moderator(settings)
        while batch := list(itertools.islice(records, BATCH_RECORDS)):
            rows += score_batch(moderator, batch, settings.mode, settings.redact)
    return rows


def score_file_partition(part: Partition, settings: ScanSettings) -> list[ScanRow]:
    """A cluster task: read one partition of a log where it lies and score it."""
    return score_records_with(settings, read_partition(part))


def records_in(parts: Iterable[Partition]) -> Iterator[Record]:
    """Every record of the partitions, read here, in order."""
    return itertools.chain.from_iterable(read_partition(p) for p in parts)


__all__ = [
    "PARTITION_BYTES",
    "Partition",
    "PartitionChanged",
    "ScanInputError",
    "as_record",
    "parse_size",
    "plan_partitions",
    "read_partition",
    "records_in",
    "score_file_partition",
    "score_partition",
]
