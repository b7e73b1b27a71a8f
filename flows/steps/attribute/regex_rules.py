"""Attribution: paragraphs of one document -> one attributed statement per sentence. Pure, no I/O.

The document is read once, in order, keeping a small registry of who has been
named (``_Registry``): the fullest form of each person's name, the last person
and group named (for "he", "she", "they"), the organisations named (for "the
bank", "it"), and roles from titles and appositions.

1. **Labels and turns.** ``Name:``, ``Q:``, ``CRI:``, ``en.humanrights.cn:``,
   ``Gargi Mahadeshwar (GM):`` / ``GM:`` at the start of a paragraph or a
   sentence, or a name alone on its line (two or more such lines), is cut off
   the sentence and names the current speaker; a label-only paragraph yields no
   sentence. A document with labels is a dialogue: every sentence is a ``turn``.
   An unlabelled paragraph that ends in a question is the interviewer's; the
   unlabelled paragraph after a question is the interviewee's. Paragraphs before
   the first label are narration up to an interview introduction, the
   interviewee's otherwise (a press conference's opening remarks). An unlabelled
   all-lower-case transcript alternates interviewer/interviewee by line and by
   questions put to "you". Labels in a text that is no dialogue stay in their
   sentences.
2. **Quotations.** Quoted spans (straight, curly, single quotes) are found per
   paragraph, also a quotation left open by the paragraph before. A span is
   speech unless it is a term, title, slogan or proverb (a marker word before
   it, title case, a proverb cue, fewer than MIN_SPEECH_QUOTE_WORDS words with
   no reporting cue). Its source: a cue in the sentences it covers; an
   attribution-only next sentence ("X, the envoy, said." / "X's firm statement
   ..."); an introducing sentence before it ("X spoke about ...", "...:"); the
   person whose letter or speech the next sentence is about; for a paragraph
   opening with a quotation, the previous quotation's speaker or the last
   person named. A report inside a long quotation ("Xi has said many times
   that ...") is that report's.
3. **Reported speech.** A reporting cue (lexicon.CUES; some only before a
   clause) with a source as its subject - a person, a pronoun, an organisation,
   a document, a group noun ("Credible reports", "experts attending ...") -
   makes the sentence ``indirect``: pre-posed "X said that", post-posed ",
   said X, a professor at ...", participial ", saying that", "according to X".
   First-person subjects never report. Inside a turn or a framed text, the
   speaker's own matter ("China insists", "This resolution stresses") is not a
   new source. The report carries on into the following sentences of the
   paragraph (not into first-person ones or new statements about the speaker),
   and a post-posed attribution also covers the unattributed sentences before
   it in the paragraph.
4. **Framed texts.** After "Following is the full text of the letter" (or
   "Some excerpts:"), the rest of the document is ``direct`` speech of the
   author of the letter/article named before.
5. **Output.** Speakers are canonical (fullest name, titles stripped), with a
   profile each (role, aliases seen); cue is the reporting verb or "label".

Every word list and threshold lives in :mod:`flows.steps.lexicon`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.steps import lexicon as L
from flows.steps.segment import sentence_spans
from flows.steps.attribute.model import MODES, AttributedDocument, AttributedSentence, SpeakerProfile  # noqa: F401
from flows.steps.attribute.surface.patterns import (
    _CUE_RE, _FRAMING_RE, _INTRO_RE, _NAME_RUN, _PROVERB_RE, _SPEECH_NOUN_RE, _STATEMENT_RE, _TRAILING_FILLER,
    _WORD,
)
from flows.steps.attribute.surface.registry import (
    _Registry, _document_people, _is_human_group, _is_person, _person_in_run, _runs, _strip_possessive,
)
from flows.steps.attribute.surface.quotes import _Quote, _continues_quote, _is_term, _mask, _quotes
from flows.steps.attribute.surface.labels import _Sent, _split
from flows.steps.attribute.surface.noun_phrases import _is_appositive, _speaker_from_np
from flows.steps.attribute.surface.sources import _Source, _find_source, _first_subject
from flows.steps.attribute.surface.dialogue import (
    _assign_bare_turns, _assign_turns, _dialogue_labels, _is_bare_transcript,
)
from flows.steps.attribute.surface.mentions import _note_gender, _track_orgs, _track_subject


# ------------------------------------------------------------------ document
def attributed_document(paragraphs: list[str], *, title: str | None = None,
                        outlet: str | None = None) -> AttributedDocument:
    """Attribute every sentence of every paragraph of one document, in reading order."""
    people = _document_people(paragraphs + ([title] if title else []))   # the title names people too
    sents, label_only = _split(paragraphs, people)
    reg = _Registry(people)
    labels = _dialogue_labels(sents, label_only, paragraphs)
    dialogue = bool(labels)
    if not dialogue:            # "Word:" in a text that is no dialogue stays part of its sentence
        for s in sents:
            if s.label is not None:
                s.start, s.label = s.label_start, None
    if labels:
        _assign_turns(paragraphs, sents, label_only, labels, reg, outlet)
    elif _is_bare_transcript(paragraphs, sents):
        _assign_bare_turns(paragraphs, sents)
        dialogue = True
    _attribute_speech(paragraphs, sents, reg, dialogue=dialogue)
    return _finish(paragraphs, sents, reg)


# ------------------------------------------------------------------ speech
def _attribute_speech(paragraphs: list[str], sents: list[_Sent], reg: _Registry, *, dialogue: bool) -> None:
    by_para: dict[int, list[_Sent]] = {}
    for s in sents:
        by_para.setdefault(s.para, []).append(s)
    carry_open = False
    carry_speaker: str | None = None      # speaker of a quotation still open at the end of a paragraph
    last_quote_speaker: str | None = None  # speaker of the previous paragraph's closing quotation
    prev_para_last: tuple[str, _Source | None] | None = None
    framed: str | None = None               # "Following is the full text of the letter": its author
    framed_from = (len(paragraphs), 0)
    for pi, text in enumerate(paragraphs):
        ps = by_para.get(pi, [])
        if not ps:
            continue
        person_before = reg.last_person
        quotes = _quotes(text, carry_open and _continues_quote(text))
        masked = _mask(text, quotes)
        msents = [masked[s.start:s.end] for s in ps]
        # reported sources, sentence by sentence (pronouns resolve to the last subject so far)
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
        # ---- quotations
        ctx = _ParagraphContext(paragraphs, pi, text, ps, msents, sources, prev_para_last, person_before,
                                last_quote_speaker, carry_speaker)
        quote_speaker, quote_source_k, said_after = _quote_speakers(ctx, quotes, reg)
        # ---- per sentence
        carry: _Source | None = None
        for k, s in enumerate(ps):
            src = sources[k]
            if k in quote_speaker:
                name, cue, role = quote_speaker[k]
                if src is None and quote_source_k.get(k) != k and _inside(s, quotes):
                    src = _find_source(text[s.start:s.end], reg, voiced="framed")
                    src = src if src and src.cue and not src.post_posed and _is_person(src.name, reg) else None
                if src and src.name != name and quote_source_k.get(k) != k and len(quote_speaker) > 1:
                    _set(s, "indirect", src.name, src.role, src.cue, reg, "report_inside_quote")
                else:
                    _set(s, "direct", name, role, cue, reg, "quote_speaker")
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
        # ---- carry quotation state to the next paragraph
        last_q = quotes[-1] if quotes else None
        carry_open = bool(last_q and not last_q.closed)
        last_k = len(ps) - 1
        carry_speaker = quote_speaker.get(last_k, (None,))[0] if carry_open else None
        last_quote_speaker = quote_speaker.get(last_k, (None,))[0] if ps[-1].mode == "direct" else None
        prev_para_last = (msents[-1], sources[-1])


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
    text, ps, msents, sources = ctx.text, ctx.ps, ctx.msents, ctx.sources
    quote_speaker: dict[int, tuple[str, str | None, str | None]] = {}
    quote_source_k: dict[int, int] = {}
    said_after: dict[int, tuple[str, str | None, str | None]] = {}
    failed_next: set[int] = set()
    proverbs = [bool(_PROVERB_RE.search(text, s.start, s.end)) for s in ps]
    for q in quotes:
        touching = [k for k, s in enumerate(ps) if s.start < q.end and q.start < s.end]
        if not touching or _is_term(text, q, any(proverbs[k] for k in touching)):
            continue
        src, src_k = None, None
        if q.opened_before and ctx.carry_speaker:
            src = _Source(ctx.carry_speaker, None, None)
        # 1. a source named in the sentences the quotation covers (the closing one first)
        for k in (list(reversed(touching)) if q.closed else touching):
            if src is None and sources[k]:
                src, src_k = sources[k], k
        nxt = touching[-1] + 1
        if src is None and nxt in failed_next:
            continue
        # 2. the next sentence only attributes it ("X said.") or points back ("X's firm statement")
        if src is None and nxt < len(ps) and sources[nxt] and sources[nxt].attribution_only:
            src = sources[nxt]
            said_after.setdefault(nxt, (src.name, src.cue, src.role))
        if src is None and nxt < len(ps):
            m = _STATEMENT_RE.search(msents[nxt])
            if m:
                name, role = _speaker_from_np(m.group("name"), reg, allow_generic=False)
                if name:
                    src = _Source(name, None, role)
        # 3. the sentence before introduces it ("X spoke about ...", "X said:")
        if src is None:
            first = touching[0]
            prev = msents[first - 1] if first > 0 else (ctx.prev_para_last[0] if ctx.prev_para_last else "")
            prev_src = sources[first - 1] if first > 0 else (ctx.prev_para_last[1] if ctx.prev_para_last else None)
            if prev.rstrip().endswith(":") or _INTRO_RE.search(prev or ""):
                if prev_src:
                    src = prev_src
                else:
                    nm = _first_subject(prev, reg)
                    if nm:
                        src = _Source(nm, None, None)
        # 4. the next sentence is about someone's letter, speech, statement ...
        if src is None and not q.opened_before:
            nxt_text = msents[nxt] if nxt < len(ps) else _first_sentence(ctx.paragraphs, ctx.pi + 1)
            if _SPEECH_NOUN_RE.search(nxt_text or ""):
                nm = _first_subject(nxt_text, reg)
                if nm:
                    src = _Source(nm, None, None)
        # 5. a paragraph that opens with a quotation goes on with the last speaker
        at_start = q.start <= ps[0].start + 1
        if src is None and at_start and (ctx.last_quote_speaker or ctx.person_before) and ps[0].mode != "turn":
            src = _Source(ctx.last_quote_speaker or ctx.person_before, None, None)
        if src is None:
            failed_next.add(nxt)        # the same lookups would fail for the next quotation too
            continue
        words = len(_WORD.findall(text[q.start:q.end]))
        whole = any(q.start <= ps[k].start + 1 and q.end >= ps[k].end - 1 for k in touching)
        if words < L.MIN_SPEECH_QUOTE_WORDS and src_k is None and not q.opened_before and not whole:
            continue                    # a short quotation with no cue of its own: a term
                                        # (a quotation that is a whole sentence, "We knew.", is speech)
        if words < L.MIN_SPEECH_QUOTE_WORDS and src_k is not None and _quoted_by_other(ctx, src_k, q, src, reg):
            continue                    # "... after a UN report said China was responsible for 'X'"
        for k in touching:
            quote_speaker.setdefault(k, (src.name, src.cue, src.role))
            if src_k is not None:
                quote_source_k.setdefault(k, src_k)
    return quote_speaker, quote_source_k, said_after


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


def _carry_back(ps, k, src, sources, quote_speaker, reg) -> None:
    """", said X" at the end of a paragraph's sentence also covers the unattributed sentences before it."""
    j = k - 1
    while j >= 0 and sources[j] is None and j not in quote_speaker and ps[j].mode == "narration":
        j -= 1
    if j >= 0:
        return          # only when the whole paragraph up to here is unattributed
    for i in range(k):
        _set(ps[i], "indirect", src.name, src.role, src.cue, reg, "reported_carries_back")


