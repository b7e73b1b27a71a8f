"""One batch of raw files, as every runner runs it, and what a worker process loads before its first batch.

No Prefect here: the flow's ``curate-batch`` task (flows/curate.py) is a thin wrapper around
:func:`staged_batch`, the worker processes of Prefect's process pool and of Dask run :func:`warm_worker` as
they start (flows/runners.py), and the worker-scaling benchmark (flows/scaling.py) runs the same two in a
plain process pool, so that it measures the batches' work and not the orchestration around them.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

from flows import io
from flows.steps import assemble
from flows.steps.deadline import Deadline
from flows.memory import return_freed_memory
from schemas.tables import TABLES, arrow_schema


def batched(items: list, size: int) -> list[list]:
    """``items`` cut into consecutive batches of ``size`` (the last may be shorter)."""
    return [items[i:i + size] for i in range(0, len(items), size)]


class BatchStopped(RuntimeError):
    """The run was stopping (a signal, or another batch's error), so this batch stopped before its next file."""


def staged_batch(batch_no: int, paths: list[Path], raw_dir: Path, staging: Path, lineage: assemble.Lineage,
                 boilerplate: frozenset[str], max_file_bytes: int, file_timeout_s: float) -> dict:
    """Read, clean, segment, attribute and validate one batch; stage its rows as Parquet parts
    (``staging/parts/<table>/part-<batch_no>.parquet``); return the batch's number, files, bytes read and rows
    per table.

    Each raw file has ``file_timeout_s`` seconds from the start of its read: one that runs out becomes a
    ``timeout`` rejection and the batch goes on with the next. A stop marker in ``staging`` stops the batch
    before its next file (:class:`BatchStopped`).

    What the batch freed is given back before it returns (``return_freed_memory``): without it each worker thread's
    heap kept the pages of its largest batch so far, and a long run's memory crept up with the batches."""
    try:
        return _staged(batch_no, paths, raw_dir, staging, lineage, boilerplate, max_file_bytes, file_timeout_s)
    finally:
        return_freed_memory()


def _staged(batch_no: int, paths: list[Path], raw_dir: Path, staging: Path, lineage: assemble.Lineage,
            boilerplate: frozenset[str], max_file_bytes: int, file_timeout_s: float) -> dict:
    rows, bytes_read = assemble.Rows(), 0
    for path in paths:
        rel = io.relative_source(path, raw_dir)
        if io.stop_requested(staging):
            raise BatchStopped(f"run {lineage.run_id} is stopping: batch {batch_no} stopped before {rel}")
        deadline = Deadline(file_timeout_s)
        try:  # symlinks may point anywhere inside raw_dir
            data = io.read_bytes(path, raw_dir=raw_dir, max_bytes=max_file_bytes)
        except OSError as err:
            rows.add("rejections", ingest_rejection(assemble.Source(path=rel, data=b""), lineage, err))
            continue
        bytes_read += len(data)
        rows.extend(assemble.rows_for_source(assemble.Source(path=rel, data=data), lineage,
                                             corpus_boilerplate=boilerplate, deadline=deadline))
    valid, rejections = assemble.validated_tables(rows, TABLES)
    valid["rejections"] = rejections
    counts = {}
    for name, table_rows in valid.items():
        table = io.table_from_rows(table_rows, arrow_schema(TABLES[name]))
        io.write_parquet_atomic(table, staging / "parts" / name / f"part-{batch_no:05d}.parquet")
        counts[name] = len(table_rows)
    return {"batch": batch_no, "files": len(paths), "bytes": bytes_read, "rows": counts}


def ingest_rejection(source: assemble.Source, lineage: assemble.Lineage, err: OSError) -> dict:
    """The rejections row for a raw file that was not read: ``too_large`` and ``changed_during_read`` name
    themselves; any other error is ``unreadable_file``, its detail naming the error."""
    if isinstance(err, io.RejectedSourceError):
        reason, detail = err.reason, str(err)
    else:
        reason, detail = "unreadable_file", f"{type(err).__name__}: {err}"
    return assemble.rejection_row(source, lineage, stage="ingest", table="documents", reason=reason, detail=detail)


def warm_worker() -> None:
    """Load, once in a worker process, what every batch needs: the lexicon and the cue classifier (read when
    flows.steps is imported), spaCy's English pipeline and the language identifier (cached per process).

    A worker ignores SIGINT: Ctrl-C reaches the whole process group, and the flow's process alone decides
    how the run stops (its batches stop before their next raw file; see ``flows.curate``). And it ends when
    the flow's process is gone, even killed with SIGKILL (a pool's idle worker would wait forever)."""
    from flows.steps import clean, parse

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=exit_with_parent, args=(os.getppid(),), name="exit-with-parent", daemon=True).start()
    parse.english_pipeline()
    clean.language("The language identifier loads its model on its first call.")


def exit_with_parent(parent_pid: int, *, every_s: float = 1.0) -> None:
    """Wait while the process ``parent_pid`` is this process's parent; then end this process at once."""
    while os.getppid() == parent_pid:
        time.sleep(every_s)
    os._exit(1)
