"""Issue 9, scheduling as Prefect users expect: retries with backoff on the tasks that may run again, a time
budget for the whole run, and a prefect.yaml for `prefect deploy` with a process work pool."""
from __future__ import annotations

import errno
from pathlib import Path

import pytest
import yaml
from prefect.states import Failed

from flows import curate as curate_module
from flows import io
from flows.config import RunConfig

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("err, retried", [
    (OSError(errno.EIO, "Input/output error"), True),                  # a network filesystem's hiccup
    (OSError(errno.ENOSPC, "No space left on device"), True),
    (FileNotFoundError(errno.ENOENT, "gone"), False),                   # no retry mends these
    (PermissionError(errno.EACCES, "denied"), False),
    (io.RejectedSourceError("too_large", "x"), False),                  # the pipeline's own verdict
    (ValueError("a bug"), False),
])
def test_only_a_transient_io_error_is_retried(err, retried):
    assert curate_module.transient_io_error(None, None, Failed(data=err)) is retried


def test_the_tasks_that_can_run_again_retry_with_backoff_and_publishing_does_not():
    for task in (curate_module.curate_batch, curate_module.assemble_tables):
        assert task.retries == 2 and task.retry_condition_fn is curate_module.transient_io_error
        assert list(task.retry_delay_seconds) == [2, 4] and task.retry_jitter_factor == 0.5
    for task in (curate_module.publish_snapshot, curate_module.write_report):
        assert task.retries == 0


@pytest.mark.flow
def test_a_batch_whose_part_write_fails_once_is_retried_and_the_run_publishes(prefect_harness, sample_raw_dir,
                                                                              tmp_path, monkeypatch):
    real, failed = io.write_parquet_atomic, []

    def flaky(table, path, *a, **k):            # planted: the first batch part write hits an I/O error
        if "parts" in Path(path).parts and not failed:
            failed.append(path)
            raise OSError(errno.EIO, "Input/output error")
        return real(table, path, *a, **k)

    monkeypatch.setattr(io, "write_parquet_atomic", flaky)
    out = tmp_path / "curated"
    assert curate_module.main(["--raw", str(sample_raw_dir), "--curated", str(out), "--no-data-docs"]) == 0
    assert failed and (out / "statements.parquet").exists()
    assert [h["status"] for h in io.read_history(out / "reports" / "history.jsonl")] == ["published"]


def _entry_of_a_run_over_its_budget(raw_dir: Path, out: Path, capsys) -> dict:
    """A run with a budget of half a second: it exits 1 saying it timed out, publishes nothing, leaves no staging
    folder; the history entry it recorded."""
    code = curate_module.main(["--raw", str(raw_dir), "--curated", str(out), "--no-data-docs", "--run-timeout", "0.5"])
    assert code == 1 and "timed out" in capsys.readouterr().err.lower()
    assert not list(out.glob("*.parquet")) and not list(out.glob(".staging-*"))
    return io.read_history(out / "reports" / "history.jsonl")[-1]


@pytest.mark.flow
def test_a_run_over_its_time_budget_publishes_nothing_and_records_why(prefect_harness, sample_raw_dir, tmp_path,
                                                                       capsys):
    entry = _entry_of_a_run_over_its_budget(sample_raw_dir, tmp_path / "curated", capsys)
    assert entry["status"] == "crashed" and entry["error"]


@pytest.mark.flow
def test_a_run_whose_timeout_signal_was_lost_still_publishes_nothing(prefect_harness, sample_raw_dir, tmp_path,
                                                                      capsys, monkeypatch):
    """Planted defect: the timeout's signal lost (its exception raised inside a garbage-collection callback is
    only reported as unraisable): the flow runs with no timeout of its own, and the run over its budget must still
    publish nothing."""
    monkeypatch.setattr(curate_module, "curate_with_runner",
                        lambda config: curate_module.curate.with_options(timeout_seconds=None))
    entry = _entry_of_a_run_over_its_budget(sample_raw_dir, tmp_path / "curated", capsys)
    assert entry["status"] == "crashed" and entry["error_type"] == "TimeoutError"


def test_the_budget_check_before_publishing_counts_from_the_runs_start():
    curate_module.within_budget(None, started=0.0, now=1e9)          # no budget: never over it
    curate_module.within_budget(90.0, started=10.0, now=99.0)
    with pytest.raises(TimeoutError, match="timed out"):
        curate_module.within_budget(90.0, started=10.0, now=100.5)


def test_the_run_timeout_option_sets_the_flows_timeout():
    config = RunConfig(run_timeout_s=90)
    assert curate_module.curate_with_runner(config).timeout_seconds == 90
    assert curate_module.curate_with_runner(RunConfig()).timeout_seconds is None


def test_prefect_yaml_deploys_the_curate_flow_to_a_process_work_pool_with_a_valid_config():
    spec = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    (deployment,) = spec["deployments"]
    module, name = deployment["entrypoint"].split(":")
    flow = getattr(curate_module, name)
    assert module == "flows/curate.py" and flow.name == "curate" and flow.timeout_seconds > 0   # a stuck run ends
    assert deployment["work_pool"]["name"] and deployment["concurrency_limit"] == 1
    assert deployment["schedules"][0]["cron"]
    RunConfig.model_validate(deployment["parameters"]["config"])      # the parameters are a valid run config
