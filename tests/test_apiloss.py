"""The Prefect API gone mid-run: artifacts never fail a published run, a run that published says so in its exit
status, and the process ends in bounded time."""
from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from flows import apiloss, curate, io
from flows.config import RunConfig
from tests.conftest import RAW

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_an_artifact_the_api_refuses_is_a_warning_not_a_failure(caplog):
    # planted defect: the API refused the run's artifacts after the tables were published, and the run failed
    posted = []

    def refused():
        raise ConnectionError("[Errno 111] Connection refused")

    with caplog.at_level(logging.WARNING):
        ok = apiloss.post_artifacts(refused, lambda: posted.append("table"), logger=logging.getLogger("t"))
    assert ok is False and posted == []
    assert "did not take the run's artifacts" in caplog.text
    assert apiloss.post_artifacts(lambda: posted.append("summary"), logger=logging.getLogger("t")) is True


def test_services_that_drain_leave_the_status_as_it_is():
    assert apiloss.drained_or_given_up(3, timeout_s=1, drained=lambda t: True) == 3


def test_services_that_do_not_drain_end_the_process_at_once_with_the_status():
    # planted defect: the interpreter's exit waited on every queued event retrying its connection
    code = textwrap.dedent("""
        from flows.apiloss import drained_or_given_up
        drained_or_given_up(3, timeout_s=0.1, drained=lambda t: False)
        print("after the exit")
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 3
    assert "after the exit" not in done.stdout
    assert "did not answer within" in done.stderr


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_api_leaves_the_event_service_undrained_within_the_bound():
    # a real EventsWorker holding an event for an API on a loopback port nobody listens on: the drain gives up
    # after the bound instead of retrying for as long as it holds events
    code = textwrap.dedent("""
        import time
        from prefect.events import emit_event
        from flows.apiloss import services_drained
        for i in range(20):
            emit_event(event="newsvoices.test", resource={"prefect.resource.id": f"newsvoices.test.{i}"})
        started = time.monotonic()
        print(services_drained(timeout_s=2.0), round(time.monotonic() - started, 1), flush=True)
    """)
    env = {**os.environ, "PREFECT_API_URL": f"http://127.0.0.1:{_closed_port()}/api"}
    started = time.monotonic()
    done = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    line = done.stdout.readline().split()
    done.kill()
    done.wait()
    assert line[0] == "False"
    assert float(line[1]) < 10 and time.monotonic() - started < 120


def _flow_that_publishes_then_loses_the_api(curated: Path, *, publish: bool):
    """A stand-in for the flow: optionally switch the curated folder's ``current`` to a new version, then fail as
    the Prefect client does when the API is gone while the flow run's end is reported."""
    def run(config):
        if publish:
            snapshot = curated / "snapshots" / "20261204T000000Z-abcdef"
            snapshot.mkdir(parents=True)
            io.switched_current(curated, snapshot)
        raise ConnectionError("All connection attempts failed")
    return lambda config: run


@pytest.mark.parametrize("publish, status, said", [
    (True, curate.EXIT_PUBLISHED_THEN_FAILED, "error: run published 20261204T000000Z-abcdef, then failed"),
    (False, curate.EXIT_FAILED, "error: run failed: ConnectionError"),
])
def test_a_run_that_fails_after_publishing_says_it_published(tmp_path, monkeypatch, capsys, publish, status, said):
    # planted defect: a run whose tables were published exited 1, "nothing published", when the API died after
    monkeypatch.setattr(curate, "curate_with_runner", _flow_that_publishes_then_loses_the_api(tmp_path, publish=publish))
    monkeypatch.setattr("flows.quality.preload_gx", lambda: None)
    config = RunConfig(raw_dir=RAW, curated_dir=tmp_path)
    assert curate._run(config) == status
    assert said in capsys.readouterr().err


def test_the_published_version_is_the_one_current_names(tmp_path):
    assert curate.published_version(tmp_path) is None
    snapshot = tmp_path / "snapshots" / "r1"
    snapshot.mkdir(parents=True)
    io.switched_current(tmp_path, snapshot)
    assert curate.published_version(tmp_path) == "r1"


def test_a_published_version_that_cannot_be_read_is_none_not_a_second_error(monkeypatch):
    # on the way out of a failed run: an object store that answers with a non-OS error must not crash the exit
    def broken(uri):
        raise ValueError("no credentials")
    monkeypatch.setattr(io, "current_object_snapshot", broken)
    assert curate.published_version("s3://bucket/curated") is None
