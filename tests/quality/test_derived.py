"""Expectations come from the models: a field added to a model is checked without new code."""
from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import Field

from flows.config import QualityThresholds
from flows.quality import expectations, quality_result
from flows.quality.rules import offset_mismatches
from schemas.records import Statement
from schemas.tables import TABLES

from .conftest import TODAY, build_tables, with_values

ROOT = Path(__file__).resolve().parents[2]


class StatementWithConfidence(Statement):
    """A model change another engineer might make: one more required field, with a bound."""

    confidence: float = Field(description="Attribution confidence.", ge=0)


def test_every_required_column_of_every_model_has_a_not_null_expectation() -> None:
    for table, model in TABLES.items():
        names = {e.name for e in expectations(table, model)}
        for field, info in model.model_fields.items():
            # ``X | None`` (``Optional[Literal[...]]`` prints without "None", so ask for its arguments)
            optional = info.default is None and type(None) in typing.get_args(info.annotation)
            assert (f"{table}.{field}.not_null" in names) is (not optional), field


def test_added_field_yields_expectations_without_new_code() -> None:
    derived = {e.name: e for e in expectations("statements", StatementWithConfidence)}
    assert derived["statements.confidence.not_null"].gx_type == "ExpectColumnValuesToNotBeNull"
    assert derived["statements.confidence.minimum"].kwargs == {"min_value": 0.0}
    assert "statements.confidence.not_null" not in {e.name for e in expectations("statements", Statement)}


def test_added_field_is_validated_by_great_expectations(monkeypatch) -> None:
    monkeypatch.setitem(TABLES, "statements", StatementWithConfidence)
    tables = build_tables(model_overrides={"statements": StatementWithConfidence},
                          extra_fields={"statements": {"confidence": 0.9}})
    assert "confidence" in tables["statements"].column_names
    tables["statements"] = with_values(tables["statements"], "confidence", {0: None, 2: -1.0})
    result = quality_result(tables, thresholds=QualityThresholds(), files_read=1, today=TODAY)
    assert {c.name for c in result.critical_failures} == {"statements.confidence.not_null",
                                                         "statements.confidence.minimum"}
    assert all(c.engine == "gx" for c in result.critical_failures)


def test_attribution_rules_allowed_are_read_from_the_sieves() -> None:
    from flows.steps.attribute import RULE_NAMES

    derived = {e.name: e for e in expectations("statements", Statement)}
    assert derived["statements.attribution_rule.in_set"].kwargs == {"value_set": list(RULE_NAMES)}
    assert derived["statements.attribution_rule.not_null"].gx_type == "ExpectColumnValuesToNotBeNull"


def test_header_field_rules_allowed_are_read_from_the_cleaning_step() -> None:
    from flows.steps.clean import HEADER_FIELD_RULES
    from schemas.records import Document

    derived = {e.name: e for e in expectations("documents", Document)}
    for column in ("title_rule", "date_rule", "authors_rule", "outlet_rule"):
        assert derived[f"documents.{column}.in_set"].kwargs == {"value_set": list(HEADER_FIELD_RULES)}
        assert f"documents.{column}.not_null" not in derived


def test_schemas_do_not_import_the_attribution_sieves() -> None:
    code = ("import sys, schemas.records, schemas.tables; "
            "assert not [m for m in sys.modules if m.startswith('flows')], sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_great_expectations_is_imported_lazily() -> None:
    code = "import sys, flows.quality, flows.quality.report; assert 'great_expectations' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# --------------------------------------------------------------------------- offsets, vectorised

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(docs=st.lists(texts, min_size=1, max_size=4), data=st.data())
def test_offset_mismatches_agrees_with_python_slicing(docs: list[str], data: st.DataObject) -> None:
    rows = []
    for _ in range(data.draw(st.integers(0, 8))):
        d = data.draw(st.integers(0, len(docs) - 1))
        start = data.draw(st.integers(0, len(docs[d]) + 1))
        end = data.draw(st.integers(0, len(docs[d]) + 2))
        text = docs[d][start:end] if data.draw(st.booleans()) else data.draw(texts)
        rows.append({"document_id": f"d{d}", "char_start": start, "char_end": end, "text": text})
    documents = pa.table({"document_id": [f"d{i}" for i in range(len(docs))], "clean_text": docs})
    table = pa.Table.from_pylist(rows, schema=pa.schema([("document_id", pa.string()), ("char_start", pa.int64()),
                                                         ("char_end", pa.int64()), ("text", pa.string())]))
    expected = [not (0 <= r["char_start"] <= r["char_end"] <= len(docs[int(r["document_id"][1:])])
                     and docs[int(r["document_id"][1:])][r["char_start"]:r["char_end"]] == r["text"]) for r in rows]
    assert offset_mismatches(documents, table).tolist() == expected


def test_offset_mismatches_skips_unknown_documents() -> None:
    documents = pa.table({"document_id": ["a"], "clean_text": ["héllo wörld"]})
    rows = pa.table({"document_id": ["a", "b", "a"], "char_start": [6, 0, 0], "char_end": [11, 5, 5],
                     "text": ["wörld", "héllo", "hello"]})
    assert offset_mismatches(documents, rows).tolist() == [False, False, True]
    assert isinstance(offset_mismatches(documents, rows), np.ndarray)


def test_preload_imports_great_expectations_in_the_background() -> None:
    code = ("import sys, time, datetime as dt; from flows import quality; t = quality.preload_gx(); "
            "assert t is quality.preload_gx(); t.join(); assert 'great_expectations' in sys.modules; "
            "from flows.config import QualityThresholds; "
            "r = quality.quality_result({}, thresholds=QualityThresholds(), files_read=0, today=dt.date(2024, 1, 1)); "
            "assert r.passed and r.gx_import_seconds < 0.5 and r.gx_seconds > 0, r")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_offset_mismatches_in_many_small_chunks(monkeypatch) -> None:
    import flows.quality.rules as rules

    monkeypatch.setattr(rules, "OFFSET_CHUNK_CHARS", 7)
    doc = "Alpha beta. Gamma délta! Epsilon?"
    documents = pa.table({"document_id": ["a"], "clean_text": [doc]})
    spans = [(0, 11), (12, 24), (25, 33), (0, 0), (12, 24)]
    texts = [doc[s:e] for s, e in spans[:-1]] + ["Gamma delta!"]
    rows = pa.table({"document_id": ["a"] * 5, "char_start": [s for s, _ in spans],
                     "char_end": [e for _, e in spans], "text": texts})
    assert offset_mismatches(documents, rows).tolist() == [False, False, False, False, True]