def _first_sentence(paragraphs: list[str], pi: int) -> str:
    if pi >= len(paragraphs):
        return ""
    spans = sentence_spans(paragraphs[pi])
    return paragraphs[pi][spans[0][0]:spans[0][1]] if spans else ""


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
        m = re.search(r"\b(?:sent|delivered|published|issued|wrote|gave)\b", text)
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


# ------------------------------------------------------------------ output
def _finish(paragraphs: list[str], sents: list[_Sent], reg: _Registry) -> AttributedDocument:
    out = []
    for s in sents:
        speaker = reg.canonical(s.speaker) if s.speaker else None
        mode = s.mode if speaker else "narration"
        role = reg.people[speaker].role if speaker in reg.people else s.role
        out.append(AttributedSentence(s.para, s.start, s.end, mode, speaker if mode != "narration" else None,
                                      role if mode != "narration" else None,
                                      s.cue if mode != "narration" else None, s.question,
                                      s.rule if mode != "narration" else "narration"))
    used = {}
    for a in out:
        if a.speaker and a.speaker not in used:
            p = reg.people.get(a.speaker)
            aliases = set(p.aliases if p else ()) | reg.aliases.get(a.speaker, set())
            used[a.speaker] = SpeakerProfile(a.speaker, p.role if p else a.speaker_role,
                                             tuple(sorted(aliases - {a.speaker})))
    return AttributedDocument(tuple(out), tuple(used.values()))
