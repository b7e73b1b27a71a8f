"""The benchmark's attribution split (surface rules / spaCy parse / entities + sieves): the report's
shape on two tiny texts. Speed is a benchmark figure, never asserted here."""
from flows import benchmark
from flows.steps import parse

ENGLISH = (
    "Storm closes harbour in Portsmouth\n\n"
    "The harbour at Portsmouth was closed on Tuesday after a storm damaged two piers, officials said. "
    "\"We will reopen as soon as the engineers tell us it is safe,\" said harbour master John Smith. "
    "He said repairs could take a week.\n"
)
GERMAN = (
    "Sturm schließt Hafen in Kiel\n\n"
    "Der Hafen von Kiel wurde am Dienstag geschlossen, nachdem ein Sturm zwei Anleger beschädigt hatte. "
    "Die Reparaturen könnten eine Woche dauern, sagte der Hafenmeister.\n"
)


def test_attribution_parts_report_structure():
    report = benchmark.attribution_parts([ENGLISH, GERMAN], nlp=parse.english_pipeline())
    assert report["parsed"] == 1 and report["skipped"] == 1
    assert set(report) >= {"parsed", "skipped", "body_mb", "model_load_cpu_s", "model_load_wall_s", "cpu_s",
                           "mb_per_cpu_s", "parts"}
    assert list(report["parts"]) == list(benchmark.ATTRIBUTION_PARTS)
    assert report["body_mb"] > 0
    for part in report["parts"].values():
        assert set(part) == {"cpu_s", "mb_per_cpu_s", "share"}
        assert part["mb_per_cpu_s"] > 0 and 0 <= part["share"] <= 1
    assert abs(sum(p["share"] for p in report["parts"].values()) - 1) < 1e-9


def test_print_attribution_parts_names_every_part(capsys):
    benchmark.print_attribution_parts(benchmark.attribution_parts([ENGLISH, GERMAN], nlp=parse.english_pipeline()))
    out = capsys.readouterr().out
    assert "1 English documents parsed, 1 skipped" in out
    assert all(name in out for name in benchmark.ATTRIBUTION_PARTS)
