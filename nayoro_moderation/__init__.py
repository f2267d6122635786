"""First-pass review of Japanese social-media text for Nayoro City's official accounts."""

from .categories import Category, Severity
from .document import Document
from .moderator import Moderator
from .policy import Policy, PolicyError
from .report import Finding, Report
from .rules import Rule, RuleError

__all__ = [
    "Category",
    "Document",
    "Finding",
    "Moderator",
    "Policy",
    "PolicyError",
    "Report",
    "Rule",
    "RuleError",
    "Severity",
]

__version__ = "0.1.0"
