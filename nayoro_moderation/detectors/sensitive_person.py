"""A private person named together with health, welfare, family matters, school or daily routine."""

from __future__ import annotations

import re
from functools import cache

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from ..re_cache import compile_re
from . import Detector, ExamplesOnFirstRead, needs_of
from ._support import (alternation, around, first_word, normalized_index, original_span, paragraph_bounds, person_names,
                       privacy_words, sentence_bounds)
from .published_profile import PUBLISHED_PROFILE, feature_form

# School and grade (名寄東小 1年2組, 名寄高校2年, 西小の3年生) and a daily routine with a time of day
# (毎朝7時15分, 毎週火曜と金曜の朝9時): patterns rather than words.
# (stdlib re: several times faster than regex on these, and they run on every comment)
_SCHOOL = compile_re(r"[小中高大園校学]\s*(?:の\s*)?\d\s*年(?:生|\s*\d\s*組)?|\d\s*年\s*(?:生|\d\s*組)")
_ROUTINE = compile_re(r"(?:毎朝|毎晩|毎日|毎夕|毎週|平日の?|いつも)[^。\n]{0,14}?\d{1,2}\s*時|毎週\s*[月火水木金土日]曜")
# A parent or spouse who left or vanished (お父さん出てった, 旦那さんが帰ってこない): a family's
# situation in words no list of nouns holds.
_FAMILY_LEFT = compile_re(
    r"(?:父|母|親|旦那|奥さん|嫁|夫|妻|パパ|ママ|親父|おやじ|おふくろ)(?:さん|ちゃん)?[^。！？!?\n]{0,8}?"
    r"(?:出てっ|出ていっ|出て行っ|出ていき|出て行き|いなくなっ|蒸発|帰ってこない|帰って来ない|戻ってこない|帰ってきてない)"
    r"(?![たて]\s*(?:あと|後|ところ|とたん|瞬間|とき|時|隙|から))"  # left the room, not the family
)
# A person described only by a role (保健師さん, 監督の奥さん) counts when the text gossips about them.
_ROLE_PERSON = LazyRegex(r"[\p{Han}\p{Katakana}ー]{2,8}(?:の(?:奥さん|奥様|旦那さん|旦那|息子さん|娘さん|嫁)|さん)")
# A person pointed at by where they are seen (受付のあの子, 近所のおじいさん, 3号棟の奥さん): with
# gossip, or with a private fact and a second clue, as identifying as a name in a small town.
_DESCRIBED_PERSON = LazyRegex(
    r"[\p{Han}\p{Katakana}ー\d]{1,8}の(?:あの|例の|その)?"
    r"(?:子|人|おじいさん|おばあさん|おじいちゃん|おばあちゃん|じいさん|ばあさん|じじい|ばばあ|おじさん|おばさん|兄ちゃん|姉ちゃん"
    r"|奥さん|旦那さん|旦那|息子|娘|嫁|女の人|男の人|女|男|ご主人|主人|大将|女将|マスター|ママ|係長|課長|主任|店長|店員|看護師|運転手|社長)(?=[、。,.!！?？\s]|は|が|って|も|で|$)"
)
_SELF = ("うち", "自分", "私", "わたし", "僕", "俺", "お母さん", "お父さん")
# Age in brackets after a name (鈴木一郎さん（62）, 佐藤様（70代、…）) and a block of Nayoro's grid
# (東1条北) or a flat (3号棟, 201号室): with one more clue, the news-style profile that points at one household.
_AGE_AFTER = compile_re(r"\s*(?:さん|様|さま|くん|ちゃん|氏)?\s*[（(]\s*\d{1,3}\s*(?:歳|才|代)?\s*[、,）)]")
_GRID = compile_re(r"[東西南北]\s*\d{1,2}\s*条\s*(?:[東西南北]|通)?|\d{1,3}\s*号(?:棟|室)")
# A school by name (名寄東小, 智恵文小中学校, 風連中, 名寄産業高校): with a grade and a child's
# name in one sentence it tells anyone where and when to find that child.  These two use ``regex``
# (compiled programs from the derived cache): ``re`` spent 16 ms of every start compiling their kanji
# ranges, and searches every comment for a grade at 14 µs where ``regex`` takes 6.
_SCHOOL_NAME = LazyRegex(
    r"[\u4e00-\u9fff々]{1,8}?(?:小中学校|小学校|中学校|高等学校|義務教育学校|高校"
    r"|(?<![小中高大])[小中高](?=[\s\d一二三四五六年の（()）、・]|$))"
)
# A pupil's grade, in digits or kanji (3年2組, 五年生, 名寄高2年, 中3).
_GRADE = LazyRegex(
    r"[小中高校学]\s*(?:の\s*)?[\d一二三四五六]\s*年(?:生|\s*[\d一二三四五六七八九]\s*組)?"
    r"|[\d一二三四五六]\s*年\s*(?:生|[\d一二三四五六七八九]\s*組)|(?<![\u4e00-\u9fff])[小中高][1-6](?![\d年])"
)
# A named teacher or coach is the school's public face, not a pupil.
_STAFF_AFTER = ("先生", "教諭", "教頭", "担任", "コーチ", "指導", "顧問", "校長", "主事", "事務")
# Award notices may name a pupil by family name with school and grade (書道展で田中さん（名寄東小
# 5年）が金賞); a given name too makes the child identifiable, and a human must confirm consent.
_AWARD = ("賞", "表彰", "優勝", "入選", "選ばれ", "選出", "1位", "2位", "3位", "記録", "代表")
_MASKS = "〇○●◯*"
# A masked name in a form's sample or a quoted fraud mail (「〇〇様の市税の滞納について」) is nobody.
_TEMPLATE = ("記入例", "例:", "見本", "件名", "文面", "不審", "詐欺", "なりすまし", "テンプレ", "のように", "と書いて")
# Staff named as the contact of their section (担当：税務課 佐藤, 社会福祉課の田中までご相談ください):
# the section's public contact, whatever the service is about.
_STAFF_BEFORE = compile_re(r"(?:担当者?|[課係室]|センター)\s*[:：]?\s*(?:の\s*)?$")
# A surname Sudachi reads where the text means a district (戸室にある施設, 老川さん(40・上依知)).
_PLACE_AFTER = compile_re(r"^(?:にある|にあった|地区|町内|周辺)")
_DISTRICT_OF_AGE = compile_re(r"[(]\s*\d{1,3}\s*[・、,]\s*$")
# A condition named as a service's, a facility's or a group's, not as the person's (認知症グループ
# ホーム, 障害福祉サービス事業所, 知的障がいがある人たち, ひとり親世帯の問題).
_NOT_THE_PERSONS = compile_re(
    r"(?:[やとの]|が|を)?(?:ある|ない|持つ|抱える)?の?"
    r"(?:人たち|人々|方々|方たち|皆さん|メンバー|子どもたち|世帯|家庭の|福祉|事業所|施設|グループホーム|ホーム|サービス|カフェ|"
    r"教室|講座|予防|検診|健診|センター|家族会|サポーター)"
)
_STAFF_CONTACT = compile_re(
    r"^\s*(?:さん|様)?\s*(?:[（(]\s*(?:内線|tel|電話|☎)|[）)]|まで|へ(?:ご|お)|に(?:ご|お)?(?:相談|連絡|問い?合わ?せ|電話)|"
    r"が(?:ご|お)?(?:説明|案内|対応|担当|受け|伺|話|講|行い|出前))"
)

