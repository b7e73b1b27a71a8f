"""The corpus-level steps after the batches, on the staged Parquet files some rows at a time, so that the flow's
memory does not grow with the corpus: no table is held whole. What is corpus-wide is computed from narrow
columns (ids, fingerprints, dates, the document speakers' names): the duplicate groups (from the bodies
streamed), the speakers merged across documents, the documents each sentence recurs in. Reads and writes
through flows.io only.
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from flows import incremental, io
from flows.memory import return_freed_memory
from flows.steps import assemble, clean, recurrence
from schemas.tables import TABLES, arrow_schema, dictionary_columns

if TYPE_CHECKING:
    from flows.config import QualityThresholds
    from flows.quality.results import QualityResult

# ``timed(stage)``: a context manager around each stage below (the benchmark's clock); by default none
Timed = Callable[[str], AbstractContextManager]


@contextmanager
def _stage(timed: Timed, name: str) -> Iterator[None]:
    """One corpus-level step: timed by ``timed``, what it freed given back after it (``return_freed_memory``)."""
    with timed(name):
        yield
        return_freed_memory()


def parts_in_order(parts: list[Path], order: list[str]) -> bool:
    """Whether the parts, read one after another, give their rows in the raw files' order ``order`` (a full run's
    batch parts do; an incremental run's reused rows may lie among the new ones). Reads only ``source_path``."""
    values, last = pa.array(order, pa.string()), -1
    for part in parts:
        for rows in io.parquet_batches(part, columns=["source_path"]):
            paths = pc.cast(rows.column("source_path"), pa.string())
            rank = pc.fill_null(pc.index_in(paths, value_set=values), len(order)).to_numpy()
            if len(rank) and (rank[0] < last or bool((rank[1:] < rank[:-1]).any())):
                return False
            last = rank[-1] if len(rank) else last
    return True


def ordered_rows(parts_dir: Path, schema: pa.Schema, order: list[str]) -> Iterator[pa.Table]:
    """The rows of a table's batch parts in the raw files' order, some at a time. Parts that come in that order
    (a full run) are read one after another; otherwise (an incremental run whose reused rows lie among new ones)
    the parts are read whole and sorted (``incremental.in_source_order``): that run's one table held whole."""
    parts = sorted(parts_dir.glob("*.parquet")) if parts_dir.is_dir() else []
    if parts_in_order(parts, order):
        for part in parts:
            yield from io.parquet_batches(part)
        return
    table = incremental.in_source_order(io.read_parts(parts_dir, schema), order)
    for batch in table.to_batches(max_chunksize=io.BATCH_ROWS):
        yield pa.Table.from_batches([batch], schema=table.schema)


def joined_parts(parts_root: Path, order: list[str], out_dir: Path) -> dict[str, Path]:
    """Each cached table's batch parts joined into ``out_dir/<table>.parquet``, rows in the raw files' order:
    the per-file rows before the corpus-level steps (the snapshot's ``incremental/`` cache)."""
    out = {}
    for name in incremental.CACHED_TABLES:
        schema = arrow_schema(TABLES[name])
        with io.parquet_sink(out_dir / f"{name}.parquet", schema) as write:
            for rows in ordered_rows(parts_root / name, schema, order):
                write(rows)
        out[name] = out_dir / f"{name}.parquet"
    return out


def distinct_rows(path: Path, columns: list[str]) -> pa.Table:
    """The distinct combinations of ``columns`` in the Parquet file ``path``, read some rows at a time."""
    parts = [rows.group_by(columns).aggregate([]) for rows in io.parquet_batches(path, columns=columns)]
    if not parts:
        return io.read_parquet(path, columns=columns)
    return pa.concat_tables(parts).group_by(columns).aggregate([])


def source_states(joined: dict[str, Path]) -> dict[str, pa.Table]:
    """What the manifest's per-file entries read of the joined tables (``incremental.source_entries``): each
    table's distinct (source_path, source_sha256), with the rejections' reasons."""
    return {name: distinct_rows(path, ["source_path", "source_sha256"] + (["reason"] if name == "rejections" else []))
            for name, path in joined.items()}


