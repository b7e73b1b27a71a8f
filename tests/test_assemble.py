import os

import pyarrow as pa

from flows import io
from flows.steps import assemble, attribute, speakers
from flows.steps.clean import HEADER_FIELD_RULES
from flows.steps.recurrence import statement_fingerprint
from schemas.records import Document
from schemas.tables import TABLES, arrow_schema

LINEAGE = assemble.Lineage(run_id="run-1", pipeline_version="0.0.test")
SHA = "f" * 64


def _doc(doc_id, text="Body."):
    return dict(document_id=doc_id, source_bytes=5, encoding="utf-8", repairs=[], title=None,
                published_date=None, date_text=None, authors=[], outlet=None, dateline=None, language="en",
                clean_text=text, char_count=len(text), paragraph_count=1, statement_count=1,
                removed_line_count=0, duplicate_of=None, is_exact_duplicate=False,
                source_path=f"{doc_id}.txt", source_sha256=SHA, run_id="run-1", pipeline_version="0")


def _para(pid, doc_id):
    return dict(paragraph_id=pid, document_id=doc_id, ordinal=0, char_start=0, char_end=5, text="Body.",
                statement_count=1, source_path="x.txt", source_sha256=SHA, run_id="run-1", pipeline_version="0")


def _stmt(sid, pid, doc_id):
    return dict(statement_id=sid, document_id=doc_id, paragraph_id=pid, ordinal=0, char_start=0, char_end=5,
                text="Body.", mode="narration", speaker=None, speaker_role=None, cue=None, is_question=False,
                attribution_rule="narration", fingerprint=statement_fingerprint("Body."), repeated_in_documents=1,
                source_path="x.txt", source_sha256=SHA, run_id="run-1", pipeline_version="0")


def test_ids_are_stable_and_depend_on_path_and_content():
    a = assemble.document_id("a.txt", SHA)
    assert a == assemble.document_id("a.txt", SHA)
    assert a != assemble.document_id("b.txt", SHA)
    assert a != assemble.document_id("a.txt", "e" * 64)
    assert len(a) == 16 and int(a, 16) >= 0


# An invented council story. Planted: "Harbour district notes" is a line other raw files repeat, so a run
# whose raw folder holds them removes it as corpus boilerplate; the first sentence recurs in the body.
HARBOUR = ("Council approves budget\n\nThe council met on Tuesday in the town hall.\n\nHarbour district notes\n\n"
           "The mayor said the budget would pass.\n\nThe council met on Tuesday in the town hall.\n\n"
           "Residents were not consulted.\n")


def _ids_to_texts(rows: list[dict], key: str) -> dict[str, str]:
    return {row[key]: row["text"] for row in rows}


def test_boilerplate_removed_from_the_body_never_moves_an_id_to_another_text():
    """Issue 9 item 8: ids were (document, ordinal), so removing one line renamed every later sentence."""
    source = assemble.Source(path="harbour.txt", data=HARBOUR.encode())
    alone = assemble.document_rows(source, LINEAGE).tables
    among_others = assemble.document_rows(source, LINEAGE,
                                          corpus_boilerplate=frozenset({"harbour district notes"})).tables
    assert [r["rule"] for r in among_others["removed_lines"]][-1] == "corpus_repeated"   # the plant took
    assert len(among_others["statements"]) == len(alone["statements"]) - 1
    for table, key in (("statements", "statement_id"), ("paragraphs", "paragraph_id")):
        before, after = _ids_to_texts(alone[table], key), _ids_to_texts(among_others[table], key)
        assert after.items() <= before.items(), table      # every kept text keeps its id; no id changes text
        assert "Harbour district notes" in before.values()
    para_texts = _ids_to_texts(among_others["paragraphs"], "paragraph_id")
    assert all(s["text"] in para_texts[s["paragraph_id"]] for s in among_others["statements"])


