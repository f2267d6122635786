"""Dates, weekdays and time ranges as Japanese announcements write them, read from normalized text.

``12月30日（木）``, ``2026年11月23日日曜日``, ``11/14（日）``, ``令和8年12月5日(金)``, ``2月6日（土）・7日（日）``,
``17:00〜9:00``, ``午後3時から午前10時まで``, ``22:00〜翌6:00``.  Positions are offsets into the text given
(the normalized layer: NFKC, so ``８月２３日（土）`` reads ``8月23日(土)``).

A date without a year takes it from the text (a neighbouring date that has one, or the era year
before it) or, failing that, from the reference day — the posting time — choosing the year that puts
the date nearest to it (a post of 16 December about ``1月16日`` means next January).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from .jpdates import WEEKDAYS, EraDateError, era_date, era_year, gregorian_date
from .lazy_regex import LazyRegex

_ERA = r"(?P<era>令和|平成|昭和|大正|明治)\s*(?P<eyear>元|\d{1,2})\s*年"
_WEEKDAY = (
    r"(?:\s*\(\s*(?P<wd>[月火水木金土日])(?:曜日?)?(?:\s*[・･,、/]?\s*(?:祝日?|休日?|振休))?\s*\)"
    r"|(?P<wd2>[月火水木金土日])曜日?)"
)
# 8年3月31日: a bulletin's year without its era (令和8年) or century (2026年); see resolve().
_KANJI_DATE = LazyRegex(
    rf"(?:{_ERA}|(?P<year>(?<!\d)\d{{4}})\s*年|(?P<short>(?<![\d.])\d{{1,2}})\s*年)?\s*(?<!\d)(?P<month>\d{{1,2}})\s*月\s*(?P<day>\d{{1,2}})\s*日(?!\d)(?:{_WEEKDAY})?"
)
_NUMERIC_DATE = LazyRegex(
    rf"(?<![\d/.\-:])(?:(?P<year>\d{{4}})(?P<sep>[/.\-])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})|(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}}))"
    rf"(?![\d/:])(?:{_WEEKDAY})?"
)
# 令和元年（2019年）5月1日: a year written just before a date, across a bracket.
_YEAR_BEFORE = LazyRegex(rf"(?:(?P<year>\d{{4}})\s*年|{_ERA})\s*\)\s*$")
# 2月6日（土）・7日（日）: a day of the same month, only counted with its weekday.
_DAY_ONLY = LazyRegex(rf"(?<![\d月/])(?P<day>\d{{1,2}})\s*日(?!\d)(?:{_WEEKDAY})")
_ERA_YEAR = LazyRegex(rf"{_ERA}(?:度|\s*(?P<month>\d{{1,2}})\s*月(?:\s*(?P<day>\d{{1,2}})\s*日)?)?")
# 令和8年（2026年）, 2027年（令和9年）度, 令和9年度（2026年度）
_ERA_PAIR = LazyRegex(
    rf"{_ERA}\s*度?\s*\(\s*(?P<year>\d{{4}})\s*年?\s*度?\s*\)"
    rf"|(?P<year2>\d{{4}})\s*年\s*度?\s*\(\s*(?P<era2>令和|平成|昭和|大正|明治)\s*(?P<eyear2>元|\d{{1,2}})\s*年\s*度?\s*\)"
)


class DateMention(NamedTuple):
    start: int
    end: int
    month: int
    day: int
    year: int | None  # Gregorian year written or implied by the text (era years converted)
    era: tuple[str, int] | None  # the era year as written
    weekday: str | None  # the weekday written beside the date
    year_source: str  # "text" | "era" | "near" (another date of the text)
    relative: int | None = None  # 来年1月10日: the reference year + 1
    short_year: int | None = None  # 8年3月31日: 令和8年 or 2008年, whichever is near the reference day


# 2027年の雪まつりは2月6日（土）から / 令和8年度の納期限は1月31日: a year the dates after it belong to.
_YEAR_TOKEN = LazyRegex(rf"(?:(?P<year>(?<!\d)\d{{4}})\s*年|{_ERA})(?P<fy>\s*度)?(?!\s*\d{{1,2}}\s*月)(?!\s*[(（])")
_RELATIVE_YEAR = LazyRegex(r"(?P<word>来年|今年|本年|昨年|去年)\s*(?:の)?\s*$")
_SENTENCE_END = LazyRegex(r"[。！？!?\n]")
_RELATIVE = {"来年": 1, "今年": 0, "本年": 0, "昨年": -1, "去年": -1}


def _weekday(m) -> str | None:
    return m.group("wd") or m.group("wd2")


def find_dates(text: str) -> list[DateMention]:
    """Every date of a text in order, with the weekday written beside it."""
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in _KANJI_DATE.finditer(text):
        era = None
        year = None
        source = "text"
        if m.group("era"):
            n = 1 if m.group("eyear") == "元" else int(m.group("eyear"))
            era = (m.group("era"), n)
            year = era_year(*era)
            source = "era"
        elif m.group("year"):
            year = int(m.group("year"))
        elif (y := _YEAR_BEFORE.search(text, max(0, m.start() - 16), m.start("month"))) is not None:
            year = int(y.group("year")) if y.group("year") else era_year(y.group("era"), 1 if y.group("eyear") == "元" else int(y.group("eyear")))
        short = int(m.group("short")) if m.group("short") and year is None else None
        start = m.start("era") if m.group("era") else m.start("year") if m.group("year") else m.start("short") if short else m.start("month")
        mentions.append(DateMention(start, m.end(), int(m.group("month")), int(m.group("day")), year, era, _weekday(m), source, short_year=short))
        taken.append((start, m.end()))
    for m in _NUMERIC_DATE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        year = int(m.group("year")) if m.group("year") else None
        if year is None and _weekday(m) is None:
            continue  # 1/3 alone may be a fraction; 11/14（日） is a date
        mentions.append(DateMention(m.start(), m.end(), int(m.group("month")), int(m.group("day")), year, None, _weekday(m), "text"))
        taken.append((m.start(), m.end()))
    mentions.sort(key=lambda d: d.start)
    for m in _DAY_ONLY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        before = [d for d in mentions if d.end <= m.start()]
        if not before:
            continue
        prev = before[-1]
        mentions.append(DateMention(m.start(), m.end(), prev.month, int(m.group("day")), prev.year, prev.era, _weekday(m), "near" if prev.year else prev.year_source))
        mentions.sort(key=lambda d: d.start)
    for i, d in enumerate(mentions):
        if d.year is None and (r := _RELATIVE_YEAR.search(text, max(0, d.start - 5), d.start)) is not None:
            mentions[i] = DateMention(d.start, d.end, d.month, d.day, None, None, d.weekday, "text", _RELATIVE[r.group("word")])
    return _years_from_neighbours(text, mentions, _year_tokens(text))


def _year_tokens(text: str) -> list[tuple[int, int, bool]]:
    """(position, year, fiscal) of each year written on its own."""
    out = []
    for m in _YEAR_TOKEN.finditer(text):
        if m.group("year"):
            year = int(m.group("year"))
        else:
            year = era_year(m.group("era"), 1 if m.group("eyear") == "元" else int(m.group("eyear")))
        out.append((m.start(), year, bool(m.group("fy"))))
    return out


def _years_from_neighbours(text: str, mentions: list[DateMention], tokens: list[tuple[int, int, bool]]) -> list[DateMention]:
    """A date without a year takes the year of the nearest date or year before it (the next year when
    the month goes back: 12月29日〜1月3日; January to March of a 年度 are in the next year), else of the
    next dated one after it."""
    out = list(mentions)
    for i, d in enumerate(out):
        if d.year is not None or d.relative is not None or d.short_year is not None:
            continue
        # Only a date of the same sentence lends its year (12月29日（火）から2027年1月3日（日）まで):
        # a distant 令和9年3月31日 elsewhere in an article says nothing of 11月5日（水）.
        prev = next((p for p in reversed(out[:i]) if p.year is not None and not _SENTENCE_END.search(text, p.end, d.start)), None)
        token = next((t for t in reversed(tokens) if t[0] < d.start), None)
        if token is not None and _SENTENCE_END.search(text, token[0], d.start):
            token = None  # 2025年の来場者は1万人でした。次回は12月5日（土）: another sentence, another year
        if token is not None and (prev is None or token[0] > prev.start):
            _, year, fiscal = token
            out[i] = DateMention(d.start, d.end, d.month, d.day, year + (1 if fiscal and d.month <= 3 else 0), None, d.weekday, "text")
            continue
        if prev is not None:
            year = prev.year + (1 if d.month < prev.month else 0)
        else:
            following = next(
                (f for f in out[i + 1 :] if f.year is not None and f.year_source != "near" and not _SENTENCE_END.search(text, d.end, f.start)),
                None,
            )
            if following is None:
                continue
            year = following.year - (1 if d.month > following.month else 0)
        out[i] = DateMention(d.start, d.end, d.month, d.day, year, None, d.weekday, "near")
    return out


def nearest_year(month: int, day: int, reference: date) -> int:
    """The year that puts month/day nearest to the reference day (Feb 29 counts as Mar 1 to compare)."""
    def distance(year: int) -> int:
        try:
            when = date(year, month, day)
        except ValueError:
            when = date(year, month, 28) if month == 2 else date(year, month, 1)
        return abs((when - reference).days)

    return min((reference.year - 1, reference.year, reference.year + 1), key=distance)


def resolve(mention: DateMention, reference: date) -> tuple[int, str]:
    """The Gregorian year of a date and where it came from (for the evidence)."""
    if mention.year is not None:
        where = {"text": "本文の年", "era": "本文の和暦", "near": "本文の前後の日付"}[mention.year_source]
        return mention.year, where
    if mention.relative is not None:
        return reference.year + mention.relative, "本文の「来年」「今年」など"
    if mention.short_year is not None:
        for year, how in ((era_year("令和", mention.short_year), "令和"), (2000 + mention.short_year, "西暦の下2けた")):
            if abs(year - reference.year) <= 2:
                return year, f"本文の「{mention.short_year}年」（{how}）"
    return nearest_year(mention.month, mention.day, reference), "投稿日"


# A year-less date in an announcement falls from half a year before it to a year after it (a
# 年度's events, a deadline next spring).
PLAUSIBLE_BEFORE, PLAUSIBLE_AFTER = 183, 366


def plausible_years(month: int, day: int, reference: date) -> list[int]:
    """The years in which month/day falls in the plausible window around the reference day."""
    years = []
    for year in range(reference.year - 1, reference.year + 2):
        try:
            when = date(year, month, day)
        except ValueError:
            continue
        if -PLAUSIBLE_BEFORE <= (when - reference).days <= PLAUSIBLE_AFTER:
            years.append(year)
    return years


def to_date(mention: DateMention, year: int) -> date:
    """The day a mention names; EraDateError (a Japanese reason) when there is no such day."""
    if mention.era is not None:
        return era_date(mention.era[0], mention.era[1], mention.month, mention.day)
    return gregorian_date(year, mention.month, mention.day)


# --- era years --------------------------------------------------------------------------------------


class EraMention(NamedTuple):
    start: int
    end: int
    era: str
    n: int
    month: int | None
    day: int | None


def find_era_years(text: str) -> list[EraMention]:
    out = []
    for m in _ERA_YEAR.finditer(text):
        n = 1 if m.group("eyear") == "元" else int(m.group("eyear"))
        month = int(m.group("month")) if m.group("month") else None
        day = int(m.group("day")) if m.group("day") else None
        out.append(EraMention(m.start(), m.end(), m.group("era"), n, month, day))
    return out


class EraPair(NamedTuple):
    start: int
    end: int
    era: str
    n: int
    year: int


def find_era_pairs(text: str) -> list[EraPair]:
    """令和8年（2026年） and 2027年（令和9年）: both calendars side by side."""
    out = []
    for m in _ERA_PAIR.finditer(text):
        if m.group("era"):
            era, eyear, year = m.group("era"), m.group("eyear"), m.group("year")
        else:
            era, eyear, year = m.group("era2"), m.group("eyear2"), m.group("year2")
        out.append(EraPair(m.start(), m.end(), era, 1 if eyear == "元" else int(eyear), int(year)))
    return out


# --- times --------------------------------------------------------------------------------------------

_TIME = r"(?:(?P<ap{n}>午前|午後|am|pm)\s*)?(?P<h{n}>\d{{1,2}})(?::(?P<m{n}>\d{{2}})|\s*時(?!間)(?:\s*(?P<mm{n}>\d{{1,2}})\s*分|(?P<half{n}>半))?)"
_RANGE = LazyRegex(
    r"(?<![\d:/])" + _TIME.format(n=1) + r"\s*(?:~|〜|-|ｰ|ー|から|より)\s*(?P<next>翌日?|翌朝|明朝|深夜)?\s*" + _TIME.format(n=2) + r"(?![\d:])"
)
_CLOCK = LazyRegex(r"(?<![\d:./])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])")


class TimeRange(NamedTuple):
    start: int
    end: int
    begins: int  # minutes after midnight
    ends: int
    next_day: bool  # 翌6:00: written as ending the next day


def _minutes(m, n: int, inherit_pm: bool | None = None) -> tuple[int, bool | None]:
    hour = int(m.group(f"h{n}"))
    minute = int(m.group(f"m{n}") or m.group(f"mm{n}") or (30 if m.group(f"half{n}") else 0))
    ap = m.group(f"ap{n}")
    pm = None if ap is None else ap in ("午後", "pm")
    if pm is None and inherit_pm and hour < 12:
        hour += 12
    elif pm and hour < 12:
        hour += 12
    elif pm is False and hour == 12:
        hour = 0
    return hour * 60 + minute, pm


def find_time_ranges(text: str) -> list[TimeRange]:
    out = []
    for m in _RANGE.finditer(text):
        begins, pm = _minutes(m, 1)
        ends, _ = _minutes(m, 2)
        if pm is not None and m.group("ap2") is None and ends < begins:
            # 午後3時〜5時 is 15:00–17:00, and 午前11時〜1時 ends at 13:00
            ends, _ = _minutes(m, 2, inherit_pm=True)
        out.append(TimeRange(m.start(), m.end(), begins, ends, bool(m.group("next"))))
    return out


def find_impossible_clock_times(text: str) -> list[tuple[int, int, str]]:
    """8:75 or 9:60: minutes past 59 (hours past 24 are the broadcasting 25:00 style, left alone)."""
    return [(m.start(), m.end(), m.group()) for m in _CLOCK.finditer(text) if int(m.group("m")) >= 60]


__all__ = [
    "DateMention", "EraDateError", "EraMention", "EraPair", "TimeRange", "WEEKDAYS", "find_dates",
    "find_era_pairs", "find_era_years", "find_impossible_clock_times", "find_time_ranges", "nearest_year",
    "plausible_years", "resolve", "to_date",
]
