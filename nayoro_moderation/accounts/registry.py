"""The city's list of official accounts (guideline 5(3), 様式2–5) as one TOML file.

Each account carries what the 名寄市ソーシャルメディア一覧 and the four forms need — 主管課, platform,
account name, handle and URL, its 運用ポリシー file, operating period — and the dates of the forms
already exchanged: 様式2 (掲載依頼), 様式3 (掲載通知), 様式4 (削除依頼), 様式5 (削除通知), plus the day the
account itself was closed on its platform.  Validated like a policy: every invalid field is named.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from ..policy import Department, Period, _a_day, _message, _platform
from ..validation import After, Before, Record, validate

# 市広報担当: the addressee of 様式2 and 様式4 and the sender of 様式3 and 様式5.
PUBLICITY_SECTION = "総合政策部秘書広報課"


class RegistryError(ValueError):
    """A registry file that cannot be used; the message lists every problem."""


def _day_or_none(value: Any) -> Any:
    return None if value in ("", None) else _a_day(value)


def _handle(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip()
    if any(c.isspace() for c in text):
        raise ValueError(f"「{value}」: ハンドルに空白は入りません（例: @nayoro_city）")
    return text


def _account_id(value: str) -> str:
    if not value or not all(c.isascii() and (c.isalnum() or c in "-_") for c in value):
        raise ValueError(f"「{value}」: id は英数字と - _ で書いてください（例: city-x）")
    return value


def _url(value: str) -> str:
    if value and not value.startswith(("https://", "http://")):
        raise ValueError(f"「{value}」は https:// で始まる URL ではありません")
    return value


Day = Annotated[date | None, Before(_day_or_none)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Account(Record):
    id: Annotated[str, After(_account_id)]  # used on the command line: --account ID
    department: Department  # 主管課
    contact: str = ""  # 担当者 (様式2・4 の「担当」)
    platform: Annotated[str, Before(_platform)]
    name: str  # アカウント名（登録名称）
    handle: Annotated[str, Before(_handle)] = ""
    url: Annotated[str, After(_url)] = ""
    policy: str = ""  # the 運用ポリシー file, relative to the registry
    period: Period  # 運用期間
    listing_requested: Day = None  # 様式2 掲載依頼書の日付
    listed: Day = None  # 様式3 掲載通知書の日付
    closed: Day = None  # 閉鎖日: the account deleted on its platform
    closing_reason: str = ""  # 閉鎖理由 (様式4)
    removal_requested: Day = None  # 様式4 削除依頼書の日付
    removed: Day = None  # 様式5 削除通知書の日付
    notes: str = ""  # 備考 (様式3・5)

    def _check(self):
        order = (
            ("listing_requested", "listed", "様式3（掲載通知）が様式2（掲載依頼）より前です"),
            ("closed", "removal_requested", "様式4（削除依頼）が閉鎖日より前です"),
            ("removal_requested", "removed", "様式5（削除通知）が様式4（削除依頼）より前です"),
        )
        for first, then, message in order:
            a, b = getattr(self, first), getattr(self, then)
            if a is not None and b is not None and b < a:
                raise ValueError(f"{message}（{first} {a.isoformat()}、{then} {b.isoformat()}）")
        if self.removal_requested is not None and self.closed is None:
            raise ValueError("様式4（削除依頼）は閉鎖したアカウントについて出すものです: closed（閉鎖日）を書いてください")
        return self

    @property
    def handle_key(self) -> str:
        """The handle as platforms compare it: no @, case ignored."""
        return self.handle.removeprefix("@").casefold()

    @property
    def active(self) -> bool:
        """Not yet closed on its platform."""
        return self.closed is None

    @property
    def on_list(self) -> bool:
        """Shown on the public list: listed (様式3) and not yet removed from it (様式5)."""
        return self.listed is not None and self.removed is None

    def label(self) -> str:
        handle = f" {self.handle}" if self.handle else ""
        return f"「{self.name}」（{self.platform}{handle}）"


def _unique_ids(accounts: tuple[Account, ...]) -> tuple[Account, ...]:
    seen: set[str] = set()
    twice = [a.id for a in accounts if a.id in seen or seen.add(a.id)]
    if twice:
        raise ValueError(f"id が重複しています: {', '.join(dict.fromkeys(twice))}")
    return accounts


def _positive(value: int) -> int:
    if value < 1:
        raise ValueError(f"1 以上の日数で書いてください（{value}）")
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class Registry(Record):
    publicity_section: str = PUBLICITY_SECTION  # 市広報担当
    # Days the 広報担当 has to answer a 様式2 with a 様式3, or a 様式4 with a 様式5, before check says so.
    notice_days: Annotated[int, After(_positive)] = 14
    accounts: Annotated[tuple[Account, ...], After(_unique_ids)]
    source: str = ""

    @classmethod
    def load(cls, path: str | Path) -> Registry:
        path = Path(path)
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise RegistryError(f"{path}: no such registry file") from None
        except IsADirectoryError:
            raise RegistryError(f"{path}: is a directory, not a registry file") from None
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise RegistryError(f"{path}: cannot read registry: {exc}") from None
        data.pop("source", None)  # set from the path, never by the file
        from pydantic import ValidationError

        try:
            return validate(cls, {**data, "source": str(path)})
        except ValidationError as exc:
            errors = [_describe(e["loc"], _message(e), data) for e in exc.errors()]
            lines = "\n".join(f"  {line}" for line in errors)
            raise RegistryError(f"{path}: invalid registry ({len(errors)}件)\n{lines}") from None

    def account(self, account_id: str) -> Account:
        for account in self.accounts:
            if account.id == account_id:
                return account
        known = ", ".join(a.id for a in self.accounts)
        raise RegistryError(f"{account_id}: no account of that id in {self.source} (ids: {known})")

    def policy_path(self, account: Account) -> Path | None:
        if not account.policy:
            return None
        base = Path(self.source).parent if self.source else Path.cwd()
        return base / account.policy


FIELD_LABELS = {
    "id": "id", "department": "主管課", "contact": "担当", "platform": "ソーシャルメディアの種類",
    "name": "アカウント名", "handle": "ハンドル", "url": "URL", "policy": "運用ポリシー",
    "period": "運用期間", "listing_requested": "様式2 掲載依頼", "listed": "様式3 掲載通知",
    "closed": "閉鎖日", "closing_reason": "閉鎖理由", "removal_requested": "様式4 削除依頼",
    "removed": "様式5 削除通知", "notes": "備考", "notice_days": "通知までの日数",
    "publicity_section": "市広報担当", "accounts": "アカウント",
}


def _describe(loc: tuple, message: str, data: dict) -> str:
    """accounts[2] (event-x).period.end（運用期間）: 日付として読めません"""
    parts, label = [], None
    for i, p in enumerate(loc):
        if isinstance(p, int):
            parts[-1] += f"[{p + 1}]"
            if loc[:i] == ("accounts",):
                raw = data.get("accounts", [])
                if p < len(raw) and isinstance(raw[p], dict) and raw[p].get("id"):
                    parts[-1] += f" ({raw[p]['id']})"
        else:
            parts.append(str(p))
            label = FIELD_LABELS.get(str(p), label)
    where = ".".join(parts) or "registry"
    return f"{where}（{label}）: {message}" if label else f"{where}: {message}"
