"""Speakers as a corpus-wide dimension: the speakers every document names -> one speaker per person or
body across the corpus, and the ``speaker_id`` of each (document, name). Pure, no I/O.

Attribution gives each document's speakers their fullest name in that document (``statements.speaker``,
titles stripped, short forms unified within the document). Here:

1. **Kind** (:func:`speaker_kind`, ``KIND_RULES`` in order, from the name and whether the document used it
   only as a dialogue label): ``role`` (a label or role that is no name: ``A``, ``Q``, ``interviewer``,
   ``the spokesperson``), ``document`` (``the white paper``), ``group`` (``foreign experts``),
   ``organisation`` (``Xinhua``, ``Human Rights Watch``, ``China``), ``person``; what none of them
   recognises is a ``document`` (a thing that says: ``China's practice``).
2. **Scope.** Only a person with a name of two words or more and an organisation with a proper name (a
   capital letter, or a domain name such as ``en.humanrights.cn``) merge across documents. Every other speaker - a role label, a group, a document, a name of one word that its
   document links to no full name - is a speaker of its document alone, so ``A`` of one interview is never
   ``A`` of another, and two people of one surname in two documents never merge.
3. **Merge rules** (``MERGE_RULES``, in this order, each a function of its own):

   - ``titles_and_honorifics``: leading titles and honorifics go (``President Xi`` -> ``Xi``,
     ``Dr. Jane Doe`` -> ``Jane Doe``);
   - ``document_link``: a person named by one word is the full name its own document links it to - an
     alias of exactly one full name of the document's speakers, or the first or last word of exactly one;
   - ``case_and_transliteration``: case, accents and scripts folded (text-unidecode), dots, hyphens and
     apostrophes dropped (``Volker Türk`` = ``Volker Turk``); an organisation's spaces too
     (``PR Newswire`` = ``PRNewswire``);
   - ``middle_initials``: one-letter middle words go (``Donald J. Trump`` = ``Donald Trump``), unless the
     corpus gives two different middle initials for that first and last name (``George W. Bush``,
     ``George H. W. Bush``): then none of those names merges;
   - ``fuzzy_spelling``: two persons' names of the same words but one (never the first), both at least
     ``min_fuzzy_letters`` long, one letter inserted or dropped (rapidfuzz's Indel distance 1:
     ``Zelensky`` = ``Zelenskyy``; a letter replaced, as in ``Xiaoming`` / ``Xiaoning``, never merges).

4. **Ids.** ``speaker_id`` derives from the merged speakers' key (the least key of the names merged), with
   the document for a speaker of one document: the same names give the same id whatever order the
   documents come in and whatever unrelated documents are curated with them.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel
from text_unidecode import unidecode

from flows.steps import lexicon as L
from flows.steps.ids import stable_id

KINDS = ("person", "organisation", "group", "document", "role")
MERGE_RULES = ("titles_and_honorifics", "document_link", "case_and_transliteration", "middle_initials",
               "fuzzy_spelling")
MIN_FUZZY_LETTERS = 6       # a word shorter than this never merges by spelling ("Yifan" / "Yifen")
MAX_FUZZY_DISTANCE = 1      # letters inserted or dropped (rapidfuzz Indel distance) that still merge

_ROLE_WORDS = frozenset(w.lower() for w in L.DIALOGUE_ROLE_LABELS) | frozenset(L.TRANSCRIPT_ROLES)
_TITLES = L.TITLE_WORDS | L.HONORIFICS
_HEAD_ENDS = (L.CAP_STOPWORDS | L.NP_STOP_WORDS) - {"and", "or"}   # "Chinese and foreign guests" is one head
_POSSESSIVE = re.compile(r"['’]s?$")
_DOMAIN = re.compile(r"^[a-z0-9-]++(?:\.[a-z0-9-]++)+$", re.IGNORECASE)
_PERSON_NOUN = re.compile(L.PERSON_NOUN_SUFFIX)
_FOLD_DROPPED = re.compile(r"[.'’`\-‐‑]")


@dataclass(frozen=True, slots=True)
class DocumentSpeaker:
    """One speaker of one document, as attribution names it (``statements.speaker``)."""

    document_id: str
    name: str
    kind: str
    role: str | None = None
    aliases: tuple[str, ...] = ()
    statement_count: int = 0
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CorpusSpeaker:
    """One person or body across the corpus (the ``speakers`` row, lineage aside)."""

    speaker_id: str
    name: str
    kind: str
    document_id: str | None
    roles: tuple[str, ...]
    aliases: tuple[str, ...]
    merge_rules: tuple[str, ...]
    statement_count: int
    document_count: int
    first_date: dt.date | None
    last_date: dt.date | None


# ---------------------------------------------------------------- kind

def _plain(word: str) -> str:
    """A word lower-cased, without surrounding punctuation or a possessive ("China's" -> "china")."""
    return _POSSESSIVE.sub("", word.strip(".,;:!?\"“”()").lower())


def _head(words: Sequence[str]) -> list[str]:
    """The words of a name up to its first function word after the first ("Participants at a symposium"
    -> "Participants"; "Chinese and foreign guests" stays whole)."""
    for i, w in enumerate(words[1:], 1):
        if w.islower() and w in _HEAD_ENDS:
            return list(words[:i])
    return list(words)


def _is_role(name: str, words: Sequence[str], labelled: bool) -> bool:
    low = [_plain(w) for w in words]
    if len(name) == 1 or name.lower() in _ROLE_WORDS or (len(low) == 1 and low[0] in L.TITLE_WORDS) \
            or name.lower() in L.SOMEONE_PRONOUNS:   # rule ``someone_is_a_role``: one person, unnamed
        return True
    if labelled and name.isalpha() and name.isupper() and len(name) <= 3 and name.lower() not in L.ORG_WORDS:
        return True      # an unexplained label of initials ("JR:") is no name that other documents share
    # rule ``description_of_one_person_is_a_role``: its head, not only its last word, may be the noun for a person
    # ("A spokeswoman for YouTube", "The senator from Vermont"), a common noun ("The New Yorker" is a magazine)
    head = _head(words)
    return low[0] in (*L.ARTICLES, "one") and (low[-1] in L.TITLE_WORDS or low[-1] in _ROLE_WORDS or (
        len(head) > 1 and head[-1].islower() and _is_noun_for_a_person(_plain(head[-1]))))


def _is_document(name: str, words: Sequence[str], labelled: bool) -> bool:
    return any(_plain(w) in L.DOCUMENT_NOUNS for w in _head(words))


def _is_group(name: str, words: Sequence[str], labelled: bool) -> bool:
    first = _plain(words[0])
    if first in L.QUANTIFIERS or first[:1].isdigit() or _is_share_of_people(words):
        return True
    if name.lower() in L.EVERYONE_PRONOUNS:   # rule ``everyone_is_a_group``
        return True
    head = _head(words)
    # rule ``collective_noun_is_a_group``: a noun for people taken together ("the Swiss delegation in Lima", "the
    # team") is a group, listed as a source noun or not - before any "of" ("Member of House panel" is one person)
    plain = [_plain(w) for w in head]
    before_of = plain[:plain.index("of")] if "of" in plain else plain
    return any(w in L.SOURCE_NOUNS and w.endswith("s") for w in plain) or any(
        w in L.COLLECTIVE_NOUNS for w in before_of) or _is_plural_of_people(head[-1])


def _is_share_of_people(words: Sequence[str]) -> bool:
    """Rule ``share_of_people_is_a_group``: a share noun (``SHARE_NOUNS``) before "of" and a plural ("Sixty-seven
    percent of Americans", "a majority of voters", "half of the respondents") names people, not a person."""
    low = [_plain(w) for w in words]
    k = low.index("of") if "of" in low else -1
    return 0 < k < len(low) - 1 and (low[k - 1] in L.SHARE_NOUNS or low[k - 1].endswith("%")) \
        and low[-1].endswith("s") and len(low[-1]) > 3


def _is_plural_of_people(word: str) -> bool:
    """Rule ``plural_of_people_is_a_group``: a phrase whose head is a noun for people in the plural ("investors",
    "the country's bankers", "his advisers") stands for people - not the fallback document, where no list knew the
    noun. The singular is a noun for a person: a title or role word, or a person's ending (``PERSON_NOUN_SUFFIX``:
    "-er", "-or", "-ist", "-ian") that is no thing's (``NOT_PERSON_NOUNS``: "papers", "headquarters"); plural
    things ("DNC rules", "exit polls", "tax returns") stay what the other rules say."""
    plain = _plain(word)
    return word.islower() and plain.isalpha() and len(plain) > 3 and plain.endswith("s") \
        and _is_noun_for_a_person(plain[:-1])


def _is_noun_for_a_person(noun: str) -> bool:
    """A title or role word, or a noun with a person's ending (``PERSON_NOUN_SUFFIX``) that is no thing's
    (``NOT_PERSON_NOUNS``); of the title words none of three letters or fewer ("the" is one, as written before
    names)."""
    if noun in L.PERSON_ROLE_NOUNS:
        return True
    if len(noun) <= 3 or not noun.isalpha():
        return False
    if noun in L.TITLE_WORDS:
        return True
    return bool(_PERSON_NOUN.search(noun)) and not any(noun.endswith(n) for n in L.NOT_PERSON_NOUNS)


def _is_organisation(name: str, words: Sequence[str], labelled: bool) -> bool:
    low = [_plain(w) for w in words]
    if _DOMAIN.match(name) or (len(words) == 1 and name.isalpha() and name.isupper() and len(name) > 1):
        return True
    return low[-1] in L.ORG_WORDS or _plain(_head(words)[-1]) in L.ORG_WORDS or all(w in L.PLACE_WORDS for w in low)


def _is_person(name: str, words: Sequence[str], labelled: bool) -> bool:
    """A name's shape: capitalised first and last words, no digit, not all capitals; rule
    ``determiner_opens_no_name``: never a phrase a determiner opens ("That Assessment", "Their Statement"), which
    capitals at a sentence's start or in a heading's style only look like a name. Rule
    ``uncased_label_is_a_person``: a dialogue's label in a script without capitals ("华春莹", "总台央视记者"), which has
    no such shape, names a participant who takes turns: a person."""
    if labelled and all(c.isalpha() and not c.isupper() and not c.islower() for c in name):
        return True
    return (len(words) <= L.MAX_NAME_WORDS and words[0][:1].isupper() and words[-1][:1].isupper()
            and not any(c.isdigit() for c in name) and not (len(words) > 1 and name.isupper())
            and _plain(words[0]) not in (*L.ARTICLES, *L.DEMONSTRATIVES, *L.POSSESSIVE_DETERMINERS))


KindRule = Callable[[str, Sequence[str], bool], bool]
KIND_RULES: tuple[tuple[str, KindRule], ...] = (
    ("role", _is_role), ("document", _is_document), ("group", _is_group),
    ("organisation", _is_organisation), ("person", _is_person),
)


def _person_shaped(words: Sequence[str]) -> bool:
    """Two capitalised words or more with no article: the shape of a person's name, which the small tagger often
    labels an organisation when the name is foreign ("Vasily Nebenzya", "Jean-Marc Ayrault")."""
    return len(words) > 1 and all(w[:1].isupper() for w in words) and words[0].lower() != "the"


# the kind of a speaker the parse's tagger reads as an entity of this label (speaker_kind)
ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "organisation", "FAC": "organisation",
                "NORP": "group"}


