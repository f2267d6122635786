"""Patterns that can backtrack for ever (ReDoS): the lint of rule patterns and of the code's own.

No checker on PyPI reads this: ``regexploit`` (last released 2021) and ``dlint``'s DUO138 both parse
with the stdlib's parser and catch ``(a+)+`` and ``((a+))+``, but neither catches a repeated
alternation whose branches overlap (``(a|aa)+$``, ``(?:a|a)+b``), and dlint refuses the harmless
``(\\d+\\.)+\\d``.  So this module does its own, smaller analysis on the same parser's tree:

* **nested quantifiers**: a repeated group (unbounded, or up to 8 times or more) holding an unbounded
  repeat is refused unless every pass of the group must read a character that the inner repeats
  cannot: ``(a+)+``, ``((a+))+`` and ``(\\w+\\s?)+`` are refused, ``(\\d+\\.)+`` and
  ``(?:\\.[a-z]+)+`` are not (a delimiter splits the text one way only).
* **overlapping alternatives**: a repeated group whose passes can spell one text in two ways is
  refused: its passes are spelled as sequences of character sets (alternatives, optional parts and
  short bounded repeats written out) and tested with the Sardinas–Patterson algorithm for unique
  decipherability, sets that share a character counting as equal.  ``(a|aa)+``, ``(?:a|a)+``,
  ``(?:\\s|　)+`` are refused, ``(?:市長|市役所)+`` is not.

Possessive repeats and atomic groups never backtrack and are left alone.  Lookarounds are read as if
they consumed nothing, which can only find more ambiguity than there is.  The ``regex`` module's own
syntax that the stdlib parser lacks is translated first: ``\\p{…}``/``\\P{…}`` become private-use
characters that stand for their property, and ``\\K`` is dropped.
"""

from __future__ import annotations

import re
from functools import cache

import regex

try:  # the stdlib's parser: re._parser since 3.11, sre_parse before
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover
    import sre_constants as _c
    import sre_parse as _parser

_MANY = 8  # a bounded repeat this large backtracks like an unbounded one
_MAX_SPELLINGS = 512  # past this many spellings of one pass, the alternatives are not compared
_PROPERTY_BASE = 0xF0000  # private-use plane 15: where \p{…} placeholders live
_ESCAPE = re.compile(r"\\(?:([pP])\{([^}]*)\}|([pP])([A-Za-z])|(K)|(.))", re.DOTALL)
# Characters every comparison of sets is tried on, besides the pattern's own literals and range ends.
_SAMPLE = (
    [chr(c) for c in range(0x20, 0x7F)]
    + list("\t\n\r\x0b\x0c\u3000\u00a0あアｱ漢々〆ー〜・、。，．！？「」（）０Ａａ①é\u0301\u3099Я가😀\ufffd")
    + ["\u2028", "\u200b", "\ue000"]
)
_CATEGORIES = {
    _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_NOT_DIGIT: r"\D", _c.CATEGORY_SPACE: r"\s",
    _c.CATEGORY_NOT_SPACE: r"\S", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_NOT_WORD: r"\W",
}


def redos_problems(pattern: str) -> list[str]:
    """Why a pattern can backtrack without bound, one line per repeated group; [] when it cannot (or
    when the stdlib parser cannot read it: compiling is another lint's question)."""
    properties: dict[int, tuple[str, bool]] = {}
    try:
        tree = _parser.parse(_translated(pattern, properties))
    except (re.error, OverflowError, RecursionError):
        return []
    alphabet = _alphabet(tree, properties)
    problems: list[str] = []
    _walk(tree, _Sets(alphabet, properties), problems)
    return list(dict.fromkeys(problems))


def _translated(pattern: str, properties: dict[int, tuple[str, bool]]) -> str:
    names: dict[tuple[str, bool], int] = {}

    def escape(m: re.Match) -> str:
        p, name, p1, name1, k, other = m.groups()
        if k:
            return ""
        if other is not None:
            return m.group()
        key = ((name or name1).strip(), (p or p1) == "P")
        code = names.setdefault(key, _PROPERTY_BASE + len(names))
        properties[code] = key
        return f"\\U{code:08x}"

    return _ESCAPE.sub(escape, pattern)


# --- character sets, compared on a finite alphabet ---------------------------------------------------


