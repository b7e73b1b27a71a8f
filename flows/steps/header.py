"""Header metadata: publication dates, bylines, outlets and dateline prefixes.

Pure functions over single lines; ``clean.cleaned_document`` decides which lines are header.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from flows.steps import lexicon as lex

MONTHS: dict[str, int] = {}
for _num, (_english, _other) in enumerate(zip(lex.ENGLISH_MONTH_NAMES, lex.OTHER_MONTH_NAMES), start=1):
    for _name in f"{_english} {_other}".split():
        MONTHS.setdefault(_name, _num)

_MONTH_ALT = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_MON = rf"(?P<mon>{_MONTH_ALT})\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?"

_ANY_YEAR = r"(?P<year>(?:1\d|20)\d{2})"   # 1000-2099: a year the publication date patterns do not take


def _date_patterns(year: str) -> tuple[re.Pattern[str], ...]:
    """The full-date patterns (year, month, day in any of the orders below), with ``year`` as the year's group."""
    return tuple(re.compile(p, re.IGNORECASE) for p in (
        rf"(?<!\d){year}\s*年\s*(?P<month>[01]?\d)\s*月\s*(?P<day>[0-3]?\d)\s*日",
        rf"(?<!\d){year}[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)(?!\d)",
        # white space taken whole (``*+``): what follows starts with a non-space; linear on long runs
        rf"(?<![\w]){_MON}\s*{_DAY}\s*+,?\s*+{year}(?!\d)",
        rf"(?<![\w\d]){_DAY}\s*+(?:de\s++)?{_MON}\s*+(?:de\s++)?,?\s*+{year}(?!\d)",
        rf"(?<!\d)(?P<day>[0-3]?\d)-(?P<mon>{_MONTH_ALT})-{year}(?!\d)",
        rf"(?<!\d)(?P<day>[0-3]?\d)[/.](?P<month>[0-3]?\d)[/.]{year}(?!\d)",
    ))


DATE_PATTERNS = _date_patterns(_YEAR)
ANY_YEAR_DATE_PATTERNS = _date_patterns(_ANY_YEAR)


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    text: str
    start: int
    end: int


def _date_parts(m: re.Match[str]) -> tuple[int, int, int] | None:
    """(year, month, day) as a date pattern's match writes them (month first where the day cannot be a
    month: 06/24/2021), or None for an unknown month name. Not checked to be a day of the calendar."""
    g = m.groupdict()
    month = int(g["month"]) if g.get("month") else MONTHS.get(g["mon"].lower().rstrip("."))
    if not month:
        return None
    day = int(g["day"])
    if g.get("month") and month > 12 >= day and not m.group(0)[:4].isdigit():
        month, day = day, month  # 06/24/2021: month first (US)
    return int(g["year"]), month, day


def _full_dates(patterns: tuple[re.Pattern[str], ...], line: str) -> Iterator[tuple[re.Match[str], dt.date | None]]:
    """Each full-date match of ``patterns`` in ``line`` (pattern by pattern), with its date, or None where the
    match is no day of the calendar (February 30). Matches of an unknown month name are skipped."""
    for pattern in patterns:
        for m in pattern.finditer(line):
            parts = _date_parts(m)
            if parts is None:
                continue
            try:
                yield m, dt.date(*parts)
            except ValueError:
                yield m, None


def found_date(line: str) -> FoundDate | None:
    """The first full (day, month, year) date in ``line``; year-less dates give None."""
    best: FoundDate | None = None
    done: set[re.Pattern[str]] = set()     # a pattern's first valid date is its answer
    for m, value in _full_dates(DATE_PATTERNS, line):
        if value is None or m.re in done:
            continue
        done.add(m.re)
        if best is None or m.start() < best.start:
            best = FoundDate(value, m.group(0).strip(), m.start(), m.end())
    return best


@dataclass(frozen=True)
class DateProblem:
    """A date written in the header that gives no publication date: ``reason`` is ``no_such_day`` (February 30,
    2024-13-05) or ``before_earliest_year`` (March 3, 1850)."""
    text: str
    reason: str


def date_problem(line: str, *, min_year: int = 1900) -> DateProblem | None:
    """The first date-shaped text in ``line`` (a full date, any year from 1000) that is no day of the calendar
    or lies before ``min_year``, or None. Asked only where no publication date was read."""
    for m, value in _full_dates(ANY_YEAR_DATE_PATTERNS, line):
        if value is None or value.year < min_year:
            return DateProblem(m.group(0).strip(), "no_such_day" if value is None else "before_earliest_year")
    return None


