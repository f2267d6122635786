"""scan --dask on a LocalCluster of two worker processes: one row per record, in input order, the same
rows, summary and report as scan --jobs 1 — broken records, a multi-line comment cut at a partition
boundary and a worker killed mid-run included."""

import json
import logging
import os
import re
import signal
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from nayoro_moderation.cli import main  # noqa: E402
from nayoro_moderation.scan import plan_partitions  # noqa: E402
from nayoro_moderation.scan.cluster import scored_partitions  # noqa: E402
from nayoro_moderation.scan.workers import ScanSettings  # noqa: E402
from scan_logs import write_log  # noqa: E402
from test_scan_partitions import write_tricky_csv, write_tricky_jsonl  # noqa: E402

SMALL = "500"  # bytes per partition: the 63-comment log is cut about nine times


def scan(*args) -> int:
    return main(["scan", *map(str, args)])


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as local, distributed.Client(local) as client:
        yield local.scheduler_address, client


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("logs")
    big = write_log(folder / "log.csv", 60)
    with big.open("ab") as fh:  # a broken row and a byte that is no UTF-8 among the good ones
        fh.write("c-bad,2026/11/20 09:00,カンマの,多い行\r\n".encode())
        fh.write(b"c-bytes,2026/11/20 09:01,\xff\xfe\r\n")
        fh.write("c-last,2026/11/20 09:02,市長ﾀﾋね\r\n".encode())
    return {"csv": big, "tricky": write_tricky_csv(folder / "tricky.csv"), "jsonl": write_tricky_jsonl(folder / "log.jsonl")}


def _page(path: Path) -> str:
    return re.sub(r"作成: [0-9: -]+", "", path.read_text(encoding="utf-8"))


def test_rows_summary_and_report_are_those_of_one_job(cluster, logs, tmp_path):
    address, _ = cluster
    tricky = logs["tricky"].read_bytes()
    # The first partition of the tricky log would end inside its quoted multi-line comment.
    sizes = {"tricky": str(tricky.index("カレンダー".encode()) - tricky.index(b"\n") - 1)}
    for name, log in logs.items():
        for ext in ("jsonl", "csv"):
            here, there = tmp_path / f"{name}-here", tmp_path / f"{name}-there"
            assert scan(log, "-o", f"{here}.{ext}", "--summary", f"{here}.json", "--html", f"{here}.html") == 1
            assert scan(log, "-o", f"{there}.{ext}", "--summary", f"{there}.json", "--html", f"{there}.html",
                        "--dask", address, "--partition-size", sizes.get(name, SMALL)) == 1
            assert Path(f"{there}.{ext}").read_bytes() == Path(f"{here}.{ext}").read_bytes(), (name, ext)
            assert Path(f"{there}.json").read_text() == Path(f"{here}.json").read_text()
            assert _page(Path(f"{there}.html")) == _page(Path(f"{here}.html"))
    rows = [json.loads(line) for line in (tmp_path / "csv-there.jsonl").open(encoding="utf-8")]
    assert [r["record"] for r in rows] == list(range(1, 64))
    assert [r["id"] for r in rows[-3:]] == ["c-bad", "c-bytes", "c-last"]
    assert rows[-3]["error"] and rows[-2]["error"] and rows[-1]["flagged"]
    assert len(plan_partitions([logs["csv"]], partition_bytes=int(SMALL))) >= 8


def test_several_logs_give_the_rows_of_one_job_over_the_same_logs(cluster, logs, tmp_path):
    address, _ = cluster
    order = [logs["jsonl"], logs["csv"], logs["tricky"]]
    assert scan(*order, "-o", tmp_path / "here.jsonl", "--summary", "/dev/null") == 1
    assert scan(*order, "-o", tmp_path / "there.jsonl", "--summary", "/dev/null", "--dask", address,
                "--partition-size", SMALL) == 1
    assert (tmp_path / "there.jsonl").read_bytes() == (tmp_path / "here.jsonl").read_bytes()


def test_partitioned_output_is_the_one_output_cut_and_resumes_by_partition(cluster, logs, tmp_path):
    address, _ = cluster
    scan(logs["csv"], "-o", tmp_path / "one.jsonl", "--summary", tmp_path / "one.json")
    folder = tmp_path / "parts"
    args = [logs["csv"], "-o", folder, "--partitioned", "--dask", address, "--partition-size", SMALL,
            "--summary", tmp_path / "parts.json"]
    assert scan(*args) == 1
    files = sorted(folder.glob("part-*.jsonl"))
    assert len(files) >= 8
    assert b"".join(f.read_bytes() for f in files) == (tmp_path / "one.jsonl").read_bytes()

    # An interrupted run: two partitions never written, one left half-written under its temporary name.
    files[3].unlink()
    files[-1].rename(files[-1].with_name(files[-1].name + ".tmp"))
    kept = {f: f.stat().st_mtime_ns for f in files if f.exists()}
    assert scan(*args, "--resume") == 1
    assert all(f.stat().st_mtime_ns == t for f, t in kept.items()), "finished partitions are not scored again"
    assert b"".join(f.read_bytes() for f in sorted(folder.glob("part-*.jsonl"))) == (tmp_path / "one.jsonl").read_bytes()
    assert (tmp_path / "parts.json").read_text() == (tmp_path / "one.json").read_text()
    assert not list(folder.glob("*.tmp"))


