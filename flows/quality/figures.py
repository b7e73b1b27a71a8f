"""The figures a run report shows and the history keeps: counts, shares and small distributions (pure)."""
from __future__ import annotations

import typing
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from flows.quality.results import QualityResult
from flows.quality.rules import rejected_files
from schemas.records import Mode
from schemas.tables import TABLES

MODES: tuple[str, ...] = typing.get_args(Mode)
TOP_SPEAKERS = 10

# the columns each table's figures read (``run_figures``): the report reads only these from the Parquet files,
# not whole tables; row counts come from the files' metadata (a table read with no column keeps its row count)
FIGURE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("title", "published_date", "statement_count", "duplicate_of"),
    "statements": ("mode", "attribution_rule"),
    "speakers": ("name", "kind", "statement_count"),
    "rejections": ("stage", "reason", "table", "source_path", "document_id", "detail"),
}

# history keys shown as drift in the report: key, column label, format, card label
TREND_FIGURES: tuple[tuple[str, str, str, str], ...] = (
    ("documents", "documents", "int", "documents"),
    ("statements", "statements", "int", "statements"),
    ("rejections", "rejections", "int", "rejections"),
    ("quarantined_documents", "quarantined", "int", "quarantined documents"),
    ("critical_failures", "critical", "int", "critical failures"),
    ("warnings", "warnings", "int", "warnings"),
    ("share_narration", "narration", "pct", "narration share"),
    ("share_without_date", "no date", "pct", "documents without date"),
    ("share_without_title", "no title", "pct", "documents without title"),
    ("share_empty", "empty", "pct", "empty documents"),
    ("rejection_rate", "rejected", "pct", "rejection rate"),
    ("duplicate_rate", "duplicates", "pct", "duplicate rate"),
    ("gx_seconds", "GX s", "sec", "GX seconds"),
)


def _value_counts(values: pa.ChunkedArray | pa.Array) -> dict[Any, int]:
    if len(values) == 0:
        return {}
    counts = pc.value_counts(pc.drop_null(values) if values.null_count else values)
    if isinstance(counts, pa.ChunkedArray):
        counts = counts.combine_chunks()
    return {v["values"]: v["counts"] for v in counts.to_pylist()}


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def row_counts(tables: dict[str, pa.Table]) -> dict[str, int]:
    return {name: (tables[name].num_rows if name in tables else 0) for name in TABLES}


def statements_by_mode(tables: dict[str, pa.Table]) -> dict[str, int]:
    counts = _value_counts(tables["statements"].column("mode")) if "statements" in tables else {}
    return {m: int(counts.get(m, 0)) for m in MODES} | {str(k): int(v) for k, v in counts.items() if k not in MODES}


def statements_by_rule(tables: dict[str, pa.Table]) -> dict[str, dict[str, int]]:
    """Statements per attribution rule, split by mode: {rule: {mode: count}}, the most frequent rule first."""
    st = tables.get("statements")
    if st is None or st.num_rows == 0 or "attribution_rule" not in st.column_names:
        return {}
    grouped = st.group_by(["attribution_rule", "mode"]).aggregate([([], "count_all")]).to_pylist()
    by_rule: dict[str, dict[str, int]] = {}
    for row in grouped:
        rule = "null" if row["attribution_rule"] is None else str(row["attribution_rule"])
        by_rule.setdefault(rule, {})[str(row["mode"])] = int(row["count_all"])
    return dict(sorted(by_rule.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])))


def documents_per_month(tables: dict[str, pa.Table]) -> dict[str, int]:
    """Documents by publication month ("YYYY-MM", sorted); documents without a date under "no date"."""
    if "documents" not in tables or tables["documents"].num_rows == 0:
        return {}
    dates = tables["documents"].column("published_date")
    months = pc.binary_join_element_wise(pc.cast(pc.year(dates), pa.string()),
                                         pc.utf8_lpad(pc.cast(pc.month(dates), pa.string()), 2, "0"), "-")
    counts = _value_counts(months)
    out = {k: int(counts[k]) for k in sorted(counts)}
    if dates.null_count:
        out["no date"] = dates.null_count
    return out


def top_speakers(tables: dict[str, pa.Table], n: int = TOP_SPEAKERS) -> list[tuple[str, int]]:
    """The speakers across the corpus (one person under one name) with most statements, by canonical name;
    role-only participants ("Q", "interviewer": kind ``role``, one document each) are no one to rank."""
    if "speakers" not in tables:
        return []
    rows = tables["speakers"].select(["name", "kind", "statement_count"]).to_pylist()
    named = ((str(r["name"]), int(r["statement_count"])) for r in rows if r["kind"] != "role")
    return sorted(named, key=lambda kv: (-kv[1], kv[0]))[:n]


def rejections_by_reason(tables: dict[str, pa.Table]) -> list[tuple[str, str, int]]:
    """(stage, reason, count), most frequent first."""
    if "rejections" not in tables or tables["rejections"].num_rows == 0:
        return []
    grouped = tables["rejections"].group_by(["stage", "reason"]).aggregate([([], "count_all")])
    rows = [(r["stage"], r["reason"], int(r["count_all"])) for r in grouped.to_pylist()]
    return sorted(rows, key=lambda r: (-r[2], r[0], r[1]))


