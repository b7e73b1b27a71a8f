"""The sieve order: each sieve decides only sentences still open; the first decision stands."""
import pytest

from flows.steps.attribute import RULE_NAMES, SIEVES, attributed_document, sieves


def _rules(paragraphs, nlp, language="en"):
    return [(a.rule, a.mode, a.speaker) for a in attributed_document(paragraphs, language=language, nlp=nlp).sentences]


def _context(nlp, first: str, second: str, surface_second):
    """Sieve context of two one-sentence paragraphs: a narrated first, the second as the surface rules
    decided it (``surface_second``: AttributedSentence fields after the offsets)."""
    from flows.steps import entities, lexicon, parse
    from flows.steps.attribute.model import AttributedSentence

    parsed = parse.parsed_document([first, second], [(0, 0, len(first)), (1, 0, len(second))], nlp)
    surface = (AttributedSentence(0, 0, len(first), "narration", None, None, None, False),
               AttributedSentence(1, 0, len(second), *surface_second))
    return sieves.Context(surface, parsed, entities.document_people(parsed), lexicon.CUE_VERB_FORMS,
                          lexicon.REPORTED_SOURCE_NOUNS, lexicon.REPORTED_MIN_SHARE)


def test_every_sieve_rule_is_declared():
    assert len(set(RULE_NAMES)) == len(RULE_NAMES) and "narration" in RULE_NAMES
    surface = {r for sieve in SIEVES for r in getattr(sieve, "rules", ())}
    assert surface and surface <= set(RULE_NAMES)
    parsed = {"quote_with_cue", "quote_continues", "cue_with_subject", "according_to", "quoted_characterisation",
              "characterisation",
              "signed_quotation", "quotation_under_a_name", "quote_introduced_before", "that_clause_of_a_source"}
    assert set(RULE_NAMES) == surface | parsed | {"learned_reported", "narration"}


def test_labelled_turns_come_first_and_a_report_inside_a_turn_is_the_reported_source(nlp):
    paras = ["Q: What happened next?", "A: The minister said that the talks had failed.",
             "Q: And then?", "A: We went home."]
    rules = _rules(paras, nlp)
    assert rules[0] == ("labelled_turn", "turn", "Q") and rules[3] == ("labelled_turn", "turn", "A")
    assert rules[1][1:] == ("indirect", "The minister")


def test_parse_sieve_names_the_speaker_and_pronoun_carries_to_the_fullest_name(nlp):
    paras = ["Jane Roe, Convenor of the Centre for Strategic Studies of Ruritania, said on Monday that "
             "the talks had failed.", "Roe added that a new round would start in May."]
    out = attributed_document(paras, language="en", nlp=nlp).sentences
    assert [(a.rule, a.mode, a.speaker) for a in out] == [
        ("cue_with_subject", "indirect", "Jane Roe"), ("cue_with_subject", "indirect", "Jane Roe")]
    assert out[0].speaker_role == "Convenor of the Centre for Strategic Studies of Ruritania"
    assert paras[0][out[0].cue_start:out[0].cue_end] == "said"


def test_without_a_parse_only_surface_sieves_decide(nlp):
    paras = ["Der Minister sagte, dass die Gespräche gescheitert seien."]
    assert all(r[0] not in ("cue_with_subject", "according_to") for r in _rules(paras, nlp, language="de"))


def test_decisions_keep_the_first_sieve_that_decided():
    first = sieves.Decision("turn", "A", None, None, None, None, "labelled_turn")
    second = sieves.Decision("indirect", "B", None, "said", 0, 4, "cue_with_subject")
    order = (lambda ctx, decided: {0: first}, lambda ctx, decided: {i: second for i in (0, 1) if i not in decided})
    assert sieves.decisions(None, order) == {0: first, 1: second}
    assert SIEVES[0] is sieves.dialogue_turns


def test_a_quotation_going_on_in_the_next_sentence_keeps_its_speaker(nlp):
    from flows.steps import parse

    para = "“The harbour will reopen in May,” Jane Roe said. “Then the boats come back.” The rain stopped."
    spans = [(0, 0, 48), (0, 49, 78), (0, 79, len(para))]
    ctx = sieves.Context((), parse.parsed_document([para], spans, nlp), None, frozenset(), frozenset(), 0.5)
    first = sieves.Decision("direct", "Jane Roe", None, "said", 43, 47, "quote_with_cue")
    assert sieves.quote_continues(ctx, {0: first}) == {
        1: sieves.Decision("direct", "Jane Roe", None, None, None, None, "quote_continues")}


def test_beside_a_quotation_any_verb_names_its_speaker(nlp):
    from flows.steps import entities, lexicon, parse
    from flows.steps.attribute.model import AttributedSentence

    para = "Mayor Ann Lee shot back, “The plan was approved by every council member last year.”"
    parsed = parse.parsed_document([para], [(0, 0, len(para))], nlp)
    surface = (AttributedSentence(0, 0, len(para), "direct", "Tom Bell", None, None, False, "quote_speaker"),)
    ctx = sieves.Context(surface, parsed, entities.document_people(parsed), lexicon.CUE_VERB_FORMS,
                         lexicon.REPORTED_SOURCE_NOUNS, lexicon.REPORTED_MIN_SHARE)
    decided = sieves.quote_with_cue(ctx, {})
    assert (decided[0].mode, decided[0].speaker, decided[0].cue) == ("direct", "Ann Lee", "shot")


@pytest.mark.parametrize("defect, para, speaker, cue", [
    ("a listed cue whose subject is a description, then a verb inside the content",
     "The party's front-runner and former governor said the state “clearly” needed a more robust plan for its roads.",
     "The party's front-runner and former governor", "said"),
    ("a listed cue whose subject is a document, then a verb in a clause after it",
     "“The files had been opened by someone outside,” the audit report said, referring to Hale's deputy, who ran "
     "the office until Hale took over as chairman.", "the audit report", "said"),
])
def test_beside_a_quotation_a_listed_cue_with_a_noun_subject_wins_over_any_other_verb(nlp, defect, para, speaker,
                                                                                        cue):
    """Planted defect: when the subject of the listed cue was a common noun no list names, the fallback to any verb
    took a verb of the content or of a clause after it ('needed', 'took'), its subject the speaker."""
    from flows.steps import entities, lexicon, parse
    from flows.steps.attribute.model import AttributedSentence

    parsed = parse.parsed_document([para], [(0, 0, len(para))], nlp)
    surface = (AttributedSentence(0, 0, len(para), "direct", "Tom Bell", None, None, False, "quote_speaker"),)
    ctx = sieves.Context(surface, parsed, entities.document_people(parsed), lexicon.CUE_VERB_FORMS,
                         lexicon.REPORTED_SOURCE_NOUNS, lexicon.REPORTED_MIN_SHARE)
    decided = sieves.quote_with_cue(ctx, {})
    assert (decided[0].speaker, decided[0].cue) == (speaker, cue), defect


def test_he_takes_the_parsed_person_when_the_surface_guess_names_no_person(nlp):
    ctx = _context(nlp, "Tom Bell opened the new harbour office on Monday.", "He said the port would hire fifty people.",
                   ("indirect", "Federal", None, "said", False, "reported_cue"))
    assert sieves.cue_with_subject(ctx, {})[1].speaker == "Tom Bell"


def test_the_demonym_that_names_a_person_takes_the_person(nlp):
    ctx = _context(nlp, "Kari Nordmann visited the port.",
                   "“The harbour must reopen,” said the Norwegian, who has lived in the port for years.",
                   ("direct", "Kari Nordmann", None, "said", False, "quote_speaker"))
    assert sieves.quote_with_cue(ctx, {})[1].speaker == "Kari Nordmann"


def test_a_surface_cue_span_is_found_in_the_text_itself_not_in_a_lower_cased_copy():
    from flows.steps.attribute import cue_span
    from flows.steps.attribute.model import AttributedSentence

    para = "İİİ Ayşe Said that the port reopened."          # 'İ'.lower() is two characters long
    a = AttributedSentence(0, 0, len(para), "indirect", "Ayşe", None, "said", False, "reported_cue")
    start, end = cue_span(para, a, "said")
    assert para[start:end] == "Said"


def test_a_carried_report_stops_where_another_named_subject_states_a_fact(nlp):
    """Planted defect: the narrator's "Ann Lee won the vote." carried on as the previous speaker's report."""
    from flows.steps import parse

    paras = ["Ann Lee won the vote by four points.", "Iowa may decide the race."]
    parsed = parse.parsed_document(paras, [(0, 0, len(paras[0])), (1, 0, len(paras[1]))], nlp)
    assert sieves.another_voice(parsed.sentences[0], "Tom Bell")
    assert not sieves.another_voice(parsed.sentences[0], "Ann Lee")             # the speaker goes on
    assert not sieves.another_voice(parsed.sentences[1], "Tom Bell")            # a modal: still the view


def test_a_quotation_after_a_report_in_its_paragraph_takes_the_reported_source(nlp):
    """Planted defect: the surface rules gave the quotation after 'Jane Roe said ...' to a person of
    the previous paragraph; the parse's report in the same paragraph names its speaker."""
    paras = ["Tom Bell opened the new harbour office on Monday.",
             "Jane Roe said the port would reopen in May. “The boats will come back with the spring.”"]
    out = attributed_document(paras, language="en", nlp=nlp).sentences
    assert (out[1].rule, out[1].speaker) == ("cue_with_subject", "Jane Roe")
    assert (out[2].rule, out[2].mode, out[2].speaker) == ("quote_continues", "direct", "Jane Roe")


def _quote_paragraphs_ctx(nlp, paras):
    from flows.steps import parse
    from flows.steps.attribute import surface

    spans = [(a.paragraph_index, a.start, a.end) for a in surface.attributed_document(paras).sentences]
    return sieves.Context((), parse.parsed_document(paras, spans, nlp), None, frozenset(), frozenset(), 0.5)


