"""運用ポリシー (様式1) as configuration: loading, `policy check` and `policy render`."""

import subprocess
import sys
import textwrap
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest

from nayoro_moderation import Policy, PolicyError
from nayoro_moderation.jpdates import JST
from nayoro_moderation.policy import policy_problems

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "policy.toml"
ENDED = ROOT / "examples" / "policy_ended.toml"

BROKEN = """
account_name = "名寄市"
purpose = "市の情報を届けるため"
platforms = ["LINE", ""]
reply = "たまに"
colour = "blue"

[department]
division = ""

[period]
start = 2027-04-01
end = 2024-03-31

[operating_hours]
weekdays = ["月", "火", "祝"]
start = "8時45分"
end = "17:30"

[working_hours]
start = "18:00"
end = "09:00"
"""


def run(*args):
    proc = subprocess.run([sys.executable, "-m", "nayoro_moderation", *map(str, args)], capture_output=True, cwd=ROOT)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_example_policy_holds_the_form_fields():
    policy = Policy.load(EXAMPLE)
    assert policy.account_name == "名寄市"
    assert str(policy.department) == "総合政策部　秘書広報課　広報広聴係"
    assert policy.platforms == ("LINE", "フェイスブック", "ツイッター(X)")
    assert (policy.period.start, policy.period.end) == (date(2024, 4, 1), date(2027, 3, 31))
    hours = policy.operating_hours
    assert hours.weekdays == ("月", "火", "水", "木", "金") and (hours.start, hours.end) == (time(8, 45), time(17, 30))
    assert policy.working_hours == hours
    assert policy.reply == "返信しない"
    assert "01654-3-2111" in policy.official.phones
    assert policy_problems(EXAMPLE) == (policy, [])


def test_ended_event_policy():
    policy = Policy.load(ENDED)
    assert (policy.period.start, policy.period.end) == (date(2025, 6, 1), date(2025, 10, 31))
    assert policy.platforms == ("ツイッター(X)", "Instagram")
    assert policy.period_problem(datetime(2026, 11, 10, 10, tzinfo=JST)) == "after"
    assert policy.period_problem(datetime(2025, 10, 31, 23, 59, tzinfo=JST)) is None
    assert policy.period_problem(datetime(2025, 5, 31, 12, tzinfo=JST)) == "before"


def test_default_policy_keeps_nayoros_public_facts():
    policy = Policy.default()
    assert "01654-3-2111" in policy.official.phones
    assert "city.nayoro.lg.jp" in policy.official.email_domains
    assert "www.city.nayoro.hokkaido.jp" in policy.official.web_domains
    assert policy.working_hours is not None  # 開庁時間, for personal-account posts (6(1)ク)
    assert policy.period is None and policy.operating_hours is None


def test_aliases_are_normalised(tmp_path):
    path = write(tmp_path, """
        platforms = ["Facebook", "X", "line", "Instagram"]
        reply = "する"
        [operating_hours]
        weekdays = ["月曜日", "wed", "金曜"]
        start = "９:００"
        end = "12:00"
    """)
    policy = Policy.load(path)
    assert policy.platforms == ("フェイスブック", "ツイッター(X)", "LINE", "Instagram")
    assert policy.reply == "返信する"
    assert policy.operating_hours.weekdays == ("月", "水", "金")
    assert policy.operating_hours.start == time(9, 0)


@pytest.mark.parametrize(
    "moment,reason",
    [
        (datetime(2026, 11, 24, 10, 0, tzinfo=JST), None),  # Tuesday after 勤労感謝の日
        (datetime(2026, 11, 24, 8, 44, tzinfo=JST), "時間外"),
        (datetime(2026, 11, 24, 17, 30, tzinfo=JST), "時間外"),  # the end is exclusive
        (datetime(2026, 11, 23, 10, 0, tzinfo=JST), "勤労感謝の日"),
        (datetime(2026, 11, 21, 10, 0, tzinfo=JST), "土曜日"),
        (datetime(2026, 12, 29, 10, 0, tzinfo=JST), "年末年始"),
        (datetime(2027, 1, 4, 10, 0, tzinfo=JST), None),
        (datetime(2026, 5, 6, 10, 0, tzinfo=JST), "振替休日"),
        (datetime(2026, 11, 24, 1, 30), "時間外"),  # naive: read as Japan time
    ],
)
def test_operating_hours_exclude_holidays_and_year_end(moment, reason):
    hours = Policy.load(EXAMPLE).operating_hours
    found = hours.outside_reason(moment)
    if reason is None:
        assert found is None
    else:
        assert reason in found


def test_utc_times_are_read_in_japan_time():
    hours = Policy.load(EXAMPLE).operating_hours
    # 01:00 UTC is 10:00 in Japan on a Tuesday: inside the hours
    assert hours.outside_reason(datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)) is None


def test_load_refuses_an_invalid_policy_listing_every_field(tmp_path):
    with pytest.raises(PolicyError) as err:
        Policy.load(write(tmp_path, BROKEN))
    message = str(err.value)
    for field in ("department", "platforms", "period", "operating_hours.weekdays", "operating_hours.start", "reply",
                  "working_hours", "colour"):
        assert field in message, field


