"""Comment moderation for 様式1 ⑹ ⑺ ⑻ ⑽ ⑾ ⑿: what a moderator sees on real comments — the clause,
the words, the action — and the silence on reports, quotes, warnings, corrections and idioms.  The
sentences here are not from corpora/: they check that the rules catch the phenomenon, not one text."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import regex

from nayoro_moderation import Moderator, Policy
from nayoro_moderation.rules import bundled_rules_dir, load_rules

ROOT = Path(__file__).resolve().parent.parent
MINE = {"discrimination", "public_order", "false_info", "illegal_incitement", "off_topic", "other_inappropriate"}
LOCAL_RULES = ROOT / "examples" / "local_rules"


@pytest.fixture(scope="module")
def with_topics() -> Moderator:
    """The example account of examples/policy.toml: its topics make ⑾ judgeable without a parent post."""
    return Moderator(policy=Policy.load(ROOT / "examples" / "policy.toml"))


def findings(moderator, text, category=None, mode="comment", **kwargs):
    found = moderator.check(text, mode, **kwargs).findings
    return [f for f in found if category is None or f.category.value == category]


def categories(moderator, text, mode="comment", **kwargs):
    return {f.category.value for f in moderator.check(text, mode, **kwargs).findings}


# --- what fires, where, under which clause -------------------------------------------------------

@pytest.mark.parametrize("text,category,words,clause", [
    ("在日は日本から出ていけ、スパイ予備軍", "discrimination", "在日は日本から出ていけ", "⑹"),
    ("精神障害者って何するかわからないから隔離しとくべき", "discrimination", "精神障害者って何するかわからないから隔離", "⑹"),
    ("女のくせに除雪車の運転とか生意気", "discrimination", "女のくせに", "⑹"),
    ("アイヌなんか日本人じゃない", "discrimination", "アイヌなんか日本人", "⑹"),
    ("オカマは気持ち悪いからテレビに出すな", "discrimination", "オカマは気持ち悪いからテレビに出すな", "⑹"),
    ("ビルから飛び降りたら一瞬で楽になれる", "public_order", "飛び降りたら一瞬で楽", "⑺"),
    ("この世に未練ないなら死んだ方が楽だよ", "public_order", "死んだ方が楽", "⑺"),
    ("うるさい犬には毒団子食わせとけばいい", "public_order", "犬には毒団子", "⑺"),
    ("スキー場の運営会社が倒産したらしい、今シーズンは営業しないって", "false_info", "倒産したらしい", "⑻"),
    ("熊に襲われて死者が出たのに市は発表してない", "false_info", "市は発表してない", "⑻"),
    ("信号無視しても名寄なら捕まらないよ", "illegal_incitement", "信号無視しても名寄なら捕まらない", "⑽"),
    ("市議の事務所に毎日無言電話かけてやろうぜ", "illegal_incitement", "無言電話かけてやろう", "⑽"),
])
def test_a_comment_is_flagged_at_its_words_under_its_clause(moderator, text, category, words, clause):
    hits = findings(moderator, text, category)
    assert words in [f.matched for f in hits], [f.matched for f in hits]
    for f in hits:
        assert text[f.start : f.end] == f.matched
        assert f.clause.endswith(clause)
        assert "何を検出するか" in f.explanation


def test_severity_follows_harm(moderator):
    assert findings(moderator, "外国人は名寄から出ていけ", "discrimination")[0].severity.value == "high"
    assert findings(moderator, "受験落ちたなら線路に飛び込めばいいじゃん", "public_order")[0].severity.value == "high"
    rumour = findings(moderator, "来月から宗谷本線廃止で名寄駅使えなくなるらしい", "false_info")[0]
    assert rumour.severity.value == "medium" and rumour.action == "削除を検討"


def test_discrimination_in_a_draft_cites_the_staff_rule(moderator):
    (f,) = findings(moderator, "障害者は税金食い虫", "discrimination", mode="draft")
    assert f.clause == "6(1)キ" and f.action == "投稿前に必ず修正"


def test_a_spelling_hidden_from_filters_is_found_and_said_so(moderator):
    for text, words, category in [("チョ〇ンは日本から出てけ！", "チョ〇ン", "discrimination"),
                                  ("ﾁｮﾝとｼﾅは温泉出禁にしとけ", "ﾁｮﾝ", "discrimination"),
                                  ("俺のチ〇コの写真見たい人いる？", "チ〇コ", "public_order")]:
        hits = [f for f in findings(moderator, text, category) if words in f.matched]
        assert hits and "難読化" in hits[0].evidence, text


def test_one_comment_can_fall_under_several_clauses(moderator):
    text = "【拡散希望】外国人が水道に毒を入れたらしい。外国人は名寄から出ていけ"
    assert {"false_info", "discrimination"} <= categories(moderator, text)


# --- silence: mentions, reports, quotes, warnings, corrections, idioms ----------------------------

@pytest.mark.parametrize("text", [
    "外国人観光客が増えてきたので、英語の案内板があると助かります",
    "障害者就労支援の施設でパンを買いました",
    "アイヌ文様の刺繍教室、申し込みました",
    "同性パートナーシップ制度の導入を検討してください",
    "高齢ドライバーの事故が心配。免許返納の支援をもっと",
    "部落差別をなくすための講演会に参加しました",
    "性教育の出前講座、うちの学校でもやってほしい",
    "熊の駆除、ハンターの皆さんありがとうございます",
    "鹿肉の解体を見学しました。命の大切さを学びました",
    "明日は晴れるらしいので洗濯物干せそう",
    "近所のラーメン屋、来月閉店するらしい。寂しい",
    "粗大ごみの回収日を教えてください",
    "ごみを河川敷に捨てる人がいて困る",
    "選挙ポスターに落書きされていて悲しいです",
])
def test_mentions_and_complaints_are_silent(moderator, text):
    assert not categories(moderator, text) & MINE


@pytest.mark.parametrize("text", [
    "「外国人は出ていけ」と書かれた落書きを見つけました。消してください",
    "「障害者は迷惑」なんて言う人がいて悲しい",
    "「そんなに辛いなら死ねば」なんてコメント、通報しました",
    "「ポスター破ろうぜ」みたいな書き込みがあったので通報しました。犯罪ですよ",
    "「2缶なら平気」って言う人いるけど絶対ダメ",
])
def test_quoted_words_are_someone_elses(moderator, text):
    assert not categories(moderator, text) & MINE


@pytest.mark.parametrize("text", [
    "外国人を差別するような書き込みはやめてください",
    "大麻乱用防止のポスター、高校生のデザインいいですね",
    "自殺対策の講演会、とても考えさせられました",
    "いのちの電話の番号、ポスターに載せてほしいです",
    "飲酒運転は絶対にやめましょう",
    "線路への置き石は重大な犯罪です",
])
def test_warnings_and_education_are_silent(moderator, text):
    assert not categories(moderator, text) & MINE


@pytest.mark.parametrize("text", [
    "病院が閉鎖されるって本当ですか？",
    "市長が辞任するって噂がありましたが、デマでした",
    "水道水に毒って話が回ってますが、水質検査の結果は市のHPで公開されてますよ。安心して",
    "「市が隠してる」なんて根拠のない話を広めないでください",
    "去年の断水、原因は水道管の凍結破裂だったって説明会で聞きました",
])
def test_asking_about_or_correcting_a_rumour_is_not_a_rumour(moderator, text):
    assert "false_info" not in categories(moderator, text)


@pytest.mark.parametrize("text", ["死ぬほど寒い朝でした", "殺人的な除雪渋滞で30分遅刻したわ", "死ぬ気で勉強して市立大学に合格しました！",
                                  "お腹すきすぎて死にそう", "サンピラー見れたら死んでもいい！ってくらい綺麗だった"])
def test_idioms_and_intensifiers_are_silent(moderator, text):
    assert not categories(moderator, text) & MINE


def test_reporting_a_past_act_or_a_threat_is_not_a_call_to_others(moderator):
    assert "illegal_incitement" not in categories(moderator, "職員の車のタイヤがパンクさせられていたそうです。ひどい")
    assert "illegal_incitement" in categories(moderator, "公用車のタイヤ、パンクさせてやろうぜ")


# --- ⑾ off-topic: only against a parent post or the policy's topics ------------------------------

GAME = "原神のガチャ、天井まであと20連…これで爆死したら泣く"


def test_off_topic_stays_silent_without_a_parent_post_or_topics(moderator):
    assert moderator.policy.topics == ()
    assert "off_topic" not in categories(moderator, GAME)


def test_off_topic_against_the_parent_post_is_low_and_watched(moderator):
    (f,) = findings(moderator, GAME, "off_topic", context="熊の出没が相次いでいます。山に入る際はご注意ください。")
    assert (f.start, f.end) == (0, len(GAME)) and f.clause.endswith("⑾")
    assert f.severity.value == "low" and f.action == "経過観察"
    assert f.evidence["照合先"] == "親投稿" and "ゲーム" in f.evidence["話題"]


def test_off_topic_against_the_policy_topics(with_topics):
    assert "off_topic" in categories(with_topics, "明日の日経平均どうなると思う？アメリカの決算次第かな")


@pytest.mark.parametrize("text,context", [
    ("スト6やりたい！ザンギエフ使いなので対戦してくれる人いたら嬉しい", "eスポーツ体験会を開催します。"),
    ("ハリーポッター全巻、小学生の時にハマりました。娘にも読ませたい", "市立図書館より：夏休みのおすすめ本を募集します。"),
    ("ドラクエのオープニングみたいな雪原がどこまでも続くところ", "名寄の魅力を教えて！フォトコンテスト作品募集中"),
])
def test_an_answer_on_the_parent_posts_subject_is_not_off_topic(moderator, text, context):
    assert "off_topic" not in categories(moderator, text, context=context)


def test_ads_and_piracy_go_to_their_own_clauses_not_off_topic(with_topics):
    assert "off_topic" not in categories(with_topics, "FX自動売買ツール、今だけ無料配布中。勝率90%超え")


def test_off_topic_is_a_comment_clause_only(with_topics):
    assert "off_topic" not in categories(with_topics, GAME, mode="draft", context="熊の出没が相次いでいます。")


# --- ⑿ the city's own rule pack ---------------------------------------------------------------------

def test_the_local_pack_is_not_bundled():
    assert not [r for r in load_rules([bundled_rules_dir()]) if r.id.startswith("LOC") or r.category.value == "other_inappropriate"]


def test_the_local_pack_is_loaded_by_folder_or_policy(moderator, tmp_path):
    text = "智恵文の熊見に行こうぜ！"
    assert "other_inappropriate" not in categories(moderator, text)
    (f,) = findings(Moderator(rules=[LOCAL_RULES]), text, "other_inappropriate")
    assert f.rule_id == "LOC001" and f.matched == "熊見に行こう" and f.clause.endswith("⑿")
    policy = tmp_path / "policy.toml"
    policy.write_text(f'rules = ["{LOCAL_RULES.as_posix()}"]\n', encoding="utf-8")
    assert "other_inappropriate" in categories(Moderator(policy=Policy.load(policy)), text)


def run(*args, stdin=""):
    proc = subprocess.run([sys.executable, "-m", "nayoro_moderation", *map(str, args)], input=stdin.encode(),
                          capture_output=True, cwd=ROOT)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def test_check_with_the_local_pack_prints_clause_12():
    code, out, _ = run("check", "-", "--mode", "comment", "--rules", LOCAL_RULES, stdin="担当者さんの個人LINE教えて\n")
    assert code == 1
    assert "other_inappropriate LOC002 「担当者さんの個人LINE教えて」 — 様式1 注意事項1 ⑿" in out


def test_test_rules_runs_the_local_packs_examples():
    code, out, _ = run("test-rules", LOCAL_RULES)
    assert code == 0 and out.strip().endswith("passed, 0 failed")


@pytest.mark.parametrize("what", ["discrimination", "off_topic"])
def test_explain_a_category_lists_its_rules_and_false_alarms(what):
    code, out, _ = run("explain", what)
    assert code == 0
    assert "様式1 注意事項1" in out and "既知の誤検知" in out


@pytest.mark.parametrize("what", ["PUB020", "OFF001"])
def test_explain_a_rule_says_what_why_and_false_alarms(what):
    code, out, _ = run("explain", what)
    assert code == 0
    assert "何を検出するか" in out and "なぜ問題か" in out and "既知の誤検知" in out and "検出しない例" in out


# --- the rule files themselves ----------------------------------------------------------------------

def _guarded_patterns():
    for folder in ("discrimination", "public_order", "false_info", "illegal_incitement"):
        for path in sorted((ROOT / "rules" / folder).glob("*.toml")):
            for pattern in tomllib.loads(path.read_text(encoding="utf-8")).get("match", {}).get("folded_regex", []):
                compact = regex.sub(r"\s+", "", regex.sub(r"(?m)^[ \t]*#[^\n]*$", "", pattern.replace("(?x)", "", 1))) if pattern.startswith("(?x)") else pattern
                if compact.startswith("(?=["):
                    yield path.name, compact


def _alternatives(body):
    """Top-level alternatives of a group body, and where the group ends."""
    depth, words, word, i = 0, [], "", 0
    while True:
        ch = body[i]
        if ch == "\\":
            word, i = word + body[i : i + 2], i + 2
            continue
        if ch == "[":
            end = body.index("]", i + 2)
            word, i = word + body[i : end + 1], end + 1
            continue
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0 or (ch == "|" and depth == 0):
            words.append(word)
            if depth < 0:
                return words, i + 1
            word = ""
        else:
            word += ch
        i += 1


def _first_chars(word):
    """The characters a word of the alternation can start with ('[...]' for a class)."""
    if word.startswith("(?:"):
        inner, end = _alternatives(word[3:])
        chars = {c for w in inner for c in _first_chars(w)}
        if word[3 + end : 3 + end + 1] == "?":  # an optional prefix: what follows may come first
            chars |= _first_chars(word[3 + end + 1 :])
        return chars
    if word.startswith("["):
        return {word[: word.index("]", 2) + 1]}
    if word.startswith("\\"):  # an escaped character: \# in a verbose pattern
        return {word[1]}
    return {word[0]}


@pytest.mark.parametrize("name,pattern", list(_guarded_patterns()))
def test_a_first_character_guard_lets_every_listed_word_through(name, pattern):
    """Long alternations start with a lookahead on their first characters (speed); a word added to the
    list must not be shut out by a guard that was not updated."""
    close = pattern.index("])")
    guard = pattern[4:close]
    body = pattern[close + 2 :]
    assert body.startswith("(?:")
    words, _ = _alternatives(body[3:])
    for word in words:
        for first in _first_chars(word):
            inside = first[1:-1] in guard if first.startswith("[") else regex.match("[" + guard + "]", first)
            assert inside, f"{name}: 「{word}」 starts with {first!r}, which the guard [{guard}] does not let through"
