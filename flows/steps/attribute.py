"""Attribution: paragraphs of one document -> one attributed statement per sentence. Pure, no I/O."""
from __future__ import annotations

from dataclasses import dataclass

MODES = ("narration", "direct", "indirect", "turn")


@dataclass(frozen=True)
class AttributedSentence:
    paragraph_index: int        # index into the ``paragraphs`` argument
    start: int                  # offsets into that paragraph's text (a speaker label is left outside)
    end: int
    mode: str                   # one of MODES
    speaker: str | None         # canonical name; None for narration
    speaker_role: str | None
    cue: str | None             # reporting verb/phrase or "label" for a labelled turn
    is_question: bool


@dataclass(frozen=True)
class SpeakerProfile:
    name: str                   # canonical name
    role: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class AttributedDocument:
    sentences: tuple[AttributedSentence, ...]
    speakers: tuple[SpeakerProfile, ...]


def attributed_document(paragraphs: list[str], *, title: str | None = None,
                        outlet: str | None = None) -> AttributedDocument:
    """Attribute every sentence of every paragraph of one document, in reading order."""
    raise NotImplementedError