def test_policy_check_lists_every_problem_and_exits_2(tmp_path):
    code, out, err = run("policy", "check", write(tmp_path, BROKEN))
    assert code == 2, err
    assert "9件の問題" in out
    lines = [ln for ln in out.splitlines() if ln.startswith("  - ")]
    assert len(lines) == 9
    expected = [
        "department（開設所属）", "platforms（利用するソーシャルメディアの種類）: 空の名前",
        "period（運用期間）: 終了日 2024-03-31 が開始日 2027-04-01 より前",
        "operating_hours.weekdays（運用時間の曜日）: 「祝」は曜日ではありません",
        "operating_hours.start（運用時間の開始）: 「8時45分」は時刻として読めません",
        "reply（投稿に対する返信）: 「たまに」", "working_hours（職員の就業時間）: 終了 09:00",
        "colour: 知らない項目", "content（発信する情報の内容）: 様式1の必須項目がありません",
    ]
    for text in expected:
        assert any(text in ln for ln in lines), text
    assert "Traceback" not in err


def test_policy_check_on_a_valid_policy_exits_0():
    code, out, _ = run("policy", "check", EXAMPLE)
    assert code == 0
    assert "問題はありません" in out


def test_policy_check_warns_when_the_period_has_ended():
    code, out, _ = run("policy", "check", ENDED)
    assert code == 0
    assert "2025-10-31に終了" in out and "様式4" in out


def test_policy_check_names_missing_form_fields(tmp_path):
    code, out, _ = run("policy", "check", write(tmp_path, 'account_name = "名寄市"\n[period]\nstart = 2024-04-01\n'))
    assert code == 2
    for field in ("department", "content", "purpose", "platforms", "operating_hours", "reply", "period.end"):
        assert f"  - {field}（" in out, field
    assert "  - account_name" not in out


@pytest.mark.parametrize(
    "body,message",
    [("x = ", "cannot read policy"), (None, "no such policy file")],
)
def test_unreadable_policy_is_one_line_exit_2(tmp_path, body, message):
    path = write(tmp_path, body) if body is not None else tmp_path / "missing.toml"
    code, out, err = run("policy", "check", path)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_render_prints_the_form_notice():
    code, out, err = run("policy", "render", EXAMPLE)
    assert code == 0, err
    assert "■ 発信する情報の内容\n市民の皆さんや名寄を訪れる方に向けて" in out
    assert "■ 開設・運用の目的" in out
    assert ("月曜日から金曜日までの8時45分から17時30分までとします（祝日及び年末年始を除く）。"
            "ただし、それ以外の時間に発信する場合があります。") in out
    assert "■ 投稿に対する返信\n原則として行いません。\n個別の回答はできませんので，あらかじめ御了承ください。" in out
    assert "運用期間: 令和6年4月1日 ～ 令和9年3月31日" in out
    assert "☑LINE ☑フェイスブック ☑ツイッター(X) □その他" in out
    # 注意事項 ⑴–⑿ in the guideline's words and order, then 知的財産権 and 免責事項
    assert "以下に定める投稿は禁止しておりますので，予告なく削除することがあります。" in out
    marks = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿"
    positions = [out.index(f"\n{m} ", out.index("１ 注意事項")) for m in marks]
    assert positions == sorted(positions)
    assert "⑵ 本市、または第三者を誹謗中傷するもの" in out
    assert "⑿ その他本市が不適切と判断した情報" in out
    assert out.index("２ 知的財産権") < out.index("３ 免責事項")
    assert "無断で複製・転用することはできません。" in out
    assert "予告なしに運用ポリシーの変更や運用方法の見直し、運用の中止などをする場合があります。" in out


def test_render_of_a_reply_account_uses_the_reply_wording():
    code, out, _ = run("policy", "render", ENDED)
    assert code == 0
    assert "運用者は必要に応じて回答を行います。" in out
    assert "☑その他（Instagram）" in out and "□LINE" in out


def test_render_without_a_file_gives_the_default_with_blanks_to_fill():
    code, out, err = run("policy", "render")
    assert code == 0
    assert "アカウント名: 名寄市" in out and "■ 発信する情報の内容\n【記入: 発信する情報の内容】" in out
    assert "⑵ 本市、または第三者を誹謗中傷するもの" in out  # the 注意事項 are the guideline's, whatever the account
    assert "【記入】" in err
    code, _, err = run("policy", "check")
    assert code == 2 and "needs POLICY" in err


def test_render_refuses_an_incomplete_policy(tmp_path):
    code, out, err = run("policy", "render", write(tmp_path, 'account_name = "名寄市"\n'))
    assert code == 2
    assert out == ""
    assert "content（発信する情報の内容）" in err


def test_policy_rule_folders_are_relative_to_the_file(tmp_path):
    path = write(tmp_path, 'rules = ["local_rules"]\n')
    assert Policy.load(path).rule_folders() == [tmp_path / "local_rules"]
