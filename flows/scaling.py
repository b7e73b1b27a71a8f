"""Worker scaling: the batches of one corpus in 1, 2, 4, ... worker processes, timed and compared.

    python -m flows.scaling --raw FOLDER --workers 1,2,4,8,16 [--batch-size N] [--json OUT.jsonl]
    python -m flows.scaling --size-mb 4 --workers 1,2     # the benchmark's corpus (raw/ and ../shared/corpus)

For each worker count, a process pool ('spawn', as the flow's ``processes`` runner starts its workers) whose
workers run the flow's warm-up (``batches.warm_worker``: spaCy's pipeline, the lexicon, the language
identifier, once per process); the clock starts when every worker has warmed (they meet at a barrier) and
stops when the last batch has staged its Parquet parts. The batches are the flow's own
(``batches.staged_batch``: read, clean, segment, parse, attribute, validate, write), the same batch size for
every worker count, so only the number of workers changes. What is left out is the orchestration: Prefect's
task engine and server, the profile before the batches and the corpus-level steps after them (one process
each; ``flows.benchmark`` times those), so the figures say how the batches' work scales with processes.

Printed per worker count: the warm-up wall, the batches' wall, MB/s and documents/s, the speed-up and the
efficiency against the first (smallest) count, the workers' CPU seconds, and the peak RSS of the pool's
processes (each worker's own peak, summed, plus this process). Every run's parts are compared with the first
run's, table by table and row by row: a worker count that changes any row is reported and makes the command
exit 1. Imports neither Prefect nor Great Expectations, so it runs wherever the batches' own packages are.
"""
from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from flows import __version__, benchcorpus, benchmark
from flows.batches import batched, staged_batch, warm_worker
from flows.steps import assemble

MAX_FILE_BYTES = 10 * 2**20
FILE_TIMEOUT_S = 600.0
BARRIER_TIMEOUT_S = 600.0
BATCHES_PER_WORKER = 4  # at the largest worker count, so that no worker idles while another ends its last batch


def batch_size_for(files: int, max_workers: int) -> int:
    """Files per batch so that the largest worker count gets about ``BATCHES_PER_WORKER`` batches a worker."""
    return max(1, math.ceil(files / (max_workers * BATCHES_PER_WORKER)))


def _ready(barrier) -> int:
    """A warm-up task: wait until every worker of the pool has started (and so warmed), then say which it is."""
    barrier.wait(BARRIER_TIMEOUT_S)
    return os.getpid()


def _timed_batch(batch_no: int, paths: list[Path], raw_dir: Path, staging: Path) -> dict:
    """``staged_batch`` with this worker's CPU seconds for it and its peak RSS so far (MiB)."""
    cpu = time.process_time()
    lineage = assemble.Lineage(run_id="scaling", pipeline_version=__version__)
    result = staged_batch(batch_no, paths, raw_dir, staging, lineage, frozenset(), MAX_FILE_BYTES, FILE_TIMEOUT_S)
    return {**result, "cpu_s": time.process_time() - cpu, "pid": os.getpid(),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def timed_run(paths: list[Path], raw_dir: Path, staging: Path, *, workers: int, batch_size: int) -> dict:
    """The corpus's batches in a fresh pool of ``workers`` processes: warm-up and batch wall seconds, the
    workers' CPU seconds, documents and bytes read, peak RSS (MiB) of the pool's processes."""
    context = multiprocessing.get_context("spawn")
    batches = batched(paths, batch_size)
    started = time.perf_counter()
    with context.Manager() as manager, ProcessPoolExecutor(workers, mp_context=context,
                                                           initializer=warm_worker) as pool:
        barrier = manager.Barrier(workers)
        pids = {f.result() for f in [pool.submit(_ready, barrier) for _ in range(workers)]}
        warmed = time.perf_counter()
        results = [f.result() for f in [pool.submit(_timed_batch, n, b, raw_dir, staging)
                                        for n, b in enumerate(batches)]]
        ended = time.perf_counter()
    peaks = {}
    for r in results:
        peaks[r["pid"]] = max(peaks.get(r["pid"], 0.0), r["peak_rss_mb"])
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"workers": workers, "distinct_workers": len(pids), "batches": len(batches),
            "warm_up_s": warmed - started, "wall_s": ended - warmed,
            "cpu_s": sum(r["cpu_s"] for r in results), "files": sum(r["files"] for r in results),
            "bytes": sum(r["bytes"] for r in results), "documents": sum(r["rows"].get("documents", 0) for r in results),
            "statements": sum(r["rows"].get("statements", 0) for r in results),
            "peak_rss_mb": sum(peaks.values()) + own_peak, "largest_worker_peak_rss_mb": max(peaks.values()),
            "this_process_peak_rss_mb": own_peak}


def staged_tables(staging: Path) -> dict[str, pa.Table]:
    """Each table's parts under ``staging/parts``, in batch order, as one Arrow table."""
    return {d.name: pa.concat_tables([pq.read_table(p) for p in sorted(d.glob("part-*.parquet"))])
            for d in sorted((staging / "parts").iterdir()) if d.is_dir()}