# Kinds of information that make naming the person a disclosure on their own; the others need a
# second clue (a school and grade alone is the stuff of award announcements, a time of day of
# event notices: 森さんの写真展、毎日10時から).
_STRONG = ("health", "welfare", "family", "crime", "identity")
_KIND_NAMES = {
    "health": "健康・病歴", "welfare": "福祉・困窮", "family": "家族・家庭の事情", "crime": "事件・事故",
    "routine": "日課・行動時刻", "school": "学校・学年", "whereabouts": "居場所・身元",
    "identity": "顔写真・身分証・勤務先", "workplace": "勤め先", "residence": "住まい", "age": "年齢",
}


class SensitivePerson(Detector):
    id = "PRV010"
    name = "private-person-with-sensitive-facts"
    category = Category.PRIVACY
    severity = Severity.HIGH
    score = 0.75
    message = "個人（{matched}）について、本人が知られたくない情報とあわせて書かれています"
    explanation = """
何を検出するか: 公人ではない個人を氏名（または「保健師さん」「監督の奥さん」のような特定できる呼び方と噂の言い回し）で挙げ、病気・入院・障害、生活保護などの福祉、税や料金の滞納・債務、離婚・不登校などの家庭の事情、事故・事件、毎日の行動時刻などと結びつけている文。職員でも、所属と名前に私的な事情を添えれば対象。顔写真・身分証・勤務先を名前と並べるもの（〜って人で〇〇建設勤め。顔写真もある）、名前に年齢と住まいを添えた報道調の書き方（鈴木さん（62）のお宅、佐藤様（70代、東1条北））も対象。伏せ字の名前（〇〇先生、◯◯商店様）も人として数える。同じ文で学校名と学年（名寄東小3年2組）と一緒に名前を挙げられた児童・生徒も対象。
なぜ問題か: 要配慮個人情報や居場所を本人の承諾なく公開すると、様式1 ⑼「個人情報を特定・開示・漏えいするもの」、職員の投稿なら 6(1)ウ・6(2)イ に当たる。善意の紹介でも、独居の高齢者の日課などは防犯上の危険になる。
既知の誤検知: 氏名だけの感謝・紹介、「選手」「市長」「講師」など公的な役割で紹介された人は対象外。「担当：税務課 佐藤」「社会福祉課の田中までご相談ください」のような職員の連絡先、記入例や不審メールの文面の「〇〇様」、教員（〜先生）も対象外。学校・学年だけの告知と、名字だけの表彰の告知（田中さん（名寄東小5年）が金賞）は対象外。氏名まである表彰の告知は、本人・保護者の同意の確認のため検出する。下書きで、本人が「」で語る取材記事・紹介欄の氏名行・表彰や作品や講演の紹介の形で書かれた人は、PRV014（掲載の同意の確認、low）として知らせる。サービスや施設・集団の名前に含まれる語（認知症グループホーム、障がいのある人たち）は本人の事情として数えない。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "図書館の受付にいた[[中川]]さん、がんで市立病院に入院してるんだって。",
            "市営住宅の3号棟の[[高橋]]さんとこ、生活保護受けてるんだってね",
            "西小の3年生の[[佐藤りん]]ちゃん、毎朝7時15分に一人で北2丁目のコンビニ前通ってる",
            "新しく来た[[保健師さん]]、独身で緑丘団地に一人暮らしなんだって",
            "ひとり親の[[真鍋]]さん（3歳の双子のママ、児童扶養手当を受給中）が遊びに来てくれました♪",
            "智恵文中の2年生の[[高橋]]くん、今日の大会で転んで泣いてた",
            "名寄南小学校6年の[[山本 花子]]さんは、放課後はいつも一人で児童センターにいます。",
            "風連中の中2の[[佐藤]]って子、タバコ吸ってた",
            "[[山田太郎]]様（東3条南）の国民健康保険税の滞納について、至急ご連絡ください。",
            "都市整備課の[[山口]]さん、飲酒運転で捕まったって本当？",
            "ぶつけてきたのは[[岩田]]って人で、〇〇建設勤め。顔写真もあるよ",
            "給食センターの[[〇〇]]先生、別居中なんだって",
            "雪下ろし中に転落した[[村井清]]さん（74）のお宅は、今も屋根が壊れたままです。",
        ),
        ok=(
            "田中さんと佐藤さんが運営してたワークショップ、楽しかったです！",
            "名寄市出身の小林 大地 選手が、ワールドカップで初の表彰台に上りました！",
            "入院中の父の面会、何時からできますか？市立病院です",
            "書道展で田中さん（名寄東小5年）が金賞を受賞しました。",
            "講師は市立総合病院の管理栄養士・今井由美子さんです。",
            "名寄東小学校3年2組のみなさんが、市役所の見学に来てくれました！",
            "風連中の2年生を対象に、こども未来課の佐藤が出前講座を行いました。",
            "申込書の記入例：名寄東小学校 3年2組 〇〇 〇〇さん",
            "国民健康保険税の納付が難しい方は、滞納となる前にご相談ください。担当：税務課 佐藤",
            "「〇〇様の市税の滞納について」という件名の不審なメールにご注意ください。",
            "書道展で市長賞の小川和子さん（81）の作品を展示しています。",
            "〇〇先生の授業、わかりやすいって評判です",
            "西3条の佐藤さん、いつも除雪ありがとうございます",
        ),
    )

    @property
    def needs(self) -> tuple[str, ...]:
        return _needs()

    def find(self, doc, request):
        text = doc.normalized.text
        words = privacy_words()
        if not (_any_clue().search(text) or _GRADE.search(text) or _ROUTINE.search(text) or _FAMILY_LEFT.search(text) or _GRID.search(text)):
            return
        people = [(normalized_index(doc, n.start), normalized_index(doc, n.end), n.start, n.end) for n in person_names(doc) if n.public_role is None]
        gossip = _hearsay(doc, text, words.gossip)
        described = set()  # people known by a description alone, with no gossip to mark them
        for pattern in (_ROLE_PERSON, _DESCRIBED_PERSON):
            for m in pattern.finditer(text):
                named = any(s < m.end() and m.start() < e for s, e, _, _ in people)
                if not named and not first_word(text[max(0, m.start() - 3) : m.end()], _SELF):
                    if not gossip and pattern is _ROLE_PERSON:
                        continue
                    people.append((m.start(), m.end(), *original_span(doc, m.start(), m.end())))
                    if not gossip:
                        described.add(m.start())
        if first_word(text, _TEMPLATE):
            people = [p for p in people if text[p[0]] not in _MASKS]
        people = [p for p in people if not _staff_contact(text, p[0], p[1]) and not _not_a_person(text, p[0], p[1], request)]
        if not people:
            return
        for start, end, o_start, o_end in people:
            window = _paragraph_window(text, start, end, 40, 60)
            found = _sensitive_facts(window, words)
            if m := _AGE_AFTER.match(text, end):
                found["age"] = m.group().strip(" 　さん様まくちゃ氏（(、,）)")
            # A child (〜くん, 〜ちゃん) with the school named: where to find them on a weekday.
            if "school" not in found and text[end : end + 2] in ("くん", "ちゃ") and (m := _SCHOOL_NAME.search(window)):
                found["school"] = m.group()
            strong = [k for k in found if k in _STRONG]
            # Where someone lives is one clue however it is written (家は 西5条北): an address alone is PRV003's.
            clues = sum(1 if k == "residence" else len(v.split("、")) for k, v in found.items())
            if start in described and not (strong and clues >= 2):
                continue
            if not strong and clues < 2:
                school = _pupil_at_school(doc, text, start, end, o_start, o_end)
                if not school:
                    continue
                found["school"] = school
            kinds = "・".join(_KIND_NAMES[k] for k in found)
            clues = "、".join(dict.fromkeys(found.values()))
            evidence = {"検証": f"私人の名前と{kinds}の組み合わせ", "文脈語": clues}
            if request.mode == "draft" and (form := feature_form(text, start, end, _surname(doc, o_start, o_end, text[start:end]))):
                yield PUBLISHED_PROFILE.candidate(o_start, o_end, **evidence, 掲載の形=form)
                continue
            yield self.candidate(o_start, o_end, **evidence)


@cache
def _needs() -> tuple[str, ...]:
    """What find's pre-check needs: a clue word, or a literal of its patterns."""
    words = privacy_words()
    return needs_of(_GRADE, _ROUTINE, _FAMILY_LEFT, _GRID, words=sorted({t for ts in words.sensitive.values() for t in ts}))