def _alphabet(tree, properties) -> tuple[str, ...]:
    """The sample, the pattern's literals and the ends of its ranges, and one step past each end: two
    sets of ranges that share a character share one of these."""
    chars = set(_SAMPLE)

    def add(code: int) -> None:
        for c in (code - 1, code, code + 1):
            if 0 <= c <= 0x10FFFF and not (0xD800 <= c <= 0xDFFF) and c not in properties:
                chars.add(chr(c))

    def visit(items) -> None:
        for op, av in items:
            if op in (_c.LITERAL, _c.NOT_LITERAL):
                add(av)
            elif op is _c.RANGE:
                add(av[0])
                add(av[1])
            elif op is _c.IN:
                visit(av)
            elif op is _c.BRANCH:
                for branch in av[1]:
                    visit(branch)
            elif op is _c.SUBPATTERN:
                visit(av[3])
            elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
                visit(av[2])
            elif op in (_c.ASSERT, _c.ASSERT_NOT):
                visit(av[1])
            elif op is _c.ATOMIC_GROUP:
                visit(av)
            elif op is _c.GROUPREF_EXISTS:
                visit(av[1])
                if av[2] is not None:
                    visit(av[2])

    visit(tree)
    for name, _ in properties.values():  # a character of each property, for two properties that meet
        chars.update(_property_sample(name))
    return tuple(sorted(chars))


@cache
def _property_sample(name: str) -> tuple[str, ...]:
    try:
        pattern = regex.compile(rf"\p{{{name}}}")
    except regex.error:
        return ()
    found = []
    for code in range(0x20, 0x30000, 7):
        if 0xD800 <= code <= 0xDFFF:
            continue
        if pattern.match(chr(code)):
            found.append(chr(code))
            if len(found) >= 16:
                break
    return tuple(found)


class _Sets:
    """The characters of the alphabet a single-character node matches."""

    def __init__(self, alphabet: tuple[str, ...], properties: dict[int, tuple[str, bool]]):
        self.alphabet, self.properties = alphabet, properties

    def of(self, op, av) -> frozenset[str] | None:
        """The set for a node that reads one character, None for any other node."""
        if op is _c.LITERAL:
            return self._literal(av)
        if op is _c.NOT_LITERAL:
            return frozenset(self.alphabet) - self._literal(av)
        if op is _c.ANY:
            return frozenset(c for c in self.alphabet if c != "\n")
        if op is _c.IN:
            negate = bool(av) and av[0][0] is _c.NEGATE
            items = av[1:] if negate else av
            inside = frozenset(c for c in self.alphabet if any(self._item(i, c) for i in items))
            return frozenset(self.alphabet) - inside if negate else inside
        return None

    def _literal(self, code: int) -> frozenset[str]:
        if code in self.properties:
            return frozenset(c for c in self.alphabet if _has_property(c, *self.properties[code]))
        return frozenset({chr(code)})

    def _item(self, item, c: str) -> bool:
        op, av = item
        if op is _c.LITERAL:
            return c in self._literal(av)
        if op is _c.RANGE:
            return av[0] <= ord(c) <= av[1]
        if op is _c.CATEGORY:
            return _category(av, c)
        return True  # an item this analysis does not know: assume it may match


@cache
def _has_property(c: str, name: str, negated: bool) -> bool:
    try:
        return bool(regex.match(rf"\{'P' if negated else 'p'}{{{name}}}", c))
    except regex.error:
        return True


@cache
def _category(category, c: str) -> bool:
    pattern = _CATEGORIES.get(category)
    return True if pattern is None else bool(re.match(pattern, c))


# --- the two checks ---------------------------------------------------------------------------------


def _walk(items, sets: _Sets, problems: list[str]) -> None:
    for op, av in items:
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, high, body = av
            if high == _c.MAXREPEAT or high >= _MANY:
                _check_repeat(body, sets, problems)
            _walk(body, sets, problems)
        elif op is _c.BRANCH:
            for branch in av[1]:
                _walk(branch, sets, problems)
        elif op is _c.SUBPATTERN:
            _walk(av[3], sets, problems)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            _walk(av[1], sets, problems)
        elif op is _c.GROUPREF_EXISTS:
            _walk(av[1], sets, problems)
            if av[2] is not None:
                _walk(av[2], sets, problems)
        # possessive repeats and atomic groups never backtrack


def _check_repeat(body, sets: _Sets, problems: list[str]) -> None:
    inner = _inner_run_chars(body, sets)
    if inner is not None:
        if not _delimited(body, inner, sets):
            problems.append("nests unbounded quantifiers (catastrophic backtracking): a repeated group holds "
                            "a repeat that can also read what starts or ends the group's next pass")
        return
    spellings = _spellings(body, sets)
    if spellings is None:
        return
    if not _uniquely_decodable(spellings):
        problems.append("repeats alternatives that overlap (catastrophic backtracking): one text can be read "
                        "as the group's passes in more than one way")


