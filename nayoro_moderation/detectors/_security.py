"""Word lists of the security detectors, loaded once."""

from __future__ import annotations

import math
from collections import Counter
from functools import cache
from pathlib import Path
from typing import NamedTuple

from ..derived_cache import data_file
from ..lazy_regex import LazyRegex
from ._support import _lower

# A login name as it is written beside a password or a login page: ID: nayoro_koho, ユーザー名は josetsu01.
LOGIN_NAME = LazyRegex(
    r"(?<![a-z])(?:ログインid|ユーザーid|ユーザid|ユーザー名|ユーザ名|ユーザー|アカウント名|アカウント|user|id)(?![a-z])"
    r"\s*(?:[:=]|は)?\s*(?P<login>[a-z0-9][a-z0-9_.\-@]{2,40})"
)


class SecurityWords(NamedTuple):
    infrastructure: tuple[str, ...]
    restricted: tuple[str, ...]
    secret_keywords: tuple[str, ...]


@cache
def security_words() -> SecurityWords:
    data = data_file(Path(__file__).with_name("security_words.toml"))
    return SecurityWords(**{key: _lower(data[key]) for key in ("infrastructure", "restricted", "secret_keywords")})


def entropy(text: str) -> float:
    """Shannon entropy in bits per character: random keys score above 3.5, words and serials below."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())
