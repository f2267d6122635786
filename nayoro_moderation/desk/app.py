"""The review desk's routes (DESIGN §10): a draft page, a comment queue per uploaded batch, and the
audit log.  Server-rendered pages, few routes, no build step; everything the page loads is served
from desk/static."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, unquote

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..categories import CATEGORY_TITLES, SEVERITY_TITLES, Category, allowed_in, clause_for
from ..moderator import Moderator
from ..scan.encoding import ScanInputError, decode_text
from ..scan.html import day_chart, pieces
from ..scan.readers import read_records
from ..scan.records import JST, local_time
from ..scan.summary import ADVICE, Summary
from ..scan.workers import scan_records
from .audit import audit_csv
from .decisions import DECISIONS, DELETION_CLAUSES, DecisionError, DecisionForm
from .security import CSRF_COOKIE, DeskGuard, csrf_ok
from .store import Store
from .uploads import read_scan_output, saved_upload, scan_output_format

HERE = Path(__file__).parent
MAX_UPLOAD = 20_000_000  # bytes; a bigger log is scored with `scan --jobs` and its output opened here
PAGE_SIZE = 50
REVIEWER_COOKIE = "desk_reviewer"


@dataclass
class Desk:
    """What the routes share: the store, one Moderator (Sudachi is not thread-safe, so one check at a
    time: an office desk, not a service) and the templates."""

    store: Store
    moderator: Moderator
    lock: threading.Lock
    templates: Jinja2Templates
    explanations: dict[str, str]

    def review(self, text: str, mode: str, **options):
        with self.lock:
            return self.moderator.review(text, mode, **options)

    def scan_upload(self, path: Path, name: str):
        fmt = scan_output_format(path)
        summary = Summary()
        if fmt:
            return self.store.add_batch(name, "comment", read_scan_output(path, fmt), summary)
        records = read_records(path)
        with self.lock:
            rows = scan_records(records, mode="comment", jobs=1, moderator=self.moderator)
            return self.store.add_batch(name, "comment", rows, summary)


def _page(request: Request, name: str, status: int = 200, **context) -> Response:
    desk: Desk = request.app.state.desk
    context.setdefault("csrf", request.cookies.get(CSRF_COOKIE, ""))
    return desk.templates.TemplateResponse(request, name, context, status_code=status)


async def _form(request: Request):
    form = await request.form(max_files=1, max_fields=20, max_part_size=MAX_UPLOAD)
    if not csrf_ok(request, form):
        raise HTTPException(403, "フォームの有効期限が切れました。ページを読み込み直してから、もう一度送信してください。")
    return form


def _field(form, name: str, default: str = "") -> str:
    value = form.get(name)
    return value if isinstance(value, str) else default


# --- drafts ---------------------------------------------------------------------------------------


def _posted_at(value: str) -> datetime | None:
    """The page's datetime-local (no zone) is Japan time; a full ISO time keeps its own zone."""
    if not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise DecisionError(f"投稿日時を読めません: {value!r}（例: 2026-11-24T10:30）") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=JST)


def _finding_view(f: dict, mode: str, explanations: dict[str, str]) -> dict:
    category = Category(f["category"])
    clause = clause_for(category, mode) if allowed_in(category, mode) else None
    return {
        **f,
        "title": CATEGORY_TITLES[category],
        "severity_label": SEVERITY_TITLES[f["severity"]],
        "clause_text": f.get("clause_text") or (clause.text if clause else ""),
        "explanation": f.get("explanation") or explanations.get(f["rule_id"], ""),
    }


async def draft_page(request: Request) -> Response:
    return _page(request, "draft.html.j2", text="", mode="draft", account="official", posted_at="", result=None)


