"""Data quality: expectation suites derived from schemas/, cross-table rules, and the run report.

Public API
----------
- ``quality_result(tables, *, thresholds, files_read, today, data_docs_dir=None) -> QualityResult``
  runs every check; writes only GX Data Docs, and only when ``data_docs_dir`` is given.
- ``quarantined_result(tables, checked, *, thresholds, files_read, today) -> (Quarantine, QualityResult)``:
  moves the documents whose content fails a row-level check (``ROW_LEVEL_CHECKS``) to rejections and
  gives the result that gates publishing the rest (flows/quality/quarantine.py).
- ``CheckResult`` / ``QualityResult`` (``.critical_failures``, ``.quarantining``, ``.warnings``, ``.passed``,
  ``.check(name)``).
- ``summary_html(result, tables, *, run, history, data_docs_href) -> str``: one self-contained page.
- ``history_entry(result, tables, run) -> dict``: this run's figures for the history file.
- ``markdown_summary(result, tables, run) -> str`` and ``summary_rows(result) -> list[dict]``: Prefect artifacts.
- ``FIGURE_COLUMNS``: the columns of each table the report's figures read (the flow reads no others for it).
- ``expectations(table, model) -> list[Expectation]``: the derived column checks (no GX import).
- ``preload_gx()``: start importing GX (~10 s) in a background thread, so it overlaps with other work.

Check names are ``<table>.<column>.<kind>`` for derived column checks (engine "gx": not_null, unique,
in_set, minimum, min_length, pattern, iso639_1) and ``<table>.<rule>`` for hand-written rules (engine
"rule", flows/quality/rules.py). Corpus shares are warnings; row-level content checks (``ROW_LEVEL``)
quarantine documents; everything else is critical (systemic) and fails the run.

Great Expectations is imported lazily, only inside ``quality_result`` (or by ``preload_gx``).
"""
from __future__ import annotations

from flows.quality.check import quality_result, quarantined_result
from flows.quality.expectations import Expectation, expectations
from flows.quality.figures import FIGURE_COLUMNS
from flows.quality.gx_engine import preload as preload_gx
from flows.quality.report import history_entry, markdown_summary, summary_html, summary_rows
from flows.quality.quarantine import ROW_LEVEL, ROW_LEVEL_CHECKS, Offence, Quarantine, offences, quarantine
from flows.quality.results import CheckResult, QualityResult

__all__ = ["FIGURE_COLUMNS", "ROW_LEVEL", "ROW_LEVEL_CHECKS", "CheckResult", "Expectation", "Offence", "QualityResult",
           "Quarantine", "expectations", "history_entry", "markdown_summary", "offences", "preload_gx", "quality_result",
           "quarantine", "quarantined_result", "summary_html", "summary_rows"]
