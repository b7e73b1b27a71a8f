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
from collections import defaultdict
from collections.abc import Collection, Sequence

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


def repeated_in_documents(fingerprints: Sequence[str], document_ids: Sequence[str],
                          counted_documents: Collection[str]) -> list[int]:
    """For each statement (its fingerprint and document, index-aligned), the number of distinct documents of
    ``counted_documents`` holding a statement with the same fingerprint. A statement of a document outside
    ``counted_documents`` (a near-duplicate) gets the count of the others, which may be 0."""
    if len(fingerprints) != len(document_ids):
        raise ValueError(f"{len(fingerprints)} fingerprints for {len(document_ids)} document ids")
    documents: dict[str, set[str]] = defaultdict(set)
    for fingerprint, document_id in zip(fingerprints, document_ids):
        if document_id in counted_documents:
            documents[fingerprint].add(document_id)
    return [len(documents.get(fingerprint, ())) for fingerprint in fingerprints]
