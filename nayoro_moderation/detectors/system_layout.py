"""How the city's systems and buildings are laid out: several infrastructure terms in one sentence."""

from __future__ import annotations

import re
from functools import cache

from ..categories import Category, Severity
from . import Detector, ExamplesOnFirstRead
from ._security import security_words
from ._support import SENTENCE_ENDS, original_span


class SystemLayout(Detector):
    id = "SEC005"
    name = "system-or-facility-layout"
    category = Category.SECURITY
    modes = ("draft",)
    severity = Severity.MEDIUM
    score = 0.7
    message = "システムや施設の構成・弱点（{matched}）が書かれています"
    explanation = """
何を検出するか: サーバ室・電算室・ラック・VPN・専用線・LGWAN・ファイアウォール・UPS・防犯カメラの死角・入退室・金庫など、システムや施設の構成を表す語が一つの文に二つ以上ある記述。
なぜ問題か: 機器の置き場所、ネットワークのつながり方、防犯上の死角や停電時の弱点は、侵入や攻撃の計画に使われる。6(2)ウ「本市のセキュリティを脅かすおそれのある情報を発信してはならない」に当たる。
既知の誤検知: 「サーバのメンテナンスのため閲覧できません」のように語が一つだけの告知は対象外。防犯カメラ設置の広報など、公表を前提とした説明は人の確認が要る。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "[[庁内LANのファイルサーバは2階サーバ室、VPNは本庁と風連庁舎の間を専用線]]で結んでいます。",
            "[[防犯カメラの死角]]は正面玄関の左側と職員用駐輪場です。",
            "[[LGWAN系・インターネット系の三層分離で、LGWANの接続口は4階電算室のラック]]3番です",
        ),
        ok=(
            "市のホームページが、サーバのメンテナンスのため閲覧できなくなります。",
            "市役所本庁舎のサーバー室増設工事に伴い、2階東側の通路が通れません。",
            "市の情報システムは、外部の専門機関によるセキュリティ監査を毎年受けています。",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        hits = [m for m in _terms().finditer(text) if _stands_alone(text, m.start(), m.end())]
        if len({m.group() for m in hits}) < 2:
            return
        by_sentence: dict[int, list] = {}
        for m in hits:
            by_sentence.setdefault(_sentence_start(text, m.start()), []).append(m)
        for group in by_sentence.values():
            terms = list(dict.fromkeys(m.group() for m in group))
            if len(terms) >= 2:
                a, b = group[0].start(), group[-1].end()
                yield self.candidate(*original_span(doc, a, b), 検証="構成を表す語が一文に複数", 文脈語="、".join(terms))


@cache
def _terms() -> re.Pattern:
    """All terms in one alternation, longest first (ファイルサーバ before its parts)."""
    terms = sorted(security_words().infrastructure, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms)))


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(end, 0, pos) for end in SENTENCE_ENDS) + 1


def _stands_alone(text: str, a: int, b: int) -> bool:
    """ASCII terms (ups, vpn, lan) must not be inside a longer ASCII word."""
    if not text[a:b].isascii():
        return True
    return not (a > 0 and text[a - 1].isascii() and text[a - 1].isalnum()) and not (
        b < len(text) and text[b].isascii() and text[b].isalnum()
    )


DETECTORS = [SystemLayout()]
