"""Confidential markers (drafts, 6(2)ア): the text marks itself as secret, internal or unpublished;
the same letters in other words (秘境, 秘密基地, 体の内部, 非公開求人, 釣りの解禁) are not findings."""

import pytest

FLAG = [
    "【秘】入札参加業者一覧を掲載します",
    "＜秘＞ 説明資料の概要をご紹介します",
    "㊙ 雪まつりの出演ゲストが決まりました",
    "このスライドは部外秘です",
    "社外秘の資料から抜粋しました",
    "極秘！来年の大雪像のテーマはあのアニメ",
    "関係者外秘　給食費の改定額をお知らせします",
    "（内部資料より抜粋）医師数は3名減の見込みです",
    "内部限り：来週の報道発表資料",
    "【庁内限り】時間外勤務の状況をまとめました",
    "庁内掲示板より転載（職員限り）",
    "【取扱注意】入場者数速報（未確定値）",
    "公表前なのでぼかしますが、大型店が撤退するみたいです",
    "未発表の調査結果ですが、満足度は下がっていました",
    "解禁前ですが、ゲストが決まりました！",
    "人事異動（発令前）：課長が異動します",
    "報道解禁は11月25日5時です",
    "記者クラブ向け、24日解禁の資料です",
    "オフレコですが、減便が現実味を帯びてきました",
    "ここだけの話、出動基準は公表の数字と違うんです",
    "他言無用でお願いします",
    "秘密保持契約があるので本当は言えないんですが、新商品が出ます",
    "非公開の審査会で出た意見をまとめます",
    "内部監査の指摘事項（非公開）を踏まえて見直します",
]

OK = [
    "【秘境？】天塩川の上流には絶景ポイントがあります",
    "雪で秘密基地をつくろう！",
    "秘伝のかき餅のつくり方を教わりました",
    "便秘予防の食事講座を開きます",
    "神秘の氷瀑が見頃を迎えました",
    "相談窓口では秘密は守られます",
    "ストーブの取扱注意点：給油は必ず消火してから",
    "市の内部統制に関する評価報告書を公表しました",
    "健康講座「体の内部から温まる冬の食卓」",
    "名寄市内部の行政区は三つに分かれています",
    "地元バンドの未発表曲も披露されます",
    "渓流釣りの解禁は例年6月1日です",
    "「ここだけの話」がネットで広まることも。情報モラル講座を開きます",
    "入賞者のお名前は非公開とさせていただきます",
    "非公開としていた旧校舎を一般公開します",
    "審査は非公開で行います",
    "ハローワークの非公開求人について説明会を開きます",
    "市職員の人事異動を発表しました",
    "会見の要旨は後日ホームページで公表します",
    "議員の秘書が来庁されました",
]


@pytest.mark.parametrize("text", FLAG)
def test_marker_is_a_confidential_finding(moderator, text):
    findings = [f for f in moderator.check(text, "draft").findings if f.category.value == "confidential"]
    assert findings, text
    assert findings[0].clause.startswith("6(2)ア")


@pytest.mark.parametrize("text", OK)
def test_other_meanings_are_not(moderator, text):
    assert not [f for f in moderator.check(text, "draft").findings if f.category.value == "confidential"]


def test_confidential_applies_to_drafts_only(moderator):
    assert not [f for f in moderator.check("部外秘の資料です", "comment").findings if f.category.value == "confidential"]
