"""Tests for flows.steps.furniture (site furniture by its shape, any language) and its hook in
clean.cleaned_document. Each fixture plants one kind of furniture no named rule knows - or a body line
that only resembles furniture - and is named after it. The fixtures are written for the test."""
from __future__ import annotations

import pytest

from flows.steps import furniture as F
from flows.steps.clean import cleaned_document

# Running text in German and French: long lines with the stop words of their language.
DE = [
    "Die Bundesregierung will die Regeln für den Zugang zu den Daten der Bürger noch in diesem Jahr ändern, "
    "wie ein Sprecher des Ministeriums am Dienstag in Berlin sagte.",
    "Kritiker werfen der Regierung vor, dass sie die Pläne ohne eine öffentliche Debatte beschließen will, "
    "und sie fordern eine Anhörung im Parlament, bevor das Gesetz in Kraft treten kann.",
    "Nach Angaben des Ministeriums sollen die neuen Regeln ab dem kommenden Frühjahr gelten, wenn der "
    "Bundesrat dem Entwurf zustimmt und die Länder keine weiteren Einwände erheben.",
]
FR = [
    "Le gouvernement a annoncé mardi qu'il allait revoir les règles sur l'accès aux données des citoyens "
    "avant la fin de l'année, selon un porte-parole du ministère.",
    "Les critiques reprochent au gouvernement de vouloir adopter ce projet sans débat public et ils "
    "demandent une audition au Parlement avant que la loi ne puisse entrer en vigueur.",
]


def _dropped(lines: list[str], language: str) -> dict[str, str]:
    """line -> rule, for the lines ``furniture_lines`` drops."""
    return {lines[i]: rule for i, rule in F.furniture_lines(lines, language).items()}


@pytest.mark.parametrize("planted, rule", [
    pytest.param("12 Kommentare", F.FURNITURE_COUNTER, id="comment count in German"),
    pytest.param("Kommentare (12)", F.FURNITURE_COUNTER, id="comment count in brackets"),
    pytest.param("3.", F.FURNITURE_BARE_NUMBER, id="bare list number"),
    pytest.param("- 14 -", F.FURNITURE_BARE_NUMBER, id="bare page number"),
    pytest.param("Foto: dpa/Michael Kappeler", F.FURNITURE_CREDIT, id="photo credit in German"),
    pytest.param("Max Muster am 12. Mai 2021 um 10:32 Uhr", F.FURNITURE_TIMESTAMP, id="comment meta line with a time"),
    pytest.param("Mehr dazu: https://www.example.de/politik/daten-gesetz-1234567", F.FURNITURE_LINKS,
                 id="link line"),
    pytest.param("© Beispiel Verlag GmbH 2021", F.FURNITURE_COPYRIGHT, id="copyright sign"),
    pytest.param("  • Land:", F.FURNITURE_FIELD, id="a page's field after a bullet"),
    pytest.param("  • Deutschland", F.FURNITURE_FIELD, id="a field's value after a bullet"),
    pytest.param("|Aktualisiert:", F.FURNITURE_FIELD, id="a field after a bar"),
])
def test_furniture_between_paragraphs_is_dropped_with_its_rule(planted, rule):
    lines = [DE[0], planted, DE[1], DE[2]]
    assert _dropped(lines, "de") == {planted: rule}


def test_most_read_list_in_french_between_comment_count_and_footer_is_an_edge_block():
    most_read = ["Les plus lus", "Incendie dans le centre de Lyon", "Le prix de l'essence au plus haut",
                 "Football : Marseille battu à domicile"]
    assert _dropped(FR + ["12 commentaires"] + most_read + ["© Le Journal 2021"], "fr") == {
        "12 commentaires": F.FURNITURE_COUNTER, **{line: F.FURNITURE_EDGE_BLOCK for line in most_read},
        "© Le Journal 2021": F.FURNITURE_COPYRIGHT}


def test_paywall_notice_between_photo_credit_and_footer_is_an_edge_block():
    paywall = ["Weiterlesen mit Abo", "Jetzt 30 Tage kostenlos testen", "Bereits Abonnent? Hier anmelden"]
    assert _dropped(DE + ["Foto: dpa/Michael Kappeler"] + paywall + ["© Beispiel Verlag GmbH 2021"], "de") == {
        "Foto: dpa/Michael Kappeler": F.FURNITURE_CREDIT, **{line: F.FURNITURE_EDGE_BLOCK for line in paywall},
        "© Beispiel Verlag GmbH 2021": F.FURNITURE_COPYRIGHT}


