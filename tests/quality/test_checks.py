"""Each planted defect is caught by exactly the check named for it; the clean dataset passes.

A pipeline defect fails a critical (systemic) check; a content defect of one document fails a row-level
check, whose severity is "quarantine" (the document goes to rejections, the run goes on)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.config import QualityThresholds
from flows.quality import QualityResult, quality_result
from flows.quality.rules import recounted_documents_per_fingerprint, repeated_values, unlike_names

from .conftest import TODAY, build_tables, corpus


def run(tables: dict[str, pa.Table], *, files_read: int = 1, **thresholds: object) -> QualityResult:
    return quality_result(tables, thresholds=QualityThresholds(**thresholds), files_read=files_read, today=TODAY)


def failed(result: QualityResult) -> set[str]:
    return {c.name for c in result.critical_failures}


def quarantining(result: QualityResult) -> set[str]:
    return {c.name for c in result.quarantining}


@pytest.fixture(scope="module")
def clean_result() -> QualityResult:
    return run(build_tables())


def test_clean_dataset_passes_every_check(clean_result: QualityResult) -> None:
    assert clean_result.passed
    assert [c for c in clean_result.checks if not c.success] == []
    assert clean_result.warnings == ()
    assert clean_result.gx_seconds > 0
    assert {c.engine for c in clean_result.checks} == {"gx", "rule"}


def test_checks_leave_no_gx_context_holding_the_run_s_frames(clean_result: QualityResult) -> None:
    """Defect: GX's global keeps the last data context, and the data frames it validated, alive after the
    checks (through the quarantine and the report, where memory peaks)."""
    from great_expectations.data_context.data_context.context_factory import project_manager
    from great_expectations.exceptions import DataContextRequiredError

    run(build_tables())
    with pytest.raises(DataContextRequiredError):
        project_manager.get_current_project()


def test_check_names_are_unique_and_prefixed_with_their_table(clean_result: QualityResult) -> None:
    names = [c.name for c in clean_result.checks]
    assert len(names) == len(set(names))
    assert all(c.name.startswith(c.table + ".") for c in clean_result.checks)


def test_derived_and_rule_checks_are_all_present(clean_result: QualityResult) -> None:
    names = {c.name for c in clean_result.checks}
    assert {"documents.document_id.not_null", "documents.document_id.unique", "documents.document_id.pattern",
            "statements.mode.in_set", "paragraphs.ordinal.minimum", "statements.text.min_length",
            "documents.language.iso639_1", "statements.paragraph_id.references",
            "paragraphs.document_id.references", "statements.document_id.references",
            "statements.text_matches_offsets", "paragraphs.text_matches_offsets", "statements.ordinal_dense",
            "statements.narration_has_no_speaker", "statements.non_narration_has_speaker",
            "documents.published_date.not_in_future", "documents.published_date.not_before_earliest_year",
            "statements.no_boilerplate", "documents.share_without_date", "rejections.rejection_rate",
            "statements.attribution_rule.not_null", "statements.attribution_rule.in_set",
            "statements.cue_span_within_statement"} <= names


# --------------------------------------------------------------------------- planted defects

def test_duplicate_statement_id(tables, plant) -> None:
    """A key is unique across the whole table: checked on the key column alone (engine "rule"), not by GX,
    which sees a bounded batch of rows."""
    st = tables["statements"]
    tables["statements"] = plant(st, "statement_id", {1: st["statement_id"][0].as_py()})
    result = run(tables)
    assert failed(result) == {"statements.statement_id.unique"}
    check = result.check("statements.statement_id.unique")
    assert check.engine == "rule" and check.unexpected_count == 2
    assert check.examples[0] == f"statement_id={st['statement_id'][0].as_py()}"
    assert check.observed == f"2 of {st.num_rows} rows unexpected"


@given(st.lists(st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "c", "d", "e"])), max_size=6), min_size=1,
                max_size=4))
def test_repeated_values_marks_every_row_whose_value_recurs_in_any_chunk(chunks) -> None:
    """Planted: values (nulls among them) repeated within a chunk, across chunks, or not at all; a row is marked
    exactly when its non-null value occurs in another row (nulls never), whatever the chunking."""
    values = [v for chunk in chunks for v in chunk]
    expected = [v is not None and values.count(v) > 1 for v in values]
    assert repeated_values(pa.chunked_array(chunks, pa.string())).tolist() == expected


@given(st.lists(st.tuples(st.sampled_from(["f1", "f2", "f3"]), st.sampled_from(["d1", "d2", "d3", "d4"]),
                          st.booleans()), max_size=12))
def test_documents_per_fingerprint_counts_distinct_counted_documents(rows) -> None:
    """Planted: one fingerprint in several rows of one document, in documents left out (near-duplicates), in
    several documents; each row gets the number of distinct counted documents that hold its fingerprint."""
    counted = {d for _, d, c in rows if c}
    rows = [(f, d, d in counted) for f, d, _ in rows]   # counted is a document's property, as in the tables
    expected = [len({d for g, d, c in rows if g == f and c}) for f, _, _ in rows]
    found = recounted_documents_per_fingerprint(pa.array([r[0] for r in rows], pa.string()),
                                      pa.array([r[1] for r in rows], pa.string()),
                                      np.array([r[2] for r in rows], dtype=bool))
    assert found.tolist() == expected


def test_checks_read_a_lot_of_rows_at_a_time_and_miss_nothing_across_lots(tables, plant, monkeypatch) -> None:
    """Defects planted in different rows, read one row at a time (GX's batches and the rules' lots): a key
    repeated in another lot, a null in one lot, offsets wrong in one lot, a boilerplate paragraph; the verdicts,
    counts and first examples are those of the whole table."""
    from flows import io
    from flows.quality import gx_engine

    whole = run(tables)
    st = tables["statements"]
    tables["statements"] = plant(plant(plant(st, "statement_id", {2: st["statement_id"][0].as_py()}),
                                       "attribution_rule", {1: None}), "char_start", {2: 1})
    tables["paragraphs"] = plant(tables["paragraphs"], "text", {1: "Share this article"})
    at_once = run(tables)
    monkeypatch.setattr(io, "BATCH_ROWS", 1)
    monkeypatch.setattr(gx_engine, "GX_ROWS", 1)
    by_row = run(tables)
    assert [c for c in whole.checks if not c.success] == []
    assert failed(by_row) == failed(at_once) == {
        "statements.statement_id.unique", "statements.attribution_rule.not_null", "statements.text_matches_offsets",
        "paragraphs.text_matches_offsets"}   # the boilerplate paragraph's text no longer matches its offsets
    assert quarantining(by_row) == quarantining(at_once) == {"paragraphs.no_boilerplate"}
    assert [(c.name, c.success, c.unexpected_count, c.observed, c.examples) for c in by_row.checks] == [
        (c.name, c.success, c.unexpected_count, c.observed, c.examples) for c in at_once.checks]


def test_statement_offsets_not_matching_text(tables, plant) -> None:
    st = tables["statements"]
    tables["statements"] = plant(plant(st, "char_start", {2: st["char_start"][2].as_py() + 1}),
                                 "char_end", {2: st["char_end"][2].as_py() + 1})
    result = run(tables)
    assert failed(result) == {"statements.text_matches_offsets"}
    assert result.check("statements.text_matches_offsets").unexpected_count == 1


def test_statement_text_differs_at_same_length(tables, plant) -> None:
    """Same offsets and length, one character changed: only a content comparison catches it."""
    st = tables["statements"]
    tables["statements"] = plant(st, "text", {2: "The forum opened in BeijinG."})
    assert failed(run(tables)) == {"statements.text_matches_offsets"}


def test_paragraph_offsets_not_matching_text(tables, plant) -> None:
    tables["paragraphs"] = plant(tables["paragraphs"], "char_start", {1: 0})
    assert failed(run(tables)) == {"paragraphs.text_matches_offsets"}


def test_orphan_statement(tables, add_row) -> None:
    st = tables["statements"]
    orphan = st.slice(0, 1).to_pylist()[0] | {"statement_id": "00000000000000ff", "document_id": "00000000000000aa",
                                              "paragraph_id": "00000000000000bb", "ordinal": 0}
    tables["statements"] = add_row(st, orphan)
    result = run(tables)
    assert failed(result) == {"statements.document_id.references", "statements.paragraph_id.references"}
    assert result.check("statements.document_id.references").examples == (
        "statement_id=00000000000000ff: document_id=00000000000000aa not in documents.document_id",)


def test_orphan_paragraph(tables, add_row) -> None:
    pa_ = tables["paragraphs"]
    orphan = pa_.slice(0, 1).to_pylist()[0] | {"paragraph_id": "00000000000000cc", "document_id": "00000000000000aa",
                                               "ordinal": 0, "statement_count": 0}
    tables["paragraphs"] = add_row(pa_, orphan)
    assert failed(run(tables)) == {"paragraphs.document_id.references"}


def test_statement_in_paragraph_of_another_document(tables, plant) -> None:
    """Both ids exist, but the paragraph belongs to another document."""
    docs, st = tables["documents"], tables["statements"]
    other = docs.slice(0, 1).to_pylist()[0] | {"document_id": "00000000000000dd", "paragraph_count": 0,
                                               "statement_count": 0}
    tables["documents"] = pa.concat_tables([docs, pa.Table.from_pylist([other], schema=docs.schema)])
    tables["statements"] = plant(st, "document_id", {2: "00000000000000dd"})
    tables["statements"] = plant(tables["statements"], "ordinal", {2: 0})
    tables["documents"] = plant(tables["documents"], "statement_count", {0: 2, 1: 1})
    assert failed(run(tables)) == {"statements.paragraph_in_same_document"}


def test_narration_with_a_speaker(tables, plant) -> None:
    """A speaker's name on a narration row (without a speaker_id: that check fires too)."""
    tables["statements"] = plant(tables["statements"], "speaker", {0: "Xi Jinping"})
    result = run(tables)
    assert failed(result) == {"statements.narration_has_no_speaker", "statements.speaker_id_matches_speaker"}
    assert result.check("statements.narration_has_no_speaker").examples[0].endswith(
        "mode=narration, speaker=Xi Jinping")


