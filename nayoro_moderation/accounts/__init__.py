"""The city's official accounts (DESIGN §11, guideline 5(3), 5(5)イ, 様式2–5).

```python
from nayoro_moderation.accounts import Registry, check, render, impostor_risk
registry = Registry.load("accounts.toml")
for problem in check(registry): print(problem.line())
print(render(registry, form=4, account="mochifes-x"))   # 様式4; render(registry) is the list page
print(impostor_risk(registry, "@nayoro_c1ty").reasons)
```
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .impostor import ImpostorRisk, impostor_risk
    from .problems import Problem, check
    from .registry import Account, Registry, RegistryError

__all__ = ["Account", "ImpostorRisk", "Problem", "Registry", "RegistryError", "check", "impostor_risk", "render"]

# Imported on first use, as the package's own names are: the command line imports this package
# for its parser, and a `check` of a draft must not pay for the registry's modules.
_HOMES = {
    "Account": "registry",
    "Registry": "registry",
    "RegistryError": "registry",
    "Problem": "problems",
    "check": "problems",
    "ImpostorRisk": "impostor",
    "impostor_risk": "impostor",
}


def render(registry: Registry, form: int | None = None, account: str | None = None, *,
           format: str = "text", day: date | None = None) -> str:
    """様式``form`` (2–5) of the account of id ``account``, or with no form the public list page;
    ``format`` "text" or "html" (html needs jinja2, the html extra)."""
    from . import forms

    if form is None:
        return forms.list_html(registry) if format == "html" else forms.list_text(registry)
    if account is None:
        raise TypeError("render: a form needs the account's id")
    filled = forms.fill(registry, registry.account(account), form, day)
    return forms.form_html(filled) if format == "html" else forms.form_text(filled)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value
