"""A tiny, consistent dataset built inline with the exact Arrow schemas from schemas.tables.

``build_tables()`` gives 1 document, 2 paragraphs, 3 statements (plus a speaker, its row in
document_speakers and a removed line), every offset and count consistent. Tests plant one defect with ``with_values`` and assert
the exact check name that catches it. ``build_tables(doc_no=n)`` gives the same for another raw file
(``raw/00n_sample.txt``, its own ids) and ``corpus(...)`` joins such datasets into one.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

import pyarrow as pa
import pytest

from flows.steps.assemble import with_corpus_speakers, with_recurring_statements
from flows.steps.recurrence import statement_fingerprint
from schemas.tables import TABLES, arrow_schema

TODAY = dt.date(2024, 6, 1)
SHA = hashlib.sha256(b"raw bytes").hexdigest()
LINEAGE = {"source_path": "raw/000_sample.txt", "source_sha256": SHA, "run_id": "run-test",
           "pipeline_version": "0.1.0"}

# (sentence, mode, speaker) per paragraph
DEFAULT_BODY: list[list[tuple[str, str, str | None]]] = [
    [("Chinese President Xi Jinping sent a congratulatory letter on Monday.", "narration", None),
     ("\u201cHuman rights are the common pursuit of humanity,\u201d Xi said.", "direct", "Xi Jinping")],
    [("The forum opened in Beijing.", "narration", None)],
]


# the attribution rule a sentence of each mode gets in the fixture (any name of flows.steps.attribute.RULE_NAMES)
RULE_FOR_MODE = {"narration": "narration", "direct": "quote_speaker", "indirect": "reported_cue",
                 "turn": "labelled_turn"}


def _cue_span(sentence: str, start: int, speaker: str | None) -> dict[str, int | None]:
    """Offsets of the cue "said" in the clean text, when the sentence has a speaker and says it."""
    at = sentence.rfind("said") if speaker else -1
    return {"cue_char_start": start + at if at >= 0 else None, "cue_char_end": start + at + 4 if at >= 0 else None}


def _id(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def build_tables(body: list[list[tuple[str, str, str | None]]] | None = None, *,
                 model_overrides: dict[str, type] | None = None,
                 extra_fields: dict[str, dict[str, Any]] | None = None, doc_no: int = 0) -> dict[str, pa.Table]:
    """A consistent dataset for the given body: rows validated by the Pydantic models, then Arrow tables."""
    body = DEFAULT_BODY if body is None else body
    models = dict(TABLES) | (model_overrides or {})
    extra = extra_fields or {}
    doc_id = _id("doc", doc_no)
    lineage = LINEAGE | {"source_path": f"raw/{doc_no:03d}_sample.txt"}
    clean_text = ""
    paragraphs, statements = [], []
    ordinal = 0
    for p_ord, sentences in enumerate(body):
        if p_ord:
            clean_text += "\n\n"
        p_start = len(clean_text)
        p_id = _id(doc_id, "p", p_ord)
        for s_no, (sentence, mode, speaker) in enumerate(sentences):
            if s_no:
                clean_text += " "
            s_start = len(clean_text)
            clean_text += sentence
            statements.append(models["statements"](
                **lineage, statement_id=_id(doc_id, "s", ordinal), document_id=doc_id, paragraph_id=p_id,
                ordinal=ordinal, char_start=s_start, char_end=len(clean_text), text=sentence, mode=mode,
                speaker=speaker, cue="said" if speaker else None, **_cue_span(sentence, s_start, speaker),
                is_question=sentence.endswith("?"), attribution_rule=RULE_FOR_MODE.get(mode, mode),
                fingerprint=statement_fingerprint(sentence), repeated_in_documents=1,
                **extra.get("statements", {})))
            ordinal += 1
        paragraphs.append(models["paragraphs"](
            **lineage, paragraph_id=p_id, document_id=doc_id, ordinal=p_ord, char_start=p_start,
            char_end=len(clean_text), text=clean_text[p_start:], statement_count=len(sentences),
            **extra.get("paragraphs", {})))
    document = models["documents"](
        **lineage, document_id=doc_id, source_bytes=len(clean_text.encode()) + 40, encoding="utf-8",
        title="Xi sends letter to human rights forum", published_date=dt.date(2021, 2, 22),
        date_text="February 22,2021", authors=["He Yin"], outlet="People's Daily", language="en",
        clean_text=clean_text, char_count=len(clean_text), paragraph_count=len(paragraphs),
        statement_count=len(statements), removed_line_count=1, **extra.get("documents", {}))
    by_document = [models["document_speakers"](
        **lineage, document_speaker_id=_id(doc_id, "Xi Jinping"), document_id=doc_id, speaker_id=_id("unset"),
        name="Xi Jinping", kind="person", role="Chinese President", aliases=["Xi"],
        statement_count=sum(s.speaker == "Xi Jinping" for s in statements))] if any(s.speaker for s in statements) else []
    removed = [models["removed_lines"](**lineage, removed_line_id=_id(doc_id, "line", 0), document_id=doc_id,
                                       line_no=0, text="Please enter your comment!", rule="boilerplate")]
    rows = {"documents": [document], "paragraphs": paragraphs, "statements": statements,
            "speakers": [], "document_speakers": by_document, "removed_lines": removed, "rejections": []}
    tables = {name: pa.Table.from_pylist([r.model_dump() for r in rows[name]], schema=arrow_schema(models[name]))
              for name in TABLES}
    # the speakers table and every speaker_id, and the recurring statements' counts, as the flow derives them
    return with_recurring_statements(with_corpus_speakers(tables))


def corpus(*datasets: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """Several ``build_tables(doc_no=...)`` datasets as one (each table concatenated, in the given order; the
    corpus-wide speakers derived again from them all)."""
    return with_recurring_statements(with_corpus_speakers({name: pa.concat_tables([d[name] for d in datasets])
                                                           for name in TABLES}))


def with_values(table: pa.Table, column: str, changes: dict[int, object]) -> pa.Table:
    """A copy of ``table`` with ``column`` changed at the given row positions (the defect to plant)."""
    values = table.column(column).to_pylist()
    for row, value in changes.items():
        values[row] = value
    index = table.schema.get_field_index(column)
    return table.set_column(index, table.schema.field(index), pa.array(values, table.schema.field(index).type))


def append_row(table: pa.Table, row: dict[str, object]) -> pa.Table:
    """A copy of ``table`` with one more row (a dict of every column)."""
    return pa.concat_tables([table, pa.Table.from_pylist([row], schema=table.schema)])


@pytest.fixture
def tables() -> dict[str, pa.Table]:
    return build_tables()


@pytest.fixture
def make_tables() -> Callable[..., dict[str, pa.Table]]:
    return build_tables


@pytest.fixture
def plant() -> Callable[..., pa.Table]:
    return with_values


@pytest.fixture
def add_row() -> Callable[..., pa.Table]:
    return append_row
