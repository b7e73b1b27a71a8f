"""ParsedDocument: the spaCy pipeline ships with the lock and loads offline; quotation tracking; offsets."""
import pytest

from flows.steps import lexicon, parse


def test_english_pipeline_loads_from_the_installed_package_with_parser_and_ner():
    nlp = parse.english_pipeline()
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)
    assert "lemmatizer" not in nlp.pipe_names          # excluded: no sieve needs it
    assert nlp.meta["version"].startswith("3.8")
    assert parse.english_pipeline() is nlp              # loaded once per process


@pytest.mark.parametrize("tokens, open_before, flags, open_after", [
    (["He", "said", "“", "no", "”", "."], False, (False, False, True, True, True, False), False),
    (['"', "no", '"', "he", "said"], False, (True, True, True, False, False), False),
    (["more", "words", "”", "she", "added"], True, (True, True, True, False, False), False),   # opened before
    (["“", "still", "open"], False, (True, True, True), True),                                # left open
    (["``", "tex", "''", "x"], False, (True, True, True, False), False),
    (["the", "fewest", "votes", ".", "”"], False, (True, True, True, True, True), False),   # opened earlier
    (["Roth", "said", ".", "“", "Yes", "”", "now", "”"], False,
     (False, False, False, True, True, True, True, True), False),
])
def test_quoted_flags_mark_tokens_inside_quotation_marks(tokens, open_before, flags, open_after):
    assert parse.quoted_flags(tokens, open_before) == (flags, open_after)


@pytest.mark.parametrize("tokens, spaces, flags", [
    # planted: a straight closing mark of a quotation opened in an earlier paragraph, then its cue
    (["in", "May", ",", "''", "he", "wrote", "."], [True, False, False, True, True, False, False],
     (True, True, True, True, False, False, False)),
    (["to", "win", ".", '"'], [True, False, False, False], (True, True, True, True)),
    # control: a straight mark after a space still opens
    (["He", "said", '"', "yes", '"', "."], [True, True, False, False, False, False],
     (False, False, True, True, True, False)),
])
def test_a_straight_mark_glued_to_the_word_before_it_closes_a_quotation_begun_earlier(tokens, spaces, flags):
    assert parse.quoted_flags(tokens, False, spaces)[0] == flags


def test_parsed_document_keeps_paragraph_offsets_and_carries_an_open_quote_to_the_next_sentence():
    nlp = parse.english_pipeline()
    paragraph = "Roe spoke first. “We will win. We always do,” she said."
    spans = [(0, 0, 16), (0, 17, 30), (0, 31, len(paragraph))]
    doc = parse.parsed_document([paragraph], spans, nlp)
    assert [s.doc.text for s in doc.sentences] == [paragraph[s:e] for _, s, e in spans]
    assert not any(doc.sentences[0].in_quote)
    assert all(doc.sentences[1].in_quote[1:])                      # the quotation opened here
    assert doc.sentences[2].in_quote[0] and not doc.sentences[2].in_quote[-2]   # still open, closed before 'said'


@pytest.mark.parametrize("paragraph, inside", [
    ("the fewest votes.” That was all.", True),          # closes a quotation opened paragraphs before
    ("“Yes,” she said. “No.”", False),
    ("No quotation here.", False),
    # planted defect: a closing mark typed where an opening one stands read as closing a quotation from before,
    # so the narration before it was taken for quoted words and the quotation after it for narration
    ("It was one-sided. ”We gave up.” The coach continued.", False),
    ("”We gave up,” he said.", False),
])
def test_paragraph_opening_inside_a_quotation(paragraph, inside):
    assert parse.opens_inside_quote(paragraph) is inside


