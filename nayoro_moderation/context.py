"""Context shared by all rules: targets, idioms, reported speech, negation, warnings, questions.

A candidate match is judged by the words around it, within its sentence; the word lists live in
``context.toml`` so that a reviewer can read and extend them without touching code.
"""

from __future__ import annotations

import bisect
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from .derived_cache import data_file
from .document import Document
from .lazy_regex import LazyRegex
from .normalize import folded_term

_CLOSERS = "」』\"”’'）)】 　"
# Honorifics among the targets: they mark a person only when they follow a name.
_HONORIFICS = frozenset({"さん", "くん", "ちゃん", "様", "さま", "氏", "殿"})
_NOT_A_NAME = "、。，,.!！?？ 　「」『』()（）皆"  # 皆さん addresses everyone, not a person
_QUOTE_PAIRS = {"「": "」", "『": "』", "“": "”"}
_QUOTE_REACH = 40  # characters from a match to the brackets around it
# Occupations named by their suffix (管理人, 配達員, 薬剤師, 保育士, 運転手, 店主, パン屋): a person a
# remark is aimed at, though no list holds every trade.  Sudachi keeps such compounds as one noun.
_ROLE_SUFFIXES = tuple("員師士手主人屋")
# Nouns with those suffixes that name a group, a count or no one in particular.
_NOT_A_ROLE = frozenset({
    "定員", "満員", "人員", "全員", "動員", "欠員", "増員", "減員", "総員", "上手", "下手", "苦手", "派手", "土手", "切手",
    "小切手", "相手方", "民主", "自主", "富士", "外人", "日本人", "老人", "大人", "個人", "法人", "成人", "故人", "万人",
    "一人", "二人", "何人", "各人", "邦人", "黒人", "白人", "部屋", "小屋", "母屋", "楽屋", "家屋", "社会人", "一般人",
    "新成人", "住人", "外国人", "異国人", "知人", "友人", "恋人", "本人", "他人", "犯人",
})


class ContextWords(NamedTuple):
    targets: tuple[str, ...]
    idioms: tuple[str, ...]
    reported_speech: tuple[str, ...]
    warnings: tuple[str, ...]
    negations: tuple[str, ...]
    questions: tuple[str, ...]
    sentence_ends: str
    quotatives: tuple[str, ...] = ()
    retorts: tuple[str, ...] = ()
    first_person: tuple[str, ...] = ()


@cache
def context_words() -> ContextWords:
    data = data_file(Path(__file__).with_name("context.toml"))

    def folded(key: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for t in data[key] if (f := folded_term(t))))

    return ContextWords(
        targets=folded("targets"),
        idioms=folded("idioms"),
        reported_speech=folded("reported_speech"),
        warnings=folded("warnings"),
        negations=folded("negations"),
        questions=folded("questions"),
        sentence_ends=data["sentence_ends"],
        quotatives=folded("quotatives") if "quotatives" in data else (),
        retorts=folded("retorts"),
        first_person=folded("first_person"),
    )


@cache
def _longest_first(words: tuple[str, ...]) -> tuple[str, ...]:
    """お前ら before お前, 市役所 before 役所: the evidence names the whole word."""
    return tuple(sorted(words, key=len, reverse=True))


# A name masked by the writer (〇〇ファーム, ××歯科, △△さん) still points at someone.
_MASKED_NAME = LazyRegex(r"[〇○●◯×△□]{2,}[\p{Han}ぁ-ゖ]{0,6}")


def _masked_name(near: str) -> str | None:
    m = _MASKED_NAME.search(near)
    return m.group() if m else None


def find_any(haystack: str, needles: tuple[str, ...]) -> str | None:
    for needle in needles:
        if needle in haystack:
            return needle
    return None