def test_resume_of_one_output_continues_after_its_last_full_row(cluster, logs, tmp_path):
    address, _ = cluster
    full = tmp_path / "full.csv"
    scan(logs["csv"], "-o", full, "--summary", tmp_path / "full.json", "--html", tmp_path / "full.html")
    data = full.read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: data.index("市長ﾀﾋね".encode(), len(data) // 2) + 4])  # inside a row's text
    assert scan(logs["csv"], "-o", cut, "--resume", "--dask", address, "--partition-size", SMALL,
                "--summary", tmp_path / "cut.json", "--html", tmp_path / "cut.html") == 1
    assert cut.read_bytes() == data
    assert (tmp_path / "cut.json").read_text() == (tmp_path / "full.json").read_text()
    assert _page(tmp_path / "cut.html") == _page(tmp_path / "full.html")


def test_usage_mistakes_are_one_line_and_exit_2(cluster, logs, tmp_path, capsys, monkeypatch):
    from nayoro_moderation.scan import cluster as cluster_module

    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", "1s")
    address, _ = cluster
    assert scan(logs["csv"], "--dask", address, "--partitioned") == 2
    assert scan(logs["csv"], "--dask", address, "--jobs", "2") == 2
    assert scan(logs["csv"], "--dask", "local:0") == 2
    assert scan(logs["csv"], "--dask", address, "--partition-size", "big") == 2
    assert scan(logs["csv"], "-o", tmp_path / "x", "--partitioned") == 2
    assert scan(logs["csv"], "--dask", "tcp://127.0.0.1:9", "--summary", "/dev/null") == 2
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.startswith("nayoro_moderation: error:")]
    assert len(lines) == 6 and "Traceback" not in err
    assert "cannot reach the Dask scheduler" in lines[-1]


def test_a_worker_killed_mid_run_loses_no_row_and_doubles_none(cluster, logs, moderator):
    from nayoro_moderation.scan import read_records
    from nayoro_moderation.scan.records import score

    _, client = cluster
    expected = [score(moderator, r, "comment") for r in read_records(logs["csv"])]
    parts = plan_partitions([logs["csv"]], partition_bytes=int(SMALL))
    client.register_plugin(SlowScoring(), name="slow-scoring")  # partitions still running when one returns
    try:
        rows, killed = [], None
        for part, part_rows in scored_partitions(client, parts, ScanSettings()):
            rows.extend(part_rows)
            if killed is None:
                killed = next(w for w, tasks in client.processing().items() if tasks)
                pid = client.run(os.getpid, workers=[killed])[killed]
                os.kill(pid, signal.SIGKILL)  # what the out-of-memory killer or a lost machine does
    finally:
        client.unregister_worker_plugin("slow-scoring")
    assert killed not in client.scheduler_info()["workers"]
    assert rows == expected


class SlowScoring(distributed.WorkerPlugin):
    """A twentieth of a second per record, so that a partition takes longer than a look at the cluster."""

    def setup(self, worker):
        import time

        from nayoro_moderation.scan import partitions

        real = partitions.score_batch

        def slow(moderator, batch, *args, **kwargs):
            time.sleep(0.05 * len(batch))
            return real(moderator, batch, *args, **kwargs)

        partitions.score_batch = slow

    def teardown(self, worker):
        from nayoro_moderation.scan import partitions, records

        partitions.score_batch = records.score_batch


class CrashOnRecord(distributed.WorkerPlugin):
    """Makes scoring the text CRASH end its worker process, as a fault in a native library would; a
    plugin, so that the workers Dask starts again after the crash crash too."""

    def setup(self, worker):
        from nayoro_moderation.scan import partitions

        real = partitions.score_batch

        def deadly(moderator, batch, mode, redact=False):
            if any(record.text == "CRASH" for record in batch):
                os._exit(3)
            return real(moderator, batch, mode, redact)

        partitions.score_batch = deadly


def test_a_record_that_kills_every_worker_becomes_an_error_row(tmp_path, moderator):
    from nayoro_moderation.scan import read_records
    from nayoro_moderation.scan.records import score

    log = tmp_path / "log.jsonl"
    texts = ["除雪ありがとうございます", "市長ﾀﾋね", "ごみの日はいつですか", "天文台の観望会、楽しかった"] * 2
    texts[5] = "CRASH"
    log.write_text("".join(json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts)),
                   encoding="utf-8")
    expected = [score(moderator, r, "comment") for r in read_records(log)]
    parts = plan_partitions([log], partition_bytes=150)
    assert len(parts) >= 2
    import dask

    # Dask gives up on a task after its first crash here (the default is after four), to keep this short.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                     silence_logs=logging.ERROR) as local, distributed.Client(local) as client:
        client.register_plugin(CrashOnRecord())
        rows = [row for _, part_rows in scored_partitions(client, parts, ScanSettings()) for row in part_rows]
    assert [r.record for r in rows] == list(range(1, 9))
    assert [r.record for r in rows if r.error] == [6]
    assert "crashed the worker" in rows[5].error
    assert rows[:5] + rows[6:] == expected[:5] + expected[6:]
