"""The review desk's web app: FastAPI, server-rendered Jinja2 templates, one small JS
file for keyboard shortcuts; no front-end build step.

Page text is hostile (scraped): templates autoescape everything, the app never marks
page text safe, and a Content-Security-Policy allows only this app's own script, so a
`<script>` or `onerror=` in an article shows as text and runs nowhere. Every POST
carries the session's CSRF token; only editors may decide.
"""

from __future__ import annotations

import functools
import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
import markupsafe
from fastapi import Depends, FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..safe_text import neutralise_bidi, web_url
from . import audit, auth, decisions, queries, throttle
from .db import Store
from .models import OPEN, Article, AuditEvent, Flag
from .params import Id, PageNo, refusal

HERE = Path(__file__).parent
COOKIE = "ascurate_session"
PRE_CSRF = "ascurate_login_csrf"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")


class NotSignedIn(Exception):
    pass


class Forbidden(Exception):
    pass


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             finalize=_shown)
    env.filters["when"] = lambda t: (t if t.tzinfo else t.replace(tzinfo=UTC)).strftime("%Y-%m-%d %H:%M UTC") if t else ""
    env.globals["SEVERITY"] = {0: "none", 1: "info", 2: "warning", 3: "blocking"}
    env.globals["OPEN"] = OPEN
    env.filters["web_url"] = web_url  # only an http(s) address may become a link: {% if u | web_url %}
    return env


def _shown(value: Any) -> Any:
    """Every printed value: bidi controls in page text shown as tags, never obeyed (safe_text)."""
    if isinstance(value, markupsafe.Markup):
        return markupsafe.Markup(neutralise_bidi(str(value)))
    return neutralise_bidi(value) if isinstance(value, str) else value


def db(request: Request) -> Iterator[Session]:
    with request.app.state.store.session() as s:
        yield s


DB = Annotated[Session, Depends(db)]


def signed(request: Request, s: DB) -> auth.Signed:
    who = auth.lookup(s, request.cookies.get(COOKIE))
    if who is None:
        raise NotSignedIn()
    return who


Who = Annotated[auth.Signed, Depends(signed)]


def editor(who: Who, csrf: Annotated[str, Form()] = "") -> auth.Signed:
    """An editor's POST with the session's CSRF token, or 403."""
    if not auth.same(csrf, who.csrf):
        raise Forbidden("the form is stale or forged (CSRF token mismatch): reload the page")
    if not who.can_decide:
        raise Forbidden(f"{who.username} is a viewer: only editors can decide")
    return who


Editor = Annotated[auth.Signed, Depends(editor)]


