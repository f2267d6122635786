"""A car's number plate (旭川 500 あ 12-34): the car, and so its owner, can be found."""

from __future__ import annotations

from functools import cache

import regex

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex, compile_regex
from . import Detector, ExamplesOnFirstRead
from ._support import alternation, around, first_word, original_span, privacy_words

# Kana used on plates: every hiragana but お し へ ん (and the old ゐ ゑ).
_PLATE_KANA = "あいうえかきくけこさすせそたちつてとなにぬねのはひふほまみむめもやゆよらりるれろわを"
_PRECHECK = LazyRegex(r"\d\s*\p{Hiragana}\s*[\d・.･]")
_EXAMPLE = ("例:", "例)", "(例", "見本", "サンプル")


@cache
def _plate_pattern() -> regex.Pattern:
    regions = alternation(privacy_words().plate_regions)
    return compile_regex(
        rf"(?:{regions})\s*\d{{1,3}}\s*[{_PLATE_KANA}]\s*(?:\d{{1,2}}\s*[-‐ー]\s*\d{{2}}|[・.･]{{1,3}}\s*\d{{1,3}})(?!\d)"
    )


class CarPlate(Detector):
    id = "PRV008"
    name = "car-number-plate"
    category = Category.PRIVACY
    severity = Severity.MEDIUM
    score = 0.8
    message = "車のナンバー「{matched}」が書かれています"
    explanation = """
何を検出するか: 自動車のナンバープレート（地名・分類番号・ひらがな・一連番号。例: 旭川 500 あ 12-34）。
なぜ問題か: ナンバーから車と持ち主が特定され、通勤経路や自宅を晒すことにつながる。様式1 ⑼「個人情報を特定・開示・漏えいするもの」、職員の投稿なら 6(1)ウ・6(2)イ に当たる。当て逃げなどは警察への届出が筋。
既知の誤検知: 「例：」などの見本として示したナンバー。除雪車の車両番号（N-27）など地名・かなのない番号は対象外。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "当て逃げした車、[[旭川 300 ほ 52-07]] の黒いワゴンでした",
            "運転してたやつの車、[[旭川 500 さ 48-19]] の白いプリウス",
            {"text": "車は[[札幌５００あ１２－３４]]だよ", "mode": "comment"},
        ),
        ok=(
            "除雪車には車両番号（例：N-27）を表示しています。",
            "図柄入りの旭川ナンバープレートの交付申込は、各ディーラーで受け付けています。",
            "ナンバーの見本（例：旭川 500 あ 12-34）をご覧ください。",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if not _PRECHECK.search(text):
            return
        for m in _plate_pattern().finditer(text):
            before, _ = around(text, m.start(), m.end(), 8, 0)
            if first_word(before, _EXAMPLE):
                continue
            start, end = original_span(doc, m.start(), m.end())
            yield self.candidate(start, end, 検証="ナンバープレートの形式（地名・分類番号・かな・一連番号）")


DETECTORS = [CarPlate()]
