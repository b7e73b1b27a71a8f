"""Issue 9: the patterns that read input text, and the functions that loop over its lines, run in linear time.

Each case plants one adversarial run (spaces after a dateline's place, spaces after a date's day,
dots, blank lines, spaces inside a byline, many opening brackets, menu words, a long list of names,
many lines ending in a URL) at 4x the size of a first call and checks the larger call costs at most a
generous multiple of 4x the smaller (a quadratic pattern costs 16x, the old dateline pattern far more:
409 spaces took seconds) and stays within a per-call budget. The boilerplate line rules are probed
on their own, past the 400-character cap ``boilerplate_rule`` puts on a line: two of them were
exponential, which no cap makes safe.
"""
from __future__ import annotations

import time

import pytest

from flows.steps import boilerplate, clean, furniture, header, segment
from flows.steps.attribute import sieves
from flows.steps.attribute.surface import labels as surface_labels

SMALL, LARGE = 12_000, 48_000       # characters; LARGE = 4 x SMALL
MAX_RATIO = 10                      # linear is 4; quadratic would be 16
BUDGET_S = 5.0                      # per call, on a busy 2-core machine


def _seconds(fn, text: str) -> float:
    best = float("inf")
    for _ in range(3):                          # best of three: a scheduler hiccup is not the pattern
        start = time.perf_counter()
        fn(text)
        best = min(best, time.perf_counter() - start)
    return best


