"""Attribution: paragraphs of one document -> one attributed statement per sentence. Pure, no I/O."""
from __future__ import annotations

from flows.steps.attribute.model import MODES, AttributedDocument, AttributedSentence, SpeakerProfile
from flows.steps.attribute.regex_rules import attributed_document

# Every value statements.attribution_rule can take: the sieve that decided a sentence.
RULE_NAMES = (
    "labelled_turn", "turn_continues", "bare_transcript_turn",
    "quote_speaker", "report_inside_quote", "quote_attributed_after",
    "reported_cue", "reported_carries_on", "reported_carries_back", "framed_text",
    "narration",
)

__all__ = ["MODES", "RULE_NAMES", "AttributedDocument", "AttributedSentence", "SpeakerProfile",
           "attributed_document"]
