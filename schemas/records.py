"""Every field of every curated table, declared once.

The Arrow schemas (schemas/tables.py) and the derived data-quality expectations
(flows/quality/) are computed from these models; add a field here and it is
written, typed and checked everywhere without further code.

Field hints carried in ``json_schema_extra``:

- ``primary_key``: the column identifies a row (unique, not null);
- ``dictionary``: low-cardinality string, dictionary-encoded in Parquet;
- ``references``: "table.column" that must contain every non-null value;
- ``iso639_1``: a two-letter language code;
- ``value_set``: "module.NAME" of the tuple of allowed values, when that tuple lives with the code
  that produces the values and importing it here would make schemas/ heavy (e.g. the attribution
  sieves' RULE_NAMES); flows/quality resolves it into the same ``in_set`` check a ``Literal`` gets.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# 2.4.0: documents.title_rule, date_rule, authors_rule, outlet_rule (which rule set each header field)
# 2.3.0: documents.date_problem (why a date the header writes gave no published_date)
# 2.2.0: statements.fingerprint (the sentence up to case, punctuation and spacing) and
# statements.repeated_in_documents (in how many documents of the run that sentence occurs)
# 2.1.0: documents.outlet_canonical (the outlet alias table's name) beside the printed outlet;
# removed_lines.header_rule (which header rule decided a header-zone line)
# 2.0.0: speakers is one row per person or body across the corpus (was: per document); the per-document view
# is document_speakers; statements.speaker_id references speakers
SCHEMA_VERSION = "2.4.0"

Mode = Literal["narration", "direct", "indirect", "turn"]
# what each mode means, for readers of the data dictionary (schemas/dictionary.py writes curated/README.md)
MODE_MEANINGS: dict[str, str] = {
    "narration": "The document speaks in its own voice (its author, outlet or the text itself); no speaker. "
                 "An author's account or evaluation of what someone said is narration too.",
    "direct": "Words given verbatim inside quotation marks and attributed to someone, or a sentence inside "
              "such a quotation that runs over several sentences; the speaker is the one quoted. Quotation "
              "marks around a slogan, term or title alone do not make a sentence direct.",
    "indirect": "Reported speech without quotation marks, introduced by a cue ('X said that ...', "
                "'..., he said', 'according to X', 'the report says'); reported views and beliefs count too, "
                "and so do the sentences right after that plainly carry on the reported content.",
    "turn": "A participant of an interview, press conference or panel speaking in their own voice, after a "
            "speaker label or as the unlabelled answer or question that the dialogue gives them.",
}
# "quality": a document quarantined by a row-level data-quality check (flows/quality/quarantine.py).
# A file whose time budget runs out (reason "timeout") is rejected at the stage it was in: ingest (decoding),
# clean, segment, parse (spaCy) or attribute (flows/steps/deadline.py).
Stage = Literal["ingest", "clean", "segment", "parse", "attribute", "validate", "quality"]
# what a speaker is (flows/steps/speakers.py): only persons and organisations merge across documents
SpeakerKind = Literal["person", "organisation", "group", "document", "role"]
# why a date the header writes gave no published_date (flows/steps/header.py, date_problem)
DateProblem = Literal["no_such_day", "before_earliest_year"]

SHA256_PATTERN = r"^[0-9a-f]{64}$"
ID_PATTERN = r"^[0-9a-f]{16}$"


def _pk(description: str) -> object:
    return Field(description=description, pattern=ID_PATTERN, json_schema_extra={"primary_key": True})


def _ref(description: str, target: str, nullable: bool = False) -> object:
    extra = {"references": target}
    if nullable:
        return Field(default=None, description=description, pattern=ID_PATTERN, json_schema_extra=extra)
    return Field(description=description, pattern=ID_PATTERN, json_schema_extra=extra)


def _header_field_rule(column: str, what: str, examples: str) -> object:
    """A documents column naming the rule that set the header field ``column`` (flows/steps/clean.py)."""
    return Field(default=None, description=f"The rule that set {what}: the header-zone rule (HEADER_RULES of "
                 f"flows/steps/clean.py) when a header line gave it, else the fallback that did "
                 f"(FALLBACK_FIELD_RULES); e.g. {examples}. Null exactly when {column} is empty.",
                 json_schema_extra={"dictionary": True, "value_set": "flows.steps.clean.HEADER_FIELD_RULES"})


class RunRecord(BaseModel):
    """Base for all table rows: immutable, no unknown fields, the run's lineage columns (written last).

    A row of a corpus-wide table (``speakers``) comes from many raw files and carries only these."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=False)

    run_id: str = Field(description="Id of the pipeline run that wrote this row.",
                        json_schema_extra={"dictionary": True})
    pipeline_version: str = Field(description="Version of the pipeline code that wrote this row.",
                                  json_schema_extra={"dictionary": True})


