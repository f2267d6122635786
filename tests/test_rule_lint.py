"""The rule-file lint: a broken rule file is refused with a message naming the file and the fault."""

import textwrap
from pathlib import Path

import pytest

from nayoro_moderation import Moderator, RuleError
from nayoro_moderation.rules import bundled_rules_dir, load_rules, pattern_problems

GOOD = """
id = "LOC001"
name = "local-word"
category = "other_inappropriate"
modes = ["comment"]
severity = "low"
message = "「{matched}」は市のローカルルールに当たります"
explanation = "何を検出するか: 市が定めた語。なぜ問題か: ⑿。既知の誤検知: なし。"
[match]
terms = ["ジンギスカン"]
[examples]
flag = ["[[ジンギスカン]]"]
ok = ["焼肉"]
"""


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_bundled_rules_pass_the_lint():
    rules = load_rules([bundled_rules_dir()])
    assert len(rules) >= 2
    for rule in rules:
        assert "何を検出するか" in rule.explanation and "既知の誤検知" in rule.explanation, rule.id
        # The engine compiles bundled patterns only on first use: a broken one must fail here.
        assert pattern_problems(rule) == [], rule.id


def test_a_good_local_rule_loads(tmp_path):
    write(tmp_path, "LOC001.toml", GOOD)
    (rule,) = load_rules([tmp_path])
    assert rule.id == "LOC001"


@pytest.mark.parametrize(
    "change,complaint",
    [
        (('category = "other_inappropriate"', 'category = "rudeness"'), "category"),
        (('message = "「{matched}」は市のローカルルールに当たります"', 'message = "{word}"'), "unknown placeholder"),
        (('terms = ["ジンギスカン"]', 'regex = ["(a+)+b"]'), "nests unbounded quantifiers"),
        (('terms = ["ジンギスカン"]', 'regex = ["([a"]'), "does not compile"),
        # folded text is hiragana with long vowels dropped: this pattern could never match
        (('terms = ["ジンギスカン"]', 'folded_regex = ["じんぎすかーん|ジンギス"]'), "「じんぎすかーん」, which folded text never holds: write 「じんぎすかん」"),
        (('terms = ["ジンギスカン"]', 'folded_regex = ["じんぎすかーん|ジンギス"]'), "「ジンギス」, which folded text never holds: write 「じんぎす」"),
        (('ok = ["焼肉"]', "ok = []"), "at least one flag and one ok"),
        (('flag = ["[[ジンギスカン]]"]', 'flag = ["ジンギスカン"]'), "[[ ]]"),
        (('id = "LOC001"', 'id = "loc-1"'), "id"),
        (('modes = ["comment"]', 'modes = ["draft"]'), "does not apply"),
        (('terms = ["ジンギスカン"]', "terms = []"), "at least one of"),
        (('severity = "low"', 'severity = "urgent"'), "severity"),
        (('severity = "low"', 'severity = "low"\nseverty = "high"'), "severty: unknown key (check its spelling)"),
        (("[examples]", "[context]\nwindow = 900\n[examples]"), "context.window: must be between 0 and 200, not 900"),
    ],
)
def test_broken_rule_is_refused_with_reason(tmp_path, change, complaint):
    old, new = change
    write(tmp_path, "LOC001.toml", GOOD.replace(old, new))
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path])
    assert "LOC001.toml" in str(err.value)
    assert complaint in str(err.value)


def test_duplicate_ids_are_refused(tmp_path):
    write(tmp_path, "a.toml", GOOD)
    write(tmp_path, "b.toml", GOOD.replace('name = "local-word"', 'name = "other-word"'))
    with pytest.raises(RuleError, match="already used"):
        load_rules([tmp_path])


def test_invalid_toml_is_refused(tmp_path):
    write(tmp_path, "bad.toml", "id = ")
    with pytest.raises(RuleError, match="bad.toml"):
        load_rules([tmp_path])


def test_a_local_pack_adds_findings(tmp_path):
    write(tmp_path, "LOC001.toml", GOOD)
    report = Moderator(rules=[tmp_path]).check("今夜はジンギスカン", mode="comment")
    assert [(f.rule_id, f.matched, f.clause) for f in report.findings] == [("LOC001", "ジンギスカン", "様式1 注意事項1 ⑿")]


def test_a_rule_pattern_broken_after_loading_is_logged_and_never_matches(caplog):
    from nayoro_moderation.engine import RulePattern

    pattern = RulePattern("([a")  # a bundled file edited in place: loading does not compile it
    with caplog.at_level("ERROR"):
        assert pattern.search("([a と書いた") is None
    assert "does not compile" in caplog.text and "([a" in caplog.text


@pytest.mark.parametrize(
    "pattern,complaint",
    [
        # issue 17: the old lint refused (a+)+$ but let these through
        ("((a+))+$", "nests unbounded quantifiers"),
        ("(\\\\w+\\\\s?)+$", "nests unbounded quantifiers"),
        ("(a|aa)+$", "repeats alternatives that overlap"),
        ("(?:a|a)+b", "repeats alternatives that overlap"),
        ("x(?:a|aa)+$", "repeats alternatives that overlap"),
        ("(?:ab|abab){1,20}", "repeats alternatives that overlap"),
    ],
)
def test_a_pattern_that_can_backtrack_without_bound_is_refused(tmp_path, pattern, complaint):
    write(tmp_path, "LOC001.toml", GOOD.replace('terms = ["ジンギスカン"]', f'regex = ["{pattern}", "ジンギスカン"]'))
    with pytest.raises(RuleError) as err:
        load_rules([tmp_path])
    assert complaint in str(err.value)


@pytest.mark.parametrize("pattern", ["(?:\\\\d+\\\\.)+\\\\d", "[0-9]+(?:-[0-9]+)+", "(?:市長|市役所)+", "(?:ab|cd)+", "[^。]{0,12}?"])
def test_a_repeat_that_splits_a_text_one_way_only_is_allowed(tmp_path, pattern):
    write(tmp_path, "LOC001.toml", GOOD.replace('terms = ["ジンギスカン"]', f'regex = ["{pattern}", "ジンギスカン"]'))
    assert load_rules([tmp_path])


def _code_patterns():
    """Every fixed pattern of the package's modules and detector classes."""
    import importlib
    import pkgutil
    import re

    import regex

    import nayoro_moderation
    from nayoro_moderation.lazy_regex import LazyRegex

    kinds = (LazyRegex, re.Pattern, regex.Pattern)
    for info in pkgutil.walk_packages(nayoro_moderation.__path__, "nayoro_moderation."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            holders = [value] if isinstance(value, kinds) else [v for v in vars(value).values() if isinstance(v, kinds)] if isinstance(value, type) and value.__module__ == module.__name__ else []
            for pattern in holders:
                source = pattern.pattern  # a bytes pattern (scan/partitions.py) is linted as its text
                yield f"{info.name}.{name}", source.decode("latin-1") if isinstance(source, bytes) else source


def test_the_codes_own_patterns_pass_the_same_backtracking_lint():
    from nayoro_moderation.redos import redos_problems

    patterns = dict(_code_patterns())
    assert len(patterns) > 100
    assert {name: redos_problems(p) for name, p in patterns.items() if redos_problems(p)} == {}
