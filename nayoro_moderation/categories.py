"""Category and severity codes (DESIGN §1) and the guideline clause each one cites."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Category(str, Enum):
    # comment mode: 様式1 注意事項1 ⑴–⑿
    LAW_VIOLATION = "law_violation"
    DEFAMATION = "defamation"
    POLITICAL_RELIGIOUS = "political_religious"
    IP_INFRINGEMENT = "ip_infringement"
    COMMERCIAL = "commercial"
    DISCRIMINATION = "discrimination"
    PUBLIC_ORDER = "public_order"
    FALSE_INFO = "false_info"
    PRIVACY = "privacy"
    ILLEGAL_INCITEMENT = "illegal_incitement"
    OFF_TOPIC = "off_topic"
    OTHER_INAPPROPRIATE = "other_inappropriate"
    # draft mode only: staff rules of sections 5 and 6
    CONFIDENTIAL = "confidential"
    SECURITY = "security"
    DELIBERATION = "deliberation"
    ACCURACY = "accuracy"
    MEDIA_CONSENT = "media_consent"
    EXTERNAL_REFERENCE = "external_reference"
    REPLY_TONE = "reply_tone"
    WORKING_HOURS = "working_hours"
    OPERATING_HOURS = "operating_hours"
    ACCOUNT_PERIOD = "account_period"

    def __str__(self) -> str:
        return self.value


class Severity(str, Enum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __str__(self) -> str:
        return self.value


_SEVERITY_RANK = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2}
# What staff read for a severity (pages and reports): high = delete / must fix, medium = review, low = notice.
SEVERITY_TITLES = {"high": "重大", "medium": "要確認", "low": "注意"}

MODES = ("draft", "comment")


class Clause(NamedTuple):
    label: str  # e.g. 様式1 注意事項1 ⑵
    text: str  # the guideline's own words


# 様式1 注意事項1, quoted from the guideline.
_COMMENT_CLAUSES = {
    Category.LAW_VIOLATION: Clause("様式1 注意事項1 ⑴", "法律、法令等に違反する内容、または違反するおそれがあるもの"),
    Category.DEFAMATION: Clause("様式1 注意事項1 ⑵", "本市、または第三者を誹謗中傷するもの"),
    Category.POLITICAL_RELIGIOUS: Clause("様式1 注意事項1 ⑶", "政治、宗教活動を目的とするもの"),
    Category.IP_INFRINGEMENT: Clause(
        "様式1 注意事項1 ⑷", "著作権、商標権、肖像権など本市、または第三者の知的所有権を侵害するもの"
    ),
    Category.COMMERCIAL: Clause("様式1 注意事項1 ⑸", "広告、宣伝、勧誘、営業活動、その他営利を目的とするもの"),
    Category.DISCRIMINATION: Clause("様式1 注意事項1 ⑹", "人種・思想・信条等の差別、または差別を助長させるもの"),
    Category.PUBLIC_ORDER: Clause("様式1 注意事項1 ⑺", "公の秩序、または善良の風俗に反するもの"),
    Category.FALSE_INFO: Clause("様式1 注意事項1 ⑻", "虚偽や事実と異なる内容及び根拠のないもの"),
    Category.PRIVACY: Clause(
        "様式1 注意事項1 ⑼", "本人の承諾なく個人情報を特定・開示・漏えいする等プライバシーを害するもの"
    ),
    Category.ILLEGAL_INCITEMENT: Clause("様式1 注意事項1 ⑽", "違法行為、または違法行為をあおるもの"),
    Category.OFF_TOPIC: Clause("様式1 注意事項1 ⑾", "本ソーシャルメディアに全く関係しないもの"),
    Category.OTHER_INAPPROPRIATE: Clause("様式1 注意事項1 ⑿", "その他本市が不適切と判断した情報"),
}

# Staff rules (sections 5 and 6) for drafts, quoted from the guideline.
_DRAFT_CLAUSES = {
    Category.DEFAMATION: Clause("6(1)キ", "他者を侮辱する情報"),
    Category.DISCRIMINATION: Clause("6(1)キ", "人種、思想、信条等の差別、または差別を助長させる情報"),
    Category.ILLEGAL_INCITEMENT: Clause("6(1)キ", "違法行為、または違法行為をあおる情報"),
    Category.FALSE_INFO: Clause("6(1)キ", "根拠のない情報"),
    Category.PUBLIC_ORDER: Clause("6(1)キ", "公序良俗に反する一切の情報"),
    Category.PRIVACY: Clause(
        "6(1)ウ・6(2)イ",
        "基本的人権、肖像権、プライバシー権、著作権等に関して留意しなければならない。"
        "正当な理由なく他者の権利を侵害する情報を発信してはならない。",
    ),
    Category.IP_INFRINGEMENT: Clause(
        "6(1)ウ・6(2)イ",
        "基本的人権、肖像権、プライバシー権、著作権等に関して留意しなければならない。"
        "正当な理由なく他者の権利を侵害する情報を発信してはならない。",
    ),
    Category.CONFIDENTIAL: Clause(
        "6(2)ア・エ",
        "本市、または関係機関の秘密に関する情報を発信してはならない。"
        "自らの職務に関する情報を発信する場合は、守秘義務を遵守する",
    ),
    Category.SECURITY: Clause("6(2)ウ", "本市のセキュリティを脅かすおそれのある情報を発信してはならない。"),
    Category.DELIBERATION: Clause("6(2)エ", "意思形成過程における情報の取扱いに留意しなければならない。"),
    Category.ACCURACY: Clause(
        "6(1)エ", "発信する情報は正確に記述するとともに、その内容について誤解を生じないよう留意しなければならない"
    ),
    Category.MEDIA_CONSENT: Clause(
        "5(4)イ", "写真・動画を組み合わせることで、視覚的にＰＲできるが、個人情報、肖像権・著作権等について、十分に配慮する。"
    ),
    Category.EXTERNAL_REFERENCE: Clause(
        "5(4)ウ",
        "他のソーシャルメディアの投稿を引用したり、他のホームページ等へのリンクを掲載する場合、"
        "利用者は「本市の投稿である」、「本市のホームページである」と捉える可能性があるため、慎重に行う。",
    ),
    Category.REPLY_TONE: Clause(
        "6(1)カ・5(5)ア(ア)",
        "自らが発信した情報に関し攻撃的な反応があった場合には、冷静に対応し無用な議論となることを避けなければならない。"
        "反論や抗弁を控え、冷静に対応する。",
    ),
    Category.WORKING_HOURS: Clause("6(1)ク", "業務として利用する場合を除き、就業時間中に利用してはならない。"),
    Category.OPERATING_HOURS: Clause("5(1)カ", "ソーシャルメディアを運用する時間を検討して決定する。"),
    Category.ACCOUNT_PERIOD: Clause(
        "5(1)オ・5(3)イ",
        "ソーシャルメディアを運用する開始日、終了日を検討して決定する。"
        "運用を終了した場合には、乗っ取り等のリスクがあることから、放置することなく速やかにアカウントを削除",
    ),
}

# Codes that may fire in each mode (DESIGN §1: political activity is a comment category, the
# city itself announces elections; off-topic needs a policy's topics, which only comments have).
COMMENT_CATEGORIES = frozenset(_COMMENT_CLAUSES)
DRAFT_CATEGORIES = frozenset(_DRAFT_CLAUSES)


def clause_for(category: Category, mode: str) -> Clause:
    table = _COMMENT_CLAUSES if mode == "comment" else _DRAFT_CLAUSES
    return table[category]


def allowed_in(category: Category, mode: str) -> bool:
    return category in (COMMENT_CATEGORIES if mode == "comment" else DRAFT_CATEGORIES)


# Suggested action per severity (guideline 5(5): delete serious posts, watch the rest, report
# flare-ups to 市広報担当).
COMMENT_ACTIONS = {
    Severity.HIGH: "削除を検討し、市広報担当へ報告",
    Severity.MEDIUM: "削除を検討",
    Severity.LOW: "経過観察",
}
DRAFT_ACTIONS = {
    Severity.HIGH: "投稿前に必ず修正",
    Severity.MEDIUM: "投稿前に確認・修正",
    Severity.LOW: "確認のうえ投稿可",
}


def action_for(severity: Severity, mode: str) -> str:
    return (COMMENT_ACTIONS if mode == "comment" else DRAFT_ACTIONS)[severity]


CATEGORY_TITLES = {
    Category.LAW_VIOLATION: "法令違反（脅迫・業務妨害・違法な売買・わいせつ物頒布）",
    Category.DEFAMATION: "誹謗中傷・侮辱",
    Category.POLITICAL_RELIGIOUS: "政治・宗教活動",
    Category.IP_INFRINGEMENT: "知的財産権の侵害",
    Category.COMMERCIAL: "広告・宣伝・営利目的",
    Category.DISCRIMINATION: "差別・差別の助長",
    Category.PUBLIC_ORDER: "公序良俗違反",
    Category.FALSE_INFO: "虚偽・根拠のない情報",
    Category.PRIVACY: "個人情報・プライバシー",
    Category.ILLEGAL_INCITEMENT: "違法行為・違法行為の扇動",
    Category.OFF_TOPIC: "無関係な投稿",
    Category.OTHER_INAPPROPRIATE: "その他市が不適切と判断したもの",
    Category.CONFIDENTIAL: "秘密・内部情報",
    Category.SECURITY: "セキュリティ情報",
    Category.DELIBERATION: "意思形成過程の情報",
    Category.ACCURACY: "日付・連絡先の誤り",
    Category.MEDIA_CONSENT: "写真・動画の同意",
    Category.EXTERNAL_REFERENCE: "外部リンク・他者投稿の引用",
    Category.REPLY_TONE: "返信の言葉づかい",
    Category.WORKING_HOURS: "就業時間中の私的利用",
    Category.OPERATING_HOURS: "運用時間外の投稿",
    Category.ACCOUNT_PERIOD: "運用期間外の投稿",
}
