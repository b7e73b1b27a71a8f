"""The result types of the quality step: one CheckResult per expectation or rule, one QualityResult per run."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# critical: a systemic failure (pipeline bug), fails the run; quarantine: a row-level content check whose
# failing rows send their documents to rejections (flows.quality.quarantine); warning: a corpus share.
Severity = Literal["critical", "quarantine", "warning"]
Engine = Literal["gx", "rule"]


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one named check on one table."""

    name: str
    table: str
    severity: Severity
    success: bool
    unexpected_count: int
    observed: str
    examples: tuple[str, ...]
    engine: Engine


@dataclass(frozen=True)
class QualityResult:
    """Every check of a run, the time Great Expectations took, and where its Data Docs are.

    ``gx_seconds``: GX validation (context, suites, validation, Data Docs), the figure that must stay
    under a quarter of the run; ``gx_import_seconds``: the one-time lazy import of GX this call paid for
    (0 when GX was already imported, e.g. by ``flows.quality.preload_gx()``)."""

    checks: tuple[CheckResult, ...]
    gx_seconds: float
    data_docs_index: str | None
    gx_import_seconds: float = 0.0

    @property
    def critical_failures(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if c.severity == "critical" and not c.success)

    @property
    def quarantining(self) -> tuple[CheckResult, ...]:
        """Row-level checks that found rows: their documents are quarantined, the run goes on."""
        return tuple(c for c in self.checks if c.severity == "quarantine" and not c.success)

    @property
    def warnings(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if c.severity == "warning" and not c.success)

    @property
    def passed(self) -> bool:
        """True when no critical check failed (quarantining checks and warnings do not fail a run)."""
        return not self.critical_failures

    def check(self, name: str) -> CheckResult:
        """The check called ``name`` (KeyError if there is none)."""
        for c in self.checks:
            if c.name == name:
                return c
        raise KeyError(name)
