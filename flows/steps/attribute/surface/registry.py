"""Who the document names: a registry of people, groups and organisations read in order, and the
helpers that find a person's name in a run of capitalised words."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flows.steps import lexicon as L
from flows.steps.attribute.surface.patterns import _NAME_RUN, _NOT_NAME, _NOT_PERSON_WORD, _ORG_OR_PLACE, _POSSESSIVE

RUN_CONTEXT = 40        # characters before a capitalised run read for what they say of it ("for", "Minister for X and")


@dataclass
class _Person:
    name: str
    role: str | None = None
    aliases: set = field(default_factory=set)
    group: bool = False


class _Registry:
    """Names seen in the document; resolves short forms, titles and pronouns."""

    def __init__(self, full_names: list[str]):
        self.full = full_names                  # multi-token person names, document order
        self.by_token: dict[str, list[str]] = {}  # first or last word -> full names
        self.by_suffix: dict[str, str] = {}     # "Xiao Ming" -> "Li Xiao Ming"
        for f in full_names:
            words = f.split()
            for key in {words[0].lower(), words[-1].lower()}:
                self.by_token.setdefault(key, []).append(f)
            for i in range(1, len(words) - 1):
                self.by_suffix.setdefault(" ".join(words[i:]), f)
        self.people: dict[str, _Person] = {}
        self.orgs: list[str] = []                # organisations named so far, in order
        self.aliases: dict[str, set] = {}        # canonical name -> other surface forms
        self.last_org_source: str | None = None  # "it said" points here
        self.addressee: str | None = None        # "you said" points here (set per dialogue sentence)
        self.last_person: str | None = None
        self.last_group: str | None = None
        self.recent: list[str] = []              # persons in the order last noted, most recent last
        self.gender: dict[str, str] = {}         # person -> "he" / "she", learnt from the text's own pronouns
        self.described: str | None = None        # an unnamed person the author talked to ("a local builder")

    def canonical(self, name: str) -> str:
        toks = name.split()
        if len(toks) == 1:
            hits = self.by_token.get(toks[0].lower())
            if hits:
                if self.last_person in hits:
                    return self.last_person
                return max(hits, key=len)
            return name
        # a longer name in the document that ends with this one ("Li Xiao Ming" vs "Xiao Ming")
        return self.by_suffix.get(name, name)

    def note(self, name: str, *, role: str | None = None, surface: str | None = None,
             group: bool = False) -> str:
        p = self.people.setdefault(name, _Person(name, group=group))
        if role and not p.role:
            p.role = role
        if role and name not in self.gender:      # "her son, Andras Varga": he
            hint = next((L.GENDERED_NOUNS[w] for w in re.findall(r"[a-z]+", role.lower()) if w in L.GENDERED_NOUNS),
                        None)
            if hint:
                self.gender[name] = hint
        if surface and surface != name:
            p.aliases.add(surface)
        if group or not _is_person(name, self):
            self.last_group = name
            if not _is_human_group(name):
                self.last_org_source = name
        else:
            self.last_person = name
            if name in self.recent:
                self.recent.remove(name)
            self.recent.append(name)
        return name

    def pronoun(self, word: str) -> str | None:
        """The person "he" / "she" points to: the last one noted, unless the text has already
        used the other pronoun for them; then the most recent person it may stand for."""
        word = word.lower()
        last = self.last_person
        if last is None and self.described:
            return self.described        # "I asked a local builder ... she told me"
        if last is None or self.gender.get(last, word) == word:
            if last is not None:
                self.gender.setdefault(last, word)
            return last
        for name in reversed(self.recent):
            if self.gender.get(name, word) == word:
                self.gender.setdefault(name, word)
                return name
        return last

    def alias(self, name: str, surface: str) -> None:
        """Remember another way the document names ``name`` ("Xi", "President Xi")."""
        surface = _POSSESSIVE.sub("", surface.strip())
        if surface and surface != name:
            self.aliases.setdefault(name, set()).add(surface)

    def org(self, word: str) -> str | None:
        """The organisation most recently named whose name holds ``word`` ("bank" -> "World Bank")."""
        for name in reversed(self.orgs):
            if word in name.lower().split():
                return name
        return None

    def with_role(self, role: str) -> str | None:
        """The person last noted whose role is ``role`` as written (case aside), or None."""
        role = role.lower()
        return next((p.name for p in reversed(list(self.people.values()))
                     if not p.group and p.role and p.role.lower() == role), None)

    def by_role(self, noun: str) -> str | None:
        noun = noun.lower()
        key = "spokes" if noun.startswith("spokes") else noun
        for p in reversed(list(self.people.values())):
            if not p.group and p.role and key in p.role.lower():
                return p.name
        return None


def _strip_possessive(tok: str) -> str:
    return _POSSESSIVE.sub("", tok)


def _ends_sentence(tok: str) -> bool:
    """A token whose full stop ends a sentence: not an abbreviation ("Sen.", "Inc."), an initial
    ("J.") or a dotted acronym ("U.S.")."""
    stem = tok[:-1]
    return tok.endswith(".") and len(stem) > 1 and "." not in stem and stem.lower() not in L.NAME_ABBREVIATIONS


def _after_sentence_break(toks: list[str]) -> tuple[list[str], bool]:
    """Rule ``name_after_sentence_break``: a name never spans the end of a sentence - of a run
    "Federal Reserve. Trump" only the tokens after the last full stop that ends a sentence are
    read; and whether there was one."""
    for i in range(len(toks) - 2, -1, -1):
        if _ends_sentence(toks[i]):
            return toks[i + 1:], True
    return toks, False


def _name_word_stem(tok: str) -> str:
    """A token as the lexicon lists it: lower case, without a final full stop, and without a
    contraction's ending (rule ``no_contraction_in_name``: "They've" is "they", never a name word)."""
    low = tok.lower()
    for ending in L.CONTRACTION_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending):
            return low[:-len(ending)]
    return low.strip(".")


