"""Reported speech from the parse: a cue verb, its subject as the source, and how much of the
sentence the cue's content covers. Pure functions over one parsed sentence (spaCy tokens).

A cue is a verb form listed in the learned lexicon (``lexicon.CUE_VERB_FORMS``) outside quotation
marks, or ``according to``. When a sentence has several, the outermost (closest to the root)
wins. The source is the cue's nominal subject, the agent of a passive cue, or - for a cue with no
subject of its own (``..., telling reporters that``) - the subject of the verb it hangs from. The
sentence is reported when the cue's content (its clausal complement; for a cue placed after its
content, ``"...," she said``, everything before it) covers at least ``min_share`` of the letters
and digits of the sentence outside the attribution itself (cue and source phrase).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from flows.steps.entities import SUBJECT_DEPS
from flows.steps.lexicon import (AS_PUT_IT_FORMS, CAUSATIVE_VERB_FORMS, DASHES, DOCUMENT_PART_NOUNS,
                                  HYPOTHETICAL_MARKS, ISSUING_VERB_FORMS, MODAL_VERBS, NO_STANCE_VERB_FORMS,
                                  QUESTION_CUE_FORMS, QUESTION_MARKS, ROOT_SAYING_MIN_SHARE, SHARE_NOUNS,
                                  VOLITION_VERB_FORMS)

CONTENT_DEPS = ("ccomp", "xcomp", "parataxis", "dep")
SOURCE_ENTITIES = ("PERSON", "ORG", "NORP", "GPE")
TIME_ENTITIES = ("DATE", "TIME")
SOURCE_PRONOUNS = frozenset("he she they".split())
SHARE_WORDS = frozenset({"in", "out"})   # "three in 10", "two out of three": a share, in the parse's quantmod
SUBJECT_CLIMB_DEPS = ("xcomp", "advcl", "conj", "acl")
POSTPOSED_DEPS = ("parataxis", "ccomp", "advcl", "conj", "dep")
NOT_IN_SOURCE_DEPS = ("appos", "relcl", "acl", "punct", "prep", "advmod", "case")
_LEADING_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")   # the word a cue token opens with ("co-wrote")
MAX_SOURCE_TAIL = 10        # tokens of a prepositional tail kept in a common noun's source phrase


@dataclass(frozen=True)
class ReportedClause:
    cue: str                    # the cue as written ("said", "according to")
    cue_start: int              # character span of the cue in the sentence text
    cue_end: int
    source_token: int           # index of the source's head token in the sentence doc
    source: str                 # the source phrase as written (pronouns not yet resolved)
    share: float                # share of the sentence's letters and digits in the content
    cue_token: int | None = None    # index of the cue's token in the sentence doc (its first, for "according to")


def _alnum(text: str) -> int:
    return sum(c.isalnum() for c in text)


def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 100:
        tok, d = tok.head, d + 1
    return d


def cue_tokens(sent, forms: frozenset[str] | None) -> list:
    """Cue verbs (any verb when ``forms`` is None) and 'according' (of 'according to') outside
    quotation marks, outermost first."""
    doc = sent.doc
    found = [t for t in doc if not sent.in_quote[t.i] and (
        (t.tag_.startswith("VB") and (t.lower_ in forms if forms is not None else t.pos_ == "VERB"))
        or (t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to") or as_put_it(t))]
    return sorted(found, key=lambda t: (0 if is_parenthetical(t) else _depth(t), t.i))


def as_put_it(token) -> bool:
    """Rule ``as_x_put_it``: the verb of the idiom "as X put it" ("As a professor of law put it, ...", "..., as
    Roe puts it") is a cue, whose content is the clause it comments on (:func:`content_beside`)."""
    if token.lower_ not in AS_PUT_IT_FORMS:
        return False
    kids = {(c.dep_, c.lower_) for c in token.children}
    return ("dobj", "it") in kids and ("mark", "as") in kids


def is_parenthetical(cue) -> bool:
    """Rule ``parenthetical_cue_first``: a cue set off by commas before the verb it hangs on ("Instead, she said,
    her boss told her ...", "The workers, he said, told managers ...") reports the whole sentence, the verb after
    it included: it is read first, as if outermost, not the verb of its content."""
    if cue.dep_ != "parataxis" or cue.head.i < cue.i:
        return False
    doc = cue.doc
    words = [t.i for t in cue.subtree if not t.is_punct]
    return 0 < words[0] and words[-1] + 1 < len(doc) and doc[words[0] - 1].text == "," \
        and doc[words[-1] + 1].text == ","


def source_token(cue, in_quote: tuple[bool, ...] | None = None):
    """The token heading the cue's source, or None. A subject found by climbing from a cue with none
    of its own never lies inside a quotation ('"We were wrong," Ramos, 58, told AFP' parsed with
    'told' joined to 'were'): then the name between the quotation and the cue is the source. Of a passive
    'quoted', the person quoted, not the agent that quotes them ("X was quoted by the agency as saying")."""
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    tok, came_by = cue, None
    for _ in range(4):
        kids = list(tok.children)
        controller = _object_controlling(tok, came_by)
        if controller is not None:
            return whose_antecedent(controller)
        # rule ``passive_then_coordinated_cue``: a cue joined by "and" to a passive verb has no source in that verb's
        # agent ("Roe was joined by Doe and joked, ...": not Doe); a participle of it does (", saying ...")
        agent = next((c for c in kids if c.dep_ == "agent"), None) if came_by != "conj" else None
        quoted = next((c for c in kids if c.dep_ == "nsubjpass"), None) if tok.lower_ == "quoted" else None
        if quoted is not None and (quoted.pos_ == "PROPN" or quoted.lower_ in SOURCE_PRONOUNS):
            return quoted                     # "X was quoted by the agency as saying": X speaks, the agency reports
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        # the nearest subject first: two for one verb is the parse of glued text ("Minister ISLAMABAD, Apr 9 (APP):
        # Minister ..., Shafqat Mehmood on Thursday said"), whose last is the verb's own
        subjects = sorted((c for c in kids if c.dep_ in SUBJECT_DEPS), key=lambda c: abs(c.i - tok.i))
        subj = next((c for c in subjects if in_quote is None or not in_quote[c.i]), subjects[0] if subjects else None)
        if subj is not None and in_quote is not None and tok is not cue and in_quote[subj.i]:
            return _named_after_quotation(cue, in_quote)
        if subj is not None:
            return None if subj.dep_ == "nsubjpass" else whose_antecedent(subj)
        named = _named_right_after(cue, in_quote) if tok is cue else None
        if named is not None:
            return named
        issuing = _issuing_verb(cue) or _verb_past_a_noun_clause(cue) if tok is cue else None
        if issuing is not None:
            tok, came_by = issuing, "acl"
            continue
        if tok.dep_ not in SUBJECT_CLIMB_DEPS or tok.head.i == tok.i:
            return None
        tok, came_by = tok.head, tok.dep_
    return None


def _issuing_verb(cue):
    """Rule ``participle_on_an_issued_text``: a participle cue on the direct object of a verb of putting out a text
    (``ISSUING_VERB_FORMS``: "The group issued a statement saying the bill was unconstitutional", "Trump's campaign
    released a statement saying it was postponing a rally") reports the text, and the text is the subject's: that
    verb, whose subject is the source. None for any other cue."""
    text = cue.head
    if cue.dep_ != "acl" or text.dep_ != "dobj" or text.head.lower_ not in ISSUING_VERB_FORMS \
            or not text.head.tag_.startswith("VB"):
        return None
    return text.head


def _verb_past_a_noun_clause(cue):
    """Rule ``participle_after_a_noun_clause``: a participle cue set off by a comma after the "that" clause of a
    noun ("Roe rejected the idea that the developer would be a drag on the ticket, saying the crowds prove ...",
    the parse hanging "saying" on "be") speaks for the subject of the verb that takes the noun, not for the
    subject inside the noun's clause: that verb (whose subject is the source), or None."""
    clause = cue.head
    if cue.tag_ != "VBG" or cue.dep_ != "advcl" or cue.i == 0 or cue.doc[cue.i - 1].text != "," \
            or clause.dep_ != "acl" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
        return None
    noun = clause.head
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
    return verb if verb is not None and verb.tag_.startswith("VB") else None


def _is_share_tail(head, child) -> bool:
    """A number's tail that makes it a share: "in three", "out of 10" (a number in the tail)."""
    return head.pos_ == "NUM" and child.dep_ == "prep" and child.lower_ in SHARE_WORDS \
        and any(t.pos_ == "NUM" for t in child.subtree)


def _object_controlling(verb, came_by: str | None):
    """Rule ``object_controls_its_infinitive``: climbing from a cue without a subject of its own to the verb it
    completes (``came_by`` "xcomp"), a causative verb's (``CAUSATIVE_VERB_FORMS``) direct object, not its subject, is
    who does the cue ("The timing led Republicans to say ...", "The scandal forced him to admit ...": Republicans,
    him); or None."""
    if came_by != "xcomp" or verb.lower_ not in CAUSATIVE_VERB_FORMS:
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def whose_antecedent(head):
    """Rule ``whose_source_is_its_antecedent``: a subject that "whose" opens ("The hacker whose mischief first
    revealed that ...", "a group whose members say ...") stands for the noun its relative clause modifies;
    "whose mischief" names no one. Where the parser made no relative clause of it (two subjects of one verb), the
    noun right before "whose"."""
    whose = next((c for c in head.children if c.dep_ == "poss" and c.lower_ == "whose"), None)
    if whose is None:
        return head
    clause = next((t for t in head.ancestors if t.dep_ == "relcl"), None)
    if clause is not None:
        return clause.head
    before = head.doc[whose.i - 1] if whose.i > 0 else None
    return before if before is not None and before.pos_ in ("NOUN", "PROPN") else head


def _named_right_after(cue, in_quote: tuple[bool, ...] | None):
    """Rule ``inverted_attribution``: a cue right after a quotation with no subject of its own ('"...," said Robin
    Roe, half joking' parsed with the name the subject of "joking") has for its source the name right after it:
    the last noun of the noun phrase that follows it ("Robin Roe", "the mayor"). None when no quotation ends just
    before the cue or no noun follows it."""
    if in_quote is None:
        return None
    doc, i = cue.doc, cue.i - 1
    while i >= 0 and doc[i].is_punct and not in_quote[i]:
        i -= 1
    if i < 0 or not in_quote[i]:
        return None
    run = []
    for t in doc[cue.i + 1:]:
        if t.pos_ not in ("PROPN", "NOUN", "DET", "ADJ") or in_quote[t.i]:
            break
        run.append(t)
    return next((t for t in reversed(run) if t.pos_ in ("PROPN", "NOUN")), None)


def _named_after_quotation(cue, in_quote: tuple[bool, ...]):
    """The last proper noun (or he/she) between the end of a quotation and the cue, when nothing
    but names, numbers and punctuation stand there; else None."""
    doc, i = cue.doc, cue.i - 1
    between = []
    while i >= 0 and not in_quote[i]:
        between.append(doc[i])
        i -= 1
    if i < 0 or any(t.pos_ in ("VERB", "AUX") for t in between):
        return None
    return next((t for t in between if t.pos_ == "PROPN" or t.lower_ in ("he", "she")), None)


def source_entity(sent, head):
    """The named entity that is the source: a person around the head, else a person named inside
    the head's phrase ("Chinese ambassador to Germany Wu Ken", "UN High Commissioner Volker
    Türk"), outside relative clauses and possessives ("Obama's former strategist" is not Obama), else the
    organisation or nation around the head, else - for a common noun - the one its proper-noun apposition names."""
    ent = next((e for e in sent.doc.ents if e.start <= head.i < e.end), None)
    if ent is not None and ent.label_ == "PERSON":
        return ent
    inner = _inside_the_phrase(head)
    people = [e for e in sent.doc.ents if e.label_ == "PERSON" and e.root.i in inner]
    # rule ``name_after_a_name_renames_the_head``: a person's name in apposition to a proper noun inside the head's
    # phrase names the head, not that proper noun ("A spokesman for Clinton, Brian Fallon, said" parsed with
    # "Fallon" in apposition to "Clinton": the spokesman is Brian Fallon)
    renaming = next((e for e in people if head.pos_ == "NOUN" and e.root.dep_ == "appos"
                     and e.root.head.pos_ == "PROPN" and e.root.head.i in inner), None)
    if renaming is not None or people:
        return renaming or people[0]
    if ent is None and head.tag_ in ("NN", "NNS"):      # "his nephew <name NER took for a body>"
        ent = next((e for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                    for e in sent.doc.ents if e.start <= c.i < e.end), None)
    return ent if ent is not None and ent.label_ in SOURCE_ENTITIES else None


def _inside_the_phrase(head) -> set[int]:
    """Rule ``person_inside_a_plural_or_compound``: the tokens of ``head``'s phrase that may name the person it
    stands for - none for a plural common noun ("several Roe supporters", "friends of Mr. Roe", "exit polls from
    the primary Roe won": people about a person, not the person) and, below a common noun, nothing in a
    relative clause, participle or possessive at any depth, nor a proper noun modifying it ("the Roe campaign",
    "a Roe aide"), which names what the noun belongs to - of this noun or of any common noun below it ("40 percent of
    Roe voters": the voters', not Roe)."""
    if head.tag_ == "NNS":
        return set()
    out, todo = set(), _not_modifying_names(head)
    while todo:
        tok = todo.pop()
        if tok.dep_ in ("relcl", "acl", "poss"):
            continue
        out.add(tok.i)
        todo.extend(_not_modifying_names(tok))
    return out


def _not_modifying_names(tok) -> list:
    """The children of ``tok`` but a compound of a common noun ("Roe" of "Roe voters")."""
    return [c for c in tok.children if not (tok.tag_ in ("NN", "NNS") and c.dep_ == "compound")]


def is_source(sent, head, source_nouns: frozenset[str], known_names: frozenset[str] = frozenset()) -> bool:
    """A pronoun for people, a named person, organisation or nation, a proper noun (the tagger
    sees names NER misses), a word of a person's name given elsewhere in the document, or a noun
    for who reports (``officials``, ``the poll``); an "it" subject, for a body or a document."""
    if head.lower_ in SOURCE_PRONOUNS or source_entity(sent, head) is not None:
        return True
    if head.lower_ == "it" and head.dep_ == "nsubj":
        return True                     # a body or a document, where sieves.it_antecedent finds one
    return head.lower_ in source_nouns or head.tag_ in ("NNP", "NNPS") or head.text in known_names \
        or named_by_a_proper_noun(head) or is_a_share_of_people(sent, head, source_nouns, known_names)


def is_a_share_of_people(sent, head, source_nouns: frozenset[str], known_names: frozenset[str]) -> bool:
    """Rule ``share_of_people_as_source``: a number that is the subject as a share of people ("About three in 10
    said ...", "Six out of 10 said ...", "Nine of the 12 jurors said ..."): a share's "in" or "out of" with its
    number (a quantity modifier, or a tail, as the parse reads it), a part's "of" with the people it counts; those
    who report, not a name elsewhere in the sentence."""
    if head.pos_ != "NUM" or head.dep_ not in SUBJECT_DEPS:
        return False
    if any(c.dep_ == "quantmod" and c.lower_ in SHARE_WORDS or _is_share_tail(head, c) for c in head.children):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        o.dep_ == "pobj" and is_source(sent, o, source_nouns, known_names) for o in c.children) for c in head.children)


