"""What a sentence tells the registry: the person it names first and their role, the organisations
and groups it names, the gender its pronouns give a person, an unnamed person the author talked to."""
from __future__ import annotations

import re

from flows.steps import lexicon as L
from flows.steps.attribute.surface.patterns import (
    _APPOSITIVE_AFTER, _DESCRIBED_PERSON, _GENDER_AFTER, _GENDER_BEFORE, _GROUP_NOUN_RE, _GROUP_RE, _NAME_RUN,
    _ORG_RE,
)
from flows.steps.attribute.surface.registry import _Registry, _is_titled, _known_short, _person_in_run, _runs
from flows.steps.attribute.surface.noun_phrases import _clean_np, _looks_role


def _mention_role(masked: str, reg: _Registry) -> tuple[str, str | None, bool] | None:
    """(person, role, named with a title) for the first person named in a sentence: titles before,
    apposition after; a single name counts when the document knows it or a title goes before it
    ("President Tellman", "Mr. Tellman")."""
    for name, role_words, m in _runs(masked):
        titled = _is_titled(role_words)
        if name and (" " in name or _known_short(name, reg) or titled):
            words = [w for w in role_words.split() if w.lower() not in L.HONORIFICS]
            role = " ".join(words) if words and words[-1].lower().strip(".") in L.TITLE_WORDS else None
            after = _APPOSITIVE_AFTER.match(masked, m.end())
            if after and _looks_role(after.group(1)):
                role = role or _clean_np(after.group(1))
            return reg.canonical(name), role, titled
    return None


def _track_orgs(masked: str, reg: _Registry) -> None:
    """Remember organisations named in a sentence: "the bank" later points to the last one."""
    for m in _NAME_RUN.finditer(masked):
        words = m.group().split()
        if len(words) >= 2 and words[-1].lower() in L.ORG_WORDS:
            org = _ORG_RE.match(masked, m.start())
            reg.orgs.append(org.group(1) if org else m.group())


def _note_gender(masked: str, reg: _Registry) -> None:
    """Pronoun gender a sentence gives a named person: "her son, Andras Varga", "Ana Popescu, his wife"."""
    for pattern in (_GENDER_BEFORE, _GENDER_AFTER):
        for m in pattern.finditer(masked):
            hint = L.GENDERED_NOUNS.get(m.group("noun"))
            name, _ = _person_in_run(m.group("name"))
            if hint and name:
                reg.gender.setdefault(reg.canonical(name), hint)


def _track_subject(masked: str, reg: _Registry) -> None:
    """Remember the first person and the last group named in a sentence: later pronouns point to them."""
    mention = _mention_role(masked, reg)
    if mention and (len(mention[0].split()) >= 2 or reg.canonical(mention[0]) != mention[0]
                    or mention[2]):
        reg.note(mention[0], role=mention[1])
    m = _DESCRIBED_PERSON.search(masked)
    if m:
        words = m.group("np").split()
        for i in range(1, len(words)):        # the first person noun after the article
            w = words[i]
            if w in L.NOT_PERSON_NOUNS:
                break
            if w in L.TITLE_WORDS - L.CAP_STOPWORDS or re.search(L.PERSON_NOUN_SUFFIX, w):
                if not re.match(r"\s+of\b", masked[m.start("np") + len(" ".join(words[:i + 1])):]):
                    reg.described = " ".join(words[:i + 1])
                break
    _track_orgs(masked, reg)
    nouns = list(_GROUP_NOUN_RE.finditer(masked))
    if nouns:                       # only then the costlier phrase pattern, near the last group noun
        start = max(0, nouns[-1].start() - L.GROUP_PHRASE_WINDOW)
        groups = list(_GROUP_RE.finditer(masked, start, nouns[-1].end() + L.GROUP_PHRASE_WINDOW))
        if groups:
            g = groups[-1]
            reg.last_group = (g.group(1) + g.group(2)).strip()
