"""What a caller asks of one check: the text and everything known about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .policy import Policy


@dataclass(frozen=True, slots=True)
class Request:
    text: str
    mode: str  # "draft" | "comment"
    policy: Policy
    context: str | None = None  # the parent post a comment replies to
    posted_at: datetime | None = None
    account: str = "official"  # "official" | "personal": whose account a draft goes out on
