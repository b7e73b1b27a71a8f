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
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows.config import QualityThresholds
from flows.quality.results import CheckResult
from flows.quality.rules import boilerplate_rows, early_dates, future_dates, unknown_languages
from flows.quality.sources import table_sources
from flows.steps import recurrence
from flows.steps.assemble import (SPEAKER_COLUMNS, Lineage, Source, counted_documents, rejection_row, speakers_of,
                                  text_digests, with_recurrence, with_speaker_ids)
from schemas.records import Rejection
from schemas.tables import TABLES, arrow_schema, primary_key

STAGE = "quality"
DETAIL_VALUE_CHARS = 300
# tables whose rows belong to one document (by document_id) and leave with it, in publication order
DOCUMENT_TABLES: tuple[str, ...] = ("documents", "paragraphs", "statements", "document_speakers", "removed_lines")

LINEAGE = ("run_id", "pipeline_version")

Rows = Callable[[dict[str, pa.Table], QualityThresholds, dt.date], np.ndarray]
# how a published table is made from its lots of rows: (table name, lots, schema) -> a table or a source
Publish = Callable[[str, Iterable[pa.Table], pa.Schema], object]


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
    ``rejected`` appended; tables in memory or sources), the new rejection rows alone, and the offences that
    caused them."""

    tables: dict
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


def offences(tables: dict, *, thresholds: QualityThresholds, today: dt.date) -> tuple[Offence, ...]:
    """Every (row-level check, document) that fails, in ``ROW_LEVEL_CHECKS`` order. ``tables``: tables in memory
    or sources (flows/quality/sources.py), read a lot of rows at a time; a document whose offending rows lie in two
    lots gets one offence (its first row, the rows of both counted)."""
    sources, out = table_sources(tables), []
    for check in ROW_LEVEL_CHECKS:
        found: dict[str, Offence] = {}
        columns = ["document_id", "source_path", primary_key(TABLES[check.table]), check.column]
        for lot in sources[check.table].lots(list(dict.fromkeys(columns))):
            rows = {check.table: lot}
            for o in _check_offences(rows, check, check.rows(rows, thresholds, today)):
                first = found.get(o.document_id)
                found[o.document_id] = replace(first, rows=first.rows + o.rows) if first else o
        out.extend(found.values())
    return tuple(out)


def _rejection(row: dict, table: str, offence: Offence) -> dict:
    """The rejections row for one quarantined record (validated against ``Rejection``)."""
    out = rejection_row(Source(path=row["source_path"], data=b""), Lineage(row["run_id"], row["pipeline_version"]),
                        stage=STAGE, table=table, reason=offence.check, detail=offence.detail,
                        document_id=row["document_id"], record_id=row[primary_key(TABLES[table])], record=row,
                        sha256=row["source_sha256"])
    return Rejection.model_validate(out).model_dump()


def rejected_rows(tables: dict, found: tuple[Offence, ...]) -> pa.Table:
    """The rejections rows of the documents ``found`` names: a document row for each of its offences; every other
    row of the document under its first offence (the document tables read a lot of rows at a time)."""
    sources, by_doc = table_sources(tables), {}
    for o in found:
        by_doc.setdefault(o.document_id, []).append(o)
    ids, out = pa.array(sorted(by_doc), pa.string()), []
    for table in DOCUMENT_TABLES if found else ():
        for lot in sources[table].lots():
            for row in lot.filter(pc.is_in(lot.column("document_id"), value_set=ids)).to_pylist():
                doc_offences = by_doc[row["document_id"]] if table == "documents" else by_doc[row["document_id"]][:1]
                out.extend(_rejection(row, table, o) for o in doc_offences)
    return pa.Table.from_pylist(out, schema=arrow_schema(TABLES["rejections"]))


def repointed_duplicates(kept: Iterable[pa.Table], removed: frozenset[str]) -> dict[str, str | None]:
    """Kept documents (lots of their ``document_id`` and ``duplicate_of``, in table order) whose ``duplicate_of``
    names a quarantined document, and what it becomes: the first of them becomes its group's representative
    (None), the others point to it."""
    representative: dict[str, str] = {}
    out: dict[str, str | None] = {}
    for lot in kept:
        for doc, of in zip(lot.column("document_id").to_pylist(), lot.column("duplicate_of").to_pylist()):
            if of in removed:
                rep = representative.setdefault(of, doc)
                out[doc] = None if rep == doc else rep
    return out


@dataclass(frozen=True)
class KeptRows:
    """What the quarantine changes in the rows it keeps, computed once across the corpus and applied to each lot
    of rows (``rows``): the quarantined documents' rows leave; a kept duplicate of a quarantined document is
    re-pointed (``duplicate_of``, ``is_exact_duplicate``); the speakers are merged again from the documents kept
    (``speakers``, ``speaker_ids``) and the recurring statements counted again (``per_fingerprint``)."""

    ids: pa.Array
    repointed: dict[str, tuple[str | None, bool]]
    speaker_ids: pa.Table
    speakers: pa.Table
    per_fingerprint: pa.Table

    def rows(self, table: str, lot: pa.Table) -> pa.Table:
        """The kept rows of a lot of ``table``'s rows, changed as the quarantine changes them."""
        if table in DOCUMENT_TABLES:
            lot = lot.filter(pc.invert(pc.is_in(lot.column("document_id"), value_set=self.ids)))
        if table == "documents" and self.repointed:
            lot = _with_repointed(lot, self.repointed)
        if table == "document_speakers":
            lot = with_speaker_ids(lot, "name", self.speaker_ids)
        if table == "statements":
            lot = with_recurrence(with_speaker_ids(lot, "speaker", self.speaker_ids), self.per_fingerprint)
        return lot


