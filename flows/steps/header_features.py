"""Features of one header-zone line, read as a whole, and the shapes of site furniture they show.

``header_line_features`` measures a line where it stands (position, neighbours, how much of the corpus
shares it); ``furniture_shape`` names the shape of a line that a headline rule would take but that is a
menu, a breadcrumb trail, a language selector or a login form above the title. Pure functions only.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from flows.steps import furniture
from flows.steps import header as hd

# languages whose stop words measure a header line's share of function words (the line's language is not
# known yet in the header zone: the largest share among these is taken)
STOPWORD_LANGUAGES = ("en", "fr", "de", "es", "pt", "it", "nl", "ru")
# separators of a breadcrumb trail, white space on both sides ("Home > World > Asia", "News → Politics"; not the
# German quotation marks of »Wir schaffen das«)
_BREADCRUMB = re.compile(r"(?<=\s)[>›»→](?=\s)")
# separators of the fields of a form or a menu ("User name: Password: | Forgot password?")
FIELD_MARKS = "|:："
_WORD = re.compile(r"\w++(?:['’]\w++)*+")
_GLUE = re.compile(r"[^\W\d_](?<=[a-z])(?=[A-Z])")            # a lower-case letter, then a capital in the same word
_INNER_STOP = re.compile(r"[。！？][\s\u3000]*+[^\s\u3000]")    # a CJK sentence end with text after it
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK", "HANGUL": "CJK",
                  "FULLWIDTH": "LATIN"}


@dataclass(frozen=True)
class HeaderLineFeatures:
    position: int               # header-zone lines above it
    chars: int
    words: int
    terminal: str               # "stop" (. ! ? 。), "colon", "comma", "bar" or "" (no terminal punctuation)
    capital_share: float        # capitals per letter
    digit_share: float          # digits per non-space character
    has_date: bool              # a full date
    has_outlet: bool            # an outlet word, a wire's name or a domain
    byline_cue: bool            # a byline ("By ...", "Source: ...", "NAME | Outlet")
    stopword_share: float       # function words per word (largest share in STOPWORD_LANGUAGES; 0 for CJK)
    blank_before: bool
    blank_after: bool
    corpus_share: float         # share of the corpus's documents that hold the line
    breadcrumbs: int            # breadcrumb separators between spaces
    field_marks: int            # bars and colons (FIELD_MARKS)
    glued_words: int            # words with two or more capitals glued inside ("NewsWorldAsia")
    scripts: int                # writing systems among its letters (Latin, CJK, Arabic, Cyrillic, ...)
    inner_sentence_ends: int    # CJK sentence ends with text after them ("。 ")


def _terminal(s: str) -> str:
    last = s.rstrip("\"”’'»)）」』】 ")[-1:]
    return {".": "stop", "!": "stop", "?": "stop", "。": "stop", "！": "stop", "？": "stop", ":": "colon",
            "：": "colon", ",": "comma", "，": "comma", "|": "bar"}.get(last, "")


def _scripts(s: str) -> int:
    """How many writing systems the letters of ``s`` are in (kana and hangul count with Han as one)."""
    names = {unicodedata.name(c, "?").split()[0] for c in s if c.isalpha()}
    return len({_SCRIPT_GROUPS.get(n, n) for n in names})


def _stopword_share(words: list[str]) -> float:
    lists = [furniture.stop_words(code) for code in STOPWORD_LANGUAGES]
    return max((sum(w.lower() in sl for w in words) / len(words) for sl in lists if sl), default=0.0) if words else 0.0


def header_line_features(line: str, position: int, neighbours: tuple[str, str],
                         corpus_share: float = 0.0) -> HeaderLineFeatures:
    """The features of header-zone ``line`` at ``position`` with the lines (above, below) it stands between
    (blank lines as ""), and the share of the corpus's documents that hold it."""
    s = line.strip()
    dense = "".join(s.split())
    letters = sum(c.isalpha() for c in dense)
    words = _WORD.findall(s)
    return HeaderLineFeatures(
        position=position, chars=len(s), words=len(s.split()), terminal=_terminal(s),
        capital_share=sum(c.isupper() for c in dense) / max(1, letters),
        digit_share=sum(c.isdigit() for c in dense) / max(1, len(dense)),
        has_date=hd.found_date(s) is not None, has_outlet=hd.has_outlet_word(s),
        byline_cue=len(s) <= 200 and hd.byline(s) is not None,
        stopword_share=_stopword_share(words),
        blank_before=not neighbours[0].strip(), blank_after=not neighbours[1].strip(),
        corpus_share=corpus_share,
        breadcrumbs=len(_BREADCRUMB.findall(s)), field_marks=sum(c in FIELD_MARKS for c in s),
        glued_words=sum(len(_GLUE.findall(w)) >= 2 for w in s.split()),
        scripts=_scripts(s), inner_sentence_ends=len(_INNER_STOP.findall(s)),
    )


def furniture_shape(f: HeaderLineFeatures, *, min_field_marks: int = 3, min_scripts: int = 3,
                    max_menu_stopwords: float = 0.3, max_form_stopwords: float = 0.2) -> str | None:
    """The furniture a title-shaped header line is by its features, or None: a breadcrumb trail (a breadcrumb
    separator), a menu glued together (a word with capitals glued inside, few function words), a language
    selector (three writing systems or more), a form's fields (``min_field_marks`` bars and colons, few
    function words), or two CJK sentences (a "skip to content" notice)."""
    if f.breadcrumbs:
        return "breadcrumb"
    if f.glued_words and f.stopword_share < max_menu_stopwords:
        return "glued_menu"
    if f.scripts >= min_scripts:
        return "language_selector"
    if f.field_marks >= min_field_marks and f.stopword_share < max_form_stopwords:
        return "form_fields"
    if f.inner_sentence_ends:
        return "two_sentences"
    return None
