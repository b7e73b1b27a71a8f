"""Tests for duplicate groups (flows.steps.dedup, re-exported as clean.duplicate_groups)."""
from __future__ import annotations

from flows.steps import clean


STORY = ("China has lifted nearly 100 million rural people out of poverty in the past eight years, "
         "officials said on Tuesday at a forum in Beijing attended by experts from many countries. "
         "The white paper describes the methods used and the results achieved in every province. ")


def test_duplicate_groups_exact_and_near_and_distinct():
    bodies = {
        "a": STORY * 2,
        "b": (STORY * 2).upper(),                                      # identical clean text, case differs
        "c": STORY * 2 + "The forum closed on Wednesday with a joint declaration.",   # syndicated, lightly edited
        "d": "An entirely different report about football results and the weather over the weekend. " * 4,
    }
    groups = clean.duplicate_groups(bodies)
    assert groups["a"] == groups["b"] == groups["c"] == "a"
    assert groups["d"] == "d"


def test_duplicate_groups_is_deterministic_and_total():
    bodies = {f"id{i}": f"Unique story number {i} about topic {i * 7} with details {i * 13}." for i in range(5)}
    assert clean.duplicate_groups(bodies) == {k: k for k in bodies}
