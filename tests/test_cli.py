"""The command line as a staff member uses it: exit codes, output formats, clear errors."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nayoro_moderation import Severity

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "draft.txt"
CLEAN = ROOT / "examples" / "clean_draft.txt"


def run(*args, stdin: bytes | None = None):
    proc = subprocess.run(
        [sys.executable, "-m", "nayoro_moderation", *map(str, args)],
        input=stdin, capture_output=True, cwd=ROOT,
    )
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def test_bundled_example_prints_findings_and_exits_1():
    code, out, err = run("check", EXAMPLE)
    assert code == 1, err
    assert "defamation" in out and "6(1)キ" in out
    assert "対応:" in out and "確認事項:" in out
    assert "Traceback" not in err


def test_clean_draft_exits_0():
    code, out, _ = run("check", CLEAN)
    assert code == 0
    assert "指摘はありません" in out


def test_text_output_reads_like_a_linter():
    code, out, _ = run("check", "-", "--mode", "comment", stdin="ありがとう\n市長ﾀﾋね".encode())
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("<stdin>:2:3: high defamation DEF001 「ﾀﾋね」 — 様式1 注意事項1 ⑵")
    assert "難読化" in out and "対象: 市長" in out and "削除を検討" in out


def test_json_output_holds_the_report_fields():
    code, out, _ = run("check", EXAMPLE, "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert {"text", "mode", "findings", "flagged", "max_severity", "categories", "checklist"} <= data.keys()
    assert data["flagged"] is True and data["mode"] == "draft"
    finding = data["findings"][0]
    assert set(finding) >= {
        "rule_id", "category", "severity", "start", "end", "matched", "message", "explanation",
        "clause", "clause_text", "action", "score", "evidence",
    }
    text = EXAMPLE.read_text(encoding="utf-8")
    for f in data["findings"]:
        assert text[f["start"] : f["end"]] == f["matched"]


def test_json_output_is_the_api_report_as_json(moderator):
    # The command line prints the Moderator's plain Review (no pydantic at start-up); its JSON must
    # be what a tool gets from the API's Report, field for field.
    for args in ((), ("--min-severity", "high")):
        code, out, _ = run("check", EXAMPLE, "--format", "json", *args)
        report = moderator.check(EXAMPLE.read_text(encoding="utf-8"), mode="draft")
        if args:
            report = report.model_copy(update={"findings": report.at_least(Severity.HIGH)})
        assert json.loads(out) == {**report.model_dump(mode="json"), "source": str(EXAMPLE)}
    code, out, _ = run("check", EXAMPLE, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == [{"source": str(EXAMPLE), **f.model_dump(mode="json")} for f in moderator.check(EXAMPLE.read_text(encoding="utf-8")).findings]


def test_jsonl_is_one_finding_per_line():
    code, out, _ = run("check", EXAMPLE, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and rows and all(r["source"].endswith("draft.txt") for r in rows)


def test_csv_has_a_header_and_a_row_per_finding():
    code, out, _ = run("check", EXAMPLE, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1 and rows
    assert "defamation" in {r["category"] for r in rows} and rows[0]["line"].isdigit()


def test_min_severity_filters_and_sets_exit_code():
    code, out, _ = run("check", EXAMPLE, "--min-severity", "high")
    assert code == 0
    assert "指摘はありません" in out


@pytest.mark.parametrize(
    "args,stdin,message",
    [
        (("check", "no/such/file.txt"), None, "no such file"),
        (("check", "examples"), None, "is a directory"),
        (("check", "-"), b"\x81\x20 broken", "not UTF-8"),  # neither UTF-8 nor CP932
        (("check", "-", "--encoding", "utf-8"), "市長死ね".encode("cp932"), "not UTF-8"),
        (("check", "-"), b"\x00\x01binary", "binary"),
        (("check", "-"), b"   \n", "empty input"),
        (("check", "-", "--mode", "tweet"), b"x", "invalid choice"),
        (("check", "-", "--posted-at", "yesterday"), b"x", "ISO 8601"),
        (("check", "-", "--rules", "no/such/dir"), b"x", "not a folder"),
        (("explain", "NOPE999"), None, "no rule id"),
        (("frobnicate",), None, "invalid choice"),
        ((), None, "required"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(args, stdin, message):
    code, out, err = run(*args, stdin=stdin)
    assert code == 2
    assert "Traceback" not in err
    assert message in err
    assert err.strip().splitlines()[-1].startswith("nayoro_moderation: error:")


@pytest.mark.parametrize("encoding", ["cp932", "utf-16"])
def test_a_draft_saved_by_windows_tools_is_read(tmp_path, encoding):
    path = tmp_path / "draft.txt"
    path.write_bytes("髙橋①さん、市長死ね".encode(encoding))
    code, out, _ = run("check", path, "--mode", "comment")
    assert code == 1 and "「死ね」" in out
    code, out, _ = run("check", path, "--mode", "comment", "--encoding", encoding)
    assert code == 1 and "「死ね」" in out


def test_rules_list_has_a_header_and_japanese_titles():
    code, out, _ = run("rules", "--category", "defamation")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:5] == ["id", "name", "category", "severity", "modes"]
    rows = [ln for ln in lines[1:-1]]
    assert rows and all(ln.split()[2] == "defamation" and "誹謗中傷・侮辱（" in ln for ln in rows)
    assert lines[-1].startswith(f"{len(rows)}件")


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff市長死ね".encode("utf-8"))
    code, out, _ = run("check", path, "--mode", "comment", "--format", "json")
    assert code == 1
    assert json.loads(out)["findings"][0]["matched"] == "死ね"


def test_rules_lists_every_rule():
    code, out, _ = run("rules", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and {"DEF001", "DEF002"} <= {r["id"] for r in rows}


def test_explain_rule_prints_what_why_and_false_alarms():
    code, out, _ = run("explain", "DEF001")
    assert code == 0
    assert "何を検出するか" in out and "なぜ問題か" in out and "既知の誤検知" in out
    assert "様式1 注意事項1 ⑵" in out and "市長【死ね】" in out


def test_explain_category_lists_its_rules():
    code, out, _ = run("explain", "defamation")
    assert code == 0
    assert "DEF001" in out and "DEF002" in out and "既知の誤検知" in out


def test_test_rules_runs_a_local_pack(tmp_path):
    (tmp_path / "LOC001.toml").write_text(
        'id = "LOC001"\nname = "local-word"\ncategory = "other_inappropriate"\nmodes = ["comment"]\n'
        'severity = "low"\nmessage = "x"\nexplanation = "何を検出するか: 語。なぜ問題か: ⑿。既知の誤検知: なし。"\n'
        '[match]\nterms = ["ジンギスカン"]\n[examples]\nflag = ["[[ジンギスカン]]"]\nok = ["ジンギスカン鍋は好き"]\n',
        encoding="utf-8",
    )
    code, out, _ = run("test-rules", tmp_path)
    assert code == 1
    assert "FAIL  LOC001 ok: ジンギスカン鍋は好き" in out and "1 passed, 1 failed" in out


def test_test_rules_passes_on_the_bundled_rules():
    code, out, _ = run("test-rules", ROOT / "rules")
    assert code == 0, out
    assert " 0 failed" in out
