"""Speaker labels ("Name:", "Q:", a name alone on its line) and the document's sentences with their
labels cut off."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from flows.steps import lexicon as L
from flows.steps.deadline import NO_DEADLINE, Deadline
from flows.steps.parse import OPENING_QUOTES
from flows.steps.segment import sentence_spans
from flows.steps.attribute.surface.patterns import (
    _CJK_LABEL, _CJK_SPACED_LABEL, _INTERROGATIVE_CLAUSE, _LABEL, _LETTER, _LINE_TIME_STAMP, _NAME_ROLE_LABEL,
    _NAME_RUN, _QA_DOT_LABEL, _QUESTION_END, _SENTENCE_STOP, _TURN_TIME_STAMP, _WORD,
)
from flows.steps.attribute.surface.registry import _person_in_run


def _label_at(text: str, pos: int, name_words: frozenset = frozenset()) -> tuple[str, str | None, int] | None:
    """(label, abbreviation, end offset incl. spaces) for a speaker label at ``pos``.

    A one-word label is an acronym (``CCTV``), a web address, ``Q``/``A`` or a
    word of a person's name in ``name_words``, as written or in capitals (rule ``capitals_label_is_a_named_person``:
    "BOULDUAN:" after "KATE BOULDUAN:"), never a common word ("Health:").
    """
    m = _LABEL.match(text, pos)
    if not m:
        cjk = _cjk_label(text, pos)
        if cjk is not None:
            return cjk
        spaced = _CJK_SPACED_LABEL.match(text, pos)
        if spaced and spaced.group("label") in name_words:   # rule ``alternating_spaced_cjk_labels``
            return spaced.group("label"), None, spaced.end()
        qa = _QA_DOT_LABEL.match(text, pos)      # "Q. What does ...?" / "A. Mostly ..."
        if qa:
            return qa.group("label"), None, _after_spaces(text, qa.end())
        # rule ``name_and_role_label``: "KYRA PHILLIPS, CNN ANCHOR: We are ..." - the label keeps its role
        broadcast = _NAME_ROLE_LABEL.match(text, pos)
        return (f"{broadcast.group('label')}, {broadcast.group('role')}", None, _after_spaces(text, broadcast.end())) \
            if broadcast else None
    label = m.group("label")
    words = label.split()
    if len(words) > L.MAX_LABEL_WORDS or words[0].lower().strip(".") in L.NON_SPEAKER_LABELS:
        return None
    if len(words) > 1 and words[0].lower() in L.CUE_VERB_FORMS:
        return None                      # "Continued Stone:": a speech tag turned round, not a label
    if len(words) == 1 and label not in ("Q", "A") and "." not in label and not (
            label.isupper() and len(label) <= L.MAX_ACRONYM_LABEL) and label not in name_words \
            and not (label.isupper() and _capitalised(label) in name_words) \
            and label.capitalize() not in L.ROLE_LABELS:
        return None
    if len(words) > 1 and any(w.lower() in L.CAP_STOPWORDS for w in words):
        return None
    end = _after_spaces(text, m.end())
    stamp = _TURN_TIME_STAMP.match(text, end)
    end = stamp.end() if stamp else end
    if end < len(text) and (not _says_something(text, end) or _lists_names(text[end:])):
        return None                      # "Clinton: 2,316.": a tally or a score, no turn; nor a list of names
    return label, m.group("abbr"), end


def _cjk_label(text: str, pos: int) -> tuple[str, None, int] | None:
    """Rule ``cjk_label``: a label in Chinese or Japanese at ``pos`` (``_CJK_LABEL``: "华春莹：", "问：", "总台央视记者："),
    unless its words are a page's field (``L.CJK_NON_SPEAKER_LABELS``: "日期："), a clause (a character of
    ``L.CJK_CLAUSE_CHARACTERS``: "中方的立场是：") or end in a verb of saying after other words ("汪文斌表示：",
    ``L.CJK_SPEECH_VERBS``), or a quotation opens right after the colon (a quotation introduced, not a turn)."""
    m = _CJK_LABEL.match(text, pos)
    if m is None:
        return None
    label, end = m.group("label"), m.end()
    if label in L.CJK_NON_SPEAKER_LABELS or not L.CJK_CLAUSE_CHARACTERS.isdisjoint(label):
        return None
    if any(label.endswith(verb) and len(label) > len(verb) for verb in L.CJK_SPEECH_VERBS):
        return None
    if end >= len(text) or text[end] in OPENING_QUOTES + L.CJK_OPENING_QUOTES or not _says_something(text, end):
        return None
    return label, None, end


def _lists_names(text: str, *, min_items: int = 4, max_words: int = 5) -> bool:
    """Rule ``list_of_names_is_no_turn``: after the label only names, ``min_items`` or more, between commas ("Iowa:
    Tim Albrecht, Brad Anderson, Rob Barron, ..." under a survey's panel; "Attending: ..."): a roster under a
    heading, not words someone says. A name here is one to ``max_words`` words, each opening with a capital."""
    items = [item.strip().removeprefix("and ").strip() for item in text.rstrip(" .;").split(",")]
    return len(items) >= min_items and all(
        0 < len(item.split()) <= max_words and all(w[:1].isupper() for w in item.split()) for item in items)


def _capitalised(word: str) -> str:
    """A word written in capitals as a name is written ("O'BRIEN" -> "O'Brien", "JEAN-MARC" -> "Jean-Marc")."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word)


def _after_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _says_something(text: str, pos: int) -> bool:
    """The sentence from ``pos`` holds a letter: a turn says something, a tally line does not."""
    stop = _SENTENCE_STOP.search(text, pos)
    return bool(_LETTER.search(text, pos, stop.start() if stop else len(text)))


def _is_question(sentence: str, *, last_in_paragraph: bool) -> bool:
    if _QUESTION_END.search(sentence):
        return True
    if last_in_paragraph and not re.search(r"[.!:;][\"'”’)\]]*\s*$", sentence):
        # a question cut short (no final mark): it opens with, or turns into, an interrogative
        first = _WORD.match(sentence.lstrip("\"“‘'"))
        if first and first.group().lower() in L.QUESTION_WORDS and len(sentence.split()) > 3:
            return True
        return bool(_INTERROGATIVE_CLAUSE.search(sentence))
    return False


@dataclass
class _Sent:
    para: int
    start: int
    end: int
    label: str | None = None
    question: bool = False
    mode: str = "narration"
    speaker: str | None = None
    role: str | None = None
    cue: str | None = None
    label_start: int | None = None
    addressee: str | None = None     # in a dialogue: who "you" is
    rule: str = "narration"          # the rule that decided mode and speaker


def _sentences_by_paragraph(sents: list[_Sent]) -> dict[int, list[_Sent]]:
    """The sentences of each paragraph that has any, in order."""
    by_para: dict[int, list[_Sent]] = {}
    for s in sents:
        by_para.setdefault(s.para, []).append(s)
    return by_para


def _time_stamped(text: str) -> str | None:
    """Rule ``time_stamped_name_line``: the name before the time stamp that ends a line ("Ann Roe 00:00:02",
    "Ann Roe (03:47)", as transcription services print each turn's speaker); None for a line without one."""
    words = text.split()
    if len(words) < 2 or not _LINE_TIME_STAMP.fullmatch(words[-1]):
        return None
    return " ".join(words[:-1])


def _bare_name(text: str) -> str | None:
    """The paragraph is nothing but a person's name ("Wang Wenbin"), titles allowed, or that and a time stamp
    (:func:`_time_stamped`)."""
    text = _time_stamped(text) or text
    m = _NAME_RUN.fullmatch(text.strip())
    if not m or re.search(r"[^\W\d_]{3}\.$", m.group()):
        return None                      # "TOP STORIES.": a heading ends like a sentence, a name does not
    name, role = _person_in_run(m.group())
    if role and any(w.lower().strip(".") in L.CAP_STOPWORDS | L.NON_SPEAKER_LABELS for w in role.split()):
        return None                      # "About Brightline Energy", "SOURCE Brightline Energy": headings
    return m.group() if name and " " in name else None


_OPENING_MARKS = frozenset(OPENING_QUOTES + '"')       # one character each: "" is none of them


def _opening_labels(paragraphs: list[str]) -> list[str | None]:
    """The label that opens each paragraph (after an opening quotation mark), as the label pattern reads it; None
    where none does."""
    return [m.group("label") if m else None
            for m in (_LABEL.match(t, 1 if t[:1] in _OPENING_MARKS else 0) for t in paragraphs)]


def _one_word_label(label: str) -> bool:
    """A one-word capitalised label that may name a speaker: not a word that labels a section or no speaker
    ("Note:", "Themen:")."""
    low = label.lower()
    return " " not in label and label[:1].isupper() and low not in L.NON_SPEAKER_LABELS and low not in L.SECTION_LABELS


def _alternating_label_words(opening: list[str | None], name_words: frozenset) -> frozenset:
    """Rule ``alternating_one_word_labels``: one-word labels no name of the document explains ("Herald:",
    "Berg:" where the text names no Berg) that open at least two paragraphs each, at least two distinct ones,
    taking turns (consecutive labelled paragraphs change label at least ``MIN_LABEL_ALTERNATION`` of the time):
    the turns of a dialogue. A role label (``ROLE_LABELS``: "Question:", "Frage:", "Zusatzfrage:") counts as the
    other side however often each is written. Words that label sections ("Note:") never count. ``opening``: the
    paragraphs' opening labels (:func:`_opening_labels`)."""
    opened = [w for w in opening if w]
    counts = Counter(w for w in opened if _one_word_label(w))
    recurring = {w for w, n in counts.items() if n >= 2}
    roles = {w for w in counts if w.capitalize() in L.ROLE_LABELS}    # "Frage:", "Zusatzfrage:": one side asking
    if len(recurring | roles) < 2 or recurring <= name_words:
        return frozenset()
    return frozenset(recurring) if _take_turns(opened) else frozenset()


def _take_turns(opened: list[str]) -> bool:
    """Consecutive labelled paragraphs (``opened``: their labels, in order) change label at least
    ``MIN_LABEL_ALTERNATION`` of the time, as the speakers of a dialogue take turns."""
    changes = sum(a != b for a, b in zip(opened, opened[1:]))
    return changes >= L.MIN_LABEL_ALTERNATION * (len(opened) - 1)


def _alternating_spaced_cjk_labels(paragraphs: list[str]) -> frozenset[str]:
    """Rule ``alternating_spaced_cjk_labels``: words in Chinese or Japanese set off by a space at the head of
    paragraphs (``_CJK_SPACED_LABEL``: "記者団 ……", "首相 ……", as a newspaper prints a Q&A), at least two distinct ones
    that open two paragraphs each and take turns as alternating one-word labels do: the labels of a dialogue.
    Such a script puts no space inside a sentence, so a word set off that way over and over in turns is a label."""
    opened = [m.group("label") if m else None for m in (_CJK_SPACED_LABEL.match(t) for t in paragraphs)]
    opened = [w for w in opened if w]
    recurring = {w for w, n in Counter(opened).items() if n >= 2}
    return frozenset(recurring) if len(recurring) >= 2 and _take_turns(opened) else frozenset()


def _answers_to_role_labels(opening: list[str | None]) -> frozenset[str]:
    """Rule ``label_answering_a_role_label``: a one-word capitalised label that opens the paragraph right after one
    a role label opens (``ROLE_LABELS``: "Frage: ...?" then "Gülde: Vielen Dank ...") is the label of whoever
    answers, though it opens that one paragraph only. Words that label sections or no speaker never count.
    ``opening``: the paragraphs' opening labels (:func:`_opening_labels`)."""
    return frozenset(b for a, b in zip(opening, opening[1:]) if a and b and a.capitalize() in L.ROLE_LABELS
                     and _one_word_label(b) and b.capitalize() not in L.ROLE_LABELS)


def _words_of_name_labels(paragraphs: list[str]) -> frozenset[str]:
    """The words, as a name is written, of the labels of two or more words that open paragraphs ("KATE ROE:"):
    a one-word label in capitals that is one of them ("ROE:") names the same person (rule
    ``capitals_label_is_a_named_person``)."""
    labels = (_label_at(t, 1 if t[:1] in _OPENING_MARKS else 0) for t in paragraphs)
    return frozenset(_capitalised(w) for lab in labels if lab and not lab[1] and ", " not in lab[0]
                     for w in lab[0].split() if len(lab[0].split()) > 1)


def _split(paragraphs: list[str], people: list[str], *,
           deadline: Deadline = NO_DEADLINE) -> tuple[list[_Sent], dict[int, str]]:
    """Sentences with labels cut off; label-only paragraphs returned separately. ``deadline`` is checked
    before each paragraph."""
    name_words = frozenset(w for name in people for w in name.split()) | _words_of_name_labels(paragraphs)
    opening = _opening_labels(paragraphs)
    name_words |= _alternating_label_words(opening, name_words) | _answers_to_role_labels(opening) \
        | _alternating_spaced_cjk_labels(paragraphs)
    sents: list[_Sent] = []
    label_only: dict[int, str] = {}
    # a person's name alone on its line is a speaker label when the text has two or more of them
    bare = {pi: name for pi, name in ((pi, _bare_name(t)) for pi, t in enumerate(paragraphs)) if name}
    stamped = all(_time_stamped(paragraphs[pi]) for pi in bare)
    if len(bare) >= L.MIN_BARE_NAME_LABELS and (stamped or not any(pi + 1 in bare for pi in bare)):
        label_only.update(bare)          # (names on consecutive lines are a list, not turns - unless time-stamped)
    for pi, text in enumerate(paragraphs):
        deadline.check("segment")
        if pi in label_only:
            continue
        body_start = 0
        sec = re.match(r"(\w+)\s*[:：]\s+", text)
        if sec and sec.group(1).lower() in L.SECTION_LABELS:
            body_start = sec.end()
        lab = _label_at(text, body_start, name_words)
        if lab is None and text[body_start:body_start + 1] in _OPENING_MARKS:
            lab = _label_at(text, body_start + 1, name_words)   # '"WALLACE: Let's start ...': a transcript quoted
            body_start += lab is not None                      # paragraph by paragraph
        first_label, label_start = None, body_start
        if lab:
            first_label = lab[0] if not lab[1] else f"{lab[0]} ({lab[1]})"
            body_start = lab[2]
            if body_start >= len(text.rstrip()):
                label_only[pi] = first_label
                continue
        spans = [(s + body_start, e + body_start) for s, e in sentence_spans(text[body_start:])]
        for k, (s, e) in enumerate(spans):
            label = first_label if k == 0 else None
            lstart = label_start if label else None
            if k > 0:
                inner = _label_at(text, s, name_words)
                if inner and inner[2] < e:
                    label = inner[0] if not inner[1] else f"{inner[0]} ({inner[1]})"
                    lstart, s = s, inner[2]
            sents.append(_Sent(pi, s, e, label=label, label_start=lstart,
                               question=_is_question(text[s:e], last_in_paragraph=k == len(spans) - 1)))
    return sents, label_only
