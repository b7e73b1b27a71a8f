"""Assemble table rows from the step outputs of one raw file: ids, offsets, lineage. Pure, no I/O."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields

import pyarrow as pa
import pyarrow.compute as pc
from pydantic import BaseModel, ValidationError

from flows.steps import attribute, clean, parse, recurrence, segment, speakers
from flows.steps.attribute.sieves import dialogue_turns
from flows.steps.deadline import NO_DEADLINE, Deadline, DeadlineExceeded
from flows.steps.ids import stable_id
from schemas.tables import TABLES, arrow_schema, primary_key


def path_text(path: str) -> str:
    """A raw file's path as it is recorded (``source_path``, ids): always valid UTF-8.

    The bytes of the name (``os.fsencode``, which undoes the ``surrogateescape`` decoding Python
    gives names that are not UTF-8) decoded as UTF-8, each undecodable byte written as ``\\xNN``:
    ``b"caf\\xff.txt"`` -> ``"caf\\\\xff.txt"``. A valid name is returned unchanged, so ids of
    ordinary files do not move, and applying it twice changes nothing. (A name that really holds a
    backslash followed by ``xff`` reads the same: such names are not worth a second escape.)"""
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate that no file name decodes to
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Source:
    """One raw file as read: where it is (relative to the raw folder) and its bytes.

    ``path`` is stored as ``path_text(path)``, so a name that is not valid UTF-8 goes through."""

    path: str
    data: bytes

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", path_text(self.path))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Lineage:
    run_id: str
    pipeline_version: str


@dataclass
class Rows:
    """Rows per table name, as plain dicts ready for validation."""

    tables: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, table: str, row: dict) -> None:
        self.tables.setdefault(table, []).append(row)

    def extend(self, other: "Rows") -> None:
        for table, rows in other.tables.items():
            self.tables.setdefault(table, []).extend(rows)


def document_id(source_path: str, sha256: str) -> str:
    return stable_id("document", source_path, sha256)


def normalised_text(text: str) -> str:
    """The form a text's id is derived from: NFC, each run of whitespace one space, ends stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_ids(kind: str, doc_id: str, texts: Sequence[str]) -> list[str]:
    """One stable id per text of a document, derived from the document id, the text's
    ``normalised_text`` and its occurrence: how many earlier texts of the document have that form.

    Never from the position alone: corpus boilerplate removal can take lines out of a body when
    unrelated files join the raw folder, and an id made of (document, ordinal) would then name
    another sentence. This way an id names one text; a text that stays keeps its id unless an
    earlier copy of the same text is the one removed (it then takes that copy's id, same text)."""
    seen: Counter[str] = Counter()
    ids = []
    for text in texts:
        key = normalised_text(text)
        ids.append(stable_id(kind, doc_id, key, seen[key]))
        seen[key] += 1
    return ids


def rejection_row(source: Source, lineage: Lineage, *, stage: str, table: str, reason: str, detail: str,
                  document_id: str | None = None, record_id: str | None = None,
                  record: dict | None = None, sha256: str | None = None) -> dict:
    """A rejections row for a raw file or a record that could not be used (``sha256`` of the raw
    file when ``source`` carries no bytes, as for a record rejected after reading)."""
    sha = sha256 or source.sha256
    return {
        "rejection_id": stable_id("rejection", source.path, sha, table, record_id, reason),
        "stage": stage,
        "table": table,
        "document_id": document_id,
        "record_id": record_id,
        "reason": reason,
        "detail": path_text(detail[:2000]),  # an OSError's message may quote a name that is not UTF-8
        "record_json": path_text(json.dumps(record, default=str, ensure_ascii=False)) if record is not None else None,
        "source_path": source.path,
        "source_sha256": sha,
        "run_id": lineage.run_id,
        "pipeline_version": lineage.pipeline_version,
    }


