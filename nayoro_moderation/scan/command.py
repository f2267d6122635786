"""``python -m nayoro_moderation scan LOG`` (DESIGN §7, §8).  Exit 0 when no comment is flagged, 1 when
some are, 2 when the log cannot be read at all; unreadable records are rows with an error, not exits."""

from __future__ import annotations

import itertools
import os
import sys
from pathlib import Path

_FLUSH_EVERY = 256
# Output names whose format is known (no suffix: JSONL); anything else (.xlsx, .json, .txt) is refused
# rather than silently written as JSONL under a name that promises another format.
_OUTPUT_SUFFIXES = ("", ".jsonl", ".ndjson", ".csv", ".tsv")


def add_parser(sub) -> None:
    p = sub.add_parser("scan", help="score an exported comment log (CSV, JSONL, X, Facebook, LINE)")
    p.add_argument("log", metavar="LOG", nargs="+", help="the exported log (several: scored as one, in order)")
    p.add_argument("--input-format", choices=("auto", "csv", "jsonl", "x-archive", "facebook", "line"), default="auto")
    p.add_argument("--encoding", choices=("auto", "utf-8", "utf-8-sig", "utf-16", "cp932"), default="auto")
    p.add_argument("--text-column", metavar="C", help="column or key holding the comment (name or 1-based number)")
    p.add_argument("--id-column", metavar="C")
    p.add_argument("--time-column", metavar="C")
    p.add_argument("-o", "--output", metavar="OUT", help="output file: .jsonl or .csv (default: JSONL on stdout)")
    p.add_argument("--format", choices=("jsonl", "csv"), help="output format (default: from OUT's extension)")
    p.add_argument("--bom", action="store_true", help="start a CSV output with a UTF-8 BOM, for Excel")
    p.add_argument("--html", metavar="REPORT", help="also write a self-contained HTML report (needs the html extra)")
    p.add_argument("--summary", metavar="FILE", help="write the summary here (.json → JSON) instead of stderr")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (0 = one per CPU)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted scan where OUT stops")
    p.add_argument("--mode", choices=("comment", "draft"), default="comment")
    p.add_argument("--policy", metavar="P", help="運用ポリシー TOML (default: Nayoro's public facts)")
    p.add_argument("--rules", metavar="DIR", action="append", help="extra rule folder (repeatable)")
    p.add_argument("--redact", action="store_true", help="mask privacy and security spans in the output")
    p.add_argument("--dask", metavar="ADDRESS", help="score on a Dask cluster: its scheduler's address, or local[:N] "
                   "for N worker processes here (needs the cluster extra)")
    p.add_argument("--partitioned", action="store_true", help="with --dask: write OUT as a folder of partitions")
    p.add_argument("--partition-size", metavar="SIZE", default="2MB",
                   help="with --dask: bytes of log per partition (default 2MB)")
    p.set_defaults(func=cmd_scan)


def _progress(initial: int):
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
    return tqdm(initial=initial, unit="件", desc="scan", disable=not sys.stderr.isatty(), file=sys.stderr, dynamic_ncols=True)


