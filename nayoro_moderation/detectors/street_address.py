"""A private person's street address: 都道府県・市区町村・条丁目・番地・号, Nayoro's 西3条南5丁目 grid."""

from __future__ import annotations

import regex

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead
from ._support import official_facts, original_span, personal_evidence, public_evidence

_ADDRESS = LazyRegex(
    r"""
    (?P<postal>〒\s*\d{3}-?\d{4}\s*)?
    (?P<admin>(?:(?:北海道|東京都|大阪府|京都府|\p{Han}{2,3}県)\s*)?(?:\p{Han}{1,5}?[市郡]\s*)?
        (?:\p{Han}{1,5}?[区町村](?=[\p{Han}\p{Katakana}\d])\s*)?)
    (?P<local>
        [東西南北]\d{1,2}条通?(?:[東西南北]?\d{1,2}丁目|[東西南北](?![\p{Han}]))?   # 西3条南5丁目
      | \d{1,2}条通?\d{1,2}丁目                                                   # 4条通8丁目
      | 字?[\p{Han}\p{Katakana}ー]{1,6}?\d{1,2}丁目                               # 常盤町3丁目
      | 字[\p{Han}]{1,5}?(?=\d)                                                    # 字日進22番地
      | [\p{Han}]{1,4}?\d{1,2}線(?:[東西南北](?=\d))?                             # 智恵文9線北2番地
      | (?<=[市区町村]\s*)[\p{Han}\p{Katakana}ー]{1,6}?(?=\d)                     # 緑丘14-7
    )
    (?P<detail>\s*\d{1,5}(?:\s*番地?(?:\s*の?\s*\d{1,5}\s*号?)?|\s*-\s*\d{1,5}(?:\s*-\s*\d{1,5})?|\s*号))?
    """,
    regex.VERBOSE,
)


# Every address this detector reports has 丁目 or a house number (番地, 号, 1-2).
_PRECHECK = LazyRegex(r"\d\s*(?:丁目|番|号|-\s*\d)")


class StreetAddress(Detector):
    id = "PRV003"
    name = "private-street-address"
    category = Category.PRIVACY
    severity = Severity.HIGH
    score = 0.8
    message = "個人の住所「{matched}」が書かれています"
    explanation = """
何を検出するか: 個人の住所。番地・号まである住所（西3条南5丁目12番地、緑丘14-7、常盤町3丁目2-1）と、「家」「自宅」「住所は」や人名が近くにある丁目までの住所（東4条南2丁目の赤い屋根）。郵便番号が前にあれば含める。
なぜ問題か: 本人の承諾なく住まいを公開すると、様式1 ⑼「個人情報を特定・開示・漏えいするもの」、職員の投稿なら 6(1)ウ・6(2)イ に当たる。押しかけ・嫌がらせ・空き巣の危険がある。
既知の誤検知: 施設・会社・学校などの所在地は、施設名などが近くにあれば対象外。市役所など運用ポリシーの公式住所は対象外。「西5条」「日進」のような地区名だけでは検出しない。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "担当の佐々木って職員の家は[[名寄市西5条北3丁目8番地]]、青い屋根の家だよ",
            "名前は吉田、住所は[[名寄市緑丘14-7]]、嫁は病院勤め",
            "税務課の伊藤、[[〒096-0035 名寄市西5条南7丁目3-11]] に住んでる",
            "あの事故起こしたの、横山ってやつ。家は[[東4条南2丁目]]の赤い屋根",
            "寄附者の田村様（[[東京都世田谷区桜新町2-14-6]]、03-5432-7781）",
        ),
        ok=(
            "市民文化センター エンレイホール（名寄市西13条南5丁目）でコンサートを開きます。",
            "除雪センター（名寄市字日進22番地）の見学会を開きます。",
            "名寄市役所 〒096-8686 北海道名寄市大通南1丁目1番地",
            "うちは西5条だけどまだ除雪来てないよー",
            "市道西5条線の排雪は明日以降に行います。",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if not _PRECHECK.search(text):
            return
        official = official_facts(request.policy.official)
        for m in _ADDRESS.finditer(text):
            local, detail = m.group("local"), m.group("detail")
            if not local:
                continue
            house = bool(detail) and any(ch.isdigit() for ch in detail)
            block = "丁目" in local
            if not (house or block):
                continue
            a, b = m.start("admin") if m.group("admin") else m.start("local"), m.end()
            if official.is_address(text[a:b]):
                continue
            if m.group("postal"):
                a = m.start()
            personal = personal_evidence(doc, a, b, before=30, after=25)
            if personal:
                if public_evidence(doc, a, b, before=12, after=0):
                    continue
            elif not house or public_evidence(doc, a, b, before=25, after=10):
                continue
            start, end = original_span(doc, a, len(text[:b].rstrip()))
            evidence = {"検証": "番地まである住所" if house else "丁目までの住所"}
            if personal:
                evidence["文脈語"] = personal
            yield self.candidate(start, end, **evidence)


DETECTORS = [StreetAddress()]
