"""The review checklist of a draft (guideline 5(2)ウ): 所属長の了承, several staff, one item per kind."""

from datetime import datetime
from pathlib import Path

import pytest

from nayoro_moderation import Moderator, Policy
from nayoro_moderation.checklist import SEVERAL_STAFF, approval_exemption
from nayoro_moderation.jpdates import JST

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def nayoro():
    return Moderator(policy=Policy.load(ROOT / "examples" / "policy.toml"))


def checklist(moderator, text, **kwargs):
    return moderator.check(text, "draft", **kwargs).checklist


def test_every_draft_asks_for_several_staff(nayoro):
    assert SEVERAL_STAFF in checklist(nayoro, "来週の講演会のお知らせです。")
    assert "5(2)ウ(ウ)" in SEVERAL_STAFF


def test_comments_carry_no_checklist(nayoro):
    assert nayoro.check("ありがとうございます", "comment").checklist == ()


def test_a_finding_means_the_head_of_section_must_approve(nayoro):
    items = checklist(nayoro, "保育園の子どもたちの写真です📷")
    assert items[0] == "指摘事項があるため、発信前に所属長の了承を得る（5(2)ウ(ア)）"


def test_content_outside_the_exemptions_needs_approval(nayoro):
    (first, *_) = checklist(nayoro, "来週の講演会のお知らせです。")
    assert first.startswith("所属長の了承を得る（5(2)ウ(ア)）") and "A〜D" in first


@pytest.mark.parametrize(
    "text,letter",
    [
        ("除雪計画を市ホームページに掲載しています。", "A"),
        ("ひまわりまつりは大にぎわいです。ご来場ありがとうございました。", "B"),
        ("軽自動車税の納期限は6月1日（月）です。", "C"),
        ("排雪作業を大通南で行っています。", "D"),  # examples/policy.toml: approval_exempt
    ],
)
def test_exemptions_a_to_d(nayoro, text, letter):
    (first, *_) = checklist(nayoro, text, posted_at=datetime(2026, 5, 11, 10, tzinfo=JST))
    assert first.startswith("所属長の了承は不要の可能性があります：5(2)ウ(イ)" + letter), first


def test_exemption_d_comes_from_the_policy():
    assert approval_exemption("排雪作業を行います", ("排雪",))[0] == "D"
    assert approval_exemption("排雪作業を行います", ()) is None


@pytest.mark.parametrize(
    "text,options,item",
    [
        ("保育園の子どもたちの写真です📷", {}, "写っている人の同意を確認する"),
        ("詳しくはこちら https://ameblo.jp/nayoro-fan/entry-1.html", {}, "リンク先・引用元を確認する"),
        ("燃やせるごみの最終収集日は12月30日（木）です。", {"posted_at": datetime(2026, 12, 14, 10, tzinfo=JST)}, "日付と曜日を暦で確認する"),
        ("お問い合わせは01654-3-2112まで。", {}, "電話番号を運用ポリシーの公式の連絡先と照合する"),
        ("来年度から市民プールを廃止する方向で調整しています。", {}, "意思形成過程の情報ではないか"),
        ("文句があるなら他の町に住めばいいと思います。", {}, "反論・抗弁を控え"),
        ("新しいスノーブーツ買った〜", {"posted_at": datetime(2026, 11, 17, 10, 24, tzinfo=JST), "account": "personal"},
         "就業時間外に投稿する"),
        ("避難所を開設しました。", {"posted_at": datetime(2026, 8, 29, 22, 0, tzinfo=JST)}, "運用時間外の投稿です"),
        ("新年度がスタートしました🌸", {"posted_at": datetime(2027, 4, 1, 9, 0, tzinfo=JST)}, "アカウントの削除"),
    ],
)
def test_one_item_per_kind_of_finding(nayoro, text, options, item):
    items = checklist(nayoro, text, **options)
    assert sum(item in i for i in items) == 1, items


def test_items_are_not_repeated_for_the_same_kind(nayoro):
    text = "説明会は12月2日（木）と12月9日（木）です。"
    items = checklist(nayoro, text, posted_at=datetime(2026, 11, 24, 10, tzinfo=JST))
    assert len([i for i in items if "日付と曜日" in i]) == 1


def test_a_correction_is_reminded_not_to_delete_the_original(nayoro):
    items = checklist(nayoro, "【訂正】先ほどの投稿で電話番号に誤りがありました。正しくは01654-3-2111です。")
    assert any("発信内容を削除せず" in i or "元の投稿を削除せず" in i for i in items)


def test_a_personal_account_is_reminded_of_6_2_o(nayoro):
    items = checklist(nayoro, "市の除雪の話です", posted_at=datetime(2026, 11, 21, 19, tzinfo=JST), account="personal")
    assert any("6(2)オ" in i for i in items)