def _with_repointed(docs: pa.Table, repointed: dict[str, tuple[str | None, bool]]) -> pa.Table:
    """``docs`` with duplicate_of / is_exact_duplicate replaced where ``repointed`` names the document."""
    ids = docs.column("document_id").to_pylist()
    dup = [repointed[i][0] if i in repointed else d for i, d in zip(ids, docs.column("duplicate_of").to_pylist())]
    exact = [repointed[i][1] if i in repointed else e
             for i, e in zip(ids, docs.column("is_exact_duplicate").to_pylist())]
    for name, values in (("duplicate_of", dup), ("is_exact_duplicate", exact)):
        index = docs.schema.get_field_index(name)
        docs = docs.set_column(index, docs.schema.field(index), pa.array(values, docs.schema.field(index).type))
    return docs


def _kept(sources: dict, table: str, ids: pa.Array, columns: list[str]) -> Iterator[pa.Table]:
    for lot in sources[table].lots(columns):
        yield lot.filter(pc.invert(pc.is_in(lot.column("document_id"), value_set=ids)))


def kept_rows(tables: dict, found: tuple[Offence, ...]) -> KeptRows:
    """What the quarantine of the documents ``found`` names changes in the rows kept (``KeptRows``), from the
    narrow columns of the kept rows (of the re-pointed duplicates, the digests of their texts: ``text_digests``)."""
    sources = table_sources(tables)
    ids = pa.array(sorted({o.document_id for o in found}), pa.string())
    moved = repointed_duplicates(_kept(sources, "documents", ids, ["document_id", "duplicate_of"]),
                                 frozenset(ids.to_pylist()))
    compared = pa.array(sorted(set(moved) | {d for d in moved.values() if d}), pa.string())
    digest = text_digests(sources["documents"].rows_where("document_id", compared, ["document_id", "clean_text"]))
    repointed = {doc: (of, of is not None and digest[of] == digest[doc]) for doc, of in moved.items()}
    published, counted = {}, []
    for lot in _kept(sources, "documents", ids, ["document_id", "published_date", "duplicate_of"]):
        published.update(zip(lot.column("document_id").to_pylist(), lot.column("published_date").to_pylist()))
        lot = _with_repointed(lot.append_column("is_exact_duplicate", pa.nulls(lot.num_rows, pa.bool_())), repointed)
        counted.append(counted_documents(lot))
    speaker_ids, speakers = speakers_of(_kept(sources, "document_speakers", ids, [*SPEAKER_COLUMNS, *LINEAGE]),
                                        published)
    per = recurrence.documents_per_fingerprint(
        recurrence.fingerprint_documents(lot.column("fingerprint"), lot.column("document_id"),
                                         pa.chunked_array(counted, pa.string()).combine_chunks())
        for lot in _kept(sources, "statements", ids, ["fingerprint", "document_id"]))
    return KeptRows(ids=ids, repointed=repointed, speaker_ids=speaker_ids, speakers=speakers, per_fingerprint=per)


def in_memory(name: str, lots: Iterable[pa.Table], schema: pa.Schema) -> pa.Table:
    """The published table made of ``lots`` in memory (``quarantine``'s default ``publish``)."""
    parts = [lot for lot in lots if lot.num_rows]
    return pa.concat_tables(parts) if parts else schema.empty_table()


def quarantine(tables: dict, found: Iterable[Offence], publish: Publish = in_memory) -> Quarantine:
    """The tables without the documents ``found`` names (each with all its rows), and the rejection rows for
    them. ``tables``: tables in memory or sources (flows/quality/sources.py); each published table is made by
    ``publish`` (table name, its lots of rows, its schema) -> a table or source: in memory by default, written to
    a file by the flow. Tables other than the document tables, speakers and rejections pass through unchanged,
    and so do the kept rows, except for what ``KeptRows`` changes. Never mutates its inputs."""
    found = tuple(found)
    sources = table_sources(tables)
    rejected = rejected_rows(sources, found)
    if not found:
        return Quarantine(tables=dict(tables), rejected=rejected, offences=found)
    plan, kept = kept_rows(sources, found), {}
    for name, source in sources.items():
        schema = arrow_schema(TABLES[name]) if name in TABLES else source.schema
        if name == "speakers":
            lots = iter([plan.speakers])
        elif name == "rejections":
            lots = itertools.chain(source.lots(), [rejected])
        else:
            lots = (plan.rows(name, lot) for lot in source.lots())
        kept[name] = publish(name, lots, schema)
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