def removed_line_rows(doc_id: str, removed, lineage_cols: dict) -> list[dict]:
    """One row per piece of a line that cleaning removed. A line can lose several pieces (a glued
    watermark); each piece's id is its raw line number and its text, never its position among the
    pieces, which corpus boilerplate changes when other files join the raw folder."""
    ids = content_ids("removed_line", doc_id, [f"{line.line_no}\t{line.text}" for line in removed])
    return [{"removed_line_id": removed_id, "document_id": doc_id, "line_no": line.line_no, "text": line.text,
             "rule": line.rule, "header_rule": line.header_rule, **lineage_cols}
            for line, removed_id in zip(removed, ids)]


def attributed_body(cleaned: clean.CleanedDocument, *,
                    deadline: Deadline = NO_DEADLINE) -> tuple[list[tuple[int, int]], attribute.AttributedDocument]:
    """A cleaned document's paragraph spans and its attributed sentences (segment, parse, attribute), with
    ``deadline`` checked at the end of each stage and inside them."""
    body = cleaned.body
    para_spans = segment.paragraph_spans(body)
    deadline.check("segment")
    nlp = parse.english_pipeline() if cleaned.language in attribute.PARSED_LANGUAGES else None
    attributed = attribute.attributed_document([body[s:e] for s, e in para_spans], title=cleaned.header.title,
                                               outlet=cleaned.header.outlet, language=cleaned.language, nlp=nlp,
                                               deadline=deadline)
    deadline.check("attribute")
    return para_spans, attributed


def document_rows(source: Source, lineage: Lineage, *, corpus_boilerplate: frozenset[str] = frozenset(),
                  deadline: Deadline = NO_DEADLINE) -> Rows:
    """All rows (documents, paragraphs, statements, document_speakers, removed_lines) for one raw file.

    Speaker ids are those of the document alone; the flow settles them across the corpus after the batches
    (``speakers_of`` and ``with_speaker_ids``, a lot of rows at a time in flows/streamed.py).

    A file that is not a text document yields one rejections row instead. Raises ``DeadlineExceeded``
    when ``deadline`` expires (checked between the stages and inside them)."""
    rows = Rows()
    try:
        decoded = clean.decoded(source.data)
    except clean.UndecodableError as err:
        rows.add("rejections", rejection_row(source, lineage, stage="ingest", table="documents",
                                             reason=err.reason, detail=str(err)))
        return rows
    deadline.check("ingest")
    cleaned = clean.cleaned_document(decoded.text, corpus_boilerplate=corpus_boilerplate, deadline=deadline)
    deadline.check("clean")
    doc_id = document_id(source.path, source.sha256)
    lineage_cols = {"source_path": source.path, "source_sha256": source.sha256,
                    "run_id": lineage.run_id, "pipeline_version": lineage.pipeline_version}

    body = cleaned.body
    para_spans, attributed = attributed_body(cleaned, deadline=deadline)

    per_paragraph = Counter(s.paragraph_index for s in attributed.sentences)
    paragraphs = paragraph_rows(para_spans, doc_id=doc_id, body=body, statement_counts=per_paragraph)
    for row in paragraphs:
        rows.add("paragraphs", row | lineage_cols)
    para_ids = [p["paragraph_id"] for p in paragraphs]
    named = document_speakers(attributed, doc_id, published=cleaned.header.published_date)
    speaker_ids, _ = speakers.corpus_speakers(named)
    for row in statement_rows(attributed.sentences, doc_id=doc_id, body=body, para_spans=para_spans,
                              para_ids=para_ids):
        rows.add("statements", row | {"speaker_id": speaker_ids.get((doc_id, row["speaker"]))} | lineage_cols)
    for row in document_speaker_rows(named, speaker_ids):
        rows.add("document_speakers", row | lineage_cols)

    for row in removed_line_rows(doc_id, cleaned.removed, lineage_cols):
        rows.add("removed_lines", row)

    header = cleaned.header
    rows.add("documents", {
        "document_id": doc_id, "source_bytes": len(source.data), "encoding": decoded.encoding,
        "repairs": list(dict.fromkeys(decoded.repairs + cleaned.repairs)),
        "title": header.title, "published_date": header.published_date, "date_text": header.date_text,
        "date_problem": header.date_problem,
        "authors": list(header.authors), "outlet": header.outlet, "outlet_canonical": header.outlet_canonical,
        "dateline": header.dateline, "title_rule": header.title_rule, "date_rule": header.date_rule,
        "authors_rule": header.authors_rule, "outlet_rule": header.outlet_rule,
        "language": cleaned.language, "clean_text": body, "char_count": len(body),
        "paragraph_count": len(para_spans), "statement_count": len(attributed.sentences),
        "removed_line_count": len(cleaned.removed), "duplicate_of": None, "is_exact_duplicate": False,
        **lineage_cols,
    })
    return rows


