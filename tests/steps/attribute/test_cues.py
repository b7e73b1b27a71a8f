"""The reported-speech reading of one parsed sentence: cue, source, content share."""
import pytest

from flows.steps import lexicon
from flows.steps.attribute import cues

FORMS, NOUNS = lexicon.CUE_VERB_FORMS, lexicon.REPORTED_SOURCE_NOUNS


def _clause(parsed_sentence, text):
    return cues.reported_clause(parsed_sentence(text), FORMS, NOUNS, min_share=lexicon.REPORTED_MIN_SHARE)


def test_long_apposition_stays_out_of_the_source_and_the_content_share(parsed_sentence):
    c = _clause(parsed_sentence, "Jane Roe, Convenor of the Centre for Strategic Studies of Ruritania, "
                                 "said on Monday that the talks had failed.")
    assert c is not None and c.source == "Jane Roe" and c.cue == "said"


def test_outermost_cue_wins_over_an_embedded_clause_subject(parsed_sentence):
    c = _clause(parsed_sentence, "He said that on his trip several workers told him the plant would close.")
    assert c is not None and c.source == "He"


def test_a_cue_inside_the_content_of_a_cue_above_it_is_no_report_of_its_own(parsed_sentence):
    """Planted defect: the outer cue's subject ("The report") is no listed source, and "noted", which the parser
    joins to the verb of the reported clause, was read with that clause's subject as its source: "the government"
    noted what the report said of it (rule ``cue_inside_anothers_content``)."""
    text = ("The report, released in May by the UN office, said the Ruritanian Government is committing \u201cserious "
            "violations\u201d in Dunmore and noted that the detention of minorities could amount to crimes against "
            "humanity.")
    sent = parsed_sentence(text)
    noted = next(t for t in sent.doc if t.lower_ == "noted")
    assert noted.head.lower_ == "committing"          # the parse this fixture plants
    assert cues.inside_anothers_content(noted, FORMS)
    assert [c.lower_ for c, _ in cues.cue_candidates(sent, FORMS, NOUNS)] == []
    assert [(c.lower_, h.lower_) for c, h in cues.cue_candidates(sent, FORMS, NOUNS, noun_subjects=True)] == [
        ("said", "report")]


def test_postposed_cue_reports_the_clause_before_it(parsed_sentence):
    c = _clause(parsed_sentence, "The economy is growing faster than expected, the finance minister said.")
    assert c is not None and c.source.endswith("minister")


def test_according_to_names_the_organisation(parsed_sentence):
    c = _clause(parsed_sentence, "According to the Society of Example Reporters, press freedom declined last year.")
    assert c is not None and c.cue == "According to" and "Society of Example Reporters" in c.source


@pytest.mark.parametrize("defect, text", [
    ("inanimate subject of a cue verb", "The new law's text indicated that fines would double."),
    ("cue verb inside a quotation", "“Voters said no to the plan,” was the headline."),
    ("first person is never a source", "I said that the vote was close."),
    ("cue with little content", "Officials said hello to the visiting delegation from the neighbouring province."),
])
def test_not_reported(parsed_sentence, defect, text):
    assert _clause(parsed_sentence, text) is None, defect


def test_cue_span_points_at_the_cue(parsed_sentence):
    text = "Analysts expect growth to slow, the finance ministry said on Friday."
    c = _clause(parsed_sentence, text)
    assert c is not None and text[c.cue_start:c.cue_end] == "said"


def test_shipped_classifier_accepts_a_plain_report_and_rejects_an_object_reading(parsed_sentence):
    from flows.steps.attribute import CUE_CLASSIFIER

    def clause(text):
        return cues.reported_clause(parsed_sentence(text), FORMS, NOUNS, classifier=CUE_CLASSIFIER)
    assert clause("The senator said on Monday that the bill would pass.").source == "The senator"
    assert clause("The ministry issued a white paper on Tuesday.") is None          # content share below the floor
    # a common noun no lexicon lists can still be a source: the classifier weighs it
    assert clause("The magazine said the cookie poll has predicted the winner in five elections.") is not None


def test_classifier_probability_is_the_logistic_of_the_summed_weights():
    c = cues.CueClassifier({"form=said": 2.0, "share": 1.0}, bias=-1.0, threshold=0.5)
    assert c.probability(["form=said", "unknown"], share=1.0) == pytest.approx(1 / (1 + 2.718281828 ** -2.0))


def test_an_organisation_name_with_of_stays_whole(parsed_sentence):
    c = _clause(parsed_sentence, "The Office of the High Commissioner for Fisheries said on Friday that "
                                 "the quotas would be cut.")
    assert c is not None and "High Commissioner for Fisheries" in c.source


def test_a_subject_inside_the_quotation_is_never_the_source(parsed_sentence):
    """Planted defect: 'told' parsed as joined to the quoted 'were', so the quoted 'We' became its source."""
    c = cues.reported_clause(parsed_sentence("“We were tremendously wrong to not have confronted him from the "
                                             "beginning,” Ramos, 58, told AFP in an interview on Monday."),
                             FORMS, NOUNS, min_share=0.5)
    assert c is not None and c.source == "Ramos"


@pytest.mark.parametrize("defect, text, cue", [
    ("a quotation before the cue parsed as the cue's adverbial clause",
     "“As a member of a small club, I’m glad to see rules that protect and even reward the players,” she tweeted.",
     "tweeted"),
    ("a quotation after a colon parsed as no child of the cue", "The email goes on to say: “The plan will fail.”", "say"),
])
def test_a_cue_the_parse_gave_no_content_takes_the_quotation_or_the_text_after_its_colon(parsed_sentence,
                                                                                          defect, text, cue):
    sent = parsed_sentence(text)
    token = next(t for t in sent.doc if t.lower_ == cue)
    assert cues.content_share(sent, token, cues.source_token(token, sent.in_quote)) >= 0.5, defect


def test_a_colon_inside_a_title_far_after_the_cue_is_no_content(parsed_sentence):
    sent = parsed_sentence("The office issued a white paper entitled Poverty Alleviation: Experience and Contribution.")
    assert cues.content_beside(sent, next(t for t in sent.doc if t.lower_ == "issued")) == []


@pytest.mark.parametrize("defect, text, source", [
    ("who a spokesperson speaks for cut off", "A spokeswoman for the Ruritanian Rail Company said on Monday "
                                               "that fares would rise.", "A spokeswoman for the Ruritanian Rail Company"),
    ("whom a spokesman speaks for cut off though no name is in it",
     "A spokesman for the buyer said the deal would close in May.", "A spokesman for the buyer"),
    ("where officials work cut off", "Officials at the embassy of Ruritania said the visa rules would change.",
     "Officials at the embassy of Ruritania"),
])
def test_a_common_noun_source_keeps_the_tail_that_names_whom_it_stands_for(parsed_sentence, defect, text, source):
    c = _clause(parsed_sentence, text)
    assert c is not None and c.source == source, defect


