"""Local Prefect servers: the API-only one `ascurate run` uses, the full one `ascurate serve` starts.

Both are `prefect server start` subprocesses on a loopback port whose database is
PREFECT_HOME's, configured through Prefect's public command line and settings. The one
for `ascurate run` has no UI and no background services (`--no-ui --no-services`: a
run needs the API only), so the flow's process never imports Prefect's server code;
with PREFECT_API_URL pointing at it the client talks to it over HTTP like to any other.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

# `python -m MODULE ARGS`, but first asking the kernel to send the process SIGTERM when its
# parent dies (Linux's PR_SET_PDEATHSIG): a server outlives no `ascurate` process, even
# one killed by SIGKILL, which runs no clean-up. A parent gone before the request was made
# (between fork and prctl) is seen by the parent pid having changed.
_GUARD = """import ctypes, os, runpy, signal, sys
try:
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)
except (OSError, AttributeError):
    pass
if os.getppid() != int(sys.argv[1]):
    sys.exit(0)
sys.argv = [sys.argv[2], *sys.argv[3:]]
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""


def guarded(module: str, *args: str) -> list[str]:
    """The command line that runs `python -m module args` as a child that dies with this process."""
    return [sys.executable, "-c", _GUARD, str(os.getpid()), module, *args]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(api_url: str, timeout: float = 2) -> bool:
    """The server at `api_url` says it is healthy."""
    with contextlib.suppress(OSError), urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as resp:
        return bool(resp.status == 200)
    return False


def wait_healthy(api_url: str, timeout: float, proc: subprocess.Popen[Any] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {proc.returncode}")
        if answers(api_url):
            return
        time.sleep(0.5)
    raise TimeoutError(f"the Prefect server at {api_url} did not answer within {timeout:.0f} s")


@contextlib.contextmanager
def prefect_server(port: int | None = None, timeout: float = 180) -> Iterator[str]:
    """A local `prefect server start` (API and UI on 127.0.0.1), yielding its API URL; the
    server's database is PREFECT_HOME's, so schedules and history survive restarts."""
    port = port or free_port()
    api = f"http://127.0.0.1:{port}/api"
    # the UI's page calls the API at the URL the server's settings name: without these it
    # is http://127.0.0.1:4200/api (the default port), not this server's
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_API_URL": api,
           "PREFECT_SERVER_UI_API_URL": api, "PREFECT_SERVER_API_HOST": "127.0.0.1",
           "PREFECT_SERVER_API_PORT": str(port)}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen(guarded("prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        try:
            wait_healthy(api, timeout, proc)
        except (RuntimeError, TimeoutError) as e:
            err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.poll() is not None and proc.stderr else ""
            raise RuntimeError(f"{e}\n{err}") from None
        yield api
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


class EphemeralServer:
    """A Prefect API server for one run, started at once and waited for later (`wait`), so
    its start-up (more on a new PREFECT_HOME: the database is created) overlaps the
    caller's own work; stopped with `stop`."""

    ATTEMPTS = 3  # a free port can be taken between choosing it and the server binding it

    def __init__(self) -> None:
        self.proc: subprocess.Popen[Any] | None = None
        self.api = ""
        self._attempts = 0
        self._ready = False
        self._launch()

    def _launch(self) -> None:
        """`prefect server start` on a free port, API only. Its settings are this process's
        environment (the same profile, PREFECT_HOME and working directory), so Prefect need
        not even be imported here yet."""
        self._attempts += 1
        port = free_port()
        self.api = f"http://127.0.0.1:{port}/api"
        # block types are for the UI and deployments, which a full server (`ascurate serve`) registers
        env = {**os.environ, "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false"}
        env.pop("PREFECT_API_URL", None)
        # a server that lives for one run need not report home: offline, its heartbeat printed
        # "ERROR ... Failed to send telemetry" into every run's output (PREFECT_SERVER_ANALYTICS_ENABLED=true keeps it)
        env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
        self.proc = subprocess.Popen(
            guarded("prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port),
                    "--no-ui", "--no-services", "--log-level", "ERROR"),
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)

    def ready(self) -> bool:
        """Answering already? (a quick look; a server that exited is retried on another port)"""
        if self._ready:
            return True
        assert self.proc is not None
        if self.proc.poll() is not None:
            if self._attempts >= self.ATTEMPTS:
                return True  # `wait` reports it
            self._launch()
            return False
        self._ready = answers(self.api, timeout=1)
        return self._ready

    def wait(self, timeout: float) -> str:
        """The API URL once the server answers; RuntimeError if it exits or stays silent."""
        deadline = time.monotonic() + timeout
        while not self.ready():
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"Prefect's ephemeral server exited with code {self.proc.returncode} "
                                   f"({self._attempts} attempts)")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Prefect's ephemeral server at {self.api} did not answer within {timeout:.0f} s")
            time.sleep(0.1)
        return self.api

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
