"""A private person's social-media account or messenger ID, posted to expose them."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead
from ._support import around, first_word, original_span, personal_evidence

_HANDLE = LazyRegex(
    r"(?<![\w@.])@(?P<handle>[a-z0-9_.]{3,30})(?![\w@])"
    r"|(?:(?:line|ライン|インスタ|instagram|twitter|ツイッター|tiktok|facebook)\s*(?:の\s*)?id\s*[:：は]?|(?<![a-z])id\s*[:：])\s*(?P<id>[a-z0-9_.\-]{4,30})(?![\w@])"
    # The ID a few words on (LINEのID載せとく→taro_99, LINE ID晒す kenta0716): only an ID-like string
    # with a digit or an underscore, since plain words follow too (LINE IDはQRコードで).
    r"|(?:line|ライン|インスタ|instagram|twitter|ツイッター|tiktok|facebook)\s*(?:の\s*)?id[^a-z0-9_@.\n。]{1,12}?"
    r"(?P<later>(?=[a-z0-9_.\-]*[0-9_])[a-z][a-z0-9_.\-]{3,29})(?![\w@])"
)
_SERVICES = ("インスタ", "instagram", "twitter", "ツイッター", "tiktok", "line", "ライン", "facebook", "フェイスブック", "アカウント", "sns", "x の", "xの")
# Exposing, not advertising: 晒す, プライベート … (a phone's スマホ near an ID is no clue).
_EXPOSING = (
    "晒", "さらし", "さらす", "プライベート", "個人", "特定", "本名", "正体", "住んで", "住所", "家は", "自宅",
    "元カノ", "元カレ", "元彼", "元嫁", "元旦那", "こいつ", "犯人",
)
_OFFICIAL = ("公式", "なりすまし", "事務局", "協会", "お店", "店舗", "店です", "当店", "例えば", "例:", "作り方")


class SnsAccount(Detector):
    id = "PRV009"
    name = "private-sns-account"
    category = Category.PRIVACY
    severity = Severity.MEDIUM
    score = 0.75
    message = "個人のSNSアカウント・ID「{matched}」が書かれています"
    explanation = """
何を検出するか: 個人のSNSアカウント（@ユーザー名）やLINE ID で、近くに人名や「晒す」「プライベート」「個人」などの語があるもの。
なぜ問題か: 本人の承諾なくアカウントを結びつけて公開すると、私生活や住まいの特定につながる。様式1 ⑼「個人情報を特定・開示・漏えいするもの」、職員の投稿なら 6(1)ウ・6(2)イ に当たる。
既知の誤検知: 市や店舗の公式アカウントの案内（「公式」「なりすまし注意」など）は対象外。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "観光課の人のプライベートのLINE ID晒します。ID: [[haruka_0716nayoro]]",
            "司会してた岡田さんでしょ。インスタ [[@okada_nayoro_0312]] に住んでるアパートまで載ってるよ",
            "万引きした高校生のLINEのID特定した、こいつ→ [[yuuki_2009]]",
        ),
        ok=(
            "市の公式Xアカウントは @nayoro_city_official です。なりすましアカウントにご注意ください。",
            "雪まつりの写真は @nayoro_snow でも紹介しています",
            "イベントの公式LINEのIDは下記QRからどうぞ nayoro_event2026",
            "名寄の家具店です。LINEのIDはこちら→ kagu_nayoro1",
        ),
    )

    needs = ("@", "id")

    def find(self, doc, request):
        text = doc.normalized.text
        for m in _HANDLE.finditer(text):
            group = next(g for g in ("handle", "id", "later") if m.group(g))
            before, after = around(text, m.start(), m.end(), 30, 20, sentence=False)
            service = first_word(before + " " + m.group() + " " + after, _SERVICES)
            if service is None or first_word(before + " " + after, _OFFICIAL):
                continue
            personal = personal_evidence(doc, m.start(), m.end(), before=40, after=30)
            if personal is None or not (personal.startswith("人名") or first_word(personal, _EXPOSING)):
                exposing = first_word(before + " " + m.group() + " " + after, _EXPOSING)
                if exposing is None:
                    continue
                personal = f"「{exposing}」"
            start, end = original_span(doc, m.start(group) - (group == "handle"), m.end(group))
            yield self.candidate(start, end, 検証=f"SNSのアカウント（{service}）", 文脈語=personal)


DETECTORS = [SnsAccount()]
