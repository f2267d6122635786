"""様式2–5 filled in from the registry, and the public 名寄市ソーシャルメディア一覧 page (guideline 5(3)).

The forms keep the guideline's wording and layout: the date top right, the addressee, the sender
block (部・課, 課長, 担当), the centred title, the body sentence and the table of the form.  A date the
registry does not hold yet is left as the blank 「令和　　年　　月　　日」 to be written by hand.
様式3 and 様式5 have only アカウント名 and 備考: the platform, handle and URL go into 備考 so that the
section reading the notice knows which account is meant.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..jpdates import era_of, format_era_year
from ..notice import platform_boxes, render_notice
from ..policy import Policy
from .registry import Account, Registry, RegistryError

FORM_TITLES = {
    2: "名寄市ソーシャルメディア一覧掲載依頼書",
    3: "名寄市ソーシャルメディア一覧掲載通知書",
    4: "名寄市ソーシャルメディア一覧削除依頼書",
    5: "名寄市ソーシャルメディア一覧削除通知書",
}
# The body sentences, in the guideline's words.
FORM_BODIES = {
    2: "別添の運用ポリシーのとおり、ソーシャルメディアを開設しましたので、市公式ホームページの"
       "「名寄市ソーシャルメディア一覧」ページへの掲載を依頼します。",
    3: "貴課からの名寄市ソーシャルメディア一覧掲載依頼書に基づき、次のとおり市公式ホームページの"
       "「名寄市ソーシャルメディア一覧」ページへの掲載を完了しましたので通知します。",
    4: "次のとおり、ソーシャルメディアを閉鎖しましたので、市公式ホームページの"
       "「名寄市ソーシャルメディア一覧」ページからの削除を依頼します。",
    5: "貴課からの名寄市ソーシャルメディア一覧削除依頼書に基づき、次のとおり市公式ホームページの"
       "「名寄市ソーシャルメディア一覧」ページからの削除を完了しましたので通知します。",
}
# Which registry date each form carries.
FORM_DATES = {2: "listing_requested", 3: "listed", 4: "removal_requested", 5: "removed"}
BLANK_DATE = "令和　　年　　月　　日"
LIST_TITLE = "名寄市ソーシャルメディア一覧"
_WIDTH = 76  # columns of a printed text form (a full-width character takes two)


def japanese_date(day: date | None) -> str:
    if day is None:
        return BLANK_DATE
    era, n = era_of(day)
    return f"{format_era_year(era, n)}{day.month}月{day.day}日"


@dataclass(frozen=True, slots=True)
class Form:
    number: int
    date: str
    addressee: str
    sender: tuple[str, ...]  # lines of the sender block
    title: str
    body: str
    rows: tuple[tuple[str, str], ...]  # the form's table: label, value
    attachments: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"様式{'２３４５'[self.number - 2]}"


def _section_head(account: Account) -> str:
    return f"{account.department.section}長"


def _request_sender(account: Account) -> tuple[str, ...]:
    # 部　課 / 課長 / （担当：　） as the form prints them
    return (f"{account.department.division}　{account.department.section}", "課長", f"（担当：{account.contact or '　　　　'}）")


def _remarks(account: Account) -> str:
    where = " ".join(p for p in (account.platform, account.handle, account.url) if p)
    return "\n".join(p for p in (where, account.notes.strip()) if p)


def fill(registry: Registry, account: Account, number: int, day: date | None = None) -> Form:
    """様式``number`` for ``account``, dated ``day`` or the registry's date for that form."""
    if number not in FORM_TITLES:
        raise RegistryError(f"様式{number}: forms 2, 3, 4 and 5 exist (様式1 is the policy: policy render)")
    if number in (4, 5) and account.closed is None and day is None:
        raise RegistryError(f"{account.id}: 様式{number} is for a closed account, and this one has no closed date")
    day = day or getattr(account, FORM_DATES[number])
    publicity_head = f"{registry.publicity_section}長"
    if number == 2:
        return Form(2, japanese_date(day), publicity_head, _request_sender(account), FORM_TITLES[2], FORM_BODIES[2], (),
                    ("１ 運用ポリシー（様式１）",))
    if number == 4:
        rows = (
            ("ソーシャルメディアの種類", platform_boxes((account.platform,))),
            ("アカウント名", account.name),
            ("閉鎖日", japanese_date(account.closed)),
            ("閉鎖理由", account.closing_reason),
        )
        return Form(4, japanese_date(day), publicity_head, _request_sender(account), FORM_TITLES[4], FORM_BODIES[4], rows)
    rows = (("アカウント名", account.name), ("備考", _remarks(account)))
    return Form(number, japanese_date(day), _section_head(account), (publicity_head,), FORM_TITLES[number],
                FORM_BODIES[number], rows)


