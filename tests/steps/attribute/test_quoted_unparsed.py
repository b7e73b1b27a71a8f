"""Sentences wholly inside quotation marks are only tokenised where no rule reads their parse:
the statements come out the same as with every sentence parsed."""
from flows.steps import parse
from flows.steps.attribute import QUOTED_PARSE_RULES, attributed_document

# planted: quoted sentences of several kinds - a quotation opened before its cue, one going on into the
# next paragraph, a quotation alone in its paragraph, one naming a person inside the marks, a report
# carried on into a quoted sentence - beside narration and reports the parse decides
PARAGRAPHS = [
    "Mayor Jane Roe spoke to reporters in Exampleton on Monday. “The harbour will reopen in May. "
    "The boats are coming back,” she said.",
    "“We have waited long enough. Tom Berg told me so himself.",
    "“Nobody in this town gave up.”",
    "The council said the budget was approved. “It passed with nine votes.” Officials were pleased.",
    "Roe said the port had been closed for two years. “Nothing moved. Nothing at all.” She thanked the crews.",
]


def test_statements_are_the_same_when_quoted_sentences_are_only_tokenised(nlp, monkeypatch):
    skipped = []
    with_skips = parse.parsed_document

    def recording(paragraphs, spans, nlp_, **kw):
        doc = with_skips(paragraphs, spans, nlp_, **kw)
        skipped.extend(i for i, s in enumerate(doc.sentences) if not s.doc.has_annotation("DEP"))
        return doc

    monkeypatch.setattr(parse, "parsed_document", recording)
    fast = attributed_document(PARAGRAPHS, language="en", nlp=nlp)
    assert len(skipped) >= 3                                  # the fixture does skip sentences

    def every_sentence(paragraphs, spans, nlp_, **kw):
        return with_skips(paragraphs, spans, nlp_, **{**kw, "skip_if_quoted": frozenset()})

    monkeypatch.setattr(parse, "parsed_document", every_sentence)
    assert attributed_document(PARAGRAPHS, language="en", nlp=nlp) == fast
    assert any(a.mode == "direct" for a in fast.sentences)


def test_the_surface_reports_a_parse_may_drop_are_parsed_even_inside_quotation_marks():
    assert QUOTED_PARSE_RULES == {"reported_cue", "reported_carries_back", "reported_carries_on"}


def test_a_role_written_in_a_quoted_sentence_gets_that_sentence_parsed(nlp):
    """without_clause_roles reads the parse where a decided role is written: a sentence left unparsed for
    being quoted that holds one is parsed before it does, one that holds none stays tokenised."""
    from flows.steps.attribute import sieve_context, with_role_sentences_parsed
    from flows.steps.attribute.sieves import Decision

    paragraph = "“The chief envoy of the board came.” “Nobody else did.” Roe said so."
    first, second = paragraph.index(" “Nobody"), paragraph.index(" Roe")
    spans = [(0, 0, first), (0, first + 1, second), (0, second + 1, len(paragraph))]
    parsed = parse.parsed_document([paragraph], spans, nlp, skip_if_quoted=frozenset({0, 1}))
    assert parsed.quoted_unparsed == {0, 1}
    ctx = sieve_context((), parsed, None)
    decided = {2: Decision("indirect", "Roe", "chief envoy", "said", None, None, "cue_with_subject")}
    after = with_role_sentences_parsed(ctx, decided, nlp).parsed
    assert [s.doc.has_annotation("DEP") for s in after.sentences] == [True, False, True]
    assert with_role_sentences_parsed(ctx, {}, nlp) is ctx
