"""For any text at all, checking raises nothing and every span points into the original text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nayoro_moderation import Moderator

_MODERATOR = Moderator()

# Mix the characters that stress folding: kana of both widths, marks, masks, separators, invisible
# and bidi controls, combining marks, emoji, and anything else Unicode has (no surrogates).
_TRICKY = st.sampled_from(
    list("しねシネｼﾈばかバカﾊﾞｶあほ死氏タヒﾀﾋ4４○〇●ー〜～・.･ 　*_")
    + ["\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u3099", "\u309a", "\uff9e", "\u0301", "\u20dd"]
    + ["😀", "👨‍👩‍👧", "🇯🇵", "\U000e0001", "\n", "「", "」", "市長", "お前", "死ぬほど", "税金泥棒"]
)
_ANY = st.characters(blacklist_categories=("Cs",))
_TEXT = st.lists(st.one_of(_TRICKY, _ANY), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, mode=st.sampled_from(["comment", "draft"]))
def test_check_never_raises_and_spans_point_into_the_original(text, mode):
    report = _MODERATOR.check(text, mode=mode)
    assert report.text == text
    for f in report.findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end] == f.matched
    assert list(report.findings) == sorted(report.findings, key=lambda f: (f.start, f.end, f.rule_id))


@settings(max_examples=200, deadline=None)
@given(prefix=_TEXT, suffix=_TEXT)
def test_a_death_wish_is_found_wherever_it_stands(prefix, suffix):
    text = prefix + "。市長死ね。" + suffix
    start = len(prefix) + 3
    report = _MODERATOR.check(text, mode="comment")
    assert any(f.rule_id == "DEF001" and (f.start, f.end) == (start, start + 2) for f in report.findings)