def test_a_quotation_left_open_at_a_paragraph_end_goes_on_in_the_next_paragraph(nlp):
    # planted: the news convention - no closing mark where a quotation runs on into the next paragraph
    paras = ["“The port will reopen in May,” Jane Roe said. “The boats come back then.",
             "“We will need more workers. The town is ready.”", "The rain stopped."]
    ctx = _quote_paragraphs_ctx(nlp, paras)
    first = sieves.Decision("direct", "Jane Roe", None, "said", 31, 35, "quote_with_cue")
    out = sieves.quote_continues(ctx, {0: first})
    assert {si: d.speaker for si, d in out.items()} == {1: "Jane Roe", 2: "Jane Roe", 3: "Jane Roe"}


def test_a_quotation_closed_at_its_paragraph_end_does_not_speak_for_the_next_paragraph(nlp):
    # control: the first paragraph closes its quotation, so the next paragraph's quotation is no one's yet
    paras = ["“The port will reopen in May,” Jane Roe said. “The boats come back then.”",
             "“We will need more workers. The town is ready.”"]
    ctx = _quote_paragraphs_ctx(nlp, paras)
    first = sieves.Decision("direct", "Jane Roe", None, "said", 31, 35, "quote_with_cue")
    assert set(sieves.quote_continues(ctx, {0: first})) == {1}


def test_she_never_takes_a_surface_guess_the_text_calls_he(nlp):
    """Planted defect: the surface rules' guess "Tom Hale" (a "Mr.") taken for "she said"; the veto
    (rule ``pronoun_of_the_other_gender``) reads only an honorific or gendered noun, not pronoun votes."""
    first, guess = "Ann Berg, a lawyer, met Mr. Tom Hale on Monday.", ("indirect", "Tom Hale", None, "said", False,
                                                                       "reported_cue")
    ctx = _context(nlp, first, "She said the talks had failed.", guess)
    assert ("Tom Hale", "he") in ctx.people.titled
    assert sieves.cue_with_subject(ctx, {})[1].speaker == "Ann Berg"
    ctx_he = _context(nlp, first, "He said the talks had failed.", guess)
    assert sieves.cue_with_subject(ctx_he, {})[1].speaker == "Tom Hale"      # the same guess, the right gender


def test_a_party_member_is_no_short_form_of_another_party_member(nlp):
    """Planted defect: "Republican" read as the surname of the fullest "name" ending in it, so "A Texas
    Republican" became the New Hampshire one named before."""
    paras = ["“He will not collapse in a week,” said a New Hampshire Republican, who answered anonymously.",
             "A Texas Republican said on Monday that the race was over."]
    speakers = [speaker for _, mode, speaker in _rules(paras, nlp)]
    assert speakers == ["a New Hampshire Republican", "A Texas Republican"]


def test_she_never_takes_a_surface_guess_whose_given_name_is_a_mans(nlp):
    """Planted defect: no honorific anywhere, so the surface rules' guess "Robert Stone" stood for "she said";
    the given name is evidence enough for the veto (rule ``pronoun_of_the_other_gender``)."""
    first, guess = "Mary Hale, a lawyer, met Robert Stone on Monday.", ("indirect", "Robert Stone", None, "said",
                                                                        False, "reported_cue")
    ctx = _context(nlp, first, "She said the talks had failed.", guess)
    assert not ctx.people.titled
    assert sieves.cue_with_subject(ctx, {})[1].speaker == "Mary Hale"
    ctx_he = _context(nlp, first, "He said the talks had failed.", guess)
    assert sieves.cue_with_subject(ctx_he, {})[1].speaker == "Robert Stone"


def test_the_closing_mark_of_a_quotation_opens_no_role(nlp):
    # planted defect: the parse hung the quotation's closing mark on the phrase before the name: role '" prominent ...'
    text = ('"People are still fighting. They are still resisting, but they feel a sense of terror," prominent '
            'Ruritanian politician and activist Tom Bellamy, who fled Ruritania for the U.K. soon after the new '
            '"security" law came into effect, told CBS News.')
    doc = attributed_document([text], language="en", nlp=nlp)
    assert [(s.speaker, s.speaker_role) for s in doc.sentences] == [
        ("Tom Bellamy", "prominent Ruritanian politician and activist")] * 2


@pytest.mark.parametrize("defect, text, role", [
    ("the name stood in the head's apposition, so the role was the name itself",
     "His nephew Tom Bellamy said on Monday that the flight had been calm.", "His nephew"),
    ("a description before the name was lost", "Ruritanian ambassador to Germany Tom Bellamy said on Monday "
                                                "that talks would resume.", "Ruritanian ambassador to Germany"),
    ("an honorific was taken for a role", "Mr. Tom Bellamy said on Monday that talks would resume.", None),
    ("an apposition after the name was lost", "Tom Bellamy, a lawyer for the family, said on Monday that the "
                                              "talks would resume.", "a lawyer for the family"),
    ("an age was taken for a role", "Tom Bellamy, 70, said on Monday that the talks would resume.", None),
    ("an aside in brackets was taken for a role", "Tom Bellamy (a view many share) said on Monday that the "
                                                  "talks would resume.", None),
    ("a relative clause stayed in the role", "Tom Bellamy, a lawyer who lives in Paris, said on Monday that the "
                                             "talks would resume.", "a lawyer"),
    ("the bracket the role opens lost its closing mark (role_closes_its_bracket)",
     "Tom Bellamy, chairman of America Rising (a Republican PAC), said the ruling was wrong.",
     "chairman of America Rising (a Republican PAC)"),
])
def test_the_role_is_the_description_beside_the_name_never_the_name(parsed_sentence, defect, text, role):
    from flows.steps.attribute.cues import source_entity

    sent = parsed_sentence(text)
    head = next(c for t in sent.doc if t.lower_ == "said" for c in t.children if c.dep_ == "nsubj")
    assert sieves.role_of(sent, head, source_entity(sent, head)) == role, defect


def test_a_definite_description_of_an_office_takes_the_person_and_keeps_itself_as_role(nlp):
    """Planted defect: 'the Ruritanian senator' was the speaker, a short form the contract resolves."""
    ctx = _context(nlp, "Senator Kari Nordmann visited the port.", "The Ruritanian senator said the harbour would "
                   "reopen soon.", ("indirect", "Kari Nordmann", None, "said", False, "reported_cue"))
    decision = sieves.cue_with_subject(ctx, {})[1]
    assert (decision.speaker, decision.role) == ("Kari Nordmann", "The Ruritanian senator")


def test_a_description_of_something_else_stays_the_source(nlp):
    ctx = _context(nlp, "Senator Kari Nordmann visited the port.", "The letter said the harbour would reopen soon.",
                   ("indirect", "Kari Nordmann", None, "said", False, "reported_cue"))
    assert sieves.cue_with_subject(ctx, {})[1].speaker == "The letter"


@pytest.mark.parametrize("defect, text, speaker, rejected", [
    ("a clause taken for a speaker", "You start as soon as the guest comes on and go until the clock warns you.",
     "You start as soon as the guest comes on and", True),
    ("an adjective of the subject taken for the speaker", "The Federal minister made it clear that no rift existed.",
     "Federal", True),
    ("a participle that modifies the noun is no clause", "Experts attending the forum believe that the plan works.",
     "Experts attending the forum", False),
    ("the object of 'according to' is a source", "According to radio host Tom Bellamy, the plan works.",
     "Tom Bellamy", False),
    ("a clause's conjunction taken into the speaker", "Even though the Ruritanian government has explained the "
     "plan, many observers said they had doubts.", "Even though the Ruritanian government", True),
    ("an interjection taken for a speaker", "Please explain the inappropriate content below.", "Please", True),
    ("a speaker not written in the sentence", "He said the plan works.", "Tom Bellamy", False),
])
def test_a_surface_speaker_where_the_parse_reads_no_noun_phrase_is_dropped(parsed_sentence, defect, text, speaker,
                                                                           rejected):
    assert sieves.speaker_is_no_noun_phrase(parsed_sentence(text), speaker) is rejected, defect


def test_a_definite_description_the_surface_left_unnamed_is_the_subject_named_just_before(nlp):
    """Planted defect: 'the renowned expert' stayed the speaker though Kari Nordmann, named as the subject
    of the sentence before, is who the description stands for."""
    ctx = _context(nlp, "Kari Nordmann noted that the harbour was busy.", "The harbour will reopen soon, the "
                   "renowned port expert said.", ("narration", None, None, None, False))
    decision = sieves.cue_with_subject(ctx, {})[1]
    assert (decision.speaker, decision.role) == ("Kari Nordmann", "the renowned port expert")


def test_a_definite_description_never_stands_for_a_person_its_own_report_is_about(nlp):
    """Planted defect: in 'Tom Hale is so reckless, the port director said, that ...' the description took Tom
    Hale - the subject of what the director said, in the same sentence - not Kari Nordmann, named before."""
    ctx = _context(nlp, "Kari Nordmann noted that the harbour was busy.", "Tom Hale is so reckless, the port "
                   "director said, that the boats stay away.", ("narration", None, None, None, False))
    assert sieves.cue_with_subject(ctx, {})[1].speaker == "Kari Nordmann"


def test_a_description_that_names_its_own_body_is_someone_new(nlp):
    ctx = _context(nlp, "Kari Nordmann noted that the harbour was busy.", "The head of the Ruritanian Port "
                   "Authority said the harbour will reopen soon.", ("narration", None, None, None, False))
    assert sieves.cue_with_subject(ctx, {})[1].speaker != "Kari Nordmann"


def test_the_official_is_left_as_written_since_officials_often_go_unnamed(nlp):
    """Planted defect: 'the official' (who spoke on condition of anonymity) took the person the surface
    rules had last named."""
    ctx = _context(nlp, "Kari Nordmann visited the port.", "The official said the harbour would reopen soon.",
                   ("indirect", "Kari Nordmann", None, "said", False, "reported_cue"))
    assert sieves.cue_with_subject(ctx, {})[1].speaker == "The official"


def test_the_subject_named_just_before_wins_over_the_surface_guess_for_a_description(nlp):
    """Planted defect: the surface rules' last-named person was taken for 'the senator' although the
    sentence before names the senator as its subject."""
    ctx = _context(nlp, "Senator Tom Bellamy met Kari Nordmann at the port.", "The senator said the harbour would reopen soon.",
                   ("indirect", "Kari Nordmann", None, "said", False, "reported_cue"))
    assert sieves.cue_with_subject(ctx, {})[1].speaker == "Tom Bellamy"


