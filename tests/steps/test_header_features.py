"""Tests for flows.steps.header_features: a header-zone line's features, and the furniture shapes that keep a
title-shaped menu, breadcrumb trail, language selector or form above the title from being taken as the title."""
from __future__ import annotations

import pytest

from flows.steps import header_features as hf
from flows.steps.clean import cleaned_document

BODY = ("The harbour board approved the new ferry timetable on Tuesday after a long debate.\n"
        "Officials said the ferries would run every twenty minutes from next month.\n")


def _shape(line: str) -> str | None:
    return hf.furniture_shape(hf.header_line_features(line, 0, ("", "")))


def test_features_measure_the_line_where_it_stands():
    f = hf.header_line_features("By Jane Doe | Example Daily | May 3, 2021", 2, ("", "Next line"), 0.25)
    assert (f.position, f.blank_before, f.blank_after, f.corpus_share) == (2, True, False, 0.25)
    assert f.has_date and f.has_outlet and f.byline_cue and f.field_marks == 2 and f.terminal == ""
    assert 0 < f.digit_share < 0.3 and f.scripts == 1


@pytest.mark.parametrize("line, shape", [
    pytest.param("Home > World > Harbour News", "breadcrumb", id="defect: a breadcrumb trail"),
    pytest.param("Portal \u2192 Archive \u2192 Transport", "breadcrumb", id="defect: a trail with arrows"),
    pytest.param("HOMEPortsFerriesTimetables Contact", "glued_menu", id="defect: menu items glued together"),
    pytest.param("\u4e2d\u6587 \u0627\u0644\u0639\u0631\u0628\u064a Contact Links", "language_selector",
                 id="defect: a language selector in three scripts"),
    pytest.param("\u7528\u6237: \u5bc6\u7801: \u9a8c\u8bc1: | \u6ce8\u518c", "form_fields",
                 id="defect: a login form's fields"),
    pytest.param("\u30da\u30fc\u30b8\u3067\u3059\u3002 \u672c\u6587\u3078", "two_sentences",
                 id="defect: two CJK sentences (a skip-to-content notice)"),
])
def test_furniture_shapes(line, shape):
    assert _shape(line) == shape


@pytest.mark.parametrize("line", [
    pytest.param("Opinion: The harbour board got the timetable right | Example Daily", id="a rubric and an outlet"),
    pytest.param("\u00bbWir bleiben hier\u00ab, sagt die Hafenmeisterin", id="German quotation marks"),
    pytest.param("PolitiFact checks the ferry claim made on Tuesday", id="one capital inside a brand name"),
    pytest.param("CRI\u542c\u529b: \u6e2f\u53e3\u65b0\u95fb", id="an outlet and a CJK title: two scripts"),
])
def test_headlines_have_no_furniture_shape(line):
    assert _shape(line) is None


def test_a_breadcrumb_above_the_headline_is_not_the_title():
    # defect planted: a breadcrumb trail no boilerplate rule names (it starts with no "Home"), shaped like a
    # headline, on the page's first line
    doc = cleaned_document("Portal \u2192 Transport \u2192 Harbour News\n"
                           "Harbour board approves the new ferry timetable\n\n" + BODY)
    assert doc.header.title == "Harbour board approves the new ferry timetable"
    removed = {r.text: r.header_rule for r in doc.removed}
    assert removed["Portal \u2192 Transport \u2192 Harbour News"] == "furniture_above_title"
