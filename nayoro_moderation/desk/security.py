"""What keeps the desk safe to run in an office: comment text is hostile input, and a page on
127.0.0.1 can still be reached by other sites through the staff member's own browser.

- every response carries a strict Content-Security-Policy (own scripts and styles only, no inline
  code, no outside request) and refuses to be framed;
- every POST must carry the CSRF token of the browser's cookie (double submit; the cookie is
  SameSite=Strict, so another site can neither send nor read it);
- request bodies over the upload limit are refused with a message before they are read;
- with --allow-remote, every request needs the token printed at start-up (once in the URL, then a cookie).
"""

from __future__ import annotations

import hmac
import secrets
from http.cookies import SimpleCookie

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]
CSRF_COOKIE, CSRF_FIELD, TOKEN_COOKIE = "desk_csrf", "csrf", "desk_token"


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _cookies(scope) -> dict[str, str]:
    jar = SimpleCookie()
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is ignored, as browsers would
                pass
    return {k: m.value for k, m in jar.items()}


def _cookie_header(name: str, value: str) -> tuple[bytes, bytes]:
    return b"set-cookie", f"{name}={value}; Path=/; HttpOnly; SameSite=Strict".encode()


def csrf_ok(request, form) -> bool:
    sent, expected = str(form.get(CSRF_FIELD) or ""), request.cookies.get(CSRF_COOKIE) or ""
    return bool(expected) and hmac.compare_digest(sent.encode(), expected.encode())


async def _send_page(send, status: int, message: str, extra_headers=()) -> None:
    body = (
        "<!DOCTYPE html><html lang=\"ja\"><meta charset=\"utf-8\"><title>レビューデスク</title>"
        f"<p>{message}</p><p><a href=\"/\">戻る</a></p></html>"
    ).encode()
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode()),
               *HEADERS, *extra_headers]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class DeskGuard:
    """ASGI middleware around the whole app (see the module docstring)."""

    def __init__(self, app, *, max_body: int, token: str | None = None):
        self.app, self.max_body, self.token = app, max_body, token

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        cookies = _cookies(scope)
        extra = []
        if self.token is not None:
            query = scope.get("query_string", b"").decode("latin-1")
            offered = dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("token", "")
            if offered and hmac.compare_digest(offered.encode(), self.token.encode()):
                extra.append(_cookie_header(TOKEN_COOKIE, self.token))
            elif not hmac.compare_digest(cookies.get(TOKEN_COOKIE, "").encode(), self.token.encode()):
                return await _send_page(send, 403, "アクセスには起動時に表示された URL（token 付き）が必要です。")
        csrf = cookies.get(CSRF_COOKIE)
        if not csrf:
            csrf = new_token()
            extra.append(_cookie_header(CSRF_COOKIE, csrf))
            # The handler of this very request must see the cookie it will set.
            scope = {**scope, "headers": [*scope["headers"], (b"cookie", f"{CSRF_COOKIE}={csrf}".encode())]}
        limit_mb = self.max_body / 1_000_000
        too_large = f"ファイルが大きすぎます（上限 {limit_mb:g} MB）。分割するか、scan で採点した結果を開いてください。"
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            return await _send_page(send, 413, too_large, extra)

        async def guarded_send(message):
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *HEADERS, *extra]}
            await send(message)

        if scope["method"] not in ("GET", "HEAD"):
            # Read the body here, at most the limit, so that a chunked upload with no length is
            # refused with the same message; the app then reads it from memory.
            chunks, received, more = [], 0, True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return
                chunks.append(message.get("body", b""))
                received += len(chunks[-1])
                more = message.get("more_body", False)
                if received > self.max_body:
                    return await _send_page(send, 413, too_large, extra)
            body = b"".join(chunks)
            replayed = False

            async def replay():
                nonlocal replayed
                if replayed:
                    return {"type": "http.disconnect"}
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}

            return await self.app(scope, replay, guarded_send)

        await self.app(scope, receive, guarded_send)
