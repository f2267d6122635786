"""Links to pages outside the city's official domains (5(4)ウ)."""

from __future__ import annotations

from ..categories import Category, Severity
from ..rules import ContextSpec
from ..urls import SHORTENERS, classify_host, find_links
from . import Detector, ExamplesOnFirstRead


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
    context = ContextSpec(quoted="keep", negated="keep", warning="keep", question="keep", idioms="keep")
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
            evidence = {"リンク先": link.host}
            if link.host in SHORTENERS:
                evidence["短縮URL"] = "行き先が見えないリンク"
            yield self.candidate(*doc.normalized.original_span(link.start, link.end), **evidence)


DETECTORS = [ExternalLink()]
