"""The attribution sieves and their order. Each sieve decides only sentences still undecided and
names itself on what it decided (``statements.attribution_rule``).

A sieve is ``sieve(ctx, decided) -> dict[sentence index, Decision]``; :func:`decisions` runs ``SIEVES`` in
order and keeps the first decision for each sentence. The dialogue, framing and quotation
sieves read what the surface rules (``surface``) found, since they see labels and quotation
marks the parse does not; the reported-speech sieves read the dependency parse.
"""
from __future__ import annotations

import re
from collections import ChainMap
from dataclasses import dataclass, replace

from flows.steps import entities
from flows.steps.lexicon import (ANONYMITY_WORDS, ARTICLES, CHARACTERISING_VERB_FORMS, DOCUMENT_NOUNS, FIRST_PERSON,
                                 GENDERED_NOUNS, HONORIFICS, INDEFINITE_ARTICLES, OFFICE_FORMS, OFFICE_NOUNS,
                                 OFFICE_RANK_WORDS, OFFICES_HELD_BESIDE_ANOTHER, ORG_WORDS, PERSON_ROLE_NOUNS,
                                 PROVERB_MARKERS, QUOTATION_CUE_FORMS)
from flows.steps.deadline import NO_DEADLINE, Deadline
from flows.steps.parse import OPENING_QUOTES, QUOTE_MARKS
from flows.steps.attribute.cues import (ReportedClause, characterised_as, characterised_in_quotes, clause_at,
                                        is_source, quotes_words_in_content, reported_clause, source_entity,
                                        source_phrase, stance_in_a_that_clause, without_open_bracket)


MAX_GROUP_WORDS = 8             # a plural source's phrase longer than this is a misparse ("Cross-referencing ... records")
MAX_NAME_LINE_WORDS = 12        # tokens before the colon that quotations_under_a_name reads as a name
MAX_TAIL_WORDS = 4              # words after an opening quotation that attribution_words_after_quotation reads
IT_ANTECEDENT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "appos")   # where what an "it" stands for is named
DESCRIPTION_WINDOW = 2          # sentences before a definite description searched for the person it stands for


@dataclass(frozen=True)
class Decision:
    mode: str
    speaker: str
    role: str | None
    cue: str | None
    cue_start: int | None       # offsets into the paragraph's text
    cue_end: int | None
    rule: str


@dataclass(frozen=True)
class Context:
    surface: tuple              # AttributedSentence per sentence, from the surface rules
    parsed: object | None       # ParsedDocument of the same sentences, None when not parsed (not English)
    people: object | None       # entities.People
    cue_forms: frozenset
    source_nouns: frozenset
    min_share: float
    classifier: object = None   # cues.CueClassifier deciding whether a cue's reading is reported
    clause_cues: frozenset = frozenset()   # verbs of saying whose clause is reported whatever the classifier weighs


def _from_surface(rules: tuple[str, ...]):
    def sieve(ctx: Context, decided) -> dict[int, Decision]:
        out = {}
        for i, a in enumerate(ctx.surface):
            if i not in decided and a.rule in rules and a.speaker:
                out[i] = Decision(a.mode, a.speaker, a.speaker_role, a.cue, a.cue_start, a.cue_end, a.rule)
        return out
    sieve.__name__ = "surface_" + "_".join(rules)
    sieve.rules = rules
    return sieve


dialogue_turns = _from_surface(("labelled_turn", "turn_continues", "bare_transcript_turn", "question_answer_turn"))
framed_texts = _from_surface(("framed_text",))
quotations = _from_surface(("quote_speaker", "report_inside_quote", "quote_attributed_after"))
# what the parse did not find: cue words with a capitalised subject, and reports carried back
_surface_reported = _from_surface(("reported_cue", "reported_carries_back"))
_surface_carried_on = _from_surface(("reported_carries_on",))


def another_voice(sent, speaker: str) -> bool:
    """The sentence's main clause has a named subject other than ``speaker`` and states it as fact
    (no modal): "Millions flowed in" may continue a report, "Sanders won Iowa" is the narrator's."""
    root = next((t for t in sent.doc if t.dep_ == "ROOT"), None)
    if root is None or any(c.tag_ == "MD" for c in root.children):
        return False
    subject = next((c for c in root.children if c.dep_ in entities.SUBJECT_DEPS), None)
    return subject is not None and subject.pos_ == "PROPN" and subject.text not in speaker.split()


def speaker_is_no_noun_phrase(sent, speaker: str) -> bool:
    """Rule ``speaker_no_noun_phrase``: where the speaker stands as written in the sentence, the parse reads
    a clause inside it ("You start as soon as the guest comes on and"; a participle that modifies
    a noun, "experts attending a forum", is no clause), a word that modifies or is the object of a word
    outside it ("Federal" of "the Federal minister"), a clause's conjunction ("Even though the
    government") or no noun at all ("Please"): no noun phrase, so no source. (The object of a
    preposition is one: "according to X", "in the view of X".)"""
    span = written_span(sent, speaker)
    if not span:
        return False                  # a canonical or resolved name: not written here
    inside = {t.i for t in span}
    roots = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    return holds_a_clause(span) or not any(t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") for t in span) or any(
        t.dep_ in ("amod", "dobj", "compound", "poss", "mark") and t.head.i != t.i for t in roots)


def written_span(sent, words: str) -> list:
    """The tokens of the first place ``words`` stand in the sentence; none where they are not written (a
    canonical or resolved name)."""
    at = sent.doc.text.find(words)
    return [t for t in sent.doc if at <= t.idx < at + len(words)] if at >= 0 else []


def holds_a_clause(span) -> bool:
    """Some token of ``span`` is a verb the parse reads as a clause of its own (a participle or relative
    clause that modifies a noun, "experts attending a forum", "chief operating officer", is none)."""
    return any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("acl", "relcl", "amod", "compound") for t in span)


def surface_reported(ctx: Context, decided) -> dict[int, Decision]:
    """A report the surface rules found by a cue word and a capitalised subject before it, or carried back,
    where the parse missed it - unless the parse reads no noun phrase where its speaker stands
    (:func:`speaker_is_no_noun_phrase`), no reporting verb in its cue (:func:`cue_is_no_reporting_verb`), a
    passive cue with no agent (:func:`cue_is_passive`), a phrase of point of view on a noun
    (:func:`view_phrase_on_a_noun`) or the narrator as the cue's subject (:func:`cue_said_by_the_narrator`)."""
    found = _surface_reported(ctx, decided)
    if ctx.parsed is None:
        return found
    kept = {si: subject_over_surface_guess(ctx, si, d) for si, d in found.items()
            if not _parse_rejects(ctx, ctx.parsed.sentences[si], d)}
    resolved = {si: pronoun_over_the_other_gender(ctx, si, d) for si, d in kept.items()}
    return {si: d for si, d in resolved.items() if d is not None}


def _parse_rejects(ctx: Context, sent, d: Decision) -> bool:
    """Whether the parse of ``sent`` rejects the surface rules' report ``d`` (the checks :func:`surface_reported`
    names)."""
    return speaker_is_no_noun_phrase(sent, d.speaker) or cue_is_no_reporting_verb(sent, d) or cue_is_passive(
        sent, d) or view_phrase_on_a_noun(sent, d) or pronoun_disagrees(ctx, sent, d) or cue_said_by_the_narrator(
        sent, d)


def pronoun_over_the_other_gender(ctx: Context, si: int, d: Decision) -> Decision | None:
    """Rule ``pronoun_of_the_other_gender`` for the surface rules' own reports: the parse reads he/she as the
    subject of their cue and their speaker is of the other gender (:func:`_of_the_other_gender`: "Phyllis Roe
    ... He acknowledged her backing" was Phyllis Roe's). The speaker is the person the pronoun resolves to;
    where it resolves to no one, the surface decision is dropped and the later sieves decide."""
    head = next((c for c in surface_cue_subjects(ctx.parsed.sentences[si], d) if c.lower_ in ("he", "she")), None)
    if head is None or not d.speaker or not _of_the_other_gender(ctx, d.speaker, head.lower_):
        return d
    name = entities.resolved_pronoun(ctx.people, head.lower_, si, head.i, head.doc)
    return replace(d, speaker=name, role=None) if name else None