# dateparser's reading of an all-number date (07/09/2004) by the document's language; others read day first
_DATE_ORDER = {"en": "MDY", "zh": "YMD", "ja": "YMD", "ko": "YMD", "hu": "YMD", "lt": "YMD"}
_DATEPARSER_SETTINGS = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past",
                        "PARSERS": ["timestamp", "custom-formats", "absolute-time"]}   # never "3 days ago"


def date_in_any_language(lines: list[str], language: str | None, *, max_chars: int = 120,
                         min_year: int = 1900) -> FoundDate | None:
    """The first full date that ``dateparser`` reads in ``lines`` (header-zone lines the fast patterns found
    no date in: ``Опубликовано 5 мая 2020 г.``, ``le 07/09/2004``), in the document's language when
    dateparser knows it. Lines over ``max_chars`` are skipped: running text is not a date stamp."""
    from dateparser.search import search_dates   # imported on first use: about a second of start-up

    settings = _DATEPARSER_SETTINGS | {"DATE_ORDER": _DATE_ORDER.get(language or "", "DMY")}
    for line in (x for x in lines if x and len(x) <= max_chars):
        try:
            found = search_dates(line, languages=[language] if language else None, settings=settings)
        except ValueError:   # a language dateparser does not know: let it detect one
            found = search_dates(line, settings=settings)
        for text, when in found or ():
            if when.year >= min_year:
                start = line.find(text)
                return FoundDate(when.date(), text.strip(), start, start + len(text))
    return None


# English names, English abbreviations, then the other languages' names
_WEEKDAYS = lex.ENGLISH_WEEKDAY_NAMES[::2] + lex.ENGLISH_WEEKDAY_NAMES[1::2] + lex.OTHER_WEEKDAY_NAMES
_WEEKDAY = re.compile(rf"^({'|'.join(_WEEKDAYS)})\b,?\s*", re.IGNORECASE)
_TIME = r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)"


def words_alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of ``words`` (phrases match across any white space), longest first."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


DATE_LABELS = words_alternation(lex.DATE_LABELS)
DESK_WORDS = words_alternation(lex.DESK_WORDS)
_DESK_AT_END = re.compile(rf"\s+(?i:{DESK_WORDS})$")
PUBLICATION_VERBS = words_alternation(lex.PUBLICATION_VERBS)
_DATE_LABEL = rf"(?:(?:{DATE_LABELS})(?:\s+on)?\s*[:：]?\s*)"


def date_stamp(line: str, *, max_extra_words: int = 4) -> FoundDate | None:
    """The date of a line that is (mostly) a date stamp: label, weekday, date, time, little else."""
    s = line.strip()
    fd = found_date(s)
    if fd is None:
        return None
    rest = s[:fd.start] + " " + s[fd.end:]
    rest = re.sub(_DATE_LABEL, " ", rest, flags=re.IGNORECASE)
    rest = _WEEKDAY.sub(" ", rest.strip())
    rest = re.sub(_TIME, " ", rest, flags=re.IGNORECASE)
    rest = re.sub(r"\b(r|г|\d+\s*comments?|阅读次数[:：]?\s*\d+次?|閱讀次數[:：]?\s*\d+次?)\b", " ", rest, flags=re.I)
    rest = re.sub(r"[|·,.:;()\[\]\-–—/]+", " ", rest)
    words = rest.split()
    if s.endswith((".", "!", "?")) and any(w[:1].islower() for w in words):
        return None  # "The forum opened on May 5, 2021." is a sentence
    return fd if len(words) <= max_extra_words else None


# ---------------------------------------------------------------------------- bylines and outlets

_NAME_WORD = r"(?:[A-Z][a-z'’\-]+|[A-Z]{2,}|[A-Z]\.)"
NAME = re.compile(rf"{_NAME_WORD}(?:[ \-]{_NAME_WORD}){{1,3}}")


def person_name(text: str) -> str | None:
    """``text`` if it is just a person's name (2-4 capitalised words), normalised to title case."""
    s = text.strip().strip(",;:|*†").strip()
    if not NAME.fullmatch(s) or len(s) > 40:
        return None
    words = re.split(r"[ ]+", s)
    if any(w.lower().strip(".") in lex.NOT_NAME_WORDS for w in words) or _OUTLET_WORDS.search(s):
        return None                      # "PR Newswire", "Tide News": an outlet, not a person
    return " ".join(_title_word(w) for w in words)


def _title_word(w: str) -> str:
    if w.isupper() and len(w) > 1 and not w.endswith("."):
        return "-".join(p.capitalize() for p in w.split("-"))
    return w