# --- text --------------------------------------------------------------------------------------


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _right(text: str) -> str:
    return " " * max(0, _WIDTH - _columns(text)) + text


def _indent_block(lines: tuple[str, ...]) -> list[str]:
    # The sender block stands right of centre, its lines aligned on the left as on the printed form.
    width = max(_columns(line) for line in lines)
    pad = " " * max(0, _WIDTH - max(width, 30))
    return [pad + line for line in lines]


def _wrap(text: str, first: str = "　", width: int = _WIDTH) -> list[str]:
    lines, line = [], first
    for char in text:
        if _columns(line + char) > width:
            lines.append(line)
            line = ""
        line += char
    return lines + [line]


def form_text(form: Form) -> str:
    lines = [form.label, "", _right(form.date), "", form.addressee, ""]
    lines += _indent_block(form.sender)
    lines += ["", " " * ((_WIDTH - _columns(form.title)) // 2) + form.title, ""]
    lines += _wrap(form.body)
    if form.rows:
        label_width = max(_columns(label) for label, _ in form.rows) + 2
        lines.append("")
        for label, value in form.rows:
            values = (value or "").split("\n")
            lines.append(label + " " * (label_width - _columns(label)) + values[0])
            lines += [" " * label_width + more for more in values[1:]]
    if form.attachments:
        lines += ["", "（添付書類）", *form.attachments]
    return "\n".join(lines) + "\n"


# --- HTML --------------------------------------------------------------------------------------


def _environment():
    from ..scan.html import require_jinja

    jinja2 = require_jinja()
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent),
        autoescape=True,  # names, notes and policy texts are the registry's, but never trusted as markup
        trim_blocks=True,
        lstrip_blocks=True,
    )


def form_html(form: Form) -> str:
    return _environment().get_template("form.html.j2").render(form=form)


# --- the public list (5(3)ア, 5(4)エ) -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ListEntry:
    account: Account
    policy: Policy
    notice: str  # the 様式1 notice, as the profile shows it


def list_entries(registry: Registry) -> list[ListEntry]:
    """The accounts the public page shows — listed (様式3) and not closed — each with its policy.

    A listed account whose policy is missing or incomplete stops the page: 5(3)ア asks the list to
    show every account's 運用ポリシー."""
    from ..policy import policy_problems

    entries = []
    for account in registry.accounts:
        if not account.on_list or not account.active:
            continue
        path = registry.policy_path(account)
        if path is None or not path.is_file():
            raise RegistryError(f"{account.id}: no 運用ポリシー file for the list page ({account.policy or 'policy is empty'})")
        policy, problems = policy_problems(path)
        if problems:
            raise RegistryError(f"{account.id}: 運用ポリシー {account.policy} has {len(problems)} problem(s); run: policy check {path}")
        entries.append(ListEntry(account, policy, render_notice(policy)))
    return entries


def list_text(registry: Registry) -> str:
    lines = [LIST_TITLE, ""]
    for entry in list_entries(registry):
        a = entry.account
        lines += [f"■ {a.name}（{a.platform}）", f"主管課: {a.department}", f"アカウント: {a.handle or '―'}  {a.url}",
                  f"運用期間: {japanese_date(a.period.start)} ～ {japanese_date(a.period.end) if a.period.end else ''}", ""]
        lines += [f"    {line}" if line else "" for line in entry.notice.rstrip("\n").split("\n")]
        lines.append("")
    return "\n".join(lines)


def list_html(registry: Registry) -> str:
    return _environment().get_template("list.html.j2").render(
        title=LIST_TITLE, entries=list_entries(registry), japanese_date=japanese_date
    )