def named_by_a_proper_noun(head) -> bool:
    """Rule ``named_common_noun_source``: a common noun that a proper noun before it names is a named source
    ("wrote Time magazine", "the Dunmore Gazette's owners", "the Roe campaign said") even where the entity tagger
    saw no organisation."""
    return head.tag_ in ("NN", "NNS") and any(c.dep_ == "compound" and c.tag_ in ("NNP", "NNPS") and c.i < head.i
                                               for c in head.children)


def source_phrase(sent, head) -> str:
    """The source as written: the named entity that is the source, else the head's noun phrase
    without appositions, relative clauses and prepositional tails. Rule ``member_of_a_group_as_written``: a
    nationality or party word that is itself the head ("said a New Hampshire Republican", "Senate Democrats said")
    stands for people, not a name: its noun phrase is the source, not the entity's word."""
    whole = _document_of_the_part(head) or _renamed_after_a_colon(head)
    if whole is not None:
        return source_phrase(sent, whole)
    ent = source_entity(sent, head)
    if ent is not None and not (ent.label_ == "NORP" and ent.root.i == head.i) and not _name_goes_on(ent, head):
        return without_open_bracket(_cut_at_a_spaced_dash(ent, head).text)
    drop = set()
    for c in head.children:
        if c.dep_ in NOT_IN_SOURCE_DEPS and not _tail_names_whom(head, c) and not _participle_names_its_agent(c) \
                and not _approximates_a_number(head, c):
            drop |= {t.i for t in c.subtree}
    for t in head.subtree:          # rule ``no_clause_in_a_source``: nor a relative clause deeper in a kept modifier
        if t.dep_ == "relcl" and t.i not in drop or _says_when(t):   # ("one official familiar with the talks, who
            drop |= {d.i for d in t.subtree}                          # asked ..."), nor a time (``_says_when``)
    toks = [t for t in head.subtree if t.i not in drop]
    while len(toks) > 1 and toks[-1].is_punct:
        toks.pop()
    if len(toks) > 2 and _completes_an_open_coordination(toks[0]):
        toks = toks[1:]
    return without_open_bracket(sent.doc[toks[0].i:toks[-1].i + 1].text) if toks else head.text


