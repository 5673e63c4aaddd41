"""The review desk's web app: FastAPI, server-rendered Jinja2 templates, one small JS
file for keyboard shortcuts; no front-end build step.

Page text is hostile (scraped): templates autoescape everything, the app never marks
page text safe, and a Content-Security-Policy allows only this app's own script, so a
`<script>` or `onerror=` in an article shows as text and runs nowhere. Every POST
carries the session's CSRF token; only editors may decide.
"""

from __future__ import annotations

import functools
import gc
import json
import secrets
import time
from collections.abc import Callable, Iterator
from datetime import UTC, timedelta
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, unquote, urlencode

import jinja2
import markupsafe
from fastapi import Depends, FastAPI, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clean import siterules as cleaning_rules
from ..safe_text import neutralise_bidi, web_url
from . import audit, auth, claims, cleaning, decisions, examples, medical, queries, siterules, throttle
from .db import Store
from .models import OPEN, Article, AuditEvent, Flag
from .params import Id, PageNo, refusal

HERE = Path(__file__).parent
COOKIE = "ascurate_session"
PRE_CSRF = "ascurate_login_csrf"
BULK_LIMIT = 5000  # articles one bulk decision may change
COUNTS_TTL = 20.0  # seconds the queue's open-flag counts are reused (a curate run's new flags show after)
FLASH = "ascurate_flash"  # a refused decision's reason, shown once on the page the POST redirects to
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
               medical_groups: tuple[str, ...] | None = None, curated: Path | None = None,
               gate: throttle.SignInGate | None = None) -> FastAPI:
    """The app over one store. `secure_cookies` when served over HTTPS; `medical_groups`: what
    needs a medical sign-off (default: $ASCURATE_MEDICAL_REVIEW, medical.py); `curated`: where
    editors' site rules are kept (siterules.py; without it they cannot be made here); `gate`:
    sign-in throttling and the bound on password checks (throttle.py; default limits)."""
    chosen = medical.groups() if medical_groups is None else medical_groups
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
        claims.release(s, None, who.username)  # the articles this editor had open are free again
        s.commit()
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(COOKIE)
        return resp

    # ------------------------------------------------------------------ reading
    @app.get("/")
    def home() -> Response:
        return RedirectResponse("/queue", status_code=303)

    counted: dict[tuple[Any, ...], tuple[float, list[dict[str, Any]]]] = {}

    def counts(s: Session, f: queries.Filters) -> list[dict[str, Any]]:
        """Open flags by kind and severity for these filters, kept COUNTS_TTL seconds (counting
        reads every open flag, the rest of the queue one page of rows) and dropped at every
        decision made here, so an editor sees their own decisions counted at once."""
        key = (f.status, f.kind, f.site, f.language, f.q, f.medical)
        hit = counted.get(key)
        if hit and time.monotonic() - hit[0] < COUNTS_TTL:
            return hit[1]
        if len(counted) > 256:
            counted.clear()
        value = queries.open_counts(s, f)
        counted[key] = (time.monotonic(), value)
        return value

    def _filters(status: str, kind: str, site: str, language: str, q: str) -> queries.Filters:
        return queries.Filters(status if status in queries.STATUSES else "pending", kind or None, site or None,
                               language or None, q.strip()[:200] or None, chosen)

    def _queue_url(f: queries.Filters, **kw: Any) -> str:
        params = {"status": f.status, "kind": f.kind or "", "site": f.site or "", "language": f.language or "",
                  "q": f.q or "", **kw}
        return "/queue?" + urlencode({k: v for k, v in params.items() if v not in ("", None)})

    @app.get("/queue", response_class=HTMLResponse)
    def queue_page(request: Request, s: DB, who: Who, status: str = "pending", kind: str = "", site: str = "",
                   language: str = "", q: str = "", page: PageNo = 1) -> Response:
        f = _filters(status, kind, site, language, q)
        qp = queries.queue(s, f, page)
        qp.open_counts = counts(s, f)
        resp = render("queue.html", who=who, q=qp, f=f, flash=_flash(request),
                      link=lambda **kw: _queue_url(f, **kw))
        resp.delete_cookie(FLASH)
        return resp

    @app.post("/queue/bulk", response_class=HTMLResponse)
    def bulk(s: DB, who: Editor, action: Annotated[str, Form()], reason: Annotated[str, Form()] = "",
             status: Annotated[str, Form()] = "pending", kind: Annotated[str, Form()] = "",
             site: Annotated[str, Form()] = "", language: Annotated[str, Form()] = "",
             q: Annotated[str, Form()] = "", confirm: Annotated[str, Form()] = "") -> Response:
        """Approve or reject every article the filters select: first a page that says how many
        (and how many are skipped, and why), then, confirmed with that count, one audit batch."""
        f = _filters(status, kind, site, language, q)
        back = _queue_url(f)
        try:
            plan = decisions.plan_bulk(s, queries.selection(s, f, BULK_LIMIT), action, who.username)
            if not confirm:
                return render("bulk.html", who=who, plan=plan, f=f, reason=reason, limit=BULK_LIMIT)
            if confirm != str(len(plan.pks)):
                raise decisions.DecisionError(f"the selection changed since you confirmed {confirm} article(s): "
                                              f"it is {len(plan.pks)} now; nothing was changed")
            done = decisions.decide_articles(s, plan.pks, action, who.username, reason=reason)
        except decisions.DecisionError as e:
            s.rollback()
            return _with_flash(RedirectResponse(back, status_code=303), str(e), secure=secure_cookies)
        s.commit()
        counted.clear()
        verb = "Approved" if action == "approve" else "Rejected"
        return _with_flash(RedirectResponse(back, status_code=303), f"{verb} {len(done.pks)} article(s).", "done",
                           done.batch, secure=secure_cookies)

    @app.post("/batches/{batch}/undo")
    def undo_batch(s: DB, who: Editor, batch: str, back: Annotated[str, Form()] = "/queue") -> Response:
        try:
            decisions.undo(s, who.username, batch=batch)
        except decisions.DecisionError as e:
            s.rollback()
            return _with_flash(RedirectResponse(_local(back), status_code=303), str(e), secure=secure_cookies)
        s.commit()
        counted.clear()
        return _with_flash(RedirectResponse(_local(back), status_code=303), "Undone.", "done", secure=secure_cookies)

    @app.get("/articles/{pk}", response_class=HTMLResponse)
    def article_page(request: Request, s: DB, who: Who, pk: Id, flag: Id | None = None) -> Response:
        holder = None
        if who.can_decide:  # an editor who opens an article claims it (claims.py)
            holder = claims.claim_on_view(s, pk, who.username)
        view = queries.article_view(s, pk, selected=flag)
        if view is None:
            return render("error.html", 404, who=who, message=f"No article {pk}.")
        resp = render("article.html", who=who, flash=_flash(request), held_by=holder,
                      medical_names=medical.named(view["article"].medical_terms, chosen), **view)
        resp.delete_cookie(FLASH)
        return resp

    @app.get("/articles/{pk}/cleaning", response_class=HTMLResponse)
    def cleaning_page(request: Request, s: DB, who: Who, pk: Id) -> Response:
        """The page as extracted beside the article: what cleaning removed, and why."""
        holder = None
        if who.can_decide:
            holder = claims.claim_on_view(s, pk, who.username)
        art = s.get(Article, pk)
        if art is None:
            return render("error.html", 404, who=who, message=f"No article {pk}.")
        ruled = {r.text for r in siterules.load_cleaning(curated) if r.site == art.site} if curated else set()
        resp = render("cleaning.html", who=who, a=art, rows=cleaning.side_by_side(art), flash=_flash(request), ruled=ruled,
                      held_by=holder, can_undo=decisions.last_batch(s, article_pk=pk) is not None)
        resp.delete_cookie(FLASH)
        return resp

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
    def rules_page(request: Request, s: DB, who: Who) -> Response:
        resp = render("rules.html", who=who, rows=queries.dismissals_by_rule(s), site_rules=siterules.load(curated),
                      cleaning_rules=siterules.load_cleaning(curated), flash=_flash(request))
        resp.delete_cookie(FLASH)
        return resp

    @app.post("/site-rules/{rule_id}/remove")
    def remove_site_rule(s: DB, who: Editor, rule_id: str) -> Response:
        """Undo a site rule: its file goes and the flags it dismissed are open again."""
        try:
            if curated is None:
                raise ValueError("this desk was started without its curated folder")
            rule = siterules.remove(curated, rule_id)
        except ValueError as e:
            return _with_flash(RedirectResponse("/rules", status_code=303), str(e), secure=secure_cookies)
        if isinstance(rule, siterules.CleaningRule):  # the next run cleans the site without it
            audit.record(s, who.username, "site-rule-off", reason=f"{rule.id}: {rule.kind} {rule.text!r} on {rule.site}")
            s.commit()
            examples.write(curated, rule.site, None, rule.article, rule.text, None, who.username, f"site rule {rule.id} removed")
            return _with_flash(RedirectResponse("/rules", status_code=303),
                               f"Site rule {rule.id} removed: the next run cleans {rule.site} without it.", "done",
                               secure=secure_cookies)
        n = decisions.lift_site_rule(s, rule, who.username)
        audit.record(s, who.username, "site-rule-off", reason=f"{rule.id}: {rule.rule} on {rule.site}")
        s.commit()
        counted.clear()
        return _with_flash(RedirectResponse("/rules", status_code=303),
                           f"Site rule {rule.id} removed: {n} flag(s) open again.", "done", secure=secure_cookies)

    # ------------------------------------------------------------------ deciding
    def _decide(s: Session, editor: str, pk: int, act: Callable[[], object], then: Callable[[], str],
                refused: str) -> Response:
        """Apply one decision in its own transaction, then redirect (post/redirect/get: a
        reload never resubmits): to `then()` when made, to `refused` with the reason shown
        once (a flash cookie) when refused, nothing of it kept."""
        try:
            holder = claims.claim(s, pk, editor)
            if holder:
                raise decisions.DecisionError(f"{holder} is working on this article (their claim lapses after "
                                              f"{int(claims.TTL.total_seconds() // 60)} minutes without a view)")
            act()
        except decisions.DecisionError as e:
            s.rollback()
            return _with_flash(RedirectResponse(refused, status_code=303), str(e), secure=secure_cookies)
        s.commit()
        counted.clear()
        return RedirectResponse(then(), status_code=303)

    @app.post("/articles/{pk}/flags/{fid}")
    def flag_decision(s: DB, who: Editor, pk: Id, fid: Id, action: Annotated[str, Form()],
                      reason: Annotated[str, Form()] = "", text: Annotated[str | None, Form()] = None,
                      apply_all: Annotated[str, Form()] = "", site_rule: Annotated[str, Form()] = "") -> Response:
        if s.scalar(select(Flag.article_pk).where(Flag.id == fid)) != pk:  # the flag of the article in the URL only
            return render("error.html", 404, who=who, message=f"No flag {fid} on article {pk}.")

        def then() -> str:  # the selection moves on to the next open flag
            nxt = queries.next_open_flag(s, pk, fid)
            return f"/articles/{pk}" + (f"?flag={nxt}" if nxt else "")

        def act() -> None:
            decisions.decide_flag(s, fid, action, who.username, reason=reason, text=text, apply_all=apply_all == "1")
            if site_rule == "1":  # "this rule is wrong on this site": a rule file, and its flags dismissed
                flag = s.get(Flag, fid)
                if curated is None or flag is None or not flag.article.site or not flag.rule:
                    raise decisions.DecisionError("a site rule needs the desk's curated folder, a site and a rule")
                rule = siterules.add(curated, flag.article.site, flag.rule, who.username, reason)
                audit.record(s, who.username, "site-rule", reason=f"{rule.id}: {rule.rule} on {rule.site}: {rule.why}")
                decisions.apply_site_rule(s, rule, who.username)

        return _decide(s, who.username, pk, act, then, f"/articles/{pk}?flag={fid}")

    @app.post("/articles/{pk}/decide")
    def article_decision(s: DB, who: Editor, pk: Id, action: Annotated[str, Form()],
                         reason: Annotated[str, Form()] = "") -> Response:
        here = f"/articles/{pk}"

        def act() -> None:
            decisions.decide_article(s, pk, action, who.username, reason=reason)
            claims.release(s, pk, who.username)  # decided: free for whoever opens it next

        return _decide(s, who.username, pk, act, lambda: here, here)

    @app.post("/articles/{pk}/medical")
    def medical_signoff(s: DB, who: Editor, pk: Id) -> Response:
        here = f"/articles/{pk}"

        def act() -> None:
            if not who.can_sign_medical:
                raise decisions.DecisionError("only a medical reviewer (role medical) signs off medical content")
            decisions.medical_signoff(s, pk, who.username, chosen)

        return _decide(s, who.username, pk, act, lambda: here, here)

    def edited_blocks(art: Article, before: dict[str, list[int]], who: str, origin: str) -> None:
        """Write the block edits that changed since `before` as labelled examples (examples.py)."""
        after = cleaning.edits(art)
        for op, label in (("restore", "keep"), ("remove", "drop")):
            for i in set(before[op]) ^ set(after[op]):
                text = art.removed[i].get("text", "") if op == "restore" else art.blocks[i]["text"]
                examples.record(curated, art, text, label if i in after[op] else None, who, origin)

    @app.post("/articles/{pk}/blocks")
    def block_edit(s: DB, who: Editor, pk: Id, op: Annotated[str, Form()], index: Annotated[int, Form()]) -> Response:
        here = f"/articles/{pk}/cleaning"

        def act() -> None:
            art = s.get(Article, pk)
            before = cleaning.edits(art) if art is not None else cleaning.EMPTY
            decisions.edit_block(s, pk, op, index, who.username)
            edited_blocks(s.get(Article, pk), before, who.username, f"{op}-block")

        return _decide(s, who.username, pk, act, lambda: here, here)

    @app.post("/articles/{pk}/site-rules")
    def cleaning_site_rule(s: DB, who: Editor, pk: Id, kind: Annotated[str, Form()],
                           block: Annotated[int | None, Form()] = None, removal: Annotated[int | None, Form()] = None,
                           text: Annotated[str, Form()] = "", why: Annotated[str, Form()] = "",
                           back: Annotated[str, Form()] = "") -> Response:
        """"Remove this everywhere on this site" (a kept block, or selected text) or "never
        remove this" (a block cleaning removed): a rule file the next run applies to the
        site's pages (siterules.py), and the same edit on this article now."""
        here = _local(back) if back else f"/articles/{pk}/cleaning"
        made: list[siterules.CleaningRule] = []

        def act() -> None:
            art = s.get(Article, pk)
            if art is None or not art.site or curated is None:
                raise decisions.DecisionError("a site rule needs the article's site and the desk's curated folder")
            before = cleaning.edits(art)
            edit: tuple[str, int] | None = None
            scope = "block"
            if kind == "remove" and block is not None and 0 <= block < len(art.blocks):
                chosen, edit = art.blocks[block]["text"], ("remove", block)
            elif kind == "remove" and text.strip():
                chosen = text.strip()
                same = [j for j, b in enumerate(art.blocks) if cleaning_rules.normalise(b["text"]) ==
                        cleaning_rules.normalise(chosen)]
                scope = "block" if same else "span"
                edit = ("remove", same[0]) if same else None
            elif kind == "keep" and removal is not None and 0 <= removal < len(art.removed):
                chosen, edit = art.removed[removal].get("text", ""), ("restore", removal)
            else:
                raise decisions.DecisionError("choose a block, a removed block or some text for the site rule")
            if edit is not None and edit[1] not in before[edit[0]]:  # this article now, as a decision
                decisions.edit_block(s, pk, edit[0], edit[1], who.username)
            try:
                rule = siterules.add_cleaning(curated, art.site, kind, chosen, who.username, scope=scope, why=why,
                                              article=art.source_key)
            except ValueError as e:
                raise decisions.DecisionError(str(e)) from None
            made.append(rule)
            audit.record(s, who.username, "site-rule", article=art, text_before=rule.text,
                         reason=f"{rule.id}: {rule.kind} ({rule.scope}) on {rule.site}: {rule.why}")
            examples.record(curated, art, rule.text, "drop" if kind == "remove" else "keep", who.username,
                            f"site rule {rule.id}")

        resp = _decide(s, who.username, pk, act, lambda: here, here)
        if made:
            r = made[0]
            verb = "removed everywhere on" if r.kind == "remove" else "never removed on"
            return _with_flash(resp, f"Site rule {r.id}: “{r.text[:80]}” is {verb} {r.site} from the next run.",
                               "done", secure=secure_cookies)
        return resp

    @app.post("/articles/{pk}/undo")
    def undo(s: DB, who: Editor, pk: Id, back: Annotated[str, Form()] = "") -> Response:
        if s.scalar(select(Article.id).where(Article.id == pk)) is None:
            return render("error.html", 404, who=who, message=f"No article {pk}.")
        here = _local(back) if back else f"/articles/{pk}"

        def act() -> None:
            art = s.get(Article, pk)
            before = cleaning.edits(art) if art is not None else cleaning.EMPTY
            decisions.undo(s, who.username, article_pk=pk)
            if art is not None:
                edited_blocks(art, before, who.username, "undo")

        return _decide(s, who.username, pk, act, lambda: here, here)

    # The objects alive now (modules, templates, the app) live as long as the process: frozen,
    # they are left out of every full garbage collection, which otherwise scans them all in
    # the middle of some request and makes it the slowest one.
    gc.collect()
    gc.freeze()
    return app


def _flash(request: Request) -> dict[str, Any] | None:
    """The message a redirect left for this page: {"message", "kind": error|done, "batch"?}."""
    try:
        value = json.loads(unquote(request.cookies.get(FLASH) or "null"))
    except ValueError:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("message"), str):
        return None
    return {"message": value["message"][:500], "kind": "done" if value.get("kind") == "done" else "error",
            "batch": value["batch"] if isinstance(value.get("batch"), str) and value["batch"].isalnum() else None}


def _with_flash(resp: Response, message: str, kind: str = "error", batch: str | None = None,
                secure: bool = False) -> Response:
    resp.set_cookie(FLASH, quote(json.dumps({"message": message, "kind": kind, "batch": batch})), max_age=60,
                    httponly=True, samesite="strict", secure=secure)
    return resp


def _local(target: str) -> str:
    """Only redirect within this app (no open redirect through ?next=)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/queue"

