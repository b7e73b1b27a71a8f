"""Attribution: paragraphs of one document -> one attributed statement per sentence. Pure, no I/O.

1. The surface rules (:mod:`.surface`) cut speaker labels, find dialogues, framed texts and
   quotations, and propose reported speech from cue words.
2. English documents are parsed once (:mod:`flows.steps.parse`) and read by the entity pre-pass
   (:mod:`flows.steps.entities`).
3. The sieves (:data:`.sieves.SIEVES`, in order) decide each sentence; what none decides is
   narration. Speakers are unified to the fullest name the document gives.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.lang.en.stop_words import STOP_WORDS

from flows.steps import entities, lexicon
from flows.steps.deadline import NO_DEADLINE, Deadline
from flows.steps.attribute import surface as surface_rules
from flows.steps.attribute.cues import CueClassifier
from flows.steps.attribute.model import MODES, AttributedDocument, AttributedSentence, SpeakerProfile
from flows.steps.attribute.review import SentenceClassifier, reviewed
from flows.steps.attribute.sieves import (RULE_NAMES, SIEVES, Context, decisions, dialogue_turns, framed_texts,
                                         reported_carries_on, role_is_no_description, speaker_of, surface_reported,
                                         without_clause_roles)

PARSED_LANGUAGES = ("en",)
# surface decisions of the sieves that come first and need no parse (dialogue turns, framed texts)
UNPARSED_RULES = frozenset(dialogue_turns.rules + framed_texts.rules)
# surface decisions whose sieves read the parse of their sentence even where it lies wholly inside quotation
# marks (to drop a report the parse reads otherwise); no other sieve, the entity pre-pass and the review
# included, reads the parse of a token inside quotation marks, so such a sentence of any other rule is
# only tokenised (the ``skip_if_quoted`` of parse.parsed_document) - until a decided role is written in it,
# which without_clause_roles reads the parse of (with_role_sentences_parsed parses it then)
QUOTED_PARSE_RULES = frozenset(surface_reported.rules + reported_carries_on.rules)
CUE_CLASSIFIER = CueClassifier(lexicon.CUE_CLASSIFIER["weights"], lexicon.CUE_CLASSIFIER["bias"],
                               lexicon.CUE_CLASSIFIER["threshold"], lexicon.CLASSIFIED_MIN_SHARE)
SENTENCE_CLASSIFIER = SentenceClassifier(lexicon.SENTENCE_CLASSIFIER["weights"], lexicon.SENTENCE_CLASSIFIER["bias"],
                                         lexicon.SENTENCE_CLASSIFIER["keep_threshold"],
                                         lexicon.SENTENCE_CLASSIFIER["add_threshold"])


def parsed_for_sieves(paragraphs, surface, nlp, *, deadline: Deadline = NO_DEADLINE):
    """The parse of every sentence a sieve may still read: labelled turns and framed texts, which
    the first sieves decide from the surface alone, are only tokenised, and so is a sentence wholly
    inside quotation marks unless its surface rule is one of ``QUOTED_PARSE_RULES``."""
    from flows.steps import parse

    spans = [(a.paragraph_index, a.start, a.end) for a in surface]
    skip = frozenset(i for i, a in enumerate(surface) if a.rule in UNPARSED_RULES)
    skip_if_quoted = frozenset(i for i, a in enumerate(surface) if a.rule not in QUOTED_PARSE_RULES)
    return parse.parsed_document(paragraphs, spans, nlp, skip=skip, skip_if_quoted=skip_if_quoted,
                                 deadline=deadline)


def _profiles(sentences, surface_speakers, ctx: Context) -> tuple[SpeakerProfile, ...]:
    known = {p.name: p for p in surface_speakers}
    names = list(dict.fromkeys(a.speaker for a in sentences if a.speaker))
    labels = entity_labels(ctx, names)
    out = {}
    for si, a in enumerate(sentences):
        if a.speaker and a.speaker not in out:
            p = known.get(a.speaker)
            role = p.role if p and not (p.role and ctx.parsed is not None and role_is_no_description(ctx, si, p.role)) \
                else a.speaker_role         # rule ``role_is_no_description`` for the speaker's profile too
            out[a.speaker] = SpeakerProfile(a.speaker, role, p.aliases if p else (), labels.get(a.speaker))
    return tuple(out.values())


def entity_labels(ctx: Context, names: list[str]) -> dict[str, str]:
    """Rule ``kind_from_the_parse``: the entity label the parse gives each speaker's name - PERSON for a person the
    entity pre-pass found, else the one label of the entities written as the name, its article aside ("the
    European Union" is the ORG "European Union"); no entry without a parse or where the tagger reads it no entity or
    several kinds of one. Sentences wholly inside quotation marks, which the parse may only tokenise, are not read."""
    if ctx.parsed is None:
        return {}
    read = [not all(s.in_quote) for s in ctx.parsed.sentences]
    persons = {ctx.people.name(m.name) for m in ctx.people.mentions if read[m.sentence]}
    written: dict[str, set[str]] = {}
    for sent in (s for s, r in zip(ctx.parsed.sentences, read) if r):
        for e in sent.doc.ents:
            written.setdefault(e.text, set()).add(e.label_)
    out = {}
    for name in names:
        bare = name.split(" ", 1)[1] if name.split(" ", 1)[0].lower() == "the" and " " in name else name
        labels = {"PERSON"} if name in persons else written.get(name, set()) | written.get(bare, set())
        if len(labels) == 1:
            out[name] = next(iter(labels))
    return out


def cue_span(paragraph: str, a: AttributedSentence, cue: str | None) -> tuple[int | None, int | None]:
    """Where a cue the surface rules named as text ("said") stands in the sentence, as offsets into
    the paragraph; (None, None) for a label or a cue not written out as such."""
    if not cue or cue == "label":
        return None, None
    # matched on the text itself: lower-casing can change a string's length ("İ") and shift offsets
    m = re.compile(re.escape(cue), re.IGNORECASE).search(paragraph, a.start, a.end)
    return (m.start(), m.end()) if m else (None, None)


def _sentence(paragraphs, a: AttributedSentence, d, canonical: dict) -> AttributedSentence:
    if d is None:
        return replace(a, mode="narration", speaker=None, speaker_role=None, cue=None, rule="narration",
                       cue_start=None, cue_end=None)
    start, end = (d.cue_start, d.cue_end) if d.cue_start is not None else cue_span(
        paragraphs[a.paragraph_index], a, d.cue)
    return replace(a, mode=d.mode, speaker=canonical.get(d.speaker, d.speaker), speaker_role=d.role,
                   cue=d.cue, cue_start=start, cue_end=end, rule=d.rule)


def _descriptors_before_a_name(words: list[str], person: list[str], people) -> bool:
    """Rule ``descriptor_before_name``: ``words`` are ``person`` (a person the parse found) with
    other words that are descriptors or function words ("Republican Donald Trump", "Though Trump")."""
    extra = [w for w in words if w not in person]
    return bool(extra) and words[-1] == person[-1] and all(
        entities.is_descriptor(w, people.descriptors) or w.lower() in STOP_WORDS for w in extra)


def _title_before_a_name(words: list[str], person: list[str]) -> bool:
    """Rule ``title_before_name``: ``words`` are ``person`` (a person the parse found, or another speaker name of
    the document) after a title, words that hold a title word and are no part of the name ("Secretary for Security
    Ann Roe", "Minister of State Tom Hale": the surface rules strip only a title that ends with a title word,
    "President Xi")."""
    extra = words[:len(words) - len(person)]
    return bool(extra) and words[len(extra):] == person and any(
        w.lower() in lexicon.TITLE_WORDS and w.lower() not in lexicon.ARTICLES for w in extra)


def _without_stray_words(words: list[str], people, persons: frozenset[str]) -> str | None:
    """Rule ``words_outside_any_name``: the person the parse found that ``words`` name after their
    leading stray words - words the parse read as opening a name without being part of it
    (``People.stray_words``) and put in no person's name ("Broadcasting Ann Berg", "Maybe Donald
    Trump", "Like Rove" -> "Karl Rove" where the parse found him); None when there are none."""
    k = 0
    while k < len(words) - 1 and words[k] in people.stray_words and words[k] not in people.name_words:
        k += 1
    named = people.name(" ".join(words[k:])) if k else None
    return named if named in persons else None


def speaker_names(names: list[str], people) -> dict[str, str]:
    """Each speaker name -> the one the document's statements use: a name that is a person the
    parse found with words before it that are no part of a name (:func:`_descriptors_before_a_name`,
    :func:`_title_before_a_name`, :func:`_without_stray_words`, in that order) is that person
    ("Republican Donald Trump", "Maybe Donald Trump" -> "Donald Trump"); then every short form maps to the
    fullest name of the list."""
    persons = sorted(dict.fromkeys(people.canonical.values()), key=len, reverse=True) if people is not None else []
    titled = [*persons, *names]         # the names a title may stand before (title_before_name)

    def person(name: str) -> str:
        if people is None:
            return name
        words = name.split()
        return next((p for p in persons if _descriptors_before_a_name(words, p.split(), people)), None) \
            or next((p for p in titled if _title_before_a_name(words, p.split())), None) \
            or _without_stray_words(words, people, frozenset(persons)) or name
    as_person = {n: person(n) for n in dict.fromkeys(names)}
    fullest = entities.canonical_names(list(dict.fromkeys(as_person.values())), frozenset(persons))
    return {n: fullest[p] for n, p in as_person.items()}


def sieve_context(surface, parsed, people) -> Context:
    """What the sieves read: the surface rules' sentences, the parse, the people, and the lexicon."""
    return Context(surface, parsed, people, lexicon.CUE_VERB_FORMS, lexicon.REPORTED_SOURCE_NOUNS,
                   lexicon.REPORTED_MIN_SHARE, CUE_CLASSIFIER, lexicon.CLAUSE_CUE_FORMS)


def drafted(paragraphs: list[str], *, title: str | None = None, outlet: str | None = None,
            language: str | None = None, nlp=None, deadline: Deadline = NO_DEADLINE):
    """(surface sentences and speakers, the sieves' context, their draft decisions) for one document:
    what the learned review reads (and what tools/train_sentence_classifier.py learns from)."""
    surface = surface_rules.attributed_document(paragraphs, title=title, outlet=outlet, deadline=deadline)
    parsed = people = None
    if nlp is not None and language in PARSED_LANGUAGES and surface.sentences:
        parsed = parsed_for_sieves(paragraphs, surface.sentences, nlp, deadline=deadline)
        people = entities.document_people(parsed)
    ctx = sieve_context(surface.sentences, parsed, people)
    decided = decisions(ctx, deadline=deadline)
    ctx = with_role_sentences_parsed(ctx, decided, nlp, deadline=deadline)
    return surface, ctx, without_clause_roles(ctx, decided)


def with_role_sentences_parsed(ctx: Context, decided: dict, nlp, *, deadline: Deadline = NO_DEADLINE) -> Context:
    """``ctx`` with every sentence left unparsed for lying wholly inside quotation marks parsed where a decided
    role is written in it: ``without_clause_roles`` reads the parse of the sentence where a role stands."""
    roles = {d.role for d in decided.values() if d.role}
    if ctx.parsed is None or not roles or not ctx.parsed.quoted_unparsed:
        return ctx
    from flows.steps import parse

    written = [j for j in ctx.parsed.quoted_unparsed if any(r in ctx.parsed.sentences[j].doc.text for r in roles)]
    return replace(ctx, parsed=parse.with_quoted_parsed(ctx.parsed, written, nlp, deadline=deadline))


def attributed_document(paragraphs: list[str], *, title: str | None = None, outlet: str | None = None,
                        language: str | None = None, nlp=None, review: bool = True,
                        deadline: Deadline = NO_DEADLINE) -> AttributedDocument:
    """Attribute every sentence of every paragraph of one document, in reading order.

    ``nlp`` is the spaCy pipeline (``parse.english_pipeline()``); without it, or for a document
    not in ``PARSED_LANGUAGES``, only the surface sieves run. ``deadline`` is checked paragraph by
    paragraph, sentence by sentence in the parse, and sieve by sieve (``DeadlineExceeded``). With
    ``review`` the learned review (:mod:`.review`) has the last word on the sieves' weak decisions."""
    surface, ctx, decided = drafted(paragraphs, title=title, outlet=outlet, language=language, nlp=nlp,
                                    deadline=deadline)
    if review:
        decided = reviewed(ctx, decided, SENTENCE_CLASSIFIER, speaker_of)
    people = ctx.people
    canonical = speaker_names([d.speaker for d in decided.values()] + [p.name for p in surface.speakers], people)
    sentences = tuple(_sentence(paragraphs, a, decided.get(i), canonical) for i, a in enumerate(surface.sentences))
    return AttributedDocument(sentences, _profiles(sentences, surface.speakers, ctx))


__all__ = ["MODES", "RULE_NAMES", "SIEVES", "AttributedDocument", "AttributedSentence", "SpeakerProfile",
           "attributed_document"]
