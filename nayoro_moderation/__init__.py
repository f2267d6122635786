"""First-pass review of Japanese social-media text for Nayoro City's official accounts."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .accounts import ImpostorRisk, Registry, RegistryError, impostor_risk
    from .categories import Category, Severity
    from .document import Document
    from .moderator import Moderator
    from .policy import Policy, PolicyError
    from .report import Finding, Report
    from .review import Hit, Review
    from .rules import Rule, RuleError

__all__ = [
    "Category",
    "Document",
    "Finding",
    "Hit",
    "ImpostorRisk",
    "Moderator",
    "Policy",
    "PolicyError",
    "Registry",
    "RegistryError",
    "Report",
    "Review",
    "Rule",
    "RuleError",
    "Severity",
    "impostor_risk",
]

__version__ = "0.1.0"

# The public names are imported on first use (PEP 562), not here: `python -m nayoro_moderation`
# runs this file before __main__, and importing every module up front would cost the command line
# what it does not need (and load pydantic before __main__ can turn its plugin search off).
_HOMES = {
    "Category": "categories",
    "Severity": "categories",
    "Document": "document",
    "Moderator": "moderator",
    "Policy": "policy",
    "PolicyError": "policy",
    "Finding": "report",
    "Report": "report",
    "Hit": "review",
    "Review": "review",
    "Rule": "rules",
    "ImpostorRisk": "accounts",
    "Registry": "accounts",
    "RegistryError": "accounts",
    "impostor_risk": "accounts",
    "RuleError": "rules",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
