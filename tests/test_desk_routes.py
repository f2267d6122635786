"""The review desk's routes in process (Starlette's TestClient): what a member of staff sees and what
the city can later account for."""

import csv
import io
import re
import sqlite3

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from nayoro_moderation.desk.app import create_app  # noqa: E402
from nayoro_moderation.desk.security import CSP  # noqa: E402
from nayoro_moderation.desk.store import MIGRATIONS, Store, StoreError  # noqa: E402

BASE = "http://127.0.0.1"
HOSTILE_CSV = (
    "id,投稿日時,コメント\r\n"
    "a1,2026/11/20 09:00,今朝の除雪、早くて助かりました\r\n"
    'a2,2026/11/20 09:05,"<script>alert(1)</script>市長ﾀﾋね"\r\n'
    "a3,2026/11/20 09:10,=HYPERLINK(\"javascript:alert(1)\") お前バカだろ\r\n"
    "a4,2026/11/20 09:20,担当者死ね\r\n"
    'a5,2026/11/20 09:30,"<img src=x onerror=alert(1)>ひまわりまつり楽しみです"\r\n'
)


@pytest.fixture(scope="module")
def shared_moderator(moderator):
    return moderator


def client_for(db, moderator, **options) -> TestClient:
    return TestClient(create_app(db, moderator=moderator, **options), base_url=BASE)


@pytest.fixture
def client(tmp_path, shared_moderator):
    with client_for(tmp_path / "desk.sqlite3", shared_moderator) as c:
        c.get("/")  # the CSRF cookie
        yield c


def csrf(client) -> str:
    return client.cookies["desk_csrf"]


def upload(client, text: str = HOSTILE_CSV, name: str = "comments.csv", data: bytes | None = None):
    body = data if data is not None else text.encode("utf-8")
    return client.post("/queue", data={"csrf": csrf(client)}, files={"file": (name, body, "text/csv")},
                       follow_redirects=False)


def decide(client, batch: int, record: int, **fields):
    form = {"csrf": csrf(client), "reviewer": "広報 花子", "decision": "ok", **fields}
    return client.post(f"/queue/{batch}/{record}", data=form, follow_redirects=False)


