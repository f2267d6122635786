"""Patterns of the code's own, compiled when first used.

Compiling a pattern with ``regex`` costs milliseconds, and the detectors hold dozens; most never
run on a given text (a draft never reaches the street-address or comment-only patterns), so paying
for all of them at import made the command line's start-up several times slower.
"""

from __future__ import annotations

import regex


class LazyRegex:
    """Stands in for ``regex.compile(pattern, flags)``: the pattern is compiled at the first attribute
    asked for, and each attribute is then kept on the instance, so later calls cost what a compiled
    pattern's do."""

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = regex.compile(*self._source)
        value = getattr(compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"LazyRegex({self._source[0]!r})"
