"""The speaker of each quotation of a paragraph: a source in the sentences it covers, an
attribution-only next sentence, an introducing sentence before it, the person whose letter or
speech comes next, or the speaker the paragraph goes on with."""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.steps import lexicon as L
from flows.steps.segment import sentence_spans
from flows.steps.attribute.surface.patterns import (
    _CUE_RE, _INTRO_RE, _PROVERB_RE, _SPEECH_NOUN_RE, _STATEMENT_RE, _TRAILING_FILLER, _WORD,
)
from flows.steps.attribute.surface.registry import _Registry
from flows.steps.attribute.surface.quotes import _Quote, _is_term
from flows.steps.attribute.surface.labels import _Sent
from flows.steps.attribute.surface.noun_phrases import _is_appositive, _speaker_from_np
from flows.steps.attribute.surface.sources import _Source, _first_subject


@dataclass
class _ParagraphContext:
    """What the search for a quotation's source may look at, around one paragraph."""
    paragraphs: list[str]
    pi: int
    text: str
    ps: list[_Sent]
    msents: list[str]                     # the paragraph's sentences with quoted words blanked
    sources: list[_Source | None]         # reported source of each sentence
    prev_para_last: tuple[str, _Source | None] | None
    person_before: str | None             # the last person named before this paragraph
    last_quote_speaker: str | None        # the previous paragraph ended in a quotation by them
    carry_speaker: str | None             # a quotation left open in the previous paragraph is theirs


def _quote_speakers(ctx: _ParagraphContext, quotes: list[_Quote], reg: _Registry):
    """Speakers of the paragraph's quotations, per sentence index.

    Returns (sentence -> (speaker, cue, role), sentence -> index of the sentence that named the
    source, attribution-only sentence -> (speaker, cue, role)).
    """
    text, ps, sources = ctx.text, ctx.ps, ctx.sources
    quote_speaker: dict[int, tuple[str, str | None, str | None]] = {}
    quote_source_k: dict[int, int] = {}
    said_after: dict[int, tuple[str, str | None, str | None]] = {}
    failed_next: set[int] = set()
    proverbs = [bool(_PROVERB_RE.search(text, s.start, s.end)) for s in ps]
    for q in quotes:
        touching = [k for k, s in enumerate(ps) if s.start < q.end and q.start < s.end]
        if not touching or _is_term(text, q, any(proverbs[k] for k in touching)):
            continue
        src, src_k = _covered_source(ctx, q, touching)
        nxt = touching[-1] + 1
        if src is None and nxt in failed_next:
            continue
        # 2. the next sentence only attributes it ("X said.") or points back ("X's firm statement")
        if src is None and nxt < len(ps) and sources[nxt] and sources[nxt].attribution_only:
            src = sources[nxt]
            said_after.setdefault(nxt, (src.name, src.cue, src.role))
        if src is None:
            src = _source_around(ctx, q, touching, reg)
        if src is None:
            failed_next.add(nxt)        # the same lookups would fail for the next quotation too
            continue
        if _short_quote_is_no_speech(ctx, q, touching, src, src_k, reg):
            continue
        for k in touching:
            quote_speaker.setdefault(k, (src.name, src.cue, src.role))
            if src_k is not None:
                quote_source_k.setdefault(k, src_k)
    return quote_speaker, quote_source_k, said_after


def _covered_source(ctx: _ParagraphContext, q: _Quote, touching: list[int]) -> tuple[_Source | None, int | None]:
    """(source, index of the sentence that named it): the speaker of a quotation left open by the
    paragraph before, else 1. a source named in the sentences the quotation covers (the closing one
    first)."""
    src, src_k = None, None
    if q.opened_before and ctx.carry_speaker:
        src = _Source(ctx.carry_speaker, None, None)
    for k in (list(reversed(touching)) if q.closed else touching):
        if src is None and ctx.sources[k]:
            src, src_k = ctx.sources[k], k
    return src, src_k


def _statement_after(ctx: _ParagraphContext, q: _Quote, touching: list[int], reg: _Registry) -> _Source | None:
    """2. the next sentence points back to it ("X's firm statement ...")."""
    nxt = touching[-1] + 1
    if nxt < len(ctx.ps):
        m = _STATEMENT_RE.search(ctx.msents[nxt])
        if m:
            name, role = _speaker_from_np(m.group("name"), reg, allow_generic=False)
            if name:
                return _Source(name, None, role)
    return None


