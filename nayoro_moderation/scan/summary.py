"""What a moderator reads first after a scan: counts per category, severity and day, and the hours
where hostile comments came far faster than the log's usual rate — the 炎上 signal of guideline
5(5)ア, with what the guideline says to do about it."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from ..categories import CATEGORY_TITLES, Category, Severity
from .records import ScanRow

# Comments that attack rather than criticise: the kinds a flare-up is made of.
HOSTILE = frozenset({"defamation", "law_violation", "discrimination", "illegal_incitement"})
ADVICE = (
    "ガイドライン 5(5)ア（批判や苦情が殺到し、収拾がつかなくなった場合）: "
    "(ア) 反論や抗弁を控え、冷静に対応する。"
    "(イ) 誤った情報を発信した場合は、削除せず誤りを認めて訂正した内容を発信する。"
    "(ウ) 状況を市広報担当へ報告し、必要に応じて対応を協議する。"
)
SPIKE_MIN_COUNT = 5  # fewer hostile comments than this in an hour is never called a flare-up
SPIKE_MIN_RATIO = 3.0  # and it must be at least this many times the usual hourly rate
# And that unlikely under the usual rate (Poisson), divided among the log's hours: a two-month log
# holds 1,400 hours, and at 1/1000 each, ordinary traffic would raise an alarm or two in every log.
SPIKE_FALSE_ALARMS = 0.01  # chance that a log of ordinary traffic shows any spike at all

_ISO_HOUR = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}")
_SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Spike:
    hour: str  # 2026-11-20T21
    hostile: int
    usual: float  # hostile comments per hour over the rest of the log


def poisson_tail(count: int, rate: float) -> float:
    """P(X >= count) for X ~ Poisson(rate)."""
    if count <= 0:
        return 1.0
    rate = max(rate, 1e-9)
    log_rate = math.log(rate)
    total, k = 0.0, count
    while True:
        term = math.exp(k * log_rate - rate - math.lgamma(k + 1))
        total += term
        if term < total * 1e-12 or k > count + 10_000:
            return min(total, 1.0)
        k += 1


class Summary:
    def __init__(self) -> None:
        self.records = self.flagged = self.errors = self.undated = 0
        self.categories: Counter[str] = Counter()
        self.severities: Counter[str] = Counter()
        self.days: dict[str, list[int]] = {}  # day → [records, flagged, hostile]
        self.hours: Counter[str] = Counter()  # hour → records
        self.hostile_hours: Counter[str] = Counter()

    def add(self, time: str | None, categories, max_severity: str | None, error: str | None) -> None:
        self.records += 1
        if error:
            self.errors += 1
        if categories:
            self.flagged += 1
            self.categories.update(categories)
        if max_severity:
            self.severities[max_severity] += 1
        hostile = any(c in HOSTILE for c in categories)
        if not time or not _ISO_HOUR.match(time):
            self.undated += 1
            return
        hour, day = time[:13], time[:10]
        counts = self.days.setdefault(day, [0, 0, 0])
        counts[0] += 1
        counts[1] += bool(categories)
        counts[2] += hostile
        self.hours[hour] += 1
        if hostile:
            self.hostile_hours[hour] += 1

    def add_row(self, row: ScanRow) -> None:
        self.add(row.time, row.categories, row.max_severity, row.error)

    def add_output_row(self, row: dict) -> None:
        """A row read back from an earlier output (JSONL dict, or CSV dict of strings)."""
        categories = row.get("categories") or ()
        if isinstance(categories, str):
            categories = [c for c in categories.split(";") if c]
        self.add(row.get("time") or None, tuple(categories), row.get("max_severity") or None, row.get("error") or None)

    def spikes(self) -> list[Spike]:
        if not self.hostile_hours:
            return []
        first, last = min(self.hours), max(self.hours)
        span = int((datetime.fromisoformat(last) - datetime.fromisoformat(first)).total_seconds() // 3600) + 1
        total = sum(self.hostile_hours.values())
        unlikely = SPIKE_FALSE_ALARMS / span
        found = []
        for hour, count in sorted(self.hostile_hours.items()):
            usual = (total - count) / max(span - 1, 1)
            if (
                count >= SPIKE_MIN_COUNT
                and count >= SPIKE_MIN_RATIO * usual
                and poisson_tail(count, max(usual, 0.01)) < unlikely
            ):
                found.append(Spike(hour, count, round(usual, 2)))
        return found

    def to_dict(self) -> dict:
        return {
            "records": self.records,
            "flagged": self.flagged,
            "errors": self.errors,
            "undated": self.undated,
            "categories": {c.value: self.categories[c.value] for c in Category if self.categories[c.value]},
            "severities": {s: self.severities[s] for s in _SEVERITIES if self.severities[s]},
            "days": [
                {"day": day, "records": r, "flagged": f, "hostile": h} for day, (r, f, h) in sorted(self.days.items())
            ],
            "spikes": [{"hour": s.hour, "hostile": s.hostile, "usual_per_hour": s.usual} for s in self.spikes()],
            "advice": ADVICE if self.spikes() else None,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def to_text(self, source: str = "") -> str:
        lines = [
            f"{source + ': ' if source else ''}{self.records:,}件を確認  要確認 {self.flagged:,}件  "
            f"読めなかった・判定できなかった行 {self.errors:,}件"
        ]
        if self.categories:
            lines.append("区分別（件数はコメント数）:")
            for c in Category:
                if self.categories[c.value]:
                    lines.append(f"  {c.value:<20} {self.categories[c.value]:>7,}  {CATEGORY_TITLES[c]}")
        if self.severities:
            lines.append(
                "重大度別: " + "  ".join(f"{s} {self.severities[s]:,}件" for s in _SEVERITIES if self.severities[s])
            )
        if self.days:
            lines.append("日別（総数 / 要確認 / 攻撃的）:")
            for day, (r, f, h) in sorted(self.days.items()):
                lines.append(f"  {day}  {r:>7,} / {f:>6,} / {h:>6,}")
        if self.undated:
            lines.append(f"日時のないコメント: {self.undated:,}件")
        spikes = self.spikes()
        if spikes:
            lines.append("攻撃的なコメント（誹謗中傷・法令違反・差別・違法行為の扇動）が急増した時間帯:")
            for s in spikes:
                lines.append(f"  {s.hour[:10]} {s.hour[11:]}時台  {s.hostile:,}件（通常 {s.usual:g}件/時）")
            lines.append(f"  炎上の兆候です。{ADVICE}")
        return "\n".join(lines) + "\n"


def severity_rank(value: str | None) -> int:
    return Severity(value).rank if value else -1
