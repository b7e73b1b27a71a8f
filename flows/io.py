"""The only module that reads raw/ or writes curated/."""
from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

PARQUET_COMPRESSION = "zstd"


class UnusableSourceError(OSError):
    """A listed raw entry that is not a regular file inside the raw folder; never opened.

    ``reason`` is a stable code: ``not_a_regular_file`` (a directory, FIFO, socket or device named
    like a raw file, or a symlink to one), ``broken_symlink``, ``symlink_loop``, ``outside_raw_folder``
    (a symlink, or a file reached through one, whose target lies outside the raw folder).
    The message starts with the code, so a rejection's detail names it."""

    def __init__(self, reason: str, message: str):
        super().__init__(f"{reason}: {message}")
        self.reason = reason


def source_paths(raw_dir: Path, pattern: str) -> list[Path]:
    """Every entry under raw_dir matching pattern, in a stable order.

    Nothing is left out here: entries that are not regular files (directories named ``*.txt``,
    FIFOs, devices, broken or looping symlinks) are listed too, and ``read_bytes`` refuses them with
    an ``UnusableSourceError`` naming the reason, so each becomes a recorded rejection."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw_dir}")
    return sorted(raw_dir.glob(pattern))


def read_bytes(path: Path, *, raw_dir: Path | None = None) -> bytes:
    """The bytes of the raw file at ``path``.

    ``raw_dir`` is the raw folder the path was listed from (default: the path's own folder, which is
    the raw folder for a flat pattern such as ``*.txt``); a symlink is followed only to a regular file
    inside it. Raises ``UnusableSourceError`` for anything else, without ever opening it (a FIFO would
    block the read), and the usual ``OSError`` when a regular file cannot be read."""
    problem = source_problem(path, raw_dir=path.parent if raw_dir is None else raw_dir)
    if problem is not None:
        raise problem
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # never blocks, even on a FIFO swapped in since
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
            raise UnusableSourceError("not_a_regular_file", f"{path} stopped being a regular file")
        return fh.read()


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


def table_from_rows(rows: list[dict], schema: pa.Schema) -> pa.Table:
    """A table with exactly ``schema`` (never one inferred from the rows)."""
    return pa.Table.from_pylist(rows, schema=schema)


def write_parquet_atomic(table: pa.Table, path: Path, *, dictionary_columns: list[str] | None = None) -> Path:
    """Write ``table`` to ``path`` so that no reader ever sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression=PARQUET_COMPRESSION,
                       use_dictionary=dictionary_columns if dictionary_columns is not None else True,
                       write_statistics=True)
        _fsync(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text_atomic(text: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)
    return path


def read_parquet(path: Path) -> pa.Table:
    return pq.read_table(path)


def read_parts(folder: Path, schema: pa.Schema) -> pa.Table:
    """All Parquet parts in ``folder`` as one table with ``schema`` (empty when there are none)."""
    parts = sorted(folder.glob("*.parquet")) if folder.is_dir() else []
    if not parts:
        return schema.empty_table()
    return pa.concat_tables([pq.read_table(p, schema=schema) for p in parts])


def publish(staged: Path, target: Path) -> None:
    """Move a fully written file into place with one atomic rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def read_history(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def append_history(entry: dict, path: Path) -> None:
    """Add one run's figures to the history file (rewritten atomically)."""
    history = read_history(path) + [entry]
    write_text_atomic("".join(json.dumps(h, default=str) + "\n" for h in history), path)


def _fsync(path: str) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())
