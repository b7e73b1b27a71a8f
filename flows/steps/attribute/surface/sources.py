"""The reported source of one sentence: "according to X", "in X's view", and the subject of a
reporting cue, pre-posed ("X said that") or post-posed (", said X")."""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.steps import lexicon as L
from flows.steps.attribute.surface.patterns import (
    _ACCORDING_RE, _AGE, _APPOSITIVE_AFTER, _COMPOUND_SUBJECT, _CUE_BLOCKER_RE, _CUE_RE, _FINITE, _POSSESSIVE_END_RE,
    _RELATIVE_SUBJECT, _TRAILING_FILLER, _VIEW_RE,
)
from flows.steps.attribute.surface.registry import _Registry, _known_short, _runs
from flows.steps.attribute.surface.noun_phrases import (
    _clean_np, _generic_np, _has_person, _is_appositive, _looks_role, _speaker_from_np,
)


@dataclass(frozen=True)
class _Source:
    name: str
    cue: str | None
    role: str | None
    attribution_only: bool = False
    post_posed: bool = False
    pos: int = -1                 # where the cue is in its sentence


_TELL_FORMS = frozenset(L.CUE_VERB_LEMMAS["tell"])


def _post_np(masked: str, end: int) -> str | None:
    """The noun phrase after a post-posed cue (", said John Ross, a fellow ...")."""
    m = re.match(r"\s+([^,.;:!?\"“”_]{1,80}?)\s*(?:[,.;:!?]|$)", masked[end:])
    if not m:
        return None
    np = m.group(1)
    if re.match(r"(?:that|to|in|on|at|it|this|so|as|about|with|by|for|from)\b", np, re.IGNORECASE) \
            or _FINITE.search(np) or len(np.split()) > 10:
        return None
    return np


def _find_source(masked: str, reg: _Registry, *, voiced: str | None = None) -> _Source | None:
    """The reported source of one sentence (quoted content blanked), or None."""
    # "according to X, ..." / "In the view of X, ..."
    m = _ACCORDING_RE.search(masked)
    if m:
        np = re.match(r"([^,.;:!?_]{1,120})", masked[m.end():])
        if np:
            np_text = re.sub(r"\s+(?:published|released|issued|titled)\b.*$", "", np.group(1))
            name, role = _speaker_from_np(np_text, reg, voiced=voiced)
            if name:
                return _Source(name, m.group().strip().lower(), role)
    # "In Wang's view, ..." / "in his opinion, ..."
    m = _VIEW_RE.search(masked)
    if m:
        who = m.group("who")
        np_text = {"his": "he", "her": "she", "their": "they"}.get(who.lower(), who)
        name, role = _speaker_from_np(np_text, reg, voiced=voiced)
        if name:
            return _Source(name, m.group("cue").lower(), role)
    for m in _CUE_RE.finditer(masked):
        src = _cue_source(masked, m, reg, voiced)
        if src:
            return src
    return None


def _cue_source(masked: str, m: re.Match, reg: _Registry, voiced: str | None) -> _Source | None:
    """The subject of one reporting cue ``m`` in a sentence, if it is a source."""
    cue = m.group().lower().strip(" \"'“‘")
    pre = masked[:m.start()]
    tail = masked[m.end():]
    if _cue_reports_nothing(cue, pre, tail):
        return None
    bare_tail = not re.search(r"[A-Za-z0-9]", tail)
    # post-posed subject: ", said X" / "" said X" - never after "told", whose object is the listener (rule
    # ``told_names_its_listener``: '"...," Jon Roe, who fled ..., told CBS News.')
    if (re.search(r"[,\"”’_]\s*$", pre) or not pre.strip()) and cue not in _TELL_FORMS:
        src = _post_posed_source(masked, m, cue, reg, voiced)
        if src:
            return src
    return _pre_posed_source(pre, cue, m.start(), bare_tail, reg, voiced)