class Record(RunRecord):
    """Base for the rows that come from one raw file: its path and hash beside the run's lineage."""

    source_path: str = Field(description="Path of the raw file the row comes from, as given to the run.",
                             json_schema_extra={"dictionary": True})
    source_sha256: str = Field(description="SHA-256 of the raw file's bytes.", pattern=SHA256_PATTERN,
                               json_schema_extra={"dictionary": True})


# lineage columns in the order they are written, last in every table
LINEAGE_COLUMNS = ("source_path", "source_sha256", "run_id", "pipeline_version")


class Document(Record):
    """One raw text file that was read and cleaned."""

    document_id: str = _pk("Stable id: derived from the file name and the SHA-256 of its bytes.")
    source_bytes: int = Field(description="Size of the raw file in bytes.", ge=0)
    encoding: str = Field(description="Encoding the raw bytes were decoded with.",
                          json_schema_extra={"dictionary": True})
    repairs: list[str] = Field(default_factory=list,
                               description="Repairs applied while decoding and normalising (never silent).")
    title: str | None = Field(default=None, description="Headline, when the text has one.")
    published_date: dt.date | None = Field(default=None, description="Publication date read from the header.")
    date_text: str | None = Field(default=None, description="The header text the publication date was read from; "
                                  "with date_problem, the date the header writes that gave none.")
    date_problem: DateProblem | None = Field(
        default=None, description="Why published_date is null although the header writes a date (date_text): "
                                  "no_such_day (February 30, 2024-13-05) or before_earliest_year (a year before "
                                  "1900, as 1850); null when a date was read or none is written.")
    authors: list[str] = Field(default_factory=list, description="Byline authors, canonical case.")
    outlet: str | None = Field(default=None, description="Publishing outlet or wire as the page names it, from "
                               "byline, source or dateline.")
    outlet_canonical: str | None = Field(default=None, description="The outlet's one name across the corpus, from "
                                         "the outlet alias table (flows/steps/data/outlets.tsv): 'Xinhua News Agency' "
                                         "and '新华社' are both 'Xinhua'; an outlet the table does not know keeps its "
                                         "printed name. Group and count outlets by this column.",
                                         json_schema_extra={"dictionary": True})
    dateline: str | None = Field(default=None, description="Dateline prefix stripped from the first paragraph.")
    title_rule: str | None = _header_field_rule("title", "title", "'headline', 'wire_head', "
                                                "'dateline_before_headline'; no fallback sets a title")
    date_rule: str | None = _header_field_rule("published_date", "published_date", "'date_stamp', 'byline'; "
                                               "fallbacks 'body_dateline', 'date_in_title', 'date_in_any_language'")
    authors_rule: str | None = _header_field_rule("authors", "the first author", "'byline', 'furniture'; "
                                                  "fallbacks 'speech_author', 'interview_credit'")
    outlet_rule: str | None = _header_field_rule("outlet", "outlet", "'byline', 'date_stamp'; fallbacks "
                                                 "'body_dateline', 'title_outlet', 'org_line'")
    language: str | None = Field(default=None, description="ISO 639-1 language code of the body.",
                                 json_schema_extra={"dictionary": True, "iso639_1": True})
    clean_text: str = Field(description="The document's clean body text; paragraph and statement offsets index it.")
    char_count: int = Field(description="Length of clean_text in characters.", ge=0)
    paragraph_count: int = Field(description="Number of paragraphs of the body.", ge=0)
    statement_count: int = Field(description="Number of statements of the body.", ge=0)
    removed_line_count: int = Field(description="Header and boilerplate lines removed from the body.", ge=0)
    duplicate_of: str | None = _ref(
        "document_id of the first document with the same or nearly the same clean text; null if none.",
        "documents.document_id", nullable=True)
    is_exact_duplicate: bool = Field(default=False, description="True when clean_text equals that of duplicate_of.")


