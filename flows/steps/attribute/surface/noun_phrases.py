"""Who a noun phrase names: a person, a pronoun resolved through the registry, an organisation, a
group or a document ("Credible reports", "the white paper")."""
from __future__ import annotations

import re

from flows.steps import lexicon as L
from flows.steps.attribute.surface.patterns import _FINITE, _LEADING_CONJ, _NAME_RUN, _ORG_RE, _SUBJ_CUT
from flows.steps.attribute.surface.registry import (
    _Registry, _is_titled, _known_short, _runs, _strip_possessive, _surname_first,
)

# (speaker, role) that a noun phrase names
_Named = tuple[str | None, str | None]


# "the white paper", "this report", "their study": a document named by a common noun (lexicon.DOCUMENT_NOUNS)
_DOCUMENT_PHRASE = re.compile(r"\b(?:the|this|that|its|their)\s+(?:(?:[\w-]+\s+)?(?:"
                              + "|".join(sorted(L.DOCUMENT_NOUNS, key=len, reverse=True)) + r"))\b", re.IGNORECASE)


def _clean_np(np: str) -> str:
    np = _SUBJ_CUT.sub("", np)
    np = _LEADING_CONJ.sub("", np)
    np = re.sub(r"\([^)]*\)?", " ", np)
    np = " ".join(np.split()).strip(" ,;:-—–_\"'“”‘’")
    return np


def _has_person(chunk: str) -> bool:
    return any(name and " " in name for name, _, _ in _runs(chunk))


def _is_appositive(chunk: str) -> bool:
    """A role or relative clause set off by commas ("former minister of ...", "who ...")."""
    c = chunk.strip()
    if not c or _has_person(c):
        return not c
    first = c.split()[0]
    low = first.lower()
    if low in ("who", "which", "whose", "a", "an"):
        return True
    if re.match(r"\w+['’]s\s", c) and c.split()[-1].lower() in L.SOURCE_NOUNS:
        return False                 # "today's statement": a source, not an apposition
    if first[0].islower() or first[0].isdigit():
        return low not in L.PRONOUNS_PERSON | L.PRONOUNS_GROUP | L.QUANTIFIERS | {"the", "it"} \
            and low not in L.SOURCE_NOUNS and not first[0].isdigit()
    if low in L.HONORIFICS and len(c.split()) > 1 and c.split()[1][:1].isupper():
        return False                 # rule ``honorific_opens_a_name``: "On Monday, Mr Chen said": a subject
    return low in L.TITLE_WORDS and low not in ("the", "chinese")


def _generic_np(np: str) -> str | None:
    """A group or document named by a common noun ("Credible reports", "the white paper")."""
    words = np.split()
    doc = _DOCUMENT_PHRASE.search(np)
    cut = len(words)
    for i, w in enumerate(words):
        low = w.lower()
        if i and (_FINITE.fullmatch(low) or low in L.NP_STOP_WORDS):
            cut = i
            break
    words = words[:cut]
    if any(w.lower().strip(",") in L.SOURCE_NOUNS for w in words[:8]):
        return " ".join(words)
    if doc:
        return doc.group()
    return None


def _pronoun_speaker(np: str, words: list[str], low0: str, reg: _Registry, voiced: str | None) -> _Named | None:
    """"he", "they", "it", "you": the person, group, organisation or addressee they point to."""
    if low0 in L.PRONOUNS_PERSON and (len(words) == 1 or not _surname_first(words)):
        if len(words) <= 2:
            return reg.pronoun(low0), None
    if len(words) <= 2 and low0 in L.PRONOUNS_GROUP:
        return (reg.last_group or reg.last_person), None
    if len(words) == 1 and low0 == "it":
        return reg.last_org_source, None     # "it said": the organisation or document last quoted
    if len(words) == 1 and low0 == "you" and reg.addressee:
        return reg.addressee, None           # an interviewer reporting the interviewee: "you said that"
    return None


