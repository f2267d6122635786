"""Matching rule files against a Document: tokens, lemmas, folded spellings and regexes."""

from __future__ import annotations

import bisect
import io
import operator
import pickle
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import regex

from .compose import ComposeSpec, LexHit, Scopes, compose, reported_span
from .compose import evidence as compose_evidence
from .context import context_words
from .derived_cache import DerivedCache, code_kind, source_stamp
from .document import Document, tokenize
from .gc_pause import gc_paused
from .lazy_regex import LazyRegex, regex_timeout
from .lexicons import Entry, Lexicon, masked_spellings
from .lexicons import entries as lexicon_entries
from .normalize import folded_term, katakana_to_hiragana
from .prefilter import LiteralGate, leading_literals, required_literals
from .rules import Rule, RuleError

# Parts of speech that never begin a word: a folded spelling starting on one is inside a longer word.
_NON_INITIAL_POS = frozenset({"助詞", "助動詞", "接尾辞"})
# What may trail a word inside the same token without making it another word: ばかぁぁ, 死ねーっ.
_TAIL_CHARS = frozenset("ーｰ〜~～っッぁぃぅぇぉァィゥェォ!！?？wｗ")
# Distinct morphemes remembered by a PhraseIndex: far more than a language's everyday words, and
# bounded, as a scan of years of logs meets ever more names and misspellings.
_MAX_MEMO = 200_000
_WORD_BEFORE_PARTICLE_READING = frozenset({"名詞", "代名詞", "接尾辞", "補助記号", "空白", "感動詞", "記号"})


class Candidate(NamedTuple):
    """A raw match before context is applied."""

    check: object  # a Rule or a Detector
    start: int
    end: int
    evidence: dict[str, str]


class _TermToken(NamedTuple):
    # A NamedTuple, not a frozen dataclass: the derived cache holds four thousand of them, and a
    # dataclass with slots is unpickled through a Python __setstate__ (a tenth of a start), hashed
    # through a Python __hash__ (the trie's keys).
    normalized: str
    reading: str
    pos0: str


# How a term is tokenized and read: the code its tokens in the derived cache are kept for.
_TERM_CODE = (Path(__file__), Path(__file__).with_name("document.py"))


def _term_tokens(term: str) -> tuple[_TermToken, ...]:
    return tuple(_TermToken(m.normalized, m.reading, m.pos[0]) for m in tokenize(term) if m.surface.strip())


def _has_kanji(text: str) -> bool:
    return any(_script(ch) == "kanji" for ch in text)


def _script(ch: str) -> str:
    if "\u3041" <= ch <= "\u30ff" or ch in "ーｰ":
        return "kana"
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or ch in "々〆":
        return "kanji"
    return "alnum" if ch.isalnum() else "other"


def _token_start_ok(doc: Document, start: int) -> bool:
    i = doc.token_starting(start)
    if i is None:
        return False
    if doc.morphemes[i].pos[0] in _NON_INITIAL_POS and i > 0:
        # Sudachi reads a bare しね after a noun as particles (お前しね); after です or an inflected
        # word the same letters are particles indeed (寒いですしね).
        return doc.morphemes[i - 1].pos[0] in _WORD_BEFORE_PARTICLE_READING
    return True


def _token_end_ok(doc: Document, end: int) -> bool:
    if doc.ends_a_token(end):
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
    i = doc.token_starting(start)
    if i is not None and i > 0 and doc.morphemes[i].lemma in ("する", "為る") and doc.morphemes[i - 1].pos[2] == "サ変可能":
        return False  # 勉強しねーと: the し of a サ変 verb, not 死
    # A change of script inside an inflected word is its kana ending, not a new word (動|かす); a
    # match running past that word is a word of its own the tokenizer misread (市長しね: 長し|ね).
    left = (
        fstart == 0 or (_script(text[fstart - 1]) != _script(text[fstart]) and not _inside_inflected_word(doc, start, end))
        or _token_start_ok(doc, start)
    )
    if not right_end:
        return left
    right = fend == len(text) or _script(text[fend]) != _script(text[fend - 1]) or _token_end_ok(doc, end)
    return left and right


