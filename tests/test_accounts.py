"""The city's account list (guideline 5(3), 5(5)イ, 様式2–5): the registry, `accounts check`,
`accounts render` and `accounts impostor` as staff use them."""

import csv
import io
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from nayoro_moderation import Registry, RegistryError, impostor_risk
from nayoro_moderation.accounts import check, render
from nayoro_moderation.categories import Severity

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "accounts.toml"
POLICY = (ROOT / "examples" / "policy.toml").as_posix()
TODAY = date(2026, 12, 6)


def run(*args):
    proc = subprocess.run([sys.executable, "-m", "nayoro_moderation", *map(str, args)], capture_output=True, cwd=ROOT)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


# One account in good order; each test changes what it is about.
CITY = {
    "id": "city-x", "platform": "X", "name": "名寄市", "handle": "@nayoro_city", "url": "https://x.com/nayoro_city",
    "policy": POLICY, "contact": "広報広聴係 北野",
    "department": '{ division = "総合政策部", section = "秘書広報課", unit = "広報広聴係" }',
    "period": "{ start = 2024-04-01, end = 2027-03-31 }", "listing_requested": "2024-04-02", "listed": "2024-04-05",
}


def _value(key, value):
    if key in ("department", "period") or key.endswith(("requested", "listed", "closed", "removed")):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def registry_file(tmp_path, *accounts, head="") -> Path:
    body = [textwrap.dedent(head)]
    for account in accounts:
        body.append("[[accounts]]")
        body += [f"{k} = {_value(k, v)}" for k, v in account.items() if v is not None]
        body.append("")
    path = tmp_path / "accounts.toml"
    path.write_text("\n".join(body), encoding="utf-8")
    return path


def problems_of(tmp_path, *accounts, today=TODAY, head=""):
    return check(Registry.load(registry_file(tmp_path, *accounts, head=head)), today)


# --- registry --------------------------------------------------------------------------------------


def test_example_registry_loads_with_its_form_dates():
    registry = Registry.load(EXAMPLE)
    fes = registry.account("mochifes-x")
    assert fes.platform == "ツイッター(X)" and fes.handle == "@nayoro_mochifes"
    assert (fes.listing_requested, fes.listed, fes.closed, fes.removal_requested, fes.removed) == (
        date(2025, 6, 2), date(2025, 6, 6), date(2025, 11, 4), date(2025, 11, 5), date(2025, 11, 11))
    assert registry.account("city-x").on_list and not fes.on_list


def test_invalid_registry_names_every_bad_field(tmp_path):
    bad = dict(CITY, id="city x", url="x.com/nayoro_city", removal_requested="2026-01-01", period="{ start = 2027-01-01, end = 2026-01-01 }")
    path = registry_file(tmp_path, bad, dict(CITY, handle="@nayoro city"), head="notice_days = 0\ncolour = 'red'\n")
    with pytest.raises(RegistryError) as err:
        Registry.load(path)
    message = str(err.value)
    for where in ("accounts[1] (city x).id", "accounts[1] (city x).url", "accounts[1] (city x).period", "accounts[2] (city-x).handle", "notice_days", "colour"):
        assert where in message, where
    code, out, err_text = run("accounts", "check", path)
    assert code == 2 and "invalid registry" in err_text and "Traceback" not in err_text


def test_removal_request_needs_a_closed_day(tmp_path):
    with pytest.raises(RegistryError, match="closed（閉鎖日）"):
        Registry.load(registry_file(tmp_path, dict(CITY, removal_requested="2026-01-01")))


# --- check: one test per kind of problem ---------------------------------------------------------


def test_an_account_in_good_order_has_no_problem(tmp_path):
    assert problems_of(tmp_path, CITY) == []
    code, out, _ = run("accounts", "check", registry_file(tmp_path, CITY), "--today", "2026-12-06")
    assert code == 0 and "問題はありません" in out