def test_quote_without_a_speaker(tables, plant) -> None:
    """The quote's speaker and speaker_id both gone: the speaker's declared statement count is one too many."""
    tables["statements"] = plant(tables["statements"], "speaker", {1: None})
    tables["statements"] = plant(tables["statements"], "speaker_id", {1: None})
    assert failed(run(tables)) == {"statements.non_narration_has_speaker", "speakers.statement_count_consistent"}


def test_quote_with_a_speaker_but_no_speaker_id(tables, plant) -> None:
    tables["statements"] = plant(tables["statements"], "speaker_id", {1: None})
    assert failed(run(tables)) == {"statements.speaker_id_matches_speaker", "speakers.statement_count_consistent"}


def test_statement_pointing_to_a_speaker_that_does_not_exist(tables, plant) -> None:
    tables["statements"] = plant(tables["statements"], "speaker_id", {1: "00000000000000ee"})
    assert failed(run(tables)) == {"statements.speaker_id.references", "speakers.statement_count_consistent"}


@pytest.mark.parametrize("name, unlike", [
    ("FULL TEXT.", True), ("Transcript:", True), ("Feb. 4", True), ("Monday, 4 March 2021", True),
    ("2021-02-04", True), ("www.example.com", True), ("pic.example.com/abc - Jane Roe", True),
    ("JANE ROE", False),            # a transcript label in capitals is a name, not a heading
    ("A Feb. 1 letter", False),     # a document that says something, with its date: no date alone
    ("en.example.org", False),      # a site as interviewer: a domain, no URL
    ("May Roe", False), ("Donald J. Trump", False),
    ("Mayor 12", False),            # defect planted: a word that only starts like a month ("may[a-z]*") is no date
    ("Sept. 30, 2016", True),
])
def test_speaker_names_that_look_like_a_heading_a_date_or_a_url(name: str, unlike: bool) -> None:
    assert list(unlike_names(pa.table({"name": [name]}))) == [unlike]


