"""Patterns compiled when first used: the code's own and, through engine.RulePattern, the rule files'.

Compiling a pattern with ``regex`` costs milliseconds, and the detectors hold dozens and the rules
hundreds; most never run on a given text (a draft never reaches the street-address or comment-only
patterns), so paying for all of them at import made the command line's start-up several times slower.
"""

from __future__ import annotations

import regex


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
        return regex.compile(*self._source)

    def __getattr__(self, name: str):
        value = getattr(self.compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._source[0]!r})"