def clean_outlet(s: str) -> str | None:
    s = re.sub(r"\s+", " ", s).strip(" -–—|·,:;.")
    s = re.sub(r"[\s,]*+\d{1,2}[:.]\d{2}$", "", s)           # "(Xinhua) 15:41"
    if s[:1] == "(" and s.count("(") == 1 and s.count(")") == 1 and s.endswith(")"):
        s = s[1:-1]
    s = re.sub(r"\s+(on|at)$", "", s)
    s = _DESK_AT_END.sub("", s)
    if not s or len(s) > 80:
        return None
    if s.isupper() and " " in s and len(s) > 6:
        s = " ".join(w.capitalize() for w in s.split())
    return s


@dataclass(frozen=True)
class Byline:
    authors: tuple[str, ...] = ()
    outlet: str | None = None


# a label before its colon first: "By line: Jane Roe" is a label, not "By" and "line: Jane Roe"
_BY = re.compile(rf"^\s*(?i:(?:{words_alternation(lex.BYLINE_LABELS)})s?\s*(?P<colon2>[:：])"
                 rf"|(?:{words_alternation(lex.BYLINE_BY_PHRASES)})(?!\w)\s*(?P<colon>[:：])?)\s*(?P<rest>.*)$")
SOURCE_LABELS = words_alternation(lex.SOURCE_LABELS)
_SOURCE = re.compile(rf"(?:^|[\s|·(]|(?<=\d))(?:{SOURCE_LABELS})\s*[:：]\s*(?P<src>[^|·)]+)", re.IGNORECASE)
# the fields of a byline end at a publication stamp, a source or an editor's credit, a bar or a wide gap
_CUT = re.compile(rf"\s*\b(?:{PUBLICATION_VERBS}|{SOURCE_LABELS}|editor)\b\s*[:：]?|\s*[|·]\s*|\s{{2,}}",
                  re.IGNORECASE)
# a journalist's role, singular or plural ("reporter", "staff writers")
JOURNALIST_ROLES = rf"(?:{words_alternation(lex.JOURNALIST_ROLES)})s?"
# org ends on a non-space and the space after it is taken whole: linear on a long run of spaces
# (the same matches as ``^\s*(?P<org>.+?)\s+...`` on the stripped lines ``byline`` reads)
_REPORTER = re.compile(rf"^\s*+(?P<org>.+?)(?<!\s)\s++{JOURNALIST_ROLES}(?!\w)\s*+(?P<names>.*)$", re.IGNORECASE)
_TEAM = re.compile(rf"^\s*(?P<org>[\w&.' ]{{2,40}}?)\s+(?:{DESK_WORDS})\s*$",
                   re.IGNORECASE)


_NAME_ROLE = re.compile(r"^(?P<name>[A-Z][a-z'’\-]+(?: [A-Z][a-z'’\-]+){1,2}?)\s+(?:(?:[A-Z][a-z]+|and|&)\s+){0,3}"
                        rf"(?:{words_alternation(lex.JOURNALIST_ROLES)})$")


# leading white space only from the start of a run: a split inside a long run of spaces would rescan
# the rest of it at every position (quadratic); the leftmost match never starts inside a run anyway
_NAME_SEPARATOR = re.compile(r"(?:(?<!\s)\s+)?(?:,|&|\band\b|\by\b|\bet\b|和|、)\s*")


def _split_names(text: str) -> list[str] | None:
    parts = [p for p in _NAME_SEPARATOR.split(text.strip()) if p]
    names = [person_name(p) for p in parts]
    return names if parts and all(names) else None


MAX_NAME_WORDS = 6  # a person_name is 2-4 words, plus one token of stripped punctuation at either end


def _heads_are_names(text: str, ends: list[int]) -> Iterator[bool]:
    """Whether ``_split_names(text[:end])`` is a list of names, for each of the increasing ``ends``.

    One pass over ``text``: a part closed by a separator is named once, and the values stop as soon as
    no longer head can be a list of names (a closed part is no name, or the open part has more words than
    a name). Calling ``_split_names`` on each longer head took quadratic time (issue 9)."""
    named, start = False, 0                     # a closed part was named; where the open part starts
    for end in ends:
        pending, pos = [], start
        for sep in _NAME_SEPARATOR.finditer(text, start, end):
            if sep.end() == end:                # in a longer head it may take the white space after ``end``
                pending.append(text[pos:sep.start()])
                pos = end
                break
            part = text[pos:sep.start()]
            if part and person_name(part) is None:
                return
            named = named or bool(part)
            pos = start = sep.end()
        pending.append(text[pos:end])
        if len(pending[0].split()) > MAX_NAME_WORDS:
            return
        parts = [p for p in pending if p]
        yield (named or bool(parts)) and all(person_name(p) for p in parts)