def test_speaker_named_by_a_heading_is_a_warning_that_keeps_its_document(tables, plant) -> None:
    tables["document_speakers"] = plant(tables["document_speakers"], "name", {0: "FULL TEXT."})
    result = run(tables)
    assert failed(result) == set()
    assert quarantining(result) == set()
    check = result.check("document_speakers.name.looks_like_name")
    assert check.severity == "warning" and not check.success
    assert check.examples[0].endswith("'FULL TEXT.'")


def test_future_publication_date(tables, plant) -> None:
    tables["documents"] = plant(tables["documents"], "published_date", {0: TODAY + dt.timedelta(days=1)})
    result = run(tables)
    assert failed(result) == set()
    assert quarantining(result) == {"documents.published_date.not_in_future"}
    assert result.check("documents.published_date.not_in_future").severity == "quarantine"


def test_publication_date_before_earliest_year(tables, plant) -> None:
    tables["documents"] = plant(tables["documents"], "published_date", {0: dt.date(1899, 12, 31)})
    result = run(tables)
    assert failed(result) == set()
    assert quarantining(result) == {"documents.published_date.not_before_earliest_year"}
    assert quarantining(run(tables, earliest_published_year=1800)) == set()


def test_publication_date_today_is_fine(tables, plant) -> None:
    tables["documents"] = plant(tables["documents"], "published_date", {0: TODAY})
    result = run(tables)
    assert result.passed and quarantining(result) == set()


