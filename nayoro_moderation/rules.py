"""Rule files (DESIGN §4): one TOML file per rule, carrying its own examples."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import regex

from .categories import MODES, Category, Severity, allowed_in
from .compose import ComposeSpec
from .derived_cache import DerivedCache, source_stamp
from .lazy_regex import LazyRegex
from .normalize import fold
from .toml_file import TomlFileError, read_toml
from .validation import After, Record, between, fullmatch, validate

PLACEHOLDERS = frozenset({"matched", "target"})



class RuleError(ValueError):
    """A rule file that cannot be used; the message names the file and what is wrong."""


# Frozen dataclasses validated by pydantic only when a file is read (validation.py): the bundled
# rules come validated from the derived cache and the detectors' specs are written in code, so a
# check never imports pydantic.
@dataclass(frozen=True, kw_only=True)
class MatchSpec(Record):
    terms: tuple[str, ...] = ()  # words matched on tokens: normalized form, reading, folded surface
    lemma: tuple[str, ...] = ()  # dictionary forms ...
    conjugation: tuple[str, ...] = ()  # ... optionally only in these conjugation forms (命令形)
    folded: tuple[str, ...] = ()  # spellings matched on the folded text, at word boundaries
    regex: tuple[str, ...] = ()  # patterns on the normalized text (NFKC, lower case)
    # Patterns on the folded text (hiragana, separators and long vowels gone, 氏ね → しね), for
    # phrases whose spelling varies as much as their wording: ころす/コロス/こ○す, し や く し ょ.
    folded_regex: tuple[str, ...] = ()

    def _check(self):
        if not (self.terms or self.lemma or self.folded or self.regex or self.folded_regex):
            raise ValueError("[match] needs at least one of terms, lemma, folded, regex, folded_regex")
        if self.conjugation and not self.lemma:
            raise ValueError("[match] conjugation only narrows lemma")
        return self


ContextSwitch = Literal["drop", "keep"]


@dataclass(frozen=True, kw_only=True)
class ContextSpec(Record):
    window: Annotated[int, between(0, 200)] = 15  # characters either side, within the sentence
    require_any: tuple[str, ...] = ()
    exclude_any: tuple[str, ...] = ()
    # "required": only aimed at a person or the city; "boost": a target raises the score.
    target: Literal["required", "boost", "ignore"] = "ignore"
    quoted: ContextSwitch = "drop"  # 「死ね」と言われた: reported speech
    negated: ContextSwitch = "keep"  # 燃やすつもりはない
    warning: ContextSwitch = "drop"  # 詐欺に注意, 大麻乱用防止, 差別をなくそう
    question: ContextSwitch = "keep"  # 〜って本当ですか？
    idioms: ContextSwitch = "drop"  # 死ぬほど寒い, 親バカ, ばかうけ


@dataclass(frozen=True, kw_only=True)
class ExampleCase(Record):
    """An example that needs more than its text: a mode, a parent post, a time, an account, a policy."""

    text: str
    mode: Literal["comment", "draft"] | None = None
    context: str | None = None
    posted_at: datetime | None = None
    account: Literal["official", "personal"] = "official"
    policy: dict | None = None  # a 運用ポリシー table (period, operating_hours …) in place of the default


Example = str | ExampleCase


def example_text(example: Example) -> str:
    return example if isinstance(example, str) else example.text


@dataclass(frozen=True, kw_only=True)
class Examples(Record):
    flag: tuple[Example, ...] = ()
    ok: tuple[Example, ...] = ()
    todo_flag: tuple[Example, ...] = ()
    todo_ok: tuple[Example, ...] = ()


def _known_placeholders(message: str) -> str:
    names = {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}
    unknown = names - PLACEHOLDERS
    if unknown:
        raise ValueError(f"unknown placeholder {{{', '.join(sorted(unknown))}}} (known: matched, target)")
    return message


def _long_enough(explanation: str) -> str:
    if len(explanation) < 20:
        raise ValueError("the explanation needs at least 20 characters: what it detects, why, known false alarms")
    return explanation


@dataclass(frozen=True, kw_only=True)
class Rule(Record):
    id: Annotated[str, fullmatch(r"[A-Z]{2,5}\d{3}")]
    name: Annotated[str, fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*")]
    category: Category
    modes: tuple[Literal["comment", "draft"], ...] = MODES
    severity: Severity
    score: Annotated[float, between(0.0, 1.0)] = 0.7
    message: Annotated[str, After(_known_placeholders)]
    explanation: Annotated[str, After(_long_enough)]
    match: MatchSpec | None = None  # the rule's own words and patterns ...
    # ... and/or word classes of rules/lexicons/ found together: one [compose] table, or several
    # [[compose]] tables, any of which reports the rule (semgrep's pattern-either): a rumour said
    # after the alarming news (廃止らしい) or before it (噂では…廃止) is one rule with two orders.
    compose: ComposeSpec | tuple[ComposeSpec, ...] | None = None
    context: ContextSpec = ContextSpec()
    examples: Examples
    path: str = ""

    @property
    def compositions(self) -> tuple[ComposeSpec, ...]:
        if self.compose is None:
            return ()
        return (self.compose,) if isinstance(self.compose, ComposeSpec) else self.compose

    def _check(self):
        if self.match is None and not self.compositions:
            raise ValueError("a rule needs [match], [compose] or both")
        if not self.examples.flag or not self.examples.ok:
            raise ValueError("[examples] needs at least one flag and one ok example")
        if not any(allowed_in(self.category, mode) for mode in self.modes):
            raise ValueError(f"category {self.category.value} does not apply in modes {list(self.modes)}")
        for example in map(example_text, self.examples.flag + self.examples.todo_flag):
            if example.count("[[") != 1 or example.count("]]") != 1:
                raise ValueError(f"flag example {example!r} must mark its span once with [[ ]]")
        return self

    @property
    def patterns(self) -> tuple[str, ...]:
        return self.match.regex + self.match.folded_regex if self.match else ()

    @property
    def active_modes(self) -> tuple[str, ...]:
        return tuple(m for m in self.modes if allowed_in(self.category, m))


@cache
def _validator_stamp() -> str:
    here = Path(__file__).parent
    return source_stamp(here / "rules.py", here / "compose.py", here / "categories.py", here / "validation.py")


def _problem(error: dict) -> str:
    if error["type"] == "unexpected_keyword_argument":
        return "unknown key (check its spelling)"
    return error["msg"].removeprefix("Value error, ")


def read_record(cls: type, path: Path, what: str):
    """A TOML file validated as ``cls`` (a rule, a lexicon); every problem is one RuleError line that
    names the file and the key."""
    try:
        data = read_toml(path)
    except (OSError, TomlFileError) as exc:
        raise RuleError(f"{path}: cannot read {what} file: {exc}") from None
    from pydantic import ValidationError

    try:
        return validate(cls, {**data, "path": str(path)})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or what}: {_problem(e)}" for e in exc.errors())
        raise RuleError(f"{path}: {problems}") from None


def cached_record(cls: type, path: Path, what: str, code_stamp: str):
    """``read_record`` kept in the derived cache: reading and validating a hundred rule files was a
    third of the start-up.  Keyed by the file (as named, and its source_stamp) and the code that
    validates it."""
    try:
        stamp = source_stamp(path)
    except OSError as exc:
        raise RuleError(f"{path}: cannot read {what} file: {exc}") from None
    key = f"{path}|{stamp}|{code_stamp}"
    return DerivedCache.shared().get(what, key, lambda _: read_record(cls, path, what), replaces=f"{path}|")


def load_rule(path: Path) -> Rule:
    return cached_record(Rule, path, "rule", _validator_stamp())


def rule_files(folder: Path) -> list[Path]:
    """Rule files of a folder and its sub-folders; names starting with _ are not rules, nor are the
    word classes in its lexicons/ folder."""
    def is_rule(parts: tuple[str, ...]) -> bool:
        return not any(part.startswith("_") for part in parts) and "lexicons" not in parts[:-1]

    return sorted(p for p in folder.rglob("*.toml") if is_rule(p.relative_to(folder).parts))


# Folded text holds no katakana and no long-vowel mark after kana (ツール → つる, ねー → ね): a
# folded_regex spelling a word that way can never match.  Escapes and character classes are left out
# (a class may list ー beside the rest), and so are the comments of a verbose pattern.
_KANA_RUN = LazyRegex(r"[ぁ-ゖァ-ヺｦ-ﾟー]+")
_NOT_LITERAL = LazyRegex(r"\\.|\[(?:\\.|[^\]\\])*\]")
_VERBOSE_COMMENT = LazyRegex(r"(?m)(?:^|(?<=\s))#.*$")


def unfolded_spellings(pattern: str) -> dict[str, str]:
    """The spellings in a folded_regex that folded text never holds, each with the one to write."""
    if pattern.startswith("(?x)"):
        pattern = _VERBOSE_COMMENT.sub("", pattern)
    runs = _KANA_RUN.findall(_NOT_LITERAL.sub(" ", pattern))
    return {run: folded for run in runs if (folded := fold(run)) != run}


def pattern_problems(rule: Rule) -> list[str]:
    """Patterns of a rule that do not compile, that can backtrack without bound (redos.py), or that
    spell words folded text never holds.  Compiling is slow (the engine compiles a pattern on first
    use), so the bundled rules are compiled by the test suite's lint, local packs at load."""
    from .redos import redos_problems  # a start that finds every rule in the derived cache lints none

    problems = []
    for pattern in rule.patterns:
        try:
            regex.compile(pattern)
        except regex.error as exc:
            problems.append(f"regex {pattern!r} does not compile: {exc}")
            continue
        problems += [f"regex {pattern!r} {problem}" for problem in redos_problems(pattern)]
    for pattern in rule.match.folded_regex if rule.match else ():
        for spelling, folded in unfolded_spellings(pattern).items():
            problems.append(f"folded_regex spells 「{spelling}」, which folded text never holds: write 「{folded}」")
    return problems


def load_rules(folders: list[Path]) -> list[Rule]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    try:
        bundled = bundled_rules_dir().resolve()
    except RuleError:
        bundled = None
    for folder in folders:
        if not folder.is_dir():
            raise RuleError(f"{folder}: not a folder of rule files")
        compile_patterns = folder.resolve() != bundled
        for path in rule_files(folder):
            rule = load_rule(path)
            problems = pattern_problems(rule) if compile_patterns else []
            if problems:
                raise RuleError(f"{path}: {'; '.join(problems)}")
            if rule.id in seen:
                raise RuleError(f"{path}: rule id {rule.id} is already used by {seen[rule.id]}")
            seen[rule.id] = str(path)
            rules.append(rule)
    return rules


def bundled_rules_dir() -> Path:
    """The rules shipped with the package: inside the wheel, or the checkout's top-level rules/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("bundled rules not found: the installation is incomplete")
