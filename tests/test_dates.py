"""Date checks against the real calendar: 和暦 eras, leap years, weekdays (property tests against
``datetime``), and the accuracy findings a reviewer sees."""

import unicodedata
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nayoro_moderation.datetext import find_dates, find_time_ranges, nearest_year
from nayoro_moderation.jpdates import JST, WEEKDAYS, EraDateError, era_date, era_of, era_years_of, gregorian_date

# Written here from the official proclamations, independently of jpdates.ERAS.
ERA_FIRST_DAYS = [("明治", date(1868, 1, 25)), ("大正", date(1912, 7, 30)), ("昭和", date(1926, 12, 25)),
                  ("平成", date(1989, 1, 8)), ("令和", date(2019, 5, 1))]
days = st.dates(min_value=date(1873, 1, 1), max_value=date(2099, 12, 31))


def expected_era(day: date) -> tuple[str, int]:
    name, first = [e for e in ERA_FIRST_DAYS if e[1] <= day][-1]
    return name, day.year - first.year + 1


def era_text(day: date) -> str:
    name, n = expected_era(day)
    return f"{name}{'元' if n == 1 else n}年{day.month}月{day.day}日"


def accuracy_ids(moderator, text, posted_at=None):
    report = moderator.check(text, "draft", posted_at=posted_at)
    return sorted(f.rule_id for f in report.findings if f.category.value == "accuracy")


@given(days)
def test_era_conversion_round_trips_through_datetime(day):
    name, n = era_of(day)
    assert (name, n) == expected_era(day)
    assert era_date(name, n, day.month, day.day) == day
    assert (name, n) in era_years_of(day.year)


@given(days)
def test_weekday_read_from_text_matches_datetime(day):
    right = WEEKDAYS[day.weekday()]
    wrong = WEEKDAYS[(day.weekday() + 3) % 7]
    for text in (f"{day.year}年{day.month}月{day.day}日（{right}）", f"{era_text(day)}（{right}曜日）"):
        (mention,) = find_dates(unicodedata.normalize("NFKC", text))  # the normalized layer
        assert mention.weekday == right
    (mention,) = find_dates(unicodedata.normalize("NFKC", f"{era_text(day)}（{wrong}）"))
    assert mention.weekday == wrong and mention.year == day.year


@given(st.integers(min_value=1873, max_value=2099), st.integers(min_value=1, max_value=12), st.integers(min_value=1, max_value=31))
def test_impossible_days_are_exactly_those_datetime_refuses(year, month, day):
    try:
        expected = date(year, month, day)
    except ValueError:
        expected = None
    if expected is None:
        with pytest.raises(EraDateError):
            gregorian_date(year, month, day)
    else:
        assert gregorian_date(year, month, day) == expected


@given(days)
def test_a_day_outside_its_era_is_refused(day):
    name, n = expected_era(day)
    i = [e[0] for e in ERA_FIRST_DAYS].index(name)
    if i > 0:  # the same day written in the previous era: only valid up to that era's last day
        prev_name, prev_first = ERA_FIRST_DAYS[i - 1]
        with pytest.raises(EraDateError):
            era_date(prev_name, day.year - prev_first.year + 1, day.month, day.day)
    if i + 1 < len(ERA_FIRST_DAYS):
        next_name, next_first = ERA_FIRST_DAYS[i + 1]
        if day.year >= next_first.year:  # written in the next era before it began
            with pytest.raises(EraDateError):
                era_date(next_name, day.year - next_first.year + 1, day.month, day.day)


@given(days, st.integers(min_value=-150, max_value=150))
def test_nearest_year_puts_the_date_within_half_a_year(day, offset):
    reference = day + timedelta(days=offset)
    year = nearest_year(day.month, day.day, reference)
    if (day.month, day.day) != (2, 29):
        assert year == day.year


@settings(max_examples=40, deadline=None)
@given(days)
def test_the_moderator_flags_a_wrong_weekday_and_passes_the_right_one(moderator, day):
    right, wrong = WEEKDAYS[day.weekday()], WEEKDAYS[(day.weekday() + 1) % 7]
    assert accuracy_ids(moderator, f"{era_text(day)}（{right}）に開催します。") == []
    assert accuracy_ids(moderator, f"{day.year}年{day.month}月{day.day}日（{right}）に開催します。") == []
    assert accuracy_ids(moderator, f"{era_text(day)}（{wrong}）に開催します。") == ["ACC001"]
    assert accuracy_ids(moderator, f"{day.year}年{day.month}月{day.day}日（{wrong}）に開催します。") == ["ACC001"]


