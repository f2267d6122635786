"""Readers for exported comment logs: CSV/TSV, JSONL, X archive tweets.js, Facebook comments JSON and
LINE talk history.  Each yields one Record per comment, streaming; a record that cannot be read is a
Record with an ``error``, never a silent drop.  Ids default to the record's place in the file
(``L12`` = starts on line 12, ``#3`` = third item of a JSON list)."""

from __future__ import annotations

import csv
import html
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path

from .encoding import ScanInputError, open_text
from .records import JST, Record, sanitised

FORMATS = ("auto", "csv", "jsonl", "x-archive", "facebook", "line")

# Column or key names tried in order when the user names none (lower-cased).
TEXT_NAMES = ("message", "text", "body", "本文", "コメント", "内容", "comment", "content", "full_text",
              "メッセージ", "コメント本文", "投稿内容")
ID_NAMES = ("id", "comment_id", "id_str", "コメントid", "投稿id", "no", "no.", "番号")
TIME_NAMES = ("time", "created_at", "timestamp", "posted_at", "created_time", "datetime", "date",
              "投稿日時", "日時", "作成日時", "日付", "時刻")
CONTEXT_NAMES = ("context", "parent", "parent_text", "親投稿", "元投稿")

# A 1 MB comment is a record like any other; the csv module's default limit is 128 KB.
_CSV_FIELD_LIMIT = 64 * 1024 * 1024
# A JSON list item that still does not parse after this many characters is malformed, not unfinished.
_JSON_ITEM_LIMIT = 64 * 1024 * 1024


@dataclass(frozen=True)
class Columns:
    text: str | None = None
    id: str | None = None
    time: str | None = None


# --- times -------------------------------------------------------------------------------------

_YMD = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(?:\([^)]*\)|（[^）]*）))?(?:[ T　]*(\d{1,2})[:時](\d{2})(?::(\d{2})(?:\.\d+)?|分(?:(\d{2})秒)?)?)?"
)


def parse_time(value) -> datetime | str | None:
    """A datetime from the time formats of exports (ISO 8601, 2026/11/20 10:15, X's created_at,
    Unix seconds); a string it cannot read is kept as written."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit() and len(value.strip()) in (10, 13)):
        seconds = float(value)
        if seconds > 1e11:  # milliseconds
            seconds /= 1000
        try:
            return datetime.fromtimestamp(seconds, timezone.utc).astimezone(JST)
        except (OverflowError, OSError, ValueError):
            return str(value)
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    m = _YMD.fullmatch(text)
    if m:
        y, mo, d, h, mi, s, s_ja = (int(g) if g else 0 for g in m.groups())
        s = s or s_ja
        try:
            return datetime(y, mo, d, h, mi, s)
        except ValueError:
            return text
    try:
        return datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y")  # X: Fri Nov 20 01:15:00 +0000 2026
    except ValueError:
        return text


# --- CSV / TSV -----------------------------------------------------------------------------------


def _column(header: list[str], wanted: str | None, names: tuple[str, ...], what: str) -> int | None:
    keys = [h.strip().lstrip("\ufeff").lower() for h in header]
    if wanted:
        if wanted.strip().lower() in keys:
            return keys.index(wanted.strip().lower())
        if wanted.isdigit() and 1 <= int(wanted) <= len(keys):
            return int(wanted) - 1
        raise ScanInputError(f"no {what} column {wanted!r}; the columns are: {', '.join(header)}")
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


def read_csv(stream, name: str, columns: Columns, skipped_lines: int = 0) -> Iterator[Record]:
    """``skipped_lines``: lines of the file between the header and the stream's first row, left out
    of the stream (a partition of a cluster scan), so that ids by line number stay the file's."""
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    first = stream.readline()
    if not first:
        return
    delimiter = "\t" if name.lower().endswith(".tsv") or first.count("\t") > first.count(",") else ","
    layout: dict = {}  # the header's columns, known once the first row is read

    def looks_like_record(line: str) -> bool:
        """A line that parses alone into a whole record: as many fields as the header, an id where
        there is an id column, a time that reads as one where there is a time column."""
        fields = next(csv.reader([line], delimiter=delimiter), [])
        if len(layout) == 0 or layout["width"] < 2 or len(fields) != layout["width"]:
            return False
        id_at, time_at = layout["id"], layout["time"]
        return (id_at is None or bool(fields[id_at].strip())) and (
            time_at is None or isinstance(parse_time(fields[time_at]), datetime)
        )

    rows = _csv_rows(itertools.chain([first], stream), delimiter, 1, looks_like_record)
    _, header, _ = next(rows)
    text_at = _column(header, columns.text, TEXT_NAMES, "text")
    if text_at is None:
        raise ScanInputError(
            f"{name}: no text column among {', '.join(header)}; name it with --text-column"
        )
    id_at = _column(header, columns.id, ID_NAMES, "id")
    time_at = _column(header, columns.time, TIME_NAMES, "time")
    context_at = _column(header, None, CONTEXT_NAMES, "context")
    width = len(header)
    layout.update(width=width, id=id_at, time=time_at)

    def field(row, at):
        return row[at] if at is not None and at < len(row) else None

    for line, row, problem in rows:
        line += skipped_lines
        if row is None:
            yield Record(0, f"L{line}", "", error=f"unreadable CSV row: {problem}")
            continue
        if not row:
            continue  # a blank line is not a record
        record_id = (field(row, id_at) or "").strip() or f"L{line}"
        if problem:  # the text up to the line it ran over
            text = (field(row, text_at) or "").partition("\n")[0]
            yield Record(0, record_id, text, parse_time(field(row, time_at)), error=problem)
            continue
        extra = any(f.strip() for f in row[width:])
        if text_at >= len(row) or extra:
            yield Record(
                0, record_id, delimiter.join(row),
                error=f"row has {len(row)} fields but the header has {width} (a {delimiter!r} outside quotes?)",
            )
            continue
        yield Record(0, record_id, row[text_at], parse_time(field(row, time_at)), field(row, context_at) or None)


