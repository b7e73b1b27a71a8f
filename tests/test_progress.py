"""Progress of a long run: files done of the total, MB read and MB/s - a bar on a terminal (a fake one here:
a text stream that says it is a tty), plain log lines at most one per interval otherwise and in a run that a
Prefect deployment started."""
import io
import logging
import re

import pytest

from flows import progress as progress_module
from flows.progress import LogLines, Progress, TerminalBar, display

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class FakeTty(io.StringIO):
    """A terminal as far as isatty() tells."""

    def isatty(self):
        return True


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture
def logger():
    logger, handler = logging.getLogger("test-progress-display"), Lines()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger
    logger.removeHandler(handler)


def _lines(logger):
    return logger.handlers[0].lines


def _shown(display_, batches, *, total):
    """Feed (files, bytes, seconds since start) batch completions to a display, as the flow does."""
    progress = Progress(files_total=total, started=0.0)
    for files, nbytes, seconds in batches:
        progress = display_.shown(progress.advanced(files, nbytes, seconds))
    return progress


def _run(batches, *, total, every_s=10.0):
    """The lines a run logs for (files, bytes, seconds since start) batch completions, as the flow does."""
    progress, lines = Progress(files_total=total, started=100.0, every_s=every_s), []
    for files, nbytes, seconds in batches:
        progress = progress.advanced(files, nbytes, 100.0 + seconds)
        if progress.due():
            lines.append(progress.line())
            progress = progress.logged()
    return lines


def test_a_line_names_files_done_of_the_total_megabytes_rate_and_time_left():
    progress = Progress(files_total=861, started=0.0).advanced(120, 35_200_000, 19.0)
    assert progress.line() == ("120/861 raw files (14%), 35.2 MB read at 1.85 MB/s, 19 s elapsed, "
                               "about 117 s left")  # 19 s * 741 files left / 120 done


def test_lines_come_at_most_once_per_interval_and_always_at_the_end():
    batches = [(100, 1_000_000, s) for s in (3, 6, 11, 14, 19, 22, 31)] + [(50, 500_000, 32)]
    lines = _run(batches, total=750)
    assert [line.split(" raw")[0] for line in lines] == ["300/750", "600/750", "750/750"]  # at 11 s, 22 s, the end
    assert lines[-1] == "750/750 raw files (100%), 7.5 MB read at 0.23 MB/s, 32 s elapsed"


def test_a_short_run_logs_its_one_final_line():
    assert _run([(2, 20_030, 1.5)], total=2) == ["2/2 raw files (100%), 0.0 MB read at 0.01 MB/s, 2 s elapsed"]


def test_progress_is_never_changed_in_place():
    start = Progress(files_total=10, started=0.0)
    later = start.advanced(5, 10, 3.0)
    assert (start.files_done, start.bytes_done) == (0, 0) and (later.files_done, later.bytes_done) == (5, 10)