def _introduced_before(ctx: _ParagraphContext, q: _Quote, touching: list[int], reg: _Registry) -> _Source | None:
    """3. the sentence before introduces it ("X spoke about ...", "X said:")."""
    first = touching[0]
    prev = ctx.msents[first - 1] if first > 0 else (ctx.prev_para_last[0] if ctx.prev_para_last else "")
    prev_src = ctx.sources[first - 1] if first > 0 else (ctx.prev_para_last[1] if ctx.prev_para_last else None)
    if prev.rstrip().endswith(":") or _INTRO_RE.search(prev or ""):
        if prev_src:
            return prev_src
        nm = _first_subject(prev, reg)
        if nm:
            return _Source(nm, None, None)
    return None


def _speech_noun_after(ctx: _ParagraphContext, q: _Quote, touching: list[int], reg: _Registry) -> _Source | None:
    """4. the next sentence is about someone's letter, speech, statement ..."""
    if q.opened_before:
        return None
    nxt = touching[-1] + 1
    nxt_text = ctx.msents[nxt] if nxt < len(ctx.ps) else _first_sentence(ctx.paragraphs, ctx.pi + 1)
    if _SPEECH_NOUN_RE.search(nxt_text or ""):
        nm = _first_subject(nxt_text, reg)
        if nm:
            return _Source(nm, None, None)
    return None


def _paragraph_goes_on(ctx: _ParagraphContext, q: _Quote, touching: list[int], reg: _Registry) -> _Source | None:
    """5. a paragraph that opens with a quotation goes on with the last speaker."""
    ps = ctx.ps
    at_start = q.start <= ps[0].start + 1
    if at_start and (ctx.last_quote_speaker or ctx.person_before) and ps[0].mode != "turn":
        return _Source(ctx.last_quote_speaker or ctx.person_before, None, None)
    return None


# where a quotation's source is looked for when the sentences it covers name none and the next
# sentence does not only attribute it: tried in this order, the first source found is taken
_SOURCE_AROUND_RULES = (_statement_after, _introduced_before, _speech_noun_after, _paragraph_goes_on)


def _source_around(ctx: _ParagraphContext, q: _Quote, touching: list[int], reg: _Registry) -> _Source | None:
    """The quotation's source found around it by the first of ``_SOURCE_AROUND_RULES`` that finds one."""
    for rule in _SOURCE_AROUND_RULES:
        src = rule(ctx, q, touching, reg)
        if src is not None:
            return src
    return None


def _short_quote_is_no_speech(ctx: _ParagraphContext, q: _Quote, touching: list[int], src: _Source,
                              src_k: int | None, reg: _Registry) -> bool:
    """A short quotation that is a term (no cue of its own, not a whole sentence) or words another
    source is quoted with."""
    words = len(_WORD.findall(ctx.text[q.start:q.end]))
    whole = any(q.start <= ctx.ps[k].start + 1 and q.end >= ctx.ps[k].end - 1 for k in touching)
    if words < L.MIN_SPEECH_QUOTE_WORDS and src_k is None and not q.opened_before and not whole:
        return True                     # a short quotation with no cue of its own: a term
                                        # (a quotation that is a whole sentence, "We knew.", is speech)
    # "... after a UN report said China was responsible for 'X'"
    return words < L.MIN_SPEECH_QUOTE_WORDS and src_k is not None and _quoted_by_other(ctx, src_k, q, src, reg)


def _quoted_by_other(ctx: _ParagraphContext, k: int, q: _Quote, src: _Source, reg: _Registry) -> bool:
    """A short quotation right after a later cue whose own subject is not the sentence's source
    ("Families told Amnesty ..., after a UN report said China was responsible for 'X'")."""
    masked = ctx.msents[k]
    qpos = q.start - ctx.ps[k].start
    cues = [m for m in _CUE_RE.finditer(masked, 0, max(qpos, 0)) if m.start() > src.pos >= 0]
    if not cues:
        return False
    clause = re.split(r"[,;:—–\"“”]", _TRAILING_FILLER.sub("", masked[:cues[-1].start()]))[-1]
    if not clause.strip() or _is_appositive(clause) and not re.search(r"\b(?:a|an|the)\s", clause):
        return False
    other, _ = _speaker_from_np(clause, reg)
    return bool(other) and other != src.name


def _first_sentence(paragraphs: list[str], pi: int) -> str:
    if pi >= len(paragraphs):
        return ""
    spans = sentence_spans(paragraphs[pi])
    return paragraphs[pi][spans[0][0]:spans[0][1]] if spans else ""
