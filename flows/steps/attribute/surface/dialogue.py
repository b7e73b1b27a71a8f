"""Dialogues: whether a document's labels make it one, who asks and who answers, each sentence's
turn; and unlabelled all-lower-case transcripts, whose turns alternate by line."""
from __future__ import annotations

import re

from flows.steps import lexicon as L
from flows.steps.attribute.surface.patterns import (
    _DIALOGUE_TITLE_RE, _GENERIC_YOU_RE, _INTERVIEW_RE, _I_RE, _LETTER_RE, _PERSONAL_RE, _SELF_INTRODUCTION_END,
    _UPPER_RE, _YOU_RE,
)
from flows.steps.attribute.surface.registry import _Registry, _person_in_run, _runs
from flows.steps.attribute.surface.quotes import _mask, _quotes
from flows.steps.attribute.surface.labels import _Sent, _capitalised, _sentences_by_paragraph, _time_stamped

_POSSESSIVE_END = re.compile(r"['’]s\b")     # "Jane Roe's Press Conference": the name ends at its possessive
# "says", "asked": where a speech tag starts, the words before it are the quoted turn's
_SPEECH_TAG = re.compile(r"\b(?:" + "|".join(sorted(set(L.CUE_VERB_LEMMAS["say"]) | set(L.CUE_VERB_LEMMAS["ask"]))) + r")\b")


def _dialogue_labels(sents: list[_Sent], label_only: dict[int, str], paragraphs: list[str]) -> dict[str, dict]:
    """Labels of a dialogue document with their turn statistics; {} when not a dialogue."""
    occurrences = [s.label for s in sents if s.label] + list(label_only.values())
    distinct = set(occurrences)
    if not label_only and not _labels_open_paragraphs(sents):
        return {}              # "Question: ... Answer: ..." inside a paragraph of prose: no dialogue
    person_label = any(_names_a_person(lab) for lab in distinct)
    if person_label and not label_only and len(occurrences) < 2:
        # one "Name:" paragraph makes a dialogue only after a sentence that introduces an interview
        first = min(s.para for s in sents if s.label)
        person_label = any(_INTERVIEW_RE.search(p) for p in paragraphs[:first])
    if not (label_only or len(occurrences) >= 2 and (len(distinct) >= 2 or distinct & {"Q", "A"})
            or person_label):
        return {}
    if _labels_head_sections(sents, label_only, paragraphs):
        return {}
    bare_names_only = label_only and not any(s.label for s in sents) and not any(
        paragraphs[p].rstrip().endswith((":", "：")) for p in label_only)
    if bare_names_only and not _turns_speak_in_person(sents, paragraphs):
        return {}              # names alone on their lines over third-person text: headings or a list
    return {lab: {} for lab in dict.fromkeys(occurrences)}     # reading order, not set order


def _names_a_person(label: str) -> bool:
    """A label of two or three words none of which names an organisation, a place or a title - an honorific
    aside (rule ``honorific_label_is_a_person``: "MR PRICE", "Ms. Roe" name a person, "PRESIDENT" does not)."""
    words = label.split()
    return 2 <= len(words) <= 3 and not any(w.lower() in L.ORG_WORDS | L.PLACE_WORDS | L.TITLE_WORDS
                                            and w.lower() not in L.HONORIFICS for w in words)


def _labels_head_sections(sents: list[_Sent], label_only: dict[int, str], paragraphs: list[str]) -> bool:
    """Rule ``labels_head_sections``: full names that head the sections of an article (``Jeb Bush: Student
    loans`` over paragraphs that weigh ``Jeb Bush's proposal``) are no dialogue's labels: no label occurs twice
    and every label's section - from the label to the next one - names its person in full outside quotation
    marks, other than to introduce themselves (``My name is Jane Roe``). Someone taking turns in a conversation
    does not call themselves by their full name; headings come in series (two labels at least)."""
    starts = sorted([(s.para, s.label, s.start) for s in sents if s.label]
                    + [(p, lab, len(paragraphs[p])) for p, lab in label_only.items()])
    labels = [lab for _, lab, _ in starts]
    if len(labels) < 2 or len(set(labels)) < len(labels) or any(len(lab.split()) < 2 for lab in labels):
        return False
    ends = [p for p, _, _ in starts[1:]] + [len(paragraphs)]
    for (para, label, after), end in zip(starts, ends):
        section = [paragraphs[para][after:]] + paragraphs[para + 1:end]
        spoken = " ".join(_mask(text, _quotes(text, False)) for text in section)
        if not any(not _SELF_INTRODUCTION_END.search(spoken, max(0, m.start() - 24), m.start())
                   for m in re.finditer(r"\b" + re.escape(label) + r"\b", spoken)):
            return False
    return True


