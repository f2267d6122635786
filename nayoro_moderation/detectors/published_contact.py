"""A private person's number, e-mail address or address given in a draft as the contact of a club,
an event or a listing (問合せ：澤内⏎【電話】090-…): published on purpose, so a notice to confirm the
person agreed, not a disclosure.  PRV001–PRV003 decide whose a contact is and hand these over."""

from __future__ import annotations

from ..categories import Category, Severity
from . import Detector, ExamplesOnFirstRead
from ._public_contacts import contact_holder
from ._support import original_span


class PublishedContact(Detector):
    id = "PRV013"
    name = "person-given-as-contact"
    category = Category.PRIVACY
    severity = Severity.LOW
    modes = ("draft",)
    score = 0.6
    message = "問い合わせ先として個人の連絡先「{matched}」が載っています。掲載の同意を確認してください"
    explanation = """
何を検出するか: 下書きで、団体・行事・お店の問い合わせ先として個人の名前（名字だけのもの、「〇〇協会・山田」を含む）と並べて書いた電話番号・メールアドレス・住所（問合せ：山田⏎【電話】090-…、申込み：…協会・佐藤【電話】…へ）。
なぜ問題か: 6(1)ウ・6(2)イ。問い合わせ先として載せる個人の連絡先は、本人が掲載に同意していれば問題ない。同意を得ていない連絡先を載せると個人情報の漏えいになるため、投稿前に確かめる。
既知の誤検知: 本人から掲載を頼まれた連絡先（確認済みなら投稿してよい）。課・センター・他の自治体・会社など団体の連絡先は指摘しない。問い合わせ先として書いたのでない個人の番号（〇〇様（…）からご指摘）は PRV001 などが high で指摘する。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "■なよろ俳句の会\n第2土曜、10〜12時。市民文化センター。月会費1000円。\n問合せ：加賀谷\n【電話】[[080-2291-7735]]",
            "申込み：11月20日までに名寄スキー協会・深川【電話】[[090-6634-1180]]へ。",
        ),
        ok=(
            "問合せ：名寄市スポーツ・健康推進課\n【電話】01654-2-1111",
            "申込み：11月20日までに名寄スキー協会【電話】01654-3-7712へ。",
            "問合せ：上川総合振興局地域政策課【電話】0166-46-5922",
        ),
    )

    def find(self, doc, request):
        return ()  # its findings come from PRV001–PRV003, which read whose each contact is



PUBLISHED_CONTACT = PublishedContact()


def published_contact(doc, request, start: int, end: int, **evidence: str):
    """How a contact given as one is reported: ``None`` when the span is not given as a contact (the
    detector judges it as before), ``()`` when it is an organisation's, and the PRV013 notice when a
    private person's is given in a draft.  A person's contact in a comment is judged as before."""
    holder = contact_holder(doc, start, end)
    if holder is None:
        return None
    if not holder.person:
        return ()
    if request.mode != "draft":
        return None
    return (PUBLISHED_CONTACT.candidate(*original_span(doc, start, end), 連絡先の名義=holder.text, **evidence),)


DETECTORS = [PUBLISHED_CONTACT]
