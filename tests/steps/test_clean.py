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


# ---------------------------------------------------------------- decoding

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


# ---------------------------------------------------------------- normalisation

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


# ---------------------------------------------------------------- boilerplate

BODY = ("China has lifted nearly 100 million rural people out of poverty, officials said on Tuesday.\n"
        "The forum was attended by more than 300 participants from home and abroad.\n")


@pytest.mark.parametrize("line, rule", [
    pytest.param("Please enter your comment!", "comment_form", id="comment form"),
    pytest.param("Please enter your name here", "comment_form", id="comment form name"),
    pytest.param("Comments are closed", "comment_form", id="comments closed"),
    pytest.param("For the latest news and analysis from our", "twitter_trailer", id="twitter trailer first line"),
    pytest.param("reporters and editors:Staff Twitter List>>", "twitter_trailer", id="twitter trailer"),
    pytest.param("Subscribe to us on YouTube:", "share_follow", id="subscribe line"),
    pytest.param("Follow us on Twitter", "share_follow", id="follow line"),
    pytest.param("Home>Journal", "breadcrumb", id="breadcrumb"),
    pytest.param("Your position: Home >> Latest News >> Text", "breadcrumb", id="breadcrumb with position"),
    pytest.param("fontLarger fontSmaller", "font_size", id="font-size control"),
    pytest.param("More From This Section", "more_from_section", id="more from this section"),
    pytest.param("Related Articles", "more_from_section", id="related articles"),
    pytest.param("Copyright © 2021 China Daily. All rights reserved.", "copyright", id="copyright line"),
    pytest.param("Sponsored by China Society for Human Rights Studies", "copyright", id="sponsored-by footer"),
    pytest.param("Disclaimer: The views expressed are the author's own.", "disclaimer", id="disclaimer"),
    pytest.param("Download our APP on Google Play (Android):", "app_prompt", id="app prompt"),
    pytest.param("Subscribe to continue reading this article", "paywall", id="paywall prompt"),
    pytest.param("Skip to main content", "skip_navigation", id="skip navigation"),
    pytest.param("Prev 1 2 3 4 5 6 7 8 9 10 Next   >>|", "pagination", id="pagination"),
    pytest.param("عربي Español Русский Français 简体中文", "language_switcher", id="language switcher"),
    pytest.param("威尼斯人赌场", "injected_spam", id="gambling spam line"),
    pytest.param("04:15", "media_player", id="video duration"),
    pytest.param("Share - WeChat", "share_follow", id="share to wechat"),
    pytest.param("Your email address will not be published. Required fields are marked *", "comment_form",
                 id="comment form email notice"),
    pytest.param("Leave a Reply Cancel reply", "comment_form", id="leave a reply"),
    pytest.param("Comments (0)", "comment_form", id="comment counter"),
    pytest.param("Follow CGTN on Twitter", "share_follow", id="follow outlet on twitter"),
    pytest.param("Get the latest news delivered to your inbox", "share_follow", id="newsletter prompt"),
    pytest.param("Privacy Policy | Terms of Use | Contact Us", "site_navigation", id="footer navigation"),
    pytest.param("Read next", "more_from_section", id="read next"),
])
def test_boilerplate_line_removed(line, rule):
    doc = cleaned_document(BODY + line + "\n" + BODY.split("\n")[0])
    assert line not in doc.body
    assert any(r.rule == rule and r.text == line for r in doc.removed)


@pytest.mark.parametrize("sentence", [
    pytest.param("Please enter your comment if you agree, the minister told the assembled reporters on Monday.",
                 id="body sentence starting like a comment form"),
    pytest.param("Share this with your family, he urged listeners, because the message matters to everyone.",
                 id="body sentence starting like a share line"),
    pytest.param("Copyright law was also discussed at length by the delegates during the three-day session.",
                 id="body sentence starting with copyright"),
    pytest.param("Follow us on Twitter was the slogan printed on every banner in the hall that afternoon.",
                 id="body sentence quoting a follow line"),
    pytest.param("Published in 1948, the declaration remains the common standard for all peoples.",
                 id="body line starting like a category label"),
    pytest.param("Get the application form from the village office before Friday, officials said.",
                 id="body line starting like an app prompt"),
    pytest.param("Sponsored by the United Nations, the forum drew delegates from 120 countries.",
                 id="body sentence starting with sponsored by"),
    pytest.param("More than 300 participants from home and abroad attended the forum on Tuesday.",
                 id="body sentence starting with more"),
    pytest.param("Home to 25 million people, the region has seen rapid growth over the past decade.",
                 id="body sentence starting with home"),
])
def test_body_sentence_resembling_boilerplate_kept(sentence):
    doc = cleaned_document(BODY + sentence + "\n" + BODY)
    assert sentence in doc.body.split("\n")


