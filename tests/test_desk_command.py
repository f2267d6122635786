"""`python -m nayoro_moderation serve` as a user starts and stops it."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def serve(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "nayoro_moderation", "serve", *map(str, args)],
                          capture_output=True, text=True, env=ENV, timeout=120, **kwargs)


def test_another_address_needs_allow_remote(tmp_path):
    proc = serve("--host", "0.0.0.0", "--db", tmp_path / "d.sqlite3")
    assert proc.returncode == 2 and "add --allow-remote" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "d.sqlite3").exists()


def test_a_file_that_is_not_a_desk_database_is_refused(tmp_path):
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("会議のメモ\n" * 200, encoding="utf-8")
    proc = serve("--db", junk, "--port", "1")
    assert proc.returncode == 2 and "not a desk database" in proc.stderr
    assert proc.stderr.count("\n") == 1 and junk.read_text(encoding="utf-8").startswith("会議のメモ")


def test_a_port_in_use_is_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        proc = serve("--port", taken.getsockname()[1], "--db", tmp_path / "d.sqlite3")
    assert proc.returncode == 2 and "cannot listen on 127.0.0.1" in proc.stderr
    assert proc.stderr.count("\n") == 1


def test_ctrl_c_stops_it_cleanly(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "nayoro_moderation", "serve", "--port", str(port), "--db",
                             str(tmp_path / "d.sqlite3")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=ENV)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode("utf-8")
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read() if proc.stderr else ""
                time.sleep(0.3)
        assert "投稿前の下書きチェック" in page
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert f"http://127.0.0.1:{port}/" in out
    assert "Traceback" not in err and "終了しました" in err
    assert proc.returncode == 130
