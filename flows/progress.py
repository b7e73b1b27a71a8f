"""How far a run is, as plain log lines: raw files done of the total, megabytes read, the rate and the time
left. Pure: the caller passes the clock's readings; the flow logs the lines (flows/curate.py)."""
from __future__ import annotations

from dataclasses import dataclass, replace

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

    def due(self) -> bool:
        """Whether a line is due: the last file is done, or ``every_s`` passed since the last line (or start)."""
        since = self.started if self.last_line_at is None else self.last_line_at
        return self.files_done >= self.files_total or self.at - since >= self.every_s

    def logged(self) -> Progress:
        """This progress with its line just written."""
        return replace(self, last_line_at=self.at)

    def line(self) -> str:
        """E.g. ``120/861 raw files (14%), 35.2 MB read at 1.85 MB/s, 19 s elapsed, about 117 s left``."""
        elapsed = max(self.at - self.started, 0.0)
        share = self.files_done / self.files_total if self.files_total else 1.0
        rate = self.bytes_done / MB / elapsed if elapsed > 0 else 0.0
        text = (f"{self.files_done}/{self.files_total} raw files ({share:.0%}), {self.bytes_done / MB:.1f} MB read "
                f"at {rate:.2f} MB/s, {elapsed:.0f} s elapsed")
        if 0 < self.files_done < self.files_total:
            text += f", about {elapsed * (self.files_total - self.files_done) / self.files_done:.0f} s left"
        return text
