"""Standard-library ``re`` patterns made from compiled code kept in the derived cache.

``re.compile`` parses and compiles in pure Python: the detectors' patterns and word-list
alternations, and the folding's, took about 11 ms of every check's start.  The compiled program of
a pattern (a list of integers) depends only on the pattern, its flags and the Python that compiled
it, so it is kept per Python build and handed to ``_sre.compile``, as ``re`` itself does after
compiling; the pattern that comes back is the one ``re.compile`` makes.  Anything unexpected (another
``_sre``, a damaged entry) falls back to ``re.compile``, so the results never depend on the cache.
"""

from __future__ import annotations

import _sre
import re
import sys
from functools import cache

from .derived_cache import DerivedCache

try:
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - Python < 3.11 is not supported; the fallback still works
    _compiler = _parser = None


@cache
def _kind() -> str:
    """The compiled code's format is the interpreter's own: one kind per build of Python and of _sre,
    and the code of another build (a virtual environment's Python upgraded) is dropped."""
    return DerivedCache.shared().versioned("re code", f"{sys.version} {_sre.MAGIC} {_sre.CODESIZE}")


def _compiled_parts(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` after the pattern: its flags, code,
    group count, group names and names by group number."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses that do not pickle
    groupindex = parsed.state.groupdict
    indexgroup = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup)


def compile_re(pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, from code compiled in an earlier run when there is some."""
    flags = int(flags)
    if _compiler is None or flags & re.DEBUG:
        return re.compile(pattern, flags)
    try:
        parts = DerivedCache.shared().get(_kind(), f"{flags}|{pattern}", lambda _key: _compiled_parts(pattern, flags))
        return _sre.compile(pattern, *parts)
    except Exception:  # noqa: BLE001 - a syntax error is raised here as re raises it; anything else compiles anew
        return re.compile(pattern, flags)
