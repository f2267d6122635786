"""Logs for the scan tests: a CSV of many comments with every kind of record a real log holds."""

import csv
from pathlib import Path

TEXTS = [
    "今朝の除雪、早くて助かりました。ありがとうございます！",
    "市長ﾀﾋね",
    "ごみ収集の日程、年末年始はどうなりますか？\nカレンダーに載っていなかったので…",
    "",
    "ひまわりまつりの写真、\"映え\"ますね",
    "担当者死ね",
    "=1+2 市立病院の待ち時間が長すぎる",
    "お前バカだろ",
    "天文台の観望会、楽しかったです。子どもも喜んでいました",
    "<script>alert(1)</script>市長ﾀﾋね",
]


def write_log(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "投稿日時", "コメント"])
        for i in range(count):
            text = TEXTS[i % len(TEXTS)]
            minute = i % 60
            writer.writerow([f"c{i:05d}", f"2026/11/{20 + i // 600:02d} {(i // 60) % 10 + 8:02d}:{minute:02d}", text])
    return path
