"""Contacts a text publishes on purpose: whose a number, an address or an e-mail address is when the
text gives it as the place to call (問合せ：公園緑地課⏎【電話】…, 申込み：…市山岳協会・東條【電話】…へ),
and which hosts are public bodies' (city.*.jp, pref.*.jp, *.lg.jp, *.go.jp).

A city's bulletin lists every section's, centre's, ministry's and neighbouring city's contact, and the
contacts of clubs and events it announces.  None of those is a private person's data disclosed; a
club's contact person is a private person who gave the number to be called, which a reviewer only has
to confirm.  Positions are normalized-layer offsets (NFKC, lower case).
"""

from __future__ import annotations

from typing import NamedTuple

from ..document import Document, tokenize
from ..lazy_regex import LazyRegex
from ._support import privacy_words

# Government hosts: the national government (go.jp), local governments (lg.jp) and the older
# city./pref./town./vill. names under a prefecture's or a city's own second level.
_PUBLIC_HOST = LazyRegex(
    r"(?:^|\.)(?:go|lg)\.jp$|(?:^|\.)(?:city|pref|town|vill|metro)\.[a-z0-9\-]+(?:\.[a-z0-9\-]+)?\.jp$"
)


def public_host(host: str) -> bool:
    """Whether a web or mail host belongs to a public body (a ministry, a prefecture, a city)."""
    return bool(_PUBLIC_HOST.search(host.lower().strip(".")))


# What a bulletin writes right before a contact: 【電話】, 【FAX】, 【メール】, 【電話・FAX】, TEL:, ☎.
_LABEL = (
    r"(?:【[^】\n]{0,4}(?:電話|tel|fax|ファクス|ファックス|メール|e-?mail|携帯|連絡先)[^】\n]{0,6}】"
    r"|(?<![\p{Han}\p{Katakana}])(?:tel|fax|電話|ファクス|メール|e-?mail|携帯)\s*[:.]|☎|℡)"
)
_LABEL_BEFORE = LazyRegex(_LABEL + r"\s*$")
_FIRST_LABEL = LazyRegex(_LABEL)
# 問合せ：…, 申込み：…, 連絡先：… at the start of a line: the rest names whom to ask.
_ENQUIRY = LazyRegex(r"^\s*[■●◆▼▽□○・]?\s*(?:お?問(?:い)?合(?:わ)?せ(?:先)?|お?申(?:し)?込(?:み)?(?:先)?|連絡先|担当|事務局)\s*[:：]\s*")
# A line of a listing that is neither a name nor a contact: 住所：戸田1822, 主な販売商品：イチゴ.
_FIELD = LazyRegex(r"^\s*[^\s:：]{1,8}\s*[:：]")
_POSTAL = LazyRegex(r"^\s*〒")
_BULLET = LazyRegex(r"^\s*(?:[■●◆▼▽□○・◇◎※]|\(\d{1,2}\)|\d{1,2}[.)])\s*")
_READING = LazyRegex(r"\([\p{Hiragana}ー]{1,10}\)$")
# Only names of organisations end so; a person's surname never does.
_ORGANISATION_END = LazyRegex(
    r"(?:課|係|室|局|部|署|庁|省|所|センター|機構|公社|役場|館|院|会|団|園|組合|連合|法人|協会|委員会|クラブ|サークル|"
    r"教室|事業所|ダイヤル|サービス|窓口|本部|支部|グループ|ネット|プロジェクト|スクール|ファーム|農場)$"
)


def enquiry_line(text: str, at: int) -> bool:
    """Whether the line holding ``at`` says where to apply or ask (申込み：…, 問合せ：…)."""
    return bool(_ENQUIRY.match(text[text.rfind("\n", 0, at) + 1 : at]))


class Holder(NamedTuple):
    text: str
    person: bool  # a private person (a surname, 協会・東條); else an office, a shop, a club


