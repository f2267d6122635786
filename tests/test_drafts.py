"""Staff draft review (sections 5 and 6): each draft category as a reviewer meets it, the check
command's draft flags, and the quality floor on corpora/drafts.jsonl."""

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from nayoro_moderation import Moderator, Policy
from nayoro_moderation.jpdates import JST

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "examples" / "policy.toml"
ENDED = ROOT / "examples" / "policy_ended.toml"
DRAFT_CATEGORIES = ("deliberation", "accuracy", "media_consent", "external_reference", "reply_tone",
                    "working_hours", "operating_hours", "account_period")


@pytest.fixture(scope="module")
def nayoro():
    return Moderator(policy=Policy.load(POLICY))


def findings(moderator, text, **kwargs):
    report = moderator.check(text, "draft", **kwargs)
    for f in report.findings:
        assert report.text[f.start : f.end] == f.matched
    return [(f.category.value, f.matched) for f in report.findings]


def one(moderator, text, **kwargs):
    report = moderator.check(text, "draft", **kwargs)
    (f,) = report.findings
    return f


# --- deliberation (6(2)エ) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,matched",
    [
        ("風連地区の小学校2校の統合について、現在教育委員会で協議中です。", "協議中"),
        ("来年の花火大会は中止の方向で話が進んでいます。", "方向で話が進"),
        ("市役所庁舎の建て替えは、まだ結論が出ていません。", "結論が出ていません"),
        ("プレミアム付商品券の第3弾、発行するかどうかは未定です。", "未定"),
        ("大人500円を600円にする案です♨", "にする案です"),
    ],
)
def test_deliberation_is_the_state_of_the_matter(nayoro, text, matched):
    f = one(nayoro, text)
    assert (f.category.value, f.matched, f.clause) == ("deliberation", matched, "6(2)エ")
    assert "意思形成過程" in f.clause_text


@pytest.mark.parametrize(
    "text",
    [
        "11月28日（土）に除雪車の見学会を開催します🚜 開始時間は未定のため、決まり次第お知らせします。",
        "ふるさと納税をご検討中の皆さまへ。返礼品をリニューアルしました。",
        "名寄市地域公共交通活性化協議会を公開で開催します。",
        "第3次名寄市総合計画（素案）へのご意見を募集します。素案は市ホームページで閲覧できます。",
        "いただいたご意見は、今後の参考として検討してまいります。",
    ],
)
def test_a_future_events_schedule_and_public_processes_are_not_deliberation(nayoro, text):
    assert findings(nayoro, text) == []


# --- accuracy (6(1)エ) ----------------------------------------------------------------------------


def test_accuracy_wrong_weekday_names_the_real_one(nayoro):
    f = one(nayoro, "期日前投票は4月2日（金）から4月10日（日）まで。", posted_at=datetime(2027, 3, 19, 11, tzinfo=JST))
    assert (f.rule_id, f.matched, f.severity.value) == ("ACC001", "4月10日（日）", "high")
    assert f.evidence["検証"] == "2027年4月10日は土曜日（記載は日曜日）"


@pytest.mark.parametrize(
    "text,rule,matched",
    [
        ("市民税の第4期の納期限は11月31日です。", "ACC002", "11月31日"),
        ("令和8年（2025年）4月1日から助成を拡大しました。", "ACC003", "令和8年（2025年）"),
        ("名寄市立大学は令和元年3月に図書館棟が完成しました。", "ACC003", "令和元年3月"),
        ("子育て支援センターの開館時間は16:00〜9:30です。", "ACC004", "16:00〜9:30"),
        ("申込み・問合せ：名寄市役所 ０１６５４－３－２１２１", "ACC006", "０１６５４－３－２１２１"),
        ("ごみ分別アプリは www.city.nayoro.hokaido.jp/gomi から", "ACC007", "www.city.nayoro.hokaido.jp/gomi"),
    ],
)
def test_accuracy_kinds(nayoro, text, rule, matched):
    f = one(nayoro, text, posted_at=datetime(2026, 11, 2, 9, 50, tzinfo=JST))
    assert (f.category.value, f.rule_id, f.matched) == ("accuracy", rule, matched)
    assert f.evidence