def subject_over_surface_guess(ctx: Context, si: int, d: Decision) -> Decision:
    """Rule ``subject_over_surface_guess``: the parse gives the surface rules' cue a subject of its own, outside
    quotation marks, that is not their speaker, and names a source: an entity the tagger names (a person, an
    organisation, a nation) where their speaker is not written in the sentence at all ("The US and Britain accuse
    China of ..." was given to a name of the paragraph before), a person the tagger names wherever their speaker
    stands (rule ``named_subject_over_nearest_name``: "Talk show host Ann Roe, who since the appointment of Tom
    Hale as ... has ..., declared ..." was given to the name nearest the cue, Hale), or a listed noun in the plural
    ("exit polls suggested that ...", "officials said ..." given to a person named nearby): that subject is the
    speaker. A description ("The Information Minister") is left to the surface rules, which know whose role it is;
    the subject of a passive is who undergoes it, never the source; a plural phrase of more than ``MAX_GROUP_WORDS``
    words is a misparse ("Cross-referencing voting records and ... trends between 2002 and 2010, the researchers
    found")."""
    sent = ctx.parsed.sentences[si]
    if d.rule != "reported_cue" or not d.speaker:
        return d
    words = d.speaker.split()
    for tok in (t for t in surface_cue_tokens(sent, d) if not sent.in_quote[t.i]):
        head = min((c for c in tok.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - tok.i), default=None)
        if head is None or head.pos_ not in ("PROPN", "NOUN", "NUM") or sent.in_quote[head.i]:
            continue
        entity = source_entity(sent, head)
        person = entity is not None and entity.label_ == "PERSON"
        # the subject's own words: a person's name, else its whole phrase (a description with its name in it)
        if any(w in (set(entity.text.split()) if person else {t.text for t in head.subtree}) for w in words):
            continue
        named = person or entity is not None and not any(w in sent.doc.text for w in words)
        # rule ``description_over_no_person``: a description of a person never stands for a thing ("The
        # Secretary-General reaffirms ..." was given to the ship named before)
        described = _definite_description(head, entity) and not _names_a_person(ctx, d.speaker)
        phrase = source_phrase(sent, head)
        group = head.tag_ == "NNS" and head.lower_ in ctx.source_nouns and len(phrase.split()) <= MAX_GROUP_WORDS
        # rule ``member_of_a_group_over_surface_guess``: a number the parse reads as a source, one or more of a group
        # ("Hawaii, as one of Mr. Obama's climate advisers pointed out, ..." was given to Hawaii)
        member = head.pos_ == "NUM" and is_source(sent, head, ctx.source_nouns, ctx.people.name_words)
        if named or described or group or member:
            speaker, role = speaker_of(ctx, si, clause_at(sent, tok, head, 0.0))
            return replace(d, speaker=speaker, role=role) if speaker else d
    return d


surface_reported.rules = _surface_reported.rules


def surface_cue_tokens(sent, d: Decision) -> list:
    """The tokens of ``sent`` that are the first word of the surface rules' cue: they give words, not a span."""
    first = (d.cue or "").strip().lower().split(" ")[0]
    return [t for t in sent.doc if t.lower_ == first]


def one_word_surface_cue_tokens(sent, d: Decision) -> list:
    """:func:`surface_cue_tokens` of a ``reported_cue`` decision whose cue is one word; none for a cue phrase ("in
    the view of", "call for": phrases the parse reads apart), which the checks of the cue's own parse leave alone."""
    cue = (d.cue or "").strip()
    if not cue or d.rule != "reported_cue" or " " in cue:
        return []
    return surface_cue_tokens(sent, d)


def surface_cue_subjects(sent, d: Decision) -> list:
    """The subjects the parse gives the surface rules' cue (:func:`surface_cue_tokens`)."""
    return [c for t in surface_cue_tokens(sent, d) for c in t.children if c.dep_ in entities.SUBJECT_DEPS]


def pronoun_disagrees(ctx: Context, sent, d: Decision) -> bool:
    """Rule ``pronoun_disagrees``: the parse reads a pronoun as the subject of the surface rules' cue, and their
    speaker cannot be what it stands for - 'they' one person the parse found ('they' never stands for one
    named person), 'he'/'she' no person at all (a place, a team: "Goa")."""
    subjects = {c.lower_ for c in surface_cue_subjects(sent, d)}
    speaker = d.speaker or ""
    if "they" in subjects:
        return ctx.people.is_person(speaker)
    return bool(subjects & {"he", "she"}) and not any(w in ctx.people.name_words for w in speaker.split())


def cue_is_no_reporting_verb(sent, d: Decision) -> bool:
    """Rule ``cue_no_reporting_verb``: the parse reads the surface rules' one-word cue, wherever it stands, as
    no verb of the sentence's report - a noun with its determiner or modifier ("three key states", "sounded a
    positive note"), the verb of a relative clause ("Juanita Roe, who said ..., recounted") or a participle
    that modifies a noun ("the papers mentioned in this release"): the report is not the sentence's."""
    found = one_word_surface_cue_tokens(sent, d)
    return bool(found) and all(t.dep_ == "relcl" or t.dep_ == "acl" and t.tag_ == "VBN" or t.pos_ == "NOUN" and (any(
        c.dep_ in ("det", "nummod", "amod", "poss") for c in t.children) or t.dep_ in ("dobj", "pobj")) for t in found)


def cue_said_by_the_narrator(sent, d: Decision) -> bool:
    """Rule ``narrator_is_no_source``: the parse reads the pronoun "I" or "we" ("US" is a country), outside quotation
    marks, as the subject of the surface rules' one-word cue wherever it stands ("... who have all been on the ground
    (and I'm not just saying that because they're my colleagues)"): the text's own voice, narration in STATEMENTS.md's
    sense, not a report of the person named nearest."""
    found = one_word_surface_cue_tokens(sent, d)
    return bool(found) and all(any(c.dep_ in entities.SUBJECT_DEPS and c.lower_ in FIRST_PERSON and c.tag_ == "PRP"
                                   and not sent.in_quote[c.i] for c in t.children) for t in found)


def view_phrase_on_a_noun(sent, d: Decision) -> bool:
    """Rule ``view_phrase_on_a_noun``: the surface rules' cue is a phrase of point of view that opens with a
    preposition ("in their eyes", "in the view of") and the parse attaches that preposition to a noun ("had tears
    in their eyes", "a shift in the view of the board"): a thing described, not whose view the sentence gives."""
    words = (d.cue or "").lower().split()
    if d.rule != "reported_cue" or len(words) < 2:
        return False
    found = [t for t in sent.doc if t.lower_ == words[0] and t.pos_ == "ADP"
             and [x.lower_ for x in sent.doc[t.i:t.i + len(words)]] == words]
    return bool(found) and all(t.head.pos_ in ("NOUN", "PROPN") and t.head.i != t.i for t in found)


def cue_is_passive(sent, d: Decision) -> bool:
    """Rule ``passive_cue_names_no_source``: the parse reads the surface rules' one-word cue, wherever it stands,
    as a passive with no agent ("when he was first asked if he would ...", "she is widely expected to ..."): its
    subject is who is asked or expected, not who speaks, and the sentence names no one who does."""
    found = one_word_surface_cue_tokens(sent, d)
    return bool(found) and all(any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
                               and not any(c.dep_ == "agent" for c in t.children) for t in found)


def reported_carries_on(ctx: Context, decided) -> dict[int, Decision]:
    """A report the surface rules carry into the next sentences of its paragraph, until the parse
    shows another voice taking over (:func:`another_voice`)."""
    carried = {si: _from_the_kept_report(ctx, decided, si, d) for si, d in _surface_carried_on(ctx, decided).items()}
    carried = {si: d for si, d in carried.items() if d is not None}
    if ctx.parsed is None:
        return carried
    return {si: d for si, d in carried.items() if not another_voice(ctx.parsed.sentences[si], d.speaker)}


def _from_the_kept_report(ctx: Context, decided, si: int, d: Decision) -> Decision | None:
    """Rule ``carried_from_a_dropped_report``: a report is carried on from the nearest sentence before ``si`` in
    its paragraph where the surface rules found a cue; where the earlier sieves left that sentence narration
    (its cue is no report: "a massacre that claimed the lives of thousands"), nothing is carried. Where they
    gave it another speaker, that speaker is carried."""
    paragraph = ctx.surface[si].paragraph_index
    origin = next((j for j in range(si - 1, -1, -1) if ctx.surface[j].paragraph_index != paragraph
                   or ctx.surface[j].rule == "reported_cue"), None)
    kept = decided.get(origin) if origin is not None and ctx.surface[origin].paragraph_index == paragraph else None
    if kept is None or kept.mode not in ("direct", "indirect") or not kept.speaker:
        return None
    return d if kept.speaker == d.speaker else replace(d, speaker=kept.speaker, role=kept.role)


