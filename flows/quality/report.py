"""The run report: one self-contained HTML page for a person, Markdown and rows for Prefect artifacts,
and the figures a run adds to the history file. Pure functions: the flow's io module writes files."""
from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

import pyarrow as pa

from flows.quality.figures import MODES, TREND_FIGURES, run_figures
from flows.quality.results import CheckResult, QualityResult
from flows.quality.svg import bar_chart, column_chart, sparkline
from schemas.tables import TABLES

HISTORY_RUNS = 30

_CSS = """
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --bg:#f5f7fa; --pass:#2e7d32; --warn:#b26a00;
        --fail:#b3261e; --accent:#3b6ea5; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink);
       font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif; }
main { max-width:1240px; margin:0 auto; padding:24px; }
header.top { display:flex; flex-wrap:wrap; align-items:center; gap:12px 24px; margin-bottom:18px; }
h1 { font-size:22px; margin:0; } h2 { font-size:16px; margin:0 0 10px; }
.pill { display:inline-block; padding:3px 12px; border-radius:999px; color:#fff; font-weight:600; letter-spacing:.03em; }
.pill.passed { background:var(--pass); } .pill.warned { background:var(--warn); } .pill.failed { background:var(--fail); }
.meta { color:var(--muted); } .meta b { color:var(--ink); font-weight:600; }
section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 18px; margin-bottom:16px; }
.cards { display:grid; grid-template-columns:repeat(auto-fill,minmax(140px,1fr)); gap:10px; background:none;
         border:none; padding:0; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:10px 14px; }
.card .n { font-size:22px; font-weight:650; } .card .l { color:var(--muted); font-size:12px; }
.card.bad .n { color:var(--fail); } .card.warn .n { color:var(--warn); }
.grid { display:grid; grid-template-columns:repeat(auto-fit,minmax(520px,1fr)); gap:16px; background:none;
        border:none; padding:0; }
.grid > div { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 18px; overflow-x:auto; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:12px; color:var(--muted); font-weight:600; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
code { font:12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace; }
.ex { color:var(--muted); font:12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace; }
.ok { color:var(--pass); } .fail { color:var(--fail); font-weight:600; } .warnc { color:var(--warn); font-weight:600; }
.none { color:var(--pass); }
tr.current td { background:#eef4fb; }
details summary { cursor:pointer; font-weight:600; }
a { color:var(--accent); }
.drifts { display:grid; grid-template-columns:repeat(auto-fill,minmax(170px,1fr)); gap:8px; margin-bottom:14px; }
.drift { border:1px solid var(--line); border-radius:6px; padding:6px 10px; }
.drift .l { color:var(--muted); font-size:12px; } .drift .v { font-weight:650; font-size:15px; }
.drift .delta { color:var(--muted); font-weight:400; font-size:12px; margin-left:4px; }
table.history th, table.history td { font-size:11.5px; padding:3px 4px; white-space:nowrap; }
table.history code { font-size:11px; }
footer { color:var(--muted); font-size:12px; margin-top:8px; }
"""


# ---------------------------------------------------------------- small helpers

def _status(result: QualityResult) -> tuple[str, str]:
    if not result.passed:
        return "failed", "FAILED"
    if result.quarantining:
        return "warned", "PASSED WITH QUARANTINE"
    if result.warnings:
        return "warned", "PASSED WITH WARNINGS"
    return "passed", "PASSED"


def _num(value: Any, kind: str = "int") -> str:
    if value is None or value == "":
        return "–"
    if kind == "pct":
        return f"{float(value):.1%}"
    if kind == "sec":
        return f"{float(value):.2f}"
    return f"{int(value):,}"


def _check_table(checks: tuple[CheckResult, ...], css: str) -> str:
    rows = "".join(
        f"<tr><td><code class='{css}'>{escape(c.name)}</code></td><td>{escape(c.table)}</td>"
        f"<td>{escape(c.engine)}</td><td class='num'>{c.unexpected_count:,}</td><td>{escape(c.observed)}</td>"
        f"<td class='ex'>{'<br>'.join(escape(e) for e in c.examples) or '–'}</td></tr>"
        for c in checks)
    return ("<table><thead><tr><th>check</th><th>table</th><th>engine</th><th class='num'>unexpected</th>"
            f"<th>observed</th><th>examples</th></tr></thead><tbody>{rows}</tbody></table>")


