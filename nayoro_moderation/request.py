"""What a caller asks of one check: the text and everything known about it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .policy import Policy


class Request(NamedTuple):
    text: str
    mode: str  # "draft" | "comment"
    policy: Policy
    context: str | None = None  # the parent post a comment replies to
    posted_at: datetime | None = None
    account: str = "official"  # "official" | "personal": whose account a draft goes out on