class _LineLog:
    """The lines a csv reader takes, kept until asked for: the physical lines of the row just read."""

    def __init__(self, lines):
        self._lines, self.taken = iter(lines), []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line

    def take(self) -> list[str]:
        taken, self.taken = self.taken, []
        return taken


def _csv_rows(lines, delimiter: str, first_line: int, looks_like_record):
    """(line number, fields, problem) for each row.  A row whose quote never closed on its line and so
    took in following lines that look like records of their own (one stray " in a comment swallowing
    the next ten comments) has a problem saying so, and those lines are read again as rows; a row the
    csv module cannot read has fields None."""
    log = _LineLog(lines)
    reader = csv.reader(log, delimiter=delimiter)
    first_row = True
    while True:
        line = first_line + reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            log.take()
            yield line, None, str(exc)
            continue
        raw = log.take()
        absorbed = raw[1:]
        if not first_row and absorbed and any(looks_like_record(text) for text in absorbed):
            yield line, row, (
                f'unbalanced quote (") in this row: its text ran over the next {len(absorbed)} lines, '
                "which look like records and are read as rows of their own"
            )
            yield from _csv_rows(absorbed, delimiter, line + 1, looks_like_record)
            continue
        first_row = False
        yield line, row, None


# --- JSON helpers ----------------------------------------------------------------------------------


class _MalformedJson(Exception):
    def __init__(self, message: str, offset: int, snippet: str):
        super().__init__(message)
        self.offset, self.snippet = offset, snippet


_BETWEEN_ITEMS = re.compile(r"[\s,]*")


