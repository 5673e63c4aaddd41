"""Command line: `ascurate run` (the curate flow) and the tools around it."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from .review.cli import back_up_before_run, review_app

app = typer.Typer(help="Clean, structured articles from scraped health pages.", no_args_is_help=True)
app.add_typer(review_app, name="review")
console = Console(stderr=True)


@app.command()
def run(
    raw: Annotated[Path, typer.Option(help="Folder of raw pages (HTML, text, JSONL, WARC; .gz too).")] = Path("raw"),
    out: Annotated[Path, typer.Option(help="Folder for curated articles.")] = Path("curated"),
    languages: Annotated[str | None, typer.Option(help="Accepted languages, comma-separated (default: en).")] = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per task.")] = None,
    config: Annotated[Path | None, typer.Option(help="ascurate.toml with settings and rule folders.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's logs.")] = False,
) -> None:
    """Run the curate flow on RAW, writing articles to OUT (Prefect's ephemeral server unless PREFECT_API_URL is set)."""
    if not raw.is_dir():
        console.print(f"[red]error:[/] raw folder {raw} does not exist")
        raise typer.Exit(2)
    back_up_before_run(out)  # a damaged review store: one line naming its last good backup, exit 4
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from ascurate import flowpath, limits, servers

    # Prefect's server starts first (~4 s; ~13 s when a new PREFECT_HOME's database is
    # created): before Prefect is even imported (the `ascurate` command launched it before
    # importing this module: launch.py), unless the environment names a server (a profile
    # that names one stops it again)
    early = None if os.environ.get("PREFECT_API_URL") else servers.take_early()
    server = None
    try:
        server = ephemeral_server(early)
        if server is None:
            # the flow starts at once: the document children's forkserver warms (~2 s, its own
            # process) while the flow's code loads. Waiting for a server, learning starts it
            # when there is something to learn (a rerun of unchanged input needs none)
            limits.prestart()
        curate = flowpath.load("curate").curate
        api: str | None = None
        if server is not None:
            # Prefect's start-up (~5-15 s, one core) leaves the other core idle: site
            # templates are learnt meanwhile, and the flow learns the rest
            from ascurate.config import load_config
            from ascurate.pipeline import prelearn

            with contextlib.suppress(Exception):  # an optimisation only: the flow learns what this did not
                cfg = load_config(str(config) if config else None,
                                  languages=tuple(languages.split(",")) if languages else None)
                prelearn(raw, out, cfg, stop=server.ready)
            for name in ("fastapi.encoders", "sqlalchemy.dialects.sqlite"):  # what the flow run imports first (its
                with contextlib.suppress(ImportError):  # parameters' encoder, the review store's driver): while waiting
                    importlib.import_module(name)
            # Prefect's default 20 s is too short on a busy 2-core machine creating its database
            api = server.wait(float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", 120)))
        summary = _curate(curate, api, raw=str(raw), out=str(out),
                          languages=languages.split(",") if languages else None, batch_size=batch_size,
                          config_file=str(config) if config else None)
    finally:
        for started in {id(s): s for s in (early, server) if s is not None}.values():
            started.stop()
    print_summary(summary, out)
    if summary.get("errors"):
        console.print(f"[yellow]{summary['errors']} input(s) could not be curated: see {out / 'errors.jsonl'}[/]")


def _curate(curate: Any, api: str | None, **params: Any) -> dict[str, Any]:
    """The flow, with a progress bar; on the server at `api` when one was started here."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from ascurate import progress
    from ascurate.lock import RunLocked
    from ascurate.review.integrity import StoreDamaged

    with (temporary_settings({PREFECT_API_URL: api}) if api else contextlib.nullcontext()), \
            Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                     TextColumn("files"), TimeElapsedColumn(), console=console, transient=True) as bar:
        tid = bar.add_task("curating (starting Prefect)", total=None)

        def on(event: str, data: dict[str, Any]) -> None:
            if event == "batch":
                bar.update(tid, description="curating", advance=data["files"])

        unsubscribe = progress.subscribe(on)
        try:
            return curate(**params)  # type: ignore[no-any-return]
        except RunLocked as e:  # another run holds curated/ (docs/robustness.md)
            console.print(f"[red]error:[/] {e}")
            raise typer.Exit(3) from None
        except StoreDamaged as e:  # found by the flow's fuller check (review/backup.py: before_run)
            console.print(f"[red]error:[/] {escape(str(e))}", soft_wrap=True)
            raise typer.Exit(4) from None
        finally:
            unsubscribe()


def ephemeral_server(early: Any = None) -> Any:
    """Prefect's ephemeral server, starting in the background (servers.EphemeralServer),
    when no server is configured (PREFECT_API_URL, in the environment or a profile) and
    ephemeral servers are allowed; None otherwise. `early`: one started already."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        if early is not None:
            early.stop()
        return None
    from .servers import EphemeralServer

    return early or EphemeralServer()


def print_summary(summary: dict[str, Any], out: Path) -> None:
    t = Table(title=f"ascurate run → {out}", show_header=False)
    for key, label in (("read", "input files"), ("skipped_unchanged", "unchanged (skipped)"),
                       ("documents", "documents processed"), ("clean", "clean"), ("needs_review", "needs_review"),
                       ("rejected", "rejected"), ("duplicate", "duplicate"), ("errors", "errors"),
                       ("written", "articles written"), ("seconds", "seconds")):
        t.add_row(label, str(summary.get(key, 0)))
    Console().print(t)


@app.command()
def serve(
    raw: Annotated[str | None, typer.Option(help="Raw folder for the deployments (default: prefect.yaml's).")] = None,
    out: Annotated[str | None, typer.Option(help="Curated folder for the deployments (default: prefect.yaml's).")] = None,
    languages: Annotated[str | None, typer.Option(help="Accepted languages, comma-separated.")] = None,
    only: Annotated[str | None, typer.Option(help="Serve only these deployments (comma-separated names).")] = None,
    interval: Annotated[float | None, typer.Option(help="Run every N seconds instead of the schedules (to try).")] = None,
    port: Annotated[int | None, typer.Option(help="Port of the local Prefect server/UI (default: a free one).")] = None,
    file: Annotated[Path, typer.Option(help="The deployments file.")] = Path("prefect.yaml"),
) -> None:
    """Serve prefect.yaml's deployments so their schedules run (a local Prefect server and UI unless PREFECT_API_URL is set)."""
    from . import flowpath
    from . import serve as serving

    path = file if file.is_file() else flowpath.flows_dir().parent / file.name
    if not path.is_file():
        console.print(f"[red]error:[/] no deployments file {file}")
        raise typer.Exit(2)
    specs = serving.configure(serving.read_specs(path), raw=raw, out=out, interval=interval,
                              languages=languages.split(",") if languages else None,
                              only=only.split(",") if only else None)
    serving.serve(specs, path.parent, port=port, on_ready=lambda api: console.print(
        f"serving {', '.join(s.name for s in specs)} on {api} (UI: {api.removesuffix('/api')})"))


@app.command()
def show(article: Path) -> None:
    """Print one curated article's Markdown rendering."""
    md = article.with_suffix(".md")
    if md.is_file():
        typer.echo(md.read_text(encoding="utf-8"))
    else:
        typer.echo(json.dumps(json.loads(article.read_text(encoding="utf-8")), indent=1, ensure_ascii=False))


if __name__ == "__main__":
    app()
