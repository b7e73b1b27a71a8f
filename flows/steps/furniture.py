"""Furniture: body lines judged by their shape, in any language, in the manner of jusText.

The named line rules (``boilerplate.LINE_RULES``) and the corpus line-frequency rule catch furniture
whose words they know. What no rule names - a "most read" list, a comment count or a photo credit in
another language, a bare list number - is judged here by its shape, as jusText (Pomikálek 2011)
judges paragraphs: each body line gets a class from its own features, then short lines take the
class of their neighbours.

Classes (context-free, jusText's): ``bad`` (a shape no running text has: mostly URLs or e-mail
addresses, digits and no letters, a count, a credit, a date and time stamp, a "©"; or a long line
capitalised like a heading with few stop words of the document's language and of its own),
``short`` (under ``length_low`` characters: too short to judge alone), ``near_good`` and ``good``
(long with stop words, as running text is). A sentence, an enumeration, a label ("Speaker 2:") or a
salutation is never bad on its words: news sentences are dense in names.

What is removed, each with its rule name (the ``FURNITURE_*`` names below):

- every ``bad`` line;
- at the top and the bottom of the body (before the first and after the last good or near-good
  line), the short lines with bad neighbours on both sides: between bad lines, and at the bottom
  also between a bad line and the end (the edge counts as bad there, as in jusText). A line a named
  rule took is a bad neighbour (``furniture_rows``). A short sentence with stop words stays even
  there ("“We will not stop,” she said.").

Short lines inside the body stay whatever their neighbours are; near-good lines always stay; so does
every line of a document that has no good or near-good line (nothing to tell furniture from), and of
a document in a language spaCy has no stop word list for or whose script has no spaces between words.
Where this is stricter than jusText, it is so that no real sentence goes (see ``_edge_drops``).
Pure functions only: no Prefect, no file I/O.
"""
from __future__ import annotations

import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

FURNITURE_LINKS = "furniture_link_density"          # mostly URLs and e-mail addresses
FURNITURE_BARE_NUMBER = "furniture_bare_number"     # digits and no letters: a bare list or page number
FURNITURE_SYMBOLS = "furniture_symbols"             # more digits and punctuation than letters, no sentence end
FURNITURE_COUNTER = "furniture_counter"             # a number and a word or two: "12 Kommentare", "Seite 3"
FURNITURE_CREDIT = "furniture_credit"               # "Foto: Agentur/Name": a credit, no stop words
FURNITURE_TIMESTAMP = "furniture_timestamp"         # a short line with a time of day: comment meta lines
FURNITURE_COPYRIGHT = "furniture_copyright"       # "©" anywhere (jusText's rule)
FURNITURE_LOW_STOPWORDS = "furniture_low_stopwords"  # long, capitalised like a heading, few stop words in any language
FURNITURE_EDGE_BLOCK = "furniture_edge_block"       # short lines between furniture and the top or bottom edge
FURNITURE_FIELD = "furniture_field"                 # a bullet or bar and three words at most: "• Country:", "|Updated:"

BAD, SHORT, NEAR_GOOD, GOOD = "bad", "short", "near_good", "good"

# rules of clean.cleaned_document that take parts of the document, not furniture: the lines they take are
# no bad neighbours (a cut-off last paragraph under a sub-heading is no furniture)
STRUCTURE_RULES = frozenset({"title", "header", "byline", "date", "dateline", "keywords", "section_label",
                             "subheading"})


@dataclass(frozen=True)
class Thresholds:
    """Every number the classifier uses. jusText's published defaults for the first five."""
    length_low: int = 70              # characters: shorter lines are "short" (judged by their neighbours)
    length_high: int = 200            # characters: longer lines with enough stop words are "good"
    stopwords_low: float = 0.30       # stop-word share below which a long line is "bad"
    stopwords_high: float = 0.32      # stop-word share from which a line is "good" (if long) or near-good
    max_link_density: float = 0.2     # share of characters in URLs / e-mail addresses above which a line is bad
    min_letter_share: float = 0.5     # letters per non-space character below which a line (no sentence end) is bad
    max_counter_words: int = 3        # a count line: at most this many words, one of them a number
    max_cjk_share: float = 0.3        # CJK characters per character above which a line has no measurable words
    min_heading_capitals: float = 0.5  # capitalised words per word from which a line is capitalised like a heading
    min_list_separators: float = 0.2  # commas and semicolons per word from which a line is an enumeration (body text)


THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class LineShape:
    """The features of one body line."""
    chars: int
    words: int
    stopword_density: float | None    # None: the line's words cannot be measured (CJK, no stop word list)
    link_density: float
    letter_share: float               # letters per non-space character
    upper_share: float                # capitals per letter
    ends_sentence: bool
    running_text: bool                # ends a sentence, holds a sentence boundary or goes on from the line above
    continues: bool                   # starts in lower case: goes on from the line above (hard-wrapped text)
    has_time: bool
    separators: int                   # commas and semicolons: "Albania, Australia, Austria" enumerates
    numbers: int                      # number tokens, times of day and dates included ("12", "10:32", "2021")
    has_count: bool                   # a count first or in brackets last: "12 Kommentare", "1 of 1", "Kommentare (12)"
                                      # (not a time code "00:01:05", not a label numbered last: "Speaker 1")
    capitalised_words: int            # words of two letters or more that start with a capital
    has_credit_mark: bool             # a "Word/Word" credit


_WORD = re.compile(r"\w++(?:['’]\w++)*+")
_EMAIL = re.compile(r"[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
# a time of day: "10:32", "9.45 pm", "21h30", "10.32 Uhr" (a decimal such as "3.14" is none)
_TIME = re.compile(r"(?<![\d:.,])(?:[01]?\d|2[0-3])(?::[0-5]\d(?![\d:])|h[0-5]\d\b|\.[0-5]\d\s*+(?:[ap]\.?m\b|uhr\b))",
                   re.IGNORECASE)
_NUMBER = re.compile(r"[#№(]?\d[\d.,:/kKmM]*+\)?")
_COUNT = re.compile(r"[#№(]?\d[\d.,]*+[kKmM]?\)?")
_BRACKETED_COUNT = re.compile(r"[(\[]\d[\d.,]*+[)\]]")
_CAPITALISED = re.compile(r"[^\W\d_][^\W\d_]+")
# a sentence boundary inside the line: ". The", "?” She" (excerpts end mid-sentence, so the end is not enough)
_INNER_BOUNDARY = re.compile(r"[.!?。！？][\"”’'»」)\]]*+\s++[\"“‘«(\[]?+[^\W\d_]")
_SLASH_CREDIT = re.compile(r"\b\w++\s*+/\s*+[A-Z]\w*+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
_FIELD = re.compile(r"\s*+[•·▪►|]\s*+\S++(?:\s++\S++){0,2}\s*+")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"”’'»」』)）\]]*+$")
_NO_SPACE_LANGUAGES = frozenset({"zh", "ja", "th", "bo", "my", "km", "lo"})


@functools.lru_cache(maxsize=None)
def stop_words(language: str | None) -> frozenset[str] | None:
    """spaCy's stop word list for an ISO 639-1 ``language``, lower case; None where spaCy has none
    or the language writes no spaces between words (its "words" cannot be counted by spaces)."""
    if not language or language in _NO_SPACE_LANGUAGES or not language.isalpha():
        return None
    path = _spacy_lang_dir() / language / "stop_words.py"
    if not path.is_file():
        return None
    # the list's own file, run alone: importing ``spacy.lang.<language>.stop_words`` would first run the
    # language package, whose tokenizer exceptions take seconds (French: ~3 s) on a process's first header
    spec = importlib.util.spec_from_file_location(f"_stop_words_{language}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(w.lower() for w in module.STOP_WORDS)


@functools.lru_cache(maxsize=1)
def _spacy_lang_dir() -> Path:
    """The folder of spaCy's language data (``spacy.lang``), found without importing its languages."""
    return Path(importlib.util.find_spec("spacy.lang").submodule_search_locations[0])


def _is_link(token: str) -> bool:
    t = token.strip("()[]<>.,;:\"'“”")
    return t.lower().startswith(("http://", "https://", "www.")) or _EMAIL.fullmatch(t) is not None


def _stopword_density(words: list[str], stoplist: frozenset[str] | None, line: str,
                      max_cjk_share: float) -> float | None:
    if stoplist is None or not words or len(_CJK.findall(line)) > max_cjk_share * len(line):
        return None
    return sum(w.lower() in stoplist for w in words) / len(words)


def _continues(s: str) -> bool:
    """``s`` starts in lower case: it goes on from the line above (hard-wrapped text)."""
    return next((c for c in s if c.isalpha()), "").islower()


def _is_running_text(s: str) -> bool:
    """``s`` reads as running text whatever its words: it ends a sentence, holds a sentence boundary, or
    goes on from the line above."""
    return _SENTENCE_END.search(s) is not None or _INNER_BOUNDARY.search(s) is not None or _continues(s)


def line_shape(line: str, stoplist: frozenset[str] | None, *, t: Thresholds = THRESHOLDS) -> LineShape:
    """The features of ``line`` (stripped) with the document's ``stoplist``."""
    s = line.strip()
    tokens = s.split()
    words = _WORD.findall(s)
    dense = "".join(tokens)
    letters = sum(c.isalpha() for c in dense)
    link_chars = sum(len(tok) for tok in tokens if _is_link(tok))
    return LineShape(
        chars=len(s), words=len(tokens),
        stopword_density=_stopword_density(words, stoplist, s, t.max_cjk_share),
        link_density=link_chars / max(1, len(dense)),
        letter_share=letters / max(1, len(dense)),
        upper_share=sum(c.isupper() for c in dense) / max(1, letters),
        ends_sentence=_SENTENCE_END.search(s) is not None,
        running_text=_is_running_text(s),
        continues=_continues(s),
        has_time=_TIME.search(s) is not None,
        separators=sum(c in ",;，；、" for c in s),
        numbers=sum(_NUMBER.fullmatch(tok) is not None for tok in tokens),
        has_count=bool(tokens) and (_COUNT.fullmatch(tokens[0]) is not None or _BRACKETED_COUNT.fullmatch(tokens[-1]) is not None),
        capitalised_words=sum(_CAPITALISED.fullmatch(w) is not None and w[0].isupper() for w in words),
        has_credit_mark=_SLASH_CREDIT.search(s) is not None,
    )


def _shape_rule(shape: LineShape, line: str, t: Thresholds) -> str | None:
    """The rule naming a shape no running text has, whatever the language; None for any other."""
    if shape.link_density > t.max_link_density and not shape.running_text:
        return FURNITURE_LINKS  # a sentence that gives an address ("The report is at https://...") stays
    if shape.letter_share == 0 and shape.numbers:
        return FURNITURE_BARE_NUMBER  # not a rule of "___" or "***": a separator between parts of one text
    if "©" in line:
        return FURNITURE_COPYRIGHT
    if _FIELD.fullmatch(line) and not shape.ends_sentence:
        return FURNITURE_FIELD  # a page's field or its value in a list of them ("• Country:", "• India"), no sentence
    if shape.ends_sentence or line.rstrip().endswith((":", "：", ",", "，")):
        return None  # a sentence, a label ("Speaker 2:") that heads the next line, a salutation
    if shape.letter_share < t.min_letter_share and not shape.capitalised_words:
        return FURNITURE_SYMBOLS  # "08.40 mins", "- 3 -" (not "Jon Gay 00:01:05", a speaker and a time code)
    if shape.chars >= t.length_low:
        return None
    if shape.has_count and shape.words <= t.max_counter_words:
        return FURNITURE_COUNTER
    if shape.has_time and shape.numbers >= 2:
        return FURNITURE_TIMESTAMP  # a date and a time of day: "12. Mai 2021 um 10:32 Uhr"
    if shape.has_credit_mark and not shape.stopword_density:
        return FURNITURE_CREDIT
    return None


def _reads_in_another_language(line: str, language: str, t: Thresholds) -> bool:
    """``line`` is running text in a language other than the document's: enough stop words of its own."""
    import py3langid

    code, _ = py3langid.classify(line)
    stoplist = stop_words(code) if code != language else None
    density = _stopword_density(_WORD.findall(line), stoplist, line, t.max_cjk_share)
    return density is not None and density >= t.stopwords_low


def _heading_like(shape: LineShape, t: Thresholds) -> bool:
    """Capitalised like a heading, a caption or a menu, and neither running text nor an enumeration (a list
    of signatory countries is body text). Only such a line is judged on its stop words: news sentences
    and lists are dense in names."""
    return (not shape.running_text and shape.capitalised_words >= t.min_heading_capitals * shape.words
            and shape.separators < t.min_list_separators * shape.words)


def line_class(shape: LineShape, line: str, language: str, *, t: Thresholds = THRESHOLDS) -> tuple[str, str | None]:
    """jusText's context-free class of a line (``bad``, ``short``, ``near_good``, ``good``) and, for a bad
    line, the rule that makes it bad."""
    rule = _shape_rule(shape, line, t)
    if rule:
        return BAD, rule
    if shape.chars < t.length_low:
        return SHORT, None
    density = shape.stopword_density
    if density is None:
        return NEAR_GOOD, None  # words that cannot be counted (a CJK line): never judged bad on them
    if density >= t.stopwords_high:
        return (GOOD if shape.chars > t.length_high else NEAR_GOOD), None
    if density >= t.stopwords_low or not _heading_like(shape, t) or _reads_in_another_language(line, language, t):
        return NEAR_GOOD, None
    return BAD, FURNITURE_LOW_STOPWORDS


def _removable_short(shape: LineShape, line: str, t: Thresholds) -> bool:
    """A short line that may go with the furniture around it: not a sentence with stop words (a short
    quote, "Thank you, Minister."), not a label or salutation ending in a colon or comma, not the lower
    case end of a hard-wrapped line."""
    if line.rstrip().endswith((":", "：", ",", "，")) or shape.continues:
        return False
    sentence = shape.ends_sentence and shape.words >= 2 and (
        shape.stopword_density is None or shape.stopword_density >= t.stopwords_low)
    return not sentence


def _edge_drops(order: list[int], classes: list[str], removable: list[bool], *, bottom: bool) -> list[int]:
    """The short lines to drop in the edge zone that ``order`` walks from the edge inwards: the bad and
    removable short lines before the first other one. Dropped: the short lines between bad lines, and at
    the bottom those between the last bad line and the edge (which counts as bad there, as in jusText).
    Kept, unlike jusText: a zone with no bad line (a ranking that ends an article), the short lines
    between the text and the first bad line (an excerpt's cut-off last line above a footer, a
    standfirst above a photo credit) and, at the top, above the first bad line (a dateline, a lead)."""
    zone: list[int] = []
    for i in order:
        if not (classes[i] == BAD or classes[i] == SHORT and removable[i]):
            break
        zone.append(i)
    bad_at = [k for k, i in enumerate(zone) if classes[i] == BAD]
    if not bad_at:
        return []
    return [i for i in zone[0 if bottom else bad_at[0]: bad_at[-1]] if classes[i] == SHORT]


def furniture_lines(lines: list[str | None], language: str | None, *,
                    t: Thresholds = THRESHOLDS) -> dict[int, str]:
    """The lines of a document's body (``lines``, in order, each one paragraph; None for a line a named
    rule already removed, a bad neighbour) that are site furniture: index -> rule name. Empty for a
    language without a usable stop word list. Where no line is good or near-good, only the shape rules
    apply (no stop word judgement, no edge blocks)."""
    stoplist = stop_words(language)
    if stoplist is None:
        return {}
    shapes = [line_shape(line, stoplist, t=t) if line is not None else None for line in lines]
    judged = [line_class(shape, line, language, t=t) if line is not None else (BAD, None)
              for shape, line in zip(shapes, lines)]
    classes = [c for c, _ in judged]
    drops = {i: rule for i, (c, rule) in enumerate(judged) if rule is not None}
    if not any(c in (GOOD, NEAR_GOOD) for c in classes):
        return {i: rule for i, rule in drops.items() if rule != FURNITURE_LOW_STOPWORDS}
    removable = [line is not None and _removable_short(shape, line, t) for shape, line in zip(shapes, lines)]
    order = list(range(len(lines)))
    edges = _edge_drops(order, classes, removable, bottom=False) + _edge_drops(
        order[::-1], classes, removable, bottom=True)
    for i in edges:
        drops[i] = FURNITURE_EDGE_BLOCK
    return drops


def furniture_rows(rows: list[tuple[int, str]], language: str | None, *, ruled: dict[int, str] | None = None,
                   t: Thresholds = THRESHOLDS) -> dict[int, str]:
    """``furniture_lines`` over a document's body rows (line number, text): line number -> rule. ``ruled``
    holds the lines named rules removed (line number -> rule); those among the rows taken whole are bad
    neighbours, except the parts of the document (``STRUCTURE_RULES``: a sub-heading is no furniture)."""
    if not rows:
        return {}
    kept = dict(rows)
    taken = [j for j, rule in (ruled or {}).items()
             if rows[0][0] < j and j not in kept and rule not in STRUCTURE_RULES]
    numbers = sorted([*kept, *taken])
    drops = furniture_lines([kept.get(j) for j in numbers], language, t=t)
    return {numbers[k]: rule for k, rule in drops.items()}