reported_carries_on.rules = _surface_carried_on.rules


def _named_only_after(ctx: Context, name: str, si: int, token: int) -> bool:
    """Rule ``pronoun_looks_back``: the parse finds the person ``name`` only after token ``token`` of sentence
    ``si`` - a he/she stands for someone named before it, never for a name later in its sentence ("He really
    thought his team could win, whereas Goa fell to sixth": not Goa). A name the parse never found as a person
    (the entity tagger missed it) says nothing either way."""
    words = set(name.split())
    at = [(m.sentence, m.token) for m in ctx.people.mentions if words & set(ctx.people.name(m.name).split())]
    return bool(at) and min(at) > (si, token)


def _last_named_as_a_modifier(ctx: Context, name: str, si: int, token: int) -> bool:
    """Rule ``pronoun_skips_a_modifier``: the person ``name`` was last named, before (``si``, ``token``), as the
    modifier of a noun ("the Ann Roe government", "the Roe campaign"): the thing, not the person, was the topic,
    and a he/she does not stand for them on the surface rules' word; the parse's resolution decides."""
    before = [m for m in ctx.people.mentions if (m.sentence, m.token) < (si, token)
              and m.name.split()[-1] == name.split()[-1]]      # "Imran Khan" as the parse cut it: "Khan"
    if not before:
        return False
    tok = ctx.parsed.sentences[before[-1].sentence].doc[before[-1].token]
    return tok.dep_ == "compound" and tok.head.pos_ == "NOUN"


GUESS_LOOKBACK = 30        # sentences read back for where the surface rules' guess was last written


def _subject_named_since(ctx: Context, person: str | None, pronoun: str, guess: str, si: int, token: int) -> bool:
    """Rule ``subject_since_the_surface_guess``: ``person`` (the parse's antecedent of the he/she ``pronoun`` at
    (``si``, ``token``)), not the surface rules' ``guess``, was a subject after ``guess`` was last written: the
    pronoun stands for the newer subject. Either the subject of any clause before the pronoun in its own sentence,
    of no other gender ("While President Hale has cautioned against ..., he has ordered ..."; the report's own
    subject too, "Former Rep. Tom Hale was pro Roe ..., he said", which the parse cannot tell from another's report on
    him, "Hale fits that bill, he added"), or the subject of the main clause of an earlier sentence whom the text
    gives that pronoun's gender and names in full or with an honorific or gendered noun ("Jon Roe ... told a reporter.
    Mr. Tom Hale was asked about it. He said ..." is Hale's, not Roe's, whom the surface rules saw speak last) - not a
    subject of a clause below the main one there (the speaker's own report: "..., so it may be clear whether Hale
    will win"), nor a single word the text gives that gender only by pronouns ("Clarkston became his home", a town
    the tagger took for a person). Never where ``guess`` is written before the pronoun in its own sentence ("Roe said
    he would ...", the name read as no person)."""
    if not person or person == ctx.people.name(guess) or ctx.people.gender.get(person, pronoun) != pronoun:
        return False
    words = set(guess.split()) | set(ctx.people.name(guess).split())
    read = range(si, max(-1, si - GUESS_LOOKBACK), -1)
    last = next(((j, t.i) for j in read for t in reversed(ctx.parsed.sentences[j].doc)
                 if (j, t.i) < (si, token) and t.text in words), None)      # written, whether the tagger saw a person
    if last is None or last[0] == si:
        return False
    since = [m for m in ctx.people.mentions if last < (m.sentence, m.token) < (si, token)
             and ctx.people.name(m.name) == person]
    known = ctx.people.gender.get(person) == pronoun and (" " in person or (person, pronoun) in ctx.people.titled)
    return any(m.is_subject and m.sentence == si or known and m.is_main_subject for m in since)


def _names_a_person(ctx: Context, name: str) -> bool:
    """Some word of ``name`` is a word of a person's name the parse found in the document."""
    return any(w in ctx.people.name_words for w in name.split())


def _of_the_other_gender(ctx: Context, name: str, pronoun: str) -> bool:
    """Rule ``pronoun_of_the_other_gender``: an honorific or gendered noun before the person ``name``
    (``Mr.``, ``spokeswoman``) or else their given name (``Hillary``, entities.given_name_genders) gives them the
    other pronoun's gender, and no honorific gives them this one's, so this he/she is not them. Pronoun votes are
    not enough evidence: on PolNeAR they lost more than they won."""
    person = ctx.people.name(name)
    other = "she" if pronoun == "he" else "he"
    if (person, pronoun) in ctx.people.titled:
        return False
    return (person, other) in ctx.people.titled or entities.given_name_gender(person) == other


def _definite_description(head, ent) -> bool:
    """A source that stands for one person the text named before: 'the' and a nationality ("said the
    Pakistani") or a noun for their office ("the Vermont senator", "the Republican nominee")."""
    if head.tag_ in ("NNPS", "NNS") or not any(c.lower_ == "the" for c in head.children):
        return False
    if ent is not None:
        return ent.label_ == "NORP"
    return head.lower_ in PERSON_ROLE_NOUNS


def speaker_of(ctx: Context, si: int, clause: ReportedClause) -> tuple[str | None, str | None]:
    """(canonical speaker, role) for the source of a reported clause in sentence ``si``."""
    sent, surface = ctx.parsed.sentences[si], ctx.surface[si]
    head = sent.doc[clause.source_token]
    if head.lower_ in ("he", "she"):
        owner = entities.owner_antecedent(ctx.people, head.lower_, si, head.i, head.doc)
        if owner:                                       # "Roe's biggest applause came when he said ..."
            return owner, None
        # without the sentence's parse: the owner in its own sentence was tried above
        resolved = entities.resolved_pronoun(ctx.people, head.lower_, si, head.i)
        if surface.speaker and surface.mode in ("indirect", "direct") and _names_a_person(ctx, surface.speaker) \
                and not _of_the_other_gender(ctx, surface.speaker, head.lower_) \
                and not _named_only_after(ctx, surface.speaker, si, head.i) \
                and not _last_named_as_a_modifier(ctx, surface.speaker, si, head.i) \
                and not _subject_named_since(ctx, resolved, head.lower_, surface.speaker, si, head.i):
            return surface.speaker, surface.speaker_role      # the surface rules saw gender cues too
        return resolved or described_antecedent(ctx, si, head), None
    if head.lower_ == "they":                        # never one person the parse found (as pronoun_disagrees)
        # a cue the parse found, outside a relative clause ("the values they claim to uphold"); not the review's guess
        by_cue = clause.cue_token is not None and sent.doc[clause.cue_token].dep_ not in ("relcl", "acl")
        group = plural_antecedent(ctx, si, head) if by_cue else None
        if group:
            return group, None
        if surface.mode != "indirect" or not surface.speaker or ctx.people.is_person(surface.speaker):
            return None, None
        return surface.speaker, surface.speaker_role
    if head.lower_ == "it":
        return it_antecedent(ctx, si, head), None
    name = clause.source
    if surface.speaker and surface.speaker_role and name.lower() == f"the {surface.speaker_role.lower()}":
        return surface.speaker, surface.speaker_role     # rule ``description_is_a_written_role`` (surface rules)
    ent = source_entity(sent, head)
    if ent is not None and ent.label_ == "PERSON":
        name = ctx.people.person_at(si, ent.end - 1) or ctx.people.name(
            entities.stripped_name(ent, ctx.people.descriptors))
    elif head.text in ctx.people.name_words and not (ent is not None and ent.label_ == "NORP"):
        name = ctx.people.name(head.text)       # "Republican" of "a Texas Republican" names no one
    elif _definite_description(head, ent) and not any(t.lower_ in ANONYMITY_WORDS for t in head.subtree) \
            and not _defined_by_an_infinitive(head):
        # "said the Pakistani", "the senator said": someone named before; not "the spokesman, who declined to be
        # named," - someone the text keeps unnamed; not "the head of Sony"
        plain = ent is None and not any(c.dep_ in ("prep", "appos") for c in head.children)
        office = _office_holder(ctx, si, head) if plain else None
        introduced = _introduced_before(ctx, si, head) if ent is None and not office else None
        if introduced:          # "A young woman asked Mrs. Roe ... the woman said": before the latest subject
            return introduced, None
        person = office or (_described_subject(ctx, si, head) if plain else None)
        if person:
            return person, clause.source
        if surface.speaker and surface.mode != "narration" and _names_a_person(ctx, surface.speaker) \
                and not holds_another_office(ctx, surface.speaker, head, si) \
                and _written_with_bodies(ctx, ctx.people.name(surface.speaker), description_bodies(head), si):
            return surface.speaker, surface.speaker_role or clause.source     # the description is their role
    return name, role_of(sent, head, ent)