@pytest.mark.parametrize("text, source", [
    ("Some said the ruling was wrong.", "Some"),
    ("Several told reporters that they would appeal the ruling.", "Several"),
    ("Both said on Monday that the talks had gone well.", "Both"),
])
def test_a_quantifier_standing_alone_is_a_source(parsed_sentence, text, source):
    """Planted defect: a quantifier that heads its phrase alone ("Some said ...") was no source, so a plain
    report stayed narration."""
    c = _clause(parsed_sentence, text)
    assert c is not None and c.source == source and c.cue in ("said", "told")


def test_a_quantifier_of_a_thing_reports_nothing(parsed_sentence):
    assert _clause(parsed_sentence, "Some of the money went to schools in the north.") is None


@pytest.mark.parametrize("text, source", [
    ("A Texas Republican said on Monday that the race was over.", "A Texas Republican"),
    ("Senate Democrats said they would block the bill.", "Senate Democrats"),
])
def test_a_party_or_nationality_word_heading_the_source_keeps_its_noun_phrase(parsed_sentence, text, source):
    """Planted defect: the source was the entity's word alone ("Republican"), which then read as a surname."""
    c = _clause(parsed_sentence, text)
    assert c is not None and c.source == source


def test_a_relative_clause_deeper_in_the_source_stays_out_of_it(parsed_sentence):
    """Planted defect: a relative clause hung on the noun of a kept modifier ("familiar with the talks, who ...")
    became part of the speaker's name."""
    c = _clause(parsed_sentence, "One official familiar with the talks, who asked not to be named, said on Monday "
                                 "that the deal would close in May.")
    assert c is not None and c.source == "One official familiar with the talks"


def test_a_tail_without_a_name_stays_out_of_the_source(parsed_sentence):
    c = _clause(parsed_sentence, "The official in charge of the budget said the cuts would be deep.")
    assert c is not None and c.source == "The official"


def test_a_name_ner_took_for_a_body_in_apposition_to_a_common_noun_is_the_source(parsed_sentence):
    """Planted defect: NER labelled the nephew's name ORG, so 'his nephew' was no source at all and the
    quotation went to the speaker before."""
    from spacy.tokens import Span

    sent = parsed_sentence("“We called him before he boarded,” his nephew Tom Bellamy added.")
    doc = sent.doc
    start = next(t.i for t in doc if t.text == "Tom")
    doc.ents = [Span(doc, start, start + 2, label="ORG")]
    head = next(t for t in doc if t.text == "nephew")
    if not any(c.dep_ == "appos" for c in head.children):
        pytest.skip("the parse does not read the name as the nephew's apposition")
    assert cues.source_entity(sent, head).text == "Tom Bellamy"


def test_a_verb_of_saying_with_its_own_clause_is_reported_whatever_the_classifier_weighs(parsed_sentence):
    """Planted defect: the classifier put 'At a briefing ..., Ann Berg said she ...' below its threshold."""
    from flows.steps.attribute import CUE_CLASSIFIER

    text = "At a briefing after the trip, Ann Berg said she was not in the country for an inquiry."
    kw = dict(min_share=lexicon.REPORTED_MIN_SHARE, classifier=CUE_CLASSIFIER)
    assert cues.reported_clause(parsed_sentence(text), FORMS, NOUNS, **kw, clause_cues=lexicon.CLAUSE_CUE_FORMS).source \
        == "Ann Berg"


def test_a_verb_of_saying_after_its_content_is_reported_however_the_parser_attached_it(parsed_sentence):
    """Planted defect: '..., said the company's chief executive, Jon Roe.' - the parser made 'said' a conjunct of the
    first clause, and the classifier put the inverted attribution below its threshold."""
    from flows.steps.attribute import CUE_CLASSIFIER

    text = ("In nearby Dunmore, the old steel plant is hanging on, but it is under intense pressure from imports, "
            "said the company's chief executive, Jon Roe.")
    sent = parsed_sentence(text)
    cue = next(t for t in sent.doc if t.text == "said")
    assert cues.said_after_its_content(cue, cues.source_token(cue, sent.in_quote))
    kw = dict(min_share=lexicon.REPORTED_MIN_SHARE, classifier=CUE_CLASSIFIER)
    assert cues.reported_clause(sent, FORMS, NOUNS, **kw, clause_cues=lexicon.CLAUSE_CUE_FORMS).cue == "said"


@pytest.mark.parametrize("text", [
    "As the Dunmore Herald reported, most of the payments went to the chairman's own company.",
    "Most of the payments went to the chairman's own company, as the Dunmore Herald reported.",
])
def test_the_content_of_an_as_clause_cue_is_the_clause_it_comments_on(parsed_sentence, text):
    """Planted defect: 'As the Herald reported, ...' - the cue's content was its own clause (share 0), so the
    report was narration."""
    sent = parsed_sentence(text)
    cue = next(t for t in sent.doc if t.text == "reported")
    if not (cue.dep_ == "advcl" and any(c.lower_ == "as" for c in cue.children)):
        pytest.skip("the parse does not read an 'as' clause")
    assert cues.content_share(sent, cue, cues.source_token(cue, sent.in_quote)) > 0.9


def test_a_parenthetical_cue_reports_the_clause_around_it(parsed_sentence):
    """Planted defect: 'In several cases, port officials say, they ...' - the parser made 'say' a parataxis of the
    clause after it, and the cue had no content (share 0): narration."""
    sent = parsed_sentence("In several cases, port officials say, they have been asked to keep the ships at sea.")
    cue = next(t for t in sent.doc if t.text == "say")
    if cue.dep_ != "parataxis":
        pytest.skip("the parse does not read a parenthetical")
    assert cues.content_share(sent, cue, cues.source_token(cue, sent.in_quote)) > 0.9


def test_an_if_clause_of_a_verb_of_asking_is_its_content(parsed_sentence):
    """Planted defect: 'Roe asked the students if they were serious' - an indirect question the parser read as an
    adverbial clause - was narration."""
    sent = parsed_sentence("Then Ann Berg asked the students if they were always so serious about the port.")
    cue = next(t for t in sent.doc if t.text == "asked")
    if not any(c.dep_ == "advcl" for c in cue.children):
        pytest.skip("the parse does not read the question as an adverbial clause")
    assert cues.content_share(sent, cue, cues.source_token(cue, sent.in_quote)) > 0.5


