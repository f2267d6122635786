"""Partitions of a log (no cluster needed): read one by one, they give exactly the records of the
whole file — same ids, numbers and texts, broken records included — wherever the cuts fall."""

import csv
import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

from nayoro_moderation.scan import PartitionChanged, Record, plan_partitions, read_partition, read_records, score_partition
from nayoro_moderation.scan.partitions import parse_size, records_in
from nayoro_moderation.scan.records import score

MULTI_LINE = "ごみ収集の日程、年末年始はどうなりますか？\nカレンダーに載っていなかったので…\n\n市役所に電話しても\"話し中\"でした"


def write_tricky_csv(path: Path, encoding: str = "utf-8", newline: str = "\r\n") -> Path:
    rows = [
        ["c1", "2026/11/20 08:15", "今朝の除雪、早くて助かりました。ありがとうございます！"],
        ["c2", "2026/11/20 08:20", "市長ﾀﾋね"],
        ["c3", "2026/11/20 08:31", MULTI_LINE],
        ["", "2026/11/20 08:40", "idのない行は行番号がidになる"],
        ["c5", "not a time", "=1+2 市立病院の待ち時間が長すぎる"],
        ["c6", "2026/11/20 09:02", ""],
    ]
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, lineterminator=newline)
        writer.writerow(["id", "投稿日時", "コメント"])
        writer.writerows(rows[:3])
        fh.write(newline)  # a blank line is no record
        fh.write("c3b,2026/11/20 08:33,カンマ,が,多すぎる行" + newline)  # broken: more fields than the header
        writer.writerows(rows[3:])
        writer.writerow(["c7", "2026/11/20 09:10", "担当者死ね\r\n二行目"])
    return path


def write_tricky_jsonl(path: Path) -> Path:
    lines = [
        json.dumps({"id": "j1", "text": "天文台の観望会、楽しかったです", "time": "2026-11-20T19:00:00+09:00"}, ensure_ascii=False),
        "",
        "{not json",
        json.dumps([1, 2]),
        json.dumps({"text": "お前バカだろ"}, ensure_ascii=False),  # no id: L5
        json.dumps({"id": "j6", "body": 3}),
        json.dumps({"id": "j7", "message": MULTI_LINE}, ensure_ascii=False),
        "   ",
        json.dumps({"id": "j9", "text": "市長ﾀﾋね"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def all_sizes(path: Path) -> range:
    return range(1, path.stat().st_size + 2, 13)


@pytest.mark.parametrize("encoding,newline", [("utf-8", "\r\n"), ("utf-8-sig", "\n"), ("cp932", "\r\n")])
def test_csv_partitions_hold_the_records_of_the_whole_file_wherever_cut(tmp_path, encoding, newline):
    log = write_tricky_csv(tmp_path / "log.csv", encoding, newline)
    whole = list(read_records(log))
    assert len(whole) == 8 and whole[3].error and whole[2].text == MULTI_LINE
    for size in all_sizes(log):
        parts = plan_partitions([log], partition_bytes=size)
        assert list(records_in(parts)) == whole, f"partition size {size}"
    assert len(plan_partitions([log], partition_bytes=1)) == 8  # every record a partition of its own


def test_a_cut_inside_a_quoted_multi_line_comment_moves_to_its_end(tmp_path):
    log = write_tricky_csv(tmp_path / "log.csv")
    data = log.read_bytes()
    inside = data.index("カレンダー".encode())  # a byte inside the quoted comment, after its first newline
    header_end = data.index(b"\n") + 1
    first = plan_partitions([log], partition_bytes=inside - header_end)[0]
    assert first.end > inside
    records = list(read_partition(first))
    assert records[-1].id == "c3" and records[-1].text == MULTI_LINE
    assert data[first.end - 2 : first.end] == b"\r\n"


def test_jsonl_partitions_keep_broken_lines_and_line_ids(tmp_path):
    log = write_tricky_jsonl(tmp_path / "log.jsonl")
    whole = list(read_records(log))
    assert [r.id for r in whole] == ["j1", "L3", "L4", "L5", "j6", "j7", "j9"]
    assert [bool(r.error) for r in whole] == [False, True, True, False, True, False, False]
    for size in all_sizes(log):
        assert list(records_in(plan_partitions([log], partition_bytes=size))) == whole


def test_several_logs_are_numbered_on_and_uncuttable_exports_are_one_partition(tmp_path):
    csv_log = write_tricky_csv(tmp_path / "a.csv")
    line_log = tmp_path / "talk.txt"
    line_log.write_text("[LINE] 名寄市のトーク履歴\n2026/11/20(金)\n10:00\t市民A\t除雪ありがとう\n10:05\t市民B\t\"二行の\n返信\"\n",
                        encoding="utf-8")
    utf16 = tmp_path / "b.csv"
    utf16.write_text("id,コメント\nu1,市長ﾀﾋね\nu2,ありがとう\n", encoding="utf-16")
    parts = plan_partitions([csv_log, line_log, utf16], partition_bytes=1)
    assert [p.cut for p in parts] == [True] * 8 + [False, False]
    records = list(records_in(parts))
    assert [r.record for r in records] == list(range(1, 13))
    assert [r.id for r in records[8:]] == ["L3", "L4", "u1", "u2"]
    assert records[9].text == "二行の\n返信"


def test_a_log_changed_after_planning_is_refused_not_half_read(tmp_path):
    log = write_tricky_csv(tmp_path / "log.csv")
    parts = plan_partitions([log], partition_bytes=1 << 20)
    with log.open("a", encoding="utf-8") as fh:
        fh.write("c8,2026/11/20 10:00,あとから足された行\r\n")
    with pytest.raises(PartitionChanged, match="changed after"):
        list(read_partition(parts[0]))


def test_partition_function_takes_data_frame_rows_and_gives_the_rows_of_scan(tmp_path, moderator):
    log = write_tricky_csv(tmp_path / "log.csv")
    records = list(read_records(log))
    expected = [score(moderator, r, "comment") for r in records]
    as_rows = [{"record": r.record, "id": r.id, "text": r.text if r.text else float("nan"),
                "time": r.time.isoformat() if isinstance(r.time, datetime) else r.time, "error": r.error}
               for r in records]
    assert score_partition(as_rows) == expected
    assert score_partition(records) == expected
    assert [r.flagged for r in expected].count(True) == 2


def test_a_record_of_a_partition_is_scored_as_scan_scores_it(moderator):
    record = Record(7, "x", "担当者死ね")
    assert score_partition([record], mode="comment") == [score(moderator, record, "comment")]


def test_sizes_are_read_as_people_write_them():
    assert parse_size("2MB") == 2 << 20
    assert parse_size("512kb") == 512 << 10
    assert parse_size("100") == 100
    with pytest.raises(ValueError, match="not a size"):
        parse_size("two megabytes")


def test_without_dask_installed_dask_is_asked_for_in_one_line(tmp_path, monkeypatch, capsys):
    from nayoro_moderation.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)  # what an install without the cluster extra has
    log = write_tricky_csv(tmp_path / "log.csv")
    assert main(["scan", str(log), "--dask", "local:2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install 'nayoro_moderation[cluster]'" in err
    assert main(["scan", str(log), "-o", str(tmp_path / "out.jsonl"), "--summary", "/dev/null"]) == 1