def iter_json_array(stream, buffer: str, chunk: int = 1 << 16) -> Iterator[object]:
    """The items of a JSON list whose ``[`` has been read, one by one, never the whole list in memory."""
    decoder = json.JSONDecoder()
    pos, before, eof = 0, 0, False  # before: characters of the file dropped from the buffer
    while True:
        pos = _BETWEEN_ITEMS.match(buffer, pos).end()
        if pos < len(buffer) and buffer[pos] == "]":
            return
        if pos < len(buffer):
            try:
                item, end = decoder.raw_decode(buffer, pos)
            except json.JSONDecodeError as exc:
                # Unfinished or malformed: only more text (or its end) tells which.
                if eof or len(buffer) - pos > _JSON_ITEM_LIMIT:
                    raise _MalformedJson(exc.msg, before + exc.pos, buffer[pos : pos + 200]) from None
            else:
                yield item
                pos = end
                continue
        if eof:
            raise _MalformedJson("the file ends before the closing ]", before + pos, buffer[pos : pos + 200])
        more = stream.read(max(chunk, len(buffer) - pos))  # doubling: a long item is re-parsed O(log n) times
        eof = not more
        before += pos
        buffer, pos = buffer[pos:] + more, 0


def _pick(obj: dict, wanted: str | None, names: tuple[str, ...]) -> str | None:
    if wanted:
        return wanted if wanted in obj else None
    lowered = {k.lower(): k for k in obj if isinstance(k, str)}
    for name in names:
        if name in lowered:
            return lowered[name]
    return None


def _from_mapping(obj: dict, fallback_id: str, columns: Columns, raw: str) -> Record:
    id_key = _pick(obj, columns.id, ID_NAMES)
    record_id = str(obj[id_key]) if id_key and obj[id_key] not in (None, "") else fallback_id
    key = _pick(obj, columns.text, TEXT_NAMES)
    if key is None:
        looked = columns.text or ", ".join(TEXT_NAMES[:6])
        return Record(0, record_id, raw, error=f"no text field (looked for {looked}); name it with --text-column")
    text = obj[key]
    if text is None:
        text = ""
    if not isinstance(text, str):
        return Record(0, record_id, raw, error=f"the {key!r} field is a {type(text).__name__}, not text")
    time_key = _pick(obj, columns.time, TIME_NAMES)
    context_key = _pick(obj, None, CONTEXT_NAMES)
    context = obj[context_key] if context_key and isinstance(obj[context_key], str) else None
    return Record(0, record_id, text, parse_time(obj[time_key]) if time_key else None, context)


def read_jsonl(stream, name: str, columns: Columns, skipped_lines: int = 0) -> Iterator[Record]:
    for number, line in enumerate(stream, 1 + skipped_lines):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield Record(0, f"L{number}", line, error=f"not valid JSON: {getattr(exc, 'msg', exc)} (column {getattr(exc, 'colno', '?')})")
            continue
        if not isinstance(obj, dict):
            yield Record(0, f"L{number}", line, error=f"a JSON {type(obj).__name__}, not an object")
            continue
        yield _from_mapping(obj, f"L{number}", columns, line)


def _malformed_record(number: int, exc: _MalformedJson) -> Record:
    return Record(
        0, f"#{number}", exc.snippet,
        error=f"malformed JSON at character {exc.offset}: {exc}; the rest of the file cannot be read",
    )


# --- X (Twitter) archive -------------------------------------------------------------------------

_YTD = re.compile(r"\s*window\.YTD\.[\w.]+\s*=\s*\[")


def read_x_archive(stream, name: str, columns: Columns) -> Iterator[Record]:
    head = stream.read(4096)
    m = _YTD.match(head)
    if not m:
        raise ScanInputError(f"{name}: not an X archive file (expected 'window.YTD.tweets.part0 = [' at the start)")
    items = iter_json_array(stream, head[m.end() :])
    number = 0
    try:
        for number, item in enumerate(items, 1):
            tweet = item.get("tweet", item) if isinstance(item, dict) else None
            if not isinstance(tweet, dict):
                yield Record(0, f"#{number}", json.dumps(item, ensure_ascii=False)[:500], error="not a tweet object")
                continue
            text = tweet.get("full_text", tweet.get("text"))
            record_id = str(tweet.get("id_str") or tweet.get("id") or f"#{number}")
            if not isinstance(text, str):
                yield Record(0, record_id, "", error="tweet without full_text")
                continue
            # The archive keeps X's HTML escaping (&amp; &lt; &gt;); the comment is the unescaped text.
            yield Record(0, record_id, html.unescape(text), parse_time(tweet.get("created_at")))
    except _MalformedJson as exc:
        yield _malformed_record(number + 1, exc)


