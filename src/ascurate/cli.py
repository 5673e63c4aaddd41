"""Command line: `ascurate run` (the curate flow) and the tools around it."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from .review.cli import review_app

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
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # Prefect's default 20 s wait for its ephemeral server is too short on a busy 2-core machine
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    from ascurate import flowpath, limits, progress
    from ascurate.lock import RunLocked

    # the ~10 s of Prefect's start-up leave a core idle: the flow code loads and the
    # document children's forkserver warms meanwhile
    starting = ephemeral_server_start()
    limits.prestart()
    curate = flowpath.load("curate").curate
    if starting is not None:
        # and site templates are learnt meanwhile, on the idle core; the flow learns the rest
        from ascurate.config import load_config
        from ascurate.pipeline import prelearn

        with contextlib.suppress(Exception):  # an optimisation only: the flow learns what this did not
            cfg = load_config(str(config) if config else None,
                              languages=tuple(languages.split(",")) if languages else None)
            prelearn(raw, out, cfg, stop=lambda: not starting.is_alive())
        starting.join()
    summary: dict[str, Any] = {}
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("files"), TimeElapsedColumn(), console=console, transient=True) as bar:
        tid = bar.add_task("curating (starting Prefect)", total=None)

        def on(event: str, data: dict[str, Any]) -> None:
            if event == "batch":
                bar.update(tid, description="curating", advance=data["files"])

        unsubscribe = progress.subscribe(on)
        try:
            summary = curate(raw=str(raw), out=str(out), languages=languages.split(",") if languages else None,
                             batch_size=batch_size, config_file=str(config) if config else None)
        except RunLocked as e:  # another run holds curated/ (docs/robustness.md)
            console.print(f"[red]error:[/] {e}")
            raise typer.Exit(3) from None
        finally:
            unsubscribe()
    print_summary(summary, out)
    if summary.get("errors"):
        console.print(f"[yellow]{summary['errors']} input(s) could not be curated: see {out / 'errors.jsonl'}[/]")


def ephemeral_server_start() -> threading.Thread | None:
    """Start Prefect's ephemeral server in the background when no server is configured
    (PREFECT_API_URL): the flow's client later finds it running. None: nothing started."""
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

    if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        return None
    # imported here, not in the thread: an import there would compete for the interpreter
    # with the flow code's and launch the server later
    from prefect.server.api.server import SubprocessASGIServer

    def start() -> None:
        with contextlib.suppress(Exception):  # the flow's own start reports what went wrong
            SubprocessASGIServer().start()

    thread = threading.Thread(target=start, name="prefect-server-start", daemon=True)
    thread.start()
    return thread


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
