"""Security detectors (drafts, 6(2)ウ), table-driven: credentials with their values, keys and tokens,
private IPs, internal hosts and layouts are flagged at the marked span; the word パスワード without a
secret, version strings and public addresses are not."""

import pytest

from nayoro_moderation.examples import split_marked

AISA_KEY = "AIza" + "SyD4kQ9x2mP7vR3tW8yZ1bN5cJ6hL0sE4gU"  # 35 characters after AIza

TABLES = {
    "SEC001": (
        [
            "Instagram管理アカウントのパスワードは [[himawari0808]] です",
            "公用PCのBIOSパスワードを全台「[[Nayoro#01]]」に統一しました",
            "イベント受付用タブレットの暗証番号は [[4417]] です",
            "PIN：[[2580]]（公用スマホのロック解除用）",
            "アプリパスワード：[[qzvx mnte hkpa wrdu]] を設定してください",
            "管理者アカウントが初期値（[[admin/admin]]）のままでした",
            "金庫のダイヤルは[[右に3回で24、左に2回で61]]です",
            "Wi-Fiはゲスト用を案内してください。職員用の [[NyR-Staff-8831]] は教えないように！",
            "Facebook管理者 ID: koho / PW: [[Nayoro2026!]] 投稿後に消すこと",
            "職員研修のZoom　パスコード [[726413]]",
            "SSID: nayoro-staff　キー: [[hM7#qa29Lx]]（職員専用）",
            "通用口キーボックスの番号は [[0930]] です",
            "二段階認証のバックアップコード：[[7h2k-9mq4-x8ps-3ndw]]",
            "SMTP認証：user=koho, pass=[[Hk29!vqp]]",
            "金庫（暗証 [[3-7-1-9]]）に入っています",
            "Wi-Fiのパスワード：[[sunpillar]]",
            "ユーザー名 [[kyoyu01]]　パスワード kyoyu01 です",
        ],
        [
            "パスワードは定期的に変更し、誕生日や電話番号など推測されやすいものは避けましょう",
            "施設予約のパスワードを忘れた方は市民課窓口へお越しください",
            "パスワードは8文字以上にしてください",
            "暗証番号4桁じゃなくて6桁にできないのかな",
            "公衆無線LAN「Nayoro_Free_Wi-Fi」は、パスワードは不要です",
            "ピヤシリスキー場のリフト1日券は大人3,800円です",
            "パスポートの申請は 2026年から電子化されます",
            "パスワード（例：Abc12345）のように英数字を組み合わせてください",
            "暗証番号やパスワードをお聞きすることは絶対にありません。不審な電話は警察（#9110）へ",
            "防災アプリ ver 2.10.3 を公開しました",
            "パスワード再設定のメールが届かない場合はご連絡ください",
            "ピン留めした投稿をご覧ください",
            "市や銀行を名乗るメールのリンクから、IDやパスワードを入力しないでください",
            "キーホルダー 500円で販売中です",
            "パスワードは英数字12桁以上で設定してください",
            "ミーティングID 832 5519 0476（パスコードは招待メールをご覧ください）",
        ],
    ),
    "SEC002": (
        [
            "APIキー [[sk-proj-8fK2mQ9xR4tW7yZ1bN5vC3hJ6gD0sA2eL8uP4iO7]] を設定しました",
            "AWSキーはこちら：[[AKIA4NYR7XQ2M9TZKW3B]]",
            "[[ghp_7Xk2LmQ9pR4sT8vW1yZ3bN6cD0fH5jK2aE4gU9]] ←GitHubのトークンです",
            "チャネルアクセストークン：[[Yk3PqZ8vR2nW7tXe9mB4sD1fG6hJ0kL5aC8uV2yN7pQ3rT9wE1zX4]]",
            "APIキーはこちら：[[nk_live_4f9a2c7e1b8d3f6a0e5c9b2d7a4f1e8c]]",
            "webhookのシークレット：[[whsec_9Kd2Lq7Xv4Pm1Rz8Tn3Bw6Yc0Hf5Ja2]]",
            "token=[[eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJuYXlvcm8ta29obyJ9.Q2x6Zk9tS3p3b1pYdW1jVnN4aGJ0]] を貼りました",
            "Slack連携は [[xoxb-1234567890-abcdefghij]] で動いています",
            f"地図のキー [[{AISA_KEY}]]",
            "[[glpat-Xy12Ab34Cd56Ef78Gh90]] を使ってください",
            "決済は [[sk_live_51HbC9aKz2Lq8Xv4Pm1Rz8Tn3]] で設定済み",
            "シークレット：[[Q7vL2xP9mK4nR8tW3yZ6]]",
            "[[github_pat_11ABCDEFG0123456789_abcdefghijklmnop]] を共有します",
            "サーバの鍵 [[-----BEGIN RSA PRIVATE KEY-----]]",
            "client_secret: [[8f3Kq2Lm9Xv7Rt4Wp1Zy6Bn0]]",
        ],
        [
            "オープンデータのAPIって誰でも使えるんですか？",
            "APIキーの発行はホームページの申請フォームからお申し込みください",
            "トークンの有効期限は発行から30日です",
            "APIキー: xxxxxxxxxxxxxxxxxxxx（各自のキーに置き換えてください）",
            "トークン https://www.city.nayoro.hokkaido.jp/api/v1/info",
            "シークレットゲストは当日発表！",
            "製品型番 ABC-1234-5678-9012 をご確認ください",
            "sk-8 の練習をしました",
            "AKIA から始まる文字列は AWS のキーです",
            "トークン: 1111111111111111",
            "アクセストークンの再発行手順を案内します",
            "ghp_ から始まる文字列は GitHub のトークンです",
            "eyJ で始まる文字列は JWT です",
            "トークン abcdefghijklmnopqrstu",
            "シークレット・サンタ 2026 を開催します",
        ],
    ),
    "SEC003": (
        [
            "3階の複合機（[[10.1.3.40]]）のスキャン送信先を変更しました",
            "監視カメラの録画機は [[192.168.10.25]] です",
            "庁内から[[172.16.0.0/16]]への通信はすべて許可しています",
            "管理画面 http://[[192.168.0.1]] 、初期設定のまま",
            "ルーター（[[10.20.1.1]]）を再起動したら直りました",
            "バックアップ先は [[172.31.255.254]] です",
            "fs01（[[10.0.1.11]]）に保存してください",
            "検証環境 [[192.168.1.100:8080]] で確認しました",
            "プリンタは [[10.10.10.10]] です",
            "[[172.20.5.3]] にアクセスできません",
            "カメラ [[192.168.100.200]] の映像",
            "VLAN [[10.255.0.1/24]] を追加しました",
            "設定画面は [[１９２．１６８．１．１]] です",
            "[[10.0.0.1]] と 10.0.0.2 を入れ替えました",
            "ゲートウェイ [[192.168.11.1]] を変更",
        ],
        [
            "防災アプリ「なよろ防災ナビ」ver 2.10.3 を公開しました",
            "プラネタリウム投影ソフトをバージョン 4.2.0.18 に更新しました",
            "プラネタリウムのソフトをバージョン 10.1.3.4 に更新しました",
            "公開サーバは 203.0.113.5 です",
            "DNS 8.8.8.8 が使えません",
            "172.32.0.1 は庁外のアドレスです",
            "192.169.1.1 は誤記です",
            "10.1.2 の手順を参照",
            "2026.11.21 に更新しました",
            "999.1.1.1 は無効なアドレスです",
            "1.2.3.4.5 のような番号",
            "Chrome 131.0.6778.86 に更新してください",
            "対応OS：iOS 16.0 以上",
            "127.0.0.1 はループバックです",
            "169.254.1.1 が割り当てられたら再接続してください",
        ],
    ),
    "SEC004": (
        [
            "新しいサーバは [[db02.city-nayoro.local]]（住民基本台帳系）です",
            "VPN接続先は [[vpn.city-nayoro.local:443]] です",
            "ファイルサーバ [[\\\\fs01.city-nayoro.local\\koho\\写真]] に入れました",
            "メールサーバ [[mail01.city-nayoro.local]] のSMTP認証",
            "複合機は [[printer.local]] で見えます",
            "[[nas01.lan]] に保存してください",
            "[[jira.internal]] にチケットを切りました",
            "[[wiki.intra]] に手順書があります",
            "[[gw.corp]] 経由で接続します",
            "[[ad01.city-nayoro.localdomain]] を更新しました",
            "CMSのログインは https://[[cms.city-nayoro.local]]/admin です",
            "共有は [[\\\\nas01\\share]] です",
            "[[web02.city-nayoro.local]] を停止します",
            "[[FS01.CITY-NAYORO.LOCAL]] に移行します",
            "[[router.home.arpa]] の設定を変えました",
        ],
        [
            "市のホームページ https://www.city.nayoro.hokkaido.jp/ をご覧ください",
            "お問い合わせは koho@city.nayoro.lg.jp まで",
            "グローカルな視点で地域づくりを考えます",
            "local.example.jp は外部のサイトです",
            "ローカル線の旅を楽しもう",
            "example.com は例示用のドメインです",
            "localhost では動きます",
            "C:\\Users\\koho に保存しました",
            "LANケーブルを回収します",
            "intranet という言葉を知っていますか",
            "corp.example.co.jp の記事です",
            "https://www.city.nayoro.lg.jp/local/ の案内",
            "地元 .local な話題です",
            "lan party を開きます",
            "名寄の local food を楽しもう",
        ],
    ),
    "SEC005": (
        [
            "[[庁内LANのファイルサーバは2階サーバ室、VPNは本庁と風連庁舎の間を専用線]]で結んでいます",
            "[[防犯カメラの死角]]は正面玄関の左側と職員用駐輪場です",
            "[[住民情報系・LGWAN系・インターネット系の三層分離で、LGWANの接続口は4階電算室のラック]]3番です",
            "[[UPSが15分しかもたないので、その間に地下1階サーバ室の非常用発電機]]を手動で起動してください",
            "[[サーバ室の入退室カードの予備は総務課の金庫]]に入っています",
            "[[ファイアウォールの設定で、VPN]]からの通信を許可しています",
            "[[電算室のラック2番にルーター]]があります",
            "[[監視カメラは夜間は警備]]員室のモニターだけで見ています",
            "[[メールサーバとファイルサーバは同じラック]]に入っています",
            "本庁と風連庁舎は[[庁内ネットワークと専用線]]でつながっています",
            "[[合鍵は金庫]]の中です",
            "[[管理画面には初期パスワード]]でログインできます",
            "[[住民情報系と基幹系]]のサーバは3階にあります",
            "[[無停電電源がないので停電時はサーバ室]]が落ちます",
            "[[DMZのwebサーバは脆弱性]]が未修正です",
        ],
        [
            "市のホームページが、サーバのメンテナンスのため閲覧できなくなります",
            "市役所本庁舎のサーバー室増設工事に伴い、2階東側の通路が通れません",
            "市の情報システムは、外部の専門機関によるセキュリティ監査を毎年受けています",
            "公園に防犯カメラを設置しました",
            "公園の死角をなくすため照明を増やしました",
            "VPNって何ですか？",
            "ルーターを再起動したら直りました",
            "警備員を募集しています",
            "今日は金庫の日です",
            "停電時も非常用電源で業務を継続しています",
            "LANケーブルを回収します",
            "スイッチを押してください",
            "ups and downs の多い一年でした",
            "ラックの上に荷物を置かないでください",
            "初期値は0です",
        ],
    ),
}