def _person_speaker(np: str, words: list[str], low0: str, reg: _Registry, voiced: str | None) -> _Named | None:
    """A person's name: the first run that holds one, with the role words before it."""
    for name, role_words, m in _runs(np):
        titled = _is_titled(role_words)
        if not name or (" " not in name and not _known_short(name, reg) and not titled):
            continue
        if re.search(r"['’]s?$", m.group()) and re.match(r"\s+[a-z]", np[m.end():]):
            return None, None      # "Xi's letter explained": the letter, not Xi, is the subject
        role = _clean_np((np[:m.start()] + " " + role_words).strip())
        if role.lower() in ("the", "a", "an", "") or role.lower() in L.HONORIFICS:
            role = None
        canon = reg.canonical(name)
        if role_words and all(w.lower().strip(".") in L.TITLE_WORDS for w in role_words.split()):
            reg.alias(canon, _clean_np(m.group()))      # "President Xi", "General Secretary Xi Jinping"
        if canon != name:
            reg.alias(canon, name)
        return canon, role or None
    return None


def _titled_speaker(np: str, words: list[str], low0: str, reg: _Registry, voiced: str | None) -> _Named | None:
    """"the spokesperson", "the high commissioner", "the Pakistani": the person last named with that
    role, else the last person, else the description itself. Rule ``description_is_a_written_role``: first, a
    description of any length that is word for word the role the text gave a person ("the Federal Minister for
    Industries and Production" after "Federal Minister for Industries and Production Rana Roe") is that person,
    the description their role."""
    described = " ".join(words[1:]) if low0 == "the" else ""
    written = reg.with_role(described) if described else None
    if written:
        return written, described
    if low0 == "the" and len(words) <= 4:
        head = words[-1].lower()
        if head in L.TITLE_WORDS or head in L.PLACE_WORDS or head in ("commissioner", "chief"):
            named = reg.by_role(head)
            if named is None and voiced == "turn" and head in L.TITLE_WORDS and head not in L.PLACE_WORDS:
                return np, None          # "as the Secretary said" in a briefing: someone the text has not named
            named = named or reg.last_person
            if named or voiced == "turn":
                return named, None
            return np, None              # nobody named yet: the description is all we have
    return None


def _organisation_speaker(np: str, words: list[str], low0: str, reg: _Registry, voiced: str | None) -> _Named | None:
    """An organisation, named, pointed back to ("the bank") or described ("French operator EDF")."""
    # an organisation ("Human Rights Watch", "China's Foreign Ministry", "the US State Department")
    org = _ORG_RE.match(np)
    if org and " " in org.group(1) and any(
            _strip_possessive(w).lower() in L.ORG_WORDS for w in org.group(1).split()):
        return org.group(1), None
    # "the bank", "the ministry": the organisation last named with that word
    if low0 == "the" and len(words) == 2 and words[1].lower() in L.ORG_WORDS:
        named = reg.org(words[1].lower())
        if named:
            return named, None
    # "The city council", "the committee" with no such body named: the description is the source
    if low0 == "the" and 2 <= len(words) <= 4 and words[-1].lower() in L.ORG_WORDS and voiced != "framed" \
            and words[-1].islower() and words[-1].lower() not in L.PLACE_WORDS \
            and all(w.islower() or w.lower() in L.PLACE_WORDS for w in words[1:-1]):
        return np, None
    # "French operator EDF", "rights group HRW": a described acronym
    if 2 <= len(words) <= 4 and re.fullmatch(r"[A-Z]{2,6}", words[-1]) and words[-2].islower() \
            and words[-1].lower() not in L.CAP_STOPWORDS and voiced is None:
        return words[-1], _clean_np(" ".join(words[:-1])) or None
    return None


def _speakers_own_matter(np: str, words: list[str], low0: str, reg: _Registry, voiced: str | None) -> _Named | None:
    """(None, None) inside a turn or a framed text for "the ..."/"this ..." or a place: the speaker's
    own matter, not a new source."""
    if voiced == "turn" and low0 in ("the", "this", "that", "these", "those"):
        return None, None
    if voiced and (np.lower() in L.PLACE_WORDS or re.sub(r"^the\s+", "", np.lower()) in L.PLACE_WORDS):
        return None, None
    return None