@pytest.mark.parametrize("line", [
    pytest.param("Published in 1948 the declaration remains the common standard", id="not a category label"),
    pytest.param("Get the application form from the village office", id="not an app prompt"),
    pytest.param("Copyright law was discussed", id="not a copyright line"),
    pytest.param("Home to 25 million people, the region grew fast", id="not a breadcrumb"),
    pytest.param("Follow the money on the road to Beijing", id="not a follow line"),
    pytest.param("Like many on Twitter, she was angry.", id="not a like-us line"),
    pytest.param("Contact us if you saw anything, police said.", id="not site navigation"),
])
def test_boilerplate_rules_do_not_match_body_text(line):
    from flows.steps.boilerplate import boilerplate_rule
    assert boilerplate_rule(line) is None


def test_watermark_glued_to_line_ends_removed():
    mark = "文章源自英文巴士-https://www.example.com/15059.html"
    text = f"A Path to Human Rights Advancement{mark}\n\nBeijing, December 5, 2023{mark}\n\n{BODY}{mark}\n"
    doc = cleaned_document(text)
    assert "example.com" not in doc.body
    assert doc.header.title == "A Path to Human Rights Advancement"
    assert doc.header.published_date == dt.date(2023, 12, 5)
    assert any(r.rule == "watermark" for r in doc.removed)


def test_read_more_glued_to_last_line_removed():
    doc = cleaned_document(BODY + "She left her home and headed east to the station. Read more")
    assert doc.body.endswith("headed east to the station.")
    assert any(r.rule == "read_more" for r in doc.removed)


def test_injected_spam_inside_chinese_text_removed():
    doc = cleaned_document("中国人权研究会举办研讨会包養網，专家学者就人权发展道路交换了意见。与会者认为，发展是解决一切问题的基础和关键。")
    assert "包養" not in doc.body
    assert any(r.rule == "injected_spam" for r in doc.removed)


def test_corpus_boilerplate_lines_repeated_across_documents():
    docs = [f"Story number {i} has its own headline here\n{BODY}Focus on the big picture\n" for i in range(4)]
    lines = clean.corpus_boilerplate(docs, min_docs=3)
    assert "focus on the big picture" in lines
    assert not any(l.startswith("china has lifted") for l in lines)  # shared sentences are not furniture
    doc = cleaned_document(docs[0], corpus_boilerplate=lines)
    assert "Focus on the big picture" not in doc.body
    assert any(r.rule == "corpus_repeated" for r in doc.removed)


def test_corpus_boilerplate_below_min_docs_is_kept():
    docs = ["Site tagline here\n" + BODY, "Site tagline here\n" + BODY, BODY]
    assert "site tagline here" not in clean.corpus_boilerplate(docs, min_docs=3)


# ---------------------------------------------------------------- header: dates

