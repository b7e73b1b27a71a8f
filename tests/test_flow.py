"""The whole flow on the sample texts plus planted bad files, under a temporary Prefect server."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from flows import curate as curate_module
from flows import io
from flows.config import QualityThresholds, RunConfig
from schemas import dictionary
from schemas.tables import TABLES, arrow_schema
from tests.conftest import RAW

pytestmark = pytest.mark.flow


@pytest.fixture(scope="module")
def raw_dir(sample_raw_dir):
    return sample_raw_dir


@pytest.fixture(scope="module")
def curated(sample_build):
    return sample_build


def test_every_table_is_published_with_its_schema(curated):
    out, summary = curated
    for name, model in TABLES.items():
        table = pq.read_table(out / f"{name}.parquet")
        assert table.schema.equals(arrow_schema(model), check_metadata=False), name
    assert summary["rows"]["documents"] == 2
    assert not list(out.glob(".staging-*")), "staging folder left behind"
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


def test_the_run_is_published_as_one_snapshot_behind_current_and_stable_links(curated):
    out, summary = curated
    assert os.readlink(out / "current") == f"snapshots/{summary['run_id']}"
    manifest = json.loads((out / "current" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run_id"] == summary["run_id"] and set(manifest["tables"]) == set(TABLES)
    for name in TABLES:
        assert os.readlink(out / f"{name}.parquet") == f"current/{name}.parquet", name
        assert manifest["tables"][name]["sha256"] == hashlib.sha256((out / f"{name}.parquet").read_bytes()).hexdigest()
        assert manifest["tables"][name]["rows"] == summary["rows"][name], name
    assert not (out / "reports" / ".index.html.k2j4.tmp").exists()
    history = [json.loads(line) for line in (out / "reports" / "history.jsonl").read_text().splitlines()]
    assert history[-1]["run_id"] == summary["run_id"] and history[-1]["status"] == "published"


def test_the_run_publishes_the_data_dictionary_and_the_views_with_its_snapshot(curated):
    out, summary = curated
    docs = dictionary.curated_docs()
    for name, text in docs.items():
        assert (out / "snapshots" / summary["run_id"] / name).read_text(encoding="utf-8") == text, name
        assert not (out / name).is_symlink() and (out / name).read_text(encoding="utf-8") == text, name
    con = duckdb.connect()
    con.execute(f"SET file_search_path = '{out / 'current'}'")
    con.execute(docs[dictionary.VIEWS])
    for name in TABLES:
        assert con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] == summary["rows"][name], name


def test_a_second_run_on_a_locked_folder_fails_at_once_with_a_clear_error(prefect_harness, raw_dir, tmp_path,
                                                                          capsys):
    out = tmp_path / "curated"
    with io.curated_lock(out.resolve()):                          # planted: another run holds the folder
        assert curate_module.main(["--raw", str(raw_dir), "--curated", str(out), "--no-data-docs"]) == 3
    assert f"error: another run holds the lock on {out.resolve()}" in capsys.readouterr().err.splitlines()
    assert sorted(p.name for p in out.iterdir()) == [".lock"]


def test_unreadable_files_become_rejections_and_the_run_completes(curated):
    out, _ = curated
    rejections = pq.read_table(out / "rejections.parquet").to_pylist()
    by_path = {r["source_path"]: r["reason"] for r in rejections}
    assert by_path == {"empty.txt": "empty_file", "image.txt": "binary_content", "empty-\\xff.txt": "empty_file",
                       "fifo.txt": "unreadable_file", "dangling.txt": "unreadable_file",
                       "folder.txt": "unreadable_file", "escape.txt": "unreadable_file", "huge.txt": "too_large"}
    why = {r["source_path"]: r["detail"].split(":")[1].strip() for r in rejections if r["reason"] == "unreadable_file"}
    assert why == {"fifo.txt": "not_a_regular_file", "dangling.txt": "broken_symlink",
                   "folder.txt": "not_a_regular_file", "escape.txt": "outside_raw_folder"}
    huge = next(r for r in rejections if r["reason"] == "too_large")
    assert huge["stage"] == "ingest" and f"{RunConfig().max_file_bytes + 1:,} bytes" in huge["detail"]
    docs = pq.read_table(out / "documents.parquet").column("source_path").to_pylist()
    assert sorted(docs) == sorted(p.name for p in RAW.glob("*.txt"))


def test_duckdb_joins_statements_to_paragraphs_to_documents(curated):
    out, _ = curated
    con = duckdb.connect()
    rows = con.execute(f"""
        SELECT d.source_path, count(*) AS n, count(DISTINCT p.paragraph_id) AS paragraphs
        FROM read_parquet('{out}/statements.parquet') s
        JOIN read_parquet('{out}/paragraphs.parquet') p USING (paragraph_id)
        JOIN read_parquet('{out}/documents.parquet') d ON d.document_id = s.document_id
        GROUP BY 1 ORDER BY 1""").fetchall()
    stmts = con.execute(f"SELECT count(*) FROM read_parquet('{out}/statements.parquet')").fetchone()[0]
    assert len(rows) == 2 and sum(r[1] for r in rows) == stmts
    assert all(r[2] > 0 for r in rows)


def test_polars_and_pandas_read_the_tables_as_is(curated):
    out, _ = curated
    s = pl.read_parquet(out / "statements.parquet")
    p = pl.read_parquet(out / "paragraphs.parquet")
    d = pl.read_parquet(out / "documents.parquet")
    joined = s.join(p, on="paragraph_id", suffix="_p").join(d, on="document_id", suffix="_d")
    assert joined.height == s.height
    assert d.schema["published_date"] == pl.Date
    frame = pd.read_parquet(out / "statements.parquet")
    assert set(frame["mode"].astype(str)) <= {"narration", "direct", "indirect", "turn"}


def test_offsets_point_into_the_clean_text(curated):
    out, _ = curated
    texts = {r["document_id"]: r["clean_text"] for r in
             pq.read_table(out / "documents.parquet", columns=["document_id", "clean_text"]).to_pylist()}
    for name in ("paragraphs", "statements"):
        for row in pq.read_table(out / f"{name}.parquet").to_pylist():
            assert texts[row["document_id"]][row["char_start"]:row["char_end"]] == row["text"]


def test_the_report_is_written(curated):
    out, _ = curated
    assert (out / "reports" / "index.html").stat().st_size > 0
    assert (out / "reports" / "history.jsonl").exists()


def test_a_second_run_gives_the_same_ids(prefect_harness, raw_dir, curated, tmp_path):
    first, _ = curated
    curate_module.curate(RunConfig(raw_dir=raw_dir, curated_dir=tmp_path, build_data_docs=False))
    for name in ("documents", "paragraphs", "statements"):
        key = arrow_schema(TABLES[name]).metadata[b"primary_key"].decode()
        a = pq.read_table(first / f"{name}.parquet").column(key).to_pylist()
        b = pq.read_table(tmp_path / f"{name}.parquet").column(key).to_pylist()
        assert a == b, name


def test_command_line_exit_codes(prefect_harness, raw_dir, tmp_path):
    assert curate_module.main(["--raw", str(tmp_path / "missing"), "--curated", str(tmp_path / "c")]) == 2
    (tmp_path / "empty_raw").mkdir()
    assert curate_module.main(["--raw", str(tmp_path / "empty_raw"), "--curated", str(tmp_path / "c")]) == 2
    assert not (tmp_path / "c").exists()
    assert curate_module.main(["--raw", str(raw_dir), "--curated", str(tmp_path / "c"), "--no-data-docs"]) == 0
    assert (tmp_path / "c" / "statements.parquet").exists()


def test_systemic_failure_keeps_the_previous_tables_and_fails_the_run(prefect_harness, raw_dir, tmp_path,
                                                                       monkeypatch):
    out = tmp_path / "curated"
    assert curate_module.main(["--raw", str(raw_dir), "--curated", str(out), "--no-data-docs"]) == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}

    original = curate_module.assemble.document_rows

    def shifted_offsets(*args, **kwargs):  # planted defect: every statement's offsets are off by one
        rows = original(*args, **kwargs)
        rows.tables["statements"] = [{**s, "char_start": s["char_start"] + 1, "char_end": s["char_end"] + 1}
                                     for s in rows.tables.get("statements", [])]
        return rows

    monkeypatch.setattr(curate_module.assemble, "document_rows", shifted_offsets)
    state = curate_module.curate(RunConfig(raw_dir=raw_dir, curated_dir=out, build_data_docs=False),
                                 return_state=True)
    assert state.is_failed()
    assert {p.name: p.read_bytes() for p in out.glob("*.parquet")} == before     # the whole set, rejections too
    kept = _failed_run_rejections(out)
    run_ids = [h["run_id"] for h in io.read_history(out / "reports" / "history.jsonl")]
    assert len(run_ids) == len(set(run_ids)) == 2, run_ids      # the failed run wrote its entry once
    assert pq.read_table(kept).schema.equals(arrow_schema(TABLES["rejections"]), check_metadata=False)
    page = (out / "reports" / "index.html").read_text(encoding="utf-8")
    assert "failed" in page.lower() and kept.relative_to(out).as_posix() in page


def _ended_in_the_middle(monkeypatch, err: BaseException) -> None:
    """Planted: assembling the staged batch parts raises ``err`` (the run holds the lock, staging exists)."""
    def assemble_tables(staging, *_):
        assert any(staging.glob("parts/*/*.parquet")), "planted too early: no part staged yet"
        raise err

    monkeypatch.setattr(curate_module, "assemble_tables", assemble_tables)


def _ended_cleanly(out, before: dict) -> dict:
    """The checks every ended run must pass; returns its history entry."""
    assert not list(out.glob(".staging-*")), "staging folder left behind"
    with io.curated_lock(out):                                   # the lock is free for the next run
        pass
    assert {p.name: p.read_bytes() for p in out.glob("*.parquet")} == before
    history = io.read_history(out / "reports" / "history.jsonl")
    assert [h["status"] for h in history] == ["published", history[-1]["status"]]
    return history[-1]


@pytest.fixture
def published(prefect_harness, raw_dir, tmp_path):
    """A curated folder with one published run; its tables' bytes."""
    out = tmp_path / "curated"
    assert curate_module.main(["--raw", str(raw_dir), "--curated", str(out), "--no-data-docs"]) == 0
    return out, {p.name: p.read_bytes() for p in out.glob("*.parquet")}