def differing_tables(first: dict, other: dict) -> list[str]:
    """Names of the tables that are not the same, row for row and column for column, in both runs."""
    return sorted(name for name in set(first) | set(other)
                  if name not in first or name not in other or not first[name].equals(other[name]))


def printed_table(runs: list[dict]) -> str:
    """The runs as a Markdown table, speed-up and efficiency against the first run."""
    base = runs[0]
    lines = ["| workers | warm-up s | batches wall s | MB/s | documents/s | speed-up | efficiency | worker CPU-s "
             "| peak RSS MiB |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in runs:
        speed_up = base["wall_s"] / r["wall_s"]
        lines.append(f"| {r['workers']} | {r['warm_up_s']:.1f} | {r['wall_s']:.1f} | "
                     f"{r['bytes'] / 1e6 / r['wall_s']:.3f} | {r['documents'] / r['wall_s']:.1f} | {speed_up:.2f}x | "
                     f"{speed_up * base['workers'] / r['workers']:.0%} | {r['cpu_s']:.0f} | {r['peak_rss_mb']:.0f} |")
    return "\n".join(lines)


def machine() -> str:
    """The machine (``benchmark.machine``: CPU model, cores, memory, Python) and its load average now."""
    return f"{benchmark.machine()}; load average {benchmark.load()}"


def scaled_runs(raw_dir: Path, worker_counts: list[int], batch_size: int, work: Path, json_out: Path | None):
    """One timed run per worker count over every ``*.txt`` under ``raw_dir``; each run's tables compared with
    the first's. Yields each run's figures (with ``batch_size``, ``differing``: the tables not the same as the
    first run's, and ``machine``) as it ends."""
    paths = sorted(p for p in raw_dir.rglob("*.txt") if p.is_file())
    size = batch_size or batch_size_for(len(paths), max(worker_counts))
    first = None
    for workers in worker_counts:
        staging = work / f"workers-{workers}"
        run = timed_run(paths, raw_dir, staging, workers=workers, batch_size=size)
        tables = staged_tables(staging)
        first = first if first is not None else tables
        run.update(batch_size=size, differing=differing_tables(first, tables), machine=machine())
        if json_out is not None:
            with json_out.open("a", encoding="utf-8") as out:
                out.write(json.dumps(run) + "\n")
        yield run


def worker_counts(text: str) -> list[int]:
    """``1,2,4`` as [1, 2, 4]; each a positive whole number."""
    counts = [int(part) for part in text.split(",") if part.strip()]
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"worker counts must be positive whole numbers, not {text!r}")
    return counts


def corpus_folder(args: argparse.Namespace, work: Path) -> Path:
    """``--raw``, or the benchmark's corpus of ``--size-mb`` (``--source`` folders, ``--seed``) written under
    ``work``."""
    if args.raw is not None:
        return args.raw
    texts = benchmark.source_texts(args.source or [s for s in benchmark.DEFAULT_SOURCES if s.is_dir()])
    built = benchcorpus.corpus(texts, size_bytes=int(args.size_mb * 1e6), seed=args.seed)
    benchmark.written_corpus(built, work / "raw")
    return work / "raw"


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m flows.scaling", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    corpus = parser.add_mutually_exclusive_group(required=True)
    corpus.add_argument("--raw", type=Path, help="folder of raw *.txt files")
    corpus.add_argument("--size-mb", type=float, help="build the benchmark's corpus of this size (flows.benchmark)")
    parser.add_argument("--source", type=Path, action="append", metavar="FOLDER",
                        help="with --size-mb: folder of *.txt to build it from (default: raw/ and ../shared/corpus)")
    parser.add_argument("--seed", type=int, default=0, help="with --size-mb: seed of the perturbed copies")
    parser.add_argument("--workers", type=worker_counts, default=[1, 2], help="worker counts, e.g. 1,2,4 (default 1,2)")
    parser.add_argument("--batch-size", type=int, default=0,
                        help=f"files per batch (default: {BATCHES_PER_WORKER} batches a worker at the largest count)")
    parser.add_argument("--json", type=Path, help="append each run's figures to this JSON-lines file as it ends")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = argument_parser()
    args = parser.parse_args(argv)
    if args.raw is not None and not args.raw.is_dir():
        parser.error(f"--raw {args.raw} is not a folder")
    if args.size_mb is not None and not args.size_mb > 0:
        parser.error("--size-mb must be above zero")
    runs = []
    with tempfile.TemporaryDirectory(prefix="scaling-") as work:
        raw = corpus_folder(args, Path(work))
        files = [p for p in raw.rglob("*.txt") if p.is_file()]
        print(f"{machine()}\ncorpus {raw}: {len(files)} files, {sum(p.stat().st_size for p in files) / 1e6:.2f} MB",
              flush=True)
        for run in scaled_runs(raw, args.workers, args.batch_size, Path(work), args.json):
            runs.append(run)
            same = "same tables as the first run" if not run["differing"] else f"DIFFERING: {run['differing']}"
            print(f"workers {run['workers']}: {run['batches']} batches of {run['batch_size']} files, "
                  f"{run['wall_s']:.1f} s after a {run['warm_up_s']:.1f} s warm-up; {same}", flush=True)
    print(printed_table(runs))
    return 1 if any(run["differing"] for run in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
