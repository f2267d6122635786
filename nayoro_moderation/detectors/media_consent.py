"""Photos and videos of people with no consent noted (5(4)イ): a photo or video word beside a person
word in one sentence, children first.  The word lists live in media_words.toml."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..categories import Category, Severity
from ..derived_cache import data_file
from ..lazy_regex import LazyRegex
from ..re_cache import compile_re
from ..rules import ContextSpec
from . import Detector, ExamplesOnFirstRead
from ._support import alternation

_SENTENCE = LazyRegex(r"[^。！？!?\n]+[。！？!?\n]*")
_MAX_SPAN = 40


class MediaWords(NamedTuple):
    media: re.Pattern
    captions: tuple[str, ...]
    children: re.Pattern
    people: re.Pattern
    group_shots: re.Pattern
    consent: tuple[str, ...]
    not_a_post: tuple[str, ...]
    contest: tuple[str, ...]
    filming: tuple[str, ...]


def _alternation(words, not_after=(), suffix="") -> re.Pattern:
    # Plain words: the stdlib runs these long alternations faster than `regex`.
    body = alternation(words)
    tail = f"(?!{'|'.join(re.escape(w) for w in not_after)})" if not_after else ""
    return compile_re(f"(?:{body}){suffix}{tail}")


@cache
def media_words() -> MediaWords:
    data = data_file(Path(__file__).with_name("media_words.toml"))
    after = data["not_a_person_after"]
    plural = "(?:たち|達|さんたち|さん|ちゃん)?"
    return MediaWords(
        media=_alternation(data["group_shots"] + data["media"]),
        captions=tuple(data["captions"]),
        children=_alternation(data["children"], after, plural),
        people=_alternation(data["people"], after, plural),
        group_shots=_alternation(data["group_shots"]),
        consent=tuple(data["consent"]),
        not_a_post=tuple(data["not_a_post"]),
        contest=tuple(data["contest"]),
        filming=tuple(data["filming"]),
    )


# 写真は舞台の背景画です / （建物と機械の写真です）: the post says what the picture shows.
_DESCRIBED = LazyRegex(r"写真は([^。）)]{1,14})です|[（(]([^（()）]{1,14})の(?:写真|動画)です")


_CAPTION_END = LazyRegex(r"(?:たち|達)?(?:です|でした)(?=[。！!]|\s|$|[^\w])")
# People who take the pictures rather than appear in them (写真を撮る人, 記念撮影をする姿が見られました).
_PHOTOGRAPHERS = LazyRegex(r"(?:を|も)?(?:撮る|撮って|撮影する|撮影して|する|して|を楽しむ|を楽しんで)(?:いる)?(?:人|方|姿|観光客)")
# An item of an event's programme (内容：乗車体験、記念撮影など / バスと記念撮影、グッズ販売): a
# picture visitors may take, not one the post shows.
_LISTED = LazyRegex(r"\s*(?:など|[、,・])")


def _nobody_on_it(text: str, words: MediaWords) -> bool:
    for m in _DESCRIBED.finditer(text):
        what = m.group(1) or m.group(2)
        if not (words.people.search(what) or words.children.search(what)):
            return True
    return False


def _closest(persons, medias):
    return min(((p, m) for p in persons for m in medias), key=lambda pm: abs(pm[0].start() - pm[1].start()))


def _pairs(text: str, want_children: bool):
    """(start, end, person, media) for each sentence that shows people on a photo or video."""
    words = media_words()
    if any(w in text for w in words.consent + words.contest) or _nobody_on_it(text, words):
        return
    sentences = [(m.group(), m.start()) for m in _SENTENCE.finditer(text)]
    people_of = []
    for s, _ in sentences:
        kids = list(words.children.finditer(s))
        people_of.append((kids, kids or list(words.people.finditer(s))))
    for i, (s, base) in enumerate(sentences):
        kids, persons = people_of[i]
        if any(w in s for w in words.not_a_post):
            continue
        medias = [m for m in words.media.finditer(s) if not _PHOTOGRAPHERS.match(s, m.end())]
        if any(w in s for w in words.filming):
            medias = [m for m in medias if "撮影" not in m.group()]  # a film being shot, not a photo posted
        if not medias and persons and "のは" not in s:
            # 絵本に夢中なちびっこたちです📚: a sentence that ends on the people is a photo's caption
            # (not a cleft sentence: 指導に当たるのは卒業生の皆さんです)
            medias = [m for p in persons if (m := _CAPTION_END.match(s, p.end()))]
        if not medias:
            continue
        if not persons and any(c in s for c in words.captions):
            # a caption beside the sentence that names the people: 学生さんたちが除雪をしてくれました！作業中の写真です。
            # / スタート直後の様子です。ゼッケンの番号でご自分を探してみてください。
            before = people_of[i - 1][1] if i > 0 else []
            after = people_of[i + 1][1] if i + 1 < len(sentences) else []
            if before or after:
                p = before[-1] if before else after[0]  # the person named nearest to the caption
                if want_children == bool(words.children.fullmatch(p.group())):
                    m = medias[0]
                    yield base + m.start(), base + m.end(), p.group(), m.group()
            continue
        if want_children != bool(kids):
            continue
        groups = list(words.group_shots.finditer(s))
        if not persons:
            groups = [g for g in groups if not _LISTED.match(s, g.end())]
            if groups:
                g = groups[0]
                yield base + g.start(), base + g.end(), g.group(), g.group()
            continue
        p, m = _closest(persons, medias)
        start, end = min(p.start(), m.start()), max(p.end(), m.end())
        if end - start > _MAX_SPAN:
            start, end = m.start(), m.end()
        yield base + start, base + end, p.group(), m.group()


_NO_CONTEXT = ContextSpec(quoted="keep", negated="keep", warning="keep", question="keep", idioms="keep")


class ChildrenOnMedia(Detector):
    id = "MED001"
    name = "children-on-photo-without-consent"
    category = Category.MEDIA_CONSENT
    severity = Severity.HIGH
    modes = ("draft",)
    score = 0.85
    message = "子どもが写る写真・動画「{matched}」に、保護者の同意を得た旨がありません"
    explanation = """
