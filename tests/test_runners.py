"""The task runners (flows/runners.py): the published tables do not depend on the kind or number of workers."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import psutil
import pyarrow.parquet as pq
import pytest
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner
from prefect_dask import DaskTaskRunner

from flows import curate as curate_module
from flows import runners
from flows.config import RunConfig
from schemas.tables import TABLES, arrow_schema
from tests.conftest import ROOT, raw_folder

FURNITURE = "Riverside Gazette | Local News Desk"
PLANTED = {  # a tiny corpus: the two sample texts and these
    # site furniture: the same line in three files is corpus boilerplate, learned before the batches run
    "a_council.txt": f"Council backs bridge\n\nThe council voted on Monday, its spokesman said.\n{FURNITURE}\n",
    "b_mayor.txt": f"Mayor replies\n\n\"We will build it,\" the mayor told reporters on Tuesday.\n{FURNITURE}\n",
    "c_budget.txt": f"Budget passes\n\nThe budget passed. Critics said it was too small.\n{FURNITURE}\n",
    "d_copy.txt": f"Council backs bridge\n\nThe council voted on Monday, its spokesman said.\n{FURNITURE}\n",  # duplicate
    "e_empty.txt": "",                                                                      # empty file
}
BINARY = ("f_image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2)  # not text
RUNS = {  # runner, workers, batch size (each run cuts the files into batches of its own)
    "threads x1": ("threads", 1, 200),
    "processes x2": ("processes", 2, 2),
    "dask x2": ("dask", 2, 3),
}


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory):
    planted = {name: text.encode("utf-8") for name, text in PLANTED.items()}
    return raw_folder(tmp_path_factory.mktemp("raw"), {**planted, BINARY[0]: BINARY[1]})


def _published_rows(curated) -> dict[str, list[dict]]:
    """Every published table, its rows sorted by primary key, without the run id (it names the run)."""
    rows = {}
    for name, model in TABLES.items():
        key = arrow_schema(model).metadata[b"primary_key"].decode()
        rows[name] = pq.read_table(curated / f"{name}.parquet").drop(["run_id"]).sort_by(key).to_pylist()
    return rows


@pytest.mark.flow
def test_threads_processes_and_dask_publish_the_same_rows(prefect_harness, raw_dir, tmp_path):
    published = {}
    for label, (runner, workers, batch_size) in RUNS.items():
        config = RunConfig(raw_dir=raw_dir, curated_dir=tmp_path / label.replace(" ", "_"), runner=runner,
                           max_workers=workers, batch_size=batch_size, build_data_docs=False)
        curate_module.curate_with_runner(config)(config)
        published[label] = _published_rows(config.curated_dir)
    reference = published["threads x1"]
    assert {r["source_path"] for r in reference["documents"]} >= set(PLANTED) - {"e_empty.txt"}
    assert {r["rule"] for r in reference["removed_lines"] if r["text"] == FURNITURE} == {"corpus_repeated"}
    assert {r["source_path"] for r in reference["rejections"]} >= {BINARY[0]}
    assert len(reference["statements"]) > 10
    for label, tables in published.items():
        for name in TABLES:
            assert tables[name] == reference[name], f"{label}: {name} differs from threads x1"


def test_each_runner_is_the_prefect_task_runner_it_names():
    processes = runners.task_runner(RunConfig(runner="processes", max_workers=3))
    assert isinstance(processes, ProcessPoolTaskRunner) and processes == ProcessPoolTaskRunner(max_workers=3)
    assert processes._initializer is runners.warm_worker            # spaCy and the lexicon, once per process
    assert runners.task_runner(RunConfig(runner="threads", max_workers=3)) == ThreadPoolTaskRunner(max_workers=3)
    local = runners.task_runner(RunConfig(runner="dask", max_workers=3))
    assert isinstance(local, DaskTaskRunner)
    assert local.cluster_kwargs["processes"] is True and local.cluster_kwargs["n_workers"] == 3
    assert local.cluster_kwargs["threads_per_worker"] == 1 and local.cluster_kwargs["preload"] == ["flows.runners"]
    remote = runners.task_runner(RunConfig(runner="dask", dask_address="tcp://127.0.0.1:8786"))
    assert remote.address == "tcp://127.0.0.1:8786"


@pytest.mark.parametrize(("files", "workers", "configured", "expected"), [
    (10_000, 2, 200, 200),   # a large corpus: the configured batch size
    (58, 2, 200, 15),        # a small one: about two batches per worker
    (58, 1, 200, 29),
    (3, 2, 200, 1),          # fewer files than batches wanted: one file each
    (58, 2, 5, 5),           # a configured size below the share is kept
])
def test_batch_size_gives_every_worker_work(files, workers, configured, expected):
    config = RunConfig(max_workers=workers, batch_size=configured)
    assert curate_module.batch_size(files, config) == expected


def test_a_worker_loads_the_pipeline_once_and_leaves_ctrl_c_to_the_flow():
    from flows.steps import parse

    parse.english_pipeline.cache_clear()
    previous = signal.getsignal(signal.SIGINT)
    try:
        runners.warm_worker()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
    assert parse.english_pipeline.cache_info().currsize == 1        # the batches find it loaded


ORPHAN_SCRIPT = """
import multiprocessing, os, sys, time
from flows import runners
if __name__ == "__main__":
    child = multiprocessing.get_context("spawn").Process(target=runners.exit_with_parent, args=(os.getpid(),),
                                                         kwargs={"every_s": 0.1})
    child.start()
    print(child.pid, flush=True)
    time.sleep(120)