def _names_then_comma_outlet(t: str) -> tuple[list[str], str | None] | None:
    """Names before a comma and an outlet after it ("He Yin, People's Daily"): the first comma whose head
    is a list of names and whose tail is not blank and holds no date.

    A date found in one tail is in every longer tail up to where it starts (a longer head holds no date:
    its digits are no name), so it is looked for once, not after every comma."""
    commas = [k for k, c in enumerate(t) if c == ","]
    last_text = len(t.rstrip()) - 1             # a tail after it is blank
    date_at = -1
    for i, named in zip(commas, _heads_are_names(t, commas)):
        if not named or i >= last_text or i < date_at:
            continue
        found = found_date(t[i + 1:])
        if found is None:
            return _split_names(t[:i]), clean_outlet(t[i + 1:])
        date_at = i + 1 + found.start
    return None


def _names_then_outlet_words(t: str) -> tuple[list[str], str | None] | None:
    """NAMES Outlet Words (AP style): the shortest head of two or more words that is a list of names, not
    ending in a connective, followed by a capitalised outlet name."""
    words = t.split()
    joined = " ".join(words)
    ends = [e - 1 for e in accumulate(len(w) + 1 for w in words)]    # where each word ends in ``joined``
    outlet_from = max((m.start() for m in _OUTLET_WORDS.finditer(joined)), default=-1)  # last outlet word
    for k, named in zip(range(2, len(words)), _heads_are_names(joined, ends[1:-1])):
        if words[k - 1].lower() in ("and", "&", "y", "et") or words[k - 1].endswith(","):
            continue
        tail_from = ends[k - 1] + 1
        outlet = tail_from <= outlet_from or (k == len(words) - 1 and _ACRONYM.match(words[k]))
        if named and words[k][:1].isupper() and outlet:
            return _split_names(joined[:ends[k - 1]]), clean_outlet(joined[tail_from:])
    return None


# names end on a non-space and the space before the bracket is taken whole: linear on a long run of
# spaces (the lazy ``[^()]+?\s*\(`` rescanned the run for every character of it)
_NAMES_OUTLET_BRACKETS = re.compile(r"^(?P<names>[^()]*?[^()\s])\s*+\((?P<outlet>[^()]+)\)$")


def names_and_outlet(text: str) -> tuple[list[str], str | None] | None:
    """("He Yin, People's Daily") -> (["He Yin"], "People's Daily"); None if no name list leads ``text``.

    Forms: names alone; names, outlet; names (outlet); NAMES Outlet Words (AP style). Linear time."""
    t = text.strip(" ,;:-–—")
    if not t:
        return None
    m = _NAMES_OUTLET_BRACKETS.match(t)
    if m and _split_names(m.group("names")):
        return _split_names(m.group("names")), clean_outlet(m.group("outlet"))
    names = _split_names(t)
    if names:
        return names, None
    return _names_then_comma_outlet(t) or _names_then_outlet_words(t)


def _outlet_like(text: str) -> bool:
    """An outlet named in a byline: outlet words, a domain, an acronym, or two or more capitalised words."""
    t = text.strip()
    words = t.split()
    return looks_like_outlet(t) or (len(words) >= 2 and all(w[:1].isupper() or w.lower() in ("of", "the", "and", "&", "for")
                                                             for w in words))