@pytest.mark.parametrize("defect, text, cue, dropped", [
    ("a cue word the parse reads as a noun", "Polls showed Tom Bellamy strong in three key states.", "states", True),
    ("a cue inside a relative clause", "Jane Roe, who said the plan failed, resigned on Monday.", "said", True),
    ("a cue the parse reads as the sentence's verb", "Jane Roe said the plan failed.", "said", False),
    ("a participle that modifies a noun", "Copies of all the papers mentioned in this release can be found online.",
     "mentioned", True),
    ("a cue phrase the parse reads apart", "In the view of Jane Roe, the plan failed.", "In the view of", False),
    ("a cue word the parse reads as a verb's object", "The delegates, each making claims about their plans, met on "
     "Monday.", "claims", True),
])
def test_a_surface_cue_that_is_no_reporting_verb_is_dropped(parsed_sentence, defect, text, cue, dropped):
    decision = sieves.Decision("indirect", "Jane Roe", None, cue, None, None, "reported_cue")
    assert sieves.cue_is_no_reporting_verb(parsed_sentence(text), decision) is dropped, defect


def test_an_opening_phrase_and_an_age_do_not_hide_a_report_of_what_someone_said(nlp):
    """Planted defect: the cue classifier weighed 'At a briefing ..., Ann Berg, 70, said she ...' below its
    threshold (an opening phrase and no quotation), and the surface rules read no name before ', 70,'."""
    assert _rules(["At a briefing after the trip, Ann Berg, 70, said she was not in the country for an inquiry."],
                  nlp) == [("cue_with_subject", "indirect", "Ann Berg")]


def test_they_never_stands_for_one_named_person(nlp):
    """Planted defect: 'They claimed ...' took the speaker of the sentence before, one man."""
    rules = _rules(["Karl Brandt called the plan a failure on Monday.", "They claimed that the harvest was done by "
                    "hand."], nlp)
    assert rules[1][2] != "Karl Brandt"


@pytest.mark.parametrize("defect, first, speaker", [
    ("a they for people of a listed noun was no one", "The two economists compare the ports of the region.",
     "The two economists"),
    ("a they for two named people was no one", "Ann Berg and Tom Hale visited the two ports in May.",
     "Ann Berg and Tom Hale"),
    ("politicians were no people who speak", "Some Ruritanian politicians visited the two ports in May.",
     "Some Ruritanian politicians"),
])
def test_they_stands_for_the_latest_plural_of_people_who_speak(nlp, defect, first, speaker):
    assert _rules([first, "In the south, they said, the boats came back."], nlp)[1][2] == speaker, defect


def test_they_of_a_verb_in_a_relative_clause_stands_for_no_one(nlp):
    """Planted defect: 'the values they claim to uphold' - a cue inside a relative clause, no report of the
    sentence - made the sentence the speech of the plural named before."""
    rules = _rules(["The two economists compare the ports of the region.", "They pass laws, break promises and drop "
                    "the values they claim to uphold, choosing instead to live in delusion."], nlp)
    assert rules[1][2] != "The two economists"


def test_they_stands_for_no_plural_of_things(nlp):
    """Guard: 'The new rules ... they said' - rules do not speak; they stays unresolved."""
    rules = _rules(["The new rules cover the ports of the region.", "In the south, they said, the boats came back."],
                   nlp)
    assert rules[1][2] != "The new rules"


@pytest.mark.parametrize("defect, text, speaker", [
    ("a one-word quotation after the object was no one's speech", 'Karl Brandt called the decision "arbitrary."',
     "Karl Brandt"),
    ("'dismissed ... as' with quoted words stayed narration", 'Envoy Karl Brandt dismissed the session as a '
                                                             '"textbook case of grandstanding."', "Karl Brandt"),
    ("an organisation's quoted label stayed narration", 'The ministry labeled the assessment "completely illegal '
                                                        'and void."', "The ministry"),
])
def test_quoted_words_characterising_an_object_are_the_subjects(nlp, defect, text, speaker):
    assert _rules([text], nlp) == [("quoted_characterisation", "direct", speaker)], defect


@pytest.mark.parametrize("defect, text, speaker", [
    ("an object called a noun phrase stayed narration", "The ministry called the new contract a transparent ploy aimed "
                                                         "at the workers.", "The ministry"),
    ("an object called an adjective stayed narration", "The campaign called the charges unsubstantiated and "
                                                        "fabricated.", "The campaign"),
    ("'dismissed ... as' without quotation marks stayed narration", "Karl Brandt dismissed the report as absurd.",
     "Karl Brandt"),
])
def test_a_predicate_characterising_an_object_is_the_subjects_word(nlp, defect, text, speaker):
    assert _rules([text], nlp) == [("characterisation", "indirect", speaker)], defect


@pytest.mark.parametrize("defect, text", [
    ("a name given was taken for a characterisation", "They called their son Robert after his grandfather."),
    ("a wh-word object was taken for the speaker's words", "Experts discussed what Ruritania calls people-centred "
                                                             "development."),
    ("a verb without an object", "Karl Brandt called on Monday."),
])
def test_names_given_and_wh_objects_are_no_characterisation(nlp, defect, text):
    assert _rules([text], nlp)[0][0] != "characterisation", defect


@pytest.mark.parametrize("defect, text", [
    ("a name in quotation marks was taken for speech", 'They set up a website called "Leave Now" that sells maps.'),
    ("a quoted title before the object was taken for speech", 'Karl Brandt praised the "Made in Ruritania" campaign.'),
])
def test_quoted_names_of_things_are_no_characterisation(nlp, defect, text):
    assert _rules([text], nlp)[0][0] != "quoted_characterisation", defect


@pytest.mark.parametrize("defect, role, dropped", [
    ("a clause cut by the surface rules was kept as the role", "delivered the statement on behalf of 40 countries",
     True),
    ("a participle inside a title was read as a clause", "chief operating officer of the board", False),
    ("an apposition is a role", "the envoy of Ruritania", False),
    ("a relative clause was kept as the role", "who heads the board", True),
    ("an adverbial phrase was kept as the role", "for his part", True),
    ("a participle's clause was kept as the role", "speaking to reporters", True),
    ("an article and modifiers with no noun were kept as the role", "A more subdued", True),
    ("an adverb was kept as the role", "Now", True),
])
def test_a_role_the_parse_reads_as_a_clause_is_dropped(nlp, defect, role, dropped):
    ctx = _context(nlp, "Karl Brandt, the envoy of Ruritania, delivered the statement on behalf of 40 countries.",
                   "Karl Brandt, chief operating officer of the board, who heads the board, for his part, speaking to "
                   "reporters, said the harbour would reopen. A more subdued Karl Brandt may help, aides say. Now Brandt says "
                   "he will stay.",
                   ("indirect", "Karl Brandt", None, "said", False, "reported_cue"))
    assert sieves.role_is_no_description(ctx, 1, role) is dropped, defect


def test_a_paragraph_left_open_takes_the_speaker_of_the_next_paragraph_that_reopens_the_quotation(nlp):
    """Planted defect: the open paragraph took the speaker quoted before (Tom Hale), though by the news
    convention its quotation goes on into the next paragraph, which Ann Berg closes."""
    paragraphs = ['"I have never seen anything like it," Tom Hale said.', '"The first thing we did was call our families.',
                  '"Then we waited for help that never came," Ann Berg said.']
    assert _rules(paragraphs, nlp)[1] == ("quote_continues", "direct", "Ann Berg")


def test_an_excerpt_in_other_marks_does_not_take_the_speaker_of_a_quotation_inside_it(nlp):
    """Planted defect: an excerpt in straight marks, left open, took the speaker of the curly quotation
    the next paragraph of the excerpt holds."""
    paragraphs = ['"Rising to the top requires cunning and determination.',
                  '“You have insulted everyone,” Ann Berg charged in the debate.']
    assert _rules(paragraphs, nlp)[0][2] != "Ann Berg"


def test_a_pronoun_no_person_was_named_for_takes_the_description_that_is_its_antecedent(nlp):
    """Planted defect: '"...," he said' after 'The minister spoke ...' stayed narration, as no person was named."""
    rules = _rules(["The minister spoke to reporters after the meeting.", '"There will be no new taxes," he said.'], nlp)
    assert rules[1][1:] == ("direct", "The minister")


_INTERVIEW = ["Interview: Ann Berg on the future of the port",
              "Ann Berg has run the Dunmore port authority since 2015. We spoke to her about the strike.",
              "What went wrong this year?", "The strike caught everyone by surprise. That was my mistake.",
              "Will the port recover?", "Yes. I expect record traffic by spring.",
              "What about the workers?", "We will pay them in full. I gave my word."]


def test_an_interview_printed_without_labels_alternates_interviewer_and_interviewee(nlp):
    """Planted defect: an interview whose labels were lost (question paragraphs, then answers) was all narration."""
    rules = _rules(_INTERVIEW, nlp)
    assert rules[:3] == [("narration", "narration", None)] * 3                # the introduction
    assert rules[3] == ("question_answer_turn", "turn", "interviewer")
    assert set(rules[4:6]) == {("question_answer_turn", "turn", "Ann Berg")}


@pytest.mark.parametrize("defect, paragraphs", [
    ("a column's rhetorical questions, no interview framing", [p.replace("We spoke to her about", "She led")
                                                              for p in _INTERVIEW[1:]]),
    ("answers in the third person", _INTERVIEW[:3] + ["The strike caught the port by surprise.", _INTERVIEW[4],
                                                      "The port expects record traffic.", _INTERVIEW[6],
                                                      "The workers will be paid in full."]),
])
def test_questions_and_answers_without_framing_or_first_person_are_no_interview(nlp, defect, paragraphs):
    assert all(rule != "question_answer_turn" for rule, _, _ in _rules(paragraphs, nlp)), defect


