"""Patterns compiled when first used: the code's own and, through engine.RulePattern, the rule files'.

Compiling a pattern with ``regex`` is pure Python and costs milliseconds (the bundled rules' 563
patterns take a second); most never run on a given text (a draft never reaches the street-address or
comment-only patterns).  So a pattern is compiled at its first use, and the compiled program is kept
in the derived cache: ``regex`` pickles a pattern as its compiled code, which loads in tens of
microseconds, so a later run does not parse it again.
"""

from __future__ import annotations

import pickle

import regex

from .derived_cache import DerivedCache

# A pattern may run this long on a text, plus a little for each character: a linear pattern reads a
# character in well under a microsecond, so only one that backtracks without bound (a bad rule file, or
# a text built to make a pattern backtrack) reaches it.  A check that times out is reported on the text.
REGEX_TIMEOUT_SECONDS = 0.25
_SECONDS_PER_CHARACTER = 2e-6
# The methods of a compiled pattern that read a text, and where they take it.
_READING_METHODS = frozenset({"search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer"})


def regex_timeout(text: str) -> float:
    """Seconds a pattern may take on ``text`` (regex's ``timeout``)."""
    return REGEX_TIMEOUT_SECONDS + len(text) * _SECONDS_PER_CHARACTER


# The compiled code is the regex module's own format: keep it per version of the module.
_CACHE_KIND = f"compiled regex {regex.__version__}"


def compile_regex(pattern: str, flags: int = 0) -> regex.Pattern:
    """``regex.compile``, from the derived cache when this pattern was compiled in an earlier run."""
    cache = DerivedCache.shared()
    program = cache.get(_CACHE_KIND, f"{flags}|{pattern}", lambda _key: pickle.dumps(regex.compile(pattern, flags)))
    try:
        return pickle.loads(program)
    except Exception:  # noqa: BLE001 - a damaged entry is compiled again
        return regex.compile(pattern, flags)


class LazyRegex:
    """Stands in for ``regex.compile(pattern, flags)``: the pattern is compiled at the first attribute
    asked for, and each attribute is then kept on the instance, so later calls cost what a compiled
    pattern's do."""

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    @property
    def pattern(self) -> str:
        return self._source[0]  # without compiling: the prefilter reads every rule's pattern

    @property
    def compiled(self) -> regex.Pattern:
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = self._compile()
        return compiled

    def _compile(self) -> regex.Pattern:
        return compile_regex(*self._source)

    def __getattr__(self, name: str):
        if name == "finditer":
            value = self._finditer
        else:
            value = getattr(self.compiled, name)
            if name in _READING_METHODS:
                value = _with_timeout(value, name in ("sub", "subn"))
        self.__dict__[name] = value
        return value

    def _finditer(self, string: str, pos: int = 0, endpos: int | None = None, *, timeout: float | None = None):
        """``finditer`` as one search per match, each with its own timeout: regex counts the CPU time
        of a whole finditer, the caller's work between matches included, so a detector that judges
        each of 60,000 phone numbers ran out of time on a megabyte of them.  After an empty match
        the next search starts one character on."""
        search = self.compiled.search
        timeout = regex_timeout(string) if timeout is None else timeout
        end = len(string) if endpos is None else endpos
        while pos <= end:
            m = search(string, pos, end, timeout=timeout)
            if m is None:
                return
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._source[0]!r})"


def _with_timeout(method, text_second: bool):
    """The pattern's method with a timeout in proportion to the text, unless the caller gives one:
    the code's own patterns are linted like rule patterns, and this is what holds if one slips by."""

    def call(*args, **kwargs):
        if "timeout" not in kwargs:
            text = args[1 if text_second else 0] if len(args) > text_second else kwargs.get("string", "")
            kwargs["timeout"] = regex_timeout(text)
        return method(*args, **kwargs)

    return call
