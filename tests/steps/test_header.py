"""Tests for flows.steps.header and the header zone of clean.cleaned_document: dates, bylines, datelines, titles,
outlets. Each fixture plants one form and is named after it."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from flows.steps import clean
from flows.steps import lexicon as lex
from flows.steps.clean import cleaned_document
from flows.steps import header as hd


BODY = ("China has lifted nearly 100 million rural people out of poverty, officials said on Tuesday.\n"
        "The forum was attended by more than 300 participants from home and abroad.\n")


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
    pytest.param("Interview by Jane Doe", ("Jane Doe",), None, id="interview by credit"),
    pytest.param("Jane Doe Environment correspondent", ("Jane Doe",), None, id="name then desk role"),
    pytest.param("Posted on 8 February 2024 by Jane Doe", ("Jane Doe",), None, id="blog posted-on date by name"),
    pytest.param("Reuters · By Jane Doe", ("Jane Doe",), "Reuters",
                 id="a wire's name beside a By field is the outlet"),
    pytest.param("Jane Doe, Bloomberg", ("Jane Doe",), "Bloomberg", id="name comma a wire the lexicon lists"),
    pytest.param("Example Times columnist Jane Doe", ("Jane Doe",), "Example Times",
                 id="outlet, a journalist role other than reporter, name"),
    pytest.param("Jane Doe staff writer", ("Jane Doe",), None, id="name then a two-word journalist role"),
    pytest.param("By Jane Doe 来源：Example Daily", ("Jane Doe",), "Example Daily",
                 id="a source label in Chinese ends the byline's names"),
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
    pytest.param("Interview by phone with the minister", id="interview by phone"),
    pytest.param("With Roe Out, and Hale In, What's Next at Harbour News?",
                 id="a question headline: a name-shaped head, a comma and an outlet word after it"),
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
    pytest.param("RANGOON, Burma - ", "RANGOON, Burma -", id="upper-case place with a title-case region"),
    pytest.param("FORT PIERCE, Fla. - ", "FORT PIERCE, Fla. -", id="region abbreviated with a full stop"),
    pytest.param("OSLO (4 May 2021) – ", "OSLO (4 May 2021) –", id="date in parentheses"),
    pytest.param("Lagos [Nigeria], March 2 (XNA): ", "Lagos [Nigeria], March 2 (XNA):", id="bracketed region, colon"),
    pytest.param("Berlin, July 1, 2020 /WireName/– ", "Berlin, July 1, 2020 /WireName/–", id="wire then dash, no space"),
    pytest.param("MOSCOW, June 5. /TASS/. ", "MOSCOW, June 5. /TASS/.", id="wire in slashes then a full stop"),
    pytest.param("TOKYO: ", "TOKYO:", id="upper-case place and a colon"),
    pytest.param("ISLAMABAD: (Point News - Oct 29th, 2022) ", "ISLAMABAD: (Point News - Oct 29th, 2022)",
                 id="credit in parentheses after the colon"),
    pytest.param("DENVER ― ", "DENVER ―", id="horizontal bar (U+2015) as the dash"),
    pytest.param("SPRINGFIELD, Ill. ‒ ", "SPRINGFIELD, Ill. ‒", id="figure dash (U+2012) after a region"),
    pytest.param("Townsville (Northland) [Freedonia]: ", "Townsville (Northland) [Freedonia]:",
                 id="state in parentheses, bracketed country, colon, no date"),
    pytest.param("Townsville (Northland) [Freedonia], March 3 (XNA): ",
                 "Townsville (Northland) [Freedonia], March 3 (XNA):", id="state, bracketed country, date, agency"),
    pytest.param("PORTVILLE, Tishrei 5, 5782, Sept. 11, 2021, XNA -- ",
                 "PORTVILLE, Tishrei 5, 5782, Sept. 11, 2021, XNA --",
                 id="dates in two calendars and a bare agency acronym"),
    pytest.param("UNITED NATIONS (Site News / Wirename - 3rd May, 2022) ",
                 "UNITED NATIONS (Site News / Wirename - 3rd May, 2022)", id="dated credit in parentheses, no dash"),
])
def test_dateline_prefix_stripped_from_first_paragraph(prefix, expected):
    doc = cleaned_document("A headline about the forum in Beijing\n" + prefix + BODY)
    assert doc.header.dateline == expected
    assert doc.body.startswith("China has lifted nearly")


@pytest.mark.parametrize("deck", [
    pytest.param("Farm incomes rose again, and the plan aims to keep them rising.\n", id="a one-sentence deck"),
    pytest.param("ABSTRACT.\nThe plan, officials say, has kept rural incomes rising.\nFULL TEXT.\n",
                 id="an abstract between labels"),
])
def test_dateline_below_a_deck_is_stripped(deck):
    # planted: a standfirst sentence between the headline and the dateline of the article's first paragraph
    doc = cleaned_document("A headline about the forum in Beijing\n\n" + deck + "NEW YORK - " + BODY)
    assert doc.header.dateline == "NEW YORK -"
    assert "NEW YORK" not in doc.body
    assert "China has lifted nearly" in doc.body


def test_only_the_first_dateline_below_a_deck_is_stripped():
    # planted: a dateline in the first paragraph and a place-and-dash run-in further down
    text = ("A headline about the forum in Beijing\n\nFarm incomes rose again this year, the ministry said.\n"
            "BEIJING - " + BODY + "TIANJIN - Port officials said trade rose too.\n")
    doc = cleaned_document(text)
    assert doc.header.dateline == "BEIJING -"
    assert "TIANJIN - Port officials" in doc.body


def test_colon_below_a_deck_is_no_dateline():
    # planted: an upper-case label with a colon on the second body line
    text = ("A headline about the forum in Beijing\n\nFarm incomes rose again this year, the ministry said.\n"
            "UPDATE: The ministry later revised the figure.\n" + BODY)
    doc = cleaned_document(text)
    assert doc.header.dateline is None
    assert "UPDATE: The ministry" in doc.body


@pytest.mark.parametrize("first", [
    pytest.param("CCTV: Can you share more on the harbour plan?", id="a reporter's question under an outlet label"),
    pytest.param("LOOK: Shocking Photos Of The Rally Are Going Viral Today.", id="a headline rubric"),
    pytest.param('Rep. Jo Roe (R-S.C.): "I have not heard that figure."', id="party and state after a name"),
    pytest.param("Rep. Jo Roe (D-N.Y) said the vote was close, and that more would come.",
                 id="party and state after a name, then the sentence: no credit"),
    pytest.param("Sen. Jo Roe (R-AL) said the vote was close, and that more would come.",
                 id="party and state in capitals after a name"),
    pytest.param("The Supreme Court - and the issues it decides - has become a campaign topic.", id="dash in a sentence"),
    pytest.param("NATO (the alliance) said on Monday it would act.", id="an acronym and a gloss in parentheses"),
    pytest.param("WHO (2021) found that cases rose.", id="upper-case word and a citation year, no day"),
    pytest.param("NATO, the alliance said on May 3, 2021 - and more today.", id="a sentence before a date and a dash"),
    pytest.param("Jo Roe [laughs]: I was not there that day, and nobody asked me.",
                 id="a stage direction in brackets after a name, not a bracketed country"),
])
def test_label_or_sentence_at_the_start_is_not_a_dateline(first):
    doc = cleaned_document("A headline about the forum in Beijing\n" + first + "\n" + BODY)
    assert doc.header.dateline is None
    assert doc.body.startswith(first)


def test_upper_case_label_in_a_transcript_is_not_a_dateline():
    text = ("A headline about the forum in Beijing\nKYRA PHILLIPS: We are going live now to Montgomery County.\n"
            "JOHN ROE: Thank you, Kyra. The council met today.\n")
    doc = cleaned_document(text)
    assert doc.header.dateline is None
    assert doc.body.startswith("KYRA PHILLIPS: We are going")


def test_dated_credit_dateline_gives_date_and_outlet():
    doc = cleaned_document("A headline about the forum in Beijing\n\nUNITED NATIONS (Site News / Wirename - 3rd May, "
                           "2022) " + BODY)
    assert doc.header.published_date == dt.date(2022, 5, 3)
    assert doc.header.outlet == "Site News"


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
    assert doc.header.outlet == "人民网" and doc.header.outlet_canonical == "People's Daily Online"
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


def test_masthead_under_date_banner_is_not_the_title():
    text = ("Monday, Jun 21, 2021\nFocus on the big picture\n\n"
            "Who holds principal responsibility for the fight against poverty?\n\n"
            "CGTN, 15 May 2021\n\n" + BODY)
    doc = cleaned_document(text)
    assert doc.header.title == "Who holds principal responsibility for the fight against poverty?"
    assert doc.header.published_date == dt.date(2021, 5, 15)
    assert doc.header.outlet == "CGTN"


def test_retitle_relabels_every_earlier_title_row_the_masthead_repeat_too():
    # planted: the masthead line twice (its repeat is removed as a copy of the title), then the real title
    text = ("Monday, Jun 21, 2021\nFocus on the big picture\n\nFocus on the big picture\n\n"
            "Who holds principal responsibility for the fight against poverty?\n\nCGTN, 15 May 2021\n\n" + BODY)
    doc = cleaned_document(text)
    assert doc.header.title == "Who holds principal responsibility for the fight against poverty?"
    assert [(r.line_no, r.rule) for r in doc.removed] == [(0, "date"), (1, "header"), (3, "header"), (5, "title"),
                                                          (7, "date")]


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


@pytest.mark.parametrize("title", [
    pytest.param("Remarks by the Chinese Foreign Minister Jane Doe at the Harbour Forum", id="article and nationality"),
    pytest.param("Address by Her Excellency Senator Jane Doe at the Harbour Forum", id="possessive and a title"),
    pytest.param("Keynote Address by H. E. Jane Doe at the Harbour Forum", id="dotted title with a space inside"),
])
def test_speech_author_after_any_title_word(title):
    # planted: title words the lexicon lists (not only the old short list) between "by" and the speaker's name
    doc = cleaned_document(title + "\n2022-09-13\n\n" + BODY)
    assert doc.header.authors == ("Jane Doe",)


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


def test_unpunctuated_opening_paragraph_with_sentences_is_not_a_title():
    para = ("The forum opened in Beijing on Tuesday. More than 300 delegates attended the meeting and "
            "discussed the right to development for three days without a break")
    doc = cleaned_document(para + "\n" + BODY)
    assert doc.header.title is None
    assert doc.body.startswith(para)


def test_outlet_glued_after_updated_date():
    doc = cleaned_document("Forum on global human rights governance opens\nUpdated: 2023-06-14Xinhua\n" + BODY)
    assert doc.header.published_date == dt.date(2023, 6, 14)
    assert doc.header.outlet == "Xinhua"


@pytest.mark.parametrize("text", [
    pytest.param("US: China must act now on human rights\n\n" + BODY, id="country acronym before a colon"),
    pytest.param("Leaders meet in Beijing for talks\n\n" + BODY + "In 2014, President Xi sat down with the leaders "
                 "of five countries.\n", id="a person sitting down with others"),
])
def test_no_outlet_from_non_outlets(text):
    assert cleaned_document(text).header.outlet is None


def test_wire_service_line_is_no_author():
    from flows.steps.header import person_name
    assert person_name("PR Newswire") is None
    assert person_name("Jane Doe") == "Jane Doe"


# ---------------------------------------------------------------------------- outlets (issue 10)

@pytest.mark.parametrize("printed, canonical", [
    pytest.param("Xinhua News Agency", "Xinhua", id="long English name"),
    pytest.param("新华社", "Xinhua", id="Chinese script"),
    pytest.param("شينخوا", "Xinhua", id="Arabic script"),
    pytest.param("The Associated Press", "AP", id="leading The and full name"),
    pytest.param("PRNewswire", "PR Newswire", id="spacing differs"),
    pytest.param("Springfield Shopper", "Springfield Shopper", id="unknown outlet kept as printed"),
])
def test_outlet_alias_table_gives_one_canonical_name(printed, canonical):
    assert hd.canonical_outlet(printed) == canonical


def test_document_keeps_the_printed_outlet_and_its_canonical_name_beside_it():
    doc = cleaned_document("China opens a new rail line\nBEIJING, June 24 (Xinhua News Agency) -- " + BODY)
    assert doc.header.outlet == "Xinhua News Agency"
    assert doc.header.outlet_canonical == "Xinhua"


@pytest.mark.parametrize("line", [
    pytest.param("Post Featured Image", id="photo furniture with an outlet word"),
    pytest.param("• Customer Service", id="a menu bullet"),
    pytest.param("news-picture", id="image label"),
    pytest.param("1.はじめに", id="numbered section heading read as a domain"),
    pytest.param("Regular Press Conference", id="an event, not an outlet"),
])
def test_furniture_line_under_the_title_is_not_the_outlet(line):
    doc = cleaned_document("China opens a new rail line\n" + line + "\n" + BODY)
    assert doc.header.outlet is None


def test_time_after_a_wire_credit_is_not_part_of_the_outlet():
    doc = cleaned_document("Time to stop the talk about rail lines\n(Xinhua) 15:41, May 15, 2021\n" + BODY)
    assert doc.header.outlet == "Xinhua" and doc.header.outlet_canonical == "Xinhua"
    assert doc.header.published_date == dt.date(2021, 5, 15)


def test_byline_label_is_not_the_outlet():
    doc = cleaned_document("BYLINE: Amber Rowe.\n\n" + BODY)
    assert doc.header.authors == ("Amber Rowe",)
    assert doc.header.outlet is None


def test_headline_wrapped_after_a_possessive_continues_on_the_next_line():
    doc = cleaned_document("Foreign Ministry Spokesperson Li Wei's\nRegular Press Conference on August 19, 2022\n\n" + BODY)
    assert doc.header.title == "Foreign Ministry Spokesperson Li Wei's Regular Press Conference on August 19, 2022"
    assert doc.header.published_date == dt.date(2022, 8, 19)
    assert doc.header.outlet is None


@pytest.mark.parametrize("line, authors, outlet", [
    pytest.param("Harbour.org | By Jane Roe | May 6, 2021", ("Jane Roe",), "Harbour.org", id="site, by, date"),
    pytest.param("News · By Jane Roe", ("Jane Roe",), None, id="a section word is no outlet"),
])
def test_by_field_among_bar_separated_fields_is_a_byline(line, authors, outlet):
    b = hd.byline(line)
    assert b is not None and b.authors == authors and b.outlet == outlet


# ---------------------------------------------------------------------------- dates in any language (issue 10)

FRENCH_BODY = ("Le gouvernement a annoncé mardi un nouveau plan pour les ports du pays, selon le ministre.\n"
               "Le plan prévoit des investissements importants dans les infrastructures portuaires.\n")


def test_numeric_date_in_a_french_header_reads_day_first():
    doc = cleaned_document("Déclaration de M. Jean Dupont le 07/09/2004 :\n\n" + FRENCH_BODY)
    assert doc.language == "fr"
    assert doc.header.published_date == dt.date(2004, 9, 7)


@pytest.mark.parametrize("line, lang, expected", [
    pytest.param("Zveřejněno 5. května 2020", "cs", dt.date(2020, 5, 5), id="Czech"),
    pytest.param("Yayınlanma 12 Mayıs 2021", "tr", dt.date(2021, 5, 12), id="Turkish"),
    pytest.param("Julkaistu 12. toukokuuta 2021", "fi", dt.date(2021, 5, 12), id="Finnish"),
])
def test_date_in_a_language_the_fast_patterns_miss(line, lang, expected):
    assert hd.found_date(line) is None
    fd = hd.date_in_any_language([line], lang)
    assert fd is not None and fd.date == expected


@pytest.mark.parametrize("line", [
    pytest.param("Updated 3 days ago", id="relative date"),
    pytest.param("Protesters marched in March 2017.", id="month and year only"),
    pytest.param("x" * 200 + " 3 March 2021", id="a line too long to be a date stamp"),
])
def test_dateparser_fallback_reads_no_date(line):
    assert hd.date_in_any_language([line], "en") is None


def test_each_header_zone_line_records_the_header_rule_that_decided_it():
    doc = cleaned_document("Harbour board approves new pier\nBy Jane Roe\nMay 6, 2021\nPorts and shipping\n" + BODY)
    decided = {(r.text, r.rule, r.header_rule) for r in doc.removed}
    assert decided == {("Harbour board approves new pier", "title", "headline"), ("By Jane Roe", "byline", "byline"),
                       ("May 6, 2021", "date", "date_stamp"), ("Ports and shipping", "header", "furniture")}


_FIELD_RULES = (("title", "title_rule"), ("published_date", "date_rule"), ("authors", "authors_rule"),
                ("outlet", "outlet_rule"))


@pytest.mark.parametrize("text, rules", [
    pytest.param("Harbour board approves new pier\nBy Jane Roe\nHarbour Times, May 6, 2021\nPorts and shipping\n"
                 + BODY, ("headline", "date_stamp", "byline", "date_stamp"),
                 id="headline line, byline, date stamp naming its outlet"),
    pytest.param("Harbour board approves new pier of the\nnorthern docks\nBy Jane Roe\n" + BODY,
                 ("headline", None, "byline", None), id="headline wrapped onto a second line keeps its first rule"),
    pytest.param("Published: 2021-05-06 Harbour board approves new pier\n\n" + BODY,
                 ("headline", "date_prefix", None, None), id="labelled date opening the headline line"),
    pytest.param("Board approves new pier\n\nLAGOS, March 2, 2021 (Xinhua) -- " + BODY,
                 ("headline", "body_dateline", None, "body_dateline"), id="date and wire only in the body's dateline"),
    pytest.param("Harbour Times: Board approves new pier\n\n" + BODY,
                 ("headline", None, None, "title_outlet"), id="outlet named only in the title"),
    pytest.param("Harbour board approves new pier on March 7, 2024\n\n" + BODY,
                 ("headline", "date_in_title", None, None), id="date only in the title"),
    pytest.param("Address by Ambassador Jane Roe at the Harbour Forum\n\n" + BODY,
                 ("headline", None, "speech_author", None), id="author only as the speech's speaker"),
    pytest.param("Harbour board approves new pier\n\nThis interview was conducted by Jane Roe, a reporter for the "
                 "Harbour Times.\n" + BODY, ("headline", None, "interview_credit", "interview_credit"),
                 id="author and outlet only in the interview's credit sentence"),
    pytest.param(BODY, (None, None, None, None), id="no header at all: every field empty, no rule"),
])
def test_each_header_field_names_the_rule_that_set_it(text, rules):
    header = cleaned_document(text).header
    assert tuple(getattr(header, rule) for _, rule in _FIELD_RULES) == rules
    for value, rule in _FIELD_RULES:
        assert (getattr(header, rule) is None) == (not getattr(header, value)), rule   # null exactly when empty
        assert getattr(header, rule) in clean.HEADER_FIELD_RULES + (None,)


def test_a_date_only_dateparser_reads_names_that_fallback():
    removed = [clean.RemovedLine(0, "Julkaistu 12. toukokuuta 2021", "date")]   # Finnish: the fast patterns miss it
    header = clean._dated_in_any_language(clean.Header(), removed, "fi")
    assert (header.published_date, header.date_rule) == (dt.date(2021, 5, 12), "date_in_any_language")


def test_header_field_rule_names_are_declared_once_in_snake_case():
    names = clean.HEADER_FIELD_RULES
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"[a-z]+(?:_[a-z]+)*", name) for name in names)
    assert {name for name, _ in clean.HEADER_RULES} <= set(names)


@pytest.mark.parametrize("line, expected", [
    ("February 30, 2024", ("February 30, 2024", "no_such_day")),         # planted: a day February never has
    ("Published: 2023-04-31", ("2023-04-31", "no_such_day")),            # planted: April 31, ISO form
    ("30/02/2024", ("30/02/2024", "no_such_day")),
    ("March 3, 1850", ("March 3, 1850", "before_earliest_year")),        # planted: a year before 1900
    ("1850年3月3日", ("1850年3月3日", "before_earliest_year")),
    ("March 3, 2024", None),                                            # a date: no problem
    ("Route 12 of 2024", None),                                          # no full date: nothing to read
])
def test_a_date_that_gives_no_publication_date_is_named_with_its_reason(line, expected):
    assert hd.found_date(line) is None or expected is None
    problem = hd.date_problem(line)
    assert (problem and (problem.text, problem.reason)) == expected


_INTERVIEW = "\n\nQ: What first drew you to the topic?\n\nA: Growing up, I saw how rules shaped lives.\n"


@pytest.mark.parametrize("credit, author, outlet", [
    pytest.param("This interview was conducted and edited with Jo Roe, director of a charity, by Ann Lee, a student "
                 "fellow working for the Example Policy Centre at the Sample Institute.", "Ann Lee",
                 "Example Policy Centre", id="interviewer with a role, working for a centre at an institute"),
    pytest.param("The interview was conducted by Ann Lee for the Example Review, and it has been edited for length.",
                 "Ann Lee", "Example Review", id="interviewer for a review"),
])
def test_interview_credit_names_author_and_outlet(credit, author, outlet):
    # planted: no byline; the body's opening sentence credits the interviewer and their organisation
    doc = cleaned_document("An Example Headline For The Page\n\n" + credit + _INTERVIEW)
    assert doc.header.authors == (author,)
    assert doc.header.outlet == outlet
    assert doc.body.startswith(credit)          # the credit is a sentence of the body and stays


@pytest.mark.parametrize("credit", [
    pytest.param("This interview was conducted by email with Jo Roe, director of a charity, and has been condensed.",
                 id="conducted by a medium, not a person"),
    pytest.param("The interview was conducted by phone with Ann Lee, who works for the Example Review.",
                 id="the interviewee's employer"),
])
def test_interview_credit_without_an_interviewer_names_nobody(credit):
    doc = cleaned_document("An Example Headline For The Page\n\n" + credit + _INTERVIEW)
    assert doc.header.authors == () and doc.header.outlet is None


@pytest.mark.parametrize("label", lex.DATE_LABELS)
def test_every_date_label_of_the_lexicon_labels_a_date_stamp(label):
    # one list of date labels (lexicon.DATE_LABELS) read by the date stamp, the date prefix and the title check
    stamp = hd.date_stamp(f"{label}: 3 May 2021 | Example Review")
    assert stamp is not None and stamp.date == dt.date(2021, 5, 3)
    assert not clean._is_dated_title(f"{label.title()} of the Forum Review – 3 May 2021",
                                     hd.found_date(f"{label.title()} of the Forum Review – 3 May 2021"))


@pytest.mark.parametrize("desk", lex.DESK_WORDS)
def test_every_desk_word_of_the_lexicon_credits_the_outlet(desk):
    # planted: a desk or team line instead of a person's byline
    b = hd.byline(f"Example Times {desk.title()}")
    assert b is not None and b.authors == () and b.outlet == "Example Times"


@pytest.mark.parametrize("rubric", lex.RUBRICS)
def test_every_rubric_of_the_lexicon_opens_a_question_headline(rubric):
    # planted: a rubric and a colon before a question, which a speaker label would not make a headline
    doc = cleaned_document(f"{rubric.title()}: Can cities cope with the heat?\n\n" + BODY)
    assert doc.header.title == f"{rubric.title()}: Can cities cope with the heat?"


@pytest.mark.parametrize("end", lex.NEWSPAPER_NAME_ENDS)
def test_every_newspaper_name_end_makes_an_outlet_and_a_title_outlet(end):
    # planted: a paper's name ("Example Weekly") as an outlet, and before a colon in a title
    name = f"Example {end.title()}"
    assert hd.looks_like_outlet(name)
    assert cleaned_document(f"{name}: Cities brace for the heat\n\n" + BODY).header.outlet == name


@pytest.mark.parametrize("line, authors", [
    pytest.param("Jane Roe Published May 3, 2021 | 08:46 PM", ("Jane Roe",), id="name, publication verb, date, time"),
    pytest.param("Jane Roe and Jo Lee Updated on 3 May 2021", ("Jane Roe", "Jo Lee"), id="two names, updated on"),
])
def test_names_before_a_publication_stamp_are_the_authors(line, authors):
    doc = cleaned_document("A headline about the forum in Beijing\n\n" + line + "\n\n" + BODY)
    assert doc.header.authors == authors
    assert doc.header.published_date == dt.date(2021, 5, 3)
    assert doc.body == BODY.strip()


@pytest.mark.parametrize("line", [
    pytest.param("Example News Published May 3, 2021", id="an outlet, not a name"),
    pytest.param("The report was published May 3, 2021", id="a sentence"),
])
def test_no_names_before_a_publication_stamp_is_no_byline(line):
    assert hd.byline(line) is None


@pytest.mark.parametrize("credit", [
    pytest.param("(Yonhap News Agency)", id="a wire's long name from the alias table"),
    pytest.param("(AFP).", id="a wire's short name and a full stop"),
])
def test_a_line_that_is_only_a_known_outlet_in_parentheses_is_a_credit(credit):
    # planted: a wire credit alone on a line under the body
    doc = cleaned_document("A headline about the forum in Beijing\n\n" + BODY + credit + "\n")
    assert credit not in doc.body
    assert ("credit", credit) in {(r.rule, r.text.strip()) for r in doc.removed}


def test_a_line_that_is_an_unknown_name_in_parentheses_stays():
    # planted: a parenthesised aside that names no outlet
    doc = cleaned_document("A headline about the forum in Beijing\n\n" + BODY + "(The harbour city)\n")
    assert "(The harbour city)" in doc.body


@pytest.mark.parametrize("opener", lex.BYLINE_BY_PHRASES + tuple(f"{label}:" for label in lex.BYLINE_LABELS))
def test_every_byline_opener_of_the_lexicon_opens_a_byline(opener):
    # planted: a byline label the lexicon lists that the byline pattern (which kept its own words) did not read
    assert hd.byline(f"{opener} Jane Roe").authors == ("Jane Roe",)


def test_an_editors_credit_is_no_byline():
    # planted: "Editor:" among the journalist roles, which must not make the editor an author
    b = hd.byline("Editor: Jane Roe")
    assert b is None or b.authors == ()


@pytest.mark.parametrize("noun", [n for n in lex.SPEECH_NOUNS if n != "interview"])
def test_every_speech_noun_names_its_speaker_as_author(noun):
    # planted: a speech noun of the lexicon that the header's speech-author rule did not know (two lists)
    doc = cleaned_document(f"{noun.title()} by Jane Roe at the Harbour Forum\n2022-09-13\n\n" + BODY)
    assert doc.header.authors == ("Jane Roe",)
    assert doc.header.authors_rule == "speech_author"


def test_an_interview_by_someone_is_no_speech_of_theirs():
    # planted: "Interview by X" names the interviewer, never the speaker of a speech
    doc = cleaned_document("Interview by Jane Roe at the Harbour Forum\n2022-09-13\n\n" + BODY)
    assert doc.header.authors_rule != "speech_author"
