"""Paragraph and sentence segmentation: named cases and invariants."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.steps.segment import paragraph_spans, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


SENTENCE_CASES = [
    ("plain stops", "The river rose. Farmers moved uphill! Was it enough?",
     ["The river rose.", "Farmers moved uphill!", "Was it enough?"]),
    ("title abbreviation", "Mr. Okafor met Ms. Lind and Dr. Ruiz. They talked.",
     ["Mr. Okafor met Ms. Lind and Dr. Ruiz.", "They talked."]),
    ("plural title abbreviation", "The co-chairs, Reps. Jon Roe (R-MD) and Ann Berg (D-OH), wrote. Sens. Lind agreed.",
     ["The co-chairs, Reps. Jon Roe (R-MD) and Ann Berg (D-OH), wrote.", "Sens. Lind agreed."]),
    ("month before a day", "The fair opened on Feb. 3 in the old hall. Crowds came.",
     ["The fair opened on Feb. 3 in the old hall.", "Crowds came."]),
    ("month at the end of a sentence", "It closed on Dec. 8. Then it rained.",
     ["It closed on Dec. 8.", "Then it rained."]),
    ("No. before a number", "Route No. 7 is shut. Use the bridge.", ["Route No. 7 is shut.", "Use the bridge."]),
    ("dotted abbreviation inside a sentence", "The U.S. delegation left early. Talks resume soon.",
     ["The U.S. delegation left early.", "Talks resume soon."]),
    ("honorific H.E.", "H.E. Amara Diallo spoke first. Others followed.",
     ["H.E. Amara Diallo spoke first.", "Others followed."]),
    ("middle initial", "Visitor Anna K. Berg arrived. She stayed a week.",
     ["Visitor Anna K. Berg arrived.", "She stayed a week."]),
    ("decimal number", "Output grew 2.5 percent to 1.8 billion units. Prices fell.",
     ["Output grew 2.5 percent to 1.8 billion units.", "Prices fell."]),
    ("closing quote stays with its sentence", 'She said, "We are ready." The vote followed.',
     ['She said, "We are ready."', "The vote followed."]),
    ("curly closing quote", "“It works,” he wrote. “Try it.” Nobody did.",
     ["“It works,” he wrote.", "“Try it.”", "Nobody did."]),
    ("ellipsis before lower case", "It was long... but worth it. Next day came.",
     ["It was long... but worth it.", "Next day came."]),
    ("ellipsis before a capital", "They waited… The bus never came.", ["They waited…", "The bus never came."]),
    ("no final stop", "A final line without a stop", ["A final line without a stop"]),
    ("Q and A run together", "Is the road open? A: Yes, since May. Q: And the rail line?",
     ["Is the road open?", "A: Yes, since May.", "Q: And the rail line?"]),
    ("name label after a question", "Any comment? Lena Hart: None at all.",
     ["Any comment?", "Lena Hart: None at all."]),
    ("list number at the start", "1. Living costs fell. Wages rose.", ["1. Living costs fell.", "Wages rose."]),
    ("roman section number", "IV. Outlook for the region", ["IV. Outlook for the region"]),
    ("v. of a court case", "The ruling in Ashcroft v. Iqbal stands. Appeals failed.",
     ["The ruling in Ashcroft v. Iqbal stands.", "Appeals failed."]),
    ("e.g. before lower case", "Use a tool, e.g. a hammer. Done.", ["Use a tool, e.g. a hammer.", "Done."]),
]


@pytest.mark.parametrize("text,expected", [c[1:] for c in SENTENCE_CASES], ids=[c[0] for c in SENTENCE_CASES])
def test_sentence_cases(text, expected):
    assert sentences(text) == expected


def test_paragraphs_are_stripped_non_empty_lines():
    body = "  First line.  \n\n\tSecond line.\n   \nThird."
    spans = paragraph_spans(body)
    assert [body[a:b] for a, b in spans] == ["First line.", "Second line.", "Third."]


def test_hard_wrapped_line_joins_its_paragraph():
    body = "It was a choice made by a family that was\nengaged in local politics. It lasted.\nNext one."
    assert [body[a:b] for a, b in paragraph_spans(body)] == [
        "It was a choice made by a family that was\nengaged in local politics. It lasted.", "Next one."]


def test_lower_case_transcript_lines_stay_apart():
    line = "we went there and saw the river and the boats and the people who live there all year and then the"
    body = line + " " + line + "\ngot that wrong? yes"
    assert len(paragraph_spans(body)) == 2


def test_short_lower_case_line_is_a_wrap():
    body = "the committee met on monday and agreed that the\nbudget would grow."
    assert len(paragraph_spans(body)) == 1


def test_empty_inputs():
    assert paragraph_spans("") == []
    assert paragraph_spans(" \n\t\n") == []
    assert sentence_spans("") == []
    assert sentence_spans("   ") == []


TEXT = (st.text(alphabet=st.sampled_from(list("ab Z.?!\"'“”…:\n0123456789QA,。")), max_size=200)
        | st.text(max_size=120))


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_sentence_spans_tile_the_text(text):
    spans = sentence_spans(text)
    pos = 0
    for a, b in spans:
        assert 0 <= pos <= a < b <= len(text)
        piece = text[a:b]
        assert piece == piece.strip() and piece
        assert not text[pos:a].strip()          # nothing but space between sentences
        pos = b
    assert not text[pos:].strip()


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_paragraph_spans_cover_every_non_space_character(text):
    spans = paragraph_spans(text)
    covered = set()
    prev_end = 0
    for a, b in spans:
        assert prev_end <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        covered.update(range(a, b))
        prev_end = b
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())