def test_an_if_clause_of_a_verb_of_no_asking_is_no_content(parsed_sentence):
    """Guard: a condition ('Roe will speak if the workers ask') is no indirect question."""
    sent = parsed_sentence("Ann Berg announced the plan on Monday if the workers were ready.")
    cue = next(t for t in sent.doc if t.text == "announced")
    assert not any(cues._asks_whether(cue, c) for c in cue.children)


@pytest.mark.parametrize("defect, text", [
    ("a subject that does not run to the end", "The plant is hanging on, said Jon Roe in a long talk, and it will "
                                               "stay."),
    ("no comma before the verb", "The workers who said Jon Roe was right went home."),
])
def test_a_verb_is_after_its_content_only_at_the_end_after_a_comma(parsed_sentence, defect, text):
    sent = parsed_sentence(text)
    cue = next(t for t in sent.doc if t.text == "said")
    head = cues.source_token(cue, sent.in_quote)
    assert head is None or not cues.said_after_its_content(cue, head), defect


@pytest.mark.parametrize("defect, text", [
    ("an adverbial before the main verb of saying", "And in a halfhearted endorsement of the mayor's long record in "
                                                   "office, Ann Berg added that he was better than the others."),
    ("a second predicate after the clause", "Ann Berg, 63, an independent voter raised in Dunmore, said she wanted "
                                            "change in the port, but found the mayor too objectionable to support."),
])
def test_a_main_verb_of_saying_with_its_clause_reports_less_than_half_the_sentence(parsed_sentence, defect, text):
    """Planted defect: the content of a verb of saying that is the sentence's main verb covered less than half of
    it, and the sentence was narration."""
    from flows.steps.attribute import CUE_CLASSIFIER

    sent = parsed_sentence(text)
    if not any(t.dep_ == "ROOT" and t.lower_ in ("said", "added") for t in sent.doc):
        pytest.skip("the parse does not make the verb of saying the root")
    kw = dict(min_share=lexicon.REPORTED_MIN_SHARE, classifier=CUE_CLASSIFIER)
    assert cues.reported_clause(sent, FORMS, NOUNS, **kw, clause_cues=lexicon.CLAUSE_CUE_FORMS).source == "Ann Berg", \
        defect


def test_of_two_subjects_of_one_verb_the_nearest_is_its_source():
    """Planted defect: in text glued from a headline and a dateline ('Minister DUNMORE, Apr 9: Minister Berg said
    ...', parsed with two subjects for 'said') the first of them, the dateline's town, was the source."""
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["DUNMORE", ",", "Minister", "Berg", "said", "it", "rained"]
    doc = Doc(Vocab(), words=words, heads=[4, 0, 3, 4, 4, 6, 4],
              deps=["nsubj", "punct", "compound", "nsubj", "ROOT", "nsubj", "ccomp"])
    assert cues.source_token(doc[4], (False,) * len(words)).text == "Berg"


@pytest.mark.parametrize("defect, text", [
    ("a verb that is no verb of saying", "At a briefing after the trip, Ann Berg feared she was not in the country."),
    ("a clause too small for the sentence", "At a long briefing after the very long trip across the northern "
                                            "provinces in the rain, Ann Berg said she left."),
    ("a subject that is no source", "At a briefing after the trip, the table said it was not in the country."),
])
def test_says_a_clause_wants_a_verb_of_saying_a_source_and_most_of_the_sentence(parsed_sentence, defect, text):
    sent = parsed_sentence(text)
    cue = next(t for t in sent.doc if t.dep_ == "ROOT")
    head = cues.source_token(cue, sent.in_quote)
    share = cues.content_share(sent, cue, head) if head is not None else 0.0
    assert head is None or not cues.says_a_clause(sent, cue, head, share, source_nouns=NOUNS, known_names=frozenset(),
                                                  clause_cues=lexicon.CLAUSE_CUE_FORMS,
                                                  min_share=lexicon.REPORTED_MIN_SHARE), defect


@pytest.mark.parametrize("defect, text, quotes", [
    ("a partial quotation in a report was left indirect", 'Karl Brandt said the states remained "gravely concerned" '
                                                          'about the harbour.', True),
    ("a quoted title was taken for the source's words", 'Karl Brandt said the states had signed the "Treaty of '
                                                        'Peace and Trade" last year.', False),
    ("a report without quotation marks", "Karl Brandt said the states remained concerned about the harbour.", False),
])
def test_quoted_words_in_a_reports_content_make_it_direct_unless_they_name_a_title(parsed_sentence, defect, text,
                                                                                    quotes):
    sent = parsed_sentence(text)
    cue = next(t for t in sent.doc if t.lower_ == "said")
    assert cues.quotes_words_in_content(sent, cue) is quotes, defect


def test_a_passive_quoted_names_the_person_quoted_not_the_agency_that_quotes(parsed_sentence):
    """Planted defect: 'X was quoted by the agency as saying ...' made the agency the source."""
    sent = parsed_sentence("Spokesman Tom Bellamy was quoted by the state news agency as saying the talks had failed.")
    cue = next(t for t in sent.doc if t.lower_ == "quoted")
    assert cues.source_token(cue, sent.in_quote).text == "Bellamy"


@pytest.mark.parametrize("phrase, expected", [
    ("The World Health Organization (WHO", "The World Health Organization"),
    ("The World Health Organization (WHO)", "The World Health Organization (WHO)"),
    ("Ann Berg", "Ann Berg"),
])
def test_a_source_never_ends_in_a_bracket_it_opens(phrase, expected):
    assert cues.without_open_bracket(phrase) == expected


@pytest.mark.parametrize("text", [
    "The suspect then took a shooting stance and pointed an object at the approaching officers.",
    "News of the agreement spread through the conference hall and echoed on social media.",
])
def test_a_verb_joined_by_and_without_a_subject_of_its_own_reports_nothing_before_it(parsed_sentence, text):
    """Planted defect: 'X took a stance and pointed an object at ...' - the second verb, a listed cue, took the
    first action before it for its content, as if it were placed after a quotation ('..., Roe said')."""
    sent = parsed_sentence(text)
    cue = next(t for t in sent.doc if t.text in ("pointed", "echoed"))
    if cue.dep_ != "conj":
        pytest.skip("the parse does not join the two verbs")
    assert cues.shares_its_subject(cue)
    assert cues.content_share(sent, cue, cues.source_token(cue, sent.in_quote)) == 0.0


def test_a_verb_after_its_content_with_a_subject_of_its_own_still_reports_it(parsed_sentence):
    """Planted defect: the coordination rule must not take a post-posed cue with its own subject for a second action."""
    sent = parsed_sentence("The plant will close next year, and the union leader said so on Monday.")
    cue = next(t for t in sent.doc if t.text == "said")
    assert not cues.shares_its_subject(cue)


