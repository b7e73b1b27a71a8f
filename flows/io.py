"""The only module that reads raw/ or writes curated/.

Layout of a curated folder (see README, "Layout and consistency")::

    snapshots/<run_id>/<table>.parquet + manifest.json   one complete version per published run
    current -> snapshots/<run_id>                        switched with one atomic rename
    <table>.parquet -> current/<table>.parquet           stable paths for DuckDB, Polars, pandas, scorers
    README.md, views.sql                                 the data dictionary and DuckDB views (also in each snapshot)
    reports/                                             report pages, history.jsonl, failed runs' rejections
    .lock                                                held (flock) by the one run working on the folder

On object storage (``s3://bucket/prefix``, section "object storage" below) the same snapshots are uploaded,
and ``current`` is an object holding ``snapshots/<run_id>``, written after the snapshot is whole (no rename).
"""
from __future__ import annotations

import datetime as dt
import errno
import fcntl
import fnmatch
import functools
import hashlib
import json
import os
import shutil
import stat
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.fs as pafs
import pyarrow.parquet as pq

if pa.default_memory_pool().backend_name == "jemalloc":   # flows/__init__.py asks for it
    pa.jemalloc_set_decay_ms(0)   # pages freed go back to the system at once, not after seconds

PARQUET_COMPRESSION = "zstd"
SNAPSHOTS = "snapshots"
CURRENT = "current"
MANIFEST = "manifest.json"
LOCK_FILE = ".lock"
STAGING_PREFIX = ".staging-"


class UnusableSourceError(OSError):
    """A listed raw entry that is not a regular file inside the raw folder; never opened.

    ``reason`` is a stable code: ``not_a_regular_file`` (a directory, FIFO, socket or device named
    like a raw file, or a symlink to one), ``broken_symlink``, ``symlink_loop``, ``outside_raw_folder``
    (a symlink, or a file reached through one, whose target lies outside the raw folder).
    The message starts with the code, so a rejection's detail names it."""

    def __init__(self, reason: str, message: str):
        super().__init__(f"{reason}: {message}")
        self.reason = reason


class RejectedSourceError(OSError):
    """A raw file that was opened but is not used: ``reason`` is the rejection's reason code.

    ``too_large``: bigger than the size limit, so never read; ``changed_during_read``: its size or
    modification time changed while it was read, or the bytes read do not match its size (a writer is
    at work: what was read may be half old, half new)."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def source_paths(raw_dir: Path, pattern: str) -> list[Path]:
    """Every entry under raw_dir matching pattern, in a stable order.

    Nothing is left out here: entries that are not regular files (directories named ``*.txt``,
    FIFOs, devices, broken or looping symlinks) are listed too, and ``read_bytes`` refuses them with
    an ``UnusableSourceError`` naming the reason, so each becomes a recorded rejection.

    ``raw_dir`` may be ``s3://bucket/prefix``: then the object URIs below it whose key matches ``pattern``."""
    if is_object_store(raw_dir):
        return object_source_paths(raw_dir, pattern)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw_dir}")
    return sorted(raw_dir.glob(pattern))


def read_bytes(path: Path, *, raw_dir: Path | None = None, max_bytes: int | None = None) -> bytes:
    """The bytes of the raw file at ``path``.

    ``raw_dir`` is the raw folder the path was listed from (default: the path's own folder, which is
    the raw folder for a flat pattern such as ``*.txt``); a symlink is followed only to a regular file
    inside it. Raises ``UnusableSourceError`` for anything else, without ever opening it (a FIFO would
    block the read), and the usual ``OSError`` when a regular file cannot be read.

    Raises ``RejectedSourceError``: ``too_large`` when the open file is over ``max_bytes`` (it is not
    read; at most ``max_bytes + 1`` bytes are ever read, however it grows), ``changed_during_read``
    when ``fstat`` of the open file before and after the read disagree on size or modification time,
    or the bytes read are not as many as its size. An ``s3://`` URI is read by ``object_bytes``."""
    if is_object_store(path):
        return object_bytes(path, max_bytes=max_bytes)
    problem = source_problem(path, raw_dir=path.parent if raw_dir is None else raw_dir)
    if problem is not None:
        raise problem
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # never blocks, even on a FIFO swapped in since
    with os.fdopen(fd, "rb") as fh:
        before = os.fstat(fh.fileno())
        if not stat.S_ISREG(before.st_mode):
            raise UnusableSourceError("not_a_regular_file", f"{path} stopped being a regular file")
        if max_bytes is not None and before.st_size > max_bytes:
            raise RejectedSourceError("too_large", f"{path} is {before.st_size:,} bytes, over the max_file_bytes "
                                                   f"limit of {max_bytes:,}; not read")
        data = _read_at_most(fh, None if max_bytes is None else max_bytes + 1)
        change = read_change(before, os.fstat(fh.fileno()), len(data))
    if change is not None:
        raise RejectedSourceError("changed_during_read", f"{path} changed while it was read: {change}")
    return data


