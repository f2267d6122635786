"""Confrontational replies recognised by their cues rather than by one phrase (6(1)カ, 5(5)ア(ア)).

The rule files of rules/reply_tone/ list phrases that are sharp on their own.  Sharp replies are
written in endless ways, so this detector reads each sentence for three kinds of cue — turning on the
user, arguing, refusing — plus belittling words, and lets a courteous softener clear the sentence.
The word lists live in reply_words.toml.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

import regex

from ..categories import Category, Severity
from ..derived_cache import data_file
from ..lazy_regex import LazyRegex, compile_regex
from ..re_cache import compile_re
from ..rules import ContextSpec
from . import Detector, ExamplesOnFirstRead
from ._support import alternation

_SENTENCE = LazyRegex(r"[^。！？!?\n]+[。！？!?\n]*")
_MAX_SPAN = 40


class ReplyWords(NamedTuple):
    addressing: re.Pattern
    endings: regex.Pattern
    refusals: re.Pattern
    belittling: re.Pattern
    softeners: tuple[str, ...]


def _alternation(words, tail: str = "") -> re.Pattern | regex.Pattern:
    # Plain words: the stdlib runs these long alternations faster than `regex`.  A tail keeps
    # `regex`: its \w and \s differ from the stdlib's on rare characters (combining marks).  Both
    # come compiled from the derived cache.
    pattern = "(?:" + alternation(words) + ")" + tail
    return compile_regex(pattern) if tail else compile_re(pattern)


@cache
def reply_words() -> ReplyWords:
    data = data_file(Path(__file__).with_name("reply_words.toml"))
    return ReplyWords(
        addressing=_alternation(data["addressing"]),
        # an ending closes its sentence (or stands before a question mark or an emoji)
        endings=_alternation(data["endings"], r"(?=\s*(?:[。！？!?\n]|$|[^\w\s]))"),
        refusals=_alternation(data["refusals"]),
        # advice not to (気にしすぎず自然に接する, 考えすぎないで) belittles no one
        belittling=_alternation(data["belittling"], r"(?!ず|ないで|ないよう|なくて|ることはありません)"),
        softeners=tuple(data["softeners"]),
    )


def confrontations(text: str):
    """(start, end, cues) for each sentence that reads as turning on the user."""
    words = reply_words()
    for sentence in _SENTENCE.finditer(text):
        s, base = sentence.group(), sentence.start()
        if any(w in s for w in words.softeners):
            continue
        found = {}
        for kind in ("belittling", "addressing", "endings", "refusals"):
            m = getattr(words, kind).search(s)
            if m:
                found[kind] = m
        if "belittling" in found:
            cues = [found["belittling"]]
        elif "addressing" in found and ("endings" in found or "refusals" in found):
            cues = [found["addressing"], found.get("endings") or found["refusals"]]
        elif "endings" in found and "refusals" in found:
            cues = [found["refusals"], found["endings"]]
        else:
            continue
        start, end = min(c.start() for c in cues), max(c.end() for c in cues)
        if end - start > _MAX_SPAN:
            start, end = cues[0].start(), cues[0].end()
        yield base + start, base + end, "・".join(f"「{c.group()}」" for c in cues)


class ConfrontationalReply(Detector):
    id = "RPL010"
    name = "confrontational-reply-cues"
    category = Category.REPLY_TONE
    severity = Severity.MEDIUM
    modes = ("draft",)
    score = 0.65
    message = "「{matched}」— 利用者に向けて言い返す・突き放す調子が読み取れます"
    explanation = """
何を検出するか: 一つの文の中で、利用者を見下す語（「支離滅裂」「棚に上げて」「いい大人なんですから」「ルールはルールです」など）があるもの、または利用者に向けた語（そちらが、そちらこそ、ご自分）や断る言い方（対応できません、頼らないでください）に、言い張る・たしなめる文末（〜ですよね、〜でしょう、〜んですか、以上です）が重なるもの。お礼・おわび・依頼の言葉（ありがとう、申し訳、お手数、ご理解いただ…）がある文は対象外。
なぜ問題か: 6(1)カ「冷静に対応し無用な議論となることを避けなければならない」、5(5)ア(ア)「反論や抗弁を控え、冷静に対応する」。言い返す・突き放す返信は、言葉を選んでいても利用者の反発を招き、炎上の引き金になる。
既知の誤検知: 親しみを込めたくだけた返信（「そちらも雪すごいですよね！」）、手続上できないことを伝える文（お礼やおわびを添えれば指摘されない）。
"""
    context = ContextSpec(quoted="keep", negated="keep", warning="keep", question="keep", idioms="keep")
    examples = ExamplesOnFirstRead(
        flag=(
            "それは[[そちらの都合]]ですよね。市としては対応できません。",
            "[[いい大人]]なんですから、ごみの分別くらいできますよね。",
            "言っていることが[[支離滅裂]]で、何を求めているのか分かりません。",
            "そんな[[細かいことまで]]市に頼らないでください。",
            "[[ルールはルール]]です。例外は認めません。以上です。",
            "市に[[言っても何も変わ]]りませんよ。国の制度ですから。",
            "[[そういう態度]]だと、こちらも対応しかねます。",
            "[[ご自分で対応できませんか]]？",
        ),
        ok=(
            "ご不便をおかけしています。除雪の順番は、幹線道路、通学路、生活道路の順です。",
            "お手数ですが、ご自身で分別アプリをご確認いただけますよう、お願いいたします。",
            "寒いですよね。温かくしてお過ごしください。",
            "雪まつりに一緒に参加しませんか？",
            "当日は駐車場をご利用できません。公共交通機関をご利用ください。",
            "そちらの窓口は土曜日もあいていますよ。",
            "盆踊り大会から今夜ライブ配信します！踊っている皆さんもばっちり映りますよ📹",
            "寄付金付きの交付は1,000円以上です。",
            "外国の方と話すときは、気にしすぎず自然に接することが大切です。",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        for start, end, cues in confrontations(text):
            yield self.candidate(*doc.normalized.original_span(start, end), 手がかり=cues)


DETECTORS = [ConfrontationalReply()]