@pytest.mark.parametrize("line, expected", [
    pytest.param("February 22,2021   By:en.humanrights.cn", dt.date(2021, 2, 22), id="month day comma year no space"),
    pytest.param("Feb.22,2021 --", dt.date(2021, 2, 22), id="abbreviated month with dot"),
    pytest.param("2022-06-26 00:00:00Source: CSHRS", dt.date(2022, 6, 26), id="iso datetime glued to source"),
    pytest.param("Updated: 2023-06-14Xinhua", dt.date(2023, 6, 14), id="updated iso date glued to outlet"),
    pytest.param("2021-02-26 21:14 |", dt.date(2021, 2, 26), id="iso date with time"),
    pytest.param("December 8, 2021", dt.date(2021, 12, 8), id="long month day year"),
    pytest.param("Updated 21:35, 22-Jul-2018", dt.date(2018, 7, 22), id="day-mon-year"),
    pytest.param("2021/02/04", dt.date(2021, 2, 4), id="slashed iso date"),
    pytest.param("06/24/2021", dt.date(2021, 6, 24), id="us month-first date"),
    pytest.param("24.06.2021", dt.date(2021, 6, 24), id="european dotted date"),
    pytest.param("2021-06-24T10:15:33+08:00", dt.date(2021, 6, 24), id="iso timestamp"),
    pytest.param("جنيف 13 مارس 2021 (شينخوا)", dt.date(2021, 3, 13), id="arabic month name"),
    pytest.param("2023 年 11 月 21 日", dt.date(2023, 11, 21), id="chinese date"),
    pytest.param("tirsdag 26. januar 2016", dt.date(2016, 1, 26), id="danish date with weekday"),
    pytest.param("PEKIN, 9 grudnia 2021 r.", dt.date(2021, 12, 9), id="polish genitive month"),
    pytest.param("Sept. 28, 2022 --", dt.date(2022, 9, 28), id="sept abbreviation"),
    pytest.param("BEIJING, Dec. 8 (Xinhua) --", None, id="year-less date stays null"),
    pytest.param("(September 13)", None, id="year-less parenthesised date stays null"),
])
def test_found_date_formats(line, expected):
    from flows.steps.header import found_date
    fd = found_date(line)
    assert (fd.date if fd else None) == expected
    if fd:
        assert fd.text in line


def test_year_less_date_in_document_stays_null():
    doc = cleaned_document("Forum opens in Beijing on human rights\n\n"
                           "BEIJING, Dec. 8 (Xinhua) -- " + BODY)
    assert doc.header.published_date is None
    assert doc.header.date_text is None
    assert doc.header.dateline == "BEIJING, Dec. 8 (Xinhua) --"
    assert doc.header.outlet == "Xinhua"


# ---------------------------------------------------------------- header: seeds and bylines

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
    assert doc.header.outlet == "People\u2019s Daily"
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


@pytest.mark.parametrize("line, authors, outlet", [
    pytest.param("By CUI JIA | CHINA DAILY | Updated: 2022-05-23 09:59", ("Cui Jia",), "China Daily",
                 id="all-caps byline with outlet and updated"),
    pytest.param("By He Yin, People's Daily", ("He Yin",), "People's Daily", id="byline name comma outlet"),
    pytest.param("May 23,2022   By:Xinhua", (), "Xinhua", id="date then by-colon outlet"),
    pytest.param("By Zhang Weiwei  ·  2023-06-14  ·   Source: Forum on Global Human Rights Governance",
                 ("Zhang Weiwei",), "Forum on Global Human Rights Governance", id="byline with source field"),
    pytest.param("Source: Xinhua| 2018-03-14 21:10:15|Editor: Jiaxin", (), "Xinhua", id="source line with editor"),
    pytest.param("China News Agency reporter Ma Furong", ("Ma Furong",), "China News Agency", id="agency reporter name"),
    pytest.param("Sophie Wingate and Viola Gaskell, DPA on", ("Sophie Wingate", "Viola Gaskell"), "DPA",
                 id="two authors and wire"),
    pytest.param("WION Web Team", (), "WION", id="web team byline"),
    pytest.param("By Zhong Sheng (People's Daily)", ("Zhong Sheng",), "People's Daily", id="outlet in parentheses"),
    pytest.param("By JANE DOE and JOHN ROE Associated Press", ("Jane Doe", "John Roe"), "Associated Press",
                 id="ap-style names then outlet"),
    pytest.param("By Liu Xin and Yang Sheng Published: Jun 24, 2021 10:07 PM", ("Liu Xin", "Yang Sheng"), None,
                 id="byline glued to published date"),
    pytest.param("By Reuters Staff", (), "Reuters", id="wire staff byline"),
    pytest.param("Author: Jane Doe", ("Jane Doe",), None, id="author label"),
    pytest.param("Jane Doe | Reuters", ("Jane Doe",), "Reuters", id="name pipe outlet"),
])
def test_byline_forms(line, authors, outlet):
    from flows.steps.header import byline
    b = byline(line)
    assert b is not None
    assert b.authors == authors
    assert b.outlet == outlet


@pytest.mark.parametrize("line", [
    pytest.param("By the end of 2020, China had eliminated absolute poverty in all its counties.",
                 id="sentence starting with by the"),
    pytest.param("By Wednesday, officials said", id="by weekday phrase"),
    pytest.param("By 2020 the plan", id="by year phrase"),
])
def test_not_a_byline(line):
    from flows.steps.header import byline
    assert byline(line) is None


