"""運用ポリシー (様式1) as configuration (DESIGN §6).

A policy file holds the fields of the guideline's 様式1 — department, content, purpose, platforms,
account name, operating period, operating hours and reply policy — and what the engine needs beside
them: topics (⑾), the city's official contacts and domains, staff working hours (6(1)ク) and extra
rule folders.  Every 様式1 field is optional for the engine (the default policy only carries Nayoro's
public facts); ``form_problems`` says which ones a policy still lacks before it can be published.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated, Any

from .jpdates import WEEKDAYS, holiday_name, in_japan, is_year_end
from .toml_file import TomlFileError, read_toml
from .validation import After, Before, Record, validate


class PolicyError(ValueError):
    """A policy file that cannot be used; the message lists every problem."""


# --- parts of the form -----------------------------------------------------------------------------


# Frozen dataclasses, not pydantic models: a check must not import pydantic (0.13–0.2 s of its start,
# see validation.py).  The default policy comes validated from the derived cache; a policy file is
# validated by pydantic (``validate``), imported only then, through the Before/After hooks on the
# fields and each class's ``_check``.  kw_only: fields keep the order of the form (and of the errors)
# whether or not they have a default.
def _bare_domains(domains: tuple[str, ...]) -> tuple[str, ...]:
    bad = [d for d in domains if not d or "/" in d or " " in d or "." not in d]
    if bad:
        raise ValueError(f"ドメイン名だけを書いてください（例: city.nayoro.lg.jp）: {', '.join(map(repr, bad))}")
    return tuple(d.lower().strip(".") for d in domains)


@dataclass(frozen=True, kw_only=True)
class OfficialFacts(Record):
    """Public contacts of the city: never privacy findings, and the reference for accuracy checks."""

    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    email_domains: Annotated[tuple[str, ...], After(_bare_domains)] = ()
    web_domains: Annotated[tuple[str, ...], After(_bare_domains)] = ()
    addresses: tuple[str, ...] = ()
    postal_codes: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Department(Record):
    """開設所属: 部・課・係."""

    division: str = ""  # 部
    section: str = ""  # 課
    unit: str = ""  # 係

    def _check(self):
        if not (self.division or self.section or self.unit):
            raise ValueError("部・課・係のどれも書かれていません")
        return self

    def __str__(self) -> str:
        return "　".join(p for p in (self.division, self.section, self.unit) if p)


def _a_day(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"「{value}」は日付として読めません（例: 2024-04-01）") from None
    return value


@dataclass(frozen=True, kw_only=True)
class Period(Record):
    """運用期間: the first and last day the account is run (5(1)オ)."""

    start: Annotated[date, Before(_a_day)]
    end: Annotated[date | None, Before(_a_day)] = None

    def _check(self):
        if self.end is not None and self.end < self.start:
            raise ValueError(f"終了日 {self.end.isoformat()} が開始日 {self.start.isoformat()} より前です")
        return self

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


_WEEKDAY_NAMES = {
    **{d: d for d in WEEKDAYS},
    **{f"{d}曜": d for d in WEEKDAYS},
    **{f"{d}曜日": d for d in WEEKDAYS},
    **dict(zip(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), WEEKDAYS)),
    **dict(zip(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), WEEKDAYS)),
}


def _time_of_day(value: Any) -> Any:
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        hour, sep, minute = text.partition(":")
        if sep and hour.isdigit() and minute.isdigit() and len(minute) == 2 and int(hour) < 24 and int(minute) < 60:
            return time(int(hour), int(minute))
        raise ValueError(f"「{value}」は時刻として読めません（HH:MM で、例: \"08:45\"）")
    raise ValueError("時刻は \"08:45\" のように文字列で書いてください")


def _weekdays(value: Any) -> Any:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        return value
    days, unknown = [], []
    for item in value:
        name = _WEEKDAY_NAMES.get(unicodedata.normalize("NFKC", str(item)).strip().lower())
        if name is None:
            unknown.append(f"「{item}」")
        elif name not in days:
            days.append(name)
    if unknown:
        raise ValueError(f"{'、'.join(unknown)}は曜日ではありません（月 火 水 木 金 土 日 のどれか）")
    if not days:
        raise ValueError("曜日が一つもありません")
    return tuple(sorted(days, key=WEEKDAYS.index))


@dataclass(frozen=True, kw_only=True)
class Hours(Record):
    """Weekly hours with the days off of Japanese public offices: 運用時間 (5(1)カ) or 就業時間 (6(1)ク)."""

    weekdays: Annotated[tuple[str, ...], Before(_weekdays)] = ("月", "火", "水", "木", "金")
    start: Annotated[time, Before(_time_of_day)]
    end: Annotated[time, Before(_time_of_day)]
    exclude_holidays: bool = True  # 祝日を除く
    exclude_year_end: bool = True  # 年末年始（12月29日〜1月3日）を除く

    def _check(self):
        if self.end <= self.start:
            raise ValueError(f"終了 {self.end:%H:%M} が開始 {self.start:%H:%M} より後ではありません")
        return self

    def outside_reason(self, moment: datetime) -> str | None:
        """Why a moment (Japan time) falls outside these hours, or None when it is inside them."""
        m = in_japan(moment)
        day = m.date()
        if self.exclude_year_end and is_year_end(day):
            return "年末年始（12月29日〜1月3日）"
        if self.exclude_holidays and (name := holiday_name(day)):
            return f"祝日（{name}）"
        if WEEKDAYS[day.weekday()] not in self.weekdays:
            return f"{WEEKDAYS[day.weekday()]}曜日"
        if not self.start <= m.time().replace(tzinfo=None) < self.end:
            return f"{self.start:%H:%M}〜{self.end:%H:%M} の時間外（{m:%H:%M}）"
        return None

    def weekday_text(self) -> str:
        """月曜日から金曜日まで / 月曜日・水曜日・金曜日 — as 様式1's 記載例 words it."""
        idx = [WEEKDAYS.index(d) for d in self.weekdays]
        if len(idx) > 2 and idx == list(range(idx[0], idx[-1] + 1)):
            return f"{self.weekdays[0]}曜日から{self.weekdays[-1]}曜日まで"
        return "・".join(f"{d}曜日" for d in self.weekdays)

    def exclusions_text(self) -> str:
        parts = [p for p, on in (("祝日", self.exclude_holidays), ("年末年始", self.exclude_year_end)) if on]
        return f"（{'及び'.join(parts)}を除く）" if parts else ""


