"""A credit card number: Luhn check digit and a card word near it."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead
from ._support import around, digits_of, first_word, labelled_personal_number, made_up_number, original_span

# 14–16 digits in the groupings printed on cards (4-4-4-4, 4-6-4, 4-6-5) or written together.
_CARD = LazyRegex(r"(?<![\d\-])(?:\d{4}([\s\-]?)\d{4}\1\d{4}\1\d{4}|\d{4}([\s\-]?)\d{6}\2\d{4,5}|\d{14,16})(?![\d\-])")
_CONTEXT = (
    "カード", "クレジット", "クレカ", "card", "visa", "master", "jcb", "amex", "アメックス", "diners", "ダイナース",
    "ビザ", "マスター", "決済",
    "引き落とし", "引落", "明細", "名義", "有効期限", "セキュリティコード", "支払",
)


class CreditCard(Detector):
    id = "PRV006"
    name = "credit-card-number"
    category = Category.PRIVACY
    severity = Severity.HIGH
    score = 0.9
    message = "クレジットカード番号「{matched}」が書かれています"
    explanation = """
何を検出するか: クレジットカード番号。14〜16桁の数字で Luhn のチェックディジットが一致し、かつ近くに「カード」「クレジット」「決済」「名義」などの語があるもの。
なぜ問題か: カード番号の公開は不正利用に直結する。様式1 ⑼「個人情報を特定・開示・漏えいするもの」、職員の投稿なら 6(1)ウ・6(2)イ に当たる。
Luhn が一致しない番号も、「番号は」と示され、拾った・盗んだ・名義・人名など持ち主のわかる書き方なら対象にする（写し間違えた番号でも持ち主をさらすことに変わりない）。
既知の誤検知: Luhn は10個に1個の数字列で一致するため、カードの語がない16桁（受付番号・伝票番号など）は対象外。見本・記入例や 1234 5678 … のような並びも対象外。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "クレジットカード拾った。カード番号 [[3552 2956 5591 3616]] 名義 SATO KENJI",
            "寄附者様（登録カード [[3554 1243 4096 5740]]）から二重引き落としのお問い合わせ",
            "父のカードで払ったら二重引き落とし。[[3566-9764-8039-3785]] の明細見てください",
            "駐車場に落ちてたクレカ、番号は[[5210 8833 4471 0965]]。持ち主の方いますか",
        ),
        ok=(
            "カード番号を電話やメールでお聞きすることはありません。",
            "カード番号 3552 2956 5591 3617 って書いてた（Luhn不一致）",
            "伝票番号 3552295655913616 のお荷物",
            "拾ったカードの番号は 1234 5678 9012 3456 みたいな並びでした",
            "拾得物：財布（カード類在中）。お心当たりの方は名寄警察署まで",
        ),
    )

    needs = _CONTEXT

    def find(self, doc, request):
        text = doc.normalized.text
        from stdnum import luhn

        for m in _CARD.finditer(text):
            number = digits_of(m.group())
            if not 14 <= len(number) <= 16 or made_up_number(number):
                continue
            before, after = around(text, m.start(), m.end(), 30, 15, sentence=False)
            word = first_word(before + " " + after, _CONTEXT)
            if word is None:
                continue
            if luhn.is_valid(number):
                check = "Luhn一致（カード番号の桁数）"
            elif owner := labelled_personal_number(doc, m.start(), m.end(), number):
                check, word = "Luhn不一致だが、持ち主のわかるカードの番号として示されている", f"{word}、{owner}"
            else:
                continue
            start, end = original_span(doc, m.start(), m.end())
            yield self.candidate(start, end, 検証=check, 文脈語=word)


DETECTORS = [CreditCard()]
