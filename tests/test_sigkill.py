"""Issue 9: a SIGKILL - no handler runs, nothing is cleaned up - at any point of a run (ingest, batches, quality,
publish) leaves the last version whole and readable, every table from one run; the next run succeeds and
removes what the killed one left.

The command runs in a subprocess against the session's Prefect test server, over a folder that already holds
a published version; the kill is sent when the run reaches the point (what it has written shows where it is).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest

from flows import curate as curate_module
from flows import io
from schemas.tables import TABLES
from tests.conftest import RAW, ROOT

pytestmark = pytest.mark.flow

COPIES = 3  # of each sample text: enough batches of one file for the kill to land inside each stage


def _staged(curated, pattern: str) -> bool:
    return any(curated.glob(f"{io.STAGING_PREFIX}*/{pattern}"))


POINTS = {  # where the run is, told by what it has written (or logged) so far
    "ingest": lambda curated, log: "raw files in" in log.read_text(errors="replace"),
    "batches": lambda curated, log: _staged(curated, "parts/statements/*.parquet"),
    "quality": lambda curated, log: _staged(curated, "tables/statements.parquet"),
    # after the quality task, the quarantine and the publishing run: the snapshot is built, then switched
    "publish": lambda curated, log: _staged(curated, "snapshot") or any(
        "Task run 'check-quality" in line and "Completed" in line for line in log.read_text(errors="replace").splitlines()),
}


@pytest.fixture(scope="module")
def published_once(prefect_harness, tmp_path_factory):
    """A raw folder and a curated folder holding one version published by a full run."""
    raw, curated = tmp_path_factory.mktemp("raw"), tmp_path_factory.mktemp("base") / "curated"
    for i in range(COPIES):
        for path in RAW.glob("*.txt"):
            shutil.copy(path, raw / f"{i:02d}_{path.name}")
    assert curate_module.main(["--raw", str(raw), "--curated", str(curated), "--no-data-docs"]) == 0
    return raw, curated


def _killed_at(point: str, raw, curated, log) -> bool:
    """Run the command and SIGKILL it at ``point``; False when the run ended before it got there."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "flows.curate", "--raw", str(raw), "--curated", str(curated),
                                    "--batch-size", "1", "--workers", "1", "--no-data-docs"],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 180
            while not POINTS[point](curated, log):
                if process.poll() is not None:
                    return False
                assert time.monotonic() < deadline, f"no {point} after 180 s:\n{log.read_text()[-3000:]}"
                time.sleep(0.005)
            process.send_signal(signal.SIGKILL)
        finally:
            process.wait(timeout=60)
    return True


def _one_whole_version(curated) -> str:
    """The current version is complete and readable through the stable paths, every row from one run; its id."""
    snapshot = io.current_snapshot(curated)
    run_id = io.read_manifest(snapshot)["run_id"]
    for name in TABLES:
        table = pq.read_table(curated / f"{name}.parquet")
        assert table.schema.names == pq.read_schema(snapshot / f"{name}.parquet").names
        if "run_id" in table.column_names and table.num_rows:
            assert set(table.column("run_id").to_pylist()) == {run_id}, name
    return run_id


@pytest.mark.parametrize("point", POINTS)
def test_a_sigkill_at_any_point_leaves_the_last_version_whole_and_the_next_run_cleans_up(published_once, tmp_path,
                                                                                         point):
    raw, base = published_once
    curated = tmp_path / "curated"
    for attempt in range(3):      # a run that passed the point before the poll saw it is run again
        shutil.rmtree(curated, ignore_errors=True)
        shutil.copytree(base, curated, symlinks=True)
        before = _one_whole_version(curated)
        if _killed_at(point, raw, curated, tmp_path / f"run-{attempt}.log"):
            break
    else:
        pytest.fail(f"three runs ended before {point} was seen")
    left = [p.name.removeprefix(io.STAGING_PREFIX) for p in curated.glob(f"{io.STAGING_PREFIX}*")]
    assert left or point == "ingest", "the kill left no staging folder to clean up"
    after = _one_whole_version(curated)
    # killed before its switch: the last version; while publishing, the switch may just have happened: the new one
    assert after == before or (point == "publish" and after in left)

    assert curate_module.main(["--raw", str(raw), "--curated", str(curated), "--no-data-docs"]) == 0
    assert not list(curated.glob(f"{io.STAGING_PREFIX}*")) and not list(curated.rglob(".*.tmp"))
    assert _one_whole_version(curated) != before
    assert io.read_history(curated / "reports" / "history.jsonl")[-1]["status"] == "published"
