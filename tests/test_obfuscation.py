"""Obfuscated spellings are found, and reported at their span in the ORIGINAL text."""

import pytest

# (text, the original substring that must be reported, rule id)
CASES = [
    ("市長死ね", "死ね", "DEF001"),
    ("市長氏ね", "氏ね", "DEF001"),
    ("担当者ﾀﾋね", "ﾀﾋね", "DEF001"),
    ("担当者タヒね", "タヒね", "DEF001"),
    ("職員4ね", "4ね", "DEF001"),
    ("職員４ね", "４ね", "DEF001"),
    ("お前○ね", "○ね", "DEF001"),
    ("お前〇ね", "〇ね", "DEF001"),
    ("お前●ね", "●ね", "DEF001"),
    ("市長し.ね", "し.ね", "DEF001"),
    ("市長し・ね", "し・ね", "DEF001"),
    ("市長し ね", "し ね", "DEF001"),
    ("市長し\u3000ね", "し\u3000ね", "DEF001"),
    ("市長死\u200bね", "死\u200bね", "DEF001"),
    ("市長し\u200dね", "し\u200dね", "DEF001"),
    ("市長死\u202eね", "死\u202eね", "DEF001"),
    ("お前シネ", "シネ", "DEF001"),
    ("お前ｼﾈ", "ｼﾈ", "DEF001"),
    ("お前しねええええ", "しね", "DEF001"),
    ("市長氏 ね", "氏 ね", "DEF001"),
    ("担当者ばーか", "ばーか", "DEF002"),
    ("担当者ば〜か", "ば〜か", "DEF002"),
    ("担当者ば～～か", "ば～～か", "DEF002"),
    ("担当者ﾊﾞｶ", "ﾊﾞｶ", "DEF002"),
    ("担当者バ・カ", "バ・カ", "DEF002"),
    ("担当者ア.ホ", "ア.ホ", "DEF002"),
    ("担当者ア\u200bホ", "ア\u200bホ", "DEF002"),
    ("担当者ｱﾎ", "ｱﾎ", "DEF002"),
    ("担当者ＡＨＯ", None, None),  # romaji is not folded to kana: no finding, and no crash
    ("市長はバカ", "バカ", "DEF002"),
    ("市長は馬鹿", "馬鹿", "DEF002"),
    ("市長はばか", "ばか", "DEF002"),
    ("職員のク.ズ", "ク.ズ", "DEF002"),
    ("職員はｸｽﾞ", "ｸｽﾞ", "DEF002"),
    ("職員はカ\u3099ス", None, None),  # ガス (gas) after folding the combining mark: not カス
    ("お前ら税金ドロボー", "税金ドロボー", "DEF002"),
]


@pytest.mark.parametrize("text,expected,rule_id", CASES, ids=[c[0] for c in CASES])
def test_obfuscated_spelling_is_reported_at_its_original_span(moderator, text, expected, rule_id):
    report = moderator.check(text, mode="comment")
    for f in report.findings:
        assert text[f.start : f.end] == f.matched
    if expected is None:
        assert report.findings == ()
        return
    start = text.index(expected)
    hits = [f for f in report.findings if f.rule_id == rule_id]
    assert [(f.start, f.end) for f in hits] == [(start, start + len(expected))], report.findings


def test_obfuscation_is_named_in_the_evidence(moderator):
    (finding,) = moderator.check("市長し.ね", mode="comment").findings
    assert "難読化" in finding.evidence
    assert "し.ね" in finding.evidence["難読化"]


def test_plain_spelling_claims_no_obfuscation(moderator):
    (finding,) = moderator.check("市長死ね", mode="comment").findings
    assert "難読化" not in finding.evidence


@pytest.mark.parametrize(
    "text",
    ["シネマ名寄で映画を観た", "ばかうけを買ってきた", "うちの子に親バカです", "死ぬほど寒い朝", "勉強しねーと", "カスタードプリン"],
)
def test_words_inside_other_words_do_not_fire(moderator, text):
    assert moderator.check(text, mode="comment").findings == ()


def test_a_names_honorific_and_a_particle_are_not_a_word(moderator):
    # 杉山|くん|に spells くんに, which folds like クンニ; the honorific ends the name, it begins no word
    assert moderator.check("次の係は杉山くんにしてください", mode="comment").findings == ()
    assert [f.rule_id for f in moderator.check("クンニして", mode="comment").findings] == ["PUB001"]
    assert [f.matched for f in moderator.check("田中氏ね", mode="comment").findings] == ["氏ね"]