def test_every_page_sends_a_strict_csp(client):
    for path in ("/", "/queue", "/audit", "/static/desk.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == CSP
        assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP
        assert response.headers["x-frame-options"] == "DENY"


def test_draft_highlights_an_insult_with_its_clause_in_japanese(client):
    response = client.post("/draft", data={"csrf": csrf(client), "text": "担当者はバカだ", "mode": "comment",
                                           "account": "official"})
    assert response.status_code == 200
    page = response.text
    mark = re.search(r'<mark class="sev-(\w+)"[^>]*>([^<]*)</mark>', page)
    assert mark and mark.group(2) == "バカ"
    assert "誹謗中傷" in page and "様式1 注意事項1 ⑵" in page
    assert "担当者はバカだ</textarea>" in page  # the text stays for the next edit


def test_draft_checklist_and_print_view(client):
    form = {"csrf": csrf(client), "text": "11月24日（月）10時から名寄市民文化センターで説明会を開きます。",
            "mode": "draft", "account": "official", "posted_at": "2026-11-20T10:30"}
    page = client.post("/draft", data=form).text
    assert "確認事項（5(2)ウ）" in page and "複数の職員" in page
    printed = client.post("/draft/print", data=form).text
    assert "所属長" in printed and "2026-11-20 10:30" in printed and "<form" not in printed


def test_draft_upload_in_cp932(client):
    data = "市長ﾀﾋね、髙橋①".encode("cp932")
    page = client.post("/draft", data={"csrf": csrf(client), "mode": "comment"},
                       files={"file": ("draft.txt", data, "text/plain")}).text
    assert "髙橋①" in page and "<mark" in page


def test_draft_with_unreadable_time_says_so(client):
    response = client.post("/draft", data={"csrf": csrf(client), "text": "こんにちは", "posted_at": "あした"})
    assert response.status_code == 400 and "投稿日時を読めません" in response.text


def test_post_without_csrf_token_is_refused(client):
    response = client.post("/draft", data={"text": "担当者はバカだ"})
    assert response.status_code == 403 and "読み込み直して" in response.text
    response = client.post("/draft", data={"text": "担当者はバカだ", "csrf": "forged"})
    assert response.status_code == 403


def test_another_host_name_is_not_answered(tmp_path, shared_moderator):
    # A page on 127.0.0.1 must not answer a rebinding site's name.
    with TestClient(create_app(tmp_path / "d.sqlite3", moderator=shared_moderator), base_url="http://evil.example") as c:
        assert c.get("/").status_code == 400


def test_remote_desk_needs_the_token(tmp_path, shared_moderator):
    with client_for(tmp_path / "d.sqlite3", shared_moderator, token="s3cret", hosts=("*",)) as c:
        assert c.get("/").status_code == 403
        assert c.get("/?token=wrong").status_code == 403
        assert c.get("/?token=s3cret").status_code == 200
        assert c.get("/queue").status_code == 200  # the cookie carries it from then on


def test_oversize_upload_is_refused_with_a_message(tmp_path, shared_moderator):
    with client_for(tmp_path / "d.sqlite3", shared_moderator, max_upload=10_000) as c:
        c.get("/")
        response = upload(c, data=b"id,text\r\n" + b"a," + "あ".encode() * 5000 + b"\r\n")
        assert response.status_code == 413
        assert "ファイルが大きすぎます" in response.text and "0.01 MB" in response.text
        assert c.get("/queue").text.count("/queue/1") == 0  # nothing stored


def test_hostile_export_shows_as_text(client):
    response = upload(client)
    assert response.status_code == 303 and response.headers["location"] == "/queue/1"
    page = client.get("/queue/1").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" not in page  # unflagged: not in the flagged queue
    everything = client.get("/queue/1?show=all").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in everything and "<img src=x" not in everything
    assert 'href="javascript' not in everything


def test_queue_puts_flagged_first_by_severity_then_time(client):
    upload(client)
    page = client.get("/queue/1?show=all").text
    order = re.findall(r'<article class="comment[^"]*" id="c(\d+)"', page)
    assert order[-2:] == ["1", "5"]  # the clean ones last, in time order
    assert set(order[:3]) == {"2", "3", "4"}
    severities = re.findall(r'<article class="comment[^"]*" id="c\d+"[^>]*>\s*<div class="meta">\s*<span class="badge (\w+)"', page)
    ranks = [{"high": 2, "medium": 1, "low": 0}[s] for s in severities]
    assert ranks == sorted(ranks, reverse=True)


def test_category_filter(client):
    upload(client)
    page = client.get("/queue/1?category=defamation").text
    records = re.findall(r'<article class="comment[^"]*" id="c(\d+)"', page)
    assert records and all(r in {"2", "3", "4"} for r in records)
    assert client.get("/queue/1?category=commercial").text.count("<article") == 0


def test_deletion_needs_a_clause(client):
    upload(client)
    response = decide(client, 1, 4, decision="delete")
    assert response.status_code == 400 and "条項を選んでください" in response.text
    response = decide(client, 1, 4, decision="delete", clause="様式1 注意事項1 ⑵")
    assert response.status_code == 303 and response.headers["location"].endswith("#c4")


def test_a_comment_left_up_records_no_clause(client):
    upload(client)
    decide(client, 1, 3, decision="ok", clause="様式1 注意事項1 ⑵")  # the form's preselected clause
    decide(client, 1, 2, decision="hide", clause="様式1 注意事項1 ⑵")
    rows = list(csv.DictReader(io.StringIO(client.get("/audit.csv").content.decode("utf-8-sig"))))
    assert [(r["判断"], r["該当条項"]) for r in rows] == [("問題なし", ""), ("非表示", "様式1 注意事項1 ⑵")]


def test_decision_needs_a_reviewer_and_a_known_decision(client):
    upload(client)
    assert "担当者名を入力してください" in decide(client, 1, 2, reviewer="  ").text
    assert decide(client, 1, 2, decision="burn").status_code == 400
    assert decide(client, 1, 999).status_code == 404


def test_decision_survives_a_restart_and_reaches_the_audit_export(tmp_path, shared_moderator):
    db = tmp_path / "desk.sqlite3"
    with client_for(db, shared_moderator) as c:
        c.get("/")
        upload(c)
        assert decide(c, 1, 4, decision="delete", clause="様式1 注意事項1 ⑵", note="=SUM(A1) 個人攻撃").status_code == 303
        assert decide(c, 1, 2, decision="hide").status_code == 303
    with client_for(db, shared_moderator) as c:  # a new server on the same file
        page = c.get("/queue/1").text
        assert page.count("対応: <strong>") == 2 and "削除</strong>（様式1 注意事項1 ⑵）" in page
        undecided = c.get("/queue/1?show=undecided").text
        assert re.findall(r'id="c(\d+)"', undecided) == ["3"]
        response = c.get("/audit.csv")
    body = response.content
    assert response.headers["content-type"].startswith("text/csv")
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["判断"] for r in rows] == ["削除", "非表示"]
    first = rows[0]
    assert first["担当者"] == "広報 花子" and first["該当条項"] == "様式1 注意事項1 ⑵"
    assert first["コメント"] == "担当者死ね" and first["コメントID"] == "a4"
    assert first["メモ"] == "'=SUM(A1) 個人攻撃"  # never a formula in Excel
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", first["判断日時"])