def _read_at_most(fh, limit: int | None) -> bytes:
    """The rest of the open file ``fh``, or its next ``limit`` bytes at most."""
    return fh.read() if limit is None else fh.read(limit)


def read_change(before, after, bytes_read: int) -> str | None:
    """What shows that a file changed while it was read (``fstat`` before and after, the bytes read), or None.

    ``before`` and ``after`` need only ``st_size`` and ``st_mtime_ns`` (an ``os.stat_result``, or an object's
    size and modification time)."""
    changes = []
    if after.st_size != before.st_size:
        changes.append(f"size {before.st_size:,} -> {after.st_size:,} bytes")
    if after.st_mtime_ns != before.st_mtime_ns:
        changes.append("modification time changed")
    if bytes_read != before.st_size:
        changes.append(f"{bytes_read:,} bytes read of {before.st_size:,}")
    return ", ".join(changes) or None


def source_problem(path: Path, *, raw_dir: Path) -> UnusableSourceError | None:
    """Why the raw entry ``path`` cannot be read as a raw file (see ``UnusableSourceError``), or None.

    Only ``lstat``/``stat`` and path resolution: the entry itself is never opened. Messages hold the
    paths as they are (a name that is not valid UTF-8 is escaped where the rejection is recorded)."""
    info = os.lstat(path)
    if stat.S_ISLNK(info.st_mode):
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return UnusableSourceError("broken_symlink",
                                       f"{path} is a symlink to {os.readlink(path)}, which does not exist")
        except OSError as err:
            if err.errno == errno.ELOOP:
                return UnusableSourceError("symlink_loop", f"{path} is a symlink loop")
            raise
    target = Path(os.path.realpath(path))
    if not target.is_relative_to(os.path.realpath(raw_dir)):
        return UnusableSourceError("outside_raw_folder", f"{path} leads to {target}, outside the raw folder {raw_dir}")
    if not stat.S_ISREG(info.st_mode):
        kind = _FILE_KINDS.get(stat.S_IFMT(info.st_mode), "not a regular file")
        return UnusableSourceError("not_a_regular_file", f"{path} is {kind}")
    return None


_FILE_KINDS = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFSOCK: "a socket",
               stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device"}


def relative_source(path: Path | str, raw_dir: Path | str) -> str:
    """The raw file's name relative to the raw folder, with ``/`` (an object's key below the raw prefix)."""
    if is_object_store(path):
        return str(path)[len(str(raw_dir)):].lstrip("/")
    return Path(path).relative_to(raw_dir).as_posix()


def resolved(location: Path | str) -> Path | str:
    """A local folder made absolute; an ``s3://`` URI as it is."""
    return location if is_object_store(location) else Path(location).resolve()


def modified_ns(path: Path | str) -> int | None:
    """The modification time of a raw file (after symlinks) or object, in nanoseconds."""
    if is_object_store(path):
        return s3_filesystem().get_file_info(s3_key(path)).mtime_ns
    return os.stat(path).st_mtime_ns


