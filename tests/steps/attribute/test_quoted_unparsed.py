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
