"""Logs and files built (or damaged) to stop a scan or a check (issue 17): no byte of a record stops
the run, no record is lost or folded into another, no cell runs as a formula, no input is read
without bound, and a bad rule or policy file is one line and exit 2."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nayoro_moderation.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "nayoro_moderation", *map(str, args)], input=stdin, capture_output=True, cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    proc.stdout, proc.stderr = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    return proc


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_a_lone_surrogate_in_an_id_is_one_row_and_resume_passes_it(tmp_path, capsys):
    log = tmp_path / "export.jsonl"
    log.write_text('{"id":"\\ud800","text":"x"}\n{"id":"b","text":"市長死ね"}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["scan", str(log), "-o", str(out)]) == 1
    rows = _jsonl(out)
    assert [r["id"] for r in rows] == ["\ufffd", "b"] and rows[1]["flagged"]
    out.write_text(out.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")  # interrupted
    assert main(["scan", str(log), "-o", str(out), "--resume"]) == 1
    assert [r["id"] for r in _jsonl(out)] == ["\ufffd", "b"]


def test_an_undecodable_byte_in_the_time_column_is_kept_as_written_and_the_scan_goes_on(tmp_path, capsys):
    log = tmp_path / "export.csv"
    log.write_bytes(b"id,time,text\n1,2026-11-20 \xff10:00,hello\n2,2026-11-20 10:05,\xe5\xb8\x82\xe9\x95\xb7\xe6\xad\xbb\xe3\x81\xad\n")
    out = tmp_path / "out.csv"
    assert main(["scan", str(log), "-o", str(out), "--encoding", "utf-8"]) == 1
    rows = _csv(out)
    assert [r["time"] for r in rows] == ["2026-11-20 \ufffd10:00", "2026-11-20T10:05:00"]
    assert rows[1]["categories"] == "defamation"


def test_an_unbalanced_quote_is_an_error_row_and_the_records_it_swallowed_are_still_scored(tmp_path, capsys):
    lines = ["id,time,text"]
    lines += [f"{i},2026-11-20 10:{i:02d},除雪ありがとうございます{i}" for i in range(1, 6)]
    lines.append('6,2026-11-20 10:06,"「市の回答 はまだですか')  # the quote never closes on its line
    lines += [f"{i},2026-11-20 10:{i:02d},市長死ね{i}" for i in range(7, 17)]
    lines.append('17,2026-11-20 10:17,"広報なよろ"の記事')  # the next quote in the file ends the text
    lines.append('18,2026-11-20 10:18,"複数行の\nコメント, です"')  # a quoted line break is no fault
    log = tmp_path / "export.csv"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    main(["scan", str(log), "-o", str(out)])
    rows = _jsonl(out)
    assert [r["id"] for r in rows] == [str(i) for i in range(1, 19)]
    assert rows[5]["text"] == "「市の回答 はまだですか" and rows[5]["error"].startswith('unbalanced quote (") in this row')
    assert all(r["categories"] == ["defamation"] for r in rows[6:16])
    assert [r["text"] for r in rows[16:]] == ["広報なよろの記事", "複数行の\nコメント, です"]
    assert rows[16]["error"] is rows[17]["error"] is None


def test_a_nul_byte_is_a_character_of_its_record_wherever_it_is(tmp_path, capsys):
    for at in (2, 1_200_000):  # within and past the first megabyte the encoding is guessed from
        filler = "".join(f"{i},除雪ありがとうございます\n" for i in range(at // 40))
        log = tmp_path / f"nul{at}.csv"
        log.write_text("id,text\n" + filler + "99,市長\x00死ね\n", encoding="utf-8")
        out = tmp_path / f"nul{at}.jsonl"
        assert main(["scan", str(log), "-o", str(out)]) == 1
        last = _jsonl(out)[-1]
        assert (last["id"], last["categories"], last["error"]) == ("99", ["defamation"], None)


def test_a_log_read_from_a_pipe(tmp_path):
    proc = _cli("scan", "/dev/stdin", stdin="id,text\n1,市長死ね\n2,こんにちは\n".encode("utf-8"))
    assert proc.returncode == 1, proc.stderr
    assert [json.loads(line)["flagged"] for line in proc.stdout.splitlines()] == [True, False]


def test_every_cell_scan_writes_to_csv_is_guarded_against_formulas(tmp_path, capsys):
    log = tmp_path / "export.jsonl"
    log.write_text('{"id":"=1+1","time":"=NOW()","text":"@SUM(A1)"}\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    main(["scan", str(log), "-o", str(out)])
    (row,) = _csv(out)
    assert (row["id"], row["time"], row["text"]) == ("'=1+1", "'=NOW()", "'@SUM(A1)")


def test_every_cell_check_writes_to_csv_is_guarded_against_formulas(tmp_path):
    (tmp_path / "=HYPERLINK(x).txt").write_text("山田さんの携帯は+81-90-1234-5678です", encoding="utf-8")
    proc = _cli("check", "=HYPERLINK(x).txt", "--format", "csv", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows and all(r["source"] == "'=HYPERLINK(x).txt" for r in rows)
    assert "'+81-90-1234-5678" in {r["matched"] for r in rows}
    assert not any(v.startswith(("=", "+", "-", "@")) for r in rows for v in r.values())


def test_check_refuses_an_input_past_its_size_limit_in_one_line(tmp_path):
    proc = _cli("check", "/dev/zero")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "more than 5,000,000 bytes" in proc.stderr and "--max-bytes" in proc.stderr
    proc = _cli("check", "-", "--max-bytes", "10", stdin="市長死ね、市長死ね、市長死ね".encode("utf-8"))
    assert proc.returncode == 2 and "more than 10 bytes" in proc.stderr
    proc = _cli("check", "-", "--max-bytes", "100", "--mode", "comment", stdin="市長死ね".encode("utf-8"))
    assert proc.returncode == 1


@pytest.mark.parametrize("body", [b'id = "LOC001"\nname = "\xff\xfe"\n', b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"])
@pytest.mark.parametrize("as_what", ["rules", "policy"])
def test_a_rule_or_policy_file_that_is_not_utf8_or_nested_100000_deep_is_one_line_exit_2(tmp_path, body, as_what):
    draft = tmp_path / "draft.txt"
    draft.write_text("除雪のお知らせです", encoding="utf-8")
    if as_what == "rules":
        (tmp_path / "pack").mkdir()
        (tmp_path / "pack" / "LOC001.toml").write_bytes(body)
        proc = _cli("check", draft, "--rules", tmp_path / "pack")
        expected = "cannot read rule file: "
    else:
        (tmp_path / "policy.toml").write_bytes(body)
        proc = _cli("check", draft, "--policy", tmp_path / "policy.toml")
        expected = "cannot read policy: "
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert expected in proc.stderr
    assert ("not UTF-8 text" if body.startswith(b"id") else "nested too deeply") in proc.stderr