def test_a_crash_after_the_lock_is_taken_is_recorded_in_history(published, raw_dir, monkeypatch, capsys):
    out, before = published
    _ended_in_the_middle(monkeypatch, OSError(28, "No space left on device"))
    assert curate_module.main(["--raw", str(raw_dir), "--curated", str(out), "--no-data-docs"]) == 1
    assert "error: run failed: OSError: [Errno 28] No space left on device" in capsys.readouterr().err
    entry = _ended_cleanly(out, before)
    assert (entry["status"], entry["error_type"], entry["error"]) == (
        "crashed", "OSError", "[Errno 28] No space left on device")
    assert entry["passed"] is False and entry["files_read"] == len(list(raw_dir.iterdir()))


def test_an_interrupt_in_the_middle_of_a_run_ends_it_cleanly_with_exit_130(published, raw_dir, monkeypatch,
                                                                          capsys):
    import signal

    from flows.signals import RunInterrupted

    out, before = published
    _ended_in_the_middle(monkeypatch, RunInterrupted(signal.SIGINT))       # as Ctrl-C raises it in main
    assert curate_module.main(["--raw", str(raw_dir), "--curated", str(out), "--no-data-docs"]) == 130
    assert capsys.readouterr().err.startswith("error: interrupted by SIGINT")
    entry = _ended_cleanly(out, before)
    assert (entry["status"], entry["signal"]) == ("interrupted", "SIGINT")