def document_speakers(attributed: attribute.AttributedDocument, doc_id: str, *,
                      published: dt.date | None) -> list[speakers.DocumentSpeaker]:
    """The speakers of one attributed document, each with its kind (a name the document uses only to label
    dialogue turns is ``labelled``) and its statements counted."""
    said = Counter(sent.speaker for sent in attributed.sentences if sent.speaker)
    unlabelled = {sent.speaker for sent in attributed.sentences
                  if sent.speaker and sent.rule not in dialogue_turns.rules}
    return [speakers.DocumentSpeaker(
        document_id=doc_id, name=p.name, kind=speakers.speaker_kind(p.name, labelled=p.name not in unlabelled,
                                                                entity=p.entity),
        role=p.role, aliases=tuple(p.aliases), statement_count=said[p.name], published=published)
        for p in attributed.speakers]


def document_speaker_rows(named: Sequence[speakers.DocumentSpeaker],
                          speaker_ids: dict[tuple[str, str], str]) -> list[dict]:
    """The document_speakers rows (lineage aside) of one document's speakers."""
    return [{"document_speaker_id": stable_id("document_speaker", s.document_id, s.name),
             "document_id": s.document_id, "speaker_id": speaker_ids[(s.document_id, s.name)], "name": s.name,
             "kind": s.kind, "role": s.role, "aliases": list(s.aliases), "statement_count": s.statement_count}
            for s in named]


def paragraph_rows(spans: Sequence[tuple[int, int]], *, doc_id: str, body: str,
                   statement_counts: Counter[int]) -> list[dict]:
    """The paragraphs rows (lineage aside) of a body, ids from ``content_ids``."""
    texts = [body[start:end] for start, end in spans]
    ids = content_ids("paragraph", doc_id, texts)
    return [{"paragraph_id": ids[i], "document_id": doc_id, "ordinal": i, "char_start": start,
             "char_end": end, "text": texts[i], "statement_count": statement_counts[i]}
            for i, (start, end) in enumerate(spans)]


def statement_rows(sentences: Sequence[attribute.AttributedSentence], *, doc_id: str, body: str,
                   para_spans: Sequence[tuple[int, int]], para_ids: Sequence[str]) -> list[dict]:
    """The statements rows (lineage aside) of a body in reading order, ids from ``content_ids``."""
    rows = [statement_row(sent, ordinal, doc_id=doc_id, body=body,
                          paragraph_start=para_spans[sent.paragraph_index][0],
                          paragraph_id=para_ids[sent.paragraph_index])
            for ordinal, sent in enumerate(sentences)]
    ids = content_ids("statement", doc_id, [row["text"] for row in rows])
    return [{"statement_id": sid, **row} for sid, row in zip(ids, rows)]


def statement_row(sent: attribute.AttributedSentence, ordinal: int, *, doc_id: str, body: str,
                  paragraph_start: int, paragraph_id: str) -> dict:
    """The statements row (id and lineage aside) of one attributed sentence: its offsets and its
    cue's offsets move from the paragraph's text to the document's clean text."""
    start, end = paragraph_start + sent.start, paragraph_start + sent.end
    return {
        "document_id": doc_id, "paragraph_id": paragraph_id, "ordinal": ordinal,
        "char_start": start, "char_end": end, "text": body[start:end],
        "mode": sent.mode, "speaker": sent.speaker, "speaker_role": sent.speaker_role, "cue": sent.cue,
        "cue_char_start": None if sent.cue_start is None else paragraph_start + sent.cue_start,
        "cue_char_end": None if sent.cue_end is None else paragraph_start + sent.cue_end,
        "is_question": sent.is_question, "attribution_rule": sent.rule,
        # the document alone holds it; the flow counts the corpus after the batches (with_recurrence)
        "fingerprint": recurrence.statement_fingerprint(body[start:end]), "repeated_in_documents": 1,
    }