def test_a_later_decision_replaces_the_shown_one_and_both_are_audited(client):
    upload(client)
    decide(client, 1, 3, decision="reply")
    decide(client, 1, 3, decision="report", note="上司に相談")
    assert "報告</strong>" in client.get("/queue/1").text
    rows = list(csv.DictReader(io.StringIO(client.get("/queue/1/audit.csv").content.decode("utf-8-sig"))))
    assert [r["判断"] for r in rows] == ["返信が必要", "報告"]


def test_scan_output_opens_without_scoring(client, tmp_path):
    import json

    row = {"record": 1, "id": "x1", "time": "2026-11-21T21:00:00+09:00", "text": "市長ﾀﾋね", "flagged": True,
           "categories": ["defamation"], "max_severity": "high",
           "findings": [{"rule_id": "DEF003", "category": "defamation", "severity": "high", "start": 2, "end": 5,
                         "matched": "ﾀﾋね", "message": "m", "clause": "様式1 注意事項1 ⑵", "action": "a",
                         "score": 0.9, "evidence": {}}], "error": None}
    response = upload(client, json.dumps(row, ensure_ascii=False) + "\n", name="scored.jsonl")
    assert response.status_code == 303
    page = client.get("/queue/1").text
    assert "<mark class=\"sev-high\"" in page and "ﾀﾋね</mark>" in page and "2026-11-21 21:00" in page


def test_unreadable_upload_says_why(client):
    response = upload(client, data=b"\x00\x01\x02binary", name="photo.jpg")
    assert response.status_code == 400 and "読み込めませんでした" in response.text


def test_database_from_a_newer_version_is_refused(tmp_path):
    db = tmp_path / "desk.sqlite3"
    Store(db)
    with sqlite3.connect(db) as con:
        con.execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer"):
        Store(db)
    (tmp_path / "junk.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="not a desk database"):
        Store(tmp_path / "junk.sqlite3")


def test_store_is_migrated_and_in_wal_mode(tmp_path):
    store = Store(tmp_path / "desk.sqlite3")
    assert store.version == len(MIGRATIONS)
    with sqlite3.connect(tmp_path / "desk.sqlite3") as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