def _labels_open_paragraphs(sents: list[_Sent]) -> bool:
    """Some speaker label stands at the start of its paragraph, as the turns of a dialogue do."""
    firsts = {}
    for s in sents:
        firsts.setdefault(s.para, s)
    return any(s.label for s in firsts.values())


def _turns_speak_in_person(sents: list[_Sent], paragraphs: list[str]) -> bool:
    """Turns of a conversation ask questions or speak in the first or second person; text under
    headings or in a list of names does not. True when enough paragraphs (quotations aside) ask
    or say I, we or you."""
    paras = sorted({s.para for s in sents})
    personal = sum(bool(_PERSONAL_RE.search(_mask(paragraphs[p], _quotes(paragraphs[p], False))))
                   or any(s.question for s in sents if s.para == p) for p in paras)
    return personal >= L.DIALOGUE_MIN_PERSONAL_SHARE * len(paras)


def _label_name(label: str, reg: _Registry, abbrev: dict[str, str]) -> str:
    if ", " in label:            # rule ``name_and_role_label``: "KYRA PHILLIPS, CNN ANCHOR" - the role noted
        name, role = label.split(", ", 1)
        return reg.note(_canonical_label(name, reg), role=role)
    m = re.match(r"(.*?)\s*\(([A-Z]{1,6})\)$", label)
    if m:
        full = _canonical_label(m.group(1), reg)
        abbrev[m.group(2)] = full
        reg.note(full, surface=m.group(2))
        return full
    if label in abbrev:
        return abbrev[label]
    return _canonical_label(label, reg)


def _canonical_label(label: str, reg: _Registry) -> str:
    if label in ("Q", "A") or "." in label and " " not in label:      # "Q", a web address
        return label
    words = label.split()
    stripped = [w for w in words if w.lower().strip(".") not in L.TITLE_WORDS
                and w.lower() not in L.HONORIFICS] or words
    if words[-1].lower().strip(".") in L.TITLE_WORDS:
        stripped = words                 # "AUDIENCE MEMBER": a role, no name after the title word
    if (len(stripped) < len(words) or len(stripped) > 1) and all(w.isupper() for w in stripped) \
            and _person_in_run(" ".join(_capitalised(w) for w in stripped))[0]:
        stripped = [_capitalised(w) for w in stripped]   # "MR. PRICE:" -> Price, "KYRA PHILLIPS:" -> Kyra Phillips
    elif len(words) == 1 and label.isupper() and reg.canonical(_capitalised(label)) != _capitalised(label):
        stripped = [_capitalised(label)]   # rule ``capitals_label_is_a_named_person``: "CLINTON:", Hillary Clinton
    name = " ".join(stripped)
    # a name of up to three words, four after an office ("PRESIDENTE ANDRÉS MANUEL LÓPEZ OBRADOR": two given names
    # and two surnames, as Spanish and Portuguese write them)
    return reg.canonical(name) if len(stripped) <= (4 if len(stripped) < len(words) else 3) else label


def _label_questions(paragraphs: list[str], by_para: dict[int, list[_Sent]],
                     label_only: dict[int, str]) -> dict[str, list[bool]]:
    """Each label's turns in reading order, True for a turn that ends with a question: who asks."""
    asks: dict[str, list[bool]] = {}
    cur = None
    for pi in range(len(paragraphs)):
        if pi in label_only:
            cur = label_only[pi]
            asks.setdefault(cur, []).append(False)
            continue
        ps = by_para.get(pi, [])
        labelled_here = bool(ps and ps[0].label) or (pi - 1 in label_only)
        for s in ps:
            if s.label:
                cur = s.label
                asks.setdefault(cur, []).append(False)
                labelled_here = True
            if cur and labelled_here and s.question and asks.get(cur):
                asks[cur][-1] = True
    for pi, lab in label_only.items():
        asks.setdefault(lab, [])
    return asks