def _column_rows(path: Path, columns: list[str], rows: int | None = None) -> Iterator[pa.Table]:
    return io.parquet_batches(path, columns=columns, rows=rows)


def duplicate_marks(documents: Path) -> tuple[dict[str, str], dict[str, bytes]]:
    """The duplicate groups (``clean.duplicate_groups``, the bodies streamed twice) and the digests of the texts of
    the documents that decide ``is_exact_duplicate`` (``assemble.duplicates_compared``, ``assemble.text_digests``)."""
    def bodies() -> Iterator[tuple[str, str]]:   # read afresh for each of duplicate detection's two passes
        return itertools.chain.from_iterable(assemble.document_bodies(rows) for rows in _column_rows(
            documents, ["document_id", "clean_text"], io.rows_at_once("documents")))
    groups = clean.duplicate_groups(bodies)
    compared, digests = pa.array(sorted(assemble.duplicates_compared(groups)), pa.string()), {}
    for rows in _column_rows(documents, ["document_id", "clean_text"], io.rows_at_once("documents")):
        digests.update(assemble.text_digests(rows.filter(pc.is_in(rows.column("document_id"), value_set=compared))))
    return groups, digests


def corpus_speakers(joined: dict[str, Path]) -> tuple[pa.Table, pa.Table]:
    """The speakers merged across every document (``assemble.speakers_of``), read from the document speakers'
    and documents' narrow columns."""
    published = {}
    for rows in _column_rows(joined["documents"], ["document_id", "published_date"]):
        published.update(zip(rows.column(0).to_pylist(), rows.column(1).to_pylist()))
    return assemble.speakers_of(_column_rows(joined["document_speakers"], [*assemble.SPEAKER_COLUMNS, "run_id",
                                                                           "pipeline_version"]), published)


def recurrence_counts(statements: Path, documents: Path) -> pa.Table:
    """``recurrence.documents_per_fingerprint`` over every statement, near-duplicate documents (``duplicate_of``
    set in ``documents``) left out."""
    counted = [assemble.counted_documents(rows) for rows in _column_rows(documents, ["document_id", "duplicate_of"])]
    ids = pa.chunked_array(counted, pa.string()).combine_chunks()
    return recurrence.documents_per_fingerprint(
        recurrence.fingerprint_documents(rows.column("fingerprint"), rows.column("document_id"), ids)
        for rows in _column_rows(statements, ["fingerprint", "document_id"]))


def rewritten(source: Path, target: Path, name: str, change=None) -> Path:
    """``source``'s rows written to ``target`` some at a time, each lot passed through ``change`` when given,
    with the table's dictionary-encoded columns (``schemas.tables.dictionary_columns``)."""
    schema = arrow_schema(TABLES[name])
    with io.parquet_sink(target, schema, dictionary_columns=dictionary_columns(TABLES[name])) as write:
        for rows in io.parquet_batches(source, rows=io.rows_at_once(name)):
            write(change(rows) if change else rows)
    return target


def corpus_tables(joined: dict[str, Path], out_dir: Path, *, timed: Timed = nullcontext) -> dict[str, Path]:
    """The staged tables (``out_dir/<table>.parquet``, in ``TABLES`` order) from the joined per-file rows:
    duplicates marked, the speakers merged across the corpus and pointed to, recurring statements counted.
    ``timed`` wraps each of those steps (the benchmark times them apart)."""
    with _stage(timed, "corpus: duplicates (MinHash LSH, bodies streamed twice)"):
        groups, digests = duplicate_marks(joined["documents"])
    with _stage(timed, "corpus: speakers across documents"):
        ids, speakers = corpus_speakers(joined)
    out = {}
    with _stage(timed, "write: staged tables (duplicates marked, speaker ids)"):
        for name in TABLES:
            target = out_dir / f"{name}.parquet"
            if name == "documents":
                out[name] = rewritten(joined[name], target, name,
                                      lambda r: assemble.with_duplicate_marks(r, groups, digests))
            elif name == "speakers":
                out[name] = io.write_parquet_atomic(speakers, target,
                                                    dictionary_columns=dictionary_columns(TABLES[name]))
            elif name == "document_speakers":
                out[name] = rewritten(joined[name], target, name, lambda r: assemble.with_speaker_ids(r, "name", ids))
            elif name != "statements":
                out[name] = rewritten(joined[name], target, name)
    with _stage(timed, "corpus: recurring statements counted"):
        per = recurrence_counts(joined["statements"], out["documents"])
    with _stage(timed, "write: staged statements (speaker ids, recurrence)"):
        out["statements"] = rewritten(joined["statements"], out_dir / "statements.parquet", "statements",
                                      lambda r: assemble.with_recurrence(assemble.with_speaker_ids(r, "speaker", ids),
                                                                         per))
    return {name: out[name] for name in TABLES}