@pytest.mark.parametrize("text, source", [
    ("Instead, she said, her boss told her he had booked a room for them.", "she"),
    ("The workers, he said, told managers they would strike.", "he"),
])
def test_a_cue_set_off_by_commas_reports_the_verb_it_hangs_on(parsed_sentence, text, source):
    """Planted defect: 'Instead, she said, her boss told her ...' - the verb after the parenthetical, being its
    head, was read first, and the boss became the source of what she said."""
    sent = parsed_sentence(text)
    said = next(t for t in sent.doc if t.text == "said")
    if said.dep_ != "parataxis":
        pytest.skip("the parse does not read a parenthetical")
    assert cues.is_parenthetical(said)
    assert cues.cue_tokens(sent, FORMS)[0].i == said.i
    assert _clause(parsed_sentence, text).source == source


def test_a_cue_after_the_verb_it_hangs_on_is_no_parenthetical_before_it(parsed_sentence):
    """Planted defect: a parataxis after its head ('The plant will close, the mayor said, next year') is a cue after
    its content, which the ordinary reading handles; the rule is only for one before the verb."""
    sent = parsed_sentence("The plant will close, the mayor said, within a year.")
    said = next(t for t in sent.doc if t.text == "said")
    assert not cues.is_parenthetical(said)


@pytest.mark.parametrize("text", [
    "As Jane Doe, a professor of law at Yale, put it, the court has changed for a generation.",
    "The court has changed for a generation, as Jane Doe puts it.",
])
def test_as_x_put_it_reports_the_clause_it_comments_on(parsed_sentence, text):
    """Planted defect: 'put' is no reporting verb, so the idiom 'as X put it' left its clause narration."""
    from flows.steps.attribute import CUE_CLASSIFIER

    sent = parsed_sentence(text)
    put = next(t for t in sent.doc if t.lower_ in ("put", "puts"))
    assert cues.as_put_it(put)
    kw = dict(min_share=lexicon.REPORTED_MIN_SHARE, classifier=CUE_CLASSIFIER, clause_cues=lexicon.CLAUSE_CUE_FORMS)
    clause = cues.reported_clause(sent, FORMS, NOUNS, **kw)
    assert clause is not None and clause.source == "Jane Doe" and clause.cue in ("put", "puts")


def test_put_without_as_and_it_is_no_cue(parsed_sentence):
    """Planted defect: any 'put' taken for the idiom ('He put it on the table, as he always did')."""
    sent = parsed_sentence("He put it on the table, as he always did.")
    assert not any(cues.as_put_it(t) for t in sent.doc)


def test_a_characterising_verb_finds_its_object_parsed_as_a_modifier_of_the_quoted_words(parsed_sentence):
    """Planted defect: 'He called the protesters "thugs"' parsed with 'protesters' a modifier of 'thugs' (no
    object): the characterisation in quotes was narration."""
    sent = parsed_sentence("He called the protesters “thugs” and “criminals” without proof.")
    called = next(t for t in sent.doc if t.text == "called")
    if any(c.dep_ == "dobj" for c in called.children):
        pytest.skip("the parse finds the object")
    clause = cues.characterised_in_quotes(sent, lexicon.CHARACTERISING_VERB_FORMS, NOUNS)
    assert clause is not None and clause.source == "He" and clause.cue == "called"


def test_a_participle_after_the_verb_without_a_subject_or_content_reports_nothing_before_it(parsed_sentence):
    """Planted defect: 'Roe won the primary, adding to her lead' - the participle took the win before it for its
    content, as a cue after a quotation takes the quotation."""
    sent = parsed_sentence("Jane Roe won the primary on Tuesday, adding to her sizable lead over her rival.")
    adding = next(t for t in sent.doc if t.text == "adding")
    if adding.dep_ != "advcl":
        pytest.skip("the parse does not read a participle clause")
    assert cues.shares_its_subject(adding) and cues.cue_content(sent, adding) == []


@pytest.mark.parametrize("text, source", [
    ("''I am more skilled with my hands than with my brain,'' said Robin Maynard, half joking.", "Maynard"),
    ("''We are done with this,'' said the mayor, half joking.", "mayor"),
])
def test_a_cue_right_after_a_quotation_without_a_subject_takes_the_name_after_it(parsed_sentence, text, source):
    """Planted defect: '"...," said Robin Maynard, half joking' parsed with the name the subject of 'joking': 'said'
    had no subject, and the quotation was narration."""
    sent = parsed_sentence(text)
    said = next(t for t in sent.doc if t.text == "said")
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in said.children):
        pytest.skip("the parse gives 'said' its subject")
    assert cues.source_token(said, sent.in_quote).text == source


def test_a_cue_with_no_quotation_before_it_takes_no_noun_after_it(parsed_sentence):
    """Planted defect: any noun after a subjectless cue taken for its source ('Mayor Roe stayed home, said to be ill
    by Jon Doe'); only a cue right after a quotation is inverted."""
    sent = parsed_sentence("Mayor Roe stayed home on Monday, said Jon Doe of the council.")
    said = next(t for t in sent.doc if t.text == "said")
    assert cues._named_right_after(said, sent.in_quote) is None
    quoted = parsed_sentence("''Mayor Roe stayed home on Monday,'' said Jon Doe of the council.")
    said = next(t for t in quoted.doc if t.text == "said")
    assert cues._named_right_after(said, quoted.in_quote).text == "Doe"


def test_a_common_noun_named_by_a_proper_noun_is_a_source(parsed_sentence):
    """Planted defect: '"...," wrote Time magazine' - 'magazine' is no listed source noun and the entity tagger saw
    no organisation, so the quotation went to a person named before."""
    sent = parsed_sentence("“In the case of Ohio, the train has already left the station,” wrote Time magazine.")
    head = next(t for t in sent.doc if t.text == "magazine")
    assert cues.named_by_a_proper_noun(head) and cues.is_source(sent, head, NOUNS)
    plain = parsed_sentence("The old magazine was left on the train.")
    assert not cues.named_by_a_proper_noun(next(t for t in plain.doc if t.text == "magazine"))