def test_left_running_after_its_period_is_high_with_the_days_since(tmp_path):
    ended = dict(CITY, period="{ start = 2024-04-01, end = 2026-11-30 }")
    [problem] = [p for p in problems_of(tmp_path, ended) if p.kind != "policy-mismatch"]
    assert (problem.kind, problem.severity) == ("left-running", Severity.HIGH)
    assert "6日" in problem.message and "乗っ取り" in problem.message and "5(3)イ" in problem.message


def test_example_registry_reports_the_event_account_left_running():
    code, out, _ = run("accounts", "check", EXAMPLE, "--today", "2026-12-06")
    assert code == 1
    first = out.splitlines()[0]
    assert "high left-running mochifes-instagram" in first and "401日" in first


def test_a_period_ending_within_30_days_is_low(tmp_path):
    kinds = [(p.kind, p.severity) for p in problems_of(tmp_path, CITY, today=date(2027, 3, 10))]
    assert kinds == [("ending-soon", Severity.LOW)]
    assert problems_of(tmp_path, CITY, today=date(2027, 2, 28)) == []


def test_an_account_without_a_policy(tmp_path):
    [problem] = problems_of(tmp_path, dict(CITY, policy=None))
    assert problem.kind == "no-policy" and "運用ポリシー" in problem.message
    [problem] = problems_of(tmp_path, dict(CITY, policy="missing.toml"))
    assert problem.kind == "no-policy" and "missing.toml" in problem.message


def test_an_incomplete_policy(tmp_path):
    policy = tmp_path / "thin.toml"
    policy.write_text('account_name = "名寄市"\n', encoding="utf-8")
    [problem] = problems_of(tmp_path, dict(CITY, policy=policy.as_posix()))
    assert problem.kind == "policy-invalid" and "件の問題" in problem.message


@pytest.mark.parametrize("change,said", [
    ({"name": "名寄市役所"}, "アカウント名"),
    ({"platform": "Instagram"}, "Instagram"),
    ({"period": "{ start = 2024-04-01, end = 2028-03-31 }"}, "運用期間"),
    ({"department": '{ division = "経済部", section = "農務課" }'}, "主管課"),
])
def test_registry_and_policy_disagree(tmp_path, change, said):
    [problem] = problems_of(tmp_path, dict(CITY, **change))
    assert problem.kind == "policy-mismatch" and said in problem.message


def test_removal_requested_but_not_notified(tmp_path):
    closing = dict(CITY, closed="2026-11-01", removal_requested="2026-11-02")
    [problem] = problems_of(tmp_path, closing)
    assert (problem.kind, problem.severity) == ("removal-not-notified", Severity.MEDIUM)
    assert "34日" in problem.message and "様式5" in problem.message
    assert problems_of(tmp_path, closing, head="notice_days = 40\n") == []
    assert problems_of(tmp_path, dict(closing, removed="2026-11-10")) == []


def test_closed_but_still_on_the_list(tmp_path):
    [problem] = problems_of(tmp_path, dict(CITY, closed="2026-11-01"))
    assert problem.kind == "closed-still-listed" and "様式4" in problem.message


def test_listing_requested_but_not_notified_and_never_requested(tmp_path):
    [problem] = problems_of(tmp_path, dict(CITY, listed=None))
    assert problem.kind == "listing-not-notified" and "様式3" in problem.message
    [problem] = problems_of(tmp_path, dict(CITY, listed=None, listing_requested=None))
    assert problem.kind == "not-listed" and "様式2" in problem.message


def test_duplicate_handles_on_one_platform(tmp_path):
    twin = dict(CITY, id="city-x-2", handle="@Nayoro_City")
    other_platform = dict(CITY, id="city-fb", platform="Facebook", handle="@nayoro_city", url="https://www.facebook.com/nayoro_city")
    kinds = [(p.kind, p.account_id) for p in problems_of(tmp_path, CITY, twin, other_platform)
             if p.kind != "policy-mismatch"]
    assert kinds == [("duplicate-handle", "city-x-2")]


