"""⑾ off-topic: a comment about something else entirely, judged against the parent post and the
policy's topics.  Without either there is nothing to judge against, and the detector stays silent."""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import regex

from ..categories import Category, Severity
from ..derived_cache import data_file
from ..document import Document, tokenize
from ..lazy_regex import LazyRegex
from ..request import Request
from ..rules import ContextSpec
from . import Detector, ExamplesOnFirstRead

# Content words that say nothing about a topic: a parent post and a comment sharing one of these
# are not related by it.
_STOP_LEMMAS = frozenset(
    "する 為る ある 有る いる 居る なる 成る できる 出来る 思う 言う 見る 行く 来る 教える 下さる くださる いう こと 事 もの 物 ため 為 よう 様 "
    "人 方 ところ 所 今日 明日 昨日 今年 来年 去年 今 時 日 皆さん みなさん 皆様 みんな 皆 お知らせ 案内 ご案内 注意 確認 詳しい 一部 変更 "
    "開催 実施 予定 中 いい 良い ない 無い".split()
)
_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞"})
_ASCII_WORD = LazyRegex(r"[a-z0-9]")


class Cluster(NamedTuple):
    name: str
    out_of_scope: bool
    words: tuple[str, ...]  # NFKC, lower case


class OffTopicWords(NamedTuple):
    city: tuple[str, ...]
    handled_elsewhere: tuple[str, ...]
    invitations: tuple[str, ...]
    clusters: tuple[Cluster, ...]


@cache
def off_topic_words() -> OffTopicWords:
    data = data_file(Path(__file__).with_name("off_topic_words.toml"))
    return OffTopicWords(
        city=tuple(_norm(w) for w in data["city"]),
        handled_elsewhere=tuple(_norm(w) for w in data["handled_elsewhere"]),
        invitations=tuple(_norm(w) for w in data["invitations"]),
        clusters=tuple(
            Cluster(name, spec.get("out_of_scope", False), tuple(dict.fromkeys(_norm(w) for w in spec["words"])))
            for name, spec in data["clusters"].items()
        ),
    )


def _norm(text: str) -> str:
    # Topic words are matched on the normalized layer, not the folded one: folded katakana loses its
    # long vowels and meets other words (エラー → えら in 覚えられない).
    return unicodedata.normalize("NFKC", text).lower()


def _has(text: str, word: str) -> bool:
    """A word in normalized text; ASCII words (ai, fx, mac) only as whole words."""
    if not _ASCII_WORD.match(word[0]):
        return word in text
    return regex.search(rf"(?<![a-z]){regex.escape(word)}(?![a-z])", text) is not None


def _first(text: str, words) -> str | None:
    return next((w for w in words if _has(text, w)), None)


def _content_lemmas(morphemes) -> set[str]:
    found = set()
    for m in morphemes:
        if m.pos[0] not in _CONTENT_POS or m.pos[1] in ("数詞", "非自立可能"):
            continue
        if m.normalized in _STOP_LEMMAS or m.lemma in _STOP_LEMMAS:
            continue
        if len(m.normalized) == 1 and not regex.match(r"\p{Han}", m.normalized):
            continue  # one kana or one letter says nothing
        found.add(m.normalized)
    return found


@lru_cache(maxsize=256)
def _reference(context: str) -> tuple[str, frozenset[str]]:
    """A parent post, normalized and as content words: bulk scans see the same parent post many times."""
    return _norm(context), frozenset(_content_lemmas(tokenize(context)))


