"""quality_result: the derived GX suites plus the hand-written rules, over the tables of one run."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pyarrow as pa

from flows.config import QualityThresholds
from flows.quality.expectations import expectations
from flows.quality.gx_engine import release_context, run_suites
from flows.quality.quarantine import ROW_LEVEL, Publish, Quarantine, in_memory, offences, quarantine, quarantine_checks
from flows.quality.results import CheckResult, QualityResult
from flows.quality.rules import corpus_warnings, critical_rules, row_warnings, unique_keys
from flows.quality.sources import decoded, table_sources
from schemas.tables import TABLES, arrow_schema, primary_key

UNIQUE = "ExpectColumnValuesToBeUnique"  # the derived expectation that needs a whole column at once


def complete_tables(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """The given tables (dictionary columns decoded), with an empty table (model schema) for each
    curated table not given."""
    return {name: decoded(tables.get(name, arrow_schema(model).empty_table())) for name, model in TABLES.items()} | {
        name: table for name, table in tables.items() if name not in TABLES}


def quality_result(tables: dict, *, thresholds: QualityThresholds, files_read: int,
                   today: dt.date, data_docs_dir: Path | None = None) -> QualityResult:
    """Run every check on a run's tables: tables in memory, or sources that read them from files a lot of rows at
    a time (flows/quality/sources.py), so that no table is held whole. Pure, except that it reads the sources and
    writes GX Data Docs when data_docs_dir is given.

    - derived column expectations (flows.quality.expectations), executed by Great Expectations on bounded
      pandas batches (``gx_engine.GX_ROWS`` rows), one suite per table, the results merged — engine "gx";
      ``unique`` needs the whole column: it is checked on the key column alone across the table (engine "rule",
      ``rules.unique_keys``) — severity critical;
    - cross-table and content rules (flows.quality.rules) — engine "rule", severity critical;
    - corpus shares against ``thresholds`` — engine "rule", severity warning.

    The checks that judge one document's content (``flows.quality.quarantine.ROW_LEVEL``, from either
    engine) get severity "quarantine": their failing rows do not fail the run but send their documents to
    rejections (``quarantined_result``). Every other critical check is systemic.

    ``gx_seconds`` is the time Great Expectations took to validate (and build Data Docs);
    the one-time import of GX (~10 s, lazy) is reported apart in ``gx_import_seconds``.
    """
    sources = table_sources(tables)
    derived = [e for name, model in TABLES.items() for e in expectations(name, model)]
    keys = {name: primary_key(model) for name, model in TABLES.items()}
    gx_checks, index, gx_seconds, import_seconds = run_suites({n: sources[n] for n in TABLES},
                                                              [e for e in derived if e.gx_type != UNIQUE], keys,
                                                              data_docs_dir=data_docs_dir)
    release_context()  # GX keeps the last context, and the frames it read, unless told
    unique = unique_keys(sources, [(e.name, e.table, e.column) for e in derived if e.gx_type == UNIQUE])
    order = {e.name: i for i, e in enumerate(derived)}
    derived_checks = sorted(gx_checks + unique, key=lambda c: order.get(c.name, len(order)))
    rule_checks = critical_rules(sources, thresholds=thresholds, today=today)
    warnings = row_warnings(sources) + corpus_warnings(sources, thresholds=thresholds, files_read=files_read)
    return QualityResult(checks=tuple(_severity(c) for c in derived_checks + rule_checks + warnings),
                         gx_seconds=gx_seconds, data_docs_index=index, gx_import_seconds=import_seconds)


def _severity(check: CheckResult) -> CheckResult:
    return replace(check, severity="quarantine") if check.name in ROW_LEVEL else check


def quarantined_result(tables: dict, checked: QualityResult, *, thresholds: QualityThresholds, files_read: int,
                       today: dt.date, publish: Publish = in_memory) -> tuple[Quarantine, QualityResult]:
    """Quarantine the documents the row-level checks find in ``tables`` (already checked: ``checked``; tables in
    memory or sources), and the result that gates publishing what is left. ``publish`` makes each published
    table from its lots of rows (``quarantine``): in memory by default; the flow writes files.

    That result keeps ``checked``'s derived checks — removing whole documents with all their rows keeps
    per-row predicates and uniqueness true — and its quarantine checks (what the row-level checks found in
    the staged tables); re-runs the hand-written critical rules on what is published (references, offsets,
    counts...); adds the quarantine's own critical checks (share of documents quarantined, no row-level
    check firing on what is left) and recomputes the row and corpus warnings on what is published."""
    sources = table_sources(tables)
    found = quarantine(sources, offences(sources, thresholds=thresholds, today=today), publish)
    published = table_sources(found.tables)
    rechecked = {c.name: c for c in critical_rules(published, thresholds=thresholds, today=today)} \
        if found.offences else {}
    checks = [rechecked.get(c.name, c) if c.severity == "critical" else c
              for c in checked.checks if c.severity != "warning"]
    checks += quarantine_checks(sources["documents"].num_rows, found, thresholds=thresholds, today=today)
    checks += row_warnings(published) + corpus_warnings(published, thresholds=thresholds, files_read=files_read)
    return found, replace(checked, checks=tuple(checks))