@pytest.mark.parametrize("text, word, phrase", [
    ("Several Roe supporters said the senator had made a good case.", "supporters", "Several Roe supporters"),
    ("The Roe campaign said it would appeal the ruling.", "campaign", "The Roe campaign"),
    ("Exit polls from the primary, which Jane Roe won easily, showed that most voters backed the plan.", "polls",
     "Exit polls"),
    ("As many as 40 percent of Jane Roe voters said they could not support the plan.", "percent",
     "As many as 40 percent of Jane Roe voters"),
])
def test_a_person_named_inside_a_plural_or_compound_phrase_is_not_its_source(parsed_sentence, text, word, phrase):
    """Planted defect: the person named as a modifier of a common noun ("Roe supporters", "the Roe campaign") or
    inside its tail ("exit polls from the primary, which Jane Roe won") was taken for the source."""
    sent = parsed_sentence(text)
    head = next(t for t in sent.doc if t.text == word)
    assert cues.source_entity(sent, head) is None or cues.source_entity(sent, head).label_ != "PERSON"
    assert cues.source_phrase(sent, head) == phrase


def test_a_person_in_the_phrase_of_a_singular_title_noun_is_still_its_source(parsed_sentence):
    """The rule above leaves a person named in a singular title noun's phrase: 'The ambassador to France, Jon Doe,'
    is Jon Doe."""
    sent = parsed_sentence("The ambassador to France, Jon Doe, said the talks would go on.")
    head = next(t for t in sent.doc if t.text == "ambassador")
    assert cues.source_entity(sent, head).text == "Jon Doe"


def test_a_quotation_after_a_comma_is_the_content_of_the_cue_before_it(parsed_sentence):
    """Planted defect: 'The email went on to say, "..."' parsed with the quotation's clauses hung on "went": "say"
    had no content, so its share was 0."""
    sent = parsed_sentence("The email went on to say, “Today, because we have been successful, people just do not "
                           "feel a need to show up.”")
    say = next(t for t in sent.doc if t.text == "say")
    if any(c.dep_ in cues.CONTENT_DEPS for c in say.children):
        pytest.skip("the parse gives 'say' its clause")
    content = cues.content_beside(sent, say)
    assert content and all(t.i > say.i + 1 for t in content) and content[-1].text in ("”", ".")


def test_a_cue_joined_to_a_passive_verb_takes_no_source_from_its_agent(parsed_sentence):
    """Planted defect: 'Jane Roe was joined on stage by Jon Doe and joked, "..."' gave the joke to Jon Doe, the agent
    of "joined", found while climbing from "joked" to the verb it is joined to. A participle of a passive verb
    still takes its agent ('The plan was rejected by the council, saying ...')."""
    sent = parsed_sentence("Jane Roe was joined on stage by Jon Doe and joked, “You are all being ridiculous.”")
    joked = next(t for t in sent.doc if t.text == "joked")
    if joked.dep_ != "conj" or not any(c.dep_ == "agent" for c in joked.head.children):
        pytest.skip("the parse does not join 'joked' to the passive verb")
    assert cues.source_token(joked, sent.in_quote) is None
    sent = parsed_sentence("The plan was rejected by the council, saying that it would cost too much.")
    saying = next(t for t in sent.doc if t.text == "saying")
    if saying.dep_ != "advcl" or saying.head.text != "rejected":
        pytest.skip("the parse does not hang 'saying' on the passive verb")
    assert cues.source_token(saying, sent.in_quote).text == "council"


def test_a_function_word_subject_is_no_common_noun_source(parsed_sentence):
    """Planted defect: with every common noun subject allowed beside a quotation, "others" and "one" inside a
    quotation's sentences became speakers ('I tried, others have tried.')."""
    sent = parsed_sentence("Others said, “We have tried this many times before and it never works.”")
    heads = [h.text for _, h in cues.cue_candidates(sent, None, frozenset(), noun_subjects=True)]
    assert "Others" not in heads
    sent = parsed_sentence("The volunteer said, “We have tried this many times before and it never works.”")
    assert "volunteer" in [h.text for _, h in cues.cue_candidates(sent, None, frozenset(), noun_subjects=True)]


def test_a_source_opened_by_whose_stands_for_the_noun_before_it(parsed_sentence):
    """Planted defect: the parser gives "revealed" two subjects, "hacker" and "whose ... mischief", and the
    nearer one was the source: the speaker "whose cyber-mischief" (rule ``whose_source_is_its_antecedent``)."""
    sent = parsed_sentence("The Romanian hacker whose cyber-mischief first revealed that the senator used a "
                           "private email address pleaded guilty on Wednesday.")
    revealed = next(t for t in sent.doc if t.lower_ == "revealed")
    assert cues.source_token(revealed).text == "hacker"
    assert cues.source_phrase(sent, cues.source_token(revealed)) == "The Romanian hacker"


@pytest.mark.parametrize("defect, text, cue, hypothetical", [
    ("a cue under 'if'", "The host went on by asking if the governor believes that the path is open.", "believes",
     True),
    ("a cue under 'whether'", "It is unclear whether Jane Roe said the plan had failed.", "said", True),
    ("a cue under 'unless'", "Nothing changes unless the minister says the law applies.", "says", True),
    ("a cue whose clause opens with 'because'", "Roe vetoed the bill because she said it was unconstitutional.",
     "said", False),
    ("a plain report", "Jane Roe said the plan had failed.", "said", False),
])
def test_a_cue_under_if_or_whether_is_no_report(parsed_sentence, defect, text, cue, hypothetical):
    """Planted defect: the cue classifier took a verb of saying inside a condition or an indirect question ('asking
    if the governor believes that ...') for a report, its subject for the source."""
    sent = parsed_sentence(text)
    token = next(t for t in sent.doc if t.text == cue)
    assert cues.is_hypothetical(token) is hypothetical, defect
    assert (token.i in {c.i for c, _ in cues.cue_candidates(sent, None, lexicon.SOURCE_NOUNS, any_noun=True)}) \
        is not hypothetical, defect


@pytest.mark.parametrize("defect, text, cue, wished", [
    ("a cue wished of its subject", "I have always wanted the common people to believe that strength can change "
     "everything.", "believe", True),
    ("a cue wished of the voters", "The party wants voters to believe that the economy is strong.", "believe", True),
    ("an infinitive of its governing verb's subject", "Jane Roe went on to say that the plan had failed.", "say",
     False),
    ("an infinitive a verb of cause governs: the speech happened", "The post was shared widely, leading advisers to "
     "counter that the plan had failed.", "counter", False),
    ("a plain report", "Jane Roe said the plan had failed.", "said", False),
])
def test_an_infinitive_cue_with_a_subject_of_its_own_is_no_report(parsed_sentence, defect, text, cue, wished):
    """Planted defect: 'wanted the common people to believe that ...' was the common people's report."""
    sent = parsed_sentence(text)
    token = next(t for t in sent.doc if t.text == cue)
    assert cues.is_wished_of_its_subject(token) is wished, defect
    assert (token.i in {c.i for c, _ in cues.cue_candidates(sent, None, lexicon.SOURCE_NOUNS, any_noun=True)}) \
        is not wished, defect


