"""`ascurate review ...`: the review desk from a shell (serve the web app, add editors,
and list, show, decide, approve, reject, export without a browser)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select

from ..cli import terminal
from . import audit, auth, decisions, integrity, params, queries
from .db import Store, database_url
from .integrity import StoreDamaged
from .models import Article, User

review_app = typer.Typer(help="The editors' review desk: flagged items in, decisions, approved articles out.",
                         no_args_is_help=True)
err = Console(stderr=True, soft_wrap=True)  # a message is one line, however wide the terminal

Curated = Annotated[Path, typer.Option(help="The curated folder (the store is curated/.ascurate/review.sqlite).")]
DbUrl = Annotated[str | None, typer.Option("--database-url", envvar="ASCURATE_DATABASE_URL",
                                           help="SQLAlchemy URL of the store (PostgreSQL: postgresql+psycopg://...).")]
EditorOpt = Annotated[str, typer.Option("--editor", "-u", envvar="ASCURATE_EDITOR", help="Editor account deciding.")]
SEV = {0: "-", 1: "info", 2: "warning", 3: "blocking"}


DAMAGED = 4  # the exit status when the review store is damaged, replaced or missing


database_url_of = database_url  # the commands' option of the same name hides it


def _store(curated: Path, url: str | None) -> Store:
    try:
        return Store(database_url(curated, url))
    except StoreDamaged as e:
        raise _fail(str(e), DAMAGED) from None


def refuse_damaged(curated: Path, url: str | None = None, level: str = "identity") -> None:
    """One line and exit status 4 when the review store is damaged, replaced or missing."""
    path = integrity.sqlite_path(database_url(curated, url))
    if path is not None:
        try:
            integrity.inspect(path, level)
        except StoreDamaged as e:
            raise _fail(str(e), DAMAGED) from None


def back_up_before_run(curated: Path, url: str | None = None) -> None:
    """`ascurate run`, while Prefect starts: the flow's store check and backup
    (backup.before_run), so a damaged store is refused in one line (exit status 4) before
    the flow runs, and the flow finds the backup current and makes no other."""
    from .backup import before_run

    try:
        before_run(curated, url)
    except StoreDamaged as e:
        raise _fail(str(e), DAMAGED) from None


def _fail(msg: str, code: int = 1) -> typer.Exit:
    err.print(f"[red]error:[/] {escape(msg)}")
    return typer.Exit(code)


def _article(s, ref: str) -> Article:  # type: ignore[no-untyped-def]
    art = s.get(Article, int(ref)) if ref.isdigit() else None
    art = art or s.scalar(select(Article).where((Article.source_key == ref) | (Article.article_id == ref)))
    if art is None:
        raise _fail(f"no article {ref!r} (give its number, source path or article id)")
    return art


def _editor(s, name: str) -> str:  # type: ignore[no-untyped-def]
    user = s.scalar(select(User).where(User.username == name))
    if user is None or user.role not in ("editor", "medical"):
        raise _fail(f"{name!r} is not an editor account (ascurate review add-user)")
    return user.username


@review_app.command()
def serve(curated: Curated = Path("curated"), database_url: DbUrl = None,
          host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="Port.")] = 8000,
          session_hours: Annotated[float, typer.Option(help="Sign-in sessions expire after this.")] = 8.0,
          secure_cookies: Annotated[bool, typer.Option(help="Mark cookies Secure (serve behind HTTPS).")] = False,
          sync: Annotated[bool, typer.Option(help="Sync curated/articles into the store first.")] = True) -> None:
    """Start the review web app."""
    from datetime import timedelta

    import uvicorn

    from .app import create_app
    from .sync import sync_curated

    refuse_damaged(curated, database_url, "quick")
    if sync and (curated / "articles").is_dir():
        back_up_before_run(curated, database_url)  # the sync writes to the store
    store = _store(curated, database_url)
    if sync and (curated / "articles").is_dir():
        err.print(f"synced: {sync_curated(store, curated).to_dict()}")
    with store.session() as s:
        if s.scalar(select(User.id).limit(1)) is None:
            err.print("[yellow]no accounts yet:[/] create one with `ascurate review add-user NAME`")
    err.print(f"review desk on http://{host}:{port}/ (store: {store.engine.url.render_as_string(hide_password=True)})")
    uvicorn.run(create_app(store, session_ttl=timedelta(hours=session_hours), secure_cookies=secure_cookies,
                           curated=curated),
                host=host, port=port, log_level="warning")


@review_app.command("add-user")
def add_user(username: str, curated: Curated = Path("curated"), database_url: DbUrl = None,
             role: Annotated[str, typer.Option(help="editor (decides) or viewer (reads).")] = "editor",
             password_stdin: Annotated[bool, typer.Option(help="Read the password from stdin.")] = False) -> None:
    """Create an account (the password is asked for, or read from stdin)."""
    password = (sys.stdin.readline().rstrip("\n") if password_stdin
                else typer.prompt("Password", hide_input=True, confirmation_prompt=True))
    store = _store(curated, database_url)
    with store.session() as s:
        try:
            auth.add_user(s, username, password, role)
        except auth.AuthError as e:
            raise _fail(str(e)) from None
        s.commit()
    err.print(f"added {role} {username}")


By = Annotated[str, typer.Option("--by", envvar="ASCURATE_EDITOR",
                                  help="Who makes the change (recorded in the audit; default: the shell's user).")]


def _account(curated: Path, url: str | None, done: str, change) -> None:  # type: ignore[no-untyped-def]
    from .accounts import AccountError

    with _store(curated, url).session() as s:
        try:
            result = change(s)
        except (AccountError, auth.AuthError) as e:
            raise _fail(str(e)) from None
        s.commit()
    err.print(done.format(result=result))


def _shell_user() -> str:
    import getpass

    return getpass.getuser()


@review_app.command("remove-user")
def remove_user(username: str, curated: Curated = Path("curated"), database_url: DbUrl = None, by: By = "",
                yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False) -> None:
    """Remove an account (its sessions and claims end; its decisions stay in the history)."""
    from .accounts import remove_user as remove

    if not yes:
        typer.confirm(f"Remove {username}?", abort=True)
    _account(curated, database_url, f"removed {username}", lambda s: remove(s, username, by or _shell_user()))


@review_app.command("reset-password")
def reset_password(username: str, curated: Curated = Path("curated"), database_url: DbUrl = None, by: By = "",
                   password_stdin: Annotated[bool, typer.Option(help="Read the password from stdin.")] = False) -> None:
    """Set a new password (asked for, or read from stdin); the user's sessions end."""
    from .accounts import reset_password as reset

    password = (sys.stdin.readline().rstrip("\n") if password_stdin
                else typer.prompt("New password", hide_input=True, confirmation_prompt=True))
    _account(curated, database_url, f"new password for {username}; signed out everywhere",
             lambda s: reset(s, username, password, by or _shell_user()))