def _failed_run_rejections(out):
    """The one failed run's rejections, beside its report (never in the published set)."""
    failed = [h["run_id"] for h in io.read_history(out / "reports" / "history.jsonl") if h["status"] == "failed"]
    assert len(failed) == 1
    kept = out / "reports" / "runs" / failed[0] / "rejections.parquet"
    assert kept.is_file() and not kept.is_symlink()
    return kept


FUTURE_FILE = "004_1c2c69ff573f9963.txt"


def _future_date_in(monkeypatch, path: str) -> None:
    """Planted content defect: the document of raw file ``path`` gets a publication date in 2999."""
    original = curate_module.assemble.document_rows

    def future_date(source, *args, **kwargs):
        rows = original(source, *args, **kwargs)
        if source.path == path:
            rows.tables["documents"] = [{**d, "published_date": dt.date(2999, 1, 1)}
                                        for d in rows.tables.get("documents", [])]
        return rows

    monkeypatch.setattr(curate_module.assemble, "document_rows", future_date)


def test_a_document_dated_in_the_future_is_quarantined_and_the_rest_published(prefect_harness, raw_dir,
                                                                               tmp_path, monkeypatch):
    assert (raw_dir / FUTURE_FILE).exists()
    _future_date_in(monkeypatch, FUTURE_FILE)
    config = RunConfig(raw_dir=raw_dir, curated_dir=tmp_path, build_data_docs=False,
                       quality=QualityThresholds(max_quarantined_share=0.5))
    summary = curate_module.curate(config)
    assert summary["quarantined"] == {"documents.published_date.not_in_future": [FUTURE_FILE]}
    docs = pq.read_table(tmp_path / "documents.parquet").column("source_path").to_pylist()
    assert docs == [p.name for p in sorted(RAW.glob("*.txt")) if p.name != FUTURE_FILE]
    for name in ("paragraphs", "statements", "document_speakers", "removed_lines"):
        published = pq.read_table(tmp_path / f"{name}.parquet").column("source_path").to_pylist()
        assert FUTURE_FILE not in published, name
    rejections = pq.read_table(tmp_path / "rejections.parquet").to_pylist()
    quarantined = [r for r in rejections if r["stage"] == "quality"]
    assert {r["source_path"] for r in quarantined} == {FUTURE_FILE}
    assert {r["reason"] for r in quarantined} == {"documents.published_date.not_in_future"}
    assert {r["table"] for r in quarantined} >= {"documents", "paragraphs", "statements"}
    assert "2999-01-01" in next(r["detail"] for r in quarantined if r["table"] == "documents")
    assert summary["rows"]["documents"] == len(docs)
    page = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "PASSED WITH QUARANTINE" in page and FUTURE_FILE in page


