"""Documents: folded layers with an offset map, Sudachi morphemes built once, long texts."""

from nayoro_moderation import Document, Moderator
from nayoro_moderation.normalize import fold, fold_text


def test_readings_unify_kanji_hiragana_and_katakana():
    readings = {Document(t).morphemes[0].reading for t in ("馬鹿", "ばか", "バカ")}
    assert readings == {"ばか"}


def test_morphemes_carry_original_offsets_and_conjugation():
    doc = Document("ﾊﾞｶ担当者は早く帰れ")
    assert [(m.surface, m.begin, m.end) for m in doc.morphemes[:2]] == [("ﾊﾞｶ", 0, 3), ("担当者", 3, 6)]
    last = doc.morphemes[-1]
    assert last.lemma == "帰る" and last.conjugation.startswith("命令形")


def test_folded_layer_maps_each_character_back():
    folding = fold_text("ア\u200b.ホ！")
    assert folding.folded.text == "あほ!"
    assert folding.folded.original_span(0, 2) == (0, 4)


def test_terms_fold_like_text():
    assert fold("バーカ") == fold("ば〜か") == fold("ﾊﾞｰｶ") == "ばか"


def test_a_megabyte_comment_is_checked_in_pieces():
    text = ("除雪ありがとうございます。" * 80_000)[:1_000_000] + "市長死ね"
    report = Moderator().check(text, mode="comment")
    assert [(f.matched, f.start) for f in report.findings] == [("死ね", len(text) - 2)]


def test_report_is_frozen_and_serialisable():
    report = Moderator().check("市長死ね", mode="comment")
    assert report.flagged and report.max_severity.value == "high" and report.categories == ("defamation",)
    data = report.model_dump_json()
    assert '"clause":"様式1 注意事項1 ⑵"' in data
    try:
        report.findings[0].start = 0
    except Exception:
        pass
    else:
        raise AssertionError("findings must be frozen")


from hypothesis import given, settings
from hypothesis import strategies as st

from nayoro_moderation.normalize import Folding

_PIECES = st.sampled_from(
    list("しねシネｼﾈばかバカﾊﾞｶあほ死氏タヒﾀﾋ4４○〇●ー〜～~・.･ 　*_-ＡＢａ１２③㈱㍻ｰﾞﾟ")
    + ["\u200b", "\u200d", "\u202e", "\ufeff", "\u3099", "\u0301", "\u20dd", "İ", "ß", "ﬁ", "ㄱ", "\u1100\u1161"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.characters(blacklist_categories=("Cs",))), max_size=40).map("".join))
def test_fast_folding_agrees_with_the_character_path(text):
    folding = Folding(text)
    for layer in (folding.normalized, folding.folded):
        assert len(layer.starts) == len(layer.text)  # builds the map; raises if the paths disagree
        for i in range(len(layer.text)):
            start, end = layer.original_span(i, i + 1)
            assert 0 <= start < end <= len(text)
