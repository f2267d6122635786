"""``accounts impostor``: how much a name or handle found on a platform looks like one of the city's
official accounts (guideline 5(5)イ なりすまし), and why, in Japanese.

Both sides are folded the same way before they are compared:

- width and compatibility forms (NFKC: ＮＡＹＯＲＯ → nayoro, ﾅﾖﾛ → ナヨロ);
- letters of another script that look like ours, from Unicode's confusables table as the
  ``confusable_homoglyphs`` package ships it: Cyrillic а/о/е/с, Greek ο, and kanji that pass for
  katakana (口 → ロ, 工 → エ, 力 → カ);
- the shapes that pass for one another in a handle: 1/l/I/|, 0/o, rn/m, vv/w;
- added words that only claim officialness (公式, official, 公認, 本物, _jp) and 市役所 for 市;
- spelling: Sudachi's reading turns 名寄/なよろ/ナヨロ into one romaji form, so that 名寄市, なよろし
  and nayoro-shi meet, and ``city`` reads as 市.

A name equal to an official one after folding but not before is ``high``; a small edit away (edit
distance with transpositions, ``rapidfuzz``) is ``medium``, ``high`` when it also uses look-alike
letters or added words; containing an official name whole is ``low`` (名寄市民の会); 名寄 with 公式 or
official is at least ``medium``.  An official handle itself is ``official``, never a suspect; an official
display name alone is ``medium``, since impostors copy names and only the handle tells them apart.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from .registry import Account, Registry

RISKS = ("none", "low", "medium", "high")  # "official" ranks with none: nothing to act on
_RANK = {"official": 0, **{r: i for i, r in enumerate(RISKS)}}

# Added words: a pattern on the NFKC, case-folded text, what it becomes, and the word named in the reason.
_ADDED_WORDS = (
    (re.compile(r"公式アカウント|公式"), "", "公式"),
    (re.compile(r"公認"), "", "公認"),
    (re.compile(r"オフィシャル"), "", "オフィシャル"),
    (re.compile(r"[o0]ff?[i1l|]c[i1l|]a[l1|]"), "", "official"),
    (re.compile(r"kou?h?s[h]?iki"), "", "koushiki"),
    (re.compile(r"本物|正規|認証済み?"), "", "本物・正規"),
    (re.compile(r"市役所|city[ _.\-]?hall|shiyakusho|siyakusyo"), "市", "市役所"),
    (re.compile(r"役所"), "", "役所"),
    (re.compile(r"(?<![a-z])(?:jp|japan)(?![a-z])"), "", "jp"),
)
_OFFICIAL_WORDS = {"公式", "公認", "オフィシャル", "official", "koushiki", "本物・正規", "市役所", "役所"}
_SEPARATORS = re.compile(r"[\s_.\-・･|/\\【】\[\]（）()「」『』〈〉<>!！?？:：,、。~〜*＊#♪★☆]+")
# Handle shapes that pass for one another; applied to both sides, after case folding.
_SHAPES = (("rn", "m"), ("vv", "w"), ("1", "l"), ("|", "l"), ("i", "l"), ("0", "o"))
# Hepburn and Kunrei spell one reading two ways (shi/si, tsu/tu); long vowels are written or not.
_ROMAJI = (("shi", "si"), ("chi", "ti"), ("tsu", "tu"), ("fu", "hu"), ("ji", "zi"), ("sh", "sy"), ("ch", "ty"),
           ("ou", "o"), ("oh", "o"), ("oo", "o"), ("uu", "u"))
_NAYORO = re.compile(r"名寄|なよろ|ナヨロ|nayoro", re.IGNORECASE)
_SCRIPT_NAMES = {"CYRILLIC": "キリル文字", "GREEK": "ギリシャ文字", "HAN": "漢字", "ARMENIAN": "アルメニア文字"}
_HANDLE_LIKE = re.compile(r"@?[A-Za-z0-9_.]+")


@dataclass(frozen=True, slots=True)
class ImpostorRisk:
    candidate: str
    risk: str  # official | high | medium | low | none
    account_id: str | None  # the official account it resembles most
    reasons: tuple[str, ...]

    @property
    def rank(self) -> int:
        return _RANK[self.risk]

    def line(self) -> str:
        target = f" → {self.account_id}" if self.account_id else ""
        return f"{self.risk} {self.candidate}{target}: {'; '.join(self.reasons)}" if self.reasons else f"{self.risk} {self.candidate}"


@cache
def _homoglyphs() -> dict[str, tuple[str, str]]:
    """Look-alike characters of other scripts: char → (the letter it passes for, script name)."""
    from confusable_homoglyphs.categories import alias
    from confusable_homoglyphs.confusables import confusables_data

    table = {}
    for char, glyphs in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        script = alias(char)
        for glyph in glyphs:
            target = glyph["c"]
            if len(target) != 1:
                continue
            if target.isascii() and target.isalnum() and script != "LATIN":
                table[char] = (target.lower(), _SCRIPT_NAMES.get(script, script))
                break
            if script == "HAN" and "\u30a1" <= target <= "\u30fa":
                table[char] = (target, "漢字")
                break
    return table


@dataclass(frozen=True, slots=True)
class _Folded:
    text: str  # NFKC, case-folded, look-alikes mapped, added words removed, separators kept
    plain: str  # … and separators removed, katakana as hiragana
    reading: str  # romaji of the reading, look-alike shapes merged
    shape: str  # plain with look-alike shapes merged
    notes: tuple[str, ...]  # what folding found in it: width, other scripts
    added: tuple[str, ...]  # added words found
    nayoro: str | None  # how it spells 名寄, if it does


def _katakana_to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in text)


def _merge_shapes(text: str) -> str:
    for a, b in _SHAPES:
        text = text.replace(a, b)
    return text


def _romaji(text: str) -> str:
    import jaconv

    from ..document import tokenize

    parts = []
    for m in tokenize(text):
        if m.surface.isascii():
            parts.append(m.surface)
        else:
            parts.append(jaconv.kana2alphabet(_katakana_to_hiragana(m.reading or m.surface)))
    romaji = re.sub(r"[^a-z0-9]", "", "".join(parts).replace("city", "shi"))
    for a, b in _ROMAJI:
        romaji = romaji.replace(a, b)
    return romaji


@cache
def _fold(raw: str) -> _Folded:
    notes = []
    text = unicodedata.normalize("NFKC", raw).strip()
    wide = [c for c in raw if unicodedata.east_asian_width(c) in "FH" and unicodedata.normalize("NFKC", c) != c]
    if wide:
        notes.append(f"全角・半角の文字を使っています（{''.join(dict.fromkeys(wide))[:6]}）")
    text = text.removeprefix("@").casefold()
    table = _homoglyphs()
    mapped = []
    for char in dict.fromkeys(text):
        if char in table:
            target, script = table[char]
            mapped.append(f"{script}の「{char}」（「{target}」に見える）")
            text = text.replace(char, target)
    if mapped:
        notes.append("別の文字で書いています: " + "、".join(mapped))
    nayoro = _NAYORO.search(text)
    added = []
    for pattern, replacement, word in _ADDED_WORDS:
        text, n = pattern.subn(replacement, text)
        if n:
            added.append(word)
    plain = _katakana_to_hiragana(_SEPARATORS.sub("", text))
    reading = _merge_shapes(_romaji(_SEPARATORS.sub(" ", text).strip())) if plain else ""
    return _Folded(text, plain, reading, _merge_shapes(plain), tuple(notes), tuple(added),
                   nayoro.group(0).lower() if nayoro else None)


def _allowed_edits(key: str, cjk: bool) -> int:
    if cjk:
        return 0 if len(key) < 3 else 1 if len(key) < 8 else 2
    return 0 if len(key) < 6 else 1 if len(key) < 10 else 2 if len(key) < 16 else 3


def _edit_reasons(official: str, candidate: str) -> list[str]:
    from rapidfuzz.distance import Levenshtein

    said = []
    for op in Levenshtein.editops(official, candidate):
        if op.tag == "replace":
            said.append(f"「{official[op.src_pos]}」を「{candidate[op.dest_pos]}」に")
        elif op.tag == "insert":
            said.append(f"「{candidate[op.dest_pos]}」を足して")
        else:
            said.append(f"「{official[op.src_pos]}」を抜いて")
    return said


def _shape_reasons(official: str, candidate: str) -> list[str]:
    """「1」（公式は「i」）: the look-alike letters that make a candidate pass for an official key."""
    said = []
    for a, b in _SHAPES[:2]:  # the two-letter shapes first: rn for m, vv for w
        if a in candidate and a not in official:
            said.append(f"「{a}」（公式は「{b}」）")
            candidate = candidate.replace(a, b)
    from rapidfuzz.distance import Levenshtein

    said += [f"「{candidate[op.dest_pos]}」（公式は「{official[op.src_pos]}」）"
             for op in Levenshtein.editops(official, candidate) if op.tag == "replace"]
    return list(dict.fromkeys(said))


@dataclass(frozen=True, slots=True)
class _Target:
    account: Account
    text: str  # the official name or handle
    kind: str  # 名前 | ハンドル


def _targets(registry: Registry) -> list[_Target]:
    found = []
    for account in registry.accounts:
        if account.active:
            found.append(_Target(account, account.name, "名前"))
            if account.handle:
                found.append(_Target(account, account.handle, "ハンドル"))
    return found


def _compare(cand: _Folded, raw: str, target: _Target) -> tuple[str, int, list[str]] | None:
    """(risk, distance, reasons) of a candidate against one official name or handle, or None."""
    from rapidfuzz.distance import OSA, Levenshtein

    off = _fold(target.text)
    if not cand.plain or not off.plain:
        return None
    what = f"公式の{target.kind}「{target.text}」"
    folded_reasons = list(cand.notes)
    if cand.added:
        folded_reasons.append(f"{'・'.join(f'「{w}」' for w in cand.added)}を足しています")
    if cand.nayoro and off.nayoro and cand.nayoro != off.nayoro:
        folded_reasons.append(f"「{off.nayoro}」を「{cand.nayoro}」と書いています")
    if cand.shape == off.shape or cand.reading == off.reading:
        if cand.plain != off.plain and cand.shape == off.shape and not cand.notes:
            folded_reasons.append("紛らわしい文字: " + "、".join(_shape_reasons(off.plain, cand.plain)))
        elif cand.plain != off.plain and not cand.added and not (cand.nayoro and cand.nayoro != off.nayoro):
            folded_reasons.append("読みが同じ別の書き方です")
        if not folded_reasons:
            return None  # the same name: judged by the caller
        return "high", 0, [f"{what}と同じ形になります", *folded_reasons]
    cjk = not cand.plain.isascii() and not off.plain.isascii()
    for a, b, allowed in ((cand.shape, off.shape, _allowed_edits(off.shape, cjk)),
                          (cand.reading, off.reading, _allowed_edits(off.reading, False))):
        distance = OSA.distance(a, b)
        if 0 < distance <= allowed:
            risk = "high" if cand.notes or set(cand.added) & _OFFICIAL_WORDS else "medium"
            detail = ""
            if Levenshtein.distance(a, b) > distance:
                detail = "（隣り合う文字を入れ替えています）"
            elif a is cand.shape:
                detail = f"（{'、'.join(_edit_reasons(off.shape, cand.shape))}）"
            return risk, distance, [f"{what}と{distance}文字違いです{detail}", *folded_reasons]
    claims = set(cand.added) & _OFFICIAL_WORDS
    if len(off.reading) >= 6 and off.reading in cand.reading:
        risk = "medium" if claims else "low"
        return risk, len(cand.reading) - len(off.reading), [f"{what}を名前に含んでいます", *folded_reasons]
    # Every official name holds 名寄: a candidate that is only 名寄 plus added words is judged by those.
    if not cand.nayoro and len(cand.reading) >= 6 and cand.reading in off.reading and cand.reading != off.reading:
        risk = "medium" if claims or cand.notes else "low"
        return risk, len(off.reading) - len(cand.reading), [f"{what}の一部と同じです", *folded_reasons]
    return None


def _official_handle(registry: Registry, raw: str) -> Account | None:
    key = unicodedata.normalize("NFKC", raw).strip().removeprefix("@").casefold()
    same = [a for a in registry.accounts if a.handle and a.handle_key == key]
    return next((a for a in same if a.active), same[0] if same else None)


def impostor_risk(registry: Registry, name_or_handle: str, handle: str | None = None) -> ImpostorRisk:
    """The risk that an account seen on a platform poses as one of the registry's.

    Give its display name or handle; or its display name and, as ``handle``, its handle: an official
    handle then answers for the name."""
    if handle:
        by_handle = impostor_risk(registry, handle)
        if by_handle.risk == "official":
            return ImpostorRisk(name_or_handle, "official", by_handle.account_id, by_handle.reasons)
        by_name = impostor_risk(registry, name_or_handle)
        worst = max((by_name, by_handle), key=lambda r: r.rank)
        return ImpostorRisk(f"{name_or_handle} {handle}", worst.risk, worst.account_id, worst.reasons)
    raw = name_or_handle.strip()
    if _HANDLE_LIKE.fullmatch(unicodedata.normalize("NFKC", raw)):
        account = _official_handle(registry, raw)
        if account is not None and account.active:
            return ImpostorRisk(raw, "official", account.id, (f"公式アカウント{account.label()}のハンドルです",))
        if account is not None:
            return ImpostorRisk(raw, "high", account.id, (
                f"{account.closed.isoformat()}に閉鎖した公式アカウント{account.label()}のハンドルです。"
                "第三者が取り直して市を名乗っているおそれがあります",))
    cand = _fold(raw)
    kind = "ハンドル" if raw.startswith(("@", "＠")) or _HANDLE_LIKE.fullmatch(cand.text) else "名前"
    best: tuple[int, int, bool, _Target, list[str]] | None = None
    same_name: list[Account] = []
    for target in _targets(registry):
        found = _compare(cand, raw, target)
        if found is None:
            if target.kind == "名前" and cand.plain == _fold(target.text).plain and not cand.notes and not cand.added:
                same_name.append(target.account)
            continue
        risk, distance, reasons = found
        # a handle is told apart by comparing it with handles, a name with names
        key = (_RANK[risk], -distance, target.kind == kind)
        if best is None or key > best[:3]:
            best = (*key, target, reasons)
    if same_name:
        handles = "・".join(dict.fromkeys(a.handle for a in same_name if a.handle))
        return ImpostorRisk(raw, "medium", same_name[0].id, (
            f"公式アカウントと同じ表示名です。ハンドルが公式の {handles} のどれかでなければなりすましです",))
    if best is not None:
        return ImpostorRisk(raw, RISKS[best[0]], best[3].account.id, tuple(best[4]))
    claims = set(cand.added) & _OFFICIAL_WORDS
    if cand.nayoro and claims:
        words = "・".join(f"「{w}」" for w in cand.added if w in claims)
        return ImpostorRisk(raw, "medium", None, (f"「{cand.nayoro}」に{words}を足して市の公式を名乗っています",))
    return ImpostorRisk(raw, "none", None, ())
