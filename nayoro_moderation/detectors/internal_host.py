"""Internal host names (*.local, *.lan, *.internal, city-nayoro.local) and Windows share paths."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from ..re_cache import compile_re
from . import Detector, ExamplesOnFirstRead
from ._support import original_span

# Not followed by a letter or digit in the same run of word characters, dots and hyphens: the run's
# other characters are passed possessively, and with the stdlib ``re`` (see urls.URL), so that a text
# of 'a.' * 50000 is read in linear time.
_HOST = compile_re(
    r"(?<![\w\-.])(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?:local|lan|internal|intranet|intra|corp|localdomain|home\.arpa)"
    r"(?::\d{1,5})?(?!(?:[^\W0-9a-z]|[\-.])*+[a-z0-9])"
)
_SHARE = LazyRegex(r"\\\\[a-z0-9][a-z0-9\-.]{0,62}\\[^\s\\]+(?:\\[^\s\\、。]+)*")


class InternalHost(Detector):
    id = "SEC004"
    name = "internal-host-name"
    category = Category.SECURITY
    modes = ("draft",)
    severity = Severity.HIGH
    score = 0.85
    message = "庁内のホスト名・共有フォルダ「{matched}」が書かれています"
    explanation = """
何を検出するか: 内部向けのホスト名（*.local、*.lan、*.internal、*.intra、*.corp など、city-nayoro.local を含む）と、Windows の共有フォルダのパス（\\\\サーバ名\\共有名）。
なぜ問題か: 庁内のサーバ名・用途・フォルダ構成は、攻撃者が狙いを定める手がかりになる。6(2)ウ「本市のセキュリティを脅かすおそれのある情報を発信してはならない」に当たる。
既知の誤検知: 家庭向け機器の説明に出る「〇〇.local」など、市の設備でないもの。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "新しいサーバは [[db02.city-nayoro.local]]（住民基本台帳系）です。",
            "VPN接続先は [[vpn.city-nayoro.local:443]] です。",
            "ファイルサーバ [[\\\\fs01.city-nayoro.local\\koho\\写真]] にイベント写真を入れておきました",
        ),
        ok=(
            "市のホームページ https://www.city.nayoro.hokkaido.jp/ をご覧ください。",
            "お問い合わせは koho@city.nayoro.lg.jp まで",
            "グローカルな視点で地域づくりを考えます。",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if "." not in text and "\\" not in text:
            return
        shares = [(m.start(), m.end()) for m in _SHARE.finditer(text)]
        for a, b in shares:
            yield self.candidate(*original_span(doc, a, b), 検証="Windows 共有フォルダのパス")
        for m in _HOST.finditer(text):
            if any(a <= m.start() < b for a, b in shares):
                continue
            yield self.candidate(*original_span(doc, m.start(), m.end()), 検証=f"内部向けドメイン（.{m.group().split(':')[0].rsplit('.', 1)[-1]}）")


DETECTORS = [InternalHost()]