def test_cut_off_last_line_above_a_footer_stays():
    cut_off = "Die Länder wollen den Entwurf im Herbst bera"
    assert _dropped(DE + [cut_off, "© Beispiel Verlag GmbH 2021"], "de") == {
        "© Beispiel Verlag GmbH 2021": F.FURNITURE_COPYRIGHT}


def test_ranking_that_ends_an_article_stays():
    ranking = ["1. Anna Berg (Vorwoche: 2.)", "2. Jan Roth (1.)", "3. Eva Klein (3.)", "4. Tom Wolf (5.)"]
    assert _dropped(DE + ranking, "de") == {}


def test_short_line_between_a_bad_line_and_the_edge_goes_with_it():
    lines = DE + ["12 Kommentare", "Neueste zuerst"]
    assert _dropped(lines, "de") == {"12 Kommentare": F.FURNITURE_COUNTER, "Neueste zuerst": F.FURNITURE_EDGE_BLOCK}


def test_heading_like_line_with_few_stop_words_is_dropped():
    title_again = "Foreign Ministry Spokesperson Zhang Wei's Regular Press Conference on March 3, 2021"
    lines = [title_again, "Q: Could you tell us more about the talks with the delegation that arrived on Monday?",
             "A: The two sides had an in-depth exchange of views and agreed to keep in close touch with each other."]
    assert _dropped(lines, "en") == {title_again: F.FURNITURE_LOW_STOPWORDS}


@pytest.mark.parametrize("kept", [
    pytest.param("“We will not stop,” she said.", id="short real quote paragraph"),
    pytest.param("Speaker 2:", id="numbered speaker label"),
    pytest.param("Anna Schmidt 00:01:05", id="speaker label with a time code"),
    pytest.param("Dear Mr. Secretary-General,", id="salutation"),
    pytest.param("Albania, Australia, Austria, Belgium, Bulgaria, Canada, Croatia, Czechia, Denmark, Estonia, "
                 "Finland, France", id="list of signatory countries"),
    pytest.param("Chinese President Xi Jinping met Cambodian Prime Minister Hun Sen in Beijing on Tuesday.",
                 id="news sentence dense in names"),
    pytest.param("-Senator Ann Lee Leads Over Tom Ray In Ohio Poll. [Local Times, State Radio, Metro Poll]",
                 id="digest item ending in its sources"),
    pytest.param("The full report is available at https://www.example.org/reports/2021/annual-report-final.pdf.",
                 id="sentence giving an address"),
    pytest.param("___.", id="separator rule"),
])
def test_body_lines_that_resemble_furniture_stay(kept):
    assert _dropped(["This is how the day began for the people who live in the valley, far from the city.", kept,
                     "They said they had waited for years and that they would not give up on the plan now."],
                    "en") == {}


def test_short_quote_at_the_bottom_after_a_credit_stays():
    quote = "„Wir werden nicht aufhören“, sagte sie."
    assert _dropped(DE + ["Foto: dpa/Michael Kappeler", quote], "de") == {"Foto: dpa/Michael Kappeler": F.FURNITURE_CREDIT}


def test_one_line_dateline_lead_stays():
    lead = ("BEIJING, March 3 (Xinhua) -- Chinese President Xi Jinping met visiting Cambodian Prime Minister "
            "Hun Sen in Beijing on Tuesday.")
    assert _dropped([lead], "en") == {}
    assert _dropped([lead, "1 of 1", "Photo Gallery"], "en") == {"1 of 1": F.FURNITURE_COUNTER,
                                                              "Photo Gallery": F.FURNITURE_EDGE_BLOCK}


def test_hard_wrapped_line_ending_a_body_stays():
    lines = DE + ["Nach Angaben des Ministeriums sollen die Regeln gelten", "12 Kommentare", "wenn der Bundesrat zustimmt"]
    assert _dropped(lines, "de") == {"12 Kommentare": F.FURNITURE_COUNTER}