QUARANTINE_LISTED = 20


def _quarantine_section(by_check: dict[str, list[list[str]]], total: int) -> str:
    """Documents quarantined to rejections, by the row-level check that caught them, naming the raw files."""
    if not by_check:
        return ("<section id='quarantine'><h2>Quarantined documents (0)</h2>"
                "<p class='none'>None — no document failed a row-level check.</p></section>")
    parts = []
    for check, files in by_check.items():
        items = "".join(f"<li><code>{escape(path)}</code> <span class='ex'>{escape(detail)}</span></li>"
                        for path, detail in files[:QUARANTINE_LISTED])
        more = f"<li>… and {len(files) - QUARANTINE_LISTED:,} more</li>" if len(files) > QUARANTINE_LISTED else ""
        parts.append(f"<details open><summary><code>{escape(check)}</code>: {len(files):,} documents</summary>"
                     f"<ul>{items}{more}</ul></details>")
    return (f"<section id='quarantine'><h2>Quarantined documents ({total:,})</h2>"
            "<p class='meta'>Their content failed a row-level check: each document, with its paragraphs, "
            "statements, speakers and removed lines, went to <code>rejections</code> (stage <code>quality</code>); "
            "the rest was checked and published.</p>" + "".join(parts) + "</section>")


def _rejections_table(fig: dict) -> str:
    """Rejections by stage and reason, each with the raw files behind it (the first few named)."""
    reasons = fig["rejections_by_reason"]
    if not reasons:
        return "<p class='none'>No rejections.</p>"
    files = fig.get("rejected_files", {})

    def named(stage: str, reason: str) -> str:
        found = files.get(f"{stage}/{reason}", {"files": [], "count": 0})
        more = f" … and {found['count'] - len(found['files']):,} more" if found["count"] > len(found["files"]) else ""
        return ", ".join(f"<code>{escape(p)}</code>" for p in found["files"]) + more

    rows = "".join(f"<tr><td>{escape(s)}</td><td><code>{escape(r)}</code></td><td class='num'>{n:,}</td>"
                   f"<td class='files'>{named(s, r)}</td></tr>" for s, r, n in reasons)
    return ("<table><thead><tr><th>stage</th><th>reason</th><th class='num'>rejections</th><th>raw files</th></tr>"
            f"</thead><tbody>{rows}</tbody></table><p class='meta'>rejection rate: "
            f"{_num(fig['rejection_rate'], 'pct')} of {_num(fig['files_read'])} files read</p>")


def _verdict(check: CheckResult) -> tuple[str, str]:
    """(css class, label) of one check's outcome in the list of all checks."""
    if check.success:
        return "ok", "pass"
    return {"critical": ("fail", "FAIL"), "quarantine": ("warnc", "quarantined")}.get(check.severity,
                                                                                    ("warnc", "warn"))


def _rule_section(by_rule: dict[str, dict[str, int]]) -> str:
    """The table of statements per attribution rule (rows) and mode (columns), so a reader sees which
    sieve gave sentences their speakers."""
    modes = list(MODES) + sorted({m for counts in by_rule.values() for m in counts} - set(MODES))
    head = "".join(f"<th class='num'>{escape(m)}</th>" for m in modes)
    body = "".join(
        f"<tr><td><code>{escape(rule)}</code></td><td class='num'>{sum(counts.values()):,}</td>"
        + "".join(f"<td class='num'>{counts.get(m, 0):,}</td>" for m in modes) + "</tr>"
        for rule, counts in by_rule.items())
    table = (f"<table><thead><tr><th>attribution rule</th><th class='num'>statements</th>{head}</tr></thead>"
             f"<tbody>{body}</tbody></table>") if by_rule else "<p class='meta'>No statements.</p>"
    return f"<section id='statements-by-rule'><h2>Statements by attribution rule</h2>{table}</section>"


