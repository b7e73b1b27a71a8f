"""A per-document time budget, checked cooperatively. Pure: no Prefect, no I/O.

Threads cannot be killed, so a document that takes too long cannot be stopped from outside. Instead the
per-document work asks its ``Deadline`` between stages and between lines, paragraphs and sentences inside
them (``deadline.check("parse")``); once the budget is spent, the check raises ``DeadlineExceeded`` and the
document becomes a ``timeout`` rejection at the stage that ran out of time, while the other documents go on.
It works the same in a thread, a worker process or a Dask worker, since nothing outside the document's own
work is involved. A single step that never returns (one regex call) is not interrupted: that is what linear
regexes and size limits are for; the budget bounds everything between the checks.

The clock is injectable (``clock=``), so tests drive it without sleeping.
"""
from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

TIMEOUT_REASON = "timeout"


class DeadlineExceeded(Exception):
    """The document's time budget ran out during ``stage``; ``reason`` is the rejection's reason code."""

    reason = TIMEOUT_REASON

    def __init__(self, stage: str, budget_s: float, elapsed_s: float):
        super().__init__(f"time budget of {budget_s:g} s per file spent during {stage} "
                         f"({elapsed_s:.3g} s elapsed); the file's remaining work was skipped")
        self.stage = stage
        self.budget_s = budget_s
        self.elapsed_s = elapsed_s


@dataclass(frozen=True)
class Deadline:
    """``budget_s`` seconds from the moment it is made, by ``clock`` (``time.monotonic``)."""

    budget_s: float
    clock: Callable[[], float] = time.monotonic
    started: float = field(default=math.nan)

    def __post_init__(self) -> None:
        if not self.budget_s > 0:
            raise ValueError(f"a time budget must be above zero, not {self.budget_s}")
        if math.isnan(self.started):
            object.__setattr__(self, "started", self.clock())

    def elapsed(self) -> float:
        return self.clock() - self.started

    def check(self, stage: str) -> None:
        """Raise ``DeadlineExceeded`` naming ``stage`` when the budget is spent; else return at once."""
        if self.budget_s == math.inf:
            return
        elapsed = self.elapsed()
        if elapsed > self.budget_s:
            raise DeadlineExceeded(stage, self.budget_s, elapsed)


NO_DEADLINE = Deadline(math.inf)  # the default of the steps' ``deadline=``: never expires, reads no clock
