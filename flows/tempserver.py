"""Prefect's temporary server, started as the command line starts rather than when the flow first needs it.

With no Prefect API configured, Prefect starts a temporary server the first time a client is asked for:
after the flow's modules are imported (~5 s here), and after importing the server's own modules into the flow's
process (~4.5 s) just to launch it. ``python -m flows.curate`` instead launches the same server (the command
Prefect's ``SubprocessASGIServer`` runs: uvicorn over ``prefect.server.api.server:create_app``) before it imports
the flow, so the server's ~10 s start-up runs beside those imports, and the flow's process never imports the
server. The flow then runs with ``PREFECT_API_URL`` pointing at it (worker processes inherit it), and the server
is stopped when the process exits, as Prefect stops its own - but after the run has recorded how it ended: the
server runs in a session of its own, so the Ctrl-C that interrupts a run does not stop it too (Prefect's own
temporary server, in the command's process group, stopped with it, and the interrupted command then hung for
minutes retrying its last events).

Nothing here runs when an API is configured (``PREFECT_API_URL`` in the environment, the profile or a settings
file) or Prefect's ephemeral server is switched off: the run then goes where Prefect's settings say.
"""
from __future__ import annotations

import atexit
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

_started: TemporaryServer | None = None


# uvicorn's command line, run by a process that ends with the one that launched it (argv[1], its pid): on Linux the
# kernel sends it SIGTERM when that process dies, SIGKILL included (PR_SET_PDEATHSIG), which atexit cannot cover
_ENDS_WITH_PARENT = """
import ctypes, os, runpy, signal, sys
parent = int(sys.argv.pop(1))
if sys.platform.startswith("linux"):
    ctypes.CDLL(None).prctl(1, int(signal.SIGTERM))                   # PR_SET_PDEATHSIG
if os.getppid() != parent:
    sys.exit(0)                                                       # the parent died before the line above
runpy.run_module("uvicorn", run_name="__main__", alter_sys=True)
"""


class TemporaryServer:
    """One uvicorn process serving Prefect's API on a free loopback port, the way Prefect runs its own."""

    def __init__(self) -> None:
        self.port = free_loopback_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self.process: subprocess.Popen | None = subprocess.Popen(
            [sys.executable, "-c", _ENDS_WITH_PARENT, str(os.getpid()), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"],
            env={**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
                 "PREFECT__SERVER_FINAL": "1"},
            # a session of its own: Ctrl-C reaches the terminal's whole process group, and a server stopped by it
            # would leave the run unable to record that it was interrupted (its client retrying for minutes)
            start_new_session=True)
        atexit.register(self.stop)

    def wait_until_healthy(self, timeout_s: float) -> None:
        """Return once the API answers its health check; raise RuntimeError if the server exits or does not
        answer within ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                code = None if self.process is None else self.process.returncode
                raise RuntimeError(f"Prefect's temporary server on {self.api_url} exited with status {code}")
            if answers_health_check(self.api_url):
                return
            time.sleep(0.1)
        raise RuntimeError(f"Prefect's temporary server on {self.api_url} did not answer within {timeout_s:g} s")

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL after 5 s); idempotent."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (the system's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers_health_check(api_url: str) -> bool:
    """Whether the Prefect API at ``api_url`` answers ``GET /health`` with 200."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=1) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def start_unless_configured() -> TemporaryServer | None:
    """Launch the temporary server unless Prefect's settings name an API or forbid the ephemeral server; the
    server, or None. Called once, first thing, by the command line; later calls return the same server.

    The server is launched before Prefect's settings are read (importing them takes ~2 s), unless the
    environment already names an API: it resolves the same settings itself (same environment, profile and
    working folder). Where the settings then name an API after all, it is stopped again at once."""
    global _started
    if _started is None and not os.environ.get("PREFECT_API_URL"):
        server = TemporaryServer()
        from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_ENABLED

        if PREFECT_API_URL.value() or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
            server.stop()
            return None
        _started = server
    return _started


@contextlib.contextmanager
def serving() -> Iterator[str | None]:
    """Within: the run reports to the server ``start_unless_configured`` launched (once it answers), in this
    process's settings and in the environment its worker processes inherit. Without such a server: nothing
    changes (Prefect starts its own when a client first needs it). Yields the API URL used, or None."""
    if _started is None:
        yield None
        return
    from prefect.settings import (PREFECT_API_URL, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, PREFECT_UI_URL,
                                  temporary_settings)

    _started.wait_until_healthy(float(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()))
    # no UI URL: the temporary server serves no UI (PREFECT_UI_ENABLED=0, for its start-up time) and is gone when
    # the command ends, so Prefect's "View at <UI link>" line would name a page that never opens
    updates = {"PREFECT_API_URL": _started.api_url, "PREFECT_UI_URL": ""}
    before = {name: os.environ.get(name) for name in updates}
    os.environ.update(updates)
    try:
        with temporary_settings(updates={PREFECT_API_URL: _started.api_url, PREFECT_UI_URL: ""}):
            yield _started.api_url
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
