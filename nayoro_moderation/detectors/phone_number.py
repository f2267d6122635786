"""A private person's telephone number, validated for Japan by ``phonenumbers``."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead
from ._support import digits_of, official_facts, original_span, personal_evidence, public_evidence
from .published_contact import published_contact

# Cheap pre-check before phonenumbers: a 0 (or +81) and 9–11 digits in two or three groups, with
# hyphens of any width, spaces, parentheses or the long-vowel mark some people type as a dash.
_CANDIDATE = LazyRegex(
    r"(?<![\d\-.])(?:\+81[\s\-]?\(?0?\)?|0)\d{1,4}(?:[\s\-‐‑‒–—−ー()]{1,3}\d{1,4}){1,2}(?![\d\-])|(?<![\d\-.])0\d{9,10}(?![\d\-])"
)

_KINDS = {
    "FIXED_LINE": "固定電話",
    "MOBILE": "携帯電話",
    "FIXED_LINE_OR_MOBILE": "電話",
    "VOIP": "IP電話",
    "TOLL_FREE": "フリーダイヤル",
    "PERSONAL_NUMBER": "個人向け番号",
    "PAGER": "ポケットベル",
}
# Numbers people carry: private unless an organisation is named right beside them.
_PERSONAL_KINDS = frozenset({"MOBILE", "VOIP", "PERSONAL_NUMBER", "PAGER"})


class PhoneNumber(Detector):
    id = "PRV001"
    name = "private-phone-number"
    category = Category.PRIVACY
    severity = Severity.HIGH
    score = 0.85
    message = "個人の電話番号「{matched}」が書かれています"
    explanation = """
何を検出するか: 個人の電話番号（携帯 070/080/090、IP電話 050、固定電話。ハイフン・空白・全角数字の表記を含む）。phonenumbers で日本の番号として有効なものだけを対象にし、近くの人名や「携帯」「自宅」などの語で個人のものと判断する。
なぜ問題か: 本人の承諾なく連絡先を公開すると、様式1 ⑼「個人情報を特定・開示・漏えいするもの」、職員の投稿なら 6(1)ウ・6(2)イ のプライバシー侵害に当たる。迷惑電話や詐欺の被害につながる。
既知の誤検知: 施設名などが近くにない事業者・店舗の固定電話。市の代表番号など運用ポリシーの公式連絡先と、病院・施設・店舗の番号として書かれたものは対象外。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "犬の鳴き声の苦情は飼い主の木下さんに直接どうぞ [[070 2281 6634]]",
            "担任の先生の携帯 [[090-4417-2358]] に直接電話したほうが早いよ",
            "隣の斉藤さんの電話は[[０１６５４－２－７３８１]]です",
            "小田様（[[01654-2-9013]]）からご指摘いただいた箇所は明朝に排雪します。",
            "町内会長の大西さんに言って。番号 [[050-3174-9926]] ね",
        ),
        ok=(
            "名寄市役所 01654-3-2111（代表）までお問い合わせください。",
            "なよろ温泉サンピラー（TEL 01654-2-2131）は年末年始も営業します。",
            "予約専用ダイヤル 0120-987-654（平日9:00〜17:00）",
            "受付番号 2026-1123-0456 でもち米頼んだけど、届く日っていつ頃ですか？",
            "090から始まる番号から電話がきたけど詐欺？",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if "0" not in text and "+" not in text:
            return
        official = official_facts(request.policy.official)
        for m in _CANDIDATE.finditer(text):
            number = digits_of(m.group())
            if number.startswith("81"):
                number = "0" + number[2:].lstrip("0")
            if number in official.phones or not 10 <= len(number) <= 11:
                continue
            kind = _number_type(number)
            if kind is None:
                continue
            given = published_contact(doc, request, m.start(), m.end(), 検証=f"日本の電話番号として有効（{_KINDS.get(kind, '電話')}）")
            if given is not None:
                yield from given
                continue
            personal = personal_evidence(doc, m.start(), m.end(), before=30, after=20)
            if kind in _PERSONAL_KINDS:
                if not personal and public_evidence(doc, m.start(), m.end(), before=25, after=10):
                    continue
            elif kind == "TOLL_FREE":
                if not personal:
                    continue
            elif public_evidence(doc, m.start(), m.end(), before=12 if personal else 25, after=8):
                continue
            start, end = original_span(doc, m.start(), m.end())
            evidence = {"検証": f"日本の電話番号として有効（{_KINDS.get(kind, '電話')}）"}
            if personal:
                evidence["文脈語"] = personal
            yield self.candidate(start, end, **evidence)


def _number_type(number: str) -> str | None:
    import phonenumbers  # 60 ms to import: only once a text holds a candidate number

    try:
        parsed = phonenumbers.parse(number, "JP")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number_for_region(parsed, "JP"):
        return None
    kind = phonenumbers.number_type(parsed)
    for name in _KINDS:
        if kind == getattr(phonenumbers.PhoneNumberType, name):
            return name
    return "OTHER"


DETECTORS = [PhoneNumber()]
