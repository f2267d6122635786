"""Word classes (DESIGN §4 "Lexicons and composed rules"): each class of words defined once, in
``rules/lexicons/``, and composed by rules instead of copied into their patterns.

A lexicon file is one class: an id, an explanation, its words grouped by kind, and its own examples
(``flag``: the class is found at the marked span; ``ok``: it is not found at all).  A word matches by
Sudachi's normalized form or its reading (so 殺す finds 殺し・殺せ・ころす, 馬鹿 finds バカ), and by its
folded spelling at word boundaries (ﾊﾞｶ, ば.か).  A kind may ask for a conjugation (命令形: 殺せ, not
殺す) or let its words match inside longer words (slurs written into compounds).  A local pack extends a
bundled class with ``extends = "class_id"`` and adds its own words; it never copies the class.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, NamedTuple

from .derived_cache import source_stamp
from .rules import RuleError, _long_enough, cached_record
from .validation import After, Record, fullmatch

LEXICON_FOLDER = "lexicons"


@dataclass(frozen=True, kw_only=True)
class WordKind(Record):
    words: tuple[str, ...] = ()
    # Or every token of a part of speech, given as its leading fields joined by commas: a person's
    # name is "名詞,固有名詞,人名" whatever the name.
    pos: tuple[str, ...] = ()
    # Only these conjugation forms of the (last) word count: 命令形 separates 殺せ from 殺す.
    conjugation: tuple[str, ...] = ()
    # Match the folded spelling anywhere, inside longer words too (池沼ガイジ, ○○人ども): for words no
    # longer word hides.  Token matches need no such switch.
    inside_words: bool = False
    # Match the folded spelling where a word starts, even when the word runs on (汚染土, 毒物, 感染者):
    # for stems, written as a phrase is cut (後援会に流れ, 請求され), whatever ending follows.
    prefix: bool = False
    # Match the spelling only, never the tokens: an order as written (出て行け), which Sudachi may
    # read as another form of the verb, and whose dictionary form (出て行く) is only news.
    spelling_only: bool = False
    # Match the tokens only, never the spelling: a word whose letters also spell a verb (グズ, ぐずる).
    tokens_only: bool = False
    # Also match with one letter after the first hidden by a mask (中出○, ち〇こ, ガ●ジ): writers mask
    # the very words a list holds.
    masked: bool = False
    # Count the word only where one of these characters, or the end of the text, follows it: a shape
    # no word can say, as 確定。 (an unsourced verdict) is not 確定申告, and るって。 not るって言う.
    followed_by: str = ""

    def _check(self):
        if self.spelling_only and (self.conjugation or self.tokens_only):
            raise ValueError("spelling_only excludes conjugation and tokens_only: a spelling has no tokens")
        if self.prefix and self.inside_words:
            raise ValueError("prefix and inside_words exclude each other: a word starts a word, or may start anywhere")
        if not self.words and not self.pos:
            raise ValueError("a kind needs at least one word or part of speech")
        return self


@dataclass(frozen=True, kw_only=True)
class LexiconExamples(Record):
    flag: tuple[str, ...] = ()
    ok: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Lexicon(Record):
    id: Annotated[str, fullmatch(r"[a-z][a-z0-9_]*")]
    explanation: Annotated[str, After(_long_enough)] = ""
    extends: str | None = None  # a local pack's addition to a bundled class
    kinds: dict[str, WordKind]
    examples: LexiconExamples = LexiconExamples()
    path: str = ""

    def _check(self):
        if self.extends is None:
            if not self.explanation:
                raise ValueError("a class needs an explanation: what its words are, why, what they are not")
            if not self.examples.flag or not self.examples.ok:
                raise ValueError("[examples] needs at least one flag and one ok example")
        for example in self.examples.flag:
            if example.count("[[") != 1 or example.count("]]") != 1:
                raise ValueError(f"flag example {example!r} must mark its span once with [[ ]]")
        return self

    @property
    def name(self) -> str:
        return self.extends or self.id


class Entry(NamedTuple):
    """One word of a class, as the matcher reports it.  A NamedTuple: a start makes five thousand,
    and the matcher's tables hash them (a frozen dataclass does both in Python)."""

    lexicon: str
    kind: str
    word: str
    conjugation: tuple[str, ...] = ()
    inside_words: bool = False
    pos: tuple[str, ...] = ()  # set for a part-of-speech entry; ``word`` is then its label
    spelling_only: bool = False
    tokens_only: bool = False
    masked: bool = False
    followed_by: str = ""
    prefix: bool = False


@cache
def _validator_stamp() -> str:
    here = Path(__file__).parent
    return source_stamp(here / "lexicons.py", here / "validation.py")


def load_lexicon(path: Path) -> Lexicon:
    return cached_record(Lexicon, path, "lexicon", _validator_stamp())


def lexicon_files(rule_folder: Path) -> list[Path]:
    folder = rule_folder / LEXICON_FOLDER
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def load_lexicons(rule_folders: list[Path]) -> dict[str, list[Lexicon]]:
    """Each class by id, with the local packs that extend it after it.  A class defined twice, or an
    extension of a class no folder defines, is an error that names the file."""
    classes: dict[str, list[Lexicon]] = {}
    extensions: list[Lexicon] = []
    for folder in rule_folders:
        for path in lexicon_files(folder):
            lexicon = load_lexicon(path)
            if lexicon.extends is not None:
                extensions.append(lexicon)
            elif lexicon.id in classes:
                raise RuleError(f"{path}: lexicon {lexicon.id} is already defined by {classes[lexicon.id][0].path}")
            else:
                classes[lexicon.id] = [lexicon]
    for lexicon in extensions:
        if lexicon.extends not in classes:
            raise RuleError(f"{lexicon.path}: extends {lexicon.extends}, which no lexicon defines (known: {', '.join(sorted(classes))})")
        classes[lexicon.extends].append(lexicon)
    return classes


def entries(classes: dict[str, list[Lexicon]]) -> list[Entry]:
    out = []
    for name, parts in classes.items():
        for lexicon in parts:
            for kind_name, kind in lexicon.kinds.items():
                out += [Entry(name, kind_name, w, kind.conjugation, kind.inside_words, spelling_only=kind.spelling_only, tokens_only=kind.tokens_only, masked=kind.masked, followed_by=kind.followed_by, prefix=kind.prefix) for w in kind.words]
                out += [Entry(name, kind_name, p, pos=tuple(p.split(","))) for p in kind.pos]
    return out


MASKS = "○〇●×◯"  # ＊ and * fold away as inserted separators (ば＊か is ばか already)


def masked_spellings(folded: str) -> list[str]:
    """A folded word with one letter after the first replaced by each mask; words of fewer than three
    letters would leave too little to tell them apart."""
    if len(folded) < 3:
        return []
    return [folded[:i] + m + folded[i + 1 :] for i in range(1, len(folded)) for m in MASKS]
