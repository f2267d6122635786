"""Texts built to stop the tool (issue 17): time stays linear in the length, spans stay exact.

Time is compared, not bounded: CPU seconds for a text four times as long must grow about four times
(a quadratic step grows sixteen times).  CPU time, because other processes share the machine."""

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nayoro_moderation import Category, Moderator, Severity
from nayoro_moderation.detectors import Detector, all_detectors
from nayoro_moderation.lazy_regex import LazyRegex

ROOT = Path(__file__).resolve().parent.parent

_MODERATOR = Moderator()


def _cpu(text: str, mode: str) -> float:
    start = time.process_time()
    _MODERATOR.review(text, mode=mode)
    return time.process_time() - start


def _growth(make, mode: str, small: int) -> float:
    _MODERATOR.review(make(small // 10), mode=mode)  # patterns compiled, caches warm
    # The least of five runs each: another process on a shared core inflates a run, not all five.
    big, base = (min(_cpu(make(n), mode) for _ in range(5)) for n in (4 * small, small))
    return big / max(base, 1e-3)


def _repeated(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


# The reproducers of issue 17, exact, as functions of the length.
REPRODUCERS = {
    "phone numbers": ("comment", _repeated("電話090-1234-5678 "), 10_000),
    "e-mail addresses": ("comment", _repeated("taro.yamada@gmail.com "), 10_000),
    "obfuscated insults": ("comment", _repeated("し.ね ば・か こ○す 氏ね ﾀﾋね "), 10_000),
    "a bare domain that never ends": ("draft", lambda n: " " + "jp." * (n // 3) + "a", 20_000),
    "an e-mail host of 100k letters": ("draft", lambda n: "x@" + "a." * (n // 2) + "1", 20_000),
    "one letter under 100k combining marks": ("comment", lambda n: "a" + "\u0301\u0316" * (n // 2), 20_000),
}


@pytest.mark.parametrize("name", REPRODUCERS)
def test_time_grows_linearly_with_the_length(name):
    mode, make, small = REPRODUCERS[name]
    assert _growth(make, mode, small) < 8  # linear: ~4; quadratic: ~16


def test_every_phone_number_of_a_long_text_is_still_found():
    text = _repeated("電話090-1234-5678 ")(16 * 500)
    review = _MODERATOR.review(text, mode="comment")
    spans = [(f.start, f.end) for f in review.findings if f.rule_id == "PRV001"]
    assert len(spans) == 500
    assert all(text[s:e] == "090-1234-5678" for s, e in spans)


def test_every_masked_death_wish_of_a_long_text_is_still_found_and_called_obfuscated():
    text = "市長氏ね。" * 2000
    review = _MODERATOR.review(text, mode="comment")
    hits = [f for f in review.findings if f.category == "defamation"]
    assert len(hits) == 2000
    assert all(f.matched == "氏ね" and "難読化" in f.evidence for f in hits)


def test_a_link_after_a_run_of_dots_is_still_a_link():
    text = "詳しくは " + "." * 5000 + " example-shop.com をご覧ください"
    review = _MODERATOR.review(text, mode="draft")
    assert [f.matched for f in review.findings if f.rule_id == "EXT001"] == ["example-shop.com"]


def test_a_word_under_a_pile_of_combining_marks_keeps_its_exact_span():
    text = "市長死ね" + "\u0301" * 40 + "。" + "a" + "\u0316" * 70
    review = _MODERATOR.review(text, mode="comment")
    assert any(f.category == "defamation" and f.matched.startswith("死ね") for f in review.findings)
    for f in review.findings:
        assert text[f.start : f.end] == f.matched


# --- a check that times out is reported on the text, never only logged ---------------------------

# Polynomial backtracking (three runs of digits that may split a run any way): no lint refuses it,
# and on thousands of digits it runs past any timeout.
_SLOW_RULE = """
id = "LOC900"
name = "slow-digits"
category = "other_inappropriate"
modes = ["comment", "draft"]
severity = "low"
message = "「{matched}」"
explanation = "何を検出するか: 数字の後の文字。なぜ問題か: 試験用。既知の誤検知: なし。"
[match]
regex = ['\\d+\\d+\\d+\\D']
[examples]
flag = ["[[123a]]"]
ok = ["abc"]
"""


@pytest.fixture(scope="module")
def slow_rules(tmp_path_factory):
    folder = tmp_path_factory.mktemp("slow_rules")
    (folder / "LOC900.toml").write_text(_SLOW_RULE, encoding="utf-8")
    return folder


def test_a_rule_that_times_out_is_reported_on_that_text_only(slow_rules):
    moderator = Moderator(rules=[slow_rules])
    review = moderator.review("1" * 20_000, mode="comment")
    assert [s.rule_id for s in review.skipped] == ["LOC900"]
    assert "時間切れ" in review.skipped[0].reason
    report = moderator.check("1" * 20_000, mode="comment")
    assert [s.rule_id for s in report.skipped] == ["LOC900"]
    assert '"skipped":[{"rule_id":"LOC900"' in report.model_dump_json()
    quick = moderator.review("番号は123aです", mode="comment")
    assert quick.skipped == () and [f.matched for f in quick.findings if f.rule_id == "LOC900"] == ["123a"]


class _SlowDetector(Detector):
    id = "TST900"
    name = "slow-detector"
    category = Category.OTHER_INAPPROPRIATE
    severity = Severity.LOW
    message = "「{matched}」"
    explanation = "試験用"
    pattern = LazyRegex(r"\d+\d+\d+\D")

    def find(self, doc, request):
        for m in self.pattern.finditer(doc.normalized.text):  # the code's patterns time out too
            yield self.candidate(m.start(), m.end())


def test_a_detector_that_times_out_is_reported_and_the_others_still_run():
    moderator = Moderator(detectors=[_SlowDetector(), *all_detectors()])
    review = moderator.review("市長死ね。電話090-1234-5678。" + "1" * 20_000, mode="comment")
    assert [s.rule_id for s in review.skipped] == ["TST900"]
    assert {"DEF001", "PRV001"} <= {f.rule_id for f in review.findings}


def test_the_command_line_says_which_rule_was_not_applied(slow_rules, tmp_path):
    text = tmp_path / "digits.txt"
    text.write_text("1" * 20_000, encoding="utf-8")
    proc = _cli("check", text, "--mode", "comment", "--rules", slow_rules)
    assert f"{text}: LOC900 このルールは時間切れのため適用されていません" in proc.stdout
    proc = _cli("check", text, "--mode", "comment", "--rules", slow_rules, "--format", "json")
    assert json.loads(proc.stdout)["skipped"][0]["rule_id"] == "LOC900"
    proc = _cli("check", text, "--mode", "comment", "--rules", slow_rules, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [(r["rule_id"], r["message"]) for r in rows] == [("LOC900", "このルールは時間切れのため適用されていません")]


def _cli(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "nayoro_moderation", *map(str, args)], input=stdin, capture_output=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    proc.stdout, proc.stderr = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    return proc


# --- any code point, lone surrogates included ------------------------------------------------------


def test_a_lone_surrogate_neither_raises_nor_moves_a_span():
    assert _MODERATOR.check("a\ud800", mode="comment").findings == ()
    text = "\udc80市長死ね、電話は090-1234-5678\ud800"
    report = _MODERATOR.check(text, mode="comment")
    assert {(f.rule_id, f.matched) for f in report.findings} >= {("DEF001", "死ね"), ("PRV001", "090-1234-5678")}
    assert all(text[f.start : f.end] == f.matched for f in report.findings)


def test_a_report_with_a_lone_surrogate_dumps_as_json_with_its_spans():
    text = "市長死ね\ud800、電話は090-1234-5678"
    report = _MODERATOR.check(text, mode="comment")
    data = json.loads(report.model_dump_json())
    assert report.text == text  # the object keeps the original; its JSON writes U+FFFD, one for one
    assert data["text"] == "市長死ね\ufffd、電話は090-1234-5678"
    assert all(data["text"][f["start"] : f["end"]] == f["matched"] for f in data["findings"])


# Control, format (bidi, joiners), combining marks, private use and lone surrogates, among words the
# rules look for, so that folding, Sudachi and the offset maps meet them where it matters.
_HOSTILE_CHARACTERS = st.characters(whitelist_categories=("Cc", "Cf", "Mn", "Co", "Cs"))
_WORDS = st.sampled_from(["市長", "死ね", "ﾀﾋね", "氏ね", "し.ね", "090-1234-5678", "taro@gmail.com", "。", "\n", "jp.", "a."])
_HOSTILE_TEXT = st.lists(st.one_of(_HOSTILE_CHARACTERS, _WORDS, st.characters()), max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_HOSTILE_TEXT, mode=st.sampled_from(["comment", "draft"]))
def test_any_code_point_surrogates_included_checks_without_error_at_exact_spans(text, mode):
    report = _MODERATOR.check(text, mode=mode)
    assert report.text == text and report.skipped == ()
    for f in report.findings:
        assert 0 <= f.start < f.end <= len(text) and text[f.start : f.end] == f.matched
