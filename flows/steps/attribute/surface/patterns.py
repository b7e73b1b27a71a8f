"""The surface rules' compiled patterns and word-set constants, built once from the lexicon."""
from __future__ import annotations

import re

from flows.steps import lexicon as L

_NAME_TOKEN = r"[A-Z][\w'’.\-]*"
_LABEL = re.compile(
    r"(?P<label>Q|A|[a-z0-9][\w\-]*(?:\.[\w\-]+)+|" + _NAME_TOKEN
    + r"(?:[ \t]+(?:" + _NAME_TOKEN + r"|(?:" + "|".join(("of",) + L.NAME_PARTICLES) + r")\b))*)"
    r"(?:[ \t]*\((?P<abbr>[A-Z]{1,6})\))?[ \t]*[:：](?=\s|$)")
# a broadcast transcript's label: a name in capitals, its role after a comma, a colon ("KYRA PHILLIPS, CNN ANCHOR:",
# "CHARLES MOOSE, POLICE CHIEF, MONTGOMERY COUNTY, MARYLAND:"); tried where the other labels are (labels._label_at)
_NAME_ROLE_LABEL = re.compile(r"(?P<label>[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+){1,3}),[ \t]+"
                              r"(?P<role>[A-Z][A-Z0-9'’.&\-]*(?:,?[ \t]+[A-Z0-9][A-Z0-9'’.&\-]*){0,9})"
                              r"[ \t]*:(?=\s)")
_CJK_CHARACTER = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"   # kana, CJK ideographs
# a label in Chinese or Japanese: up to twelve of their characters and a colon, the turn right after it with or
# without a space ("华春莹：美方称……", "问：……", "总台央视记者：……")
_CJK_LABEL = re.compile(r"(?P<label>" + _CJK_CHARACTER + r"{1,12})[ \t]*[:：][ \t]*")
# the same set off by a space, no colon ("記者団 緊急事態宣言を……", "首相 山田広報官の……"): a label only where such words
# open paragraphs in turns (labels._alternating_spaced_cjk_labels)
_CJK_SPACED_LABEL = re.compile(r"(?P<label>" + _CJK_CHARACTER + r"{1,6})[ \t\u3000]+(?=\S)")
# a transcript's time stamp right after a speaker label ("Ann Roe: (03:47) Everybody ready?"): the label's, not said
_TURN_TIME_STAMP = re.compile(r"[(\[]\d{1,2}:\d{2}(?::\d{2})?[)\]][ \t]*")
# a time stamp that ends a speaker's line ("Ann Roe 00:00:02", "Ann Roe (03:47)"): matched on one word
_LINE_TIME_STAMP = re.compile(r"[(\[]?\d{1,2}:\d{2}(?::\d{2})?[)\]]?")
_AGE = re.compile(r"\d{1,3}")       # an age set off by commas after a name ("Ann Roe, 70, said")
_QA_DOT_LABEL = re.compile(r"(?P<label>Q|A)\.[ \t]+(?=[\"“‘A-Z0-9])")
_NAME_RUN = re.compile(_NAME_TOKEN + r"(?:[ \t]+(?:" + _NAME_TOKEN + r"|(?:" + "|".join(L.NAME_PARTICLES) + r")\b))*")
_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)|\n")
_LETTER = re.compile(r"[^\W\d_]")
_CUE_RE = re.compile(r"(?<![-\w])(?:" + "|".join(re.escape(c) for c in L.CUES) + r")\b"
                     r"|^\W*(?:" + "|".join(re.escape(c.capitalize()) for c in L.CUES) + r")\b")
_ACCORDING_RE = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in L.ACCORDING_CUES) + r")\s+",
                           re.IGNORECASE)
_CUE_BLOCKER_RE = re.compile(r"(?:\b(?:" + "|".join(w for w in L.CUE_BLOCKERS if w[0].isalpha())
                             + r")|" + "|".join(re.escape(w) for w in L.CUE_BLOCKERS if not w[0].isalpha())
                             + r")\s*$", re.IGNORECASE)
_POSSESSIVE_END_RE = re.compile(r"\b(?:" + "|".join(L.POSSESSIVE_DETERMINERS) + r")\s*$", re.IGNORECASE)
_VIEW_RE = re.compile(r"\b(?P<cue>in\s+(?P<who>his|her|their|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s?)"
                      r"\s+(?:" + "|".join(L.VIEW_NOUNS) + r"))\b", re.IGNORECASE)
_INTRO_RE = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in L.INTRO_VERBS) + r")\b", re.IGNORECASE)
_STATEMENT_RE = re.compile(r"(?P<name>(?:" + _NAME_TOKEN + r"[ \t]+)*" + _NAME_TOKEN
                           + r")['’]s?\s+(?:\w+\s+){0,2}(?:" + "|".join(L.STATEMENT_NOUNS) + r")\b")
