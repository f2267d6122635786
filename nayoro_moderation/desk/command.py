"""``python -m nayoro_moderation serve``: the review desk on this machine (DESIGN §10)."""

from __future__ import annotations

import ipaddress
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import socket

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
DEFAULT_DB = "nayoro_desk.sqlite3"


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="the review desk: a local web page for drafts and comment queues")
    p.add_argument("--db", metavar="FILE", default=DEFAULT_DB, help=f"SQLite file of batches and decisions (default: {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--policy", metavar="P", help="運用ポリシー TOML (default: Nayoro's public facts)")
    p.add_argument("--rules", metavar="DIR", action="append", help="extra rule folder (repeatable)")
    p.add_argument("--allow-remote", action="store_true",
                   help="listen on another address; every request then needs the printed token")
    p.add_argument("--max-upload-mb", type=float, default=20.0, metavar="MB", help="largest upload (default: 20)")
    p.set_defaults(func=cmd_serve)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _listening_socket(host: str, port: int, UsageError) -> socket.socket:
    """Bound here rather than by uvicorn, which logs and exits when it cannot bind: a port in use is
    one clear line like any other usage error."""
    import socket  # here, not at the top: every command's start imports this module to list `serve`

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return sock


def cmd_serve(args) -> int:
    from ..cli import _moderator
    from ..exits import EXIT_CLEAN, UsageError

    remote = not is_loopback(args.host)
    if remote and not args.allow_remote:
        raise UsageError(f"--host {args.host} lets other machines in: add --allow-remote (a token is then required)")
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: not a port number")
    if args.max_upload_mb <= 0:
        raise UsageError("--max-upload-mb must be more than 0")
    try:
        import uvicorn

        from .app import create_app
        from .security import new_token
        from .store import StoreError
    except ImportError as exc:
        raise UsageError(
            f"serve needs the web extra ({exc.name} is not installed): pip install 'nayoro_moderation[web]'"
        ) from None
    token = new_token() if args.allow_remote else None
    hosts = ["*"] if remote else [*LOOPBACK_NAMES]
    try:
        app = create_app(args.db, moderator=_moderator(args), token=token, hosts=tuple(hosts),
                         max_upload=int(args.max_upload_mb * 1_000_000))
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    sock = _listening_socket(args.host, args.port, UsageError)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{shown if remote else '127.0.0.1'}:{args.port}/"
    print(f"レビューデスク: {url}{'?token=' + token if token else ''}", flush=True)
    print(f"記録: {args.db}  （終了は Ctrl-C）", flush=True)
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    try:
        # uvicorn finishes the requests in hand on Ctrl-C, then raises the signal again (KeyboardInterrupt:
        # main() returns 130 without a traceback).
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        print("レビューデスクを終了しました", file=sys.stderr)
    return EXIT_CLEAN
