"""Private IPv4 addresses (10/8, 172.16/12, 192.168/16): the inside of the city's network."""

from __future__ import annotations

import ipaddress

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead
from ._support import around, first_word, original_span

_IPV4 = LazyRegex(r"(?<![\d.])(?P<ip>(?:\d{1,3}\.){3}\d{1,3})(?:/\d{1,2})?(?::\d{1,5})?(?![\d.]*\d)")
_PRIVATE = tuple(ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
# A dotted number after these is a version or a section, not an address.
_NOT_ADDRESS = ("ver", "version", "バージョン", "v.", "第", "版", "条", "項", "章")


class PrivateIp(Detector):
    id = "SEC003"
    name = "private-ip-address"
    category = Category.SECURITY
    modes = ("draft",)
    severity = Severity.HIGH
    score = 0.85
    message = "庁内ネットワークのIPアドレス「{matched}」が書かれています"
    explanation = """
何を検出するか: プライベートIPアドレス（10.0.0.0/8、172.16.0.0/12、192.168.0.0/16。サブネットやポート番号つきを含む）。
なぜ問題か: 庁内の機器やネットワークの配置を外部に知らせ、攻撃の足がかりになる。6(2)ウ「本市のセキュリティを脅かすおそれのある情報を発信してはならない」に当たる。
既知の誤検知: バージョン番号（ver 10.1.2.3）や節番号は、前に「バージョン」「ver」「第」などがあれば対象外。家庭用ルーターの一般的な設定手順の説明も人の確認が要る。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "3階の複合機（[[10.1.3.40]]）のスキャン送信先を変更しました。",
            "監視カメラの録画機は [[192.168.10.25]] です。",
            "ファイアウォールの設定で、庁内から[[172.16.0.0/16]]への通信はすべて許可しています。",
            "管理画面 http://[[192.168.0.1]] 、初期パスワードは本体裏のシールに書いてあります",
        ),
        ok=(
            "防災アプリ「なよろ防災ナビ」ver 2.10.3 を公開しました。",
            "プラネタリウム投影ソフトをバージョン 4.2.0.18 に更新しました。",
            "プラネタリウムのソフトをバージョン 10.1.3.4 に更新しました。",
            "公開サーバは 203.0.113.5 です。",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if text.count(".") < 3:
            return
        for m in _IPV4.finditer(text):
            try:
                address = ipaddress.ip_address(m.group("ip"))
            except ValueError:
                continue
            if not any(address in net for net in _PRIVATE):
                continue
            before, after = around(text, m.start(), m.end(), 12, 2)
            if first_word(before, _NOT_ADDRESS) or after.startswith("版"):
                continue
            yield self.candidate(*original_span(doc, m.start(), m.end()), 検証="プライベートIPアドレス（RFC 1918）")


DETECTORS = [PrivateIp()]
