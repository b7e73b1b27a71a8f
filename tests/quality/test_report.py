"""The run report: self-contained summary page, history figures, Markdown and artifact rows."""
from __future__ import annotations

import json
import re

import pyarrow as pa
import pytest

from flows.config import QualityThresholds
from flows import io
from flows.quality import FIGURE_COLUMNS, QualityResult, history_entry, quarantined_result, markdown_summary, quality_result, summary_html, summary_rows

from .conftest import TODAY, build_tables, corpus, with_values

RUN = {"run_id": "20240601T120000Z-abc123", "pipeline_version": "0.1.0", "raw_dir": "/data/raw", "files_read": 4,
       "started_at": "2024-06-01T12:00:00+00:00", "status": "failed", "seconds": 3.2}


def defective_tables() -> dict[str, pa.Table]:
    """A narration sentence with a speaker (rule, systemic), a bad language code (GX, row-level: quarantines),
    one rejected file."""
    tables = build_tables()
    xi = tables["statements"].column("speaker_id")[1].as_py()
    tables["statements"] = with_values(tables["statements"], "speaker", {0: "Xi Jinping"})
    tables["statements"] = with_values(tables["statements"], "speaker_id", {0: xi})
    tables["speakers"] = with_values(tables["speakers"], "statement_count", {0: 2})
    tables["documents"] = with_values(tables["documents"], "language", {0: "english"})
    rej = tables["rejections"]
    row = {"source_path": "raw/empty.txt", "source_sha256": "0" * 64, "run_id": RUN["run_id"],
           "pipeline_version": "0.1.0", "rejection_id": "0" * 16, "stage": "ingest", "table": "documents",
           "document_id": None, "record_id": None, "reason": "empty_file", "detail": "0 bytes", "record_json": None}
    tables["rejections"] = pa.concat_tables([rej, pa.Table.from_pylist([row], schema=rej.schema)])
    return tables


def past_runs(n: int = 4) -> list[dict]:
    return [{"run_id": f"2024052{i}T100000Z-old{i:03d}", "started_at": f"2024-05-2{i}T10:00:00+00:00",
             "passed": True, "documents": 10 + 5 * i, "statements": 120 + 40 * i, "rejections": i,
             "critical_failures": 0, "warnings": i % 2, "share_narration": 0.6 + 0.02 * i,
             "share_without_date": 0.1, "rejection_rate": 0.01 * i, "gx_seconds": 2.0 + i / 10}
            for i in range(n)]


@pytest.fixture(scope="module")
def defective() -> tuple[QualityResult, dict[str, pa.Table]]:
    tables = defective_tables()
    result = quality_result(tables, thresholds=QualityThresholds(max_share_narration=0.5), files_read=4, today=TODAY)
    return result, tables