class Paragraph(Record):
    """One paragraph of a document body."""

    paragraph_id: str = _pk(
        "Stable id: hash of the document id, the paragraph's text (NFC, whitespace collapsed) and its "
        "occurrence among the document's paragraphs with that same text; never of its position, so an id "
        "names one text even when boilerplate removal changes the body.")
    document_id: str = _ref("Document the paragraph belongs to.", "documents.document_id")
    ordinal: int = Field(description="0-based position of the paragraph in its document.", ge=0)
    char_start: int = Field(description="Start offset into documents.clean_text.", ge=0)
    char_end: int = Field(description="End offset (exclusive) into documents.clean_text.", ge=0)
    text: str = Field(description="The paragraph: clean_text[char_start:char_end].", min_length=1)
    statement_count: int = Field(description="Number of statements in the paragraph.", ge=0)


class Statement(Record):
    """One sentence of a document body, with its mode and who it is attributed to."""

    statement_id: str = _pk(
        "Stable id: hash of the document id, the statement's text (NFC, whitespace collapsed) and its "
        "occurrence among the document's statements with that same text; never of its position, so an id "
        "names one sentence even when boilerplate removal changes the body.")
    document_id: str = _ref("Document the statement belongs to.", "documents.document_id")
    paragraph_id: str = _ref("Paragraph the statement belongs to.", "paragraphs.paragraph_id")
    ordinal: int = Field(description="0-based reading-order position in the document; dense.", ge=0)
    char_start: int = Field(description="Start offset into documents.clean_text.", ge=0)
    char_end: int = Field(description="End offset (exclusive) into documents.clean_text.", ge=0)
    text: str = Field(description="The sentence: clean_text[char_start:char_end]; speaker labels excluded.",
                      min_length=1)
    mode: Mode = Field(description="narration, direct quote, indirect (reported) speech or dialogue turn.",
                       json_schema_extra={"dictionary": True})
    speaker: str | None = Field(default=None, description="Canonical name of who speaks; null for narration.",
                                json_schema_extra={"dictionary": True})
    speaker_id: str | None = _ref("The speaker across the corpus (speakers.speaker_id); null for narration.",
                                  "speakers.speaker_id", nullable=True)
    speaker_role: str | None = Field(default=None, description="Role the document gives the speaker.",
                                     json_schema_extra={"dictionary": True})
    cue: str | None = Field(default=None, description="Reporting verb or phrase, or 'label' for a labelled turn.",
                            json_schema_extra={"dictionary": True})
    cue_char_start: int | None = Field(
        default=None, ge=0,
        description="Start offset of the reporting cue into documents.clean_text; null when there is no cue "
                    "or the cue is a label.")
    cue_char_end: int | None = Field(
        default=None, ge=0,
        description="End offset (exclusive) of the reporting cue into documents.clean_text; null when "
                    "cue_char_start is.")
    is_question: bool = Field(description="True for an interrogative sentence.")
    attribution_rule: str = Field(
        description="Which sieve decided mode and speaker (one of flows.steps.attribute.RULE_NAMES).",
        json_schema_extra={"dictionary": True, "value_set": "flows.steps.attribute.RULE_NAMES"})
    fingerprint: str = Field(
        description="The sentence up to case, punctuation and spacing, as 16 hex digits: the SHA-256 of its "
                    "text in Unicode NFKC, casefolded, every run of punctuation, symbols, separators and "
                    "control characters (Unicode categories P, S, Z, C) one space, ends stripped (a sentence "
                    "with no letter or digit keeps its punctuation); letters, accents and digits count "
                    "(flows/steps/recurrence.py). Equal fingerprints: the same sentence, in any document.",
        pattern=ID_PATTERN)
    repeated_in_documents: int = Field(
        description="Number of distinct documents of this run, near-duplicates (documents.duplicate_of set) "
                    "left out, holding a statement with this fingerprint: 1 for a sentence found in its own "
                    "document only; 0 only for a sentence of a near-duplicate that no other document holds.",
        ge=0)