def _defined_by_an_infinitive(head) -> bool:
    """Rule ``description_defined_by_an_infinitive``: a description an infinitive of its own defines is someone new
    ("The last man to mount a third-party race says ..."), no one named before."""
    return any(c.dep_ in ("acl", "relcl") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in head.children)


def it_antecedent(ctx: Context, si: int, head) -> str | None:
    """Rule ``it_stands_for_a_body_or_document``: the "it" that is a cue's subject stands for the body or document
    named in its sentence before it, else in the sentence before - the one named as a subject, else the last one
    named: an organisation or place the tagger names, or a singular noun for a body or a document (``ORG_WORDS``,
    ``DOCUMENT_NOUNS``: "The ministry issued a notice. It said ...", "a report ... It said"); the phrase as
    written, its article made definite. None where none is named there: a person is never "it" (nor a word of a
    person's name the tagger also labels an organisation)."""
    sentences = ctx.parsed.sentences
    for j in (si, si - 1):
        sent = sentences[j] if j >= 0 else None
        named = [t for t in sent.doc if (j < si or t.i < head.i) and t.text not in ctx.people.name_words
                 and _names_a_body_or_document(sent, t)] if sent is not None else []
        if named:
            best = next((t for t in named if t.dep_ in entities.SUBJECT_DEPS), named[-1])
            phrase = source_phrase(sent, best)
            first, _, rest = phrase.partition(" ")
            return f"the {rest}" if first.lower() in INDEFINITE_ARTICLES and rest else phrase
    return None


def _names_a_body_or_document(sent, tok) -> bool:
    """``tok`` heads a noun phrase outside quotation marks, a subject, object or apposition, that names a body or a
    document: an organisation or place entity, or a singular noun of ``ORG_WORDS`` or ``DOCUMENT_NOUNS``."""
    if sent.in_quote[tok.i] or tok.dep_ not in IT_ANTECEDENT_DEPS or tok.tag_ not in ("NN", "NNP"):
        return False
    ent = next((e for e in sent.doc.ents if e.start <= tok.i < e.end), None)
    if ent is not None:
        return ent.label_ in ("ORG", "GPE") and ent.root.i == tok.i
    return tok.lower_ in ORG_WORDS | DOCUMENT_NOUNS


def described_antecedent(ctx: Context, si: int, head) -> str | None:
    """Rule ``pronoun_for_a_description``: the person a he/she stands for where the text named no person of
    that gender before it - the latest definite description of a person ("The minister spoke to reporters.
    ... he said") that is the subject of this or the ``DESCRIPTION_WINDOW`` sentences before, as written."""
    want = head.lower_
    found = _latest_subject(ctx, si, head, lambda sent, t: t.lower_ in PERSON_ROLE_NOUNS and any(
        c.lower_ == "the" for c in t.children) and GENDERED_NOUNS.get(t.lower_, want) == want)
    return source_phrase(*found) if found else None


def plural_antecedent(ctx: Context, si: int, head) -> str | None:
    """Rule ``they_for_a_plural_subject``: the people a "they" stands for - the latest subject outside quotation
    marks that names people who speak (:func:`_people_who_speak`) before it in its sentence or the
    ``DESCRIPTION_WINDOW`` sentences before, as written ("The two economists compare ... In the United States,
    they write, ..."); None when there is none."""
    found = _latest_subject(ctx, si, head, lambda sent, t: _people_who_speak(ctx, sent, t))
    if found is None:
        return None
    sent, tok = found
    conj = [c for c in tok.children if c.dep_ == "conj"]      # "Ann Berg and Tom Hale", both
    return sent.doc[tok.left_edge.i:conj[-1].right_edge.i + 1].text if conj else source_phrase(sent, tok)


def _latest_subject(ctx: Context, si: int, head, wanted) -> tuple | None:
    """(sentence, token) of the latest subject outside quotation marks for which ``wanted(sentence, token)``
    holds, before ``head`` in sentence ``si`` or in the ``DESCRIPTION_WINDOW`` sentences before; None if none."""
    for j in range(si, max(-1, si - DESCRIPTION_WINDOW - 1), -1):
        sent = ctx.parsed.sentences[j]
        found = [t for t in sent.doc if t.dep_ in entities.SUBJECT_DEPS and (j < si or t.i < head.i)
                 and not sent.in_quote[t.i] and wanted(sent, t)]
        if found:
            return sent, found[-1]
    return None


def _introduced_before(ctx: Context, si: int, head) -> str | None:
    """Rule ``definite_after_indefinite``: a definite description whose noun opened an indefinite subject in this
    or the ``DESCRIPTION_WINDOW`` sentences before, with no name beside it, stands for the person introduced there
    ("A young woman asked Mrs. Roe about ... '...,' the woman said": the woman, not Roe), as written there."""
    found = _latest_subject(ctx, si, head, lambda sent, t: t.lower_ == head.lower_ and any(
        c.dep_ == "det" and c.lower_ in INDEFINITE_ARTICLES for c in t.children) and not any(
        c.dep_ == "appos" for c in t.children))
    return source_phrase(*found) if found else None


def _people_who_speak(ctx: Context, sent, tok) -> bool:
    """``tok`` heads a plural of people who report - a listed source noun in the plural ("officials", "the two
    economists") - or names joined by "and" ("Ann Berg and Tom Hale")."""
    if tok.tag_ == "NNS":
        return tok.lower_ in ctx.source_nouns
    conj = [c for c in tok.children if c.dep_ == "conj"]
    return bool(conj) and all(t.ent_type_ == "PERSON" for t in (tok, *conj))


def _described_subject(ctx: Context, si: int, head) -> str | None:
    """Rule ``description_of_the_subject``: the person a definite description stands for when the surface
    rules named none - the latest person named as a subject in the ``DESCRIPTION_WINDOW`` sentences before, of a
    gender the description does not contradict ("said the renowned expert" after "Zhao noted that ..."); never
    one named in its own sentence, whom its report is about ("Roe is so reckless, the vice president said"), nor
    one the text gives another office (:func:`holds_another_office`)."""
    want = GENDERED_NOUNS.get(head.lower_)
    bodies = description_bodies(head)
    for m in reversed(ctx.people.mentions):
        if m.sentence >= si or not m.is_subject:
            continue
        if m.sentence < si - DESCRIPTION_WINDOW:
            return None
        name = ctx.people.name(m.name)
        fits = want is None or ctx.people.gender.get(name, want) == want
        if fits and not holds_another_office(ctx, name, head, si) and _written_with_bodies(ctx, name, bodies, si):
            return name
    return None


def description_bodies(head) -> set[str]:
    """The words of the organisations a description names as its modifiers ("RNC" of "the RNC member")."""
    return {c.lower_ for c in head.children if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ == "ORG"}


def _written_with_bodies(ctx: Context, name: str, bodies: set[str], si: int) -> bool:
    """Rule ``description_of_a_body_member``: a description that names an organisation ("the RNC member", "a Pentagon
    official") stands only for a person the text wrote with that organisation's word before sentence ``si``, never
    for whoever was the latest subject."""
    return not bodies or any(bodies <= title_words_at(ctx.parsed.sentences[m.sentence].doc, m.token)
                             for m in ctx.people.mentions if m.sentence < si and ctx.people.name(m.name) == name)


def _office_holder(ctx: Context, si: int, head) -> str | None:
    """Rule ``description_names_the_office_holder``: the one person the text, before sentence ``si``, writes with
    the office the description names and every word that describes it (:func:`title_words_at`: "FC Goa assistant
    head coach Jon Roe ... The assistant head coach said"); None when no one or several hold it there."""
    office = OFFICE_FORMS.get(head.lower_, head.lower_)
    if office not in OFFICE_NOUNS:
        return None
    wanted = {office} | {t.lower_ for t in head.children if t.dep_ in ("amod", "compound", "nmod")}
    holders = {ctx.people.name(m.name) for m in ctx.people.mentions if m.sentence < si
               and _same_office(wanted, title_words_at(ctx.parsed.sentences[m.sentence].doc, m.token))}
    return holders.pop() if len(holders) == 1 else None


def _same_office(described: set[str], written: set[str]) -> bool:
    """Every word of the description is written with the name, and every word of rank written there
    (``OFFICE_RANK_WORDS``: "former Vice President Joe Biden" is no "former president", "assistant head coach" no
    "head coach") is in the description."""
    return described <= written and written & OFFICE_RANK_WORDS <= described


