"""Runs the derived expectations with Great Expectations 1.x, one suite per table, on bounded pandas batches: each
lot of a table's rows (``GX_ROWS`` at most) is validated and the results merged (``rules.merged``), so GX never
holds a whole table. A check that needs the whole column at once (``unique``) is not run here but corpus-wide on
the key column alone (``rules.unique_keys``).

Great Expectations takes ~10 s to import, so it is imported here, inside ``run_suites``, and only
when a run checks data. Analytics are switched off before the import (no network).
"""
from __future__ import annotations

import html
import logging
import math
import os
import threading
import time
from pathlib import Path
from typing import Any


from flows.quality.expectations import Expectation
from flows.quality.offline import make_site_offline
from flows.quality.results import CheckResult
from flows.quality.rules import merged

DATA_DOCS_SITE = "curated_quality"
MAX_EXAMPLES = 5
GX_ROWS = 16_384  # rows of a table GX validates at a time (a pandas frame of the columns its suite reads)


_preload: threading.Thread | None = None
_preload_lock = threading.Lock()


def _load() -> Any:
    os.environ["GX_ANALYTICS_ENABLED"] = "False"  # no network, before the import
    import great_expectations as gx  # noqa: PLC0415 (deliberately lazy: ~10 s import)

    return gx


def _import_gx() -> tuple[Any, float]:
    """Great Expectations, and the seconds this call spent importing (or waiting for a preload) it."""
    started = time.perf_counter()
    if _preload is not None:
        _preload.join()
    gx = _load()
    return gx, time.perf_counter() - started


def preload() -> threading.Thread:
    """Start importing Great Expectations in a background thread (idempotent).

    The import takes ~10 s; a flow can call this first thing so that the import overlaps with
    work that waits (server start-up, file reads). quality_result waits for it when it gets there.
    """
    global _preload
    with _preload_lock:
        if _preload is None:
            _preload = threading.Thread(target=_load, name="preload-great-expectations", daemon=True)
            _preload.start()
        return _preload


def release_context() -> None:
    """Drop Great Expectations' global reference to the last data context (``gx.get_context`` keeps one), and
    with it what that context holds of the run's data frames: ~100 MiB at the 30 MB benchmark corpus, kept
    otherwise through the quarantine and the report."""
    from great_expectations.data_context.data_context.context_factory import set_context  # noqa: PLC0415

    set_context(None)


def _lots(source: Any, columns: list[str]) -> Any:
    """The columns the expectations read (those the table has), a lot of rows at a time (``GX_ROWS`` at most)."""
    present = [c for c in dict.fromkeys(columns) if c in source.schema.names]
    return source.lots(present, GX_ROWS)


def _short(value: object, limit: int = 60) -> str:
    if isinstance(value, float) and math.isnan(value):
        return "null"
    if value is None:
        return "null"
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _examples(result: dict[str, Any], column: str, key: str | None) -> tuple[str, ...]:
    rows = [r for r in result.get("partial_unexpected_index_list") or [] if isinstance(r, dict)]
    if rows and key == column:
        return tuple(f"{key}={_short(r.get(key))}" for r in rows[:MAX_EXAMPLES])
    if rows and key:
        return tuple(f"{key}={_short(r.get(key))}: {column}={_short(r.get(column))}" for r in rows[:MAX_EXAMPLES])
    return tuple(_short(v) for v in (result.get("partial_unexpected_list") or [])[:MAX_EXAMPLES])


def _check(exp: Expectation, evr: Any, key: str | None) -> CheckResult:
    info = evr.exception_info or {}
    errors = [v for v in info.values() if isinstance(v, dict) and v.get("raised_exception")]
    if info.get("raised_exception"):
        errors.append(info)
    result = evr.result or {}
    unexpected = int(result.get("unexpected_count") or 0)
    if errors:
        observed = "error: " + str(errors[0].get("exception_message"))
    else:
        total = int(result.get("element_count") or 0)
        observed = f"{unexpected} of {total} rows unexpected"
    return CheckResult(name=exp.name, table=exp.table, severity="critical", success=bool(evr.success) and not errors,
                       unexpected_count=unexpected, observed=observed,
                       examples=_examples(result, exp.column, key), engine="gx")


def _add_static_index(site: Path, built_after: float, outcomes: dict[str, tuple[int, int]]) -> Path:
    """Add plain links to this run's pages to GX's index.html.

    GX's index lists validations and suites with bootstrap-table (vendored by
    ``offline.make_site_offline``, so it renders without network); a plain list of links to this
    run's pages stays usable even with JavaScript off.
    """
    index = site / "index.html"
    pages = {section: sorted(p.relative_to(site).as_posix() for p in (site / section).rglob("*.html")
                             if p.stat().st_mtime >= built_after)
             for section in ("validations", "expectations")}
    items = []
    for section, title in (("validations", "Validation results of this run"), ("expectations", "Expectation suites")):
        links = "".join(f'<li><a href="{html.escape(p, quote=True)}">{html.escape(_page_label(p, outcomes))}</a></li>'
                        for p in pages[section])
        items.append(f"<h4>{title}</h4><ul>{links}</ul>")
    block = ('<section id="static-index" style="margin:16px 24px 96px">'
             "<h3>Pages of this site (plain links, work offline)</h3>" + "".join(items) + "</section>")
    text = index.read_text(encoding="utf-8")
    if 'id="static-index"' not in text:
        text = text.replace("</body>", block + "</body>", 1)
        index.write_text(text, encoding="utf-8")
    return index


