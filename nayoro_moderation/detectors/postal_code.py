"""A postal code written beside a private person, not followed by the address itself."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead
from ._public_contacts import enquiry_line
from .published_contact import PUBLISHED_CONTACT, published_contact
from ._support import digits_of, official_facts, original_span, personal_evidence, public_evidence

# 〒 or the word before it; a following street address is the address detector's (it takes the code in).
_POSTAL = LazyRegex(r"(?:〒|郵便番号\s*[:は]?)\s*(\d{3}-?\d{4})(?!\d)(?!\s*(?:北海道|\p{Han}{1,5}[都府県市郡区町村]|[東西南北]\d))")


class PostalCode(Detector):
    id = "PRV004"
    name = "private-postal-code"
    category = Category.PRIVACY
    severity = Severity.MEDIUM
    score = 0.7
    message = "個人の郵便番号「{matched}」が書かれています"
    explanation = """
何を検出するか: 〒 や「郵便番号」のついた7桁の番号で、人名や「自宅」「住所」などの語が近くにあるもの。住所が続く場合は住所の検出に含める。
なぜ問題か: 郵便番号は住まいの地域を絞り込む手がかりで、氏名と並ぶと様式1 ⑼ の個人情報の開示、職員の投稿なら 6(1)ウ・6(2)イ に当たる。
既知の誤検知: 市役所など運用ポリシーの公式の郵便番号と、施設・会社の郵便番号は対象外。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "小野寺さんの自宅は[[〒096-0012]]のあたりです",
            "佐藤様 郵便番号[[096-0035]] あてに書類を送りました",
        ),
        ok=(
            "市役所あての郵便物は「〒096-8686」だけで届きます。",
            "郵便番号は7桁で書いてください",
            "株式会社北央もち工房 〒096-0011",
        ),
    )

    needs = ("〒", "郵便番号")

    def find(self, doc, request):
        text = doc.normalized.text
        official = official_facts(request.policy.official)
        for m in _POSTAL.finditer(text):
            if digits_of(m.group(1)) in official.postal_codes:
                continue
            given = published_contact(doc, request, m.start(), m.end(), 検証="連絡先として書かれた郵便番号")
            if given is not None:
                yield from given
                continue
            personal = personal_evidence(doc, m.start(), m.end(), before=30, after=20)
            if not personal or public_evidence(doc, m.start(), m.end(), before=15, after=0):
                continue
            start, end = original_span(doc, m.start(1), m.end(1)) if m.group().startswith("郵") else original_span(doc, m.start(), m.end())
            if request.mode == "draft" and enquiry_line(text, m.start()):
                # 申込み：…までに〒…市山岳協会・東條へ: where to send an application, given on purpose
                yield PUBLISHED_CONTACT.candidate(start, end, 連絡先の名義=personal, 検証="申込み・問合せ先の郵便番号")
                continue
            yield self.candidate(start, end, 検証="7桁の郵便番号", 文脈語=personal)


DETECTORS = [PostalCode()]
