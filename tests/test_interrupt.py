"""SIGTERM (a scheduler stopping the job) ends a run of ``python -m flows.curate`` promptly and cleanly.

The command runs in a subprocess against the session's Prefect test server; the signal is sent as soon as the
run's staging folder appears (batches of one file, so the first part is staged early and many remain). With
worker processes, none of them may outlive the run."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import psutil
import pyarrow as pa
import pytest

from flows import io
from tests.conftest import RAW, ROOT

pytestmark = pytest.mark.flow

COPIES = 12  # of each sample text: the run has far more left to do when its first part is staged


def _published_before(curated) -> str:
    """Planted: a version published by an earlier run (tiny tables), as io publishes one; its run id."""
    run_id = "20250101T000000Z-before"
    staging = curated / f".staging-{run_id}"
    table = pa.table({"statement_id": ["s1", "s2"], "text": ["He said so.", "She did not."]})
    staged = {name: io.write_parquet_atomic(table, staging / f"{name}.parquet") for name in ("statements", "documents")}
    io.published_snapshot(staged, curated, run_id=run_id, pipeline_version="0", build_dir=staging / "snapshot", keep=3)
    io.remove_tree(staging)
    return run_id


def _wait_for_staging(curated, process, log, timeout: float = 150):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = list(curated.glob(f"{io.STAGING_PREFIX}*"))
        if found:
            return found[0]
        assert process.poll() is None, f"the run ended before it staged anything:\n{log.read_text()[-3000:]}"
        time.sleep(0.02)
    raise TimeoutError(f"no staging folder after {timeout} s:\n{log.read_text()[-3000:]}")


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def _still_running(processes: list[psutil.Process], grace: float = 10) -> list[psutil.Process]:
    """Those of ``processes`` still running (zombies count as ended) after up to ``grace`` seconds."""
    deadline = time.monotonic() + grace
    while True:
        alive = []
        for p in processes:
            try:
                if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                    alive.append(p)
            except psutil.NoSuchProcess:
                pass
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


RUNNERS = {  # runner options, and the fewest processes the run starts besides its own
    "threads": (["--runner", "threads", "--workers", "1"], 0),
    "processes": (["--runner", "processes", "--workers", "2"], 2),     # two worker processes
}


@pytest.mark.parametrize("runner", RUNNERS)
def test_sigterm_stops_the_run_cleans_up_and_records_it(prefect_harness, tmp_path, runner):
    from prefect.settings import PREFECT_API_URL

    runner_options, least_children = RUNNERS[runner]

    raw, curated = tmp_path / "raw", tmp_path / "curated"
    raw.mkdir()
    for i in range(COPIES):
        for path in RAW.glob("*.txt"):
            shutil.copy(path, raw / f"{i:02d}_{path.name}")
    before_id = _published_before(curated)
    before = (curated / "statements.parquet").read_bytes()
    log = tmp_path / "run.log"
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "flows.curate", "--raw", str(raw), "--curated", str(curated),
                                    "--batch-size", "1", *runner_options, "--no-data-docs"],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            staging = _wait_for_staging(curated, process, log)
            children = _descendants(process.pid)
            process.send_signal(signal.SIGTERM)
            sent = time.monotonic()
            assert process.wait(timeout=60) == 143, log.read_text()[-3000:]
            stopped_in = time.monotonic() - sent
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    text = log.read_text()
    assert stopped_in < 30, f"took {stopped_in:.1f} s to stop"
    assert len(children) >= least_children, children
    assert not _still_running(children), "worker processes outlived the run"
    assert "error: interrupted by SIGTERM" in text
    assert "Finished in state Crashed" in text                     # Prefect marks the flow run, never left Running
    assert not list(curated.glob(f"{io.STAGING_PREFIX}*")), "staging folder left behind"
    with io.curated_lock(curated):                                 # the lock is free: a next run can take it
        pass
    assert (curated / "statements.parquet").read_bytes() == before
    assert os.readlink(curated / "current") == f"snapshots/{before_id}"
    (entry,) = io.read_history(curated / "reports" / "history.jsonl")
    assert (entry["status"], entry["signal"]) == ("interrupted", "SIGTERM")
    assert entry["run_id"] == staging.name.removeprefix(io.STAGING_PREFIX)
