"""The command lines refuse bad values before anything starts: exit 2 and one line naming the option.
No Prefect server: every case here is decided before a flow could run."""
from __future__ import annotations

import argparse
import signal

import pytest

from flows import curate as curate_module
from flows import options, serve, signals
from flows.config import RunConfig
from tests.conftest import RAW


@pytest.fixture
def no_flow(monkeypatch):
    """Planted: starting a flow fails the test, so a 2 that started one cannot pass."""
    def started(config):
        raise AssertionError(f"a flow was started with {config}")

    monkeypatch.setattr(curate_module, "curate_with_runner", started)
    monkeypatch.setattr(serve, "curate_with_runner", started)


BAD_RUN_OPTIONS = [
    (["--batch-size", "0"], "argument --batch-size: must be above zero, not 0"),
    (["--batch-size", "-3"], "argument --batch-size: must be above zero, not -3"),
    (["--workers", "0"], "argument --workers: must be above zero, not 0"),
    (["--workers", "two"], "argument --workers: not a whole number: 'two'"),
    (["--keep-snapshots", "0"], "argument --keep-snapshots: must be above zero, not 0"),
    (["--max-file-bytes", "1.5"], "argument --max-file-bytes: not a whole number: '1.5'"),
    (["--file-timeout", "0"], "argument --file-timeout: must be a finite number of seconds above zero, not 0"),
    (["--file-timeout", "-2.5"], "argument --file-timeout: must be a finite number of seconds above zero, not -2.5"),
    (["--file-timeout", "nan"], "argument --file-timeout: must be a finite number of seconds above zero, not nan"),
    (["--file-timeout", "inf"], "argument --file-timeout: must be a finite number of seconds above zero, not inf"),
    (["--file-timeout", "1m"], "argument --file-timeout: not a number of seconds: '1m'"),
    (["--runner", "forks"], "argument --runner: invalid choice: 'forks'"),
    (["--no-such-option"], "unrecognized arguments: --no-such-option"),
    (["--pattern", "../../elsewhere/*.txt"], "pattern: must be relative to the raw folder, without '..'"),
    (["--pattern", "/etc/*"], "pattern: must be relative to the raw folder, without '..'"),
]


@pytest.mark.parametrize("argv, message", BAD_RUN_OPTIONS, ids=[" ".join(a) for a, _ in BAD_RUN_OPTIONS])
def test_curate_refuses_a_bad_value_with_exit_2_and_one_line(argv, message, tmp_path, capsys, no_flow):
    curated = tmp_path / "curated"
    assert curate_module.main(["--raw", str(RAW), "--curated", str(curated), *argv]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1, err
    assert err.startswith(f"error: {message}") and "Traceback" not in err
    assert not curated.exists()


@pytest.mark.parametrize("argv, message", BAD_RUN_OPTIONS + [
    (["--cron", "every night"], 'cron: Invalid cron string: "every night"'),
    (["--timezone", "Mars/Olympus"], 'timezone: Invalid timezone: "Mars/Olympus"'),
], ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_serve_refuses_a_bad_value_with_exit_2_and_one_line(argv, message, capsys, no_flow):
    base = ["--cron", "0 3 * * *"] if "--cron" not in argv else []
    assert serve.main([*base, *argv]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(f"error: {message}"), err


def test_a_value_only_the_config_refuses_is_one_line_naming_its_field():
    """Planted: a batch size of 0 that got past the parser (a caller building the namespace itself)."""
    args = argument_namespace(batch_size=0)
    with pytest.raises(options.UsageError, match=r"^batch_size: Input should be greater than or equal to 1$"):
        options.run_config(args)


@pytest.mark.parametrize("seconds", [0, -1, float("nan"), float("inf")])
def test_a_file_timeout_the_parser_did_not_see_is_refused_by_the_config_in_one_line(seconds):
    """Planted: a time budget per file that is no positive finite number, set by a caller directly."""
    with pytest.raises(options.UsageError, match=r"^file_timeout_s: Input should be (greater than 0|a finite number)$"):
        options.run_config(argument_namespace(file_timeout=seconds))


def argument_namespace(**overrides) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    options.add_run_options(parser)
    return argparse.Namespace(**{**vars(parser.parse_args([])), **overrides})


def test_the_options_make_the_run_config_they_name(tmp_path):
    args = curate_module.argument_parser().parse_args(
        ["--raw", str(tmp_path), "--batch-size", "7", "--runner", "dask", "--workers", "3", "--dask-address",
         "tcp://10.0.0.1:8786", "--keep-snapshots", "5", "--max-file-bytes", "1000", "--file-timeout", "2.5",
         "--no-data-docs"])
    assert options.run_config(args) == RunConfig(
        raw_dir=tmp_path, batch_size=7, runner="dask", max_workers=3, dask_address="tcp://10.0.0.1:8786",
        keep_snapshots=5, max_file_bytes=1000, file_timeout_s=2.5, build_data_docs=False)


@pytest.mark.parametrize("module", [curate_module, serve], ids=["curate", "serve"])
def test_every_option_says_what_it_does_and_its_default(module):
    for action in module.argument_parser()._actions:
        if action.dest == "help":
            continue
        assert action.help, action.option_strings
        assert "default" in action.help or "required" in action.help, action.option_strings


def test_a_signal_is_an_exception_and_its_exit_status_is_128_plus_its_number():
    assert signals.exit_status(signal.SIGINT) == 130 and signals.exit_status(signal.SIGTERM) == 143
    from prefect.exceptions import TerminationSignal

    assert signals.interrupting_signal(TerminationSignal(signal.SIGTERM)) == signal.SIGTERM
    assert signals.interrupting_signal(KeyboardInterrupt()) == signal.SIGINT
    assert signals.interrupting_signal(RuntimeError("disk full")) is None
    before = signal.getsignal(signal.SIGTERM)
    with signals.raising_interrupted(), pytest.raises(signals.RunInterrupted, match="SIGTERM"):
        signal.raise_signal(signal.SIGTERM)
    assert signal.getsignal(signal.SIGTERM) is before  # the previous handler is back


def test_an_ended_run_is_one_history_entry_naming_the_signal_or_the_error():
    run = {"run_id": "20250101T000000Z-aaaaaa", "files_read": 2}
    stopped = curate_module.ended_run_entry(run, signals.RunInterrupted(signal.SIGTERM), seconds=1.234)
    assert stopped == {**run, "status": "interrupted", "signal": "SIGTERM", "passed": False, "seconds": 1.23}
    crashed = curate_module.ended_run_entry(run, OSError(28, "No space left on device"), seconds=2)
    assert crashed["status"] == "crashed" and crashed["error_type"] == "OSError"
    assert crashed["error"] == "[Errno 28] No space left on device" and "signal" not in crashed