def test_official_contacts_are_not_accuracy_findings(nayoro):
    text = "問合せ：名寄市役所 ０１６５４－３－２１１１（内線３２１５） https://www.city.nayoro.hokkaido.jp/"
    assert findings(nayoro, text) == []


def test_near_miss_is_measured_against_the_policys_own_facts(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('[official]\nphones = ["01654-3-2112"]\nweb_domains = ["example-city.jp"]\n', encoding="utf-8")
    other = Moderator(policy=Policy.load(path))
    assert findings(other, "お問い合わせは（01654-3-2112）まで") == []
    assert [c for c, _ in findings(other, "お問い合わせは（01654-3-2111）まで")] == ["accuracy"]


# --- media_consent (5(4)イ) -------------------------------------------------------------------------


def test_children_on_a_photo_without_consent_is_high(nayoro):
    f = one(nayoro, "雪まつりの大すべり台で遊ぶ子どもたちの笑顔をパシャリ📸")
    assert (f.category.value, f.severity.value, f.clause) == ("media_consent", "high", "5(4)イ")
    assert f.evidence["人物"].startswith("子ども")


def test_consent_noted_anywhere_in_the_post_clears_it(nayoro):
    assert findings(nayoro, "保護者の皆さんから掲載の許可をいただいたので、遊戯会の動画を公開します🎥") == []
    assert findings(nayoro, "運動会の様子です。個人が特定できないよう、後ろ姿のみを掲載しています。") == []


def test_landscape_photos_are_not_media_consent(nayoro):
    assert findings(nayoro, "智恵文のひまわり畑、満開です🌻 ドローンで撮影した写真をどうぞ。") == []


# --- external_reference (5(4)ウ) -------------------------------------------------------------------


def test_external_link_and_shortener(nayoro):
    f = one(nayoro, "申込みはこちらから👉 https://bit.ly/3nYrWq8")
    assert (f.category.value, f.rule_id, f.matched) == ("external_reference", "EXT001", "https://bit.ly/3nYrWq8")
    assert "短縮URL" in f.evidence


def test_sharing_another_accounts_post(nayoro):
    f = one(nayoro, "名寄観光協会さんの投稿をシェアします！")
    assert (f.category.value, f.rule_id) == ("external_reference", "EXT101")


def test_official_links_and_own_posts_are_fine(nayoro):
    assert findings(nayoro, "申請書は https://www.city.nayoro.lg.jp/shinsei/jyosetsu.pdf からダウンロードできます") == []
    assert findings(nayoro, "この投稿をシェアして、ご家族やご近所の方にもお知らせください🙏") == []


# --- reply_tone (6(1)カ, 5(5)ア(ア)) -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ホームページにちゃんと書いてあります。よく読んでから質問してください。",
        "常識で考えれば分かると思いますが。",
        "個人の感想にいちいち答えている暇はありません。",
        "文句があるなら他の町に住めばいいと思います。",
    ],
)
def test_sharp_replies(nayoro, text):
    cats = {c for c, _ in findings(nayoro, text)}
    assert cats == {"reply_tone"}


def test_replies_that_thank_and_promise_to_check_are_fine(nayoro):
    for text in ("ご指摘ありがとうございます。担当課に確認し、改めてお知らせします。",
                 "お怒りはもっともです。ご迷惑をおかけし申し訳ありません。"):
        assert findings(nayoro, text) == []


# --- timing: working_hours, operating_hours, account_period -------------------------------------


def test_personal_post_in_working_hours(nayoro):
    f = one(nayoro, "今日のおやつはもち米大福🍡 うまっ", posted_at=datetime(2026, 12, 9, 15, 3, tzinfo=JST), account="personal")
    assert (f.category.value, f.clause, f.severity.value) == ("working_hours", "6(1)ク", "medium")
    assert f.evidence["投稿日時"] == "2026年12月9日（水）15:03"