def assembled_tables(staging: Path, order: list[str], build: incremental.Build, *,
                     timed: Timed = nullcontext) -> tuple[dict[str, Path], dict]:
    """What the flow's assemble-tables does after the batches: the batch parts (``staging/parts``) joined into the
    snapshot's cache (``staging/cache``, rows in the raw files' order ``order``), the manifest's section on how
    the run was built (``build.manifest``), then the staged tables (``corpus_tables``, ``staging/tables``).
    Returns the staged tables and that section; ``timed`` wraps each step."""
    with _stage(timed, "corpus: join batch parts (snapshot cache)"):
        joined = joined_parts(staging / "parts", order, staging / "cache")
    with _stage(timed, "corpus: manifest (files' states in the joined rows)"):
        built = build.manifest(order, source_states(joined))
    return corpus_tables(joined, staging / "tables", timed=timed), built


def sources(staged: dict[str, Path]) -> dict[str, io.ParquetSource]:
    """The staged tables as the checks read them (``flows.quality.sources.TableSource``), some rows at a time."""
    return {name: io.ParquetSource(path, io.rows_at_once(name)) for name, path in staged.items()}


def publisher(out_dir: Path) -> Callable[[str, Iterable[pa.Table], pa.Schema], io.ParquetSource]:
    """How the quarantine publishes a table (``flows.quality.quarantine.Publish``): its lots of rows written to
    ``out_dir/<table>.parquet`` as they come (one rename at the end), then read back as a source."""
    def publish(name: str, lots: Iterable[pa.Table], schema: pa.Schema) -> io.ParquetSource:
        target = out_dir / f"{name}.parquet"
        with io.parquet_sink(target, schema, dictionary_columns=dictionary_columns(TABLES[name])) as write:
            for rows in lots:
                write(rows)
        return io.ParquetSource(target, io.rows_at_once(name))
    return publish


def checked_result(staged: dict[str, Path], *, thresholds: QualityThresholds, files_read: int, today: dt.date,
                   data_docs_dir: Path | None = None) -> QualityResult:
    """What the flow's check-quality does: every check (GX suites derived from the schemas, cross-table rules) on
    the staged tables read through ``sources``, a lot of rows at a time."""
    from flows import quality

    return quality.quality_result(sources(staged), thresholds=thresholds, files_read=files_read, today=today,
                                  data_docs_dir=data_docs_dir)


def quarantined_tables(staged: dict[str, Path], checked: QualityResult, *, thresholds: QualityThresholds,
                       files_read: int, today: dt.date, out_dir: Path) -> tuple[dict[str, Path], QualityResult, dict]:
    """What the flow's quarantine-documents does: the documents whose content fails a row-level check moved to
    rejections, what is left written a lot of rows at a time to ``out_dir`` (``publisher``) and checked again.

    Returns the tables to publish (``staged`` itself when nothing was quarantined), the result that gates them,
    and a summary: rows per table to publish and the raw files quarantined by each check."""
    from flows import quality

    found, result = quality.quarantined_result(sources(staged), checked, thresholds=thresholds, files_read=files_read,
                                               today=today, publish=publisher(out_dir))
    summary = {"rows": {name: found.tables[name].num_rows for name in TABLES},
               "quarantined": {check: list(files) for check, files in found.files_by_check().items()}}
    if not found.offences:
        return staged, result, summary
    return {name: found.tables[name].path for name in TABLES}, result, summary
