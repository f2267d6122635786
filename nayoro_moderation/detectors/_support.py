"""What the privacy and security detectors share: word lists, the neighbourhood of a match, person
names from Sudachi, and the policy's official facts in comparable form.

Detectors find candidates on the normalized layer (NFKC, lower case: ``０９０`` is ``090``) and judge
them by the words around them; positions here are normalized-layer offsets unless a name says
``original``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from ..derived_cache import data_file
from ..document import Document
from ..lazy_regex import LazyRegex
from ..policy import OfficialFacts
from ..re_cache import compile_re

SENTENCE_ENDS = frozenset("。！？!?\n")


class PrivacyWords(NamedTuple):
    personal: tuple[str, ...]
    public: tuple[str, ...]
    honorifics: tuple[str, ...]
    public_roles: tuple[str, ...]
    sensitive: dict[str, tuple[str, ...]]
    gossip: tuple[str, ...]
    personal_mail_domains: frozenset[str]
    role_mailboxes: frozenset[str]
    plate_regions: tuple[str, ...]


def alternation(words) -> str:
    """Literal words as one alternation (for re or regex): escaped, longest first, so that the whole
    word is found, then alphabetical, so that the same words give the same pattern in every run (a
    set's order differs from run to run, and the compiled pattern is kept in the derived cache by
    its text)."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _lower(words) -> tuple[str, ...]:
    return tuple(dict.fromkeys(unicodedata.normalize("NFKC", w).lower() for w in words))


@cache
def privacy_words() -> PrivacyWords:
    data = data_file(Path(__file__).with_name("privacy_words.toml"))
    return PrivacyWords(
        personal=_lower(data["personal"]),
        public=_lower(data["public"]),
        honorifics=tuple(data["honorifics"]),
        public_roles=_lower(data["public_roles"]),
        sensitive={kind: _lower(words) for kind, words in data["sensitive"].items()},
        gossip=_lower(data["gossip"]),
        personal_mail_domains=frozenset(_lower(data["personal_mail_domains"])),
        role_mailboxes=frozenset(_lower(data["role_mailboxes"])),
        plate_regions=tuple(data["plate_regions"]),
    )


def first_word(haystack: str, words) -> str | None:
    for word in words:
        if word in haystack:
            return word
    return None


_SENTENCE_END = compile_re("[" + re.escape("".join(sorted(SENTENCE_ENDS))) + "]")


@lru_cache(maxsize=4)
def _sentence_ends(text: str) -> list[int]:
    """Offsets of the sentence ends of a text, found once: detectors ask for the sentence of every
    candidate, and walking to its ends each time made a long text without 。 quadratic.  (A str
    keeps its hash, so asking again for the same text costs no pass over it.)"""
    return [m.start() for m in _SENTENCE_END.finditer(text)]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    ends = _sentence_ends(text)
    i = bisect.bisect_left(ends, start)
    left = ends[i - 1] + 1 if i else 0
    j = bisect.bisect_left(ends, end)
    right = ends[j] if j < len(ends) else len(text)
    return left, right


def around(text: str, start: int, end: int, before: int, after: int, *, sentence: bool = True) -> tuple[str, str]:
    """The text before and after a span, at most ``before``/``after`` characters, within its sentence
    unless ``sentence`` is False."""
    left, right = sentence_bounds(text, start, end) if sentence else (0, len(text))
    return text[max(left, start - before) : start], text[end : min(right, end + after)]


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def original_span(doc: Document, start: int, end: int) -> tuple[int, int]:
    return doc.normalized.original_span(start, end)


def normalized_index(doc: Document, original_offset: int) -> int:
    return bisect.bisect_left(doc.normalized.starts, original_offset)


# --- people ------------------------------------------------------------------------------------