def _cut_at_a_spaced_dash(ent, head):
    """Rule ``entity_ends_at_a_dash``: the tagger's entity may run on over a dash between spaces into what follows it
    ("according to the Tax Policy Center - half a percentage point of ..." tagged as one organisation): the source
    ends before the first such dash after its head."""
    doc = ent.doc
    dash = next((t.i for t in ent if t.i > head.i and t.text in DASHES  # after the head: never the first token
                 and doc[t.i - 1].whitespace_ and t.whitespace_), None)
    return ent if dash is None else doc[ent.start:dash]


def _says_when(tok) -> bool:
    """Rule ``no_time_in_a_source``: a modifier that only says when ("a congressional report on Wednesday", "the
    letter this month", "an analysis released by the agency last month": a preposition and a date, or a date alone)
    is not part of the source."""
    if tok.dep_ not in ("prep", "npadvmod"):
        return False
    words = [t for t in tok.subtree if not t.is_punct and not (t.i == tok.i and tok.dep_ == "prep")]
    return bool(words) and all(t.ent_type_ in TIME_ENTITIES for t in words)


def _renamed_after_a_colon(head):
    """Rule ``apposition_after_a_colon_is_the_source``: a noun phrase before a colon that an apposition after the colon
    renames ("So, yeah, fun news this morning: Q Magazine, my employer, sent me a letter saying ...", parsed with
    "news" the subject) only frames what follows; the apposition is the source. None when there is none."""
    doc = head.doc
    return next((c for c in head.children if c.dep_ == "appos" and c.i > head.i
                 and any(doc[k].text == ":" for k in range(head.i + 1, c.left_edge.i))), None)


