"""The README's cookbook: each DuckDB query, read from README.md as published, runs over curated/views.sql on the
shared real build of raw/ (conftest's ``sample_build``), and its answer equals one computed here in plain
Python from the Parquet files."""
from __future__ import annotations

import re
import shutil
from collections import Counter, defaultdict

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.steps.assemble import with_recurring_statements
from flows.steps.recurrence import statement_fingerprint
from schemas import dictionary
from schemas.tables import TABLES, arrow_schema
from tests.conftest import ROOT

pytestmark = pytest.mark.flow

QUERIES = ("quoted_most", "per_outlet_month", "recurring_statements", "repeated_across_outlets", "reported_share",
           "longest_answers", "one_speaker", "who_speaks_about", "rejections")
NO_OUTLET = "(no outlet)"


def cookbook() -> dict[str, str]:
    """name -> SQL of each ```sql block of the README that starts with ``-- cookbook: <name>``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return {m.group(2): m.group(1) for m in re.finditer(r"```sql\n(-- cookbook: (\w+)\n[^`]*)```", text)}


def _answer(folder, name: str) -> list[tuple]:
    """The rows of cookbook query ``name`` over the tables in ``folder``, through the generated views."""
    con = duckdb.connect()
    con.execute(f"SET file_search_path = '{folder}'")
    con.execute(dictionary.duckdb_views())
    return con.execute(cookbook()[name]).fetchall()


def _changed_copy(build, folder, **changed: list[dict]):
    """A copy of the build's tables in ``folder``, the tables named in ``changed`` replaced by those rows."""
    for name in TABLES:
        if name in changed:
            schema = pq.read_schema(build / f"{name}.parquet")
            pq.write_table(pa.Table.from_pylist(changed[name], schema=schema), folder / f"{name}.parquet")
        else:
            shutil.copy(build / f"{name}.parquet", folder / f"{name}.parquet")
    return folder


@pytest.fixture(scope="module")
def build(sample_build):
    out, _ = sample_build
    return out


@pytest.fixture(scope="module")
def rows(build) -> dict[str, list[dict]]:
    return {name: pq.read_table(build / f"{name}.parquet").to_pylist() for name in TABLES}


def _kept_documents(rows) -> dict[str, dict]:
    return {d["document_id"]: d for d in rows["documents"] if d["duplicate_of"] is None}


def test_the_readme_has_each_cookbook_query_once():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert tuple(cookbook()) == QUERIES
    assert all(text.count(f"-- cookbook: {name}\n") == 1 for name in QUERIES)


def _quoted_most(rows) -> list[tuple]:
    docs, kinds = _kept_documents(rows), {s["speaker_id"]: s for s in rows["speakers"]}
    counts, documents, outlets = Counter(), defaultdict(set), defaultdict(set)
    for s in rows["statements"]:
        if s["speaker_id"] and kinds[s["speaker_id"]]["kind"] != "role" and s["document_id"] in docs:
            counts[s["speaker_id"]] += 1
            documents[s["speaker_id"]].add(s["document_id"])
            outlets[s["speaker_id"]] |= {docs[s["document_id"]]["outlet_canonical"]} - {None}
    expected = sorted(((sid, kinds[sid]["name"], kinds[sid]["kind"], n, len(documents[sid]), len(outlets[sid]))
                       for sid, n in counts.items()), key=lambda r: (-r[3], r[1]))[:10]
    return expected


def test_who_is_quoted_most(build, rows):
    answer = _answer(build, "quoted_most")
    assert answer == _quoted_most(rows) and len(answer) >= 3
    assert answer[0][3] > answer[-1][3]


def test_a_near_duplicate_document_is_not_counted_twice_among_the_quoted(build, rows, tmp_path):
    """Planted: the document with the most attributed statements marked a near-duplicate of another."""
    by_document = Counter(s["document_id"] for s in rows["statements"] if s["speaker_id"])
    copy, original = by_document.most_common(1)[0][0], min(by_document, key=by_document.get)
    assert copy != original, "the sample build needs attributed statements in two documents"
    documents = [{**d, "duplicate_of": original if d["document_id"] == copy else d["duplicate_of"]}
                 for d in rows["documents"]]
    answer = _answer(_changed_copy(build, tmp_path, documents=documents), "quoted_most")
    assert answer == _quoted_most({**rows, "documents": documents})
    assert answer != _answer(build, "quoted_most")
    assert not {r[0] for r in answer} & ({s["speaker_id"] for s in rows["statements"] if s["document_id"] == copy}
                                         - {s["speaker_id"] for s in rows["statements"] if s["document_id"] != copy})