_NAME_HONORIFICS = frozenset({"さん", "様", "さま", "ちゃん", "くん", "君", "氏"})
_NAME_LABELS = frozenset({"名前", "本名", "氏名", "名義"})
_NAME_TAIL = LazyRegex(r"([\p{Hiragana}\p{Katakana}]{1,3})(?=さん|くん|ちゃん|様|君)")
_HAN_NAME = LazyRegex(r"\p{Han}{1,2}")
_KANA_NAME = LazyRegex(r"\p{Hiragana}{1,4}")
# A masked name is still someone's: 〇〇くん, 〇〇先生 (a teacher's private life is not their job),
# ◯◯商店様 (a one-family shop named in a tax notice).
# A surname followed by a block or house number is a district's name (岡田1丁目, 中野3番地, 及川661-1),
# not a phone number's second group (0166-72-5003).
_ADDRESS_NUMBER = LazyRegex(r"\s*\d{1,4}\s*(?:丁目|番地?|条|線|-\d{1,3}(?!\d|-\d{4}))")
_PLACEHOLDER_NAME = LazyRegex(r"[〇○●◯]{2,}(?:商店|工業|建設|商会|食堂|農園|工務店)?(?=さん|くん|ちゃん|様|君|先生)")


class Name(NamedTuple):
    start: int  # original offsets
    end: int
    text: str
    public_role: str | None  # 市長, 選手 … next to the name: a public figure


def person_names(doc: Document) -> list[Name]:
    """People named in the text: Sudachi's 人名 tokens (姓, 名, 姓 名), and masked names (〇〇くん),
    sorted by start.  Found once per document: detectors ask near each of their candidates."""
    return doc.derived(_person_names)


def _person_names(doc: Document) -> list[Name]:
    ms = doc.morphemes
    words = privacy_words()
    names: list[Name] = []
    # A name begins on a proper noun (人名 is one, and so is a surname tagged 地名): the others are
    # passed over in one sweep, where the loop below looked at each of them in turn.
    proper = [i for i, m in enumerate(ms) if m.pos[1] == "固有名詞"]
    resume = 0  # the morpheme after the last name found
    for i in proper:
        if i < resume:
            continue
        if ms[i].pos[2] != "人名":
            # Surnames that are also place names (平田, 中野, 佐野) are tagged 地名: an honorific
            # after one, or 名前は before it, makes it a name.
            labelled = i > 1 and ms[i - 2].surface in _NAME_LABELS and ms[i - 1].surface == "は"
            honoured = i + 1 < len(ms) and ms[i + 1].surface in _NAME_HONORIFICS
            if labelled or (honoured and ms[i].pos[2] == "地名"):
                j = i + 1
                while j < len(ms) and ms[j].surface not in _NAME_HONORIFICS and (
                    ms[j].pos[1] == "固有名詞" or (labelled and ms[j].pos[0] == "名詞")
                ):
                    j += 1
                start, end = ms[i].begin, ms[j - 1].end
                names.append(Name(start, end, doc.text[start:end], _public_role(doc, start, end, words)))
                resume = j
            continue
        j = i + 1
        while j < len(ms) and (ms[j].pos[2] == "人名" or (ms[j].surface.isspace() and j + 1 < len(ms) and ms[j + 1].pos[2] == "人名")):
            j += 1
        start, end = ms[i].begin, ms[j - 1].end
        # A given name Sudachi cut short (村田ゆう|と|くん): kana up to the honorific are the name's.
        tail = _NAME_TAIL.match(doc.text, end)
        if tail and "の" not in tail.group(1) and (ms[j - 1].pos[3] == "名" or tail.group(1)[0] not in "とがはにをもへでや"):
            end = tail.end(1)
            while j < len(ms) and ms[j].end <= end:
                j += 1
        # A given name Sudachi does not know, written after the family name (工藤 陸くん).
        if (
            ms[j - 1].pos[3] == "姓" and j + 2 < len(ms) and ms[j].surface.isspace() and ms[j + 1].pos[0] == "名詞"
            and len(ms[j + 1].surface) <= 2 and _HAN_NAME.fullmatch(ms[j + 1].surface)
            and ms[j + 2].surface in _NAME_HONORIFICS
        ):
            end = ms[j + 1].end
            j += 2
        # A kana given name whose first letter Sudachi read as a particle (4年の|は|るき|くん).
        if (
            i >= 2 and ms[i].pos[3] == "名" and _KANA_NAME.fullmatch(ms[i].surface) and ms[i - 1].end == start
            and len(ms[i - 1].surface) == 1 and ms[i - 1].pos[0] == "助詞"
            and ms[i - 2].surface in ("の", "、", " ", "　")
        ):
            start = ms[i - 1].begin
        honorific = j < len(ms) and ms[j].surface in words.honorifics
        # 人名,一般 alone is often a word too (クマ出没情報): trust it only with an honorific.  A
        # name glued to a one-letter noun is a word Sudachi split wrongly (保|健師さん).
        glued = i > 0 and ms[i - 1].end == start and ms[i - 1].pos[1] == "普通名詞" and len(ms[i - 1].surface) == 1
        # So is a name glued to a one-letter place noun after it (健志|台キャンパス), and a lone name in
        # given name in hiragana with no honorific (特定けんしん, やまゆり園; a surname えんどう stays one): a word Sudachi also knows as a name.
        glued = glued or (j < len(ms) and ms[j].begin == end and ms[j].pos[1] == "普通名詞" and len(ms[j].surface) == 1 and not honorific)
        kana_only = j - i == 1 and ms[i].pos[3] == "名" and all("\u3041" <= ch <= "\u309f" for ch in doc.text[start:end])
        district = not honorific and _ADDRESS_NUMBER.match(doc.text, end)
        resume = j
        if glued or district or (not honorific and (kana_only or all(m.pos[3] == "一般" for m in ms[i:j]))):
            continue
        names.append(Name(start, end, doc.text[start:end], _public_role(doc, start, end, words)))
    for m in _PLACEHOLDER_NAME.finditer(doc.text):
        names.append(Name(m.start(), m.end(), m.group(), None))
    return sorted(names, key=lambda n: n.start)