def table_from_rows(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """A table with exactly ``schema`` (never one inferred from the rows)."""
    return pa.Table.from_pylist(rows, schema=schema)


def _umask_from_proc() -> int | None:
    """The process umask as Linux reports it (``Umask:`` in /proc/self/status, Linux 4.7+), or None."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        return None
    return None


@functools.cache
def _umask_set_and_restored() -> int:
    """The umask read by setting it and setting it back, once, where /proc does not tell it. ``os.umask``
    is process-wide: a file another thread creates in between gets 0o022, never a looser mask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode a new file gets under the process umask: ``0o666 & ~umask`` (0o644 with the usual 0o022).

    Published files take it: ``tempfile.mkstemp`` creates its file 0o600 whatever the umask."""
    mask = _umask_from_proc()
    return 0o666 & ~(_umask_set_and_restored() if mask is None else mask)


def write_parquet_atomic(table: pa.Table, path: Path, *, dictionary_columns: list[str] | None = None) -> Path:
    """Write ``table`` to ``path`` so that no reader ever sees a half-written file; its mode is what the
    umask gives a new file (``parquet_sink`` fed the whole table)."""
    with parquet_sink(path, table.schema, dictionary_columns=dictionary_columns) as write:
        write(table)
    return path


@contextmanager
def parquet_sink(path: Path, schema: pa.Schema, *,
                 dictionary_columns: list[str] | None = None) -> Iterator[Callable[[pa.Table], None]]:
    """A writer of one Parquet file fed a table (some rows) at a time, in order, so that no table need be whole
    in memory: ``with parquet_sink(path, schema) as write: write(rows)...``. The file appears at ``path`` by
    one rename when the block ends, never half-written, and not at all when the block raises; rows of another
    schema raise. Its mode is what the umask gives a new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with pq.ParquetWriter(tmp, schema, compression=PARQUET_COMPRESSION, write_statistics=True,
                              use_dictionary=dictionary_columns if dictionary_columns is not None else True) as writer:
            yield lambda rows: writer.write_table(rows) if rows.num_rows else None
        os.chmod(tmp, new_file_mode())
        _fsync(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


BATCH_ROWS = 16_384  # rows the stages after the batches read (and write) at a time
DOCUMENT_ROWS = 1024  # documents they read at a time (a document holds its whole clean text)


def rows_at_once(table: str) -> int:
    """How many rows of ``table`` the stages after the batches read and write at a time."""
    return min(DOCUMENT_ROWS, BATCH_ROWS) if table == "documents" else BATCH_ROWS


def parquet_batches(path: Path, *, columns: list[str] | None = None, rows: int | None = None) -> Iterator[pa.Table]:
    """The table in ``path`` (only ``columns`` when given) as tables of at most ``rows`` rows (``BATCH_ROWS``
    unless given), in order: what a stage reads at a time when it need not hold the table whole."""
    with pq.ParquetFile(path) as file:
        for batch in file.iter_batches(batch_size=rows or BATCH_ROWS, columns=columns):
            yield pa.Table.from_batches([batch])


class ParquetSource:
    """A staged table's Parquet file as the checks read it (``flows.quality.sources.TableSource``): some rows at a
    time, a few columns whole, or the rows of some keys, found through an index of the row groups that hold each
    key (the stages write documents ``DOCUMENT_ROWS`` to a row group)."""

    def __init__(self, path: Path, rows: int | None = None):
        self.path, self.rows_at_once = Path(path), rows or BATCH_ROWS
        with pq.ParquetFile(self.path) as file:
            self.schema, self.num_rows = file.schema_arrow, file.metadata.num_rows
        self._groups: dict[str, pa.Table] = {}

    def lots(self, columns: list[str] | None = None, rows: int | None = None) -> Iterator[pa.Table]:
        empty = True
        for lot in parquet_batches(self.path, columns=columns, rows=min(rows or self.rows_at_once, self.rows_at_once)):
            empty = False
            yield lot
        if empty:
            table = self.schema.empty_table()
            yield table.select(columns) if columns is not None else table

    def read(self, columns: list[str]) -> pa.Table:
        return read_parquet(self.path, columns=columns)

    def _row_groups(self, column: str) -> pa.Table:
        """Each value of ``column`` and the row group that holds it (read once, one row group at a time)."""
        if column not in self._groups:
            with pq.ParquetFile(self.path) as file:
                parts = [pa.table({"value": file.read_row_group(i, columns=[column]).column(0),
                                   "group": pa.array([i] * file.metadata.row_group(i).num_rows, pa.int32())})
                         for i in range(file.num_row_groups)]
            self._groups[column] = pa.concat_tables(parts) if parts else pa.table(
                {"value": pa.array([], self.schema.field(column).type), "group": pa.array([], pa.int32())})
        return self._groups[column]

    def rows_where(self, column: str, values: pa.Array, columns: list[str]) -> pa.Table:
        index = self._row_groups(column)
        groups = pc.unique(index.filter(pc.is_in(index.column("value"), value_set=values)).column("group"))
        with pq.ParquetFile(self.path) as file:
            found = file.read_row_groups(sorted(groups.to_pylist()), columns=list(dict.fromkeys([column, *columns])))
        return found.filter(pc.is_in(found.column(column), value_set=values)).select(columns)


def write_text_atomic(text: str, path: Path) -> Path:
    """Write ``text`` to ``path`` by one rename; its mode is what the umask gives a new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, new_file_mode())
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
    return path


def read_parquet(path: Path, *, schema: pa.Schema | None = None, columns: list[str] | None = None) -> pa.Table:
    """The table in ``path``; only ``columns`` (all rows, even with no column) when given."""
    return pq.read_table(path, schema=schema, columns=columns)


def read_parts(folder: Path, schema: pa.Schema) -> pa.Table:
    """All Parquet parts in ``folder`` as one table with ``schema`` (empty when there are none)."""
    parts = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    if not parts:
        return schema.empty_table()
    return pa.concat_tables([pq.read_table(p, schema=schema) for p in parts])


def publish(staged: Path, target: Path) -> Path:
    """Move a fully written file into place with one atomic rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)
    return target


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


STOP_MARKER = "STOP"  # in a run's staging folder: its batches stop before their next raw file


def request_stop(staging: Path) -> Path:
    """Ask a run's batches to stop, wherever they run (threads, worker processes, Dask workers sharing the
    folder): a marker file in its staging folder, which they look for before each raw file."""
    staging.mkdir(parents=True, exist_ok=True)
    marker = staging / STOP_MARKER
    marker.touch()
    return marker


def stop_requested(staging: Path) -> bool:
    """Whether ``request_stop`` was called for the run staging in ``staging``."""
    return (staging / STOP_MARKER).exists()


# ---------------------------------------------------------------- the published set: lock, snapshots, current

class CuratedFolderLocked(RuntimeError):
    """Another run holds the lock on this curated folder; this run touched nothing in it."""

    def __init__(self, folder: Path):
        super().__init__(f"another run holds the lock on {folder}")
        self.folder = folder


@contextmanager
def curated_lock(curated_dir: Path) -> Iterator[Path]:
    """Hold the exclusive lock on ``curated_dir/.lock`` for the block, or raise ``CuratedFolderLocked`` at once.

    ``flock`` never waits here. The OS drops the lock when its holder's process dies, so a killed run
    leaves no stale lock."""
    curated_dir.mkdir(parents=True, exist_ok=True)
    path = curated_dir / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CuratedFolderLocked(curated_dir) from None
        yield path
    finally:
        os.close(fd)  # releases the lock


def removed_debris(curated_dir: Path) -> list[Path]:
    """Remove what killed runs left in ``curated_dir``: ``.staging-*`` folders, then the ``.*.tmp`` files
    and links of interrupted atomic writes anywhere below it. Returns what was removed.

    Call it only under ``curated_lock``, when no other run can be writing."""
    staging = sorted(p for p in curated_dir.glob(STAGING_PREFIX + "*") if p.is_dir() and not p.is_symlink())
    for path in staging:
        shutil.rmtree(path)
    temps = sorted(p for p in curated_dir.rglob(".*.tmp") if p.is_symlink() or p.is_file())
    for path in temps:
        path.unlink()
    return staging + temps


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def snapshot_manifest(files: dict[str, Path], *, run_id: str, pipeline_version: str,
                      created_at: dt.datetime) -> dict:
    """What ``manifest.json`` says of a snapshot: the run, and each table's file, rows, bytes and sha256."""
    tables = {name: {"file": path.name, "rows": pq.read_metadata(path).num_rows, "bytes": path.stat().st_size,
                     "sha256": file_sha256(path)} for name, path in sorted(files.items())}
    return {"run_id": run_id, "pipeline_version": pipeline_version, "created_at": created_at.isoformat(),
            "tables": tables}


def written_snapshot(staged: dict[str, Path], curated_dir: Path, *, run_id: str, pipeline_version: str,
                     build_dir: Path, docs: dict[str, str] | None = None, extras: dict[str, Path] | None = None,
                     manifest_extra: dict | None = None) -> Path:
    """``curated_dir/snapshots/<run_id>/``: the staged tables moved in with a ``manifest.json`` and the
    ``docs`` (file name -> text: the data dictionary and the DuckDB views), all fsynced. ``extras`` (path inside
    the snapshot -> staged file: the incremental cache) are moved in too, and ``manifest_extra``'s keys join
    the manifest; neither is a table.

    It is built in ``build_dir`` (inside the run's staging folder, so on the same file system) and renamed
    into ``snapshots/`` whole: a snapshot folder is complete or absent."""
    build_dir.mkdir(parents=True)
    files = {name: publish(path, build_dir / f"{name}.parquet") for name, path in staged.items()}
    moved = [publish(path, build_dir / name) for name, path in (extras or {}).items()]
    manifest = snapshot_manifest(files, run_id=run_id, pipeline_version=pipeline_version,
                                 created_at=dt.datetime.now(dt.timezone.utc))
    write_text_atomic(json.dumps({**manifest, **(manifest_extra or {})}, indent=2) + "\n", build_dir / MANIFEST)
    written_docs = [write_text_atomic(text, build_dir / name) for name, text in (docs or {}).items()]
    for path in [*files.values(), *moved, build_dir / MANIFEST, *written_docs]:
        _fsync(path)
    _fsync_dir(build_dir)
    target = curated_dir / SNAPSHOTS / run_id
    target.parent.mkdir(parents=True, exist_ok=True)
    os.rename(build_dir, target)
    _fsync_dir(target.parent)
    return target


def read_manifest(snapshot: Path) -> dict:
    """The ``manifest.json`` of a snapshot folder."""
    return json.loads((snapshot / MANIFEST).read_text(encoding="utf-8"))


def replaced_symlink(link: Path, target: Path) -> Path:
    """``link`` made a symlink to ``target`` in one atomic step (a temporary link renamed over whatever
    is there, a regular file included); a reader sees the old entry or the new link, never neither."""
    tmp = link.with_name(f".{link.name}.{uuid.uuid4().hex[:8]}.tmp")
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(link.parent)
    return link


def switched_current(curated_dir: Path, snapshot: Path) -> Path:
    """The link ``curated_dir/current``, now pointing at ``snapshot`` (relative: ``snapshots/<run_id>``)."""
    return replaced_symlink(curated_dir / CURRENT, Path(SNAPSHOTS) / snapshot.name)


def current_snapshot(curated_dir: Path) -> Path | None:
    """The snapshot folder ``curated_dir/current`` points at, resolved once; None before the first publish."""
    link = curated_dir / CURRENT
    return curated_dir / os.readlink(link) if link.is_symlink() else None


def stable_table_links(curated_dir: Path, names) -> list[Path]:
    """The links ``<name>.parquet -> current/<name>.parquet`` made now (those already right are left alone);
    a regular file of the older one-file-per-table layout is replaced by its link atomically."""
    made = []
    for name in names:
        link, target = curated_dir / f"{name}.parquet", Path(CURRENT) / f"{name}.parquet"
        if not (link.is_symlink() and os.readlink(link) == str(target)):
            made.append(replaced_symlink(link, target))
    return made


def stable_docs(curated_dir: Path, docs: dict[str, str]) -> list[Path]:
    """The documentation files at the top of ``curated_dir`` (``README.md``, ``views.sql``), each written by one
    rename. Regular files, not links: a fresh clone carries the sample build's copies, and a run that
    writes the same text leaves them as committed."""
    return [write_text_atomic(text, curated_dir / name) for name, text in docs.items()]


def snapshots_to_prune(names: list[str], *, current: str | None, keep: int) -> list[str]:
    """The snapshot names to delete so that ``keep`` remain: the current one and the newest others.

    Run ids start with their UTC time, so name order is age order. Pure."""
    if keep < 1:
        raise ValueError(f"keep must be at least 1, not {keep}")
    others = sorted(n for n in names if n != current)
    kept_others = keep - 1 if current in names else keep
    return others[:max(len(others) - kept_others, 0)]


def pruned_snapshots(curated_dir: Path, *, keep: int) -> list[Path]:
    """Delete all but ``keep`` snapshots (never the current one); returns the folders deleted."""
    folder = curated_dir / SNAPSHOTS
    names = [p.name for p in folder.iterdir() if p.is_dir() and not p.is_symlink()] if folder.is_dir() else []
    current = current_snapshot(curated_dir)
    doomed = [folder / n for n in snapshots_to_prune(names, current=current.name if current else None, keep=keep)]
    for path in doomed:
        shutil.rmtree(path)
    return doomed


def published_snapshot(staged: dict[str, Path], curated_dir: Path, *, run_id: str, pipeline_version: str,
                       build_dir: Path, keep: int, docs: dict[str, str] | None = None,
                       extras: dict[str, Path] | None = None,
                       manifest_extra: dict | None = None) -> tuple[Path, list[Path]]:
    """Publish a run's tables as one set; returns the new snapshot and the old snapshots deleted.

    Writes ``snapshots/<run_id>/`` (with the ``docs``), switches ``current`` to it (the one atomic step: before
    it readers see the previous set whole, after it the new one), makes sure the stable per-table links exist,
    writes the ``docs`` at the folder's top too, then prunes to ``keep`` snapshots."""
    snapshot = written_snapshot(staged, curated_dir, run_id=run_id, pipeline_version=pipeline_version,
                                build_dir=build_dir, docs=docs, extras=extras, manifest_extra=manifest_extra)
    switched_current(curated_dir, snapshot)
    stable_table_links(curated_dir, staged)
    stable_docs(curated_dir, docs or {})
    return snapshot, pruned_snapshots(curated_dir, keep=keep)


def kept_failed_run_rejections(staged: Path, reports_dir: Path, run_id: str) -> Path:
    """A failed run's rejections moved beside its report, ``reports/runs/<run_id>/rejections.parquet``;
    the current set is not touched."""
    return publish(staged, reports_dir / "runs" / run_id / "rejections.parquet")


def read_history(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def append_history(entry: dict, path: Path) -> None:
    """Add one run's figures to the history file (rewritten atomically)."""
    history = read_history(path) + [entry]
    write_text_atomic("".join(json.dumps(h, default=str) + "\n" for h in history), path)


def _fsync(path: str | Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in the folder ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- object storage (s3://bucket/prefix)
#
# Raw files are listed and read through pyarrow's S3 filesystem. A curated prefix is written from a local
# working folder (``curated_workspace``): the run stages, checks and builds its snapshot there as it does on
# disk, then ``published_object_snapshot`` uploads the snapshot (tables and docs, manifest.json last) and only
# then writes the pointer object ``<prefix>/current``. Objects are written whole, so a reader that reads the
# pointer once and the tables of that snapshot gets one complete version. Credentials and endpoint come from
# the environment (``s3_filesystem``). Object storage has no lock: one run at a time per prefix.

S3_SCHEME = "s3://"
HISTORY = "reports/history.jsonl"


def is_object_store(location) -> bool:
    """Whether ``location`` names object storage (a string ``s3://bucket/prefix``), not a local path."""
    return isinstance(location, str) and location.startswith(S3_SCHEME)


def s3_key(uri: str) -> str:
    """``s3://bucket/prefix`` as pyarrow's S3 filesystem names it: ``bucket/prefix``."""
    return uri[len(S3_SCHEME):].strip("/")


def s3_filesystem(environ=None) -> pafs.S3FileSystem:
    """pyarrow's S3 filesystem as the environment configures it: credentials from ``AWS_ACCESS_KEY_ID`` /
    ``AWS_SECRET_ACCESS_KEY`` (``AWS_SESSION_TOKEN``; or the AWS config files), the endpoint of an
    S3-compatible server (MinIO, moto, ...) from ``AWS_ENDPOINT_URL_S3`` or ``AWS_ENDPOINT_URL``
    (``http://host:port``; pyarrow does not read these itself), the region from ``AWS_REGION`` or
    ``AWS_DEFAULT_REGION``. One filesystem per process and setting."""
    env = os.environ if environ is None else environ
    endpoint = env.get("AWS_ENDPOINT_URL_S3") or env.get("AWS_ENDPOINT_URL") or None
    region = env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or None
    return _s3_filesystem(endpoint, region)


@functools.cache
def _s3_filesystem(endpoint: str | None, region: str | None) -> pafs.S3FileSystem:
    scheme, _, host = endpoint.partition("://") if endpoint and "://" in endpoint else ("https", "", endpoint)
    return pafs.S3FileSystem(endpoint_override=host or None, scheme=scheme, region=region)


def glob_matches(relative: str, pattern: str) -> bool:
    """Whether the ``/``-separated name ``relative`` matches ``pattern`` as ``Path.glob`` would: ``*``, ``?`` and
    ``[...]`` within one segment, a ``**`` segment for any number of segments. Pure."""
    return _segments_match(relative.split("/"), pattern.split("/"))


def _segments_match(names: list[str], parts: list[str]) -> bool:
    if not parts:
        return not names
    if parts[0] == "**":
        return any(_segments_match(names[i:], parts[1:]) for i in range(len(names) + 1))
    return bool(names) and fnmatch.fnmatchcase(names[0], parts[0]) and _segments_match(names[1:], parts[1:])


def object_source_paths(raw_uri: str, pattern: str) -> list[str]:
    """The URIs of the objects below ``raw_uri`` whose key (relative to it) matches ``pattern``, sorted; none
    when the prefix holds nothing. Raises ``FileNotFoundError`` when the bucket does not exist."""
    fs, root = s3_filesystem(), s3_key(raw_uri)
    bucket = root.partition("/")[0]
    if fs.get_file_info(bucket).type == pafs.FileType.NotFound:
        raise FileNotFoundError(f"no bucket {bucket!r} (or no access to it)")
    infos = fs.get_file_info(pafs.FileSelector(root, recursive=True, allow_not_found=True))
    names = [info.path[len(root) + 1:] for info in infos if info.type == pafs.FileType.File]
    return sorted(f"{raw_uri.rstrip('/')}/{name}" for name in names if glob_matches(name, pattern))


def object_bytes(uri: str, *, max_bytes: int | None = None) -> bytes:
    """The bytes of the object at ``uri``, with ``read_bytes``'s guarantees: ``RejectedSourceError``
    ``too_large`` (never read) or ``changed_during_read`` (size or modification time before and after the
    read disagree, or fewer bytes came than its size); ``FileNotFoundError`` when it is gone."""
    fs, key = s3_filesystem(), s3_key(uri)
    before = fs.get_file_info(key)
    if before.type == pafs.FileType.NotFound:
        raise FileNotFoundError(f"{uri} does not exist (any more)")
    if before.type != pafs.FileType.File:
        raise UnusableSourceError("not_a_regular_file", f"{uri} is not an object")
    if max_bytes is not None and before.size > max_bytes:
        raise RejectedSourceError("too_large", f"{uri} is {before.size:,} bytes, over the max_file_bytes "
                                               f"limit of {max_bytes:,}; not read")
    with fs.open_input_stream(key) as fh:
        data = fh.read(before.size + 1 if max_bytes is None else max_bytes + 1)
    change = read_change(_object_stat(before), _object_stat(fs.get_file_info(key)), len(data))
    if change is not None:
        raise RejectedSourceError("changed_during_read", f"{uri} changed while it was read: {change}")
    return data


def _object_stat(info: pafs.FileInfo):
    """An object's size and modification time under ``os.stat_result``'s names (for ``read_change``)."""
    return SimpleNamespace(st_size=info.size if info.size is not None else -1, st_mtime_ns=info.mtime_ns)


def put_text(fs: pafs.FileSystem, key: str, text: str) -> None:
    """One object holding ``text`` (UTF-8), written whole by one PUT."""
    with fs.open_output_stream(key) as out:
        out.write(text.encode("utf-8"))


def get_text(fs: pafs.FileSystem, key: str) -> str | None:
    """The text of one object, or None when there is none."""
    if fs.get_file_info(key).type != pafs.FileType.File:
        return None
    with fs.open_input_stream(key) as fh:
        return fh.read().decode("utf-8")


def upload_file(fs: pafs.FileSystem, local: Path, key: str) -> None:
    pafs.copy_files(str(local), key, source_filesystem=pafs.LocalFileSystem(), destination_filesystem=fs)


@contextmanager
def curated_workspace(curated) -> Iterator[Path]:
    """The local folder a run works in: the curated folder itself, or for ``s3://bucket/prefix`` a temporary
    folder holding the prefix's ``reports/history.jsonl``, whose ``reports/`` is uploaded when the run ends
    (published, failed or crashed: the report says which) and which is then removed."""
    if not is_object_store(curated):
        yield Path(curated).resolve()
        return
    fs, root = s3_filesystem(), s3_key(curated)
    with tempfile.TemporaryDirectory(prefix="newsvoices-curated-") as tmp:
        work = Path(tmp)
        history = get_text(fs, f"{root}/{HISTORY}")
        if history is not None:
            write_text_atomic(history, work / HISTORY)
        try:
            yield work
        finally:
            if (work / "reports").is_dir():
                pafs.copy_files(str(work / "reports"), f"{root}/reports",
                                source_filesystem=pafs.LocalFileSystem(), destination_filesystem=fs)


def current_object_snapshot(curated_uri: str) -> str | None:
    """The URI of the snapshot ``<curated_uri>/current`` names, read once; None before the first publish.
    Read every table of a version from the folder it returns."""
    pointer = get_text(s3_filesystem(), f"{s3_key(curated_uri)}/{CURRENT}")
    return None if pointer is None else f"{curated_uri.rstrip('/')}/{pointer.strip()}"


def published_object_snapshot(snapshot: Path, curated_uri: str, *, keep: int) -> tuple[str, list[str]]:
    """Publish the local snapshot folder ``snapshot`` (as ``written_snapshot`` made it) to ``curated_uri``;
    returns the snapshot's URI and the URIs of the old snapshots deleted.

    Its files go to ``snapshots/<run_id>/``, ``manifest.json`` last (a snapshot without one is unfinished);
    then the pointer object ``current`` gets ``snapshots/<run_id>`` (the one switch: a reader resolving it
    before sees the previous version whole, after it the new one); then old snapshots are pruned to ``keep``."""
    fs, root = s3_filesystem(), s3_key(curated_uri)
    target = f"{SNAPSHOTS}/{snapshot.name}"
    files = sorted(p for p in snapshot.rglob("*") if p.is_file() and p.name != MANIFEST) + [snapshot / MANIFEST]
    for path in files:        # the incremental/ cache too, under its own folder
        upload_file(fs, path, f"{root}/{target}/{path.relative_to(snapshot).as_posix()}")
    put_text(fs, f"{root}/{CURRENT}", target)
    pruned = pruned_object_snapshots(fs, root, keep=keep)
    return f"{curated_uri.rstrip('/')}/{target}", [f"{curated_uri.rstrip('/')}/{SNAPSHOTS}/{n}" for n in pruned]


def pruned_object_snapshots(fs: pafs.FileSystem, root: str, *, keep: int) -> list[str]:
    """Delete all but ``keep`` finished snapshots below ``root/snapshots`` (never the current one), and the
    unfinished ones (no manifest.json: an upload a killed run left) other than the current; the names deleted."""
    base = f"{root}/{SNAPSHOTS}/"
    infos = fs.get_file_info(pafs.FileSelector(base.rstrip("/"), recursive=True, allow_not_found=True))
    files = [i for i in infos if i.type == pafs.FileType.File]

    def snapshot_of(info) -> str:     # the folder right below snapshots/, however deep the file lies
        return info.path[len(base):].split("/", 1)[0]
    names = {snapshot_of(i) for i in files}
    finished = {snapshot_of(i) for i in files if i.path[len(base):] == f"{snapshot_of(i)}/{MANIFEST}"}
    pointer = get_text(fs, f"{root}/{CURRENT}")
    current = pointer.strip().rpartition("/")[2] if pointer else None
    doomed = sorted(names - finished - {current})
    doomed += snapshots_to_prune(sorted(finished), current=current, keep=keep)
    for name in doomed:
        fs.delete_dir(f"{root}/{SNAPSHOTS}/{name}")
    return doomed