# Honorifics that close a name (杉山くん, 佐藤さん): a spelling that begins on one and runs on is the
# name's ending read with what follows it.  氏 is not here: 氏ね is the substitution for 死ね.
_HONORIFICS = frozenset({"君", "さん", "ちゃん", "様", "さま", "殿", "たん"})


def _runs_on_from_an_honorific(doc: Document, start: int, end: int) -> bool:
    """Whether an original span begins on a name's honorific and runs past it (杉山|くん|に: not クンニ).
    For words only: a rule's own pattern may begin on one on purpose (〇〇さんに一票)."""
    i = doc.token_starting(start)
    if i is None or i == 0:
        return False
    m, before = doc.morphemes[i], doc.morphemes[i - 1]
    return m.pos[0] == "接尾辞" and m.normalized in _HONORIFICS and before.pos[0] == "名詞" and m.end < end


# Words whose inflection a pattern may stop inside: 頭おかし|い, 燃やし|たろか.
_INFLECTING_POS = frozenset({"動詞", "形容詞", "助動詞", "形状詞"})
_LONG_VOWELS = frozenset("ーｰ")


def _inside_inflected_word(doc: Document, start: int, end: int) -> bool:
    j = doc.morpheme_at(start)
    if j is None:
        return False
    m = doc.morphemes[j]
    return m.begin < start and end <= m.end and m.pos[0] in _INFLECTING_POS


def long_vowel_of_the_word(doc: Document, start: int, end: int, spellings: frozenset[str] = frozenset()) -> bool:
    """Whether an original span holds a long-vowel mark that belongs to the word as the dictionary
    spells it (ブース is not ぶす, ルール not るる): folding dropped a sound, not a stretch.  A mark
    that stretches a word (ばーか, しねー) is one the dictionary does not keep; a word a rule spells
    with its mark (ばーか, read バーカ) is the rule's own."""
    for m in doc.morphemes_within(*_covering(doc, start, end)):
        inner = m.surface[1:-1]
        if not any(ch in _LONG_VOWELS for ch in inner) or not any(ch in _LONG_VOWELS for ch in m.normalized):
            continue
        surface = katakana_to_hiragana(m.surface.replace("ｰ", "ー"))
        if not any(surface in spelling for spelling in spellings):  # a phrase's word keeps its mark too (ってデータ出てる)
            return True
    return False


def _covering(doc: Document, start: int, end: int) -> tuple[int, int]:
    """The span of the morphemes that overlap an original span."""
    i, j = doc.morpheme_at(start), doc.morpheme_at(end - 1)
    return (doc.morphemes[i].begin if i is not None else start, doc.morphemes[j].end if j is not None else end)


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
_KATAKANA = LazyRegex(r"[ァ-ヺ]")


class RulePattern(LazyRegex):
    """A rule file's regex, compiled on first use: compiling hundreds of large patterns would cost
    seconds at every start, and the literal gate means most of them never run on a given input."""

    def _compile(self) -> regex.Pattern:
        try:
            return super()._compile()
        except regex.error as exc:
            # The lint test compiles every bundled pattern, so this is a rule file edited in place:
            # one broken pattern must not make every check fail.
            import logging  # here: only a broken rule file logs, and logging's import costs every start

            logging.getLogger(__name__).error("rule pattern %r does not compile (%s); it is skipped", self.pattern, exc)
            return _NEVER


