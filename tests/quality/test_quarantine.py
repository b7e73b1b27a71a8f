"""Quarantine, not blockade: a document whose content fails a row-level check goes to rejections with all
its rows; the rest is published; systemic failures and too many quarantined documents still fail the run."""
from __future__ import annotations

import datetime as dt
import json

import pyarrow as pa
import pytest

from flows.config import QualityThresholds
from flows.quality import ROW_LEVEL, QualityResult, offences, quality_result, quarantine, quarantined_result
from flows.quality.check import complete_tables
from schemas.records import Rejection
from schemas.tables import TABLES, primary_key

from .conftest import TODAY, build_tables, corpus, with_values

CHILD_TABLES = ("paragraphs", "statements", "document_speakers", "removed_lines")
COPYRIGHT = "© 2024 People's Daily. All rights reserved."
LENIENT = QualityThresholds(max_quarantined_share=0.8)


def four_documents() -> dict[str, pa.Table]:
    """raw/000 clean; raw/001 a "© ... All rights reserved" sentence; raw/002 a date in the future;
    raw/003 the language code "yue" (py3langid's Cantonese, not ISO 639-1)."""
    boilerplate = [[("The forum opened in Beijing.", "narration", None), (COPYRIGHT, "narration", None)]]
    future = build_tables(doc_no=2)
    future["documents"] = with_values(future["documents"], "published_date", {0: TODAY + dt.timedelta(days=30)})
    cantonese = build_tables(doc_no=3)
    cantonese["documents"] = with_values(cantonese["documents"], "language", {0: "yue"})
    return complete_tables(corpus(build_tables(), build_tables(boilerplate, doc_no=1), future, cantonese))


def doc_id(tables: dict[str, pa.Table], path: str) -> str:
    docs = tables["documents"].to_pylist()
    return next(d["document_id"] for d in docs if d["source_path"] == path)


def rows_of(tables: dict[str, pa.Table], table: str, document_id: str) -> list[dict]:
    return [r for r in tables[table].to_pylist() if r["document_id"] == document_id]


@pytest.fixture(scope="module")
def staged() -> dict[str, pa.Table]:
    return four_documents()


@pytest.fixture(scope="module")
def checked(staged) -> QualityResult:
    return quality_result(staged, thresholds=LENIENT, files_read=4, today=TODAY)


def test_row_level_checks_name_each_bad_document_and_nothing_else(staged) -> None:
    found = offences(staged, thresholds=LENIENT, today=TODAY)
    by_check = {(o.check, o.source_path) for o in found}
    assert by_check == {("paragraphs.no_boilerplate", "raw/001_sample.txt"),
                        ("statements.no_boilerplate", "raw/001_sample.txt"),
                        ("documents.published_date.not_in_future", "raw/002_sample.txt"),
                        ("documents.language.iso639_1", "raw/003_sample.txt")}
    details = {o.check: o.detail for o in found}
    assert details["statements.no_boilerplate"] == (
        f"raw/001_sample.txt: statements.no_boilerplate failed on statements.text = {COPYRIGHT!r}")
    assert "2024-07-01" in details["documents.published_date.not_in_future"]
    assert details["documents.language.iso639_1"].endswith("documents.language = 'yue'")


def test_the_clean_document_survives_and_the_bad_ones_leave_with_all_their_rows(staged) -> None:
    found = offences(staged, thresholds=LENIENT, today=TODAY)
    result = quarantine(staged, found)
    clean = doc_id(staged, "raw/000_sample.txt")
    recounted = {"repeated_in_documents": 1}   # its sentences recurred only in the documents quarantined
    for table in ("documents",) + CHILD_TABLES:
        want = [{**r, **recounted} if table == "statements" else r for r in rows_of(staged, table, clean)]
        assert result.tables[table].to_pylist() == want, table  # nothing else changes
    rejected = result.tables["rejections"].to_pylist()
    assert rejected == result.rejected.to_pylist()  # staged rejections were empty; the new rows appended
    for path in ("raw/001_sample.txt", "raw/002_sample.txt", "raw/003_sample.txt"):
        bad = doc_id(staged, path)
        for table in ("documents",) + CHILD_TABLES:
            key = primary_key(TABLES[table])
            want = {r[key] for r in rows_of(staged, table, bad)}
            got = {r["record_id"] for r in rejected if r["document_id"] == bad and r["table"] == table}
            assert got == want, (path, table)
            assert want or (table, path) == ("document_speakers", "raw/001_sample.txt"), (path, table)  # no speaker
    assert {r["stage"] for r in rejected} == {"quality"}
    for row in rejected:
        Rejection.model_validate(row)
        assert row["detail"].startswith(row["source_path"] + ": ")