class OffTopic(Detector):
    id = "OFF001"
    name = "unrelated-to-account"
    category = Category.OFF_TOPIC
    severity = Severity.LOW
    modes = ("comment",)
    score = 0.5
    message = "親投稿・アカウントの話題と関係のない書き込みの可能性があります（{matched}）"
    explanation = """
何を検出するか: 親投稿（返信先の市の投稿）とも、運用ポリシーの話題（topics）とも、名寄の暮らしの語ともつながりがなく、ゲーム・芸能・株価・スポーツ・パソコンの相談・宿題・私生活・他の都市の話など、市のアカウントと関係のない話題の語を含むコメント。親投稿と同じ話題のまとまり（「eスポーツ体験会」への「スト6やりたい」、「おすすめ本の募集」への「ハリーポッター」）にある書き込みは関係があるとみなす。
なぜ問題か: 様式1 ⑾「本ソーシャルメディアに全く関係しないもの」に当たる可能性がある。害はないので重大度は低く、削除ではなく経過観察が基本。多く続くとほかの利用者の情報が埋もれる。
既知の誤検知: 親投稿も話題の設定もない場合は判断できないので出さない。親投稿が「教えてください」「コメントでお寄せください」と答えを求めている場合も、答えの話題は自由なので出さない。URL・無料配布・販売・LINE登録などの広告や海賊版の印がある書き込みは ⑷⑸⑴ で扱い、⑾ には出さない。市の募集への回答がまとまりの語に入っていない場合（募集の趣旨から外れて見える好きな作品名など）は出ることがあり、人が判断する。話題の語の一覧は detectors/off_topic_words.toml で増やせる。
"""
    context = ContextSpec(quoted="keep", warning="keep", idioms="keep", question="keep")
    examples = ExamplesOnFirstRead(
        flag=(
            dict(text="[[原神のガチャ、天井まであと20連…これで爆死したら泣く]]", mode="comment",
                        context="熊の出没が相次いでいます。山に入る際はご注意ください。"),
            dict(text="[[明日の日経平均どうなると思う？アメリカの決算次第かな]]", mode="comment",
                        context="市議会第4回定例会の日程をお知らせします。"),
            dict(text="[[Windows更新したらプリンター認識しなくなった、直し方知ってる人いない？]]", mode="comment",
                        context="名寄市立大学 公開講座のお知らせ"),
        ),
        ok=(
            dict(text="原神のガチャ、天井まであと20連…これで爆死したら泣く", mode="comment"),
            dict(text="スト6やりたい！ザンギエフ使いなので対戦してくれる人いたら嬉しい", mode="comment",
                        context="eスポーツ体験会を開催します。"),
            dict(text="こたつでみかん食べながら家族でスマブラ大会してます", mode="comment",
                        context="皆さんのおすすめの冬の過ごし方を教えてください。"),
            dict(text="ドラクエのオープニングみたいな雪原がどこまでも続くところ。それが名寄の魅力", mode="comment",
                        context="名寄の魅力を教えて！フォトコンテスト作品募集中"),
            dict(text="除雪ありがとうございます！朝起きたら道がきれいになってて感動しました", mode="comment",
                        context="【除雪情報】本日未明から市内全域で除雪車を出動しています。"),
        ),
    )

    def find(self, doc: Document, request: Request):
        topics = request.policy.topics
        if not request.context and not topics:
            return
        words = off_topic_words()
        text = doc.normalized.text
        if _first(text, words.city) or _first(text, tuple(_norm(t) for t in topics)) or _first(text, words.handled_elsewhere):
            return
        found = {c.name: w for c in words.clusters if (w := _first(text, c.words))}
        off = [(c.name, found[c.name]) for c in words.clusters if c.out_of_scope and c.name in found]
        if not off:
            return
        reference = "運用ポリシーの話題"
        if request.context:
            ref_text, ref_lemmas = _reference(request.context)
            if _first(ref_text, words.invitations):
                return
            shared = [name for name in found if any(_has(ref_text, w) for w in _cluster(name).words)]
            if shared or _content_lemmas(doc.morphemes) & ref_lemmas:
                return
            reference = "親投稿と運用ポリシーの話題" if topics else "親投稿"
        start = len(doc.text) - len(doc.text.lstrip())
        end = len(doc.text.rstrip())
        if end <= start:
            return
        yield self.candidate(start, end, 話題="、".join(f"{word}（{_TITLES.get(name, name)}）" for name, word in off),
                             照合先=reference, 共通の語="なし")


_TITLES = {"games": "ゲーム", "celebrities": "芸能・アニメ", "finance": "株・投資", "sports": "スポーツ",
           "computers": "パソコン・IT", "homework": "宿題", "private_life": "私生活", "elsewhere": "他の地域"}


def _cluster(name: str) -> Cluster:
    return next(c for c in off_topic_words().clusters if c.name == name)


DETECTORS = [OffTopic()]