class RuleMatcher:
    """The rules compiled into lookup tables, one set of tables per mode (built when the mode is first
    checked), so a document is scanned once for all the rules that can apply to it, and once for
    every word of every lexicon the composed rules read."""

    def __init__(self, rules: list[Rule], lexicons: dict[str, list[Lexicon]] | None = None):
        self.rules = rules
        self.lexicons = lexicons or {}
        unknown = {(r.path, c) for r in rules for spec in r.compositions for c in spec.classes() if c not in self.lexicons}
        if unknown:
            path, name = sorted(unknown)[0]
            raise RuleError(f"{path}: [compose] names the class {name!r}, which no lexicon defines (known: {', '.join(sorted(self.lexicons))})")
        self._tables: dict[str | None, _Tables] = {}

    def tables(self, mode: str | None = None) -> _Tables:
        tables = self._tables.get(mode)
        if tables is None:
            rules = [r for r in self.rules if mode is None or mode in r.active_modes]
            used = sorted({c for r in rules for spec in r.compositions for c in spec.classes()})
            with gc_paused():  # a hundred thousand lasting objects (gc_pause.py)
                tables = self._tables[mode] = _stored_tables(str(mode), rules, {c: self.lexicons[c] for c in used})
            DerivedCache.shared().save()  # the tables, terms and patterns this mode read, for next time
        return tables

    def lexical_hits(self, doc: Document, mode: str | None = None) -> dict[str, list[LexHit]]:
        """Every lexicon word the mode's composed rules read, by class, in order (for tests and explain)."""
        hits: list = []
        for _ in self.tables(mode).phrase_candidates(doc, hits):
            pass
        return _by_class(hits, doc.text)

    def candidates(self, doc: Document, mode: str | None = None):
        """Raw matches of the rules that apply in the mode (all rules without one)."""
        tables = self.tables(mode)
        lexical: list = []
        yield from tables.phrase_candidates(doc, lexical)
        yield from tables.regex_candidates(doc)
        yield from tables.folded_regex_candidates(doc)
        if lexical and tables.composed:
            by_class = _by_class(lexical, doc.text)
            scopes = None
            memo: dict = {}
            for rule, spec in tables.composed_for(by_class):
                if scopes is None:
                    scopes = Scopes(doc.text, context_words().sentence_ends)
                for chain in compose(spec, by_class, scopes, memo):
                    start, end = reported_span(spec, chain)
                    yield Candidate(rule, start, end, compose_evidence(chain))


# prefilter.py's answers about a pattern, kept in the derived cache for the code that gave them.
_PREFILTER_CODE = Path(__file__).with_name("prefilter.py")


def kept_required_literals(pattern: str) -> tuple[frozenset[str], ...] | None:
    return DerivedCache.shared().get(code_kind("required literal sets", _PREFILTER_CODE), pattern, required_literals)


def kept_leading_literals(pattern: str) -> frozenset[str] | None:
    return DerivedCache.shared().get(code_kind("leading literals", _PREFILTER_CODE), pattern, leading_literals)


# --- a mode's tables, kept from an earlier run ----------------------------------------------------

# The code that builds a mode's tables, besides the rule and lexicon files they are built from.
_TABLE_CODE = ("engine.py", "normalize.py", "lexicons.py", "compose.py", "prefilter.py", "document.py", "lazy_regex.py", "rules.py")


def _stored_tables(mode: str, rules: list[Rule], lexicons: dict[str, list[Lexicon]]) -> _Tables:
    """A mode's tables, unpickled from the derived cache when the same rule and lexicon files (the
    same paths, sizes and times) and the same code built them in an earlier run.  Building them
    reads ten thousand words and was the largest part of a check's start after the imports; loading
    them takes about half as long.  Rules made in memory (no file) are always built."""
    key = _tables_key(rules, lexicons)
    if key is None:
        return _Tables(rules, lexicon_entries(lexicons))
    built: list[_Tables] = []

    def build(_key: str) -> bytes:
        built.append(_Tables(rules, lexicon_entries(lexicons)))
        return _dump_tables(built[0], rules)

    # A kind of its own per mode, one entry each: a start unpickles only its own mode's (2 MB) blob.
    stored = DerivedCache.shared().get(f"tables {mode}", key, build, replaces="")
    if built:
        return built[0]
    try:
        return _load_tables(stored, rules)
    except Exception:  # noqa: BLE001 - a damaged entry: the tables are built as if it were absent
        return _Tables(rules, lexicon_entries(lexicons))


def _tables_key(rules: list[Rule], lexicons: dict[str, list[Lexicon]]) -> str | None:
    paths = [r.path for r in rules] + [lexicon.path for parts in lexicons.values() for lexicon in parts]
    if not all(paths):
        return None
    here = Path(__file__).parent
    try:
        files = source_stamp(*dict.fromkeys(paths), *(here / name for name in _TABLE_CODE))
    except OSError:
        return None
    # The whole of it, not a digest: hashlib's import alone costs what it would save in the file.
    return ",".join(r.id for r in rules) + "|" + ",".join(lexicons) + "|" + ",".join(paths) + "|" + files


