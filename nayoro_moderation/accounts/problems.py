"""``accounts check``: what in the registry needs someone to act (guideline 5(3)).

The worst is an account left running after its period: 5(3)イ asks for it to be deleted at once
because an unattended account can be taken over, and a taken-over official account speaks for the
city.  The rest keep the public list honest: every listed account has its 運用ポリシー and agrees with
it, and every 様式2 and 様式4 is answered by its 様式3 and 様式5.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..categories import Severity
from ..jpdates import JST
from ..policy import Policy, policy_problems
from .registry import Account, Registry

ENDING_SOON_DAYS = 30

_SEVERITY_ORDER = {Severity.HIGH: 0, Severity.MEDIUM: 1, Severity.LOW: 2}


@dataclass(frozen=True, slots=True)
class Problem:
    account_id: str
    kind: str  # stable kebab-case name: left-running, ending-soon, no-policy, …
    severity: Severity
    message: str  # Japanese, one line, says what to do

    def line(self, source: str = "") -> str:
        prefix = f"{source}: " if source else ""
        return f"{prefix}{self.severity.value} {self.kind} {self.account_id}: {self.message}"


def _days(n: int) -> str:
    return f"{n}日"


def _policy_problems(registry: Registry, account: Account, loaded: dict) -> tuple[Policy | None, list[Problem]]:
    path = registry.policy_path(account)
    if path is None:
        return None, [Problem(account.id, "no-policy", Severity.MEDIUM,
                              f"{account.label()}に運用ポリシー（様式1）がありません。一覧には運用ポリシーを明示します（5(3)ア）")]
    if path not in loaded:
        loaded[path] = policy_problems(path) if path.is_file() else (None, None)
    policy, problems = loaded[path]
    if problems is None:
        return None, [Problem(account.id, "no-policy", Severity.MEDIUM,
                              f"{account.label()}の運用ポリシー {account.policy} が見つかりません（5(3)ア）")]
    if problems:
        return None, [Problem(account.id, "policy-invalid", Severity.MEDIUM,
                              f"{account.label()}の運用ポリシー {account.policy} に{len(problems)}件の問題があります: "
                              f"{problems[0]}（policy check {account.policy} で全件）")]
    return policy, []


def _mismatches(account: Account, policy: Policy) -> list[Problem]:
    differ = []
    if policy.account_name != account.name:
        differ.append(f"アカウント名が台帳「{account.name}」、運用ポリシー「{policy.account_name}」")
    if account.platform not in policy.platforms:
        differ.append(f"ソーシャルメディアの種類「{account.platform}」が運用ポリシー（{'・'.join(policy.platforms)}）にありません")
    if policy.period is not None and (policy.period.start, policy.period.end) != (account.period.start, account.period.end):
        differ.append(f"運用期間が台帳 {_span(account.period.start, account.period.end)}、"
                      f"運用ポリシー {_span(policy.period.start, policy.period.end)}")
    if policy.department is not None and policy.department.section != account.department.section:
        differ.append(f"主管課が台帳「{account.department.section}」、運用ポリシー「{policy.department.section}」")
    return [Problem(account.id, "policy-mismatch", Severity.MEDIUM, f"{account.label()}: {d}") for d in differ]


def _span(start: date, end: date | None) -> str:
    return f"{start.isoformat()}〜{end.isoformat() if end else ''}"


def _period_problems(account: Account, today: date) -> list[Problem]:
    end = account.period.end
    if end is None or not account.active:
        return []
    if end < today:
        return [Problem(account.id, "left-running", Severity.HIGH,
                        f"{account.label()}は運用期間が{end.isoformat()}に終わって{_days((today - end).days)}たちますが、"
                        "閉鎖されていません。乗っ取りのおそれがあるため速やかにアカウントを削除し、"
                        "様式4で一覧からの削除を依頼してください（5(3)イ）")]
    if (end - today).days <= ENDING_SOON_DAYS:
        return [Problem(account.id, "ending-soon", Severity.LOW,
                        f"{account.label()}の運用期間はあと{_days((end - today).days)}（{end.isoformat()}まで）です。"
                        "続けるなら運用ポリシーの期間を延ばし、終えるならアカウントの削除と様式4を準備してください")]
    return []


def _form_problems(registry: Registry, account: Account, today: date) -> list[Problem]:
    wait = registry.notice_days
    found = []
    if account.active and account.listing_requested is None and account.period.start <= today:
        found.append(Problem(account.id, "not-listed", Severity.LOW,
                             f"{account.label()}の掲載依頼（様式2）がありません。運用ポリシーとともに市広報担当へ提出してください（5(3)ア(ア)）"))
    if account.active and account.listing_requested and account.listed is None and (today - account.listing_requested).days > wait:
        found.append(Problem(account.id, "listing-not-notified", Severity.LOW,
                             f"{account.label()}の掲載依頼（様式2、{account.listing_requested.isoformat()}）から"
                             f"{_days((today - account.listing_requested).days)}たちますが、掲載通知（様式3）がありません（5(3)ア(イ)）"))
    if account.closed and account.removal_requested is None and (account.listed or account.listing_requested):
        found.append(Problem(account.id, "closed-still-listed", Severity.MEDIUM,
                             f"{account.label()}は{account.closed.isoformat()}に閉鎖しましたが、一覧からの削除依頼（様式4）が"
                             "出ていません。一覧に残ったリンクは第三者が取得した同名アカウントへ利用者を導きかねません（5(3)イ(ア)）"))
    if account.removal_requested and account.removed is None and (today - account.removal_requested).days > wait:
        found.append(Problem(account.id, "removal-not-notified", Severity.MEDIUM,
                             f"{account.label()}の削除依頼（様式4、{account.removal_requested.isoformat()}）から"
                             f"{_days((today - account.removal_requested).days)}たちますが、削除通知（様式5）がありません。"
                             "一覧から削除されたか確認してください（5(3)イ(イ)）"))
    return found


def _duplicate_handles(registry: Registry) -> list[Problem]:
    first: dict[tuple[str, str], Account] = {}
    found = []
    for account in registry.accounts:
        if not account.handle or not account.active:
            continue
        key = (account.platform, account.handle_key)
        if key in first:
            found.append(Problem(account.id, "duplicate-handle", Severity.MEDIUM,
                                 f"{account.label()}のハンドルは {first[key].id} と同じです。"
                                 "同じソーシャルメディアに同じハンドルは一つしかありません: どちらかが誤りです"))
        else:
            first[key] = account
    return found


def check(registry: Registry, today: date | None = None) -> list[Problem]:
    """Every problem of the registry on ``today`` (Japan's today by default), the most severe first."""
    today = today or datetime.now(JST).date()
    loaded: dict[Path, tuple] = {}
    found: list[Problem] = []
    for account in registry.accounts:
        found += _period_problems(account, today)
        if account.active:
            policy, problems = _policy_problems(registry, account, loaded)
            found += problems
            if policy is not None:
                found += _mismatches(account, policy)
        found += _form_problems(registry, account, today)
    found += _duplicate_handles(registry)
    order = {a.id: i for i, a in enumerate(registry.accounts)}
    return sorted(found, key=lambda p: (_SEVERITY_ORDER[p.severity], order[p.account_id]))