# 様式1 の記載例, quoted from the guideline.
REPLY_WORDING = {
    "返信しない": "原則として行いません。\n個別の回答はできませんので，あらかじめ御了承ください。",
    "返信する": "運用者は必要に応じて回答を行います。ただし，運用者が全ての投稿を閲覧し投稿に対して回答することを保証するものではありません。",
}
_REPLY_ALIASES = {"返信する": "返信する", "する": "返信する", "返信しない": "返信しない", "しない": "返信しない"}

# The platforms 様式1 lists with a check box; anything else is その他（…）.
FORM_PLATFORMS = ("LINE", "フェイスブック", "ツイッター(X)")
_PLATFORM_ALIASES = {
    "line": "LINE",
    "facebook": "フェイスブック", "フェイスブック": "フェイスブック", "fb": "フェイスブック",
    "twitter": "ツイッター(X)", "x": "ツイッター(X)", "ツイッター": "ツイッター(X)", "ツイッター(x)": "ツイッター(X)",
    "x(旧twitter)": "ツイッター(X)", "x(twitter)": "ツイッター(X)", "twitter(x)": "ツイッター(X)",
}


def _platform(name: str) -> str:
    key = unicodedata.normalize("NFKC", name).strip()
    return _PLATFORM_ALIASES.get(key.lower().replace(" ", ""), key)


# --- the policy ------------------------------------------------------------------------------------


def _platforms(value: Any) -> Any:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        return value
    names = [_platform(v) for v in value]
    if any(not n for n in names):
        raise ValueError("空の名前があります")
    return tuple(dict.fromkeys(names))


