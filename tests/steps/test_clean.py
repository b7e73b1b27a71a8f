"""Tests for flows.steps.clean: each fixture plants one defect and is named after it."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.steps import clean
from flows.steps.clean import UndecodableError, cleaned_document, decoded, normalized, normalized_text


CHINESE = "中国人权研究会举办研讨会，专家学者就人权发展道路交换了意见。与会者认为，发展是解决一切问题的基础和关键。"


TRAD_CHINESE = "臺灣的人權團體今天發表聲明，呼籲政府保障言論自由與新聞自由。聲明指出，這是民主社會的基礎。"


@pytest.mark.parametrize("raw, encoding, repairs", [
    pytest.param("Plain text, it’s fine.".encode("utf-8"), "utf-8", (), id="utf-8 without bom"),
    pytest.param(b"\xef\xbb\xbfIt\xe2\x80\x99s here.", "utf-8-sig", ("bom_removed",), id="utf-8 with bom"),
    pytest.param("Caf\u00e9 society, “quoted”.".encode("utf-16"), "utf-16", ("bom_removed",), id="utf-16 with bom"),
    pytest.param("Caf\u00e9 society, “quoted”.".encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16",
                 ("bom_removed",), id="utf-16-be with bom"),
])
def test_decoded_unicode(raw, encoding, repairs):
    dec = decoded(raw)
    assert dec.encoding == encoding
    assert dec.repairs == repairs
    assert "\ufeff" not in dec.text and dec.text.strip()


def test_decoded_utf16_without_bom():
    dec = decoded("Plain English text saved by Notepad, it’s “quoted”.".encode("utf-16-le"))
    assert dec.text == "Plain English text saved by Notepad, it’s “quoted”."
    assert dec.repairs == ("utf16_without_bom",)


@pytest.mark.parametrize("text, codec, expected", [
    pytest.param("The minister’s “remarks” — café owners said — were well received by everyone there. " * 3,
                 "cp1252", "cp1252", id="cp1252 curly quotes"),
    pytest.param(CHINESE * 2, "gbk", "gb18030", id="gbk chinese"),
    pytest.param(CHINESE * 2, "gb18030", "gb18030", id="gb18030 chinese"),
    pytest.param(TRAD_CHINESE * 2, "big5", "big5", id="big5 traditional chinese"),
    pytest.param("Cuando el Estado afirma que la pobreza ya no existe, ¿qué hace con los pobres? Volker Türk habló.",
                 "cp1252", "cp1252", id="cp1252 spanish inverted question mark"),
    pytest.param("It was a warm summer’s day when Zhao Wei, a 23-year-old legal assistant, kissed her parents goodbye.",
                 "gbk", "gb18030", id="gbk english page with curly apostrophe"),
    pytest.param("圧政の中国で、命の危険をかえりみず弱者の弁護に取り組む人権派弁護士がいる。拘束や拷問の経験もある。",
                 "shift_jis", "shift-jis", id="shift_jis japanese"),
])
def test_decoded_legacy_encodings(text, codec, expected):
    dec = decoded(text.encode(codec))
    assert dec.text == text
    assert dec.encoding == expected


@pytest.mark.parametrize("raw, reason", [
    pytest.param(b"", "empty_file", id="empty file"),
    pytest.param(b"  \n\r\n\t ", "empty_file", id="whitespace only"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary_content", id="png with nul bytes"),
    pytest.param(bytes(range(0, 32)) * 20, "binary_content", id="control bytes"),
])
def test_decoded_rejects_non_text(raw, reason):
    with pytest.raises(UndecodableError) as err:
        decoded(raw)
    assert err.value.reason == reason


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_decoded_never_raises_anything_but_undecodable(raw):
    try:
        dec = decoded(raw)
    except UndecodableError as err:
        assert err.reason in {"empty_file", "binary_content", "undecodable_bytes"}
    else:
        assert isinstance(dec.text, str) and dec.text.strip()


@pytest.mark.parametrize("text, expected, repair", [
    pytest.param("China\u00e2\u20ac\u2122s rights", "China’s rights", "mojibake_fixed", id="mojibake apostrophe"),
    pytest.param("caf\u00c3\u00a9 owners", "café owners", "mojibake_fixed", id="mojibake e acute"),
    pytest.param("line one\r\nline two\rline three", "line one\nline two\nline three", "line_breaks_normalised",
                 id="crlf and cr line breaks"),
    pytest.param("By:\u00a0\u00a0Xinhua", "By:  Xinhua", "odd_spaces_replaced", id="non-breaking spaces"),
    pytest.param("human\u200b rights\ufeff", "human rights", "zero_width_removed", id="zero-width spaces"),
    pytest.param("bad\x07 bell\x1b", "bad bell", "control_chars_removed", id="control characters"),
    pytest.param("Cafe\u0301", "Café", "unicode_nfc", id="decomposed accent to nfc"),
])
def test_normalized_repairs(text, expected, repair):
    out = normalized(text)
    assert out.text == expected
    assert repair in out.repairs


def test_normalized_keeps_curly_quotes():
    text = "“We uphold the people-centered philosophy,” he said. ‘Quoted’ too."
    assert normalized_text(text) == text


def test_normalized_keeps_fullwidth_cjk_punctuation():
    assert normalized_text("记者：您好！") == "记者：您好！"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_normalisation_idempotent(text):
    once = normalized_text(text)
    assert normalized_text(once) == once


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "Home>Journal", "A title for a story about rights", "By He Yin, People's Daily", "February 22,2021",
    "BEIJING, Dec. 8 (Xinhua) -- The forum opened today.", "Please enter your comment!", "Thank you.",
    "China has lifted nearly 100 million people out of poverty, officials said on Tuesday.", "",
    "Q: Any comment?", "Party’s goal is to help people lead a happy life", "caf\u00c3\u00a9 owners said so.",
]) | st.text(max_size=60), max_size=12))
def test_body_is_normalised_and_drawn_from_the_input(lines):
    text = "\n".join(lines)
    doc = cleaned_document(text)
    assert normalized_text(doc.body) == doc.body
    source = normalized_text(text)
    spam = any(r.rule == "injected_spam" for r in doc.removed)
    for line in doc.body.split("\n"):
        assert line in source or spam
    assert all(r.rule and r.line_no >= 0 for r in doc.removed)


def test_step_modules_are_pure():
    import inspect
    from flows.steps import boilerplate, dedup, header
    for module in (clean, header, boilerplate, dedup):
        src = inspect.getsource(module)
        assert "prefect" not in src and "open(" not in src and "read_text" not in src


BODY = ("China has lifted nearly 100 million rural people out of poverty, officials said on Tuesday.\n"
        "The forum was attended by more than 300 participants from home and abroad.\n")


SEED_000 = ("By He Yin, People\u2019s Daily\n"
            "Chinese President Xi Jinping sent a congratulatory letter to the forum, which opened in Beijing on Dec. 8.\n"
            "Noting that human rights represent the progress of human civilization, Xi said in the letter that it matters.\n"
            "\n\nPlease enter your comment!\nPlease enter your name here")


SEED_004 = ("Safeguarding Human Rights is the Unwavering Mission of the Communist Party of China\n"
            "February 22,2021\u00a0\u00a0\u00a0By:en.humanrights.cn\n"
            "Feb.22,2021 -- en.humanrights.cn: \"The people's happiness is the objective of all our efforts\". "
            "General Secretary Xi Jinping's firm statement illuminates the aim.\n"
            "Zhang Xiaoling: Hello!\n"
            "\n\nFor the latest news and analysis from our\n\nreporters and editors:Staff Twitter List>>")


def test_seed_byline_without_title():
    doc = cleaned_document(SEED_000)
    assert doc.header.title is None
    assert doc.header.authors == ("He Yin",)
    assert doc.header.outlet == "People\u2019s Daily" and doc.header.outlet_canonical == "People's Daily"
    assert doc.body.startswith("Chinese President Xi Jinping sent")
    assert "comment" not in doc.body and "By He Yin" not in doc.body
    assert {r.rule for r in doc.removed} == {"byline", "comment_form"}
    assert doc.language == "en"


def test_seed_title_date_byline_dateline_trailer():
    doc = cleaned_document(SEED_004)
    h = doc.header
    assert h.title == "Safeguarding Human Rights is the Unwavering Mission of the Communist Party of China"
    assert h.published_date == dt.date(2021, 2, 22) and h.date_text == "February 22,2021"
    assert h.authors == () and h.outlet == "en.humanrights.cn"
    assert h.dateline == "Feb.22,2021 --"
    assert doc.body.split("\n")[0].startswith("en.humanrights.cn: \"The people's happiness")
    assert doc.body.split("\n")[-1] == "Zhang Xiaoling: Hello!"
    assert "Twitter" not in doc.body
    rules = {r.rule for r in doc.removed}
    assert {"title", "byline", "dateline", "twitter_trailer"} <= rules


def test_speaker_label_and_salutation_kept_in_body():
    text = "Distinguished Guests,\n\nGood morning. It is a pleasure to meet you all here in Beijing today.\n" \
           "Shou Xiaoli:\nLadies and gentlemen, good afternoon and welcome to this briefing."
    doc = cleaned_document(text)
    assert doc.body.split("\n") == ["Distinguished Guests,",
                                    "Good morning. It is a pleasure to meet you all here in Beijing today.",
                                    "Shou Xiaoli:", "Ladies and gentlemen, good afternoon and welcome to this briefing."]


@pytest.mark.parametrize("text, lang", [
    pytest.param(CHINESE * 3, "zh", id="chinese body"),
    pytest.param("Il 28 agosto il portavoce del Ministero degli Esteri ha ospitato una conferenza stampa di "
                 "routine, durante la quale un giornalista ha posto una domanda sulla regione.", "it", id="italian body"),
    pytest.param("Cuando el Estado afirma que la pobreza ya no existe, ¿qué hace con los pobres? Los esconde, "
                 "guarda y mantiene fuera de la vista de todos.", "es", id="spanish body"),
    pytest.param("وأشاد بالفلسفة المتمحورة حول الشعب والتي تنتهجها الحكومة الصينية والإنجازات التي حققتها الصين في "
                 "مجال حقوق الإنسان.", "ar", id="arabic body"),
])
def test_non_english_kept_with_language(text, lang):
    doc = cleaned_document(text)
    assert doc.language == lang
    assert doc.body.strip()


def test_no_letters_has_no_language():
    assert cleaned_document("12345 67890").language is None


@pytest.mark.parametrize("text", [
    pytest.param("Q: Any comment?\nA: No comment.\nQ: Why not?\nA: We have said all we need to say on this already.",
                 id="q and a transcript with short turns"),
    pytest.param("\"We will win,\" he said.\nThe minister spoke at a press conference in Beijing on Tuesday.",
                 id="short quoted sentence as first line"),
    pytest.param("Thank you.\nMr. President,\nWe urge all parties to cooperate fully with the mechanism.",
                 id="short closing sentence as first line"),
])
def test_short_body_lines_at_top_are_kept(text):
    doc = cleaned_document(text)
    assert doc.body.split("\n") == text.split("\n")
    assert doc.removed == ()


def test_removed_lines_point_into_normalised_text():
    text = "Home>Journal\n\nA title for this fine story today\n\n2021-02-26 21:14 |\n\n" + BODY + "\nRelated Articles"
    doc = cleaned_document(text)
    lines = normalized_text(text).split("\n")
    for r in doc.removed:
        assert r.text in lines[r.line_no]


def test_headline_with_date_after_a_dash_is_the_title():
    text = "Harbour Board Briefing – March 7, 2024\n" + BODY
    h = cleaned_document(text).header
    assert h.title == "Harbour Board Briefing – March 7, 2024"
    assert h.published_date == dt.date(2024, 3, 7)


@pytest.mark.parametrize("title", [
    "With Roe Out, and Hale In, What's Next at Harbour News?",         # was cut as a byline: 'With Roe Out', outlet
    "#HarbourStrong Is The Hashtag This Town Needed.",                 # was no candidate: a '#' is no capital
])
def test_a_question_or_hashtag_headline_is_the_title(title):
    doc = cleaned_document(title + "\n\n" + BODY)
    assert doc.header.title == title and doc.header.authors == () and doc.header.outlet is None


def test_outlet_before_a_dated_dash_is_no_title():
    h = cleaned_document("Tide Valley News – March 7, 2024\n" + BODY).header
    assert h.title is None and h.published_date == dt.date(2024, 3, 7)


def test_place_and_time_lines_under_a_title_are_header():
    text = "Harbour Board Briefing on the new pier\nWashington, D.C.\n2:14 p.m. EST\n" + BODY
    doc = cleaned_document(text)
    assert doc.body == BODY.rstrip("\n")
    assert doc.header.title == "Harbour Board Briefing on the new pier"


def test_rubric_before_a_question_headline_is_the_title():
    h = cleaned_document("Panel: Can harbours adapt to rising seas?\n" + BODY).header
    assert h.title == "Panel: Can harbours adapt to rising seas?"


def test_speaker_label_question_is_no_title():
    doc = cleaned_document("CCTV: Can you share more on the harbour plan?\n" + BODY)
    assert doc.header.title is None and doc.body.startswith("CCTV:")


def test_abbreviated_title_in_a_headline_is_no_sentence_boundary():
    h = cleaned_document("Transcript: Sen. Ana Berg on the harbour bill\n" + BODY).header
    assert h.title == "Transcript: Sen. Ana Berg on the harbour bill"


def test_time_zone_after_a_date_is_no_outlet():
    h = cleaned_document("A ferry strike halts all crossings on the bay\nFebruary 19, 2024 8:15 AM GMT\n" + BODY).header
    assert h.published_date == dt.date(2024, 2, 19) and h.outlet is None


@pytest.mark.parametrize("headline", ["Harbour board approves new pier for small boats.",
                                      "Harbour board approves new pier for small boats;",
                                      "Board on the pier: ‘We will build it.’",
                                      "Harbour Board Approves A Second Pier. That’s A First."])
def test_first_line_with_a_stop_set_apart_by_a_blank_line_is_the_title(headline):
    doc = cleaned_document(headline + "\n\n"
                           "The harbour board on Monday approved a second pier, ending a two-year dispute "
                           "over berths for the fishing fleet.\n")
    assert doc.header.title == headline
    assert doc.body.startswith("The harbour board")


def test_a_first_line_ending_with_a_semicolon_is_the_title_even_with_a_deck_under_it():
    """Planted defect: 'Headline;' followed at once by its deck line was not taken as the title."""
    doc = cleaned_document("Harbour board approves new pier for small boats;\n"
                           "A second berth could end a two-year dispute over the fishing fleet.\n\n"
                           "The harbour board on Monday approved a second pier, ending a two-year dispute "
                           "over berths for the fishing fleet.\n")
    assert doc.header.title == "Harbour board approves new pier for small boats;"


def test_two_sentences_in_sentence_case_are_no_headline():
    assert not clean._is_headline_paragraph("The board met. It approved a pier.", 25)
    assert clean._is_headline_paragraph("The Board Met. It Approved A Pier.", 25)


@pytest.mark.parametrize("line", [
    pytest.param("What is next for the harbour? Much rests on one vote.", id="a question then an answer"),
    pytest.param("Vote over. Will the board back down on the pier?", id="a fragment kicker then a question"),
    pytest.param("Harbour Board Approves A Pier Nobody Asked For And….", id="headline cut off with an ellipsis"),
])
def test_kicker_and_cut_off_headlines_are_headlines(line):
    doc = cleaned_document(line + "\n\n" + BODY)
    assert doc.header.title == line


@pytest.mark.parametrize("title, outlet", [
    pytest.param("Global Times editorial: The harbour needs a pier", "Global Times", id="outlet before a rubric"),
    pytest.param("Fox News Just Uncovered A Harbour Video Nobody Saw", None, id="outlet as the headline's subject"),
])
def test_outlet_at_the_start_of_a_title_only_before_a_rubric(title, outlet):
    assert cleaned_document(title + "\n\n" + BODY).header.outlet == outlet


def test_a_one_sentence_first_paragraph_running_into_the_next_line_is_no_title():
    doc = cleaned_document("Harbour board approves new pier for small boats.\n"
                           "The vote on Monday ended a two-year dispute over berths for the fishing fleet.\n")
    assert doc.header.title is None or "approves" not in doc.header.title


@pytest.mark.parametrize("code, iso", [("en", "en"), ("wuu", "zh"), ("yue", "zh"), ("arz", "ar"),
                                       ("pcm", None), ("zxx", None)])
def test_language_codes_outside_iso_639_1_map_to_their_macrolanguage_or_to_none(code, iso):
    assert clean.iso639_1(code) == iso


@pytest.mark.parametrize("line", [
    pytest.param("x" * 5000, id="one very long word"),
    pytest.param("<html><body><p>" + "The harbour board met on Tuesday " * 20 + "</p></body></html>", id="one-line html"),
    pytest.param("\u201c" * 3000, id="a run of quotation marks"),
])
def test_long_line_under_the_title_stays_in_the_body(line):
    doc = cleaned_document("Harbour board approves new pier\n" + line + "\n")
    assert doc.body == line


def test_html_document_is_read_as_text_lines():
    page = ("<!DOCTYPE html><html><head><title>Pier</title><style>p {color: red}</style></head><body>"
            "<h1>Harbour board approves new pier</h1><p>The board met on Tuesday &amp; approved it.</p>"
            "<script>var x = 1;</script><p>Work starts in May.</p></body></html>")
    doc = cleaned_document(page)
    assert "html_to_text" in doc.repairs
    assert doc.header.title == "Harbour board approves new pier"
    assert doc.body == "The board met on Tuesday & approved it.\nWork starts in May."


def test_text_mentioning_a_tag_is_not_html():
    text = "Harbour board approves new pier\n\nThe <html> tag opens a page, the board's web team said on Tuesday.\n"
    assert "html_to_text" not in cleaned_document(text).repairs


DATE_BODY = ("The council voted on Tuesday to keep the market open on Sundays through the winter.\n\n"
             "\u201cThe numbers speak for themselves,\u201d said John Roe, who chairs the traders' association.\n")


@pytest.mark.parametrize("text, date_text, reason", [
    pytest.param("Market keeps Sunday hours\n\nFebruary 30, 2024\n\n" + DATE_BODY, "February 30, 2024",
                 "no_such_day", id="date line of February 30"),
    pytest.param("Market keeps Sunday hours\n\nMarch 3, 1850\n\n" + DATE_BODY, "March 3, 1850",
                 "before_earliest_year", id="date line of 1850"),
    pytest.param("Market keeps Sunday hours\n\nSPRINGFIELD, Feb. 30, 2024 - " + DATE_BODY, "Feb. 30, 2024",
                 "no_such_day", id="dateline of February 30"),
    pytest.param("Market keeps Sunday hours\n\nSPRINGFIELD, March 3, 1850 - " + DATE_BODY, "March 3, 1850",
                 "before_earliest_year", id="dateline of 1850 the grammar does not take"),
])
def test_a_header_date_that_is_no_date_is_recorded_with_its_reason(text, date_text, reason):
    header = cleaned_document(text).header
    assert header.published_date is None
    assert (header.date_text, header.date_problem) == (date_text, reason)


def test_a_old_date_in_running_text_is_no_date_problem():
    text = ("Market keeps Sunday hours\n\nThe treaty of March 3, 1850 - a history - is read again today by "
            "historians of the region.\n\n" + DATE_BODY)
    header = cleaned_document(text).header
    assert (header.published_date, header.date_text, header.date_problem) == (None, None, None)


def test_a_readable_date_leaves_no_date_problem():
    header = cleaned_document("Market keeps Sunday hours\n\nMarch 3, 2024\n\nFebruary 30, 2024\n\n" + DATE_BODY).header
    assert (header.published_date, header.date_problem) == (dt.date(2024, 3, 3), None)
