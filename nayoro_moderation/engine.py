"""Matching rule files against a Document: tokens, lemmas, folded spellings and regexes."""

from __future__ import annotations

import bisect
import logging
from collections import defaultdict
from dataclasses import dataclass, field

import ahocorasick
import regex

from .derived_cache import DerivedCache
from .document import Document, tokenize
from .lazy_regex import LazyRegex, regex_timeout
from .normalize import fold
from .prefilter import LiteralGate, leading_literals, required_literals
from .rules import Rule

log = logging.getLogger(__name__)


# Parts of speech that never begin a word: a folded spelling starting on one is inside a longer word.
_NON_INITIAL_POS = frozenset({"助詞", "助動詞", "接尾辞"})
# What may trail a word inside the same token without making it another word: ばかぁぁ, 死ねーっ.
_TAIL_CHARS = frozenset("ーｰ〜~～っッぁぃぅぇぉァィゥェォ!！?？wｗ")
_WORD_BEFORE_PARTICLE_READING = frozenset({"名詞", "代名詞", "接尾辞", "補助記号", "空白", "感動詞", "記号"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A raw match before context is applied."""

    check: object  # a Rule or a Detector
    start: int
    end: int
    evidence: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _TermToken:
    normalized: str
    reading: str
    pos0: str


def _term_tokens(term: str) -> tuple[_TermToken, ...]:
    return tuple(_TermToken(m.normalized, m.reading, m.pos[0]) for m in tokenize(term) if m.surface.strip())


def _token_matches(m, t: _TermToken) -> bool:
    if m.normalized == t.normalized:
        return True
    # Readings unify 馬鹿/ばか/バカ; the part of speech keeps カス (noun) apart from 貸す (verb), and
    # one-mora readings are too ambiguous to trust.
    return m.reading == t.reading and m.pos[0] == t.pos0 and len(t.reading) >= 2


def _script(ch: str) -> str:
    if "\u3041" <= ch <= "\u30ff" or ch in "ーｰ":
        return "kana"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch in "々〆":
        return "kanji"
    return "alnum" if ch.isalnum() else "other"


def _token_start_ok(doc: Document, start: int) -> bool:
    i = doc.token_starts.get(start)
    if i is None:
        return False
    if doc.morphemes[i].pos[0] in _NON_INITIAL_POS and i > 0:
        # Sudachi reads a bare しね after a noun as particles (お前しね); after です or an inflected
        # word the same letters are particles indeed (寒いですしね).
        return doc.morphemes[i - 1].pos[0] in _WORD_BEFORE_PARTICLE_READING
    return True


def _token_end_ok(doc: Document, end: int) -> bool:
    if end in doc.token_ends:
        return True
    j = doc.morpheme_at(end)
    if j is None:
        return True
    rest = doc.text[end : doc.morphemes[j].end]
    return all(ch in _TAIL_CHARS or ch == doc.text[end - 1] for ch in rest)


def at_word_boundaries(doc: Document, fstart: int, fend: int, *, right_end: bool = True) -> bool:
    """Whether a span of the folded text stands as a word of its own in the original (シネマ is not
    しね).  A change of script is a boundary (市長しね); inside one script the original's tokens decide.
    ``right_end=False`` checks the start only."""
    text = doc.folded.text
    start, end = doc.folded.original_span(fstart, fend)
    i = doc.token_starts.get(start)
    if i is not None and i > 0 and doc.morphemes[i].lemma in ("する", "為る") and doc.morphemes[i - 1].pos[2] == "サ変可能":
        return False  # 勉強しねーと: the し of a サ変 verb, not 死
    left = fstart == 0 or _script(text[fstart - 1]) != _script(text[fstart]) or _token_start_ok(doc, start)
    if not right_end:
        return left
    right = fend == len(text) or _script(text[fend]) != _script(text[fend - 1]) or _token_end_ok(doc, end)
    return left and right


# Words whose inflection a pattern may stop inside: 頭おかし|い, 燃やし|たろか.
_INFLECTING_POS = frozenset({"動詞", "形容詞", "助動詞", "形状詞"})


def _phrase_end(doc: Document, fend: int, end: int) -> int | None:
    """Where a pattern match ends in the original: at a word boundary as it is, or at the end of the
    inflected word it stops inside; None when it stops inside another word (ごみ|箱)."""
    text = doc.folded.text
    if fend == len(text) or _script(text[fend]) != _script(text[fend - 1]) or _token_end_ok(doc, end):
        return end
    j = doc.morpheme_at(end)
    if j is not None and doc.morphemes[j].pos[0] in _INFLECTING_POS:
        return doc.morphemes[j].end
    return None


_NEVER = regex.compile(r"(?!)")


class RulePattern(LazyRegex):
    """A rule file's regex, compiled on first use: compiling hundreds of large patterns would cost
    seconds at every start, and the literal gate means most of them never run on a given input."""

    def _compile(self) -> regex.Pattern:
        try:
            return super()._compile()
        except regex.error as exc:
            # The lint test compiles every bundled pattern, so this is a rule file edited in place:
            # one broken pattern must not make every check fail.
            log.error("rule pattern %r does not compile (%s); it is skipped", self.pattern, exc)
            return _NEVER


class RuleMatcher:
    """The rules compiled into lookup tables, one set of tables per mode (built when the mode is first
    checked), so a document is scanned once for all the rules that can apply to it."""

    def __init__(self, rules: list[Rule]):
        self.rules = rules
        self._tables: dict[str | None, _Tables] = {}

    def tables(self, mode: str | None = None) -> _Tables:
        tables = self._tables.get(mode)
        if tables is None:
            rules = [r for r in self.rules if mode is None or mode in r.active_modes]
            tables = self._tables[mode] = _Tables(rules)
            DerivedCache.shared().save()  # the terms and patterns this mode's tables read, for next time
        return tables

    def candidates(self, doc: Document, mode: str | None = None):
        """Raw matches of the rules that apply in the mode (all rules without one)."""
        tables = self.tables(mode)
        yield from tables.token_candidates(doc)
        yield from tables.folded_candidates(doc)
        yield from tables.regex_candidates(doc)
        yield from tables.folded_regex_candidates(doc)


class _Tables:
    def __init__(self, rules: list[Rule]):
        cache = DerivedCache.shared()
        self._by_normalized: dict[str, list[tuple[Rule, tuple[_TermToken, ...]]]] = defaultdict(list)
        self._by_reading: dict[tuple[str, str], list[tuple[Rule, tuple[_TermToken, ...]]]] = defaultdict(list)
        self._by_lemma: dict[str, list[Rule]] = defaultdict(list)
        folded: dict[str, list[Rule]] = defaultdict(list)  # folded term → rules
        self.regexes: list[tuple[Rule, RulePattern]] = []
        self.folded_regexes: list[tuple[Rule, RulePattern]] = []
        for rule in rules:
            spec = rule.match
            for term in spec.terms:
                tokens = cache.get("term_tokens", term, _term_tokens)
                if tokens:
                    self._by_normalized[tokens[0].normalized].append((rule, tokens))
                    self._by_reading[(tokens[0].reading, tokens[0].pos0)].append((rule, tokens))
            for term in spec.terms + spec.folded:
                if f := fold(term):
                    folded[f].append(rule)
            for lemma in spec.lemma:
                self._by_lemma[lemma].append(rule)
            self.regexes += [(rule, RulePattern(p)) for p in spec.regex]
            self.folded_regexes += [(rule, RulePattern(p)) for p in spec.folded_regex]
        # Every folded term found in one pass over the folded text, overlapping ones included.
        self._folded = ahocorasick.Automaton()
        for term, term_rules in folded.items():
            self._folded.add_word(term, (term, tuple(dict.fromkeys(term_rules))))
        if folded:
            self._folded.make_automaton()
        # Nearly every pattern fails on a given text: skip those whose literals it lacks, and try those
        # whose matches begin with a literal only where one occurs.
        gate = lambda patterns: LiteralGate(  # noqa: E731
            [p.pattern for _, p in patterns],
            lambda pattern: cache.get("required_literal_sets", pattern, required_literals),
            lambda pattern: cache.get("leading_literals", pattern, leading_literals),
        )
        self.regex_gate = gate(self.regexes)
        self.folded_regex_gate = gate(self.folded_regexes)

    def token_candidates(self, doc: Document):
        ms = doc.morphemes
        by_normalized, by_reading, by_lemma = self._by_normalized, self._by_reading, self._by_lemma
        for i, m in enumerate(ms):
            entries = by_normalized.get(m.normalized)
            also = by_reading.get((m.reading, m.pos[0]))
            if also:
                entries = entries + also if entries else also
            if entries:
                seen = set()
                for rule, tokens in entries:
                    key = (rule.id, tokens)
                    if key in seen or i + len(tokens) > len(ms):
                        continue
                    seen.add(key)
                    if all(_token_matches(ms[i + k], t) for k, t in enumerate(tokens)):
                        end = ms[i + len(tokens) - 1].end
                        yield Candidate(rule, m.begin, end, {"一致": "語"})
            for rule in by_lemma.get(m.lemma, ()):
                conj = rule.match.conjugation
                if not conj or any(m.conjugation.startswith(c) for c in conj):
                    yield Candidate(rule, m.begin, m.end, {"一致": f"見出し語 {m.lemma}（{m.conjugation}）"})

    def folded_candidates(self, doc: Document):
        layer = doc.folded
        if not len(self._folded):
            return
        for last, (term, rules) in self._folded.iter(layer.text):
            pos = last - len(term) + 1
            if not at_word_boundaries(doc, pos, last + 1):
                continue
            start, end = layer.original_span(pos, last + 1)
            evidence = {"一致": "表記ゆれを正規化した文字列"}
            if _obfuscated(doc, start, end):
                evidence["難読化"] = f"「{doc.text[start:end]}」を「{term}」として照合"
            for rule in rules:
                yield Candidate(rule, start, end, dict(evidence))

    def regex_candidates(self, doc: Document):
        layer = doc.normalized
        text = layer.text
        for index, positions in self.regex_gate.plan(text):
            rule, pattern = self.regexes[index]
            try:
                pos = 0
                while (m := _search(pattern, text, pos, positions)) is not None:
                    if m.end() > m.start():
                        start, end = layer.original_span(m.start(), m.end())
                        yield Candidate(rule, start, end, {"一致": "正規表現"})
                    pos = max(m.end(), m.start() + 1)
            except TimeoutError:
                doc.skip(rule.id, f"正規表現 {pattern.pattern!r} が {len(text):,} 文字の文で時間切れ")

    def folded_regex_candidates(self, doc: Document):
        layer = doc.folded
        for index, positions in self.folded_regex_gate.plan(layer.text):
            rule, pattern = self.folded_regexes[index]
            try:
                for m in _leftmost_at_word_starts(doc, pattern, positions):
                    start, end = layer.original_span(m.start(), m.end())
                    end = _phrase_end(doc, m.end(), end)
                    if end is None:
                        continue
                    evidence = {"一致": "言い回しのパターン（表記ゆれを正規化して照合）"}
                    if _obfuscated(doc, start, end):
                        evidence["難読化"] = f"「{doc.text[start:end]}」を「{m.group()}」として照合"
                    yield Candidate(rule, start, end, evidence)
            except TimeoutError:
                doc.skip(rule.id, f"正規表現 {pattern.pattern!r} が {len(layer.text):,} 文字の文で時間切れ")


def _search(pattern: RulePattern, text: str, pos: int, positions: list[int] | None):
    """The leftmost match starting at ``pos`` or later: tried only at the given positions (where every
    match of the pattern must begin), or searched for when they are not known."""
    if positions is None:
        return pattern.search(text, pos, timeout=regex_timeout(text))
    for p in positions[bisect.bisect_left(positions, pos) :]:
        m = pattern.match(text, p, timeout=regex_timeout(text))
        if m is not None:
            return m
    return None


def _leftmost_at_word_starts(doc: Document, pattern: RulePattern, positions: list[int] | None = None):
    """Matches of a pattern on the folded text that start a word.  A match rejected for starting
    inside a word is searched again one character later, so it cannot hide a valid one that
    overlaps it (廃止を掲げる緑の北海道党: the party name, not 止を…)."""
    text, pos = doc.folded.text, 0
    while pos < len(text):
        m = _search(pattern, text, pos, positions)
        if m is None:
            return
        if m.end() > m.start() and (at_word_boundaries(doc, m.start(), m.end(), right_end=False) or _spaced_out(doc, m)):
            yield m
            pos = m.end()
        else:
            pos = m.start() + 1


def _spaced_out(doc: Document, m) -> bool:
    """A word written letter by letter (ば く だ ん) is a word by intent, whatever the tokenizer
    makes of the letters around it."""
    start, end = doc.folded.original_span(m.start(), min(m.end(), m.start() + 4))
    return any(ch in _SPACERS for ch in doc.text[start:end])


_SPACERS = frozenset(" \u3000.・･*＊_/|")


def _obfuscated(doc: Document, start: int, end: int) -> bool:
    """Whether the original spelling hid the word: substitutions (氏ね, ○ね), inserted separators or
    invisible characters, half-width kana."""
    if doc.substituted(start, end):
        return True
    # Sentence punctuation inside a phrase-long match (外国人は…出ていけ。…) is not a hiding device.
    return any(not (ch.isalnum() or ch in "ー〜" or ch in _PUNCTUATION) or ch in _MASKS or "\uff66" <= ch <= "\uff9f" for ch in doc.text[start:end])


_PUNCTUATION = frozenset("、。，！？!?「」『』（）()…\n")
# 〇 counts as a digit for str.isalnum, yet it is the usual mask: チョ〇ン, ア〇ヌ.
_MASKS = frozenset("〇○●◯×")
