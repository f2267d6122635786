"""The --html report: one self-contained file (no scripts, no outside resources) with the summary, a
per-day chart and the flagged comments with their spans highlighted and explained.

Comment text is untrusted.  jinja2 escapes every value (autoescape), and the page's Content Security
Policy forbids scripts, so a comment holding <script> or <img onerror> shows as text.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..categories import CATEGORY_TITLES, SEVERITY_TITLES, Category
from .records import JST, ScanRow, local_time
from .summary import ADVICE, HOSTILE, Summary, severity_rank

HTML_LIMIT = 2000  # flagged comments shown; beyond it the most severe are kept
_LONG_TEXT = 3000  # longer comments are shown around their findings only
_MARGIN = 150


class HtmlUnavailable(RuntimeError):
    pass


def require_jinja():
    try:
        import jinja2
    except ImportError:
        raise HtmlUnavailable(
            "--html needs jinja2, which is not installed: pip install 'nayoro_moderation[html]'"
        ) from None
    return jinja2


@dataclass(frozen=True)
class Piece:
    text: str
    findings: tuple[int, ...] = ()  # indexes of the findings covering this piece
    gap: bool = False  # text left out of a long comment
    severity: str = ""


def pieces(text: str, findings: tuple[dict, ...], whole: bool = False) -> list[Piece]:
    """The text cut at every finding boundary, each piece knowing which findings cover it; a long
    text is shown around its findings only, unless ``whole`` (a draft, which is read entire)."""
    if whole or len(text) <= _LONG_TEXT:
        windows = [(0, len(text))]
    else:
        windows = []
        for f in sorted(findings, key=lambda f: f["start"]):
            start, end = max(0, f["start"] - _MARGIN), min(len(text), f["end"] + _MARGIN)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
    out: list[Piece] = []
    for w_start, w_end in windows:
        if w_start > 0 and not (out and out[-1].gap):
            out.append(Piece("…", gap=True))
        cuts = sorted({w_start, w_end} | {p for f in findings for p in (f["start"], f["end"]) if w_start < p < w_end})
        for a, b in zip(cuts, cuts[1:]):
            covering = tuple(i for i, f in enumerate(findings) if f["start"] < b and a < f["end"])
            severity = max((findings[i]["severity"] for i in covering), key=severity_rank, default="")
            out.append(Piece(text[a:b], covering, severity=severity))
    if windows[-1][1] < len(text):
        out.append(Piece("…", gap=True))
    return out


class HtmlReport:
    """Collects flagged rows while a scan runs (at most HTML_LIMIT, the most severe first)."""

    def __init__(self, limit: int = HTML_LIMIT):
        self.limit = limit
        self._kept: list[tuple[int, int, ScanRow]] = []  # heap of (severity rank, -record, row)
        self.omitted = 0

    def add(self, row: ScanRow) -> None:
        if not row.flagged:
            return
        key = (severity_rank(row.max_severity), -row.record, row)
        if len(self._kept) < self.limit:
            heapq.heappush(self._kept, key)
            return
        self.omitted += 1
        if key[:2] > self._kept[0][:2]:
            heapq.heapreplace(self._kept, key)

    def render(self, summary: Summary, source: str, explanations: dict[str, str], redacted: bool = False) -> str:
        jinja2 = require_jinja()
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(Path(__file__).parent),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        rows = sorted((row for _, _, row in self._kept), key=lambda r: r.record)
        data = summary.to_dict()
        return env.get_template("report.html.j2").render(
            source=source,
            generated=datetime.now(JST).strftime("%Y-%m-%d %H:%M"),
            summary=data,
            category_titles={c.value: CATEGORY_TITLES[c] for c in Category},
            severity_titles=SEVERITY_TITLES,
            local_time=local_time,
            day_label=day_label,
            chart=day_chart(data["days"]),
            comments=[{"row": r, "pieces": pieces(r.text, r.findings)} for r in rows],
            explanations=explanations,
            omitted=self.omitted,
            advice=ADVICE,
            hostile=sorted(HOSTILE),
            redacted=redacted,
        )


_WEEKDAYS = "月火水木金土日"
_TICK_PX = 44  # room for one day label ("12/31") at the chart's 11px font, with a gap


def day_label(day: str) -> str:
    """2026-12-01 → 12月1日(火), as staff write a date."""
    try:
        value = date.fromisoformat(day)
    except ValueError:
        return day
    return f"{value.month}月{value.day}日({_WEEKDAYS[value.weekday()]})"


def day_chart(days: list[dict], width: int = 960, height: int = 220) -> dict:
    """Bar geometry for the per-day SVG chart: all comments, flagged ones and hostile ones.  Days are
    Japan dates (scan times are Japan time); the axis labels one day in as many as leave them apart."""
    if not days:
        return {"bars": [], "width": width, "height": height, "ticks": []}
    top = max(d["records"] for d in days) or 1
    plot = height - 40
    step = max(2.0, min(28.0, (width - 60) / len(days)))
    bar = max(1.0, step * 0.8)
    bars = []
    for i, d in enumerate(days):
        x = 50 + i * step

        def h(n):
            return round(plot * n / top, 1)

        bars.append({
            "x": round(x, 1), "w": round(bar, 1), "day": d["day"], "label": day_label(d["day"]), "base": 10 + plot,
            "records": d["records"], "flagged": d["flagged"], "hostile": d["hostile"],
            "h_records": h(d["records"]), "h_flagged": h(d["flagged"]), "h_hostile": h(d["hostile"]),
        })
    every = max(1, math.ceil(_TICK_PX / step))
    ticks = [{"x": b["x"], "label": _short_day(b["day"])} for b in bars[::every]]
    return {"bars": bars, "width": round(60 + len(days) * step), "height": height, "top": top, "ticks": ticks,
            "plot": plot}


def _short_day(day: str) -> str:
    try:
        value = date.fromisoformat(day)
    except ValueError:
        return day[5:]
    return f"{value.month}/{value.day}"
