from pathlib import Path

from prefect.settings import PREFECT_API_URL, temporary_settings
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from flows.config import RunConfig
from flows.serve import CONCURRENCY_LIMIT, DEPLOYMENT_NAME, api_url, main, scheduled_deployment


def test_scheduled_deployment_carries_cron_and_config():
    config = RunConfig(raw_dir=Path("/data/raw"), curated_dir=Path("/data/curated"))
    deployment = scheduled_deployment(config, "0 3 * * *")
    assert deployment.name == DEPLOYMENT_NAME
    (schedule,) = deployment.schedules
    assert schedule.schedule.cron == "0 3 * * *"
    assert RunConfig.model_validate(deployment.parameters["config"]) == config


def test_scheduled_runs_never_overlap_and_carry_the_run_options():
    config = RunConfig(raw_dir=Path("/data/raw"), curated_dir=Path("/data/curated"), batch_size=50,
                       max_workers=3, max_file_bytes=1000, keep_snapshots=2)
    deployment = scheduled_deployment(config, "30 2 * * 1-5", timezone="Europe/Berlin")
    assert deployment.concurrency_limit == CONCURRENCY_LIMIT == 1
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("30 2 * * 1-5", "Europe/Berlin")
    assert RunConfig.model_validate(deployment.parameters["config"]) == config


def test_the_served_flow_has_the_task_runner_the_options_ask_for():
    from flows.curate import curate_with_runner

    runner = curate_with_runner(RunConfig(max_workers=3)).task_runner
    assert isinstance(runner, ThreadPoolTaskRunner) and runner == ThreadPoolTaskRunner(max_workers=3)
    processes = curate_with_runner(RunConfig(runner="processes", max_workers=3)).task_runner
    assert isinstance(processes, ProcessPoolTaskRunner) and processes == ProcessPoolTaskRunner(max_workers=3)


def test_the_served_flow_survives_the_trip_to_the_run_subprocess():
    """Flow.serve runs each flow run from a cloudpickled copy of the flow: its parameter still validates there
    (a string annotation would not resolve) and it keeps its task runner."""
    import cloudpickle

    from flows.curate import curate_with_runner
    from flows.runners import warm_worker

    config = RunConfig(runner="processes", max_workers=3)
    copy = cloudpickle.loads(cloudpickle.dumps(curate_with_runner(config)))
    assert copy.validate_parameters({"config": config.model_dump(mode="json")})["config"] == config
    assert copy.task_runner == ProcessPoolTaskRunner(max_workers=3)
    assert copy.task_runner.duplicate()._initializer is warm_worker     # each run's workers still load spaCy once


def test_the_api_url_comes_from_prefect_settings_not_only_the_environment(monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(updates={PREFECT_API_URL: "http://scheduler.internal:4200/api"}):  # a profile's value
        assert api_url() == "http://scheduler.internal:4200/api"


def test_serving_without_a_server_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    with temporary_settings(restore_defaults={PREFECT_API_URL}):   # neither environment nor profile names one
        assert main(["--cron", "0 3 * * *"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and "PREFECT_API_URL" in err


# --- end to end: a real Prefect server on loopback, the serve process, one triggered run -------------

import json  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402

import pyarrow.parquet as pq  # noqa: E402
import pytest  # noqa: E402

from tests.conftest import RAW, ROOT  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(1)
    raise TimeoutError(f"timed out waiting for {what}")


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return json.loads(resp.read() or b"null") if resp.status == 200 else None
    except OSError:
        return None


@pytest.fixture
def prefect_server(tmp_path):
    """`prefect server start` on a free loopback port with its own database; stopped afterwards."""
    port = _free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_UI_ENABLED": "false", "PREFECT_API_URL": ""}
    log = open(tmp_path / "server.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    api = f"http://127.0.0.1:{port}/api"
    try:
        _wait_for(lambda: _get(f"{api}/health"), 120, "the Prefect server")
        yield api, env
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.mark.flow
def test_served_deployment_runs_on_a_real_prefect_server(prefect_server, tmp_path):
    api, env = prefect_server
    env = {**env, "PREFECT_API_URL": api}
    curated = tmp_path / "curated"
    serve_log = open(tmp_path / "serve.log", "w")
    serving = subprocess.Popen([sys.executable, "-m", "flows.serve", "--cron", "0 3 * * *", "--raw", str(RAW),
                                "--curated", str(curated)], cwd=ROOT, env=env, stdout=serve_log,
                               stderr=subprocess.STDOUT)
    try:
        trigger = ("import sys; from prefect.deployments import run_deployment; "
                   "r = run_deployment('curate/curate-scheduled', timeout=240); "
                   "print(r.state.type.value); sys.exit(0 if r.state.is_completed() else 1)")
        deadline = time.monotonic() + 120
        while True:  # the deployment exists once the serve process has registered it
            done = subprocess.run([sys.executable, "-c", trigger], cwd=ROOT, env=env, capture_output=True,
                                  text=True, timeout=300)
            if done.returncode == 0 or "ObjectNotFound" not in done.stderr + done.stdout \
                    or time.monotonic() > deadline:
                break
            time.sleep(2)
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        assert pq.read_table(curated / "statements.parquet").num_rows > 0
    finally:
        serving.terminate()
        serving.wait(timeout=30)
        serve_log.close()
