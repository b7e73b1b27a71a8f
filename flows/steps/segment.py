"""Segmentation: clean body text -> paragraph spans -> sentence spans. Pure, no I/O.

Paragraphs are the non-empty lines of the body; a line that plainly continues
the previous one (it has no final stop, the next starts in lower case, and it
is short or holds capitals - hard-wrapped text, not a transcript whose lines
are turns) is joined to it.

Sentences end after ``.``, ``!``, ``?`` or an ellipsis, with closing quotation
marks and brackets kept in the sentence they close, also before a lower-case
word (``... Council. four years ago``), except

- after an abbreviation (``Mr.``, ``Dec. 8``, ``U.S. dollars``, ``No. 1``,
  ``etc. and``), an initial (``David W. Panuelo``) or a list number at the
  start (``1.``, ``IV.``),
- inside a number (``1.8``): a boundary needs white space after it,
- after an ellipsis or a closing quotation mark before lower case
  (``going on... it is``, ``"Why?" she asked``),

and also before an inline ``Q:``/``A:`` label after a stop and after
full-width stops (``。！？``), which take no space after them. All word lists
and thresholds live in :mod:`flows.steps.lexicon`.
"""
from __future__ import annotations

import re

from flows.steps.lexicon import (
    ABBREVIATIONS,
    ABBREVIATIONS_BEFORE_NUMBER,
    HARD_WRAP_MAX_LINE,
    LOWER_CONTINUATION_ABBREVIATIONS,
    SENTENCE_STARTERS,
    TRANSCRIPT_MAX_UPPER_SHARE,
)

# a line with a non-space, from its start; never tried again inside a run of spaces (linear time
# on a long blank line, issue 9)
_LINE = re.compile(r"(?<![^\n\S])[^\n\S]*+\S[^\n]*")
_FINAL_STOP = re.compile(r"[.!?…:;\"'”’)\]]\s*$")
# a candidate boundary: terminal punctuation, closing quotes/brackets, whitespace. A run of stops is
# tried from its first character only and taken whole (a shorter piece is followed by a stop, not by
# a closer or a space, so it never matches): linear time on a long run of dots (issue 9)
_BOUNDARY = re.compile(r"(?:(?<![.!?])(?:\.{2,}+|[.!?]++)|…)[\"'”’)\]»]*+(?=\s)")
# full-width stops (Chinese, Japanese) end a sentence with no space after them
_CJK_BOUNDARY = re.compile(r"[。！？]+[」』”’）\"']*(?=[^\x00-\x7f]|\s|$)")
# an inline speaker label that starts a new turn inside a paragraph ("... ? A: ...")
_INLINE_LABEL = re.compile(r"(?<=[.!?\"”’])\s+(?=(?:Q|A)\s*[:：]\s)")
_CLOSERS = "\"'”’)]»"
_LIST_MARKER = re.compile(r"\s*(?:\d{1,3}|[ivxlcIVXLC]{1,5}|[a-zA-Z])\.$")
_LOOKBACK = 40
_WORD_BEFORE = re.compile(r"(?<![A-Za-z.])([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.$")
_NEXT_WORD = re.compile(r"\s*[\"'“‘(\[]*(\S*)")


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of ``body``; body[start:end] is the stripped paragraph."""
    spans: list[tuple[int, int]] = []
    last_line = ""
    for m in _LINE.finditer(body):
        line = m.group()
        start = m.start() + (len(line) - len(line.lstrip()))
        end = m.end() - (len(line) - len(line.rstrip()))
        text = body[start:end]
        if spans and _continues(last_line, text):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        last_line = text
    return spans


def _continues(prev: str, line: str) -> bool:
    """True when ``line`` is the hard-wrapped continuation of ``prev``.

    A long line of a text without capitals (a speech-recognition transcript)
    is not wrapped: there a new line marks a new speaker.
    """
    if not line[:1].islower() or _FINAL_STOP.search(prev):
        return False
    if len(prev) <= HARD_WRAP_MAX_LINE:
        return True             # a short line cut mid-sentence: a wrap, whatever its case
    letters = sum(c.isascii() and c.isalpha() for c in prev)
    return sum(c.isupper() for c in prev) > TRANSCRIPT_MAX_UPPER_SHARE * letters


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text`` (one paragraph); text[start:end] is the stripped sentence."""
    cuts = {m.end() for m in _BOUNDARY.finditer(text) if _is_boundary(text, m)}
    cuts |= {m.start() for m in _INLINE_LABEL.finditer(text)}
    cuts |= {m.end() for m in _CJK_BOUNDARY.finditer(text)}
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in sorted(cuts) + [len(text)]:
        span = _strip(text, start, cut)
        if span:
            spans.append(span)
        start = cut
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _is_boundary(text: str, m: re.Match) -> bool:
    punct = m.group()
    nxt = _NEXT_WORD.match(text, m.end()).group(1)
    if not nxt:
        return False
    stop = punct.rstrip(_CLOSERS)
    if stop in ("...", "…") or (stop.startswith("..") and len(stop) > 1):
        return not nxt[0].islower()   # "going on... it is": one sentence
    if len(stop) < len(punct) and nxt[0].islower():
        return False            # '"Why now?" she asked.': the quote goes on in its sentence
    if stop != "." or len(stop) < len(punct):
        return True             # ! ? or a stop closed by a quote/bracket
    if _LIST_MARKER.match(text, 0, m.end()):
        return False            # "1. Living standards ...": a list number, not a sentence
    window = text[max(0, m.start() - _LOOKBACK):m.start() + 1]
    before = _WORD_BEFORE.search(window)
    if before is None:
        return True
    word = before.group(1)
    if len(word) == 1 and word.isupper():
        return False            # an initial: "David W. Panuelo"
    if "." in word:             # U.S., H.E., U.N., a.m.
        return nxt.strip(_CLOSERS + ",;:") in SENTENCE_STARTERS
    low = word.lower()
    if low in ABBREVIATIONS:
        return False
    if low in ABBREVIATIONS_BEFORE_NUMBER and (nxt[0].isdigit() or nxt[0].islower()):
        return False
    if low in LOWER_CONTINUATION_ABBREVIATIONS and nxt[0].islower():
        return False            # "etc. and", "approx. five"
    return True
