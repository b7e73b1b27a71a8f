"""Tests for flows.steps.boilerplate and boilerplate removal in clean.cleaned_document: each fixture plants
one kind of site furniture (or a body sentence that only resembles one) and is named after it."""
from __future__ import annotations

import datetime as dt

import pytest

from flows.steps import boilerplate as bp
from flows.steps import clean
from flows.steps import lexicon as lex
from flows.steps.clean import cleaned_document


BODY = ("China has lifted nearly 100 million rural people out of poverty, officials said on Tuesday.\n"
        "The forum was attended by more than 300 participants from home and abroad.\n")


@pytest.mark.parametrize("line, rule", [
    pytest.param("Please enter your comment!", "comment_form", id="comment form"),
    pytest.param("Please enter your name here", "comment_form", id="comment form name"),
    pytest.param("Comments are closed", "comment_form", id="comments closed"),
    pytest.param("Thank you! Your submission has been received!", "form_message", id="form sent message"),
    pytest.param("Oops! Something went wrong while submitting the form.", "form_message", id="form error message"),
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
    pytest.param("Register now to get free unlimited access to", "paywall", id="registration wall"),
    pytest.param("Register now for FREE unlimited access to Harbour News", "paywall", id="registration wall for"),
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
    pytest.param("We use cookies to improve your experience. By continuing to browse, you agree to our use of "
                 "cookies. Accept all", "cookie_banner", id="cookie banner"),
    pytest.param("Manage cookies", "cookie_banner", id="cookie settings button"),
    pytest.param("World | Business | Climate | Sport | Opinion", "site_navigation", id="pipe-separated section menu"),
    pytest.param("Media contact: press@harbour-link.example", "press_release", id="press release media contact"),
    pytest.param("SOURCE Harbour Link", "press_release", id="press release source trailer"),
    pytest.param("About Harbour Link", "press_release", id="press release about heading"),
    pytest.param("###", "press_release", id="press release end mark"),
    pytest.param("Advertisement", "advertisement", id="ad placeholder between paragraphs"),
    pytest.param("Story continues below advertisement", "advertisement", id="ad continuation label"),
    pytest.param("Share this post on:", "share_follow", id="share this post label"),
    pytest.param("مشاركة :", "share_follow", id="share label in arabic"),
    pytest.param("Partager :", "share_follow", id="share label in french"),
    pytest.param("Latest Headlines", "more_from_section", id="latest headlines heading"),
    pytest.param("Next articleHarbour Link opens a second ferry line", "article_navigation",
                 id="next article link glued to its headline"),
    pytest.param("Previous article", "article_navigation", id="previous article link"),
    pytest.param("Newer posts are loading.", "article_navigation", id="endless page loader"),
    pytest.param("< Назад в рубрику", "article_navigation", id="back link behind an arrow"),
    pytest.param("mer 12 ottobre 2022 You are subscribed to Harbour Briefings for the Port Office",
                 "share_follow", id="mailing list notice"),
    pytest.param("Please explain the inappropriate content below.", "comment_form", id="comment report form"),
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
    pytest.param("Advertising revenue fell by a third last year, the company said on Monday.",
                 id="body sentence starting with advertising"),
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
    pytest.param("Next post office opens in May.", id="not a link to the next post"),
    pytest.param("Next story in a long series of delays.", id="not a link to the next story"),
    pytest.param("Share prices fell again.", id="not a share button"),
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


def test_greeting_without_full_stop_is_not_a_subheading():
    text = BODY + "Good morning everyone and welcome\n" + BODY
    assert "Good morning everyone and welcome" in cleaned_document(text).body


def test_corpus_repeated_body_lines_are_not_boilerplate():
    docs = [f"Press conference number {i} on many topics\nWang Wenbin:\n{BODY}Mr. President,\nThank you.\n"
            f"Q:\nNews Menu Home\n" for i in range(5)]
    lines = clean.corpus_boilerplate(docs, min_docs=3)
    assert lines == frozenset({"news menu home"})


def test_cjk_watermark_without_url_glued_to_english_lines():
    text = ("A Path to Human Rights Advancement文章源自英文巴士\n\n" + BODY.replace(".\n", ".文章源自英文巴士\n"))
    doc = cleaned_document(text)
    assert "文章源自" not in doc.body and "文章源自" not in (doc.header.title or "")
    assert doc.body == BODY.strip()


def test_repeated_sentence_endings_are_not_a_watermark():
    from flows.steps.boilerplate import watermark_suffix
    assert watermark_suffix(["He said.", "She said.", "They said.", "2021年10月1日是国庆节", "2022年10月1日是国庆节"]) is None


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


def test_numbered_list_item_is_kept_but_section_heading_removed():
    text = BODY + "1. Cut emissions by half within the next ten years\nII. Right to Social Security\n" + BODY
    doc = cleaned_document(text)
    assert "1. Cut emissions by half within the next ten years" in doc.body.split("\n")
    assert "II. Right to Social Security" not in doc.body


@pytest.mark.parametrize("network", lex.SOCIAL_NETWORKS)
def test_every_social_network_is_read_by_the_follow_and_the_share_rule(network):
    # planted: a network one share_follow rule knew and another did not (each kept its own list)
    assert bp.boilerplate_rule(f"Follow us on {network}") == "share_follow"
    assert bp.boilerplate_rule(f"Share | {network} | Email") == "share_follow"


HEADLINES = ("Harbour town opens a new ferry line for commuters\n"
             "Regional council debates the cost of the new bridge\n")


@pytest.mark.parametrize("heading", lex.RELATED_LIST_HEADINGS + ("More from Harbour",))
def test_every_related_list_heading_opens_a_related_list(heading):
    # planted: a heading boilerplate knew but clean's related-list opener did not (two lists); the headlines under
    # it go as a related list
    doc = cleaned_document(BODY + heading.title() + "\n" + HEADLINES)
    rules = {r.text: r.rule for r in doc.removed}
    assert rules.get(heading.title()) == "more_from_section"
    assert all(rules.get(h) == "related_list" for h in HEADLINES.splitlines())


@pytest.mark.parametrize("heading", [h for h in lex.MORE_HEADINGS if h.isascii()])
def test_other_more_headings_open_no_related_list(heading):
    # planted: a "Read more" heading above a headline-shaped line that is no list
    doc = cleaned_document(BODY + heading.title() + "\n" + HEADLINES)
    assert {r.text: r.rule for r in doc.removed}.get(heading.title()) == "more_from_section"
    assert not any(r.rule == "related_list" for r in doc.removed)


@pytest.mark.parametrize("wire", lex.WIRE_WORDS)
def test_every_wire_in_parentheses_is_a_credit_and_a_photo_credit(wire):
    # planted: a wire the credit rule knew and the caption rule did not (each named its own wires)
    doc = cleaned_document(BODY + f"({wire.upper()})\n" + "Workers repair a bridge in the harbour town on Monday."
                           f" ({wire.upper()}/Jane Roe)\n" + BODY.split("\n")[0])
    rules = {r.text: r.rule for r in doc.removed}
    assert rules.get(f"({wire.upper()})") == "credit"
    assert rules.get(f"Workers repair a bridge in the harbour town on Monday. ({wire.upper()}/Jane Roe)") == "caption"


@pytest.mark.parametrize("caption", [
    "Both teams in action on the pitch (Photo/Club-Twitter). Image Credit: ANI",
    "A logo on the headquarters of the agency in Geneva, Switzerland, on June 25, 2020. Jane Roe/Reuters",
])
def test_a_caption_that_ends_with_its_credit_is_removed(caption):
    """Planted defect: a caption ending in a credit label ('Image Credit: ANI') or a photographer and a wire after
    its last sentence ('Jane Roe/Reuters') stayed in the body as two statements of narration."""
    doc = cleaned_document("Title of the story about trains\n\n" + caption + "\n\n" + BODY)
    assert caption not in doc.body and any(r.rule == "caption" for r in doc.removed)


def test_a_teaser_the_body_repeats_from_its_start_is_removed():
    """Planted defect: a standfirst cut off mid-sentence above the paragraph it repeats stayed in the body, so the
    lead's words were two statements. A first line that no later line opens with stays."""
    lead = ("Assistant head coach Jon Roe was pleased with the spirit and quality of his team's performance "
            "despite a defeat to the champions in the league on Saturday.")
    teaser = lead[:110].rstrip()
    doc = cleaned_document("Title of the story about the match\n\n" + teaser + "\n\n" + lead + "\n\n" + BODY)
    assert teaser + "\n" not in doc.body + "\n" and lead in doc.body
    assert any(r.rule == "repeated_teaser" for r in doc.removed)
    other = "The team travels to the coast next week for the last match of a season that began in the autumn."
    doc = cleaned_document("Title of the story about the match\n\n" + other + "\n\n" + lead + "\n\n" + BODY)
    assert other in doc.body