def cmd_scan(args) -> int:
    from ..exits import UsageError
    from ..policy import Policy
    from .encoding import ScanInputError
    from .html import HtmlReport, HtmlUnavailable, require_jinja
    from .readers import read_records
    from .summary import Summary
    from .workers import ScanSettings, scan_records, settle_for_a_long_run
    from .writers import RowWriter, completed, cut_after, format_for, open_output

    if args.output and not args.format and not args.partitioned:  # a folder of partitions has no suffix to check
        suffix = Path(args.output).suffix.lower()
        if suffix not in _OUTPUT_SUFFIXES:
            raise UsageError(f"{args.output}: cannot write {suffix} files; name the output .jsonl (JSON Lines) "
                             "or .csv (Excel: add --bom), or give --format jsonl|csv")
    fmt = format_for(args.output, args.format)
    if args.resume and not args.output:
        raise UsageError("--resume needs -o OUT: the output to continue")
    if args.bom and fmt != "csv":
        raise UsageError("--bom is for CSV output (-o FILE.csv or --format csv)")
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per CPU) or more")
    jobs = args.jobs or os.cpu_count() or 1
    if args.html:
        try:
            require_jinja()
        except HtmlUnavailable as exc:
            raise UsageError(str(exc)) from None
    if args.policy:
        Policy.load(args.policy)  # a bad policy stops here, with its own clear error
    settings = ScanSettings(args.mode, args.policy, tuple(args.rules or ()), args.redact)
    if args.dask:
        from .cluster_command import scan_on_cluster

        return scan_on_cluster(args, settings, fmt)
    if args.partitioned:
        raise UsageError("--partitioned is for --dask: a scan on this machine writes one output")
    try:
        records = _read_logs(args, read_records)
    except ScanInputError as exc:
        raise UsageError(str(exc)) from None

    summary = Summary()
    report = HtmlReport() if args.html else None
    main_moderator = None

    def moderator():
        nonlocal main_moderator
        if main_moderator is None:
            main_moderator = settings.moderator()
            settle_for_a_long_run()
        return main_moderator

    out_path = Path(args.output) if args.output else None
    append = False
    if args.resume and out_path.exists():
        flagged_done: set[int] = set()

        def seen(row):
            summary.add_output_row(row)
            if report is not None and str(row.get("flagged")).lower() == "true":
                flagged_done.add(int(row["record"]))

        try:
            done = completed(out_path, fmt, on_row=seen)
        except (ValueError, OSError) as exc:
            raise UsageError(f"{out_path}: cannot resume from it: {exc}") from None
        records = _skip_done(records, done, flagged_done, report, settings, moderator, UsageError, out_path)
        cut_after(out_path, done)
        append = done.rows > 0 or done.header

    if out_path is not None:
        try:
            stream = open_output(out_path, fmt, args.bom, append)
        except OSError as exc:
            raise UsageError(f"{out_path}: cannot write: {exc.strerror}") from None
    else:
        import io

        stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="", write_through=False)
        if args.bom:
            stream.write("\ufeff")
    writer = RowWriter(stream, fmt, header=not append)
    progress = _progress(summary.records)
    rows = scan_records(records, mode=args.mode, policy=args.policy, rules=settings.rules, redact=args.redact,
                        jobs=jobs, moderator=moderator() if jobs <= 1 else main_moderator)
    try:
        for count, row in enumerate(rows, 1):
            writer.write(row)
            summary.add_row(row)
            if report is not None:
                report.add(row)
            progress.update()
            if count % _FLUSH_EVERY == 0:
                writer.flush()
    finally:
        rows.close()
        progress.close()
        writer.flush()
        if out_path is not None:
            stream.close()
        else:
            stream.detach()

    return finish(args, summary, report, moderator)


def source_name(logs: list[str]) -> str:
    return logs[0] if len(logs) == 1 else f"{logs[0]} ほか{len(logs) - 1}件"


def finish(args, summary, report, moderator) -> int:
    """The summary, the HTML report and the exit code of a scan, once every row is written."""
    from ..exits import EXIT_CLEAN, EXIT_FINDINGS, UsageError

    text = summary.to_text(source_name(args.log))
    if args.summary:
        body = summary.to_json() if args.summary.lower().endswith(".json") else text
        try:
            Path(args.summary).write_text(body, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{args.summary}: cannot write: {exc.strerror}") from None
    else:
        sys.stderr.write(text)
    if report is not None:
        explanations = {c.id: c.explanation.strip() for c in moderator().checks}
        page = report.render(summary, Path(source_name(args.log)).name, explanations, redacted=args.redact)
        try:
            Path(args.html).write_text(page, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{args.html}: cannot write: {exc.strerror}") from None
    return EXIT_FINDINGS if summary.flagged else EXIT_CLEAN


def _read_logs(args, read_records):
    """The records of every log, numbered on through them all; every log is opened once first, so a
    missing or unreadable one stops the scan before anything is written."""
    def read(path):
        return read_records(path, args.input_format, text_column=args.text_column, id_column=args.id_column,
                            time_column=args.time_column, encoding=args.encoding)

    if len(args.log) == 1:
        return read(args.log[0])
    for path in args.log:
        read(path).close()

    def chained():
        number = 0
        for path in args.log:
            for record in read(path):
                number += 1
                record.record = number
                yield record

    return chained()


def _skip_done(records, done, flagged_done, report, settings, moderator, UsageError, out_path):
    """Pass over the records an earlier run already wrote, checking the output belongs to this log;
    the flagged ones are scored again only for the HTML report, which the output cannot rebuild."""
    from .records import score

    last = None
    for record in itertools.islice(records, done.rows):
        last = record
        if report is not None and record.record in flagged_done:
            report.add(score(moderator(), record, settings.mode, settings.redact))
    if done.rows and (last is None or last.record != done.rows):
        raise UsageError(f"{out_path}: has {done.rows} rows but the log has fewer records; not its output")
    if done.rows and last.id != done.last_id:
        raise UsageError(
            f"{out_path}: row {done.rows} is id {done.last_id!r} but record {done.rows} of the log is {last.id!r}; "
            "not the output of this log"
        )
    return records