def byline(line: str, *, max_sentence_words: int = 8) -> Byline | None:
    """Authors and outlet of a byline / source line, or None if ``line`` is not one.

    ``By He Yin, People's Daily``; ``By CUI JIA | CHINA DAILY | Updated: ...``; ``May 23,2022 By:Xinhua``;
    ``By Zhang Weiwei · 2023-06-14 · Source: Forum ...``; ``Source: Xinhua| 2018-03-14 ...|Editor: ...``;
    ``China News Agency reporter Ma Furong``; ``WION Web Team``; ``Sophie Wingate and Viola Gaskell, DPA``;
    ``Jane Doe | Reuters``."""
    s = line.strip()
    if s.rstrip("\"”’')").endswith(("?", "？")):
        return None    # a question, never a credit ("With Ailes Out, and Murdoch In, What's Next at Fox News?")
    outlet: str | None = None
    m_src = _SOURCE.search(s)
    if m_src:
        outlet = clean_outlet(re.split(r"\s{2,}|\|", m_src.group("src"))[0])
    m = _BY.match(s)
    if m is None:      # "May 23,2022 By:Xinhua" / "Posted on 8 February 2024 by Ellie Grant"
        dated = re.sub(rf"^(?i:(?:{PUBLICATION_VERBS})(?:\s+on)?\s*[:：]?\s*)", "", s)
        fd = found_date(dated)
        if fd is not None and fd.start == 0:
            m = _BY.match(re.sub(r"^[\s|·,]+", "", dated[fd.end:]))
    if m and not (m.group("colon") or m.group("colon2")) and re.match(r"[a-z\d]", m.group("rest")):
        m = None  # "by the end of ..." / "by 2020"
    if m and len(s.split()) > max_sentence_words and s.rstrip("\"”’')").endswith((".", "!", "?")):
        m = None  # "By the end of 2020, China had ..." is a sentence, not a byline
    if m:
        return _by_fields_byline(m.group("rest"), outlet, sourced=bool(m_src))
    if m_src and outlet:
        return Byline((), outlet)
    if named := _names_before_stamp(s):
        return named
    m = _REPORTER.match(s)
    if m and len(m.group("org").split()) <= 5 and looks_like_outlet(m.group("org")):
        names = _split_names(m.group("names")) if m.group("names").strip() else []
        if names is not None:
            return Byline(tuple(names), clean_outlet(m.group("org")))
    m = _TEAM.match(s)
    if m and person_name(m.group("org")) is None:   # "Jane Doe staff writer" credits a person, not a desk
        return Byline((), clean_outlet(m.group("org")))
    m = _NAME_ROLE.match(s)
    if m and person_name(m.group("name")):      # "Jane Roe Environment correspondent"
        return Byline((person_name(m.group("name")),), None)
    piped = _piped_byline(s)
    if piped is not None:
        return piped
    if len(s) <= 90:
        # "Sophie Wingate and Viola Gaskell, DPA on" / "Jane Doe | Reuters"
        fields = [f.strip() for f in re.split(r"\s*\|\s*", s) if f.strip()]
        if len(fields) in (2, 3):
            names = _split_names(fields[0])
            rest = [f for f in fields[1:] if not found_date(f)]
            if names and rest and looks_like_outlet(rest[0]):
                return Byline(tuple(names), clean_outlet(rest[0]))
        head, sep, tail = s.partition(",")
        tail_c = re.sub(r"\s+(on|at)$", "", tail.strip())
        names = _split_names(head) if sep else None
        if names and tail_c and looks_like_outlet(tail_c):
            return Byline(tuple(names), clean_outlet(tail_c))
    return None


# names, then a publication verb and a date: "Jane Roe Published May 3, 2021 | 08:46 PM" (the names end on a non-space
# and the space after them is taken whole: linear on a long run of spaces)
_NAMES_THEN_STAMP = re.compile(rf"^(?P<names>[^|·\d]{{3,80}}?)(?<!\s)\s++(?i:{PUBLICATION_VERBS})(?:\s++on)?\s*+[:：]?\s*+")


def _names_before_stamp(s: str) -> Byline | None:
    """The authors of a line that is names followed by a publication stamp, or None."""
    m = _NAMES_THEN_STAMP.match(s)
    fd = found_date(s[m.end():]) if m else None
    names = _split_names(m["names"]) if fd is not None and fd.start == 0 else None
    return Byline(tuple(names)) if names else None


def _by_fields_byline(rest: str, outlet: str | None, *, sourced: bool) -> Byline | None:
    """The fields after "By": names (and an outlet) first, an outlet second; None when the first field is
    neither and no source line vouches for it ("By Wednesday, officials said")."""
    authors: list[str] = []
    fields = [re.sub(r"(?<=[a-z])\.$", "", f.strip(" ,")) for f in _CUT.split(rest)]  # "Jo Roe."
    fields = [f for f in fields if f and not found_date(f) and not re.fullmatch(r"[\d:.\sapmAPM]+", f)]
    for i, f in enumerate(fields):
        if i == 0:
            parsed = names_and_outlet(f)
            if parsed:
                authors.extend(parsed[0])
                outlet = outlet or parsed[1]
            elif outlet is None and _outlet_like(f.split(",")[0]):
                outlet = clean_outlet(f.split(",")[0])
            elif not sourced:
                return None
        elif outlet is None and i == 1 and not _split_names(f) and _outlet_like(f):
            outlet = clean_outlet(f)
    return Byline(tuple(dict.fromkeys(authors)), outlet)


def _piped_byline(s: str, *, max_chars: int = 160) -> Byline | None:
    """``Site.org | By Jane Roe | May 6, 2021``: a "By" field among fields split by bars or middle dots, the
    outlet from another field that looks like one."""
    fields = [f.strip() for f in re.split(r"\s*+[|·]\s*+", s[: max_chars + 1]) if f.strip()]
    if len(s) > max_chars or len(fields) < 2 or _BY.match(fields[0]):
        return None
    for k, f in enumerate(fields):
        m = _BY.match(f)
        parsed = names_and_outlet(m.group("rest")) if m else None
        if parsed and parsed[0]:
            others = [o for o in fields[:k] + fields[k + 1:] if not found_date(o) and looks_like_outlet(o)
                      and o.casefold() not in lex.NOT_NAME_WORDS]   # "News · By Jane Roe": a section, no outlet
            return Byline(tuple(parsed[0]), parsed[1] or (clean_outlet(others[0]) if others else None))
    return None