def title_words_at(doc, token: int) -> set[str]:
    """The words written with the name that ends at ``token`` (:func:`offices_written_at`), lower case, each office
    form as its office ("Indiana Gov." -> indiana, governor): a description's words must all be among them ("The
    Democratic presidential nominee" is not "Republican presidential nominee Tom Hale")."""
    words, appos = written_with(doc, token)
    return {OFFICE_FORMS.get(t.lower_, t.lower_) for t in words + (list(appos.subtree) if appos is not None else [])}


def holds_another_office(ctx: Context, name: str, head, si: int) -> bool:
    """Rule ``description_fits_the_office``: the description names an office (``OFFICE_NOUNS``, in any of its
    ``OFFICE_FORMS``: "the Indiana governor", "the Chinese spokesperson") and the text, before sentence ``si``,
    gives the person ``name`` offices but not this one ("Republican nominee Tom Hale", "Foreign Secretary Ann
    Berg"): the description is someone else, also where the surface rules guessed that person ("President Tom Hale
    spoke ... The senator urged ..."). A person given no office may be anyone, and a candidacy
    (``OFFICES_HELD_BESIDE_ANOTHER``: "the candidate") is held beside any office."""
    office = OFFICE_FORMS.get(head.lower_, head.lower_)
    if office not in OFFICE_NOUNS or office in OFFICES_HELD_BESIDE_ANOTHER:
        return False
    held = {o for m in ctx.people.mentions if m.sentence < si and ctx.people.name(m.name) == name
            for o in offices_written_at(ctx.parsed.sentences[m.sentence].doc, m.token)}
    return bool(held) and office not in held


def offices_written_at(doc, token: int) -> set[str]:
    """The office nouns written with the name that ends at ``token``: before it in its noun phrase ("Indiana Gov.
    Mike Pence", "Republican presidential nominee Tom Hale") or as the head of its apposition ("Ann Berg, the
    foreign secretary,")."""
    words, appos = written_with(doc, token)
    offices = (OFFICE_FORMS.get(t.lower_, t.lower_) for t in words + ([appos] if appos is not None else []))
    return {o for o in offices if o in OFFICE_NOUNS}


def written_with(doc, token: int) -> tuple[list, object]:
    """(the words before the name that ends at ``token`` in its noun phrase, the head of its apposition or None):
    what the text writes with a name (:func:`offices_written_at`, :func:`title_words_at`)."""
    ent = next((e for e in doc.ents if e.start <= token < e.end), doc[token:token + 1])
    return [t for t in ent.root.subtree if t.i < ent.start], apposition_of(ent.root)


def role_of(sent, head, ent) -> str | None:
    """The description the sentence gives the source: the apposition of the person's name or of the head
    ("Jane Roe, a lawyer,"), or - where the name stands inside the head's phrase ("his nephew Jon Roe",
    "Chinese ambassador to Germany Wu Ken") - the words before a person's name, honorifics aside, when they
    end in a noun, without the punctuation or quoted words the phrase opens with; never the name itself
    (:func:`apposition_of`)."""
    appos = (apposition_of(ent.root) if ent is not None and ent.label_ == "PERSON" else None) or apposition_of(head)
    if appos is not None and (ent is None or not appos.left_edge.i <= ent.start <= appos.right_edge.i):
        return described_by(appos)
    if ent is None or ent.label_ != "PERSON" or ent.start <= head.left_edge.i:
        return None
    before = list(sent.doc[head.left_edge.i:ent.start])
    while before and (before[-1].is_punct or before[-1].lower_ in HONORIFICS):
        before.pop()
    while before and (before[0].is_punct or sent.in_quote[before[0].i]):
        before.pop(0)       # the quotation's closing mark the parse hung on the phrase ('..," prominent activist')
    if not before or before[-1].pos_ not in ("NOUN", "PROPN"):     # "a narrator in the", "an analysis by"
        return None
    return sent.doc[before[0].i:before[-1].i + 1].text


def apposition_of(tok):
    """The first apposition of ``tok`` that can describe a person: one with a noun ("Jane Roe, 70,": an age
    is none), not in brackets ("Roe (a view many share)": an aside)."""
    return next((c for c in tok.children if c.dep_ == "appos" and any(t.pos_ in ("NOUN", "PROPN") for t in c.subtree)
                 and not (c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == "(")), None)


def described_by(appos) -> str:
    """The words of an apposition up to its first clause ("a senior official with the board that oversees
    them" -> "a senior official with the board")."""
    clause = min((t.left_edge.i for t in appos.subtree if t is not appos and t.dep_ in ("relcl", "acl")),
                 default=appos.right_edge.i + 1)
    words = [t for t in appos.doc[appos.left_edge.i:clause] if not (t.i == clause - 1 and t.is_punct)]
    return closed_brackets(appos.doc[words[0].i:words[-1].i + 1]) if words else appos.text


def closed_brackets(span) -> str:
    """Rule ``role_closes_its_bracket``: the text of ``span`` with the bracket it opens closed by the ")" right
    after it, which the parse hangs outside ("chairman of America Rising (a Republican PAC)" lost its ")"), or
    else without that bracket (:func:`.cues.without_open_bracket`)."""
    text = span.text
    if text.count("(") <= text.count(")"):
        return text
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return text + ")" if after is not None and after.text == ")" else without_open_bracket(text)


def quoted_share(sent) -> float:
    """Share of the sentence's letters and digits inside quotation marks."""
    total = sum(c.isalnum() for c in sent.doc.text)
    inside = sum(c.isalnum() for t in sent.doc if sent.in_quote[t.i] for c in t.text)
    return inside / total if total else 0.0


def is_quotation(ctx: Context, si: int) -> bool:
    """The sentence holds speech in quotation marks: most of it is quoted, or it has the shape of quoted speech
    (:func:`speech_beside_quotation`)."""
    return quoted_share(ctx.parsed.sentences[si]) >= ctx.min_share or speech_beside_quotation(ctx, si)


def speech_beside_quotation(ctx: Context, si: int) -> bool:
    """The surface rules took the sentence's quotation for speech, or it is a quotation and its short attribution
    in either order (:func:`quotation_then_attribution`, :func:`attribution_then_quotation`): then any verb beside
    the quotation is its cue."""
    sent = ctx.parsed.sentences[si]
    return ctx.surface[si].rule == "quote_speaker" or quotation_then_attribution(sent) or \
        attribution_then_quotation(sent)


def quotation_then_attribution(sent, *, max_words: int = 8) -> bool:
    """Rule ``quotation_then_attribution``: the sentence opens with a quotation, however short, and after it
    only a few words outside quotation marks (at most ``max_words``: '"Nonsense," replied Ann Berg.', '"We
    are ready," Berg tweeted on Sunday.'): the shape of quoted speech and its cue, whatever the quotation's share."""
    flags = sent.in_quote
    if not flags or not flags[0]:
        return False
    end = flags.index(False) if False in flags else len(flags)
    rest = [t for t in sent.doc[end:] if not t.is_punct and t.i not in descriptions_of_nouns(sent.doc[end:])]
    return 0 < len(rest) <= max_words and not any(flags[end:]) and any(t.is_alpha for t in sent.doc[:end])


def descriptions_of_nouns(tokens) -> set[int]:
    """Rule ``source_description_is_no_narration``: the indexes of the appositions and relative clauses that
    describe a noun among ``tokens`` ('..., said Jon Roe, a senator from Ohio, who backed the bill'): they tell who
    the source is, so they do not count as words of the attribution."""
    return {t.i for tok in tokens if tok.pos_ in ("NOUN", "PROPN")
            for c in tok.children if c.dep_ in ("appos", "relcl") for t in c.subtree}


def attribution_then_quotation(sent, *, max_words: int = 8) -> bool:
    """Rule ``attribution_then_quotation``, the mirror of :func:`quotation_then_attribution`: a few words outside
    quotation marks (at most ``max_words``) that end in a colon or comma, then a quotation to the sentence's end
    ('Ann Berg gloated: "I told you so."', 'Berg shot back, "Never."'): speech and its cue, whatever the verb -
    unless the words name a proverb (``PROVERB_MARKERS``: 'As a Chinese saying goes, "..."')."""
    flags = sent.in_quote
    if not flags or flags[0] or True not in flags:
        return False
    start = flags.index(True)
    lead = [t for t in sent.doc[:start] if not t.is_space]
    words = [t for t in lead if not t.is_punct]
    after = [t for t in sent.doc[start:] if not flags[t.i] and not t.is_punct]
    return 0 < len(words) <= max_words and lead[-1].text in (":", ",") and not after and \
        not any(marker in sent.doc[:start].text.lower() for marker in PROVERB_MARKERS)


