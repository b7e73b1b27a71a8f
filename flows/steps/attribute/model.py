"""What attribution returns: one attributed sentence per body sentence, and the speakers. Pure data."""
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
    rule: str = "narration"     # name of the sieve that decided mode and speaker (see RULE_NAMES)
    cue_start: int | None = None  # the cue's span, offsets into the paragraph's text like start/end
    cue_end: int | None = None


@dataclass(frozen=True)
class SpeakerProfile:
    name: str                   # canonical name
    role: str | None
    aliases: tuple[str, ...]
    entity: str | None = None   # the parse's entity label for the name (PERSON, ORG, GPE, NORP, ...), where it has one


@dataclass(frozen=True)
class AttributedDocument:
    sentences: tuple[AttributedSentence, ...]
    speakers: tuple[SpeakerProfile, ...]
