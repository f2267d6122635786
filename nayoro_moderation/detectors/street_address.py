"""A private person's street address: 都道府県・市区町村・条丁目・番地・号, Nayoro's 西3条南5丁目 grid."""

from __future__ import annotations

import regex

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead, needs_of
from .published_contact import published_contact
from ._support import (
    around, first_word, official_facts, original_span, paragraph_bounds, personal_evidence, private_names_near,
    privacy_words, public_evidence, sentence_bounds,
)

# A digit, or a mask standing for one (西3条南〇丁目, 〇〇番地の〇, 東1条南＊丁目): a masked
# address still points at one household when a person or their house is named beside it.
_MASKS = "〇○●◯*△▲□■×"
_D = rf"[\d{regex.escape(_MASKS)}]"

_ADDRESS = LazyRegex(
    r"""
    (?P<postal>〒\s*\d{3}-?\d{4}\s*)?
    (?P<admin>(?:(?:北海道|東京都|大阪府|京都府|\p{Han}{2,3}県)\s*)?(?:\p{Han}{1,5}?[市郡]\s*)?
        (?:\p{Han}{1,5}?[区町村](?=[\p{Han}\p{Katakana}\d])\s*)?)
    (?P<local>
        [東西南北]D{1,2}条通?(?:[東西南北]?D{1,2}丁目|[東西南北](?![\p{Han}]))?   # 西3条南5丁目
      | \d{1,2}条通?\d{1,2}丁目                                                   # 4条通8丁目
      | 字?[\p{Han}\p{Katakana}ー〇○●◯]{1,6}?D{1,2}丁目                         # 常盤町3丁目, 〇〇町〇丁目
      | 字[\p{Han}]{1,5}?(?=D)                                                    # 字日進22番地
      | [\p{Han}]{1,4}?\d{1,2}線(?:[東西南北](?=\d))?                             # 智恵文9線北2番地
      | (?<=[市区町村]\s*)[\p{Han}\p{Katakana}ー]{1,6}?(?=\d|D+\s*(?:番|-))                  # 緑丘14-7, 本町〇〇番地
    )
    (?P<detail>\s*D{1,5}(?:\s*番地?(?:\s*の?\s*D{1,5}\s*号?)?|\s*-\s*D{1,5}(?:\s*-\s*D{1,5})?|\s*号))?
    """.replace("D", _D),
    regex.VERBOSE,
)


# Every address this detector reports has 丁目 or a house number (番地, 号, 1-2), or is a masked
# 条 next to a house.
_PRECHECK = LazyRegex(rf"{_D}\s*(?:丁目|番|号|-\s*{_D}|条)")
# A masked address in a form's instructions is a format, not anyone's address.
_TEMPLATE = ("記入例", "例:", "例)", "例）", "見本", "のように", "書き方", "記入して", "ご記入", "入力例", "フォーマット", "テンプレ")
# A house right after the address (西3条南〇丁目の青い家, 東〇条の角の家), not 空き家 or 家族.
_HOUSE_AFTER = LazyRegex(r"(?<!空き?)家(?![族庭賃計電具])|(?<![住社])宅(?!地)")
# The writer's own house (うちは西〇条): not a disclosure about anyone else.
_SELF = ("うちは", "うちも", "うちの家", "自分の家", "自分ち", "私の家", "私は", "私も", "わたしは", "僕の家", "僕は", "俺の家", "俺は", "我が家", "わが家")


# A lot of land, not anyone's home: its area follows (金田字…832番5(116.47平方メートル)), or the
# paragraph sells, lends or lists land (市有地の売却, 物件：).
_LAND_AREA = LazyRegex(r"\s*[（(]?\s*[\d.,]+\s*(?:平方メートル|㎡|m2|m²|坪|ヘクタール|ha)")
_LAND_WORDS = ("市有地", "公有地", "町有地", "国有地", "地番", "物件", "売却", "公売", "分譲", "貸付", "土地")


