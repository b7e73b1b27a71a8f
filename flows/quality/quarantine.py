"""Quarantine, not blockade: a document whose *content* fails a row-level check goes to ``rejections``
with all its rows; the rest of the run is published. Pure: tables in, tables and rows out.

Two kinds of critical finding:

- **row-level** (``ROW_LEVEL_CHECKS``): one document's content is bad input — boilerplate-looking text in
  a paragraph or statement, a publication date in the future or before the earliest year, a language code
  outside ISO 639-1. The check's failing rows name their documents; ``quarantine`` moves each such
  document, with its paragraphs, statements, document speakers and removed lines, to rejections (stage
  ``quality``, reason = the check's name, detail = the raw file and the offending value).
- **systemic** (every other critical check): schema and types, unique keys, references, offsets, dense
  ordinals, cue spans, speaker vs mode, declared counts. These mean a pipeline bug, not bad input, and
  fail the run. A check not listed here is systemic by default.

After quarantine, ``quarantine_checks`` re-evaluates the row-level predicates on what is left (none may
fire) and fails the run when more than ``QualityThresholds.max_quarantined_share`` of the documents were
quarantined. Removing whole documents with all their rows keeps the derived (GX) checks true — per-row
predicates and uniqueness hold on a subset; the hand-written cross-table rules are re-run on what is
published (``flows.quality.check.quarantined_result``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows.config import QualityThresholds
from flows.quality.results import CheckResult
from flows.quality.rules import boilerplate_rows, early_dates, future_dates, unknown_languages
from flows.steps.assemble import Lineage, Source, rejection_row, with_corpus_speakers, with_recurring_statements
from schemas.records import Rejection
from schemas.tables import TABLES, arrow_schema, primary_key

STAGE = "quality"
DETAIL_VALUE_CHARS = 300
# tables whose rows belong to one document (by document_id) and leave with it, in publication order
DOCUMENT_TABLES: tuple[str, ...] = ("documents", "paragraphs", "statements", "document_speakers", "removed_lines")

Rows = Callable[[dict[str, pa.Table], QualityThresholds, dt.date], np.ndarray]


@dataclass(frozen=True)
class RowLevelCheck:
    """A check that judges one document's content: ``rows`` is True for each offending row of ``table``."""

    name: str
    table: str
    column: str
    rows: Rows


ROW_LEVEL_CHECKS: tuple[RowLevelCheck, ...] = (
    RowLevelCheck("documents.published_date.not_in_future", "documents", "published_date",
                  lambda t, _, today: future_dates(t["documents"], today=today)),
    RowLevelCheck("documents.published_date.not_before_earliest_year", "documents", "published_date",
                  lambda t, th, _: early_dates(t["documents"], earliest_year=th.earliest_published_year)),
    RowLevelCheck("documents.language.iso639_1", "documents", "language",
                  lambda t, _th, _d: unknown_languages(t["documents"])),
    RowLevelCheck("paragraphs.no_boilerplate", "paragraphs", "text",
                  lambda t, _th, _d: boilerplate_rows(t["paragraphs"])),
    RowLevelCheck("statements.no_boilerplate", "statements", "text",
                  lambda t, _th, _d: boilerplate_rows(t["statements"])),
)
ROW_LEVEL: frozenset[str] = frozenset(c.name for c in ROW_LEVEL_CHECKS)


@dataclass(frozen=True)
class Offence:
    """One document failing one row-level check: the first offending row, and how many rows offend."""

    check: str
    document_id: str
    source_path: str
    table: str
    record_id: str
    column: str
    value: str
    rows: int

    @property
    def detail(self) -> str:
        more = f" (and {self.rows - 1} more {self.table} rows)" if self.rows > 1 else ""
        return f"{self.source_path}: {self.check} failed on {self.table}.{self.column} = {self.value!r}{more}"