def _approximates_a_number(head, child) -> bool:
    """Rule ``approximation_of_a_number_kept``: an adverb before a number or share that is the source ("About four
    in 10 said ...", "Nearly half said ...") is part of how many: kept, as written."""
    return child.dep_ == "advmod" and child.i < head.i and (head.pos_ == "NUM" or head.lower_ in SHARE_NOUNS)


def _completes_an_open_coordination(tok) -> bool:
    """Rule ``coordination_left_open``: ``tok`` comes right after an "and" the parse left without its second
    conjunct ("Minister for Industries and | Production Rana Roe said"): ``tok`` is that conjunct, no word of the
    source's name."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return before is not None and before.dep_ == "cc" and before.head.i < before.i and not any(
        c.dep_ == "conj" for c in before.head.children)


def _document_of_the_part(head):
    """Rule ``document_part_is_its_document``: the head is a part of a text (``DOCUMENT_PART_NOUNS``) with an 'of'
    tail ("the first sentence of the preface of the white paper says"): the text it is part of, whose head is
    returned, is the source. None for any other head."""
    if head.lower_ not in DOCUMENT_PART_NOUNS:
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((g for g in of.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")), None) if of else None


def _name_goes_on(ent, head) -> bool:
    """Rule ``organisation_name_goes_on``: the tagger's organisation ends at the source's head, and the head's
    'of'/'for' tail names more of it ("the UN Office" of "the UN Office of the High Commissioner for Human
    Rights"): the source is the head's whole noun phrase, not the entity cut short."""
    return ent.label_ == "ORG" and ent.end - 1 == head.i and head.tag_ in ("NNP", "NNPS") and any(
        c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i == ent.end
        and any(g.dep_ == "pobj" and g.tag_ in ("NNP", "NNPS") for g in c.children) for c in head.children)


def without_open_bracket(phrase: str) -> str:
    """``phrase`` without a bracket it opens and does not close ("The World Health Organization (WHO" -> "The
    World Health Organization", as NER sometimes cuts an entity)."""
    at = phrase.rfind("(")
    return phrase[:at].rstrip() if at > 0 and ")" not in phrase[at:] else phrase


def _tail_names_whom(head, child) -> bool:
    """Whether a prepositional tail belongs in the source: 'of'/'for' inside a name ("the Office of the
    High Commissioner"), or a tail that says whom a common noun stands for - any 'of'/'for' ("a spokesman
    for the buyer", "the secretary of state", "two-thirds of voters"), another preposition when it names
    someone ("organizers in Lagos"); without it the source says only 'a spokesman'. Never a tail that
    holds a clause."""
    if child.dep_ != "prep":
        return False
    if _is_share_tail(head, child):     # "Two in three said", "Six out of 10 said": the share is the source
        return True
    if head.tag_ in ("NNP", "NNPS"):
        return child.lower_ in ("of", "for")
    tail = list(child.subtree)
    if len(tail) > MAX_SOURCE_TAIL or any(t.pos_ in ("VERB", "AUX") for t in tail):
        return False
    return child.lower_ in ("of", "for") or any(t.ent_type_ in SOURCE_ENTITIES or t.pos_ == "PROPN" for t in tail)


def _participle_names_its_agent(child) -> bool:
    """Rule ``participle_with_its_agent``: a past participle after a common noun with the "by" of who made it ("a
    memo released Friday by the agency's watchdog", "exit polls reported by CNN"), at most ``MAX_SOURCE_TAIL`` words
    with no other verb: whose document or figures they are belongs in the source."""
    if child.dep_ != "acl" or child.tag_ != "VBN" or not any(c.dep_ == "agent" for c in child.children):
        return False
    tail = list(child.subtree)
    return len(tail) <= MAX_SOURCE_TAIL and not any(t.pos_ in ("VERB", "AUX") and t.i != child.i for t in tail)


def content_share(sent, cue, source) -> float:
    """Share of the sentence's letters and digits, outside the attribution itself (the cue and
    the source's phrase), that the cue's content covers."""
    doc = sent.doc
    attribution = {cue.i} | {t.i for t in source.subtree}
    if cue.lower_ == "according":
        attribution |= {t.i for t in cue.subtree}
        content = [t for t in doc if t.i not in attribution]
    else:
        content = cue_content(sent, cue)
    rest = sum(_alnum(t.text) for t in doc if t.i not in attribution)
    return sum(_alnum(t.text) for t in content if t.i not in attribution) / rest if rest else 0.0


def cue_content(sent, cue) -> list:
    """The tokens of a cue's content: its clausal complements - for a verb of asking also the clause an
    "if" or "whether" opens, an indirect question the parser took for an adverbial ("Roe asked the students
    if they were serious") - else what stands beside it (:func:`content_beside`)."""
    return [t for c in cue.children if c.dep_ in CONTENT_DEPS or _asks_whether(cue, c) for t in c.subtree] \
        or content_beside(sent, cue)


def _asks_whether(cue, child) -> bool:
    """``child`` is an adverbial clause opened by "if" or "whether" of a verb of asking: the question asked."""
    return cue.lower_ in QUESTION_CUE_FORMS and child.dep_ == "advcl" and \
        any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in child.children)


