"""The benchmark: its corpus builder (copies that are neither boilerplate nor duplicates), its stage clock,
and the report's shape on a tiny corpus. Speed is a benchmark figure, never asserted here."""
from __future__ import annotations

import random

from flows import benchcorpus, benchmark
from flows.steps import clean

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
                  "corpus: boilerplate profile (2nd read + decode)", "corpus: duplicates (MinHash LSH)",
                  "corpus: speakers across documents", "write: staged tables", "quality: GX suites + rules",
                  "quality: quarantine + re-check", benchmark.LOAD_SPACY, benchmark.IMPORT_GX):
        assert stage in stages and stage in text, stage
    assert r["corpus"]["files"] >= 4 and r["corpus"]["copies"] >= 1 and r["pipeline"]["documents"] >= 4
    assert r["pipeline"]["statements"] > 0 and r["pipeline"]["peak_rss_mb"] > 0
    for figure in ("machine: ", "load average", "corpus: ", "MB/CPU-s", "MB/s wall", "documents/CPU-s",
                   "statements/CPU-s", "peak RSS (process tree)", "floor (read + one-regex sentence split",
                   "pipeline / floor = ", "spaCy full pipeline (tok2vec+tagger+parser", "pipeline MB/CPU-s / spaCy's"):
        assert figure in text, figure