def speaker_kind(name: str, *, labelled: bool = False, entity: str | None = None) -> str:
    """What a document's speaker is, by the first of ``KIND_RULES`` that recognises its name; ``labelled``
    when the document names the speaker only as a dialogue label ("Q:", "CRI:"). Else ``document``. Rule
    ``kind_from_the_parse``: after the role and document rules, the parse's entity label for the name
    (``entity``, ``ENTITY_KINDS``: "Nathan Law" is a person whatever "Law" says, "Google" an organisation)
    decides before the word lists do - an organisation or place label not for a name of a person's shape
    (:func:`_person_shaped`)."""
    words = name.split()
    if not words:
        return "document"
    for kind, rule in KIND_RULES:
        if kind not in ("role", "document") and entity in ENTITY_KINDS and (
                entity == "PERSON" and _plain(words[-1]) not in L.INSTITUTION_HEADS or entity == "NORP"
                or not _person_shaped(words)):
            # rule ``institution_is_no_person``: not a PERSON ending "Center", "LLC"
            return _one_of_a_people(words) if entity == "NORP" else ENTITY_KINDS[entity]
        if rule(name, words, labelled):
            return kind
    return "document"


def _one_of_a_people(words: Sequence[str]) -> str:
    """Rule ``one_of_a_people_is_a_role``: a nationality or party word the parse tags NORP names a group ("Senate
    Democrats", "the French"), but after an article and in the singular, one person ("The Spaniard", "a New Hampshire
    Republican"): a role. A collective form without "s" ("the Chinese", "the French", "the Swiss") stays a group."""
    last = _plain(words[-1])
    one = _plain(words[0]) in L.ARTICLES and not last.endswith(("s", "ese", "ch", "sh"))
    return "role" if one else "group"