@review_app.command("set-role")
def set_role(username: str, role: Annotated[str, typer.Argument(help=f"One of {', '.join(auth.ROLES)}.")],
             curated: Curated = Path("curated"), database_url: DbUrl = None, by: By = "") -> None:
    """Change a user's role; their sessions end."""
    from .accounts import set_role as change

    _account(curated, database_url, f"{username}: {{result}} -> {role}; signed out everywhere",
             lambda s: change(s, username, role, by or _shell_user()))


@review_app.command("end-sessions")
def end_sessions(username: str, curated: Curated = Path("curated"), database_url: DbUrl = None, by: By = "") -> None:
    """Sign a user out everywhere."""
    from .accounts import end_sessions as end

    _account(curated, database_url, f"ended {{result}} session(s) of {username}",
             lambda s: end(s, username, by or _shell_user()))


@review_app.command("sync")
def sync_cmd(curated: Curated = Path("curated"), database_url: DbUrl = None) -> None:
    """Upsert curated/articles into the store (the curate flow does this after each run)."""
    from .sync import sync_curated

    typer.echo(json.dumps(sync_curated(_store(curated, database_url), curated).to_dict()))


@review_app.command("list")
def list_cmd(curated: Curated = Path("curated"), database_url: DbUrl = None,
             status: Annotated[str, typer.Option(help="pending, approved, rejected or all.")] = "pending",
             kind: Annotated[str | None, typer.Option(help="Only articles with an open flag of this kind.")] = None,
             site: Annotated[str | None, typer.Option()] = None, language: Annotated[str | None, typer.Option()] = None,
             search: Annotated[str | None, typer.Option("--search", "-q",
                                                        help="Words in the title, text, site or a flag's quote.")] = None,
             page: Annotated[int, typer.Option(min=1, max=params.MAX_PAGE)] = 1,
             limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
             as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False) -> None:
    """The queue: by highest open severity, then oldest first."""
    if status not in queries.STATUSES:
        raise _fail(f"status must be one of {', '.join(queries.STATUSES)}")
    with _store(curated, database_url).session() as s:
        from .medical import groups

        q = queries.queue(s, queries.Filters(status, kind, site, language, search, groups()), page, limit, facets=False)
    if as_json:
        for r in q.rows:
            typer.echo(json.dumps({**r, "first_seen": str(r["first_seen"]), "decided_at": str(r["decided_at"] or ""),
                                   "claimed_until": str(r["claimed_until"] or "")}, ensure_ascii=False))
        return
    columns = ("#", "severity", "open", "title", "kinds", "site", "lang", "status")
    rows = [(str(r["id"]), SEV[r["max_severity"]], str(r["open_flags"]), r["title"] or r["source_key"],
             ", ".join(r["kinds"]), r["site"] or "", r["language"] or "",
             r["review_status"] + (f" by {r['decided_by']}" if r["decided_by"] else "")) for r in q.rows]
    stdout = terminal.console()
    if not stdout.is_terminal:  # a log or a pipe: one tab-separated line a row, never wrapped
        typer.echo(f"{q.total} article(s), page {q.page}/{q.pages}")
        for row in (columns, *rows):
            typer.echo("\t".join(" ".join(c.split()) for c in row))
        return
    t = Table(title=f"{q.total} article(s), page {q.page}/{q.pages}")
    for col in columns:
        t.add_column(col)
    for row in rows:
        t.add_row(*row)
    stdout.print(t)


