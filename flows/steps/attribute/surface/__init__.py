"""The surface rules: paragraphs of one document -> one attributed statement per sentence, read from
the text alone (no parse). Pure, no I/O.

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

The modules, in the order a document passes through them: :mod:`.labels` (sentences, labels cut
off), :mod:`.dialogue` (turns), :mod:`.speech` (per paragraph: :mod:`.sources` with
:mod:`.noun_phrases`, :mod:`.quotes` and :mod:`.quote_speakers`, :mod:`.mentions`), then
:func:`_finish` here. :mod:`.registry` is the names seen so far; :mod:`.patterns` the compiled
patterns.
"""
from __future__ import annotations

from flows.steps.attribute.model import AttributedDocument, AttributedSentence, SpeakerProfile
from flows.steps.deadline import NO_DEADLINE, Deadline
from flows.steps.attribute.surface.registry import _Registry, _document_people, _title_people
from flows.steps.attribute.surface.labels import _Sent, _split
from flows.steps.attribute.surface.quotes import with_doubled_marks_as_quotes
from flows.steps.attribute.surface.dialogue import (
    _assign_bare_turns, _assign_question_and_answer_turns, _assign_turns, _dialogue_labels, _interviewee,
    _is_bare_transcript, _question_and_answer,
)
from flows.steps.attribute.surface.speech import _attribute_speech


def attributed_document(paragraphs: list[str], *, title: str | None = None,
                        outlet: str | None = None, deadline: Deadline = NO_DEADLINE) -> AttributedDocument:
    """Attribute every sentence of every paragraph of one document, in reading order; ``deadline`` is
    checked paragraph by paragraph while sentences are split and while speech is decided."""
    body_people = _document_people(paragraphs)
    people = list(dict.fromkeys(body_people + _title_people(title, paragraphs, body_people)))   # the title's too
    sents, label_only = _split(paragraphs, people, deadline=deadline)
    paragraphs = [with_doubled_marks_as_quotes(p) for p in paragraphs]     # same offsets, '' read as "
    reg = _Registry(people)
    labels = _dialogue_labels(sents, label_only, paragraphs)
    dialogue = bool(labels)
    if not dialogue:            # "Word:" in a text that is no dialogue stays part of its sentence
        for s in sents:
            if s.label is not None:
                s.start, s.label = s.label_start, None
    if labels:
        _assign_turns(paragraphs, sents, label_only, labels, reg, outlet, title)
    elif _is_bare_transcript(paragraphs, sents):
        _assign_bare_turns(paragraphs, sents)
        dialogue = True
    elif questions := _question_and_answer(paragraphs, sents, title):
        _assign_question_and_answer_turns(paragraphs, sents, questions,
                                          _interviewee(paragraphs, questions[0], title, reg))
        dialogue = True
    _attribute_speech(paragraphs, sents, reg, dialogue=dialogue, deadline=deadline)
    return _finish(paragraphs, sents, reg)


def _finish(paragraphs: list[str], sents: list[_Sent], reg: _Registry) -> AttributedDocument:
    """The attributed sentences, speakers in their canonical form (none for narration), and a profile
    of each speaker."""
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


__all__ = ["attributed_document"]