def quotes_words_in_content(sent, cue) -> bool:
    """Rule ``quoted_words_in_content``: the cue's content (:func:`cue_content`) holds quoted words that are
    no title (not all capitalised: "said citizens engage in "democratic elections"", not "the "Vienna
    Declaration""): verbatim words of the source, so the report is direct (STATEMENTS.md)."""
    return not names_a_title([t for t in cue_content(sent, cue) if sent.in_quote[t.i] and t.is_alpha])


def names_a_title(quoted: list) -> bool:
    """The quoted words are none, or capitalised like a title or a name, function words aside ("Vienna
    Declaration and Program of Action", "Leave Now")."""
    words = [t for t in quoted if not t.is_stop] or quoted
    return all(t.text[0].isupper() for t in words)


def content_beside(sent, cue) -> list:
    """The content of a cue the parse gave none: what precedes a cue placed after it ('"...," X
    said', also when the parser made the cue the root), the clause a parenthetical cue or an "as" clause of
    the cue comments on ('In some cases, officials say, the port ...', 'As the Herald reported, ...', '..., as
    Roe put it'), or what follows a colon after the cue ('X wrote: ...', 'X told reporters: ...') or a comma
    that a quotation follows (rule ``quotation_after_comma``: 'The email went on to say, "..."', parsed with the
    quotation's clauses hung on the main verb)."""
    doc = sent.doc
    if cue.dep_ == "parataxis" or cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as"
                                                               for c in cue.children):
        return [t for t in doc if not cue.left_edge.i <= t.i <= cue.right_edge.i]
    if cue.dep_ in POSTPOSED_DEPS and cue.head.i < cue.i and not shares_its_subject(cue):
        return [t for t in doc if t.i < cue.left_edge.i]
    quoted = [t for t in doc[:cue.i] if sent.in_quote[t.i]]
    if quoted:
        return quoted
    mark = next((t for t in doc[cue.i + 1:cue.i + 4] if not sent.in_quote[t.i] and (
        t.text == ":" or t.text == "," and any(sent.in_quote[t.i + 1:t.i + 3]))), None)
    return [t for t in doc if t.i > mark.i] if mark is not None else []


def shares_its_subject(cue) -> bool:
    """Rule ``coordinated_verb_reports_nothing_before``: a cue joined by "and" to the verb before it, or a
    participle after it, with no subject of its own, is that subject's second action ("The suspect took a stance
    and pointed an object at the officers", "News of the deal spread and echoed on social media", "Roe won the
    primary, adding to her lead"); what precedes it is the first action, not its content, as it is for a cue
    placed after its content with a subject of its own ('The plan will fail, Roe said')."""
    second = cue.dep_ == "conj" and any(c.dep_ == "cc" for c in cue.head.children if c.i < cue.i) \
        or cue.dep_ == "advcl" and cue.tag_ == "VBG"
    return second and not any(c.dep_ in SUBJECT_DEPS for c in cue.children)


