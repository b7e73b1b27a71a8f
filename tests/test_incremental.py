"""Incremental runs (issue 9, item 11): the rows of unchanged raw files come from the current version, and the
result equals a full rebuild row for row - corpus boilerplate, near-duplicates and corpus speakers included."""
from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows import curate as curate_module
from flows import incremental
from flows.config import RunConfig
from flows.steps import assemble, clean
from schemas.tables import TABLES, arrow_schema, primary_key

# A line of site furniture: in two documents it is no corpus boilerplate (min_boilerplate_docs is 3); the
# added document makes it one, so the two unchanged files that hold it must be cleaned again.
FURNITURE = "Gazette weekly digest 2024 edition"


def _story(title: str, dateline: str, paragraphs: list[str], *, furniture: bool = False) -> bytes:
    lines = [title, "", *([FURNITURE, ""] if furniture else []), f"{dateline} - {paragraphs[0]}", ""]
    for paragraph in paragraphs[1:]:
        lines += [paragraph, ""]
    return "\n".join(lines).encode("utf-8")


HARBOUR = [
    "The Harbour Bridge will reopen next week after eight months of repairs to its deck and cables, city "
    "officials said on Monday, and the ferries that carried commuters across the bay will return to their "
    "usual timetable.",
    '"We are ready to welcome drivers back on the first day," said Jane Doe, the city\'s transport commissioner.',
    "Doe said the work had cost less than planned and that the lanes for cyclists would open a week later.",
]
MARKET = [
    "Stall holders at the old covered market voted on Tuesday to keep the market open on Sundays through "
    "the winter, after a trial that drew more visitors than the council had expected.",
    '"The numbers speak for themselves," said John Roe, who chairs the traders\' association.',
]
LIBRARY = [
    "The central library will extend its opening hours on weekdays from next month, the council announced, "
    "after a survey of readers found that most of them could only visit in the evening after work.",
    '"Evenings are when people have time to read," said Mary Major, the head librarian.',
]
STORM = [
    "A storm brought down trees across the northern suburbs overnight and left about two thousand homes "
    "without power until the early afternoon, the electricity company said on Wednesday.",
    '"Crews worked through the night to clear the lines," said Jane Doe, speaking for the city.',
]
PARK = [
    "Work on the new riverside park began on Thursday with the planting of two hundred trees along the "
    "embankment, where a car park stood until last year.",
    '"This will be the green heart of the district," said Peter Poe, the mayor.',
]


def _initial() -> dict[str, bytes]:
    return {
        "a.txt": _story("Bridge to reopen after repairs", "SPRINGFIELD, March 3, 2024", HARBOUR, furniture=True),
        "b.txt": _story("Market keeps Sunday hours", "SPRINGFIELD, March 5, 2024", MARKET, furniture=True),
        "c.txt": _story("Library to open later", "SPRINGFIELD, March 6, 2024", LIBRARY),
        # a near-duplicate of c (a copy with a new title and one word changed): its duplicate_of depends on c
        "f.txt": _story("Library hours extended", "SPRINGFIELD, March 6, 2024",
                        [LIBRARY[0].replace("next month", "next spring"), LIBRARY[1]]),
        "e.txt": _story("Storm cuts power", "SPRINGFIELD, March 7, 2024", STORM),
        "g.txt": _story("Riverside park works begin", "SPRINGFIELD, March 8, 2024", PARK),
        "empty.txt": b"",                                             # a rejection, never cached
    }


def _changed(raw) -> None:
    """Add d (it holds the furniture line and quotes Jane Doe), rewrite c (f is no longer its copy), delete e."""
    (raw / "d.txt").write_bytes(_story("Ferries to keep running", "SPRINGFIELD, March 9, 2024",
                                       [STORM[0].replace("storm", "gale"), HARBOUR[1]], furniture=True))
    (raw / "c.txt").write_bytes(_story("Museum closes for a month", "SPRINGFIELD, March 6, 2024", [
        "The city museum will close for a month from Friday so that its roof can be replaced before the "
        "summer exhibitions open to the public.",
        '"It is overdue," said Mary Major, who chairs the museum board.']))
    (raw / "e.txt").unlink()


