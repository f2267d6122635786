"""The 様式1 notice an account shows on its profile (guideline 5(4)エ), rendered from a Policy.

注意事項 ⑴–⑿, 知的財産権 and 免責事項 are the guideline's own words; the rest comes from the policy.
"""

from __future__ import annotations

from datetime import date, time

from .categories import COMMENT_CATEGORIES, clause_for
from .jpdates import era_of, format_era_year
from .policy import FORM_PLATFORMS, REPLY_WORDING, Hours, Policy

NOTICE_INTRO = "以下に定める投稿は禁止しておりますので，予告なく削除することがあります。"
INTELLECTUAL_PROPERTY = (
    "当ページに掲載している個々の情報（テキスト、画像等）に関する知的財産権は本市、または原著作者に帰属します。"
    "また内容について「私的使用のための複製」や「引用」など著作権法上認められた場合を除き、無断で複製・転用することはできません。"
)
DISCLAIMERS = (
    "⑴ 本ソーシャルメディアを利用し生じた被害や、関連して生じた利用者間、または利用者と第三者間のトラブルについては、"
    "一切の責任を負いません。",
    "⑵ 本ソーシャルメディアは、予告なしに運用ポリシーの変更や運用方法の見直し、運用の中止などをする場合があります。",
)
_OUTSIDE_HOURS = "ただし、それ以外の時間に発信する場合があります。"


def prohibited_posts() -> list[str]:
    """注意事項 ⑴–⑿ in the guideline's order and words."""
    clauses = sorted((clause_for(c, "comment") for c in COMMENT_CATEGORIES), key=lambda cl: cl.label)
    return [f"{cl.label.split()[-1]} {cl.text}" for cl in clauses]


def _japanese_date(day: date) -> str:
    era, n = era_of(day)
    return f"{format_era_year(era, n)}{day.month}月{day.day}日"


def _clock(t: time) -> str:
    return f"{t.hour}時{t.minute:02d}分" if t.minute else f"{t.hour}時"


def hours_sentence(hours: Hours, posts_outside: bool = True) -> str:
    """様式1 記載例: 〇曜日から〇曜日までの〇〇時〇〇分から〇〇時〇〇分までとします（祝日及び年末年始を除く）。"""
    text = f"{hours.weekday_text()}の{_clock(hours.start)}から{_clock(hours.end)}までとします{hours.exclusions_text()}。"
    return text + (_OUTSIDE_HOURS if posts_outside else "")


def platform_boxes(platforms: tuple[str, ...]) -> str:
    """□ＬＩＮＥ □フェイスブック … with the ones used checked, as the form prints them."""
    boxes = [f"{'☑' if p in platforms else '□'}{p}" for p in FORM_PLATFORMS]
    others = [p for p in platforms if p not in FORM_PLATFORMS]
    boxes.append(f"☑その他（{'、'.join(others)}）" if others else "□その他")
    return " ".join(boxes)


def render_notice(policy: Policy, blanks: bool = False) -> str:
    """The notice for the account's profile.  The policy must be complete (``form_problems`` empty),
    unless ``blanks``: then a missing field is printed as 【記入: what to write】."""
    lines = ["運用ポリシー", ""]
    lines.append(f"アカウント名: {policy.account_name}")
    if policy.department is not None:
        lines.append(f"開設所属: 名寄市 {policy.department}")
    elif blanks:
        lines.append("開設所属: 名寄市 【記入: 〇〇部〇〇課〇〇係】")
    lines.append(f"利用するソーシャルメディア: {platform_boxes(policy.platforms)}")
    if policy.period is not None:
        end = _japanese_date(policy.period.end) if policy.period.end else ""
        lines.append(f"運用期間: {_japanese_date(policy.period.start)} ～ {end}")
    elif blanks:
        lines.append("運用期間: 【記入: 開始日】 ～ 【記入: 終了日】")
    sections = [
        ("発信する情報の内容", policy.content.strip()),
        ("開設・運用の目的", policy.purpose.strip()),
        ("運用時間", hours_sentence(policy.operating_hours, policy.posts_outside_hours) if policy.operating_hours else ""),
        ("投稿に対する返信", REPLY_WORDING.get(policy.reply or "", "")),
    ]
    if policy.notes.strip():
        sections.append(("備考", policy.notes.strip()))
    for title, body in sections:
        lines += ["", f"■ {title}", body or (f"【記入: {title}】" if blanks else "")]
    lines += ["", "（その他）", "１ 注意事項", NOTICE_INTRO, *prohibited_posts()]
    lines += ["２ 知的財産権", INTELLECTUAL_PROPERTY]
    lines += ["３ 免責事項", *DISCLAIMERS]
    return "\n".join(lines) + "\n"