def _months_for_chart(per_month: dict[str, int]) -> tuple[list[tuple[str, float]], str]:
    """A time axis without gaps: every month from the first to the last (every year when that is > 48 months)."""
    dated = {k: v for k, v in per_month.items() if k != "no date"}
    items: list[tuple[str, float]] = []
    unit = "month"
    if dated:
        first, last = min(dated), max(dated)
        y0, m0, y1, m1 = int(first[:4]), int(first[5:7]), int(last[:4]), int(last[5:7])
        if (y1 - y0) * 12 + m1 - m0 + 1 > 48:
            unit = "year"
            years = {str(y): 0 for y in range(y0, y1 + 1)}
            for k, v in dated.items():
                years[k[:4]] += v
            items = [(k, float(v)) for k, v in years.items()]
        else:
            y, m = y0, m0
            while (y, m) <= (y1, m1):
                key = f"{y:04d}-{m:02d}"
                items.append((key, float(dated.get(key, 0))))
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    if "no date" in per_month:
        items.append(("no date", float(per_month["no date"])))
    return items, unit


def _history_rows(history: list[dict], current: dict) -> list[dict]:
    runs = [h for h in history if h.get("run_id") != current.get("run_id")] + [current]
    return runs[-HISTORY_RUNS:]


def _drift_cards(runs: list[dict]) -> str:
    """One small card per figure: this run's value, the change since the previous run, a sparkline."""
    cards = []
    for key, _, kind, label in TREND_FIGURES:
        values = [_float(r.get(key)) for r in runs]
        now = values[-1]
        before = next((v for v in reversed(values[:-1]) if v is not None), None)
        delta = ""
        if now is not None and before is not None and now != before:
            diff = now - before
            shown = f"{diff:+.1%}".replace("%", " pt") if kind == "pct" else (
                f"{diff:+.2f}" if kind == "sec" else f"{diff:+,.0f}")
            delta = f"<span class='delta'>{escape(shown)}</span>"
        cards.append(f"<div class='drift'><div class='l'>{escape(label)}</div>"
                     f"<div class='v'>{_num(now, kind)} {delta}</div>"
                     f"{sparkline(values, label=label)}</div>")
    return "<div class='drifts'>" + "".join(cards) + "</div>"


def _history_outcome(run: dict) -> str:
    """What became of a run in the history table: passed, failed its checks, or ended by a signal or
    an error before it could finish ('✗ INTERRUPTED (SIGTERM)', '✗ CRASHED (OSError)')."""
    if run.get("passed", True):
        return "✓"
    if run.get("status") == "interrupted":
        return f"✗ INTERRUPTED ({run.get('signal', 'signal')})"
    if run.get("status") == "crashed":
        return f"✗ CRASHED ({run.get('error_type', 'error')})"
    return "✗ FAIL"


def _history_section(runs: list[dict], current_id: str | None) -> str:
    head = "".join(f"<th class='num'>{escape(label)}</th>" for _, label, _, _ in TREND_FIGURES)
    body = "".join(
        f"<tr class='{'current' if r.get('run_id') == current_id else ''}'>"
        f"<td class='{'ok' if r.get('passed', True) else 'fail'}'>{escape(_history_outcome(r))}</td>"
        f"<td><code>{escape(str(r.get('run_id') or '–'))}</code></td>"
        f"<td>{escape(str(r.get('started_at') or '')[:16].replace('T', ' '))}</td>"
        + "".join(f"<td class='num'>{_num(r.get(key), kind)}</td>" for key, _, kind, _ in TREND_FIGURES)
        + "</tr>"
        for r in reversed(runs))
    return (f"<section id='history'><h2>Drift across runs (last {len(runs)}, oldest → newest)</h2>"
            f"{_drift_cards(runs)}"
            "<div style='overflow-x:auto'><table class='history'><thead>"
            f"<tr><th></th><th>run</th><th>started (UTC)</th>{head}</tr>"
            f"</thead><tbody>{body}</tbody></table></div></section>")


def _float(value: Any) -> float | None:
    try:
        return None if value is None or value == "" else float(value)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------- public API

def history_entry(result: QualityResult, tables: dict[str, pa.Table], run: dict) -> dict:
    """This run's figures (JSON-serialisable) to append to the history file, e.g. curated/reports/history.jsonl.

    ``run`` carries run_id, started_at, files_read, status, seconds (as the flow builds it)."""
    return run_figures(result, tables, run)


