"""Japanese calendar facts: eras (和暦), national holidays, 年末年始 and Japan time.

Era boundaries are the days each era began and ended on the Gregorian calendar; 明治 dates are only
converted from 1873, when Japan adopted the Gregorian calendar (earlier 明治 dates were lunar).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple

JST = timezone(timedelta(hours=9), "JST")  # Japan keeps no daylight saving time
WEEKDAYS = "月火水木金土日"  # index = date.weekday()
GREGORIAN_SINCE = date(1873, 1, 1)


class Era(NamedTuple):
    name: str
    first: date  # first day of the era
    last: date | None  # last day, None for the current era

    @property
    def first_year(self) -> int:
        return self.first.year

    @property
    def last_year(self) -> int | None:
        return self.last.year if self.last else None


ERAS = (
    Era("令和", date(2019, 5, 1), None),
    Era("平成", date(1989, 1, 8), date(2019, 4, 30)),
    Era("昭和", date(1926, 12, 25), date(1989, 1, 7)),
    Era("大正", date(1912, 7, 30), date(1926, 12, 24)),
    Era("明治", date(1868, 1, 25), date(1912, 7, 29)),
)
ERA_BY_NAME = {era.name: era for era in ERAS}


class EraDateError(ValueError):
    """A 和暦 date that does not exist: the reason is a Japanese sentence for the reviewer."""


def era_year(era_name: str, n: int) -> int:
    """令和8 → 2026 (元年 is 1)."""
    return ERA_BY_NAME[era_name].first_year + n - 1


def era_years_of(year: int) -> list[tuple[str, int]]:
    """The era years a Gregorian year falls in: 2019 → [(令和, 1), (平成, 31)]."""
    found = []
    for era in ERAS:
        if era.first_year <= year and (era.last is None or year <= era.last_year):
            found.append((era.name, year - era.first_year + 1))
    return found


def era_of(day: date) -> tuple[str, int]:
    """The era and era year of a Gregorian date: 2019-05-01 → (令和, 1)."""
    for era in ERAS:
        if era.first <= day and (era.last is None or day <= era.last):
            return era.name, day.year - era.first_year + 1
    raise EraDateError(f"{day.isoformat()} は明治より前の日付です")


def format_era_year(era_name: str, n: int) -> str:
    return f"{era_name}{'元' if n == 1 else n}年"


def check_era_year(era_name: str, n: int, month: int | None = None) -> None:
    """Raise EraDateError when an era year (and month) lies outside the era: 平成32年, 令和元年3月."""
    era = ERA_BY_NAME[era_name]
    if n < 1:
        raise EraDateError(f"{era_name}{n}年という年はありません")
    year = era_year(era_name, n)
    label = format_era_year(era_name, n)
    if era.last is not None and year > era.last_year:
        raise EraDateError(f"{era_name}は{format_era_year(era_name, era.last_year - era.first_year + 1)}"
                           f"（{era.last.year}年{era.last.month}月{era.last.day}日）までで、{label}はありません")
    if month is None:
        return
    if year == era.first_year and month < era.first.month:
        raise EraDateError(f"{era_name}は{era.first.year}年{era.first.month}月{era.first.day}日から始まり、"
                           f"{label}{month}月はまだ{_previous_era(era).name}です")
    if era.last is not None and year == era.last_year and month > era.last.month:
        raise EraDateError(f"{era_name}は{era.last.year}年{era.last.month}月{era.last.day}日までで、"
                           f"{label}{month}月はすでに{_next_era(era).name}です")


def era_date(era_name: str, n: int, month: int, day: int) -> date:
    """The Gregorian date of a 和暦 date; EraDateError says why one does not exist."""
    check_era_year(era_name, n, month)
    year = era_year(era_name, n)
    result = gregorian_date(year, month, day)
    era = ERA_BY_NAME[era_name]
    label = f"{format_era_year(era_name, n)}{month}月{day}日"
    if result < era.first:
        raise EraDateError(f"{era_name}は{era.first.year}年{era.first.month}月{era.first.day}日からで、"
                           f"{label}はまだ{_previous_era(era).name}です")
    if era.last is not None and result > era.last:
        raise EraDateError(f"{era_name}は{era.last.year}年{era.last.month}月{era.last.day}日までで、"
                           f"{label}はすでに{_next_era(era).name}です")
    return result


def gregorian_date(year: int, month: int, day: int) -> date:
    """date(year, month, day), with the reason in Japanese when there is no such day."""
    if not 1 <= month <= 12:
        raise EraDateError(f"{month}月という月はありません")
    try:
        return date(year, month, day)
    except ValueError:
        pass
    if month == 2 and day == 29:
        raise EraDateError(f"{year}年はうるう年ではなく、2月29日はありません")
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    raise EraDateError(f"{month}月は{last}日までで、{month}月{day}日はありません")


def _previous_era(era: Era) -> Era:
    i = ERAS.index(era)
    return ERAS[i + 1] if i + 1 < len(ERAS) else era


def _next_era(era: Era) -> Era:
    i = ERAS.index(era)
    return ERAS[i - 1] if i > 0 else era


# --- days off --------------------------------------------------------------------------------------


def holiday_name(day: date) -> str | None:
    """The national holiday (祝日・振替休日・国民の休日) on a day, from jpholiday."""
    import jpholiday  # only time checks need it; keep it out of check's cold start

    return jpholiday.is_holiday_name(day)


def is_year_end(day: date) -> bool:
    """年末年始: 12月29日から1月3日まで, the days Japanese public offices close."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def day_off_reason(day: date) -> str | None:
    """Why a day is not a working day of the city, or None on a working day (weekdays only)."""
    if is_year_end(day):
        return "年末年始"
    name = holiday_name(day)
    if name:
        return f"祝日（{name}）"
    if day.weekday() >= 5:
        return f"{WEEKDAYS[day.weekday()]}曜日"
    return None


def in_japan(moment: datetime) -> datetime:
    """A moment as Japan time; a naive datetime is taken to be Japan time already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=JST)
    return moment.astimezone(JST)


def describe_moment(moment: datetime) -> str:
    """2026年11月21日（土）10:30 — how a reviewer reads a posting time."""
    m = in_japan(moment)
    return f"{m.year}年{m.month}月{m.day}日（{WEEKDAYS[m.weekday()]}）{m.hour}:{m.minute:02d}"