# --- render: the forms ---------------------------------------------------------------------------


def test_form_2_listing_request():
    text = render(Registry.load(EXAMPLE), 2, "city-x")
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] == "様式２" and "令和6年4月2日" in lines
    assert lines.index("総合政策部秘書広報課長") < lines.index("総合政策部　秘書広報課") < lines.index("課長")
    assert "（担当：広報広聴係 北野）" in lines and "名寄市ソーシャルメディア一覧掲載依頼書" in lines
    assert "別添の運用ポリシーのとおり、ソーシャルメディアを開設しましたので、" in text.replace("\n", "")
    assert lines[-2:] == ["（添付書類）", "１ 運用ポリシー（様式１）"]


def test_form_3_listing_notice_goes_to_the_section():
    text = render(Registry.load(EXAMPLE), 3, "kitasubaru-instagram")
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] == "様式３" and "令和7年1月10日" in lines
    assert lines.index("生涯学習課長") < lines.index("総合政策部秘書広報課長")
    assert "名寄市ソーシャルメディア一覧掲載通知書" in lines
    assert "貴課からの名寄市ソーシャルメディア一覧掲載依頼書に基づき" in text.replace("\n", "")
    assert any(line.startswith("アカウント名") and line.endswith("名寄市立天文台きたすばる") for line in lines)
    assert any(line.startswith("備考") and "@nayoro_kitasubaru" in line for line in lines)


def test_form_4_removal_request_has_the_platform_box_closing_day_and_reason():
    text = render(Registry.load(EXAMPLE), 4, "mochifes-x")
    assert "名寄市ソーシャルメディア一覧削除依頼書" in text
    assert "次のとおり、ソーシャルメディアを閉鎖しましたので" in text.replace("\n", "")
    assert "□LINE □フェイスブック ☑ツイッター(X) □その他" in text
    assert "閉鎖日" in text and "令和7年11月4日" in text
    assert "もち米フェス2025の終了に伴い" in text and "（担当：農政係 米田）" in text


def test_form_5_removal_notice():
    text = render(Registry.load(EXAMPLE), 5, "mochifes-x")
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] == "様式５" and "令和7年11月11日" in lines and lines.index("農務課長") < lines.index("総合政策部秘書広報課長")
    assert "名寄市ソーシャルメディア一覧削除通知書" in lines
    assert "ページからの削除を完了しましたので通知します。" in text.replace("\n", "")


def test_removal_forms_need_a_closed_account_and_date_fills_a_form():
    code, out, _ = run("accounts", "render", EXAMPLE, "--form", "4", "--account", "mochifes-instagram")
    assert code == 2  # not closed: no 様式4 yet
    code, out, _ = run("accounts", "render", EXAMPLE, "--form", "2", "--account", "city-x", "--date", "2027-04-01")
    assert code == 0 and "令和9年4月1日" in out


def test_blank_date(tmp_path):
    registry = Registry.load(registry_file(tmp_path, dict(CITY, listed=None)))
    assert "令和　　年　　月　　日" in render(registry, 3, "city-x")


def test_form_as_html_is_escaped(tmp_path):
    hostile = dict(CITY, name="名寄市<script>alert(1)</script>", contact='"><img src=x onerror=alert(1)>')
    html = render(Registry.load(registry_file(tmp_path, hostile)), 2, "city-x", format="html")
    assert "<script>" not in html and "<img" not in html and "&lt;img" in html
    assert "Content-Security-Policy" in html and "名寄市ソーシャルメディア一覧掲載依頼書" in html


def test_render_usage_errors_exit_2():
    assert run("accounts", "render", EXAMPLE)[0] == 2
    code, _, err = run("accounts", "render", EXAMPLE, "--form", "2", "--account", "nope")
    assert code == 2 and "nope" in err and "city-x" in err and "Traceback" not in err
    assert run("accounts", "render", EXAMPLE, "--form", "6", "--account", "city-x")[0] == 2


