"""API keys and access tokens: known key formats, or a random-looking string after a key word."""

from __future__ import annotations

from ..categories import Category, Severity
from ..lazy_regex import LazyRegex
from . import Detector, ExamplesOnFirstRead
from ._security import entropy, security_words
from ._support import around, first_word, original_span

# Formats issued by well-known services (matched on the lower-cased normalized layer).
_KNOWN = LazyRegex(
    r"(?<![\w\-])(?:"
    r"sk-(?:proj-|live-|test-)?[a-z0-9_\-]{20,}"
    # Stripe keys are long, but a draft may hold a shortened one: the live/test prefix says enough.
    r"|[sr]k_(?:live|test)_[a-z0-9]{10,}"
    r"|whsec_[a-z0-9]{16,}"
    r"|(?:akia|asia)[0-9a-z]{16}"
    r"|gh[pousr]_[a-z0-9]{30,}"
    r"|github_pat_[a-z0-9_]{30,}"
    r"|glpat-[a-z0-9_\-]{20,}"
    r"|xox[abprse]-[a-z0-9\-]{10,}"
    r"|aiza[0-9a-z_\-]{35}"
    r"|ya29\.[a-z0-9_\-]{20,}"
    r"|eyj[a-z0-9_\-]{8,}\.eyj[a-z0-9_\-]{8,}\.[a-z0-9_\-]{8,}"
    r"|-----begin (?:rsa |ec |openssh |dsa )?private key-----"
    r")(?![\w\-])"
)
_NAMES = {
    "sk-": "OpenAI 形式の API キー", "sk_": "Stripe 形式のシークレットキー", "rk_": "Stripe 形式のキー",
    "whsec_": "Webhook シークレット", "akia": "AWS アクセスキー ID", "asia": "AWS 一時アクセスキー ID",
    "gh": "GitHub トークン", "github_pat_": "GitHub トークン", "glpat-": "GitLab トークン", "xox": "Slack トークン",
    "aiza": "Google API キー", "ya29.": "Google アクセストークン", "eyj": "JWT（署名付きトークン）", "-----begin": "秘密鍵",
}
_RANDOM = LazyRegex(r"(?<![\w\-+/=.])[a-z0-9_\-+/=.]{16,200}(?![\w\-+/=])")
_MIN_ENTROPY = 3.5
# A setting written as it is typed into a config file: api_key=…, client_secret: "…".  The name of the
# setting says the value is a secret, so a shorter value counts and no entropy is asked for.
_ASSIGNED = LazyRegex(
    r"(?<![a-z])(?P<name>api[_\-]?key|access[_\-]?key(?:[_\-]?id)?|secret[_\-]?key|client[_\-]?secret|secret"
    r"|(?:access|auth|api|bearer|refresh)[_\-]?token|token)\s*[=:]\s*[\"']?(?P<value>[a-z0-9_\-+/=.]{8,200})"
)


class ApiToken(Detector):
    id = "SEC002"
    name = "api-key-or-token"
    category = Category.SECURITY
    modes = ("draft",)
    severity = Severity.HIGH
    score = 0.95  # above SEC001: "APIキー: …" is reported as a key, not as a password
    message = "API キーまたはアクセストークン「{matched}」が書かれています"
    explanation = """
何を検出するか: API キー・アクセストークン・Webhook シークレット・秘密鍵。よく知られた形式（sk-…、AKIA…、ghp_…、xox…、JWT など）か、「APIキー」「トークン」「シークレット」の語のあとにある、ランダムな（エントロピーの高い）16文字以上の文字列。
なぜ問題か: キーやトークンを持つ人は誰でも市のアカウントやサービスを操作できる。6(2)ウ「本市のセキュリティを脅かすおそれのある情報を発信してはならない」に当たる。公開したキーは無効化して再発行が必要。
既知の誤検知: 語のあとにある長い英数字でも、ランダムでないもの（製品型番、URL の一部）は対象外。公開を前提とした公開鍵・ピン留めされた識別子は人の確認が要る。
"""
    examples = ExamplesOnFirstRead(
        flag=(
            "APIキー [[sk-proj-8fK2mQ9xR4tW7yZ1bN5vC3hJ6gD0sA2eL8uP4iO7]] を設定したので、明日から自動投稿が動きます",
            "オープンデータ配信用のAWSキーはこちら：[[AKIA4NYR7XQ2M9TZKW3B]] / シークレットは別途送ります",
            "[[ghp_7Xk2LmQ9pR4sT8vW1yZ3bN6cD0fH5jK2aE4gU9]] ←GitHubのトークンです。",
            "LINE公式アカウントのチャネルアクセストークン：[[Yk3PqZ8vR2nW7tXe9mB4sD1fG6hJ0kL5aC8uV2yN7pQ3rT9wE1zX4]]",
            "保育所の登降園システムのAPIキーはこちら：[[nk_live_4f9a2c7e1b8d3f6a0e5c9b2d7a4f1e8c]]",
            "地図アプリの設定ファイルに client_secret: [[Q7mN2xK9pL4w]] と書いてください",
            "決済の動作確認には [[rk_test_3Hq9ZmW2xT]] を使います",
        ),
        ok=(
            "オープンデータのAPIって誰でも使えるんですか？",
            "APIキーの発行はホームページの申請フォームからお申し込みください。",
            "トークンの有効期限は発行から30日です。",
            "設定ファイルには api_key=YOUR_API_KEY の形で、発行されたキーを書き込みます。",
        ),
    )

    def find(self, doc, request):
        text = doc.normalized.text
        seen: set[int] = set()
        for m in _KNOWN.finditer(text):
            seen.add(m.start())
            kind = next((name for prefix, name in _NAMES.items() if m.group().startswith(prefix)), "既知の形式")
            yield self.candidate(*original_span(doc, m.start(), m.end()), 検証=f"{kind}の形式")
        for m in _ASSIGNED.finditer(text):
            a = m.start("value")
            value = m.group("value").rstrip(".")
            if a in seen or not (any(c.isdigit() for c in value) and any(c.isalpha() for c in value)) or value.startswith(("http", "www")):
                continue
            seen.add(a)
            yield self.candidate(*original_span(doc, a, a + len(value)), 検証="設定値として書かれたキー", 文脈語=m.group("name"))
        keywords = security_words().secret_keywords
        if not first_word(text, keywords):
            return
        for m in _RANDOM.finditer(text):
            # secret_key=… was reported as its value above; the run that swallows the name is not a second key
            if any(m.start() <= a < m.end() for a in seen):
                continue
            a, b = original_span(doc, m.start(), m.end())
            token = doc.text[a:b]
            if not (any(c.isdigit() for c in token) and any(c.isalpha() for c in token)) or "://" in token or token.startswith("//"):
                continue
            score = entropy(token)
            if score < _MIN_ENTROPY:
                continue
            before, _ = around(text, m.start(), m.end(), 25, 0)
            word = first_word(before, keywords)
            if word:
                yield self.candidate(a, b, 検証=f"ランダムな文字列（エントロピー {score:.1f} ビット/文字）", 文脈語=word)


DETECTORS = [ApiToken()]