@cache
def _any_clue() -> re.Pattern:
    """Cheap pre-check on the whole text before names are looked for."""
    words = privacy_words()
    return compile_re(alternation({t for ts in words.sensitive.values() for t in ts}))


def _hearsay(doc, text: str, gossip) -> str | None:
    """The first hearsay marker of the text; らしい only as the auxiliary (入院してるらしい), not
    inside 素晴らしい or as the suffix of 自分らしい."""
    for word in gossip:
        if word in text and (not word.startswith("らしい") or any(m.surface == "らしい" and m.pos[0] == "助動詞" for m in doc.morphemes)):
            return word
    return None


def _not_a_person(text: str, start: int, end: int, request) -> bool:
    """A name that is a district's (戸室にある, (40・上依知)) or, in a draft, a character's in a quoted
    title (「ちびまる子ちゃん 南十字星に魅せられて」)."""
    honoured = text[end : end + 2].startswith(("さん", "様", "さま", "くん", "君", "ちゃん", "氏"))
    if not honoured and (_PLACE_AFTER.match(text[end : end + 4]) or _DISTRICT_OF_AGE.search(text[max(0, start - 8) : start])):
        return True
    return (request.mode == "draft" and _in_title(text, start, end)) or _in_a_story(text, start, end)


# Words that tell a plot or a book (主人公の父は統合失調症, 劇中で離婚する): its people are characters,
# and a writer who made a relative one has published it.
_STORY = ("主人公", "登場人物", "劇中", "作中", "物語", "あらすじ", "小説", "自伝", "回顧録")


