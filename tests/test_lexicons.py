"""Word classes (rules/lexicons/) and the rules that compose them: each class's own examples, the
lint of class files, and what composition means (order, distance, scope, negation, quotes, unless,
near, a local pack extending a bundled class), as a reviewer sees it in findings and their evidence."""

import pytest

from nayoro_moderation import Moderator
from nayoro_moderation.document import Document
from nayoro_moderation.examples import split_marked
from nayoro_moderation.lexicons import load_lexicons
from nayoro_moderation.rules import RuleError, bundled_rules_dir

_MODERATOR = Moderator()
_LEXICONS = load_lexicons([bundled_rules_dir()])


def _hits(moderator, text, name):
    return moderator._matcher.lexical_hits(Document(text), "comment").get(name, [])


_CASES = [
    pytest.param(name, kind, example, id=f"{name}-{kind}-{i}")
    for name, parts in _LEXICONS.items()
    for kind in ("flag", "ok")
    for i, example in enumerate(parts[0].examples.__getattribute__(kind))
]


@pytest.mark.parametrize("name,kind,example", _CASES)
def test_lexicon_example(name, kind, example):
    text, span = split_marked(example)
    found = [(h.start, h.end) for h in _hits(_MODERATOR, text, name)]
    if kind == "flag":
        assert span in found, f"{name}: {example} found {found}"
    else:
        assert not found, f"{name}: {example} should find nothing, found {found}"


def test_every_class_is_used_by_a_rule():
    used = {c for r in _MODERATOR.rules for spec in r.compositions for c in spec.classes()}
    assert set(_LEXICONS) - used == set()


def test_no_word_is_listed_twice_in_one_kind():
    for name, parts in _LEXICONS.items():
        for kind_name, kind in parts[0].kinds.items():
            assert len(kind.words) == len(set(kind.words)), f"{name}.{kind_name} repeats a word"


def _pack(tmp_path, lexicons: dict[str, str], rules: dict[str, str]):
    (tmp_path / "lexicons").mkdir(parents=True)
    for name, body in lexicons.items():
        (tmp_path / "lexicons" / f"{name}.toml").write_text(body, encoding="utf-8")
    for name, body in rules.items():
        (tmp_path / f"{name}.toml").write_text(body, encoding="utf-8")
    return tmp_path


_CLASS = '''id = "{id}"
explanation = "テスト用の語のまとまり。合成規則の意味を確かめる。"
[kinds.main]
words = {words}
[examples]
flag = ["[[{first}]]"]
ok = ["雪が降った"]
'''

_RULE = '''id = "LOC900"
name = "local-composed"
category = "other_inappropriate"
modes = ["comment"]
severity = "medium"
message = "{{matched}}"
explanation = "テスト用の合成規則。順序・距離・範囲を確かめる。"
[compose]
{compose}
[context]
window = 10
[examples]
flag = ["[[除雪車が遅い]]"]
ok = ["雪が降った"]
'''


def _moderator(tmp_path, compose: str, extra_lexicons: dict[str, str] | None = None):
    lexicons = {
        "vehicle": _CLASS.format(id="vehicle", words='["除雪車", "ダンプ"]', first="除雪車"),
        "slow": _CLASS.format(id="slow", words='["遅い", "来ない"]', first="遅い"),
        **(extra_lexicons or {}),
    }
    folder = _pack(tmp_path, lexicons, {"LOC900": _RULE.format(compose=compose)})
    return Moderator(rules=[folder], bundled=False, detectors=[])


def _spans(moderator, text):
    return [(f.matched, f.evidence.get("語彙")) for f in moderator.check(text, mode="comment").findings]


def test_composition_in_order_within_distance(tmp_path):
    mod = _moderator(tmp_path, 'parts = ["vehicle", "slow"]\nwithin = 5')
    assert _spans(mod, "除雪車が遅い") == [("除雪車が遅い", "vehicle「除雪車」 ＋ slow「遅い」")]
    assert _spans(mod, "遅い、除雪車") == []  # order
    assert _spans(mod, "除雪車は今年もまたずいぶん遅い") == []  # distance: 9 characters apart


def test_composition_in_any_order(tmp_path):
    mod = _moderator(tmp_path, 'parts = ["vehicle", "slow"]\nordered = false\nwithin = 5')
    assert [m for m, _ in _spans(mod, "遅いよ除雪車")] == ["遅いよ除雪車"]


