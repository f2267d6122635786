"""Links to pages outside the city's official domains (5(4)ウ)."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from ..rules import ContextSpec
from ..urls import SHORTENERS, classify_host, find_links
from . import Detector, ExamplesOnFirstRead
from ._public_contacts import public_host

# <img src="…">: a picture pasted with its markup from the publishing system, shown, not followed.
_IMAGE_SOURCE = LazyRegex(r"<img\b[^<>]{0,200}?\bsrc\s*=\s*[\"']?$")
_CONTEXT = ContextSpec(quoted="keep", negated="keep", warning="keep", question="keep", idioms="keep")


class ExternalLink(Detector):
    id = "EXT001"
    name = "link-outside-official-domains"
    category = Category.EXTERNAL_REFERENCE
    severity = Severity.MEDIUM
    modes = ("draft",)
    score = 0.85
    message = "市の公式ドメイン以外へのリンク「{matched}」があります"
    explanation = """
何を検出するか: 運用ポリシーの公式ドメイン（official.web_domains）以外のサイトへのURL（ブログ、報道、通販・予約サイト、動画・SNS、外部フォーム、短縮URLなど）。スキームのない www.… や tenki.jp のような書き方も含む。
なぜ問題か: 5(4)ウ「他のホームページ等へのリンクを掲載する場合、利用者は『本市のホームページである』と捉える可能性があるため、慎重に行う」。リンク先の内容・運営者・将来の変更に市は責任を持てず、短縮URLは行き先が見えない。
既知の誤検知: 国・道・関係機関など、確認済みの信頼できるリンク（確認のうえ投稿してよい。常に使うドメインは運用ポリシーに加える）。公式ドメインのつづり違いは accuracy（ACC007）として別に指摘する。
"""
    context = _CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            "名寄の冬の楽しみ方はこちら→ [[https://ameblo.jp/nayoro-fan/entry-12845513207.html]]",
            "申込みはこちらから👉 [[https://bit.ly/3nYrWq8]]",
            "おすすめスポットは[[www.tabi-writer-hokkaido.com/nayoro]]",
            "天気は[[tenki.jp]]が便利です",
        ),
        ok=(
            "詳しくは市ホームページ https://www.city.nayoro.hokkaido.jp/section/kikaku/kosodate.html をご覧ください。",
            "名寄市公式LINEの登録方法は、市ホームページ（www.city.nayoro.lg.jp）に掲載しています。",
            "不審なURLは開かないでください。",
            "お問い合わせは koho@city.nayoro.lg.jp へ",
            "詳しくは市ホームページ（https://www.city.nayoro.hokkiado.jp/）をご覧ください。",
            "制度の詳細は上川総合振興局のページ https://www.kamikawa.pref.hokkaido.lg.jp/ をご覧ください。",
            '<img class="size-full" src="https://koho-images.example.jp/uploads/2026/11/yukimatsuri.jpg" alt="">',
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if "." not in text:
            return
        domains = request.policy.official.web_domains
        for link in find_links(text):
            kind, _ = classify_host(link.host, domains + request.policy.official.email_domains)
            if kind != "external":
                continue
            span = doc.normalized.original_span(link.start, link.end)
            if public_host(link.host):
                yield PUBLIC_LINK.candidate(*span, リンク先=link.host, 運営=f"公的機関のドメイン（{link.host}）")
            elif _IMAGE_SOURCE.search(text, max(0, link.start - 220), link.start):
                yield PUBLIC_LINK.candidate(*span, リンク先=link.host, 埋め込み="<img src> で表示する画像（読者が開くリンクではない）")
            elif link.host in SHORTENERS:
                yield self.candidate(*span, リンク先=link.host, 短縮URL="行き先が見えないリンク")
            else:
                yield self.candidate(*span, リンク先=link.host)


class PublicOrEmbeddedLink(Detector):
    id = "EXT002"
    name = "link-to-public-body-or-embedded-image"
    category = Category.EXTERNAL_REFERENCE
    severity = Severity.LOW
    modes = ("draft",)
    score = 0.6
    message = "市以外の公的機関のページ、または埋め込み画像のURL「{matched}」があります（行き先を確認）"
    explanation = """
何を検出するか: 市の公式ドメイン以外でも、国・都道府県・市町村のドメイン（*.go.jp、*.lg.jp、city.*.jp、pref.*.jp など）へのリンクと、広報紙の編集システムから貼り付けた画像の埋め込み（<img src="…">）。
なぜ問題か: 5(4)ウ「他のホームページ等へのリンクを掲載する場合…慎重に行う」。公的機関のページは信頼できるリンク先で、埋め込み画像は読者が開くリンクではないため、行き先とページの有無を確かめれば投稿してよい（お知らせ）。
既知の誤検知: 確認済みのリンク（常に使うドメインは運用ポリシーの official.web_domains に加えれば指摘されない）。それ以外の外部サイト・短縮URLは EXT001 が medium で指摘する。
"""
    context = _CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            "制度の詳細は上川総合振興局のページ [[https://www.kamikawa.pref.hokkaido.lg.jp/]] をご覧ください。",
            "マイナンバーカードの申請は [[https://www.kojinbango-card.go.jp/]] から",
            "士別市の観光案内は [[www.city.shibetsu.lg.jp]] へ",
            '<img class="size-full" src="[[https://koho-images.example.jp/uploads/2026/11/yukimatsuri.jpg]]" alt="">',
        ),
        ok=(
            "詳しくは市ホームページ https://www.city.nayoro.hokkaido.jp/ をご覧ください。",
            "名寄の冬の楽しみ方はこちら→ https://ameblo.jp/nayoro-fan/entry-12845513207.html",
            "申込みはこちらから👉 https://bit.ly/3nYrWq8",
        ),
    )

    def find(self, doc, request):
        return ()  # its findings come from EXT001, which reads every link once


PUBLIC_LINK = PublicOrEmbeddedLink()
DETECTORS = [ExternalLink(), PUBLIC_LINK]