def _in_a_story(text: str, start: int, end: int) -> bool:
    """Whether the sentence that names the person tells a story (see _STORY)."""
    left, right = sentence_bounds(text, start, end)
    return first_word(text[left:right], _STORY) is not None


def _in_title(text: str, start: int, end: int) -> bool:
    """Inside 「…」 of one line with no sentence in it and no quoting particle after it: a title."""
    line_start = text.rfind("\n", 0, start) + 1
    opening = text.rfind("「", line_start, start)
    if opening < 0 or "」" in text[opening:start]:
        return False
    closing = text.find("」", end)
    line_end = text.find("\n", end)
    if closing < 0 or (0 <= line_end < closing):
        return False
    quoted = text[opening + 1 : closing]
    return not any(c in quoted for c in "。、！？!?") and not text[closing + 1 : closing + 3].startswith(("と", "って"))


def _surname(doc, o_start: int, o_end: int, name: str) -> str:
    """The family name of a name Sudachi tags (鈴木 of 鈴木一郎), else the name as written."""
    family = [m.surface for m in doc.morphemes_within(o_start, o_end) if m.pos[2] == "人名" and m.pos[3] == "姓"]
    return family[0].lower() if family else name


def _staff_contact(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 12) : start], text[end : end + 14].partition("\n")[0]
    if not _STAFF_BEFORE.search(before):
        return False
    # 担当：税務課 佐藤 at the end of a line; not 犯人は税務課の佐藤です.
    return bool(_STAFF_CONTACT.match(after)) or ("担当" in before and not after.strip(" 　。"))