def test_a_removed_line_keeps_its_id_when_corpus_boilerplate_removes_another_before_it():
    """Planted defect: removed_line_id was (document, position among the removed pieces), so the corpus
    boilerplate line removed above 'Share this article' gave that line another line's id."""
    text = HARBOUR.replace("Residents were not consulted.", "Residents were not consulted.\n\nShare this article")
    source = assemble.Source(path="harbour.txt", data=text.encode())
    alone = assemble.document_rows(source, LINEAGE).tables["removed_lines"]
    among_others = assemble.document_rows(source, LINEAGE,
                                          corpus_boilerplate=frozenset({"harbour district notes"})).tables["removed_lines"]
    assert len(among_others) == len(alone) + 1
    before, after = _ids_to_texts(alone, "removed_line_id"), _ids_to_texts(among_others, "removed_line_id")
    assert before.items() <= after.items() and "Share this article" in before.values()


def test_a_sentence_repeated_in_one_document_gets_one_id_per_occurrence():
    rows = assemble.document_rows(assemble.Source(path="harbour.txt", data=HARBOUR.encode()), LINEAGE).tables
    repeated = [s["statement_id"] for s in rows["statements"]
                if s["text"] == "The council met on Tuesday in the town hall."]
    assert len(repeated) == 2 and len(set(repeated)) == 2
    # planted: the same sentence once composed (é) and once decomposed (e + U+0301), with doubled spaces
    ids = assemble.content_ids("statement", "a" * 16, ["Caf\u00e9 opens.", "Cafe\u0301  opens.", "Other."])
    assert len(set(ids)) == 3
    assert assemble.content_ids("statement", "a" * 16, ["Cafe\u0301  opens.\n"])[0] == ids[0]


def test_content_ids_are_deterministic_and_derive_from_document_text_and_occurrence():
    texts = ["Yes.", "No.", "Yes."]
    ids = assemble.content_ids("statement", "a" * 16, texts)
    assert ids == assemble.content_ids("statement", "a" * 16, list(texts))
    assert ids == [assemble.stable_id("statement", "a" * 16, "Yes.", 0),
                   assemble.stable_id("statement", "a" * 16, "No.", 0),
                   assemble.stable_id("statement", "a" * 16, "Yes.", 1)]
    assert ids != assemble.content_ids("statement", "b" * 16, texts)    # another document
    assert ids != assemble.content_ids("paragraph", "a" * 16, texts)    # another table
    source = assemble.Source(path="harbour.txt", data=HARBOUR.encode())
    first, second = (assemble.document_rows(source, LINEAGE).tables for _ in range(2))
    for table, key in (("statements", "statement_id"), ("paragraphs", "paragraph_id")):
        assert [r[key] for r in first[table]] == [r[key] for r in second[table]]


def test_invalid_document_takes_its_paragraphs_and_statements_along():
    good, bad = "a" * 16, "b" * 16
    rows = assemble.Rows()
    rows.add("documents", _doc(good))
    rows.add("documents", {**_doc(bad), "language": 7})  # planted defect: language is not a string
    rows.add("paragraphs", _para("1" * 16, good))
    rows.add("paragraphs", _para("2" * 16, bad))
    rows.add("statements", _stmt("3" * 16, "1" * 16, good))
    rows.add("statements", _stmt("4" * 16, "2" * 16, bad))
    valid, rejections = assemble.validated_tables(rows, TABLES)
    assert [d["document_id"] for d in valid["documents"]] == [good]
    assert [p["paragraph_id"] for p in valid["paragraphs"]] == ["1" * 16]
    assert [s["statement_id"] for s in valid["statements"]] == ["3" * 16]
    reasons = sorted((r["table"], r["reason"]) for r in rejections)
    assert reasons == [("documents", "invalid_record"), ("paragraphs", "parent_rejected"),
                       ("statements", "parent_rejected")]
    doc_rejection = next(r for r in rejections if r["table"] == "documents")
    assert "language" in doc_rejection["detail"] and doc_rejection["record_id"] == bad
    for r in rejections:
        TABLES["rejections"].model_validate(r)