def test_skipped_sentences_are_only_tokenised():
    nlp = parse.english_pipeline()
    paragraph = "Q: Where is Jane Roe? She said that the port would reopen."
    spans = [(0, 3, 21), (0, 22, len(paragraph))]
    doc = parse.parsed_document([paragraph], spans, nlp, skip=frozenset({0}))
    assert not doc.sentences[0].doc.has_annotation("DEP") and not doc.sentences[0].doc.ents
    assert doc.sentences[1].doc.has_annotation("DEP")
    assert [s.doc.text for s in doc.sentences] == ["Where is Jane Roe?", "She said that the port would reopen."]


def test_a_curly_mark_typed_the_wrong_way_round_reads_by_where_it_stands():
    """Planted defect: 'here,“ said Ann Lee' - an opening mark closing the quotation - left the
    attribution inside the quotation."""
    text = "“The port will reopen here,“ said Ann Lee."
    sent = parse.parsed_document([text], [(0, 0, len(text))], parse.english_pipeline()).sentences[0]
    assert [t.text for t, q in zip(sent.doc, sent.in_quote) if not q] == ["said", "Ann", "Lee", "."]


@pytest.mark.parametrize("text, opening", [
    ("He said,”I feel the same.”", ["He", "said", ",", "”", "I"]),    # a closing mark typed for an opening one
    ("He said:“I feel the same.”", ["He", "said", ":", "“", "I"]),
])
def test_a_quotation_mark_glued_after_a_comma_is_a_token_that_opens_the_quotation(text, opening):
    """Planted defect: spaCy kept 'said,”I' one token, so the quotation's opening mark went unseen and its closing
    mark took the whole sentence, cue and speaker included, for quoted words."""
    sent = parse.parsed_document([text], [(0, 0, len(text))], parse.english_pipeline()).sentences[0]
    assert [t.text for t in sent.doc][:5] == opening
    assert [t.text for t, q in zip(sent.doc, sent.in_quote) if not q] == opening[:3]


class _RecordingPipeline:
    """The real pipeline, recording every text handed to spaCy's tokenizer (through ``pipe`` or ``make_doc``)."""

    def __init__(self, nlp):
        self.nlp, self.vocab, self.seen = nlp, nlp.vocab, []

    def pipe(self, texts_or_docs):
        for item in texts_or_docs:
            if isinstance(item, str):                      # a Doc is tokenised already
                self.seen.append(item)
            yield from self.nlp.pipe([item])

    def make_doc(self, text):
        self.seen.append(text)
        return self.nlp.make_doc(text)


def test_a_sentence_with_a_run_too_long_to_be_a_word_never_reaches_spacys_tokenizer():
    """Issue 9: spaCy's tokenizer is quadratic on a long run without spaces (10,000 quotation marks: 15 s)."""
    long_run = '"' * 10_000                                        # planted: one 10,000-character "word"
    paragraphs = [f"The mayor spoke. He said {long_run} twice.  Then he left."]
    first_end = paragraphs[0].index(" He")
    second_end = paragraphs[0].index("  Then")
    spans = [(0, 0, first_end), (0, first_end + 1, second_end), (0, second_end + 2, len(paragraphs[0]))]
    nlp = _RecordingPipeline(parse.english_pipeline())
    doc = parse.parsed_document(paragraphs, spans, nlp)
    assert nlp.seen == ["The mayor spoke.", "Then he left."]
    texts = [s.doc.text for s in doc.sentences]
    assert texts == [paragraphs[0][s:e] for _, s, e in spans]     # offsets hold for the unparsed sentence too
    assert [t.text for t in doc.sentences[1].doc] == ["He", "said", long_run, "twice."]
    assert doc.sentences[0].doc[1].pos_ == "NOUN"                 # the others are parsed as before


@pytest.mark.parametrize("text", ["a b", " a  b ", "a\tb", "x  \n y", "ab   ", "   ab", " "])
def test_whitespace_doc_keeps_the_text_exactly(text):
    doc = parse.whitespace_doc(parse.english_pipeline().vocab, text)
    assert doc.text == text
    assert [t.text for t in doc if not t.is_space] == text.split()