def _pupil_at_school(doc, text: str, start: int, end: int, o_start: int, o_end: int) -> str | None:
    """The school and grade of a child named in the same sentence (名寄東小3年2組の佐藤ゆいちゃん),
    unless the name is a mask, a teacher's, or a family name alone in an award notice."""
    if text[start] in _MASKS or text[end : end + 3].startswith(_STAFF_AFTER):
        return None
    if _STAFF_BEFORE.search(text[max(0, start - 12) : start]):
        return None
    before, after = around(text, start, end, 40, 40)
    sentence = before + " " + after
    grade = _GRADE.search(sentence)
    if not grade:
        return None
    school = _SCHOOL_NAME.search(sentence)
    if not school:
        return None
    if first_word(sentence, _AWARD) and not _full_name(doc, o_start, o_end):
        return None
    return f"{school.group()}・{grade.group()}" if school.end() <= grade.start() else grade.group()


def _full_name(doc, o_start: int, o_end: int) -> bool:
    """Family and given name (山本 花子, 佐藤ゆい), not a family name alone."""
    names = [m for m in doc.morphemes_within(o_start, o_end) if m.pos[2] == "人名"]
    return any(m.pos[3] == "名" for m in names) or len(names) > 1 or (bool(names) and names[-1].end < o_end)


def _paragraph_window(text: str, start: int, end: int, before: int, after: int) -> str:
    left, right = paragraph_bounds(text, start, end, before, after)
    return text[left:start] + " " + text[end:right]


def _the_persons(window: str, term: str) -> bool:
    """Whether ``term`` occurs in the window other than as a service's or a group's condition."""
    at = window.find(term)
    while at >= 0:
        if not _NOT_THE_PERSONS.match(window, at + len(term)):
            return True
        at = window.find(term, at + 1)
    return False


def _sensitive_facts(window: str, words) -> dict[str, str]:
    """Kind → the clues found (several clues of one kind joined by 、)."""
    found: dict[str, str] = {}
    for kind, terms in words.sensitive.items():
        clues = [t for t in terms if _the_persons(window, t)]
        if clues:
            found[kind] = "、".join(clues[:3])
    if m := _FAMILY_LEFT.search(window):
        found["family"] = "、".join(filter(None, (found.get("family"), m.group())))
    if m := _SCHOOL.search(window):
        found["school"] = m.group()
    if m := _ROUTINE.search(window):
        found["routine"] = m.group()
    if m := _GRID.search(window):
        found["residence"] = "、".join(filter(None, (found.get("residence"), m.group())))
    return found


DETECTORS = [SensitivePerson()]
