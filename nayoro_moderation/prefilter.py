"""Skipping the regexes a text cannot match, before running them.

Most of a scan's time went into running every rule's regex over every comment (hundreds of patterns,
and almost all of them fail).  Each pattern is read once, at load time, for the literal strings that
any match must contain — ``(?:市長|職員)(?:は|が)?[^。]{0,10}(?:辞めろ|やめろ)`` needs 市長 or 職員 —
and a text holding none of them is never searched with it.  When the literals are where every match
begins, as here, the pattern is not searched at all but tried only at the places they occur.  Only
what a match is certain to contain is used: a pattern this module cannot read for sure (unknown
syntax, case folding, no required literal) always runs.  ``tests/test_prefilter.py`` holds it to never skipping a match.
"""

from __future__ import annotations

from collections import defaultdict

import ahocorasick

from .re_cache import compile_re

try:
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

# The regex module's own syntax that the standard parser would misread rather than reject.
_FOREIGN_SYNTAX = ("[[", "\\L", "\\X", "\\G", "\\m", "\\M", "(?V", "(?r", "(?|", "(?f", "(?(", "(?P>",
                   "(?&", "(?R", "{e", "{i", "{d", "{s", "--", "&&", "~~", "||")
_MAX_ALTERNATIVES = 2000  # of one set of literals: beyond that the pattern is read as needing none
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))


# Kana, ASCII and Japanese punctuation: a single one of these is in nearly every text.
_COMMON_CHAR = compile_re(r"[\u3041-\u309f\x00-\x7f\u3000-\u3006\u3008-\u303f\uff00-\uffef]")


def _rank(literals: frozenset[str]) -> tuple[int, bool, int]:
    """How selective a set of literals is: longer literals are rarer; among single characters, kana
    and ASCII are in nearly every text; fewer alternatives are rarer."""
    return min(map(len, literals)), not any(_COMMON_CHAR.fullmatch(x) for x in literals), -len(literals)


