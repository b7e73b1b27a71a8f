"""Data quality: expectation suites derived from schemas/, cross-table rules, and the run report.

Public API:

- ``quality_result(tables, *, thresholds, files_read, today, data_docs_dir=None) -> QualityResult``
- ``CheckResult``, ``QualityResult``
- ``expectations(table, model) -> list[Expectation]`` (the derived column checks, without GX)
- ``summary_html``, ``history_entry``, ``markdown_summary``, ``summary_rows`` (flows.quality.report)

Great Expectations is imported lazily, only inside ``quality_result``.
"""
from __future__ import annotations

from flows.quality.check import quality_result
from flows.quality.expectations import Expectation, expectations
from flows.quality.report import history_entry, markdown_summary, summary_html, summary_rows
from flows.quality.results import CheckResult, QualityResult

__all__ = ["CheckResult", "Expectation", "QualityResult", "expectations", "history_entry", "markdown_summary",
           "quality_result", "summary_html", "summary_rows"]
