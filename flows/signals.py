"""How a signal ends a run: as an exception in the main thread, so that every ``try/finally`` on the way out runs.

While a flow runs, Prefect 3.8 installs its own SIGTERM handler, which raises
``prefect.exceptions.TerminationSignal`` in the flow's thread (the main thread for a sync flow); the flow
engine marks the run Crashed (Cancelled when a runner asked for a cancellation), restores the handler that was
there before and sends the signal again. ``raising_interrupted`` installs that handler before: it raises
``RunInterrupted``, for SIGINT too, so the command line ends with ``128 + signal number``
(130 for SIGINT, 143 for SIGTERM) instead of being killed without its cleanup.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

HANDLED = (signal.SIGTERM, signal.SIGINT)


class RunInterrupted(KeyboardInterrupt):
    """A signal asked the process to stop; ``except Exception`` does not catch it, ``finally`` runs."""

    def __init__(self, signum: int):
        self.signum = signal.Signals(signum)
        super().__init__(f"interrupted by {self.signum.name}")


def interrupting_signal(err: BaseException) -> signal.Signals | None:
    """The signal that ``err`` stands for (``RunInterrupted``, Prefect's ``TerminationSignal``, a plain
    ``KeyboardInterrupt`` for SIGINT), or None when an error, not a signal, ended the run."""
    from prefect.exceptions import TerminationSignal

    if isinstance(err, RunInterrupted):
        return err.signum
    if isinstance(err, TerminationSignal):
        return signal.Signals(err.signal)
    if isinstance(err, KeyboardInterrupt):
        return signal.SIGINT
    return None


def exit_status(signum: signal.Signals) -> int:
    """The shell's convention for a process ended by a signal: 128 + its number (130 SIGINT, 143 SIGTERM)."""
    return 128 + int(signum)


def _raise_interrupted(signum: int, frame) -> None:
    raise RunInterrupted(signum)


@contextmanager
def raising_interrupted() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGINT raise ``RunInterrupted`` in the main thread; the previous
    handlers come back afterwards. Outside the main thread (where handlers cannot be set) it does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise_interrupted) for signum in HANDLED}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