# Parent tables first, so that the children of a rejected row are rejected with it.
VALIDATION_ORDER = ("documents", "paragraphs", "statements", "document_speakers", "removed_lines")
PARENT_KEYS = {"document_id": "documents", "paragraph_id": "paragraphs"}


def validated_tables(rows: Rows, models: dict[str, type[BaseModel]]) -> tuple[dict[str, list[dict]], list[dict]]:
    """Validate every row against its table's model; rejected parents take their children along.

    Returns the valid rows per table and the rejections rows (with those already in ``rows``)."""
    valid: dict[str, list[dict]] = {}
    rejections = list(rows.tables.get("rejections", []))
    rejected_ids: dict[str, set[str]] = {"documents": set(), "paragraphs": set()}
    for table in VALIDATION_ORDER:
        candidates = []
        for row in rows.tables.get(table, []):
            orphaned_by = next((parent for key, parent in PARENT_KEYS.items()
                                if parent != table and row.get(key) in rejected_ids[parent]), None)
            if orphaned_by:
                rejections.append(_row_rejection(table, models[table], row, "parent_rejected",
                                                 f"its row in {orphaned_by} was rejected"))
            else:
                candidates.append(row)
        ok, bad = validated_rows(table, candidates, models[table])
        valid[table] = ok
        rejections.extend(bad)
        if table in rejected_ids:
            key = primary_key(models[table])
            rejected_ids[table] = {r.get(key) for r in rows.tables.get(table, [])} - {r[key] for r in ok}
    return valid, rejections


def validated_rows(table: str, rows: list[dict], model: type[BaseModel]) -> tuple[list[dict], list[dict]]:
    """Split rows into those the model accepts (as validated dicts) and rejections rows."""
    valid, rejected = [], []
    for row in rows:
        try:
            valid.append(model.model_validate(row).model_dump())
        except ValidationError as err:
            reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
            rejected.append(_row_rejection(table, model, row, "invalid_record", reasons))
    return valid, rejected


def _row_rejection(table: str, model: type[BaseModel], row: dict, reason: str, detail: str) -> dict:
    source = Source(path=row.get("source_path") or "", data=b"")
    rejection = rejection_row(
        source, Lineage(row.get("run_id") or "", row.get("pipeline_version") or ""),
        stage="validate", table=table, reason=reason, detail=detail,
        document_id=row.get("document_id"), record_id=_record_id(model, row), record=row,
        sha256=row.get("source_sha256") if isinstance(row.get("source_sha256"), str) else None)
    return rejection


def _record_id(model: type[BaseModel], row: dict) -> str | None:
    value = row.get(primary_key(model))
    return value if isinstance(value, str) else None


def rows_for_source(source: Source, lineage: Lineage, *, corpus_boilerplate: frozenset[str] = frozenset(),
                    deadline: Deadline = NO_DEADLINE) -> Rows:
    """document_rows, except that a file whose ``deadline`` expires becomes a ``timeout`` rejection at the
    stage that ran out of time, and a defect in the pipeline's own logic on one file a ``processing_error``
    rejection, instead of stalling or failing the whole run."""
    try:
        return document_rows(source, lineage, corpus_boilerplate=corpus_boilerplate, deadline=deadline)
    except DeadlineExceeded as err:
        rows = Rows()
        rows.add("rejections", rejection_row(source, lineage, stage=err.stage, table="documents",
                                             reason=err.reason, detail=f"{source.path}: {err}"))
        return rows
    except Exception as err:  # noqa: BLE001 - recorded with its type and message, never swallowed
        rows = Rows()
        rows.add("rejections", rejection_row(source, lineage, stage="clean", table="documents",
                                             reason="processing_error",
                                             detail=f"{type(err).__name__}: {err}"))
        return rows


