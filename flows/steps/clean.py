"""Cleaning: bytes -> decoded text -> normalised text -> header + body + removed lines.

Pure functions only: no Prefect, no file I/O. Every tunable number is a keyword argument.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class UndecodableError(ValueError):
    """Raw bytes that are not a text document. ``reason`` is a stable reason code."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason  # e.g. "empty_file", "binary_content", "undecodable_bytes"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str                       # e.g. "utf-8", "utf-8-sig", "utf-16", "cp1252", "gb18030", "big5"
    repairs: tuple[str, ...] = ()       # e.g. ("bom_removed", "mojibake_fixed", "crlf_normalised")


@dataclass(frozen=True)
class RemovedLine:
    line_no: int                        # 0-based line number in the normalised text
    text: str
    rule: str                           # which rule removed it: "title", "byline", "comment_form", ...


@dataclass(frozen=True)
class Header:
    title: str | None = None
    published_date: dt.date | None = None
    date_text: str | None = None        # the text the date was read from
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    dateline: str | None = None         # a leading dateline prefix stripped from the body


@dataclass(frozen=True)
class CleanedDocument:
    body: str                           # the document's clean text; paragraphs/statements offsets point here
    header: Header = field(default_factory=Header)
    removed: tuple[RemovedLine, ...] = ()
    language: str | None = None         # ISO 639-1
    repairs: tuple[str, ...] = ()


def decoded(raw: bytes) -> Decoded:
    """Detect the encoding of ``raw`` and decode it; raise UndecodableError for non-text input."""
    raise NotImplementedError


def cleaned_document(text: str, *, corpus_boilerplate: frozenset[str] = frozenset()) -> CleanedDocument:
    """Normalise ``text``, split off header and boilerplate lines, return the body and metadata."""
    raise NotImplementedError


def corpus_boilerplate(texts: list[str]) -> frozenset[str]:
    """Lines repeated across many documents of a corpus (site furniture), to pass to cleaned_document."""
    raise NotImplementedError