def test_a_sentence_wholly_inside_quotation_marks_that_the_caller_names_is_only_tokenised():
    nlp = parse.english_pipeline()
    paragraph = "“The port will reopen. It will,” Roe said. “Soon.” “Very soon.”"
    ends = [paragraph.index(m) + len(m) for m in ("reopen.", "said.", "“Soon.”")]
    spans = [(0, 0, ends[0]), (0, ends[0] + 1, ends[1]), (0, ends[1] + 1, ends[2]), (0, ends[2] + 1, len(paragraph))]
    doc = parse.parsed_document([paragraph], spans, nlp, skip_if_quoted=frozenset({0, 1, 2}))
    assert [all(s.in_quote) for s in doc.sentences] == [True, False, True, True]
    parsed = [s.doc.has_annotation("DEP") for s in doc.sentences]
    assert parsed == [False, True, False, True]     # 1 is quoted only in part, 3 not named by the caller
    assert [s.doc.text for s in doc.sentences] == [paragraph[s:e] for _, s, e in spans]


def test_a_sentence_parses_the_same_alone_after_tokenising_and_among_other_sentences():
    """The parse of a tokenised Doc piped with others is the parse of its text piped alone: what lets
    parsed_document tokenise first and pipe only the sentences it needs."""
    nlp = parse.english_pipeline()
    texts = ["Jane Roe, the mayor, said the harbour would reopen.", "“Not yet,” she added.",
             "There is no money left, according to the council of Exampleton."]

    def tokens(doc):
        return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, str(t.morph), t.ent_iob_, t.ent_type_) for t in doc]
    alone = [tokens(next(iter(nlp.pipe([text])))) for text in texts]
    together = [tokens(d) for d in nlp.pipe([nlp.make_doc(text) for text in reversed(texts)])][::-1]
    assert together == alone


def test_a_quoted_sentence_left_unparsed_is_parsed_later_on_request_as_it_would_have_been():
    nlp = parse.english_pipeline()
    paragraph = "“The envoy spoke for the board.” Roe said so."
    end = paragraph.index(" Roe")
    spans = [(0, 0, end), (0, end + 1, len(paragraph))]
    lazy = parse.parsed_document([paragraph], spans, nlp, skip_if_quoted=frozenset({0}))
    assert lazy.quoted_unparsed == {0} and not lazy.sentences[0].doc.has_annotation("DEP")
    later = parse.with_quoted_parsed(lazy, [0, 1], nlp)
    eager = parse.parsed_document([paragraph], spans, nlp)

    def tokens(doc):
        return [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc]
    assert [tokens(s.doc) for s in later.sentences] == [tokens(s.doc) for s in eager.sentences]
    assert later.quoted_unparsed == frozenset()
    assert not lazy.sentences[0].doc.has_annotation("DEP")          # the first ParsedDocument is left as it was
    assert parse.with_quoted_parsed(eager, [0], nlp) is eager        # nothing left unparsed: nothing to do


@pytest.mark.parametrize("typographic", [
    "Sanders’ campaign called AP’s report a “rush to judgment.”",      # defect: “ ” ’ read as rare shapes
    "„Wir schaffen das“, she said, but the party’s leaders didn’t agree.",
    "‘We won’t,’ the mayor said of the council’s plan.",
])
def test_typographic_quotation_marks_and_apostrophes_parse_as_their_ascii_forms(typographic):
    """Rule ``typographic_marks_read_as_ascii``: the model learned from ASCII marks; a sentence typed with
    typographic ones gets the parse, tags and entities of its ASCII twin, and keeps its own text."""
    nlp = parse.english_pipeline()
    ascii_twin = typographic.translate(str.maketrans(lexicon.TYPOGRAPHIC_AS_ASCII))

    def analysis(doc):
        return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]
    doc = nlp(typographic)
    assert doc.text == typographic
    assert analysis(doc) == analysis(nlp(ascii_twin))