# --- Facebook ------------------------------------------------------------------------------------

_FB_START = re.compile(r'\s*\{\s*"(\w*comments\w*)"\s*:\s*\[')


def repair_mojibake(text: str) -> str:
    """Facebook exports escape each UTF-8 byte as its own code point (\\u00e5\\u0090\\u008d for 名);
    a string made only of such code points that forms valid UTF-8 is decoded back."""
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _facebook_items(stream, name: str):
    head = stream.read(4096)
    m = _FB_START.match(head)
    if m:
        return iter_json_array(stream, head[m.end() :])
    if head.lstrip().startswith("["):
        return iter_json_array(stream, head.lstrip()[1:])
    # Another key comes first: read the whole document (rare, and such files are small).
    try:
        data = json.loads(head + stream.read())
    except ValueError as exc:
        raise ScanInputError(f"{name}: not valid JSON: {exc}") from None
    if isinstance(data, dict):
        for key, value in data.items():
            if "comments" in key and isinstance(value, list):
                return iter(value)
    raise ScanInputError(f"{name}: no list of comments (comments_v2) found; is this a Facebook comments export?")


def read_facebook(stream, name: str, columns: Columns) -> Iterator[Record]:
    number = 0
    try:
        for number, item in enumerate(_facebook_items(stream, name), 1):
            if not isinstance(item, dict):
                yield Record(0, f"#{number}", json.dumps(item, ensure_ascii=False)[:500], error="not a comment object")
                continue
            comment = None
            for entry in item.get("data") or ():
                if isinstance(entry, dict) and isinstance(entry.get("comment"), dict):
                    comment = entry["comment"]
                    break
            if comment is None:  # a photo or sticker with no words: nothing to flag, still a row
                yield Record(0, f"#{number}", "", parse_time(item.get("timestamp")))
                continue
            text = comment.get("comment", "")
            if not isinstance(text, str):
                yield Record(0, f"#{number}", "", error="comment text is not a string")
                continue
            stamp = comment.get("timestamp", item.get("timestamp"))
            yield Record(0, f"#{number}", repair_mojibake(text), parse_time(stamp))
    except _MalformedJson as exc:
        yield _malformed_record(number + 1, exc)


# --- LINE talk history ----------------------------------------------------------------------------

_LINE_DATE = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:\s*[(（][^)）]*[)）]|\s+\S*曜日)?\s*")
# A message row: time, name and message, separated by tabs (Android, PC) or by single spaces (iPhone).
# Which one a file uses is read off its first row; in a spaced file a name cannot hold a space, and a
# continuation line that begins with a time (12:30 集合) is taken for a new row.
_LINE_ROW = re.compile(r"(\d{1,2}):(\d{2})([\t ])(.*)")


def _closes_quote(text: str) -> bool:
    """Whether a line ends a quoted message: an odd run of " at its end ("" is an escaped quote)."""
    run = len(text) - len(text.rstrip('"'))
    return run % 2 == 1