class Speaker(RunRecord):
    """One person or body across the corpus: the names documents give it, merged by the rules of
    flows/steps/speakers.py (MERGE_RULES, in order)."""

    speaker_id: str = _pk("Stable id: derived from the speaker's merge key (its name folded, titles and middle "
                          "initials stripped), with the document for a speaker of one document only; the same "
                          "names give the same id on every run, whatever other documents are curated with them.")
    name: str = Field(description="Canonical name: of the names merged, the one most statements use.", min_length=1)
    kind: SpeakerKind = Field(description="person, organisation, group, document (a text or thing that says), or "
                                          "role (a role-only participant such as 'Q' or 'interviewer').",
                              json_schema_extra={"dictionary": True})
    document_id: str | None = _ref(
        "The one document a document-scoped speaker belongs to (a role label, a group, a document, a name of "
        "one word its document links to no full name); null for a person or organisation named across the corpus.",
        "documents.document_id", nullable=True)
    roles: list[str] = Field(default_factory=list, description="Roles the documents give the speaker, most "
                                                               "statements first.")
    aliases: list[str] = Field(default_factory=list, description="Other names of the speaker: the names documents "
                                                                 "give it and the short forms they use, sorted.")
    merge_rules: list[str] = Field(default_factory=list,
                                   description="Merge rules (flows.steps.speakers.MERGE_RULES) that joined two of "
                                               "its names, in their declared order; empty for one name.")
    statement_count: int = Field(description="Statements attributed to the speaker across the corpus.", ge=0)
    document_count: int = Field(description="Documents with a statement of the speaker.", ge=0)
    first_date: dt.date | None = Field(default=None, description="Earliest published_date of those documents; "
                                                                 "null when none has a date.")
    last_date: dt.date | None = Field(default=None, description="Latest published_date of those documents; null "
                                                                "when none has a date.")


class DocumentSpeaker(Record):
    """One speaker of one document, as the document names it, and the corpus speaker it is."""

    document_speaker_id: str = _pk("Stable id: derived from the document id and the name the document gives.")
    document_id: str = _ref("Document the speaker appears in.", "documents.document_id")
    speaker_id: str = _ref("The speaker across the corpus.", "speakers.speaker_id")
    name: str = Field(description="The name the document gives (statements.speaker): the fullest name the "
                                  "document gives, titles stripped.", min_length=1)
    kind: SpeakerKind = Field(description="What the document's speaker is (see speakers.kind).",
                              json_schema_extra={"dictionary": True})
    role: str | None = Field(default=None, description="Role the document gives the speaker.")
    aliases: list[str] = Field(default_factory=list, description="Other ways the document names the speaker.")
    statement_count: int = Field(description="Statements attributed to the speaker in the document.", ge=0)


class RemovedLine(Record):
    """A header or boilerplate line taken out of a document body, and the rule that took it."""

    removed_line_id: str = _pk("Stable id: derived from the document id, the raw line number and the "
                                "piece's normalised text (with its occurrence), never its position among "
                                "the pieces removed.")
    document_id: str = _ref("Document the line was removed from.", "documents.document_id")
    line_no: int = Field(description="0-based line number in the normalised raw text.", ge=0)
    text: str = Field(description="The removed line.")
    rule: str = Field(description="Name of the rule that removed the line.", json_schema_extra={"dictionary": True})
    header_rule: str | None = Field(default=None, description="For a line of the header zone, the header rule "
                                    "that decided it (flows/steps/clean.py HEADER_RULES, e.g. 'date_stamp', "
                                    "'headline', 'furniture'); null for boilerplate and body rules.",
                                    json_schema_extra={"dictionary": True})


class Rejection(Record):
    """A raw file or a record that did not make it into the tables, and why."""

    rejection_id: str = _pk("Stable id: derived from the source, the table, the record and the reason.")
    stage: Stage = Field(description="Pipeline stage that rejected it.", json_schema_extra={"dictionary": True})
    table: str = Field(description="Table the record was meant for.", json_schema_extra={"dictionary": True})
    document_id: str | None = Field(default=None, description="Document id, when one was assigned.")
    record_id: str | None = Field(default=None, description="Id of the rejected record, when it has one.")
    reason: str = Field(description="Stable reason code (e.g. empty_file, binary_content, too_large, timeout, "
                                    "invalid_record).",
                        json_schema_extra={"dictionary": True})
    detail: str = Field(description="Human-readable explanation.")
    record_json: str | None = Field(default=None, description="The rejected record as JSON, when there was one.")
