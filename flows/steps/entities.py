"""Entities and coreference as a pure pre-pass over a ParsedDocument. No I/O, no state that learns
while it is queried: :func:`document_people` reads the whole document once and returns a frozen
answer that the sieves only look things up in.

- **Canonical names.** Every PERSON entity outside quotation marks is a mention (titles and
  honorifics stripped); a short form (``Trump``, ``Mr. Trump``) maps to the fullest form in the
  document that ends with the same surname (``Donald J. Trump``).
- **Gender evidence**, weighed (:func:`_gender_votes`): an honorific or gendered role noun right before a
  mention (``Mr.``, ``Mrs.``, ``spokeswoman``), the given name (:func:`given_name_gender`, a census prior), and
  pronouns after the only person of a sentence or as the subject of the sentence right after one whose
  subject is that person.
- **Pronouns** (:func:`resolved_pronoun`): ``he``/``she`` resolve to the latest person that was
  the subject of a sentence (else the latest person mentioned) before the pronoun, skipping
  people of the other gender; people named inside quotations are never antecedents.
"""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, replace

from flows.steps.lexicon import (CUE_VERB_FORMS, DASHES, FIRST_PERSON, GENDERED_NOUNS, GIVEN_NAME_PRONOUNS, HONORIFICS,
                                 NAME_PARTICLES, NAME_SUFFIXES, ORG_WORDS, PLACE_WORDS, PRONOUN_FORMS, TITLE_WORDS)

SUBJECT_DEPS = ("nsubj", "nsubjpass")


@dataclass(frozen=True)
class PersonMention:
    sentence: int               # index into ParsedDocument.sentences
    token: int                  # index of the mention's last token in that sentence's doc
    name: str                   # as written, titles stripped
    is_subject: bool
    is_main_subject: bool = False  # the subject of its sentence's main clause (or of a clause joined to it)
    is_owner: bool = False      # a possessive: "Roe's"


@dataclass(frozen=True)
class People:
    mentions: tuple[PersonMention, ...]      # reading order
    canonical: dict                          # name as written -> canonical (fullest) name
    gender: dict                             # canonical name -> "he" | "she"
    descriptors: frozenset = frozenset()     # words of organisation, group and place names
    stray_words: frozenset = frozenset()     # capitalised words the parse reads as no part of the name they open
    titled: frozenset = frozenset()          # (canonical name, "he" | "she") an honorific or gendered noun gives

    def name(self, written: str) -> str:
        """The canonical name of a person as written; a bare surname maps to the fullest name."""
        if written in self.canonical:
            return self.canonical[written]
        if written.lower() in FIRST_PERSON:
            return written
        return next((c for c in self.canonical.values() if c.split()[-1] == written), written)

    def person_at(self, sentence: int, token: int) -> str | None:
        """The canonical person of the mention whose last token is ``token`` of ``sentence``, or None."""
        m = next((m for m in self.mentions if (m.sentence, m.token) == (sentence, token)), None)
        return self.name(m.name) if m is not None else None

    def is_person(self, name: str) -> bool:
        """``name`` is one person the parse found, as written or canonical."""
        return name in self.canonical or name in self.canonical.values()

    @functools.cached_property
    def name_words(self) -> frozenset[str]:
        """Every word of every person's name: a proper noun among them names that person. The pronoun "I" is
        no name word, even where a broken text made it one ("F. B. I." cut to a person "B. I")."""
        return frozenset(w for name in self.canonical for w in name.split() if w.lower() not in FIRST_PERSON)


def is_descriptor(word: str, non_name_words: frozenset[str]) -> bool:
    """A word before a name that describes the person: a title (also plural or abbreviated:
    "Sens.", "Govs."), a role noun in -man/-woman ("Congresswoman"), or a word the document uses
    in the name of an organisation, group or place ("Republican", "MSNBC", "Texas")."""
    low = word.lower().rstrip(".")
    return (low in TITLE_WORDS or (low.endswith("s") and low[:-1] in TITLE_WORDS)
            or low.endswith(("man", "woman")) or word in non_name_words)