def _cue_reports_nothing(cue: str, pre: str, tail: str) -> bool:
    """The cue, with the text before and after it, is no report: a cue that needs a clause, "that" or
    a quotation without one, an infinitive, a blocked or possessed cue ("did not respond")."""
    if cue in L.CUES_NEEDING_CLAUSE and not re.match(
            r"(?:\s+[\w-]+){0,6}?\s*(?:that\b|to\b|whether\b|if\b|[:,]?\s*[\"“‘_])|[\s.,]*$", tail):
        return True
    if cue in L.CUES_NEEDING_THAT and not re.match(r"\s*(?:that\b|[:,]?\s*[\"“‘_])", tail) and not (
            re.fullmatch(r"[\s.!?\"”’]*", tail) and re.search(r"[,\"”’_]\s*(?:[\w'’-]+\s+){1,10}$", pre)):
        return True                  # (a sentence-final ", the study found." reports what came before)
    if cue in L.CUES_NEEDING_QUOTE and not re.match(
            r"\s*(?:that\b|whether\b|if\b|[:,]?\s*[\"“‘_])|[\s.,!?\"”’]*$", tail):
        return True
    if re.search(r"\bto\s*$", pre) and not (re.search(r"\b(?:likes?|liked|loves?|loved|used)\s+to\s*$", pre)
                                            and re.match(r"\s*[:,]?\s*[\"“‘_]", tail)):
        return True                  # "wanted them to believe": an infinitive, not a report
                                     # (but "X likes to say, '...'" quotes X)
    if _CUE_BLOCKER_RE.search(pre) or (" " not in cue and _POSSESSIVE_END_RE.search(pre)):
        return True                  # "did not respond", "was told", "a request for comment": no report
    return False


def _post_posed_source(masked: str, m: re.Match, cue: str, reg: _Registry, voiced: str | None) -> _Source | None:
    """The subject after the cue (", said John Ross, a fellow at ..."), with a role from its apposition."""
    np = _post_np(masked, m.end())
    if np:
        name, role = _speaker_from_np(np, reg, voiced=voiced)
        if name:
            after = _APPOSITIVE_AFTER.match(masked, m.end() + masked[m.end():].find(np) + len(np))
            if after and not role and _looks_role(after.group(1)):
                role = _clean_np(after.group(1))
            return _Source(name, cue, role, post_posed=True, pos=m.start())
    return None


def _pre_posed_source(pre: str, cue: str, pos: int, bare_tail: bool, reg: _Registry,
                      voiced: str | None) -> _Source | None:
    """The subject before the cue at ``pos``, read back chunk by chunk past appositions ("Ada Okoye,
    the governor, said"); ``bare_tail``: nothing follows the cue, so the sentence may only attribute."""
    pre2 = _TRAILING_FILLER.sub("", pre)
    chunks = re.split(r"(?<!\d),|,(?!\d)|[;:—–\"“”]|\s-\s", pre2)     # not the comma of "8,000"
    role = None
    participle = cue.endswith("ing")
    if _RELATIVE_SUBJECT.search(chunks[-1]):
        return None                  # "the report, which experts said was flawed": not the main clause
    for i in range(len(chunks) - 1, -1, -1):
        c = chunks[i].strip()
        if not c or c.strip("_ \"'“”") == "" or _AGE.fullmatch(c):
            continue                 # rule ``age_apposition_skipped``: "Ann Roe, 70, said"
        if c.split()[0].lower() in L.ARTICLES and i and _has_person(chunks[i - 1]):
            role = role or _clean_np(c)     # "Ada Okoye, the governor, said"
            continue
        last_np = bare_tail and 0 < i == len(chunks) - 1 and c.split()[0].lower() in L.INDEFINITE_ARTICLES \
            and _generic_np(c) is not None   # "..., a new report has found."
        if c.split()[0].lower() == "the" or not _is_appositive(c) or i == 0 or last_np:
            # "Campaigners welcomed the fine but said ...": the subject of the first verb
            comp = _COMPOUND_SUBJECT.match(c)
            name, r = _speaker_from_np(comp.group("subj"), reg, voiced=voiced) if comp else (None, None)
            if not name:
                name, r = _speaker_from_np(c, reg, voiced=voiced)
            if name:
                only = bare_tail and not any(ch.strip("_ \"'“”") for ch in chunks[:i])
                post = bare_tail and i > 0 and bool(re.search(r",\s*$", chunks[i - 1] + ","))
                return _Source(name, cue, r or role, attribution_only=only, post_posed=post and not only,
                               pos=pos)
            if i and (participle or c.split()[0].lower() in L.ARTICLES):
                continue
            if not _is_appositive(c):
                break
        role = role or _clean_np(c)
    return None


def _first_subject(masked: str, reg: _Registry) -> str | None:
    for name, _, _ in _runs(masked):
        if name and (" " in name or _known_short(name, reg)):
            return reg.canonical(name)
    return None