def test_speakers_are_counted_again_on_the_documents_kept(staged) -> None:
    """Xi Jinping speaks in three of the four documents; two of those are quarantined: one is left."""
    assert staged["speakers"].select(["name", "statement_count", "document_count"]).to_pylist() == [
        {"name": "Xi Jinping", "statement_count": 3, "document_count": 3}]
    result = quarantine(staged, offences(staged, thresholds=LENIENT, today=TODAY))
    assert result.tables["speakers"].select(["name", "statement_count", "document_count"]).to_pylist() == [
        {"name": "Xi Jinping", "statement_count": 1, "document_count": 1}]
    assert result.tables["speakers"].column("speaker_id").to_pylist() == staged["speakers"].column(
        "speaker_id").to_pylist()


def test_recurring_statements_are_counted_again_on_the_documents_kept(staged) -> None:
    """The opening sentence is in all four documents; three are quarantined, so it recurs in one."""
    opening = "Chinese President Xi Jinping sent a congratulatory letter on Monday."
    counts = lambda tables: {(r["source_path"], r["repeated_in_documents"])   # noqa: E731
                             for r in tables["statements"].to_pylist() if r["text"] == opening}
    assert counts(staged) == {(f"raw/00{i}_sample.txt", 3) for i in (0, 2, 3)}   # raw/001 has another body
    result = quarantine(staged, offences(staged, thresholds=LENIENT, today=TODAY))
    assert counts(result.tables) == {("raw/000_sample.txt", 1)}


def test_rejections_carry_the_check_names_and_the_records(staged) -> None:
    result = quarantine(staged, offences(staged, thresholds=LENIENT, today=TODAY))
    rejected = result.rejected.to_pylist()
    reasons = {(r["source_path"], r["reason"]) for r in rejected if r["table"] == "documents"}
    assert reasons == {("raw/001_sample.txt", "paragraphs.no_boilerplate"),
                       ("raw/001_sample.txt", "statements.no_boilerplate"),
                       ("raw/002_sample.txt", "documents.published_date.not_in_future"),
                       ("raw/003_sample.txt", "documents.language.iso639_1")}
    # a child row goes once, under its document's first failing check
    statements = [r for r in rejected if r["table"] == "statements"]
    assert len(statements) == len({r["record_id"] for r in statements}) == 2 + 3 + 3
    copyright_row = next(r for r in statements if COPYRIGHT in r["record_json"])
    assert copyright_row["reason"] == "paragraphs.no_boilerplate"
    assert json.loads(copyright_row["record_json"])["text"] == COPYRIGHT
    assert len({r["rejection_id"] for r in rejected}) == len(rejected)
    assert result.files_by_check() == {"documents.published_date.not_in_future": ("raw/002_sample.txt",),
                                       "documents.language.iso639_1": ("raw/003_sample.txt",),
                                       "paragraphs.no_boilerplate": ("raw/001_sample.txt",),
                                       "statements.no_boilerplate": ("raw/001_sample.txt",)}


def test_nothing_to_quarantine_changes_nothing() -> None:
    tables = complete_tables(build_tables())
    assert offences(tables, thresholds=QualityThresholds(), today=TODAY) == ()
    result = quarantine(tables, ())
    assert result.tables == tables and result.rejected.num_rows == 0


def test_several_offending_rows_of_one_document_are_counted_in_one_offence() -> None:
    body = [[("Share this article", "narration", None), ("The forum opened.", "narration", None),
             ("Follow us on Weibo.", "narration", None)]]
    found = offences(complete_tables(build_tables(body)), thresholds=QualityThresholds(), today=TODAY)
    statements = next(o for o in found if o.check == "statements.no_boilerplate")
    assert statements.rows == 2 and statements.detail.endswith("'Share this article' (and 1 more statements rows)")