@pytest.mark.parametrize("defect, text, entity_words, phrase", [
    ("the tagger cut an organisation's name at its 'of'", "The EU Office of the Special Envoy for Fisheries (OSEF) "
     "said the dam had been built without consent.", 3, "The EU Office of the Special Envoy for Fisheries"),
    ("the whole name tagged", "The EU Office of the Special Envoy for Fisheries said the dam had been built.", 9,
     "The EU Office of the Special Envoy for Fisheries"),
    ("an organisation and where it is: no part of the name", "The EU Office in Brussels said the dam had been built.",
     3, "The EU Office"),
])
def test_an_organisation_s_name_cut_short_by_the_tagger_goes_on_in_its_of_tail(parsed_sentence, defect, text,
                                                                                 entity_words, phrase):
    """Planted defect: the tagger labelled 'the UN Office' ORG, cutting 'of the High Commissioner for Human Rights'
    off the name, and the source was the entity alone."""
    from spacy.tokens import Span

    sent = parsed_sentence(text)
    sent.doc.ents = [Span(sent.doc, 0, entity_words, label="ORG")]
    head = next(t for t in sent.doc if t.dep_ == "nsubj")
    assert cues.source_phrase(sent, head) == phrase, defect


@pytest.mark.parametrize("defect, text, phrase", [
    ("parts of parts of a document", "As the first line of the preface of the annual report says, the year was hard.",
     "the annual report"),
    ("a numbered part of a document", "Article 5 of the charter says that every member has one vote.", "the charter"),
    ("no part of a text: the whole phrase", "Members of the council said that the year was hard.",
     "Members of the council"),
])
def test_a_part_of_a_text_speaks_as_the_text(parsed_sentence, defect, text, phrase):
    """Planted defect: 'As the first sentence of the preface of the white paper says, "..."' gave the whole phrase
    as the source, where the white paper speaks."""
    sent = parsed_sentence(text)
    cue = next(t for t in sent.doc if t.lower_ in ("says", "said"))
    head = next(c for c in cue.children if c.dep_ == "nsubj")
    assert cues.source_phrase(sent, head) == phrase, defect


@pytest.mark.parametrize("defect, heads, deps, phrase", [
    ("the parse left 'and' without its second conjunct", [7, 0, 1, 2, 6, 6, 7, 7, 7, 7],
     ["nsubj", "prep", "pobj", "cc", "compound", "compound", "nsubj", "ROOT", "ccomp", "punct"], "Ana Roe"),
    ("'and' with its conjunct: the name as parsed", [7, 0, 1, 2, 2, 6, 7, 7, 7, 7],
     ["nsubj", "prep", "pobj", "cc", "conj", "compound", "nsubj", "ROOT", "ccomp", "punct"], "Ana Roe"),
])
def test_the_word_after_an_open_and_completes_its_coordination_not_the_name(nlp, defect, heads, deps, phrase):
    """Planted defect: 'Federal Minister for Industries and Production Rana Roe has said ...' - the parse hung 'and'
    on 'Industries' with no conjunct and made 'Production' a word of the name, which became the speaker's."""
    from spacy.tokens import Doc

    from flows.steps import parse

    words = ["Minister", "for", "Industries", "and", "Production", "Ana", "Roe", "said", "so", "."]
    pos = ["PROPN", "ADP", "PROPN", "CCONJ", "PROPN", "PROPN", "PROPN", "VERB", "ADV", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, spaces=[True] * 8 + [False, False], heads=heads, deps=deps, pos=pos)
    sent, _ = parse.parsed_sentence(doc, False)
    assert cues.source_phrase(sent, doc[6]) == phrase, defect


@pytest.mark.parametrize("text, word, phrase", [
    ("The port closed in May, according to a memo released on Friday by the harbour's watchdog.", "memo",
     "a memo released on Friday by the harbour's watchdog"),
    ("Most voters backed the plan, according to exit polls reported by Dunmore Radio and other networks.", "polls",
     "exit polls reported by Dunmore Radio and other networks"),
])
def test_a_participle_with_its_agent_stays_in_a_common_noun_source(parsed_sentence, text, word, phrase):
    """Planted defect: the participle that says whose memo or polls they are ('released ... by the watchdog') was cut
    off with the source's other modifiers, leaving 'a memo'."""
    sent = parsed_sentence(text)
    assert cues.source_phrase(sent, next(t for t in sent.doc if t.text == word)) == phrase


def test_a_participle_without_an_agent_stays_out_of_the_source(parsed_sentence):
    sent = parsed_sentence("The port closed in May, according to a memo released on Friday.")
    assert cues.source_phrase(sent, next(t for t in sent.doc if t.text == "memo")) == "a memo"


@pytest.mark.parametrize("text, verb, source", [
    ("Even the timing of the debate led Republicans to say that Democrats were protecting her.", "say", "Republicans"),
    ("The scandal forced the senator to admit that the plan was too costly for the state.", "admit", "senator"),
])
def test_the_object_of_a_causative_verb_is_its_infinitive_cues_source(parsed_sentence, text, verb, source):
    """Planted defect: 'The timing led Republicans to say that ...' gave the infinitive cue the subject of 'led'
    (the timing), climbing past the object that does the saying."""
    sent = parsed_sentence(text)
    cue = next(t for t in sent.doc if t.text == verb)
    if cue.dep_ != "xcomp" or not any(c.dep_ == "dobj" for c in cue.head.children):
        pytest.skip("the parse does not read the cue as the infinitive completing a verb with an object")
    assert cues.source_token(cue, sent.in_quote).text == source


@pytest.mark.parametrize("text, verb, source", [
    ("The governor wants to say that the budget will balance by next year.", "say", "governor"),
    ("Senator Kelly Roe used a closed-door luncheon to complain that the comments hurt the party.", "complain", "Roe"),
])
def test_an_infinitive_cue_of_a_verb_that_causes_nothing_keeps_the_subject(parsed_sentence, text, verb, source):
    """'used a luncheon to complain': the user complains, not the luncheon (no causative verb)."""
    sent = parsed_sentence(text)
    cue = next(t for t in sent.doc if t.text == verb)
    assert cues.source_token(cue, sent.in_quote).text == source


@pytest.mark.parametrize("text, source", [
    ("About three in 10 said they prefer an agenda more liberal than President Obama's.", "About three in 10"),
    ("Six out of 10 said the delegates should vote for the candidate with the most votes.", "Six out of 10"),
])
def test_a_share_of_people_is_the_source_not_a_name_after_it(parsed_sentence, text, source):
    """Planted defect: 'About three in 10 said ... than President Obama's' - a number was no source, and the
    surface rules gave the report to Obama, named in its content."""
    c = _clause(parsed_sentence, text)
    assert c is not None and c.source == source


