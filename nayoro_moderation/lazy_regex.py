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
        value = getattr(self.compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._source[0]!r})"