def test_non_dense_ordinals(tables, plant) -> None:
    tables["statements"] = plant(tables["statements"], "ordinal", {2: 3})
    result = run(tables)
    assert failed(result) == {"statements.ordinal_dense"}
    assert result.check("statements.ordinal_dense").unexpected_count == 1  # one document


def test_duplicate_ordinals_are_not_dense(tables, plant) -> None:
    tables["statements"] = plant(tables["statements"], "ordinal", {2: 1})
    assert failed(run(tables)) == {"statements.ordinal_dense"}


@pytest.mark.parametrize("code", ["english", "EN", "xx", "e", "yue"])
def test_bad_language_code(tables, plant, code: str) -> None:
    tables["documents"] = plant(tables["documents"], "language", {0: code})
    result = run(tables)
    assert failed(result) == set() and quarantining(result) == {"documents.language.iso639_1"}
    assert result.check("documents.language.iso639_1").engine == "gx"


def test_missing_language_is_allowed(tables, plant) -> None:
    tables["documents"] = plant(tables["documents"], "language", {0: None})
    result = run(tables)
    assert result.passed and quarantining(result) == set()


@pytest.mark.parametrize("line", ["Staff Twitter List>>", "Please enter your comment!",
                                  "Copyright © 2021 People's Daily. All rights reserved.",
                                  "Subscribe to our newsletter for more.", "Share this article"])
def test_boilerplate_line_in_a_statement(make_tables, line: str) -> None:
    tables = make_tables([[("The forum opened in Beijing.", "narration", None), (line, "narration", None)]])
    result = run(tables)
    assert failed(result) == set()
    assert quarantining(result) == {"paragraphs.no_boilerplate", "statements.no_boilerplate"}


def test_news_sentences_that_mention_sharing_are_not_boilerplate(make_tables) -> None:
    tables = make_tables([[("China's share of world trade grew.", "narration", None),
                           ("The copyright law was revised.", "narration", None)]])
    result = run(tables)
    assert result.passed and quarantining(result) == set()


