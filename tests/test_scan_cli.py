"""`scan` as a moderator runs it: one output row per input record in input order, for every export
format; clear exit codes; CSV for Excel; a summary; an HTML report that cannot run a comment's markup."""

import codecs
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nayoro_moderation.cli import main
from nayoro_moderation.scan import read_records
from scan_logs import write_log

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "scan"

# Every test input and the number of records it holds, counted by hand from the fixture.
INPUTS = {
    "monitor.csv": 6,
    "excel_cp932.csv": 3,
    "excel_unicode.txt": 2,
    "utf8_bom.csv": 2,
    "comments.jsonl": 4,
    "tweets.js": 3,
    "your_comments.json": 4,
    "line_talk.txt": 7,
}


def scan(*args) -> int:
    return main(["scan", *map(str, args)])


def jsonl_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_one_row_per_record_in_input_order_for_every_format(tmp_path, name, capsys):
    out = tmp_path / "out.jsonl"
    code = scan(FIXTURES / name, "-o", out)
    rows = jsonl_rows(out)
    assert len(rows) == INPUTS[name]
    assert [r["record"] for r in rows] == list(range(1, INPUTS[name] + 1))
    assert [r["id"] for r in rows] == [r.id for r in read_records(FIXTURES / name)]
    assert all(r["error"] is None for r in rows)
    flagged = [r for r in rows if r["flagged"]]
    assert code == (1 if flagged else 0)
    for r in flagged:
        for f in r["findings"]:
            assert r["text"][f["start"] : f["end"]] == f["matched"]
    assert f"{INPUTS[name]}件を確認" in capsys.readouterr().err