def test_invalid_paragraph_orphans_only_its_statements():
    doc = "a" * 16
    rows = assemble.Rows()
    rows.add("documents", _doc(doc))
    rows.add("paragraphs", {**_para("1" * 16, doc), "char_start": -3})  # planted defect: negative offset
    rows.add("statements", _stmt("3" * 16, "1" * 16, doc))
    valid, rejections = assemble.validated_tables(rows, TABLES)
    assert len(valid["documents"]) == 1 and valid["paragraphs"] == [] and valid["statements"] == []
    assert sorted(r["reason"] for r in rejections) == ["invalid_record", "parent_rejected"]


def test_duplicates_are_marked_not_deleted():
    docs = pa.Table.from_pylist([_doc("a" * 16, "Same text."), _doc("b" * 16, "Same text."),
                                 _doc("c" * 16, "Same text, lightly edited."), _doc("d" * 16, "Other.")],
                                schema=arrow_schema(Document))
    groups = {"a" * 16: "a" * 16, "b" * 16: "a" * 16, "c" * 16: "a" * 16, "d" * 16: "d" * 16}
    out = assemble.documents_with_duplicates(docs, groups)
    assert out.num_rows == 4
    assert out.column("duplicate_of").to_pylist() == [None, "a" * 16, "a" * 16, None]
    assert out.column("is_exact_duplicate").to_pylist() == [False, True, False, False]
    assert out.schema == docs.schema


def test_document_bodies_stream_every_document_across_chunks():
    """Defect planted: a stream of bodies that loses or repeats the rows at a chunk boundary (5 rows, 2 at once)."""
    ids = [c * 16 for c in "abcde"]
    docs = pa.Table.from_pylist([_doc(d, f"Text {i}.") for i, d in enumerate(ids)], schema=arrow_schema(Document))
    assert list(assemble.document_bodies(docs, rows_at_once=2)) == [(d, f"Text {i}.") for i, d in enumerate(ids)]


def test_exact_duplicate_compares_the_texts_of_the_group_not_of_its_neighbours():
    """Defect planted: the same text in a document outside the group (d) must not make c an exact duplicate
    of its representative a."""
    docs = pa.Table.from_pylist([_doc("a" * 16, "One."), _doc("c" * 16, "Two."), _doc("d" * 16, "One.")],
                                schema=arrow_schema(Document))
    out = assemble.documents_with_duplicates(docs, {"a" * 16: "a" * 16, "c" * 16: "a" * 16, "d" * 16: "d" * 16})
    assert out.column("is_exact_duplicate").to_pylist() == [False, False, False]


def test_recurring_statements_are_counted_across_documents_without_their_near_duplicates():
    """Planted: one sentence in documents a and b, in another case and punctuation in b, and in c, a
    near-duplicate of a; a sentence only c holds."""
    docs = pa.Table.from_pylist([{**_doc(d), "duplicate_of": "a" * 16 if d == "c" * 16 else None}
                                 for d in ("a" * 16, "b" * 16, "c" * 16)], schema=arrow_schema(Document))
    texts = [("a", "Talks will resume soon."), ("b", "\u201cTALKS will resume -- soon!\u201d"),
             ("c", "Talks will resume soon."), ("c", "Only the copy says this.")]
    statements = [{**_stmt(f"{i:016x}", "1" * 16, d * 16), "text": t, "ordinal": i,
                   "fingerprint": statement_fingerprint(t)} for i, (d, t) in enumerate(texts)]
    tables = {"documents": docs,
              "statements": pa.Table.from_pylist(statements, schema=arrow_schema(TABLES["statements"]))}
    out = assemble.with_recurring_statements(tables)
    assert out["statements"].column("repeated_in_documents").to_pylist() == [2, 2, 2, 0]
    assert out["statements"].schema == tables["statements"].schema and out["documents"] is docs
    assert tables["statements"].column("repeated_in_documents").to_pylist() == [1, 1, 1, 1]   # input unchanged


# An invented article that ends in a short interview (defects planted: none; it exercises the sieves).
FERRY_INTERVIEW = """Harbour council weighs a new ferry route

By Sam Writer

The harbour council met on Tuesday to discuss a ferry link to Gull Island.

Jane Roe, the council's transport chair, said that the route would cut travel times by half.

"We have waited long enough for this," Roe said.

We spoke to Jane Roe after the meeting.

Q: When could the first ferry sail?

A: Next spring, if the budget passes.
"""


