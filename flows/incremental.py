"""Incremental runs: the rows of raw files that did not change come from the current published version; only
new and changed files are read through the per-file steps; every corpus-level step runs over all documents.

Where the cache boundary lies (README, "Incremental runs"). A published snapshot keeps, beside its tables, the
*pre-corpus* rows of every raw file, ``snapshots/<run_id>/incremental/<table>.parquet``: the rows as the batches
made them (documents, paragraphs, statements, document_speakers, removed_lines, and the rejections of ingest,
cleaning and validation), before the corpus-level steps - near-duplicates, the corpus-wide speakers, the quality
checks and quarantine - which every run recomputes over all documents. Its ``manifest.json`` lists each raw
file (``incremental.sources``: path, size, mtime, sha256, the key its rows were made under, whether they are
cached and whether this run reused them).

One per-file step reads the corpus: corpus boilerplate (lines found in ``min_boilerplate_docs`` documents) takes
lines out of bodies. Every run profiles every file (decode and normalise, no parse) to learn those lines, and a
file's key names the repeated lines its cleaning may look up (``clean.boilerplate_profile``), so a file whose
lines become - or stop being - corpus boilerplate because other files joined or left ``raw/`` is processed again.
A file's rows are reused only when its path, its sha256, that share of the corpus boilerplate and the code
fingerprint (the pipeline's own source files, its data files and the installed packages' versions) are all
those its cached rows were made under. Files whose rows are not a pure function of those (a ``timeout``, or a
file that changed between the profile and the batch) are never cached.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows import __version__, io
from flows.steps import assemble, clean, dedup
from flows.steps import boilerplate as bp
from schemas.tables import TABLES, arrow_schema

CACHE_DIR = "incremental"  # inside a snapshot: the pre-corpus rows of every raw file, one file per table
CACHED_TABLES = ("documents", "paragraphs", "statements", "document_speakers", "removed_lines", "rejections")
REUSED_PART = "part-reused.parquet"  # the reused rows among a run's batch parts
NOT_CACHED_REASONS = frozenset({"timeout"})  # rejections that depend on the machine's load, not on the file
_ROOT = Path(__file__).resolve().parents[1]
CODE_ROOTS = (_ROOT / "flows", _ROOT / "schemas")
CODE_FILES = ("*.py", "steps/data/*")


@dataclass(frozen=True, slots=True)
class SourceState:
    """A raw file as the profile read it, and the share of the corpus boilerplate its cleaning may look up."""
    path: str
    size: int
    mtime_ns: int
    sha256: str
    boilerplate_hits: str  # sha256 of the sorted corpus-boilerplate keys among its lookup keys

    def reuse_key(self, fingerprint: str) -> str:
        """What the file's pre-corpus rows are a function of: the code, its bytes, its boilerplate share."""
        return _sha256("\n".join((fingerprint, self.path, self.sha256, self.boilerplate_hits)))


@dataclass(frozen=True)
class CorpusProfile:
    """The corpus boilerplate, and the state of every raw file that could be read and decoded (by source path)."""
    boilerplate: frozenset[str]
    sources: dict[str, SourceState]


@dataclass(frozen=True)
class Reuse:
    """What an incremental run takes from the current version: the source paths reused, from which run."""
    paths: frozenset[str] = frozenset()
    base_run_id: str | None = None
    note: str = "full run"


