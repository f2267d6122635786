"""Addresses of the pages where staff administer a site or a system: CMS and admin consoles."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from ..urls import find_links
from . import Detector, ExamplesOnFirstRead
from ._security import LOGIN_NAME
from ._support import around, first_word, original_span

# Parts of a host or a path that name a console for administrators, not a page for residents.  Whole
# parts only (cms-admin.… and /wp-admin/ count, /administration-guide or kanrika.html do not).
_CONSOLE_PARTS = frozenset({"admin", "administrator", "phpmyadmin", "cpanel", "cms", "backoffice", "dashboard", "manager", "manage"})
_SEPARATORS = LazyRegex(r"[./_~:=#-]+")
# Words of the sentence that say the page is for staff; a login page (…/login) with one of them, or
# with a login name beside it (LOGIN_NAME), is the door to the city's accounts.
# A page or file the CMS publishes for residents (a PDF, an image, an article page).
_PUBLISHED_FILE = LazyRegex(r"/[^?#]*\.(?:pdf|jpe?g|png|gif|webp|html?|docx?|xlsx?)$|/(?:uploads|files|images|img|docs|material)/")
_STAFF_PAGE = ("管理画面", "管理者画面", "管理者ページ", "管理ページ", "管理者用", "管理用", "職員用", "職員専用", "編集画面")


class AdminConsole(Detector):
    id = "SEC006"
    name = "admin-console-address"
    category = Category.SECURITY
    modes = ("draft",)
    severity = Severity.MEDIUM
    score = 0.75
    message = "管理者用の画面のアドレス「{matched}」が書かれています"
    explanation = """
何を検出するか: ホームページの CMS やシステムの管理画面のアドレス（ホスト名やパスに admin・cms・wp-admin・dashboard・manager などを含む URL）と、管理画面・職員用として示されたログインページのアドレス、またはログイン ID を添えたログインページのアドレス。
なぜ問題か: 管理画面の入口とログイン名が分かれば、残るのはパスワードだけになり、総当たりやなりすましの標的になる。6(2)ウ「本市のセキュリティを脅かすおそれのある情報を発信してはならない」に当たる。
既知の誤検知: 住民が使う施設予約・電子申請のログインページ（ログイン ID の値を書かないかぎり出さない）。公開を前提とした管理者向けマニュアルのページは人の確認が要る。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "ホームページの更新はこちらから [[https://www.nayoro-kanko.jp/wp-admin/]] お願いします",
            "防災メールの配信画面は [[https://bousai-admin.example-mail.jp/console]] です",
            "イベント申込フォームの管理画面 [[https://forms.nayoro-event.jp/login]] から集計をダウンロードしてください",
            "除雪車GPSの地図 [[https://josetsu.nayoro-gps.jp/login]]（ユーザー名 josetsu_koho）で確認できます",
        ),
        ok=(
            "施設予約システムは https://yoyaku.city.nayoro.lg.jp/login からログインしてご利用ください。",
            "市の職員採用情報は https://www.city.nayoro.lg.jp/saiyo/staff/ をご覧ください。",
            "ホームページの管理は広報広聴課が行っています。詳しくは https://www.city.nayoro.lg.jp/ へ",
            "マイナポータル https://myna.go.jp/login へのログインにはマイナンバーカードが必要です",
            "募集要項は https://cms.nayoro-sports.jp/uploads/2026/11/youkou.pdf をご覧ください。",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        if "://" not in text:
            return
        for link in find_links(text):
            if not link.text.startswith("http"):
                continue
            address = link.text.split("://", 1)[1].split("?", 1)[0]
            parts = set(_SEPARATORS.split(address))
            console = parts & _CONSOLE_PARTS or ({"wp-login"} if "wp-login" in address else set())
            if console == {"cms"} and _PUBLISHED_FILE.search(address) and "cms" not in _SEPARATORS.split(address.partition("/")[2]):
                console = set()  # cms.…/uploads/…pdf: the CMS's public file host serves what residents read
            evidence = None
            if console:
                evidence = {"検証": "管理者用のアドレス", "文脈語": sorted(console)[0]}
            elif parts & {"login", "signin", "logon"}:
                before, after = around(text, link.start, link.end, 30, 30)
                word = first_word(before + " " + after, _STAFF_PAGE)
                name = LOGIN_NAME.search(after) or LOGIN_NAME.search(before)
                if word or name:
                    evidence = {"検証": "管理者用のログインページ", "文脈語": word or name.group()}
            if evidence:
                yield self.candidate(*original_span(doc, link.start, link.end), **evidence)


DETECTORS = [AdminConsole()]
