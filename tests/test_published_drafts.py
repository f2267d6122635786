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


# --- people a feature names on purpose (PRV010 → PRV014) ------------------------------------------


@pytest.mark.parametrize(
    "text,name",
    [
        ("脳梗塞で倒れた後、リハビリを続けてきた木村 正さん(68)は「また雪かきができるようになった」と話しました。", "木村 正"),
        ("障がいのある長男を育ててきた大西 由香さん(45・風連町)。「同じ悩みの親と話せる場がほしかった」。", "大西 由香"),
        ("福祉作文の部で、認知症の祖父との日々を書いた名寄東小5年の今井 彩さんが最優秀賞を受けました。", "今井 彩"),
    ],
)
def test_a_person_a_feature_names_is_a_low_notice_not_a_leak(text, name):
    found = [f for f in findings(text) if f[0].startswith("PRV")]
    assert found == [("PRV014", Severity.LOW, name)]


def test_a_residents_health_in_a_staff_draft_stays_high():
    text = "民生委員の方から連絡がありました。東3条南の田村キヨさん（86）は認知症が進み、ひとりでの外出が難しくなっているそうです。"
    assert ("PRV010", Severity.HIGH, "田村キヨ") in findings(text)


def test_the_same_interview_posted_as_a_comment_is_judged_as_before():
    text = "脳梗塞で倒れた後、リハビリを続けてきた木村 正さん(68)は「また雪かきができるようになった」と話しました。"
    assert [f[0] for f in findings(text, mode="comment")] == ["PRV010"]


@pytest.mark.parametrize(
    "text",
    [
        "今年の春、西風連にある認知症グループホームの一角にカフェを開きました。",
        "市内の福祉事業所を拠点に、知的障がいがあるメンバーたちとバンドを組んで20年になる森さん。",
        "いつも素晴らしい笑顔の看護師さん、入院中の方にも人気です。",
        "毎日…15時〜「ちびまる子ちゃん 星空の旅」、土曜…11時〜「きらきら星空タイム」",
    ],
)
def test_a_service_a_district_or_a_title_is_nobodys_private_fact(text):
    assert [f for f in findings(text) if f[0] in ("PRV010", "PRV014")] == []


# --- addresses, postal codes and hosts as bulletins list them ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "■通学区域の特例\n対象：岡田1丁目1〜5番、中野2丁目の一部にお住まいの方",
        "■市有地の売却\n物件：名寄市字徳田204番3（312.55平方メートル）\n問合せ：財産管理係",
    ],
)
def test_listed_districts_and_land_are_no_findings(text):
    assert [f for f in findings(text) if f[1] != Severity.LOW] == []


def test_a_file_a_cms_publishes_is_no_admin_console():
    assert "SEC006" not in [f[0] for f in findings("募集要項は https://cms.nayoro-sports.jp/uploads/2026/11/youkou.pdf をご覧ください。")]
    assert "SEC006" in [f[0] for f in findings("ホームページの更新は https://cms.nayoro-sports.jp/ から行ってください。")]


def test_a_postal_code_on_an_application_line_is_the_contact_notice():
    text = "申込み：往復はがきで11月20日までに〒096-0035 名寄かんじき愛好会・鈴木へ。"
    assert findings(text) == [("PRV013", Severity.LOW, "〒096-0035")]


def test_a_private_postal_code_beside_a_person_stays_a_finding():
    assert ("PRV004", Severity.MEDIUM, "〒096-0071") in findings("寄附者の小野寺様（〒096-0071）あてに、お礼状を送りました。")


# --- photos the post does not show -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "内容：はしご車の乗車体験、防火服の試着、消防車と記念撮影など\n申込み：不要",
        "ジャンプ台の下では、選手のフォームを撮ろうと写真を撮る人の姿も見られました。",
        "市を舞台にした映画の撮影が来年の夏に始まり、市民の皆さんもエキストラで出演します。",
        "部活動を指導しているのは、地元の保存会の皆さんです。",
        "当時の写真には、朝市でにぎわうお客さんの笑顔が写っています。",
    ],
)
def test_a_photo_the_post_does_not_show_needs_no_consent_note(text):
    assert [f for f in findings(text) if f[0].startswith("MED")] == []


def test_a_childrens_photo_without_consent_is_still_found():
    text = "■ひまわり保育園の雪遊び\n園庭でそり遊びをする子どもたちの写真です📷 みんな笑顔でした！"
    assert [f[:2] for f in findings(text)] == [("MED001", Severity.HIGH)]


# --- conditions, rules and statistics, not accusations or secrets ---------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "申込資格：(1)市税を滞納していない (2)入居者の中に暴力団員がいない",
        "見守りカメラと地域のパトロールで、犯罪者を寄せ付けない通学路づくりを進めています。",
        "定員60人（小学生以下は保護者同伴）。観覧料300円（中学生以下100円）。",
        "風連の農園では、昔ながらのボケの実も育て、果実酒用に販売しています。",
        "1人3句まで。自作で未発表のものに限ります。",
        "昨年度の公文書公開請求は61件。全部公開38件、一部公開19件、非公開4件でした。",
        "スマートフォンで電子書籍を読め、貸し出しや返却も自宅からできます。",
        "外国の方と話すときは、気にしすぎず自然に接することが大切です。",
        "荒天時の会場は現在調整中です。決まり次第、市ホームページでお知らせします。",
    ],
)
def test_bulletin_conditions_rules_and_statistics_are_clean(text):
    assert [f for f in findings(text) if f[1] != Severity.LOW] == []


@pytest.mark.parametrize(
    "text,rule",
    [
        ("窓口の職員、説明が小学生以下だな", "DEF006"),
        ("議員の佐藤は犯罪者", "DEF007"),
        ("まだ発表前なので内緒ですが、新しい体育館の場所が決まりました。", "CNF003"),
        ("市営プールの存続について、現在教育委員会と協議中です。決まり次第お知らせします。", "DLB001"),
    ],
)
def test_the_real_thing_beside_each_look_alike_is_still_found(text, rule):
    assert rule in [f[0] for f in findings(text)]


# --- polite but dismissive replies -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "除雪の順番について、市としては問題ないと考えております。",
        "ご要望の件ですが、そもそも無理な話です。",
        "何度もお伝えしているとおり、資源ごみの収集日は変わりません。",
        "再三ご説明しておりますように、この制度は国の基準によります。",
        "当方の認識としては特に問題ございません。",
    ],
)
def test_a_polite_but_dismissive_reply_is_a_tone_finding(text):
    assert [(f[0], f[1]) for f in findings(text)] == [("RPL007", Severity.MEDIUM)]


@pytest.mark.parametrize(
    "text",
    [
        "検査の結果、水道水の水質に問題はないと判断しています。",
        "以前お知らせしたとおり、12月から収集日が変わります。",
    ],
)
def test_a_statement_of_fact_is_no_dismissal(text):
    assert findings(text) == []
