"""Issue 9: the patterns that read input text run in linear time.

Each case plants one adversarial run (spaces after a dateline's place, spaces after a date's day,
dots, blank lines, spaces inside a byline) at 4x the size of a first call and checks the larger
call costs at most a generous multiple of 4x the smaller (a quadratic pattern costs 16x, the old
dateline pattern far more: 409 spaces took seconds) and stays within a per-call budget.
(boilerplate.boilerplate_rule is not here: it reads lines of at most 400 characters.)
"""
from __future__ import annotations

import time

import pytest

from flows.steps import clean, header, segment

SMALL, LARGE = 12_000, 48_000       # characters; LARGE = 4 x SMALL
MAX_RATIO = 10                      # linear is 4; quadratic would be 16
BUDGET_S = 5.0                      # per call, on a busy 2-core machine


def _seconds(fn, text: str) -> float:
    best = float("inf")
    for _ in range(2):                          # best of two: a scheduler hiccup is not the pattern
        start = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - start)
    return best


CASES = {
    # defect planted: a run of spaces after a dateline's place (DATELINE's adjacent \s* backtracking)
    "dateline_place_then_spaces": (header.dateline, lambda n: "A" + " " * n + "x"),
    "dateline_date_then_spaces": (header.dateline, lambda n: "BEIJING, Dec. 8" + " " * n + "x"),
    "dateline_day_month_then_spaces": (header.dateline, lambda n: "GENEVA, 8 Dec." + " " * n + "x"),
    # a run of spaces between a date's day and its year
    "found_date_month_day_spaces": (header.found_date, lambda n: "Dec 8" + " " * n + "x"),
    "found_date_day_month_spaces": (header.found_date, lambda n: "1 jan" + " " * n + "x"),
    # a run of spaces inside a byline (name separators, "X reporter Y")
    "byline_spaces": (header.byline, lambda n: "A" + " " * n + "x"),
    # a paragraph of dots, and a body of blank-looking lines
    "sentence_spans_dots": (segment.sentence_spans, lambda n: "A" + "." * n + "x"),
    "paragraph_spans_blank_line": (segment.paragraph_spans, lambda n: " " * n + "\nA line."),
    # the whole cleaning step on a document whose first lines are the planted runs
    "cleaned_document": (clean.cleaned_document,
                         lambda n: "A" + " " * (n // 2) + "x\nBEIJING, Dec. 8" + " " * (n // 2) + "-- x\n"
                                   "A body sentence follows here, as in any news story."),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_adversarial_input_costs_linear_time(name):
    fn, make = CASES[name]
    fn(make(100))                                   # warm up (imports, caches)
    small, large = _seconds(fn, make(SMALL)), _seconds(fn, make(LARGE))
    assert large <= BUDGET_S, f"{name}: {large:.2f}s for {LARGE} characters"
    assert large <= MAX_RATIO * max(small, 0.005), (
        f"{name}: {small:.4f}s for {SMALL} characters but {large:.4f}s for {LARGE} (ratio {large / max(small, 1e-9):.1f})")
