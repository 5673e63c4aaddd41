"""`ascurate serve`: run the deployments of `prefect.yaml` on their schedules, from one process.

Schedules need a real Prefect server (the ephemeral one that `ascurate run` starts has
no scheduler), so: with `PREFECT_API_URL` configured (environment or Prefect profile)
the deployments are registered there; otherwise a local server with its UI is started
(`prefect server start` on a loopback port, stopped again on exit) and used. The
deployments are then served: Prefect's runner polls the server and runs each scheduled
flow run in a subprocess. `prefect.yaml` stays the one description of the schedules;
`prefect deploy --all` plus a worker on the `ascurate` work pool reads the same file.

This module starts processes and talks to Prefect but is not imported by the library.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..runtime import servers

# which parameter of each deployment's flow names the raw and the curated folder
FOLDER_PARAMS = {"raw": ("raw",), "out": ("out", "curated")}


@dataclass(slots=True)
class DeploymentSpec:
    """One entry of prefect.yaml's `deployments:` list, as `serve` needs it."""

    name: str
    entrypoint: str  # flows/curate.py:curate
    parameters: dict[str, Any] = field(default_factory=dict)
    schedules: list[dict[str, Any]] = field(default_factory=list)
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    concurrency_limit: int | None = None


def read_specs(path: str | Path) -> list[DeploymentSpec]:
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    specs = []
    for d in doc.get("deployments") or []:
        specs.append(DeploymentSpec(
            name=d["name"], entrypoint=d["entrypoint"], parameters=dict(d.get("parameters") or {}),
            schedules=list(d.get("schedules") or []), description=d.get("description"),
            tags=list(d.get("tags") or []), concurrency_limit=d.get("concurrency_limit")))
    return specs


def configure(specs: list[DeploymentSpec], raw: str | None = None, out: str | None = None,
              languages: list[str] | None = None, interval: float | None = None,
              only: list[str] | None = None) -> list[DeploymentSpec]:
    """Apply command-line overrides: folders and languages to every deployment that takes
    them, an interval (seconds) in place of every schedule (for trying things out)."""
    chosen = [s for s in specs if not only or s.name in only]
    if only and len(chosen) != len(set(only)):
        raise ValueError(f"unknown deployment(s) {sorted(set(only) - {s.name for s in specs})}; "
                         f"prefect.yaml has {[s.name for s in specs]}")
    for s in chosen:
        for value, names in ((raw, FOLDER_PARAMS["raw"]), (out, FOLDER_PARAMS["out"])):
            for n in names:
                if value is not None and n in s.parameters:
                    s.parameters[n] = value
        if languages and "languages" in s.parameters:
            s.parameters["languages"] = languages
        if interval:
            s.schedules = [{"interval": interval}]
    return chosen


PACKAGED = Path(__file__).parents[1] / "flows" / "prefect.yaml"  # the repository's prefect.yaml, shipped


def load_flow(entrypoint: str, root: Path) -> Any:
    """The flow an entrypoint names: ROOT/file when it exists (a checkout or a project of
    one's own), else the packaged flow it stands for (`flows/curate.py:curate` ->
    `ascurate.flows.curate`), so an installed ascurate serves without a checkout."""
    from prefect.flows import load_flow_from_entrypoint

    file, func = entrypoint.split(":")
    if (root / file).is_file():
        return load_flow_from_entrypoint(f"{(root / file).resolve()}:{func}")
    path = Path(file)
    if path.parent.as_posix() == "flows" and (PACKAGED.parent / path.name).is_file():
        return getattr(importlib.import_module(f"ascurate.flows.{path.stem}"), func)
    raise FileNotFoundError(f"no flow file {root / file} for deployment entrypoint {entrypoint}")


def to_deployments(specs: list[DeploymentSpec], root: Path) -> list[Any]:
    """RunnerDeployments for `prefect.serve`, their flows loaded from ROOT/entrypoint (`load_flow`)."""
    from prefect.client.schemas.schedules import construct_schedule

    out = []
    for s in specs:
        flow = load_flow(s.entrypoint, root)
        schedules = [construct_schedule(interval=sc.get("interval"), cron=sc.get("cron"), rrule=sc.get("rrule"),
                                        timezone=sc.get("timezone")) for sc in s.schedules]
        out.append(flow.to_deployment(name=s.name, schedules=schedules, parameters=s.parameters,
                                      description=s.description, tags=s.tags,
                                      concurrency_limit=s.concurrency_limit))
    return out


def ready_message(api: str, deployments: list[Any], started_here: bool) -> str:
    """What `ascurate serve` prints once serving: the UI (when this process started the
    server) and how to start a run from another shell, which does not know this server's
    URL unless it is exported there."""
    lines = [f"serving {', '.join(d.name for d in deployments)} on {api}"]
    if started_here:
        lines.append(f"UI: {api.removesuffix('/api')} (its pages call the API at {api})")
    lines.append("To start a run now, from another shell:")
    lines.append(f"  export PREFECT_API_URL={api}")
    lines += [f"  prefect deployment run '{d.flow_name}/{d.name}'" for d in deployments]
    return "\n".join(lines)


def configured_api_url() -> str | None:
    from prefect.settings import get_current_settings

    return get_current_settings().api.url or None


def serve(specs: list[DeploymentSpec], root: Path, port: int | None = None,
          on_ready: Any = None) -> None:
    """Serve SPECS until interrupted, on PREFECT_API_URL's server or a local one started here;
    `on_ready` gets `ready_message`'s text."""
    import prefect

    @contextlib.contextmanager
    def server() -> Iterator[str]:
        url = configured_api_url()
        if url:
            yield url
            return
        with servers.prefect_server(port) as api:
            os.environ["PREFECT_API_URL"] = api
            try:
                yield api
            finally:
                os.environ.pop("PREFECT_API_URL", None)

    started_here = configured_api_url() is None
    with server() as api:
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: api}):
            deployments = to_deployments(specs, root)
            if on_ready:
                on_ready(ready_message(api, deployments, started_here))
            # Prefect's own start message names `prefect deployment run` without the server's URL
            prefect.serve(*deployments, print_starting_message=False)