def summary_html(result: QualityResult, tables: dict[str, pa.Table], *, run: dict, history: list[dict],
                 data_docs_href: str | None) -> str:
    """One self-contained HTML page (inline CSS and SVG, no script, no network) summarising a run."""
    fig = run_figures(result, tables, run)
    css_status, label = _status(result)
    run_id = str(run.get("run_id") or "–")
    started = str(run.get("started_at") or run.get("time") or "")
    docs_link = (f"<a id='data-docs-link' href='{escape(data_docs_href, quote=True)}'>Great Expectations Data Docs "
                 "(every expectation on the staged tables, before quarantine, with its validation result) →</a>") if data_docs_href else \
        "<span class='meta'>Data Docs were not built for this run.</span>"
    meta = " · ".join(f"{escape(k)} <b>{escape(str(v))}</b>" for k, v in (
        ("started", started[:19].replace("T", " ") + (" UTC" if started else "")),
        ("files read", run.get("files_read", "–")), ("seconds", run.get("seconds", "–")),
        ("pipeline", run.get("pipeline_version", "–")),
        ("this run's rejections (not published)", run.get("rejections_path"))) if v not in (None, ""))

    cards = "".join(f"<div class='card'><div class='n' id='count-{name}'>{fig[name]:,}</div>"
                    f"<div class='l'>{escape(name.replace('_', ' '))}</div></div>" for name in TABLES)
    n_crit = sum(c.severity == "critical" for c in result.checks)
    cards += (f"<div class='card {'bad' if result.critical_failures else ''}'><div class='n' id='critical-failures'>"
              f"{len(result.critical_failures)}</div><div class='l'>critical failures of {n_crit}</div></div>"
              f"<div class='card {'warn' if result.warnings else ''}'><div class='n' id='warnings'>"
              f"{len(result.warnings)}</div><div class='l'>warnings</div></div>"
              f"<div class='card {'warn' if fig['quarantined_documents'] else ''}'><div class='n' "
              f"id='quarantined-documents'>{fig['quarantined_documents']:,}</div>"
              "<div class='l'>documents quarantined</div></div>"
              f"<div class='card'><div class='n' id='gx-seconds'>{result.gx_seconds:.1f}s</div><div class='l'>"
              f"GX validation{f' (+{result.gx_import_seconds:.1f}s import)' if result.gx_import_seconds >= 0.05 else ''}"
              "</div></div>")

    failures = (_check_table(result.critical_failures, "fail") if result.critical_failures else
                f"<p class='none'>None — all {n_crit} critical checks passed.</p>")
    warnings = (_check_table(result.warnings, "warnc") if result.warnings else
                "<p class='none'>None — every corpus figure is within its threshold.</p>")

    months, unit = _months_for_chart(fig["documents_per_month"])
    modes = [(m, float(n)) for m, n in fig["statements_by_mode"].items()]
    speakers = [(s, float(n)) for s, n in fig["top_speakers"]]
    reason_table = _rejections_table(fig)

    all_rows = "".join(
        f"<tr><td><code>{escape(c.name)}</code></td><td>{escape(c.table)}</td><td>{escape(c.engine)}</td>"
        f"<td>{escape(c.severity)}</td><td class='{_verdict(c)[0]}'>{_verdict(c)[1]}</td>"
        f"<td>{escape(c.observed)}</td></tr>" for c in result.checks)

    runs = _history_rows(history, fig)
    generated = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Run {escape(run_id)} — data quality</title>