def document_bodies(documents: pa.Table, *, rows_at_once: int = 256) -> Iterator[tuple[str, str]]:
    """(document_id, clean_text) of each document in table order, ``rows_at_once`` rows turned into Python
    strings at a time: what ``clean.duplicate_groups`` reads, without a copy of every body at once."""
    for batch in documents.select(["document_id", "clean_text"]).to_batches(max_chunksize=rows_at_once):
        yield from zip(batch.column(0).to_pylist(), batch.column(1).to_pylist())


def duplicates_compared(representative: dict[str, str]) -> frozenset[str]:
    """The documents whose texts decide ``is_exact_duplicate``: each duplicate (its representative is another
    document) and its representative."""
    pairs = [(i, r) for i, r in representative.items() if r is not None and r != i]
    return frozenset(i for i, _ in pairs) | frozenset(r for _, r in pairs)


def text_digests(documents: pa.Table) -> dict[str, bytes | None]:
    """Document id -> SHA-256 of its clean_text, for the rows of ``documents`` (document_id, clean_text): what
    ``is_exact_duplicate`` compares, held instead of the texts (32 bytes a document)."""
    return {i: hashlib.sha256(t.encode("utf-8")).digest() if t is not None else None
            for i, t in zip(documents.column("document_id").to_pylist(), documents.column("clean_text").to_pylist())}


def with_duplicate_marks(documents: pa.Table, representative: dict[str, str], digests: dict[str, bytes]) -> pa.Table:
    """``documents`` (the whole table or some of its rows) with duplicate_of / is_exact_duplicate filled from
    duplicate groups (document id -> id of its group's representative; a representative maps to itself);
    ``digests``: the ``text_digests`` of the documents ``duplicates_compared`` names."""
    ids = documents.column("document_id").to_pylist()
    dup_of = [representative.get(i) if representative.get(i) not in (None, i) else None for i in ids]
    exact = [d is not None and digests.get(d) == digests[i] for i, d in zip(ids, dup_of)]
    out = documents.set_column(documents.schema.get_field_index("duplicate_of"),
                               documents.schema.field("duplicate_of"), pa.array(dup_of, pa.string()))
    return out.set_column(out.schema.get_field_index("is_exact_duplicate"),
                          out.schema.field("is_exact_duplicate"), pa.array(exact, pa.bool_()))


def documents_with_duplicates(documents: pa.Table, representative: dict[str, str]) -> pa.Table:
    """Reference for tests: the whole-table form of the duplicate marks the flow writes a lot of rows at a time
    (flows/streamed.py, ``duplicate_marks`` and ``with_duplicate_marks``); tests/test_streamed.py compares the two.
    The documents table with duplicates marked (``with_duplicate_marks``). Only the duplicates and their
    representatives are digested (to compare their texts)."""
    compared = pa.array(sorted(duplicates_compared(representative)), pa.string())
    some = documents.filter(pc.is_in(documents.column("document_id"), value_set=compared))
    return with_duplicate_marks(documents, representative, text_digests(some))


SPEAKER_COLUMNS = ("document_id", "name", "kind", "role", "aliases", "statement_count")  # what the merge reads


def _shared_values(column) -> list:
    """A string column's values as Python objects, equal values one object (read through a dictionary): a
    document's id, a kind, a role repeated over many rows cost one string, not one each."""
    encoded = pc.dictionary_encode(column).combine_chunks() if isinstance(column, pa.ChunkedArray) \
        else pc.dictionary_encode(column)
    values = encoded.dictionary.to_pylist()
    return [None if i is None else values[i] for i in encoded.indices.to_pylist()]