def logistic(z: float) -> float:
    """The logistic function of a linear model's score (clamped: no overflow for extreme scores)."""
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@dataclass(frozen=True)
class CueClassifier:
    """Logistic regression over :func:`clause_features`, trained on PolNeAR train by
    tools/train_cue_classifier.py: is a sentence with this cue and source reported speech?"""

    weights: dict
    bias: float
    threshold: float
    min_share: float = 0.0      # a reading whose content covers less is never reported

    def probability(self, features: list[str], share: float) -> float:
        return logistic(self.bias + self.weights.get("share", 0.0) * share + sum(self.weights.get(f, 0.0) for f in features))


def source_kind(sent, head, source_nouns: frozenset[str]) -> str:
    """What kind of source the head is: a he/she/they, an entity label, a proper noun, a listed source
    noun, another noun."""
    if head.lower_ in SOURCE_PRONOUNS:
        return "pronoun_" + head.lower_
    ent = source_entity(sent, head)
    if ent is not None:
        return ent.label_
    if head.tag_ in ("NNP", "NNPS"):
        return "propn"
    return "noun_listed" if head.lower_ in source_nouns else "noun_other"


def clause_features(sent, cue, head, share: float, source_nouns: frozenset[str] = frozenset()) -> list[str]:
    """Named binary features of a (cue, source) reading of a sentence, for the classifier."""
    doc = sent.doc
    kids = {c.dep_ for c in cue.children}
    modal = any(c.dep_ == "aux" and c.lower_ in ("would", "could", "will", "may", "might", "should", "can")
                for c in cue.children)
    quoted = sum(sent.in_quote) / len(doc)
    return [f"form={cue.lower_}", f"dep={cue.dep_}", f"tag={cue.tag_}", f"src={source_kind(sent, head, source_nouns)}",
            f"share_bin={min(4, int(share * 5))}", f"quoted_bin={min(2, int(quoted * 3))}",
            f"cue_at={min(2, int(3 * cue.i / len(doc)))}", f"src_before={head.i < cue.i}",
            f"depth={min(3, _depth(cue))}", *(f"child={d}" for d in sorted(kids & set(CHILD_FEATURES))),
            *(["modal"] if modal else [])]


CHILD_FEATURES = ("ccomp", "xcomp", "dobj", "neg", "prep", "advcl", "parataxis", "dative", "mark")


def cue_candidates(sent, forms, source_nouns: frozenset[str], known_names: frozenset[str] = frozenset(),
                   *, any_noun: bool = False, noun_subjects: bool = False, where=None):
    """(cue, source head) readings of the sentence with a usable source, outermost cue first. With
    ``any_noun`` every common noun is a possible source too ("The magazine said"), for a
    classifier to weigh; with ``noun_subjects`` every common noun that is the cue's own subject, no function
    word ("one", "others"). ``where``, when given, is a test of the cue token alone, made before its source is
    looked for."""
    for cue in cue_tokens(sent, forms):
        if where is not None and not where(cue):
            continue
        head = source_token(cue, sent.in_quote)
        if head is None or sent.in_quote[head.i] or is_hypothetical(cue) or is_wished_of_its_subject(cue) \
                or forms is not None and inside_anothers_content(cue, forms):
            continue
        noun = head.tag_ in ("NN", "NNS") and (any_noun or noun_subjects and head.dep_ == "nsubj" and not head.is_stop)
        if cue.lower_ != "according" and not is_source(sent, head, source_nouns, known_names) and not noun:
            continue
        yield cue, head


def inside_anothers_content(cue, forms: frozenset[str]) -> bool:
    """Rule ``cue_inside_anothers_content``: the cue stands inside the content of a listed cue above it that has a
    subject ("The report, released by the office, said the government is committing abuses and noted that ...",
    "noted" parsed as joined to "committing"): what that source reports, not a report of its own - the sentence's
    source is the outer cue's or none. A cue set off by commas is read first all the same (:func:`is_parenthetical`:
    "The workers, he said, told managers ...")."""
    if is_parenthetical(cue):
        return False
    tok = cue
    while tok.head.i != tok.i:
        outer = tok.head
        if tok.dep_ in CONTENT_DEPS and outer.lower_ in forms and outer.tag_.startswith("VB") and any(
                c.dep_ in SUBJECT_DEPS for c in outer.children):
            return True
        tok = outer
    return False


def is_hypothetical(cue) -> bool:
    """Rule ``cue_under_if_or_whether``: the cue's own clause opens with "if", "whether" or "unless" ("asking
    if the governor believes that ...", "unclear whether he can comment"): a condition or a question about
    saying, not a report of it."""
    return any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in cue.children)