def test_composition_scope(tmp_path):
    sentence = _moderator(tmp_path, 'parts = ["vehicle", "slow"]\nwithin = 8')
    assert _spans(sentence, "除雪車。遅い") == []  # another sentence
    assert [m for m, _ in _spans(sentence, "除雪車、遅い")] == ["除雪車、遅い"]


def test_clause_and_next_sentence_scopes(tmp_path):
    clause = _moderator(tmp_path / "a", 'parts = ["vehicle", "slow"]\nwithin = 8\nscope = "clause"')
    assert _spans(clause, "除雪車、遅い") == []
    following = _moderator(tmp_path / "b", 'parts = ["vehicle", "slow"]\nwithin = 8\nscope = "next_sentence"')
    assert [m for m, _ in _spans(following, "除雪車。遅い")] == ["除雪車。遅い"]


def test_composition_kind_and_unless(tmp_path):
    mine = _CLASS.format(id="mine", words='["うちの"]', first="うちの")
    mod = _moderator(tmp_path, 'parts = ["vehicle", "slow"]\nwithin = 5\nunless = ["mine"]', {"mine": mine})
    assert _spans(mod, "うちの除雪車が遅い") == []
    assert _spans(mod, "除雪車が遅い") != []


def _near_moderator(tmp_path, compose: str):
    snow = _CLASS.format(id="snow", words='["大雪", "吹雪"]', first="大雪")
    return _moderator(tmp_path, 'parts = ["vehicle", "slow"]\nwithin = 5\nnear = ["snow"]\n' + compose, {"snow": snow})


def test_near_requires_a_word_of_the_class_without_reporting_it(tmp_path):
    mod = _near_moderator(tmp_path, "near_within = 10")
    # before or after the chain, in any order, never part of the span
    assert _spans(mod, "大雪なのに除雪車が遅い") == [("除雪車が遅い", "vehicle「除雪車」 ＋ slow「遅い」")]
    assert [m for m, _ in _spans(mod, "除雪車が遅い、この大雪で")] == ["除雪車が遅い"]
    assert _spans(mod, "除雪車が遅い") == []  # the class is absent from the text


def test_near_distance_and_scope(tmp_path):
    near = _near_moderator(tmp_path / "a", "near_within = 10")
    assert _spans(near, "大雪の日はいつもいつもいつもいつも除雪車が遅い") == []  # 16 characters away
    assert _spans(near, "大雪。除雪車が遅い") == []  # another sentence
    following = _near_moderator(tmp_path / "b", 'near_within = 10\nscope = "next_sentence"')
    assert [m for m, _ in _spans(following, "大雪。除雪車が遅い")] == ["除雪車が遅い"]
    widest = _near_moderator(tmp_path / "c", "")  # by default within the bound between parts: 5
    assert _spans(widest, "大雪の日はいつも除雪車が遅い") == []
    assert [m for m, _ in _spans(widest, "大雪で除雪車が遅い")] == ["除雪車が遅い"]


def test_a_near_class_absent_from_a_text_costs_a_lookup(tmp_path, monkeypatch):
    from nayoro_moderation import engine

    mod = _near_moderator(tmp_path, "near_within = 10")
    composed = []
    real = engine.compose
    monkeypatch.setattr(engine, "compose", lambda spec, *a, **k: composed.append(spec) or real(spec, *a, **k))
    # the near class counts as required, like the parts': a text without it skips the rule unread
    assert _spans(mod, "除雪車が遅い") == [] and composed == []
    assert _spans(mod, "大雪で除雪車が遅い") != [] and len(composed) == 1


def test_several_compositions_any_of_which_reports_the_rule(tmp_path):
    rule = _RULE.replace("[compose]\n{compose}\n", '[[compose]]\nparts = ["vehicle", "slow"]\nwithin = 3\n'
                         '[[compose]]\nparts = ["slow", "vehicle"]\nwithin = 1\nscope = "clause"\n')
    folder = _pack(tmp_path, {
        "vehicle": _CLASS.format(id="vehicle", words='["除雪車", "ダンプ"]', first="除雪車"),
        "slow": _CLASS.format(id="slow", words='["遅い", "来ない"]', first="遅い"),
    }, {"LOC900": rule})
    mod = Moderator(rules=[folder], bundled=False, detectors=[])
    assert [m for m, _ in _spans(mod, "除雪車が遅い")] == ["除雪車が遅い"]
    assert [m for m, _ in _spans(mod, "遅い除雪車")] == ["遅い除雪車"]  # the second order, its own bounds
    assert _spans(mod, "遅い、除雪車") == []


