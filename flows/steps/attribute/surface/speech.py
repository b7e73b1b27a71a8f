"""Direct and reported speech, paragraph by paragraph: each sentence's reported source, the
speakers of its quotations, then per sentence the rule that decides it (a quotation, an
attribution after it, a reporting cue, a report carried on or back, a framed text)."""
from __future__ import annotations

import re

from flows.steps import lexicon as L
from flows.steps.deadline import NO_DEADLINE, Deadline
from flows.steps.attribute.surface.patterns import _FRAMING_RE, _NAME_RUN, _WORD
from flows.steps.attribute.surface.registry import (
    _Registry, _is_human_group, _is_person, _person_in_run, _runs, _strip_possessive,
)
from flows.steps.attribute.surface.quotes import _Quote, _continues_quote, _mask, _quotes
from flows.steps.attribute.surface.labels import _Sent, _sentences_by_paragraph
from flows.steps.attribute.surface.sources import _Source, _find_source
from flows.steps.attribute.surface.mentions import _note_gender, _track_orgs, _track_subject
from flows.steps.attribute.surface.quote_speakers import _ParagraphContext, _quote_speakers

_ISSUING_VERB = re.compile(r"\b(?:" + "|".join(L.ISSUING_VERBS) + r")\b")


def _attribute_speech(paragraphs: list[str], sents: list[_Sent], reg: _Registry, *, dialogue: bool,
                      deadline: Deadline = NO_DEADLINE) -> None:
    """Decide direct and reported speech paragraph by paragraph, in reading order (``deadline`` checked
    before each paragraph)."""
    by_para = _sentences_by_paragraph(sents)
    carry_open = False
    carry_speaker: str | None = None      # speaker of a quotation still open at the end of a paragraph
    last_quote_speaker: str | None = None  # speaker of the previous paragraph's closing quotation
    prev_para_last: tuple[str, _Source | None] | None = None
    framed: str | None = None               # "Following is the full text of the letter": its author
    framed_from = (len(paragraphs), 0)
    for pi, text in enumerate(paragraphs):
        deadline.check("attribute")
        ps = by_para.get(pi, [])
        if not ps:
            continue
        person_before = reg.last_person
        quotes = _quotes(text, carry_open and _continues_quote(text))
        masked = _mask(text, quotes)
        msents = [masked[s.start:s.end] for s in ps]
        sources, framed, framed_from = _sentence_sources(paragraphs, pi, ps, msents, reg, dialogue=dialogue,
                                                         framed=framed, framed_from=framed_from)
        # ---- quotations
        ctx = _ParagraphContext(paragraphs, pi, text, ps, msents, sources, prev_para_last, person_before,
                                last_quote_speaker, carry_speaker)
        quote_speaker, quote_source_k, said_after = _quote_speakers(ctx, quotes, reg)
        # ---- per sentence
        _decide_sentences(ctx, quotes, quote_speaker, quote_source_k, said_after, reg, dialogue=dialogue,
                          framed=framed, framed_from=framed_from)
        # ---- carry quotation state to the next paragraph
        carry_open, carry_speaker, last_quote_speaker = _quotation_carry(quotes, ps, quote_speaker)
        prev_para_last = (msents[-1], sources[-1])


def _sentence_sources(paragraphs: list[str], pi: int, ps: list[_Sent], msents: list[str], reg: _Registry, *,
                      dialogue: bool, framed: str | None,
                      framed_from: tuple[int, int]) -> tuple[list[_Source | None], str | None, tuple[int, int]]:
    """The reported source of each sentence of paragraph ``pi``, sentence by sentence (pronouns resolve
    to the last subject so far, as each sentence is noted in the registry); with the framed text's
    author and where it starts, which a framing sentence sets."""
    text = paragraphs[pi]
    sources: list[_Source | None] = []
    for k, s in enumerate(ps):
        voiced = "turn" if s.mode == "turn" else ("framed" if framed is not None else None)
        reg.addressee = s.addressee
        _note_gender(msents[k], reg)
        src = _find_source(msents[k], reg, voiced=voiced)
        if src and s.mode == "turn" and src.name == s.speaker:
            src = None
        sources.append(src)
        if src:
            reg.note(src.name, role=src.role)
            _track_orgs(msents[k], reg)
        else:
            _track_subject(msents[k], reg)
        if _FRAMING_RE.search(text[s.start:s.end]) and not dialogue:
            framed = _framing_author(paragraphs, pi, text[:s.start], reg)
            framed_from = (pi, k)
    return sources, framed, framed_from


def _decide_sentences(ctx: _ParagraphContext, quotes: list[_Quote], quote_speaker: dict, quote_source_k: dict,
                      said_after: dict, reg: _Registry, *, dialogue: bool, framed: str | None,
                      framed_from: tuple[int, int]) -> None:
    """Each sentence of the paragraph, by the first rule that applies: its quotation's speaker, an
    attribution after a quotation, its own reporting cue, a report carried on, a framed text."""
    ps, sources, msents, pi = ctx.ps, ctx.sources, ctx.msents, ctx.pi
    carry: _Source | None = None
    for k, s in enumerate(ps):
        src = sources[k]
        if k in quote_speaker:
            _decide_quoted(ctx, k, quotes, quote_speaker, quote_source_k, reg)
            carry = None
        elif k in said_after:            # "X, the envoy, said." after the quotation it attributes
            name, cue, role = said_after[k]
            _set(s, "direct", name, role, cue, reg, "quote_attributed_after")
        elif src:
            _set(s, "indirect", src.name, src.role, src.cue, reg, "reported_cue")
            carry = src if _is_person(src.name, reg) or _is_human_group(src.name) else None
            if src.post_posed and not dialogue and framed is None:
                _carry_back(ps, k, src, sources, quote_speaker, reg)
        elif carry and not dialogue and framed is None and not quotes_in(s, quotes) \
                and not _starts_new_voice(msents[k], carry.name):
            _set(s, "indirect", carry.name, carry.role, carry.cue, reg, "reported_carries_on")
        elif framed and s.mode == "narration" and (pi, k) > framed_from:
            _set(s, "direct", framed, None, None, reg, "framed_text")