def test_the_flow_logs_progress_as_its_batches_finish(monkeypatch):
    """The flow's wait on its batches (no Prefect run needed: finished futures and a plain logger); its
    console is not a terminal (pytest captures it), so lines, no bar."""
    from flows import curate

    class Finished:
        def __init__(self, summary):
            self.summary = summary

        def result(self):
            return self.summary

    logger, handler = logging.getLogger("test-progress"), Lines()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    clock = iter([0.0, 4.0, 12.0, 13.0])      # start, then one reading per finished batch
    monkeypatch.setattr(curate.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(curate, "get_run_logger", lambda: logger)
    summaries = [{"files": 2, "bytes": 3_000_000}, {"files": 2, "bytes": 3_000_000}, {"files": 1, "bytes": 0}]
    try:
        assert curate._finished_batches([Finished(s) for s in summaries], 5) == summaries
    finally:
        logger.removeHandler(handler)
    assert handler.lines == [
        "progress: 4/5 raw files (80%), 6.0 MB read at 0.50 MB/s, 12 s elapsed, about 3 s left",
        "progress: 5/5 raw files (100%), 6.0 MB read at 0.46 MB/s, 13 s elapsed"]


def test_on_a_terminal_a_bar_shows_files_done_of_the_total_and_mb_per_s(logger, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    tty = FakeTty()
    with display(5, logger, stream=tty, from_deployment=False) as shown:
        assert isinstance(shown, TerminalBar)
        _shown(shown, [(2, 3_000_000, 4.0), (2, 3_000_000, 12.0)], total=5)
        midway = ANSI.sub("", tty.getvalue())
        _shown(shown, [(5, 6_000_000, 13.0)], total=5)
    drawn = ANSI.sub("", tty.getvalue())
    assert "4/5 raw files · 6.0 MB · 0.50 MB/s · 12 s · about 3 s left" in midway
    assert "5/5 raw files · 6.0 MB · 0.46 MB/s · 13 s" in drawn
    assert _lines(logger) == ["progress: 5/5 raw files (100%), 6.0 MB read at 0.46 MB/s, 13 s elapsed"]  # last only


def test_without_a_terminal_log_lines_and_no_bar(logger):
    piped = io.StringIO()           # output redirected to a file or a pipe
    with display(750, logger, stream=piped, from_deployment=False) as shown:
        assert isinstance(shown, LogLines)
        _shown(shown, [(300, 3_000_000, 11.0), (300, 3_000_000, 15.0), (150, 1_500_000, 16.0)], total=750)
    assert piped.getvalue() == ""
    assert _lines(logger) == ["progress: 300/750 raw files (40%), 3.0 MB read at 0.27 MB/s, 11 s elapsed, "
                              "about 16 s left",
                              "progress: 750/750 raw files (100%), 7.5 MB read at 0.47 MB/s, 16 s elapsed"]


def test_a_run_a_prefect_deployment_started_logs_lines_even_on_a_terminal(logger):
    tty = FakeTty()
    with display(2, logger, stream=tty, from_deployment=True) as shown:
        assert isinstance(shown, LogLines)
        _shown(shown, [(2, 10, 1.0)], total=2)
    assert tty.getvalue() == "" and len(_lines(logger)) == 1


def test_outside_a_flow_run_no_deployment_started_it():
    assert progress_module.started_by_deployment() is False


def test_log_lines_printed_by_prefects_console_handler_show_above_the_bar(monkeypatch):
    """The bar draws on the console of Prefect's log handler, so a task's log line is not torn by it."""
    from prefect.logging.handlers import PrefectConsoleHandler

    monkeypatch.setenv("COLUMNS", "160")
    tty = FakeTty()
    handler = PrefectConsoleHandler(stream=tty)
    monkeypatch.setattr(logging.getLogger(), "handlers", [handler])   # Prefect's console handler, on this tty
    logger = logging.getLogger("test-progress-console")
    logger.setLevel(logging.INFO)
    assert progress_module.console_stream() is tty
    with display(3, logger, from_deployment=False) as shown:
        assert isinstance(shown, TerminalBar)
        _shown(shown, [(1, 1_000_000, 2.0)], total=3)
        logger.info("curate-batch-1 finished")
        _shown(shown, [(3, 3_000_000, 4.0)], total=3)
    drawn = ANSI.sub("", tty.getvalue())
    assert "curate-batch-1 finished" in drawn and "3/3 raw files · 3.0 MB · 0.75 MB/s · 4 s" in drawn
    assert drawn.index("curate-batch-1 finished") < drawn.rindex("3/3 raw files")
    assert "progress: 3/3 raw files (100%)" in drawn     # the last line, logged through the same console


def test_on_a_terminal_the_flow_draws_the_bar(monkeypatch, logger):
    from flows import curate

    class Finished:
        def __init__(self, summary):
            self.summary = summary

        def result(self):
            return self.summary

    monkeypatch.setenv("COLUMNS", "160")
    tty = FakeTty()
    clock = iter([0.0, 4.0, 12.0])
    monkeypatch.setattr(curate.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(curate, "get_run_logger", lambda: logger)
    monkeypatch.setattr(progress_module, "console_stream", lambda: tty)
    summaries = [{"files": 1, "bytes": 2_000_000}, {"files": 1, "bytes": 4_000_000}]
    assert curate._finished_batches([Finished(s) for s in summaries], 2) == summaries
    assert "2/2 raw files · 6.0 MB · 0.50 MB/s · 12 s" in ANSI.sub("", tty.getvalue())
    assert _lines(logger) == ["progress: 2/2 raw files (100%), 6.0 MB read at 0.50 MB/s, 12 s elapsed"]