_OUTLET_WORDS = re.compile(r"\b(" + "|".join(lex.OUTLET_WORDS) + r")\b|(?<=[a-z0-9])\.[a-z]{2,6}$", re.IGNORECASE)
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


def has_outlet_word(text: str) -> bool:
    """``text`` holds an outlet word (News, Daily, Agency, Xinhua, CGTN, ...) or is a domain."""
    return bool(_OUTLET_WORDS.search(text.strip()))


def looks_like_outlet(text: str) -> bool:
    """A news outlet's name: an outlet word (News, Daily, Agency, ...), a domain, or an acronym."""
    s = text.strip()
    return bool(s) and bool(_OUTLET_WORDS.search(s) or _ACRONYM.match(s))


def outlet_key(name: str) -> str:
    """The folded form outlet names are matched on: case, a leading "The", punctuation and spaces ignored."""
    folded = name.casefold().strip()
    folded = folded[4:] if folded.startswith("the ") else folded
    return re.sub(r"[\W_]++", "", folded)


_CANONICAL_OUTLETS = {outlet_key(name): canonical for canonical, alias in lex.OUTLET_ALIASES
                      for name in (canonical, alias)}


def known_outlet(name: str) -> bool:
    """The alias table (data/outlets.tsv) knows ``name`` as an outlet or one of its aliases."""
    return bool(name.strip()) and outlet_key(name) in _CANONICAL_OUTLETS


def canonical_outlet(name: str) -> str:
    """The canonical name of an outlet (``Xinhua News Agency``, ``新华社`` -> ``Xinhua``), or ``name`` itself
    when the alias table does not know it."""
    return _CANONICAL_OUTLETS.get(outlet_key(name), name)


_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")


def plausible_outlet(name: str | None) -> bool:
    """``name`` can be an outlet: the alias table knows it, or it starts with a letter, holds no time of day,
    no furniture or event word (``Post Featured Image``, ``Regular Press Conference``) and is short."""
    if not name:
        return False
    if known_outlet(name):
        return True
    words = re.findall(r"[^\W\d_]+", name.casefold())
    return (name[0].isalpha() and not _TIME_OF_DAY.search(name) and 0 < len(name.split()) <= lex.MAX_OUTLET_WORDS
            and not any(w in lex.NOT_OUTLET_WORDS for w in words))


# ---------------------------------------------------------------------------- dateline prefixes

DASH_CHARS = "".join(d for d in lex.DASHES if len(d) == 1)   # one character each (hyphen last: a character class)
_DASH = "(?:" + "|".join(lex.DASHES) + ")"
# One grammar for the dateline family: PLACE[, Region | [Region]] [,] [(]DATE[)] [(AGENCY) | /WIRE/] then a dash,
# a colon, or (after an agency) nothing. Which parts must be there is decided in ``_dateline_shape``.
_CAPS_WORD = r"[A-Z][A-Z.'’\-]*+(?![a-z])"
_WORD = r"[^\W\d_](?:[^\W\d_]|[.'’\-])*+"
_PLACE = rf"(?P<place>{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}}|{_WORD}(?: {_WORD}){{0,2}})"
# a region after a comma, or a country in brackets, a state in parentheses before it ("Margao (Goa) [India]")
_REGION = rf"(?:\s*+,\s*+(?P<region>{_WORD}(?: {_WORD}){{0,2}})(?=\s*+[,(\[/:{DASH_CHARS}])" \
          rf"|\s*+(?:\((?P<state>[^()\[\]\d]{{2,30}})\)\s*+)?\[(?P<bracketed>[^\[\]\d]{{2,30}})\])"
_DL_DATE = rf"(?P<date>(?:{_MONTH_ALT})\.?\s*+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*+,\s*+|\s++)?+(?:(?:19|20)\d{{2}})?" \
           rf"|\d{{1,2}}\.?\s*+(?:{_MONTH_ALT})\.?,?(?:\s++(?:19|20)\d{{2}})?(?:\s*+r\.)?" \
           r"|(?:19|20)\d{2}-\d{2}-\d{2})"