def _person_in_run(run: str, before: str = "") -> tuple[str | None, str]:
    """(person name, role words before it) from a run of capitalised tokens.

    ``before`` is the text just before the run: a run right after "of", "for",
    "at" ... with no title in front of it names a body or place, not a person.
    """
    written = run.split()
    if len(written) > L.MAX_NAME_WORDS + 1 and any(_ends_sentence(t) for t in written[:-1]):
        return None, ""         # a title-case heading across a sentence break: no name in it
    toks, broken = _after_sentence_break([_strip_possessive(t) for t in written])
    before = "" if broken else before
    owners = [i for i, t in enumerate(written[:-1]) if _strip_possessive(t) != t]
    if owners and owners[-1] + 1 - (len(written) - len(toks)) > 0:
        # rule ``owner_before_name``: "MSNBC’s Chris Matthews" - the owner is no part of the name
        toks, before = toks[owners[-1] + 1 - (len(written) - len(toks)):], ""
    if len(toks) > 1 and toks[-1].endswith(".") and len(toks[-1]) > 3 and toks[-1][:-1].isalpha() \
            and "." not in toks[-1][:-1]:
        toks[-1] = toks[-1][:-1]         # "... to Sen. Ana Berg." - the sentence's full stop
    cut = 0
    for i, t in enumerate(toks):
        if _name_word_stem(t) in _NOT_NAME and not _surname_first(toks[i:]) and not _name_like_month(toks, i):
            cut = i + 1
    if cut == 0 and len(toks) > 2 and _title_left_open(before):
        cut = 1                         # rule ``title_goes_on_after_and``
    name = toks[cut:]
    role = " ".join(toks[:cut])
    if not name or len(name) > L.MAX_NAME_WORDS or any(
            t.lower() in L.CAP_STOPWORDS and not _name_like_month(name, i)
            for i, t in enumerate(name) if i >= (1 if _surname_first(name) else 0)):
        return None, role
    if len(name) == 1 and cut and toks[cut - 1].lower() in _ORG_OR_PLACE:
        return None, role
    if len(name) == 1 and cut and all(t.lower() in L.ARTICLES for t in toks[:cut]):
        return None, ""                 # rule ``article_before_one_word``: "The Spaniard" is a noun, no name
    if len(name[0]) < 2 or name[-1].isupper() and len(name[-1]) > 1 and len(name) == 1:
        return None, role
    if cut == 0 and re.search(r"\b(?:for|at|in|from|to|on)\s*$", before):
        return None, role
    return " ".join(name), role


def _title_left_open(before: str, max_object_words: int = 2) -> bool:
    """Rule ``title_goes_on_after_and``: the text before a run of capitalised words ends with "and" right after the
    short object of a title's "for"/"of" ("Minister for Industries and"): the run's first word completes that
    object ("... and Production Rana Roe") and is no part of the name."""
    words = before.split()
    if not words or words[-1].lower() != "and":
        return False
    prep = max((i for i, w in enumerate(words[:-1]) if w.lower() in ("for", "of")), default=None)
    return prep is not None and 0 < len(words) - 2 - prep <= max_object_words and all(
        w[:1].isupper() for w in words[prep + 1:-1])


def _is_titled(role_words: str) -> bool:
    """Role words that end with a title or honorific ("President", "Sen.", "Mr."): the name after
    them is a person's, even a surname alone."""
    return bool(role_words) and role_words.split()[-1].lower().strip(".") in L.TITLE_WORDS


