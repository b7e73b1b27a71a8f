"""The per-file time budget (issue 9): a cooperative deadline, checked between stages and inside them.

No test sleeps or measures wall time: the clocks here are counters the test drives."""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

import pytest

from flows.steps import assemble
from flows.steps.deadline import NO_DEADLINE, Deadline, DeadlineExceeded

LINEAGE = assemble.Lineage(run_id="run-1", pipeline_version="0.0.test")


class ManualClock:
    """A clock that moves only when the test says so."""

    def __init__(self, now: float = 100.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_deadline_raises_only_once_its_budget_is_spent_and_names_the_stage():
    clock = ManualClock()
    deadline = Deadline(5.0, clock=clock)
    clock.now += 5.0
    deadline.check("clean")                              # exactly the budget: not over it
    clock.now += 0.25
    with pytest.raises(DeadlineExceeded) as info:
        deadline.check("parse")
    err = info.value
    assert (err.stage, err.reason, err.budget_s, err.elapsed_s) == ("parse", "timeout", 5.0, 5.25)
    assert "time budget of 5 s per file spent during parse (5.25 s elapsed)" in str(err)


def test_no_deadline_never_expires_and_never_reads_a_clock():
    def clock():
        raise AssertionError("NO_DEADLINE read a clock")

    unlimited = Deadline(math.inf, clock=lambda: 0.0)
    object.__setattr__(unlimited, "clock", clock)       # planted: a clock that must not be read
    unlimited.check("attribute")
    NO_DEADLINE.check("attribute")
    assert NO_DEADLINE.budget_s == math.inf


@pytest.mark.parametrize("budget", [0, -1.0, math.nan])
def test_a_budget_must_be_above_zero(budget):
    with pytest.raises(ValueError, match="must be above zero"):
        Deadline(budget)


@dataclass(frozen=True)
class RecordingDeadline(Deadline):
    """A deadline that never expires and records the stage of every check, in order."""

    stages: list = field(default_factory=list)

    def check(self, stage: str) -> None:
        self.stages.append(stage)


def _runs(stages: list[str]) -> list[str]:
    return [stage for stage, _ in itertools.groupby(stages)]


# Invented: a 12-paragraph English report with quotations, so that every stage has work to do.
STORY = "Harbour ferry fares rise\n\n" + "\n\n".join(
    f"\"The fares will rise by {n} percent,\" said Mayor Ada Quill on Monday. The council agreed. "
    f"Residents of ward {n} were not asked." for n in range(12)) + "\n"
SOURCE = assemble.Source(path="ferry-fares.txt", data=STORY.encode())


@pytest.fixture(scope="module")
def checks() -> list[str]:
    deadline = RecordingDeadline(math.inf)
    rows = assemble.document_rows(SOURCE, LINEAGE, deadline=deadline)
    assert rows.tables["documents"] and rows.tables["statements"]
    return deadline.stages


def test_the_deadline_is_checked_between_stages_and_per_line_paragraph_sentence_and_sieve(checks):
    # the surface rules split sentences and decide speech before the parse; the sieves read the parse after it
    assert _runs(checks) == ["ingest", "clean", "segment", "attribute", "parse", "attribute"]
    statements = len(assemble.document_rows(SOURCE, LINEAGE).tables["statements"])
    assert checks.count("clean") >= 2 * 12                 # every line, in the header zone and in the body
    assert checks.count("segment") >= 12 + 1               # every paragraph, and after the paragraphs
    assert checks.count("parse") == statements == 36       # every sentence parsed
    assert checks.count("attribute") >= 12 + 8             # every paragraph's speech, and every sieve


@pytest.mark.parametrize("stage", ["ingest", "clean", "segment", "parse", "attribute"])
def test_a_file_over_its_budget_is_one_timeout_rejection_at_the_stage_it_was_in(checks, stage):
    """Planted: a clock that moves one second per reading, so the file 'takes' one second per check; the
    budget runs out at the first check of ``stage``."""
    first = checks.index(stage)                          # 0-based: that check reads the clock at first + 1
    deadline = Deadline(first + 0.5, clock=itertools.count().__next__)
    rows = assemble.rows_for_source(SOURCE, LINEAGE, deadline=deadline).tables
    assert set(rows) == {"rejections"}                   # no half document: no rows in any data table
    (rejection,) = rows["rejections"]
    assert (rejection["stage"], rejection["reason"], rejection["table"]) == (stage, "timeout", "documents")
    assert rejection["source_path"] == "ferry-fares.txt" and rejection["source_sha256"] == SOURCE.sha256
    assert rejection["detail"].startswith(f"ferry-fares.txt: time budget of {first + 0.5:g} s per file spent "
                                          f"during {stage}")


def test_a_file_within_its_budget_gives_the_same_rows_as_with_none(checks):
    deadline = Deadline(len(checks) + 0.5, clock=itertools.count().__next__)   # the last check reads len(checks)
    timed = assemble.rows_for_source(SOURCE, LINEAGE, deadline=deadline).tables
    assert "rejections" not in timed
    assert timed == assemble.rows_for_source(SOURCE, LINEAGE).tables
