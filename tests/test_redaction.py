"""Redaction: a reviewer can share a report without spreading the personal data or the secret."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMMENT = (
    "隣の斉藤さん、電話は０１６５４－２－７３８１、携帯 090-4417-2358。"
    "家は名寄市西5条北3丁目8番地、メールは saito.k@gmail.com だよ。"
    "マイナンバー 824591510226、カード番号 3552 2956 5591 3616。"
)
VALUES = ["０１６５４－２－７３８１", "7381", "4417", "2358", "西5条北3丁目8番地", "saito.k", "gmail", "824591510226", "3616"]

DRAFT = "Facebook管理者 ID: koho_admin / PW: Nayoro2026! サーバは db02.city-nayoro.local（10.1.3.40）です。"
SECRETS = ["koho_admin", "Nayoro2026!", "db02", "city-nayoro.local", "10.1.3.40"]


def test_redacted_text_masks_every_value_and_keeps_the_rest(moderator):
    report = moderator.check(COMMENT, "comment")
    redacted = report.redacted_text()
    assert len(redacted) == len(COMMENT)
    for value in VALUES:
        assert value not in redacted
    assert redacted.startswith("隣の") and "電話は" in redacted and "だよ。" in redacted
    for f in report.findings:
        assert set(redacted[f.start : f.end]) <= {"＊", " "}


def test_check_redact_prints_the_masked_text(tmp_path):
    path = tmp_path / "comment.txt"
    path.write_text(COMMENT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "nayoro_moderation", "check", str(path), "--mode", "comment", "--redact"],
        capture_output=True, cwd=ROOT,
    )
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1, proc.stderr.decode()
    assert out.count("\n") == 1 and "根拠" not in out  # the text alone, no report lines
    assert out.startswith("隣の斉藤さん、電話は＊")
    for value in VALUES:
        assert value not in out


def test_check_redact_masks_credentials_hosts_and_ips_of_a_draft():
    proc = subprocess.run(
        [sys.executable, "-m", "nayoro_moderation", "check", "-", "--redact"],
        input=DRAFT.encode(), capture_output=True, cwd=ROOT,
    )
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1
    assert "Facebook管理者 ID:" in out and "PW:" in out
    for secret in SECRETS:
        assert secret not in out
