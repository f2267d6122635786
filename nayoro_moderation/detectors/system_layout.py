"""How the city's systems and buildings are laid out: several infrastructure terms in one sentence."""

from __future__ import annotations

import re
from functools import cache

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from ..re_cache import compile_re
from . import Detector, ExamplesOnFirstRead
from ._security import security_words
from ._support import SENTENCE_ENDS, alternation, original_span, paragraph_bounds

# Where the cameras do not see, said as a fact about a place (…付近は死角になっています), not as a
# wish (死角をなくす) or a driving tip: reported when a camera is named in the same paragraph.
_BLIND_SPOT = LazyRegex(r"[^\s。、,]{1,12}(?:は|が)死角(?:になって(?:い)?ます|になっている|です|だ|があります)|死角は(?!少な|ほとんど|ない|なく|あり)[^。\n]{1,25}?(?:です|にあります)")
_CAMERAS = ("防犯カメラ", "監視カメラ", "カメラ")
# How few guards keep a building when it is closed: the number an intruder needs (an event's
# 警備員20名体制 is reassurance, not a weakness).
_GUARDS = LazyRegex(r"(?:警備員?|守衛|宿直)(?:は|が)?\s*(?:[1-3１-３]|[一二三])\s*(?:名|人)(?:体制|だけ|のみ|で)")
_CLOSED_HOURS = ("夜間", "深夜", "夜は", "休日", "閉庁", "年末年始", "時以降", "時から翌")


class SystemLayout(Detector):
    id = "SEC005"
    name = "system-or-facility-layout"
    category = Category.SECURITY
    modes = ("draft",)
    severity = Severity.MEDIUM
    score = 0.7
    message = "システムや施設の構成・弱点（{matched}）が書かれています"
    explanation = """
何を検出するか: サーバ室・電算室・ラック・VPN・専用線・LGWAN・ファイアウォール・UPS・防犯カメラの死角・入退室・金庫など、システムや施設の構成を表す語が一つの文に二つ以上ある記述。防犯カメラの話のなかで死角の場所を述べたもの（〜付近は死角になっています）と、閉庁時の警備の少なさ（夜間は警備員1名体制）も含む。
なぜ問題か: 機器の置き場所、ネットワークのつながり方、防犯上の死角や停電時の弱点は、侵入や攻撃の計画に使われる。6(2)ウ「本市のセキュリティを脅かすおそれのある情報を発信してはならない」に当たる。
既知の誤検知: 「サーバのメンテナンスのため閲覧できません」のように語が一つだけの告知は対象外。「死角をなくしました」、カメラの話のない運転の注意（交差点の死角）は出さない。防犯カメラ設置の広報など、公表を前提とした説明は人の確認が要る。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "[[庁内LANのファイルサーバは2階サーバ室、VPNは本庁と風連庁舎の間を専用線]]で結んでいます。",
            "[[防犯カメラの死角]]は正面玄関の左側と職員用駐輪場です。",
            "[[LGWAN系・インターネット系の三層分離で、LGWANの接続口は4階電算室のラック]]3番です",
            "図書館の防犯カメラの位置を見直しました。[[2階の書庫の奥は死角になっています]]。",
            "年末年始の本庁舎は[[警備員1名で]]巡回します。",
        ),
        ok=(
            "市のホームページが、サーバのメンテナンスのため閲覧できなくなります。",
            "市役所本庁舎のサーバー室増設工事に伴い、2階東側の通路が通れません。",
            "市の情報システムは、外部の専門機関によるセキュリティ監査を毎年受けています。",
            "冬の公園は見通しがよく、死角が少ないので子どもだけでも安心です。防犯カメラの設置は来年度に予定しています。",
            "交差点の右側は死角になりやすいので、冬道の運転は気をつけましょう。",
            "ひまわりまつりは警備員20名体制で安全を確保します。",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        found = list(_layout_sentences(text))
        if "死角" in text:
            for m in _BLIND_SPOT.finditer(text):
                a, b = paragraph_bounds(text, m.start(), m.end(), 120, 120)
                camera = next((w for w in _CAMERAS if w in text[a:b]), None)
                # a sentence already reported for its layout terms is not reported twice
                if camera and not any(s < m.end() and m.start() < e for s, e, _ in found):
                    found.append((m.start(), m.end(), {"検証": "防犯上の死角の場所", "文脈語": camera}))
        for m in _GUARDS.finditer(text):
            a, b = paragraph_bounds(text, m.start(), m.end(), 60, 60)
            closed = next((w for w in _CLOSED_HOURS if w in text[a:b]), None)
            if closed:
                found.append((m.start(), m.end(), {"検証": "閉庁時の警備の人数", "文脈語": closed}))
        for a, b, evidence in found:
            yield self.candidate(*original_span(doc, a, b), **evidence)


def _layout_sentences(text: str):
    """Sentences naming two or more layout terms."""
    hits = [m for m in _terms().finditer(text) if _stands_alone(text, m.start(), m.end())]
    if len({m.group() for m in hits}) < 2:
        return
    by_sentence: dict[int, list] = {}
    for m in hits:
        by_sentence.setdefault(_sentence_start(text, m.start()), []).append(m)
    for group in by_sentence.values():
        terms = list(dict.fromkeys(m.group() for m in group))
        if len(terms) >= 2:
            yield group[0].start(), group[-1].end(), {"検証": "構成を表す語が一文に複数", "文脈語": "、".join(terms)}


@cache
def _terms() -> re.Pattern:
    """All terms in one alternation, longest first (ファイルサーバ before its parts)."""
    return compile_re(alternation(security_words().infrastructure))


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
