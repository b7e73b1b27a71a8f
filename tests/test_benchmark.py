"""The benchmark: its corpus builder (copies that are neither boilerplate nor duplicates), its stage clock,
and the report's shape on a tiny corpus. Speed is a benchmark figure, never asserted here."""
from __future__ import annotations

import random

import pyarrow.parquet as pq
import pytest

from flows import benchcorpus, benchmark, io, streamed
from flows import curate as curate_module
from flows.config import QualityThresholds, RunConfig
from flows.steps import assemble, clean
from schemas.tables import TABLES

MONTHS = ["January", "March", "May", "July", "September", "November"]
NAMES = ["Ana Lima", "Rui Costa", "Maria Silva", "John Smith", "Lena Berg", "Omar Haddad", "Mei Chen", "Ivan Petrov"]


def _generated_sources(n: int = 30, seed: int = 7) -> list[benchcorpus.SourceText]:
    """``n`` short English articles generated for this test, none sharing a header line: a title, a byline, a
    date and nine body lines of words drawn from a made-up vocabulary, with cues and names inside sentences."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 9))) for _ in range(400)]
    out = []
    for i in range(n):
        name = rng.choice(NAMES)
        body = [f"The {' '.join(rng.choices(vocab, k=rng.randint(12, 18)))}, said {name} on Tuesday."
                for _ in range(9)]
        byline = f"By {rng.choice(vocab).title()} {rng.choice(vocab).title()}"
        date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1995, 2020)}"
        text = "\n".join([f"The {rng.choice(vocab)} plan of the harbour council", byline, date, *body]) + "\n"
        out.append(benchcorpus.SourceText(f"doc-{i:02d}.txt", text, "en"))
    return out


def _boilerplate_and_duplicates(texts: list[str]) -> tuple[frozenset[str], int]:
    bodies = {str(i): text for i, text in enumerate(texts)}
    groups = clean.duplicate_groups(bodies)
    return clean.corpus_boilerplate(texts), sum(1 for i, rep in groups.items() if rep != i)


def test_perturbed_copies_are_neither_boilerplate_nor_duplicates():
    sources = _generated_sources()
    size = 4 * sum(len(s.text.encode()) for s in sources)
    built = benchcorpus.corpus(sources, size_bytes=size, seed=1)
    assert len(built) >= 4 * len(sources) - 1 and any(name.startswith("copy-3/") for name, _ in built)
    boilerplate, duplicates = _boilerplate_and_duplicates([text for _, text in built])
    assert boilerplate == frozenset() and duplicates == 0
    # the control: identical copies (the old --repeat) make every title boilerplate and every copy a duplicate
    repeated = [s.text for s in sources] * 4
    boilerplate, duplicates = _boilerplate_and_duplicates(repeated)
    assert len(boilerplate) >= len(sources) and duplicates == 3 * len(sources)


def test_corpus_is_deterministic_and_keeps_sources_as_they_are_first():
    sources = _generated_sources(10)
    size = 2 * sum(len(s.text.encode()) for s in sources)
    first = benchcorpus.corpus(sources, size_bytes=size, seed=3)
    assert first == benchcorpus.corpus(sources, size_bytes=size, seed=3)
    assert first != benchcorpus.corpus(sources, size_bytes=size, seed=4)
    originals = {s.name: s.text for s in sources}
    assert {name: text for name, text in first[:10]} == originals            # copy 0: the texts as they are
    assert sum(len(text.encode()) for _, text in first) >= size


def test_years_stay_years_and_names_map_consistently_in_a_copy():
    source = benchcorpus.SourceText("a.txt", "Title of the day\nBy Ana Lima\nMay 3, 2021\n"
                                    "The mayor met Rui Costa and said Rui Costa agreed.\n", "en")
    other = benchcorpus.SourceText("b.txt", "Another title here\nBy Mei Chen\nJune 9, 2020\n"
                                   "The council asked Omar Haddad and Omar Haddad said no.\n", "en")
    copy = benchcorpus.corpus([source, other], size_bytes=10_000, seed=0)[2][1]
    year = int(copy.splitlines()[2].rsplit(" ", 1)[1])
    assert 1990 <= year <= 2024
    body = copy.splitlines()[3]
    first, second = body.split(" met ")[-1].split(" and said ") if " met " in body else \
        body.split(" asked ")[-1].split(" said no")[0].split(" and ")
    assert first.split()[0] == second.split()[0]      # one mapping per copy: the same name twice stays one name


def test_stage_clock_charges_time_to_the_stage_each_check_names():
    now = [0.0]
    clock = benchmark.StageClock(float("inf"), clock=lambda: now[0])
    now[0] = 1.0
    clock.check("clean")
    now[0] = 1.5
    clock.check("parse")
    now[0] = 2.5
    clock.check("parse")
    assert dict(clock.seconds) == {"clean": 1.0, "parse": 1.5}


ENGLISH = {  # written for this test: real English, so the language identifier sends them to the parse
    "harbour.txt": "Storm closes harbour in Portsmouth\nBy Ana Lima\nMarch 3, 2021\n"
                   "The harbour at Portsmouth was closed on Tuesday after a storm damaged two piers, officials said.\n"
                   "\"We will reopen as soon as the engineers tell us it is safe,\" said harbour master John Smith.\n"
                   "He said repairs could take a week, and that the ferries would sail from Southampton meanwhile.\n",
    "bakery.txt": "Bakers feel the price of flour\nBy Rui Costa\nMay 9, 2022\n"
                  "Maria Silva, who runs a bakery in the old town, said flour now costs twice what it did.\n"
                  "\"We raised the price of bread once, and our customers understood,\" she told reporters.\n"
                  "The city council said it would discuss support for small shops at its next meeting.\n",
}


# the stages of what the flow runs before and after its batches (flows/streamed.py, as flows/curate.py's tasks call it)
STAGES_AFTER_BATCHES = ("corpus: profile (2nd read + decode, boilerplate, sha256)",
                        "corpus: code fingerprint (incremental runs' key)",
                        "corpus: join batch parts (snapshot cache)",
                        "corpus: manifest (files' states in the joined rows)",
                        "corpus: duplicates (MinHash LSH, bodies streamed twice)", "corpus: speakers across documents",
                        "write: staged tables (duplicates marked, speaker ids)", "corpus: recurring statements counted",
                        "write: staged statements (speaker ids, recurrence)", "quality: GX suites + rules",
                        "quality: quarantine + re-check")
# the stages of the whole-table path the flow no longer runs
WHOLE_TABLE_STAGES = {"corpus: read batch parts", "corpus: duplicates (MinHash LSH)", "write: staged tables",
                      "corpus: boilerplate profile (2nd read + decode)"}


def test_report_has_every_figure(tmp_path):
    folder = tmp_path / "sources"
    folder.mkdir()
    for name, text in ENGLISH.items():
        (folder / name).write_text(text, encoding="utf-8")
    r = benchmark.report(0.01, [folder], spacy_mb=0.002)
    text = benchmark.printed_report(r)
    stages = r["pipeline"]["stages_cpu_s"]
    for stage in ("read", "decode", "clean", "segment (paragraphs, sentences, labels)", "parse", "attribute",
                  "rows and ids", "validate (pydantic)", "write: batch parts (Arrow + zstd Parquet)",
                  *STAGES_AFTER_BATCHES, benchmark.LOAD_SPACY, benchmark.IMPORT_GX):
        assert stage in stages and stage in text, stage
    assert not set(stages) & WHOLE_TABLE_STAGES and "quality gate passed" in text
    assert r["corpus"]["files"] >= 4 and r["corpus"]["copies"] >= 1 and r["pipeline"]["documents"] >= 4
    assert r["pipeline"]["statements"] > 0 and r["pipeline"]["peak_rss_mb"] > 0
    for figure in ("machine: ", "load average", "corpus: ", "MB/CPU-s", "MB/s wall", "documents/CPU-s",
                   "statements/CPU-s", "peak RSS (process tree)", "floor (read + one-regex sentence split",
                   "pipeline / floor = ", "spaCy full pipeline (tok2vec+tagger+parser", "pipeline MB/CPU-s / spaCy's"):
        assert figure in text, figure


FUTURE = ("Library opens a new reading room\nBy Lena Berg\nMay 9, 2098\n"
          "The city library opened a reading room for children on Friday, its director said.\n"
          "\"Every school in the district has asked for a visit,\" said librarian Omar Haddad.\n")

# what flows/streamed.py runs after the batches, in the order the flow calls it
FLOW_AFTER_BATCHES = ["joined_parts", "source_states", "corpus_tables", "checked_result", "quarantined_tables"]
WHOLE_TABLE_PATH = ((io, "read_parts"), (assemble, "documents_with_duplicates"), (assemble, "with_corpus_speakers"),
                    (assemble, "with_recurring_statements"))


def _after_batches_recorded(monkeypatch) -> list[str]:
    """The names of flows/streamed.py's functions in ``FLOW_AFTER_BATCHES`` as they are called from now on; any
    function of the whole-table path (``WHOLE_TABLE_PATH``) called fails the test."""
    calls = []
    for name in FLOW_AFTER_BATCHES:
        original = getattr(streamed, name)
        monkeypatch.setattr(streamed, name, lambda *a, _f=original, _n=name, **k: calls.append(_n) or _f(*a, **k))
    for module, name in WHOLE_TABLE_PATH:
        def whole_table(*_a, _n=name, **_k):
            raise AssertionError(f"the whole-table path ran: {_n}")
        monkeypatch.setattr(module, name, whole_table)
    return calls


def _rows_with_run_id(path, run_id: str) -> list[dict]:
    """The rows of the Parquet file ``path``, their run id (the run_id column, and inside a quarantined document's
    record_json) written as ``run_id``."""
    rows = pq.read_table(path).to_pylist()
    return [{k: v.replace(r["run_id"], run_id) if isinstance(v, str) else v for k, v in r.items()} for r in rows]


@pytest.mark.flow
def test_benchmark_runs_what_the_flow_runs_after_its_batches_and_stages_its_tables(prefect_harness, tmp_path,
                                                                                   monkeypatch):
    """Defects planted: an exact copy of a text (a duplicate to mark) and a text dated in 2098 (a document to
    quarantine). The benchmark calls the streamed steps the flow calls, in the same order, never the whole-table
    path, and the tables it would publish are the flow's, row for row (all but the run id)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    texts = {**ENGLISH, "harbour-copy.txt": ENGLISH["harbour.txt"], "future.txt": FUTURE}
    for name, text in texts.items():
        (raw / name).write_text(text, encoding="utf-8")
    config = RunConfig(raw_dir=raw, curated_dir=tmp_path / "curated", build_data_docs=False,
                       quality=QualityThresholds(max_quarantined_share=0.5))
    calls = _after_batches_recorded(monkeypatch)
    measured = benchmark.pipeline(io.source_paths(raw, config.pattern), raw, tmp_path / "staging", config=config)
    assert calls == FLOW_AFTER_BATCHES and measured["quality_passed"]
    assert set(STAGES_AFTER_BATCHES) <= set(measured["stages_cpu_s"])
    calls.clear()
    summary = curate_module.curate(config)
    assert calls == FLOW_AFTER_BATCHES
    assert summary["quarantined"] == {"documents.published_date.not_in_future": ["future.txt"]}
    assert measured["published"]["documents"] == tmp_path / "staging" / "quarantined" / "documents.parquet"
    assert (measured["documents"], measured["statements"]) == (summary["rows"]["documents"],
                                                               summary["rows"]["statements"])
    for name in TABLES:
        published = config.curated_dir / f"{name}.parquet"
        assert _rows_with_run_id(measured["published"][name], "run") == _rows_with_run_id(published, "run"), name
    assert sum(pq.read_table(measured["published"]["documents"]).column("is_exact_duplicate").to_pylist()) == 1
