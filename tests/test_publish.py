"""The io primitives that publish a run's tables as one set: snapshots, the current link, stable links,
pruning, the folder lock and debris removal. Tiny Parquet files in tmp_path; no Prefect."""
from __future__ import annotations

import json
import os

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows import io
from flows.config import RunConfig

NAMES = ("documents", "statements")
SCHEMA = pa.schema([("run", pa.string()), ("n", pa.int64())])


def _staged(tmp_path, run_id: str, rows: int = 2) -> dict:
    """One run's tables, fully written in its staging folder (every row names the run)."""
    staging = tmp_path / "curated" / f".staging-{run_id}" / "tables"
    table = pa.table({"run": [run_id] * rows, "n": list(range(rows))}, schema=SCHEMA)
    return {name: io.write_parquet_atomic(table, staging / f"{name}.parquet") for name in NAMES}


def _publish(tmp_path, run_id: str, *, keep: int = 3, rows: int = 2, docs: dict | None = None):
    """Publish one run as the flow does, its staging folder removed afterwards whatever happens."""
    curated = tmp_path / "curated"
    try:
        return io.published_snapshot(_staged(tmp_path, run_id, rows), curated, run_id=run_id,
                                     pipeline_version="0", build_dir=curated / f".staging-{run_id}" / "snapshot",
                                     keep=keep, docs=docs)
    finally:
        io.remove_tree(curated / f".staging-{run_id}")


def _runs_seen(curated) -> set[str]:
    """The run ids a reader of the stable paths sees, over every table."""
    return {r for name in NAMES for r in pq.read_table(curated / f"{name}.parquet").column("run").to_pylist()}


