"""Benchmark: time each stage of the pipeline on a corpus and print the figures.

    python -m flows.benchmark --raw ../shared/corpus/dev --repeat 10

Prints the corpus size, the machine, seconds per stage and each stage's share of the total, so
that "attribution must not dominate" and "GX takes at most a quarter of the run" are measured,
not asserted. Stages run in-process without Prefect (orchestration overhead is reported by the
flow's own logs); --flow also times one whole flow run on the same corpus.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from flows import io
from flows.steps import assemble, attribute, clean, segment
from schemas.tables import TABLES, arrow_schema


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{cpu}, {os.cpu_count()} cores{mem}, Python {platform.python_version()}"


def stage_seconds(sources: list[assemble.Source]) -> tuple[dict[str, float], dict[str, list[dict]]]:
    """Seconds per stage over all sources, and the validated tables."""
    t: dict[str, float] = defaultdict(float)
    lineage = assemble.Lineage(run_id="benchmark", pipeline_version="benchmark")

    start = time.perf_counter()
    texts = []
    for s in sources:
        try:
            texts.append(clean.decoded(s.data).text)
        except clean.UndecodableError:
            pass
    boilerplate = clean.corpus_boilerplate(texts)
    t["clean: corpus boilerplate"] = time.perf_counter() - start

    for s in sources:
        t0 = time.perf_counter()
        try:
            text = clean.decoded(s.data).text
        except clean.UndecodableError:
            continue
        cleaned = clean.cleaned_document(text, corpus_boilerplate=boilerplate)
        t1 = time.perf_counter()
        spans = segment.paragraph_spans(cleaned.body)
        paragraphs = [cleaned.body[a:b] for a, b in spans]
        t2 = time.perf_counter()
        attribute.attributed_document(paragraphs, title=cleaned.header.title, outlet=cleaned.header.outlet)
        t3 = time.perf_counter()
        t["clean"] += t1 - t0
        t["segment: paragraphs"] += t2 - t1
        t["segment + attribute: sentences"] += t3 - t2

    start = time.perf_counter()
    rows = assemble.Rows()
    for s in sources:
        rows.extend(assemble.rows_for_source(s, lineage, corpus_boilerplate=boilerplate))
    t["assemble rows (all steps again)"] = time.perf_counter() - start
    start = time.perf_counter()
    valid, rejections = assemble.validated_tables(rows, TABLES)
    valid["rejections"] = rejections
    t["validate (pydantic)"] = time.perf_counter() - start
    return dict(t), valid


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--raw", type=Path, required=True)
    ap.add_argument("--pattern", default="*.txt")
    ap.add_argument("--repeat", type=int, default=1, help="process the corpus this many times over")
    ap.add_argument("--flow", action="store_true", help="also time one whole flow run (Prefect + GX)")
    a = ap.parse_args(argv)

    paths = io.source_paths(a.raw, a.pattern)
    sources = [assemble.Source(path=f"{i}/{p.name}", data=io.read_bytes(p))
               for i in range(a.repeat) for p in paths]
    n_bytes = sum(len(s.data) for s in sources)
    print(f"corpus: {len(sources)} files ({len(paths)} distinct x {a.repeat}), {n_bytes / 1e6:.2f} MB")
    print(f"machine: {_machine()}")
    print(f"date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M UTC}")

    seconds, valid = stage_seconds(sources)
    tables = {name: io.table_from_rows(rows, arrow_schema(TABLES[name])) for name, rows in valid.items()}
    start = time.perf_counter()
    import great_expectations  # noqa: F401  (a one-off cost per process, overlapped with server start-up)

    from flows import quality
    seconds["import great_expectations (once)"] = time.perf_counter() - start
    start = time.perf_counter()
    result = quality.quality_result(tables, thresholds=quality_thresholds(), files_read=len(sources),
                                    today=dt.date.today(), data_docs_dir=None)
    seconds["quality: GX suites + rules"] = time.perf_counter() - start
    seconds["quality: of which GX validation"] = result.gx_seconds

    not_in_total = ("assemble rows (all steps again)", "quality: of which GX validation",
                    "import great_expectations (once)")
    pipeline = sum(v for k, v in seconds.items() if k not in not_in_total)
    print(f"rows: " + ", ".join(f"{k}={v.num_rows}" for k, v in tables.items()))
    print(f"{'stage':<40}{'seconds':>10}{'share':>8}")
    for name, sec in seconds.items():
        shown = name not in ("assemble rows (all steps again)", "import great_expectations (once)")
        share = f"{sec / pipeline:>8.1%}" if shown else f"{'':>8}"
        print(f"{name:<40}{sec:>10.3f}{share}")
    print(f"{'total (stages once + quality, no import)':<40}{pipeline:>10.3f}")
    sentences = tables["statements"].num_rows
    attr = seconds["segment + attribute: sentences"]
    print(f"attribution throughput: {sentences / attr:,.0f} sentences/s" if attr else "")

    if a.flow:
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "raw"
            for i in range(a.repeat):
                shutil.copytree(a.raw, raw / str(i), dirs_exist_ok=True)
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "flows.curate", "--raw", str(raw), "--pattern", "**/" + a.pattern,
                            "--curated", str(Path(tmp) / "curated")], check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - start
        print(f"whole flow run (python -m flows.curate, incl. Prefect server start-up): {wall:.1f} s; "
              f"GX validation share of it: {result.gx_seconds / wall:.1%}")
    return 0


def quality_thresholds():
    from flows.config import QualityThresholds

    return QualityThresholds()


if __name__ == "__main__":
    sys.exit(main())