def _parsed_reports(ctx: Context, decided, *, quoted: bool) -> dict[int, Decision]:
    if ctx.parsed is None:
        return {}
    out = {}
    for si, sent in enumerate(ctx.parsed.sentences):
        if si in decided or all(sent.in_quote) or quoted != is_quotation(ctx, si):
            continue
        clause = reported_clause(sent, ctx.cue_forms, ctx.source_nouns, known_names=ctx.people.name_words,
                                 min_share=ctx.min_share, classifier=None if quoted else ctx.classifier,
                                 clause_cues=ctx.clause_cues)
        if clause is None and quoted and speech_beside_quotation(ctx, si):
            # beside a quotation the surface rules take for speech, any verb is a cue ('X shot back, "..."'), a
            # listed one first; in the shape of a quotation and its short attribution any noun that is the cue's
            # subject is the source (rule ``noun_subject_beside_quotation``: 'Another commenter said, "..."', 'The
            # email went on to say, "..."'), and so is any noun subject of a listed cue, before any other verb is
            # tried (rule ``listed_cue_before_any_verb``: 'The front-runner said the U.S. "clearly" needed ...' is
            # the front-runner's, not the U.S.'s)
            shaped = quotation_then_attribution(sent) or attribution_then_quotation(sent)
            for forms in (ctx.cue_forms, None):
                clause = clause or reported_clause(sent, forms, ctx.source_nouns, known_names=ctx.people.name_words,
                                                   min_share=0.0, noun_subjects=shaped or forms is not None)
        if clause is None:
            continue
        speaker, role = speaker_of(ctx, si, clause)
        if speaker:
            rule = "according_to" if clause.cue.lower().startswith("according") else "cue_with_subject"
            mode = "direct" if quoted or quoted_share(sent) >= ctx.min_share or \
                quotes_words_in_content(sent, sent.doc[clause.cue_token]) else "indirect"
            out[si] = Decision(mode, speaker, role, clause.cue, sent.start + clause.cue_start,
                               sent.start + clause.cue_end, "quote_with_cue" if quoted else rule)
    return out


def _decided_by_clauses(ctx: Context, decided, reading) -> dict[int, Decision]:
    """The decisions ``reading`` makes of the open sentences not wholly inside quotation marks: ``reading(sent)`` is
    a (ReportedClause, mode, rule) or None; a clause whose source names no speaker decides nothing."""
    if ctx.parsed is None:
        return {}
    out = {}
    for si, sent in enumerate(ctx.parsed.sentences):
        if si in decided or all(sent.in_quote):
            continue
        read = reading(sent)
        speaker, role = speaker_of(ctx, si, read[0]) if read is not None else (None, None)
        if speaker:
            clause, mode, rule = read
            out[si] = Decision(mode, speaker, role, clause.cue, sent.start + clause.cue_start,
                               sent.start + clause.cue_end, rule)
    return out


def quoted_characterisation(ctx: Context, decided) -> dict[int, Decision]:
    """``X called the ruling "arbitrary"``: direct, X the source (:func:`cues.characterised_in_quotes`); without
    quotation marks, ``X called the ruling arbitrary``: indirect (:func:`cues.characterised_as`)."""
    def reading(sent):
        clause = characterised_in_quotes(sent, CHARACTERISING_VERB_FORMS, ctx.source_nouns,
                                         known_names=ctx.people.name_words)
        if clause is not None:
            return clause, "direct", "quoted_characterisation"
        clause = characterised_as(sent, CHARACTERISING_VERB_FORMS, ctx.source_nouns, known_names=ctx.people.name_words)
        return (clause, "indirect", "characterisation") if clause is not None else None
    return _decided_by_clauses(ctx, decided, reading)


def that_clause_of_a_source(ctx: Context, decided) -> dict[int, Decision]:
    """``X regretted that ...``, ``X holds that ...``: indirect (direct where the clause quotes the source's words), X
    the source, for any verb the learned cue list lacks (:func:`cues.stance_in_a_that_clause`)."""
    def reading(sent):
        clause = stance_in_a_that_clause(sent, ctx.source_nouns, listed=ctx.cue_forms,
                                         known_names=ctx.people.name_words, min_share=ctx.min_share)
        if clause is None:
            return None
        quoting = quotes_words_in_content(sent, sent.doc[clause.cue_token])
        return clause, "direct" if quoting else "indirect", "that_clause_of_a_source"
    return _decided_by_clauses(ctx, decided, reading)


_SIGNATURE = re.compile(r"\s*+[―—–-]{1,2}\s*+(?P<name>[A-Z][\w.'’-]*+(?:[ \t]++[A-Z][\w.'’-]*+){0,4})"
                        r"(?:\s*+,[^,\n]{1,40}){0,2}[.,]?\s*+")


def signed_by(paragraph: str) -> tuple[str, int] | None:
    """Rule ``signed_quotation``: (the name, the offset of the closing mark) of a paragraph made of one quotation
    and, after its closing mark, a dash and the name that signs it ('"We need law and order." ― Jane Roe',
    '"..." — Jane Roe, 24, Dunmore'), or None."""
    start = len(paragraph) - len(paragraph.lstrip())
    text = paragraph.rstrip()
    close = max(text.rfind(m) for m in QUOTE_MARKS)
    if start >= len(text) or text[start] not in QUOTE_MARKS or close <= start:
        return None
    m = _SIGNATURE.fullmatch(text, close + 1)
    return (m.group("name").rstrip("."), close) if m else None


def signed_below(paragraph: str, below: str) -> tuple[str, int] | None:
    """Rule ``quotation_signed_below``: (the name, the paragraph's length) of a paragraph that is one quotation, its
    marks opening and closing it, where the paragraph below is only a dash and the name that signs it, with at most
    two short descriptions ('"Great speech. She's ready."' then '-President Roe, tweeting after the speech.'), or
    None."""
    text = paragraph.strip().rstrip(".")
    if len(text) < 3 or text[0] not in QUOTE_MARKS or text[-1] not in QUOTE_MARKS:
        return None
    m = _SIGNATURE.fullmatch(below)
    return (m.group("name").rstrip("."), len(paragraph)) if m else None


def signed_quotations(ctx: Context, decided) -> dict[int, Decision]:
    """Every sentence of the quotation of a paragraph a name signs (:func:`signed_by`; the signature itself
    aside), or of a quotation signed in the paragraph below it (:func:`signed_below`): direct, that name the
    speaker."""
    if ctx.parsed is None:
        return {}
    paragraphs = ctx.parsed.paragraphs
    signed = {p: signed_by(text) or (signed_below(text, paragraphs[p + 1]) if p + 1 < len(paragraphs) else None)
              for p, text in enumerate(paragraphs)}
    out = {}
    for si, sent in enumerate(ctx.parsed.sentences):
        found = signed[sent.paragraph_index]
        if si not in decided and found and sent.start < found[1]:
            out[si] = Decision("direct", found[0], None, None, None, None, "signed_quotation")
    return out


def quotations_under_a_name(ctx: Context, decided) -> dict[int, Decision]:
    """Rule ``quotation_under_a_name``: a sentence that is a person's name - a title, a role or a bracketed party
    with it - a colon, then a quotation to its end ('Rep. Jon Roe (R-Ohio): "I have not heard that figure."', as
    round-ups of reactions print them outside any dialogue): direct, that person the speaker."""
    if ctx.parsed is None:
        return {}
    out = {}
    for si, sent in enumerate(ctx.parsed.sentences):
        name = None if si in decided else name_before_a_quotation(ctx, si)
        if name:
            out[si] = Decision("direct", name, None, None, None, None, "quotation_under_a_name")
    return out


def name_before_a_quotation(ctx: Context, si: int) -> str | None:
    """The person named before the colon of a sentence that is a name, a colon and a quotation to its end: no verb
    before the colon, at most ``MAX_NAME_LINE_WORDS`` tokens, a person the parse found there and not as a possessor
    ("Roe's response:" names a response); None for any other sentence."""
    sent = ctx.parsed.sentences[si]
    flags = sent.in_quote
    colon = next((t.i for t in sent.doc if not flags[t.i] and t.text.endswith(":")), None)
    if not colon or colon + 1 >= len(sent.doc) or colon > MAX_NAME_LINE_WORDS or not all(flags[colon + 1:]) \
            or any(t.pos_ in ("VERB", "AUX") for t in sent.doc[:colon]):
        return None
    named = [m for m in ctx.people.mentions if m.sentence == si and m.token < colon
             and sent.doc[m.token].dep_ != "poss" and not sent.doc[m.token].nbor(1).text.startswith(("'", "’"))]
    return ctx.people.name(named[-1].name) if named else None


