"""Contacts that nearly match the policy's official facts (6(1)エ): a phone number one digit off the
city's, a web or mail domain one letter off the city's.  Such a slip sends people to a stranger."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from ..rules import ContextSpec
from ..urls import classify_host, find_email_hosts, find_links, near_phone, phone_digits
from . import Detector, ExamplesOnFirstRead

_PHONE = LazyRegex(
    r"(?<![\d\-.])0\d{1,4}(?:[\s\-‐‑‒–—−ー()]{1,3}\d{1,4}){1,2}(?![\d\-])|(?<![\d\-.])0\d{9,10}(?![\d\-])"
)
_NO_CONTEXT = ContextSpec(quoted="keep", negated="keep", warning="keep", question="keep", idioms="keep")


class NearOfficialPhone(Detector):
    id = "ACC006"
    name = "phone-number-nearly-official"
    category = Category.ACCURACY
    severity = Severity.HIGH
    modes = ("draft",)
    score = 0.85
    message = "電話番号「{matched}」が市の公式の番号と1けただけ違います"
    explanation = """
何を検出するか: 運用ポリシーの公式の電話番号（official.phones、既定は市役所代表 01654-3-2111 など）と1けただけ違う番号（1けたの誤り・抜け・余分、隣り合う2けたの入れ替え）。全角数字やハイフンの違いは同じ番号として扱う。
なぜ問題か: 6(1)エ「発信する情報は正確に記述する」。問い合わせ先の打ち間違いは、無関係の個人や事業者に電話が集まる実害につながる。
既知の誤検知: 代表番号とよく似た別の部署・施設の直通番号（運用ポリシーの official.phones に加えれば指摘されない）。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            "お問い合わせは名寄市役所（[[01654-3-2112]]）までお願いします。",
            "申込み・問合せ：名寄市役所 [[０１６５４－３－２１２１]]",
            "市役所代表　[[01654-2-2111]]（平日8:45〜17:30）",
        ),
        ok=(
            "お問い合わせは名寄市役所（01654-3-2111）までお願いします。",
            "問合せ：名寄市役所 ０１６５４－３－２１１１（内線３２１５）",
            "なよろ温泉サンピラー（TEL 01654-2-2131）は年末年始も営業します。",
        ),
    )

    def find(self, doc, request):
        official = tuple(phone_digits(p) for p in request.policy.official.phones)
        text = doc.normalized.text
        if not official or "0" not in text:
            return
        for m in _PHONE.finditer(text):
            meant = near_phone(phone_digits(m.group()), official)
            if meant is not None:
                shown = next(p for p in request.policy.official.phones if phone_digits(p) == meant)
                yield self.candidate(*doc.normalized.original_span(m.start(), m.end()), 公式の番号=f"{shown}（運用ポリシー）")


class NearOfficialDomain(Detector):
    id = "ACC007"
    name = "domain-nearly-official"
    category = Category.ACCURACY
    severity = Severity.HIGH
    modes = ("draft",)
    score = 0.9
    message = "「{matched}」は市の公式ドメインに似ていますが一致しません（つづりの誤り）"
    explanation = """
何を検出するか: 運用ポリシーの公式ドメイン（official.web_domains・email_domains）とつづりが少しだけ違うURL・メールアドレス（hokkiado、hokaido、nayro、lg の抜けなど）。
なぜ問題か: 6(1)エ「発信する情報は正確に記述する」。誤ったURLは開けないか、よく似たドメインを取った第三者のサイト（なりすまし・フィッシング）に利用者を誘導してしまう。
既知の誤検知: 公式ドメインとよく似た関係団体の正しいドメイン（運用ポリシーの official.web_domains に加えれば指摘されない）。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            "詳しくは市ホームページ（[[https://www.city.nayoro.hokkiado.jp/]]）をご覧ください。",
            "ごみ分別アプリは [[www.city.nayoro.hokaido.jp/gomi]] から",
            "市公式サイト [[https://www.city.nayro.lg.jp/kosodate/]] に掲載しました。",
            "ご意見は [[koho@city.nayoro.lg.jo]] へ",
        ),
        ok=(
            "詳しくは市ホームページ https://www.city.nayoro.hokkaido.jp/ をご覧ください。",
            "申請書は https://www.city.nayoro.lg.jp/shinsei/jyosetsu.pdf から",
            "天気は https://tenki.jp/forecast/1/3/ が便利です",
            "士別市のページ https://www.city.shibetsu.lg.jp/ もご覧ください",
        ),
    )

    def find(self, doc, request):
        facts = request.policy.official
        domains = tuple(dict.fromkeys(facts.web_domains + facts.email_domains))
        text = doc.normalized.text
        if not domains or "." not in text:
            return
        for link in find_links(text) + find_email_hosts(text):
            kind, domain = classify_host(link.host, domains)
            if kind == "near":
                yield self.candidate(*doc.normalized.original_span(link.start, link.end), ドメイン=link.host, 公式のドメイン=domain)


DETECTORS = [NearOfficialPhone(), NearOfficialDomain()]