<style>{_CSS}</style></head>
<body><main>
<header class="top"><h1>Curation run <code id="run-id">{escape(run_id)}</code></h1>
<span class="pill {css_status}" id="status">{label}</span>
<div class="meta">{meta}</div></header>
<p>{docs_link}</p>
<section class="cards" id="counts">{cards}</section>
<section id="failures"><h2>Failed critical expectations ({len(result.critical_failures)})</h2>{failures}</section>
{_quarantine_section(fig["quarantined_by_check"], fig["quarantined_documents"])}
<section id="warnings-list"><h2>Warnings ({len(result.warnings)})</h2>{warnings}</section>
<div class="grid">
<div id="chart-months"><h2>Documents per {unit}</h2>{column_chart(months, title=f"Documents per {unit}", highlight={"no date"})}</div>
<div id="chart-modes"><h2>Statements by mode</h2>{bar_chart(modes, title="Statements by mode")}</div>
<div id="chart-speakers"><h2>Top speakers (statements)</h2>{bar_chart(speakers, title="Top speakers")}</div>
<div id="rejections"><h2>Rejections by reason</h2>{reason_table}</div>
</div>
<div style="height:16px"></div>
{_rule_section(fig["statements_by_rule"])}
{_history_section(runs, fig["run_id"])}
<section id="all-checks"><details><summary>All {len(result.checks)} checks</summary>
<table><thead><tr><th>check</th><th>table</th><th>engine</th><th>severity</th><th>result</th><th>observed</th></tr></thead>
<tbody>{all_rows}</tbody></table></details></section>
<footer>Generated {generated}. Critical checks gate publication; a document failing a row-level check is
quarantined to rejections and the rest published; warnings do not gate.
Column expectations are derived from <code>schemas/records.py</code> and run by Great Expectations;
cross-table and corpus rules live in <code>flows/quality/rules.py</code>.</footer>
</main></body></html>
"""


def markdown_summary(result: QualityResult, tables: dict[str, pa.Table], run: dict) -> str:
    """A short Markdown summary of the run for a Prefect markdown artifact."""
    fig = run_figures(result, tables, run)
    _, label = _status(result)
    icon = "❌" if not result.passed else ("⚠️" if result.warnings else "✅")
    lines = [f"# Data quality — run `{fig['run_id']}`", "",
             f"**Status:** {icon} {label} — {len(result.critical_failures)} critical failures, "
             f"{len(result.warnings)} warnings, {fig['quarantined_documents']:,} documents quarantined, "
             f"{len(result.checks)} checks; GX validation {result.gx_seconds:.1f} s "
             f"(import {result.gx_import_seconds:.1f} s)", "",
             "| table | rows |", "|---|---:|"]
    lines += [f"| {name} | {fig[name]:,} |" for name in TABLES]
    for title, checks in (("Failed critical checks", result.critical_failures), ("Warnings", result.warnings)):
        lines += ["", f"## {title}", ""]
        if not checks:
            lines.append("None.")
            continue
        lines += ["| check | unexpected | observed | examples |", "|---|---:|---|---|"]
        lines += [f"| `{c.name}` | {c.unexpected_count:,} | {c.observed} | "
                  f"{'; '.join(e.replace('|', '/') for e in c.examples[:3]) or '–'} |" for c in checks]
    lines += _quarantine_markdown(fig["quarantined_by_check"])
    modes = ", ".join(f"{m} {n:,}" for m, n in fig["statements_by_mode"].items())
    lines += ["", f"Statements by mode: {modes}."]
    if fig["statements_by_rule"]:
        lines.append("Statements by attribution rule: " + ", ".join(
            f"{rule} {sum(counts.values()):,}" for rule, counts in fig["statements_by_rule"].items()) + ".")
    if fig["rejections_by_reason"]:
        lines.append("Rejections: " + ", ".join(f"{r} ({s}) {n:,}" for s, r, n in fig["rejections_by_reason"]) + ".")
    return "\n".join(lines) + "\n"


def _quarantine_markdown(by_check: dict[str, list[list[str]]]) -> list[str]:
    """The Markdown lines naming the quarantined documents' raw files, by check."""
    lines = ["", "## Quarantined documents", ""]
    if not by_check:
        return lines + ["None."]
    lines += ["| check | documents | raw files |", "|---|---:|---|"]
    for check, files in by_check.items():
        names = ", ".join(f"`{path}`" for path, _ in files[:QUARANTINE_LISTED])
        more = f" and {len(files) - QUARANTINE_LISTED:,} more" if len(files) > QUARANTINE_LISTED else ""
        lines.append(f"| `{check}` | {len(files):,} | {names.replace('|', '/')}{more} |")
    return lines


def summary_rows(result: QualityResult) -> list[dict]:
    """One row per check, for a Prefect table artifact (failures first, then quarantining checks, then
    warnings, then passes)."""
    rank = {("critical", False): 0, ("quarantine", False): 1, ("warning", False): 2}
    ordered = sorted(result.checks, key=lambda c: rank.get((c.severity, c.success), 3))
    labels = {"critical": "fail", "quarantine": "quarantined", "warning": "warn"}
    return [{"check": c.name, "table": c.table, "severity": c.severity, "engine": c.engine,
             "result": "pass" if c.success else labels[c.severity],
             "unexpected": c.unexpected_count, "observed": c.observed, "examples": "; ".join(c.examples)}
            for c in ordered]
