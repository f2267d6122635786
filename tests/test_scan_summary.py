"""The summary a moderator reads after a scan, and the 炎上 signal of guideline 5(5)ア."""

from nayoro_moderation.scan.records import ScanRow
from nayoro_moderation.scan.summary import Summary, poisson_tail


def row(n, time, categories=(), severity=None, error=None):
    return ScanRow(n, str(n), time, "…", bool(categories), tuple(categories), severity, (), error)


def quiet_week(summary: Summary) -> int:
    """Ten days of ordinary traffic: 20 comments a day, one of them hostile."""
    n = 0
    for day in range(10, 20):
        for i in range(20):
            n += 1
            hostile = ("defamation",) if i == 0 else ()
            summary.add_row(row(n, f"2026-11-{day}T{8 + i % 12:02d}:{i:02d}:00", hostile, "high" if hostile else None))
    return n


def test_a_burst_of_hostile_comments_in_one_hour_is_a_spike_with_the_guideline_advice():
    summary = Summary()
    n = quiet_week(summary)
    for i in range(12):
        n += 1
        summary.add_row(row(n, f"2026-11-18T21:{i * 4:02d}:00+09:00", ("defamation", "law_violation"), "high"))
    (spike,) = summary.spikes()
    assert spike.hour == "2026-11-18T21" and spike.hostile == 12 and spike.usual < 0.1
    text = summary.to_text()
    assert "2026-11-18 21時台  12件" in text
    assert "冷静に対応" in text and "市広報担当へ報告" in text and "5(5)ア" in text


def test_ordinary_traffic_and_ordinary_criticism_raise_no_alarm():
    summary = Summary()
    n = quiet_week(summary)
    for i in range(12):  # a busy hour of flagged but not hostile comments (ads)
        n += 1
        summary.add_row(row(n, f"2026-11-18T21:{i * 4:02d}:00", ("commercial",), "medium"))
    assert summary.spikes() == []
    assert "炎上" not in summary.to_text()


def test_a_long_log_of_steady_hostility_raises_no_false_alarm_but_a_flare_up_stands_out():
    import random

    rng = random.Random(7)
    summary, n = Summary(), 0
    for hour in range(60 * 24):  # two months, 3.3 hostile comments an hour on average
        day, h = divmod(hour, 24)
        for _ in range(sum(rng.random() < 0.33 for _ in range(10))):
            n += 1
            summary.add_row(row(n, f"2026-{10 + day // 30:02d}-{day % 30 + 1:02d}T{h:02d}:10:00", ("defamation",), "high"))
    assert summary.spikes() == []
    for i in range(30):
        n += 1
        summary.add_row(row(n, f"2026-11-18T21:{i:02d}:00", ("defamation",), "high"))
    assert [s.hour for s in summary.spikes()] == ["2026-11-18T21"]


def test_counts_per_category_severity_and_day_and_the_rows_without_time_or_with_errors():
    summary = Summary()
    summary.add_row(row(1, "2026-11-20T10:00:00", ("defamation", "privacy"), "high"))
    summary.add_row(row(2, "2026-11-20T11:00:00+09:00", ("privacy",), "medium"))
    summary.add_row(row(3, "2026-11-21T09:00:00"))
    summary.add_row(row(4, None, error="not valid JSON"))
    summary.add_row(row(5, "きのう"))
    data = summary.to_dict()
    assert data["records"] == 5 and data["flagged"] == 2 and data["errors"] == 1 and data["undated"] == 2
    assert data["categories"] == {"defamation": 1, "privacy": 2}
    assert data["severities"] == {"high": 1, "medium": 1}
    assert data["days"] == [
        {"day": "2026-11-20", "records": 2, "flagged": 2, "hostile": 1},
        {"day": "2026-11-21", "records": 1, "flagged": 0, "hostile": 0},
    ]


def test_rows_read_back_from_csv_count_the_same_as_fresh_rows():
    fresh, read_back = Summary(), Summary()
    fresh.add_row(row(1, "2026-11-20T10:00:00", ("defamation", "privacy"), "high"))
    read_back.add_output_row({"record": "1", "time": "2026-11-20T10:00:00", "categories": "defamation;privacy",
                              "max_severity": "high", "error": "", "flagged": "true"})
    assert fresh.to_dict() == read_back.to_dict()


def test_poisson_tail():
    assert poisson_tail(0, 2.0) == 1.0
    assert abs(poisson_tail(1, 2.0) - (1 - 0.1353352832)) < 1e-9
    assert poisson_tail(12, 0.05) < 1e-20
