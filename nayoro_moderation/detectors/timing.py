"""When a draft goes out, against the policy: staff working hours (6(1)ク), the account's operating
hours (5(1)カ) and its operating period (5(1)オ, 5(3)イ).

These findings are about the whole post, not a phrase in it: their span is the post's first line,
and the posting time, the rule it meets and the reason go into the evidence.
"""

from __future__ import annotations

from functools import cache

from ..categories import Category, Severity
from ..jpdates import describe_moment
from ..rules import ContextSpec
from . import Detector, ExamplesOnFirstRead

_FIRST_LINE_MAX = 40
# Timing is not a matter of wording: quotes, negations or warnings in the text change nothing.
_NO_CONTEXT = ContextSpec(quoted="keep", negated="keep", warning="keep", question="keep", idioms="keep")

EXAMPLE_POLICY = {
    "period": {"start": "2024-04-01", "end": "2027-03-31"},
    "operating_hours": {"weekdays": ["月", "火", "水", "木", "金"], "start": "08:45", "end": "17:30"},
    "working_hours": {"weekdays": ["月", "火", "水", "木", "金"], "start": "08:45", "end": "17:30"},
}
ENDED_POLICY = {**EXAMPLE_POLICY, "period": {"start": "2025-06-01", "end": "2025-10-31"}}


@cache
def _office_hours():
    from ..policy import Policy

    return Policy.default().working_hours


def post_span(text: str) -> tuple[int, int]:
    """The post's first non-blank line, at most 40 characters: what a finding about the post shows."""
    start = len(text) - len(text.lstrip())
    newline = text.find("\n", start)
    end = len(text) if newline == -1 else newline
    end = min(end, start + _FIRST_LINE_MAX)
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _hours_text(hours) -> str:
    days = "・".join(hours.weekdays)
    return f"{days} {hours.start:%H:%M}〜{hours.end:%H:%M}{hours.exclusions_text()}"


def _example(text: str, at: str, account: str = "official", policy: dict = EXAMPLE_POLICY) -> dict:
    return dict(text=text, mode="draft", posted_at=at, account=account, policy=policy)


class PersonalPostInWorkingHours(Detector):
    id = "WRK001"
    name = "personal-post-in-working-hours"
    category = Category.WORKING_HOURS
    severity = Severity.MEDIUM
    modes = ("draft",)
    score = 0.9
    message = "個人アカウントへの投稿が就業時間中に予定されています"
    explanation = """
何を検出するか: 個人アカウント（--account personal）からの投稿で、投稿日時（--posted-at）が運用ポリシーの職員の就業時間（working_hours。ポリシーにない場合は市の開庁時間 平日8:45〜17:30）に入っているもの。祝日（jpholiday）・年末年始（12月29日〜1月3日）・週末は就業日に数えない。
なぜ問題か: 6(1)ク「業務として利用する場合を除き、就業時間中に利用してはならない」。
既知の誤検知: 休暇・休憩中の投稿、時差出勤やシフト勤務の職員、業務として個人アカウントを使う場合（所属長の了承があれば問題ない）。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            _example("[[新しいスノーブーツ買った〜👢 なまら暖かい]]", "2026-11-17T10:24:00+09:00", "personal"),
            _example("[[仕事中だけどサッカーの結果が気になる⚽]]\n早く帰りたい", "2026-12-11T14:30:00+09:00", "personal"),
        ),
        ok=(
            _example("新しいスノーブーツで初雪の中をお散歩👢", "2026-11-17T19:05:00+09:00", "personal"),
            _example("勤労感謝の日なので、家族で温泉に来ました♨", "2026-11-23T11:00:00+09:00", "personal"),
            _example("初売りで福袋ゲット🎍", "2027-01-02T10:30:00+09:00", "personal"),
            _example("除雪車の出動状況を更新しました。", "2026-12-09T10:30:00+09:00", "official"),
        ),
    )

    def find(self, doc, request):
        if request.account != "personal" or request.posted_at is None:
            return
        # Staff hours are the city's, not the account's: a policy without them uses the office hours.
        hours = request.policy.working_hours or _office_hours()
        if hours is None:
            return
        if hours.outside_reason(request.posted_at) is None:
            yield self.candidate(*post_span(doc.text), 投稿日時=describe_moment(request.posted_at),
                                 就業時間=_hours_text(hours), 投稿先="個人アカウント")


class OfficialPostOutsideOperatingHours(Detector):
    id = "OPH001"
    name = "official-post-outside-operating-hours"
    category = Category.OPERATING_HOURS
    severity = Severity.LOW
    modes = ("draft",)
    score = 0.9
    message = "運用ポリシーの運用時間外に投稿する予定です（発信してよいが、返信・対応の体制を確認）"
    explanation = """