PROPER_NOUN_TAGS = ("NNP", "NNPS")
# what the tagger reads a descriptor or discourse word as: a common noun, adjective, adverb or interjection
# (not a modal or verb: "Will Rogers" is tagged MD + NNP and stays whole)
COMMON_WORD_TAGS = ("NN", "NNS", "JJ", "JJR", "JJS", "RB", "RBR", "RBS", "UH")


def _common_word_before_name(tok, rest) -> bool:
    """Rule ``common_word_before_name``: a leading word of a PERSON span that the tagger reads as a
    common word ("Billionaire" NN, "Maybe" RB), written in lower case or capitalised only because
    it opens the sentence, before a proper noun of the span, is no part of the name."""
    opens = tok.i == 0 or tok.is_sent_start or tok.doc[tok.i - 1].is_punct
    return tok.tag_ in COMMON_WORD_TAGS and (tok.is_lower or opens) and any(
        t.tag_ in PROPER_NOUN_TAGS for t in rest)


def _after_owner(toks: list) -> list:
    """Rule ``owner_before_name``: the words of a PERSON span up to a possessive ending followed by a
    proper noun name the owner, not the person ("Breitbart’s Joel Pollak" -> "Joel Pollak")."""
    cut = next((i + 1 for i in range(len(toks) - 2, -1, -1)
                if toks[i].tag_ == "POS" and toks[i + 1].tag_ in PROPER_NOUN_TAGS), 0)
    return toks[cut:]


_DASH_CHARS = "".join(DASHES)    # a dash glued to the front of a name ("-President Roe", a signature) is no part of it


def stripped_name(span, non_name_words: frozenset[str] = frozenset()) -> str:
    """A name as written, without its owner (:func:`_after_owner`), leading titles, honorifics,
    common words (:func:`_common_word_before_name`) and descriptors (two words at least are kept of a longer
    name) or a trailing possessive."""
    toks = _after_owner(list(span))
    while toks and (toks[0].lower_.lstrip(_DASH_CHARS) in TITLE_WORDS or toks[0].lower_ in HONORIFICS
                    or not toks[0].text.strip(_DASH_CHARS + " ") or _common_word_before_name(toks[0], toks[1:])):
        toks.pop(0)
    while len(toks) > 2 and is_descriptor(toks[0].text, non_name_words):
        toks.pop(0)
    while toks and (toks[-1].text in ("'s", "’s", "'", "’") or toks[-1].is_punct):
        toks.pop()
    if not toks:
        return ""
    text = toks[0].doc[toks[0].i:toks[-1].i + 1].text.lstrip(_DASH_CHARS)     # a signature's dash glued to the name
    return text.strip(" ,") if toks[-1].text in NAME_SUFFIXES else text.strip(" ,.")    # "Jr." keeps its stop