def _assert_cue_spans_inside_statements(statements: list[dict]) -> None:
    for row in statements:
        if row["cue_char_start"] is None or row["cue_char_end"] is None:
            assert row["cue_char_start"] is row["cue_char_end"] is None, row
        else:
            assert row["char_start"] <= row["cue_char_start"] < row["cue_char_end"] <= row["char_end"], row


def test_statements_carry_the_deciding_rule_and_cue_spans_inside_themselves():
    tables = assemble.document_rows(assemble.Source(path="ferry.txt", data=FERRY_INTERVIEW.encode()), LINEAGE).tables
    statements = tables["statements"]
    _assert_cue_spans_inside_statements(statements)
    rules = {row["text"]: row["attribution_rule"] for row in statements}
    assert set(rules.values()) <= set(attribute.RULE_NAMES)
    assert rules["The harbour council met on Tuesday to discuss a ferry link to Gull Island."] == "narration"
    assert rules["When could the first ferry sail?"] == "labelled_turn"
    assert rules["Next spring, if the budget passes."] == "labelled_turn"
    clean = tables["documents"][0]["clean_text"]
    cues = [clean[row["cue_char_start"]:row["cue_char_end"]] for row in statements if row["cue_char_start"] is not None]
    assert cues == ["said", "said"]  # Jane Roe ... said that ...; "..." Roe said.
    valid, rejections = assemble.validated_tables(assemble_rows(tables), TABLES)
    assert rejections == [] and len(valid["statements"]) == len(statements)


def test_cue_offsets_move_from_the_paragraph_to_the_clean_text():
    body = "The ferry is late again.\n\nJane Roe said that the ferry is late."
    para_start = body.index("Jane")
    paragraph = body[para_start:]
    cue_at = paragraph.index("said")
    sent = attribute.AttributedSentence(
        paragraph_index=1, start=0, end=len(paragraph), mode="indirect", speaker="Jane Roe", speaker_role=None,
        cue="said", is_question=False, rule="reported_cue", cue_start=cue_at, cue_end=cue_at + 4)
    row = assemble.statement_row(sent, 1, doc_id="a" * 16, body=body, paragraph_start=para_start,
                                 paragraph_id="b" * 16)
    assert body[row["cue_char_start"]:row["cue_char_end"]] == "said"
    assert body[row["char_start"]:row["char_end"]] == row["text"] == paragraph
    assert row["attribution_rule"] == "reported_cue"
    _assert_cue_spans_inside_statements([row])


# --- invariants over the whole pure pipeline, on arbitrary input ------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NEWSY = st.lists(st.sampled_from([
    "By Jane Roe, Daily Planet", "March 5, 2024", "Q:", "A: Yes.", "Wang Li: We agree.", '"It works," she said.',
    "He said the plan failed.", "According to the report, prices rose 1.5 percent.", "Please enter your comment!",
    "Mr. Smith arrived in the U.S. on Dec. 8.", "“Open quote never closes", "What now?", "", " ", "\t",
    "Copyright 2024 All rights reserved", "They said: “No.” Then they left…", "BEIJING, Dec. 8 (Xinhua) -- Talks began.",
]), max_size=12).map("\n".join)


def _check_invariants(tables: dict) -> None:
    docs = {d["document_id"]: d["clean_text"] for d in tables.get("documents", [])}
    for name in ("paragraphs", "statements"):
        for row in tables.get(name, []):
            assert docs[row["document_id"]][row["char_start"]:row["char_end"]] == row["text"]
    _assert_cue_spans_inside_statements(tables.get("statements", []))
    assert {s["attribution_rule"] for s in tables.get("statements", [])} <= set(attribute.RULE_NAMES)
    for doc in tables.get("documents", []):   # each header field names its rule, null exactly when it is empty
        for value, rule in (("title", "title_rule"), ("published_date", "date_rule"), ("authors", "authors_rule"),
                            ("outlet", "outlet_rule")):
            assert (doc[rule] is None) == (not doc[value]) and doc[rule] in HEADER_FIELD_RULES + (None,), (rule, doc)
    ordinals = [s["ordinal"] for s in tables.get("statements", [])]
    assert ordinals == list(range(len(ordinals)))
    valid, rejections = assemble.validated_tables(assemble_rows(tables), TABLES)
    assert [r for r in rejections if r["stage"] == "validate"] == []


