"""マイナンバー (個人番号): a valid check digit and a context word, never a checksum alone."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead
from ._support import around, digits_of, first_word, labelled_personal_number, made_up_number, original_span

# Twelve digits, possibly in groups of four; not part of a longer number.
_TWELVE = LazyRegex(r"(?<![\d\-])\d{4}[\s\-]?\d{4}[\s\-]?\d{4}(?![\d\-])")
_CONTEXT = ("マイナンバー", "個人番号", "my number", "mynumber", "まいなんばー")
# Another number's label closer to the digits wins: 製造番号, 注文番号 …
_OTHER_LABELS = ("製造番号", "注文番号", "申込番号", "受付番号", "お客様番号", "口座番号", "会員番号", "管理番号", "法人番号", "例:", "例)")


class MyNumber(Detector):
    id = "PRV005"
    name = "my-number"
    category = Category.PRIVACY
    severity = Severity.HIGH
    score = 0.9
    message = "マイナンバー（個人番号）「{matched}」が書かれています"
    explanation = """
何を検出するか: マイナンバー（個人番号）。12桁の数字で、python-stdnum（jp.in_）のチェックディジットが一致し、かつ近くに「マイナンバー」「個人番号」の語があるもの。
なぜ問題か: 個人番号は番号法で利用が厳しく制限された特定個人情報で、公開は様式1 ⑼、職員の投稿なら 6(1)ウ・6(2)イ に当たる重大な漏えいになる。
チェックディジットが一致しない番号も、「番号は」と示され、人名・拾った・名義など持ち主のわかる書き方なら対象にする。
既知の誤検知: チェックディジットだけでは12桁の数字の約1割が一致するため、語のない12桁（製造番号・注文番号・申込番号など）は対象外にしている。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "母のマイナンバー [[824591510226]] で合ってるか見てもらえますか？",
            "メモに『マイナンバー [[7152 1335 0586]]』って書いてあったよ",
            "近所のおばあちゃんの個人番号 [[603392249954]] これで通るか教えてください",
            "道で拾ったマイナンバーカード、番号は[[３１４１　５９２６　５３５８]]で名前は佐々木",
        ),
        ok=(
            "戸別受信機の製造番号 400932979916 から 779440471045 までのロットを交換します。",
            "マイナンバー 123456789012 って書いてある見本を見た",
            "注文番号 3328-8244-4280 です。確認お願いします",
            "12桁の数字が書かれた書類はマイナンバーの可能性があります。",
            "マイナンバーカードの記入例：番号は 1357 2468 9753 のように書きます",
            "マイナンバーカードの落とし物が届いています。受理番号 4455 6677 8899 でお心当たりの方は警察署へ",
        ),
    )

    needs = _CONTEXT

    def find(self, doc, request):
        text = doc.normalized.text
        from stdnum.jp import in_

        for m in _TWELVE.finditer(text):
            number = digits_of(m.group())
            if made_up_number(number):
                continue
            before, after = around(text, m.start(), m.end(), 30, 15, sentence=False)
            word = first_word(before + " " + after, _CONTEXT)
            if word is None:
                continue
            label_at = before.rfind(word)
            if any(before.rfind(other) > label_at for other in _OTHER_LABELS):
                continue
            if in_.is_valid(number):
                check = "チェックディジット一致（個人番号）"
            elif owner := labelled_personal_number(doc, m.start(), m.end(), number):
                check, word = "チェックディジット不一致だが、持ち主のわかる個人番号として示されている", f"{word}、{owner}"
            else:
                continue
            start, end = original_span(doc, m.start(), m.end())
            yield self.candidate(start, end, 検証=check, 文脈語=word)


DETECTORS = [MyNumber()]