class TextContext:
    """The neighbourhood of spans in one document, in folded-layer coordinates."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.words = context_words()
        self.folded = doc.folded.text

    def folded_index(self, original_offset: int) -> int:
        """First folded character whose original span starts at or after the offset."""
        return bisect.bisect_left(self.doc.folded.starts, original_offset)

    def folded_span(self, start: int, end: int) -> tuple[int, int]:
        return self.folded_index(start), max(self.folded_index(end), self.folded_index(start))

    @cached_property
    def _sentence_breaks(self) -> list[int]:
        ends = self.words.sentence_ends
        return [i for i, ch in enumerate(self.folded) if ch in ends]

    def sentence(self, fstart: int, fend: int) -> tuple[int, int]:
        breaks = self._sentence_breaks
        i = bisect.bisect_left(breaks, fstart)
        left = breaks[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(breaks, max(fend - 1, fstart))
        right = breaks[j] + 1 if j < len(breaks) else len(self.folded)
        return left, right

    def around(self, start: int, end: int, window: int) -> tuple[str, str, str]:
        """Folded text before, of and after an original span, within its sentence and the window."""
        fstart, fend = self.folded_span(start, end)
        left, right = self.sentence(fstart, fend)
        return (
            self.folded[max(left, fstart - window) : fstart],
            self.folded[fstart:fend],
            self.folded[fend : min(right, fend + window)],
        )

    @cached_property
    def _idiom_spans(self) -> list[tuple[int, int, str]]:
        spans = []
        for idiom in self.words.idioms:
            pos = self.folded.find(idiom)
            while pos != -1:
                spans.append((self.doc.folded.starts[pos], self.doc.folded.ends[pos + len(idiom) - 1], idiom))
                pos = self.folded.find(idiom, pos + 1)
        return spans

    def idiom(self, start: int, end: int) -> str | None:
        for s, e, idiom in self._idiom_spans:
            if s < end and start < e:
                return idiom
        return None

    def target(self, start: int, end: int, window: int) -> str | None:
        window = max(window, 12)
        fstart, fend = self.folded_span(start, end)
        left, right = self.sentence(fstart, fend)
        a, b = max(left, fstart - window), min(right, fend + window)
        near = self.folded[a:b]
        for word in _longest_first(self.words.targets):
            pos = near.find(word)
            while pos != -1:
                if word not in _HONORIFICS:
                    return word
                if self._after_name(a + pos):
                    name = self.doc.morpheme_at(self.doc.folded.starts[a + pos] - 1)
                    return (self.doc.morphemes[name].surface if name is not None else "") + word
                pos = near.find(word, pos + 1)
        return (self.named_person(start, end, window) or self._role_noun(a, b) or _masked_name(near)
                or self._previous_subject(left) or self._addressed(left, fend, right))

    def _addressed(self, left: int, fend: int, right: int) -> str | None:
        """A sentence thrown back at whoever reads it (頭おかしいんじゃねーの, 脳みそ腐ってんのか) is aimed
        at them though it names no one: a retort at its end, and no first person in it."""
        said = self.folded[left:right].rstrip("。！？!?\nｗw笑 \u3000")
        if len(said) <= fend - left or not any(said.endswith(r) for r in self.words.retorts):
            return None
        if find_any(self.folded[left:right], self.words.first_person):
            return None
        return "（読み手）"

    def _role_noun(self, a: int, b: int) -> str | None:
        """An occupation named by its suffix within the folded span a..b (パークゴルフ場の管理人)."""
        if a >= b:
            return None
        i, j = self._within(self.doc.folded.starts[a], self.doc.folded.ends[b - 1])
        roles = self._roles
        for k in range(bisect.bisect_left(roles, (i,)), len(roles)):
            index, after_noun, word = roles[k]
            if index >= j:
                break
            if not after_noun or index - 1 >= i:  # the noun before the suffix must be in the span too
                return word
        return None

    @cached_property
    def _roles(self) -> list[tuple[int, bool, str]]:
        """(morpheme index, whether it is a suffix after a noun, the role word) for every morpheme that
        names an occupation: found once per text, then looked up near each candidate by bisection."""
        roles = []
        ms = self.doc.morphemes
        for index, m in enumerate(ms):
            word = m.surface
            # パトロール|員, リフト|係: the suffix as a token of its own after a noun
            if m.pos[0] == "接尾辞" and word in _ROLE_SUFFIXES + ("係",) and index and ms[index - 1].pos[0] == "名詞":
                roles.append((index, True, ms[index - 1].surface + word))
            elif (
                len(word) >= 2 and word.endswith(_ROLE_SUFFIXES) and m.pos[0] == "名詞" and word not in _NOT_A_ROLE
                and not word.endswith("国人") and not any(ch.isdigit() for ch in word)
                # ベトナム人, ブラジル人: a nationality is a group (⑹), not someone's trade
                and not (word.endswith("人") and "\u30a1" <= word[-2] <= "\u30ff")
            ):
                roles.append((index, False, word))
        return roles

    @cached_property
    def _people(self) -> list[int]:
        """Indices of the morphemes Sudachi tags 人名."""
        return [index for index, m in enumerate(self.doc.morphemes) if m.pos[2] == "人名"]

    def _within(self, lo: int, hi: int) -> tuple[int, int]:
        """Indices [i, j) of the morphemes wholly inside the original span [lo, hi): those
        Document.morphemes_within yields."""
        i = bisect.bisect_left(self.doc.begins, lo)
        return i, max(i, bisect.bisect_right(self.doc.ends, hi))

    def _previous_subject(self, left: int) -> str | None:
        """Japanese drops a subject once it is established: 司会やってた女、顔もキモい。二度と出てくんな."""
        if left < 2:
            return None
        prev_left, _ = self.sentence(left - 2, left - 1)
        near = self.folded[prev_left:left]
        for word in self.words.targets:
            if word not in _HONORIFICS and word in near:
                return word
        lo, hi = self.doc.folded.starts[prev_left], self.doc.folded.ends[left - 1]
        for m in self.doc.morphemes_within(lo, hi):
            if m.pos[2] == "人名":
                return m.surface
        return None

    def _after_name(self, fpos: int) -> bool:
        """An honorific counts after a name written in kanji, katakana or letters (高橋さん, タナカくん),
        not inside a word (たくさん, 出てくんな, お疲れさま)."""
        begin = self.doc.folded.starts[fpos]
        return begin > 0 and not ("\u3041" <= self.doc.text[begin - 1] <= "\u309f" or self.doc.text[begin - 1] in _NOT_A_NAME)

    def named_person(self, start: int, end: int, window: int) -> str | None:
        """A person's name near the span (議員の鈴木, 山田たかし): Sudachi tags it 固有名詞・人名."""
        fstart, fend = self.folded_span(start, end)
        left, right = self.sentence(fstart, fend)
        a, b = max(left, fstart - window), min(right, fend + window)
        if a >= b:
            return None
        i, j = self._within(self.doc.folded.starts[a], self.doc.folded.ends[b - 1])
        people = self._people
        for k in range(bisect.bisect_left(people, i), len(people)):
            m = self.doc.morphemes[people[k]]
            if people[k] >= j:
                break
            if not (m.begin < end and start < m.end):
                return m.surface
        return None

    def reported(self, start: int, end: int) -> str | None:
        _, _, after = self.around(start, end, 14)
        return find_any(after.lstrip(_CLOSERS)[:12], self.words.reported_speech) or self.quoted(start, end)

    def quoted(self, start: int, end: int) -> str | None:
        """The quotative after the brackets a match sits in: 「死ね！」って台詞, 「税金泥棒」なんて言葉.
        Brackets are read across sentence ends, since a quote may hold its own ！."""
        fstart, fend = self.folded_span(start, end)
        text = self.folded
        for opener, closer in _QUOTE_PAIRS.items():
            left = text.rfind(opener, max(0, fstart - _QUOTE_REACH), fstart)
            if left == -1 or closer in text[left + 1 : fstart]:
                continue
            right = text.find(closer, fend, fend + _QUOTE_REACH)
            if right == -1 or opener in text[fend:right]:
                continue
            after = right + 1
            while after < len(text) and (text[after] in "、や・ " or text[after] in _QUOTE_PAIRS):
                # 「口座を貸して」「口座を売って」と言われたら: the quotative after the last quote counts
                if text[after] in _QUOTE_PAIRS:
                    close = text.find(_QUOTE_PAIRS[text[after]], after + 1, after + _QUOTE_REACH)
                    if close == -1:
                        break
                    after = close
                after += 1
            tail = text[after : after + 8]
            for word in self.words.quotatives:
                if tail.startswith(word):
                    return f"{opener}…{closer}{word}"
        return None

    def negated(self, start: int, end: int) -> str | None:
        _, _, after = self.around(start, end, 10)
        return find_any(after, self.words.negations)

    def warning(self, start: int, end: int) -> str | None:
        fstart, fend = self.folded_span(start, end)
        return find_any(self.folded[max(0, fstart - 40) : fend + 40], self.words.warnings)

    def question(self, start: int, end: int) -> str | None:
        fstart, fend = self.folded_span(start, end)
        _, right = self.sentence(fstart, fend)
        found = find_any(self.folded[fend : right + 1], self.words.questions)
        if found:
            return found
        # A claim whose next sentence only asks about it is asked, not told: 有料になるって知人が言って
        # たけど、ソースがなくて。本当ですか？  Only a sentence that starts with the question counts.
        following = self.folded[right : right + 12].lstrip(" \u3000")
        return next((q for q in self.words.questions if following.startswith(q)), None)
