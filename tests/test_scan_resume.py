"""--resume: an interrupted scan continues where its output stops, and the result is byte for byte
what an uninterrupted run writes (output, summary and HTML report)."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nayoro_moderation.cli import main
from scan_logs import write_log

ROOT = Path(__file__).resolve().parent.parent


def scan(*args) -> int:
    return main(["scan", *map(str, args)])


@pytest.fixture(scope="module")
def log(tmp_path_factory) -> Path:
    return write_log(tmp_path_factory.mktemp("log") / "log.csv", 60)


@pytest.fixture(scope="module")
def uninterrupted(log, tmp_path_factory):
    folder = tmp_path_factory.mktemp("full")
    for ext in ("jsonl", "csv"):
        scan(log, "-o", folder / f"out.{ext}", "--summary", folder / f"summary.{ext}.json", "--html", folder / f"report.{ext}.html")
    return folder


def _cut_points(data: bytes) -> list[int]:
    """Places an interruption can leave a file: nothing, inside the header, after a row, inside a
    multibyte character, inside a quoted newline of a CSV row, and one byte short of the end."""
    text_newline = data.index("年末年始".encode()) + 2  # inside a multibyte character of a multi-line comment
    marker = "どうなりますか？\n".encode() if b"\r\n" in data else "どうなりますか？\\n".encode()
    quoted_newline = data.index(marker) + len(marker)  # CSV: inside a quoted field, after its newline
    row_ends = [i + 1 for i, b in enumerate(data) if b == 0x0A]
    return sorted({0, 5, row_ends[0], row_ends[7], row_ends[8] + 3, text_newline, quoted_newline, len(data) - 1})


def _page(path: Path) -> str:
    return re.sub(r"作成: [0-9: -]+", "", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("ext", ["jsonl", "csv"])
def test_resumed_output_equals_an_uninterrupted_run(log, uninterrupted, tmp_path, ext, capsys):
    full = (uninterrupted / f"out.{ext}").read_bytes()
    for cut in _cut_points(full):
        out = tmp_path / f"out.{ext}"
        out.write_bytes(full[:cut])
        summary, html = tmp_path / "summary.json", tmp_path / "report.html"
        scan(log, "-o", out, "--resume", "--summary", summary, "--html", html)
        assert out.read_bytes() == full, f"interrupted after {cut} bytes"
        assert summary.read_text() == (uninterrupted / f"summary.{ext}.json").read_text(), f"summary after {cut} bytes"
        assert _page(html) == _page(uninterrupted / f"report.{ext}.html"), f"report after {cut} bytes"


def test_resume_of_a_finished_scan_changes_nothing(log, uninterrupted, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_bytes((uninterrupted / "out.jsonl").read_bytes())
    scan(log, "-o", out, "--resume")
    assert out.read_bytes() == (uninterrupted / "out.jsonl").read_bytes()


def test_resume_refuses_the_output_of_another_log(tmp_path, uninterrupted, capsys):
    other = write_log(tmp_path / "other.csv", 3)
    other.write_text(other.read_text(encoding="utf-8").replace("c00001", "x00001"), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"".join((uninterrupted / "out.jsonl").read_bytes().splitlines(keepends=True)[:2]))
    before = out.read_bytes()
    assert scan(other, "-o", out, "--resume") == 2
    assert "not the output of this log" in capsys.readouterr().err
    assert out.read_bytes() == before  # nothing is cut from a file that is not ours


def test_resume_refuses_a_file_that_is_not_a_scan_output(log, tmp_path, capsys):
    out = tmp_path / "out.csv"
    out.write_text("name,age\nyamada,40\n", encoding="utf-8")
    assert scan(log, "-o", out, "--resume") == 2
    assert "cannot resume" in capsys.readouterr().err


def test_a_killed_scan_resumes_to_the_same_output(tmp_path):
    """A real interruption: the process is killed while it writes."""
    log = write_log(tmp_path / "log.csv", 800)
    full, out = tmp_path / "full.jsonl", tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "nayoro_moderation", "scan", str(log), "--summary", os.devnull]
    proc = subprocess.Popen(command + ["-o", str(out)], cwd=ROOT)
    deadline = time.monotonic() + 120
    while (not out.exists() or out.stat().st_size < 8_000) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = out.read_bytes().count(b"\n")
    assert 0 < written < 800, "the scan was interrupted part way"
    assert subprocess.run(command + ["-o", str(out), "--resume"], cwd=ROOT).returncode == 1
    assert subprocess.run(command + ["-o", str(full)], cwd=ROOT).returncode == 1
    assert out.read_bytes() == full.read_bytes()
    assert [json.loads(line)["record"] for line in out.read_text(encoding="utf-8").splitlines()] == list(range(1, 801))
