"""The worker-scaling benchmark: its batch sizes, its comparison of runs, and one real run of 1 and 2 worker
processes on files written for the test. Speed is a benchmark figure, never asserted here."""
from __future__ import annotations

import argparse
import json

import pyarrow as pa
import pytest

from flows import scaling

TEXT = ("Harbour council backs the new ferry plan\nBy Ana Lima\nMarch 3, 2021\n\n"
        "The council voted on Tuesday to fund two ferries for the island route.\n\n"
        '"We have waited ten years for this," said Rui Costa, the mayor.\n')


def test_batch_size_gives_the_largest_worker_count_four_batches_a_worker():
    assert scaling.batch_size_for(160, 4) == 10
    assert scaling.batch_size_for(3, 16) == 1        # never an empty batch size


def test_worker_counts_must_be_positive_whole_numbers():
    assert scaling.worker_counts("1,2, 4") == [1, 2, 4]
    with pytest.raises(argparse.ArgumentTypeError):
        scaling.worker_counts("0,2")


def test_a_changed_row_is_a_differing_table():
    first = {"documents": pa.table({"id": ["a", "b"]}), "statements": pa.table({"text": ["x"]})}
    changed = {"documents": pa.table({"id": ["a", "c"]}), "statements": pa.table({"text": ["x"]})}
    missing = {"documents": pa.table({"id": ["a", "b"]})}
    assert scaling.differing_tables(first, first) == []
    assert scaling.differing_tables(first, changed) == ["documents"]
    assert scaling.differing_tables(first, missing) == ["statements"]


def test_one_and_two_worker_processes_stage_the_same_tables(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(4):
        (raw / f"story-{i}.txt").write_text(TEXT.replace("two ferries", f"{i + 2} ferries"), encoding="utf-8")
    runs = list(scaling.scaled_runs(raw, [1, 2], 0, tmp_path / "work", tmp_path / "runs.jsonl"))
    assert [r["workers"] for r in runs] == [1, 2]
    assert [r["distinct_workers"] for r in runs] == [1, 2]       # the clock started with every worker warm
    assert all(r["differing"] == [] for r in runs)
    assert all(r["documents"] == 4 and r["files"] == 4 and r["statements"] > 0 for r in runs)
    assert runs[0]["batches"] == 4 and runs[0]["batch_size"] == 1  # four batches a worker at two workers
    logged = [json.loads(line) for line in (tmp_path / "runs.jsonl").read_text().splitlines()]
    assert [r["workers"] for r in logged] == [1, 2]
    assert "| 2 |" in scaling.printed_table(runs)