def test_a_number_that_counts_no_people_is_no_source(parsed_sentence):
    assert _clause(parsed_sentence, "Three of the bills said that the tax would rise by ten percent.") is None


@pytest.mark.parametrize("text, cue", [
    ("In a statement, Tom Hale condemned the test as \u201cprovocative\u201d on Friday.", "condemned"),
    ("At a rally, Hale likened the refugees to a \u201cvicious snake\u201d in a song.", "likened"),
    ("She slammed the plan as \u201ca giveaway to the rich\u201d on Monday.", "slammed"),
])
def test_verbs_of_condemning_likening_and_slamming_characterise_in_quotes(parsed_sentence, text, cue):
    """Planted defect: condemn, liken, slam, blast, praise, mock, dub and rate were no characterising verbs, so their
    object's quoted characterisation was narration (the cue had no clause for content)."""
    clause = cues.characterised_in_quotes(parsed_sentence(text), lexicon.CHARACTERISING_VERB_FORMS, NOUNS)
    assert clause is not None and clause.cue == cue


def test_quoted_words_of_a_clause_on_the_object_characterise_nothing(parsed_sentence):
    """Planted defect: with "slam" a characterising verb, "They slammed the tax loophole called an "inversion"" took
    the name the loophole is called, quoted inside the participle on the object, for their characterisation."""
    sent = parsed_sentence("They slammed the tax loophole called an \u201cinversion,\u201d in which a company buys "
                           "a foreign rival.")
    called = next(t for t in sent.doc if t.lower_ == "called")
    if called.dep_ != "acl":
        pytest.skip("the parse does not hang the participle on the object")
    assert cues.characterised_in_quotes(sent, lexicon.CHARACTERISING_VERB_FORMS, NOUNS) is None


@pytest.mark.parametrize("text, source", [
    ("About four in 10 said they were \u201cangry\u201d with the government.", "About four in 10"),
    ("Nearly half said they would vote.", "Nearly half"),
])
def test_the_adverb_that_approximates_a_number_stays_in_its_source(parsed_sentence, text, source):
    """Planted defect: the adverb before the number was dropped with every other adverb of a source ("four in 10",
    "half"), though it says how many (rule ``approximation_of_a_number_kept``)."""
    sent = parsed_sentence(text)
    said = next(t for t in sent.doc if t.lower_ == "said")
    head = cues.source_token(said, sent.in_quote)
    if not any(c.dep_ == "advmod" and c.i < head.i for c in head.children):
        pytest.skip("the parse does not hang the adverb on the number")
    assert cues.source_phrase(sent, head) == source


def test_a_characterising_verb_finds_its_object_hung_on_quoted_words_parsed_as_the_object(parsed_sentence):
    """Rule ``object_hung_on_the_quoted_words``. Planted defect: 'calling Mexican border-crossers "rapists"' parsed
    with the quoted 'rapists' the object and 'border-crossers' its modifier: the object lay inside the quotation
    and the characterisation was narration."""
    sent = parsed_sentence("Roe has targeted the neighbour, calling Mexican border-crossers “rapists” and criminals.")
    calling = next(t for t in sent.doc if t.text == "calling")
    obj = next(c for c in calling.children if c.dep_ == "dobj")
    assert sent.in_quote[obj.i], "the parse this test plants: the quoted word as the object"
    clause = cues.characterised_in_quotes(sent, lexicon.CHARACTERISING_VERB_FORMS, NOUNS)
    assert clause is not None and clause.source == "Roe" and clause.cue == "calling"


def test_a_quoted_word_that_is_the_whole_object_characterises_nothing(parsed_sentence):
    """The quoted object is the thing called by its name, with no object of the verb's outside the quotation."""
    sent = parsed_sentence("Roe kept calling “Exampleton” all night.")
    assert cues.characterised_in_quotes(sent, lexicon.CHARACTERISING_VERB_FORMS, NOUNS) is None


@pytest.mark.parametrize("text, source", [
    ("The harbour board issued a statement saying the ferry contract was unlawful.", "board"),   # defect: no source
    ("Later, Roe's campaign released a statement saying it was postponing the rally.", "campaign"),
    ("The council posted a letter arguing that the vote was void.", "council"),
])
def test_a_participle_cue_on_an_issued_text_has_the_issuer_for_its_source(parsed_sentence, text, source):
    """Rule ``participle_on_an_issued_text``. Planted defect: 'X issued a statement saying ...' - the participle
    'saying' hangs on 'statement' with no subject of its own, and the sentence had no source."""
    sent = parsed_sentence(text)
    cue = next(t for t in sent.doc if t.dep_ == "acl" and t.text.endswith("ing"))
    head = cues.source_token(cue, sent.in_quote)
    assert head is not None and head.text == source


def test_a_participle_cue_on_the_object_of_another_verb_has_no_source_in_its_subject(parsed_sentence):
    """'criticised a report saying ...': the report says it, not the critic (no verb of putting out a text)."""
    sent = parsed_sentence("Roe criticised a report saying the ferry contract was lawful.")
    cue = next(t for t in sent.doc if t.text == "saying")
    assert cue.dep_ == "acl", "the parse this test plants"
    head = cues.source_token(cue, sent.in_quote)
    assert head is None or head.text != "Roe"


def test_a_relative_clauses_verb_reports_no_that_clause(parsed_sentence):
    """Rule ``that_clause_of_a_source``: 'policies she supported that the mayor argues allowed ...' - the parse takes
    the relative pronoun for a clause's mark; the relative clause's verb reports nothing."""
    sent = parsed_sentence("It also mentions policies she supported that the mayor argues allowed the ferry to fail.")
    supported = next(t for t in sent.doc if t.text == "supported")
    assert supported.dep_ == "relcl" and any(c.dep_ == "ccomp" for c in supported.children), "the planted parse"
    assert cues.stance_in_a_that_clause(sent, NOUNS, listed=lexicon.CUE_VERB_FORMS, min_share=0.0) is None


