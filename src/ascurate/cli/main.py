"""Command line: `ascurate run` (the curate flow) and the tools around it."""

from __future__ import annotations

import contextlib
import contextvars
import importlib
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from . import terminal


class Commands(typer.core.TyperGroup):
    """The commands, with `review` imported only when it is asked for: the review desk's
    store and web app need heavy imports (SQLAlchemy, Alembic) that `ascurate run`, and
    a mistyped option that should fail at once, need not wait for."""

    def list_commands(self, ctx: Any) -> list[str]:
        return sorted({*super().list_commands(ctx), "review"})

    def get_command(self, ctx: Any, name: str) -> Any:
        if name == "review" and name not in self.commands:
            from ..review.cli import review_app

            self.add_command(typer.main.get_command(review_app), "review")
        return super().get_command(ctx, name)


# usage errors in rich's boxes only on a terminal: elsewhere click's plain lines, whatever the width
app = typer.Typer(cls=Commands, help="Clean, structured articles from scraped health pages.", no_args_is_help=True,
                  pretty_exceptions_enable=False, rich_markup_mode="rich" if sys.stderr.isatty() else None)
STARTED = time.monotonic()  # the command's start (launch.py imports this module first thing after the server)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one error line; the Exit to raise (exit code 2: a usage error)."""
    terminal.error(message)
    return typer.Exit(code)