# --- render: the public list ---------------------------------------------------------------------


def test_list_shows_listed_open_accounts_each_with_its_policy():
    text = render(Registry.load(EXAMPLE))
    assert text.startswith("名寄市ソーシャルメディア一覧")
    assert "■ 名寄市（ツイッター(X)）" in text and "■ 名寄市立天文台きたすばる（Instagram）" in text
    assert "■ もち米フェス2025（名寄市）（ツイッター(X)）" not in text  # closed and removed
    assert text.count("１ 注意事項") == 5  # each listed open account with its 様式1 notice
    assert "原則として行いません。" in text


def test_list_page_html_escapes_names_and_policies(tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text((ROOT / "examples" / "policy.toml").read_text(encoding="utf-8").replace(
        'account_name = "名寄市"', 'account_name = "名寄市<b>公式</b>"'), encoding="utf-8")
    hostile = dict(CITY, name="名寄市<b>公式</b>", policy=policy.as_posix(), url="https://x.com/a\"onmouseover=\"alert(1)")
    html = render(Registry.load(registry_file(tmp_path, hostile)), format="html")
    assert "<b>" not in html and "&lt;b&gt;公式&lt;/b&gt;" in html
    assert 'onmouseover="' not in html
    assert "<script" not in html and "default-src 'none'" in html


def test_list_refuses_an_account_without_a_usable_policy(tmp_path):
    path = registry_file(tmp_path, dict(CITY, policy="missing.toml"))
    code, _, err = run("accounts", "render", path, "--list")
    assert code == 2 and "city-x" in err


# --- impostor ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def registry():
    return Registry.load(EXAMPLE)


@pytest.mark.parametrize("candidate,risk,reason", [
    ("名寄市役所【公式】", "high", "「公式」・「市役所」を足しています"),
    ("nayoro_city_jp", "high", "「jp」を足しています"),
    ("Nayoro City Official", "high", "「official」を足しています"),
    ("@nayoro_c1ty", "high", "「1」（公式は「i」）"),
    ("@nay0r0_city", "high", "「0」（公式は「o」）"),
    ("@nayoro_clty", "high", "「l」（公式は「i」）"),
    ("@nayoro_rnochifes", "high", "「rn」（公式は「m」）"),
    ("@nаyoro_city", "high", "キリル文字の「а」"),
    ("@nayοro_city", "high", "ギリシャ文字の「ο」"),
    ("ＮＡＹＯＲＯ＿ＣＩＴＹ＿ＪＰ", "high", "全角・半角の文字"),
    ("ナヨ口市", "high", "漢字の「口」"),
    ("なよろ市", "high", "「名寄」を「なよろ」と書いています"),
    ("ナヨロ市", "high", "「名寄」を「ナヨロ」と書いています"),
    ("@nayoro_ctiy", "medium", "隣り合う文字を入れ替えています"),
    ("@nayoro_cty", "medium", "1文字違い"),
    ("名寄市立天文台きたすぱる", "medium", "「ば」を「ぱ」に"),
    ("@nayoro_official", "medium", "「official」を足して市の公式を名乗っています"),
    ("名寄市", "medium", "同じ表示名"),
    ("名寄市民の会", "low", "含んでいます"),
])
def test_look_alikes_are_flagged_with_their_reason(registry, candidate, risk, reason):
    result = impostor_risk(registry, candidate)
    assert result.risk == risk, result.line()
    assert any(reason in r for r in result.reasons), result.reasons


@pytest.mark.parametrize("candidate", [
    "名寄のパン屋こむぎ", "@nayoro_ramen_kobo", "山田 太郎", "@yuki_nayoro", "士別市", "旭川市公式", "@nagoya_city", "名古屋市",
    "@sapporo_city_official", "なよろ観光まちづくり協会", "北すばる星見の会", "もち米工房よねだ",
])
def test_unrelated_accounts_are_not_suspects(registry, candidate):
    result = impostor_risk(registry, candidate)
    assert result.risk == "none", result.line()


@pytest.mark.parametrize("candidate,account", [
    ("@nayoro_city", "city-x"), ("@Nayoro_City", "city-x"), ("nayoro.city", "city-facebook"),
    ("＠ｎａｙｏｒｏ＿ｃｉｔｙ", "city-x"), ("@nayoro_mochifes", "mochifes-instagram"),
])
def test_official_handles_are_official_never_suspects(registry, candidate, account):
    result = impostor_risk(registry, candidate)
    assert (result.risk, result.account_id) == ("official", account)


def test_an_official_handle_answers_for_a_copied_name(registry):
    assert impostor_risk(registry, "名寄市", handle="@nayoro_city").risk == "official"
    copied = impostor_risk(registry, "名寄市", handle="@nayoro_city_info")
    assert copied.risk in ("medium", "high")


def test_the_handle_of_a_closed_account_is_a_suspect(tmp_path):
    closed = dict(CITY, id="fes", name="ひまわりまつり2025", handle="@nayoro_himawari", closed="2025-09-01",
                  removal_requested="2025-09-02", removed="2025-09-05", period="{ start = 2025-06-01, end = 2025-08-31 }")
    result = impostor_risk(Registry.load(registry_file(tmp_path, CITY, closed)), "@nayoro_himawari")
    assert result.risk == "high" and "閉鎖した公式アカウント" in result.reasons[0] and "取り直して" in result.reasons[0]


def test_impostor_command_prints_suspects_and_exits_1():
    code, out, _ = run("accounts", "impostor", EXAMPLE, "@nayoro_c1ty", "名寄のパン屋こむぎ", "@nayoro_city")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("high @nayoro_c1ty → city-x:")
    assert lines[1].startswith("official @nayoro_city")
    assert "パン屋" not in out
    code, _, _ = run("accounts", "impostor", EXAMPLE, "名寄のパン屋こむぎ", "@nayoro_city")
    assert code == 0
    code, _, _ = run("accounts", "impostor", EXAMPLE, "名寄市民の会", "--min-risk", "medium")
    assert code == 0


def test_impostor_bulk_list_as_csv(tmp_path):
    listing = tmp_path / "found.csv"
    listing.write_text("name,handle\n名寄市,@nayoro_city\n名寄市,@nayoro_clty\n=HYPERLINK(\"x\"),\nひまわり珈琲,@himawari_coffee\n",
                       encoding="utf-8-sig")
    code, out, err = run("accounts", "impostor", EXAMPLE, "--file", listing)
    assert code == 1, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["risk"] for r in rows] == ["official", "high", "none", "none"]
    assert rows[1]["account"] == "city-x" and "紛らわしい文字" in rows[1]["reasons"]
    assert rows[2]["name"].startswith("'=")  # a formula stays text in Excel
    plain = tmp_path / "found.txt"
    plain.write_text("# 見つけたアカウント\n@nayoro_c1ty\nそば処なよろ庵\n", encoding="utf-8")
    code, out, _ = run("accounts", "impostor", EXAMPLE, "--file", plain)
    assert [r["risk"] for r in csv.DictReader(io.StringIO(out))] == ["high", "none"]


def test_impostor_usage_errors_exit_2(tmp_path):
    assert run("accounts", "impostor", EXAMPLE)[0] == 2
    code, _, err = run("accounts", "impostor", EXAMPLE, "--file", tmp_path / "none.txt")
    assert code == 2 and "no such file" in err
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00bad")
    code, _, err = run("accounts", "impostor", EXAMPLE, "--file", tmp_path / "bad.txt")
    assert code == 2 and "Traceback" not in err


def test_labelled_set_precision_and_recall_floor():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from impostors import score

    s = score("medium")
    assert s["records"] >= 60
    assert s["precision"] >= 0.9 and s["recall"] >= 0.9, (s["misses"], s["alarms"])
    assert s["official"][0] == s["official"][1]