def _turn_names(labels: dict[str, dict], reg: _Registry) -> dict[str, str]:
    """Each label -> the speaker's name: "Rahul Mehta (RM)" defines RM; "RM:" after "Rahul Mehta:"
    is the participant with those initials."""
    abbrev: dict[str, str] = {}
    names = {lab: _label_name(lab, reg, abbrev) for lab in sorted(labels, key=lambda x: "(" not in x)}
    for lab in names:           # "RM:" after "Rahul Mehta:": initials stand for the named participant
        if lab.isupper() and " " not in lab and lab not in abbrev:   # "ROE:" after "ANN ROE:": her surname
            full = {n for n in names.values() if len(n.split()) > 1 and _capitalised(lab) in n.split()}
            if len(full) == 1:
                names[lab] = full.pop()
                reg.alias(names[lab], lab)
                continue
        if lab.isupper() and 2 <= len(lab) <= 3 and lab not in abbrev:
            full = [n for n in set(names.values()) if len(n.split()) == len(lab)
                    and "".join(w[0] for w in n.split()) == lab]
            if len(full) == 1:
                names[lab] = full[0]
                reg.alias(full[0], lab)
    return names


def _host_named_by_the_title(title: str | None, reg: _Registry) -> str | None:
    """Rule ``answer_label_names_the_host``: the one person the title of a dialogue names ("Foreign Ministry
    Spokesperson Jane Roe's Regular Press Conference", "Interview with Jane Roe", ``DIALOGUE_TITLE``) is the
    participant who answers under the anonymous label "A" - STATEMENTS.md names a participant by the label only
    where the text never names them. A possessive ends a name ("Jane Roe's Regular Press Conference"). None when
    the title names no dialogue, or no person or several."""
    if not title or not _DIALOGUE_TITLE_RE.search(title):
        return None
    named = {reg.canonical(name): role for part in _POSSESSIVE_END.split(title) for name, role, _ in _runs(part)
             if name and len(name.split()) >= 2}
    if len(named) != 1:
        return None
    host, role = named.popitem()
    return reg.note(host, role=role or None, surface="A")


def _asker_and_principal(asks: dict[str, list[bool]], askers: set[str], names: dict[str, str],
                         outlet: str | None) -> tuple[str, str]:
    """(name of the one who asks, name of the interviewee) for unlabelled paragraphs."""
    answer_counts = {lab: len(v) for lab, v in asks.items() if lab not in askers}
    order = list(asks)
    # the interviewee answers most; on a tie, the one who speaks later (the interviewer opens)
    principal = max(answer_counts, key=lambda lab: (answer_counts[lab], order.index(lab))) \
        if answer_counts else None
    default_asker = next((lab for lab in order if lab in askers), None) or next(
        (lab for lab in order if lab != principal and lab not in ("A",)), None)
    asker_name = names[default_asker] if default_asker else (outlet or "interviewer")
    principal_name = names[principal] if principal else "interviewee"
    return asker_name, principal_name


def _interview_framing_end(paragraphs: list[str], first_label_para: int) -> int:
    """The last paragraph before the first label that introduces an interview; -1 when none does."""
    framing_end = -1
    for pi in range(first_label_para):
        if _INTERVIEW_RE.search(paragraphs[pi]):
            framing_end = pi
    return framing_end


def _is_conversation(asks: dict[str, list[bool]]) -> bool:
    """Some label takes more than one turn or asks a question. Only then, or after an interview's introduction,
    are the paragraphs before the first label turns (a briefing's opening statement, then ``Q:``/``A:``); under
    labels that each speak once and ask nothing (one statement under a name, a newsletter's ``SHORT READS:``)
    what comes before them is the article's narration."""
    return any(len(turns) >= 2 or any(turns) for turns in asks.values())


