"""examples/spark_scan.py: the partition function under Spark's mapInPandas gives the rows of scan.
Runs only where pyspark, pandas, pyarrow and Java are installed; skipped otherwise."""

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")
if not (shutil.which("java") or os.environ.get("JAVA_HOME")):
    pytest.skip("Spark needs Java", allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def test_spark_rows_are_the_rows_of_scan(tmp_path, monkeypatch, moderator):
    from pyspark.sql import SparkSession

    from nayoro_moderation.scan import read_records
    from nayoro_moderation.scan.records import score

    # Spark's Python workers run this interpreter and import the example by name and the package from
    # this checkout.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(EXAMPLES), str(ROOT), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.syspath_prepend(str(EXAMPLES))
    spec = importlib.util.spec_from_file_location("spark_scan", EXAMPLES / "spark_scan.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)

    log = tmp_path / "comments.jsonl"
    comments = [
        {"id": "s1", "text": "今朝の除雪、早くて助かりました", "time": "2026-11-20T08:15:00+09:00"},
        {"id": "s2", "text": "市長ﾀﾋね", "time": "2026-11-20T21:03:00+09:00"},
        {"id": "s3", "text": "ごみ収集の日程は？\n年末年始が知りたいです", "time": "2026-11-21T09:00:00+09:00"},
        {"id": "s4", "text": "お前バカだろ", "time": None},
    ]
    log.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in comments), encoding="utf-8")
    expected = [score(moderator, r, "comment") for r in read_records(log)]

    spark = (SparkSession.builder.master("local[2]").appName("nayoro_moderation test")
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    try:
        got = example.score_log(spark, str(log)).collect()
    finally:
        spark.stop()
    assert [(r.record, r.id, r.time, r.text, r.flagged, list(r.categories or ()), r.max_severity, r.error)
            for r in got] == [
        (e.record, e.id, e.time, e.text, e.flagged, list(e.categories), e.max_severity, e.error) for e in expected
    ]
    assert [json.loads(r.findings) for r in got] == [list(e.findings) for e in expected]
    assert [r.flagged for r in got] == [False, True, False, True]
