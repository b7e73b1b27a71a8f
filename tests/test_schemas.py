import datetime as dt

import pyarrow as pa
import pytest
from pydantic import ValidationError

from schemas.records import Document, Statement
from schemas.tables import TABLES, arrow_schema, column_specs, dictionary_columns, primary_key

CORPUS_TABLES = ("speakers",)   # one row from many raw files
SCORER_COLUMNS = {
    "documents": ["document_id", "source_path", "title", "published_date", "authors", "outlet", "language"],
    "statements": ["document_id", "ordinal", "text", "mode", "speaker", "is_question"],
}


@pytest.mark.parametrize("table", sorted(SCORER_COLUMNS))
def test_columns_the_scorer_reads_exist(table):
    assert set(SCORER_COLUMNS[table]) <= set(arrow_schema(TABLES[table]).names)


def test_arrow_types_are_derived_from_annotations():
    docs = arrow_schema(Document)
    assert docs.field("published_date").type == pa.date32()
    assert docs.field("authors").type == pa.list_(pa.string())
    assert docs.field("published_date").nullable and not docs.field("document_id").nullable
    stmts = arrow_schema(Statement)
    assert stmts.field("is_question").type == pa.bool_()
    assert stmts.field("ordinal").type == pa.int64()


def test_schema_metadata_carries_version_and_key():
    schema = arrow_schema(Statement)
    assert schema.metadata[b"schema_version"]
    assert schema.metadata[b"primary_key"] == b"statement_id"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_field_is_described_and_every_table_has_one_key(name):
    model = TABLES[name]
    assert all(spec.description for spec in column_specs(model))
    assert primary_key(model).endswith("_id")
    names = arrow_schema(model).names
    run_lineage = ["run_id", "pipeline_version"]
    file_lineage = [] if name in CORPUS_TABLES else ["source_path", "source_sha256"]
    assert names[-len(file_lineage + run_lineage):] == file_lineage + run_lineage  # lineage, last, in this order


def test_a_corpus_wide_table_has_no_one_raw_file():
    """A speaker across the corpus comes from many raw files: it carries the run's lineage only."""
    assert "source_path" not in arrow_schema(TABLES["speakers"]).names
    assert "speaker_id" in arrow_schema(TABLES["statements"]).names
    assert arrow_schema(TABLES["statements"]).field("speaker_id").nullable


def test_enumerations_become_allowed_values_and_dictionary_columns():
    mode = next(c for c in column_specs(Statement) if c.name == "mode")
    assert mode.allowed_values == ("narration", "direct", "indirect", "turn")
    assert "mode" in dictionary_columns(Statement)


def test_attribution_provenance_columns():
    stmts = arrow_schema(Statement)
    assert stmts.field("attribution_rule").type == pa.string() and not stmts.field("attribution_rule").nullable
    assert "attribution_rule" in dictionary_columns(Statement)
    rule = next(c for c in column_specs(Statement) if c.name == "attribution_rule")
    assert rule.value_set == "flows.steps.attribute.RULE_NAMES" and rule.allowed_values is None
    for name in ("cue_char_start", "cue_char_end"):
        assert stmts.field(name).type == pa.int64() and stmts.field(name).nullable


def _statement(**overrides):
    row = dict(statement_id="0" * 16, document_id="1" * 16, paragraph_id="2" * 16, ordinal=0, char_start=0,
               char_end=5, text="Hello", mode="narration", speaker=None, speaker_role=None, cue=None,
               is_question=False, attribution_rule="narration", fingerprint="3" * 16, repeated_in_documents=1,
               source_path="a.txt", source_sha256="f" * 64,
               run_id="r", pipeline_version="0")
    row.update(overrides)
    return row


def test_valid_statement_is_accepted_and_frozen():
    st = Statement.model_validate(_statement())
    with pytest.raises(ValidationError):
        st.text = "changed"


@pytest.mark.parametrize("defect,overrides", [
    ("unknown mode", {"mode": "shouting"}),
    ("negative offset", {"char_start": -1}),
    ("empty text", {"text": ""}),
    ("malformed id", {"statement_id": "not-an-id"}),
    ("unknown column", {"colour": "red"}),
    ("no attribution rule", {"attribution_rule": None}),
    ("negative cue offset", {"cue_char_start": -1, "cue_char_end": 2}),
])
def test_invalid_statement_is_refused(defect, overrides):
    with pytest.raises(ValidationError):
        Statement.model_validate(_statement(**overrides))


def test_dates_parse_from_iso_text():
    doc = dict(document_id="a" * 16, source_bytes=1, encoding="utf-8", clean_text="x", char_count=1,
               paragraph_count=1, statement_count=1, removed_line_count=0, published_date="2021-02-22",
               source_path="a.txt", source_sha256="f" * 64, run_id="r", pipeline_version="0")
    assert Document.model_validate(doc).published_date == dt.date(2021, 2, 22)