def is_wished_of_its_subject(cue) -> bool:
    """Rule ``infinitive_with_a_subject_of_its_own``: the cue is a to-infinitive with a subject of its own under a verb
    of wanting or asking (``VOLITION_VERB_FORMS``: "I have always wanted the common people to believe that ...",
    "The party wants voters to think that ..."): what someone else wants of that subject, not a report of its words.
    An infinitive without one ("Roe went on to say that ...") still reports, and so does one a verb of cause governs
    ("..., leading advisers to counter that ...": they did)."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in cue.children) and \
        any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children) and cue.head.lower_ in VOLITION_VERB_FORMS


def says_a_clause(sent, cue, head, share: float, *, source_nouns: frozenset[str], known_names: frozenset[str],
                  clause_cues: frozenset[str], min_share: float) -> bool:
    """Rule ``verb_of_saying_with_clause``: a verb of saying (``clause_cues``: say, tell, add) with a clause
    of its own as content ("At the briefing, Roe, 70, said she was ...") or after its content
    (:func:`said_after_its_content`) is reported speech when that
    clause covers ``min_share`` of the sentence and its subject is a source (a name, a he/she/they, a
    listed noun) - whatever the classifier weighs. STATEMENTS.md: ``X said that ...`` is indirect. A verb of
    saying that is the sentence's main verb reports with less (``ROOT_SAYING_MIN_SHARE``): an adverbial before
    it or a second predicate after its clause ("In a halfhearted endorsement of ..., Roe added that ...",
    "Roe, 63, a voter from Dunmore, said she wanted change, but found ...") does not make it narration. The
    idiom "as X put it" (:func:`as_put_it`) reports the clause it comments on the same way."""
    needed = ROOT_SAYING_MIN_SHARE if cue.dep_ == "ROOT" else min_share
    saying = cue.lower_ in clause_cues and share >= needed \
        and (any(c.dep_ in CONTENT_DEPS for c in cue.children) or said_after_its_content(cue, head))
    return (saying or as_put_it(cue) and share >= min_share) and is_source(sent, head, source_nouns, known_names)


def said_after_its_content(cue, head) -> bool:
    """Rule ``verb_of_saying_after_its_content``: the verb follows a comma and its subject follows it to the
    sentence's end ("..., the plant is hanging on, said the company's chief executive, Jon Roe."): the
    inverted attribution of what comes before, however the parser attached the verb."""
    doc = cue.doc
    last = max((t.i for t in doc if not t.is_punct), default=-1)
    return cue.i > 0 and doc[cue.i - 1].text == "," and cue.i < head.i and head.right_edge.i >= last


def reported_clause(sent, forms: frozenset[str] | None, source_nouns: frozenset[str], *,
                    known_names: frozenset[str] = frozenset(), min_share: float = 0.5,
                    classifier: CueClassifier | None = None,
                    clause_cues: frozenset[str] = frozenset(), noun_subjects: bool = False) -> ReportedClause | None:
    """The sentence's outermost cue with a usable source whose reading is reported speech - by
    the classifier when one is given, else when the content covers ``min_share`` - or None. Where the
    classifier accepts no reading, the outermost reading :func:`says_a_clause` accepts. With a classifier every
    common noun may be the source, with ``noun_subjects`` every common noun subject (:func:`cue_candidates`)."""
    readings = [(cue, head, content_share(sent, cue, head)) for cue, head in cue_candidates(
        sent, forms, source_nouns, known_names, any_noun=classifier is not None, noun_subjects=noun_subjects)]
    for cue, head, share in readings:
        if classifier is not None:
            features = clause_features(sent, cue, head, share, source_nouns)
            if share < classifier.min_share or classifier.probability(features, share) < classifier.threshold:
                continue
        elif share < min_share:
            continue
        return clause_at(sent, cue, head, share)
    if classifier is not None:
        for cue, head, share in readings:
            if says_a_clause(sent, cue, head, share, source_nouns=source_nouns, known_names=known_names,
                             clause_cues=clause_cues, min_share=min_share):
                return clause_at(sent, cue, head, share)
    return None


def stance_in_a_that_clause(sent, source_nouns: frozenset[str], *, listed: frozenset[str] = frozenset(),
                           known_names: frozenset[str] = frozenset(), min_share: float = 0.5) -> ReportedClause | None:
    """Rule ``that_clause_of_a_source``: any verb, a listed cue or not, whose complement is a clause opened by
    "that" ("Defense Minister Roe has regretted that ...", "Roe speculated that ...", "She also holds that ...")
    reports that clause - STATEMENTS.md counts reported views and beliefs as reported speech - when its subject is a
    source (a name, he/she/they, a listed noun) and the clause covers ``min_share`` of the sentence. The ``listed``
    cues are left to the readings that weigh them (cue_with_subject's classifier). A copula's clause ("The problem
    is that ...") reports nothing, nor does that of a verb of bringing about or establishing
    (``NO_STANCE_VERB_FORMS``: "ensured that the vote was held"), a clause "it" stands for ("it emerged that ...",
    "it's hardly surprising that ..."), a result after "so" or "such" ("became so upset that I ..."), a verb of a
    relative clause ("policies she supported that ...": its "that" is the relative pronoun the parse can take for a
    clause's mark), a negated view or one under a modal ("People may not know that ...": ``MODAL_VERBS``), a
    condition or a wish (:func:`cue_candidates`)."""
    for cue, head in cue_candidates(sent, None, source_nouns, known_names,
                                    where=lambda cue: _states_a_view(cue, listed)):
        if head.lower_ == "it":
            continue
        share = content_share(sent, cue, head)
        if share >= min_share:
            return clause_at(sent, cue, head, share)
    return None


def _states_a_view(cue, listed: frozenset[str]) -> bool:
    """The verb has a complement clause opened by "that" after it and is none of the exclusions of
    :func:`stance_in_a_that_clause` that the verb alone shows (a relative clause's, a listed cue, a verb of bringing
    about, a result after so/such, a negated or modal view)."""
    clause = next((c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    return clause is not None and cue.dep_ != "relcl" and cue.lower_ not in NO_STANCE_VERB_FORMS \
        and cue.lower_ not in listed \
        and not any(t.lower_ in ("so", "such") for t in cue.doc[cue.i:clause.left_edge.i]) \
        and not any(c.dep_ == "neg" or c.dep_ == "aux" and c.lower_ in MODAL_VERBS for c in cue.children)


def characterised_in_quotes(sent, forms: frozenset[str], source_nouns: frozenset[str], *,
                            known_names: frozenset[str] = frozenset()) -> ReportedClause | None:
    """Rule ``quoted_characterisation``: a verb that characterises its object (``forms``: call, describe,
    dismiss, label, ...) in quoted words after that object - "X called the ruling "arbitrary"", "dismissed the
    claim as "absurd"", "..., calling the charge "pathetic"" - quotes its source, who is a name, a he/she/they
    or a listed noun. Quoted words that are all capitalised name a thing ("a site called "Leave Now""); a verb
    without an object names one too."""
    for cue in cue_tokens(sent, forms):
        obj = next((c for c in cue.children if c.dep_ == "dobj" and not sent.in_quote[c.i]), None) \
            or _object_inside_predicate(cue, sent.in_quote)
        if obj is None or sent.in_quote[obj.i]:
            continue
        # rule ``quotation_of_a_clause_on_the_object``: quoted words of a participle or relative clause on the object
        # are that clause's ("slammed the tax loophole called an "inversion"": a name the loophole is called)
        own = {t.i for c in obj.children if c.dep_ in ("acl", "relcl") for t in c.subtree}
        quoted = [t for t in cue.subtree if t.i > obj.i and sent.in_quote[t.i] and t.is_alpha and t.i not in own]
        if names_a_title(quoted):
            continue
        clause = _characterising_clause(sent, cue, quoted, source_nouns, known_names)
        if clause is not None:
            return clause
    return None


def _object_inside_predicate(cue, in_quote: tuple[bool, ...]):
    """The object the parser hung on the verb's object predicate as its modifier ("called the protesters "thugs""
    parsed with "protesters" a modifier of "thugs"), or on the quoted words it took for the object (rule
    ``object_hung_on_the_quoted_words``: "calling Mexican border-crossers "rapists"" parsed with "rapists" the
    object): a noun before the predicate. None when there is none."""
    pred = next((c for c in cue.children if c.dep_ == "oprd" or c.dep_ == "dobj" and in_quote[c.i]), None)
    return next((c for c in pred.children if c.dep_ == "nmod" and c.pos_ in ("NOUN", "PROPN", "PRON")
                 and c.i < pred.i), None) if pred is not None else None


def characterised_as(sent, forms: frozenset[str], source_nouns: frozenset[str], *,
                     known_names: frozenset[str] = frozenset()) -> ReportedClause | None:
    """Rule ``characterisation``: a verb that characterises its object (``forms``) with a predicate of that
    object outside quotation marks - "Democrats called the citation a political ploy", "the campaign called the
    charges unsubstantiated", "dismissed the claim as absurd" - reports its source's words, who is a name, a
    he/she/they or a listed noun. A proper noun as the predicate names, it does not characterise ("called their
    son Robert"), nor does a wh-word object ("what China calls people-centred development")."""
    for cue in cue_tokens(sent, forms):
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        pred = _object_predicate(cue, obj) if obj is not None else None
        if pred is None or pred.pos_ == "PROPN" or obj.tag_ in ("WP", "WDT") or sent.in_quote[obj.i] \
                or sent.in_quote[pred.i]:
            continue
        clause = _characterising_clause(sent, cue, (*obj.subtree, *pred.subtree), source_nouns, known_names)
        if clause is not None:
            return clause
    return None


def _characterising_clause(sent, cue, words, source_nouns: frozenset[str],
                           known_names: frozenset[str]) -> ReportedClause | None:
    """The reported clause of a characterising ``cue`` whose subject, outside quotation marks, is a source; its
    share is that of ``words`` (what it says of its object) in the sentence. None when the subject is no source."""
    head = source_token(cue, sent.in_quote)
    if head is None or sent.in_quote[head.i] or not is_source(sent, head, source_nouns, known_names):
        return None
    return clause_at(sent, cue, head, sum(_alnum(t.text) for t in words) / max(1, _alnum(sent.doc.text)))


def _object_predicate(cue, obj):
    """What the verb says its object is: an object predicate after the object ("called the charges
    unsubstantiated"), or the object of an "as" after it ("dismissed the claim as absurd"); None when neither."""
    pred = next((c for c in cue.children if c.dep_ == "oprd" and c.i > obj.i), None)
    prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i), None)
    if pred is None and prep is not None:
        pred = next((c for c in prep.children if c.dep_ in ("pobj", "amod", "acomp")), None)
    return pred


def clause_at(sent, cue, head, share: float) -> ReportedClause:
    """The reported clause of the reading (``cue``, ``head``) of ``sent``, its content covering ``share``."""
    # the cue's word alone where the tokenizer left punctuation glued to it ('said,”I' -> 'said')
    word = _LEADING_WORD.match(cue.text)
    end = cue.idx + len(word.group() if word else cue.text) + (3 if cue.lower_ == "according" else 0)
    return ReportedClause(sent.doc.text[cue.idx:end], cue.idx, end, head.i, source_phrase(sent, head), share, cue.i)