def test_statements_per_outlet_per_month(build, rows):
    docs = _kept_documents(rows)
    groups = defaultdict(lambda: [set(), 0])
    for s in rows["statements"]:
        if s["document_id"] in docs:
            d = docs[s["document_id"]]
            key = (d["outlet_canonical"] or NO_OUTLET,
                   d["published_date"].strftime("%Y-%m") if d["published_date"] else None)
            groups[key][0].add(d["document_id"])
            groups[key][1] += 1
    expected = sorted(((o, m, len(ds), n) for (o, m), (ds, n) in groups.items()),
                      key=lambda r: (r[0], r[1] is None, r[1] or ""))
    answer = _answer(build, "per_outlet_month")
    assert answer == expected
    assert sum(r[3] for r in answer) == sum(1 for s in rows["statements"] if s["document_id"] in docs)


def _six_words_or_more(text: str) -> bool:
    return len(re.findall(r"[^\W_]+", text)) >= 6      # words of letters and digits, as [\pL\pN]+ in the SQL


def _recurring(rows) -> dict[str, list[dict]]:
    """fingerprint -> the statements of kept documents (no near-duplicate) that carry it, for the fingerprints
    that two documents or more hold, sentences of six words or more; the count checked against the column."""
    docs = _kept_documents(rows)
    groups = defaultdict(list)
    for s in rows["statements"]:
        if s["document_id"] in docs and _six_words_or_more(s["text"]):
            groups[s["fingerprint"]].append(s)
    for found in groups.values():
        assert {s["repeated_in_documents"] for s in found} == {len({s["document_id"] for s in found})}
    return {f: found for f, found in groups.items() if len({s["document_id"] for s in found}) > 1}


def _outlets(rows, found: list[dict]) -> set[str]:
    docs = _kept_documents(rows)
    return {docs[s["document_id"]]["outlet_canonical"] for s in found} - {None}


def _recurring_statements(rows) -> list[tuple]:
    out = [(f, len({s["document_id"] for s in found}), len(_outlets(rows, found)), len(found),
            min(s["text"] for s in found)) for f, found in _recurring(rows).items()]
    return sorted(out, key=lambda r: (-r[1], -r[2], r[0]))[:10]


def _repeated(rows) -> list[tuple]:
    out = [(f, len(_outlets(rows, found)), len({s["document_id"] for s in found}), sorted(_outlets(rows, found)),
            min(s["text"] for s in found)) for f, found in _recurring(rows).items() if len(_outlets(rows, found)) > 1]
    return sorted(out, key=lambda r: (-r[1], -r[2], r[0]))


def test_sentences_recurring_across_most_documents(build, rows):
    assert _answer(build, "recurring_statements") == _recurring_statements(rows)


def test_talking_points_repeated_across_outlets(build, rows):
    assert _answer(build, "repeated_across_outlets") == _repeated(rows)


def _planted_repeat(rows, *, duplicate: bool = False):
    """A copy of the build's rows with the longest sentence of one outlet's document also in another outlet's
    document, in capitals, with other punctuation; that document marked a near-duplicate of the first when
    ``duplicate``. The recurrence counted as the flow counts it (assemble.with_recurring_statements)."""
    docs = _kept_documents(rows)
    by_outlet = {d["outlet_canonical"]: d for d in docs.values() if d["outlet_canonical"]}
    assert len(by_outlet) >= 2, "the sample build needs documents of two outlets"
    first, second = sorted(by_outlet)[:2]
    source = max((s for s in rows["statements"] if s["document_id"] == by_outlet[first]["document_id"]),
                 key=lambda s: len(s["text"]))
    assert _six_words_or_more(source["text"])
    target, text = by_outlet[second]["document_id"], "\u201c" + source["text"].upper() + "!!\u201d"
    planted = {**source, "statement_id": "f" * 16, "document_id": target, "text": text,
               "fingerprint": statement_fingerprint(text),
               "ordinal": 1 + max(s["ordinal"] for s in rows["statements"] if s["document_id"] == target)}
    assert planted["fingerprint"] == source["fingerprint"]
    documents = [{**d, "duplicate_of": source["document_id"] if duplicate and d["document_id"] == target
                  else d["duplicate_of"]} for d in rows["documents"]]
    tables = {name: pa.Table.from_pylist(data, schema=arrow_schema(TABLES[name]))
              for name, data in (("documents", documents), ("statements", rows["statements"] + [planted]))}
    recounted = with_recurring_statements(tables)
    return {**rows, "documents": documents, "statements": recounted["statements"].to_pylist()}, source, (first, second)


def test_a_sentence_repeated_in_another_outlet_is_found_whatever_its_case_and_punctuation(build, rows, tmp_path):
    """Planted: the longest sentence of one outlet's document also in another outlet's (a copy of the real build
    with that one statement added)."""
    changed, source, outlets = _planted_repeat(rows)
    folder = _changed_copy(build, tmp_path, statements=changed["statements"])
    across = _answer(folder, "repeated_across_outlets")
    assert across == _repeated(changed)
    assert (source["fingerprint"], 2, 2, sorted(outlets), min(source["text"], changed["statements"][-1]["text"])) \
        in across
    recurring = _answer(folder, "recurring_statements")
    assert recurring == _recurring_statements(changed)
    assert source["fingerprint"] in {r[0] for r in recurring}