@pytest.mark.parametrize("defect, text, speaker", [
    ("a one-word quotation before an inverted cue was narration", '"Nonsense," replied Ann Berg.', "Ann Berg"),
    ("a short quotation before its cue was read as indirect by the classifier", '"We are ready," Ann Berg tweeted '
                                                                                 'on Sunday.', "Ann Berg"),
])
def test_a_quotation_followed_by_its_short_attribution_is_direct_speech(nlp, defect, text, speaker):
    assert _rules([text], nlp) == [("quote_with_cue", "direct", speaker)], defect


@pytest.mark.parametrize("defect, text, speaker", [
    ("a quotation after a colon and a verb of no cue list was indirect", 'Ann Berg gloated: "I told you he would '
                                                                         'not be ready."', "Ann Berg"),
    ("a quotation after a comma and a phrasal verb was narration", 'Ann Berg shot back, "Nobody asked the port."',
     "Ann Berg"),
])
def test_a_short_attribution_followed_by_its_quotation_is_direct_speech(nlp, defect, text, speaker):
    assert _rules([text], nlp) == [("quote_with_cue", "direct", speaker)], defect


@pytest.mark.parametrize("defect, text", [
    ("a proverb became a people's speech", 'As a Ruritanian saying goes, "The port is the foundation of the town."'),
    ("words after the quotation", 'Ann Berg gloated: "Ready," and the workers went home to their families.'),
    ("too many words before the quotation", 'On the long way home from the port on Monday night, Ann Berg '
                                            'suddenly wrote: "Ready."'),
])
def test_no_attribution_then_quotation_shape(nlp, defect, text):
    from flows.steps import parse

    sent = parse.parsed_document([text], [(0, 0, len(text))], nlp).sentences[0]
    assert not sieves.attribution_then_quotation(sent), defect


def test_a_description_that_keeps_its_person_unnamed_stays_as_written(nlp):
    """Planted defect: 'the spokesman, who declined to be named,' took the person named just before."""
    ctx = _context(nlp, "Ann Berg visited the port on Monday.", "The spokesman, who declined to be named, said the "
                   "deal was close.", ("narration", None, None, None, False))
    assert sieves.cue_with_subject(ctx, {})[1].speaker == "The spokesman"


def test_a_possessive_names_whose_spokesperson_speaks_not_the_speaker(nlp):
    """Planted defect: "Ann Berg's former strategist said" was attributed to Ann Berg."""
    rules = _rules(["Ann Berg's former campaign strategist said the numbers were wrong."], nlp)
    assert rules[0][2] != "Ann Berg" and rules[0][1] == "indirect"


def test_he_or_she_never_stands_for_a_speaker_that_is_no_person(nlp):
    """Planted defect: the surface rules gave 'He said ...' the last capitalised subject, a newspaper."""
    ctx = _context(nlp, "The Dunmore Herald reported the fire on Monday.", "He said the harbour would reopen.",
                   ("indirect", "The Dunmore Herald", None, "said", False, "reported_cue"))
    decision = sieves.Decision("indirect", "The Dunmore Herald", None, "said", None, None, "reported_cue")
    assert sieves.pronoun_disagrees(ctx, ctx.parsed.sentences[1], decision)


_ONE_WORD_LABELS = ["Ann Berg, the port director, spoke to the Dunmore Herald about the strike.",
                    "Herald: What happened on Monday?", "Berg: The workers walked out at noon. We had no warning.",
                    "Herald: Will you negotiate?", "Berg: Of course. We always negotiate."]


def test_one_word_labels_that_take_turns_make_a_dialogue(nlp):
    """Planted defect: 'Herald:' (a word of no person's name) and 'Berg:' taking turns were left as narration."""
    rules = _rules(_ONE_WORD_LABELS, nlp)
    assert rules[1] == ("labelled_turn", "turn", "Herald") and rules[2] == ("labelled_turn", "turn", "Ann Berg")


@pytest.mark.parametrize("defect, paragraphs", [
    ("section words taken for speakers", ["Pros: The battery lasts a week.", "Cons: The screen is dim.",
                                          "Pros: It is cheap.", "Cons: It is slow."]),
    ("a schedule taken for a dialogue", ["Monday: The port opens at noon.", "Tuesday: The ships arrive.",
                                         "Wednesday: The workers vote."]),
])
def test_labels_that_do_not_take_turns_as_speakers_are_no_dialogue(nlp, defect, paragraphs):
    assert all(mode != "turn" for _, mode, _ in _rules(paragraphs, nlp)), defect


@pytest.mark.parametrize("defect, paragraph, name", [
    ("a quotation signed after a dash took the speaker of the one before", '"We need a new port. We need it now." ― '
                                                                           'Jane Roe', "Jane Roe"),
    ("a signature with age and place was not read", '"Build a wall around him." — Tom Hale, 34, Dunmore.', "Tom Hale"),
])
def test_a_quotation_signed_by_a_name_after_a_dash_is_that_persons(nlp, defect, paragraph, name):
    rules = _rules(['"It was a long night," Ann Berg said.', paragraph], nlp)
    assert rules[1] == ("signed_quotation", "direct", name), defect
    assert rules[-1][1] == "narration" or rules[-1][0] == "signed_quotation"    # the signature itself is no speech


@pytest.mark.parametrize("paragraph", [
    'The port reopened on Monday — Jane Roe, the director, was there.',    # no quotation
    '"Port reopens" is the headline — and the news of the day.',            # lower-case words after the dash
])
def test_dashes_that_sign_nothing_are_no_signature(paragraph):
    assert sieves.signed_by(paragraph) is None


def test_a_transcript_quoted_paragraph_by_paragraph_keeps_its_labels(nlp):
    """Planted defect: '"WALLACE: ...' - a label after the quotation mark that opens each quoted paragraph of a
    transcript - was not read, and every turn went to the person the article is about."""
    paragraphs = ["Pence spoke to the network on Sunday. Partial transcript as follows:",
                  '"WALLACE: Let us start with the debate. Will she attend?',
                  '"PENCE: She will not be attending the debate.',
                  '"WALLACE: Do you really see those two as equivalent?',
                  '"PENCE: Well, look, the question should be why they invited him."']
    rules = _rules(paragraphs, nlp)
    assert rules[2][1:] == ("turn", "WALLACE") and rules[4][1:] == ("turn", "PENCE")


def test_an_owner_before_a_name_is_no_part_of_it():
    """Planted defect: "MSNBC’s Chris Matthews" (a curly possessive) became the person "MSNBC Chris Matthews"."""
    from flows.steps.attribute.surface.registry import _document_people

    assert _document_people(["A panel led by MSNBC’s Chris Matthews met.", "CNN's Jake Tapper asked."]) == \
        ["Chris Matthews", "Jake Tapper"]


def test_a_conjunction_opening_a_sentence_is_no_part_of_the_name_after_it():
    """Planted defect: "Because Jo Roe got their attention, ..." gave the person "Because Jo Roe"."""
    from flows.steps.attribute.surface.registry import _document_people

    assert _document_people(["Because Jo Roe got their attention, they came.",
                             "Though Ann Berg won, she left."]) == ["Jo Roe", "Ann Berg"]


def test_a_company_title_is_no_part_of_a_name(nlp):
    """Planted defect: 'Intel's CEO Pat Gelsinger' was the speaker 'Intel CEO Pat Gelsinger'."""
    rules = _rules(["At the expo, Dunmore Ports' CEO Pat Gelsinger said the chips would ship in May."], nlp)
    assert rules[0][2] == "Pat Gelsinger"


def test_a_role_written_only_later_in_the_text_is_checked_there(nlp):
    """Planted defect: the surface rules gave a speaker the relative clause of a later sentence as role; it was
    kept because only the sentences before were searched."""
    ctx = _context(nlp, "Tom Hale said the union would not back down.", "The mayor, who spoke at a rally, said the "
                   "city would help.", ("indirect", "The mayor", None, "said", False, "reported_cue"))
    assert sieves.role_is_no_description(ctx, 0, "who spoke at a rally")


_NAME_HEADED_SECTIONS = ["Three ideas from candidates who left the race deserve another hearing.",
                         "Ann Berg: Student loans The plan replaces every loan with one line of credit.",
                         "Critics say Ann Berg's plan caps borrowing too low.",
                         "Tom Hale: Pensions Two years ago, Senator Tom Hale proposed a public savings plan.",
                         "It costs little to run."]


def test_full_names_heading_sections_that_speak_of_them_are_no_dialogue(nlp):
    """Planted defect: names heading an article's sections ('Ann Berg: Student loans' over text about 'Ann Berg's
    plan') were labels, and every paragraph of the article - the introduction too - was a turn."""
    rules = _rules(_NAME_HEADED_SECTIONS, nlp)
    assert all(mode != "turn" for _, mode, _ in rules) and rules[0][1] == "narration"


@pytest.mark.parametrize("defect, paragraphs", [
    ("a speaker introducing themselves by full name lost the dialogue",
     ["Ann Berg: Good morning. My name is Ann Berg, and I run the port.", "Tom Hale: I'm Tom Hale. We are ready."]),
    ("one label that names its speaker is no series of headings",
     ["Transcript of the port briefing.", "Ann Berg: Good morning. Ann Berg is here for the port."]),
])
def test_labels_that_name_their_speaker_only_to_introduce_them_stay_turns(nlp, defect, paragraphs):
    assert [r[:2] for r in _rules(paragraphs, nlp) if r[0] != "narration"][0] == ("labelled_turn", "turn"), defect


def test_paragraphs_before_labels_that_each_speak_once_are_narration(nlp):
    """Planted defect: a newsletter's heading 'SHORT READS:' near the end made every paragraph above it the turn
    of 'SHORT READS'."""
    paragraphs = ["Welcome to the weekly arts report.", "The museum will close in March, its director said.",
                  "SHORT READS:", "A gallery opens in the Bronx."]
    assert [mode for _, mode, _ in _rules(paragraphs, nlp)[:1]] == ["narration"]
    assert _rules(paragraphs, nlp)[1][0] != "turn_continues"


