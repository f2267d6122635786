"""A private person's e-mail address."""

from __future__ import annotations

from ..categories import Category, Severity
from ..re_cache import compile_re
from . import Detector, ExamplesOnFirstRead
from ._public_contacts import public_host
from ._support import official_facts, original_span, personal_evidence, privacy_words, public_evidence
from .published_contact import published_contact

# Bounded by ASCII only: Japanese writes an address straight against its words (連絡はtaro@…まで),
# and \w would count those kana and kanji as part of it.  The stdlib re: regex backs out of the
# repeated host label in time that grows with its repetitions ('x@' + 'a.' * 50000 + '1' ran out of
# time; re reads it in milliseconds).
_EMAIL = compile_re(
    r"(?<![a-z0-9._%+\-])[a-z0-9][a-z0-9._%+\-]{0,63}@(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![a-z0-9\-]|\.[a-z0-9])"
)


class EmailAddress(Detector):
    id = "PRV002"
    name = "private-email-address"
    category = Category.PRIVACY
    severity = Severity.HIGH
    score = 0.85
    message = "個人のメールアドレス「{matched}」が書かれています"
    explanation = """
何を検出するか: 個人のメールアドレス（全角で書かれたものを含む）。フリーメール・携帯キャリアのアドレス、近くに人名や「個人」「晒す」などの語があるアドレスを個人のものと判断する。
なぜ問題か: 本人の承諾なく連絡先を公開すると、様式1 ⑼「個人情報を特定・開示・漏えいするもの」、職員の投稿なら 6(1)ウ・6(2)イ に当たる。迷惑メールやなりすましに使われる。
既知の誤検知: 団体・店舗の窓口アドレス（info@ など）は、人名が近くにない限り対象外。市の公式アドレス（運用ポリシーの email_domains）は対象外。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "PTA会長の奥村さん全然返事くれないからアドレス晒しとく [[okumura-pta2026@yahoo.co.jp]]",
            "返信先 [[takeshi.nagai1974@docomo.ne.jp]] で間違いないでしょうか？",
            "担当の人のアドレス [[ｙ．ｍａｔｓｕｍｏｔｏ＠ｉｃｌｏｕｄ．ｃｏｍ]] だよ。個人のだけど笑",
            "連絡は[[taro.yamada@gmail.com]]までお願いします",
            "会計の件は中島さん（[[nakajima.k77@ezweb.ne.jp]]）に聞いてください",
        ),
        ok=(
            "件名に「雪まつり」と入れて kankou@city.nayoro.lg.jp までお送りください。",
            "お問い合わせは実行委員会事務局 info@himawari-fes.jp まで",
            "メールアドレスは個人情報なので書き込まないでください",
            "申込み：11月20日までに名寄市教育委員会【メール】kyoiku@city.nayoro.lg.jpへ",
            "問合せ：上川総合振興局【メール】kamikawa.chiiki1@pref.hokkaido.lg.jpまで",
        ),
    )

    needs = ("@",)

    def find(self, doc, request):
        text = doc.normalized.text
        official = official_facts(request.policy.official)
        words = privacy_words()
        for m in _EMAIL.finditer(text):
            address = m.group()
            local, _, domain = address.partition("@")
            if official.is_email(address) or public_host(domain):
                continue  # any public body's mailbox is published to be written to
            given = published_contact(doc, request, m.start(), m.end(), 検証="メールアドレスの形式")
            if given is not None:
                yield from given
                continue
            personal = personal_evidence(doc, m.start(), m.end(), before=30, after=15)
            free_mail = domain in words.personal_mail_domains
            if not (personal or free_mail):
                if local.split(".")[0].split("-")[0] in words.role_mailboxes:
                    continue
                if public_evidence(doc, m.start(), m.end(), before=25, after=10):
                    continue
            evidence = {"検証": "メールアドレスの形式"}
            if free_mail:
                evidence["検証"] += f"（個人向けのドメイン {domain}）"
            if personal:
                evidence["文脈語"] = personal
            start, end = original_span(doc, m.start(), m.end())
            yield self.candidate(start, end, **evidence)


DETECTORS = [EmailAddress()]
