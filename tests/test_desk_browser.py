"""The review desk in a real headless browser (Debian's chromium, driven by selenium through
/usr/bin/chromedriver; nothing is downloaded).  Skipped where no browser can be had.

A member of staff checks an insulting draft and sees it highlighted, uploads a comment export,
records a decision with a keyboard shortcut, and finds it in the audit log and its CSV export."""

import csv
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("starlette")
webdriver = pytest.importorskip("selenium.webdriver")

from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def desk(tmp_path_factory):
    """`python -m nayoro_moderation serve` as a user starts it."""
    folder = tmp_path_factory.mktemp("desk")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "nayoro_moderation", "serve", "--port", str(port), "--db", str(folder / "desk.sqlite3")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, cwd=folder, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/static/desk.css", timeout=2)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"serve did not start: {proc.stdout.read()}")
            time.sleep(0.3)
    yield url, folder
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.skip("no chromium/chromedriver installed (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="nayoro-desk-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", "--window-size=1280,1600"):
        options.add_argument(flag)
    try:
        driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options)
    except WebDriverException as exc:
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip(f"chromium could not be started: {exc.msg}")
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _no_console_errors(driver):
    try:
        logs = driver.get_log("browser")
    except WebDriverException:
        return
    assert not [e for e in logs if e["level"] == "SEVERE"], logs


def test_draft_insult_is_highlighted(desk, browser):
    url, _ = desk
    browser.get(url + "/")
    browser.find_element(By.ID, "text").send_keys("除雪の件、担当者はバカだ。")
    browser.find_element(By.CSS_SELECTOR, 'input[name="mode"][value="comment"]').click()
    browser.find_element(By.ID, "check").click()
    mark = WebDriverWait(browser, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".result mark")))
    assert mark.text == "バカ"
    assert "sev-" in mark.get_attribute("class")
    assert mark.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"  # the stylesheet loaded under the CSP
    assert "誹謗中傷" in browser.find_element(By.CSS_SELECTOR, ".findings").text
    assert browser.find_element(By.ID, "text").get_attribute("value") == "除雪の件、担当者はバカだ。"
    _no_console_errors(browser)


def test_queue_decision_by_keyboard_reaches_the_audit_export(desk, browser):
    url, folder = desk
    log = folder / "comments.csv"
    log.write_text(
        "id,投稿日時,コメント\n"
        "b1,2026/11/20 08:00,今朝の除雪、ありがとうございます\n"
        'b2,2026/11/20 08:30,"<script>document.title=\'pwned\'</script>担当者死ね"\n',
        encoding="utf-8",
    )
    browser.get(url + "/queue")
    browser.find_element(By.ID, "log").send_keys(str(log))
    browser.find_element(By.ID, "upload").click()
    card = WebDriverWait(browser, 60).until(EC.presence_of_element_located((By.ID, "c2")))
    assert "<script>" in card.find_element(By.CSS_SELECTOR, ".text").text  # shown, never run
    assert browser.title != "pwned"
    card.find_element(By.CSS_SELECTOR, 'input[name="reviewer"]').send_keys("広報 太郎")
    card.find_element(By.CSS_SELECTOR, 'input[name="note"]').send_keys("本人への攻撃")
    browser.find_element(By.TAG_NAME, "h1").click()  # leave the text field, then use the keys
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("j")  # the first (and only flagged) comment
    body.send_keys("2")  # 非表示
    WebDriverWait(browser, 30).until(
        EC.text_to_be_present_in_element((By.CSS_SELECTOR, "#c2 .decision"), "非表示"))
    browser.get(url + "/audit")
    assert "非表示" in browser.find_element(By.CSS_SELECTOR, "table.audit").text
    with urllib.request.urlopen(url + "/audit.csv", timeout=10) as response:
        rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8-sig"))))
    assert [(r["判断"], r["担当者"], r["コメントID"], r["メモ"]) for r in rows] == [("非表示", "広報 太郎", "b2", "本人への攻撃")]
    _no_console_errors(browser)