def document_speakers_read(document_speakers: pa.Table, published: dict) -> list[speakers.DocumentSpeaker]:
    """document_speakers rows (at least ``SPEAKER_COLUMNS``) as ``speakers.DocumentSpeaker``, each with its
    document's published date (``published``: document id -> date)."""
    rows = document_speakers.select(list(SPEAKER_COLUMNS))
    document_ids, kinds, roles = (_shared_values(rows.column(c)) for c in ("document_id", "kind", "role"))
    return [speakers.DocumentSpeaker(d, name, kind, role, tuple(aliases or ()), count, published.get(d))
            for d, name, kind, role, aliases, count in zip(
                document_ids, rows.column("name").to_pylist(), kinds, roles, rows.column("aliases").to_pylist(),
                rows.column("statement_count").to_pylist())]


def _published_dates(documents: pa.Table) -> dict:
    return dict(zip(documents.column("document_id").to_pylist(), documents.column("published_date").to_pylist()))


SPEAKER_KEY_SEPARATOR = "\x1f"   # between document_id (16 hex digits, ``ids.stable_id``) and name in a lookup key


def _speaker_keys(document_ids, names) -> pa.Array:
    """The lookup key of each (document_id, name) pair of two string columns (dictionary-encoded or not); null
    where the name is."""
    plain = [pc.cast(c, pa.string()) if pa.types.is_dictionary(c.type) else c for c in (document_ids, names)]
    return pc.binary_join_element_wise(*plain, SPEAKER_KEY_SEPARATOR)


def speaker_id_lookup(ids: dict[tuple[str, str], str]) -> pa.Table:
    """``ids`` ((document_id, name) -> speaker_id) as two Arrow columns, key and speaker_id: a few bytes a name
    where the dict holds three Python objects and a tuple (189,570 names at 100 MB of text)."""
    return pa.Table.from_batches([_lookup_rows([(d, n, sid) for (d, n), sid in ids.items()])])


def with_speaker_ids(table: pa.Table, name_column: str, lookup: pa.Table) -> pa.Table:
    """``table`` (statements or document_speakers, whole or some rows) with its speaker_id column looked up by
    (document_id, ``name_column``) in ``lookup`` (``speaker_id_lookup``); null where the name is or is not there."""
    found = pc.index_in(_speaker_keys(table.column("document_id"), table.column(name_column)),
                        value_set=lookup.column("key"))
    index = table.schema.get_field_index("speaker_id")
    values = lookup.column("speaker_id").take(found)
    return table.set_column(index, table.schema.field(index), values.cast(table.schema.field(index).type))


SPEAKERS_AT_ONCE = 16_384   # corpus speakers turned into Arrow rows at a time


def _speaker_rows(corpus: Sequence[speakers.CorpusSpeaker], lineage: dict, schema: pa.Schema) -> pa.RecordBatch:
    columns = {f.name: [getattr(s, f.name) for s in corpus] for f in fields(speakers.CorpusSpeaker)}
    columns.update({k: [v] * len(corpus) for k, v in lineage.items()})   # built a column at a time: no dict a row
    return pa.record_batch([pa.array(columns[f.name], f.type) for f in schema], schema=schema)


def _lookup_rows(pairs: Sequence[tuple[str, str, str]]) -> pa.RecordBatch:
    """(document_id, name, speaker_id) triples as ``speaker_id_lookup``'s two columns."""
    keys = _speaker_keys(pa.array([d for d, _, _ in pairs], pa.string()),
                         pa.array([n for _, n, _ in pairs], pa.string()))
    return pa.record_batch([keys, pa.array([sid for _, _, sid in pairs], pa.string())], names=["key", "speaker_id"])


def corpus_speakers_table(read: Iterable[speakers.DocumentSpeaker], lineage: dict) -> tuple[pa.Table, pa.Table]:
    """The speakers dimension built across every document (``speakers.corpus_speaker_groups`` of the document
    speakers ``read``), with the run's ``lineage`` (run_id, pipeline_version), and the speaker id of each
    (document_id, name) (``speaker_id_lookup``'s columns). Both are made ``SPEAKERS_AT_ONCE`` corpus speakers at
    a time, as the merge lets each go: no list of every corpus speaker and no dict of every name is held."""
    schema = arrow_schema(TABLES["speakers"])
    corpus, pairs, speaker_lots, lookup_lots = [], [], [], []
    for row, members in speakers.corpus_speaker_groups(read):
        corpus.append(row)
        pairs += [(d, n, row.speaker_id) for d, n in members]
        if len(corpus) == SPEAKERS_AT_ONCE:
            speaker_lots.append(_speaker_rows(corpus, lineage, schema))
            lookup_lots.append(_lookup_rows(pairs))
            corpus, pairs = [], []
    speaker_lots.append(_speaker_rows(corpus, lineage, schema))
    lookup_lots.append(_lookup_rows(pairs))
    return pa.Table.from_batches(lookup_lots), pa.Table.from_batches(speaker_lots, schema=schema)