_FRAMING_RE = re.compile(L.FRAMING, re.IGNORECASE)
_SPEECH_NOUN_RE = re.compile(r"\b(?:" + "|".join(L.SPEECH_NOUNS + list(L.STATEMENT_NOUNS)) + r")\b")
_INTERVIEW_RE = re.compile(L.INTERVIEW_FRAMING, re.IGNORECASE)
_DIALOGUE_TITLE_RE = re.compile(L.DIALOGUE_TITLE, re.IGNORECASE)
_SELF_INTRODUCTION_END = re.compile(r"(?:" + "|".join(L.SELF_INTRODUCTIONS) + r")[ \t]+$")
_PROVERB_RE = re.compile("|".join(re.escape(p) for p in L.PROVERB_MARKERS), re.IGNORECASE)
_TRAILING_FILLER = re.compile(
    r"(?:[\s,]+(?:" + "|".join(L.SUBJECT_FILLERS) + r"|on\s+\w+day|on\s+\w+\s+\d+|last\s+\w+|"
    r"in\s+(?:a|an|the|his|her|its|their)\s+(?:[\w-]+\s+){0,3}?(?:" + "|".join(L.SPEAKING_OCCASIONS) + r")))*"
    r"[\s,]*$", re.IGNORECASE)
_WORD = re.compile(r"[\w'’\-]+")
_ORG_RE = re.compile(r"(?:the\s+|The\s+)?((?:[A-Z][\w'’.\-]*)"
                     r"(?:\s+(?:of|for|and|on|the|of\s+the)?\s*[A-Z][\w'’.\-]*)*)")
_GROUP_NOUN_RE = re.compile(r"\b(?:" + "|".join(w for w in L.SOURCE_NOUNS if w.endswith("s")) + r")\b")
_GROUP_RE = re.compile(r"((?:\b(?!(?:from|of|by|to|the|with|and|among|for|in|on|at)\b)[\w-]+\s+"
                       r"(?:and\s+)?){0,3}?"
                       r"\b(?:" + "|".join(w for w in L.SOURCE_NOUNS if w.endswith("s")) + r"))\b"
                       r"((?:\s+(?:attending|at|from)\s+(?:the|a|an)\s+[\w-]+)?)")
_QUOTE_CHARS = re.compile("[\"'“”‘’«»]")
_FINITE = re.compile(r"\b(?:" + "|".join(L.FINITE_VERBS) + r")\b")
_INTERROGATIVE_CLAUSE = re.compile(r",\s+(?:would|could|can|will|do|does|did|is|are|should|have|has)\s+"
                                   r"(?:you|we|they|it|he|she)\b")
_QUESTION_END = re.compile(r"\?[\"'”’)\]]*\s*$")
_I_RE = re.compile(r"\b(?:i|i m|i ve|we|you|my|our)\b")
_UPPER_RE = re.compile(r"[A-Z]")
_LETTER_RE = re.compile(r"[A-Za-z]")
_YOU_RE = re.compile(r"\byou\b")
_GENERIC_YOU_RE = re.compile("|".join(r"\b" + p.replace(" ", r"\s+") + r"\b" for p in L.GENERIC_YOU))
_RELATIVE_SUBJECT = re.compile(r"(?:^|\s)(?:which|that|whom|whose)\s+(?:[\w-]+\s+){0,3}[\w-]+\s*$",
                               re.IGNORECASE)
_APPOSITIVE_AFTER = re.compile(r",\s+((?:a|an|the|[a-z][\w-]*|[A-Z][\w'’-]*)\b[^,.;:!?\"“”_]{2,160}?)"
                               r"\s*(?:[,.;:!?]|$)")
_LEADING_CONJ = re.compile(r"^\s*(?:" + "|".join(L.LEADING_CONJUNCTIONS) + r")\s+", re.IGNORECASE)
_SUBJ_CUT = re.compile(r"\s+(?:who|which|whose|whom)\b.*$", re.IGNORECASE | re.DOTALL)
_POSSESSIVE = re.compile(r"['’]s?$")
_NOT_NAME = L.TITLE_WORDS | L.PLACE_WORDS | L.ORG_WORDS | L.CAP_STOPWORDS | L.NAME_OPENERS
_ORG_OR_PLACE = L.ORG_WORDS | L.PLACE_WORDS
_NOT_PERSON_WORD = L.ORG_WORDS | L.SOURCE_NOUNS | L.CAP_STOPWORDS
_COMPOUND_SUBJECT = re.compile(r"^(?P<subj>(?:[A-Z][\w'’-]*|[Tt]he)(?:\s+[A-Z][\w'’-]*){0,3})\s+[a-z]+ed\b"
                               r"[^,;]*\s(?:and|but)(?:\s+(?:also|then|later))?\s*$")
_PERSONAL_RE = re.compile(r"\b(?:I|I'm|I’m|we|We|you|You|my|My|our|Our|me|us)\b")
_DESCRIBED_PERSON = re.compile(r"\b(?:asked|told|interviewed|met|called|(?:spoke|talked)\s+(?:to|with))\s+"
                               r"(?P<np>an?(?:\s+[a-z-]+){1,3})")
_GENDER_BEFORE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w'’-]*['’]s)\s+(?:\w+\s+)?(?P<noun>[a-z]+),?\s+"
                            r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})")
_GENDER_AFTER = re.compile(r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}),\s+(?:a|an|the|his|her|their)\s+"
                           r"(?:[\w-]+\s+){0,3}?(?P<noun>[a-z]+)\b")