# ---------------------------------------------------------------- the merge rules, one function each

def titles_and_honorifics(name: str) -> str:
    """A person's name without leading titles and honorifics ("President Xi" -> "Xi"); one word stays."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _TITLES:
        words.pop(0)
    return " ".join(words)


def document_link(name: str, full_names: Sequence[str], aliases: dict[str, tuple[str, ...]]) -> str:
    """The full name (two words or more) a person of one word stands for in its own document: the one full
    name that has it as an alias (titles stripped), else the one whose first or last word it is; ``name``
    itself when the document links it to none or to several."""
    if len(name.split()) != 1:
        return name
    low = name.lower()
    by_alias = [f for f in full_names if low in {titles_and_honorifics(a).lower() for a in aliases.get(f, ())}]
    if len(by_alias) == 1:
        return by_alias[0]
    by_word = [f for f in full_names if low in (f.split()[0].lower(), f.split()[-1].lower())]
    return by_word[0] if len(by_word) == 1 else name


def case_and_transliteration(name: str, *, spaces: bool = True) -> str:
    """The folded form names are compared in: transliterated to ASCII (text-unidecode), case-folded, dots,
    hyphens and apostrophes dropped, whitespace collapsed (dropped too when ``spaces`` is False)."""
    folded = _FOLD_DROPPED.sub("", unidecode(name)).casefold()
    return " ".join(folded.split()) if spaces else "".join(folded.split())


def _initials_split(key: str) -> tuple[str, tuple[str, ...]]:
    words = key.split()
    if len(words) < 3:
        return key, ()
    middle = words[1:-1]
    initials = tuple(w for w in middle if len(w) == 1)
    return " ".join([words[0], *(w for w in middle if len(w) != 1), words[-1]]), initials


def middle_initials(keys: Iterable[str]) -> dict[str, str]:
    """Each folded person key -> the key without one-letter middle words ("donald j trump" -> "donald
    trump"), except where two keys give different initials for the same first and last words: those keys,
    and the one without initials, stay as they are."""
    groups: dict[str, set[tuple[str, ...]]] = {}
    split = {k: _initials_split(k) for k in keys}
    for stripped, initials in split.values():
        groups.setdefault(stripped, set()).add(initials)
    return {k: stripped if len(groups[stripped] - {()}) <= 1 else k for k, (stripped, _) in split.items()}


def _spelling_variants(a: str, b: str, min_letters: int, max_distance: int) -> bool:
    """Two keys of the same words but one, not the first, whose two spellings are long enough and differ by
    at most ``max_distance`` letters inserted or dropped."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or len(wa) < 2 or wa[0] != wb[0]:
        return False
    differ = [(x, y) for x, y in zip(wa, wb) if x != y]
    if len(differ) != 1:
        return False
    x, y = differ[0]
    return min(len(x), len(y)) >= min_letters and x[0] == y[0] and Indel.distance(x, y) <= max_distance


def fuzzy_spelling(keys: Iterable[str], *, min_letters: int = MIN_FUZZY_LETTERS,
                   max_distance: int = MAX_FUZZY_DISTANCE) -> dict[str, str]:
    """Each folded person key -> the least key of its spelling variants (``_spelling_variants``, joined
    transitively). Candidates are found by blocks: keys that agree on every word but one."""
    keys = sorted(set(keys))
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k
    blocks: dict[tuple, list[str]] = {}
    for k in keys:
        words = k.split()
        for i in range(1, len(words)):
            blocks.setdefault((len(words), i, tuple(words[:i] + words[i + 1:])), []).append(k)
    for members in blocks.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if _spelling_variants(a, b, min_letters, max_distance):
                    ra, rb = root(a), root(b)
                    parent[max(ra, rb)] = min(ra, rb)
    return {k: root(k) for k in keys}


# ---------------------------------------------------------------- keys, clusters, rows

@dataclass(frozen=True, slots=True)
class _Stages:
    """A document speaker's name after each merge rule, the last being its key."""

    speaker: DocumentSpeaker
    names: tuple[str, ...]      # name, then after titles_and_honorifics, document_link, case_and_transliteration
    scope: str | None           # the document, for a speaker of one document


def _document_stages(speakers: Sequence[DocumentSpeaker]) -> list[_Stages]:
    """The first three rules, within one document's speakers."""
    persons = [s for s in speakers if s.kind == "person"]
    untitled = {s.name: titles_and_honorifics(s.name) for s in persons}
    full = list(dict.fromkeys(untitled[s.name] for s in persons if len(untitled[s.name].split()) > 1))
    aliases = {untitled[s.name]: s.aliases for s in persons}
    out = []
    for s in speakers:
        if s.kind == "person":
            linked = document_link(untitled[s.name], full, aliases)
            key = case_and_transliteration(linked)
            scope = None if len(key.split()) > 1 else s.document_id
            out.append(_Stages(s, (s.name, untitled[s.name], linked, key), scope))
        elif s.kind == "organisation" and (any(c.isupper() for c in s.name) or _DOMAIN.match(s.name)):
            name = " ".join(w for i, w in enumerate(s.name.split()) if i or w.lower() not in L.ARTICLES)
            out.append(_Stages(s, (s.name, s.name, s.name, case_and_transliteration(name, spaces=False)), None))
        else:
            out.append(_Stages(s, (s.name, s.name, s.name, case_and_transliteration(s.name)), s.document_id))
    return out


def _cluster_key(stage: _Stages, corpus_keys: dict[str, str]) -> tuple[str, ...]:
    key = stage.names[-1]
    if stage.scope is not None:
        return ("document", stage.scope, stage.speaker.kind, key)
    if stage.speaker.kind == "person":
        return ("person", corpus_keys[key])
    return ("organisation", key)


def _clusters(speakers: Iterable[DocumentSpeaker], min_fuzzy_letters: int, max_fuzzy_distance: int
              ) -> tuple[dict[tuple[str, ...], list[_Stages]], dict[str, str], dict[str, str]]:
    """The document speakers grouped by cluster key (``_cluster_key``), with the middle-initial and corpus keys
    of the person keys. Documents are read sorted by id, names sorted within each; no list of every speaker is
    kept beside the clusters, which hold each one once."""
    by_document: dict[str, list[DocumentSpeaker]] = {}
    for s in sorted(speakers, key=lambda s: (s.document_id, s.name)):
        by_document.setdefault(s.document_id, []).append(s)
    stages = [st for doc in by_document.values() for st in _document_stages(doc)]
    del by_document
    person_keys = [st.names[-1] for st in stages if st.scope is None and st.speaker.kind == "person"]
    initials = middle_initials(person_keys)
    fuzzy = fuzzy_spelling(initials.values(), min_letters=min_fuzzy_letters, max_distance=max_fuzzy_distance)
    corpus_keys = {k: fuzzy[initials[k]] for k in person_keys}
    clusters: dict[tuple[str, ...], list[_Stages]] = {}
    for st in stages:
        clusters.setdefault(_cluster_key(st, corpus_keys), []).append(st)
    return clusters, initials, corpus_keys


def corpus_speaker_groups(speakers: Iterable[DocumentSpeaker], *, min_fuzzy_letters: int = MIN_FUZZY_LETTERS,
                          max_fuzzy_distance: int = MAX_FUZZY_DISTANCE
                          ) -> Iterator[tuple[CorpusSpeaker, list[tuple[str, str]]]]:
    """Each corpus speaker, in the order of their cluster keys, with the (document_id, name) of the document
    speakers it merges. A cluster is let go once yielded, so a caller that writes each one out as it comes
    (and passes ``speakers`` as an iterator it keeps no list of) holds the corpus's speakers once, not three
    times (the document speakers, the corpus speakers and a lookup from one to the other)."""
    clusters, initials, corpus_keys = _clusters(speakers, min_fuzzy_letters, max_fuzzy_distance)
    for key in sorted(clusters):
        members = clusters.pop(key)
        yield (_corpus_speaker(stable_id("speaker", *key), members, initials, corpus_keys),
               [(m.speaker.document_id, m.speaker.name) for m in members])


def corpus_speakers(speakers: Iterable[DocumentSpeaker], *, min_fuzzy_letters: int = MIN_FUZZY_LETTERS,
                    max_fuzzy_distance: int = MAX_FUZZY_DISTANCE
                    ) -> tuple[dict[tuple[str, str], str], list[CorpusSpeaker]]:
    """Every document's speakers -> (document_id, name) -> speaker_id, and the corpus speakers (by id)
    (``corpus_speaker_groups``, collected).

    The input's order does not matter: documents are read sorted by id, names sorted within each."""
    ids, rows = {}, []
    for row, members in corpus_speaker_groups(speakers, min_fuzzy_letters=min_fuzzy_letters,
                                              max_fuzzy_distance=max_fuzzy_distance):
        ids.update(dict.fromkeys(members, row.speaker_id))
        rows.append(row)
    return ids, rows


def _merge_rules(members: Sequence[_Stages], initials: dict[str, str], corpus_keys: dict[str, str]) -> tuple[str, ...]:
    """The rules that joined two of the members' names: those after which fewer distinct forms are left."""
    forms = []
    for m in members:
        across = m.scope is None and m.speaker.kind == "person"   # the last two rules read only these keys
        key = m.names[-1]
        forms.append([*m.names, initials[key] if across else key, corpus_keys[key] if across else key])
    counts = [len({f[i] for f in forms}) for i in range(len(forms[0]))]
    return tuple(rule for i, rule in enumerate(MERGE_RULES, 1) if counts[i] < counts[i - 1])


def _canonical_name(members: Sequence[_Stages]) -> str:
    """The name most statements use; on a tie the one of more words, then the longer, then the first."""
    said = Counter()
    for m in members:
        said[m.speaker.name] += m.speaker.statement_count
    return min(said, key=lambda n: (-said[n], -len(n.split()), -len(n), n))


def _corpus_speaker(sid: str, members: Sequence[_Stages], initials: dict[str, str],
                    corpus_keys: dict[str, str]) -> CorpusSpeaker:
    name = _canonical_name(members)
    kinds = Counter(m.speaker.kind for m in members)
    roles = Counter()
    for m in members:
        if m.speaker.role:
            roles[m.speaker.role] += m.speaker.statement_count
    names = {m.speaker.name for m in members} | {a for m in members for a in m.speaker.aliases}
    dates = [m.speaker.published for m in members if m.speaker.published is not None]
    return CorpusSpeaker(
        speaker_id=sid, name=name, kind=min(kinds, key=lambda k: (-kinds[k], KINDS.index(k))),
        document_id=members[0].scope, roles=tuple(sorted(roles, key=lambda r: (-roles[r], r))),
        aliases=tuple(sorted(names - {name})), merge_rules=_merge_rules(members, initials, corpus_keys),
        statement_count=sum(m.speaker.statement_count for m in members),
        document_count=len({m.speaker.document_id for m in members}),
        first_date=min(dates, default=None), last_date=max(dates, default=None))
