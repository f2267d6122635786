"""運用ポリシー (様式1) as configuration (DESIGN §6).

This first version holds what the engine needs from a policy: the city's official facts (allow-listed
contacts and domains), topics for off-topic checks and extra rule folders.  The full 様式1 form
(department, content, purpose, platforms, hours …) extends this model.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError


class PolicyError(ValueError):
    """A policy file that cannot be used; the message lists every problem."""


class OfficialFacts(BaseModel):
    """Public contacts of the city: never privacy findings, and the reference for accuracy checks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    email_domains: tuple[str, ...] = ()
    web_domains: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    postal_codes: tuple[str, ...] = ()


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    account_name: str = ""
    topics: tuple[str, ...] = ()
    official: OfficialFacts = OfficialFacts()
    rules: tuple[str, ...] = ()  # extra rule folders, relative to the policy file

    source: str = ""

    @classmethod
    def load(cls, path: str | Path) -> Policy:
        path = Path(path)
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise PolicyError(f"{path}: no such policy file") from None
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise PolicyError(f"{path}: cannot read policy: {exc}") from None
        try:
            return cls(**data, source=str(path))
        except ValidationError as exc:
            problems = "\n".join(f"  {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise PolicyError(f"{path}: invalid policy\n{problems}") from None

    @classmethod
    def default(cls) -> Policy:
        """Nayoro City's public facts, used when no policy file is given."""
        return cls.load(Path(__file__).with_name("default_policy.toml"))

    def rule_folders(self) -> list[Path]:
        base = Path(self.source).parent if self.source else Path.cwd()
        return [base / folder for folder in self.rules]