def contact_holder(doc: Document, start: int, end: int) -> Holder | None:
    """Whose contact a span is, when the text gives it as a contact: right after a contact label, or
    on a line of its own (an address), below or beside the name of whom to ask.  None when the span
    is not given as a contact; a Holder with no text when whom it belongs to cannot be read."""
    text = doc.normalized.text
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start]
    labelled = bool(_LABEL_BEFORE.search(prefix) or prefix.rstrip().endswith(("住所:", "所在地:")))
    # Without a label, only a line that holds nothing but the contact (a letterhead's address line).
    alone = (_POSTAL.match(prefix) or not prefix.strip()) and not text[end : text.find("\n", end) % (len(text) + 1)].strip(" 　()代表")
    if not (labelled or alone):
        return None
    label = _FIRST_LABEL.search(prefix)
    head_end = line_start + (label.start() if label else len(prefix))
    head_start = line_start + (m.end() if (m := _ENQUIRY.match(prefix)) else 0)
    while head_end > head_start and text[head_end - 1] in " 　・、":
        head_end -= 1
    name = None
    if head_end > head_start and not _POSTAL.match(text, head_start, head_end):
        name = _name_before(doc, head_end, head_start)
    if name is None:
        name = _name_above(doc, line_start)
    if not name and not labelled:
        return None
    return Holder(name or "", bool(name) and _is_person(name))


def _name_before(doc: Document, end: int, floor: int) -> str | None:
    """The run of nouns ending at ``end`` (…12月15日から|飯山農楽校・渡辺): whom a clause names."""
    o_end, o_floor = _original(doc, end), _original(doc, floor)
    ms = list(doc.morphemes_within(o_floor, o_end))
    i = len(ms)
    while i > 0 and (ms[i - 1].pos[0] in ("名詞", "接尾辞", "接頭辞") or ms[i - 1].surface in ("・", "(", ")", "（", "）", "?", "?", "〇")):
        i -= 1
    if i == len(ms):
        return None
    name = doc.text[ms[i].begin : o_end].strip(" 　・")
    name = _BULLET.sub("", name)
    return name or None


def _original(doc: Document, index: int) -> int:
    starts = doc.normalized.starts
    return starts[index] if index < len(starts) else len(doc.text)


def _name_above(doc: Document, line_start: int) -> str | None:
    """The name a contact line belongs to, from the lines above it: 問合せ：県砂防課⏎【電話】…, a
    listing's name above its 住所：… line, or 〜協議会へ。 ending the line above."""
    text = doc.normalized.text
    end = line_start - 1
    for _ in range(5):
        if end < 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        end = start - 1
        stripped = line.strip()
        if not stripped or _POSTAL.match(line) or _FIRST_LABEL.search(line) and not _ENQUIRY.match(line):
            continue
        if stripped.endswith(("へ。", "へ")):
            return _name_before(doc, start + line.rstrip().rfind("へ"), start)
        if m := _ENQUIRY.match(line):
            rest = line[m.end() :].strip()
            return _BULLET.sub("", rest) or None if "。" not in rest else None
        if _FIELD.match(line):
            continue
        if len(stripped) <= 30 and "。" not in stripped:
            return _BULLET.sub("", stripped) or None
        return None
    return None


def _is_person(name: str) -> bool:
    """A surname alone (澤内, 金(こん), 〇木) or after an organisation (市山岳協会・東條)."""
    last = _READING.sub("", name.replace("　", " ").replace("/", "・").split("・")[-1].split(" ")[-1]).strip()
    if not last or _ORGANISATION_END.search(last) or any(w in last for w in privacy_words().public):
        return False
    tokens = [m for m in tokenize(last) if m.surface.strip()]
    if not tokens or len(tokens) > 2:
        return False
    if tokens[-1].pos[2] == "人名":
        return True
    # A contact written as a bare short word is a surname Sudachi does not know as one (野守, 三角,
    # 柿岡), unless it is a place (…支部県央・相模原).
    return len(last) <= 2 or (len(last) == 3 and tokens[-1].pos[2] != "地名" and len(tokens) == 1)