FLAG_CASES = [pytest.param(rid, t, id=f"{rid}-flag-{i}") for rid, (flags, _) in TABLES.items() for i, t in enumerate(flags)]
OK_CASES = [pytest.param(rid, t, id=f"{rid}-ok-{i}") for rid, (_, oks) in TABLES.items() for i, t in enumerate(oks)]


@pytest.mark.parametrize("rule_id,marked", FLAG_CASES)
def test_flags_at_the_marked_span(moderator, rule_id, marked):
    text, (start, end) = split_marked(marked)
    own = [f for f in moderator.check(text, "draft").findings if f.rule_id == rule_id]
    assert (start, end) in [(f.start, f.end) for f in own], [(f.rule_id, f.matched) for f in moderator.check(text, "draft").findings]
    assert all(f.category.value == "security" for f in own)


@pytest.mark.parametrize("rule_id,text", OK_CASES)
def test_stays_silent(moderator, rule_id, text):
    findings = moderator.check(text, "draft").findings
    assert not [f for f in findings if f.rule_id == rule_id], [(f.rule_id, f.matched) for f in findings]


def test_each_detector_has_fifteen_cases_each_way():
    for rule_id, (flags, oks) in TABLES.items():
        assert len(flags) >= 15 and len(oks) >= 15, rule_id


def test_security_is_a_draft_category_only(moderator):
    assert [f.category.value for f in moderator.check("パスワードは himawari0808 です", "draft").findings] == ["security"]
    assert not [f for f in moderator.check("パスワードは himawari0808 です", "comment").findings if f.category.value == "security"]


def test_an_id_and_password_pair_is_reported_as_both_values(moderator):
    text = "共有PCのログインは ユーザー：kyoyu01　パスワード：Kyoyu#2026 です"
    matched = {f.matched for f in moderator.check(text, "draft").findings if f.rule_id == "SEC001"}
    assert matched == {"kyoyu01", "Kyoyu#2026"}
