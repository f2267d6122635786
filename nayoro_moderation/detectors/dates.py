"""Dates and times checked against the real calendar (6(1)エ): the weekday beside a date, days that do
not exist, 和暦 and 西暦 that disagree, and time ranges that end before they begin."""

from __future__ import annotations

from datetime import date, datetime

from ..categories import Category, Severity
from ..datetext import (
    find_dates,
    find_era_pairs,
    find_era_years,
    find_impossible_clock_times,
    find_time_ranges,
    plausible_years,
    resolve,
)
from ..jpdates import JST, WEEKDAYS, EraDateError, check_era_year, era_date, era_year, format_era_year, gregorian_date, in_japan
from ..lazy_regex import LazyRegex
from ..rules import ContextSpec
from . import Detector, ExamplesOnFirstRead

# A date quoted as the mistake in a correction (誤：12月30日（木）, 「木曜」と記載しましたが) is not one.
_CORRECTION_BEFORE = LazyRegex(r"(?:誤\s*[:)）】\]]|誤って|誤記|誤り\s*[:)）】])\s*\S{0,6}$")
_CORRECTION_AFTER = LazyRegex(r"^\s*\)?[」』]?\s*(?:は誤り|は誤記|と(?:記載|掲載|表記|お知らせ|書き|し)(?:てい)?ましたが)")
_NO_CONTEXT = ContextSpec(quoted="keep", negated="keep", warning="keep", question="keep", idioms="keep")
_EVENING, _MORNING = 18 * 60, 9 * 60
_HAS_DIGIT = LazyRegex(r"\d")


def _reference_day(request) -> tuple[date, str]:
    if request.posted_at is not None:
        return in_japan(request.posted_at).date(), f"投稿日時 {in_japan(request.posted_at).date().isoformat()}"
    return datetime.now(JST).date(), "今日の日付（--posted-at なし）"


def _corrected(text: str, start: int, end: int) -> bool:
    return bool(_CORRECTION_BEFORE.search(text[max(0, start - 12) : start]) or _CORRECTION_AFTER.search(text[end : end + 16]))


def _span(doc, start: int, end: int) -> tuple[int, int]:
    return doc.normalized.original_span(start, end)


def _draft(text: str, posted_at: str | None = None) -> dict:
    return dict(text=text, mode="draft", posted_at=posted_at)


class WeekdayMismatch(Detector):
    id = "ACC001"
    name = "date-with-wrong-weekday"
    category = Category.ACCURACY
    severity = Severity.HIGH
    modes = ("draft",)
    score = 0.95
    message = "「{matched}」の曜日が暦と合いません"
    explanation = """
何を検出するか: 日付の横に書いた曜日（12月30日（木）、2026年11月23日日曜日、11/14（日）、令和8年12月5日（金）など）が、実際の暦の曜日と違うもの。年が書かれていない日付は、同じ文の日付や年（12月29日（火）から2027年1月3日（日））の年、なければ投稿日時（--posted-at、ない場合は今日）の半年前から1年後までのどの年の曜日にも合わないときだけ指摘する（別の文の遠い日付からは年を取らない）。「8年3月31日」のような元号・世紀を省いた年は、投稿日時に近い令和・西暦の年と読む。
なぜ問題か: 6(1)エ「発信する情報は正確に記述する」。日付と曜日の食い違いは、ごみ収集日・納期限・イベント日を利用者が取り違える、もっとも多い誤りの一つ。
既知の誤検知: 年が書かれておらず投稿日時もない下書きで、半年以上先や前の日付を書いたもの（--posted-at か年を書けば正しく判定する）。訂正の投稿で誤りとして引用した日付（「誤：」「と記載しましたが」）は対象外。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            _draft("燃やせるごみの年内最終収集日は[[12月30日（木）]]です。", "2026-12-14T10:00:00+09:00"),
            _draft("勤労感謝の日の[[2026年11月23日日曜日]]は、窓口はお休みです。"),
            _draft("市民講座は[[11/14（日）]]10時から。", "2026-11-02T14:20:00+09:00"),
            _draft("[[令和8年12月5日（金）]]、風連地区で説明会を行います。"),
            _draft("全3回：1月16日（土）、1月23日（土）、[[1月30日（月）]]", "2026-12-16T13:10:00+09:00"),
            _draft("ひまわりまつりの最終日は[[８月２３日（土）]]です。", "2026-08-20T10:00:00+09:00"),
            _draft("説明会は[[2026.12.5(金)]]です。"),
        ),
        ok=(
            _draft("年末年始の休業は12月29日（火）から2027年1月3日（日）までです。", "2026-12-10T10:30:00+09:00"),
            _draft("2028年2月29日（火）は、うるう日の特別企画です。"),
            _draft("令和元年5月1日（水）に新元号の記念植樹を行いました。"),
            _draft("雪まつりは2027年2月6日（土）・7日（日）に開催します。"),
            _draft("2026年11月3日（火・祝）は入館料が無料です。"),
            _draft("説明会は2026.12.5(土)です。"),
            _draft("【訂正】収集日を誤：12月30日（木）→ 正：12月30日（水）に訂正します。", "2026-12-14T10:00:00+09:00"),
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if not _HAS_DIGIT.search(text):
            return
        reference, reference_text = _reference_day(request)
        for mention in find_dates(text):
            if mention.weekday is None or _corrected(text, mention.start, mention.end):
                continue
            year, source = resolve(mention, reference)
            try:
                day = era_date(*mention.era, mention.month, mention.day) if mention.era else gregorian_date(year, mention.month, mention.day)
            except EraDateError:
                continue  # no such day: ACC002/ACC003 say so
            actual = WEEKDAYS[day.weekday()]
            if actual != mention.weekday and source == "投稿日" and any(
                WEEKDAYS[date(y, mention.month, mention.day).weekday()] == mention.weekday
                for y in plausible_years(mention.month, mention.day, reference)
            ):
                continue  # a year-less date whose weekday fits its other plausible year
            if actual != mention.weekday:
                yield self.candidate(
                    *_span(doc, mention.start, mention.end),
                    検証=f"{day.year}年{day.month}月{day.day}日は{actual}曜日（記載は{mention.weekday}曜日）",
                    年=source if source != "投稿日" else f"{reference_text}から{day.year}年と判断",
                )


class ImpossibleDate(Detector):
    id = "ACC002"
    name = "date-that-does-not-exist"
    category = Category.ACCURACY
    severity = Severity.HIGH
    modes = ("draft",)
    score = 0.95
    message = "「{matched}」という日付は存在しません"
    explanation = """
