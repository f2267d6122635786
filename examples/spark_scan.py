"""The partition function of `scan --dask` under Spark: `mapInPandas` over a JSONL log that Spark reads.

    spark-submit examples/spark_scan.py comments.jsonl scored/

Needs `pyspark`, `pandas` and `pyarrow` beside nayoro_moderation on every executor, and Java.  Each
Python worker of an executor builds one Moderator on its first batch and keeps it for the next ones.
The rows are those `scan` writes (one per comment, numbered in file order); findings are a JSON text,
since their evidence differs from rule to rule.  Spark reads the log here, not the scan's readers: a
line Spark cannot parse has no text and scores as an empty comment.
"""

from __future__ import annotations

import json
import sys

ROW_SCHEMA = ("record long, id string, time string, text string, flagged boolean, categories array<string>, "
              "max_severity string, findings string, error string")


def score_frames(frames):
    """mapInPandas: pandas frames of comments (record, id, text, time) in, frames of scan rows out."""
    import pandas as pd

    from nayoro_moderation.scan import score_partition

    for frame in frames:
        rows = score_partition(frame.to_dict("records"), mode="comment")
        yield pd.DataFrame(
            [{**row.to_dict(), "findings": json.dumps(list(row.findings), ensure_ascii=False)} for row in rows],
            columns=["record", "id", "time", "text", "flagged", "categories", "max_severity", "findings", "error"],
        )


def score_log(spark, path: str):
    """A DataFrame of scan rows for a JSONL log with id, text and time fields, in file order."""
    comments = spark.read.json(path).select("id", "text", "time")
    numbered = comments.rdd.zipWithIndex().map(lambda pair: (*pair[0], pair[1] + 1))
    frame = numbered.toDF(comments.schema.add("record", "long"))
    return frame.mapInPandas(score_frames, ROW_SCHEMA).orderBy("record")


if __name__ == "__main__":
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("nayoro_moderation scan").getOrCreate()
    score_log(spark, sys.argv[1]).write.mode("overwrite").json(sys.argv[2])
    spark.stop()