def non_name_words(parsed) -> frozenset[str]:
    """Words of the document's organisation, group and place names (outside quotations) - save a word that opens a
    person's name of two words or more there and is never a group or place on its own (rule
    ``given_name_is_no_descriptor``: "Rana" of "Rana Tanveer Hussain" is a name, though "Rana Farm House" is an
    organisation's; "Republican", a group on its own, stays a descriptor)."""
    ents = [ent for sent in parsed.sentences for ent in sent.doc.ents if not sent.in_quote[ent.root.i]]
    words = {t.text for ent in ents if ent.label_ in ("ORG", "NORP", "GPE") for t in ent}
    alone = {ent.text for ent in ents if ent.label_ in ("NORP", "GPE") and len(ent) == 1}
    openers = {ent[0].text for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
    return frozenset(words - (openers - alone))


def _opening_words(sent, ent) -> list:
    """The capitalised words right before a PERSON span and its own words before the first proper noun."""
    doc, i, out = sent.doc, ent.start - 1, []
    while i >= 0 and doc[i].text[:1].isupper() and not sent.in_quote[i]:
        out.append(doc[i])
        i -= 1
    first = next((t.i for t in ent if t.tag_ in PROPER_NOUN_TAGS), ent.start)
    return out + list(doc[ent.start:first])


def stray_words(parsed) -> frozenset[str]:
    """Rule ``words_outside_any_name`` (its evidence): the capitalised words that open a person's name
    as written, or its PERSON span, which the parse reads as no part of the name - a common word
    (``COMMON_WORD_TAGS``: "Maybe", "Billionaire") or a word before the span that hangs from
    outside it or ends a coordinated title ("Information and Broadcasting Ann Berg": "Broadcasting"
    a conjunct, not a compound of the name). A proper noun compounded into the name ("Teodric" of
    "Teodric Anwar Bell", where NER took only "Anwar Bell") is no such word."""
    out = set()
    for sent in parsed.sentences:
        for ent in sent.doc.ents:
            if ent.label_ != "PERSON" or sent.in_quote[ent.root.i]:
                continue
            span = range(ent.start, ent.end)
            out |= {t.text for t in _opening_words(sent, ent) if t.tag_ in COMMON_WORD_TAGS or (
                t.i < ent.start and (_ends_coordinated_title(t) or (
                    t.head.i not in span and t.dep_ not in ("compound", "flat"))))}
    return frozenset(out)


def _ends_coordinated_title(tok) -> bool:
    """A capitalised word after "and" that joins it to another capitalised word which names no
    person completes a title or a body's name ("Minister for Information and Broadcasting"),
    however the parser attached it."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].tag_ != "CC":
        return False
    other = doc[tok.i - 2]
    return other.text[:1].isupper() and other.ent_type_ != "PERSON"


MISLABELLED_PERSON = ("ORG", "PRODUCT", "NORP", "WORK_OF_ART")   # labels the tagger puts on people's names


def _surnames_outside_entities(parsed, found: list[PersonMention]) -> list[PersonMention]:
    """Rule ``surname_without_entity``: a proper noun (or a capitalised subject tagged otherwise,
    :func:`_name_shaped`) outside quotation marks and outside any entity that is the last word of a person's full
    name the entities give elsewhere in the document is a mention of that person ("Cruz openly admitted ..."
    where NER missed a sentence-initial surname). Rule
    ``person_under_another_label``: so is such a surname, or such a full name, that the tagger labels an
    organisation, a product, a group or a title on its own (``Schlafly`` an ORG, ``Carly Fiorina`` an ORG),
    where elsewhere it labels them a person."""
    full = {m.name for m in found if len(m.name.split()) > 1}
    surnames = {name.split()[-1] for name in full}
    out = []
    for si, sent in enumerate(parsed.sentences):
        for t in sent.doc:
            if _name_shaped(t) and t.dep_ != "compound" and t.text in surnames and not sent.in_quote[t.i] \
                    and (not t.ent_type_ or _alone_under_another_label(t)):
                out.append(_mention(si, t.i, t.text, t))
        out += [_mention(si, e.end - 1, e.text, e.root) for e in sent.doc.ents
                if len(e) > 1 and e.label_ in MISLABELLED_PERSON and e.text in full and not sent.in_quote[e.root.i]]
    return out


def _mention(si: int, last: int, name: str, root) -> PersonMention:
    """The mention of ``name`` whose last token is ``last`` of sentence ``si`` and whose head is ``root``; a name in
    apposition to a subject is a subject too (rule ``apposition_to_a_subject``: "Roe's campaign manager, Jon Hale,
    appeared ...")."""
    subject = root.head if root.dep_ == "appos" else root
    is_subject = subject.dep_ in SUBJECT_DEPS
    return PersonMention(si, last, name, is_subject, is_subject and _verb_of_main_clause(subject.head),
                         root.dep_ == "poss")


def _verb_of_main_clause(verb) -> bool:
    """Rule ``main_clause_subject_first``: ``verb`` heads the sentence's main clause or a clause coordinated with
    it ("Roe turned ..., pointing out that Hale had reported ...": "turned", not "reported")."""
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _name_shaped(tok) -> bool:
    """``tok`` is tagged a proper noun, or is a capitalised subject the tagger took for a common noun or a verb
    (sentence-initial "Trump quickly disavowed ..." tagged NN, "Trump quickly pivoted" VB)."""
    return tok.tag_ == "NNP" or tok.dep_ in SUBJECT_DEPS and tok.text[:1].isupper() and tok.pos_ != "PRON"


def _alone_under_another_label(tok) -> bool:
    """``tok`` is a one-word entity the tagger labels other than a person (:data:`MISLABELLED_PERSON`)."""
    doc = tok.doc
    return tok.ent_type_ in MISLABELLED_PERSON and tok.ent_iob_ == "B" \
        and (tok.i + 1 == len(doc) or doc[tok.i + 1].ent_iob_ != "I")


_BODY_AND_PLACE_WORDS = ORG_WORDS | PLACE_WORDS      # a word of either is no word of a person's name


def _speaking_names_outside_entities(parsed, descriptors: frozenset[str]) -> list[PersonMention]:
    """Rule ``speaker_name_without_entity``: a name of two proper nouns or more, outside quotation marks and
    outside any entity, that is the subject of a reporting verb is a person's full name ("Inside the mosque, Adel
    Nefzi said he ...": the tagger knows few names from outside the English-speaking world, and may label the
    surname a place elsewhere). Not where a word of it names organisations or places (``ORG_WORDS``,
    ``PLACE_WORDS``) or is a title ("Information Minister said"), nor where its first word is a word of the
    document's organisation, group and place names (``is_descriptor``: "Goldman Sachs said", labelled an
    organisation elsewhere)."""
    out = []
    for si, sent in enumerate(parsed.sentences):
        for t in sent.doc:
            if t.dep_ not in SUBJECT_DEPS or t.tag_ != "NNP" or sent.in_quote[t.i] \
                    or not (t.head.tag_.startswith("VB") and t.head.lower_ in CUE_VERB_FORMS):
                continue
            run = _proper_nouns_ending_at(t)
            name = stripped_name(run, descriptors)
            words = name.split()
            if len(words) < 2 or any(x.ent_type_ for x in run) or is_descriptor(words[0], descriptors) \
                    or not all(w[:1].isupper() and w.isalpha() and w.lower() not in _BODY_AND_PLACE_WORDS
                               and not is_descriptor(w, frozenset()) for w in words):
                continue
            out.append(_mention(si, t.i, name, t))
    return out


def _proper_nouns_ending_at(head):
    """The span of the proper nouns compounded onto ``head`` right before it, and ``head``; from the first of them
    not glued to the word before it ("Secretary-Treasurer Gary Casteel" -> "Gary Casteel")."""
    doc, start = head.doc, head.i
    while start > 0 and doc[start - 1].tag_ == "NNP" and doc[start - 1].dep_ == "compound" \
            and doc[start - 1].head.i == head.i:
        start -= 1
    while start < head.i and start > 0 and not doc[start - 1].whitespace_:
        start += 1
    return doc[start:head.i + 1]


def person_mentions(parsed, descriptors: frozenset[str] = frozenset()) -> list[PersonMention]:
    """PERSON entities outside quotation marks, the full names of speakers the entities missed
    (:func:`_speaking_names_outside_entities`), and the surnames and full names the entities missed or labelled
    otherwise (:func:`_surnames_outside_entities`), in reading order."""
    out = []
    for si, sent in enumerate(parsed.sentences):
        for ent in sent.doc.ents:
            if ent.label_ != "PERSON" or sent.in_quote[ent.root.i]:
                continue
            name = stripped_name(ent, descriptors)
            if name and any(c.isupper() for c in name) and not _capitals_only_word(name):
                out.append(_mention(si, ent.end - 1, name, ent.root))
    out += _speaking_names_outside_entities(parsed, descriptors)
    out += _surnames_outside_entities(parsed, out)
    bodies = names_described_as_bodies(parsed, descriptors)
    return sorted((m for m in out if m.name not in bodies), key=lambda m: (m.sentence, m.token))


def names_described_as_bodies(parsed, descriptors: frozenset[str] = frozenset()) -> frozenset[str]:
    """Rule ``described_as_a_body``: a PERSON entity (outside quotation marks) in apposition with a noun for a body
    (``ORG_WORDS``: "Xinhua, the official news agency, wrote"; "Acme, a company that ...") names an organisation the
    tagger took for a person - no mention of that name anywhere in the document is a person."""
    out = set()
    for sent in parsed.sentences:
        for ent in sent.doc.ents:
            if ent.label_ == "PERSON" and not sent.in_quote[ent.root.i] and any(
                    c.dep_ == "appos" and c.lower_ in ORG_WORDS for c in ent.root.children):
                out.add(stripped_name(ent, descriptors))
    return frozenset(out)


def _capitals_only_word(name: str, *, min_letters: int = 4) -> bool:
    """One word in capitals only ("ISLAMABAD" of a dateline run into a headline): NER's PERSON there is a
    place or a heading far more often than a person."""
    return " " not in name and len(name) >= min_letters and name.isalpha() and name.isupper()


def canonical_names(names: list[str], persons: frozenset[str] | None = None) -> dict[str, str]:
    """Each name -> the fullest name of the list that ends with its last word and holds all its words;
    a name that ends no fuller name but opens exactly one person's name - a surname written first (``Zhao`` of
    ``Zhao Suisheng``), a given name (``Hillary``), the first words of a longer name (``Rana Tanveer`` of ``Rana
    Tanveer Hussain``) - maps to that person. ``persons`` limits those to people's names (all names when None)."""
    out = {}
    for name in names:
        words = name.split()
        fuller = [n for n in names if n.split()[-1:] == words[-1:] and set(words) <= set(n.split())
                  and _name_words_only(n.split(), set(words))]
        if fuller == [name]:
            fuller = _opened_by(words, names, persons) or _before_a_generation(words, names) or fuller
        out[name] = max(fuller, key=lambda n: (len(n.split()), len(n)))
    return out


def _opened_by(words: list[str], names: list[str], persons: frozenset[str] | None) -> list[str]:
    """Rule ``name_opened_by_short_form``: the one person's name of ``names`` that ``words`` open, else [] - a name
    that only adds a generation to them (``NAME_SUFFIXES``: ``Donald Trump Jr.``) is someone else."""
    opened = {n for n in names if len(n.split()) > len(words) and n.split()[:len(words)] == words
              and _name_words_only(n.split(), set(words)) and not set(n.split()[len(words):]) <= NAME_SUFFIXES
              and (persons is None or n in persons or _a_person_named_longer(words, n.split(), persons))}
    return list(opened) if len(opened) == 1 else []


def _before_a_generation(words: list[str], names: list[str]) -> list[str]:
    """Rule ``surname_before_a_generation``: a surname alone that ends no fuller name maps to the one name of
    ``names`` where it stands before a generation (``NAME_SUFFIXES``: ``Harris`` -> ``Harry B. Harris Jr.``), else
    []. A name of two words or more never does: ``Donald Trump`` is not ``Donald Trump Jr.``."""
    if len(words) != 1:
        return []
    ending = {n for n in names if len(n.split()) > 2 and n.split()[-1] in NAME_SUFFIXES and n.split()[-2] == words[0]
              and _name_words_only(n.split(), set(words))}
    return list(ending) if len(ending) == 1 else []


def _a_person_named_longer(short: list[str], fuller: list[str], persons: frozenset[str]) -> bool:
    """``short`` is a person's name of two words or more and ``fuller`` only adds words no organisation or place
    is named with (``Rana Tanveer Hussain``, which the tagger read as no person, after ``Rana Tanveer``, which it
    did; not ``Hillary Clinton Foundation``)."""
    return len(short) > 1 and " ".join(short) in persons and not any(
        w.lower() in ORG_WORDS | PLACE_WORDS for w in fuller[len(short):])


def _name_words_only(fuller: list[str], short: set[str]) -> bool:
    """Whether the words a fuller form adds are words of a name - capitalised, or a name particle between two
    (``Ludwig van Beethoven``, ``NAME_PARTICLES``) - and not a phrase about it: ``Politico`` is not ``a new report
    by Politico``, ``Ana Roe`` is not ``Minister for Ports and Shipping Ana Roe``."""
    return all(w[:1].isupper() or w in short or 0 < i < len(fuller) - 1 and w in NAME_PARTICLES
               and fuller[i - 1][:1].isupper() and fuller[i + 1][:1].isupper() for i, w in enumerate(fuller))


def _gender_before(sent, ent_start: int) -> str | None:
    for t in sent.doc[max(0, ent_start - 2):ent_start + 1]:
        g = GENDERED_NOUNS.get(t.lower_.rstrip("."))
        if g:
            return g
    return None


PRONOUN_GENDER = {"he": "he", "his": "he", "him": "he", "himself": "he",
                  "she": "she", "her": "she", "hers": "she", "herself": "she"}


def _pronouns_after(sent, token: int) -> list[str]:
    """Genders of the third-person singular pronouns after ``token``, quotations aside."""
    return [PRONOUN_GENDER[t.lower_] for t in sent.doc[token + 1:]
            if t.lower_ in PRONOUN_GENDER and not sent.in_quote[t.i]]


def _gender_written_before(parsed, m: PersonMention) -> str | None:
    """The gender an honorific or gendered noun right before mention ``m`` gives (its entity's start, else its last
    token), or None."""
    sent = parsed.sentences[m.sentence]
    ent = next((e for e in sent.doc.ents if e.end - 1 == m.token), None)
    return _gender_before(sent, ent.start if ent is not None else m.token)


def _titled_mentions(parsed, mentions, canonical) -> list[tuple[str, str]]:
    """(canonical person, gender) for each mention with an honorific or gendered noun right before it."""
    out = []
    for m in mentions:
        g = _gender_written_before(parsed, m)
        if g:
            out.append((canonical[m.name], g))
    return out


def _gender_votes(parsed, mentions, canonical, titled: list[tuple[str, str]],
                  given: dict[str, str]) -> dict[str, str]:
    """Per canonical person, the gender the evidence gives, weighed: an honorific or gendered noun before a
    mention (``titled``, :func:`_titled_mentions`: 2); the person's given name (``given``, :func:`given_name_genders`:
    1.5); pronouns after the only person of a sentence, and the he/she subject of the next sentence after a
    sentence whose subject is that person alone (1 each). So one pronoun never overturns a given name, two do."""
    votes: dict[str, Counter] = {}
    by_sentence: dict[int, list[PersonMention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    for person, g in titled:
        votes.setdefault(person, Counter())[g] += 2
    for person, g in given.items():
        votes.setdefault(person, Counter())[g] += 1.5
    for si, ms in by_sentence.items():
        people = {canonical[m.name] for m in ms}
        if len(people) != 1:
            continue
        person = people.pop()
        votes.setdefault(person, Counter()).update(_pronouns_after(parsed.sentences[si], ms[0].token))
        if not any(m.is_subject for m in ms) or si + 1 >= len(parsed.sentences):
            continue
        nxt = parsed.sentences[si + 1]
        subj = [t.lower_ for t in nxt.doc if t.dep_ in SUBJECT_DEPS and t.lower_ in ("he", "she")
                and not nxt.in_quote[t.i]]
        if subj:
            votes[person][subj[0]] += 1
    return {p: max(v, key=v.get) for p, v in votes.items() if v["he"] != v["she"]}


def given_name_gender(person: str) -> str | None:
    """Rule ``given_name_gender``: the pronoun the given name of ``person`` usually takes
    (lexicon.GIVEN_NAME_PRONOUNS); a one-word name gives none."""
    words = person.split()
    return GIVEN_NAME_PRONOUNS.get(words[0].lower()) if len(words) > 1 else None


def given_name_genders(people: set[str]) -> dict[str, str]:
    """Person -> the pronoun their given name takes, for those whose given name gives one."""
    return {p: g for p in people if (g := given_name_gender(p))}


def document_people(parsed) -> People:
    """The people of a document: mentions, canonical names and gender, read once."""
    descriptors = non_name_words(parsed)
    mentions = person_mentions(parsed, descriptors)
    canonical = canonical_names(list(dict.fromkeys(m.name for m in mentions)))
    mentions = _chosen_by_honorifics(parsed, mentions, frozenset(canonical.values()))
    titled = _titled_mentions(parsed, mentions, canonical)
    given = given_name_genders(set(canonical.values()))
    return People(tuple(mentions), canonical, _gender_votes(parsed, mentions, canonical, titled, given), descriptors,
                  stray_words(parsed), frozenset(titled))


def _chosen_by_honorifics(parsed, mentions, persons: frozenset[str]) -> list[PersonMention]:
    """Each mention, a surname alone after an honorific or gendered noun (``Mr. Clinton``) named as the one person it
    picks out (:func:`person_of_gender`)."""
    out = []
    for m in mentions:
        gender = _gender_written_before(parsed, m) if " " not in m.name else None
        pick = person_of_gender(m.name, gender, persons) if gender else None
        out.append(replace(m, name=pick) if pick else m)
    return out


def person_of_gender(surname: str, gender: str, persons) -> str | None:
    """Rule ``honorific_picks_the_person``: of two people of ``persons`` or more whose names end with ``surname``,
    the one whose given name does not take the other gender (:func:`given_name_gender`) - "Mr. Clinton" is Bill
    Clinton where Hillary Clinton is named too, not whichever name is longer; None where no such choice is to be
    made, or none or several fit (a given name the list does not know fits either gender)."""
    other = "she" if gender == "he" else "he"
    fuller = {p for p in persons if len(p.split()) > 1 and p.split()[-1] == surname}
    fit = [p for p in fuller if given_name_gender(p) != other] if len(fuller) > 1 else []
    return fit[0] if len(fit) == 1 else None


def resolved_pronoun(people: People, pronoun: str, sentence: int, token: int, doc=None) -> str | None:
    """The canonical person a he/she at (sentence, token) refers to, or None, skipping people of the other gender:
    an owner in its own sentence (:func:`owner_antecedent`), else the latest subject, and within that subject's
    sentence a subject of the main clause before one of a clause below it (rule ``main_clause_subject_first``),
    else the latest person mentioned. ``doc`` is the pronoun's sentence's parse."""
    owner = owner_antecedent(people, pronoun, sentence, token, doc) if doc is not None else None
    if owner:
        return owner
    fits = _mentions_before(people, pronoun.lower(), sentence, token)
    subjects = [m for m in fits if m.is_subject]
    if subjects:
        latest = subjects[-1].sentence
        return people.name(max((m for m in subjects if m.sentence == latest),
                               key=lambda m: (m.is_main_subject, m.token)).name)
    return people.name(fits[-1].name) if fits else None


def _mentions_before(people: People, pronoun: str, sentence: int, token: int) -> list[PersonMention]:
    """The mentions before (sentence, token) of people the pronoun may stand for (not known as the other gender)."""
    return [m for m in people.mentions if (m.sentence, m.token) < (sentence, token)
            and people.gender.get(people.name(m.name), pronoun) == pronoun]


def owner_antecedent(people: People, pronoun: str, sentence: int, token: int, doc) -> str | None:
    """Rule ``owner_in_the_same_sentence``: the latest person of the pronoun's gender named before it in its own
    sentence, written as an owner, where no subject of that gender nor a pronoun of that gender (in ``doc``, the
    sentence's parse, before ``token``) precedes it there, is its antecedent before the subjects of earlier
    sentences ("Roe's role is under discussion, but he has said ..."; not "He praised Roe's plan, and he said ...",
    nor "By her account, after examining Roe's leg, she insisted ..."). The canonical person, or None."""
    want = pronoun.lower()
    here = [m for m in _mentions_before(people, want, sentence, token) if m.sentence == sentence]
    if not here or not here[-1].is_owner or any(m.is_subject for m in here) \
            or any(t.lower_ in PRONOUN_FORMS[want] for t in doc[:token]):
        return None
    return people.name(here[-1].name)
