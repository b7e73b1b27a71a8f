"""Tests for flows/tempserver.py: the command line starts Prefect's temporary server before it imports the flow,
runs on it, and stops it; it starts none where an API is configured."""
from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from flows import tempserver

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def no_server_yet(monkeypatch):
    monkeypatch.setattr(tempserver, "_started", None)


def test_no_server_is_launched_where_the_environment_names_an_api(monkeypatch, no_server_yet):
    """Planted: PREFECT_API_URL in the environment (a running Prefect server); nothing may be launched."""
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    monkeypatch.setattr(tempserver.subprocess, "Popen", lambda *a, **k: pytest.fail("a server was launched"))
    assert tempserver.start_unless_configured() is None
    with tempserver.serving() as api_url:
        assert api_url is None and os.environ["PREFECT_API_URL"] == "http://127.0.0.1:4200/api"


def test_server_launched_before_the_settings_named_an_api_is_stopped_again(monkeypatch, no_server_yet):
    """Planted: the API is named by Prefect's settings (a profile), not the environment: the server launched
    before the settings were read must be stopped, and the run left to the settings."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    launched = []

    class Launched:
        def __init__(self):
            self.stopped = False
            launched.append(self)

        def stop(self):
            self.stopped = True

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(tempserver, "TemporaryServer", Launched)
    with temporary_settings(updates={PREFECT_API_URL: "http://scheduler.internal:4200/api"}):
        assert tempserver.start_unless_configured() is None
    assert len(launched) == 1 and launched[0].stopped


def test_a_server_that_exits_before_answering_is_an_error_naming_its_status():
    """Planted: the server's process exits at once (status 3, as uvicorn does when its port is taken)."""
    server = object.__new__(tempserver.TemporaryServer)
    server.api_url = f"http://127.0.0.1:{tempserver.free_loopback_port()}/api"
    server.process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    server.process.wait()
    with pytest.raises(RuntimeError, match="exited with status 3"):
        server.wait_until_healthy(30)


def test_command_line_runs_on_the_server_it_started_and_ctrl_c_stops_the_run_before_the_server(tmp_path):
    """The command line with no API configured: its first line says it started, and the flow run goes to the
    temporary server it launched on a loopback port (the server lists the running flow run), with no "View at"
    link to a UI that server does not serve and that is gone when the command ends. Planted: Ctrl-C at a
    terminal, which signals the command's whole process group. Prefect's own temporary server was in that group
    and stopped with the run, which then hung retrying its events for minutes. The run must end with 130,
    recorded as interrupted and marked Crashed on the server, and the server stop after it."""
    import shutil
    import signal

    from tests.test_interrupt import COPIES, _wait_for_staging

    raw, curated, log = tmp_path / "raw", tmp_path / "curated", tmp_path / "run.log"
    raw.mkdir()
    for i in range(COPIES):
        for path in (ROOT / "raw").glob("*.txt"):
            shutil.copy(path, raw / f"{i:02d}_{path.name}")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "flows.curate", "--raw", str(raw), "--curated", str(curated),
                                    "--batch-size", "1", "--workers", "1", "--no-data-docs"], cwd=ROOT, env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_for_staging(curated, process, log)
            api_url = re.search(r"temporary server on (http://127\.0\.0\.1:\d+/api)", log.read_text()).group(1)
            running = _flow_runs(api_url)
            os.killpg(process.pid, signal.SIGINT)
            assert process.wait(timeout=90) == 130, log.read_text()[-3000:]
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    text = log.read_text()
    assert "curate - starting: python -m flows.curate" in text.splitlines()[0]
    assert "error: interrupted by SIGINT" in text and "Finished in state Crashed" in text, text[-3000:]
    assert [(r["flow_name"], r["state_type"]) for r in running] == [("curate", "RUNNING")]
    assert "View at" not in text
    assert not tempserver.answers_health_check(api_url)


def _flow_runs(api_url: str) -> list[dict]:
    """The flow runs the Prefect API at ``api_url`` holds: their flow's name and state type."""
    import json
    import urllib.request

    def post(path: str) -> list[dict]:
        request = urllib.request.Request(f"{api_url}/{path}", data=b"{}", method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    flows = {f["id"]: f["name"] for f in post("flows/filter")}
    return [{"flow_name": flows.get(r["flow_id"]), "state_type": r["state_type"]} for r in post("flow_runs/filter")]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_the_server_ends_when_the_process_that_launched_it_is_killed():
    """Planted defect: the server runs in a session of its own and was stopped only at exit (atexit), so a command
    killed with SIGKILL left it running, ~230 MiB, until someone killed it by hand."""
    import psutil

    launcher = subprocess.Popen(
        [sys.executable, "-c", "import time; from flows import tempserver; s = tempserver.TemporaryServer(); "
                               "print(s.process.pid, flush=True); s.wait_until_healthy(120); print('up', flush=True); "
                               "time.sleep(300)"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        server = psutil.Process(int(launcher.stdout.readline()))
        assert launcher.stdout.readline().strip() == "up"
        launcher.kill()
        launcher.wait()
        gone, _ = psutil.wait_procs([server], timeout=15)
        assert gone or server.status() == psutil.STATUS_ZOMBIE
    finally:
        launcher.kill()
        with contextlib.suppress(psutil.Error):
            server.kill()