def _decide_quoted(ctx: _ParagraphContext, k: int, quotes: list[_Quote], quote_speaker: dict,
                   quote_source_k: dict, reg: _Registry) -> None:
    """A sentence a quotation covers is its speaker's, unless it reports someone else inside a longer
    quotation ("Xi has said many times that ...")."""
    s, src = ctx.ps[k], ctx.sources[k]
    name, cue, role = quote_speaker[k]
    if src is None and quote_source_k.get(k) != k and _inside(s, quotes):
        src = _find_source(ctx.text[s.start:s.end], reg, voiced="framed")
        src = src if src and src.cue and not src.post_posed and _is_person(src.name, reg) else None
    if src and src.name != name and quote_source_k.get(k) != k and len(quote_speaker) > 1:
        _set(s, "indirect", src.name, src.role, src.cue, reg, "report_inside_quote")
    else:
        _set(s, "direct", name, role, cue, reg, "quote_speaker")


def _quotation_carry(quotes: list[_Quote], ps: list[_Sent],
                     quote_speaker: dict) -> tuple[bool, str | None, str | None]:
    """What the next paragraph inherits: (a quotation is left open, that quotation's speaker, the
    speaker of the direct quotation the paragraph ends with)."""
    last_q = quotes[-1] if quotes else None
    carry_open = bool(last_q and not last_q.closed)
    last_k = len(ps) - 1
    carry_speaker = quote_speaker.get(last_k, (None,))[0] if carry_open else None
    last_quote_speaker = quote_speaker.get(last_k, (None,))[0] if ps[-1].mode == "direct" else None
    return carry_open, carry_speaker, last_quote_speaker


def _carry_back(ps, k, src, sources, quote_speaker, reg) -> None:
    """", said X" at the end of a paragraph's sentence also covers the unattributed sentences before it."""
    j = k - 1
    while j >= 0 and sources[j] is None and j not in quote_speaker and ps[j].mode == "narration":
        j -= 1
    if j >= 0:
        return          # only when the whole paragraph up to here is unattributed
    for i in range(k):
        _set(ps[i], "indirect", src.name, src.role, src.cue, reg, "reported_carries_back")


def _inside(s: _Sent, quotes: list[_Quote]) -> bool:
    """The sentence lies wholly inside one quotation (its opening and closing marks aside)."""
    return any(q.start <= s.start + 1 and s.end - 1 <= q.end for q in quotes)


def quotes_in(s: _Sent, quotes: list[_Quote]) -> bool:
    return any(s.start < q.end and q.start < s.end for q in quotes)


def _starts_new_voice(masked: str, speaker: str) -> bool:
    """A sentence that plainly is the narrator again: first person, or about the speaker by name."""
    first = _WORD.match(masked.lstrip())
    if not first:
        return False
    word = _strip_possessive(first.group())
    if re.split(r"['’]", word.lower())[0] in L.FIRST_PERSON or word in speaker.split():
        return True
    # another would-be source as the subject: "Police did not give a figure", "Li Ming attended ...",
    # "About 4,500 workers are covered ..."
    counted = re.match(r"\s*(?:(?:about|around|nearly|almost|roughly|some|over|more\s+than|at\s+least)\s+)?"
                       r"[\d,.]+\s+(?:million\s+|thousand\s+)?([\w-]+)", masked, re.IGNORECASE)
    if counted and counted.group(1).lower() in L.SOURCE_NOUNS:
        return True
    if word[:1].isupper() and word.lower() in L.SOURCE_NOUNS and word.lower() not in speaker.lower().split():
        return True
    run = _NAME_RUN.match(masked.lstrip())
    name = _person_in_run(run.group())[0] if run else None
    return bool(name and " " in name and not set(name.split()) & set(speaker.split()))


def _framing_author(paragraphs: list[str], pi: int, before: str, reg: _Registry) -> str | None:
    for text in [before] + [paragraphs[j] for j in range(pi - 1, -1, -1)]:
        m = _ISSUING_VERB.search(text)
        if m:
            pre = text[:m.start()]
            for name, _, r in reversed(list(_runs(pre))):
                if name:
                    return reg.canonical(name)
                org = r.group().strip()
                if org and org.split()[0].lower() not in L.CAP_STOPWORDS:
                    return org
    return reg.last_person


def _set(s: _Sent, mode: str, name: str, role: str | None, cue: str | None, reg: _Registry, rule: str) -> None:
    s.mode, s.speaker, s.role, s.cue, s.rule = mode, name, role, cue, rule
    reg.note(name, role=role)