def test_sentence_starting_with_by_at_top_is_body():
    text = "By the end of 2020, China had eliminated absolute poverty in all of its 832 poor counties.\n" + BODY
    doc = cleaned_document(text)
    assert doc.body.startswith("By the end of 2020")
    assert doc.header.authors == () and doc.header.outlet is None


def test_byline_in_document_goes_to_header():
    doc = cleaned_document("China ensures protection of human rights\n\n"
                           "By CUI JIA | CHINA DAILY | Updated: 2022-05-23 09:59\n\n" + BODY)
    assert doc.header.title == "China ensures protection of human rights"
    assert doc.header.authors == ("Cui Jia",)
    assert doc.header.published_date == dt.date(2022, 5, 23)
    assert "CUI JIA" not in doc.body


@pytest.mark.parametrize("prefix, expected", [
    pytest.param("Feb.22,2021 -- ", "Feb.22,2021 --", id="date dateline"),
    pytest.param("BEIJING, Dec. 8 (Xinhua) -- ", "BEIJING, Dec. 8 (Xinhua) --", id="wire dateline"),
    pytest.param("NEW YORK -- ", "NEW YORK --", id="place-only dateline"),
    pytest.param("London (CNN)", "London (CNN)", id="cnn-style dateline without dash"),
    pytest.param("GENEVA, June 24 (Reuters) - ", "GENEVA, June 24 (Reuters) -", id="reuters dateline single dash"),
    pytest.param("BEIJING, April 14, 2021 /PRNewswire/ — ", "BEIJING, April 14, 2021 /PRNewswire/ —",
                 id="press-release dateline"),
])
def test_dateline_prefix_stripped_from_first_paragraph(prefix, expected):
    doc = cleaned_document("A headline about the forum in Beijing\n" + prefix + BODY)
    assert doc.header.dateline == expected
    assert doc.body.startswith("China has lifted nearly")


def test_place_in_parentheses_dateline_is_not_an_outlet():
    doc = cleaned_document("China: End Abuses in Xinjiang\n\n(Geneva) – " + BODY)
    assert doc.header.dateline == "(Geneva) –"
    assert doc.header.outlet is None
    assert doc.body.startswith("China has lifted")


def test_chinese_wire_dateline_and_editor_credit():
    text = ("中国乡村振兴取得新进展\n2021年06月24日 10:15 来源：人民网\n"
            "人民网北京6月24日电 记者近日从农业农村部获悉，乡村振兴各项工作取得积极进展。\n责任编辑：王晓\n")
    doc = cleaned_document(text)
    assert doc.header.title == "中国乡村振兴取得新进展"
    assert doc.header.published_date == dt.date(2021, 6, 24)
    assert doc.header.outlet == "人民网"
    assert doc.body == "记者近日从农业农村部获悉，乡村振兴各项工作取得积极进展。"
    assert doc.language == "zh"


def test_dash_inside_body_sentence_is_not_a_dateline():
    text = "China -- the world's most populous country -- has made progress in poverty reduction, he said."
    doc = cleaned_document(text)
    assert doc.header.dateline is None
    assert doc.body == text


def test_scraper_date_prefix_before_title():
    doc = cleaned_document(" date 2021-12-09 Xi sends congratulatory letter to rights forum\n\n" + BODY)
    assert doc.header.title == "Xi sends congratulatory letter to rights forum"
    assert doc.header.published_date == dt.date(2021, 12, 9)


def test_lines_above_title_are_removed():
    doc = cleaned_document("Home | Society\n\nChina ensures protection of human rights\n\n2022-05-23 09:59\n\n" + BODY)
    assert doc.header.title == "China ensures protection of human rights"
    assert doc.body == BODY.strip()


def test_photo_caption_removed():
    caption = "A craftsman offers wood handicrafts to train riders in the region in April. [Photo/Xinhua]"
    doc = cleaned_document("Title of the story about trains\n\n" + caption + "\n\n" + BODY)
    assert caption not in doc.body
    assert any(r.rule == "caption" for r in doc.removed)