@app.command()
def run(
    raw: Annotated[Path, typer.Option(help="Folder of raw pages (HTML, text, JSONL, WARC; .gz too).")] = Path("raw"),
    out: Annotated[Path, typer.Option(help="Folder for curated articles.")] = Path("curated"),
    languages: Annotated[str | None, typer.Option(help="Accepted languages, comma-separated codes (default: en,de,fr,es).")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per task (at least 1).")] = None,
    config: Annotated[Path | None, typer.Option(help="ascurate.toml with settings and rule folders.")] = None,
    wait: Annotated[float | None, typer.Option(
        help="Seconds to wait for another run writing OUT before stopping (default: lock_wait, 10).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's logs.")] = False,
) -> None:
    """Run the curate flow on RAW, writing articles to OUT (Prefect's ephemeral server unless PREFECT_API_URL is set)."""
    cfg = check_run_arguments(raw, out, languages, batch_size, config, wait)
    from .. import ingest

    if next(ingest.discover(raw, cfg), None) is None:  # exit 0: a schedule that finds nothing did not fail
        terminal.say(f"nothing to curate: {raw} holds no input files "
                     f"({', '.join(sorted(ingest.FORMATS))}, or any of them .gz)")
        return
    from ..review.backup import before_run
    from ..review.integrity import StoreDamaged

    try:  # a damaged review store: one line naming its last good backup, exit 4
        before_run(out)
    except StoreDamaged as e:
        raise fail(str(e), 4) from None
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from ascurate.runtime import limits, servers
    from ascurate.runtime.lock import RunLock, RunLocked

    early = server = lock = None
    with RunProgress(f"curating {raw} into {out}") as shown:
        try:
            # the run's one lock on OUT (lock.py: the kernel drops it with its holder, however
            # that ends); taken first, so that a refused run says so before any server starts
            lock = RunLock(out, cfg.lock_wait, on_wait=lambda holder: shown.stage(
                f"waiting up to {cfg.lock_wait:g} s for the run writing {out} ({holder})")).acquire()
            # then Prefect's server (longest when a new PREFECT_HOME's database is created),
            # launched before Prefect is even imported (importing its settings is slow), unless the
            # environment names a server; a profile that names one stops it again
            early = None if os.environ.get("PREFECT_API_URL") else servers.EphemeralServer()
            shown.stage("starting Prefect" if early is not None else "loading the flow")
            server = ephemeral_server(early)
            if server is None:
                # the flow starts at once: the document children's forkserver warms (in its own
                # process) while the flow's code loads. Waiting for a server, learning starts it
                # when there is something to learn (a rerun of unchanged input needs none)
                limits.prestart()
            from ascurate.flows.curate import curate
            api: str | None = None
            if server is not None:
                # Prefect's start-up (on one core) leaves the other core idle: site
                # templates are learnt meanwhile, and the flow learns the rest
                from ascurate.pipeline import prelearn

                with contextlib.suppress(Exception):  # an optimisation only: the flow learns what this did not
                    prelearn(raw, out, cfg, stop=server.ready)
                for name in ("fastapi.encoders", "sqlalchemy.dialects.sqlite"):  # what the flow run imports first
                    with contextlib.suppress(ImportError):  # (its parameters' encoder, the review store's driver)
                        importlib.import_module(name)
                # Prefect's default start-up timeout is too short on a busy machine creating its database
                api = server.wait(float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", 120)))
            shown.stage("curating")
            summary = _curate(curate, api, shown, raw=str(raw), out=str(out),
                              languages=list(cfg.languages) if languages else None, batch_size=batch_size,
                              config_file=str(config) if config else None, wait=wait)
        except RunLocked as e:  # another run holds OUT (docs/robustness.md)
            raise fail(str(e), 3) from None
        finally:
            if lock is not None:
                lock.release()
            for started in {id(s): s for s in (early, server) if s is not None}.values():
                started.stop()
    summary["seconds_total"] = round(time.monotonic() - STARTED, 2)
    print_summary(summary, out)
    if summary.get("errors"):
        terminal.warn(f"{summary['errors']} input(s) could not be curated: see {out / 'errors.jsonl'}")


def check_run_arguments(raw: Path, out: Path, languages: str | None, batch_size: int | None,
                        config: Path | None, wait: float | None) -> Any:
    """The run's settings, or one error line and exit 2 for what cannot work, before any
    server is waited for: a misuse ends the command at once."""
    from ..config import ConfigError, load_config

    if not raw.exists():
        raise fail(f"raw folder {raw} does not exist")
    if not raw.is_dir():
        raise fail(f"--raw {raw} is a file, not a folder: name the folder that holds the pages")
    if out.exists() and not out.is_dir():
        raise fail(f"--out {out} is a file, not a folder")
    if batch_size is not None and batch_size < 1:
        raise fail(f"--batch-size must be at least 1, not {batch_size}")
    if wait is not None and wait < 0:
        raise fail(f"--wait must be 0 or more seconds, not {wait:g}")
    try:
        return load_config(config, missing_ok=False, batch_size=batch_size, lock_wait=wait,
                           languages=tuple(languages.split(",")) if languages is not None else None)
    except ConfigError as e:
        raise fail(str(e)) from None
    except (OSError, ValueError) as e:  # unreadable, or not TOML
        raise fail(f"config file {config or 'ascurate.toml'}: {e}") from None


class RunProgress:
    """What a run is doing, from its first second: a transient bar on a terminal; elsewhere
    (a schedule's log, CI) one line per stage and a count of files at most every 10 s."""

    EVERY = 10.0

    def __init__(self, title: str) -> None:
        self.title = title
        self.live = terminal.err.is_terminal
        self.total: int | None = None
        self.files = 0
        self._said = 0.0
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("files"), TimeElapsedColumn(), console=terminal.err, transient=True)
        self.task = self.bar.add_task(title, total=None)

    def __enter__(self) -> RunProgress:
        if self.live:
            self.bar.start()
        else:
            terminal.say(f"ascurate: {self.title}")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live:
            self.bar.stop()

    def stage(self, what: str) -> None:
        if self.live:
            self.bar.update(self.task, description=what)
        else:
            terminal.say(f"ascurate: {what} ({time.monotonic() - STARTED:.0f} s)")

    def event(self, event: str, data: dict[str, Any]) -> None:
        """The flow's progress (progress.py): 'planned' (total), 'batch' (files)."""
        if event == "planned":
            self.total = data["total"]
            self.bar.update(self.task, total=self.total)
            if not self.live:
                terminal.say(f"ascurate: {self.total} input file(s) to curate")
        elif event == "batch":
            self.files += data["files"]
            self.bar.update(self.task, advance=data["files"])
            now = time.monotonic()
            if not self.live and now - self._said >= self.EVERY:
                self._said = now
                terminal.say(f"ascurate: {self.files}{f'/{self.total}' if self.total else ''} files curated "
                             f"({now - STARTED:.0f} s)")


STOP_GRACE = 60.0  # seconds a stopped flow may take to end (its batches stop within a second)


def _curate(curate: Any, api: str | None, shown: RunProgress, **params: Any) -> dict[str, Any]:
    """The flow, reporting its progress; on the server at `api` when one was started here.

    The flow runs in a thread of its own, so the main thread keeps this command's signal
    handlers (launch.py): Prefect installs its SIGTERM handler only in the main thread, and
    an exception a signal raises there can land inside library code that swallows it. Told
    to stop, the command stops the documents (limits.stop), the flow ends with RunStopped
    having committed nothing more, and the server is stopped after it."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from ascurate.review.integrity import StoreDamaged
    from ascurate.runtime import limits, progress

    with temporary_settings({PREFECT_API_URL: api}) if api else contextlib.nullcontext():
        unsubscribe = progress.subscribe(shown.event)
        ended: dict[str, Any] = {}

        def flow() -> None:
            try:
                ended["summary"] = curate(**params)
            except BaseException as e:  # noqa: BLE001 - raised again in the main thread
                ended["error"] = e

        thread = threading.Thread(target=contextvars.copy_context().run, args=(flow,), name="ascurate-flow",
                                  daemon=True)
        try:
            thread.start()
            while thread.is_alive():
                thread.join(0.5)
            if "error" in ended:
                raise ended["error"]
            return ended["summary"]  # type: ignore[no-any-return]
        except StoreDamaged as e:  # found by the flow's fuller check (review/backup.py: before_run)
            raise fail(str(e), 4) from None
        except BaseException:
            if thread.is_alive():  # stopped (launch.py): the flow ends before its server does
                limits.stop()
                thread.join(STOP_GRACE)
            raise
        finally:
            unsubscribe()
            flush_prefect_logs()


def flush_prefect_logs() -> None:
    """Send the run's last log lines to the server while it is still up: a run that was
    stopped (SIGTERM) logs its crash, and the server is stopped next."""
    import logging

    from prefect.logging.handlers import APILogHandler

    for name in ("prefect.flow_runs", "prefect.task_runs"):
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, APILogHandler):
                handler.flush()


def ephemeral_server(early: Any = None) -> Any:
    """Prefect's ephemeral server, starting in the background (servers.EphemeralServer),
    when no server is configured (PREFECT_API_URL, in the environment or a profile) and
    ephemeral servers are allowed; None otherwise. `early`: one started already."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        if early is not None:
            early.stop()
        return None
    from ..runtime.servers import EphemeralServer

    return early or EphemeralServer()


def print_summary(summary: dict[str, Any], out: Path) -> None:
    """The run's counts on stdout: a table on a terminal, else one `label: value` line each."""
    rows = [(label, str(summary.get(key, 0))) for key, label in (
        ("read", "input files"), ("skipped_unchanged", "unchanged (skipped)"),
        ("documents", "documents processed"), ("clean", "clean"), ("needs_review", "needs_review"),
        ("rejected", "rejected"), ("duplicate", "duplicate"), ("errors", "errors"),
        ("written", "articles written"), ("seconds_total", "seconds (whole run)"),
        ("seconds", "seconds curating"))]
    if summary.get("reprocessed"):  # inputs done before were done again: what changed since
        rows.append(("reprocessed", "; ".join(summary["reprocessed"])))
    stdout = terminal.console()
    if not stdout.is_terminal:
        stdout.print(f"ascurate run -> {out}", markup=False)
        for label, value in rows:
            stdout.print(f"{label}: {value}", markup=False)
        return
    t = Table(title=f"ascurate run → {out}", show_header=False)
    for label, value in rows:
        t.add_row(label, value)
    stdout.print(t)


@app.command()
def serve(
    raw: Annotated[str | None, typer.Option(help="Raw folder for the deployments (default: prefect.yaml's).")] = None,
    out: Annotated[str | None, typer.Option(help="Curated folder for the deployments (default: prefect.yaml's).")] = None,
    languages: Annotated[str | None, typer.Option(help="Accepted languages, comma-separated.")] = None,
    only: Annotated[str | None, typer.Option(help="Serve only these deployments (comma-separated names).")] = None,
    interval: Annotated[float | None, typer.Option(help="Run every N seconds instead of the schedules (to try).")] = None,
    port: Annotated[int | None, typer.Option(help="Port of the local Prefect server/UI (default: a free one).")] = None,
    file: Annotated[Path, typer.Option(help="The deployments file (default: ./prefect.yaml, else the packaged one).")] = Path("prefect.yaml"),
) -> None:
    """Serve prefect.yaml's deployments so their schedules run (a local Prefect server and UI unless PREFECT_API_URL is set)."""
    from . import serve as serving

    path = file if file.is_file() or file != Path("prefect.yaml") else serving.PACKAGED
    if not path.is_file():
        raise fail(f"no deployments file {file}")
    specs = serving.configure(serving.read_specs(path), raw=raw, out=out, interval=interval,
                              languages=languages.split(",") if languages else None,
                              only=only.split(",") if only else None)
    serving.serve(specs, path.parent, port=port, on_ready=terminal.say)


@app.command()
def show(article: Path) -> None:
    """Print one curated article's Markdown rendering (ARTICLE: its .json or .md file)."""
    md = article.with_suffix(".md")
    try:
        if md.is_file():
            typer.echo(md.read_text(encoding="utf-8"))
        else:
            typer.echo(json.dumps(json.loads(article.read_text(encoding="utf-8")), indent=1, ensure_ascii=False))
    except FileNotFoundError:
        raise fail(f"no article {article} (name an article's .json or .md file under curated/articles/)") from None
    except (OSError, ValueError) as e:
        raise fail(f"cannot read article {article}: {e}") from None


if __name__ == "__main__":
    app()