"""


def test_a_worker_ends_when_the_flow_process_is_killed(tmp_path):
    """Planted: the flow's process dies by SIGKILL (no cleanup runs); its worker must not live on."""
    script = tmp_path / "parent.py"
    script.write_text(ORPHAN_SCRIPT)
    parent = subprocess.Popen([sys.executable, str(script)], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        worker = psutil.Process(int(parent.stdout.readline()))
        assert worker.is_running()
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if not worker.is_running() or worker.status() == psutil.STATUS_ZOMBIE:
                    break
            except psutil.NoSuchProcess:
                break
            time.sleep(0.1)
        else:
            worker.kill()
            raise AssertionError("the worker outlived its killed parent")
    finally:
        if parent.poll() is None:
            parent.kill()


def test_worker_processes_are_handed_the_flow_servers_address_while_the_pool_is_open(monkeypatch):
    """Planted: no PREFECT_API_URL (the flow runs on its temporary server); the workers must not start their own."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    class FlowClient:
        api_url = "http://127.0.0.1:9/api"

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(runners, "get_client", lambda sync_client: FlowClient())
    pool = runners.task_runner(RunConfig(runner="processes", max_workers=1))
    with temporary_settings(updates={PREFECT_API_URL: None}):
        with pool:
            assert os.environ["PREFECT_API_URL"] == FlowClient.api_url
        assert "PREFECT_API_URL" not in os.environ                   # handed back when the pool closes
        monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
        with pool.duplicate():                                        # an address already set is left alone
            assert os.environ["PREFECT_API_URL"] == "http://127.0.0.1:4200/api"


def test_the_pools_message_forwarder_reads_the_flows_settings(monkeypatch):
    """Planted defect: Prefect's thread that forwards the workers' events and logs ran in a bare thread, read
    settings with no API (the flow's server is set in the flow's context only) and started a second temporary
    server of its own, where the workers' events then went."""
    import threading

    from prefect.settings import PREFECT_API_URL, temporary_settings

    seen, done = [], threading.Event()

    def forward(self):
        seen.append(PREFECT_API_URL.value())
        done.set()

    monkeypatch.setattr(ProcessPoolTaskRunner, "_forward_subprocess_messages", forward)
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")   # the pool hands no address of its own
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):
        with runners.task_runner(RunConfig(runner="processes", max_workers=1)):
            assert done.wait(10)
    assert seen == ["http://127.0.0.1:9/api"]