def _in_chars(items) -> frozenset[str] | None:
    chars = []
    for op, av in items:
        if op is _c.LITERAL:
            chars.append(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < 16:  # [0-9]
            chars += map(chr, range(av[0], av[1] + 1))
        else:
            return None  # wide ranges, classes and negation: too many characters to be useful
    return frozenset(chars) if 0 < len(chars) <= 32 else None


def _best(clauses: list[frozenset[str]]) -> frozenset[str] | None:
    return max(clauses, key=_rank, default=None)


def _required(items) -> list[frozenset[str]]:
    """Sets of strings such that every match of this sequence contains one string of each set."""
    out: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            out.append(frozenset(["".join(run)]))
            run = []
        if op is _c.SUBPATTERN:
            _, add_flags, _, sub = av
            if not add_flags & _c.SRE_FLAG_IGNORECASE:
                out += _required(sub)
        elif op is _c.BRANCH:
            # One set per branch, the most selective, and a match holds one of their strings.
            parts = [_best(_required(branch)) for branch in av[1]]
            if all(parts):
                union = frozenset().union(*parts)
                if len(union) <= _MAX_ALTERNATIVES:
                    out.append(union)
        elif op in _REPEATS:
            low, _, sub = av
            if low >= 1:
                out += _required(sub)
        elif op is _c.IN:
            chars = _in_chars(av)
            if chars:
                out.append(chars)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            out += _required(av)
        elif op is _c.ASSERT:
            out += _required(av[1])  # what a positive lookaround needs is in the text too (なら in (?<=なら))
        # anything else (anchors, negative lookarounds, classes, backrefs) requires nothing
    if run:
        out.append(frozenset(["".join(run)]))
    return out


_KEEP_OUT = compile_re(r"(?<!\\)((?:\\\\)*)\\K")


# A Unicode property (\p{Han}, \P{L}, \pL), which the standard parser does not know.
_PROPERTY = compile_re(r"\\[pP](?:\{[^}]*\}|[A-Za-z])")
_ANY_CHARACTER = "\\x00-\\U0010ffff"


def _without_properties(pattern: str) -> str:
    """The pattern with each Unicode property read as any character at all: a class of them requires
    no literal (nor does one inside a negative lookaround, which the literals never read), so what
    the pattern is read to need still holds for every match (\\p{Han} kept PUB003's pattern from
    being read, and it ran on every text)."""
    if "\\p" not in pattern and "\\P" not in pattern:
        return pattern
    out, i, in_class = [], 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            m = _PROPERTY.match(pattern, i)
            if m:
                out.append(_ANY_CHARACTER if in_class else f"[{_ANY_CHARACTER}]")
                i = m.end()
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if not in_class and ch == "[":
            in_class = True
            out.append(ch)
            i += 1
            for lead in ("^", "]"):  # a leading ] is a member, not the end
                if pattern.startswith(lead, i):
                    out.append(lead)
                    i += 1
            continue
        if in_class and ch == "]":
            in_class = False
        out.append(ch)
        i += 1
    return "".join(out)


def _parse(pattern: str):
    """The standard parser's tree of a pattern, or None when it cannot be read for sure."""
    # \K (the regex module's "keep out") only moves where a match is reported to start; what the
    # whole match must contain and where it is tried are unchanged, so it is read as if absent.
    pattern = _without_properties(_KEEP_OUT.sub(r"\1", pattern))
    if any(s in pattern for s in _FOREIGN_SYNTAX):
        return None
    try:
        parsed = _sre.parse(pattern)
    except Exception:  # noqa: BLE001 - any syntax the standard parser does not know: no prefilter
        return None
    return None if parsed.state.flags & _c.SRE_FLAG_IGNORECASE else parsed


def _long_or_best(clauses: list[frozenset[str]]) -> tuple[frozenset[str], ...]:
    clauses = list(dict.fromkeys(clauses))
    long = [c for c in clauses if min(map(len, c)) >= 2]
    return tuple(long) if long else (_best(clauses),) if clauses else ()


def required_literals(pattern: str) -> tuple[frozenset[str], ...] | None:
    """Sets of literals such that every match of the pattern contains one literal of each set, or
    None when none is known.  Sets of single characters are left out when a longer one is known:
    they hold for nearly every text and only cost time."""
    parsed = _parse(pattern)
    return (_long_or_best(_required(list(parsed))) or None) if parsed is not None else None


def leading_literals(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match of the pattern begins with (where the match is tried, before
    any \\K), or None when that is not known.  Such a pattern need only be tried where they occur."""
    parsed = _parse(pattern)
    return _leading(list(parsed), 0) if parsed is not None else None


_ZERO_WIDTH = tuple(getattr(_c, name) for name in ("AT", "ASSERT", "ASSERT_NOT"))


# Of the strings a pattern's matches begin with, at most this many are worked out by joining its first
# few literal items (死んで, しんで, 氏んで for (?:死|し|氏)んで): past it, the shorter ones do.
_MAX_LEADING = 64


def _exact(op, av) -> frozenset[str] | None:
    """Every string one item matches, when that is a few literals: a character, a small class, or a
    group or alternation of such (死|し|氏)."""
    if op is _c.LITERAL:
        return frozenset([chr(av)])
    if op is _c.IN:
        return _in_chars(av)
    if op is _c.SUBPATTERN:
        _, add_flags, _, sub = av
        return None if add_flags & _c.SRE_FLAG_IGNORECASE else _exact_run(list(sub))
    if op is _c.BRANCH:
        parts = [_exact_run(list(branch)) for branch in av[1]]
        if all(part is not None for part in parts):
            union = frozenset().union(*parts)
            return union if len(union) <= _MAX_LEADING else None
    return None


def _joined(heads: frozenset[str], tails: frozenset[str] | None) -> frozenset[str] | None:
    """Every head followed by every tail; None when the tails are unknown or there would be too many."""
    if tails is None or len(heads) * len(tails) > _MAX_LEADING:
        return None
    return frozenset(a + b for a in heads for b in tails)


def _exact_run(items) -> frozenset[str] | None:
    out: frozenset[str] | None = frozenset([""])
    for op, av in items:
        out = _joined(out, _exact(op, av))
        if out is None:
            return None
    return out


def _leading(items, i: int) -> frozenset[str] | None:
    """Strings one of which every match of ``items[i:]`` begins with."""
    while i < len(items) and items[i][0] in _ZERO_WIDTH:
        i += 1  # anchors and lookarounds consume nothing
    if i == len(items):
        return None
    # Items that each match one of a few strings, joined: (?:死|し|氏)んで begins with 死んで, しんで or
    # 氏んで, rarer than し alone.  What follows them lengthens the strings again.
    prefix, j = frozenset([""]), i
    while j < len(items) and (longer := _joined(prefix, _exact(*items[j]))) is not None:
        prefix, j = longer, j + 1
    if j > i:
        prefix = _joined(prefix, _leading(items, j)) or prefix
        return None if "" in prefix else prefix  # an empty alternative: nothing is certain
    op, av = items[i]
    if op is _c.SUBPATTERN:
        _, add_flags, _, sub = av
        return None if add_flags & _c.SRE_FLAG_IGNORECASE else _leading(list(sub), 0)
    if op is _c.BRANCH:
        parts = [_leading(list(branch), 0) for branch in av[1]]
        return frozenset().union(*parts) if all(parts) else None
    if op in _REPEATS:
        low, _, sub = av
        first = _leading(list(sub), 0)
        if first is None or low >= 1:
            return first
        rest = _leading(items, i + 1)  # the repeat may be absent: then what follows begins the match
        return first | rest if rest else None
    if op is _c.IN:
        return _in_chars(av)
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _leading(list(av), 0)
    return None


# A pattern with more places to try than this is searched instead.  One try of a small pattern costs
# about what a search does; a try of a large one costs a small part of a search, which walks the
# whole text through it.
def _max_tries(pattern: str) -> int:
    return max(3, len(pattern) // 50)


# Only a pattern worth this many tries has its common first characters (digits, kana) looked up.
_TRIES_TO_FIND_COMMON = 10


class LiteralGate:
    """Which of a list of patterns may match a text, and where, from their literals, all found in one
    pass of an Aho-Corasick automaton.  A pattern is skipped unless the text holds a literal of each
    of its required sets; a pattern whose matches all begin with known literals is tried only where
    one occurs; a pattern that cannot be read is always searched."""

    def __init__(self, patterns: list[str], required_of=required_literals, leading_of=leading_literals):
        always: list[int] = []
        # Each required set of each pattern is one bit of an integer: the literals a text holds OR
        # their bits together, and a pattern may match when all of its bits are set.  One OR per
        # literal found, where a loop over the patterns each literal serves took most of the gate's time.
        self._full: dict[int, int] = {}  # pattern → its bits
        self._first_bit: list[int] = []  # bit number → the pattern whose first set it is, or -1
        self._leading: dict[int, int] = {}  # pattern → how many places to try at most
        self._leading_common: dict[int, frozenset[str]] = {}  # pattern → its common leading characters
        # Literals go into the automaton but for single common characters, which would stop it at
        # nearly every character: those are looked for with ``in``.
        bits: dict[str, int] = defaultdict(int)  # literal → the bits of the sets it is in
        leads: dict[str, list[tuple[int, int]]] = defaultdict(list)  # literal → (pattern, length)
        single: dict[str, int] = defaultdict(int)  # common character → bits
        first_bits = 0
        for index, pattern in enumerate(patterns):
            leading = leading_of(pattern)
            required = list(required_of(pattern) or ())
            tried = leading  # the leading literals looked for in the automaton
            common = frozenset(x for x in (leading or ()) if _COMMON_CHAR.fullmatch(x))
            if common:
                if _max_tries(pattern) < _TRIES_TO_FIND_COMMON:
                    tried = None  # a small pattern: one search costs what a few tries do
                else:
                    self._leading_common[index] = common
                    tried = leading - common
            if leading is not None and not required:
                required = [leading]  # every match begins with one of them, so holds one
            if not required:
                always.append(index)
                continue
            if tried is not None:
                self._leading[index] = _max_tries(pattern)
                for literal in tried:
                    leads[literal].append((index, len(literal)))
            first = len(self._first_bit)
            self._first_bit += [index] + [-1] * (len(required) - 1)
            first_bits |= 1 << first
            self._full[index] = ((1 << len(required)) - 1) << first
            for number, literals in enumerate(required):
                bit = 1 << (first + number)
                for literal in literals:
                    if _COMMON_CHAR.fullmatch(literal):
                        single[literal] |= bit
                    else:
                        bits[literal] |= bit
        self.always = tuple(always)
        self._first_bits = first_bits
        self._single = tuple(single.items())
        self._automaton = ahocorasick.Automaton()
        for literal in bits.keys() | leads.keys():
            self._automaton.add_word(literal, (bits.get(literal, 0), tuple(leads.get(literal, ()))))
        self._empty = not (bits or leads)
        if not self._empty:
            self._automaton.make_automaton()

    def plan(self, text: str) -> list[tuple[int, list[int] | None]]:
        """In pattern order, each pattern the text may match, with the sorted positions where its
        matches can begin, or None when the whole text is to be searched."""
        seen = 0
        starts: dict[int, list[int]] = {}
        if not self._empty:
            for end, (bits, leads) in self._automaton.iter(text):
                seen |= bits
                for index, length in leads:
                    starts.setdefault(index, []).append(end - length + 1)
        for ch, bits in self._single:
            if ch in text:
                seen |= bits
        out: list[tuple[int, list[int] | None]] = [(i, None) for i in self.always]
        full, first_bit = self._full, self._first_bit
        candidates = seen & self._first_bits
        while candidates:
            low = candidates & -candidates
            candidates ^= low
            index = first_bit[low.bit_length() - 1]
            if seen & full[index] != full[index]:
                continue
            tries = self._leading.get(index)
            if tries is None:
                out.append((index, None))
                continue
            places = set(starts.get(index, ()))
            common = self._leading_common.get(index)
            if common and len(places) <= tries:
                places.update(_places(text, common, tries + 1))  # cut short only past the tries
            if places:
                out.append((index, sorted(places) if len(places) <= tries else None))
        out.sort()
        return out


def _places(text: str, characters: frozenset[str], limit: int) -> list[int]:
    """Where the characters occur in the text, stopping at ``limit`` places."""
    places: list[int] = []
    for ch in characters:
        at = text.find(ch)
        while at >= 0:
            places.append(at)
            if len(places) >= limit:
                return places
            at = text.find(ch, at + 1)
    return places