@dataclass(frozen=True)
class Build:
    """How a run builds its per-file rows: the corpus profile, what it reuses, the code fingerprint, the mode."""
    profile: CorpusProfile
    reuse: Reuse
    fingerprint: str
    incremental: bool

    def manifest(self, order: list[str], tables: dict[str, pa.Table]) -> dict:
        """The manifest's ``incremental`` key for the pre-corpus ``tables`` of the raw files ``order``."""
        entries = source_entries(order, self.profile, tables, self.reuse.paths, self.fingerprint)
        return manifest_section(entries, self.reuse, self.fingerprint, incremental=self.incremental)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_fingerprint(roots: tuple[Path, ...] = CODE_ROOTS, patterns: tuple[str, ...] = CODE_FILES) -> str:
    """A hash of everything the per-file rows are made by: the pipeline version, Python's version, every file
    under ``roots`` matching ``patterns`` (the code and the word lists), and every installed package's version.
    Any change to them makes the next incremental run process every file again."""
    digest = hashlib.sha256(f"{__version__}\n{sys.version}\n".encode())
    for root in roots:
        for path in sorted({p for pattern in patterns for p in root.rglob(pattern) if p.is_file()}):
            digest.update(f"{path.relative_to(root.parent).as_posix()}\n".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()


def source_path(path: Path | str, raw_dir: Path | str) -> str:
    """A listed raw path (or object URI) as its rows record it (``source_path``)."""
    return assemble.path_text(io.relative_source(path, raw_dir))


def corpus_profile(paths: list[Path], raw_dir: Path, *, min_docs: int, max_file_bytes: int) -> CorpusProfile:
    """Read every raw file once: the corpus boilerplate (``clean.corpus_boilerplate``'s lines) and each file's
    ``SourceState``. A file that cannot be read or decoded is left out (its batch records the rejection).

    A file's lookup keys are held as 64-bit hashes (``dedup.string_hashes``) until the boilerplate is known, and
    its counted lines only while it is counted: at 100 MB of text the profile held 144k keys of 22,777 files as
    strings in sets, whose freed pages the rest of the run kept. A lookup key whose hash is a boilerplate
    line's is taken for that line: distinct keys share a hash with odds of about 2**-64 a pair."""
    read, looked_up = {}, {}

    def counted_lines():
        for path in paths:
            rel = source_path(path, raw_dir)
            try:
                data = io.read_bytes(path, raw_dir=raw_dir, max_bytes=max_file_bytes)
                profile = clean.boilerplate_profile(clean.decoded(data).text)
            except (OSError, clean.UndecodableError):
                continue
            read[rel] = (len(data), io.modified_ns(path), hashlib.sha256(data).hexdigest())
            looked_up[rel] = dedup.string_hashes(profile.looked_up)
            yield profile.counted
    boilerplate = bp.repeated_keys(counted_lines(), min_docs=min_docs)
    ordered = sorted(boilerplate)
    hashes = np.array([dedup.string_hashes([k])[0] for k in ordered], np.uint64)
    sources = {rel: SourceState(rel, size, mtime, sha, _sha256("\n".join(
                   ordered[i] for i in np.flatnonzero(np.isin(hashes, looked_up[rel], assume_unique=True)))))
               for rel, (size, mtime, sha) in read.items()}
    return CorpusProfile(boilerplate=boilerplate, sources=sources)


def reusable_paths(cached: list[dict], profile: CorpusProfile, fingerprint: str) -> frozenset[str]:
    """The source paths whose cached rows (``cached``: a manifest's ``incremental.sources``) were made under the
    key the file has now. Pure."""
    keys = {s["path"]: s["reuse_key"] for s in cached if s.get("cached")}
    return frozenset(path for path, state in profile.sources.items() if keys.get(path) == state.reuse_key(fingerprint))


def reused_tables(cache: dict[str, pa.Table], paths: frozenset[str], run_id: str) -> dict[str, pa.Table]:
    """The cached rows of the files ``paths``, each restamped with this run's ``run_id`` (a published version's
    rows name the run that published it). Pure."""
    chosen = pa.array(sorted(paths), pa.string())
    out = {}
    for name, table in cache.items():
        kept = table.filter(pc.is_in(table.column("source_path"), value_set=chosen))
        index = kept.schema.get_field_index("run_id")
        out[name] = kept.set_column(index, kept.schema.field(index), pa.array([run_id] * kept.num_rows, pa.string()))
    return out


def in_source_order(table: pa.Table, order: list[str]) -> pa.Table:
    """``table``'s rows ordered by their raw file's place in ``order`` (a stable sort: a file's rows keep their
    order), so a run that reuses rows lays them out as a full run does. Tables without ``source_path`` (and rows
    of a path not in ``order``, last) are left as they are, and so is a table already in that order (a full
    run's batch parts: no copy of the table). Pure."""
    if "source_path" not in table.column_names or table.num_rows == 0:
        return table
    column = pc.cast(table.column("source_path"), pa.string())
    rank = pc.fill_null(pc.index_in(column, value_set=pa.array(order, pa.string())), len(order)).to_numpy()
    if (rank[1:] >= rank[:-1]).all():
        return table
    return table.take(pc.sort_indices(pa.table({"rank": rank}), sort_keys=[("rank", "ascending")]))


def source_entries(order: list[str], profile: CorpusProfile, tables: dict[str, pa.Table], reused: frozenset[str],
                   fingerprint: str) -> list[dict]:
    """The manifest's ``incremental.sources``: one entry per listed raw file. A file's rows are ``cached`` when
    they were made from the bytes the profile read (one sha256 in all its rows) and hold no rejection that
    depends on the run (``NOT_CACHED_REASONS``). Pure."""
    shas: dict[str, set] = {}
    for name in CACHED_TABLES:
        for path, sha in zip(tables[name].column("source_path").to_pylist(),
                             tables[name].column("source_sha256").to_pylist()):
            shas.setdefault(path, set()).add(sha)
    rejected = tables["rejections"]
    volatile = set(rejected.filter(pc.is_in(rejected.column("reason"), value_set=pa.array(sorted(NOT_CACHED_REASONS))))
                   .column("source_path").to_pylist())
    entries = []
    for path in order:
        state = profile.sources.get(path)
        if state is None:
            entries.append({"path": path, "cached": False, "reused": False})
            continue
        cached = shas.get(path) == {state.sha256} and path not in volatile
        entries.append({"path": path, "size": state.size, "mtime_ns": state.mtime_ns, "sha256": state.sha256,
                        "reuse_key": state.reuse_key(fingerprint), "cached": cached, "reused": path in reused})
    return entries


def manifest_section(entries: list[dict], reuse: Reuse, fingerprint: str, *, incremental: bool) -> dict:
    """The manifest's ``incremental`` key: how this version was built and what of it was reused."""
    reused = sum(e["reused"] for e in entries)
    return {"incremental": {"mode": "incremental" if incremental else "full", "code_fingerprint": fingerprint,
                            "base_run_id": reuse.base_run_id, "note": reuse.note, "reused_files": reused,
                            "processed_files": len(entries) - reused, "cache_dir": CACHE_DIR, "sources": entries}}


# ------------------------------------------------------------------ reading and writing, through flows.io

def staged_reuse(profile: CorpusProfile, curated_dir: Path, parts_dir: Path, run_id: str, fingerprint: str) -> Reuse:
    """Find the current version's cached rows of the files unchanged since, and stage them as one more batch
    part per table (``parts_dir/<table>/part-reused.parquet``). Returns what was reused and why not more."""
    snapshot = io.current_snapshot(curated_dir)
    if snapshot is None:
        return Reuse(note="no published version yet: full run")
    manifest = io.read_manifest(snapshot)
    section = manifest.get("incremental") or {}
    if not section.get("sources"):
        return Reuse(base_run_id=manifest.get("run_id"), note="the current version keeps no per-file rows: full run")
    paths = reusable_paths(section["sources"], profile, fingerprint)
    note = ("the code changed since the current version: every file processed"
            if section.get("code_fingerprint") != fingerprint else f"{len(paths)} unchanged files reused")
    if paths:
        cache = {name: io.read_parquet(snapshot / CACHE_DIR / f"{name}.parquet", schema=arrow_schema(TABLES[name]))
                 for name in CACHED_TABLES}
        for name, table in reused_tables(cache, paths, run_id).items():
            io.write_parquet_atomic(table, parts_dir / name / REUSED_PART)
    return Reuse(paths=paths, base_run_id=manifest["run_id"], note=note)