def _published_rows(curated) -> dict[str, list[dict]]:
    """Every table of the current version, sorted by primary key, without the run-level column ``run_id``."""
    out = {}
    for name, model in TABLES.items():
        table = pq.read_table(curated / "current" / f"{name}.parquet")
        rows = table.drop_columns(["run_id"]).to_pylist()
        out[name] = sorted(rows, key=lambda r, key=primary_key(model): r[key])
    return out


def _built(curated) -> dict:
    return json.loads((curated / "current" / "manifest.json").read_text(encoding="utf-8"))["incremental"]


def _run(raw, curated, **options) -> dict:
    return curate_module.curate(RunConfig(raw_dir=raw, curated_dir=curated, build_data_docs=False, **options))


def test_an_incremental_run_equals_a_full_rebuild_row_for_row(prefect_harness, tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in _initial().items():
        (raw / name).write_bytes(data)
    first = _run(raw, tmp_path / "incr")
    assert first["processed_files"] == 7 and first["reused_files"] == 0
    before = _published_rows(tmp_path / "incr")
    f_id = next(d["document_id"] for d in before["documents"] if d["source_path"] == "f.txt")
    assert next(d["duplicate_of"] for d in before["documents"] if d["document_id"] == f_id) is not None

    _changed(raw)
    summary = _run(raw, tmp_path / "incr", incremental=True)
    full = _run(raw, tmp_path / "full")
    incremental_rows, full_rows = _published_rows(tmp_path / "incr"), _published_rows(tmp_path / "full")
    for name in TABLES:
        assert incremental_rows[name] == full_rows[name], name

    built = _built(tmp_path / "incr")
    reused = {s["path"] for s in built["sources"] if s["reused"]}
    # a and b are unchanged, but the added d made their furniture line corpus boilerplate: processed again
    assert reused == {"f.txt", "g.txt"}, built["sources"]
    assert summary["reused_files"] == 2 and summary["processed_files"] == 5
    assert built["mode"] == "incremental" and built["base_run_id"] == first["run_id"]
    assert "e.txt" not in {s["path"] for s in built["sources"]}
    # the corpus-level steps were recomputed over reused rows: f is no longer a copy of the rewritten c, the
    # furniture line left a and b, and Jane Doe of a, d and the reused rows is one corpus speaker
    assert next(d["duplicate_of"] for d in incremental_rows["documents"] if d["document_id"] == f_id) is None
    removed = {(r["source_path"], r["rule"]) for r in incremental_rows["removed_lines"] if r["text"] == FURNITURE}
    assert removed == {("a.txt", "corpus_repeated"), ("b.txt", "corpus_repeated"), ("d.txt", "corpus_repeated")}
    jane = [s for s in incremental_rows["speakers"] if s["name"] == "Jane Doe"]
    assert len(jane) == 1 and jane[0]["document_count"] == 2, jane
    run_ids = {r for t in ("documents", "statements") for r in pq.read_table(
        tmp_path / "incr" / "current" / f"{t}.parquet").column("run_id").to_pylist()}
    assert run_ids == {summary["run_id"]}                       # reused rows name the run that published them

    again = _run(raw, tmp_path / "incr", incremental=True)      # nothing changed: every cached file reused
    assert again["reused_files"] == 6 and again["processed_files"] == 1     # empty.txt is never cached
    assert _published_rows(tmp_path / "incr") == full_rows

    monkeypatch.setattr(curate_module.incremental, "code_fingerprint", lambda: "a changed pipeline")
    changed_code = _run(raw, tmp_path / "incr", incremental=True)
    assert changed_code["reused_files"] == 0 and changed_code["processed_files"] == 7
    assert "code changed" in _built(tmp_path / "incr")["note"]
    assert _published_rows(tmp_path / "incr") == full_rows


# ---------------------------------------------------------------------------------------------- pure parts

class _RecordingSet(frozenset):
    """A corpus boilerplate set that records every key the cleaning looks up."""

    def __contains__(self, key):
        self.asked.append(key)
        return frozenset.__contains__(self, key)


WATERMARKED = ("Headline of a watermarked page\n\nFirst paragraph of text glued to www.example-news.com/\n"
               "Second paragraph also glued to www.example-news.com/\nSubscribe now www.example-news.com/\n")


@pytest.mark.parametrize("text", [
    _story("Bridge to reopen after repairs", "SPRINGFIELD, March 3, 2024", HARBOUR, furniture=True).decode(),
    WATERMARKED,                                                   # lines looked up without their watermark
    "<html><body><h1>Page title</h1><p>Markup read into lines.</p><p>Gazette weekly digest</p></body></html>",
])
def test_the_cleaning_looks_up_no_boilerplate_key_outside_the_profiled_ones(text):
    """The profile keeps the keys the cleaning may look up that may be corpus boilerplate at all: a key longer than
    the longest a candidate may be (``max_chars``) is never one, and is left out of the profile (a corpus's
    profiles held its whole text: +267 MiB of the flow's process from 10 to 100 MB)."""
    boilerplate = _RecordingSet({"never a line of these texts"})
    boilerplate.asked = []
    clean.cleaned_document(text, corpus_boilerplate=boilerplate)
    assert boilerplate.asked, "planted: the cleaning should look lines up"
    profile = clean.boilerplate_profile(text, max_chars=120)
    assert all(len(k) <= 120 for k in profile.counted | profile.looked_up)
    assert {k for k in boilerplate.asked if len(k) <= 120} <= profile.looked_up


def test_the_code_fingerprint_changes_with_any_code_or_data_file(tmp_path):
    code = tmp_path / "pkg"
    (code / "steps" / "data").mkdir(parents=True)
    (code / "steps" / "rule.py").write_text("LIMIT = 3\n")
    (code / "steps" / "data" / "words.tsv").write_text("said\n")
    before = incremental.code_fingerprint((code,))
    assert incremental.code_fingerprint((code,)) == before
    (code / "steps" / "rule.py").write_text("LIMIT = 4\n")                       # planted: a code change
    after_code = incremental.code_fingerprint((code,))
    (code / "steps" / "data" / "words.tsv").write_text("said\nclaimed\n")       # planted: a word list change
    assert len({before, after_code, incremental.code_fingerprint((code,))}) == 3


def _state(path: str, sha: str = "s1", hits: str = "h1") -> incremental.SourceState:
    return incremental.SourceState(path=path, size=1, mtime_ns=1, sha256=sha, boilerplate_hits=hits)


def test_only_files_with_the_same_bytes_boilerplate_share_and_code_are_reused():
    old = {p: _state(p) for p in ("same.txt", "edited.txt", "moved_boilerplate.txt", "uncached.txt")}
    cached = [{"path": p, "reuse_key": s.reuse_key("code"), "cached": p != "uncached.txt"} for p, s in old.items()]
    now = incremental.CorpusProfile(boilerplate=frozenset(), sources={
        "same.txt": _state("same.txt"), "edited.txt": _state("edited.txt", sha="s2"),
        "moved_boilerplate.txt": _state("moved_boilerplate.txt", hits="h2"), "uncached.txt": _state("uncached.txt"),
        "new.txt": _state("new.txt")})
    assert incremental.reusable_paths(cached, now, "code") == {"same.txt"}
    assert incremental.reusable_paths(cached, now, "other code") == frozenset()


def _tables(rows: dict[str, list[dict]]) -> dict[str, pa.Table]:
    return {name: pa.Table.from_pylist(rows.get(name, []), schema=arrow_schema(TABLES[name]))
            for name in incremental.CACHED_TABLES}


def _rejection(path: str, sha: str, reason: str) -> dict:
    source = assemble.Source(path=path, data=b"")
    return assemble.rejection_row(source, assemble.Lineage("r", "0"), stage="clean", table="documents",
                                  reason=reason, detail="planted", sha256=sha)


def test_a_timeout_or_a_file_changed_after_its_profile_is_never_cached():
    profile = incremental.CorpusProfile(boilerplate=frozenset(), sources={
        p: _state(p) for p in ("ok.txt", "slow.txt", "rewritten.txt", "binary.txt")})
    tables = _tables({"rejections": [_rejection("ok.txt", "s1", "processing_error"),
                                     _rejection("slow.txt", "s1", "timeout"),            # planted: a timeout
                                     _rejection("rewritten.txt", "s9", "empty_file"),     # planted: other bytes
                                     _rejection("unread.txt", "e3", "unreadable_file")]})
    entries = incremental.source_entries(["ok.txt", "slow.txt", "rewritten.txt", "unread.txt"], profile, tables,
                                         frozenset(), "code")
    assert {e["path"]: e["cached"] for e in entries} == {"ok.txt": True, "slow.txt": False, "rewritten.txt": False,
                                                       "unread.txt": False}


def test_rows_are_laid_out_in_the_raw_files_order_each_files_rows_kept_in_order():
    table = pa.table({"source_path": ["b", "a", "b", "z", "a"], "n": [1, 2, 3, 4, 5]})
    ordered = incremental.in_source_order(table, ["a", "b"])
    assert ordered.column("n").to_pylist() == [2, 5, 1, 3, 4]


def test_rows_already_in_the_raw_files_order_are_not_copied():
    """A full run's parts come in order: sorting them again would hold a second copy of the table. Planted: the
    same rows with the last file's rows first must still be sorted."""
    table = pa.table({"source_path": ["a", "a", "b", "z"], "n": [1, 2, 3, 4]})
    assert incremental.in_source_order(table, ["a", "b"]) is table
    swapped = pa.table({"source_path": ["b", "a", "a"], "n": [3, 1, 2]})
    assert incremental.in_source_order(swapped, ["a", "b"]).column("n").to_pylist() == [1, 2, 3]


def test_reused_rows_take_the_run_id_of_the_run_that_reuses_them():
    tables = _tables({"rejections": [_rejection("keep.txt", "s1", "processing_error"),
                                     _rejection("drop.txt", "s1", "processing_error")]})
    reused = incremental.reused_tables(tables, frozenset({"keep.txt"}), "new-run")
    assert reused["rejections"].column("source_path").to_pylist() == ["keep.txt"]
    assert reused["rejections"].column("run_id").to_pylist() == ["new-run"]
    assert reused["documents"].num_rows == 0


def test_each_files_boilerplate_share_is_that_of_its_lookup_keys(tmp_path):
    """Planted defects: a file's share of the corpus boilerplate taken from lines it does not hold, or in another
    order (the profile holds a file's lookup keys as hashes until the boilerplate is known). Each
    ``boilerplate_hits`` is the hash of the sorted boilerplate lines among that file's own lookup keys."""
    raw = tmp_path / "raw"
    raw.mkdir()
    notice = b"Zebra notice board\n\n"   # in files 1-4; the furniture in files 0-2; file 5 holds neither
    texts = {f"s{i}.txt": (notice if 0 < i < 5 else b"") + _story(f"Story {i}", "LONDON, March 3",
                                                            HARBOUR if i % 2 else MARKET, furniture=i < 3)
             for i in range(6)}
    for name, data in texts.items():
        (raw / name).write_bytes(data)
    profile = incremental.corpus_profile(sorted(raw.iterdir()), raw, min_docs=3, max_file_bytes=1_000_000)
    assert profile.boilerplate == {FURNITURE.lower(), "zebra notice board"}
    hits = set()
    for name, data in texts.items():
        own = profile.boilerplate & clean.boilerplate_profile(clean.decoded(data).text).looked_up
        assert profile.sources[name].boilerplate_hits == incremental._sha256("\n".join(sorted(own)))
        hits.add(frozenset(own))
    assert len(hits) == 4   # the files hold four different shares: none, each line alone, both
