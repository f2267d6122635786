"""Patterns compiled when first used: the code's own and, through engine.RulePattern, the rule files'.

Compiling a pattern with ``regex`` is pure Python and costs milliseconds (the bundled rules' 563
patterns take a second); most never run on a given text (a draft never reaches the street-address or
comment-only patterns).  So a pattern is compiled at its first use, and the compiled program is kept
in the derived cache: ``regex`` pickles a pattern as its compiled code, which loads in tens of
microseconds, so a later run does not parse it again.
"""

from __future__ import annotations

import pickle
from functools import cache, partial

import regex

from .derived_cache import DerivedCache

# A pattern may run this long on a text, plus a little for each character: a linear pattern reads a
# character in well under a microsecond, so only one that backtracks without bound (a bad rule file, or
# a text built to make a pattern backtrack) reaches it.  A check that times out is reported on the text.
REGEX_TIMEOUT_SECONDS = 0.25
_SECONDS_PER_CHARACTER = 2e-6
# The code's own patterns, linted like rule patterns (redos.py), get one fixed timeout: they read the
# windows of at most 20,000 characters that the Moderator cuts a long text into (windows.py), which a
# linear pattern reads in milliseconds.  Fixed, so that it is bound with functools.partial: a Python
# wrapper that measured each text cost 5% of a scan.  regex counts the CPU time of a whole finditer,
# the caller's work between matches included, hence a second rather than a fraction.
CODE_REGEX_TIMEOUT_SECONDS = 1.0
# The methods of a compiled pattern that read a text.
_READING_METHODS = frozenset({"search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "splititer"})


def regex_timeout(text: str) -> float:
    """Seconds a rule pattern may take on ``text`` (regex's ``timeout``)."""
    return REGEX_TIMEOUT_SECONDS + len(text) * _SECONDS_PER_CHARACTER


@cache
def _kind() -> str:
    """The compiled code is the regex module's own format: kept per version of the module, and the
    code of another version (after an upgrade) is dropped."""
    return DerivedCache.shared().versioned("compiled regex", regex.__version__)


def compile_regex(pattern: str, flags: int = 0) -> regex.Pattern:
    """``regex.compile``, from the derived cache when this pattern was compiled in an earlier run."""
    program = DerivedCache.shared().get(_kind(), f"{flags}|{pattern}", lambda _key: pickle.dumps(regex.compile(pattern, flags)))
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
        value = getattr(self.compiled, name)
        if name in _READING_METHODS:
            value = partial(value, timeout=CODE_REGEX_TIMEOUT_SECONDS)  # a caller's own timeout wins
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._source[0]!r})"