def test_summary_page_is_self_contained(defective) -> None:
    result, tables = defective
    page = summary_html(result, tables, run=RUN, history=past_runs(), data_docs_href="data_docs/index.html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert set(re.findall(r"https?://[^\s\"')]+", page)) <= {"http://www.w3.org/2000/svg"}
    assert 'href="data_docs/index.html"' in page.replace("'", '"')


def test_summary_page_shows_the_run(defective) -> None:
    result, tables = defective
    page = summary_html(result, tables, run=RUN, history=past_runs(), data_docs_href=None)
    for text in (RUN["run_id"], "FAILED", "statements.narration_has_no_speaker", "documents.language.iso639_1",
                 "statements.share_narration", "empty_file", "Statements by mode", "Xi Jinping", "2021-02",
                 "2024052" + "3T100000Z-old003", "Data Docs were not built"):
        assert text in page, text
    assert "<svg" in page


def test_history_entry_holds_this_runs_figures(defective) -> None:
    result, tables = defective
    entry = history_entry(result, tables, RUN)
    assert json.loads(json.dumps(entry)) == entry
    assert entry["run_id"] == RUN["run_id"] and entry["passed"] is False
    assert (entry["documents"], entry["paragraphs"], entry["statements"], entry["rejections"]) == (1, 2, 3, 1)
    assert entry["statements_by_mode"] == {"narration": 2, "direct": 1, "indirect": 0, "turn": 0}
    assert entry["documents_per_month"] == {"2021-02": 1}
    assert entry["top_speakers"] == [["Xi Jinping", 2]]
    assert entry["rejections_by_reason"] == [["ingest", "empty_file", 1]]
    assert entry["rejected_files"] == {"ingest/empty_file": {"files": ["raw/empty.txt"], "count": 1}}
    assert entry["rejection_rate"] == 0.25 and entry["share_narration"] == round(2 / 3, 4)
    assert entry["failed_checks"] == ["statements.narration_has_no_speaker"]
    assert entry["quarantining_checks"] == ["documents.language.iso639_1"]
    assert entry["warned_checks"] == ["rejections.rejection_rate", "statements.share_narration"]


def test_summary_page_counts_statements_by_attribution_rule(defective) -> None:
    result, tables = defective
    page = summary_html(result, tables, run=RUN, history=[], data_docs_href=None)
    section = re.search(r"<section id='statements-by-rule'>.*?</section>", page, re.S)
    assert section and "<h2>Statements by attribution rule</h2>" in section.group(0)
    cells = re.findall(r"<tr><td><code>(\w+)</code></td>((?:<td class='num'>[\d,]+</td>)+)</tr>", section.group(0))
    counts = {rule: re.findall(r">([\d,]+)<", nums) for rule, nums in cells}
    # statements, then narration, direct, indirect, turn
    assert counts == {"narration": ["2", "2", "0", "0", "0"], "quote_speaker": ["1", "0", "1", "0", "0"]}
    assert history_entry(result, tables, RUN)["statements_by_rule"] == {"narration": {"narration": 2},
                                                                        "quote_speaker": {"direct": 1}}
    assert "Statements by attribution rule: narration 2, quote_speaker 1." in markdown_summary(result, tables, RUN)


def test_current_run_is_not_listed_twice_in_history(defective) -> None:
    result, tables = defective
    history = past_runs() + [history_entry(result, tables, RUN)]
    page = summary_html(result, tables, run=RUN, history=history, data_docs_href=None)
    assert page.count(f"<code>{RUN['run_id']}</code>") == 1  # the history row (header uses id="run-id")


def test_markdown_summary_and_rows(defective) -> None:
    result, tables = defective
    md = markdown_summary(result, tables, RUN)
    assert md.startswith(f"# Data quality — run `{RUN['run_id']}`")
    assert "`statements.narration_has_no_speaker`" in md and "`rejections.rejection_rate`" in md
    rows = summary_rows(result)
    assert len(rows) == len(result.checks)
    assert [r["result"] for r in rows[:4]] == ["fail", "quarantined", "warn", "warn"]
    assert {r["check"] for r in rows[:2]} == {"statements.narration_has_no_speaker", "documents.language.iso639_1"}
    assert all(set(r) == {"check", "table", "severity", "engine", "result", "unexpected", "observed", "examples"}
               for r in rows)
    json.dumps(rows)


def test_report_of_an_empty_run() -> None:
    tables = {name: t.slice(0, 0) for name, t in build_tables().items()}
    result = quality_result(tables, thresholds=QualityThresholds(), files_read=0, today=TODAY)
    assert result.passed
    page = summary_html(result, tables, run={"run_id": "empty"}, history=[], data_docs_href=None)
    assert "no data" in page and "PASSED" in page
    assert history_entry(result, tables, {"run_id": "empty"})["documents"] == 0


def test_report_of_a_run_with_quarantine_names_the_raw_files() -> None:
    """Planted: a copyright line in a statement of raw/001_sample.txt; raw/000_sample.txt is clean."""
    from flows.quality import quarantined_result

    from .conftest import corpus

    body = [[("The forum opened in Beijing.", "narration", None),
             ("Copyright 2024 People's Daily. All rights reserved.", "narration", None)]]
    tables = corpus(build_tables(), build_tables(body, doc_no=1))
    thresholds = QualityThresholds(max_quarantined_share=0.5)
    checked = quality_result(tables, thresholds=thresholds, files_read=2, today=TODAY)
    found, result = quarantined_result(tables, checked, thresholds=thresholds, files_read=2, today=TODAY)
    run = RUN | {"status": "published", "files_read": 2}
    page = summary_html(result, found.tables, run=run, history=[], data_docs_href=None)
    section = re.search(r"<section id='quarantine'>.*?</section>", page, re.S).group(0)
    assert "Quarantined documents (1)" in section and "raw/001_sample.txt" in section
    assert "statements.no_boilerplate" in section and "All rights reserved" in section
    assert "raw/000_sample.txt" not in section and "PASSED WITH QUARANTINE" in page
    md = markdown_summary(result, found.tables, run)
    assert "| `statements.no_boilerplate` | 1 | `raw/001_sample.txt` |" in md and "1 documents quarantined" in md
    entry = history_entry(result, found.tables, run)
    assert entry["quarantined_documents"] == 1 and entry["documents"] == 1
    assert sorted(entry["quarantined_by_check"]) == ["paragraphs.no_boilerplate", "statements.no_boilerplate"]
    assert entry["rejection_rate"] == 0.5  # one raw file of two, however many of its rows were rejected
    assert {r["check"]: r["result"] for r in summary_rows(result)}["statements.no_boilerplate"] == "quarantined"


@pytest.mark.parametrize("entry, shown", [
    ({"passed": True}, "✓"),
    ({"passed": False, "status": "failed"}, "✗ FAIL"),
    ({"passed": False, "status": "interrupted", "signal": "SIGTERM"}, "✗ INTERRUPTED (SIGTERM)"),
    ({"passed": False, "status": "crashed", "error_type": "OSError"}, "✗ CRASHED (OSError)"),
])
def test_history_tells_a_failed_run_from_one_a_signal_or_an_error_ended(entry, shown) -> None:
    """Planted defect: interrupted and crashed runs showed in the history table as failed checks."""
    from flows.quality import report

    assert report._history_outcome(entry) == shown
    assert shown in report._history_section([{"run_id": "r1", **entry}], current_id=None)


def test_the_rejections_table_names_the_raw_files_of_each_reason(defective) -> None:
    """Planted: seven files time out during the parse (issue 9): the first five are named, then a count."""
    result, tables = defective
    rej = tables["rejections"]
    timeouts = [{**rej.slice(rej.num_rows - 1).to_pylist()[0], "rejection_id": f"{i:016x}", "stage": "parse",
                 "reason": "timeout", "source_path": f"raw/slow-{i}.txt", "detail": "time budget spent"}
                for i in range(7)]
    tables = {**tables, "rejections": pa.concat_tables([rej, pa.Table.from_pylist(timeouts, schema=rej.schema)])}
    page = summary_html(result, tables, run=RUN, history=[], data_docs_href=None)
    section = re.search(r"<div id=\"rejections\">.*?</div>", page, re.S).group(0)
    row = re.search(r"<tr><td>parse</td><td><code>timeout</code></td><td class='num'>7</td>(.*?)</tr>", section)
    assert row, section
    assert re.findall(r"<code>(.*?)</code>", row.group(1)) == [f"raw/slow-{i}.txt" for i in range(5)]
    assert "… and 2 more" in row.group(1)
    assert "<code>raw/empty.txt</code>" in section


def test_figures_from_the_report_columns_equal_those_from_whole_tables(tmp_path) -> None:
    """The flow's report reads only ``FIGURE_COLUMNS`` of each staged Parquet file. Defects planted: a document
    with a bad language code (quarantined: rejections of stage quality), one without a date, an ingest
    rejection - the figures read from the projected files must equal those of the whole tables."""
    tables = corpus(build_tables(doc_no=0), build_tables(doc_no=1), build_tables(doc_no=2))
    tables["documents"] = with_values(tables["documents"], "language", {0: "english"})
    tables["documents"] = with_values(tables["documents"], "published_date", {1: None})
    tables["rejections"] = defective_tables()["rejections"]
    result = quality_result(tables, thresholds=QualityThresholds(), files_read=4, today=TODAY)
    found, gated = quarantined_result(tables, result, thresholds=QualityThresholds(), files_read=4, today=TODAY)
    projected = {}
    for name, table in found.tables.items():
        path = io.write_parquet_atomic(table, tmp_path / f"{name}.parquet")
        projected[name] = io.read_parquet(path, columns=list(FIGURE_COLUMNS.get(name, ())))
    assert projected["paragraphs"].num_columns == 0 and projected["paragraphs"].num_rows > 0
    whole = history_entry(gated, found.tables, RUN)
    assert history_entry(gated, projected, RUN) == whole
    assert whole["quarantined_documents"] == 1 and whole["documents"] == 2 and whole["share_without_date"] == 0.5
    assert markdown_summary(gated, projected, RUN) == markdown_summary(gated, found.tables, RUN)
