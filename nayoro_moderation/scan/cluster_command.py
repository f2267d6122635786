"""``scan LOG… --dask ADDRESS|local[:N]``: the scan of command.py with the scoring done by a Dask
cluster's workers.  The rows are written here, as one output in input order (resumed by row, as
without --dask) or, with --partitioned, as a folder with one file per partition (resumed by
partition: a finished partition's file is only ever renamed into place whole)."""

from __future__ import annotations

import csv
import json
import re
import sys
from contextlib import contextmanager
from pathlib import Path

from ..exits import UsageError
from .partitions import Partition, PartitionChanged, parse_size, plan_partitions, read_partition
from .records import ScanRow, score
from .summary import Summary
from .writers import RowWriter, completed, cut_after, open_output

PLAN_FILE = "plan.json"  # in a partition folder: what its part files are partitions of
_PART_FILE = re.compile(r"part-\d{5,}\.(?:jsonl|csv)(?:\.tmp)?")


def part_name(part: Partition, fmt: str) -> str:
    return f"part-{part.index:05d}.{fmt}"


def scan_on_cluster(args, settings, fmt: str) -> int:
    from .cluster import ClusterUnavailable, cluster_client, local_workers, require_dask, scored_partitions
    from .command import _progress, finish
    from .encoding import ScanInputError
    from .html import HtmlReport

    if args.jobs != 1:
        raise UsageError("--jobs is for scoring on this machine; with --dask the cluster's workers score "
                         "(--dask local:N starts N of them here)")
    if args.partitioned and not args.output:
        raise UsageError("--partitioned needs -o FOLDER: the folder to write the partitions in")
    try:
        size = parse_size(args.partition_size)
    except ValueError as exc:
        raise UsageError(f"--partition-size: {exc}") from None
    try:
        local_workers(args.dask)
        require_dask()
    except (ValueError, ClusterUnavailable) as exc:
        raise UsageError(f"--dask {args.dask}: {exc}") from None
    try:
        parts = plan_partitions(args.log, args.input_format, text_column=args.text_column, id_column=args.id_column,
                                time_column=args.time_column, encoding=args.encoding, partition_bytes=size)
    except ScanInputError as exc:
        raise UsageError(str(exc)) from None

    main_moderator = None

    def moderator():
        nonlocal main_moderator
        main_moderator = main_moderator or settings.moderator()
        return main_moderator

    summary = Summary()
    report = HtmlReport() if args.html else None
    if args.partitioned:
        output = _PartitionFolder(Path(args.output), fmt, args.bom, parts)
    else:
        output = _OneOutput(Path(args.output) if args.output else None, fmt, args.bom)
    todo = output.start(parts, args.resume, summary)
    if report is not None and output.flagged_done:
        # The output cannot give back what the report shows of a finished row (explanations, spans of
        # a CSV): its flagged records are scored again here, as a resumed scan without --dask does.
        for part in parts:
            if part.first_record <= max(output.flagged_done):
                for record in read_partition(part):
                    if record.record in output.flagged_done:
                        report.add(score(moderator(), record, settings.mode, settings.redact))
    progress = _progress(summary.records)
    try:
        with cluster_client(args.dask) if todo else _nothing_to_send() as client:
            for part, rows in scored_partitions(client, todo, settings) if todo else ():
                rows = output.write(part, rows)
                for row in rows:
                    summary.add_row(row)
                    if report is not None:
                        report.add(row)
                progress.update(len(rows))
    except ClusterUnavailable as exc:
        raise UsageError(str(exc)) from None
    except PartitionChanged as exc:
        raise UsageError(str(exc)) from None
    finally:
        progress.close()
        output.close()
    return finish(args, summary, report, moderator)


@contextmanager
def _nothing_to_send():
    """No cluster for a log with no records, or a resumed scan with nothing left to score."""
    yield None