def test_an_opening_statement_before_a_single_exchange_stays_the_spokespersons_turn(nlp):
    """Planted defect (guard): a briefing's opening statement, then one question and its answer, lost its speaker
    when no label took a second turn."""
    paragraphs = ["The minister will visit the port on Friday. We look forward to the talks.",
                  "Q: Will the workers be there?", "Ann Berg: Yes, they are invited."]
    assert _rules(paragraphs, nlp)[0][1:] == ("turn", "Ann Berg")


def test_a_pronoun_never_stands_for_a_name_later_in_its_sentence(nlp):
    """Planted defect: the surface rules gave 'He really thought ...' to a name written after the pronoun in the
    same sentence (a team the entity tagger took for a person there only); 'he' looks back to the coach named
    before."""
    rules = _rules(["After the game, FC Goa head coach Jon Roe was left disappointed. He really thought that his side "
                    "could fight and take a point home but the hosts had other ideas as they extended their lead "
                    "whereas Goa fell to sixth place."], nlp)
    assert rules[1][1:] == ("indirect", "Jon Roe")


def test_the_subject_the_parse_gives_the_cue_wins_over_a_surface_name_not_in_the_sentence(nlp):
    """Planted defect: 'The US and Britain accuse China of ...' - the surface rules, reading no capitalised
    speaker they accept before the cue, gave the report to a person named in the paragraph before."""
    ctx = _context(nlp, "Coach Jon Roe of Dunmore was left disappointed.",
                   "The US and Britain accuse China of infringing on the city's freedoms.",
                   ("indirect", "Jon Roe", None, "accuse", False, "reported_cue"))
    d = sieves.Decision("indirect", "Jon Roe", None, "accuse", 0, 6, "reported_cue")
    assert sieves.subject_over_surface_guess(ctx, 1, d).speaker in ("US", "The US")
    kept = sieves.Decision("indirect", "Britain", None, "accuse", 0, 6, "reported_cue")
    assert sieves.subject_over_surface_guess(ctx, 1, kept).speaker == "Britain"   # a speaker written there stays


def test_a_quoted_question_takes_the_speaker_of_the_bare_attribution_after_it(nlp):
    """Planted defect: '"...?" Doe questioned.' split after the question mark - the quotation went to the person
    named before, since 'questioned' is no cue the surface rules know."""
    rules = _rules(["Jon Roe spoke in Ohio on Sunday, and Jane Doe replied hours later.",
                    "“What was the pivot point that made him change so fundamentally?” Doe questioned."], nlp)
    assert rules[1] == ("quote_attributed_after", "direct", "Jane Doe")
    assert rules[2][1] == "narration"


@pytest.mark.parametrize("attribution, attributed", [
    ("Doe asked the candidate.", True),             # whom it was said to
    ("Doe said on Twitter on Monday.", True),       # where and when
    ("Doe asked reporters to leave the room.", False),      # a clause of its own
    ("Doe said that the plan had failed.", False),
    ("Doe smiled at the candidate.", False),        # no listed cue
])
def test_a_quotation_takes_the_speaker_of_a_next_sentence_that_only_attributes_it(nlp, attribution, attributed):
    """Planted defect: '"Did you know it was him?" Doe asked the candidate.' - split after the question mark, its
    attribution more than a bare source and verb - stayed narration (rule ``quote_attributed_by_the_next_sentence``)."""
    rules = _rules(["Jon Roe spoke in Ohio on Sunday, and Jane Doe replied hours later.",
                    f"“Did you know it was him?” {attribution}"], nlp)
    assert (rules[1] == ("quote_attributed_after", "direct", "Jane Doe")) is attributed, rules[1]


def test_a_quotation_ending_in_a_full_stop_takes_the_speaker_of_a_listed_cue_after_it(nlp):
    """Planted defect: '"... give up." Doe continued.' - the quotation closed by a full stop, its attribution a
    sentence of its own - stayed narration: only a quoted question or exclamation took the bare attribution."""
    rules = _rules(["Jon Roe spoke in Ohio on Sunday, and Jane Doe replied hours later.",
                    "The second half was one-sided. “We gave up. We cannot give up like that.” Doe continued."], nlp)
    assert rules[2:5] == [("quote_continues", "direct", "Jane Doe"), ("quote_attributed_after", "direct", "Jane Doe"),
                          ("narration", "narration", None)]
    assert rules[1][1] == "narration"


def test_a_quotation_ending_in_a_full_stop_takes_no_speaker_from_a_verb_that_is_no_cue(nlp):
    # '"We gave up." Doe smiled.': smiling says nothing
    rules = _rules(["Jon Roe spoke in Ohio on Sunday.", "“We gave up.” Doe smiled."], nlp)
    assert rules[1][0] != "quote_attributed_after"


def test_a_sentence_after_a_quoted_question_that_does_more_than_attribute_it_is_no_attribution(nlp):
    """Planted defect: any short sentence with a subject after a quoted question taken for its attribution ('The
    senator left the room.' has an object)."""
    rules = _rules(["Jon Roe spoke in Ohio on Sunday, and Jane Doe replied hours later.",
                    "“Why now?” The senator left the room."], nlp)
    assert rules[1][0] != "quote_attributed_after"


def test_a_description_as_the_cue_s_subject_leaves_the_surface_speaker(nlp):
    """Planted defect: subject_over_surface_guess replaced the surface rules' speaker for 'The Information Minister
    criticized ...' - a role they had linked to the minister named before - with the parse's reading."""
    ctx = _context(nlp, "Information Minister Jane Roe spoke in Lahore.",
                   "The Information Minister strongly criticized Jon Doe for his case against the commissioner.",
                   ("indirect", "Jane Roe", "The Information Minister", "criticized", False, "reported_cue"))
    d = sieves.Decision("indirect", "Jane Roe", "The Information Minister", "criticized", 0, 6, "reported_cue")
    assert sieves.subject_over_surface_guess(ctx, 1, d).speaker == "Jane Roe"


def test_a_plural_source_noun_the_parse_gives_the_cue_wins_over_a_name_near_it(nlp):
    """Planted defect: 'In Iowa, where Jane Roe eked out a win, exit polls suggested that ...' - the surface rules
    gave the polls' finding to the person named in the clause before the cue."""
    rules = _rules(["Jane Roe eked out a narrow win in Iowa.", "In Iowa, where Jane Roe eked out a narrow win, exit "
                    "polls suggested that turnout for young voters was down."], nlp)
    assert rules[1][1:] == ("indirect", "exit polls")


def test_the_subject_of_a_passive_cue_is_never_its_source(nlp):
    """Planted defect: 'The chairwoman, Jane Roe, has been criticized by many players' - the one criticized was
    taken for the speaker when the parse replaced a surface speaker."""
    ctx = _context(nlp, "Jon Doe runs a fund in New York.",
                   "The chairwoman, Jane Roe, has been repeatedly criticized by many traders for not raising rates.",
                   ("indirect", "Jon Doe", None, "criticized", False, "reported_cue"))
    d = sieves.Decision("indirect", "Jon Doe", None, "criticized", 0, 6, "reported_cue")
    assert sieves.subject_over_surface_guess(ctx, 1, d).speaker == "Jon Doe"


def test_a_long_plural_subject_is_a_misparse_and_leaves_the_surface_speaker(nlp):
    """Planted defect: 'Cross-referencing voting records and patterns of job losses between 2002 and 2010, the
    researchers found ...' parsed with the gerund phrase the subject: its 'records' replaced the researchers."""
    text = ("Cross-referencing voting records and district patterns of job losses and other trends between 2002 and "
            "2010, the researchers found that districts hit hardest moved right.")
    ctx = _context(nlp, "Two economists studied the districts.", text,
                   ("indirect", "the researchers", None, "found", False, "reported_cue"))
    d = sieves.Decision("indirect", "the researchers", None, "found", 0, 6, "reported_cue")
    assert sieves.subject_over_surface_guess(ctx, 1, d).speaker == "the researchers"


def test_a_quotation_then_its_cue_and_a_described_source_is_quoted_speech(nlp):
    """Planted defect: '"...," declared Jon Roe, a senator from Ohio, who backed the bill in May.' - the apposition
    and relative clause describing the source made the words after the quotation too many for an attribution, and
    the sentence went to the classifier of indirect speech, which rejected 'declared'."""
    rules = _rules(["“If the plan stays as it is, I will not vote for it,” declared Jon Roe, a senator from Ohio, "
                    "who backed the first version of the bill in May and has criticized the new one."], nlp)
    assert rules[0] == ("quote_with_cue", "direct", "Jon Roe")


def test_a_quotation_then_its_cue_and_more_narration_is_no_short_attribution(parsed_sentence):
    """The rule above sets aside only what describes a noun: '"We won," he said, and then he walked out ...' has a
    second clause of narration after the attribution."""
    sent = parsed_sentence("“We won,” he said, and then he walked out of the room to meet the governor and the "
                           "mayor.")
    assert not sieves.quotation_then_attribution(sent)


def test_a_common_noun_before_a_quotation_s_cue_is_its_speaker(nlp):
    """Planted defect: 'Another commenter said, "..."' was narration - "commenter" is no listed source noun, and the
    quotation's shape (a short attribution, a comma, the quotation) was not enough."""
    rules = _rules(["Another commenter said, “We all know how she feels about the police and the army.”"], nlp)
    assert rules[0] == ("quote_with_cue", "direct", "Another commenter")


def test_a_listed_cue_beside_a_quotation_wins_over_the_verb_it_hangs_from(nlp):
    """Planted defect: 'The email went on to say, "..."' took "went", the outermost verb, for the cue; the quotation
    after the comma is the content of "say"."""
    doc = attributed_document(["The email went on to say, “Today, because we have been successful in building a "
                               "community, people just do not feel a need to show up.”"], language="en", nlp=nlp)
    s = doc.sentences[0]
    assert (s.mode, s.speaker, s.cue) == ("direct", "The email", "say")


