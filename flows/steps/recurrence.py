"""Recurring statements: one fingerprint per sentence, so that the same sentence or talking point can be
counted across documents and outlets whatever its case, punctuation or spacing. Pure, no I/O.

The rule (``statements.fingerprint`` states it for readers of the data dictionary):

1. NFKC (compatibility forms fold: full-width letters, ligatures, non-breaking spaces);
2. casefold (``Straße`` = ``STRASSE``);
3. every run of characters that are punctuation (Unicode P*), symbols (S*), separators (Z*) or other
   (C*: controls, format characters) becomes one space, and the ends are stripped; so quotation marks,
   dashes, ellipses and emoji never tell two sentences apart. Letters, marks and digits stay: accents
   and numbers do (``2019`` is not ``2020``);
4. a sentence with no letter or digit at all (``...``, ``--``) keeps its NFKC, casefolded text with
   whitespace collapsed instead, so that it matches only itself, not every other such sentence;
5. the fingerprint is the first 16 hex digits of the SHA-256 of that text, with the tag ``statement-text``.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Collection, Iterable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows.steps.ids import stable_id

# Unicode general categories whose characters separate words and never distinguish two sentences
_SEPARATING_CATEGORIES = frozenset("PSZC")


def fingerprint_text(text: str) -> str:
    """The normalised form a statement's fingerprint is the hash of (steps 1-4 of the module's rule)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(" " if unicodedata.category(c)[0] in _SEPARATING_CATEGORIES else c for c in folded)
    words = kept.split()
    return " ".join(words) if words else " ".join(folded.split())


def statement_fingerprint(text: str) -> str:
    """16 hex digits naming a statement's text up to case, punctuation, symbols and spacing (NFKC)."""
    return stable_id("statement-text", fingerprint_text(text))


def fingerprint_documents(fingerprints: pa.Array | pa.ChunkedArray, document_ids: pa.Array | pa.ChunkedArray,
                          counted_documents: pa.Array) -> pa.Table:
    """The distinct (fingerprint, document_id) pairs among statements (index-aligned columns, one part of the
    corpus at a time) whose document is in ``counted_documents``."""
    pairs = pa.table({"fingerprint": fingerprints, "document_id": document_ids})
    kept = pairs.filter(pc.is_in(pairs.column("document_id"), value_set=counted_documents))
    return kept.group_by(["fingerprint", "document_id"]).aggregate([])


def documents_per_fingerprint(pairs: Iterable[pa.Table]) -> pa.Table:
    """``fingerprint`` and ``documents``: how many distinct documents hold a statement of each fingerprint, from
    the ``fingerprint_documents`` of every part of the corpus (a pair found in two parts counts once)."""
    parts = list(pairs)
    if not parts:
        return pa.table({"fingerprint": pa.array([], pa.string()), "documents": pa.array([], pa.int64())})
    distinct = pa.concat_tables(parts).group_by(["fingerprint", "document_id"]).aggregate([])
    counted = distinct.group_by("fingerprint").aggregate([([], "count_all")])
    return counted.rename_columns(["fingerprint", "documents"])


def documents_of(fingerprints: pa.Array | pa.ChunkedArray, per_fingerprint: pa.Table) -> pa.Array | pa.ChunkedArray:
    """For each fingerprint, its ``documents`` in ``per_fingerprint`` (0 when it has none there), as int64."""
    index = pc.index_in(fingerprints, value_set=per_fingerprint.column("fingerprint").combine_chunks())
    counts = per_fingerprint.column("documents").combine_chunks()
    if len(counts) == 0:
        return pa.array(np.zeros(len(fingerprints), np.int64))
    return pc.if_else(pc.is_null(index), 0, pc.take(counts, pc.fill_null(index, 0)))


def repeated_in_documents(fingerprints: Sequence[str], document_ids: Sequence[str],
                          counted_documents: Collection[str]) -> list[int]:
    """For each statement (its fingerprint and document, index-aligned), the number of distinct documents of
    ``counted_documents`` holding a statement with the same fingerprint. A statement of a document outside
    ``counted_documents`` (a near-duplicate) gets the count of the others, which may be 0. (The flow counts a
    part of the corpus at a time with the three functions above; this is them on one part.)"""
    if len(fingerprints) != len(document_ids):
        raise ValueError(f"{len(fingerprints)} fingerprints for {len(document_ids)} document ids")
    values = pa.array(list(fingerprints), pa.string())
    counted = pa.array(sorted(counted_documents), pa.string())
    per = documents_per_fingerprint([fingerprint_documents(values, pa.array(list(document_ids), pa.string()),
                                                           counted)])
    return documents_of(values, per).to_pylist()