def read_line(stream, name: str, columns: Columns) -> Iterator[Record]:
    day: date | None = None
    current: dict | None = None
    separator: str | None = None  # of the file's rows: "\t" or " "

    def finish(msg: dict) -> Record:
        text = "\n".join(msg["lines"])
        error = None
        if msg["quoted"]:
            if msg["closed"]:
                text = text[:-1].replace('""', '"')
            else:
                error = 'unterminated quoted message (a " that never closes)'
        return Record(0, f"L{msg['line']}", text, msg["time"], error=error)

    for number, raw in enumerate(stream, 1):
        line = raw.rstrip("\r\n")
        row = _LINE_ROW.fullmatch(line)
        if row and separator is None:
            separator = row[3]
        elif row and row[3] != separator:
            row = None
        date_line = _LINE_DATE.fullmatch(line)
        if current and current["quoted"] and not current["closed"]:
            if not (row or date_line):
                current["lines"].append(line)
                current["closed"] = _closes_quote(line)
                continue
            # A new row inside "quotes": the message only began with a quote mark; keep it as written.
            current["quoted"] = False
            current["lines"][0] = '"' + current["lines"][0]
        if date_line:
            if current:
                yield finish(current)
                current = None
            day = date(*(int(g) for g in date_line.groups()))
            continue
        if row:
            if current:
                yield finish(current)
            hour, minute, rest = int(row[1]), int(row[2]), row[4]
            _, _, message = rest.partition(separator) if separator in rest else ("", "", rest)  # system lines have no name
            stamp = datetime.combine(day, time(hour % 24, minute % 60)) if day else None
            quoted = message.startswith('"')
            if quoted:
                message = message[1:]
            current = {"line": number, "time": stamp, "lines": [message], "quoted": quoted,
                       "closed": quoted and _closes_quote(message)}
            continue
        if current and line.strip():
            current["lines"].append(line)  # an unquoted message that runs over lines
        # anything else: the file's header ([LINE] …, 保存日時：…) or blank lines between days
    if current:
        yield finish(current)


# --- choosing a reader -----------------------------------------------------------------------------

READERS = {
    "csv": read_csv,
    "jsonl": read_jsonl,
    "x-archive": read_x_archive,
    "facebook": read_facebook,
    "line": read_line,
}


def _looks_like_line(head: str) -> bool:
    lines = head.splitlines()[:40]
    dated = any(_LINE_DATE.fullmatch(ln) for ln in lines) or any(ln.startswith("[LINE]") for ln in lines)
    return dated and any(_LINE_ROW.fullmatch(ln) for ln in lines)


def detect_format(path: Path, head: str) -> str:
    ext = path.suffix.lower()
    start = head.lstrip("\ufeff \t\r\n")
    if start.startswith("window.YTD"):
        return "x-archive"
    if _looks_like_line(head):
        return "line"
    if ext in (".jsonl", ".ndjson"):
        return "jsonl"
    if ext in (".csv", ".tsv"):
        return "csv"
    if start.startswith("{"):
        try:
            first = json.loads(start.split("\n", 1)[0])
        except ValueError:
            return "facebook"  # a pretty-printed document
        is_facebook = isinstance(first, dict) and any("comments" in k and isinstance(v, list) for k, v in first.items())
        return "facebook" if is_facebook else "jsonl"
    if start.startswith("["):
        return "facebook"
    first_line = start.split("\n", 1)[0]
    # Excel's 「Unicode テキスト」 is a tab-separated .txt; a .txt with no separator is no known export.
    if ext in (".js", ".json") or (ext == ".txt" and "\t" not in first_line and "," not in first_line):
        raise ScanInputError(f"{path}: cannot tell which export this is; name it with --input-format")
    return "csv"


def read_records(
    path: str | Path,
    input_format: str = "auto",
    *,
    text_column: str | None = None,
    id_column: str | None = None,
    time_column: str | None = None,
    encoding: str = "auto",
) -> Iterator[Record]:
    """The records of a log file, numbered from 1 in file order.  Raises ScanInputError at once (not
    on first use) when the file cannot be read at all."""
    path = Path(path)
    if input_format not in FORMATS:
        raise ScanInputError(f"unknown input format {input_format!r}; choose from {', '.join(FORMATS)}")
    stream, _, head = open_text(path, encoding)
    try:
        if input_format == "auto":
            input_format = detect_format(path, head)
        records = READERS[input_format](stream, str(path), Columns(text_column, id_column, time_column))
        first = next(records, None)  # surfaces header and format errors now
    except BaseException:
        stream.close()
        raise
    return _numbered(first, records, stream)


def _numbered(first: Record | None, records: Iterator[Record], stream) -> Iterator[Record]:
    try:
        if first is None:
            return
        for number, record in enumerate(itertools.chain([first], records), 1):
            record.record = number
            yield sanitised(record)
    finally:
        stream.close()