def test_a_sentence_of_a_near_duplicate_document_does_not_recur(build, rows, tmp_path):
    """Planted: as above, but the second document marked a near-duplicate of the first."""
    changed, source, _ = _planted_repeat(rows, duplicate=True)
    folder = _changed_copy(build, tmp_path, documents=changed["documents"], statements=changed["statements"])
    assert {s["repeated_in_documents"] for s in changed["statements"] if s["fingerprint"] == source["fingerprint"]} \
        == {1}
    for name, expected in (("recurring_statements", _recurring_statements), ("repeated_across_outlets", _repeated)):
        answer = _answer(folder, name)
        assert answer == expected(changed) and source["fingerprint"] not in {r[0] for r in answer}, name


def test_share_of_reported_speech_per_outlet(build, rows):
    docs = _kept_documents(rows)
    modes = defaultdict(Counter)
    for s in rows["statements"]:
        if s["document_id"] in docs:
            modes[docs[s["document_id"]]["outlet_canonical"] or NO_OUTLET][s["mode"]] += 1
    answer = _answer(build, "reported_share")
    assert sorted(r[0] for r in answer) == sorted(modes) and len(answer) >= 2
    for outlet, total, reported, direct, indirect, turn in answer:
        counts = modes[outlet]
        assert total == sum(counts.values())
        for share, n in ((reported, counts["direct"] + counts["indirect"]), (direct, counts["direct"]),
                         (indirect, counts["indirect"]), (turn, counts["turn"])):
            assert share == pytest.approx(n / total, abs=0.0005 + 1e-9)
    assert [r[2] for r in answer] == sorted((r[2] for r in answer), reverse=True)


def test_the_longest_interview_answers(build, rows):
    docs = _kept_documents(rows)
    runs, previous = [], None
    for s in sorted(rows["statements"], key=lambda s: (s["document_id"], s["ordinal"])):
        continues = (previous is not None and s["mode"] == "turn" and previous["mode"] == "turn"
                     and previous["document_id"] == s["document_id"] and previous["speaker_id"] == s["speaker_id"])
        if continues:
            runs[-1].append(s)
        elif s["mode"] == "turn":
            runs.append([s])
        previous = s
    answers = [(docs[r[0]["document_id"]]["title"], r[0]["speaker"], len(r), sum(len(s["text"]) for s in r),
                r[0]["ordinal"], " ".join(s["text"] for s in r), r[0]["document_id"])
               for r in runs if not r[-1]["is_question"] and r[0]["document_id"] in docs]
    expected = [a[:6] for a in sorted(answers, key=lambda a: (-a[3], a[6], a[4]))[:5]]
    answer = _answer(build, "longest_answers")
    assert answer == expected and answer, "the sample holds an interview"
    assert answer[0][2] > 1 and answer[0][3] > answer[-1][3]


def test_every_statement_of_one_speaker_with_title_and_date(build, rows):
    ids = {s["speaker_id"] for s in rows["speakers"] if s["name"] == "Xi Jinping"}
    docs = {d["document_id"]: d for d in rows["documents"]}
    found = [s for s in rows["statements"] if s["speaker_id"] in ids]
    found.sort(key=lambda s: (docs[s["document_id"]]["published_date"] is None,
                              docs[s["document_id"]]["published_date"] or 0, s["document_id"], s["ordinal"]))
    expected = [(docs[s["document_id"]]["published_date"], docs[s["document_id"]]["title"],
                 docs[s["document_id"]]["outlet"], s["ordinal"], s["mode"], s["speaker"], s["text"]) for s in found]
    answer = _answer(build, "one_speaker")
    assert answer == expected
    assert len({r[2] for r in answer}) >= 2, "one speaker_id across the documents of two outlets"


def test_who_speaks_about_a_subject(build, rows):
    speakers = {s["speaker_id"]: s for s in rows["speakers"]}
    counts, documents = Counter(), defaultdict(set)
    for s in rows["statements"]:
        if s["mode"] != "narration" and "human rights" in s["text"].lower():
            counts[s["speaker_id"]] += 1
            documents[s["speaker_id"]].add(s["document_id"])
    expected = sorted(((speakers[sid]["name"], speakers[sid]["kind"], n, len(documents[sid]))
                       for sid, n in counts.items()), key=lambda r: (-r[2], r[0]))
    answer = _answer(build, "who_speaks_about")
    assert answer == expected and answer


def test_which_raw_files_did_not_make_it_and_why(build, rows):
    groups = defaultdict(list)
    for r in rows["rejections"]:
        groups[(r["stage"], r["reason"])].append(r["source_path"])
    expected = sorted(((stage, reason, len(paths), len(set(paths)), sorted(set(paths))[:5])
                       for (stage, reason), paths in groups.items()), key=lambda r: (-r[2], r[0], r[1]))
    answer = _answer(build, "rejections")
    assert answer == expected
    assert ("ingest", "unreadable_file") in {r[:2] for r in answer}   # the planted FIFO, links and folder