REJECTED_FILES_LISTED = 5  # raw files named per (stage, reason) in the report and the history


def rejected_files_by_reason(tables: dict[str, pa.Table],
                             limit: int = REJECTED_FILES_LISTED) -> dict[str, dict[str, list[str] | int]]:
    """The raw files behind each (stage, reason) of rejections, keyed ``"stage/reason"``: ``files``, the first
    ``limit`` distinct source paths in path order, and ``count``, how many distinct files there are."""
    rej = tables.get("rejections")
    if rej is None or rej.num_rows == 0:
        return {}
    paths: dict[str, set[str]] = {}
    for row in rej.select(["stage", "reason", "source_path"]).to_pylist():
        paths.setdefault(f"{row['stage']}/{row['reason']}", set()).add(str(row["source_path"]))
    return {key: {"files": sorted(found)[:limit], "count": len(found)} for key, found in sorted(paths.items())}


def _quarantined_rows(tables: dict[str, pa.Table]) -> list[dict]:
    """The rejections rows of stage "quality" for documents: one per (quarantined document, failed check)."""
    rej = tables.get("rejections")
    if rej is None or rej.num_rows == 0:
        return []
    mask = pc.and_(pc.equal(rej.column("stage"), "quality"), pc.equal(rej.column("table"), "documents"))
    return rej.filter(mask).select(["document_id", "reason", "source_path", "detail"]).to_pylist()


def quarantined_documents(tables: dict[str, pa.Table]) -> int:
    """How many documents row-level checks quarantined to rejections."""
    return len({r["document_id"] for r in _quarantined_rows(tables)})


def quarantined_by_check(tables: dict[str, pa.Table]) -> dict[str, list[list[str]]]:
    """Documents quarantined by row-level checks: {check: [[source_path, detail], ...]}, the check that
    quarantined most documents first (a document failing two checks is listed under both)."""
    out: dict[str, list[list[str]]] = {}
    for row in sorted(_quarantined_rows(tables), key=lambda r: (str(r["reason"]), str(r["source_path"]))):
        out.setdefault(str(row["reason"]), []).append([str(row["source_path"]), str(row["detail"])])
    return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def corpus_shares(tables: dict[str, pa.Table], files_read: int | None) -> dict[str, float | None]:
    docs, st = tables["documents"], tables["statements"]
    n = docs.num_rows
    titled = int(pc.sum(pc.greater(pc.utf8_length(pc.fill_null(docs.column("title"), "")), 0)).as_py() or 0)
    empty = int(pc.sum(pc.equal(docs.column("statement_count"), 0)).as_py() or 0)
    narration = int(pc.sum(pc.equal(st.column("mode"), "narration")).as_py() or 0)
    rejections = rejected_files(tables["rejections"]) if "rejections" in tables else 0
    return {
        "share_without_date": _share(docs.column("published_date").null_count, n),
        "share_without_title": _share(n - titled, n),
        "share_empty": _share(empty, n),
        "share_narration": _share(narration, st.num_rows),
        "rejection_rate": _share(rejections, files_read) if files_read else None,
        "duplicate_rate": _share(n - docs.column("duplicate_of").null_count, n),
    }


def run_figures(result: QualityResult, tables: dict[str, pa.Table], run: dict) -> dict[str, Any]:
    """Every figure of one run, JSON-serialisable: what history.jsonl keeps and the report charts. ``tables``
    need hold only ``FIGURE_COLUMNS`` (and every row)."""
    from flows.quality.check import complete_tables  # noqa: PLC0415 (avoid an import cycle)

    tables = complete_tables(tables)
    counts = row_counts(tables)
    return {
        "run_id": run.get("run_id"),
        "started_at": str(run.get("started_at") or run.get("time") or ""),
        "status": run.get("status") or ("passed" if result.passed else "failed"),
        "passed": result.passed,
        "files_read": run.get("files_read"),
        "seconds": run.get("seconds"),
        **counts,
        "checks": len(result.checks),
        "critical_failures": len(result.critical_failures),
        "warnings": len(result.warnings),
        "failed_checks": sorted(c.name for c in result.critical_failures),
        "warned_checks": sorted(c.name for c in result.warnings),
        "gx_seconds": round(result.gx_seconds, 3),
        "gx_import_seconds": round(result.gx_import_seconds, 3),
        **corpus_shares(tables, run.get("files_read")),
        "statements_by_mode": statements_by_mode(tables),
        "statements_by_rule": statements_by_rule(tables),
        "documents_per_month": documents_per_month(tables),
        "top_speakers": [list(kv) for kv in top_speakers(tables)],
        "rejections_by_reason": [list(r) for r in rejections_by_reason(tables)],
        "rejected_files": rejected_files_by_reason(tables),
        "quarantined_documents": quarantined_documents(tables),
        "quarantining_checks": sorted(c.name for c in result.quarantining),
        "quarantined_by_check": quarantined_by_check(tables),
    }
