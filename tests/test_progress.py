"""Progress lines of a long run: files done of the total, MB read and MB/s, at most one line per interval."""
from flows.progress import Progress


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
    """The flow's wait on its batches (no Prefect run needed: finished futures and a plain logger)."""
    import logging

    from flows import curate

    class Finished:
        def __init__(self, summary):
            self.summary = summary

        def result(self):
            return self.summary

    class Lines(logging.Handler):
        def __init__(self):
            super().__init__()
            self.lines = []

        def emit(self, record):
            self.lines.append(record.getMessage())

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
