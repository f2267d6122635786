"""Running the examples every rule and detector carries (``flag``/``ok``/``todo_*``)."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from .moderator import Moderator
from .rules import Example, ExampleCase


@dataclass(frozen=True)
class ExampleOutcome:
    check_id: str
    kind: str  # flag | ok | todo_flag | todo_ok
    text: str
    passed: bool  # the example behaves as its kind says it should (todo_*: as the rule wants it to)
    detail: str


def split_marked(example: str) -> tuple[str, tuple[int, int] | None]:
    """``市長[[死ね]]`` → (``市長死ね``, (2, 4))."""
    if "[[" not in example:
        return example, None
    start = example.index("[[")
    end = example.index("]]") - 2
    return example.replace("[[", "", 1).replace("]]", "", 1), (start, end)


def run_example(moderator: Moderator, check, kind: str, example: Example) -> ExampleOutcome:
    case = example if isinstance(example, ExampleCase) else ExampleCase(text=example)
    if case.policy is not None:
        moderator = _with_policy(moderator, case.policy)
    text, span = split_marked(case.text)
    mode = case.mode or check.active_modes[0]
    report = moderator.check(text, mode, context=case.context, posted_at=case.posted_at, account=case.account)
    own = [f for f in report.findings if f.rule_id == check.id]
    if kind in ("flag", "todo_flag"):
        passed = span is not None and any((f.start, f.end) == span for f in own)
        if passed:
            detail = "fires at the marked span"
        elif own:
            detail = "fires at " + ", ".join(f"{f.start}:{f.end} 「{f.matched}」" for f in own) + f", expected {span[0]}:{span[1]}"
        else:
            detail = "does not fire"
    else:
        passed = not own
        detail = "stays silent" if passed else "fires at " + ", ".join(f"「{f.matched}」" for f in own)
    return ExampleOutcome(check.id, kind, text, passed, detail)


def _with_policy(moderator: Moderator, table: dict) -> Moderator:
    """The same checks under the example's own policy (an account's period or hours)."""
    from .policy import Policy
    from .validation import validate

    other = copy.copy(moderator)
    other.policy = validate(Policy, table)
    return other


def run_all_examples(moderator: Moderator, checks=None):
    for check in checks if checks is not None else moderator.checks:
        for kind in ("flag", "ok", "todo_flag", "todo_ok"):
            for example in getattr(check.examples, kind):
                yield run_example(moderator, check, kind, example)
