"""The only module that reads raw/ or writes curated/."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

PARQUET_COMPRESSION = "zstd"


def source_paths(raw_dir: Path, pattern: str) -> list[Path]:
    """Raw files under raw_dir matching pattern, in a stable order."""
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder not found: {raw_dir}")
    return sorted(p for p in raw_dir.glob(pattern) if p.is_file())


def read_bytes(path: Path) -> bytes:
    return path.read_bytes()


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