class _OneOutput:
    """All rows in one file (or stdout), in input order; --resume continues after its last full row."""

    def __init__(self, path: Path | None, fmt: str, bom: bool):
        self.path, self.fmt, self.bom = path, fmt, bom
        self.flagged_done: set[int] = set()
        self.done = 0
        self.stream = self.writer = None

    def start(self, parts: list[Partition], resume: bool, summary: Summary) -> list[Partition]:
        append = False
        if resume and self.path.exists():
            def seen(row):
                summary.add_output_row(row)
                if str(row.get("flagged")).lower() == "true":
                    self.flagged_done.add(int(row["record"]))

            try:
                done = completed(self.path, self.fmt, on_row=seen)
            except (ValueError, OSError) as exc:
                raise UsageError(f"{self.path}: cannot resume from it: {exc}") from None
            self._check_belongs(parts, done)
            cut_after(self.path, done)
            self.done = done.rows
            append = done.rows > 0 or done.header
        if self.path is not None:
            try:
                self.stream = open_output(self.path, self.fmt, self.bom, append)
            except OSError as exc:
                raise UsageError(f"{self.path}: cannot write: {exc.strerror}") from None
        else:
            import io

            self.stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
            if self.bom:
                self.stream.write("\ufeff")
        self.writer = RowWriter(self.stream, self.fmt, header=not append)
        return [p for p in parts if p.last_record > self.done]

    def _check_belongs(self, parts: list[Partition], done) -> None:
        if not done.rows:
            return
        holding = next((p for p in parts if p.first_record <= done.rows <= p.last_record), None)
        if holding is None:
            raise UsageError(f"{self.path}: has {done.rows} rows but the logs have fewer records; not their output")
        last = next(r for r in read_partition(holding) if r.record == done.rows)
        if last.id != done.last_id:
            raise UsageError(f"{self.path}: row {done.rows} is id {done.last_id!r} but record {done.rows} of the "
                             f"logs is {last.id!r}; not the output of these logs")

    def write(self, part: Partition, rows: list[ScanRow]) -> list[ScanRow]:
        rows = [r for r in rows if r.record > self.done]  # the part of a partition an earlier run wrote
        for row in rows:
            self.writer.write(row)
        self.writer.flush()
        return rows

    def close(self) -> None:
        if self.writer is not None:
            self.writer.flush()
        if self.stream is None:
            return
        if self.path is not None:
            self.stream.close()
        else:
            self.stream.detach()


class _PartitionFolder:
    """One file per partition, part-00000.jsonl …, beside plan.json, which says what they are parts of."""

    def __init__(self, folder: Path, fmt: str, bom: bool, parts: list[Partition]):
        self.folder, self.fmt, self.bom = folder, fmt, bom
        self.plan = {
            "format": fmt,
            "partitions": [
                {"file": part_name(p, fmt), "log": p.path, "size": p.size, "mtime_ns": p.mtime_ns,
                 "first_record": p.first_record, "records": p.records, "start": p.start, "end": p.end}
                for p in parts
            ],
        }
        self.flagged_done: set[int] = set()

    def start(self, parts: list[Partition], resume: bool, summary: Summary) -> list[Partition]:
        if self.folder.exists() and not self.folder.is_dir():
            raise UsageError(f"{self.folder}: is a file; --partitioned writes a folder")
        plan_file = self.folder / PLAN_FILE
        todo = parts
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if resume and plan_file.exists():
                try:
                    earlier = json.loads(plan_file.read_text(encoding="utf-8"))
                except ValueError as exc:
                    raise UsageError(f"{plan_file}: cannot resume from it: {exc}") from None
                if earlier != self.plan:
                    raise UsageError(f"{self.folder}: holds the partitions of other logs, another --partition-size or "
                                     "--format; scan again without --resume")
                todo = [p for p in parts if not self._read_back(p, summary)]
            else:
                for old in self.folder.iterdir():
                    if _PART_FILE.fullmatch(old.name):
                        old.unlink()
                plan_file.write_text(json.dumps(self.plan, ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{self.folder}: cannot write: {exc.strerror}") from None
        return todo

    def _read_back(self, part: Partition, summary: Summary) -> bool:
        """Add a finished partition's rows to the summary; False if it is not finished."""
        path = self.folder / part_name(part, self.fmt)
        if not path.exists():
            return False
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = csv.DictReader(fh) if self.fmt == "csv" else (json.loads(line) for line in fh)
            for row in rows:
                summary.add_output_row(row)
                if str(row.get("flagged")).lower() == "true":
                    self.flagged_done.add(int(row["record"]))
        return True

    def write(self, part: Partition, rows: list[ScanRow]) -> list[ScanRow]:
        path = self.folder / part_name(part, self.fmt)
        unfinished = path.with_name(path.name + ".tmp")
        try:
            with open_output(unfinished, self.fmt, self.bom, append=False) as stream:
                writer = RowWriter(stream, self.fmt)
                for row in rows:
                    writer.write(row)
            unfinished.replace(path)  # a partition's file is there whole or not at all
        except OSError as exc:
            raise UsageError(f"{path}: cannot write: {exc.strerror}") from None
        return rows

    def close(self) -> None:
        pass