def _assign_turns(paragraphs, sents, label_only, labels, reg, outlet, title: str | None = None) -> None:
    """Each sentence of a labelled dialogue gets its turn: its label's speaker, else the current one;
    an unlabelled paragraph that asks is the asker's and the one after a question the answerer's - where every
    label asks (rhetorical questions), the asker's (rule ``no_answerer_keeps_the_turn``), no invented answerer's;
    before the first label, an interview introduction, a paragraph naming a participant or, outside a
    conversation (:func:`_is_conversation`) and an introduced interview, every paragraph is narration."""
    by_para = _sentences_by_paragraph(sents)
    asks = _label_questions(paragraphs, by_para, label_only)
    names = _turn_names(labels, reg)
    if "A" in names and (host := _host_named_by_the_title(title, reg)):
        names["A"] = host
    askers = {lab for lab, v in asks.items() if lab == "Q" or (v and sum(v) * 2 >= len(v) and lab != "A")}
    asker_name, principal_name = _asker_and_principal(asks, askers, names, outlet)
    has_answerer = any(lab not in askers for lab in asks)
    for n in dict.fromkeys(names.values()):     # reading order: the registry must not depend on the hash seed
        reg.note(n)
    # paragraphs before the first label
    first_label_para = min([s.para for s in sents if s.label] + list(label_only) or [len(paragraphs)])
    framing_end = _interview_framing_end(paragraphs, first_label_para)
    if framing_end < 0 and not _is_conversation(asks) or _every_turn_time_stamped(paragraphs, label_only):
        framing_end = first_label_para - 1
    cur_name, cur_is_asker = None, False
    last_answerer = principal_name
    prev_question = False
    for pi in range(len(paragraphs)):
        if pi in label_only:
            lab = label_only[pi]
            cur_name, cur_is_asker = names[lab], lab in askers
            if not cur_is_asker:
                last_answerer = cur_name
            prev_question = False
            continue
        ps = by_para.get(pi, [])
        if not ps:
            continue
        if not ps[0].label:
            para_question = ps[-1].question
            if pi < first_label_para:
                if pi <= framing_end or _names_participant(paragraphs[pi], names.values()):
                    cur_name = None
                elif para_question:
                    cur_name, cur_is_asker = asker_name, True
                else:
                    cur_name, cur_is_asker = principal_name, False
            elif para_question and not cur_is_asker:
                cur_name, cur_is_asker = asker_name, True
            elif cur_is_asker and prev_question and not para_question and has_answerer:
                cur_name, cur_is_asker = last_answerer, False
        for s in ps:
            if s.label:
                cur_name, cur_is_asker = names[s.label], s.label in askers
                if cur_is_asker:
                    asker_name = cur_name
                else:
                    last_answerer = cur_name
            if cur_name:
                s.mode, s.speaker, s.cue = "turn", cur_name, "label" if s.label else None
                s.rule = "labelled_turn" if s.label else "turn_continues"
                s.addressee = last_answerer if cur_is_asker else asker_name
        prev_question = ps[-1].question


def _every_turn_time_stamped(paragraphs: list[str], label_only: dict[int, str]) -> bool:
    """A transcript whose speaker lines all carry a time stamp ("Ann Roe 00:00:02") stamps its first turn too:
    what comes before the first is the page's own text, not a turn."""
    return bool(label_only) and all(_time_stamped(paragraphs[p]) for p in label_only)


def _names_participant(text: str, names) -> bool:
    """A paragraph before the first label that names a participant in full ("Lena Hofmann has
    measured ...") introduces the dialogue: narration, not a turn."""
    return any(len(n.split()) >= 2 and re.search(r"\b" + re.escape(n) + r"\b", text) for n in names)


def _is_bare_transcript(paragraphs: list[str], sents: list[_Sent]) -> bool:
    """An unlabelled speech-recognition transcript: all lower case, in the first and second person."""
    text = " ".join(paragraphs)
    if len(text) < L.TRANSCRIPT_MIN_LETTERS:
        return False
    upper = len(_UPPER_RE.findall(text))
    if upper > L.TRANSCRIPT_MAX_UPPER_SHARE * len(_LETTER_RE.findall(text)):
        return False
    personal = sum(bool(_I_RE.search(paragraphs[s.para][s.start:s.end])) for s in sents)
    return personal >= L.TRANSCRIPT_MIN_PERSONAL