def _capitalised_speaker(np: str, words: list[str], low0: str, reg: _Registry, voiced: str | None) -> _Named | None:
    """A short phrase of capitalised words only ("Amnesty International"): a body that speaks."""
    caps = [m for m in _NAME_RUN.finditer(np)]
    lower_words = [w for w in words if w[0].islower() and w.lower() not in ("of", "the", "and", "for")]
    if caps and not lower_words and len(words) <= 6:
        org = _clean_np(re.sub(r"^(?:The|the)\s+", "", np))
        if voiced and " " not in org and not org.isupper():
            return None, None        # "Norway insists ..." inside a turn: the speaker's matter
        if org and org.split()[0].lower() not in L.CAP_STOPWORDS and not re.search(r"\d", org):
            return org, None
    return None


def _generic_speaker(np: str, low0: str, reg: _Registry) -> _Named:
    """A group or document named by a common noun ("Credible reports"; "a new report by X" -> "the
    report"), or the group last named that the phrase points back to; else (None, None)."""
    generic = _generic_np(np)
    if generic and low0 in L.INDEFINITE_ARTICLES:
        # "a study published by ...", "a new report by X": the document, later "the study"
        doc_noun = next((w for w in generic.lower().split() if w in L.DOCUMENT_NOUNS), None)
        if doc_noun:
            return "the " + doc_noun, None
    if generic:
        head = generic.split()[-1].lower()
        if low0 == "the" and reg.last_group and head in reg.last_group.lower():
            return reg.last_group, None
        return generic, None
    return None, None


# tried in this order after the pronoun at the end and the first person are handled; each returns
# (speaker, role) when it decides - (None, None) when it decides that nobody is named - or None
_NOUN_PHRASE_RULES = (_pronoun_speaker, _person_speaker, _titled_speaker, _organisation_speaker,
                      _speakers_own_matter, _capitalised_speaker)


def _speaker_from_np(np: str, reg: _Registry, *, allow_generic: bool = True,
                     voiced: str | None = None) -> tuple[str | None, str | None]:
    """(canonical speaker, role) named by a noun phrase, or (None, None).

    ``voiced``: inside a turn or a framed text, where a country or "the ..."
    subject is the speaker's own matter, not a new source.
    """
    np = _clean_np(np)
    if not np:
        return None, None
    words = np.split()
    low0 = re.split(r"['’]", words[0].lower())[0]
    last = words[-1].lower()
    if len(words) > 1 and last in L.PRONOUNS_PERSON | L.PRONOUNS_GROUP | L.FIRST_PERSON | {"you", "it"}:
        if _FINITE.fullmatch(words[-2].lower()):
            return None, None                                   # "Could you explain ...": a question
        return _speaker_from_np(last, reg, voiced=voiced)     # "Last year you said", "Then he added"
    if low0 in ("my", "our") and len(words) > 2 and _has_person(np):
        np = " ".join(words[1:])                               # "my colleague Mia Sol": the colleague speaks
        words, low0 = np.split(), words[1].lower()
    elif low0 in L.FIRST_PERSON or (low0 == "it" and len(words) > 1):
        return None, None
    for rule in _NOUN_PHRASE_RULES:
        found = rule(np, words, low0, reg, voiced)
        if found is not None:
            return found
    return _generic_speaker(np, low0, reg) if allow_generic else (None, None)


def _looks_role(text: str) -> bool:
    """"former minister of ...", "a fellow at ...", "Head of ..." - not "led a delegation"."""
    first = re.split(r"[\s-]", text.strip(), maxsplit=1)[0].lower()
    return first in L.TITLE_WORDS or first in L.ARTICLES or bool(
        re.search(r"(?:or|er|ist|ent|ant|ian|ee)$", first)) and first not in L.CAP_STOPWORDS