def _name_like_month(toks: list[str], i: int) -> bool:
    """"Jan Horak", "Wang Jun": a month abbreviation without its dot, beside another name word."""
    if toks[i] not in L.NAME_LIKE_MONTHS:
        return False
    near = [toks[j] for j in (i - 1, i + 1) if 0 <= j < len(toks)]
    return any(t[:1].isupper() and t.lower().strip(".") not in _NOT_NAME for t in near)


def _surname_first(toks: list[str]) -> bool:
    """"He Zhipeng", "He Yin": the surname He, not the pronoun, when a given name follows."""
    return toks[0] in L.SURNAMES_LIKE_WORDS and 2 <= len(toks) <= 3 and \
        toks[1].lower().strip(".") not in _NOT_NAME and toks[1][:1].isupper() and not toks[1].isupper()


def _runs(text: str):
    """(person name or None, role words, match) for each capitalised run of ``text``."""
    for m in _NAME_RUN.finditer(text):
        name, role = _person_in_run(m.group(), text[max(0, m.start() - RUN_CONTEXT):m.start()])
        yield name, role, m


def _document_people(paragraphs: list[str]) -> list[str]:
    """Multi-token person names in document order (the fullest forms)."""
    seen: dict[str, None] = {}
    for p in paragraphs:
        for name, _, _ in _runs(p):
            if name and len(name.split()) >= 2 and not name.isupper():
                seen.setdefault(name, None)
    return list(seen)


_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")     # a word of four letters or more: short ones stay lower case in titles


def _title_people(title: str | None, paragraphs: list[str], body_people: list[str]) -> list[str]:
    """The multi-token person names a document's title gives. Rule ``title_case_run_is_no_name``: in a title
    written in title case (``TITLE_CASE_SHARE`` of its longer words capitalised) a capitalised run that holds a
    full name of the body (``body_people``) and more ("Chris Christie Calls Hillary Clinton 'A Disgrace'"), or
    holds more than ``MAX_TITLE_NAME_WORDS`` words, one of them never written in the body ("Maher Tells Guest
    Muslim Violence ..."), is the headline's words, no person's name; "Spokesman Ned Price on ..." still names
    Ned Price, whom the body calls only "MR PRICE"."""
    body = {w.strip(",.;:!?'’\"”)(") for p in paragraphs for w in p.split()}
    names = _without_the_opening_word(_document_people([title]) if title else [], title or "", body, body_people)
    words = _TITLE_WORD.findall(title or "")
    if len(words) < 3 or sum(w[:1].isupper() for w in words) < L.TITLE_CASE_SHARE * len(words):
        return names
    return [n for n in names if not any(f" {b} " in f" {n} " and b != n for b in body_people) and not (
        len(n.split()) > L.MAX_TITLE_NAME_WORDS and any(w not in body for w in n.split()))]


def _without_the_opening_word(names: list[str], title: str, body: set[str], body_people: list[str]) -> list[str]:
    """Rule ``title_opening_word_is_no_name``: a title's first word is capitalised for standing first. A name run
    it opens whose first word the body never writes and no given name (``GIVEN_NAME_PRONOUNS``) is named without it
    when what is left is a name of two words or more ("Hold Melania Trump to her husband's standards") or the
    surname of another person the body names in full ("Understated Perez raises political profile" beside the
    body's Thomas Perez: no name); "Jorge Costa" of a body that writes only "Costa" stays."""
    first = title.split()[0].strip("\"'“‘(") if title.split() else ""
    out = []
    for name in names:
        words = name.split()
        if words[0] == first and first not in body and first.lower() not in L.GIVEN_NAME_PRONOUNS and (
                len(words) > 2 or any(p.split()[-1] == words[-1] and p != name for p in body_people)):
            words = words[1:]
        if len(words) >= 2:
            out.append(" ".join(words))
    return list(dict.fromkeys(out))


def _known_short(name: str, reg: _Registry) -> bool:
    return name.lower() in reg.by_token


def _is_human_group(name: str) -> bool:
    words = [w.lower() for w in name.split()]
    return any(w in L.SOURCE_NOUNS and w.endswith("s") for w in words) and not any(
        w in L.DOCUMENT_NOUNS for w in words)


def _is_person(name: str, reg: _Registry) -> bool:
    p = reg.people.get(name)
    words = name.split()
    checked = words[1:] if _surname_first(words) else words
    return not (p and p.group) and not name.isupper() and name.lower() not in L.PLACE_WORDS and not any(
        w.lower() in _NOT_PERSON_WORD and not _name_like_month(words, i) for i, w in enumerate(words)
        if w in checked) and all(w[:1].isupper() for w in words)
