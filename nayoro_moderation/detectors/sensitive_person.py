"""A private person named together with health, welfare, family matters, school or daily routine."""

from __future__ import annotations

import re
from functools import cache

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead
from ._support import first_word, normalized_index, original_span, paragraph_bounds, person_names, privacy_words

# School and grade (名寄東小 1年2組, 名寄高校2年, 西小の3年生) and a daily routine with a time of day
# (毎朝7時15分, 毎週火曜と金曜の朝9時): patterns rather than words.
# (stdlib re: several times faster than regex on these, and they run on every comment)
_SCHOOL = re.compile(r"[小中高大園校学]\s*(?:の\s*)?\d\s*年(?:生|\s*\d\s*組)?|\d\s*年\s*(?:生|\d\s*組)")
_ROUTINE = re.compile(r"(?:毎朝|毎晩|毎日|毎夕|毎週|平日の?|いつも)[^。\n]{0,14}?\d{1,2}\s*時|毎週\s*[月火水木金土日]曜")
# A parent or spouse who left or vanished (お父さん出てった, 旦那さんが帰ってこない): a family's
# situation in words no list of nouns holds.
_FAMILY_LEFT = re.compile(
    r"(?:父|母|親|旦那|奥さん|嫁|夫|妻|パパ|ママ|親父|おやじ|おふくろ)(?:さん|ちゃん)?[^。！？!?\n]{0,8}?"
    r"(?:出てっ|出ていっ|出て行っ|出ていき|出て行き|いなくなっ|蒸発|帰ってこない|帰って来ない|戻ってこない|帰ってきてない)"
    r"(?![たて]\s*(?:あと|後|ところ|とたん|瞬間|とき|時|隙|から))"  # left the room, not the family
)
# A person described only by a role (保健師さん, 監督の奥さん) counts when the text gossips about them.
_ROLE_PERSON = LazyRegex(r"[\p{Han}\p{Katakana}ー]{2,8}(?:の(?:奥さん|奥様|旦那さん|旦那|息子さん|娘さん|嫁)|さん)")
_SELF = ("うち", "自分", "私", "わたし", "僕", "俺", "お母さん", "お父さん")

# Kinds of information that make naming the person a disclosure on their own; the others need a
# second clue (a school and grade alone is the stuff of award announcements, a time of day of
# event notices: 森さんの写真展、毎日10時から).
_STRONG = ("health", "welfare", "family", "crime")
_KIND_NAMES = {
    "health": "健康・病歴", "welfare": "福祉・困窮", "family": "家族・家庭の事情", "crime": "事件・事故",
    "routine": "日課・行動時刻", "school": "学校・学年", "whereabouts": "居場所・身元",
}


class SensitivePerson(Detector):
    id = "PRV010"
    name = "private-person-with-sensitive-facts"
    category = Category.PRIVACY
    severity = Severity.HIGH
    score = 0.75
    message = "個人（{matched}）について、本人が知られたくない情報とあわせて書かれています"
    explanation = """
何を検出するか: 公人ではない個人を氏名（または「保健師さん」「監督の奥さん」のような特定できる呼び方と噂の言い回し）で挙げ、病気・入院・障害、生活保護などの福祉、離婚・不登校などの家庭の事情、事故・事件、毎日の行動時刻、学校・学年などと結びつけている文。
なぜ問題か: 要配慮個人情報や居場所を本人の承諾なく公開すると、様式1 ⑼「個人情報を特定・開示・漏えいするもの」、職員の投稿なら 6(1)ウ・6(2)イ に当たる。善意の紹介でも、独居の高齢者の日課などは防犯上の危険になる。
既知の誤検知: 氏名だけの感謝・紹介、「選手」「市長」「講師」など公的な役割で紹介された人は対象外。学校・学年だけの表彰の告知も対象外にしている。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "図書館の受付にいた[[中川]]さん、がんで市立病院に入院してるんだって。",
            "市営住宅の3号棟の[[高橋]]さんとこ、生活保護受けてるんだってね",
            "西小の3年生の[[佐藤りん]]ちゃん、毎朝7時15分に一人で北2丁目のコンビニ前通ってる",
            "新しく来た[[保健師さん]]、独身で緑丘団地に一人暮らしなんだって",
            "ひとり親の[[真鍋]]さん（3歳の双子のママ、児童扶養手当を受給中）が遊びに来てくれました♪",
        ),
        ok=(
            "田中さんと佐藤さんが運営してたワークショップ、楽しかったです！",
            "名寄市出身の小林 大地 選手が、ワールドカップで初の表彰台に上りました！",
            "入院中の父の面会、何時からできますか？市立病院です",
            "書道展で田中さん（名寄東小5年）が金賞を受賞しました。",
            "講師は市立総合病院の管理栄養士・今井由美子さんです。",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        words = privacy_words()
        if not (_any_clue().search(text) or _SCHOOL.search(text) or _ROUTINE.search(text) or _FAMILY_LEFT.search(text)):
            return
        people = [(normalized_index(doc, n.start), normalized_index(doc, n.end), n.start, n.end) for n in person_names(doc) if n.public_role is None]
        if first_word(text, words.gossip):
            for m in _ROLE_PERSON.finditer(text):
                named = any(s < m.end() and m.start() < e for s, e, _, _ in people)
                if not named and not first_word(text[max(0, m.start() - 3) : m.end()], _SELF):
                    people.append((m.start(), m.end(), *original_span(doc, m.start(), m.end())))
        if not people:
            return
        for start, end, o_start, o_end in people:
            window = _paragraph_window(text, start, end, 40, 60)
            found = _sensitive_facts(window, words)
            strong = [k for k in found if k in _STRONG]
            if not strong and sum(len(v.split("、")) for v in found.values()) < 2:
                continue
            kinds = "・".join(_KIND_NAMES[k] for k in found)
            clues = "、".join(dict.fromkeys(found.values()))
            yield self.candidate(o_start, o_end, 検証=f"私人の名前と{kinds}の組み合わせ", 文脈語=clues)


@cache
def _any_clue() -> re.Pattern:
    """Cheap pre-check on the whole text before names are looked for."""
    words = privacy_words()
    terms = sorted({t for ts in words.sensitive.values() for t in ts}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, terms)))


def _paragraph_window(text: str, start: int, end: int, before: int, after: int) -> str:
    left, right = paragraph_bounds(text, start, end, before, after)
    return text[left:start] + " " + text[end:right]


def _sensitive_facts(window: str, words) -> dict[str, str]:
    """Kind → the clues found (several clues of one kind joined by 、)."""
    found: dict[str, str] = {}
    for kind, terms in words.sensitive.items():
        clues = [t for t in terms if t in window]
        if clues:
            found[kind] = "、".join(clues[:3])
    if m := _FAMILY_LEFT.search(window):
        found["family"] = "、".join(filter(None, (found.get("family"), m.group())))
    if m := _SCHOOL.search(window):
        found["school"] = m.group()
    if m := _ROUTINE.search(window):
        found["routine"] = m.group()
    return found


DETECTORS = [SensitivePerson()]