何を検出するか: 子ども・児童・園児・生徒・赤ちゃん・新成人などが写る写真や動画（「子どもたちの写真です」「園児の動画」「記念撮影」「笑顔をパシャリ📸」）で、投稿のどこにも同意・了承・許可やぼかし・後ろ姿などの配慮が書かれていないもの。
なぜ問題か: 5(4)イ「写真・動画を組み合わせることで、視覚的にＰＲできるが、個人情報、肖像権・著作権等について、十分に配慮する」。子どもの顔や名札・ゼッケンは本人の特定につながり、保護者の同意なく公開すると肖像権とプライバシー（6(1)ウ）を損なう。
既知の誤検知: 同意を得ているが本文に書いていないもの（「保護者の同意を得て掲載しています」と書き添えれば指摘されない）、子ども向けの案内やイラスト、施設名（こども園の外観）だけの写真。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            "保育園の[[子どもたちの写真]]です📷 初雪で大はしゃぎ！",
            "雪まつりの大すべり台で遊ぶ[[子どもたちの笑顔をパシャリ]]📸",
            "スキー教室に参加した[[小学生の動画]]です⛷",
            "#こどもの日 こいのぼりの下で[[記念撮影した子どもたち]]🎏",
            "きょうの読み聞かせ会、絵本に夢中な[[ちびっこたちです]]📚",
            "[[中学生の職場体験、市役所の窓口で一生懸命がんばる姿を撮影]]しました。",
        ),
        ok=(
            "保育園の子どもたちの写真です📷（保護者の同意を得て掲載しています）",
            "運動会の様子を写真で紹介します。個人が特定できないよう、後ろ姿のみを掲載しています。",
            "子どもたちの作品展の会場の様子です。作品のみを撮影し、お名前は伏せています。",
            "認定こども園の新しい園舎の写真です。",
            "子ども向けの動画教材を公開しました。",
            "小学生の部の写真コンテストの作品を募集します。",
            "対象は小学生です。",
            "今日は学芸会でした。子どもたちの歌声が響きました♪（写真は舞台の背景画です）",
            "お子さんと一緒に撮影を楽しめるフォトスポットを設置しました📸",
            "子どもたちが描いた絵を写真で紹介します。",
        ),
    )

    def find(self, doc, request):
        for start, end, person, media in _pairs(doc.normalized.text, want_children=True):
            yield self.candidate(*doc.normalized.original_span(start, end), **{"人物": person, "写真・動画": media, "同意の記載": "なし"})


class PeopleOnMedia(Detector):
    id = "MED002"
    name = "people-on-photo-without-consent"
    category = Category.MEDIA_CONSENT
    severity = Severity.MEDIUM
    modes = ("draft",)
    score = 0.75
    message = "人が写る写真・動画「{matched}」に、写っている人の同意を得た旨がありません"
    explanation = """
何を検出するか: 参加者・来場者・住民・選手・学生など顔の分かる人が写る写真や動画、集合写真・記念写真、ライブ配信で、投稿のどこにも同意・了承・許可やぼかしなどの配慮が書かれていないもの。
なぜ問題か: 5(4)イ「個人情報、肖像権・著作権等について、十分に配慮する」。本人の了承なく顔の分かる写真を公開すると肖像権・プライバシー（6(1)ウ）を損なう。
既知の誤検知: 同意を得ているが本文に書いていないもの、遠景で顔の分からない写真、市長・職員など公務として写る人（写っている人が了承していれば、その旨を書き添える）。
"""
    context = _NO_CONTEXT
    examples = ExamplesOnFirstRead(
        flag=(
            "風連地区の高齢者サロンにお邪魔しました。参加者の[[皆さんと撮っ]]た集合写真です。",
            "[[盆踊り大会から今夜ライブ配信]]します！踊っている皆さんもばっちり映りますよ📹",
            "市営住宅の餅つき大会に参加した住民の[[皆さんの写真]]です。",
            "[[はたちのつどいの記念撮影]]の写真を掲載します。",
            "敬老会で長寿のお祝いを受けた[[皆さまです]]。おめでとうございます。",
            "学生さんたちが除雪ボランティアをしてくれました！作業中の[[写真]]です。",
            "市民マラソンのスタート直後の[[様子です]]。ゼッケンの番号でご自分を探してみてください。",
        ),
        ok=(
            "はたちのつどいの写真を掲載します。掲載にあたっては、写っているご本人の了承をいただいています。",
            "市民の皆さんからお寄せいただいたサンピラーの写真を、市役所ロビーで展示しています。",
            "遠くから撮影した会場全体の写真です。個人の顔は判別できない大きさです。",
            "智恵文のひまわり畑、満開です🌻 ドローンで撮影した写真をどうぞ。",
            "市民文化センターで映画上映会を開催します🎬 シネマ好きの皆さん、ぜひお越しください。",
            "マイナンバーカードの申請には、申請者の顔写真が必要です。",
            "ボランティアの皆さん、ありがとうございました！集合写真は後日お送りします。",
        ),
    )

    def find(self, doc, request):
        for start, end, person, media in _pairs(doc.normalized.text, want_children=False):
            yield self.candidate(*doc.normalized.original_span(start, end), **{"人物": person, "写真・動画": media, "同意の記載": "なし"})


DETECTORS = [ChildrenOnMedia(), PeopleOnMedia()]
