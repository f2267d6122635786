"""Disclosures that name nobody yet single a person out: an unnamed person described by age, sex,
section and district beside a private fact (PRV011); someone's ID card put online, or a list of
households sorted by a private matter offered round (PRV012)."""

from __future__ import annotations

import re
from functools import cache

import ahocorasick

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from ..re_cache import compile_re
from . import Detector, ExamplesOnFirstRead, needs_of
from ._support import first_word, original_span, paragraph_bounds, privacy_words, sentence_bounds

# What describes a person without naming them.  One of these is everyone (30代の女性); age, sex and
# where they work or live together narrow a small town down to one household.
_AGE = compile_re(r"\d{1,3}\s*(?:歳|才)|\d0\s*代(?:前半|後半)?|若い|年配の|中年の|新人の|新卒の|定年間近の")
_SEX = compile_re(r"女性|男性|女の|男の|女子|男子")
# A section of an office (保健福祉部, 除雪センター) or a firm (〇〇工業勤め), not the whole city.
_AFFILIATION = LazyRegex(r"[\p{Han}\p{Katakana}ー]{1,10}(?:部|課|係|室|センター|支所|出張所|工業|建設|商店|病院)(?:の|勤め|勤務|で働)")
# A district finer than the city: 智恵文地区在住, 東1条北, 風連町に住む; not 市内在住.
_DISTRICT = LazyRegex(
    r"(?<![市道県都府])(?:[\p{Han}\p{Katakana}ー]{2,6}地区|[東西南北]\s*\d{1,2}\s*条(?:[東西南北通])?|(?<!市)[\p{Han}]{1,4}町)"
    r"(?:\s*(?:在住|に住|に暮ら|にお住まい))?"
)
_DISTRICT_WORDS = ("在住", "に住", "に暮ら", "にお住まい")
_PERSON = ("職員", "女性", "男性", "患者", "児童", "生徒", "の方", "さん", "利用者", "入居者", "従業員", "社員", "の子", "の女", "の男", "の人")
# The facts that make a narrowed-down person's description a disclosure (health, welfare, family,
# crime), from the same lists as PRV010.
_STRONG = ("health", "welfare", "family", "crime")


@cache
def _private_facts() -> ahocorasick.Automaton:
    """The words of the private facts, in one automaton: looked for in every text with a person word,
    where a loop over the word lists cost a percent of a scan."""
    automaton = ahocorasick.Automaton()
    for kind in _STRONG:
        for word in privacy_words().sensitive[kind]:
            automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _holds_a_private_fact(text: str) -> bool:
    facts = _private_facts()
    return len(facts) > 0 and next(facts.iter(text), None) is not None  # an empty automaton cannot be read

# An identity card shown or put online (拾った免許証アップしとく): the card carries name, address,
# birth date and a face.
# 表札 and a car's plate name a household as surely as a card names its holder.
_CARD = LazyRegex(r"免許証|保険証|マイナンバーカード|マイナカード|学生証|在留カード|診察券|身分証|通帳|表札|名札|車のナンバー|ナンバープレート")
_POST = LazyRegex(
    r"(?:アップ|うp|upし|上げ|あげ|載せ|のせ|貼|晒|さら|公開|写真撮っ|撮って)"
    r"(?:し)?(?:とく|ときます|ておく|ておきます|た|ました|ちゃう|ちゃった|ちゃお|てる|てあ|る|ます|す|っとく|っとき|っちゃ)"
    r"(?!な|ません|ないで|たら(?:だめ|いけ)|ちゃ(?:だめ|いけ))"
)
# A list of households by a private matter, offered round: 生活保護の家のリスト作った、欲しい人いる？
_LIST = LazyRegex(r"リスト|名簿|一覧|地図|マップ|まとめ(?:た|ました|てある)")
_HOUSEHOLD = LazyRegex(r"(?<![家])家(?![庭族具賃電計事])|世帯|軒|名前|住所|氏名|人たち")
# Offered, not spoken of: 配るなんて人権侵害, 晒すのはやめて.
_OFFER = LazyRegex(
    r"(?:欲しい人|ほしい人|欲しけりゃ|いる人(?:いる|いない)?[？?]|いる？|あげる|あげます|配る|配った|配りました|回す|回して|回そう|回した|回しました|売る|dm|晒す|晒し|送る|送ります|送った)"
    r"(?!\s*(?:なんて|なんか|とか|のは|のも|こと|な(?![ぁ-ゖ])|べき))"
)
# The writer's own card, a warning against posting one, or the city's own registers (避難行動要支援者名簿).
_SELF = ("自分の", "私の", "わたしの", "僕の", "俺の", "うちの子の")
_WARNING = ("注意", "しないで", "しないように", "やめ", "絶対に載せ", "ダメ", "だめ", "危険", "悪用", "交番", "警察に届け", "届けて")
_OFFICIAL = ("制度", "支援", "窓口", "申請", "手続", "登録", "同意", "案内", "ダウンロード", "ホームページ", "市の", "民生委員", "避難行動", "こちら")