class StreetAddress(Detector):
    id = "PRV003"
    name = "private-street-address"
    category = Category.PRIVACY
    severity = Severity.HIGH
    score = 0.8
    message = "個人の住所「{matched}」が書かれています"
    explanation = """
何を検出するか: 個人の住所。番地・号まである住所（西3条南5丁目12番地、緑丘14-7、常盤町3丁目2-1）と、「家」「自宅」「住所は」や人名が近くにある丁目までの住所（東4条南2丁目の赤い屋根）。郵便番号が前にあれば含める。数字を〇・＊などで伏せた住所（西3条南〇丁目、〇〇番地の〇、東〇条の角の家）も、同じ文に人名か「家」「住んで」などがあれば検出する。
なぜ問題か: 本人の承諾なく住まいを公開すると、様式1 ⑼「個人情報を特定・開示・漏えいするもの」、職員の投稿なら 6(1)ウ・6(2)イ に当たる。押しかけ・嫌がらせ・空き巣の危険がある。
既知の誤検知: 施設・会社・学校などの所在地は、施設名などが近くにあれば対象外。市役所など運用ポリシーの公式住所は対象外。「西5条」「日進」のような地区名だけでは検出しない。伏せ字の住所は、記入例（〜のようにご記入ください）、人も家も出てこない告知（西3条南〇丁目付近で漏水）、書き手自身の家（うちは西〇条）では検出しない。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "担当の佐々木って職員の家は[[名寄市西5条北3丁目8番地]]、青い屋根の家だよ",
            "名前は吉田、住所は[[名寄市緑丘14-7]]、嫁は病院勤め",
            "税務課の伊藤、[[〒096-0035 名寄市西5条南7丁目3-11]] に住んでる",
            "あの事故起こしたの、横山ってやつ。家は[[東4条南2丁目]]の赤い屋根",
            "寄附者の田村様（[[東京都世田谷区桜新町2-14-6]]、03-5432-7781）",
            "あの職員の家、[[西3条南〇丁目]]の角の青い屋根の家だよ",
            "犯人は[[東〇条]]の角の家に住んでる田中ってやつ",
            "[[大通南〇丁目〇番地の〇]]に住んでる鈴木さん、ゴミ出しのルール守ってください",
        ),
        ok=(
            "市民文化センター エンレイホール（名寄市西13条南5丁目）でコンサートを開きます。",
            "除雪センター（名寄市字日進22番地）の見学会を開きます。",
            "名寄市役所 〒096-8686 北海道名寄市大通南1丁目1番地",
            "うちは西5条だけどまだ除雪来てないよー",
            "市道西5条線の排雪は明日以降に行います。",
            "申請書の住所欄は「名寄市西〇条南〇丁目〇番地」のように、番地まで正しくご記入ください。",
            "西3条南〇丁目付近で水道管の凍結による漏水が発生しています。",
            "うちは西〇条なんですが、まだ除雪来ていません。",
        ),
    )

    @property
    def needs(self) -> tuple[str, ...]:
        return needs_of(_PRECHECK)

    def find(self, doc, request):
        text = doc.normalized.text
        if not _PRECHECK.search(text):
            return
        official = official_facts(request.policy.official)
        for m in _ADDRESS.finditer(text):
            local, detail = m.group("local"), m.group("detail")
            if not local:
                continue
            masked = any(ch in _MASKS for ch in m.group())
            house = bool(detail) and any(ch.isdigit() or ch in _MASKS for ch in detail)
            block = "丁目" in local
            if not (house or block or (masked and "条" in local)):
                continue
            a, b = m.start("admin") if m.group("admin") else m.start("local"), m.end()
            if official.is_address(text[a:b]):
                continue
            if m.group("postal"):
                a = m.start()
            given = published_contact(doc, request, a, b, 検証="連絡先として書かれた住所")
            if given is not None:
                yield from given
                continue
            if masked:
                # Digits masked: only a person or a house named in the same sentence makes it anyone's.
                personal = _masked_household(doc, a, b)
                if not personal or public_evidence(doc, a, b, before=12, after=0):
                    continue
            elif personal := personal_evidence(doc, a, b, before=30, after=25):
                if public_evidence(doc, a, b, before=12, after=0):
                    continue
            elif not house or public_evidence(doc, a, b, before=25, after=10) or _land_lot(text, a, b):
                continue
            start, end = original_span(doc, a, len(text[:b].rstrip()))
            evidence = {"検証": "番地まである住所" if house else "丁目までの住所"}
            if masked:
                evidence["検証"] = "一部を伏せた住所" + ("（番地まで）" if house else "")
            if personal:
                evidence["文脈語"] = personal
            yield self.candidate(start, end, **evidence)


def _land_lot(text: str, start: int, end: int) -> bool:
    if _LAND_AREA.match(text, end):
        return True
    left, _ = paragraph_bounds(text, start, end, 80, 0)
    return first_word(text[left:start], _LAND_WORDS) is not None


def _masked_household(doc, start: int, end: int) -> str | None:
    """Why a masked address is someone's: a person or a house named in the same sentence; None for
    a form's format and for the writer's own house."""
    text = doc.normalized.text
    left, right = around(text, start, end, 30, 25)
    if first_word(left + " " + right, _TEMPLATE) or first_word(left[-8:], _SELF):
        return None
    s_left, s_right = sentence_bounds(text, start, end)
    o_left, o_right = original_span(doc, s_left, s_right)
    names = [n for n in private_names_near(doc, start, end, 30, 25) if o_left <= n.start and n.end <= o_right]
    if names:
        return f"人名「{names[0].text}」"
    if word := first_word(left + " " + right, privacy_words().personal):
        return f"「{word}」"
    house = _HOUSE_AFTER.search(right[:10])
    return f"「{house.group()}」" if house else None


DETECTORS = [StreetAddress()]