@dataclass(frozen=True)
class Quarantine:
    """What to publish (``tables``: the data tables without the quarantined documents, ``rejections`` with
    ``rejected`` appended), the new rejection rows alone, and the offences that caused them."""

    tables: dict[str, pa.Table]
    rejected: pa.Table
    offences: tuple[Offence, ...]

    @property
    def document_ids(self) -> frozenset[str]:
        return frozenset(o.document_id for o in self.offences)

    def files_by_check(self) -> dict[str, tuple[str, ...]]:
        """The raw files each row-level check quarantined, in check order."""
        order = [c.name for c in ROW_LEVEL_CHECKS]
        out: dict[str, list[str]] = {}
        for o in sorted(self.offences, key=lambda o: (order.index(o.check), o.source_path)):
            out.setdefault(o.check, []).append(o.source_path)
        return {k: tuple(v) for k, v in out.items()}


def _clip(value: object) -> str:
    text = "null" if value is None else str(value)
    return text if len(text) <= DETAIL_VALUE_CHARS else text[: DETAIL_VALUE_CHARS - 1] + "…"


def _check_offences(tables: dict[str, pa.Table], check: RowLevelCheck, bad: np.ndarray) -> list[Offence]:
    """One Offence per document with offending rows: the first such row (table order) and the count."""
    rows = tables[check.table]
    hits = np.flatnonzero(bad)
    if len(hits) == 0:
        return []
    picked = rows.take(pa.array(hits)).select(["document_id", "source_path", primary_key(TABLES[check.table]),
                                               check.column]).to_pylist()
    key = primary_key(TABLES[check.table])
    counts: dict[str, int] = {}
    first: dict[str, dict] = {}
    for row in picked:
        counts[row["document_id"]] = counts.get(row["document_id"], 0) + 1
        first.setdefault(row["document_id"], row)
    return [Offence(check=check.name, document_id=doc, source_path=str(row["source_path"]), table=check.table,
                    record_id=str(row[key]), column=check.column, value=_clip(row[check.column]),
                    rows=counts[doc]) for doc, row in first.items()]


def offences(tables: dict[str, pa.Table], *, thresholds: QualityThresholds, today: dt.date) -> tuple[Offence, ...]:
    """Every (row-level check, document) that fails, in ``ROW_LEVEL_CHECKS`` order. ``tables`` decoded
    (``flows.quality.check.complete_tables``)."""
    return tuple(o for check in ROW_LEVEL_CHECKS
                 for o in _check_offences(tables, check, check.rows(tables, thresholds, today)))


def _rejection(row: dict, table: str, offence: Offence) -> dict:
    """The rejections row for one quarantined record (validated against ``Rejection``)."""
    out = rejection_row(Source(path=row["source_path"], data=b""), Lineage(row["run_id"], row["pipeline_version"]),
                        stage=STAGE, table=table, reason=offence.check, detail=offence.detail,
                        document_id=row["document_id"], record_id=row[primary_key(TABLES[table])], record=row,
                        sha256=row["source_sha256"])
    return Rejection.model_validate(out).model_dump()


def _rejections(tables: dict[str, pa.Table], found: tuple[Offence, ...], ids: pa.Array) -> list[dict]:
    """A document row for each of its offences; every other row of the document under its first offence."""
    by_doc: dict[str, list[Offence]] = {}
    for o in found:
        by_doc.setdefault(o.document_id, []).append(o)
    out = []
    for table in DOCUMENT_TABLES:
        rows = tables[table].filter(pc.is_in(tables[table].column("document_id"), value_set=ids)).to_pylist()
        for row in rows:
            doc_offences = by_doc[row["document_id"]] if table == "documents" else by_doc[row["document_id"]][:1]
            out.extend(_rejection(row, table, o) for o in doc_offences)
    return out