def test_mode_outside_literal(tables, plant) -> None:
    tables["statements"] = plant(tables["statements"], "mode", {1: "quote"})
    assert failed(run(tables)) == {"statements.mode.in_set"}


def test_attribution_rule_no_sieve_has(tables, plant) -> None:
    tables["statements"] = plant(tables["statements"], "attribution_rule", {1: "gut_feeling"})
    result = run(tables)
    assert failed(result) == {"statements.attribution_rule.in_set"}
    assert result.check("statements.attribution_rule.in_set").unexpected_count == 1


def test_attribution_rule_missing(tables, plant) -> None:
    tables["statements"] = plant(tables["statements"], "attribution_rule", {0: None})
    assert failed(run(tables)) == {"statements.attribution_rule.not_null"}


@pytest.mark.parametrize("defect,start,end", [
    ("cue end without its start", None, 60),
    ("empty cue span", 75, 75),
    ("cue span reaching past the statement", 75, 200),
    ("cue span in the previous statement", 10, 14),
])
def test_cue_span_outside_its_statement(tables, plant, defect: str, start: int | None, end: int) -> None:
    st = plant(tables["statements"], "cue_char_start", {1: start})
    tables["statements"] = plant(st, "cue_char_end", {1: end})
    result = run(tables)
    assert failed(result) == {"statements.cue_span_within_statement"}, defect
    assert "cue=said" in result.check("statements.cue_span_within_statement").examples[0]


def test_cue_span_on_a_statement_without_cue(tables, plant) -> None:
    """Narration (no cue) carrying the offsets of a word of its own sentence."""
    st = plant(tables["statements"], "cue_char_start", {0: 0})
    tables["statements"] = plant(st, "cue_char_end", {0: 7})
    assert failed(run(tables)) == {"statements.cue_span_within_statement"}


def test_required_value_missing(tables, plant) -> None:
    tables["documents"] = plant(tables["documents"], "encoding", {0: None})
    assert failed(run(tables)) == {"documents.encoding.not_null"}


def test_negative_count(tables, plant) -> None:
    tables["removed_lines"] = plant(tables["removed_lines"], "line_no", {0: -1})
    assert failed(run(tables)) == {"removed_lines.line_no.minimum"}


def test_bad_hash(tables, plant) -> None:
    tables["statements"] = plant(tables["statements"], "source_sha256", {0: "not-a-hash"})
    assert failed(run(tables)) == {"statements.source_sha256.pattern"}


def test_declared_counts_must_match_rows(tables, plant) -> None:
    tables["documents"] = plant(tables["documents"], "statement_count", {0: 4})
    tables["paragraphs"] = plant(tables["paragraphs"], "statement_count", {1: 0})
    assert failed(run(tables)) == {"documents.statement_count_consistent", "paragraphs.statement_count_consistent"}


def test_a_recurring_statement_count_that_the_statements_do_not_bear_out(tables, plant) -> None:
    """Planted: a sentence said to recur in three documents, in a corpus of one."""
    tables["statements"] = plant(tables["statements"], "repeated_in_documents", {2: 3})
    result = run(tables)
    assert failed(result) == {"statements.repeated_in_documents_consistent"}
    assert result.check("statements.repeated_in_documents_consistent").examples[0].endswith(
        "repeated_in_documents=3, documents with its fingerprint=1")


def test_a_statement_of_a_near_duplicate_is_not_counted(make_tables, plant) -> None:
    """Planted: a second document holding the same sentences, marked a near-duplicate, counted as one more."""
    first, second = make_tables(), make_tables(doc_no=1)
    second["documents"] = plant(second["documents"], "duplicate_of", {0: first["documents"]["document_id"][0].as_py()})
    tables = corpus(first, second)
    assert failed(run(tables)) == set()
    assert set(tables["statements"].column("repeated_in_documents").to_pylist()) == {1}
    tables["statements"] = plant(tables["statements"], "repeated_in_documents", {0: 2})
    assert failed(run(tables)) == {"statements.repeated_in_documents_consistent"}