def test_a_common_noun_subject_far_from_a_quotation_is_no_speaker(nlp):
    """Planted defect: any common-noun subject beside a quotation the surface rules took for speech became its speaker,
    also outside the shape of a quotation and its short attribution ('Good information can still drive out bad, but
    usually only when "..."' was the speech of "Good information")."""
    rules = _rules(["Jon Roe studies rumors online.", "Good information can still drive out bad, but usually only "
                    "when “the truth is sexier than the lie and travels faster than it.”"], nlp)
    assert rules[1][2] != "Good information"


def test_a_surface_report_by_he_never_keeps_a_speaker_whose_given_name_is_a_womans(nlp):
    """Planted defect: the surface rules' own report ("He said ...", rule ``reported_cue``) kept their guess
    "Mary Hale" for "He"; the pronoun now resolves (rule ``pronoun_of_the_other_gender``)."""
    first = "Mary Hale, a lawyer, met Robert Stone on Monday."
    guess = ("indirect", "Mary Hale", None, "said", False, "reported_cue")
    ctx = _context(nlp, first, "He said her backing had mattered.", guess)
    assert sieves.surface_reported(ctx, {})[1].speaker == "Robert Stone"
    ctx_she = _context(nlp, first, "She said his backing had mattered.", guess)
    assert sieves.surface_reported(ctx_she, {})[1].speaker == "Mary Hale"      # the same guess, the right gender


def test_a_named_subject_of_the_cue_wins_over_the_name_nearest_the_cue(nlp):
    """Planted defect: 'Talk show host Ann Berg, who since the appointment of Tom Hale as ... has ..., declared
    ...' - the surface rules took the name nearest the cue, inside the subject's relative clause, for its speaker
    (subject_over_surface_guess left it, since that name is written in the sentence)."""
    text = ("Talk show host Ann Berg, who since the appointment of executive Tom Hale as head of the campaign has "
            "criticised the party, on Friday declared the party was a threat to the country.")
    ctx = _context(nlp, "The campaign met in Dunmore.", text,
                   ("indirect", "Tom Hale", None, "declared", False, "reported_cue"))
    d = sieves.Decision("indirect", "Tom Hale", None, "declared", 0, 6, "reported_cue")
    assert sieves.subject_over_surface_guess(ctx, 1, d).speaker == "Ann Berg"
    same = sieves.Decision("indirect", "Berg", None, "declared", 0, 6, "reported_cue")
    assert sieves.subject_over_surface_guess(ctx, 1, same).speaker == "Berg"      # the subject's own name stays


@pytest.mark.parametrize("defect, text, cue, dropped", [
    ("a passive cue: who is asked is no source", "Jane Roe was asked whether she would run again.", "asked", True),
    ("a passive cue: who is expected is no source", "On that night Jane Roe is widely expected to win.", "expected",
     True),
    ("a passive cue with its agent", "Jane Roe was told by her aides that the race was over.", "told", False),
    ("an active cue", "Jane Roe said the plan failed.", "said", False),
])
def test_a_surface_cue_in_the_passive_without_an_agent_names_no_source(parsed_sentence, defect, text, cue, dropped):
    decision = sieves.Decision("indirect", "Jane Roe", None, cue, None, None, "reported_cue")
    assert sieves.cue_is_passive(parsed_sentence(text), decision) is dropped, defect


@pytest.mark.parametrize("defect, text, dropped", [
    ("the narrator says it", "Read the reports of Ana Berg and Tom Hale (I am not just saying that because they are "
     "my colleagues).", True),
    ("the narrators say it", "Ana Berg and Tom Hale have done great work, and we are saying that with pride.", True),
    ("a quoted I says it", 'Tom Hale wrote that "I am saying this once" and left.', False),
    ("a named subject says it", "Read the reports of Ana Berg, and Tom Hale is saying that they failed.", False),
    ("the US says it, no narrator", "Read the reports of Ana Berg, and the US is saying that they failed.", False),
])
def test_a_surface_cue_the_narrator_speaks_reports_no_one(parsed_sentence, defect, text, dropped):
    """Planted defect: "... (and I'm not just saying that because they're my colleagues)" was reported speech of
    the colleague named nearest the cue."""
    decision = sieves.Decision("indirect", "Tom Hale", None, "saying", None, None, "reported_cue")
    assert sieves.cue_said_by_the_narrator(parsed_sentence(text), decision) is dropped, defect


@pytest.mark.parametrize("defect, first, speaker", [
    ("the latest subject holds another office", "Republican presidential nominee Tom Hale arrived later and attacked "
     "the press.", "Ann Berg"),
    ("the latest subject holds another office, written in an apposition", "Tom Hale, the party's nominee, arrived "
     "later and attacked the press.", "Ann Berg"),
    ("the latest subject holds no office the text gives, but the text wrote the governor's name with the office "
     "(description_names_the_office_holder)", "Tom Hale arrived later and attacked the press.", "Ann Berg"),
])
def test_a_description_by_an_office_never_stands_for_a_person_of_another_office(nlp, defect, first, speaker):
    """Planted defect: 'The Indiana governor said ...' went to the person named as a subject just before, the
    party's nominee, not to the governor named a sentence earlier."""
    rules = _rules(["Indiana Gov. Ann Berg spoke at the rally in Ohio on Tuesday.", first,
                    "The Indiana governor said the party and the media are to blame."], nlp)
    assert rules[2][1:] == ("indirect", speaker), defect


def test_a_description_by_an_office_is_not_the_surface_guess_of_a_person_of_another_office(nlp):
    """Planted defect: 'The senator urged voters ...' after 'President Tom Hale spoke ...' went to Hale, the one
    person the surface rules knew, though the text gave him another office: the senator stays as written."""
    rules = _rules(["President Tom Hale spoke on Monday about the budget in Chicago.",
                    "The senator urged voters to reject the plan, saying that the costs will rise."], nlp)
    assert rules[1][1:] == ("indirect", "The senator")


def test_a_candidacy_is_held_beside_another_office(nlp):
    """'The candidate' may be the governor running: the governor's other office does not make it someone else."""
    rules = _rules(["Ohio Gov. Tom Hale spoke on Monday about the budget in Chicago.",
                    "The candidate pointed out that his rivals must win most of the remaining delegates."], nlp)
    assert rules[1][1:] == ("indirect", "Tom Hale")


def test_a_nomination_is_no_office_held_beside_another(nlp):
    """Planted defect (a nomination exempted as a candidacy is): 'The Republican presidential nominee explained that
    Moss was referring ...' went to the FBI director named as a subject in between, not to Ann Berg."""
    rules = _rules(["Ann Berg spoke in Ohio on Monday about her plans for the economy.",
                    "FBI Director Ian Moss testified before Congress on Thursday.",
                    "The Republican presidential nominee explained that Moss was referring only to her interviews."],
                   nlp)
    assert rules[2][1:] == ("indirect", "Ann Berg")


def test_a_pronoun_never_stands_for_a_person_last_named_as_a_modifier(nlp):
    """Planted defect: 'He said ...' after 'the Ian Moss government' went to Ian Moss, whom the surface rules had
    noted last, not to the minister who was speaking."""
    rules = _rules(["Minister Tom Hale said on Monday that the port would reopen.",
                    "The minister said that the Ian Moss government had given 3 billion to the people they like. "
                    "Issued loans to friends whose names should be revealed but Moss government’s law is a "
                    "hindrance. He said that the cuts were unfair."], nlp)
    assert rules[3][1:] == ("indirect", "Tom Hale")


def test_a_description_by_an_office_is_the_one_person_written_with_that_office(nlp):
    """Planted defect: 'The head coach said ...' went to the latest subject named before it, a player, though the text
    had written one person with that office: 'Ruritania head coach Tom Hale'."""
    rules = _rules(["Ruritania head coach Tom Hale was pleased with the team.", "Midfielder Ana Berg scored twice.",
                    "The head coach said that the team was tired."], nlp)
    assert rules[2][1:] == ("indirect", "Tom Hale")


def test_a_description_names_the_office_holder_only_with_every_word_written_with_the_name(nlp):
    """Guard: 'The Democratic presidential nominee' is not 'Republican presidential nominee Tom Hale'; 'The
    Republican nominee' is."""
    rules = _rules(["Republican presidential nominee Tom Hale spoke in Ohio.", "Ana Berg spoke in Iowa.",
                    "The Democratic presidential nominee said that every child should have a chance.",
                    "The Republican nominee said that taxes must fall."], nlp)
    assert rules[2][2] != "Tom Hale" and rules[3][2] == "Tom Hale"


@pytest.mark.parametrize("written, description", [
    ("Former Vice President Ian Moss", "The former president"), ("Ruritania assistant head coach Ian Moss",
                                                                 "The head coach")])
def test_an_office_of_another_rank_is_another_office(nlp, written, description):
    """Guard: 'the former president' is not 'former Vice President Ian Moss' (the quotation was Bill Clinton's)."""
    rules = _rules([f"{written} spoke in Ohio.", "Ana Berg spoke in Iowa.",
                    f"{description} said that every child should have a chance."], nlp)
    assert rules[2][2] != "Ian Moss"


def test_a_description_by_an_office_two_people_hold_is_no_one_of_them_by_office(nlp):
    """Guard: two coaches written with their office - the office names neither; the latest subject decides."""
    rules = _rules(["Ruritania head coach Tom Hale met Rivia head coach Ian Moss.", "Ian Moss arrived late.",
                    "The head coach said that the team was tired."], nlp)
    assert rules[2][1:] == ("indirect", "Ian Moss")


def _carried_context(nlp, first: str, second: str, speaker: str):
    """Sieve context of one paragraph of two sentences: the surface rules found a report by ``speaker`` in the
    first and carried it on into the second."""
    from flows.steps import entities, lexicon, parse
    from flows.steps.attribute.model import AttributedSentence

    text = f"{first} {second}"
    parsed = parse.parsed_document([text], [(0, 0, len(first)), (0, len(first) + 1, len(text))], nlp)
    surface = (AttributedSentence(0, 0, len(first), "indirect", speaker, None, "claimed", False, "reported_cue"),
               AttributedSentence(0, len(first) + 1, len(text), "indirect", speaker, None, "claimed", False,
                                  "reported_carries_on"))
    return sieves.Context(surface, parsed, entities.document_people(parsed), lexicon.CUE_VERB_FORMS,
                          lexicon.REPORTED_SOURCE_NOUNS, lexicon.REPORTED_MIN_SHARE)


