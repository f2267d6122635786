"""Skipping the regexes a text cannot match, before running them.

Most of a scan's time went into running every rule's regex over every comment (hundreds of patterns,
and almost all of them fail).  Each pattern is read once, at load time, for the literal strings that
any match must contain — ``(?:市長|職員)(?:は|が)?[^。]{0,10}(?:辞めろ|やめろ)`` needs 市長 or 職員 —
and a text holding none of them is never searched with it.  Only what a match is certain to
contain is used: a pattern this module cannot read for sure (unknown syntax, case folding, no
required literal) always runs.  ``tests/test_prefilter.py`` holds it to never skipping a match.
"""

from __future__ import annotations

import re
from collections import defaultdict

try:
    from re import _constants as _c
    from re import _parser as _sre
except ImportError:  # Python < 3.11
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _sre  # type: ignore[no-redef]

# The regex module's own syntax that the standard parser would misread rather than reject.
_FOREIGN_SYNTAX = ("[[", "\\p", "\\P", "\\L", "\\X", "\\G", "\\m", "\\M", "(?V", "(?r", "(?|", "(?f", "(?(", "(?P>",
                   "(?&", "(?R", "{e", "{i", "{d", "{s", "--", "&&", "~~", "||")
_MAX_ALTERNATIVES = 200  # a longer list of literals is no cheaper to test than the regex itself
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))


def _better(new: frozenset[str], old: frozenset[str] | None) -> bool:
    if old is None:
        return True
    return (min(map(len, new)), -len(new)) > (min(map(len, old)), -len(old))


def _in_chars(items) -> frozenset[str] | None:
    chars = []
    for op, av in items:
        if op is not _c.LITERAL:
            return None  # ranges, classes and negation: too many characters to be useful
        chars.append(chr(av))
    return frozenset(chars) if 0 < len(chars) <= 32 else None


def _required(items) -> frozenset[str] | None:
    """Strings one of which every match of this sequence contains; None when there are none."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(req: frozenset[str] | None) -> None:
        nonlocal best
        if req and _better(req, best):
            best = req

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            consider(frozenset(["".join(run)]))
            run = []
        req: frozenset[str] | None = None
        if op is _c.SUBPATTERN:
            _, add_flags, _, sub = av
            if not add_flags & _c.SRE_FLAG_IGNORECASE:
                req = _required(sub)
        elif op is _c.BRANCH:
            parts = [_required(branch) for branch in av[1]]
            if all(parts):
                req = frozenset().union(*parts)
                if len(req) > _MAX_ALTERNATIVES:
                    req = None
        elif op in _REPEATS:
            low, _, sub = av
            if low >= 1:
                req = _required(sub)
        elif op is _c.IN:
            req = _in_chars(av)
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            req = _required(av)
        consider(req)  # anything else (anchors, lookarounds, classes, backrefs) requires nothing
    if run:
        consider(frozenset(["".join(run)]))
    return best


_KEEP_OUT = re.compile(r"(?<!\\)((?:\\\\)*)\\K")


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match of the pattern contains, or None when that is not known."""
    # \K (the regex module's "keep out") only moves where a match is reported to start; what the
    # whole match must contain is unchanged, so it is read as if absent.
    pattern = _KEEP_OUT.sub(r"\1", pattern)
    if any(s in pattern for s in _FOREIGN_SYNTAX):
        return None
    try:
        parsed = _sre.parse(pattern)
    except Exception:  # noqa: BLE001 - any syntax the standard parser does not know: no prefilter
        return None
    if parsed.state.flags & _c.SRE_FLAG_IGNORECASE:
        return None
    return _required(list(parsed))


class LiteralGate:
    """Which of a list of patterns a text might match, from their required literals.  Literals are
    indexed by their first two characters, so a text is looked at through its own character pairs."""

    def __init__(self, patterns: list[str], literals_of=required_literals):
        self.size = len(patterns)
        self.always: frozenset[int] = frozenset()
        always: list[int] = []
        by_char: dict[str, set[int]] = defaultdict(set)  # one-character literals
        by_pair: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
        for index, pattern in enumerate(patterns):
            literals = literals_of(pattern)
            if literals is None:
                always.append(index)
                continue
            for literal in literals:
                if len(literal) == 1:
                    by_char[literal].add(index)
                else:
                    by_pair[literal[:2]][literal].add(index)
        self.always = frozenset(always)
        self._by_char = {ch: frozenset(ix) for ch, ix in by_char.items()}
        self._chars = frozenset(self._by_char)
        self._by_pair = {p: tuple((lit, frozenset(ix)) for lit, ix in lits.items()) for p, lits in by_pair.items()}
        self._pairs = frozenset(self._by_pair)

    def possible(self, text: str) -> list[int]:
        """Indexes, in order, of the patterns the text may match."""
        hits = set(self.always)
        for ch in self._chars.intersection(text):
            hits |= self._by_char[ch]
        pairs = self._pairs.intersection(map(str.__add__, text, text[1:]))
        for pair in pairs:
            for literal, indexes in self._by_pair[pair]:
                if len(literal) == 2 or literal in text:
                    hits |= indexes
        return sorted(hits)
