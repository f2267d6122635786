"""Links and contact numbers in a text, compared with the policy's official facts.

A host is ``official`` (one of the policy's web domains or below one), ``near`` (a misspelling of
one: www.city.nayoro.hokkiado.jp, www.city.nayro.lg.jp — an accuracy problem, 6(1)エ), ``internal``
(an IP address or a private name such as .local: a security matter, not a link to send people to) or
``external`` (someone else's site: 5(4)ウ).
"""

from __future__ import annotations

from typing import NamedTuple

from .lazy_regex import LazyRegex
from .re_cache import compile_re

_TLDS = "jp|com|net|org|info|biz|io|co|ly|gl|gle|me|tv|app|dev|be|to|site|xyz|tokyo|hokkaido|page|link|us|uk|cc"
_PATH = r"(?:/[a-z0-9\-._~:/?#@!$&*+,;=%]*)?"
# On the normalized layer (NFKC, lower case).  A bare domain needs a known top-level domain; an
# address after @ is an e-mail address, not a link.  A bare domain ends where no letter follows, nor
# dots and hyphens then a letter: written with a possessive run, so that each place the host could
# end is looked past once (``[a-z0-9\-.]*[a-z0-9]`` read the rest of the text again at each: 18 s on
# ' ' + 'jp.' * 33333 + 'a').  The stdlib ``re``, because ``regex`` backs out of a repeated group in
# time that grows with its repetitions (0.5 s on the same text, where ``re`` takes 5 ms).
URL = compile_re(
    rf"(?<![a-z0-9@.\-_/])(?:https?://(?P<host>[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)"
    rf"|(?P<bare>(?:[a-z0-9\-]+\.)+(?:{_TLDS}))(?![a-z0-9]|[\-.]*+[a-z0-9]))(?::\d+)?{_PATH}"
)
EMAIL = LazyRegex(r"(?<![a-z0-9._%+\-])[a-z0-9._%+\-]+@(?P<host>[a-z0-9\-]+(?:\.[a-z0-9\-]+)+)")
_IP = LazyRegex(r"^\d{1,3}(?:\.\d{1,3}){3}$")
_PRIVATE_TLDS = frozenset({"local", "lan", "internal", "intra", "intranet", "corp", "home", "localhost", "test", "invalid", "example"})
_RESERVED = frozenset({"example.com", "example.net", "example.org", "example.jp"})
# Short links hide where they lead: the reader cannot tell whose page opens.
SHORTENERS = frozenset({"bit.ly", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "buff.ly", "amzn.to", "amzn.asia", "x.gd", "lin.ee", "t.ly", "cutt.ly"})


class Link(NamedTuple):
    start: int
    end: int
    host: str
    text: str


def find_links(text: str) -> list[Link]:
    return [Link(m.start(), m.end(), (m.group("host") or m.group("bare")).strip("."), m.group()) for m in URL.finditer(text)]


def find_email_hosts(text: str) -> list[Link]:
    return [Link(m.start(), m.end(), m.group("host").strip("."), m.group()) for m in EMAIL.finditer(text)]


def edit_distance(a: str, b: str, bound: int | None = None) -> int:
    """Levenshtein distance where swapping two neighbours counts once (hokkiado ↔ hokkaido).  With a
    ``bound``, any distance above it may be given as ``bound + 1``: strings whose lengths differ by
    more are not compared letter by letter (a 100,000-letter host took seconds)."""
    if bound is not None and abs(len(a) - len(b)) > bound:
        return bound + 1
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _bare(host: str) -> str:
    return host.removeprefix("www.")


def classify_host(host: str, official_domains: tuple[str, ...]) -> tuple[str, str | None]:
    """(kind, the official domain it is or nearly is)."""
    host = host.lower().strip(".")
    if _IP.match(host) or host.rsplit(".", 1)[-1] in _PRIVATE_TLDS or _bare(host) in _RESERVED:
        return "internal", None
    for domain in official_domains:
        if host == domain or host.endswith("." + domain):
            return "official", domain
    best: tuple[int, str] | None = None
    for domain in official_domains:
        a, b = _bare(host), _bare(domain)
        limit = max(2, round(len(b) * 0.2))
        distance = edit_distance(a, b, limit)
        if 0 < distance <= limit and (best is None or distance < best[0]):
            best = (distance, domain)
    if best is not None:
        return "near", best[1]
    return "external", None


def phone_digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def near_phone(digits: str, official: tuple[str, ...]) -> str | None:
    """The official number this one nearly is: one digit wrong, missing, added or two swapped."""
    if digits in official:
        return None
    for number in official:
        if edit_distance(digits, number, 1) == 1:
            return number
    return None