class UnnamedPersonProfile(Detector):
    id = "PRV011"
    name = "unnamed-person-profile"
    category = Category.PRIVACY
    severity = Severity.HIGH
    score = 0.7
    message = "名前はなくても、年代・性別・所属・地区の組み合わせで個人（{matched}）が特定できるおそれがあります"
    explanation = """
何を検出するか: 名前を伏せた人を、年代（30代・62歳）、性別、所属（保健福祉部・〇〇工業）、住む地区（智恵文地区在住・東1条北）のうち三つ以上で描き、病気・療養、生活保護・滞納、離婚などの家庭の事情、事故・事件と結びつけている文。
なぜ問題か: 小さなまちでは「保健福祉部の30代女性職員で智恵文地区在住」だけで一人に絞れる。名前がなくても要配慮個人情報の開示になり、様式1 ⑼、職員の投稿なら 6(1)ウ・6(2)イ に当たる。
既知の誤検知: 年代と性別だけの事件・事故の告知（「市内在住の80代女性が詐欺被害に」）は、市より細かい地区や所属がないので出さない。講座の対象（「30代女性向けの健康講座」）は要配慮の事実と組まない限り出さない。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "入院したのは[[税務課の40代男性職員で、風連地区在住]]です。",
            "生活保護を申請したのは、[[東3条北に住む70代の女性]]だそうです。",
            "入院したのは[[東町の60代の男性]]で、一人で住んでいた人です。",
            "療養中なのは[[市民課の新人の女性職員]]です。",
        ),
        ok=(
            "市内在住の80代女性が特殊詐欺の被害に遭いました。ご注意ください。",
            "30代女性向けの健康講座を保健センターで開きます。",
            "税務課の40代男性職員が、市民税の申告について説明します。",
        ),
    )

    needs = _PERSON

    def find(self, doc, request):
        text = doc.normalized.text
        # Three traits are needed and a district is only one of them, so two of age, sex and
        # affiliation must occur somewhere, and a private fact too: most texts stop here.
        if not _holds_a_private_fact(text):
            return
        seen = bool(_AGE.search(text)) + bool(_SEX.search(text))  # the cheap ones first
        if seen + (seen == 1 and bool(_AFFILIATION.search(text))) < 2:
            return
        pos = 0
        while pos < len(text):
            left, right = sentence_bounds(text, pos, pos)
            pos = right + 1
            sentence = text[left:right]
            if not _holds_a_private_fact(sentence):
                continue
            found = {"年代": _AGE.search(sentence), "性別": _SEX.search(sentence), "所属": _AFFILIATION.search(sentence)}
            # A district counts when the sentence says someone lives there (東町の人 … 住んでた), or a 条 block.
            lives = bool(first_word(sentence, ("住ん", "住む", "在住", "暮らし")))
            found["地区"] = next((d for d in _DISTRICT.finditer(sentence) if d.group().endswith(_DISTRICT_WORDS) or "条" in d.group() or lives), None)
            traits = {k: m for k, m in found.items() if m}
            if len(traits) < 3:
                continue
            start = left + min(m.start() for m in traits.values())
            end = left + max(m.end() for m in traits.values())
            # Up to the person it describes (…30代女性職員), so the reviewer sees who.
            tail = re.match(r"[^、。，,\s]{0,6}?(?:職員|女性|男性|患者|の方|さん|社員|従業員)", text[end:right])
            end += tail.end() if tail else 0
            yield self.candidate(*original_span(doc, start, end), 検証="・".join(traits), 文脈語="、".join(m.group() for m in traits.values()))
            return


class CardOrHouseholdList(Detector):
    id = "PRV012"
    name = "id-card-or-household-list-shared"
    category = Category.PRIVACY
    severity = Severity.HIGH
    score = 0.75
    message = "「{matched}」は他人の身分証や世帯の一覧を広める書き込みで、個人情報の開示に当たる可能性があります"
    explanation = """