def test_missing_column_fails_the_schema_check_without_crashing(tables) -> None:
    tables["statements"] = tables["statements"].drop_columns(["cue"])
    assert "statements.arrow_schema" in failed(run(tables))


def test_missing_tables_are_checked_as_empty() -> None:
    tables = build_tables()
    del tables["document_speakers"], tables["removed_lines"]
    assert run(tables).passed


# --------------------------------------------------------------------------- corpus warnings

def test_corpus_thresholds_warn_but_do_not_fail(tables, plant) -> None:
    tables["documents"] = plant(tables["documents"], "published_date", {0: None})
    tables["documents"] = plant(tables["documents"], "title", {0: None})
    result = run(tables, files_read=1, max_share_narration=0.5)
    assert result.passed
    assert {c.name for c in result.warnings} == {"documents.share_without_date", "documents.share_without_title",
                                                 "statements.share_narration"}
    assert result.check("statements.share_narration").observed == "66.7% (2 of 3 statements); max 50%"


def test_rejection_and_duplicate_rates(tables) -> None:
    rej = tables["rejections"]
    row = {"source_path": "raw/bad.txt", "source_sha256": "0" * 64, "run_id": "run-test",
           "pipeline_version": "0.1.0", "rejection_id": "0" * 16, "stage": "ingest", "table": "documents",
           "document_id": None, "record_id": None, "reason": "empty_file", "detail": "0 bytes",
           "record_json": None}
    tables["rejections"] = pa.concat_tables([rej, pa.Table.from_pylist([row], schema=rej.schema)])
    result = run(tables, files_read=2, max_rejection_rate=0.4)
    assert result.passed
    assert [c.name for c in result.warnings] == ["rejections.rejection_rate"]
    assert run(tables, files_read=3, max_rejection_rate=0.4).warnings == ()


def test_chunked_and_dictionary_encoded_tables_pass(tables, tmp_path) -> None:
    """Tables read back from Parquet parts: several chunks, dictionary columns."""
    import pyarrow.parquet as pq

    out = {}
    for name, table in tables.items():
        pq.write_table(table, tmp_path / f"{name}.parquet", use_dictionary=True)
        back = pq.read_table(tmp_path / f"{name}.parquet", read_dictionary=["source_path", "run_id"])
        out[name] = pa.concat_tables([back.slice(0, 1), back.slice(1)])
    assert out["statements"].column("text").num_chunks == 2
    assert pa.types.is_dictionary(out["statements"].schema.field("source_path").type)
    result = run(out)
    assert result.passed, result.critical_failures


def test_a_header_date_that_is_no_date_is_a_warning_that_names_the_raw_file(tables, plant) -> None:
    tables["documents"] = plant(plant(tables["documents"], "date_problem", {0: "no_such_day"}),
                                "date_text", {0: "February 30, 2024"})
    result = run(tables)
    assert failed(result) == set() and quarantining(result) == set()
    check = result.check("documents.published_date.read")
    assert check.severity == "warning" and not check.success and check.unexpected_count == 1
    assert check.examples[0].endswith("raw/000_sample.txt: date_text='February 30, 2024' is no_such_day")


def test_row_warnings_survive_the_quarantine_step(tables, plant) -> None:
    """They are recomputed on what is published, as the corpus warnings are (they were dropped before)."""
    from flows.quality import quarantined_result

    tables["documents"] = plant(tables["documents"], "date_problem", {0: "before_earliest_year"})
    tables["document_speakers"] = plant(tables["document_speakers"], "name", {0: "FULL TEXT."})
    checked = run(tables)
    _, result = quarantined_result(tables, checked, thresholds=QualityThresholds(), files_read=1, today=TODAY)
    assert {c.name for c in result.warnings} >= {"documents.published_date.read",
                                                 "document_speakers.name.looks_like_name"}
