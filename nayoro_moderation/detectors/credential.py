"""Passwords, PINs, Wi-Fi keys and lock codes written out with their values, and ID/password pairs."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead
from ._security import LOGIN_NAME, security_words
from ._support import around, first_word, original_span

_KANA_OR_MARK = r"\p{Katakana}ー"
# The word for a secret.  Katakana words that are also parts of others (キー in スキー, パス in
# パスポート) must stand alone; パスワード may be prefixed (アプリパスワード, BIOSパスワード).
_KEY = (
    r"(?P<key>パスワード|パスコード|暗証番号|暗証|合言葉|解錠番号|キーボックス|バックアップコード|リカバリーコード|復旧コード|認証コード|(?:ロック)?解除(?:コード|番号)|(?:解錠|開錠)コード"
    rf"|(?<![{_KANA_OR_MARK}])(?:キー|パス)(?![{_KANA_OR_MARK}])"
    r"|(?<![a-z])(?:password|passwd|passcode|pass|pwd|pw|pin)(?![a-z]))"
)
# What may stand between the word and the value: particles, a colon, brackets, a few words.
_GAP = (
    r"(?:(?:\s|[:=「『【\[(\"'’”]|は|を|が|も|に|の|こちら|次の|全台|全て|すべて|一律|共通|初期値|設定値|変更後|番号|コード|値){0,6}"
    # Or a few words of any kind, when the value is then set apart by a space or a bracket: the
    # wording between them varies without end (パスワードは全員共通で nayoro1234, 暗証番号は当面 4417).
    r"|(?:は|を|も)、?(?P<words>[\p{Han}\p{Hiragana}\p{Katakana}ー]{1,10}?)(?:\s|[:=「『\"']){1,2})"
)
_VALUE = r"(?P<value>[a-z0-9!#$%&*+\-_.@/=~^?]{4,64}(?:\s[a-z]{4}){0,3})"
_CREDENTIAL = LazyRegex(_KEY + _GAP + _VALUE)
# A value followed by a unit is a rule about values, not one: 8文字以上, 4桁.
_UNIT_AFTER = LazyRegex(r"\s*(?:桁|文字|回|分|時|円|%|日|月|年|個|つ|件|名|人|か月|ヶ月|歳|以上|以下|秒|台|枚|階|番目)")
_VERSION = LazyRegex(r"v?\d+(?:\.\d+)+")
_NOT_SECRETS = frozenset({"none", "null", "free", "wifi", "wi-fi", "web", "mail", "line", "http", "https", "www", "id", "xxxx", "****"})
_BAD_EXAMPLE = LazyRegex(r"たとえば|推測|避け|悪い|よくない|ダメな|だめな|ような|ように")
_BAD_EXAMPLE_AFTER = LazyRegex(r"\s*(?:など|や|のような|のように|といった|は避け|はng|はダメ|はだめ|は使え|は使わ)")
_ADDRESS = LazyRegex(r"^(?:https?|www)|@|[a-z0-9\-]\.(?:jp|com|net|org|html?|php)(?:$|[/.])")
_PHONE = LazyRegex(r"0\d{1,4}-\d{1,4}-\d{3,4}|0120\d{6}|0\d{9,10}")
_ELSEWHERE = LazyRegex(r"忘れ|問い?合わ?せ|電話|窓口|アプリ|ソフト|ボタン|画面|サイト|ページ|メール|入力|押し|変更する場合|場合")
_APP_PASSWORD = LazyRegex(r"[a-z]{4}(?:\s[a-z]{4}){3}")

# Default credential pairs: admin/admin, root/password.
# Not inside an address (…/wp-admin/ is a path, not admin/<password>).
_PAIR = LazyRegex(r"(?<![\w/:.\-])(?:admin|administrator|root|guest|user|test)\s*/\s*[^\s/)、。,]{3,32}(?![\w/])")
# The staff Wi-Fi key given without the word パスワード.
_WIFI = ("wi-fi", "wifi", "無線lan", "ssid")
_WIFI_TOKEN = LazyRegex(r"(?<![\w\-.@/])(?=[a-z0-9_#\-]*\d)(?=[a-z0-9_#\-]*[a-z])[a-z0-9][a-z0-9_#\-]{5,40}(?![\w\-.@/])")
# Safe dials: 右に3回で24、左に2回で61.
_DIAL_TURN = r"(?:右|左)(?:回り)?(?:に|へ)?(?:\d{1,2}回転?(?:で|して)?)?\s*\d{1,3}"
_DIAL = LazyRegex(rf"{_DIAL_TURN}(?:[、,\s]*{_DIAL_TURN})+")
_LOCKS = ("金庫", "ダイヤル錠", "キーボックス", "南京錠", "暗証")


class Credential(Detector):
    id = "SEC001"
    name = "credential-value"
    category = Category.SECURITY
    modes = ("draft",)
    severity = Severity.HIGH
    score = 0.9
    message = "認証情報「{matched}」が書かれています"
    explanation = """