def test_too_many_quarantined_documents_keep_the_previous_tables(prefect_harness, raw_dir, tmp_path,
                                                                 monkeypatch):
    """One of two documents quarantined is over the default max_quarantined_share (20%)."""
    out = tmp_path / "curated"
    assert curate_module.main(["--raw", str(raw_dir), "--curated", str(out), "--no-data-docs"]) == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    _future_date_in(monkeypatch, FUTURE_FILE)
    state = curate_module.curate(RunConfig(raw_dir=raw_dir, curated_dir=out, build_data_docs=False),
                                 return_state=True)
    assert state.is_failed() and "documents.quarantined_share" in str(state.message)
    assert {p.name: p.read_bytes() for p in out.glob("*.parquet")} == before     # the whole set, rejections too
    rejected = pq.read_table(_failed_run_rejections(out)).to_pylist()
    assert {r["source_path"] for r in rejected if r["stage"] == "quality"} == {FUTURE_FILE}


def test_quality_summary_is_published_as_prefect_artifacts(curated):
    import httpx
    from prefect.settings import PREFECT_API_URL

    # plain REST call: the 3.8 client sends nulls for unset filter fields, which this server refuses
    keys = ["curation-quality-summary", "curation-quality-checks"]
    response = httpx.post(f"{PREFECT_API_URL.value()}/artifacts/filter", timeout=30,
                          json={"artifacts": {"key": {"any_": keys}}, "limit": 50, "offset": 0,
                                "sort": "CREATED_DESC"})
    response.raise_for_status()
    by_type = {a["type"]: a for a in response.json()}
    assert {"markdown", "table"} <= set(by_type)
    assert "statements" in str(by_type["markdown"]["data"])
    assert "documents.document_id.unique" in str(by_type["table"]["data"])
