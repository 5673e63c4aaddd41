"""The `ascurate` command: for `ascurate run` without a configured server, Prefect's
server for the run (`prefect server start`, servers.py) is launched before anything else
is imported, so that its start-up overlaps the command line's own imports; then the
command line (cli.py).
A server that the command does not take (a usage error, `--help`) is stopped on exit."""

from __future__ import annotations

import os
import sys


def main() -> None:
    from . import servers

    args = sys.argv[1:]
    if args[:1] == ["run"] and not os.environ.get("PREFECT_API_URL") and not {"--help", "-h"} & set(args):
        servers.launch_early()
    try:
        from .cli import app

        app()
    finally:
        servers.stop_early()