def test_a_report_is_carried_on_only_from_a_sentence_still_reported(nlp):
    """Planted defect: '... the Dunmore Square protests, a massacre that claimed the lives of thousands.' - the
    earlier sieves dropped the surface report ('claimed' is a relative clause's verb), yet the next sentence
    carried it on as Dunmore Square's."""
    ctx = _carried_context(nlp, "The crackdown began with the Dunmore Square protests, a massacre that claimed "
                           "the lives of thousands.", "Another example would be the strikes in the north.",
                           "Dunmore Square")
    assert sieves.reported_carries_on(ctx, {}) == {}                         # the report was dropped
    kept = sieves.Decision("indirect", "Ann Berg", None, "claimed", 0, 7, "cue_with_subject")
    assert sieves.reported_carries_on(ctx, {0: kept})[1].speaker == "Ann Berg"   # the speaker the sieves gave it


@pytest.mark.parametrize("defect, text, cue, dropped", [
    ("a phrase of point of view on a noun", "Jane Roe and her aides had tears in their eyes describing the moment.",
     "in their eyes", True),
    ("a phrase of point of view on the verb", "In their eyes, the deal is a betrayal of the workers.",
     "in their eyes", False),
    ("a one-word cue", "Jane Roe said the plan failed.", "said", False),
])
def test_a_phrase_of_point_of_view_on_a_noun_is_no_report(parsed_sentence, defect, text, cue, dropped):
    """Planted defect: '... had tears in their eyes describing the weight of the moment' was a report of the group
    named before, by the cue 'in their eyes'."""
    decision = sieves.Decision("indirect", "Jane Roe", None, cue, None, None, "reported_cue")
    assert sieves.view_phrase_on_a_noun(parsed_sentence(text), decision) is dropped, defect


@pytest.mark.parametrize("defect, surface_speaker, speaker", [
    ("the surface rules gave a description of a person to a thing", "Nordstar", "The senator"),
    ("the surface rules gave it to a person the parse found", "Ann Berg", "Ann Berg"),
])
def test_a_description_of_a_person_never_stands_for_a_thing(nlp, defect, surface_speaker, speaker):
    """Planted defect: 'The Secretary-General reaffirms the commitment ...' went to the ship named the sentence
    before, the only capitalised name the surface rules had."""
    ctx = _context(nlp, "The oil was moved from the tanker Nordstar to a vessel owned by Ann Berg.",
                   "The senator reaffirms the commitment of the union to the project.",
                   ("indirect", surface_speaker, None, "reaffirms", False, "reported_cue"))
    d = sieves.Decision("indirect", surface_speaker, None, "reaffirms", 0, 9, "reported_cue")
    assert sieves.subject_over_surface_guess(ctx, 1, d).speaker == speaker, defect


@pytest.mark.parametrize("defect, nlp_used", [("surface rules alone", False), ("the parse's sieves", True)])
def test_a_description_word_for_word_the_role_written_before_a_name_is_that_person(nlp, defect, nlp_used):
    """Planted defect: 'The Federal Minister for Industries and Production said ...' after 'Federal Minister for
    Industries and Production Rana Roe has said ...' stayed the description, a speaker of its own: the surface rules
    matched only a description of up to four words ("the spokesperson"), the parse none with a tail ("for ...")."""
    paras = ["Federal Minister for Ports and Shipping Ana Bell Roe said on Monday that the port would reopen.",
             "The Federal Minister for Ports and Shipping said the talks would resume in May."]
    doc = attributed_document(paras, language="en", nlp=nlp if nlp_used else None)
    last = doc.sentences[-1]
    assert (last.mode, last.speaker, last.speaker_role) == ("indirect", "Ana Bell Roe",
                                                            "Federal Minister for Ports and Shipping"), defect


@pytest.mark.parametrize("tail, speaker, cue", [
    ("May wrote", "Ann May", "wrote"),                  # a name the tagger reads as a modal
    ("the editorial read", "the editorial", "read"),    # a verb the tagger reads as a noun
    ("tweeted another", "another", "tweeted"),
    # planted defect: "email" is a cue form too (to email), so "the email read" read as two cues and no source
    ("the email read", "the email", "read"),
])
def test_a_listed_cue_and_a_noun_phrase_after_a_quotation_name_its_source(nlp, tail, speaker, cue):
    # planted defect: the parse found no cue with a subject in the words after the quotation, so the surface
    # rules' guess from the paragraph before (Tom Hale, named there) took the quotation
    paras = ["Ann May and Tom Hale met at the port on Friday.", "Tom Hale spoke about the harbour.",
             f'"This might hasten the end of the port, and of Tom Hale," {tail}.']
    out = attributed_document(paras, language="en", nlp=nlp).sentences
    assert (out[2].rule, out[2].mode, out[2].speaker, out[2].cue) == ("quote_with_cue", "direct", speaker, cue)
    assert paras[2][out[2].cue_start:out[2].cue_end] == cue


@pytest.mark.parametrize("tail", ["it read", "the port said in Spanish", "a bigger port wrote"])
def test_other_words_after_a_quotation_name_no_source_by_their_shape(nlp, tail):
    # a pronoun, more than four words, a noun phrase not opened by "the": attribution_words_after_quotation keeps out
    ctx = _context(nlp, "The port closed.", f'"This might hasten the end of the port," {tail}.',
                   ("narration", None, None, None, False))
    assert sieves.attribution_words_after_quotation(ctx, {}) == {}


@pytest.mark.parametrize("before, speaker", [
    ("The Foreign Ministry of Ruritania issued a notice on Monday.", "The Foreign Ministry of Ruritania"),
    ("The harbour commission published a map on Monday.", "The harbour commission"),
    ("Jon Roe read out a statement on Monday.", "the statement"),
])
def test_it_as_a_cues_subject_stands_for_the_body_or_document_named_before(nlp, before, speaker):
    """Planted defect: 'It said ...' after a body or a document was named stayed narration - "it" was no source."""
    rules = _rules([before, "It said the ferries would sail again in May."], nlp)
    assert rules[1] == ("cue_with_subject", "indirect", speaker)


def test_it_after_no_body_or_document_is_no_source(nlp):
    # a person is never "it"; nor is a storm
    rules = _rules(["Jane Roe left the room. The storm hit the coast.", "It said nothing about the ferries."], nlp)
    assert rules[2][1] == "narration"


@pytest.mark.parametrize("line, speaker", [
    ('Rep. Jon Roe (R-Ohio):"I have not heard anyone cite that figure."', "Jon Roe"),
    ('Former secretary of state Ann Berg: "We learned that from the port authority. They did the sums."', "Ann Berg"),
])
def test_a_persons_name_a_colon_and_a_quotation_is_their_quotation(nlp, line, speaker):
    """Planted defect: a round-up's 'Name: "..."' line outside any dialogue stayed narration - no cue, no label."""
    rules = _rules(["The hearing on the harbour was tense.", line], nlp)
    assert rules[1] == ("quotation_under_a_name", "direct", speaker)
    assert all(r[1:] == ("direct", speaker) for r in rules[1:])


@pytest.mark.parametrize("line", ['Roe\'s response: "We will win the vote."', 'The verdict: "Guilty on all counts."',
                                  'Jon Roe said: "We will win the vote."'])
def test_a_possessor_a_thing_or_a_verb_before_the_colon_is_no_name_line(nlp, line):
    # a response, a verdict: no person speaks under them; with a verb the cue rules decide
    rules = _rules(["Jon Roe spoke at the harbour.", line], nlp)
    assert rules[1][0] != "quotation_under_a_name"


def test_an_owner_in_the_pronouns_sentence_outranks_the_surface_guess(nlp):
    """Planted defect: the surface rules' guess, the first man they noted ("Jon Baker"), stood for "he" though the
    sentence names its owner before it ("Hale's biggest applause came when he said ...")."""
    paras = ["Jon Baker spoke first, and Tom Hale followed him.",
             "Hale's biggest applause came when he said voters would follow him."]
    assert _rules(paras, nlp)[1][1:] == ("indirect", "Tom Hale")


def test_a_speakers_profile_keeps_no_role_the_parse_reads_as_a_clause(nlp):
    """Planted defect: the statements dropped a role the surface rules cut from "Jon Roe, the envoy, delivered the
    statement ..." (rule ``role_is_no_description``), but the speaker's profile kept the surface rules' role, so the
    speakers table showed a clause as Roe's role."""
    from flows.steps.attribute import _profiles
    from flows.steps.attribute.model import AttributedSentence, SpeakerProfile

    first = "Jon Roe, the envoy, delivered the statement on behalf of 40 countries."
    second = "He said the members remained gravely concerned."
    ctx = _context(nlp, first, second, ("indirect", "Jon Roe", None, "said", False, "reported_cue"))
    said = AttributedSentence(1, 0, len(second), "indirect", "Jon Roe", None, "said", False, "cue_with_subject")
    clause = SpeakerProfile("Jon Roe", "delivered the statement on behalf of 40 countries", ("Roe",))
    described = SpeakerProfile("Jon Roe", "the envoy", ("Roe",))
    assert _profiles((ctx.surface[0], said), (clause,), ctx)[0].role is None
    assert _profiles((ctx.surface[0], said), (described,), ctx)[0].role == "the envoy"


def test_a_definite_description_stands_for_the_person_an_indefinite_one_introduced(nlp):
    """Planted defect: "the woman said" after "a young woman asked Mrs. Hale ..." went to Hale, the one person
    the surface rules knew; the woman is the one the text introduced, unnamed (rule ``definite_after_indefinite``)."""
    paras = ["At a town hall meeting, a young woman asked Mrs. Ann Hale about the plan.",
             "\u201cYou said all of them would be believed,\u201d the woman said."]
    assert _rules(paras, nlp)[1][1:] == ("direct", "a young woman")
    named = ["At a town hall meeting, a young woman asked Mrs. Ann Hale about the plan.",
             "\u201cYou said all of them would be believed,\u201d the senator said."]
    assert _rules(named, nlp)[1][2] != "a young woman"
    other = ["At a drugstore, a middle-aged cashier was shaken by the talk she had heard.",
             "\u201cOne guy came in and shouted,\u201d said the woman."]
    assert _rules(other, nlp)[1][2] != "a middle-aged cashier"     # another noun: no introduction of her