def _public_role(doc: Document, start: int, end: int, words: PrivacyWords) -> str | None:
    after = unicodedata.normalize("NFKC", doc.text[end : end + 6]).lower().lstrip(" 　・")
    before = unicodedata.normalize("NFKC", doc.text[max(0, start - 6) : start]).lower().rstrip(" 　・")
    for role in words.public_roles:
        if after.startswith(role) or before.endswith(role):
            return role
    return None


def paragraph_bounds(text: str, start: int, end: int, before: int, after: int) -> tuple[int, int]:
    """At most ``before``/``after`` characters around a span, never past a line break."""
    left = start
    while left > 0 and start - left < before and text[left - 1] != "\n":
        left -= 1
    right = end
    while right < len(text) and right - end < after and text[right] != "\n":
        right += 1
    return left, right


def private_names_near(doc: Document, start: int, end: int, before: int, after: int) -> list[Name]:
    """Names of private people within the window around a normalized-layer span, same paragraph."""
    left, right = paragraph_bounds(doc.normalized.text, start, end, before, after)
    o_left, o_right = original_span(doc, left, right)
    o_start, o_end = original_span(doc, start, end)
    names = person_names(doc)
    found = []
    for n in names[bisect.bisect_left(names, o_left, key=_start_of) :]:
        if n.start >= o_right:
            break
        if n.public_role is None and n.end <= o_right and (n.end <= o_start or n.start >= o_end):
            found.append(n)
    return found


def _start_of(name: Name) -> int:
    return name.start


# --- numbers given as someone's ------------------------------------------------------------------

# Whose the number is, for a card or ID number whose check digit fails (a typo or a number copied
# wrong still exposes the holder): found, lost or stolen, or named.
_OWNER_CLUES = (
    "拾", "落とし", "落ちて", "財布", "盗", "持ち主", "名義", "名前", "本名", "氏名", "晒", "さらす",
    "隣", "近所", "爺さん", "婆さん", "じいさん", "ばあさん", "おばあちゃん", "おじいちゃん", "の母", "の父",
)
# A sample or a run of digits typed to show the format.
# A sample, or a lost-property notice (the police or the city keep the card; the number is theirs
# to quote, and they don't).
_NOT_DISCLOSED = (
    "見本", "例", "サンプル", "ダミー", "テスト", "xxxx", "桁", "拾得物", "遺失物", "お心当たり", "心当たりの方",
    "届いています", "保管しています", "お預かりしています",
)
# 番号 on its own or the card's (受付番号, 受理番号 are some office's numbers).
_LABEL_BEFORE = LazyRegex(r"(?:(?<!\p{Han})番号|カード番号|個人番号|マイナンバー)\s*(?:は|が|:|：|=)?\s*$")


