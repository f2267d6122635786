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


def test_offsets_are_sudachis_own_on_text_it_rewrites():
    # Offsets are summed from surface lengths; Sudachi's begin() and end() must agree, also where its
    # input normalisation changes lengths (half-width kana, combining marks, ZWJ emoji, NUL, CRLF).
    from sudachipy import Dictionary, SplitMode

    text = "ｶﾞｷﾞ ﾊﾞｶ\u200b市長 a\u0301\u0302 👨\u200d👩\u200d👧 \x00 x\ufeff y\r\n　①ⅢＡＢＣ\ufffd 死ねｗｗ"
    expected = [(m.surface(), m.begin(), m.end()) for m in Dictionary().tokenizer(mode=SplitMode.C).tokenize(text) if m.surface()]
    assert [(m.surface, m.begin, m.end) for m in Document(text).morphemes] == expected
    assert all(text[m.begin : m.end] == m.surface for m in Document(text).morphemes)


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


def test_a_long_comment_full_of_findings_takes_time_in_proportion_to_its_length():
    import time

    moderator = Moderator()
    base = "市役所の対応は最悪だ。担当の佐藤さんはバカだと思う。除雪はいつ来るのか。"
    moderator.check(base * 3, mode="comment")  # compiles the patterns this text needs
    seconds = {}
    for size in (2_000, 64_000):
        text = (base * (size // len(base) + 1))[:size]
        start = time.perf_counter()
        report = moderator.check(text, mode="comment")
        seconds[size] = time.perf_counter() - start
        assert len(report.findings) >= size // len(base)  # every バカ is found
    # 32 times the text: linear work takes ~32 times as long; work per finding per character, ~1000.
    assert seconds[64_000] < 64 * seconds[2_000]


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


def _reference_folded(text: str):
    """The folding steps written the slow, obvious way — one character at a time, each carrying its
    original span — as the oracle for the match-by-match spans of normalize.py."""
    import re

    from nayoro_moderation.normalize import (_JAPANESE, _KANA, _LONG_VOWEL_MARKS, _MAX_SEPARATOR_RUN, _SEPARATORS,
                                             _SUBSTITUTE, _normalized_chars, katakana_to_hiragana)

    def _is_kana(ch):
        return re.fullmatch(f"[{_KANA}]", ch) is not None

    def _is_japanese_letter(ch):
        return re.fullmatch(f"[{_JAPANESE}]", ch) is not None

    chars = [(katakana_to_hiragana(c), s, e) for c, s, e in _normalized_chars(text)]
    out, i = [], 0
    while i < len(chars):  # separators between two Japanese letters
        if chars[i][0] in _SEPARATORS and out and _is_japanese_letter(out[-1][0]):
            j = i
            while j < len(chars) and chars[j][0] in _SEPARATORS:
                j += 1
            if j < len(chars) and j - i <= _MAX_SEPARATOR_RUN and _is_japanese_letter(chars[j][0]):
                i = j
                continue
        out.append(chars[i])
        i += 1
    chars, out = out, []
    for c, s, e in chars:  # long vowels join the kana before
        if c in _LONG_VOWEL_MARKS and out and _is_kana(out[-1][0]):
            out[-1] = (out[-1][0], out[-1][1], e)
        else:
            out.append((c, s, e))
    chars, out, i = out, [], 0
    while i < len(chars):  # runs of three or more
        j = i
        while j + 1 < len(chars) and chars[j + 1][0] == chars[i][0]:
            j += 1
        if j - i >= 2 and chars[i][0] not in "0123456789":
            out.append((chars[i][0], chars[i][1], chars[j][2]))
        else:
            out.extend(chars[i : j + 1])
        i = j + 1
    chars, out, i = out, [], 0
    while i < len(chars):  # known substitutions, leftmost and first listed
        word = "".join(c for c, _, _ in chars[i:])
        source = next((src for src in _SUBSTITUTE if word.startswith(src)), None)
        if source is None:
            out.append(chars[i])
            i += 1
            continue
        start, end = chars[i][1], chars[i + len(source) - 1][2]
        out.extend((c, start, end) for c in _SUBSTITUTE[source])
        i += len(source)
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.characters(blacklist_categories=("Cs",))), max_size=40).map("".join))
def test_folding_spans_agree_with_the_character_by_character_reference(text):
    from nayoro_moderation.normalize import _normalized_chars

    folding = Folding(text)
    normalized = _normalized_chars(text)
    assert folding.normalized.text == "".join(c for c, _, _ in normalized)
    assert list(zip(folding.normalized.starts, folding.normalized.ends)) == [(s, e) for _, s, e in normalized]
    folded = _reference_folded(text)
    assert folding.folded.text == "".join(c for c, _, _ in folded)
    assert list(zip(folding.folded.starts, folding.folded.ends)) == [(s, e) for _, s, e in folded]
