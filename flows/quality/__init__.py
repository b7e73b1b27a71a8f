"""Data quality: expectation suites derived from schemas/, cross-table rules, and the run report.

Public API:

- ``quality_result(tables, *, thresholds, files_read, today, data_docs_dir=None) -> QualityResult``
- ``CheckResult``, ``QualityResult``
- ``expectations(table, model) -> list[Expectation]`` (the derived column checks, without GX)
- ``summary_html``, ``history_entry``, ``markdown_summary``, ``summary_rows`` (flows.quality.report)

- ``preload_gx()``: start importing GX (~10 s) in a background thread, so it overlaps with other work

Great Expectations is imported lazily, only inside ``quality_result`` (or by ``preload_gx``).
"""
from __future__ import annotations

from flows.quality.check import quality_result
from flows.quality.expectations import Expectation, expectations
from flows.quality.gx_engine import preload as preload_gx
from flows.quality.report import history_entry, markdown_summary, summary_html, summary_rows
from flows.quality.results import CheckResult, QualityResult

__all__ = ["CheckResult", "Expectation", "QualityResult", "expectations", "history_entry", "markdown_summary",
           "preload_gx", "quality_result", "summary_html", "summary_rows"]