def _inner_run_chars(body, sets: _Sets) -> frozenset[str] | None:
    """What the unbounded repeats inside a repeated group can read; None when it holds none."""
    found: list[frozenset[str]] = []

    def visit(items, inside_run: bool) -> None:
        for op, av in items:
            if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
                run = av[1] == _c.MAXREPEAT or av[1] >= _MANY
                if run and not inside_run:
                    found.append(_chars_read(av[2], sets))
                visit(av[2], inside_run or run)
            elif op is _c.BRANCH:
                for branch in av[1]:
                    visit(branch, inside_run)
            elif op is _c.SUBPATTERN:
                visit(av[3], inside_run)
            elif op is _c.GROUPREF_EXISTS:
                visit(av[1], inside_run)
                if av[2] is not None:
                    visit(av[2], inside_run)

    visit(body, False)
    return frozenset().union(*found) if found else None


def _chars_read(items, sets: _Sets) -> frozenset[str]:
    out: set[str] = set()
    for op, av in items:
        one = sets.of(op, av)
        if one is not None:
            out |= one
        elif op is _c.BRANCH:
            for branch in av[1]:
                out |= _chars_read(branch, sets)
        elif op is _c.SUBPATTERN:
            out |= _chars_read(av[3], sets)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            out |= _chars_read(av[2], sets)
        elif op is _c.ATOMIC_GROUP:
            out |= _chars_read(av, sets)
        elif op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
            out |= set(sets.alphabet)  # a back-reference may read anything
    return frozenset(out)


def _delimited(body, inner: frozenset[str], sets: _Sets) -> bool:
    """Whether every pass of the group must read a character that its inner repeats cannot: then
    the passes split a text one way only (as ``.`` splits ``(\\d+\\.)+``)."""
    for op, av in body:
        one = sets.of(op, av)
        if one is not None:
            if not one & inner:
                return True
        elif op is _c.SUBPATTERN and _delimited(av[3], inner, sets):
            return True
        elif op is _c.BRANCH and all(_delimited(branch, inner, sets) for branch in av[1]):
            return True
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1 and _delimited(av[2], inner, sets):
            return True
    return False


def _spellings(items, sets: _Sets) -> list[tuple[frozenset[str], ...]] | None:
    """Every spelling of a pass as a sequence of character sets, or None past _MAX_SPELLINGS or
    where a pass holds something this analysis does not spell (a back-reference)."""
    out: list[tuple[frozenset[str], ...]] = [()]
    for op, av in items:
        one = sets.of(op, av)
        if one is not None:
            choices = [(one,)]
        elif op is _c.BRANCH:
            choices = []
            for branch in av[1]:
                spelled = _spellings(branch, sets)
                if spelled is None:
                    return None
                choices += spelled
        elif op is _c.SUBPATTERN:
            choices = _spellings(av[3], sets)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, high, body = av
            spelled = _spellings(body, sets)
            if spelled is None or high == _c.MAXREPEAT or high > _MANY:
                return None
            choices = []
            for count in range(low, high + 1):
                choices += _products(spelled, count)
                if len(choices) > _MAX_SPELLINGS:
                    return None
        elif op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # reads nothing
        else:
            return None
        if choices is None:
            return None
        out = [a + b for a in out for b in choices]
        if len(out) > _MAX_SPELLINGS:
            return None
    return out


def _products(spelled, count: int):
    out = [()]
    for _ in range(count):
        out = [a + b for a in out for b in spelled]
        if len(out) > _MAX_SPELLINGS:
            return out
    return out


def _uniquely_decodable(words: list[tuple[frozenset[str], ...]]) -> bool:
    """Sardinas–Patterson: no text is two different sequences of words.  Two sets that share a
    character are taken as equal, which can only find more ambiguity than there is."""
    if any(not w for w in words):
        return False  # a pass that reads nothing can be taken any number of times
    code = list(dict.fromkeys(words))
    if len(code) < len(words):
        return False  # one spelling reached two ways: (?:a|a)
    seen: set[tuple[frozenset[str], ...]] = set()
    current: set[tuple[frozenset[str], ...]] = set()
    for i, u in enumerate(code):
        for j, w in enumerate(code):
            if i != j and len(u) <= len(w) and _prefix(u, w):
                if len(u) == len(w):
                    return False  # two alternatives that share a text: (?:\s|　)
                current.add(w[len(u) :])
    while current:
        if any(not s for s in current):
            return False
        seen |= current
        following: set[tuple[frozenset[str], ...]] = set()
        for s in current:
            for w in code:
                if len(w) <= len(s) and _prefix(w, s):
                    following.add(s[len(w) :])
                elif len(s) < len(w) and _prefix(s, w):
                    following.add(w[len(s) :])
        if any(not s for s in following):
            return False
        current = following - seen
    return True


def _prefix(u, w) -> bool:
    return all(a & b for a, b in zip(u, w))