def test_subheading_removed_but_wrapped_line_kept():
    wrapped = "As a Chinese saying goes, “The people are the foundation of a state. When the"
    text = (BODY + "Party’s goal is to help people lead a happy life\n" + BODY + wrapped + "\n"
            "foundation is strong, the state will be secure.” In other words, people matter.\n" + BODY)
    doc = cleaned_document(text)
    assert "Party’s goal is to help people lead a happy life" not in doc.body
    assert wrapped in doc.body


def test_speaker_label_and_salutation_kept_in_body():
    text = "Distinguished Guests,\n\nGood morning. It is a pleasure to meet you all here in Beijing today.\n" \
           "Shou Xiaoli:\nLadies and gentlemen, good afternoon and welcome to this briefing."
    doc = cleaned_document(text)
    assert doc.body.split("\n") == ["Distinguished Guests,",
                                    "Good morning. It is a pleasure to meet you all here in Beijing today.",
                                    "Shou Xiaoli:", "Ladies and gentlemen, good afternoon and welcome to this briefing."]


# ---------------------------------------------------------------- language, non-English

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


# ---------------------------------------------------------------- duplicates

STORY = ("China has lifted nearly 100 million rural people out of poverty in the past eight years, "
         "officials said on Tuesday at a forum in Beijing attended by experts from many countries. "
         "The white paper describes the methods used and the results achieved in every province. ")


def test_duplicate_groups_exact_and_near_and_distinct():
    bodies = {
        "a": STORY * 2,
        "b": (STORY * 2).upper(),                                      # identical clean text, case differs
        "c": STORY * 2 + "The forum closed on Wednesday with a joint declaration.",   # syndicated, lightly edited
        "d": "An entirely different report about football results and the weather over the weekend. " * 4,
    }
    groups = clean.duplicate_groups(bodies)
    assert groups["a"] == groups["b"] == groups["c"] == "a"
    assert groups["d"] == "d"


def test_duplicate_groups_is_deterministic_and_total():
    bodies = {f"id{i}": f"Unique story number {i} about topic {i * 7} with details {i * 13}." for i in range(5)}
    assert clean.duplicate_groups(bodies) == {k: k for k in bodies}


# ---------------------------------------------------------------- precision: short body lines at the top

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


def test_greeting_without_full_stop_is_not_a_subheading():
    text = BODY + "Good morning everyone and welcome\n" + BODY
    assert "Good morning everyone and welcome" in cleaned_document(text).body


def test_masthead_under_date_banner_is_not_the_title():
    text = ("Monday, Jun 21, 2021\nFocus on the big picture\n\n"
            "Who holds principal responsibility for the fight against poverty?\n\n"
            "CGTN, 15 May 2021\n\n" + BODY)
    doc = cleaned_document(text)
    assert doc.header.title == "Who holds principal responsibility for the fight against poverty?"
    assert doc.header.published_date == dt.date(2021, 5, 15)
    assert doc.header.outlet == "CGTN"


@pytest.mark.parametrize("text, outlet", [
    pytest.param("Progress in Human Rights in 2013\nInformation Office of the State Council\n\n" + BODY,
                 "Information Office of the State Council", id="issuing office under the title"),
    pytest.param("A grand process of poverty alleviation: Global Times editorial\n\n" + BODY, "Global Times",
                 id="outlet editorial in title"),
    pytest.param("Experts see progress at forum\n\n" + BODY + "In an exclusive CGTN interview, a director said "
                 "progress was mainly reflected in three areas.\n", "CGTN", id="outlet's own exclusive interview"),
])
def test_outlet_fallbacks(text, outlet):
    assert cleaned_document(text).header.outlet == outlet


def test_speech_author_from_title():
    doc = cleaned_document("Joint Statement Delivered by H.E.Ambassador CHEN Xu on Behalf of a Group of Countries\n"
                           "2022-09-13 21:42\n\nMr. President,\n\n" + BODY)
    assert doc.header.authors == ("Chen Xu",)
    assert doc.header.published_date == dt.date(2022, 9, 13)
    assert doc.body.startswith("Mr. President,")


def test_removed_lines_point_into_normalised_text():
    text = "Home>Journal\n\nA title for this fine story today\n\n2021-02-26 21:14 |\n\n" + BODY + "\nRelated Articles"
    doc = cleaned_document(text)
    lines = normalized_text(text).split("\n")
    for r in doc.removed:
        assert r.text in lines[r.line_no]