def quote_with_cue(ctx: Context, decided) -> dict[int, Decision]:
    """A quotation whose sentence holds its cue outside the marks (``"...," X said``): X from the parse."""
    return _parsed_reports(ctx, decided, quoted=True)


def quotation_then_its_speaker(ctx: Context, decided) -> dict[int, Decision]:
    """Rule ``quote_attributed_after``: a sentence wholly inside quotation marks that ends in a question or an
    exclamation mark, and after it in its paragraph a sentence that is only a source and its verb ('"... change so
    fundamentally?" Doe questioned.', split after the question mark) - or that ends in a full stop, the verb after
    it a listed cue (rule ``full_stop_then_listed_cue``: '"... we cannot give up." Costa continued.', not '"..."
    Costa smiled.'): direct, that source the speaker. The cue stands in the next sentence, so the statement records
    its word without a span; the quotation's other sentences follow it (:func:`quote_continues`)."""
    if ctx.parsed is None:
        return {}
    out, sentences = {}, ctx.parsed.sentences
    for si, sent in enumerate(sentences[:-1]):
        nxt = sentences[si + 1]
        if si in decided or nxt.paragraph_index != sent.paragraph_index or not all(sent.in_quote):
            continue
        clause = _bare_attribution(ctx, nxt)
        if clause is None or not (any(t.text in ("?", "!") for t in sent.doc[-3:])
                                  or clause.cue.lower() in ctx.cue_forms):
            clause = _opening_attribution(ctx, nxt)
        if clause is None:
            continue
        speaker, role = speaker_of(ctx, si + 1, clause)
        if speaker:
            out[si] = Decision("direct", speaker, role, clause.cue, None, None, "quote_attributed_after")
    return out


def _bare_attribution(ctx: Context, sent) -> ReportedClause | None:
    """The reading of a sentence that is a source and its verb alone, at most five words ("Doe questioned.", "the
    senator shot back."): the verb the source; None for any other sentence."""
    words = [t for t in sent.doc if not t.is_punct]
    root = next((t for t in words if t.dep_ == "ROOT" and t.pos_ == "VERB"), None)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    if subject is None or len(words) > 5 or subject.i > root.i or any(sent.in_quote) \
            or any(c.dep_ not in ("nsubj", "prt", "advmod", "punct") for c in root.children) \
            or not is_source(sent, subject, ctx.source_nouns, ctx.people.name_words):
        return None
    return clause_at(sent, root, subject, 1.0)


# what a cue may govern in a sentence that only attributes the quotation before it: whom it was told to, where,
# when, how - never words of its own (a clause, another verb)
ATTRIBUTION_ONLY_DEPS = frozenset({"nsubj", "dobj", "dative", "prep", "advmod", "npadvmod", "prt", "punct", "agent"})


def _opening_attribution(ctx: Context, sent) -> ReportedClause | None:
    """Rule ``quote_attributed_by_the_next_sentence``: the reading of a sentence that opens with a source and a verb
    that delivers words verbatim (``QUOTATION_CUE_FORMS``) and says nothing of its own - the cue's other words only
    whom it was said to, where, when or how ('"Did you know it was him?" Todd asked the candidate.', '"... NOW!" Roe
    said on Twitter.'); None for any other sentence (one with a clause, quotation marks or a second verb: 'Roe said
    that ...', 'Roe asked reporters to leave.')."""
    root = next((t for t in sent.doc if t.dep_ == "ROOT"), None)
    if root is None or root.lower_ not in QUOTATION_CUE_FORMS or not root.tag_.startswith("VB") or any(sent.in_quote):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.left_edge.i != 0 or subject.i > root.i \
            or any(c.dep_ not in ATTRIBUTION_ONLY_DEPS for c in root.children) \
            or any(t.pos_ == "VERB" and t.i != root.i for t in sent.doc) \
            or not is_source(sent, subject, ctx.source_nouns, ctx.people.name_words):
        return None
    return clause_at(sent, root, subject, 1.0)


def attribution_words_after_quotation(ctx: Context, decided) -> dict[int, Decision]:
    """Rule ``attribution_words_after_quotation``: a sentence that opens with a quotation and ends in two to
    ``MAX_TAIL_WORDS`` words outside the marks that are a listed cue and a noun phrase, in either order ('"...,"
    Will wrote.', '"...," the editorial read.', '"...," tweeted another.'), quotes that phrase where no sieve before
    found its cue - the parse, misled by the words' shape, reads a name as a modal or a verb as a noun there: direct,
    the phrase (:func:`tail_source`) the source. Recorded as ``quote_with_cue``: the cue stands in the sentence."""
    if ctx.parsed is None:
        return {}
    out = {}
    for si, sent in enumerate(ctx.parsed.sentences):
        if si in decided or not quotation_then_attribution(sent, max_words=MAX_TAIL_WORDS):
            continue
        found = cue_and_source_words(sent, ctx.cue_forms)
        speaker = tail_source(ctx, found[1]) if found else None
        if speaker:
            cue = found[0]
            out[si] = Decision("direct", speaker, None, cue.text, sent.start + cue.idx,
                               sent.start + cue.idx + len(cue.text), "quote_with_cue")
    return out


def cue_and_source_words(sent, forms: frozenset[str]):
    """(cue token, source tokens) of the words after the sentence's opening quotation: a listed cue form last or
    first, the rest the source; None when they are not two to ``MAX_TAIL_WORDS`` words in that shape."""
    flags = sent.in_quote
    tail = [t for t in sent.doc[flags.index(False):] if not t.is_punct]
    if not 2 <= len(tail) <= MAX_TAIL_WORDS:
        return None
    for cue, phrase in ((tail[-1], tail[:-1]), (tail[0], tail[1:])):
        if cue.lower_ in forms and not any(t.lower_ in forms and not _after_an_article(t) for t in phrase):
            return cue, phrase
    return None


def _after_an_article(tok) -> bool:
    """Rule ``cue_word_after_an_article_is_a_noun``: a cue form right after an article is a noun of the source's
    phrase ('"...," the email read.': "email", not a second cue)."""
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in ARTICLES


def tail_source(ctx: Context, phrase) -> str | None:
    """The source ``phrase`` names: a run of capitalised words is a name (the fullest form the parse found), a
    determiner and nouns a description as written ("the editorial"), "another" someone the text has been quoting;
    None for any other phrase (a pronoun, which the parse reads right, or words of no noun phrase)."""
    words = [t.text for t in phrase]
    if all(w[:1].isupper() and w.replace(".", "").isalpha() for w in words):
        return ctx.people.name(" ".join(words))
    if phrase[0].lower_ in ("the", "another") and all(t.is_alpha and t.is_lower for t in phrase) \
            and (len(phrase) > 1 or phrase[0].lower_ == "another"):
        return " ".join(words)
    return None


def cue_with_subject(ctx: Context, decided) -> dict[int, Decision]:
    """``X said (that) ...``, ``..., X said``, ``according to X, ...``: indirect, X the source."""
    return _parsed_reports(ctx, decided, quoted=False)


def left_open(sentences, si: int) -> bool:
    """Sentence ``si`` ends its paragraph inside a quotation it does not close: by the news
    convention a quotation that goes on into the next paragraph has no closing mark here."""
    sent = sentences[si]
    last = sent.doc[-1] if len(sent.doc) else None
    ends_paragraph = si + 1 == len(sentences) or sentences[si + 1].paragraph_index != sent.paragraph_index
    return ends_paragraph and last is not None and sent.in_quote[last.i] and not (last.is_quote or last.text == "''")


def _carried_over(ctx: Context, decided, si: int) -> Decision | None:
    """The decision of the quotation the previous paragraph left open (:func:`left_open`), for the
    quoted sentences at the start of the next paragraph."""
    sentences = ctx.parsed.sentences
    first = _paragraph_start(sentences, si)
    if first == 0 or any(j not in decided and quoted_share(sentences[j]) < ctx.min_share for j in range(first, si)):
        return None
    d = decided.get(first - 1)
    return d if d is not None and d.mode in ("direct", "indirect") and left_open(sentences, first - 1) else None


