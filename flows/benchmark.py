"""Benchmark: time each stage of the pipeline on a corpus and print the figures.

    python -m flows.benchmark --raw ../shared/corpus/dev --repeat 10

Prints the corpus size, the machine, seconds per stage and each stage's share of the total, so
that "attribution must not dominate" and "GX takes at most a quarter of the run" are measured,
not asserted. Stages run in-process without Prefect (orchestration overhead is reported by the
flow's own logs); --flow also times one whole flow run on the same corpus.

Attribution is also split into its three parts, timed per English document in CPU seconds
(``time.process_time``, one process, so per core): the surface rules, the spaCy parse of the
sentences they return, and the entity pre-pass plus the sieves. Each is printed in MB of body
text (UTF-8) per CPU-second and as a share of attribution time; the spaCy model is loaded once
beforehand and its load time printed apart. Documents in other languages are not parsed and
are counted as skipped.
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
from flows.steps import assemble, attribute, clean, entities, parse, segment
from flows.steps.attribute import sieves
from flows.steps.attribute import surface as surface_rules
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
    boilerplate = clean.corpus_boilerplate(_decoded_texts(sources))
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
        nlp = parse.english_pipeline() if cleaned.language in attribute.PARSED_LANGUAGES else None
        attribute.attributed_document(paragraphs, title=cleaned.header.title, outlet=cleaned.header.outlet,
                                      language=cleaned.language, nlp=nlp)     # as assemble runs it
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


ATTRIBUTION_PARTS = ("surface rules", "spaCy parse", "entities + sieves")


def _cleaned_documents(texts: list[str]) -> list[tuple[list[str], object]]:
    """(paragraphs, cleaned document) per decoded text, boilerplate found over all of them."""
    boilerplate = clean.corpus_boilerplate(texts)
    out = []
    for text in texts:
        cleaned = clean.cleaned_document(text, corpus_boilerplate=boilerplate)
        out.append(([cleaned.body[a:b] for a, b in segment.paragraph_spans(cleaned.body)], cleaned))
    return out


def _attribution_cpu(paragraphs: list[str], cleaned, nlp) -> tuple[float, float, float]:
    """CPU seconds of the surface rules, the parse, and the entity pre-pass plus sieves, for one
    document, each step as ``attribute.attributed_document`` runs it."""
    t0 = time.process_time()
    surface = surface_rules.attributed_document(paragraphs, title=cleaned.header.title, outlet=cleaned.header.outlet)
    t1 = time.process_time()
    parsed = attribute.parsed_for_sieves(paragraphs, surface.sentences, nlp) if surface.sentences else None
    t2 = time.process_time()
    people = entities.document_people(parsed) if parsed is not None else None
    sieves.decisions(attribute.sieve_context(surface.sentences, parsed, people))
    t3 = time.process_time()
    return t1 - t0, t2 - t1, t3 - t2


def attribution_parts(texts: list[str], nlp=None) -> dict:
    """Throughput of the surface rules, the spaCy parse and the entity pre-pass + sieves over the
    English documents of ``texts`` (decoded raw files), in MB of body text per CPU-second.

    ``nlp`` defaults to ``parse.english_pipeline()``, loaded (and timed) before anything else."""
    start, wall = time.process_time(), time.perf_counter()
    nlp = nlp if nlp is not None else parse.english_pipeline()
    load, load_wall = time.process_time() - start, time.perf_counter() - wall
    cpu = dict.fromkeys(ATTRIBUTION_PARTS, 0.0)
    n_bytes = parsed = skipped = 0
    for paragraphs, cleaned in _cleaned_documents(texts):
        if cleaned.language not in attribute.PARSED_LANGUAGES:
            skipped += 1
            continue
        parsed += 1
        n_bytes += len(cleaned.body.encode("utf-8"))
        for part, sec in zip(ATTRIBUTION_PARTS, _attribution_cpu(paragraphs, cleaned, nlp)):
            cpu[part] += sec
    total = sum(cpu.values())
    parts = {part: {"cpu_s": sec, "mb_per_cpu_s": n_bytes / 1e6 / sec if sec else float("inf"),
                    "share": sec / total if total else 0.0} for part, sec in cpu.items()}
    return {"parsed": parsed, "skipped": skipped, "body_mb": n_bytes / 1e6, "model_load_cpu_s": load,
            "model_load_wall_s": load_wall,
            "cpu_s": total, "mb_per_cpu_s": n_bytes / 1e6 / total if total else float("inf"), "parts": parts}


def print_attribution_parts(report: dict) -> None:
    print(f"attribution by part (CPU time, 1 process = 1 core): {report['parsed']} English documents parsed, "
          f"{report['skipped']} skipped (not English), {report['body_mb']:.3f} MB body text; "
          f"spaCy model load (once, not counted): {report['model_load_cpu_s']:.2f} CPU-s, "
          f"{report['model_load_wall_s']:.2f} s wall")
    print(f"{'part':<40}{'CPU-s':>10}{'share':>8}{'MB/CPU-s':>11}")
    for name, p in report["parts"].items():
        print(f"{name:<40}{p['cpu_s']:>10.3f}{p['share']:>8.1%}{p['mb_per_cpu_s']:>11.4f}")
    print(f"{'attribution (all three)':<40}{report['cpu_s']:>10.3f}{'':>8}{report['mb_per_cpu_s']:>11.4f}")


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

    # first, so that the spaCy model's load is timed here and not inside a stage
    parts = attribution_parts(_decoded_texts(sources))
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
    print_attribution_parts(parts)

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


def _decoded_texts(sources: list[assemble.Source]) -> list[str]:
    texts = []
    for s in sources:
        try:
            texts.append(clean.decoded(s.data).text)
        except clean.UndecodableError:
            pass
    return texts


def quality_thresholds():
    from flows.config import QualityThresholds

    return QualityThresholds()


if __name__ == "__main__":
    sys.exit(main())
