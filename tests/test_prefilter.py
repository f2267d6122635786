"""The regex prefilter may skip a pattern only when the text cannot match it."""

import json
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from nayoro_moderation import Document, Moderator
from nayoro_moderation.rules import example_text
from nayoro_moderation.prefilter import LiteralGate, required_literals

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        ("市長(?:は|が)?[^。]{0,10}(?:辞めろ|やめろ)", {"辞めろ", "やめろ"}),
        ("(?:市長|職員)(?:死ね|しね)", {"市長", "職員"}),  # as selective as the other: the first is kept
        ("(?:お前|てめえ)[^。]{0,5}ばか", {"ばか"}),  # one literal beats two of the same length
        ("(?x) 副業 \\s* で \\s* 月 [0-9]+ 万", {"副業"}),
        ("[0-9]{3}-[0-9]{4}", {"-"}),
        ("[0-9]{3}[0-9]{4}", None),  # no literal every match holds
        ("(?:ばか)?あほ", {"あほ"}),
        ("(?:ばか)*", None),
        ("[死氏]ね", {"ね"}),
        ("[死氏]", {"死", "氏"}),
        ("(?<!ご)みなさん", {"みなさん"}),
        ("(?i)spam", None),
        ("(?i:spam)mail", {"mail"}),
        ("(?<![\\p{Han}])えろ", None),  # regex-module syntax: never guessed at
        ("x{e<=1}", None),
    ],
)
def test_required_literals(pattern, literals):
    found = required_literals(pattern)
    assert (None if found is None else set(found)) == literals


def _bundled_patterns():
    matcher = Moderator()._matcher
    return [p for _, p in matcher._regexes], [p for _, p in matcher._folded_regexes]


REGEXES, FOLDED = _bundled_patterns()
GATES = (LiteralGate([p.pattern for p in REGEXES]), LiteralGate([p.pattern for p in FOLDED]))


def _assert_nothing_skipped(text: str) -> None:
    doc = Document(text)
    for gate, patterns, layer in ((GATES[0], REGEXES, doc.normalized.text), (GATES[1], FOLDED, doc.folded.text)):
        kept = set(gate.possible(layer))
        for i, pattern in enumerate(patterns):
            if i not in kept:
                assert pattern.search(layer) is None, f"skipped {pattern.pattern!r}, which matches {text!r}"


def _texts():
    moderator = Moderator()
    for check in moderator.checks:
        for kind in ("flag", "ok", "todo_flag", "todo_ok"):
            for example in getattr(check.examples, kind):
                yield example_text(example).replace("[[", "").replace("]]", "")
    for name in ("comments", "drafts", "privacy"):
        path = ROOT / "corpora" / f"{name}.jsonl"
        if path.exists():
            for line in path.open(encoding="utf-8"):
                yield json.loads(line)["text"]


def test_no_bundled_pattern_is_skipped_on_any_example_or_corpus_text():
    texts = list(dict.fromkeys(_texts()))
    assert len(texts) > 1000
    for text in texts:
        _assert_nothing_skipped(text)


_LITERALS = sorted({lit for p in REGEXES + FOLDED for lit in (required_literals(p.pattern) or ())})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_LITERALS), st.sampled_from(list("のはがをにでもと、。！？ 　市長職員お前")),
                          st.text(max_size=3)), max_size=12).map("".join))
def test_no_pattern_is_skipped_on_texts_made_of_its_own_literals(text):
    _assert_nothing_skipped(text)


def test_gate_keeps_pattern_order_and_the_unreadable_ones():
    gate = LiteralGate(["(?<![\\p{Han}])えろ", "市長", "職員"])
    assert gate.possible("市長と職員") == [0, 1, 2]
    assert gate.possible("ふつうの文") == [0]
    assert regex.compile("(?<![\\p{Han}])えろ").search("ふつうの文") is None
