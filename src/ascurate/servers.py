"""Local Prefect servers: the ephemeral one `ascurate run` uses, the full one `ascurate serve` starts.

Both are subprocesses on a loopback port whose database is PREFECT_HOME's. The
ephemeral server is what Prefect's own `SubprocessASGIServer` runs (uvicorn on Prefect's
app factory, no UI, no background services), launched here so that the flow's process
never imports Prefect's server code: ~150 modules and ~3 s of CPU that it needs only to
start the server, since with PREFECT_API_URL pointing at a running server the client
talks to it over HTTP like to any other.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any


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
    proc = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
    """Prefect's ephemeral API server, started at once and waited for later (`wait`), so
    its ~5-15 s start-up (more on a new PREFECT_HOME: the database is created) overlaps
    the caller's own work; stopped with `stop`."""

    ATTEMPTS = 3  # a free port can be taken between choosing it and the server binding it

    def __init__(self) -> None:
        self.proc: subprocess.Popen[Any] | None = None
        self.api = ""
        self._attempts = 0
        self._ready = False
        self._launch()

    def _launch(self) -> None:
        """The server process, on a free port. Its settings are this process's environment:
        it reads the same profile, PREFECT_HOME and working directory, and nothing here
        changes Prefect's settings in memory, so Prefect need not even be imported yet."""
        self._attempts += 1
        port = free_port()
        self.api = f"http://127.0.0.1:{port}/api"
        spec = importlib.util.find_spec("prefect")  # finds the package without importing it
        app_dir = Path(spec.origin).parent.parent if spec and spec.origin else Path.cwd()
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
               # block types are for the UI and deployments, which a full server (`ascurate serve`) registers
               # on its start; hashing them to find them registered already cost every start ~0.8 s
               "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false",
               "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "false"}
        env.pop("PREFECT_API_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "error", "--lifespan", "on"], env=env, stdout=subprocess.DEVNULL)

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


_early: EphemeralServer | None = None


def launch_early() -> None:
    """Launch the ephemeral server now, for `take_early` to hand to the command that needs it."""
    global _early
    _early = EphemeralServer()


def take_early() -> EphemeralServer:
    """The server `launch_early` launched (the caller now stops it), else a new one."""
    global _early
    server, _early = _early, None
    return server or EphemeralServer()


def stop_early() -> None:
    """Stop a server launched early that no command took."""
    global _early
    if _early is not None:
        _early.stop()
        _early = None
