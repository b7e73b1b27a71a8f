"""The Prefect API gone mid-run: artifacts never fail a published run, and the process ends in bounded time."""
from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import textwrap
import time

from flows import apiloss

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
