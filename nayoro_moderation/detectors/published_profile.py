"""A person a draft names on purpose: the subject of an interview, a profile or an award notice.

A city's bulletin introduces residents by name every issue, with their age, district, school year and
sometimes their illness, their child's disability or their work at a care home: the people agreed to
the interview, quote themselves and read the proof.  What tells such a feature from a draft leaking a
resident's health or welfare data is its form: the person speaks in their own words (田中さんは「…」と
話しました), has a byline or a profile line (山本 昌子さん(78・田村町) alone on its line), or is named
for an award, a work or a talk of theirs.  PRV010 hands such a person over to this notice: a reviewer
only has to confirm consent.  Positions are normalized-layer offsets (NFKC, lower case).
"""

from __future__ import annotations

import re

from ..categories import Category, Severity
from ..re_cache import compile_re
from . import Detector, ExamplesOnFirstRead
from ._support import sentence_bounds

_HONORIFIC = r"\s*(?:さん|様|さま|くん|君|ちゃん|氏)?"
_BRACKETS = r"\s*(?:[(][^()\n]{1,24}[)])?"
# The person opens a quote of their own: 鈴木さん(62)は「…, 鈴木さん。「…
_OPENS_QUOTE = compile_re(_HONORIFIC + _BRACKETS + r"\s*(?:は|が|も)?\s*[、,]?\s*「")
# A quote closed and reported: 「…」と話しました, 」と笑顔で語ります, 」と振り返ります.
_REPORTED = compile_re(r"」\s*と\s*(?:笑顔で|うれしそうに|力強く|話|語|笑|振り返|喜|意気込|答え|述べ|明か|胸を張|力を込め|目を細め|教えて)")
# A byline or profile line: the name, its honorific and a bracket of age, district or school, and
# nothing after it on the line (河内 賢一さん(49・王子)⏎).
_PROFILE_LINE = compile_re(_HONORIFIC + r"\s*[(][^()\n]{1,24}[)]\s*$", re.M)
# What people are named for in a feature: a prize, a work, a talk or a performance of their own.
_HONOURED = ("賞", "表彰", "優勝", "入選", "入賞", "受賞", "作品", "作文", "朗読", "講演", "披露", "出演", "演奏", "展示会")


def feature_form(text: str, start: int, end: int, surname: str) -> str | None:
    """How the person at ``start:end`` is presented when the text presents them as a feature does,
    else None.  ``surname`` finds the other places the text names them (鈴木さんは「…)."""
    for at in _mentions(text, start, end, surname):
        if _OPENS_QUOTE.match(text, at):
            return "本人の発言（「」）"
        left, right = sentence_bounds(text, at, at)
        if "「" in text[at:right] and _REPORTED.search(text, at, min(len(text), right + 2)):
            return "本人の発言（「」）"
        if text[right : right + 1] in "。！？!?" and text[right + 1 : right + 3].lstrip().startswith("「"):
            return "本人の発言（「」）"
    if _PROFILE_LINE.match(text, end):
        return "紹介欄の氏名行"
    left, right = sentence_bounds(text, start, end)
    previous = sentence_bounds(text, max(0, left - 2), max(0, left - 2))[0] if left > 1 else left
    if word := next((w for w in _HONOURED if w in text[previous:right]), None):
        return f"表彰・作品・講演の紹介（{word}）"
    return None


def _mentions(text: str, start: int, end: int, surname: str):
    """The end of this mention and of every other mention of the same surname with an honorific."""
    yield end
    if len(surname) < 2:
        return
    for m in re.finditer(re.escape(surname) + r"(?=\s*(?:さん|様|さま|くん|君|ちゃん|氏))", text):
        if m.start() != start:
            yield m.end()


class PublishedProfile(Detector):
    id = "PRV014"
    name = "person-in-published-feature"
    category = Category.PRIVACY
    severity = Severity.LOW
    modes = ("draft",)
    score = 0.5
    message = "取材記事・紹介として、個人（{matched}）と本人の事情が書かれています。掲載の同意を確認してください"
    explanation = """
何を検出するか: 下書きで、取材記事・人物紹介・表彰の告知の形で名前を挙げた個人（本人が「」で語っている、紹介欄の氏名行「山本 昌子さん(78・田村町)」がある、受賞・作品・講演の紹介）に、病気・障がい・福祉・家庭の事情・学校と学年・年齢と住まいなどが添えられているもの。
なぜ問題か: 6(1)ウ・6(2)イ。本人が取材に応じ、掲載を承諾した記事なら問題ない。承諾の範囲を超えた事情（家族の病名など）や、承諾を得ていない記事は個人情報の漏えいになるため、投稿前に確かめる。
既知の誤検知: 承諾を確認済みの記事。取材や紹介の形でない、本人の知らないところで事情を書いたものは PRV010 が high で指摘する。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "脳梗塞で倒れた後、リハビリを続けてきた[[木村 正]]さん(68)は「また雪かきができるようになった」と話しました。",
            "■冬の作文コンクール\n[[佐藤 陽菜]]さん(名寄東小5年)\n雪の日の登校で考えたことを書きました。",
            "読書感想文コンクールで、名寄南小学校6年の[[山本 花子]]さんが最優秀賞に選ばれました。",
        ),
        ok=(
            "雪下ろし中に転落した村井清さん（74）のお宅は、今も屋根が壊れたままです。",
            "書道展で市長賞の小川和子さん（81）の作品を展示しています。",
            "■なよろ俳句の会\n問合せ：加賀谷\n【電話】01654-2-1111",
        ),
    )

    def find(self, doc, request):
        return ()  # its findings come from PRV010, which hands over the people a feature names


PUBLISHED_PROFILE = PublishedProfile()

DETECTORS = [PUBLISHED_PROFILE]