def _page_label(path: str, outcomes: dict[str, tuple[int, int]]) -> str:
    """'validations/statements/derived/__none__/<time>/curated-statements.html' -> 'statements.derived — 23 of 23 passed'."""
    parts = path.removesuffix(".html").split("/")
    if parts[0] == "validations" and len(parts) >= 6:
        suite = ".".join(parts[1:-3])
        ok, total = outcomes.get(suite, (0, 0))
        return f"{suite} — {ok} of {total} expectations passed ({parts[-2]})"
    return ".".join(parts[1:])


def _add_docs_site(context: Any, data_docs_dir: Path) -> None:
    """GX's own Data Docs site, built in ``data_docs_dir`` (a local site store)."""
    Path(data_docs_dir).mkdir(parents=True, exist_ok=True)
    context.add_data_docs_site(site_name=DATA_DOCS_SITE, site_config={
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                          "base_directory": str(Path(data_docs_dir).resolve())},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })


def _validated_lots(validation: Any, table_exps: list[Expectation], lots: Any, key: str | None) -> list[CheckResult]:
    """Each expectation's result on every lot (a pandas frame each), merged into its result on the whole table."""
    result_format: dict[str, Any] = {"result_format": "SUMMARY", "partial_unexpected_count": MAX_EXAMPLES}
    if key:
        result_format["unexpected_index_column_names"] = [key]
    by_name = {exp.name: exp for exp in table_exps}
    found: dict[str, list[CheckResult]] = {exp.name: [] for exp in table_exps}
    totals = []
    for lot in lots:
        outcome = validation.run(batch_parameters={"dataframe": lot.to_pandas()}, result_format=result_format)
        for evr in outcome.results:
            name = evr.expectation_config.meta["check"]
            found[name].append(_check(by_name[name], evr, key))
        totals.append(lot.num_rows)
    return [merged(found[exp.name], totals) for exp in table_exps]


def run_suites(tables: dict[str, Any], expectations: list[Expectation], keys: dict[str, str],
               *, data_docs_dir: Path | None = None) -> tuple[list[CheckResult], str | None, float, float]:
    """Validate each table (a ``flows.quality.sources.TableSource``) against its derived suite, a lot of rows at
    a time.

    Returns the checks, the Data Docs index (or None), the seconds GX took to validate (context,
    suites, validation, Data Docs) and the seconds spent importing GX first (0 once imported).
    ``keys`` names each table's primary-key column, used to show which rows failed.
    When ``data_docs_dir`` is given, GX's own Data Docs site is built there (a local site store).
    """
    gx, import_seconds = _import_gx()
    started = time.perf_counter()
    import great_expectations.expectations as gxe  # noqa: PLC0415
    from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: PLC0415

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if data_docs_dir is not None:
        _add_docs_site(context, data_docs_dir)
    frames = context.data_sources.add_pandas("curated")

    checks: list[CheckResult] = []
    outcomes: dict[str, tuple[int, int]] = {}
    for table_name, source in tables.items():
        table_exps = [e for e in expectations if e.table == table_name]
        if not table_exps:
            continue
        key = keys.get(table_name)
        key = key if key in source.schema.names else None
        batch_definition = frames.add_dataframe_asset(table_name).add_batch_definition_whole_dataframe("whole")
        # the whole suite at once: adding expectations one by one re-serialises the suite each time
        suite = context.suites.add(gx.ExpectationSuite(name=f"{table_name}.derived", expectations=[
            getattr(gxe, exp.gx_type)(column=exp.column, **exp.kwargs, meta={"check": exp.name},
                                      description=exp.description)
            for exp in table_exps]))
        validation = context.validation_definitions.add(
            gx.ValidationDefinition(name=f"{table_name}.validation", data=batch_definition, suite=suite))
        lots = _lots(source, [e.column for e in table_exps] + ([key] if key else []))
        table_checks = _validated_lots(validation, table_exps, lots, key)
        outcomes[suite.name] = (sum(c.success for c in table_checks), len(table_checks))
        checks.extend(table_checks)

    index = None
    if data_docs_dir is not None:
        built_after = time.time() - 1
        context.build_data_docs(site_names=[DATA_DOCS_SITE])
        site = Path(data_docs_dir).resolve()
        left = make_site_offline(site)  # vendored jQuery/Bootstrap/...: the site needs no network
        if left:
            logging.getLogger(__name__).warning("Data Docs still load external assets: %s", ", ".join(left))
        index = str(_add_static_index(site, built_after, outcomes))
    order = {e.name: i for i, e in enumerate(expectations)}
    checks.sort(key=lambda c: order.get(c.name, len(order)))
    return checks, index, time.perf_counter() - started, import_seconds