def create_app(store: Store, *, session_ttl: timedelta = timedelta(hours=8), secure_cookies: bool = False,
               gate: throttle.SignInGate | None = None) -> FastAPI:
    """The app over one store. `secure_cookies` when served over HTTPS; `gate`: sign-in
    throttling and the bound on password checks (throttle.py; default limits)."""
    app = FastAPI(title="ascurate review", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.store = store
    app.state.gate = gate = gate or throttle.SignInGate()
    auth.warm()  # the first sign-in of an unknown name costs what any other does
    env = _templates()

    def render(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx), status_code=status)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        resp: Response = await call_next(request)
        resp.headers["Content-Security-Policy"] = CSP
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "same-origin"
        resp.headers["X-Frame-Options"] = "DENY"
        if resp.headers.get("content-type", "").startswith("text/html"):
            resp.headers["Cache-Control"] = "no-store"
        return resp

    @app.exception_handler(NotSignedIn)
    async def to_login(request: Request, _exc: NotSignedIn) -> Response:
        if request.method != "GET":
            return render("error.html", 401, who=None, message="Your session has ended: sign in again.")
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(_request: Request, exc: Forbidden) -> Response:
        return render("error.html", 403, who=None, message=str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> Response:
        status, message = refusal(exc)  # an id too large for SQL is no page (404), not a 500
        return render("error.html", status, who=None, message=message)

    # ------------------------------------------------------------------ sign-in
    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/queue", error: str | None = None) -> Response:
        return sign_in_page(request, next, error)

    def sign_in_page(request: Request, next: str, error: str | None) -> Response:
        message = auth.SIGN_IN_ERRORS.get(error or "")  # a known code's text only, never the URL's
        token = request.cookies.get(PRE_CSRF) or secrets.token_urlsafe(32)
        resp = render("login.html", 401 if message else 200, who=None, csrf=token, next=_local(next), error=message)
        resp.set_cookie(PRE_CSRF, token, httponly=True, samesite="strict", secure=secure_cookies)
        return resp

    @functools.cache
    def refusal_page(code: str) -> str:
        return env.get_template("error.html").render(who=None, message=auth.SIGN_IN_ERRORS[code])

    @app.post("/login")
    async def login(request: Request, username: Annotated[str, Form()], password: Annotated[str, Form()],
                    csrf: Annotated[str, Form()] = "", next: Annotated[str, Form()] = "/queue") -> Response:
        if not auth.same(csrf, request.cookies.get(PRE_CSRF)):
            raise Forbidden("the sign-in form is stale or forged (CSRF token mismatch): reload the page")
        try:  # throttled per account and address; the password checked in a thread, a few at once
            token = await gate.sign_in(username, request.client.host if request.client else "", lambda: auth.sign_in(
                store.session, username, password, session_ttl))
        except throttle.Throttled as e:  # a page made once: a flood of refusals costs the event loop nothing
            return HTMLResponse(refusal_page(e.code), e.status, headers={"Retry-After": str(e.retry_after)})
        if token is None:
            return sign_in_page(request, next, "wrong")
        resp = RedirectResponse(_local(next), status_code=303)
        resp.set_cookie(COOKIE, token, max_age=int(session_ttl.total_seconds()), httponly=True, samesite="lax",
                        secure=secure_cookies)
        resp.delete_cookie(PRE_CSRF)
        return resp

    @app.post("/logout")
    def logout(request: Request, s: DB, who: Who, csrf: Annotated[str, Form()] = "") -> Response:
        if not auth.same(csrf, who.csrf):
            raise Forbidden("the form is stale or forged (CSRF token mismatch)")
        auth.end_session(s, request.cookies.get(COOKIE))
        s.commit()
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(COOKIE)
        return resp

    # ------------------------------------------------------------------ reading
    @app.get("/")
    def home() -> Response:
        return RedirectResponse("/queue", status_code=303)

    @app.get("/queue", response_class=HTMLResponse)
    def queue_page(s: DB, who: Who, status: str = "pending", kind: str = "", site: str = "", language: str = "",
                   page: PageNo = 1) -> Response:
        f = queries.Filters(status if status in queries.STATUSES else "pending", kind or None, site or None,
                            language or None)
        q = queries.queue(s, f, page)
        base = {"status": f.status, "kind": kind, "site": site, "language": language}
        return render("queue.html", who=who, q=q, f=f, link=lambda **kw: "/queue?" + urlencode({**base, **kw}))

    @app.get("/articles/{pk}", response_class=HTMLResponse)
    def article_page(s: DB, who: Who, pk: Id) -> Response:
        return _article(s, who, pk)

    def _article(s: Session, who: auth.Signed, pk: int, error: str | None = None) -> Response:
        view = queries.article_view(s, pk)
        if view is None:
            return render("error.html", 404, who=who, message=f"No article {pk}.")
        return render("article.html", 400 if error else 200, who=who, error=error, **view)

    @app.get("/audit", response_class=HTMLResponse)
    def audit_page(s: DB, who: Who) -> Response:
        events = list(s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(200)))
        return render("audit.html", who=who, events=events)

    @app.get("/audit.jsonl")
    def audit_export(s: DB, who: Who) -> Response:
        body = "".join(audit.iter_jsonl(s))
        return Response(body, media_type="application/x-ndjson",
                        headers={"Content-Disposition": 'attachment; filename="ascurate-audit.jsonl"'})

    @app.get("/rules", response_class=HTMLResponse)
    def rules_page(s: DB, who: Who) -> Response:
        return render("rules.html", who=who, rows=queries.dismissals_by_rule(s))

    # ------------------------------------------------------------------ deciding
    def _decide(s: Session, who: auth.Signed, pk: int, then: str, act: Callable[[], object]) -> Response:
        """Apply one decision in its own transaction: redirect on success, show the article with
        the reason on a refused decision (nothing of it is kept)."""
        try:
            act()
        except decisions.DecisionError as e:
            s.rollback()
            return _article(s, who, pk, str(e))
        s.commit()
        return RedirectResponse(then, status_code=303)

    @app.post("/articles/{pk}/flags/{fid}")
    def flag_decision(s: DB, who: Editor, pk: Id, fid: Id, action: Annotated[str, Form()],
                      reason: Annotated[str, Form()] = "", text: Annotated[str | None, Form()] = None,
                      apply_all: Annotated[str, Form()] = "") -> Response:
        if s.scalar(select(Flag.article_pk).where(Flag.id == fid)) != pk:  # the flag of the article in the URL only
            return render("error.html", 404, who=who, message=f"No flag {fid} on article {pk}.")
        return _decide(s, who, pk, f"/articles/{pk}#flag-{fid}", lambda: decisions.decide_flag(
            s, fid, action, who.username, reason=reason, text=text, apply_all=apply_all == "1"))

    @app.post("/articles/{pk}/decide")
    def article_decision(s: DB, who: Editor, pk: Id, action: Annotated[str, Form()],
                         reason: Annotated[str, Form()] = "") -> Response:
        return _decide(s, who, pk, f"/articles/{pk}",
                       lambda: decisions.decide_article(s, pk, action, who.username, reason=reason))

    @app.post("/articles/{pk}/undo")
    def undo(s: DB, who: Editor, pk: Id) -> Response:
        if s.scalar(select(Article.id).where(Article.id == pk)) is None:
            return render("error.html", 404, who=who, message=f"No article {pk}.")
        return _decide(s, who, pk, f"/articles/{pk}", lambda: decisions.undo(s, who.username, article_pk=pk))

    return app


def _local(target: str) -> str:
    """Only redirect within this app (no open redirect through ?next=)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/queue"