何を検出するか: 暦にない日付（2月30日、4月31日、11月31日、うるう年でない年の2月29日、13月など）。年が書かれていない2月29日は、投稿日時にいちばん近い年で判断する。
なぜ問題か: 6(1)エ「発信する情報は正確に記述する」。存在しない日付は、締切や開催日を利用者が確かめようがない。
既知の誤検知: 年が書かれておらず投稿日時もない下書きの2月29日（--posted-at か年を書けば正しく判定する）。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            _draft("2月の資源ごみ収集日は[[2月30日]]です。", "2027-01-20T10:00:00+09:00"),
            _draft("交通安全運動は4月6日から[[4月31日]]まで実施されます。"),
            _draft("スポーツフェスタは[[2027年2月29日]]に開催します。"),
            _draft("大会は[[令和9年2月29日]]です。"),
        ),
        ok=(
            _draft("2028年2月29日（火）は、うるう日の特別企画です。"),
            _draft("市民税の第4期の納期限は11月30日です。"),
            _draft("令和8年度の予算は1/3が福祉に使われています。"),
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if not _HAS_DIGIT.search(text):
            return
        reference, reference_text = _reference_day(request)
        for mention in find_dates(text):
            if _corrected(text, mention.start, mention.end):
                continue
            year, source = resolve(mention, reference)
            try:
                gregorian_date(year, mention.month, mention.day)
            except EraDateError as exc:
                evidence = {"検証": str(exc)}
                if mention.month == 2 and mention.day == 29 and source == "投稿日":
                    evidence["年"] = f"{reference_text}から{year}年と判断"
                yield self.candidate(*_span(doc, mention.start, mention.end), **evidence)


class EraMismatch(Detector):
    id = "ACC003"
    name = "era-year-mismatch"
    category = Category.ACCURACY
    severity = Severity.HIGH
    modes = ("draft",)
    score = 0.95
    message = "和暦「{matched}」が暦と合いません（元号の期間か西暦との対応を確認）"
    explanation = """
何を検出するか: 和暦と西暦を並べて書いたのに年が合わないもの（令和8年（2025年）、2027年（令和8年）、令和9年度（2026年度））と、元号の範囲にない和暦（平成31年6月・令和元年3月・平成32年など。平成は2019年4月30日まで、令和は2019年5月1日から）。
なぜ問題か: 6(1)エ「発信する情報は正確に記述する」。制度の開始日や年度を取り違えさせる。
既知の誤検知: 年度をまたぐ書き方（令和8年度を2027年3月までの意味で書いた場合など）は、年度の表記にそろえれば指摘されない。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            _draft("[[令和8年（2025年）]]4月1日から、助成を拡大しました。"),
            _draft("[[2027年（令和8年）]]度の職員採用試験の案内です。"),
            _draft("[[令和9年度（2026年度）]]の申告受付は2月からです。"),
            _draft("この制度は[[平成31年6月1日]]から始まりました。"),
            _draft("[[令和元年3月]]に図書館棟が完成しました。"),
            _draft("[[平成32年度]]の計画です。"),
        ),
        ok=(
            _draft("令和8年（2026年）4月から、通院医療費も助成の対象です。"),
            _draft("令和元年（2019年）5月1日に記念植樹を行いました。"),
            _draft("この制度は平成31年4月1日から始まりました。"),
            _draft("平成31年（2019年）4月に開校しました。"),
            _draft("昭和64年1月7日と平成元年1月8日。"),
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if "年" not in text:
            return
        for pair in find_era_pairs(text):
            if era_year(pair.era, pair.n) != pair.year:
                yield self.candidate(
                    *_span(doc, pair.start, pair.end),
                    検証=f"{format_era_year(pair.era, pair.n)}は{era_year(pair.era, pair.n)}年（記載は{pair.year}年）",
                )
        for mention in find_era_years(text):
            try:
                check_era_year(mention.era, mention.n, mention.month)
                if mention.month is not None and mention.day is not None:
                    try:
                        gregorian_date(era_year(mention.era, mention.n), mention.month, mention.day)
                    except EraDateError:
                        continue  # 令和9年2月29日: no such day at all, ACC002 says so
                    era_date(mention.era, mention.n, mention.month, mention.day)
            except EraDateError as exc:
                yield self.candidate(*_span(doc, mention.start, mention.end), 検証=str(exc))


class ReversedTimeRange(Detector):
    id = "ACC004"
    name = "time-range-ends-before-it-starts"
    category = Category.ACCURACY
    severity = Severity.HIGH
    modes = ("draft",)
    score = 0.9
    message = "時間帯「{matched}」の終わりが始まりより前になっています"
    explanation = """
何を検出するか: 終了が開始より前の時間帯（17:00〜9:00、14時〜10時、午後3時から午前10時まで）。「翌」「翌朝」を付けたもの（22:00〜翌6:00）と、夕方以降に始まり朝までに終わる夜間の時間帯（20:00〜5:00）は日をまたぐものとして対象外。
なぜ問題か: 6(1)エ「発信する情報は正確に記述する」。窓口や行事の時間を利用者が取り違える。
既知の誤検知: 夕方以降に始まらない夜勤・夜間作業（17時〜翌朝）を「翌」なしで書いたもの。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            _draft("市民課の土曜窓口は[[17:00〜9:00]]です。"),
            _draft("そば打ち体験会　日時：2026年11月29日（日）[[14時～10時]]"),
            _draft("集団接種は、[[午後3時から午前10時]]まで受け付けます。"),
        ),
        ok=(
            _draft("夜間の排雪作業は22:00〜翌6:00に行います。"),
            _draft("年越しカウントダウン花火は23:30〜翌0:30の予定です。"),
            _draft("窓口時間は8:45〜17:30です。"),
            _draft("観望会は午後7時〜9時です。"),
            _draft("排雪作業の時間は20:00〜5:00です。"),
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if ":" not in text and "時" not in text:
            return
        for r in find_time_ranges(text):
            if r.ends >= r.begins or r.next_day or r.ends >= 24 * 60:
                continue
            if r.begins >= _EVENING and r.ends <= _MORNING:
                continue  # an evening-to-morning range: overnight work written without 翌
            yield self.candidate(
                *_span(doc, r.start, r.end),
                検証=f"開始 {r.begins // 60}:{r.begins % 60:02d} ／ 終了 {r.ends // 60}:{r.ends % 60:02d}",
            )


class ImpossibleClockTime(Detector):
    id = "ACC005"
    name = "time-that-does-not-exist"
    category = Category.ACCURACY
    severity = Severity.HIGH
    modes = ("draft",)
    score = 0.9
    message = "「{matched}」という時刻はありません"
    explanation = """
何を検出するか: 分が60以上の時刻（8:75、9:60）。
なぜ問題か: 6(1)エ「発信する情報は正確に記述する」。打ち間違いで開始時刻が分からなくなる。
既知の誤検知: 時刻ではない「8:75」形式の比率・得点（前後を読んで判断）。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(_draft("受付は[[8:75]]からです。"),),
        ok=(_draft("受付は8:45からです。"), _draft("試合は3:1で勝ちました。")),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if ":" not in text:
            return
        for start, end, _ in find_impossible_clock_times(text):
            yield self.candidate(*_span(doc, start, end), 検証="分は0〜59")


DETECTORS = [WeekdayMismatch(), ImpossibleDate(), EraMismatch(), ReversedTimeRange(), ImpossibleClockTime()]