何を検出するか: 公式アカウントの投稿で、投稿日時（--posted-at）が運用ポリシーの運用時間（operating_hours）の外にあるもの。曜日・時刻に加え、祝日（jpholiday、振替休日・国民の休日を含む）と年末年始（12月29日〜1月3日）を除く設定なら、その日も運用時間外とする。
なぜ問題か: 5(1)カ で運用時間を定め、様式1 で利用者に示している。時間外の発信は「ただし、それ以外の時間に発信する場合があります」として認められるが、反応への対応が遅れることを踏まえて投稿時刻を選ぶ。
既知の誤検知: 災害・熊出没・大雪など緊急の情報は時間外でも発信すべきもの（指摘は確認のためで、修正は不要）。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            _example("[[【熊出没】本日21時ごろ、緑丘でヒグマの目撃情報がありました。]]", "2026-09-17T21:40:00+09:00"),
            _example("[[あけましておめでとうございます🎍]]", "2027-01-01T00:05:00+09:00"),
            _example("[[本日（文化の日）は、北国博物館の入館料が無料です。]]", "2026-11-03T09:05:00+09:00"),
        ),
        ok=(
            _example("【熊出没】本日午前10時ごろ、緑丘でヒグマの目撃情報がありました。", "2026-09-17T10:40:00+09:00"),
            _example("新年のごあいさつ：仕事始めの本日、市長が訓示を行いました。", "2027-01-04T10:00:00+09:00"),
            _example("猫と一日中こたつでゴロゴロ🐈", "2026-11-21T14:05:00+09:00", "personal"),
        ),
    )

    def find(self, doc, request):
        hours = request.policy.operating_hours
        if request.account != "official" or request.posted_at is None or hours is None:
            return
        reason = hours.outside_reason(request.posted_at)
        if reason is not None:
            yield self.candidate(*post_span(doc.text), 投稿日時=describe_moment(request.posted_at),
                                 運用時間=_hours_text(hours), 理由=reason)


def _period_text(period) -> str:
    return f"{period.start.isoformat()}〜{period.end.isoformat() if period.end else ''}"


class PostAfterOperatingPeriod(Detector):
    id = "ACP001"
    name = "post-after-operating-period"
    category = Category.ACCOUNT_PERIOD
    severity = Severity.HIGH
    modes = ("draft",)
    score = 0.95
    message = "運用期間が終わったアカウントへの投稿です"
    explanation = """
何を検出するか: 公式アカウントの投稿で、投稿日時（--posted-at）が運用ポリシーの運用期間（period.end）より後のもの。
なぜ問題か: 5(1)オ で運用期間を定め、5(3)イ は運用を終えたアカウントを乗っ取りのおそれから速やかに削除し、名寄市ソーシャルメディア一覧からの削除を依頼（様式4）するよう求めている。終わったはずのアカウントからの発信は、利用者に誤解を与える。
既知の誤検知: 運用期間を延長したのにポリシーファイルを更新していない場合（ポリシーを直し、様式1を出し直す）。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            _example("[[もち米フェス2025にご来場いただいた皆さま、ありがとうございました🍡]]",
                     "2026-11-10T10:00:00+09:00", policy=ENDED_POLICY),
            _example("[[新年度がスタートしました🌸]]", "2027-04-01T09:00:00+09:00"),
        ),
        ok=(
            _example("本アカウントは2025年10月31日をもって運用を終了します。", "2025-10-30T10:00:00+09:00", policy=ENDED_POLICY),
            _example("運用期間の最終月になりました。", "2027-03-31T10:00:00+09:00"),
        ),
    )

    def find(self, doc, request):
        if request.account != "official" or request.posted_at is None or request.policy.period is None:
            return
        if request.policy.period_problem(request.posted_at) == "after":
            yield self.candidate(*post_span(doc.text), 投稿日時=describe_moment(request.posted_at),
                                 運用期間=_period_text(request.policy.period), 理由="運用期間の終了後")


class PostBeforeOperatingPeriod(Detector):
    id = "ACP002"
    name = "post-before-operating-period"
    category = Category.ACCOUNT_PERIOD
    severity = Severity.MEDIUM
    modes = ("draft",)
    score = 0.9
    message = "運用期間が始まる前のアカウントへの投稿です"
    explanation = """
何を検出するか: 公式アカウントの投稿で、投稿日時（--posted-at）が運用ポリシーの運用期間の開始日（period.start）より前のもの。
なぜ問題か: 5(1)オ で定めた運用期間の外の発信で、5(3)ア の掲載手続（様式1・様式2）が済む前に運用を始めている可能性がある。
既知の誤検知: 開始日を早めたのにポリシーファイルを更新していない場合。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(_example("[[ピヤシリスキー場の今シーズンの営業は終了しました。]]", "2024-03-22T10:00:00+09:00"),),
        ok=(_example("新年度もよろしくお願いします。", "2024-04-01T09:30:00+09:00"),),
    )

    def find(self, doc, request):
        if request.account != "official" or request.posted_at is None or request.policy.period is None:
            return
        if request.policy.period_problem(request.posted_at) == "before":
            yield self.candidate(*post_span(doc.text), 投稿日時=describe_moment(request.posted_at),
                                 運用期間=_period_text(request.policy.period), 理由="運用期間の開始前")


DETECTORS = [
    PersonalPostInWorkingHours(),
    OfficialPostOutsideOperatingHours(),
    PostAfterOperatingPeriod(),
    PostBeforeOperatingPeriod(),
]