def speakers_of(document_speakers: Iterable[pa.Table], published: dict) -> tuple[pa.Table, pa.Table]:
    """``corpus_speakers_table`` of the document speakers given a lot of rows at a time (``SPEAKER_COLUMNS``, run_id
    and pipeline_version), their documents' published dates ``published`` (document id -> date); the lineage is
    that of the first row. The lots are read as the merge asks for them, into no list of its own."""
    lineage = {"run_id": None, "pipeline_version": None}

    def read() -> Iterator[speakers.DocumentSpeaker]:
        for i, rows in enumerate(r for r in document_speakers if r.num_rows):
            if i == 0:
                lineage.update({k: rows.column(k)[0].as_py() for k in lineage})
            yield from document_speakers_read(rows, published)
    return corpus_speakers_table(read(), lineage)   # the lineage is read with the first lot, before any row is built


def with_corpus_speakers(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """Reference for tests, and how their fixtures settle speakers: the whole-table form of the corpus speakers
    the flow merges from narrow columns (flows/streamed.py, ``corpus_speakers``; tests/test_streamed.py compares
    the two). The tables with the speakers dimension built across every document (``speakers.corpus_speakers``)
    and ``statements.speaker_id`` and ``document_speakers.speaker_id`` pointing into it. ``tables`` holds
    documents, statements and document_speakers (dictionary columns decoded or not); the others pass
    through. Returns new tables; the run's lineage is that of the document_speakers rows."""
    by_doc = tables["document_speakers"]
    ids, corpus = speakers_of([by_doc], _published_dates(tables["documents"]))
    return {**tables, "speakers": corpus, "statements": with_speaker_ids(tables["statements"], "speaker", ids),
            "document_speakers": with_speaker_ids(by_doc, "name", ids)}


def counted_documents(documents: pa.Table) -> pa.Array:
    """The ids of the documents recurring statements are counted in: those that are no near-duplicate."""
    return documents.filter(pc.is_null(documents.column("duplicate_of"))).column("document_id").combine_chunks()


def with_recurrence(statements: pa.Table, per_fingerprint: pa.Table) -> pa.Table:
    """``statements`` (whole or some rows) with ``repeated_in_documents`` from ``per_fingerprint``
    (``recurrence.documents_per_fingerprint``)."""
    index = statements.schema.get_field_index("repeated_in_documents")
    counts = recurrence.documents_of(statements.column("fingerprint"), per_fingerprint)
    return statements.set_column(index, statements.schema.field(index), counts)


def with_recurring_statements(tables: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """Reference for tests, and how their fixtures count recurrences: the whole-table form of the count the flow
    makes from (fingerprint, document) pairs a lot of rows at a time, after the duplicates are marked
    (flows/streamed.py, ``recurrence_counts``; tests/test_streamed.py compares the two) and again on what a
    quarantine keeps (flows/quality/quarantine.py, ``kept_rows``).
    The tables with ``statements.repeated_in_documents`` counted across the corpus: the documents, near-
    duplicates (``documents.duplicate_of`` set) left out, that hold a statement of the same fingerprint
    (``recurrence.documents_per_fingerprint``). Returns new tables; the others pass through."""
    statements = tables["statements"]
    pairs = recurrence.fingerprint_documents(statements.column("fingerprint"), statements.column("document_id"),
                                             counted_documents(tables["documents"]))
    return {**tables, "statements": with_recurrence(statements, recurrence.documents_per_fingerprint([pairs]))}