@review_app.command()
def show(article: str, curated: Curated = Path("curated"), database_url: DbUrl = None) -> None:
    """One article: its flags with their decisions, and its history."""
    with _store(curated, database_url).session() as s:
        view = queries.article_view(s, _article(s, article).id)
        assert view is not None
        a = view["article"]
        out = Console(highlight=False, soft_wrap=True)
        out.print(f"[bold]#{a.id} {a.title or '(untitled)'}[/]  {a.source_key}  {a.site or ''} {a.language or ''}")
        out.print(f"review: {a.review_status}" + (f" by {a.decided_by} at {a.decided_at}" if a.decided_by else "")
                  + (f": {a.review_reason}" if a.review_reason else ""), markup=False)
        for f in view["flags"]:
            n, arts = view["identical"].get(f.id, (0, 0))
            out.print(f"\n  flag {f.id} [{f.severity}] {f.kind} {f.rule}: {f.status}"
                      + (f" by {f.decided_by}" if f.decided_by else "")
                      + (f" ({n} identical open in {arts} other article(s))" if n else ""), markup=False)
            out.print(f"    “{f.quote}”", markup=False)
            hint = "" if f.suggestion is None else f" Suggestion: replace with {f.suggestion!r}." if f.suggestion \
                else " Suggestion: delete it."
            out.print(f"    {f.message}{hint}", markup=False)
        out.print(f"\n{len(a.removed)} furniture removal(s); {len(view['history'])} history event(s)")


@review_app.command()
def decide(flag: int, action: Annotated[str, typer.Argument(help="accept, dismiss, edit or defer.")],
           editor: EditorOpt, curated: Curated = Path("curated"), database_url: DbUrl = None,
           reason: Annotated[str | None, typer.Option(help="Why (required to dismiss).")] = None,
           text: Annotated[str | None, typer.Option(help="The new text (edit).")] = None,
           all_identical: Annotated[bool, typer.Option("--all", help="Also every identical open match.")] = False) -> None:
    """Decide one flag (and, with --all, its identical open matches in other articles)."""
    with _store(curated, database_url).session() as s:
        who = _editor(s, editor)
        try:
            batch = decisions.decide_flag(s, flag, action, who, reason=reason, text=text, apply_all=all_identical)
        except decisions.DecisionError as e:
            raise _fail(str(e)) from None
        s.commit()
    err.print(f"{action}: done (undo with: ascurate review undo --batch {batch})")


@review_app.command()
def approve(article: str, editor: EditorOpt, curated: Curated = Path("curated"), database_url: DbUrl = None) -> None:
    """Approve an article (refused while a blocking flag is open)."""
    _decide_article(article, "approve", editor, None, curated, database_url)


@review_app.command()
def reject(article: str, editor: EditorOpt, reason: Annotated[str, typer.Option(help="Why it is rejected.")],
           curated: Curated = Path("curated"), database_url: DbUrl = None) -> None:
    """Reject an article, with a reason."""
    _decide_article(article, "reject", editor, reason, curated, database_url)