def _addresses_listener(sentence: str) -> bool:
    """"you did", "put you": the listener addressed, not "you know" or a generic/quoted "you"."""
    m = _SPEECH_TAG.search(sentence)
    head = sentence[:m.start()] if m else sentence
    return bool(_YOU_RE.search(_GENERIC_YOU_RE.sub(" ", head)))


def _assign_bare_turns(paragraphs: list[str], sents: list[_Sent]) -> None:
    """Each new line is a new speaker; a question to "you" passes the word to the other side."""
    asker, answerer = L.TRANSCRIPT_ROLES
    cur, prev_para, prev_asked = None, None, False
    for s in sents:
        text = paragraphs[s.para][s.start:s.end]
        addressed = _addresses_listener(text)
        if cur is None:
            cur = asker if addressed else answerer
        elif s.para != prev_para:
            cur = answerer if cur == asker else asker
        elif addressed:
            cur = asker
        elif prev_asked and cur == asker:
            cur = answerer
        s.mode, s.speaker, s.rule = "turn", cur, "bare_transcript_turn"
        s.addressee = answerer if cur == asker else asker
        prev_para = s.para
        prev_asked = cur == asker and s.question


def _question_paragraphs(paragraphs: list[str], by_para: dict[int, list[_Sent]]) -> set[int]:
    """Paragraphs that are one short question and nothing else ("What went wrong this year?")."""
    return {p for p, ps in by_para.items() if ps[-1].question and len(ps) <= L.QA_MAX_QUESTION_SENTENCES
            and len(paragraphs[p]) <= L.QA_MAX_QUESTION_CHARS and not ps[0].label}


def _question_and_answer(paragraphs: list[str], sents: list[_Sent], title: str | None) -> list[int]:
    """Rule ``question_answer_turn``: the question paragraphs of an interview printed without labels - the
    title or a paragraph before the first question says it is an interview (``INTERVIEW_FRAMING``); from the
    first question on, at least ``QA_MIN_QUESTIONS`` one-question paragraphs, ``QA_MIN_QUESTION_SHARE`` of the
    paragraphs, each followed by an answer (a paragraph that is no question); and most answers speak in the
    first person. [] when the document is no such interview (a column's rhetorical questions)."""
    by_para = _sentences_by_paragraph(sents)
    questions = sorted(_question_paragraphs(paragraphs, by_para))
    if len(questions) < L.QA_MIN_QUESTIONS:
        return []
    framed = bool(title and _INTERVIEW_RE.search(title)) or any(
        _INTERVIEW_RE.search(paragraphs[p]) for p in range(questions[0]))
    paras = [p for p in sorted(by_para) if p >= questions[0]]
    answers = [paras[k + 1] for k, p in enumerate(paras[:-1]) if p in questions and paras[k + 1] not in questions]
    in_person = sum(bool(_I_RE.search(_mask(paragraphs[a], _quotes(paragraphs[a], False)).lower())) for a in answers)
    if not framed or len(answers) < L.QA_MIN_QUESTIONS or len(questions) < L.QA_MIN_QUESTION_SHARE * len(paras) \
            or in_person < len(answers) / 2:
        return []
    return questions


def _interviewee(paragraphs: list[str], first_question: int, title: str | None, reg: _Registry) -> str:
    """Who answers an unlabelled interview: the first full name in the paragraphs before the first question,
    else in the title; else the role ``TRANSCRIPT_ROLES`` gives."""
    for text in paragraphs[:first_question] + ([title] if title else []):
        found = [(text.find(n), n) for n in reg.full if n in text]
        if found:
            return min(found)[1]
    return L.TRANSCRIPT_ROLES[1]


def _assign_question_and_answer_turns(paragraphs: list[str], sents: list[_Sent], questions: list[int],
                                      interviewee: str) -> None:
    """From the first question on, a question paragraph is the interviewer's turn and every other paragraph
    the interviewee's, but for a sentence that frames the interview ("This interview has been edited")."""
    asker, asked = L.TRANSCRIPT_ROLES[0], interviewee
    for s in sents:
        if s.para < questions[0] or _INTERVIEW_RE.search(paragraphs[s.para][s.start:s.end]):
            continue
        speaker = asker if s.para in questions else asked
        s.mode, s.speaker, s.rule = "turn", speaker, "question_answer_turn"
        s.addressee = asked if speaker == asker else asker