_AGENCY = r"(?:\((?P<agency>[^()\d]{2,30})\)|/(?P<wire>[^/\s][^/]{1,30})/\.?)"
DATELINE = re.compile(
    rf"^\s*+(?:{_PLACE}{_REGION}?\s*+,?\s*+)?(?:\(?(?P<dated>{_DL_DATE})\)?\.?\s*+)?(?:{_AGENCY}\s*+)?"
    rf"(?:(?P<sep>{_DASH}|:(?!\d))|(?(agency)|(?(wire)|(?!))))\s*+(?=\S)", re.IGNORECASE)  # no separator: only after a credit
_PARTY_TAG = re.compile(r"[A-Z]-[A-Z]")  # "(D-N.Y.)", "(R-AL)": a lawmaker's party and state, never a credit
_AFTER_SEP = re.compile(r"\((?P<credit>[^()]{3,80})\)\s*+(?=\S)")   # "ISLAMABAD: (Agency / Oct 29, 2022) Text"
# an upper-case place, then a credit in parentheses that dates it: "UNITED NATIONS (Site News / Wire - 3rd May, 2022)"
_PLACE_CREDIT = re.compile(rf"^\s*+{_PLACE}{_REGION}?\s*+\((?P<credit>[^()]{{3,80}})\)\s*+"
                           rf"(?:(?:{_DASH}|:(?!\d))\s*+)?(?=\S)")
_DISPATCH = words_alternation(lex.CJK_DISPATCH_MARKS)
CJK_DATELINE = re.compile(rf"^\s*【(?P<agency>[^】\d]{{1,20}}?)(?P<date>\d{{4}}年\d{{1,2}}月\d{{1,2}}日)?(?:{_DISPATCH})】")
CJK_WIRE_DATELINE = re.compile(  # 新华社北京6月24日电（记者 王晓）
    rf"^\s*(?P<agency>[^\s\d，。：:]{{1,10}}?(?:{words_alternation(lex.CJK_OUTLET_ENDS)}))(?P<place>[^\s\d，。：:]{{0,8}})"
    rf"(?P<date>\d{{1,2}}月\d{{1,2}}日)(?:{_DISPATCH})(?:[（(][^）)]{{1,30}}[）)])?\s*")


@dataclass(frozen=True)
class Dateline:
    text: str               # the prefix as it stands in the line, without trailing space
    end: int                # where the body text starts
    outlet: str | None
    date: FoundDate | None
    shape: str = "wire"     # which rule of ``_dateline_shape`` accepted it


_ARTICLES = frozenset({"the", "a", "an", "in", "on", "at"})


def _is_caps_place(place: str | None, *, min_chars: int = 3) -> bool:
    return bool(place) and place.isupper() and len(place) >= min_chars


def _dateline_shape(g: dict, *, colon_ok: bool) -> str | None:
    """Name the dateline rule the matched parts satisfy, or None when they are not a dateline.
    In order: a date is there ("dated"); an agency or wire credit ("credited"); an upper-case place
    ("place"); a place with a country in brackets ("bracketed"). A colon ends a dateline only where the caller
    has ruled out speaker labels, or after a date or a bracketed country (no speaker label has one), and never
    after an upper-case "region" (``KYRA PHILLIPS, CNN ANCHOR:`` is a label with a role)."""
    place, sep, agency = g["place"], g["sep"], g["agency"] or g["wire"]
    country = bool(g["bracketed"]) and all(w[:1].isupper() for w in g["bracketed"].split())  # not "[laughs]"
    if sep == ":" and not (colon_ok or g["dated"] or country):
        return None
    if place and place.split()[0].lower() in _ARTICLES and not _is_caps_place(place):
        return None
    if g["dated"]:
        return "dated" if sep or agency else None
    if agency:
        if _PARTY_TAG.match(agency):
            return None   # "Rep. Jo Roe (D-N.Y) said ...": a name, then its party and state
        if sep not in lex.DASHES and not ((sep is None and agency.isupper()) or looks_like_outlet(agency)):
            return None  # "Rep. Trey Gowdy (R-S.C.):" is a label, "London (CNN)" a credit
        return "credited" if place or sep else None
    if sep is not None and place and country:
        return "bracketed"   # "Margao (Goa) [India]: "
    if sep is None or not _is_caps_place(place):
        return None
    if sep == ":" and g["region"] and g["region"].isupper():
        return None
    return "place"


def _headline_cased(text: str, *, words: int = 8, min_share: float = 0.8) -> bool:
    """Most of the first words of four letters or more start with a capital, as in a headline."""
    long = [w for w in text.split()[:words] if len(w) >= 4 and w[0].isalpha()]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= min_share * len(long)