def _decide_article(ref: str, action: str, editor: str, reason: str | None, curated: Path, url: str | None) -> None:
    with _store(curated, url).session() as s:
        who = _editor(s, editor)
        art = _article(s, ref)
        try:
            decisions.decide_article(s, art.id, action, who, reason=reason)
        except decisions.DecisionError as e:
            raise _fail(str(e)) from None
        s.commit()
        err.print(f"#{art.id} {art.source_key}: {art.review_status} by {who}")


@review_app.command()
def undo(editor: EditorOpt, article: Annotated[str | None, typer.Argument()] = None,
         batch: Annotated[str | None, typer.Option(help="A decision batch id (from decide or the export).")] = None,
         curated: Curated = Path("curated"), database_url: DbUrl = None) -> None:
    """Undo the newest decision on ARTICLE (or the given batch)."""
    with _store(curated, database_url).session() as s:
        who = _editor(s, editor)
        pk = _article(s, article).id if article else None
        if pk is None and batch is None:
            raise _fail("name an article or a --batch")
        try:
            done = decisions.undo(s, who, article_pk=pk, batch=batch)
        except decisions.DecisionError as e:
            raise _fail(str(e)) from None
        s.commit()
    err.print(f"undone: {done}" if done else "nothing to undo")


@review_app.command()
def export(curated: Curated = Path("curated"), database_url: DbUrl = None,
           out: Annotated[Path | None, typer.Option(help="File to write (default: stdout).")] = None) -> None:
    """The whole decision history as JSON lines (oldest first)."""
    with _store(curated, database_url).session() as s:
        if out is None:
            for line in audit.iter_jsonl(s):
                sys.stdout.write(line)
            return
        from ..emit import atomic_write

        atomic_write(out, "".join(audit.iter_jsonl(s)))
        err.print(f"wrote {out}")


@review_app.command()
def publish(curated: Curated = Path("curated"), database_url: DbUrl = None,
            dest: Annotated[Path | None, typer.Option(help="Default: CURATED/published.")] = None) -> None:
    """Run the publish flow (Prefect): approved articles with fixes to curated/published/."""
    refuse_damaged(curated, database_url)  # one line before Prefect starts, not the flow's traceback
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")  # Prefect's default is short on a busy machine
    from ..flows.publish import publish as publish_flow

    report = publish_flow(curated=str(curated), dest=str(dest) if dest else None,
                                              database_url=database_url)
    typer.echo(json.dumps(report, indent=1))


@review_app.command()
def check(curated: Curated = Path("curated"), database_url: DbUrl = None) -> None:
    """Check the store: SQLite's integrity_check, its identity, its tables and schema; its backups."""
    path = integrity.sqlite_path(database_url_of(curated, database_url))
    if path is None:
        raise _fail("not a SQLite store: PostgreSQL keeps its own files whole (check and back it up with its tools)", 2)
    try:
        health = integrity.inspect(path, "full")
    except StoreDamaged as e:
        raise _fail(str(e), DAMAGED) from None
    if health is None:
        typer.echo(f"no review store at {path} yet (a run makes one)")
        return
    counts, schema = integrity.contents(path)
    kept = integrity.backups(path)
    labels = {"articles": "articles", "flags": "flags", "audit": "audit events", "users": "accounts"}
    typer.echo(f"ok: {path}: store id {health.store_id}, {health.size:,} bytes, "
               + ", ".join(f"{n} {labels[t]}" for t, n in counts.items()) + f"; schema {schema}; "
               + (f"{len(kept)} backup(s), newest {kept[0]}" if kept else "no backups yet (a run makes one)"))


@review_app.command()
def restore(backup: Annotated[Path | None, typer.Argument(help="A backup file (default: the newest good one).")] = None,
            curated: Curated = Path("curated"), database_url: DbUrl = None,
            force: Annotated[bool, typer.Option(help="Restore over a healthy store, or another store's backup.")] = False
            ) -> None:
    """Put a backup in place of the store (the store it replaces is moved aside, not deleted)."""
    from ..runtime.lock import RunLock, RunLocked
    from .backup import RestoreError
    from .backup import restore as put_back

    path = integrity.sqlite_path(database_url_of(curated, database_url))
    if path is None:
        raise _fail("not a SQLite store: restore PostgreSQL with its own tools", 2)
    try:
        with RunLock(curated, timeout=0):  # not while a run writes to it; stop the desk first
            source, aside = put_back(path, backup, force=force)
    except (RestoreError, RunLocked) as e:
        raise _fail(str(e)) from None
    err.print(f"restored {path} from {source}" + (f" (the replaced store is kept as {aside})" if aside else ""))