class _TablePickler(pickle.Pickler):
    """Stores each rule as its place in the list of rules, so that the loaded tables hold the
    Moderator's own rule objects, and each pattern as its text, compiled at first use as always."""

    def __init__(self, file, rules: list[Rule]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._places = {id(rule): i for i, rule in enumerate(rules)}

    def persistent_id(self, obj):
        if isinstance(obj, Rule):
            return self._places[id(obj)]
        if isinstance(obj, RulePattern):
            return obj.pattern
        return None


class _TableUnpickler(pickle.Unpickler):
    def __init__(self, file, rules: list[Rule]):
        super().__init__(file)
        self._rules = rules

    def persistent_load(self, pid):
        return self._rules[pid] if isinstance(pid, int) else RulePattern(pid)


def _dump_tables(tables: _Tables, rules: list[Rule]) -> bytes:
    out = io.BytesIO()
    _TablePickler(out, rules).dump(tables)
    return out.getvalue()


def _load_tables(stored: bytes, rules: list[Rule]) -> _Tables:
    return _TableUnpickler(io.BytesIO(stored), rules).load()


def _by_class(hits: list, text: str) -> dict[str, list[LexHit]]:
    by_class: dict[str, dict] = defaultdict(dict)
    for entry, start, end, hiding in hits:
        # The same word found by its tokens and by its spelling is one hit (per kind: 殺せ is both a
        # kill and a command): the first found, made only once.
        spans, key = by_class[entry.lexicon], (start, end, entry.kind)
        if key not in spans:
            spans[key] = LexHit(entry.lexicon, entry.kind, text[start:end] if entry.pos else entry.word, start, end, hiding)
    return {c: sorted(spans.values(), key=lambda h: (h.start, -h.end)) for c, spans in by_class.items()}


class _Node:
    """A node of the token trie: the words that end here (in the order they were added), and the
    ways on, one per term token, found by a next token's normalized form or by its reading."""

    __slots__ = ("by_normalized", "by_reading", "children", "ends")

    def __init__(self):
        self.ends: list[tuple[int, object]] = []  # (order of adding, payload)
        self.children: dict[_TermToken, _Node] | tuple[_Node, ...] = {}  # a tuple once built (_seal)
        self.by_normalized: dict[str, list[_Node]] = {}
        # reading → (part of speech, the term's normalized form has kanji, next node)
        self.by_reading: dict[str, list[tuple[str, bool, _Node]]] = {}

    def step(self, t: _TermToken) -> _Node:
        node = self.children.get(t)
        if node is None:
            node = self.children[t] = _Node()
            self.by_normalized.setdefault(t.normalized, []).append(node)
            # Readings unify 馬鹿/ばか/バカ; the part of speech keeps カス (noun) apart from 貸す (verb),
            # and one-mora readings are too ambiguous to trust.
            if len(t.reading) >= 2:
                self.by_reading.setdefault(t.reading, []).append((t.pos0, _has_kanji(t.normalized), node))
        return node

    def after(self, m) -> list[tuple[_Node, bool]]:
        """The nodes a morpheme leads to, each with whether it was reached by reading alone: by its
        normalized form, and by its reading where the term token has the same part of speech.  Two
        kanji spellings that sound alike are two words (地消 is not 知障, 健診 not 献身): a reading
        stands for a spelling only in kana."""
        out = [(node, False) for node in self.by_normalized.get(m.normalized, ())]
        ways = self.by_reading.get(m.reading)
        if ways:
            kanji = None
            for pos0, term_kanji, child in ways:
                if pos0 != m.pos[0] or any(child is node for node, _ in out):
                    continue
                if term_kanji:
                    if kanji is None:
                        kanji = _has_kanji(m.surface)
                    if kanji:
                        continue
                out.append((child, True))
        return out


def _seal(root: _Node) -> None:
    """A built trie is walked by its tokens' normalized forms and readings (by_normalized,
    by_reading): each node's children by term token only served the building.  They become a tuple,
    which still tells whether a node leads on and which the derived cache stores without four
    thousand term tokens.  The leaves' empty tables become one shared empty table each: the trie is
    never changed once built, and the stored tables load faster with fewer objects in them."""
    nodes = [root]
    while nodes:
        node = nodes.pop()
        children = tuple(node.children.values())
        node.children = children
        node.ends = tuple(node.ends)
        if not node.by_normalized:
            node.by_normalized = _NO_WAYS
        if not node.by_reading:
            node.by_reading = _NO_WAYS
        nodes += children


_NO_WAYS: dict = {}  # a sealed node's empty tables: shared, never written


_LEMMA = operator.attrgetter("lemma")

# What most morphemes begin: no word and no part-of-speech entry (one object, told by identity).
_BEGINS_NOTHING = ((), ())


class PhraseIndex:
    """Words found in one pass over a document: by their tokens (normalized form, or reading and part
    of speech, walked down a trie of the words' token sequences) and by their folded spelling (one
    Aho-Corasick pass).  Each word carries a payload, a rule's or a lexicon entry's, so the rules' own
    terms and every lexicon word share the pass."""

    def __init__(self):
        self._root = _Node()
        self._added = 0
        # → (payload, the word's ends that must be word boundaries: "both", "start" or "none")
        self._folded_words: dict[str, list[tuple[object, str]]] = defaultdict(list)
        self._spellings: dict[str, set[str]] = defaultdict(set)  # folded word → its spellings, in hiragana
        self._folded = ahocorasick.Automaton()
        self._by_pos: dict[tuple[str, ...], list] = defaultdict(list)  # leading POS fields → payloads
        # Dictionary word id → what a morpheme of that word begins (see token_hits).
        self._beginnings: dict[int, tuple[tuple, tuple]] = {}

    def add_pos(self, pos: tuple[str, ...], payload) -> None:
        self._by_pos[pos].append(payload)

    def add_tokens(self, word: str, payload) -> None:
        tokens = DerivedCache.shared().get(code_kind("term tokens", *_TERM_CODE), word, _term_tokens)
        if tokens:
            node = self._root
            for t in tokens:
                node = node.step(t)
            if not any(p is payload for _, p in node.ends):
                node.ends.append((self._added, payload))
                self._added += 1

    def add_folded(self, word: str, payload, *, bounds: str = "both") -> None:
        if f := folded_term(word):
            self._folded_words[f].append((payload, bounds))
            self._spellings[f].add(katakana_to_hiragana(word))

    def freeze(self) -> None:
        for word, payloads in self._folded_words.items():
            # Most words are spelt as they fold: their spellings are the word itself, kept as None.
            spellings = self._spellings[word]
            self._folded.add_word(word, (word, tuple(dict.fromkeys(payloads)), None if spellings == {word} else frozenset(spellings)))
        if self._folded_words:
            self._folded.make_automaton()
        _seal(self._root)
        # The automaton holds them now: kept, they would be a third of the tables the derived cache stores.
        del self._folded_words, self._spellings

    def _beginning(self, m) -> tuple[tuple, tuple]:
        """The payloads a morpheme's part of speech carries, and the trie nodes it leads to."""
        pos = m.pos
        payloads = tuple(p for lead, ps in self._by_pos.items() if pos[: len(lead)] == lead for p in ps)
        root = self._root
        # Most morphemes begin no word: two look-ups say so.
        if m.normalized not in root.by_normalized and m.reading not in root.by_reading:
            return (payloads, ()) if payloads else _BEGINS_NOTHING
        return payloads, tuple(root.after(m))

    def token_hits(self, doc: Document):
        """(payload, start, end, morpheme index of the last token) for every word found by its tokens."""
        ms = doc.morphemes
        count = len(ms)
        beginnings, beginning = self._beginnings, self._beginning
        for i, m in enumerate(ms):
            # What a dictionary word begins depends on its entry alone: worked out once per word id.
            wid = m.word_id
            begun = beginnings.get(wid) if wid >= 0 else None
            if begun is None:
                begun = beginning(m)
                if wid >= 0 and len(beginnings) < _MAX_MEMO:
                    beginnings[wid] = begun
            if begun is _BEGINS_NOTHING:
                continue  # most tokens
            pos_payloads, firsts = begun
            for payload in pos_payloads:
                yield payload, m.begin, m.end, i
            if not firsts:
                continue
            found = []
            nodes = [(node, by_reading_alone, i) for node, by_reading_alone in firsts]
            while nodes:
                node, by_reading_alone, last = nodes.pop()
                if node.ends:
                    found += [(by_reading_alone, order, payload, last) for order, payload in node.ends]
                if last + 1 < count and node.children:
                    following = ms[last + 1]
                    # Most walks stop here (a particle that begins a phrase, followed by another word):
                    # two look-ups say so without building the ways on.
                    if following.normalized in node.by_normalized or following.reading in node.by_reading:
                        nodes += [(child, by_reading_alone, last + 1) for child, _ in node.after(following)]
            # Words whose first token is the morpheme's own normalized form come first, then in the
            # order they were added: of two entries on one span, the first names the finding's word.
            if len(found) > 1:
                found.sort(key=lambda f: f[:2])
            for _, _, payload, last in found:
                yield payload, m.begin, ms[last].end, last

    def folded_hits(self, doc: Document, by_tokens: set = frozenset()):
        """(payload, start, end, folded word, obfuscated) for every word found by its folded spelling.
        ``by_tokens``: (class, kind, start, end) of lexicon words already found by their tokens.  A
        spelling all of whose words are among them, on the same span, is passed over before its
        boundaries are checked: the composed rules keep one word of a kind on a span, the first found
        (particles such as って and は are half of all spellings found, and their tokens find them)."""
        layer = doc.folded
        if not len(self._folded):
            return
        # Without a long-vowel mark in the text, no word of it holds one (most texts): not looked for.
        marks = any(mark in doc.text for mark in _LONG_VOWELS)
        for last, (word, payloads, spellings) in self._folded.iter(layer.text):
            pos = last - len(word) + 1
            start, end = layer.original_span(pos, last + 1)
            if by_tokens and all(type(p) is Entry and (p.lexicon, p.kind, start, end) in by_tokens for p, _ in payloads):
                continue
            if (marks and long_vowel_of_the_word(doc, start, end, spellings or (word,))) or _runs_on_from_an_honorific(doc, start, end):
                continue
            checked: dict[str, bool] = {}
            for payload, bounds in payloads:
                if bounds != "none":
                    bounded = checked.get(bounds)
                    if bounded is None:
                        bounded = checked[bounds] = at_word_boundaries(doc, pos, last + 1, right_end=bounds == "both")
                    if not bounded:
                        continue
                yield payload, start, end, word, _obfuscated(doc, start, end)


class _Tables:
    def __init__(self, rules: list[Rule], entries: list = ()):
        self.phrases = PhraseIndex()
        self._by_lemma: dict[str, list[Rule]] = defaultdict(list)
        self.regexes: list[tuple[Rule, RulePattern]] = []
        self.folded_regexes: list[tuple[Rule, RulePattern]] = []
        for rule in rules:
            spec = rule.match
            if spec is None:
                continue
            for term in spec.terms:
                self.phrases.add_tokens(term, rule)
            for term in spec.terms + spec.folded:
                self.phrases.add_folded(term, rule)
            for lemma in spec.lemma:
                self._by_lemma[lemma].append(rule)
            self.regexes += [(rule, RulePattern(p)) for p in spec.regex]
            self.folded_regexes += [(rule, RulePattern(p)) for p in spec.folded_regex]
        for entry in entries:
            if entry.pos:
                self.phrases.add_pos(entry.pos, entry)
                continue
            if not entry.spelling_only:
                self.phrases.add_tokens(entry.word, entry)
            folded = folded_term(entry.word)
            # A katakana word that folding shortens to two letters (ニート → にと, ニガー → にが) would be
            # found in ordinary text (あなたにとって, おおたに が): its tokens alone decide.  A spelling
            # written with its long vowel on purpose (ばーか) is the obfuscation itself, and stays.
            too_short = len(folded) <= 2 and len(folded) < len(entry.word) and _KATAKANA.search(entry.word) is not None
            if not (entry.conjugation or entry.tokens_only or too_short):  # a spelling cannot tell 殺せ from 殺す: tokens alone decide
                bounds = "none" if entry.inside_words else "start" if entry.prefix else "both"
                self.phrases.add_folded(entry.word, entry, bounds=bounds)
                for spelling in masked_spellings(folded) if entry.masked else ():
                    self.phrases.add_folded(spelling, entry, bounds=bounds)
        self.phrases.freeze()
        # Each composition of a rule (a rule may have several), indexed by the classes its first part
        # may take a word from, with the classes each of its parts (and near) may: most texts hold
        # words of one or two classes, so most compositions are never looked at.
        self.composed = [(r, spec) for r in rules for spec in r.compositions]
        self._composed_by_class: dict[str, list[int]] = defaultdict(list)
        self._composed_needs = [spec.part_classes() for _, spec in self.composed]
        for index, needs in enumerate(self._composed_needs):
            for name in needs[0]:
                self._composed_by_class[name].append(index)
        # Nearly every pattern fails on a given text: skip those whose literals it lacks, and try those
        # whose matches begin with a literal only where one occurs.
        self.regex_gate, self.folded_regex_gate = (
            LiteralGate([p.pattern for _, p in patterns], kept_required_literals, kept_leading_literals)
            for patterns in (self.regexes, self.folded_regexes)
        )

    def composed_for(self, by_class: dict) -> list[tuple[Rule, ComposeSpec]]:
        """The compositions, in order, each of whose parts has a class with words in the text."""
        indices = {i for name in by_class for i in self._composed_by_class.get(name, ())}
        needs = self._composed_needs
        return [self.composed[i] for i in sorted(indices) if not any(part.isdisjoint(by_class) for part in needs[i][1:])]

    def phrase_candidates(self, doc: Document, lexical_hits: list):
        """Candidates of the rules' own words; lexicon words found in the same pass go to
        ``lexical_hits`` as (entry, start, end, evidence) for the composed rules."""
        ms = doc.morphemes
        by_tokens: set[tuple[str, str, int, int]] = set()  # (class, kind, start, end) of the words found
        for payload, start, end, last in self.phrases.token_hits(doc):
            if isinstance(payload, Entry):
                conj = payload.conjugation
                if (not conj or any(ms[last].conjugation.startswith(c) for c in conj)) and _followed_as_asked(doc.text, end, payload):
                    lexical_hits.append((payload, start, end, None))
                    by_tokens.add((payload.lexicon, payload.kind, start, end))
            else:
                yield Candidate(payload, start, end, {"一致": "語"})
        for payload, start, end, word, obfuscated in self.phrases.folded_hits(doc, by_tokens):
            hiding = f"「{doc.text[start:end]}」を「{word}」として照合" if obfuscated else None
            if isinstance(payload, Entry):
                if _followed_as_asked(doc.text, end, payload):
                    lexical_hits.append((payload, start, end, hiding))
                continue
            evidence = {"一致": "表記ゆれを正規化した文字列"}
            if hiding:
                evidence["難読化"] = hiding
            yield Candidate(payload, start, end, evidence)
        lemmas = self._by_lemma
        if not lemmas or lemmas.keys().isdisjoint(map(_LEMMA, ms)):
            return  # few rules match a lemma, and most texts hold none of theirs: told without a loop in Python
        for i, m in enumerate(ms):
            for rule in lemmas.get(m.lemma, ()):
                conj = rule.match.conjugation
                if not conj or any(m.conjugation.startswith(c) for c in conj):
                    yield Candidate(rule, m.begin, m.end, {"一致": f"見出し語 {m.lemma}（{m.conjugation}）"})

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


def _followed_as_asked(text: str, end: int, entry: Entry) -> bool:
    """Whether what follows a word is what its kind asks for: one of its characters, or the end of
    the text (trailing spaces aside)."""
    if not entry.followed_by or end >= len(text):
        return True
    return text[end] in entry.followed_by or not text[end:].strip()


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
