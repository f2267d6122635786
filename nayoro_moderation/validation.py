"""Records validated by pydantic without importing it: rule files and policies are frozen dataclasses.

Importing pydantic costs 0.13–0.2 s, more than a quarter of the start-up budget of ``check``
(issue 2), and a check needs none of it: the bundled rules and the default policy come validated
from the derived cache.  So the classes a check uses are plain frozen dataclasses, and pydantic is
imported only when a file is validated: ``validate(Rule, table)`` validates a dataclass as it would a
model (types, nested records, unknown keys refused, the error locations and messages), through the
hooks below, which pydantic calls while building the schema and which import nothing themselves.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Callable, TypeVar

T = TypeVar("T")


class Record:
    """Base of a validated dataclass: unknown keys are errors, and ``_check`` (when a class defines
    it) runs after its fields are validated, like a pydantic ``model_validator(mode="after")``.
    Records are dataclasses without ``slots``: the derived cache unpickles a start's rules, lexicons
    and policy, and a slotted dataclass is unpickled through a Python ``__setstate__``."""

    __slots__ = ()
    __pydantic_config__ = {"extra": "forbid"}

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        from pydantic_core import core_schema

        schema = handler(source)
        check = cls.__dict__.get("_check")
        if not check:
            return schema
        # The class's ref moves to the checked schema: pydantic answers a second use of the class
        # (Hours as both operating_hours and working_hours) with the schema under that ref, and the
        # check would run only on the first.
        return core_schema.no_info_after_validator_function(check, schema, ref=schema.pop("ref", None))


class Before:
    """``Annotated`` metadata: ``fn`` turns the raw value into one the type accepts, or raises
    ValueError with the message a user reads (a ``field_validator(mode="before")``)."""

    def __init__(self, fn: Callable[[Any], Any]):
        self.fn = fn

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.fn, handler(source))


class After(Before):
    """``Annotated`` metadata: ``fn`` checks (and may replace) the value once its type is validated."""

    def __get_pydantic_core_schema__(self, source, handler):
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.fn, handler(source))


def between(low: float, high: float) -> After:
    def check(value):
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}, not {value}")
        return value

    return After(check)


def fullmatch(pattern: str) -> After:
    def check(value: str) -> str:
        import re

        if not re.fullmatch(pattern, value):
            raise ValueError(f"{value!r} does not match {pattern}")
        return value

    return After(check)


@cache
def _adapter(cls: type):
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


def validate(cls: type[T], data: Any) -> T:
    """``data`` (a parsed TOML table) as a ``cls``; raises pydantic.ValidationError."""
    return _adapter(cls).validate_python(data)


def dump(record: Any) -> Any:
    """A record as plain data (enums as their values), as ``model_dump(mode="json")`` gives it."""
    return _adapter(type(record)).dump_python(record, mode="json")