def test_a_publish_makes_a_snapshot_with_manifest_current_and_relative_stable_links(tmp_path):
    snapshot, pruned = _publish(tmp_path, "20250101T000000Z-aaaaaa", rows=3)
    curated = tmp_path / "curated"
    assert snapshot == curated / "snapshots" / "20250101T000000Z-aaaaaa" and pruned == []
    assert os.readlink(curated / "current") == "snapshots/20250101T000000Z-aaaaaa"
    for name in NAMES:
        assert os.readlink(curated / f"{name}.parquet") == f"current/{name}.parquet"
    manifest = json.loads((snapshot / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run_id"] == "20250101T000000Z-aaaaaa" and manifest["pipeline_version"] == "0"
    assert manifest["created_at"]
    for name in NAMES:
        entry = manifest["tables"][name]
        assert entry["rows"] == 3 and entry["file"] == f"{name}.parquet"
        assert entry["sha256"] == io.file_sha256(curated / f"{name}.parquet")
    assert _runs_seen(curated) == {"20250101T000000Z-aaaaaa"}


def test_the_docs_go_into_each_snapshot_and_beside_the_stable_paths_as_regular_files(tmp_path):
    curated = tmp_path / "curated"
    curated.mkdir()
    (curated / "README.md").write_text("committed copy of an older schema\n")   # planted: a stale committed copy
    first = _publish(tmp_path, "20250101T000000Z-aaaaaa", docs={"README.md": "v1\n", "views.sql": "-- v1\n"})[0]
    second = _publish(tmp_path, "20250102T000000Z-bbbbbb", docs={"README.md": "v2\n", "views.sql": "-- v2\n"})[0]
    assert (first / "README.md").read_text() == "v1\n" and (first / "views.sql").read_text() == "-- v1\n"
    assert (second / "README.md").read_text() == "v2\n" and (second / "views.sql").read_text() == "-- v2\n"
    for name, text in {"README.md": "v2\n", "views.sql": "-- v2\n"}.items():
        assert not (curated / name).is_symlink() and (curated / name).read_text() == text
        assert (curated / name).stat().st_mode & 0o777 == io.new_file_mode()
    manifest = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["tables"]) == set(NAMES)                  # the docs are no tables
    assert not list(curated.glob(".*.tmp")) and not list(second.glob(".*.tmp"))


def test_a_crash_inside_the_switch_leaves_the_previous_set_whole(tmp_path, monkeypatch):
    """Planted crash: the new snapshot is written, then the rename of the current link fails."""
    curated = tmp_path / "curated"
    _publish(tmp_path, "20250101T000000Z-aaaaaa")
    before = {name: (curated / f"{name}.parquet").read_bytes() for name in NAMES}
    real_replace = os.replace

    def crash_on_current(src, dst, *args, **kwargs):
        if os.path.basename(dst) == "current":
            raise OSError("killed during the switch")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(io.os, "replace", crash_on_current)
    with pytest.raises(OSError, match="killed during the switch"):
        _publish(tmp_path, "20250102T000000Z-bbbbbb")
    monkeypatch.undo()
    assert (curated / "snapshots" / "20250102T000000Z-bbbbbb" / "manifest.json").exists()  # written, not current
    assert io.current_snapshot(curated).name == "20250101T000000Z-aaaaaa"
    assert {name: (curated / f"{name}.parquet").read_bytes() for name in NAMES} == before
    assert _runs_seen(curated) == {"20250101T000000Z-aaaaaa"}
    assert not list(curated.glob(".*.tmp"))


def test_a_killed_switch_leaves_only_a_temp_link_that_the_next_run_removes(tmp_path):
    """Planted debris of a SIGKILL between symlink() and replace(): the temporary link, never renamed."""
    curated = tmp_path / "curated"
    _publish(tmp_path, "20250101T000000Z-aaaaaa")
    (curated / ".current.dead0001.tmp").symlink_to("snapshots/20250102T000000Z-bbbbbb")
    assert _runs_seen(curated) == {"20250101T000000Z-aaaaaa"}
    assert io.removed_debris(curated) == [curated / ".current.dead0001.tmp"]
    assert os.readlink(curated / "current") == "snapshots/20250101T000000Z-aaaaaa"


def test_old_snapshots_are_pruned_to_the_configured_count(tmp_path):
    runs = [f"2025010{i}T000000Z-{i:06d}" for i in range(1, 6)]
    for run_id in runs:
        _, pruned = _publish(tmp_path, run_id, keep=2)
    assert [p.name for p in pruned] == [runs[2]]
    assert sorted(p.name for p in (tmp_path / "curated" / "snapshots").iterdir()) == runs[-2:]
    assert _runs_seen(tmp_path / "curated") == {runs[-1]}


def test_pruning_never_deletes_the_current_snapshot_even_when_it_is_the_oldest():
    names = ["20250101-a", "20250102-b", "20250103-c", "20250104-d"]   # current rolled back to the oldest
    assert io.snapshots_to_prune(names, current="20250101-a", keep=2) == ["20250102-b", "20250103-c"]
    assert io.snapshots_to_prune(names, current="20250101-a", keep=1) == names[1:]
    assert io.snapshots_to_prune(names, current=None, keep=3) == ["20250101-a"]
    with pytest.raises(ValueError):
        io.snapshots_to_prune(names, current=None, keep=0)


def test_keep_snapshots_below_one_is_refused_by_the_config():
    assert RunConfig().keep_snapshots == 3
    with pytest.raises(ValueError):
        RunConfig(keep_snapshots=0)


def test_a_regular_file_of_the_old_layout_is_replaced_by_the_stable_link(tmp_path):
    """Planted: curated/statements.parquet as a plain file, as runs before snapshots left it."""
    curated = tmp_path / "curated"
    curated.mkdir()
    (curated / "statements.parquet").write_bytes(b"PAR1 from the old layout")
    _publish(tmp_path, "20250101T000000Z-aaaaaa")
    assert (curated / "statements.parquet").is_symlink()
    assert _runs_seen(curated) == {"20250101T000000Z-aaaaaa"}
    assert io.stable_table_links(curated, NAMES) == []            # made once: the next publish leaves them


def test_duckdb_reads_the_stable_path_through_the_links(tmp_path):
    _publish(tmp_path, "20250101T000000Z-aaaaaa", rows=2)
    _publish(tmp_path, "20250102T000000Z-bbbbbb", rows=5)
    path = tmp_path / "curated" / "statements.parquet"
    rows = duckdb.connect().execute(f"SELECT run, count(*) FROM read_parquet('{path}') GROUP BY 1").fetchall()
    assert rows == [("20250102T000000Z-bbbbbb", 5)]


def test_a_held_lock_refuses_a_second_run_at_once_and_is_released_after(tmp_path):
    curated = tmp_path / "curated"
    with io.curated_lock(curated):
        with pytest.raises(io.CuratedFolderLocked, match=f"another run holds the lock on {curated}$"):
            with io.curated_lock(curated):
                pass
    with io.curated_lock(curated) as lock:                         # free again once the holder is done
        assert lock == curated / ".lock"


def test_debris_of_a_killed_run_is_removed_and_nothing_else(tmp_path):
    """Planted debris: a .staging-x folder, a half-written atomic write in reports/, a temp link."""
    curated = tmp_path / "curated"
    _publish(tmp_path, "20250101T000000Z-aaaaaa")
    (curated / ".staging-x" / "parts").mkdir(parents=True)
    (curated / "reports").mkdir()
    (curated / "reports" / "index.html").write_text("kept")
    (curated / "reports" / ".index.html.k2j4.tmp").write_text("half")
    (curated / ".statements.parquet.abcd1234.tmp").symlink_to("current/statements.parquet")
    removed = io.removed_debris(curated)
    assert removed == [curated / ".staging-x", curated / ".statements.parquet.abcd1234.tmp",
                       curated / "reports" / ".index.html.k2j4.tmp"]
    assert not any(p.exists() or p.is_symlink() for p in removed)
    assert (curated / "reports" / "index.html").exists() and _runs_seen(curated) == {"20250101T000000Z-aaaaaa"}
    assert io.removed_debris(curated) == []


def test_a_failed_runs_rejections_go_beside_its_report_not_into_the_set(tmp_path):
    curated = tmp_path / "curated"
    _publish(tmp_path, "20250101T000000Z-aaaaaa")
    staged = _staged(tmp_path, "20250102T000000Z-bbbbbb")["documents"]
    kept = io.kept_failed_run_rejections(staged, curated / "reports", "20250102T000000Z-bbbbbb")
    assert kept == curated / "reports" / "runs" / "20250102T000000Z-bbbbbb" / "rejections.parquet"
    assert pq.read_table(kept).column("run").to_pylist() == ["20250102T000000Z-bbbbbb"] * 2
    assert _runs_seen(curated) == {"20250101T000000Z-aaaaaa"}