def assemble_rows(tables: dict) -> "assemble.Rows":
    rows = assemble.Rows()
    for name, table_rows in tables.items():
        for row in table_rows:
            rows.add(name, row)
    return rows


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=400), NEWSY.map(lambda t: t.encode("utf-8")),
                 st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_give_valid_rows_or_one_rejection(data):
    rows = assemble.document_rows(assemble.Source(path="x.txt", data=data), LINEAGE)
    if "documents" not in rows.tables:
        (rejection,) = rows.tables["rejections"]
        assert rejection["reason"] in {"empty_file", "binary_content", "undecodable_bytes"}
        return
    _check_invariants(rows.tables)


def test_a_raw_file_name_that_is_not_utf8_goes_through_with_its_bytes_escaped(tmp_path):
    """Issue 9: a name holding byte 0xff made stable_id (and the rejection fallback) raise."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / os.fsdecode(b"caf\xff.txt")).write_bytes(b"The council met on Tuesday. It said nothing.\n")
    (raw / os.fsdecode(b"empty\xfe.txt")).write_bytes(b"")     # planted: rejected, and named badly too
    sources = [assemble.Source(path=p.relative_to(raw).as_posix(), data=io.read_bytes(p))
               for p in io.source_paths(raw, "*.txt")]
    assert [s.path for s in sources] == ["caf\\xff.txt", "empty\\xfe.txt"]
    doc_rows = assemble.rows_for_source(sources[0], LINEAGE)
    (doc,) = doc_rows.tables["documents"]
    assert doc["source_path"] == "caf\\xff.txt"
    assert doc["document_id"] == assemble.document_id("caf\\xff.txt", sources[0].sha256)
    assert doc_rows.tables["statements"] and "rejections" not in doc_rows.tables
    (rejection,) = assemble.rows_for_source(sources[1], LINEAGE).tables["rejections"]
    assert (rejection["reason"], rejection["source_path"]) == ("empty_file", "empty\\xfe.txt")
    valid, rejections = assemble.validated_tables(doc_rows, TABLES)
    assert not rejections
    for name, rows in {**valid, "rejections": [rejection]}.items():
        table = io.table_from_rows(rows, arrow_schema(TABLES[name]))   # Parquet strings: valid UTF-8
        io.write_parquet_atomic(table, tmp_path / f"{name}.parquet")
    again = assemble.Source(path=os.fsdecode(b"caf\xff.txt"), data=sources[0].data)
    assert assemble.rows_for_source(again, LINEAGE).tables["documents"][0]["document_id"] == doc["document_id"]


def test_recorded_paths_of_valid_names_do_not_change():
    for name in ("a.txt", "sub/Été 2021 – 北京.txt", "caf\\xff.txt"):
        assert assemble.path_text(name) == name
        assert assemble.Source(path=name, data=b"").path == name
    assert assemble.stable_id("\ud800") == assemble.stable_id("\ud800")   # a lone surrogate hashes, never raises


def _corpus_tables(*texts: tuple[str, str]) -> dict[str, pa.Table]:
    """The rows of several raw files as tables, the corpus-wide speakers settled."""
    rows = assemble.Rows()
    for path, text in texts:
        rows.extend(assemble.document_rows(assemble.Source(path=path, data=text.encode()), LINEAGE))
    valid, rejections = assemble.validated_tables(rows, TABLES)
    assert rejections == []
    tables = {name: pa.Table.from_pylist(valid.get(name, []), schema=arrow_schema(TABLES[name])) for name in TABLES}
    return assemble.with_corpus_speakers(tables)


def test_labels_of_two_interviews_are_two_role_only_speakers_and_one_name_is_one_speaker():
    """The same interview under two file names: Jane Roe is one speaker of two documents; each Q and A its own."""
    tables = _corpus_tables(("ferry.txt", FERRY_INTERVIEW), ("ferry-copy.txt", FERRY_INTERVIEW))
    by_doc = tables["document_speakers"].to_pylist()
    kinds = {row["name"]: row["kind"] for row in by_doc}
    assert kinds["Jane Roe"] == "person" and kinds["Q"] == "role"
    speakers = {(row["name"], row["document_id"]): row for row in tables["speakers"].to_pylist()}
    roe = speakers[("Jane Roe", None)]
    per_document = [r["statement_count"] for r in by_doc if r["name"] == "Jane Roe"]
    assert len(per_document) == 2 and per_document[0] > 0
    assert roe["document_count"] == 2 and roe["statement_count"] == sum(per_document)
    assert sum(1 for name, _ in speakers if name == "Q") == 2
    statements = tables["statements"].to_pylist()
    known = {row["speaker_id"] for row in tables["speakers"].to_pylist()}
    assert all((s["speaker"] is None) == (s["speaker_id"] is None) for s in statements)
    assert {s["speaker_id"] for s in statements if s["speaker_id"]} == known


def test_speaker_ids_are_looked_up_by_document_and_name_in_row_order_from_dictionary_columns():
    """The lookup is an Arrow column pair, not a dict: a lot read back from Parquet has dictionary-encoded
    document_id and speaker; a name in another document, a null and an unknown name get no id."""
    lookup = assemble.speaker_id_lookup({("a" * 16, "Jane Roe"): "s1", ("b" * 16, "Jane Roe"): "s2",
                                         ("b" * 16, "Q"): "s3"})
    rows = [_stmt(f"st{i}", "p", doc) | {"speaker": name}
            for i, (doc, name) in enumerate([("b" * 16, "Q"), ("a" * 16, "Jane Roe"), ("a" * 16, None),
                                             ("a" * 16, "Q"), ("b" * 16, "Jane Roe")])]
    lot = pa.Table.from_pylist(rows, schema=arrow_schema(TABLES["statements"]))
    for name in ("document_id", "speaker"):
        index = lot.schema.get_field_index(name)
        lot = lot.set_column(index, name, lot.column(name).dictionary_encode())
    looked_up = assemble.with_speaker_ids(lot, "speaker", lookup)
    assert looked_up.column("speaker_id").to_pylist() == ["s3", "s1", None, None, "s2"]
    assert looked_up.schema.field("speaker_id").type == arrow_schema(TABLES["statements"]).field("speaker_id").type


def test_shared_values_read_equal_strings_as_one_object():
    """Planted defect: every row read as its own string (``to_pylist``), so 189,558 document speakers held one
    copy of their document's id, kind and role each. Equal values come back as one object; nulls stay null."""
    column = pa.chunked_array([["person", "group"], ["person", None]])
    values = assemble._shared_values(column)
    assert values == ["person", "group", "person", None]
    assert values[0] is values[2]


def test_corpus_speakers_table_cuts_lots_without_changing_rows(monkeypatch):
    """Planted defect: a lot boundary losing or repeating a corpus speaker. With one corpus speaker a lot, the
    speakers and the lookup are those of a single lot."""
    read = [speakers.DocumentSpeaker("a" * 16, "Jane Roe", "person", statement_count=2),
            speakers.DocumentSpeaker("b" * 16, "Jane Roe", "person", statement_count=1),
            speakers.DocumentSpeaker("b" * 16, "the council", "group", statement_count=1)]
    lineage = {"run_id": "r1", "pipeline_version": "0.1.0"}
    whole = assemble.corpus_speakers_table(read, lineage)
    monkeypatch.setattr(assemble, "SPEAKERS_AT_ONCE", 1)
    one_at_a_time = assemble.corpus_speakers_table(iter(read), lineage)
    assert [t.to_pylist() for t in one_at_a_time] == [t.to_pylist() for t in whole]
    assert whole[1].num_rows == 2 and whole[0].num_rows == 3