def dateline(line: str, *, max_chars: int = 80, colon_ok: bool = False) -> Dateline | None:
    """A leading dateline prefix (``BEIJING, Dec. 8 (Xinhua) -- ``, ``RANGOON, Burma - ``,
    ``TOKYO: `` when ``colon_ok``), or None. Only the first ``max_chars`` characters are read."""
    head = line[: 2 * max_chars + 4]   # room for a credit in parentheses after the separator
    m = DATELINE.match(head)
    g = m.groupdict() if m and m.end() <= max_chars else None
    shape = _dateline_shape(g, colon_ok=colon_ok) if g else None
    if shape is None:
        return _dated_credit_dateline(head, max_chars) or _dated_run_dateline(head, max_chars) \
            or _cjk_dateline(head, max_chars)
    end, agency, place = m.end(), g["agency"] or g["wire"], g["place"]
    after = _AFTER_SEP.match(head, end) if g["sep"] else None
    if after and (found_date(after["credit"]) or looks_like_outlet(after["credit"])):
        end = after.end()
    if g["sep"] == ":" and shape == "place" and (line.rstrip().endswith(("?", "？")) or _headline_cased(line[end:])):
        return None  # "CCTV: Can you share ...?" is a question under a label, "LOOK: Shocking Photos Of ..." a headline
    if agency and not place and not g["dated"] and g["sep"] and not looks_like_outlet(agency):
        agency = None  # "(Geneva) – ": a place in parentheses
    text = line[:end].rstrip()
    return Dateline(text=text.strip(), end=end, outlet=clean_outlet(agency) if agency else None,
                    date=found_date(text), shape=shape)


def _dated_credit_dateline(head: str, max_chars: int) -> Dateline | None:
    """``PLACE (Outlet / Wire - DATE)`` before the text: an upper-case place and a parenthesised credit holding a
    date, a dash or colon after it optional; the outlet is the credit's first part that looks like one."""
    m = _PLACE_CREDIT.match(head)
    if m is None or m.end() > max_chars or not _is_caps_place(m["place"]):
        return None
    fd = found_date(m["credit"])
    if fd is None:
        return None
    parts = re.split(r"\s*+(?:/|\s[-–—]\s|,)\s*+", m["credit"][:fd.start] + m["credit"][fd.end:])
    outlet = next((clean_outlet(p) for p in parts if p.strip() and looks_like_outlet(p)), None)
    text = head[:m.end()].strip()
    return Dateline(text=text, end=m.end(), outlet=outlet, date=found_date(text), shape="dated_credit")


# an upper-case place, a comma, then a run of up to 60 characters (dates in more than one calendar, an agency's
# bare acronym) and a dash: "UNITED NATIONS, Month 22, 1436, Feb. 11, 2015, SPA --"; the run is read in
# ``_dated_run_dateline``
_PLACE_RUN = re.compile(rf"^\s*+(?P<place>{_CAPS_WORD}(?: {_CAPS_WORD}){{0,3}}),\s*+(?P<run>[^\n]{{4,60}}?)"
                        rf"\s++(?:--|[{DASH_CHARS}])\s++(?=\S)")
_BARE_AGENCY = re.compile(r"^\s*+,?\s*+(?P<agency>[A-Z]{2,6})?\s*+$")


def _dated_run_dateline(head: str, max_chars: int) -> Dateline | None:
    """``PLACE, DATES[, AGENCY] --``: an upper-case place, then a run whose last full date is followed by nothing
    but an agency's acronym; the run may hold a date of another calendar before it."""
    m = _PLACE_RUN.match(head)
    if m is None or m.end() > max_chars or not _is_caps_place(m["place"]):
        return None
    dates = _dates_in(m["run"])
    tail = _BARE_AGENCY.match(m["run"][dates[-1].end:]) if dates else None
    if tail is None or re.search(r"(?<![\w'’])[a-z]", m["run"][:dates[-1].start].replace(".", " ")):
        return None    # a word in lower case before the date: a sentence ("NATO, the alliance said on May 3 -")
    text = head[:m.end()].strip()
    return Dateline(text=text, end=m.end(), outlet=tail["agency"], date=dates[-1], shape="dated_run")


def _dates_in(text: str) -> list[FoundDate]:
    """The full dates of ``text`` from left to right, each after the one before."""
    found, at = [], 0
    while (fd := found_date(text[at:])) is not None:
        found.append(FoundDate(fd.date, fd.text, at + fd.start, at + fd.end))
        at += fd.end
    return found


def _cjk_dateline(head: str, max_chars: int) -> Dateline | None:
    for pattern in (CJK_DATELINE, CJK_WIRE_DATELINE):
        m = pattern.match(head)
        if m and m.end() <= max_chars:
            text = head[:m.end()].rstrip()
            return Dateline(text=text.strip(), end=m.end(), outlet=clean_outlet(m["agency"]),
                            date=found_date(text), shape="cjk_wire")
    return None