def _reply(value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    canonical = _REPLY_ALIASES.get(value.strip())
    if canonical is None:
        raise ValueError(f"「{value}」ではなく「返信する」か「返信しない」と書いてください")
    return canonical


@dataclass(frozen=True, kw_only=True)
class Policy(Record):
    # 様式1
    department: Department | None = None  # 開設所属
    content: str = ""  # 発信する情報の内容
    purpose: str = ""  # 開設・運用の目的
    platforms: Annotated[tuple[str, ...], Before(_platforms)] = ()  # 利用するソーシャルメディアの種類
    account_name: str = ""  # アカウント名
    period: Period | None = None  # 運用期間
    operating_hours: Hours | None = None  # 運用時間
    posts_outside_hours: bool = True  # 「ただし、それ以外の時間に発信する場合があります。」
    reply: Annotated[str | None, Before(_reply)] = None  # 投稿に対する返信: 返信する | 返信しない
    notes: str = ""  # 備考
    # what the engine needs beside the form
    topics: tuple[str, ...] = ()
    official: OfficialFacts = OfficialFacts()  # frozen, so one shared default is safe
    working_hours: Hours | None = None  # 職員の就業時間 (6(1)ク)
    # words of content the 主管課 has judged to need no 所属長の了承 (5(2)ウ(イ)D), e.g. "除雪情報"
    approval_exempt: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()  # extra rule folders, relative to the policy file

    source: str = ""

    @classmethod
    def from_toml(cls, path: str | Path) -> tuple[dict, Policy | None, list[tuple[tuple, str]]]:
        """Read a policy file: its raw table, the policy (None when invalid) and every invalid field
        as (location, message)."""
        path = Path(path)
        try:
            data = read_toml(path)
        except FileNotFoundError:
            raise PolicyError(f"{path}: no such policy file") from None
        except IsADirectoryError:
            raise PolicyError(f"{path}: is a directory, not a policy file") from None
        except (OSError, TomlFileError) as exc:
            raise PolicyError(f"{path}: cannot read policy: {exc}") from None
        if "source" in data:  # set from the path below, never by the file
            return data, None, [(("source",), _TYPE_MESSAGES["unexpected_keyword_argument"])]
        from pydantic import ValidationError

        try:
            return data, validate(cls, {**data, "source": str(path)}), []
        except ValidationError as exc:
            return data, None, [(e["loc"], _message(e)) for e in exc.errors()]

    @classmethod
    def load(cls, path: str | Path) -> Policy:
        _, policy, errors = cls.from_toml(path)
        if policy is None:
            lines = "\n".join(f"  {describe_problem(loc, msg)}" for loc, msg in errors)
            raise PolicyError(f"{path}: invalid policy ({len(errors)}件)\n{lines}")
        return policy

    @classmethod
    def default(cls) -> Policy:
        """Nayoro City's public facts, used when no policy file is given."""
        from .derived_cache import DerivedCache, source_stamp

        # Validated once and kept: validating imports pydantic and builds the policy's schema, a
        # visible share of every start.
        here = Path(__file__).parent
        path = here / "default_policy.toml"
        key = source_stamp(path, here / "policy.py", here / "validation.py", here / "jpdates.py")
        return DerivedCache.shared().get("default_policy", key, lambda _: cls.load(path))

    def rule_folders(self) -> list[Path]:
        base = Path(self.source).parent if self.source else Path.cwd()
        return [base / folder for folder in self.rules]

    # --- time checks used by detectors -----------------------------------------------------------

    def period_problem(self, moment: datetime) -> str | None:
        """'before' or 'after' when a moment falls outside the operating period."""
        if self.period is None:
            return None
        day = in_japan(moment).date()
        if day < self.period.start:
            return "before"
        if self.period.end is not None and day > self.period.end:
            return "after"
        return None


# The fields 様式1 asks for (5(1)ア–キ), with what to write when one is missing.
_FORM_FIELDS = (
    ("department", "[department] に division（部）・section（課）・unit（係）"),
    ("content", "誰に向けて、どのような情報を発信するか（5(1)ア）"),
    ("purpose", "開設・運用する目的（5(1)イ）"),
    ("platforms", "LINE・フェイスブック・ツイッター(X)・その他（5(1)ウ）"),
    ("account_name", "登録名称（5(1)エ）"),
    ("period", "[period] に start と end（5(1)オ）"),
    ("operating_hours", "[operating_hours] に weekdays・start・end（5(1)カ）"),
    ("reply", "「返信する」か「返信しない」（5(1)キ）"),
)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, dict)) and not (value.strip() if isinstance(value, str) else value))