何を検出するか: パスワード・パスコード・暗証番号・PIN・Wi-Fi のキー・バックアップコード・キーボックスや金庫の番号を、その値とともに書いたもの。ID とパスワードの組（admin/admin、ID: … / PW: …）や、職員用 Wi-Fi のキーとして示された文字列も含む。
なぜ問題か: 認証情報の値が一度でも公開されると、アカウントの乗っ取りや施設への侵入に使われる。6(2)ウ「本市のセキュリティを脅かすおそれのある情報を発信してはならない」に当たる。投稿を取り消しても、値は変更が必要。
既知の誤検知: 値のない「パスワード」の語（パスワードを忘れた方は…、パスワードは8文字以上）、「例：」として示した見本。公衆 Wi-Fi の名前。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "Instagram管理アカウントのパスワードは [[himawari0808]] です。",
            "公用PCのBIOSパスワードを全台「[[Nayoro#01]]」に統一しました",
            "イベント受付用タブレットの暗証番号は [[4417]] です。",
            "PIN：[[2580]]（公用スマホのロック解除用）",
            "メール送信用のアプリパスワード：[[qzvx mnte hkpa wrdu]] を設定してください",
            "防災行政無線の管理者アカウントが初期値（[[admin/admin]]）のままでした。",
            "会計課の金庫のダイヤルは[[右に3回で24、左に2回で61]]です",
            "Wi-Fiはゲストの方には「ゲスト用」を案内してください。職員用の [[NyR-Staff-8831]] は教えないように！",
            "新しい勤怠システムの仮パスワードは全員同じで [[kintai2027]] です。",
            "除雪センターのタブレットのロック解除コードは当分 [[2468]] です",
        ),
        ok=(
            "パスワードは定期的に変更し、誕生日や電話番号など推測されやすいものは避けましょう。",
            "施設予約のパスワード忘れた…窓口行けば再発行してもらえますか？",
            "パスワードは8文字以上にしてください。",
            "暗証番号4桁じゃなくて6桁にできないのかな",
            "市の公衆無線LAN「Nayoro_Free_Wi-Fi」は、パスワードは不要です",
            "スキー場のリフト1日券は大人3,800円です",
            "暗証番号は推測されやすい 1234 や 0000 は避けてください。",
            "パスワードをお忘れの方は www.city.nayoro.lg.jp/reset から再設定できます。",
            "暗証番号を忘れた方は 01654-3-2111 へお電話ください。",
            "パスワードはスマホのアプリ NayoroPass で管理できます。",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        spans: list[tuple[int, int, dict[str, str]]] = []
        for m in _CREDENTIAL.finditer(text):
            value = _secret_value(doc, m)
            if value is None:
                continue
            a, b = value
            spans.append((a, b, {"検証": "認証情報の語のあとに値", "文脈語": m.group("key")}))
            login = _login_before(text, m.start())
            if login:
                spans.append((*login, {"検証": "ID とパスワードの組", "文脈語": m.group("key")}))
        for m in _PAIR.finditer(text):
            spans.append((m.start(), m.end(), {"検証": "ID/パスワードの組（既定値）"}))
        spans += _staff_wifi_keys(text)
        if first_word(text, _LOCKS):
            for m in _DIAL.finditer(text):
                before, _ = around(text, m.start(), m.end(), 20, 0)
                if first_word(before, ("ダイヤル",)) and first_word(before, _LOCKS):
                    spans.append((m.start(), m.end(), {"検証": "ダイヤル錠の番号", "文脈語": first_word(before, _LOCKS)}))
        for a, b, evidence in spans:
            yield self.candidate(*original_span(doc, a, b), **evidence)


def _secret_value(doc, m) -> tuple[int, int] | None:
    text = doc.normalized.text
    a, b = m.span("value")
    value = m.group("value")
    if not _APP_PASSWORD.fullmatch(value):
        value = value.split()[0]
        b = a + len(value)
    value = value.rstrip(".-_")
    b = a + len(value)
    if len(value) < 4 or value in _NOT_SECRETS or _VERSION.fullmatch(value) or _UNIT_AFTER.match(text, b):
        return None
    if "例" in text[max(0, m.start() - 6) : a]:
        return None
    # A value shown as one to avoid, or an address to go to, is not a secret: 推測されやすい 1234 など
    # は避けて, パスワードの再発行は www.… / koho@… へ.
    if _BAD_EXAMPLE.search(text[m.end("key") : a]) or _BAD_EXAMPLE_AFTER.match(text, b) or _ADDRESS.search(value):
        return None
    # Free words between the word and the value are usual for a real one (全員共通で nayoro1234) but
    # also lead to a phone number, an app or a button: there the value must look made up (a digit or
    # a symbol, not a CamelCase name) and the words must not send the reader somewhere.
    if m.group("words") is not None:
        if _PHONE.fullmatch(value) or _ELSEWHERE.search(m.group("words")) or not any(not ch.isalpha() for ch in value):
            return None
    original = doc.text[slice(*original_span(doc, a, b))]
    has_digit = any(ch.isdigit() for ch in value)
    has_symbol = any(not ch.isalnum() for ch in value)
    mixed_case = any(ch.isupper() for ch in original) and any(ch.islower() for ch in original)
    if not (has_digit or has_symbol or mixed_case or _APP_PASSWORD.fullmatch(value)):
        # Letters only: a secret when set apart (パスワード: himawari, 「himawari」, himawari です).
        gap = text[m.end("key") : a]
        if not (any(c in gap for c in ":=「『\"'") or text[b : b + 3].lstrip().startswith(("です", "」", "』"))):
            return None
    return a, b


def _login_before(text: str, start: int) -> tuple[int, int] | None:
    window_start = max(0, start - 40)
    found = None
    # A login name shortly before a password belongs to the same pair.
    for m in LOGIN_NAME.finditer(text, window_start, start):
        if "\n" not in text[m.end() : start]:
            found = m.span("login")
    return found


def _staff_wifi_keys(text: str) -> list[tuple[int, int, dict[str, str]]]:
    if not first_word(text, _WIFI):
        return []
    words = security_words()
    found = []
    for m in _WIFI_TOKEN.finditer(text):
        before, _ = around(text, m.start(), m.end(), 80, 0, sentence=False)
        if not first_word(before, _WIFI) or before.rstrip().endswith(("ssid:", "ssid")):
            continue
        sentence_before, sentence_after = around(text, m.start(), m.end(), 30, 30)
        restricted = first_word(sentence_before + " " + sentence_after, words.restricted)
        if restricted:
            found.append((m.start(), m.end(), {"検証": "Wi-Fi の文脈で内部向けとされた英数字列", "文脈語": restricted}))
    return found


DETECTORS = [Credential()]