@pytest.mark.parametrize(
    "text,ids",
    [
        ("令和元年5月1日（水）に記念植樹をしました。", []),
        ("令和元年4月30日（火）に記念植樹をしました。", ["ACC003"]),  # still 平成31年
        ("平成31年4月30日（火）に退位の日を迎えました。", []),
        ("平成31年5月1日（水）に改元されました。", ["ACC003"]),
        ("令和元年（2019年）5月1日に改元されました。", []),
        ("平成31年（2019年）4月に開校しました。", []),
        ("令和2年（2019年）に開校しました。", ["ACC003"]),
        ("2028年2月29日（火）はうるう日です。", []),
        ("2027年2月29日はうるう日です。", ["ACC002"]),
        ("2000年2月29日（火）は400年に一度のうるう日でした。", []),
        ("2100年2月29日はありません。", ["ACC002"]),
        ("令和10年2月29日（火）は市の記念日です。", []),  # 令和10年 = 2028, a leap year
        ("令和9年2月29日は市の記念日です。", ["ACC002"]),
        ("昭和64年1月7日（土）と平成元年1月8日（日）。", []),
        ("昭和64年1月8日に改元。", ["ACC003"]),
    ],
)
def test_era_and_leap_year_edges(moderator, text, ids):
    assert accuracy_ids(moderator, text) == ids


def test_year_of_a_yearless_date_comes_from_the_posting_time(moderator):
    posted = datetime(2026, 12, 16, 13, 10, tzinfo=JST)
    text = "全3回：1月16日（土）、1月23日（土）、1月30日（月）"
    report = moderator.check(text, "draft", posted_at=posted)
    (finding,) = [f for f in report.findings if f.category.value == "accuracy"]
    assert finding.matched == "1月30日（月）"
    assert finding.evidence["検証"] == "2027年1月30日は土曜日（記載は月曜日）"
    assert "投稿日時 2026-12-16" in finding.evidence["年"]


def test_year_inherits_across_the_new_year(moderator):
    text = "年末年始の休業は12月29日（火）から2027年1月3日（日）までです。"
    assert accuracy_ids(moderator, text, datetime(2026, 12, 10, tzinfo=JST)) == []


def test_a_day_after_a_date_takes_its_month(moderator):
    assert accuracy_ids(moderator, "雪まつりは2027年2月6日（土）・7日（日）です。") == []
    assert accuracy_ids(moderator, "雪まつりは2027年2月6日（土）・7日（月）です。") == ["ACC001"]


@pytest.mark.parametrize(
    "text,reversed_",
    [
        ("17:00〜9:00", True), ("16:30～13:00", True), ("14時～10時", True), ("午後3時から午前10時まで", True),
        ("22:00〜翌6:00", False), ("23:30〜翌0:30", False), ("8:45〜17:30", False), ("午後3時〜5時", False),
        ("20:00〜5:00", False), ("19時から20時半", False), ("午前11時〜1時", False),
    ],
)
def test_reversed_time_ranges(moderator, text, reversed_):
    assert (accuracy_ids(moderator, f"受付は{text}です。") == ["ACC004"]) is reversed_


def test_time_range_minutes():
    (r,) = find_time_ranges("午後3時〜5時")
    assert (r.begins, r.ends) == (15 * 60, 17 * 60)
    (r,) = find_time_ranges("22:00〜翌6:00")
    assert r.next_day


def test_the_finding_shows_the_calendar_and_the_clause(moderator):
    report = moderator.check("燃やせるごみの年内最終収集日は12月30日（木）です。", "draft",
                             posted_at=datetime(2026, 12, 14, 10, tzinfo=JST))
    (f,) = report.findings
    assert (f.rule_id, f.category.value, f.severity.value, f.clause) == ("ACC001", "accuracy", "high", "6(1)エ")
    assert report.text[f.start : f.end] == f.matched == "12月30日（木）"
    assert f.evidence["検証"] == "2026年12月30日は水曜日（記載は木曜日）"


@pytest.mark.parametrize(
    "text,ids",
    [
        ("2027年の雪まつりは2月6日（土）から開催します。", []),
        ("2027年の雪まつりは2月6日（金）から開催します。", ["ACC001"]),
        ("令和8年度の固定資産税第4期の納期限は3月1日（月）です。", []),  # 令和8年度の3月 = 2027年3月
        ("来年1月10日（日）は、はたちのつどいです。", []),
        ("来年1月10日（月）は、はたちのつどいです。", ["ACC001"]),
    ],
)
def test_a_year_written_before_a_date_decides_its_year(moderator, text, ids):
    # posted in early 2026, where the nearest-year guess alone would say 2026
    assert accuracy_ids(moderator, text, datetime(2026, 1, 20, 10, tzinfo=JST)) == ids


def test_a_year_in_another_sentence_does_not_carry_over(moderator):
    text = "2025年の来場者は1万人でした。次回は12月5日（土）に開催します。"
    assert accuracy_ids(moderator, text, datetime(2026, 11, 24, 10, tzinfo=JST)) == []