def test_corpus_repeated_body_lines_are_not_boilerplate():
    docs = [f"Press conference number {i} on many topics\nWang Wenbin:\n{BODY}Mr. President,\nThank you.\n"
            f"Q:\nNews Menu Home\n" for i in range(5)]
    lines = clean.corpus_boilerplate(docs, min_docs=3)
    assert lines == frozenset({"news menu home"})


def test_dateline_alone_on_its_line():
    doc = cleaned_document("China says rural plan on track\nBEIJING, June 24 (Xinhua) --\n" + BODY)
    assert doc.header.title == "China says rural plan on track"
    assert doc.header.dateline == "BEIJING, June 24 (Xinhua) --"
    assert doc.header.outlet == "Xinhua"
    assert doc.body == BODY.strip()


def test_short_sentence_with_a_date_is_body_not_a_date_stamp():
    doc = cleaned_document("The forum opened on May 5, 2021.\n" + BODY)
    assert doc.body.startswith("The forum opened on May 5, 2021.")
    assert doc.header.published_date is None


def test_byline_below_long_standfirst():
    text = ("China says rural plan on track\n"
            "The plan aims to lift incomes in 832 counties by 2025 and create jobs for rural youth\n"
            "By ZHAO LEI | China Daily | Updated: 2021-06-24 07:39\n" + BODY)
    doc = cleaned_document(text)
    assert doc.header.authors == ("Zhao Lei",)
    assert doc.header.outlet == "China Daily"
    assert doc.header.published_date == dt.date(2021, 6, 24)
    assert "ZHAO LEI" not in doc.body


def test_cjk_watermark_without_url_glued_to_english_lines():
    text = ("A Path to Human Rights Advancement文章源自英文巴士\n\n" + BODY.replace(".\n", ".文章源自英文巴士\n"))
    doc = cleaned_document(text)
    assert "文章源自" not in doc.body and "文章源自" not in (doc.header.title or "")
    assert doc.body == BODY.strip()


def test_repeated_sentence_endings_are_not_a_watermark():
    from flows.steps.boilerplate import watermark_suffix
    assert watermark_suffix(["He said.", "She said.", "They said.", "2021年10月1日是国庆节", "2022年10月1日是国庆节"]) is None


def test_unpunctuated_opening_paragraph_with_sentences_is_not_a_title():
    para = ("The forum opened in Beijing on Tuesday. More than 300 delegates attended the meeting and "
            "discussed the right to development for three days without a break")
    doc = cleaned_document(para + "\n" + BODY)
    assert doc.header.title is None
    assert doc.body.startswith(para)


def test_bullet_items_in_body_are_kept():
    text = BODY + "- Cut emissions by half in ten years\n- Plant more trees in the north\n" + BODY
    doc = cleaned_document(text)
    assert "- Cut emissions by half in ten years" in doc.body.split("\n")


NAV_HEAD = "Skip to main content\nHome\nNews\nWorld\nChina\nOpinion\nBusiness\nSearch\nMenu\n"
RELATED_FOOT = ("\nRelated Articles\nChina unveils new plan for rural development\nExperts hail progress at Geneva forum\n"
                "© 2021 Example News. All rights reserved.\nPrivacy Policy | Terms of Use\n")


def test_navigation_heavy_page_keeps_title_and_body():
    story = "China ensures protection of human rights\n2022-05-23 09:59\n" + BODY + "Zhang Weiwei, dean of the insti"
    plain = cleaned_document(story)
    wrapped = cleaned_document(NAV_HEAD + story + RELATED_FOOT)
    assert wrapped.header == plain.header
    assert wrapped.header.title == "China ensures protection of human rights"
    assert wrapped.body == plain.body
    assert wrapped.body.endswith("Zhang Weiwei, dean of the insti")  # a truncated last line is kept
    assert {"related_list", "copyright", "site_navigation"} <= {r.rule for r in wrapped.removed}


def test_story_highlights_are_not_a_related_list():
    text = ("Title of the story about the briefing\n\nStory highlights\n\n"
            "Chinese foreign ministry spokesman Wang Wenbin said the accusations are 'nothing but rumours' in a briefing\n"
            + BODY)
    doc = cleaned_document(text)
    assert doc.body.startswith("Chinese foreign ministry spokesman Wang Wenbin said")