何を検出するか: 拾った・撮った他人の免許証・保険証・マイナンバーカードなどを載せる・アップするという書き込みと、生活保護・一人暮らし・滞納など人に知られたくない事情で家や人をまとめたリスト・地図・名簿を配る・欲しい人を募る書き込み。
なぜ問題か: 身分証には氏名・住所・生年月日・顔写真がそろっている。事情別の世帯の一覧は、名前がなくても一軒一軒を特定して差別や犯罪の標的にする。様式1 ⑼「個人情報を特定・開示・漏えいするもの」に当たる。
既知の誤検知: 自分の身分証の話、載せないよう呼びかける注意、落とし物を交番に届ける話、市の制度の一覧や名簿（避難行動要支援者名簿への登録）は出さない。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "駐車場に落ちてた[[保険証、写真撮って載せとく]]ね。誰のか分かる人いる？",
            "町内の独居老人の家、[[地図にまとめたから欲しい人]]は言って",
            "路駐ばっかりする家の[[表札、撮ってきたから貼っとく]]わ",
        ),
        ok=(
            "免許証の写真をSNSに載せるのは危険です。絶対にやめましょう",
            "拾った免許証は交番に届けてください",
            "自分の保険証の写真アップしちゃった、消し方わかる人いる？",
            "ひとり親家庭の支援制度の一覧が欲しい人は、市のホームページからどうぞ",
            "表札の文字が雪で読めないので、写真を撮って配達員さんに送りました",
        ),
    )

    @property
    def needs(self) -> tuple[str, ...]:
        return needs_of(_CARD, _LIST)  # a card, or a list

    def find(self, doc, request):
        text = doc.normalized.text
        if card := _CARD.search(text):
            left, right = sentence_bounds(text, card.start(), card.end())
            post = _POST.search(text, card.end(), min(right, card.end() + 30))
            before = text[max(left, card.start() - 8) : card.start()]
            near = text[left:right]
            if post and not first_word(before, _SELF) and not first_word(near, _WARNING):
                yield self.candidate(*original_span(doc, card.start(), post.end()), 検証="他人の身分証を公開")
                return
        if not (m := _LIST.search(text)):
            return
        words = privacy_words()
        for m in _LIST.finditer(text):
            left, right = paragraph_bounds(text, m.start(), m.end(), 40, 40)
            near = text[left:right]
            offer = _OFFER.search(text, m.end(), right)
            if not offer or first_word(near, _OFFICIAL) or not _HOUSEHOLD.search(near):
                continue
            facts = [w for k in ("health", "welfare", "family", "crime") for w in words.sensitive[k] if w in near]
            if not facts:
                continue
            yield self.candidate(*original_span(doc, m.start(), offer.end()), 検証="事情別の世帯・人の一覧を配る", 文脈語="、".join(facts[:3]))
            return


DETECTORS = [UnnamedPersonProfile(), CardOrHouseholdList()]