async def draft_check(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    form = await _form(request)
    mode = _field(form, "mode", "draft") if _field(form, "mode") in ("draft", "comment") else "draft"
    account = "personal" if _field(form, "account") == "personal" else "official"
    posted_text = _field(form, "posted_at")
    text = _field(form, "text")
    upload = form.get("file")
    state = dict(text=text, mode=mode, account=account, posted_at=posted_text, result=None)
    try:
        if isinstance(upload, UploadFile) and upload.filename:
            text = decode_text(await upload.read(), label=upload.filename)
            state["text"] = text
        posted_at = _posted_at(posted_text)
    except (ScanInputError, DecisionError) as exc:
        return _page(request, "draft.html.j2", 400, error=str(exc), **state)
    if not text.strip():
        return _page(request, "draft.html.j2", 400, error="本文を入力するか、ファイルを選んでください", **state)
    text = text.replace("\r\n", "\n")  # a textarea sends CRLF; offsets are counted on what is shown
    state["text"] = text
    review = await run_in_threadpool(desk.review, text, mode, posted_at=posted_at, account=account)
    findings = [_finding_view(h.as_json(), mode, desk.explanations) for h in review.findings]
    state["result"] = {
        "findings": findings,
        "pieces": pieces(text, tuple(findings), whole=True),
        "checklist": review.checklist,
        "checked_at": datetime.now(JST).strftime("%Y-%m-%d %H:%M"),
        "posted_at": local_time(posted_at.isoformat()) if posted_at else "",
    }
    name = "print.html.j2" if request.url.path.endswith("/print") else "draft.html.j2"
    return _page(request, name, **state)


# --- the comment queue ---------------------------------------------------------------------------------


async def batches_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    return _page(request, "batches.html.j2", batches=desk.store.batches(), local_time=local_time)


async def batch_upload(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    form = await _form(request)
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _page(request, "batches.html.j2", 400, batches=desk.store.batches(), local_time=local_time,
                     error="ファイルを選んでください")
    name = Path(upload.filename).name[:200]
    path = saved_upload(await upload.read(), name)
    try:
        batch_id = await run_in_threadpool(desk.scan_upload, path, name)
    except (ScanInputError, ValueError, UnicodeError) as exc:
        return _page(request, "batches.html.j2", 400, batches=desk.store.batches(), local_time=local_time,
                     error=f"{name}: 読み込めませんでした（{exc}）")
    finally:
        path.unlink(missing_ok=True)
    return RedirectResponse(f"/queue/{batch_id}", status_code=303)


def _queue_state(request: Request, batch_id: int) -> dict:
    desk: Desk = request.app.state.desk
    batch = desk.store.batch(batch_id)
    if batch is None:
        raise HTTPException(404, "その一覧はありません")
    category = request.query_params.get("category") or None
    if category and category not in {c.value for c in Category}:
        category = None
    show = request.query_params.get("show", "flagged")
    show = show if show in ("flagged", "undecided", "all") else "flagged"
    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    comments, total = desk.store.queue(batch_id, category=category, show=show, limit=PAGE_SIZE,
                                       offset=(page - 1) * PAGE_SIZE)
    return dict(
        batch=batch, category=category, show=show, page=page, total=total,
        pages=max(1, -(-total // PAGE_SIZE)),
        comments=[{
            "c": c,
            "pieces": pieces(c.text, c.findings),
            "findings": [_finding_view(f, "comment", desk.explanations) for f in c.findings],
            "time": local_time(c.time),
            "decided_at": local_time(c.decision.decided_at) if c.decision else "",
        } for c in comments],
        counts=desk.store.category_counts(batch_id),
        decided=desk.store.decided_count(batch_id),
        chart=day_chart(batch.summary.get("days", [])),
        spikes=batch.summary.get("spikes", []),
        advice=ADVICE,
        reviewer=unquote(request.cookies.get(REVIEWER_COOKIE, "")),
    )


async def queue_page(request: Request) -> Response:
    return _page(request, "queue.html.j2", **_queue_state(request, request.path_params["batch_id"]))


async def decide(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    batch_id, record = request.path_params["batch_id"], request.path_params["record"]
    form = await _form(request)
    if desk.store.comment(batch_id, record) is None:
        raise HTTPException(404, "そのコメントはありません")
    back = _field(form, "back")
    back = back if back.startswith(f"/queue/{batch_id}") and "//" not in back else f"/queue/{batch_id}"
    try:
        decision = DecisionForm.parse(form)
    except DecisionError as exc:
        state = _queue_state(request, batch_id)
        return _page(request, "queue.html.j2", 400, error=str(exc), error_record=record, **state)
    desk.store.decide(batch_id, record, decision.decision, decision.reviewer, decision.note, decision.clause)
    response = RedirectResponse(f"{back}#c{record}", status_code=303)
    # Remembered so that the next decision (a keyboard shortcut) needs no typing.
    response.set_cookie(REVIEWER_COOKIE, quote(decision.reviewer), max_age=365 * 86400, httponly=True,
                        samesite="strict")
    return response


# --- the audit log -----------------------------------------------------------------------------------


async def audit_page(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    rows = desk.store.audit()
    return _page(request, "audit.html.j2", rows=rows[::-1][:500], total=len(rows), local_time=local_time)


async def audit_export(request: Request) -> Response:
    desk: Desk = request.app.state.desk
    batch_id = request.path_params.get("batch_id")
    body = audit_csv(desk.store.audit(batch_id))
    stamp = datetime.now(JST).strftime("%Y%m%d-%H%M")
    return Response(body.encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="nayoro-desk-audit-{stamp}.csv"'})


async def http_error(request: Request, exc: HTTPException) -> Response:
    return _page(request, "error.html.j2", exc.status_code, message=exc.detail)


def create_app(db: str | Path, *, moderator: Moderator | None = None, token: str | None = None,
               hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "::1"), max_upload: int = MAX_UPLOAD) -> Starlette:
    """The desk as an ASGI app over the SQLite file ``db``.  ``token``: required of every request
    (--allow-remote); ``hosts``: the Host headers answered (a page on 127.0.0.1 must not answer
    another site's name, or that site could read it through DNS rebinding)."""
    import jinja2

    moderator = moderator or Moderator()
    templates = Jinja2Templates(env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True,
    ))
    templates.env.globals.update(
        category_titles={c.value: CATEGORY_TITLES[c] for c in Category},
        severity_labels=SEVERITY_TITLES, decisions=DECISIONS, deletion_clauses=DELETION_CLAUSES,
        max_upload_mb=max_upload / 1_000_000,
    )
    routes = [
        Route("/", draft_page),
        Route("/draft", draft_check, methods=["POST"]),
        Route("/draft/print", draft_check, methods=["POST"]),
        Route("/queue", batches_page),
        Route("/queue", batch_upload, methods=["POST"]),
        Route("/queue/{batch_id:int}", queue_page),
        Route("/queue/{batch_id:int}/audit.csv", audit_export),
        Route("/queue/{batch_id:int}/{record:int}", decide, methods=["POST"]),
        Route("/audit", audit_page),
        Route("/audit.csv", audit_export),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts)),
            Middleware(DeskGuard, max_body=max_upload, token=token),
        ],
        exception_handlers={HTTPException: http_error},
    )
    app.state.desk = Desk(Store(db), moderator, threading.Lock(), templates,
                          {c.id: c.explanation.strip() for c in moderator.checks})
    return app