def test_language_without_stop_word_list_is_not_classified():
    assert F.stop_words("zh") is None and F.stop_words("xx") is None and F.stop_words(None) is None
    assert F.furniture_lines(["12 评论", "中国政府周二表示，将在今年年底前修订有关公民数据访问的规定。"], "zh") == {}


def test_document_without_running_text_keeps_its_lines_but_loses_shape_furniture():
    lines = ["Foreign Ministry Spokesperson Zhang Wei's Regular Press Conference on March 3, 2021", "3."]
    assert _dropped(lines, "en") == {"3.": F.FURNITURE_BARE_NUMBER}


def test_line_in_another_language_is_not_judged_on_the_documents_stop_words():
    german = "Die Regierung Hat Den Plan Für Das Neue Gesetz In Berlin Vorgestellt Und Mit Den Ländern Beraten"
    assert F.line_class(F.line_shape(german, F.stop_words("en")), german, "en")[0] == F.NEAR_GOOD


def test_cleaned_document_records_each_furniture_line_with_its_rule():
    most_read = ["Meistgelesen", "Brand in Köln", "Benzin wird teurer", "Streik am Flughafen"]
    text = "\n\n".join(["Neue Regeln für Daten der Bürger", *DE, "Foto: dpa/Michael Kappeler",
                         *most_read, "Impressum | Datenschutz | Kontakt | AGB"]) + "\n"
    doc = cleaned_document(text)
    furniture = {r.text: r.rule for r in doc.removed if r.rule.startswith("furniture_")}
    assert furniture == {"Foto: dpa/Michael Kappeler": F.FURNITURE_CREDIT,
                         **{line: F.FURNITURE_EDGE_BLOCK for line in most_read}}
    assert doc.body == "\n".join(DE)
    lines = text.split("\n")
    assert all(lines[r.line_no].strip() == r.text for r in doc.removed if r.rule.startswith("furniture_"))


def test_named_rule_line_is_a_bad_neighbour_but_a_sub_heading_is_not():
    cut_off = "Die Länder wollen den Entwurf im Herbst beraten und"  # an excerpt cut off mid-sentence
    assert F.furniture_rows([(0, DE[0]), (1, DE[1]), (3, cut_off)], "de", ruled={2: "subheading"}) == {}
    assert F.furniture_rows([(0, DE[0]), (1, DE[1]), (3, "Neueste zuerst")], "de", ruled={2: "comment_form"}) == {
        3: F.FURNITURE_EDGE_BLOCK}


def test_lead_between_furniture_and_the_text_at_the_top_stays():
    standfirst = "Regierung prüft neue Regeln für Daten"
    assert _dropped([standfirst, "Foto: dpa/Michael Kappeler", *DE], "de") == {
        "Foto: dpa/Michael Kappeler": F.FURNITURE_CREDIT}
    assert _dropped(["Startseite", "12 Kommentare", "Neueste zuerst", "Foto: dpa/Michael Kappeler", *DE], "de") == {
        "12 Kommentare": F.FURNITURE_COUNTER, "Neueste zuerst": F.FURNITURE_EDGE_BLOCK,
        "Foto: dpa/Michael Kappeler": F.FURNITURE_CREDIT}


def test_stop_word_list_is_spacys_and_loads_without_the_languages_tokenizer():
    """Defect planted by the old loader: importing ``spacy.lang.fr.stop_words`` first ran ``spacy.lang.fr``,
    whose tokenizer exceptions took ~3 s of a process's first header. The list must be spaCy's, and loading it
    must leave the language package unimported (checked in a fresh interpreter)."""
    import subprocess
    import sys

    from spacy.lang.fr.stop_words import STOP_WORDS

    assert F.stop_words("fr") == frozenset(w.lower() for w in STOP_WORDS)
    probe = ("import sys; from flows.steps import furniture; assert 'que' in furniture.stop_words('fr'); "
             "print(sorted(m for m in sys.modules if m.startswith('spacy.lang.fr')))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("item", ["• Die Regierung hat das Gesetz am Dienstag beschlossen.",
                                  "• Kritik der Opposition an den neuen Regeln für den Datenzugang"])
def test_a_bulleted_sentence_or_longer_item_is_no_field(item):
    """A list item of running text, or of more than three words, stays: only a bullet and a field's few words go."""
    assert _dropped([DE[0], item, DE[1], DE[2]], "de") == {}
