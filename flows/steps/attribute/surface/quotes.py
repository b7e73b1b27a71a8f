"""Quotation spans of a paragraph, the paragraph with quoted words blanked, and the test that tells a
quoted term, title or proverb from speech."""
from __future__ import annotations

import re
from dataclasses import dataclass

from flows.steps import lexicon as L
from flows.steps.parse import stands_as_opening
from flows.steps.attribute.surface.patterns import _QUOTE_CHARS, _WORD


_DOUBLED_MARKS = re.compile("''|``")


def with_doubled_marks_as_quotes(text: str) -> str:
    """Rule ``doubled_apostrophe_quotes``: ``text`` with each typewriter double quotation mark made of two
    apostrophes or two backticks (''Yes,'' she said; ``Yes'') written as a straight double quote, the same
    length (a space on the side away from the quoted words), so that offsets into ``text`` stay valid: an opening
    mark (glued to the word after it) becomes ' "', any other '" '."""
    def one(m: re.Match) -> str:
        after = text[m.end():m.end() + 1]
        before = text[m.start() - 1:m.start()] if m.start() else " "
        return ' "' if after[:1].isalnum() and not before.isalnum() else '" '
    return _DOUBLED_MARKS.sub(one, text)


@dataclass
class _Quote:
    start: int            # offset of the opening mark (or 0 when it opened in an earlier paragraph)
    end: int              # offset just after the closing mark (or len(text) when left open)
    closed: bool
    opened_before: bool   # continues a quotation from the previous paragraph


def _closes_by_position(prev: str, nxt: str) -> bool:
    """A quotation mark glued to the word before it and followed by a space or punctuation closes."""
    return not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)]")


def _quotes(text: str, carry_open: bool) -> list[_Quote]:
    out: list[_Quote] = []
    open_at: int | None = 0 if carry_open else None
    opened_before = carry_open
    single_open: int | None = None
    n = len(text)
    # the opening mark of a paragraph that continues a quotation re-opens it, it does not close it
    reopen = len(text) - len(text.lstrip()) if carry_open and text.lstrip()[:1] in "\"“‘«'" else -1
    for qm in _QUOTE_CHARS.finditer(text):
        i, ch = qm.start(), qm.group()
        if i == reopen:
            continue
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == '"':
            if open_at is None and (prev.isspace() or prev in "([{—–-:,") and not nxt.isspace():
                open_at, opened_before = i, False
            elif open_at is not None:
                out.append(_Quote(open_at, i + 1, True, opened_before))
                open_at, opened_before = None, False
            elif open_at is None and i == 0:
                open_at, opened_before = i, False
        elif ch in "“«" and open_at is not None and _closes_by_position(prev, nxt):
            out.append(_Quote(open_at, i + 1, True, opened_before))      # 'here,“ said X': typed the wrong way round
            open_at, opened_before = None, False
        elif ch in "“«" or (ch in "”»" and open_at is None and stands_as_opening(prev, nxt)):
            if open_at is None:     # (' ”Hello', 'said,”Hello' open: a closing mark typed the wrong way round)
                open_at, opened_before = i, False
        elif ch in "”»":
            if open_at is not None:
                out.append(_Quote(open_at, i + 1, True, opened_before))
            else:   # a closing mark without an opener: the quote ran from the last quote or the start
                start = out[-1].end if out else 0
                out.append(_Quote(start, i + 1, True, False))
            open_at, opened_before = None, False
        elif ch in "‘'" and open_at is None:
            if single_open is None and (prev.isspace() or prev in "([") and nxt.isalpha():
                single_open = i
            elif single_open is not None and ch in "’'" and not prev.isspace() and not nxt.isalnum():
                out.append(_Quote(single_open, i + 1, True, False))
                single_open = None
        elif ch == "’" and single_open is not None and not nxt.isalnum():
            out.append(_Quote(single_open, i + 1, True, False))
            single_open = None
    if open_at is not None:
        out.append(_Quote(open_at, n, False, opened_before))
    out.sort(key=lambda q: q.start)
    return out


def _continues_quote(text: str) -> bool:
    """A paragraph goes on with a quotation left open before it: it opens with a quotation mark
    (the usual style) or closes a quotation it never opened."""
    t = text.lstrip()
    if t[:1] in "\"“‘«'":
        return True
    first_close = min((i for i, c in enumerate(t) if c in "”»" and not stands_as_opening(t[i - 1] if i else " ",
                                                                                        t[i + 1:i + 2] or " ")),
                      default=-1)
    first_open = min((i for i in (t.find("“"), t.find("«")) if i >= 0), default=len(t))
    return 0 <= first_close < first_open


def _mask(text: str, quotes: list[_Quote]) -> str:
    """``text`` with quoted content blanked out (same length, so offsets stay valid)."""
    chars = list(text)
    for q in quotes:
        for i in range(q.start, q.end):
            if not chars[i].isspace():
                chars[i] = "_" if i not in (q.start, q.end - 1) else chars[i]
    return "".join(chars)


def _is_term(text: str, q: _Quote, proverb: bool) -> bool:
    """A quoted term, title, slogan or proverb rather than speech."""
    if q.opened_before:
        return False
    inner = text[q.start + 1:q.end - 1] if q.closed else text[q.start + 1:q.end]
    words = _WORD.findall(inner)
    if not words:
        return True
    before = text[max(0, q.start - 40):q.start].rstrip(" ,")
    if before.endswith(":"):
        return False
    prev_words = _WORD.findall(before)
    if prev_words and prev_words[-1].lower() in L.TERM_MARKERS:
        return True
    after = _WORD.match(text[q.end:q.end + 40].lstrip())
    if q.closed and len(words) < L.MIN_SPEECH_QUOTE_WORDS and after and after.group().lower() in L.TERM_MARKERS:
        return True                          # 'the "people-centered" philosophy': a quoted modifier
    if proverb:
        return True
    long_words = [w for w in words if len(w) > 3]
    caps = sum(w[0].isupper() for w in long_words)
    if len(words) >= 3 and long_words and (caps >= 0.8 * len(long_words) or (
            not re.search(r"[.!?]", inner) and caps >= 0.7 * len(long_words))):
        return True                          # a title in title case
    # rule ``two_word_title``: two capitalised words quoted inside a sentence, after a lower-case word ('a boss on
    # "The Apprentice," Roe ...'): a title, not speech
    return q.closed and len(words) == 2 and all(w[0].isupper() for w in words) and bool(prev_words) \
        and prev_words[-1][0].islower() and not re.search(r"[.!?:;\"”]$", before)
