"""The `ascurate` command (cli.py), with its stop signals made exceptions.

SIGTERM (a scheduler, `kill`, a container stopping) and SIGINT (Ctrl-C) end the command
by an exception in the main thread, so every `finally` runs (the run lock is released, the
document children and the Prefect server are stopped) instead of leaving them orphaned.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

from ..runtime import limits


class Stopped(SystemExit):
    """The command was told to stop (SIGTERM, SIGINT); its exit code is the shell's 128 + signal."""


def _stop(signum: int, frame: FrameType | None) -> None:
    # once: a second signal during the clean-up must not cut it short (SIGKILL still can)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    print(f"ascurate: stopping ({signal.Signals(signum).name})", file=sys.stderr, flush=True)
    limits.stop()  # the batches in flight stop too: their documents are done again by the next run
    raise Stopped(128 + signum)


def main() -> None:
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    from .main import app

    app()