@pytest.mark.parametrize("text, name", [
    ("A spokesman for Clinton, Brian Fallon, said that the campaign was ready.", "Brian Fallon"),   # defect: Clinton
    ("An attorney for Pagliano, Mark MacDougall, said that his client was ready.", "Mark MacDougall"),
    ("Chinese ambassador to Germany Wu Ken said the talks went well.", "Wu Ken"),
])
def test_a_name_in_apposition_to_a_name_inside_the_sources_phrase_names_the_source(parsed_sentence, text, name):
    """Rule ``name_after_a_name_renames_the_head``. Planted defect: 'A spokesman for Clinton, Brian Fallon, said' parsed
    with 'Fallon' in apposition to 'Clinton': the first person inside the subject's phrase, Clinton, was the source."""
    sent = parsed_sentence(text)
    said = next(t for t in sent.doc if t.text == "said")
    ent = cues.source_entity(sent, cues.source_token(said, sent.in_quote))
    assert ent is not None and ent.text == name


def test_an_apposition_after_a_colon_is_the_source_not_the_phrase_it_renames(parsed_sentence):
    """Rule ``apposition_after_a_colon_is_the_source``. Planted defect: 'So, yeah, fun news this morning: the harbour
    club, my employer ..., sent me a letter saying ...' parsed with 'news' the subject and 'club' its apposition (no
    entity the tagger names): the source was 'yeah, fun news this morning: the harbour club, my employer since ...'."""
    sent = parsed_sentence("So, yeah, fun news this morning: the harbour club, my employer since August 2023 (even "
                           "though I had to keep it quiet), sent me a letter saying that it was closing.")
    saying = next(t for t in sent.doc if t.text == "saying")
    head = cues.source_token(saying, sent.in_quote)
    assert head is not None and head.text == "news", "the parse this test plants"
    assert cues.source_phrase(sent, head) == "the harbour club"


@pytest.mark.parametrize("defect, words, heads, deps", [
    ("'saying' hung on the verb of the object's 'that' clause",
     ["Berg", "rejected", "the", "idea", "that", "Roe", "would", "lose", ",", "saying", "polls", "differ"],
     [1, 1, 3, 1, 7, 7, 7, 3, 7, 7, 11, 9],
     ["nsubj", "ROOT", "det", "dobj", "mark", "nsubj", "aux", "acl", "punct", "advcl", "nsubj", "ccomp"]),
    ("the same after a preposition's object",
     ["Berg", "pointed", "to", "the", "fact", "that", "Roe", "lost", ",", "saying", "polls", "differ"],
     [1, 1, 1, 4, 2, 7, 7, 4, 7, 7, 11, 9],
     ["nsubj", "ROOT", "prep", "det", "pobj", "mark", "nsubj", "acl", "punct", "advcl", "nsubj", "ccomp"]),
])
def test_a_participle_after_a_nouns_that_clause_speaks_for_the_verb_that_takes_the_noun(nlp, defect, words, heads,
                                                                                       deps):
    """Rule ``participle_after_a_noun_clause``. Planted defect: the parse hangs ', saying ...' on the verb inside
    the noun's clause, whose subject ('Roe') became the source."""
    from spacy.tokens import Doc

    tags = ["NNP", "VBD", "DT" if words[2] == "the" else "IN", "NN" if words[2] == "the" else "DT"] + \
        (["IN", "NNP", "MD", "VB"] if words[2] == "the" else ["NN", "IN", "NNP", "VBD"]) + [",", "VBG", "NNS", "VBP"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert cues.source_token(doc[9], (False,) * len(words)).text == "Berg", defect


def test_a_participle_inside_a_nouns_clause_without_a_comma_keeps_its_subject(nlp):
    """The rule's bound: no comma before the participle ('the idea that Roe would win saying nothing') - the
    participle belongs to the clause it stands in."""
    from spacy.tokens import Doc

    words = ["Berg", "rejected", "the", "idea", "that", "Roe", "would", "win", "saying", "nothing"]
    doc = Doc(nlp.vocab, words=words, heads=[1, 1, 3, 1, 7, 7, 7, 3, 7, 8],
              deps=["nsubj", "ROOT", "det", "dobj", "mark", "nsubj", "aux", "acl", "advcl", "dobj"],
              tags=["NNP", "VBD", "DT", "NN", "IN", "NNP", "MD", "VB", "VBG", "NN"])
    assert cues.source_token(doc[8], (False,) * len(words)).text == "Roe"


@pytest.mark.parametrize("defect, text, word, phrase", [
    ("a day after the source", "Dunmore hacked the harbour's computers, according to a council report on Wednesday.",
     "report", "a council report"),
    ("a date after the agent of a kept participle",
     "A study released by the Dunmore Institute last month found that the harbour would close.", "study",
     "A study released by the Dunmore Institute"),
])
def test_a_time_is_no_part_of_a_source(parsed_sentence, defect, text, word, phrase):
    """Rule ``no_time_in_a_source``. Planted defect: a modifier that says only when, left at the source's end."""
    sent = parsed_sentence(text)
    assert cues.source_phrase(sent, next(t for t in sent.doc if t.text == word)) == phrase, defect


def test_a_place_after_a_common_noun_source_stays():
    """The rule's bound: a tail that names where or whom is not a time ('Officials in Dunmore')."""
    from flows.steps import parse

    sent = parse.parsed_sentence(parse.english_pipeline()("Officials in Dunmore said the harbour would close."),
                                 False)[0]
    assert cues.source_phrase(sent, sent.doc[0]) == "Officials in Dunmore"


@pytest.mark.parametrize("defect, text, phrase", [
    ("a hyphen between spaces", "The plan would cost $2 billion, according to the Harbour Budget Office - half a "
     "percentage point of the region's output.", "the Harbour Budget Office"),
    ("an em dash between spaces", "The plan would cost $2 billion, according to the Harbour Budget Office — half a "
     "percentage point of the region's output.", "the Harbour Budget Office"),
])
def test_an_organisation_tagged_past_a_spaced_dash_ends_at_the_dash(parsed_sentence, defect, text, phrase):
    """Rule ``entity_ends_at_a_dash``. Planted defect: the tagger's organisation runs on over the dash into the
    words after it, and the source was the whole entity."""
    from spacy.tokens import Span

    sent = parsed_sentence(text)
    head = next(t for t in sent.doc if t.text == "Office")
    start = next(t.i for t in sent.doc if t.text == "the" and t.i < head.i and t.nbor(1).text == "Harbour")
    sent.doc.ents = [Span(sent.doc, start, head.i + 3, label="ORG")]      # "the ... Office - half"
    assert cues.source_phrase(sent, head) == phrase, defect


def test_a_hyphen_inside_a_name_stays():
    """The rule's bound: a hyphen without spaces is part of the name ('Jane Roe-Hale')."""
    from flows.steps import parse

    sent = parse.parsed_sentence(parse.english_pipeline()("The plan will fail, said Jane Roe-Hale."), False)[0]
    head = next(t for t in sent.doc if t.text == "Hale")
    assert cues.source_phrase(sent, head) == "Jane Roe-Hale"
