"""The regex prefilter may skip a pattern only when the text cannot match it."""

import json
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from nayoro_moderation import Document, Moderator
from nayoro_moderation.rules import example_text
from nayoro_moderation.prefilter import LiteralGate, leading_literals, required_literals

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        ("市長(?:は|が)?[^。]{0,10}(?:辞めろ|やめろ)", [{"市長"}, {"辞めろ", "やめろ"}]),
        ("(?:市長|職員)(?:死ね|しね)", [{"市長", "職員"}, {"死ね", "しね"}]),
        ("(?:お前|てめえ)[^。]{0,5}ばか", [{"お前", "てめえ"}, {"ばか"}]),
        ("(?x) 副業 \\s* で \\s* 月 [0-9]+ 万", [{"副業"}]),  # single characters add nothing to a longer set
        ("[0-9]{3}-[0-9]{4}", [{"-"}]),
        ("[0-9]{3}[0-9]{4}", [set("0123456789")]),  # a digit, at least
        ("\\d{3}\\d{4}", None),  # no literal every match holds
        ("(?:ばか)?あほ", [{"あほ"}]),
        ("(?:ばか)*", None),
        ("[死氏]ね", [{"死", "氏"}]),  # of single characters, the rarer kind: not kana
        ("(?<!ご)みなさん", [{"みなさん"}]),
        ("(?i)spam", None),
        ("(?i:spam)mail", [{"mail"}]),
        # A Unicode property is read as any character at all (it may be any of thousands).
        ("(?<![\\p{Han}ぁ-ゖ])えろ", [{"えろ"}]),
        ("[\\p{Han}]{2}市長", [{"市長"}]),
        ("\\p{Han}+(?:えろ|エロ)\\pL", [{"えろ", "エロ"}]),
        ("\\\\p{Han}", [{"\\p{Han}"}]),  # an escaped backslash before p is no property
        ("x{e<=1}", None),  # other regex-module syntax: never guessed at
        ("(?|えろ|エロ)", None),
    ],
)
def test_required_literals(pattern, required):
    found = required_literals(pattern)
    assert (None if found is None else [set(s) for s in found]) == required


@pytest.mark.parametrize(
    ("pattern", "leading"),
    [
        ("市長(?:は|が)?[^。]{0,10}(?:辞めろ|やめろ)", {"市長"}),
        ("(?:ばか)?あほ", {"ばか", "あほ"}),  # the optional word may be absent
        ("(?<![ァ-ヺ])エロ", {"エロ"}),  # lookarounds consume nothing
        ("(?=[あい])(?:あほ|いや)", {"あほ", "いや"}),
        ("(?x) \\b 副業", {"副業"}),
        ("[0-9]+円", set("0123456789")),
        ("[^。]+円", None),
        ("(?:ばか)*あほ", {"ばか", "あほ"}),
        ("[0-9]*円", set("0123456789円")),
        ("x{e<=1}", None),
        # A few literals in a row are joined, rarer than their first letter alone.
        ("(?:死|し|氏)んで(?:こい|くれ)", {f"{a}んで{b}" for a in "死し氏" for b in ("こい", "くれ")}),
        ("(?:燃|も)や(?:す|して)", {"燃やす", "燃やして", "もやす", "もやして"}),
        ("し(?=ね)ね", {"しね"}),
        ("(?:燃|も)や[0-9]+", {f"{a}や{d}" for a in "燃も" for d in "0123456789"}),  # and what repeats begins with
        ("(?:ま|)ない", {"まない", "ない"}),
        ("(?:ま|)", None),  # the match may be empty
        ("(?<![\\p{Han}ぁ-ゖ])えろ", {"えろ"}),
        ("\\p{Han}市長", None),
    ],
)
def test_leading_literals(pattern, leading):
    found = leading_literals(pattern)
    assert (None if found is None else set(found)) == leading


def test_gate_says_where_to_try_and_skips_texts_without_every_required_set():
    gate = LiteralGate(["市長(?:は|が)?[^。]{0,10}(?:辞めろ|やめろ)", "(?:[0-9]{3})?ばか", "[0-9]+円"])
    assert gate.plan("市長は辞めろ、市長") == [(0, [0, 7])]
    assert gate.plan("市長が好き") == []  # 辞めろ/やめろ missing
    assert gate.plan("ばか") == [(1, None)]  # leading digits are unknown: searched wherever ばか is
    assert gate.plan("千円") == [(2, None)]
    assert gate.plan("市長" * 4 + "やめろ") == [(0, None)]  # too many places: one search instead


def _bundled_patterns():
    tables = Moderator()._matcher.tables()
    return [p for _, p in tables.regexes], [p for _, p in tables.folded_regexes]


REGEXES, FOLDED = _bundled_patterns()
GATES = (LiteralGate([p.pattern for p in REGEXES]), LiteralGate([p.pattern for p in FOLDED]))


def _assert_nothing_skipped(text: str) -> None:
    doc = Document(text)
    for gate, patterns, layer in ((GATES[0], REGEXES, doc.normalized.text), (GATES[1], FOLDED, doc.folded.text)):
        plan = dict(gate.plan(layer))
        for i, pattern in enumerate(patterns):
            if i not in plan:
                assert pattern.search(layer) is None, f"skipped {pattern.pattern!r}, which matches {text!r}"
            elif plan[i] is not None and "\\K" not in pattern.pattern:  # \K moves where a match says it starts
                for m in pattern.compiled.finditer(layer, overlapped=True):
                    assert m.start() in plan[i], f"{pattern.pattern!r} matches {text!r} at {m.start()}, not tried"


def _texts():
    moderator = Moderator()
    for check in moderator.checks:
        for kind in ("flag", "ok", "todo_flag", "todo_ok"):
            for example in getattr(check.examples, kind):
                yield example_text(example).replace("[[", "").replace("]]", "")
    # Every development corpus, whatever its name: new corpus files are added by topic.
    for path in sorted((ROOT / "corpora").glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            if line.strip():
                yield json.loads(line)["text"]


def test_no_bundled_pattern_is_skipped_on_any_example_or_corpus_text():
    texts = list(dict.fromkeys(_texts()))
    assert len(texts) > 1000
    for text in texts:
        _assert_nothing_skipped(text)


_LITERALS = sorted({lit for p in REGEXES + FOLDED for lits in (required_literals(p.pattern) or ()) for lit in lits}
                   | {lit for p in REGEXES + FOLDED for lit in (leading_literals(p.pattern) or ())})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_LITERALS), st.sampled_from(list("のはがをにでもと、。！？ 　市長職員お前")),
                          st.text(max_size=3)), max_size=12).map("".join))
def test_no_pattern_is_skipped_on_texts_made_of_its_own_literals(text):
    _assert_nothing_skipped(text)


def test_gate_keeps_pattern_order_and_the_unreadable_ones():
    gate = LiteralGate(["(?|えろ|エロ)", "市長", "職員"])
    assert gate.plan("市長と職員") == [(0, None), (1, [0]), (2, [3])]
    assert gate.plan("ふつうの文") == [(0, None)]
    assert regex.compile("(?|えろ|エロ)").search("ふつうの文") is None