CASES = {
    # attribution: a signature after a quotation's dash, with a long run of spaces or commas before no end
    # a Chinese label's characters with no colon after them (the label is twelve characters at most)
    "cjk_label_long_run": (lambda text: surface_labels._label_at(text, 0), lambda n: "华" * n + "：x"),
    "cjk_spaced_labels_long_run": (lambda text: surface_labels._alternating_spaced_cjk_labels([text, text]),
                                   lambda n: "首" * n + " x"),
    "signed_by_spaces": (sieves.signed_by, lambda n: '"x" \u2014 Ann' + " " * n + "x"),
    "signed_by_commas": (sieves.signed_by, lambda n: '"x" \u2014 Ann' + ", b" * (n // 3) + "x"),
    # defect planted: a run of spaces after a dateline's place (DATELINE's adjacent \s* backtracking)
    "dateline_place_then_spaces": (header.dateline, lambda n: "A" + " " * n + "x"),
    "dateline_date_then_spaces": (header.dateline, lambda n: "BEIJING, Dec. 8" + " " * n + "x"),
    "dateline_day_month_then_spaces": (header.dateline, lambda n: "GENEVA, 8 Dec." + " " * n + "x"),
    # a run of spaces between a date's day and its year
    "found_date_month_day_spaces": (header.found_date, lambda n: "Dec 8" + " " * n + "x"),
    "found_date_day_month_spaces": (header.found_date, lambda n: "1 jan" + " " * n + "x"),
    "date_problem_month_day_spaces": (header.date_problem, lambda n: "Dec 8" + " " * n + "x"),
    "date_problem_day_month_spaces": (header.date_problem, lambda n: "1 jan" + " " * n + "x"),
    # a run of spaces inside a byline (name separators, "X reporter Y")
    "byline_spaces": (header.byline, lambda n: "A" + " " * n + "x"),
    # a paragraph of dots, and a body of blank-looking lines
    "sentence_spans_dots": (segment.sentence_spans, lambda n: "A" + "." * n + "x"),
    "paragraph_spans_blank_line": (segment.paragraph_spans, lambda n: " " * n + "\nA line."),
    # the whole cleaning step on a document whose first lines are the planted runs
    "cleaned_document": (clean.cleaned_document,
                         lambda n: "A" + " " * (n // 2) + "x\nBEIJING, Dec. 8" + " " * (n // 2) + "-- x\n"
                                   "A body sentence follows here, as in any news story."),
    # clean: a run of spaces after a date label, between a time and its zone (two adjacent \s*)
    "date_prefix_label_then_spaces": (lambda s: clean._DATE_PREFIX.match(s), lambda n: "Date" + " " * n + "x"),
    "time_line_then_spaces": (lambda s: clean._TIME_LINE.fullmatch(s), lambda n: "1:00" + " " * n + "x"),
    "list_opener_then_spaces": (lambda s: clean._LIST_OPENER.fullmatch(s), lambda n: "Related" + " " * n + "x"),
    # clean: many opening brackets before no closing one (each tried to the line's end)
    "caption_many_photo_brackets": (lambda s: clean._CAPTION.fullmatch(s), lambda n: "(photo" * (n // 6) + "x"),
    "caption_many_square_brackets": (lambda s: clean._CAPTION.fullmatch(s), lambda n: "[photo" * (n // 6) + "x"),
    "caption_many_agency_slashes": (lambda s: clean._CAPTION.fullmatch(s), lambda n: "(xinhua/" * (n // 8) + "x"),
    # clean: many credit labels, sentence ends and slashes before a credit that never ends the line
    "credited_caption_many_labels": (lambda s: clean._CREDITED_CAPTION.fullmatch(s),
                                     lambda n: "photo credit: " * (n // 14) + "."),
    "credited_caption_many_sentences": (lambda s: clean._CREDITED_CAPTION.fullmatch(s),
                                        lambda n: ". Ann Roe /" * (n // 11) + "x"),
    "credited_caption_spaces": (lambda s: clean._CREDITED_CAPTION.fullmatch(s), lambda n: "." + " " * n + "x"),
    # furniture: a bullet and a long run of spaces or words
    "field_spaces": (lambda s: furniture._FIELD.fullmatch(s), lambda n: "•" + " " * n + "x x x x"),
    "field_words": (lambda s: furniture._FIELD.fullmatch(s), lambda n: "• " + "a " * (n // 2)),
    # clean: a bracket and a long run of spaces before a credit that never comes (seconds for 3,000)
    "credit_bracket_then_spaces": (lambda s: clean._CREDIT.fullmatch(s), lambda n: "(" + " " * n + "x"),
    # clean: a run of spaces inside a body line, before a tail that never comes
    "photo_credit_tail_spaces": (lambda s: dict(clean._TAILS)["photo_credit"].search(s), lambda n: "a" + " " * n + "x"),
    "read_more_tail_spaces": (lambda s: dict(clean._TAILS)["read_more"].search(s), lambda n: "." + " " * n + "x"),
    "read_more_then_spaces": (lambda s: dict(clean._TAILS)["read_more"].search(s),
                              lambda n: "Done. Read more" + " " * n + "x"),
    # boilerplate: menu words with single spaces and something else at the end (exponential backtracking)
    "line_rules_menu_words": (lambda s: [p.fullmatch(s) for _, p in boilerplate.LINE_RULES],
                              lambda n: "home " * (n // 5) + "x"),
    "line_rules_share_words": (lambda s: [p.fullmatch(s) for _, p in boilerplate.LINE_RULES],
                               lambda n: "share " * (n // 6) + "x"),
    # boilerplate: many lines ending in a URL (every pair compared), a long word of "http://", a long
    # line of digits and CJK before a Latin letter
    "watermark_many_url_lines": (lambda s: boilerplate.watermark_suffix(s.split("\n")),
                                 lambda n: "\n".join(f"Line {i} http://x.example/{i}" for i in range(n // 28))),
    "watermark_long_url_word": (lambda s: boilerplate.watermark_suffix([s]), lambda n: "http://" * (n // 7) + " x"),
    "watermark_cjk_then_latin": (lambda s: boilerplate.watermark_suffix([s]), lambda n: "1中" * (n // 2) + "x"),
    # header: byline name lists - every comma, every word tried as the end of the names from the start
    "names_and_outlet_many_commas": (header.names_and_outlet, lambda n: "a," * (n // 2) + "a"),
    "names_and_outlet_names_then_date": (header.names_and_outlet, lambda n: "Ann Lee, " * (n // 9) + "1 Jan 2020"),
    "names_and_outlet_many_words": (header.names_and_outlet, lambda n: "Ann " * (n // 4) + "x"),
    "names_and_outlet_names_then_outlet": (header.names_and_outlet,
                                           lambda n: "Ann Lee and " * (n // 12) + "x News"),
    "names_and_outlet_spaces_before_bracket": (header.names_and_outlet, lambda n: "a" + " " * n + "x"),
    "byline_many_words": (header.byline, lambda n: "By " + "Ann " * (n // 4) + "x"),
    # furniture: a long word (words, e-mail), runs of stops before closers and spaces, digits and colons
    # (times of day), word/Word credits, and a body of many short lines (the edge zones)
    "furniture_shape_long_word": (lambda s: furniture.line_shape(s, furniture.stop_words("en")), lambda n: "a" * n),
    "furniture_shape_email_run": (lambda s: furniture.line_shape(s, furniture.stop_words("en")),
                                  lambda n: "a." * (n // 2) + "@"),
    "furniture_shape_stops_closers": (lambda s: furniture.line_shape(s, furniture.stop_words("en")),
                                      lambda n: ".)" * (n // 4) + " " * (n // 2) + "1"),
    "furniture_shape_times": (lambda s: furniture.line_shape(s, furniture.stop_words("en")), lambda n: "1:2" * (n // 3)),
    "furniture_shape_slashes": (lambda s: furniture.line_shape(s, furniture.stop_words("en")), lambda n: "a/" * (n // 2)),
    "furniture_many_short_lines": (lambda s: furniture.furniture_lines(s.split("\n"), "en"),
                                   lambda n: "Most read\n" * (n // 10) + "A line of running text, as in any story."),
    # a dialogue's name-headed sections: a name said many times, spaces run before a self-introduction's name
    "labels_head_sections_many_names": (lambda s: _sections_headed(s), lambda n: "Ann Berg " * (n // 9)),
    "labels_head_sections_spaces": (lambda s: _sections_headed(s), lambda n: "My name is" + " " * n + "Ann Berg"),
    # broadcast labels ("NAME, ROLE:") and time-stamped name lines ("Ann Berg 00:00:02")
    "name_role_label_spaces": (lambda s: _label(s), lambda n: "ANA" + " " * n + "BERG, CHIEF: x"),
    "name_role_label_many_role_words": (lambda s: _label(s), lambda n: "ANA BERG, " + "CHIEF " * (n // 6) + "x"),
    "time_stamped_name_line_spaces": (lambda s: _label_line(s), lambda n: "Ann Berg" + " " * n + "00:00:02"),
    # the whole cleaning step on lines planted with the runs above
    "cleaned_document_planted_lines": (clean.cleaned_document,
                                       lambda n: "Date" + " " * (n // 4) + "x\n1:00" + " " * (n // 4) + "x\n"
                                                 "A body sentence follows here, as in any news story.\n"
                                                 "(" + " " * (n // 4) + "x\n" + "(photo" * (n // 24) + "\n"),
}


def _label(text: str):
    from flows.steps.attribute.surface import labels
    return labels._label_at(text, 0)


def _label_line(text: str):
    from flows.steps.attribute.surface import labels
    return labels._bare_name(text)


def _sections_headed(section: str) -> bool:
    """``dialogue._labels_head_sections`` over two labelled paragraphs, ``section`` after the first label."""
    from flows.steps.attribute.surface import dialogue
    from flows.steps.attribute.surface.labels import _Sent

    paragraphs = ["Ann Berg: " + section, "Tom Hale: Tom Hale"]
    sents = [_Sent(0, 10, len(paragraphs[0]), label="Ann Berg"), _Sent(1, 10, 18, label="Tom Hale")]
    return dialogue._labels_head_sections(sents, {}, paragraphs)


@pytest.mark.parametrize("name", sorted(CASES))
def test_adversarial_input_costs_linear_time(name):
    fn, make = CASES[name]
    fn(make(100))                                   # warm up (imports, caches)
    small, large = _seconds(fn, make(SMALL)), _seconds(fn, make(LARGE))
    assert large <= BUDGET_S, f"{name}: {large:.2f}s for {LARGE} characters"
    assert large <= MAX_RATIO * max(small, 0.005), (
        f"{name}: {small:.4f}s for {SMALL} characters but {large:.4f}s for {LARGE} (ratio {large / max(small, 1e-9):.1f})")