@pytest.mark.parametrize(
    "moment",
    [datetime(2026, 11, 23, 11, tzinfo=JST), datetime(2026, 12, 30, 14, tzinfo=JST), datetime(2026, 12, 16, 18, 5, tzinfo=JST)],
)
def test_personal_post_on_a_holiday_year_end_or_after_hours_is_fine(nayoro, moment):
    assert findings(nayoro, "家族で温泉に来ました♨", posted_at=moment, account="personal") == []


def test_official_post_outside_operating_hours_is_low(nayoro):
    f = one(nayoro, "敬老の日。市内最高齢の方に市長がお祝いを届けました。", posted_at=datetime(2026, 9, 21, 15, tzinfo=JST))
    assert (f.category.value, f.severity.value, f.action) == ("operating_hours", "low", "確認のうえ投稿可")
    assert f.evidence["理由"] == "祝日（敬老の日）"


def test_post_after_the_period_of_an_ended_event_account():
    ended = Moderator(policy=Policy.load(ENDED))
    f = one(ended, "もち米フェス2025にご来場いただいた皆さま、ありがとうございました🍡",
            posted_at=datetime(2026, 11, 10, 10, tzinfo=JST))
    assert (f.category.value, f.rule_id, f.severity.value) == ("account_period", "ACP001", "high")
    assert f.evidence["運用期間"] == "2025-06-01〜2025-10-31"


def test_a_policy_without_working_hours_uses_the_city_office_hours(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('account_name = "名寄市立図書館"\n', encoding="utf-8")
    library = Moderator(policy=Policy.load(path))
    f = one(library, "積読がまた増えた📚", posted_at=datetime(2027, 1, 14, 14, 40, tzinfo=JST), account="personal")
    assert f.category.value == "working_hours" and "08:45〜17:30" in f.evidence["就業時間"]


def test_no_posting_time_means_no_timing_findings(nayoro):
    assert findings(nayoro, "今日のおやつはもち米大福🍡", account="personal") == []


# --- the check command's draft flags ---------------------------------------------------------------


def run(*args, stdin: bytes | None = None):
    proc = subprocess.run([sys.executable, "-m", "nayoro_moderation", *map(str, args)], input=stdin,
                          capture_output=True, cwd=ROOT)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def test_check_draft_with_policy_time_and_account_exits_1():
    code, out, err = run("check", "-", "--mode", "draft", "--policy", POLICY, "--posted-at", "2026-11-17T10:24:00+09:00",
                         "--account", "personal", stdin="新しいスノーブーツ買った〜👢".encode())
    assert code == 1, err
    assert "medium working_hours WRK001" in out and "6(1)ク" in out
    assert "確認事項:" in out and "就業時間外に投稿する" in out


def test_check_draft_in_hours_is_clean_and_exits_0():
    code, out, _ = run("check", "-", "--policy", POLICY, "--posted-at", "2026-11-24T10:30:00+09:00",
                       stdin="市民体育館は、設備改修工事のため休館します。".encode())
    assert code == 0
    assert "指摘はありません" in out


def test_min_severity_hides_the_low_operating_hours_notice():
    args = ("check", "-", "--policy", POLICY, "--posted-at", "2026-11-21T10:00:00+09:00")
    code, out, _ = run(*args, stdin="本日の除雪情報です。".encode())
    assert code == 1 and "low operating_hours OPH001" in out
    code, _, _ = run(*args, "--min-severity", "medium", stdin="本日の除雪情報です。".encode())
    assert code == 0


def test_check_json_carries_the_checklist():
    code, out, _ = run("check", "-", "--format", "json", "--policy", POLICY, stdin="保育園の子どもたちの写真です📷".encode())
    data = json.loads(out)
    assert code == 1 and data["categories"] == ["media_consent"]
    assert any("写っている人の同意を確認する" in item for item in data["checklist"])


def test_check_with_an_invalid_policy_exits_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[period]\nstart = 2027-04-01\nend = 2024-03-31\n', encoding="utf-8")
    code, out, err = run("check", "-", "--policy", bad, stdin="x".encode())
    assert code == 2
    assert "period（運用期間）: 終了日 2024-03-31 が開始日 2027-04-01 より前です" in err
    assert "Traceback" not in err
