"""The review checklist of a draft report (guideline 5(2)ウ): whether the post needs 所属長の了承,
that several staff check it, and what to check for each kind of finding."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from .categories import Category
from .derived_cache import data_file
from .review import Hit
from .request import Request

# 5(2)ウ(ウ): several staff check each post before it goes out.
SEVERAL_STAFF = "誤った情報を発信しないよう、可能な限り複数の職員で内容を確認する（5(2)ウ(ウ)）"

# What to check, per kind of finding: a rule family where one category holds several kinds.
_BY_RULE = {
    "ACC001": "日付と曜日を暦で確認する（6(1)エ）",
    "ACC002": "日付が暦に実在するか（月末・うるう年）確認する（6(1)エ）",
    "ACC003": "和暦と西暦の対応、元号の期間（平成は2019年4月30日まで）を確認する（6(1)エ）",
    "ACC004": "時刻・時間帯の始まりと終わりを確認する（6(1)エ）",
    "ACC005": "時刻・時間帯の始まりと終わりを確認する（6(1)エ）",
    "ACC006": "電話番号を運用ポリシーの公式の連絡先と照合する（6(1)エ）",
    "ACC007": "URL・メールアドレスのつづりを公式のドメインと照合する（6(1)エ）",
    "ACP001": "運用期間が終わったアカウントです。発信を見合わせ、アカウントの削除と名寄市ソーシャルメディア一覧からの削除依頼（様式4）を行う（5(3)イ）",
    "ACP002": "運用期間の開始前です。運用ポリシー（様式1）と掲載依頼（様式2）の手続を確認する（5(1)オ・5(3)ア）",
}
_BY_CATEGORY = {
    Category.ACCURACY: "日付・曜日・時刻・連絡先を確認する（6(1)エ）",
    Category.DELIBERATION: "意思形成過程の情報ではないか、公表してよい段階かを所属長に確認する（6(2)エ）",
    Category.MEDIA_CONSENT: "写っている人の同意を確認する（子どもは保護者の同意）。同意を得た旨を書き添えるか、顔が分からないよう加工する（5(4)イ）",
    Category.EXTERNAL_REFERENCE: "リンク先・引用元を確認する：運営者、内容の正確さ、引用・転載の許可、市の投稿やホームページと誤解されないか（5(4)ウ）",
    Category.REPLY_TONE: "反論・抗弁を控え、冷静で丁寧な言葉に書き直す。すぐに答えられない場合はその旨を伝え、後日正式に回答する（5(5)ア(ア)・5(4)ア）",
    Category.WORKING_HOURS: "就業時間中の私的利用に当たらないか確認し、就業時間外に投稿する（6(1)ク）",
    Category.OPERATING_HOURS: "運用時間外の投稿です。急ぐ情報か確認し、反応への確認・返信の担当を決めておく（5(1)カ・5(2)ア）",
    Category.ACCOUNT_PERIOD: "運用期間の外のアカウントです。運用ポリシーの運用期間を確認する（5(1)オ・5(3)イ）",
    Category.CONFIDENTIAL: "本市・関係機関の秘密や未発表の情報ではないか、所属長に確認する（6(2)ア・エ）",
    Category.SECURITY: "パスワード・内部システムなどセキュリティに関わる情報を削除する（6(2)ウ）",
    Category.PRIVACY: "個人情報を削除するか、本人の承諾を確認する（6(1)ウ・6(2)イ）",
    Category.IP_INFRINGEMENT: "著作権・肖像権などの権利者の許諾を確認する（6(1)ウ・6(2)イ）",
    Category.DEFAMATION: "他者を侮辱する表現を削除する（6(1)キ）",
    Category.DISCRIMINATION: "差別や差別の助長に当たる表現を削除する（6(1)キ）",
    Category.ILLEGAL_INCITEMENT: "違法行為をあおる表現を削除する（6(1)キ）",
    Category.FALSE_INFO: "根拠（出典・担当課の確認）を確かめ、根拠のない情報を削除する（6(1)キ）",
    Category.PUBLIC_ORDER: "公序良俗に反する表現を削除する（6(1)キ）",
}
_CORRECTION = "誤りの訂正は、元の投稿を削除せず、誤りを認めて訂正した内容を発信する（5(5)ア(イ)）"
_CORRECTION_WORDS = ("訂正", "誤りがありました", "誤って", "お詫び")
_PERSONAL = "個人アカウントで市政に関する情報を発信するときは、職務上関わらない事項でも不正確な記述が大きな影響を及ぼすことに留意する（6(2)オ）"


@cache
def _exemption_words() -> dict[str, tuple[str, tuple[str, ...]]]:
    data = data_file(Path(__file__).with_name("checklist.toml"))
    return {key: (table["title"], tuple(table["words"])) for key, table in data["exemptions"].items()}


def approval_exemption(text: str, approval_exempt: tuple[str, ...] = ()) -> tuple[str, str, str] | None:
    """(letter, title, word) of the first 5(2)ウ(イ) exemption A–D the text shows, or None."""
    normalized = unicodedata.normalize("NFKC", text)
    exemptions = dict(_exemption_words())
    exemptions["D"] = ("その他、主管課で所属長の了承を不要と判断できる内容", approval_exempt)
    for letter in "ABCD":
        title, words = exemptions[letter]
        for word in words:
            if unicodedata.normalize("NFKC", word) in normalized:
                return letter, title, word
    return None


def approval_item(findings: list[Hit], request: Request) -> str:
    """Whether the post needs 所属長の了承 (5(2)ウ(ア)), and why."""
    if findings:
        return "指摘事項があるため、発信前に所属長の了承を得る（5(2)ウ(ア)）"
    exemption = approval_exemption(request.text, request.policy.approval_exempt)
    if exemption is None:
        return ("所属長の了承を得る（5(2)ウ(ア)）— 了承を不要とできる内容（5(2)ウ(イ)A〜D: 公開済の内容、既成の事実、"
                "法令等の手続、主管課が認めた内容）に当たるか確認できませんでした")
    letter, title, word = exemption
    return (f"所属長の了承は不要の可能性があります：5(2)ウ(イ){letter}「{title}」（「{word}」）。"
            "所属長があらかじめ承認した範囲に当たるか確認する")


def review_checklist(findings: list[Hit], request: Request) -> tuple[str, ...]:
    items = [approval_item(findings, request), SEVERAL_STAFF]
    for f in findings:
        item = _BY_RULE.get(f.rule_id) or _BY_CATEGORY.get(f.category) or f"「{f.matched}」の指摘（{f.clause}）を確認する"
        if item not in items:
            items.append(item)
    if any(word in request.text for word in _CORRECTION_WORDS):
        items.append(_CORRECTION)
    if request.account == "personal":
        items.append(_PERSONAL)
    return tuple(items)