def test_a_kind_can_ask_for_a_sentence_end_or_a_word_start(tmp_path):
    verdict = 'id = "verdict"\nexplanation = "テスト用の語のまとまり。文末でだけ数える語。"\n[kinds.main]\nwords = ["確定"]\n' \
        'spelling_only = true\nfollowed_by = "。！"\n[examples]\nflag = ["[[確定]]。"]\nok = ["雪が降った"]\n'
    stem = 'id = "stem"\nexplanation = "テスト用の語のまとまり。語の始まりから照合する語幹。"\n[kinds.main]\nwords = ["毒"]\n' \
        'spelling_only = true\nprefix = true\n[examples]\nflag = ["[[毒]]物"]\nok = ["雪が降った"]\n'
    mod = _moderator(tmp_path, 'parts = ["vehicle", "slow"]\nunless = ["verdict", "stem"]', {"verdict": verdict, "stem": stem})

    def found(text, name):
        return [text[h.start : h.end] for h in mod._matcher.lexical_hits(Document(text), "comment").get(name, [])]

    assert found("閉鎖で確定。", "verdict") == ["確定"] and found("閉鎖で確定", "verdict") == ["確定"]
    assert found("確定申告は来月", "verdict") == []
    assert found("毒物が見つかった", "stem") == ["毒"]  # the word runs on
    assert found("消毒液を買った", "stem") == []  # but it must start one


def test_context_switches_apply_to_composed_rules():
    # negation and quotes are the rule's [context], as for every rule
    assert not [f for f in _MODERATOR.check("社長は横領していない", mode="comment").findings if f.rule_id == "DEF022"]
    found = _MODERATOR.check("外国人を追い出せなんて言う人がいるけど、ひどいと思う", mode="comment").findings
    assert not [f for f in found if f.rule_id == "DIS022"]


def test_a_finding_names_the_entries_that_matched():
    (finding,) = [f for f in _MODERATOR.check("院長は人殺しだ", mode="comment").findings if f.rule_id == "DEF021"]
    assert (finding.matched, finding.evidence["語彙"]) == ("人殺し", "person_target「院長」 ＋ crime_label「人殺し」")
    assert "person_target" in finding.explanation and "crime_label" in finding.explanation


def test_a_local_pack_extends_a_bundled_class(tmp_path):
    extension = 'id = "local_insults"\nextends = "insult_noun"\n[kinds.local]\nwords = ["はんかくさいやつ", "どんくさ男"]\n'
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "local_insults.toml").write_text(extension, encoding="utf-8")
    assert not [f for f in _MODERATOR.check("あのどんくさ男", mode="comment").findings if f.rule_id == "DEF002"]
    local = Moderator(rules=[tmp_path])
    assert [f.matched for f in local.check("あのどんくさ男", mode="comment").findings if f.rule_id == "DEF002"] == ["どんくさ男"]


def test_lexicon_errors_name_the_file(tmp_path):
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "bad.toml").write_text('id = "mine"\nextends = "no_such_class"\n[kinds.a]\nwords = ["x"]\n', encoding="utf-8")
    with pytest.raises(RuleError, match="bad.toml: extends no_such_class"):
        Moderator(rules=[tmp_path])
    (tmp_path / "lexicons" / "bad.toml").write_text('id = "Bad Id"\n[kinds.a]\nwords = []\n', encoding="utf-8")
    with pytest.raises(RuleError, match="bad.toml"):
        Moderator(rules=[tmp_path])


def test_a_rule_naming_an_unknown_class_is_refused(tmp_path):
    with pytest.raises(RuleError, match="no_such_class"):
        _moderator(tmp_path, 'parts = ["vehicle", "no_such_class"]')


def test_explain_names_the_classes_and_the_entries_each_example_matches(capsys):
    from nayoro_moderation.cli import main

    assert main(["explain", "DEF021"]) == 0
    out = capsys.readouterr().out
    assert "語彙の組み合わせ: person_target ＋ crime_label" in out and "取り消す語彙: news_report" in out
    assert "院長は【人殺し】だ  ← person_target「院長」 ＋ crime_label「人殺し」" in out


def test_explain_shows_a_lexicon_with_its_kinds(capsys):
    from nayoro_moderation.cli import main

    assert main(["explain", "crime_label"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("語彙 crime_label") and "label: 詐欺師、ペテン師" in out