def test_rows_hold_what_the_issue_asks_for(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    scan(FIXTURES / "monitor.csv", "-o", out)
    row = jsonl_rows(out)[3]
    assert set(row) == {"record", "id", "time", "text", "flagged", "categories", "max_severity", "findings", "error", "skipped"}
    assert row["id"] == "c-0004" and row["time"] == "2026-11-20T08:30:00" and row["text"] == "市長ﾀﾋね"
    assert row["flagged"] and row["categories"] == ["defamation"] and row["max_severity"] == "high"
    finding = row["findings"][0]
    assert finding["rule_id"] == "DEF001" and finding["matched"] == "ﾀﾋね" and finding["clause"] == "様式1 注意事項1 ⑵"
    assert finding["evidence"]["対象"] == "市長"


def test_stdout_is_jsonl_by_default(capsys):
    code = scan(FIXTURES / "comments.jsonl")
    out = capsys.readouterr().out.splitlines()
    assert code == 1 and len(out) == 4 and json.loads(out[1])["flagged"] is True


def test_excel_csv_output_with_bom_and_neutralised_formulas(tmp_path, capsys):
    out = tmp_path / "out.csv"
    scan(FIXTURES / "monitor.csv", "-o", out, "--bom")
    data = out.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and b"\r\n" in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == INPUTS["monitor.csv"]
    assert rows[1]["text"] == "ごみ収集の日程、年末年始はどうなりますか？\nカレンダーに載っていなかったので…"
    assert rows[3]["flagged"] == "true" and rows[3]["categories"] == "defamation" and rows[3]["max_severity"] == "high"
    assert "DEF001 high defamation [2:5]「ﾀﾋね」" in rows[3]["findings"]
    assert rows[5]["text"] == "'=1+2 市立病院の待ち時間が長すぎる"  # Excel shows it, does not run it


def test_summary_file_as_json(tmp_path, capsys):
    summary = tmp_path / "summary.json"
    scan(FIXTURES / "monitor.csv", "-o", tmp_path / "out.jsonl", "--summary", summary)
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["records"] == 6 and data["flagged"] == 1 and data["errors"] == 0
    assert data["categories"] == {"defamation": 1} and data["severities"] == {"high": 1}
    assert data["days"] == [{"day": "2026-11-20", "records": 6, "flagged": 1, "hostile": 1}]
    assert capsys.readouterr().err == ""


def test_unreadable_records_are_rows_with_errors_and_counted(tmp_path, capsys):
    log = tmp_path / "log.jsonl"
    log.write_text('{"id": "a", "text": "市長ﾀﾋね"}\n{"id": "b", "text": \n{"id": "c", "text": "ふつう"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code = scan(log, "-o", out, "--summary", tmp_path / "s.json")
    rows = jsonl_rows(out)
    assert code == 1 and [r["id"] for r in rows] == ["a", "L2", "c"]
    assert rows[1]["error"].startswith("not valid JSON") and rows[1]["flagged"] is False
    assert json.loads((tmp_path / "s.json").read_text())["errors"] == 1


def test_a_record_that_fails_to_score_is_an_error_row_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    from nayoro_moderation import moderator

    real = moderator.Document

    def fragile(text):
        if "壊れる" in text:
            raise RuntimeError("simulated engine fault")
        return real(text)

    # The fault stops the review of the whole batch: the records beside it are scored again alone.
    monkeypatch.setattr(moderator, "Document", fragile)
    log = tmp_path / "log.csv"
    log.write_text("id,text\n1,ふつう\n2,これで壊れる\n3,市長ﾀﾋね\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    scan(log, "-o", out)
    rows = jsonl_rows(out)
    assert [r["id"] for r in rows] == ["1", "2", "3"]
    assert rows[1]["error"] == "scoring failed: RuntimeError: simulated engine fault"
    assert rows[2]["flagged"] is True


def test_two_jobs_write_exactly_what_one_job_writes(tmp_path, capsys):
    log = write_log(tmp_path / "log.csv", 400)  # several batches per worker
    scan(log, "-o", tmp_path / "one.jsonl", "--jobs", "1")
    scan(log, "-o", tmp_path / "two.jsonl", "--jobs", "2")
    one = (tmp_path / "one.jsonl").read_bytes()
    assert one == (tmp_path / "two.jsonl").read_bytes()
    assert one.count(b"\n") == 400


def test_redact_masks_personal_data_in_text_and_findings(tmp_path, capsys):
    log = tmp_path / "log.csv"
    log.write_text("id,text\n1,山田さんの携帯は090-3456-7812です。電話してやって\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    scan(log, "-o", out, "--redact")
    row = jsonl_rows(out)[0]
    privacy = [f for f in row["findings"] if f["category"] == "privacy"]
    assert privacy, "a private mobile number in a comment is a privacy finding"
    assert "090-3456-7812" not in json.dumps(row, ensure_ascii=False)
    assert row["text"].startswith("山田さんの携帯は＊＊＊")


def test_a_comment_longer_than_one_check_is_scored_in_pieces_with_true_offsets(tmp_path, capsys):
    line = "今朝の除雪、早くて助かりました。ありがとうございます！\n"
    text = line * 1200 + "市長ﾀﾋね\n" + line * 10  # about 33,000 characters
    log = tmp_path / "log.jsonl"
    log.write_text(json.dumps({"id": "long", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    scan(log, "-o", out)
    (row,) = jsonl_rows(out)
    assert row["text"] == text and row["error"] is None
    (finding,) = row["findings"]
    assert finding["start"] == len(line) * 1200 + 2 and text[finding["start"] : finding["end"]] == "ﾀﾋね"


def test_a_one_megabyte_comment_is_one_row(tmp_path):
    """Through every layer that has a size limit: the csv field limit, Sudachi's input limit, the
    output line, reading it back for --resume, and the HTML report's excerpt.  Scored with one rule
    folder and no detectors, so that the test measures the scan, not the engine's speed."""
    from nayoro_moderation import Moderator
    from nayoro_moderation.scan import scan_records
    from nayoro_moderation.scan.html import HtmlReport
    from nayoro_moderation.scan.summary import Summary
    from nayoro_moderation.scan.writers import RowWriter, completed

    line = "今朝の除雪、早くて助かりました。ありがとうございます！ひまわりまつりの写真もきれいでした。\n"
    big = (line * (1_000_000 // len(line) + 1))[: 1_000_000 - 5] + "市長ﾀﾋね"
    log = tmp_path / "log.csv"
    with log.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["id", "text"], ["before", "ふつう"], ["big", big], ["after", "担当者死ね"]])
    moderator = Moderator(rules=[ROOT / "rules" / "defamation"], bundled=False, detectors=())
    rows = list(scan_records(read_records(log), moderator=moderator))
    assert [r.id for r in rows] == ["before", "big", "after"]
    assert len(rows[1].text) == 1_000_000 and rows[1].error is None
    (finding,) = rows[1].findings
    assert (finding["start"], finding["matched"]) == (1_000_000 - 3, "ﾀﾋね")
    assert rows[2].flagged
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = RowWriter(fh, "jsonl")
        for row in rows:
            writer.write(row)
    assert completed(out, "jsonl").rows == 3
    report = HtmlReport()
    report.add(rows[1])
    page = report.render(Summary(), "log.csv", {})
    assert "ﾀﾋね" in page and len(page) < 50_000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--resume"], "--resume needs -o OUT"),
        (["--bom"], "--bom is for CSV output"),
        (["--text-column", "reply"], "no text column 'reply'"),
        (["--jobs", "-1"], "--jobs must be"),
        (["-o", "scored.xlsx"], "cannot write .xlsx files; name the output .jsonl (JSON Lines) or .csv"),
        (["-o", "scored.json"], "cannot write .json files"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(args, message, capsys):
    assert scan(FIXTURES / "monitor.csv", *args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_missing_log_is_exit_2(tmp_path, capsys):
    assert scan(tmp_path / "nothing.csv") == 2
    assert "no such file" in capsys.readouterr().err


def test_html_report_escapes_comment_markup(tmp_path, capsys):
    html = tmp_path / "report.html"
    scan(FIXTURES / "comments.jsonl", "-o", tmp_path / "out.jsonl", "--html", html)
    page = html.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "default-src 'none'" in page  # no script runs even if something slipped through
    assert '<mark class="sev-high" title="DEF001 誹謗中傷・侮辱">ﾀﾋね</mark>' in page
    assert "何を検出するか" in page  # the rule's explanation is shown
    assert "<svg" in page and "11月25日(水): 総数 4 / 要確認 2 / 攻撃的 2" in page


def test_html_report_speaks_japanese_in_local_time(tmp_path):
    log = tmp_path / "log.jsonl"
    log.write_text('{"id": "u1", "time": "2026-11-24T23:30:00Z", "text": "担当者死ね"}\n', encoding="utf-8")
    html = tmp_path / "report.html"
    scan(log, "-o", tmp_path / "out.jsonl", "--html", html)
    page = html.read_text(encoding="utf-8")
    assert "2026-11-25 08:30" in page  # Japan time, to the minute
    assert "<td>誹謗中傷・侮辱</td>" in page and '<span class="badge high">重大</span>' in page


def test_day_chart_labels_stay_apart():
    from nayoro_moderation.scan.html import day_chart

    days = [{"day": f"2026-12-{d:02d}", "records": d, "flagged": 1, "hostile": 0} for d in range(1, 32)]
    for count in (3, 10, 31):
        ticks = day_chart(days[:count])["ticks"]
        assert ticks[0]["label"] == "12/1"
        assert all(b["x"] - a["x"] >= 44 for a, b in zip(ticks, ticks[1:])), count


def test_html_without_jinja2_says_to_install_the_extra(tmp_path):
    blocker = tmp_path / "blocker" / "jinja2"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('jinja2 is not installed')\n")
    proc = subprocess.run(
        [sys.executable, "-m", "nayoro_moderation", "scan", str(FIXTURES / "monitor.csv"), "--html", str(tmp_path / "r.html")],
        capture_output=True, cwd=ROOT, env={"PYTHONPATH": str(tmp_path / "blocker"), "PATH": "/usr/bin:/bin"},
    )
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "pip install 'nayoro_moderation[html]'" in err and "Traceback" not in err
    assert not (tmp_path / "r.html").exists() and proc.stdout == b""
