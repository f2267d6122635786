"""Texts built to stop the tool (issue 17): time stays linear in the length, spans stay exact.

Time is compared, not bounded: CPU seconds for a text four times as long must grow about four times
(a quadratic step grows sixteen times).  CPU time, because other processes share the machine."""

import time

import pytest

from nayoro_moderation import Moderator

_MODERATOR = Moderator()


def _cpu(text: str, mode: str) -> float:
    start = time.process_time()
    _MODERATOR.review(text, mode=mode)
    return time.process_time() - start


def _growth(make, mode: str, small: int) -> float:
    _MODERATOR.review(make(small // 10), mode=mode)  # patterns compiled, caches warm
    return _cpu(make(4 * small), mode) / max(_cpu(make(small), mode), 1e-3)


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


# --- any code point, lone surrogates included ------------------------------------------------------


def test_a_lone_surrogate_neither_raises_nor_moves_a_span():
    assert _MODERATOR.check("a\ud800", mode="comment").findings == ()
    text = "\udc80市長死ね、電話は090-1234-5678\ud800"
    report = _MODERATOR.check(text, mode="comment")
    assert {(f.rule_id, f.matched) for f in report.findings} >= {("DEF001", "死ね"), ("PRV001", "090-1234-5678")}
    assert all(text[f.start : f.end] == f.matched for f in report.findings)