def _without_dangling_duplicates(docs: pa.Table, removed: frozenset[str]) -> pa.Table:
    """Kept documents whose ``duplicate_of`` names a quarantined document: the first of them (table order)
    becomes its group's representative (``duplicate_of`` null), the others point to it, and
    ``is_exact_duplicate`` is recomputed. Other documents are unchanged."""
    dup = docs.column("duplicate_of").to_pylist()
    if not removed.intersection(dup):
        return docs
    ids, exact = docs.column("document_id").to_pylist(), docs.column("is_exact_duplicate").to_pylist()
    texts = dict(zip(ids, docs.column("clean_text").to_pylist()))
    representative: dict[str, str] = {}
    for i, (doc, of) in enumerate(zip(ids, dup)):
        if of in removed:
            rep = representative.setdefault(of, doc)
            dup[i] = None if rep == doc else rep
            exact[i] = dup[i] is not None and texts[dup[i]] == texts[doc]
    out = docs.set_column(docs.schema.get_field_index("duplicate_of"), docs.schema.field("duplicate_of"),
                          pa.array(dup, docs.schema.field("duplicate_of").type))
    return out.set_column(out.schema.get_field_index("is_exact_duplicate"), out.schema.field("is_exact_duplicate"),
                          pa.array(exact, out.schema.field("is_exact_duplicate").type))


def quarantine(tables: dict[str, pa.Table], found: Iterable[Offence]) -> Quarantine:
    """The tables without the documents ``found`` names (each with all its rows), and the rejection rows for
    them. ``tables`` decoded (``flows.quality.check.complete_tables``); tables other than the document tables,
    speakers and rejections pass through unchanged, and so do the kept rows — except that a kept duplicate of
    a quarantined document is re-pointed to a kept member of its group (``duplicate_of`` must reference a
    published document), and the corpus-wide speakers are built again from the documents kept (their counts,
    dates and names; ``statements.speaker_id`` follows), and so is ``statements.repeated_in_documents``.
    Returns new tables; never mutates its inputs."""
    found = tuple(found)
    ids = pa.array(sorted({o.document_id for o in found}), pa.string())
    rejected = pa.Table.from_pylist(_rejections(tables, found, ids) if found else [],
                                    schema=arrow_schema(TABLES["rejections"]))
    kept = dict(tables)
    if found:
        for table in DOCUMENT_TABLES:
            kept[table] = tables[table].filter(pc.invert(pc.is_in(tables[table].column("document_id"),
                                                                  value_set=ids)))
        kept["documents"] = _without_dangling_duplicates(kept["documents"], frozenset(ids.to_pylist()))
        kept = with_corpus_speakers(kept)   # the speakers of the documents kept, counted again
        kept = with_recurring_statements(kept)   # and the documents each sentence recurs in
        kept["rejections"] = pa.concat_tables([tables["rejections"], rejected])
    return Quarantine(tables=kept, rejected=rejected, offences=found)


def quarantine_checks(staged_documents: int, result: Quarantine, *, thresholds: QualityThresholds,
                      today: dt.date) -> list[CheckResult]:
    """The critical checks of the quarantine itself:

    - ``documents.quarantined_share``: quarantined documents / staged documents <= ``max_quarantined_share``;
    - ``documents.quarantine_complete``: no row-level check fires on what is left (the re-evaluation of the
      row-level checks on what is published).
    """
    n = len(result.document_ids)
    share = n / staged_documents if staged_documents else 0.0
    limit = thresholds.max_quarantined_share
    by_check = ", ".join(f"{check}: {len(files)}" for check, files in result.files_by_check().items())
    left = offences(result.tables, thresholds=thresholds, today=today)
    return [
        CheckResult(name="documents.quarantined_share", table="documents", severity="critical",
                    success=share <= limit, unexpected_count=n,
                    observed=f"{share:.1%} ({n} of {staged_documents} documents) quarantined; max {limit:.0%}",
                    examples=(by_check,) if by_check else (), engine="rule"),
        CheckResult(name="documents.quarantine_complete", table="documents", severity="critical",
                    success=not left, unexpected_count=len(left),
                    observed=f"{len(left)} published documents still fail a row-level check",
                    examples=tuple(o.detail for o in left[:5]), engine="rule"),
    ]