def test_pyarrow_row_checks_agree_with_the_checks_of_the_run(checked) -> None:
    """The GX expectation and the rules find exactly the rows the quarantine removes; none is systemic."""
    assert checked.critical_failures == ()
    assert {c.name for c in checked.quarantining} == {
        "paragraphs.no_boilerplate", "statements.no_boilerplate", "documents.published_date.not_in_future",
        "documents.language.iso639_1"}
    assert all(c.unexpected_count == 1 for c in checked.quarantining)
    assert {c.name for c in checked.checks if c.severity == "quarantine"} == ROW_LEVEL


def test_quarantined_result_publishes_the_rest_and_rechecks_it(staged, checked) -> None:
    found, result = quarantined_result(staged, checked, thresholds=LENIENT, files_read=4, today=TODAY)
    assert result.passed, result.critical_failures
    assert result.check("documents.quarantine_complete").success
    assert result.check("documents.quarantined_share").observed == "75.0% (3 of 4 documents) quarantined; max 80%"
    assert found.tables["documents"].num_rows == 1
    again = quality_result(found.tables, thresholds=LENIENT, files_read=4, today=TODAY)
    assert again.critical_failures == () and again.quarantining == ()  # what is published passes every check


def test_more_quarantined_documents_than_allowed_fail_the_run(staged, checked) -> None:
    _, result = quarantined_result(staged, checked, thresholds=QualityThresholds(max_quarantined_share=0.5),
                                   files_read=4, today=TODAY)
    assert not result.passed
    assert {c.name for c in result.critical_failures} == {"documents.quarantined_share"}
    assert result.check("documents.quarantined_share").unexpected_count == 3


def test_a_systemic_failure_still_fails_the_gate(staged) -> None:
    """A statement pointing to a paragraph that does not exist is a pipeline bug, whatever else is quarantined."""
    st = staged["statements"]
    orphan = st.slice(0, 1).to_pylist()[0] | {"statement_id": "00000000000000ff", "document_id": "00000000000000aa",
                                              "paragraph_id": "00000000000000bb", "ordinal": 0}
    tables = staged | {"statements": pa.concat_tables([st, pa.Table.from_pylist([orphan], schema=st.schema)])}
    result = quality_result(tables, thresholds=LENIENT, files_read=4, today=TODAY)
    assert not result.passed
    assert {c.name for c in result.critical_failures} == {"statements.document_id.references",
                                                          "statements.paragraph_id.references"}
    assert all(c.severity == "critical" for c in result.critical_failures)


def test_a_kept_duplicate_of_a_quarantined_document_is_repointed() -> None:
    """raw/001 (future date) is the representative of a group holding raw/000 and raw/002: once it is
    quarantined, raw/000 represents the group and documents.duplicate_of still references published rows."""
    first, second, third = (build_tables(doc_no=n) for n in range(3))
    rep = second["documents"]["document_id"][0].as_py()
    first["documents"] = with_values(first["documents"], "duplicate_of", {0: rep})
    first["documents"] = with_values(first["documents"], "is_exact_duplicate", {0: True})
    third["documents"] = with_values(third["documents"], "duplicate_of", {0: rep})
    third["documents"] = with_values(third["documents"], "is_exact_duplicate", {0: True})
    second["documents"] = with_values(second["documents"], "published_date", {0: dt.date(2999, 1, 1)})
    tables = complete_tables(corpus(first, second, third))
    checked = quality_result(tables, thresholds=LENIENT, files_read=3, today=TODAY)
    found, result = quarantined_result(tables, checked, thresholds=LENIENT, files_read=3, today=TODAY)
    docs = found.tables["documents"].to_pylist()
    assert [(d["source_path"], d["duplicate_of"], d["is_exact_duplicate"]) for d in docs] == [
        ("raw/000_sample.txt", None, False), ("raw/002_sample.txt", docs[0]["document_id"], True)]
    assert result.passed and result.check("documents.duplicate_of.references").success


def test_quarantine_complete_fails_when_a_bad_document_is_still_there(staged) -> None:
    """Planted: a quarantine that removed nothing (as a buggy filter would)."""
    from flows.quality.quarantine import Quarantine, quarantine_checks

    leaky = Quarantine(tables=staged, rejected=staged["rejections"], offences=())
    checks = {c.name: c for c in quarantine_checks(4, leaky, thresholds=LENIENT, today=TODAY)}
    assert not checks["documents.quarantine_complete"].success
    assert checks["documents.quarantine_complete"].unexpected_count == 4
    assert checks["documents.quarantined_share"].success
