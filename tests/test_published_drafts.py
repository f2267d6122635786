"""What a city really publishes comes back clean (issue 12): public bodies' contacts, dates as
bulletins write them, words folding must not invent; and the true errors in such drafts are still
found.  Sentences are this project's own, of the kinds read in real bulletins."""

from datetime import datetime

import pytest

from nayoro_moderation import Moderator, Severity

MOD = Moderator()
POSTED = datetime.fromisoformat("2026-11-16T10:00:00+09:00")  # a Monday


def findings(text, mode="draft"):
    return [(f.rule_id, f.severity, f.matched) for f in MOD.review(text, mode, posted_at=POSTED).findings]


# --- dates ------------------------------------------------------------------------------------


def test_a_distant_era_date_does_not_redate_a_later_yearless_one():
    text = "利用券は令和9年3月31日まで使えます。\n説明会：11月25日(水)、14時から"
    assert findings(text) == []


def test_a_yearless_weekday_that_fits_no_plausible_year_is_still_wrong():
    text = "利用券は令和9年3月31日まで使えます。\n説明会：11月25日(木)、14時から"
    assert findings(text) == [("ACC001", Severity.HIGH, "11月25日(木)")]


def test_a_yearless_date_next_spring_is_read_in_next_year():
    assert findings("報告会は3月13日(土)に開きます。") == []  # 2027-03-13 is a Saturday
    assert findings("報告会は3月13日(金)に開きます。")[0][0] == "ACC001"


def test_a_year_written_without_its_era_is_read_near_the_posting_time():
    assert findings("申請は8年3月31日(火)まで受け付けます。") == []  # 令和8年 = 2026
    found = MOD.review("申請は8年3月31日(水)まで受け付けます。", "draft", posted_at=POSTED).findings
    assert [(f.rule_id, f.matched) for f in found] == [("ACC001", "8年3月31日(水)")]
    assert "令和" in found[0].evidence["年"]


def test_a_date_of_the_same_sentence_still_lends_its_year():
    text = "年末年始の休業は12月29日(火)から2027年1月3日(日)までです。"
    assert findings(text) == []


# --- public bodies' contacts -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "問合せ：名寄市教育委員会生涯学習課\n【電話】01654-3-6191",
        "■年金の相談\n問合せ：旭川年金事務所\n【電話】0166-72-5003",
        "申込み：12月4日までに上川総合振興局商工労働観光課へ。\n【電話】0166-46-5940【メール】kamikawa.shoukou1@pref.hokkaido.lg.jp",
        "■編集・発行\n名寄市総合政策部広報広聴課\n〒096-8686　北海道名寄市大通南1丁目1番地\n【電話】01654-3-2111(代)",
        "問合せ：士別市経済部商工労働観光課【電話】0165-23-3121【メール】kanko@city.shibetsu.lg.jp",
        "■冬の食のイベント\n問合せ：なよろ食の実行委員会事務局\n【電話】090-5520-8841",
    ],
)
def test_an_organisations_published_contact_is_no_privacy_finding(text):
    assert [f for f in findings(text) if f[0].startswith("PRV")] == []


def test_a_person_given_as_a_clubs_contact_is_a_low_notice_in_drafts():
    text = "■なよろ俳句の会\n月会費1000円。\n問合せ：加賀谷\n【電話】080-2291-7735"
    assert findings(text) == [("PRV013", Severity.LOW, "080-2291-7735")]


def test_the_same_contact_posted_by_a_commenter_is_judged_as_before():
    text = "問合せ：加賀谷\n【電話】080-2291-7735"
    assert [f[0] for f in findings(text, mode="comment")] == ["PRV001"]


def test_a_private_persons_number_in_a_reply_stays_high():
    text = "道路の穴の件、通報者の菅原様の携帯090-2846-5517に折り返しお電話します。"
    assert findings(text) == [("PRV001", Severity.HIGH, "090-2846-5517")]


# --- e-mail next to Japanese ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,address",
    [
        ("連絡はtaro.yamada@gmail.comまで", "taro.yamada@gmail.com"),
        ("ご意見をくださった方の連絡先はyoshida.m1980@gmail.comとのことでした。", "yoshida.m1980@gmail.com"),
    ],
)
def test_an_address_written_against_japanese_is_found(text, address):
    assert ("PRV002", Severity.HIGH, address) in findings(text)


# --- folding must not invent words -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "冬まつりの会場には、子ども向けの工作ブースが並びます。",
        "雪かきは体を動かすよい機会です。",
        "給食では地元の食材を使い、地産地消を進めています。",
        "40歳から74歳の方は、特定けんしんを無料で受けられます。糖尿病の予防にも役立ちます。",
        "日本体育大学健志台キャンパスで入院患者の看護を学ぶ講座です。",
    ],
)
def test_folding_does_not_invent_words(text):
    assert findings(text) == [] and findings(text, mode="comment") == []


@pytest.mark.parametrize(
    "text,rule,matched",
    [
        ("お前ブスだな", "DEF002", "ブス"),
        ("バーカ", "DEF002", "バーカ"),
        ("お前カスだな", "DEF002", "カス"),
        ("市長しね", "DEF001", "しね"),
    ],
)
def test_real_insults_are_still_found(text, rule, matched):
    assert (rule, matched) in [(f[0], f[2]) for f in findings(text, mode="comment")]


# --- links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,rule,severity",
    [
        ("詳しくは道のページ https://www.pref.hokkaido.lg.jp/ks/ をご覧ください。", "EXT002", Severity.LOW),
        ("制度の概要は https://www.mhlw.go.jp/ に掲載されています。", "EXT002", Severity.LOW),
        ('<img class="size-full" src="https://koho-images.example.jp/uploads/2026/11/a.jpg" alt="">', "EXT002", Severity.LOW),
        ("申込みはこちら https://bit.ly/3nYrWq8", "EXT001", Severity.MEDIUM),
        ("名寄の冬の楽しみ方はこちら https://ameblo.jp/nayoro-fan/entry-1.html", "EXT001", Severity.MEDIUM),
    ],
)
def test_public_and_embedded_links_are_low_others_medium(text, rule, severity):
    assert [(f[0], f[1]) for f in findings(text)] == [(rule, severity)]