def form_problems(data: dict, reported: frozenset[str] = frozenset()) -> list[str]:
    """The 様式1 fields a policy table still lacks before it can be published (5(1), 5(3)ア).

    ``reported`` holds the fields that already have a problem, so that each field is named once."""
    missing = []
    for name, hint in _FORM_FIELDS:
        if name not in reported and _blank(data.get(name)):
            missing.append(describe_problem((name,), f"様式1の必須項目がありません — {hint}"))
    period = data.get("period")
    if "period" not in reported and isinstance(period, dict) and period and _blank(period.get("end")):
        missing.append(describe_problem(("period", "end"), "様式1の必須項目がありません — 運用を終える日（5(1)オ）"))
    return missing


def policy_problems(path: str | Path) -> tuple[Policy | None, list[str]]:
    """Every problem of a policy file meant for publication: invalid fields and missing 様式1 fields."""
    data, policy, errors = Policy.from_toml(path)
    reported = frozenset(str(loc[0]) for loc, _ in errors if loc)
    return policy, [describe_problem(loc, msg) for loc, msg in errors] + form_problems(data, reported)


FIELD_LABELS = {
    "department": "開設所属",
    "department.division": "開設所属の部",
    "department.section": "開設所属の課",
    "department.unit": "開設所属の係",
    "content": "発信する情報の内容",
    "purpose": "開設・運用の目的",
    "platforms": "利用するソーシャルメディアの種類",
    "account_name": "アカウント名",
    "period": "運用期間",
    "period.start": "運用期間の開始日",
    "period.end": "運用期間の終了日",
    "operating_hours": "運用時間",
    "operating_hours.weekdays": "運用時間の曜日",
    "operating_hours.start": "運用時間の開始",
    "operating_hours.end": "運用時間の終了",
    "posts_outside_hours": "運用時間外の発信",
    "reply": "投稿に対する返信",
    "notes": "備考",
    "topics": "話題（⑾の判定）",
    "official": "公式の連絡先",
    "working_hours": "職員の就業時間",
    "approval_exempt": "所属長の了承を不要とする内容（5(2)ウ(イ)D）",
    "working_hours.weekdays": "就業時間の曜日",
    "working_hours.start": "就業時間の開始",
    "working_hours.end": "就業時間の終了",
    "rules": "追加のルールフォルダ",
}

_TYPE_MESSAGES = {
    "missing": "必須項目がありません",
    "extra_forbidden": "知らない項目です（つづりを確認してください）",
    "unexpected_keyword_argument": "知らない項目です（つづりを確認してください）",
    "string_type": "文字列で書いてください",
    "bool_type": "true か false で書いてください",
    "bool_parsing": "true か false で書いてください",
    "date_type": "日付として読めません（例: 2024-04-01）",
    "date_parsing": "日付として読めません（例: 2024-04-01）",
    "date_from_datetime_parsing": "日付として読めません（例: 2024-04-01）",
    "tuple_type": "リスト [ ... ] で書いてください",
    "list_type": "リスト [ ... ] で書いてください",
    "model_type": "表（[節] かインラインテーブル { ... }）で書いてください",
    "model_attributes_type": "表（[節] かインラインテーブル { ... }）で書いてください",
    "dataclass_type": "表（[節] かインラインテーブル { ... }）で書いてください",
    "dataclass_args_type": "表（[節] かインラインテーブル { ... }）で書いてください",
    "dict_type": "表（[節] かインラインテーブル { ... }）で書いてください",
}


def _message(error: dict) -> str:
    if error["type"] == "value_error":
        return str(error["ctx"]["error"]) if "ctx" in error else error["msg"].removeprefix("Value error, ")
    return _TYPE_MESSAGES.get(error["type"], error["msg"])


def describe_problem(loc: tuple, message: str) -> str:
    """department.section（開設所属の課）: 文字列で書いてください"""
    names = [str(p) for p in loc if not isinstance(p, int)]
    key = ".".join(names)
    where = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "policy"
    label = FIELD_LABELS.get(key) or (FIELD_LABELS.get(names[0]) if names and names[0] == "official" else None)
    if label is None and names and names[0] == "official" and len(names) > 1:
        label = f"公式の連絡先 {names[1]}"
    return f"{where}（{label}）: {message}" if label else f"{where}: {message}"
