"""A private person's bank account: a financial institution, a branch or account type, and the number."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead
from ._support import around, first_word, original_span

_BANK = r"(?:みずほ銀行|りそな銀行|きらぼし銀行|[\p{Han}\p{Katakana}ー]{1,10}(?:銀行|信用金庫|信金|信用組合|信組|労働金庫|労金|農協|農業協同組合)|ゆうちょ(?:銀行)?|ja[\p{Han}\p{Katakana}ー]{0,8})"
# 銀行 … 支店 … 普通/当座 … 7 digits; or 口座番号 + digits; or ゆうちょ's 記号 5 digits and 番号 8 digits.
_ACCOUNT = LazyRegex(
    rf"(?P<bank>{_BANK})[^\n。]{{0,20}}?(?:普通|当座|貯蓄|総合)(?:預金)?(?:口座)?\s*[:：]?\s*(?:口座番号\s*[:：]?\s*)?(?P<number>\d{{7,8}})(?!\d)"
    rf"|口座番号\s*[:：は]?\s*(?P<number2>\d{{7,8}})(?!\d)"
    rf"|記号\s*[:：]?\s*1\d{{4}}\s*[-‐ー]?\s*番号\s*[:：]?\s*(?P<number3>\d{{7,8}})(?!\d)"
)
# The account of an organisation collecting money openly: 義援金, 社会福祉協議会, a company.
_ORGANISATION = (
    "義援金", "募金", "寄附金", "寄付金", "協議会", "株式会社", "(株)", "(カ)", "カ)", "シャフク", "社会福祉",
    "法人", "協会", "組合", "実行委員会", "名寄市", "市役所", "会計管理者",
)


class BankAccount(Detector):
    id = "PRV007"
    name = "private-bank-account"
    category = Category.PRIVACY
    severity = Severity.HIGH
    score = 0.85
    message = "個人の銀行口座「{matched}」が書かれています"
    explanation = """
何を検出するか: 個人の銀行口座。金融機関名（〜銀行・信用金庫・ゆうちょ等）と種目（普通・当座）に続く7〜8桁の口座番号、「口座番号」のあとの番号、ゆうちょの記号・番号。
なぜ問題か: 口座番号と名義の公開は詐欺や不正引き落としに使われる。様式1 ⑼「個人情報を特定・開示・漏えいするもの」、職員の投稿なら 6(1)ウ・6(2)イ に当たる。
既知の誤検知: 義援金・募金の受付口座や団体・会社の公開口座は、近くに「義援金」「協議会」「株式会社」などがあれば対象外。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "会計の石川さん個人の口座に振り込めって。[[北洋銀行 名寄支店 普通 3318204]] イシカワ ミツエ",
            "カワグチ ヨウコ様の振込先（[[北星信用金庫 名寄支店 普通 4471902]]）への振込が完了しました。",
            "息子の[[口座番号 1234567]]に入れといて",
        ),
        ok=(
            "【義援金受付】振込先：北洋銀行 名寄支店 普通 0123456 名義 シャフク）ナヨロシシャカイフクシキョウギカイ",
            "口座振替の方は、前日までに残高のご確認をお願いします。",
            "市税の口座振替の申込は、市内の金融機関の窓口でできます。",
        ),
    )

    needs = ("口座", "普通", "当座", "記号")

    def find(self, doc, request):
        text = doc.normalized.text
        for m in _ACCOUNT.finditer(text):
            before, after = around(text, m.start(), m.end(), 40, 40, sentence=False)
            organisation = first_word(before + " " + m.group() + " " + after, _ORGANISATION)
            if organisation:
                continue
            group = next(g for g in ("number", "number2", "number3") if m.group(g))
            start, end = original_span(doc, m.start(), m.end(group))
            yield self.candidate(start, end, 検証="金融機関・種目・7〜8桁の口座番号の並び", 文脈語=m.group("bank") or ("口座番号" if group == "number2" else "記号・番号"))


DETECTORS = [BankAccount()]
