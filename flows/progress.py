"""How far a run is: raw files done of the total, megabytes read, the rate and the time left.

``Progress`` is pure: the caller passes the clock's readings. How it is shown depends on where the run is
(``display``): on a terminal, a rich progress bar (``TerminalBar``) that the run's log lines print above;
otherwise - output piped to a file, or a run Prefect started from a deployment, whose logs go to the Prefect
UI - plain log lines at most every ``Progress.every_s`` seconds (``LogLines``). Either way the last line, with
all files done, goes to the run's log, so the Prefect UI and ``history`` readers see the totals."""
from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Iterator, Protocol, TextIO

MB = 1_000_000


@dataclass(frozen=True)
class Progress:
    """Files and bytes done so far, read at ``at`` seconds (same clock as ``started``); a line is due every
    ``every_s`` seconds and when the last file is done."""

    files_total: int
    started: float
    every_s: float = 10.0
    files_done: int = 0
    bytes_done: int = 0
    at: float = 0.0
    last_line_at: float | None = None

    def advanced(self, files: int, nbytes: int, now: float) -> Progress:
        """This progress with ``files`` more raw files done, ``nbytes`` more bytes read, read at ``now``."""
        return replace(self, files_done=self.files_done + files, bytes_done=self.bytes_done + nbytes, at=now)

    @property
    def finished(self) -> bool:
        return self.files_done >= self.files_total

    def due(self) -> bool:
        """Whether a line is due: the last file is done, or ``every_s`` passed since the last line (or start)."""
        since = self.started if self.last_line_at is None else self.last_line_at
        return self.finished or self.at - since >= self.every_s

    def logged(self) -> Progress:
        """This progress with its line just written."""
        return replace(self, last_line_at=self.at)

    def elapsed_s(self) -> float:
        return max(self.at - self.started, 0.0)

    def mb_per_s(self) -> float:
        """Megabytes read per second since the start (0 before any time passed)."""
        elapsed = self.elapsed_s()
        return self.bytes_done / MB / elapsed if elapsed > 0 else 0.0

    def left_s(self) -> float | None:
        """Seconds left at the rate of files so far; None before the first file or after the last."""
        if not 0 < self.files_done < self.files_total:
            return None
        return self.elapsed_s() * (self.files_total - self.files_done) / self.files_done

    def line(self) -> str:
        """E.g. ``120/861 raw files (14%), 35.2 MB read at 1.85 MB/s, 19 s elapsed, about 117 s left``."""
        share = self.files_done / self.files_total if self.files_total else 1.0
        text = (f"{self.files_done}/{self.files_total} raw files ({share:.0%}), {self.bytes_done / MB:.1f} MB read "
                f"at {self.mb_per_s():.2f} MB/s, {self.elapsed_s():.0f} s elapsed")
        left = self.left_s()
        return text if left is None else f"{text}, about {left:.0f} s left"

    def bar_text(self) -> str:
        """The text beside a bar, e.g. ``120/861 raw files · 35.2 MB · 1.85 MB/s · 19 s · about 117 s left``."""
        parts = [f"{self.files_done}/{self.files_total} raw files", f"{self.bytes_done / MB:.1f} MB",
                 f"{self.mb_per_s():.2f} MB/s", f"{self.elapsed_s():.0f} s"]
        left = self.left_s()
        return " · ".join(parts if left is None else parts + [f"about {left:.0f} s left"])


class Display(Protocol):
    def shown(self, progress: Progress) -> Progress:
        """Show ``progress`` (or not, if nothing is due); the progress with what was shown noted."""


@dataclass
class LogLines:
    """Progress as plain log lines: one when due (``Progress.due``), prefixed ``progress:``."""

    logger: logging.Logger | logging.LoggerAdapter

    def shown(self, progress: Progress) -> Progress:
        if not progress.due():
            return progress
        self.logger.info("progress: %s", progress.line())
        return progress.logged()


class TerminalBar:
    """Progress as a rich bar on a terminal, redrawn at every call; the last line is logged too."""

    def __init__(self, bar, task_id, logger: logging.Logger | logging.LoggerAdapter):
        self._bar, self._task, self._logger = bar, task_id, logger

    def shown(self, progress: Progress) -> Progress:
        self._bar.update(self._task, completed=progress.files_done, status=progress.bar_text())
        self._bar.refresh()
        if progress.finished:
            self._logger.info("progress: %s", progress.line())
        return progress.logged()


def console_stream() -> TextIO:
    """The stream the run's log lines go to on the console: that of Prefect's console handler (stderr, as
    Prefect configures it), else stderr."""
    handler = _prefect_console_handler()
    return handler.stream if handler is not None else sys.stderr


def _prefect_console_handler():
    from prefect.logging.handlers import PrefectConsoleHandler

    return next((h for h in logging.getLogger().handlers if isinstance(h, PrefectConsoleHandler)), None)


def started_by_deployment() -> bool:
    """Whether the flow run in progress was started from a Prefect deployment (``flows.serve``), read from the
    run's context (no API call); False outside a flow run."""
    from prefect.context import FlowRunContext

    context = FlowRunContext.get()
    return getattr(getattr(context, "flow_run", None), "deployment_id", None) is not None


def wants_bar(stream: TextIO, *, from_deployment: bool) -> bool:
    """A bar on a terminal, when no Prefect deployment started the run (whose logs are read in the UI)."""
    isatty = getattr(stream, "isatty", None)
    return not from_deployment and callable(isatty) and bool(isatty())


@contextmanager
def display(files_total: int, logger: logging.Logger | logging.LoggerAdapter, *, stream: TextIO | None = None,
            from_deployment: bool | None = None) -> Iterator[Display]:
    """The display for a run of ``files_total`` raw files: a ``TerminalBar`` when ``stream`` (the console's,
    by default) is a terminal and no deployment started the run (``started_by_deployment`` by default), else
    ``LogLines``. The bar draws on the
    console Prefect's log handler prints to, so log lines show above it; it stays on screen when the run goes
    on or stops."""
    stream = console_stream() if stream is None else stream
    from_deployment = started_by_deployment() if from_deployment is None else from_deployment
    if not wants_bar(stream, from_deployment=from_deployment):
        yield LogLines(logger)
        return
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn
    from rich.progress import Progress as RichProgress

    handler = _prefect_console_handler()
    console = handler.console if handler is not None and handler.stream is stream else Console(file=stream)
    # styles named, not rich's theme names: Prefect's console has a theme of its own, without "bar.back"
    columns = (TextColumn("progress"), BarColumn(style="grey37", complete_style="green", finished_style="green",
                                                 pulse_style="green"), TextColumn("{task.fields[status]}"))
    bar = RichProgress(*columns,
                       console=console, auto_refresh=False, redirect_stdout=False, redirect_stderr=False)
    with bar:
        task_id = bar.add_task("raw files", total=files_total, status=f"0/{files_total} raw files")
        yield TerminalBar(bar, task_id, logger)