def labelled_personal_number(doc: Document, start: int, end: int, number: str) -> str | None:
    """Why a number with a failed check digit still is someone's: it follows 番号(は), and the text
    says whose it is; None for samples, formats and made-up runs (1234 5678 …)."""
    text = doc.normalized.text
    before, after = around(text, start, end, 12, 0, sentence=False)
    if not _LABEL_BEFORE.search(before) or made_up_number(number):
        return None
    left, right = around(text, start, end, 40, 30, sentence=False)
    left, right = left.rpartition("\n")[2], right.partition("\n")[0]
    if first_word(left + " " + right, _NOT_DISCLOSED):
        return None
    if names := private_names_near(doc, start, end, 40, 30):
        return f"人名「{names[0].text}」"
    word = first_word(left + " " + right, _OWNER_CLUES)
    return f"「{word}」" if word else None


def made_up_number(number: str) -> bool:
    """A run typed to show a format (1234 5678 …, 1111 2222 …), whatever its check digit says."""
    ascending = "01234567890123456789"
    runs = sum(1 for i, d in enumerate(number) if i == 0 or number[i - 1] != d)
    return runs <= len(number) // 4 or number[:8] in ascending or number[:8] in ascending[::-1]


# --- the policy's official facts ---------------------------------------------------------------


class Official(NamedTuple):
    phones: frozenset[str]
    emails: frozenset[str]
    email_domains: tuple[str, ...]
    web_domains: tuple[str, ...]
    addresses: tuple[str, ...]
    postal_codes: frozenset[str]

    def is_email(self, address: str) -> bool:
        address = address.lower()
        domain = address.rpartition("@")[2]
        return address in self.emails or any(domain == d or domain.endswith("." + d) for d in self.email_domains)

    def is_address(self, address: str) -> bool:
        address = compact_address(address)
        return any(address and (address in a or a in address) for a in self.addresses)


def compact_address(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace(" ", "").replace("　", "")
    for prefix in ("北海道",):
        text = text.removeprefix(prefix)
    return text


@cache
def official_facts(facts: OfficialFacts) -> Official:
    return Official(
        phones=frozenset(digits_of(p) for p in facts.phones),
        emails=frozenset(e.lower() for e in facts.emails),
        email_domains=tuple(d.lower() for d in facts.email_domains),
        web_domains=tuple(d.lower() for d in facts.web_domains),
        addresses=tuple(compact_address(a) for a in facts.addresses if compact_address(a)),
        postal_codes=frozenset(digits_of(p) for p in facts.postal_codes),
    )


# --- personal or public ------------------------------------------------------------------------


def personal_evidence(doc: Document, start: int, end: int, before: int = 30, after: int = 20) -> str | None:
    """Why the data at a normalized span belongs to a private person: a name or a personal word near it."""
    names = private_names_near(doc, start, end, before, after)
    if names:
        nearest = min(names, key=lambda n: abs(normalized_index(doc, n.start) - start))
        return f"人名「{nearest.text}」"
    left, right = around(doc.normalized.text, start, end, before, after, sentence=False)
    word = first_word(left[-before:] + " " + right[:after], privacy_words().personal)
    return f"「{word}」" if word else None


# An office named right beside the data (都市整備課（…）, 健康福祉係 TEL …, …（生活環境課）): a
# department's contact, whatever its name; no list can hold every 課 and 係.
_UNIT = r"[\p{Han}\p{Katakana}ー]{1,10}(?:課|係|室|局|部|署|支所|出張所|事業所|本部|支部|事務組合)"
_UNIT_BEFORE = LazyRegex(_UNIT + r"\s*[（(【\[]?\s*(?:tel|電話|☎|℡|直通)?\s*[:：.]?\s*$")
_UNIT_AFTER = LazyRegex(r"^\s*[（(【\[]\s*" + _UNIT + r"\s*[）)】\]]")


def public_evidence(doc: Document, start: int, end: int, before: int = 25, after: int = 10) -> str | None:
    left, right = around(doc.normalized.text, start, end, before, after)
    word = first_word(left + " " + right, privacy_words().public)
    if word is None and (m := _UNIT_BEFORE.search(left) or _UNIT_AFTER.search(right)):
        word = m.group().strip(" （(【[:：.）)】]")
    return f"「{word}」" if word else None