def test_an_indefinite_introduction_outranks_an_earlier_subject_of_the_descriptions_gender(nlp):
    """Planted defect: "the woman said" went to Ann Hale, a woman named as the subject of the sentence before,
    though "a young woman" was introduced after her (rule ``definite_after_indefinite`` before
    ``description_of_the_subject``)."""
    paras = ["Mrs. Ann Hale toured the county in May and spoke at several schools.",
             "At a town hall meeting, a young woman asked Mrs. Hale about the plan.",
             "\u201cYou said all of them would be believed,\u201d the woman said."]
    assert _rules(paras, nlp)[2][1:] == ("direct", "a young woman")


def test_he_stands_for_a_subject_named_after_the_speaker_the_surface_rules_saw_last(nlp):
    """Planted defect: "He said" after "Mr. Tom Hale was asked about it" went to Jon Roe, whom the surface rules saw
    speak last, though Hale was named as a subject since (rule ``subject_since_the_surface_guess``)."""
    guess = ("indirect", "Jon Roe", None, "said", False, "reported_cue")
    ctx = _context(nlp, "After Jon Roe left the stage, Mr. Tom Hale was asked about the fight.",
                   "He said he had not seen the fight.", guess)
    assert sieves.decisions(ctx)[1].speaker == "Tom Hale"
    ctx = _context(nlp, "After the crowd left the stage, Jon Roe was asked about the fight.",
                   "He said he had not seen the fight.", guess)
    assert sieves.decisions(ctx)[1].speaker == "Jon Roe"       # no other subject named since: the surface guess
    ctx = _context(nlp, "Jon Roe spoke at the rally in the port on Monday.",
                   "While President Hale has cautioned against \u201ca betrayal of our values,\u201d he has ordered a "
                   "review of the program.", ("direct", "Jon Roe", None, None, False, "quote_speaker"))
    assert sieves.decisions(ctx)[1].speaker == "Hale"        # a subject before it in its own sentence


def test_a_quotation_after_a_sentence_that_introduces_it_with_a_colon_is_its_sources(nlp):
    """Planted defect: after 'He said:' the quotation opening the next paragraph had only the surface rules' guess
    of its speaker (here planted as "Jim Lee", the last man they noted), since no sieve of the parse read a cue
    written in the sentence before a quotation (rule ``quote_introduced_before``)."""
    from flows.steps import entities, lexicon, parse
    from flows.steps.attribute.model import AttributedSentence

    paras = ["Tom Hale answered by pointing to the figures Jim Lee had published.", "He said:",
             "\u201cWe have a situation where the streets are dangerous.\u201d"]
    parsed = parse.parsed_document(paras, [(i, 0, len(p)) for i, p in enumerate(paras)], nlp)
    surface = (AttributedSentence(0, 0, len(paras[0]), "narration", None, None, None, False),
               AttributedSentence(1, 0, len(paras[1]), "narration", None, None, None, False),
               AttributedSentence(2, 0, len(paras[2]), "direct", "Jim Lee", None, None, False, "quote_speaker"))
    ctx = sieves.Context(surface, parsed, entities.document_people(parsed), lexicon.CUE_VERB_FORMS,
                         lexicon.REPORTED_SOURCE_NOUNS, lexicon.REPORTED_MIN_SHARE)
    decided = sieves.decisions(ctx)
    assert (decided[2].rule, decided[2].speaker) == ("quote_introduced_before", "Tom Hale")
    told = ["Tom Hale spoke at noon. Ann Berg told reporters on Monday:", "\u201cThe plan will fail.\u201d"]
    assert _rules(told, nlp)[2][:3] == ("quote_introduced_before", "direct", "Ann Berg")


def test_one_of_a_group_the_parse_reads_as_the_subject_outranks_the_surface_guess(nlp):
    """Planted defect: the surface rules gave "Dunmore, as one of Ms. Berg's advisers noted, ..."
    to Dunmore, the capitalised word before the cue, and a number as the parse's subject never overrode them (rule
    ``member_of_a_group_over_surface_guess``)."""
    second = "Dunmore, as one of Ms. Berg's advisers noted, normally does not flood twice a year."
    guess = ("indirect", "Dunmore", None, "noted", False, "reported_cue")
    ctx = _context(nlp, "The storm season began in May.", second, guess)
    one = next(t for t in ctx.parsed.sentences[1].doc if t.lower_ == "one")
    if one.dep_ != "nsubj":
        pytest.skip("the parse does not read the number as the cue's subject")
    assert sieves.surface_reported(ctx, {})[1].speaker == "one of Ms. Berg's advisers"


@pytest.mark.parametrize("paragraph, speaker, cue", [
    ("Defence Minister Jon Roe has regretted that the opposition leader crossed every red line.", "Jon Roe",
     "regretted"),                                                  # defect: "regret" is no listed cue
    ("Ann Berg, the harbour master, speculated that the ferry would never sail again.", "Ann Berg", "speculated"),
])
def test_a_view_in_a_that_clause_of_any_verb_is_its_subjects_report(nlp, paragraph, speaker, cue):
    """Rule ``that_clause_of_a_source``. Planted defect: a verb the learned cue list lacks, with a "that" clause that
    holds the sentence's content and a named subject ("Roe has regretted that ..."), left the view as narration;
    STATEMENTS.md counts reported views and beliefs as reported speech."""
    got = attributed_document([paragraph], language="en", nlp=nlp).sentences[0]
    assert (got.rule, got.mode, got.speaker, got.cue) == ("that_clause_of_a_source", "indirect", speaker, cue)


@pytest.mark.parametrize("paragraph", [
    "The problem is that the ferry never sailed.",                  # a copula's clause
    "The harbour master ensured that the ferry sailed on time.",    # what the verb brings about
    "The new timetable means that the ferry sails at dawn.",        # no source as subject, no view
    "Of course, it is hardly surprising that the ferry never sailed.",  # a clause "it" stands for
    "She became so upset, and started shouting so loudly, that I had to leave the room.",  # a result clause
    "The mayor may not know that the harbour still runs a night ferry.",   # a view under a modal, negated
])
def test_a_that_clause_of_a_copula_a_verb_of_bringing_about_or_no_source_is_narration(nlp, paragraph):
    assert _rules([paragraph], nlp) == [("narration", "narration", None)]


@pytest.mark.parametrize("text, itself", [
    ("Asked about it, she said,”I feel the same as before.”", True),    # defect: carried on from the paragraph
    ("“We will see,” the mayor said quietly.", True),
    ("“We will see what the council decides in May.”", False),
    ("“Roe said we will see,” the note ends.", False),                  # the cue inside the quotation
])
def test_a_quotation_with_a_cue_and_subject_of_its_own_attributes_itself(nlp, text, itself):
    """Rule ``quotation_with_its_own_cue``. Planted defect: 'The Spaniard felt that it was a good game. Asked about
    it, she said,"I feel ..."' - quote_continues gave the quotation to the report before it ('The Spaniard'),
    though it names its own speaker."""
    from types import SimpleNamespace

    from flows.steps import lexicon, parse

    sent = parse.parsed_document([text], [(0, 0, len(text))], nlp).sentences[0]
    assert sieves.attributes_itself(SimpleNamespace(cue_forms=lexicon.CUE_VERB_FORMS), sent) is itself


def test_a_description_an_infinitive_defines_is_someone_new(nlp):
    """Planted defect: "The last man to mount a third-party race says ..." went to Michael Roe, the man named as a
    subject before it, with the description for his role (rule ``description_defined_by_an_infinitive``)."""
    paras = ["Michael Roe said on Monday that he would not run for the office this year.",
             "The last man to mount a major third-party race says he does not expect Roe to enter."]
    assert _rules(paras, nlp)[1][1:] == ("indirect", "The last man")
    named = ["Michael Roe said on Monday that he would not run for the office this year.",
             "The man says he does not expect anyone else to enter."]
    assert _rules(named, nlp)[1][2] == "Michael Roe"      # no clause of its own: the man named before


def test_a_description_naming_a_body_stands_only_for_one_written_with_it(nlp):
    """Planted defect: '"...," the RNC member said' went to Tom Hale, the latest subject (or the surface rules' guess),
    though the text never wrote him with the RNC (rule ``description_of_a_body_member``)."""
    paras = ["Tom Hale spoke at the rally in the port on Monday.",
             "\u201cNobody cares when you spend your own money,\u201d the RNC member said."]
    assert _rules(paras, nlp)[1][1:] == ("direct", "the RNC member")
    written = ["RNC member Tom Hale spoke at the rally in the port on Monday.",
               "\u201cNobody cares when you spend your own money,\u201d the RNC member said."]
    assert _rules(written, nlp)[1][2] == "Tom Hale"


@pytest.mark.parametrize("below, speaker", [
    ("-President Ann Roe, tweeting after the speech.", "Ann Roe"),   # a hyphen glued to the title
    ("\u2014 Tom Hale, 41, Dunmore", "Tom Hale"),
    ("Tom Hale spoke later.", None),                                 # no dash: no signature
])
def test_a_quotation_signed_in_the_paragraph_below_is_the_signers(nlp, below, speaker):
    """Planted defect: a tweet quoted as a paragraph of its own, signed by the paragraph below
    ('-President Ann Roe, tweeting after ...'), went to the woman named inside it (rule ``quotation_signed_below``);
    the name kept the glued hyphen ('-President Ann Roe')."""
    paras = ["Jane Doe spoke at the convention on Thursday night.",
             "\u201cGreat speech. She is tested. That is why Jane should be our next leader.\u201d", below]
    out = _rules(paras, nlp)
    if speaker is None:
        assert out[1][0] != "signed_quotation"
    else:
        assert out[1] == out[3] == ("signed_quotation", "direct", speaker)