def _carried_back(ctx: Context, decided, si: int, *, max_paragraphs: int = 3) -> Decision | None:
    """Rule ``quote_continues`` (forward): the decision of the first attributed quotation of the next paragraph,
    for a paragraph that ends inside a quotation it leaves open when the next one reopens it (the news convention:
    '"The first thing we did was call home. / "Then we waited," Roe said.'), over up to ``max_paragraphs``
    paragraphs left open in a row, each opened with the same mark (an excerpt in straight marks that holds a
    curly quotation is another voice)."""
    sentences = ctx.parsed.sentences
    end = _paragraph_end(sentences, si)
    mark = _opening_mark(sentences[_paragraph_start(sentences, si)])
    for _ in range(max_paragraphs):
        if not left_open(sentences, end) or end + 1 == len(sentences) or mark is None \
                or _opening_mark(sentences[end + 1]) != mark:
            return None
        start, end = end + 1, _paragraph_end(sentences, end + 1)
        found = next((decided[j] for j in range(start, end + 1) if j in decided and decided[j].mode == "direct"), None)
        if found is not None:
            return found
    return None


def _paragraph_end(sentences, si: int) -> int:
    """The index of the last sentence of sentence ``si``'s paragraph."""
    while si + 1 < len(sentences) and sentences[si + 1].paragraph_index == sentences[si].paragraph_index:
        si += 1
    return si


def _paragraph_start(sentences, si: int) -> int:
    """The index of the first sentence of sentence ``si``'s paragraph."""
    while si > 0 and sentences[si - 1].paragraph_index == sentences[si].paragraph_index:
        si -= 1
    return si


def _opening_mark(sent) -> str | None:
    """The quotation mark the sentence opens with, if any."""
    first = sent.doc[0] if len(sent.doc) else None
    return first.text if first is not None and (first.is_quote or first.text in OPENING_QUOTES) else None


def quotation_introduced_before(ctx: Context, decided) -> dict[int, Decision]:
    """Rule ``quote_introduced_before``: a sentence that opens with a quotation mark right after a sentence that
    ends in a colon outside quotation marks and reads a listed cue with its source ("He said:", "Roe told
    reporters on Monday:", its paragraph's last sentence or not): direct, that source the speaker (a he/she
    resolved as the parse resolves it). The cue stands in the sentence before, so the statement records its word
    without a span; the quotation's other sentences follow it (:func:`quote_continues`)."""
    if ctx.parsed is None:
        return {}
    out, sentences = {}, ctx.parsed.sentences
    for si in range(1, len(sentences)):
        prev = sentences[si - 1]
        if si in decided or _opening_mark(sentences[si]) is None or not _ends_with_a_colon(prev):
            continue
        clause = reported_clause(prev, ctx.cue_forms, ctx.source_nouns, known_names=ctx.people.name_words,
                                 min_share=0.0)
        speaker, role = speaker_of(ctx, si - 1, clause) if clause is not None else (None, None)
        if speaker:
            out[si] = Decision("direct", speaker, role, clause.cue, None, None, "quote_introduced_before")
    return out


def _ends_with_a_colon(sent) -> bool:
    """The sentence's last token that is no space is a colon outside quotation marks."""
    last = next((t for t in reversed(sent.doc) if not t.is_space), None)
    return last is not None and last.text == ":" and not sent.in_quote[last.i]


def quote_continues(ctx: Context, decided) -> dict[int, Decision]:
    """A sentence mostly inside quotation marks that no sieve attributed takes the speaker of the
    nearest quotation or report of its paragraph the parse already attributed, the one before it
    first ('Roe said the port would reopen. "The boats come back in May."'); at the start of a
    paragraph, that of a quotation the paragraph before left open (:func:`_carried_over`); in a paragraph
    left open, that of the next paragraph that reopens its quotation (:func:`_carried_back`)."""
    if ctx.parsed is None:
        return {}
    out = {}
    so_far = ChainMap(out, decided)               # the decisions before and those this sieve made (a view, no copy)
    quoted_in: dict[int, list[int]] = {}          # paragraph -> its sentences already attributed as speech
    for j, d in decided.items():
        if d.mode in ("direct", "indirect"):
            quoted_in.setdefault(ctx.parsed.sentences[j].paragraph_index, []).append(j)
    for si, sent in enumerate(ctx.parsed.sentences):
        if si in decided or quoted_share(sent) < ctx.min_share or attributes_itself(ctx, sent):
            continue
        near = sorted(quoted_in.get(sent.paragraph_index, []), key=lambda j: (j > si, abs(j - si)))
        d = decided[near[0]] if near else _carried_over(ctx, so_far, si) or _carried_back(ctx, decided, si)
        if d is not None:
            out[si] = Decision("direct", d.speaker, d.role, None, None, None, "quote_continues")
    return out


def attributes_itself(ctx: Context, sent) -> bool:
    """Rule ``quotation_with_its_own_cue``: outside its quotation marks the sentence holds a listed cue verb with a
    subject of its own, also outside them ('Asked about it, she said,"I feel ..."'): the quotation is attributed
    where it stands, never carried on from another report of its paragraph (the sieves after quote_continues
    name its speaker, or none does)."""
    flags = sent.in_quote
    return any(not flags[t.i] and t.tag_.startswith("VB") and t.lower_ in ctx.cue_forms
               and any(c.dep_ in entities.SUBJECT_DEPS and not flags[c.i] for c in t.children) for t in sent.doc)


# Precedence: the order of this tuple. The parse's quotations and reports, and the quotations that go on
# from them in their paragraph, come before the surface rules' guesses of a quotation's speaker from context.
SIEVES = (dialogue_turns, framed_texts, signed_quotations, quotations_under_a_name, quote_with_cue,
          quotation_then_its_speaker, attribution_words_after_quotation, cue_with_subject,
          quoted_characterisation, that_clause_of_a_source, quotation_introduced_before, quote_continues, quotations,
          surface_reported, reported_carries_on)
RULE_NAMES = ("labelled_turn", "turn_continues", "bare_transcript_turn", "question_answer_turn", "framed_text",
              "signed_quotation", "quotation_under_a_name",
              "quote_with_cue", "quote_speaker", "report_inside_quote", "quote_attributed_after",
              "quote_introduced_before", "quote_continues",
              "cue_with_subject", "according_to", "quoted_characterisation", "characterisation",
              "that_clause_of_a_source",
              "reported_cue", "reported_carries_on", "reported_carries_back",
              "learned_reported", "narration")     # learned_reported: added by the review (review.py)


def decisions(ctx: Context, sieves=SIEVES, *, deadline: Deadline = NO_DEADLINE) -> dict[int, Decision]:
    """Run ``sieves`` in order; each sentence keeps the first decision made for it. ``deadline`` is
    checked before each sieve."""
    decided: dict[int, Decision] = {}
    for sieve in sieves:
        deadline.check("attribute")
        decided.update(sieve(ctx, decided))
    return decided


def without_clause_roles(ctx: Context, decided: dict[int, Decision]) -> dict[int, Decision]:
    """The decisions with every role the parse reads as a clause (:func:`role_is_no_description`) dropped."""
    if ctx.parsed is None:
        return decided
    return {si: replace(d, role=None) if d.role and role_is_no_description(ctx, si, d.role) else d
            for si, d in decided.items()}


NOUN_LIKE = ("NOUN", "PROPN", "PRON", "NUM")   # what a description holds; a sentence only tokenised tags nothing


def role_is_no_description(ctx: Context, si: int, role: str) -> bool:
    """Rule ``role_is_no_description``: where the role stands as written, in sentence ``si`` or the nearest one
    before it (else after it: the surface rules can give a role the text writes later), the parse reads a clause
    in it (:func:`holds_a_clause`: "delivered the statement on behalf of 40 countries", cut by the surface rules
    from "Jon Roe, the envoy, delivered ..."), or it opens with a relative pronoun ("who heads the union"), a
    preposition ("for its part") or a gerund ("speaking to reporters"), or it holds no noun, only an article,
    modifiers or adverbs ("A more subdued", cut from "A more subdued Jon Roe may ...", "Now" from "Now Roe says"): no
    description, no role."""
    order = [*range(si, -1, -1), *range(si + 1, len(ctx.parsed.sentences))]
    sent = next((ctx.parsed.sentences[j] for j in order if role in ctx.parsed.sentences[j].doc.text), None)
    span = written_span(sent, role) if sent is not None else []
    return bool(span) and (holds_a_clause(span) or span[0].tag_ in ("WP", "WDT", "WP$", "IN", "VBG")
                           or all(t.pos_ for t in span) and not any(t.pos_ in NOUN_LIKE for t in span))
