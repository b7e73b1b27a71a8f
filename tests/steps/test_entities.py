"""Entities pre-pass: canonical names, gender evidence, pronoun resolution."""
import pytest

from flows.steps import entities, parse


def _people(paragraphs: list[str]):
    from flows.steps.segment import sentence_spans

    spans = [(p, s, e) for p, text in enumerate(paragraphs) for s, e in sentence_spans(text)]
    parsed = parse.parsed_document(paragraphs, spans, parse.english_pipeline())
    return parsed, entities.document_people(parsed)


def test_short_form_maps_to_the_fullest_name_with_the_same_surname():
    names = entities.canonical_names(["Trump", "Donald J. Trump", "Donald Trump", "Jane Roe", "Roe"])
    assert names["Trump"] == names["Donald Trump"] == "Donald J. Trump"
    assert names["Roe"] == "Jane Roe"


def test_different_people_sharing_no_surname_stay_apart():
    names = entities.canonical_names(["Jane Roe", "Ann Lee", "Lee"])
    assert names["Lee"] == "Ann Lee" and names["Jane Roe"] == "Jane Roe"


def test_honorific_gives_gender_and_she_skips_a_man():
    parsed, people = _people(["Mrs. Ann Lee met Mr. Tom Bell in Paris. Bell spoke first. She said the deal was done."])
    assert people.gender.get("Ann Lee") == "she" and people.gender.get("Tom Bell") == "he"
    she = next(t for t in parsed.sentences[2].doc if t.lower_ == "she")
    assert entities.resolved_pronoun(people, "she", 2, she.i) == "Ann Lee"


def test_people_named_inside_a_quotation_are_no_antecedents():
    parsed, people = _people(["Tom Bell arrived late. “I never met John Smith,” he said."])
    assert [m.name for m in people.mentions] == ["Tom Bell"]


def test_pronouns_after_the_only_person_of_a_sentence_give_gender():
    _, people = _people(["Sam Ray opened her shop in May, and she hired two clerks.", "Ray said sales were up."])
    assert people.gender.get("Sam Ray") == "she"


def test_descriptors_before_a_name_are_stripped_but_two_words_stay():
    parsed, people = _people(["Republican Senator Tom Bell met Texas Congresswoman Ann Lee. Bell spoke first."])
    names = set(people.canonical.values())
    assert "Tom Bell" in names and "Ann Lee" in names


def _tagged(words: list[str], ents: list[str]):
    """A one-sentence parsed document of ``words`` whose entities are ``ents`` (IOB tags, "B-ORG" ...)."""
    from types import SimpleNamespace

    from spacy.tokens import Doc

    doc = Doc(parse.english_pipeline().vocab, words=words, ents=ents)
    return SimpleNamespace(sentences=[SimpleNamespace(doc=doc, in_quote=(False,) * len(words))])


def test_a_word_opening_a_persons_name_is_no_descriptor_though_an_organisation_holds_it():
    """Planted defect: 'Rana' of the organisation 'Rana Farm House' counted as a descriptor, so the person 'Rana
    Tanveer Hussain' was cut to 'Tanveer Hussain' and never met 'Rana Tanveer'."""
    words = ["Rana", "Tanveer", "Hussain", "spoke", "at", "Rana", "Farm", "House", "with", "Republican", "Tom", "Bell"]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O", "B-ORG", "I-ORG", "I-ORG", "O", "B-NORP", "B-PERSON",
            "I-PERSON"]
    found = entities.non_name_words(_tagged(words, ents))
    assert "Rana" not in found and {"Farm", "House", "Republican"} <= found


def test_a_group_named_on_its_own_stays_a_descriptor_though_it_opens_a_persons_span():
    # the tagger's "Republican Tom Bell" PERSON span beside "Republican" on its own: a descriptor all the same
    words = ["Republican", "Tom", "Bell", "met", "Republican", "voters"]
    ents = ["B-PERSON", "I-PERSON", "I-PERSON", "O", "B-NORP", "O"]
    assert "Republican" in entities.non_name_words(_tagged(words, ents))


def test_speaker_names_drop_descriptors_only_before_a_known_person():
    from flows.steps.attribute import speaker_names

    _, people = _people(["Tom Bell arrived. Harro Von Senger spoke. Bell left."])
    names = speaker_names(["Congressman Tom Bell", "Harro Von Senger", "Bell", "Though Bell"], people)
    assert names["Congressman Tom Bell"] == names["Bell"] == names["Though Bell"] == "Tom Bell"
    assert names["Harro Von Senger"] == "Harro Von Senger"        # a given name is no descriptor


def test_a_surname_the_entities_missed_is_still_a_mention_of_the_person_named_in_full():
    # planted: a sentence-initial surname that spaCy's NER leaves unlabelled, then "he" after it
    paras = ["Senator Ted Cruz and Donald Trump met in Iowa.",
             "Cruz openly admitted that his pick was politically motivated.", "He laughed."]
    parsed, people = _people(paras)
    assert not any(e.label_ == "PERSON" for e in parsed.sentences[1].doc.ents)   # the defect: NER misses it
    assert any(m.sentence == 1 and people.name(m.name) == "Ted Cruz" and m.is_subject for m in people.mentions)
    assert entities.resolved_pronoun(people, "he", 2, 0) == "Ted Cruz"


def test_a_surname_the_tagger_took_for_a_common_word_is_still_a_mention_when_it_is_the_subject():
    """Planted defect: a sentence-initial surname that is also a common word, tagged a common noun ("Price"
    NN), was no mention: the "he" of its own sentence went to the person named before."""
    paras = ["Senator Tom Price met Jon Hale, the moderator, in Iowa. Hale asked about the group.",
             "Price quickly disavowed the group and its former leader, but he slammed the media."]
    parsed, people = _people(paras)
    sent = parsed.sentences[2]
    assert sent.doc[0].tag_ != "NNP" and not sent.doc[0].ent_type_       # the defect: tagged a common word
    assert any(m.sentence == 2 and people.name(m.name) == "Tom Price" and m.is_subject for m in people.mentions)
    he = next(t.i for t in sent.doc if t.lower_ == "he")
    assert entities.resolved_pronoun(people, "he", 2, he) == "Tom Price"


def test_a_capitalised_common_word_that_is_no_known_surname_is_no_mention():
    _, people = _people(["Senator Tom Price met the press.", "Rates quickly rose, and he left."])
    assert [m.sentence for m in people.mentions] == [0]


def test_a_surname_inside_a_name_or_a_body_is_no_mention_of_its_own():
    paras = ["Donald Trump spoke.", "The Trump Organization denied it."]
    _, people = _people(paras)
    assert [m.sentence for m in people.mentions] == [0]


def test_titled_genders_come_only_from_an_honorific_or_gendered_noun():
    """Planted defect: a pronoun after a person taken as evidence as strong as "Mr." or "spokeswoman"."""
    _, people = _people(["Mr. Tom Hale met the press.", "Party spokeswoman Ann Berg spoke first.",
                      "Lee Park arrived.", "He said little."])
    assert people.titled == frozenset({("Tom Hale", "he"), ("Ann Berg", "she")})
    assert people.gender.get("Lee Park") == "he"              # the pronoun still votes for the gender map


def test_a_phrase_ending_in_a_name_is_no_fuller_form_of_it():
    """Planted defect: 'Politico' took 'a new report by Politico' as its fullest form, so every statement
    of the outlet got the report's phrase as its speaker."""
    names = entities.canonical_names(["Politico", "a new report by Politico", "Ludwig van Beethoven", "Beethoven"])
    assert names["Politico"] == "Politico"
    assert names["Beethoven"] == "Ludwig van Beethoven"


def test_a_surname_written_first_maps_to_the_one_name_it_opens():
    """Planted defect: 'Zhao' (a surname written first) stayed a speaker of its own beside 'Zhao Suisheng',
    since only a name's last word was taken for its short form."""
    names = entities.canonical_names(["Zhao Suisheng", "Zhao", "Tom Bellamy", "Tom"])
    assert names["Zhao"] == "Zhao Suisheng" and names["Tom"] == "Tom Bellamy"


def test_a_short_form_opening_two_names_or_no_person_stays_itself():
    names = entities.canonical_names(["Zhao Suisheng", "Zhao Lijian", "Zhao"])
    assert names["Zhao"] == "Zhao"
    names = entities.canonical_names(["Forbes", "Forbes Media"], persons=frozenset())
    assert names["Forbes"] == "Forbes"


def test_the_first_words_of_a_longer_name_map_to_it():
    """Planted defect: 'Rana Tanveer' stayed a speaker of its own beside 'Rana Tanveer Hussain' - only one word
    opening a name was taken for its short form - even where the tagger read the longer form as no person."""
    names = entities.canonical_names(["Rana Tanveer Hussain", "Rana Tanveer"], persons=frozenset({"Rana Tanveer"}))
    assert names["Rana Tanveer"] == "Rana Tanveer Hussain"


@pytest.mark.parametrize("fuller", ["Donald Trump Jr.", "Hillary Clinton Foundation"])
def test_the_first_words_of_a_generation_or_a_body_stay_themselves(fuller):
    # a son of the same name is someone else; a foundation is no person
    first = " ".join(fuller.split()[:2])
    names = entities.canonical_names([fuller, first], persons=frozenset({first, fuller}) - {"Hillary Clinton Foundation"})
    assert names[first] == first


def test_a_police_rank_is_a_title_not_part_of_the_name():
    """Planted defect: 'Superintendent' stayed in the name, so 'Li' never met 'Li Kwai-wah'."""
    from spacy.tokens import Span

    doc = parse.english_pipeline()("Superintendent Li Kwai-wah told reporters that three men were held.")
    span = Span(doc, 0, 5, label="PERSON")
    assert entities.stripped_name(span) == "Li Kwai-wah"


def test_a_capitals_only_word_is_no_person_mention():
    """Planted defect: the dateline word 'ISLAMABAD' run into a headline was taken for a person, and 'he' for it."""
    from flows.steps import entities

    assert entities._capitals_only_word("ISLAMABAD") and not entities._capitals_only_word("Ann Berg")
    assert not entities._capitals_only_word("LI")          # too short to tell from an initialism or a name


def test_the_pronoun_i_is_no_word_of_a_name():
    """Planted defect: a broken text made a person of 'B. I' (from 'F. B. I.'); then every 'I remind you ...'
    had that person for its speaker, the pronoun taken for the surname."""
    people = entities.People(mentions=(), canonical={"B. I": "B. I", "Jane Roe": "Jane Roe"}, gender={})
    assert "I" not in people.name_words and "Roe" in people.name_words
    assert people.name("I") == "I"
    assert people.name("Roe") == "Jane Roe"


def test_given_name_gender_decides_a_pronoun_the_text_gives_no_gender_for():
    """Planted defect: the text gives no gender for a man or a woman, so "she" went to the latest subject, a man."""
    paras = ["Mary Hale praised the plan.", "Then Robert Stone criticised it.", "“It will fail,” she said."]
    parsed, people = _people(paras)
    assert people.gender == {"Mary Hale": "she", "Robert Stone": "he"}
    she = next(t for t in parsed.sentences[2].doc if t.lower_ == "she")
    assert entities.resolved_pronoun(people, "she", 2, she.i) == "Mary Hale"


def test_what_the_text_says_outweighs_the_given_name():
    _, people = _people(["Mr. Leslie Park arrived.", "Robert Stone opened her shop in May, and she hired two clerks."])
    assert people.gender["Robert Stone"] == "she" and people.gender["Leslie Park"] == "he"


def test_a_single_word_or_unlisted_given_name_gives_no_gender():
    assert entities.given_name_genders({"Keyworth", "Zorbulek Zhu", "Mary Hale"}) == {"Mary Hale": "she"}


def test_a_name_written_surname_first_gives_no_gender():
    """Planted defect: "Li", a rare given name for women in the census, is a common surname - "Li Yunlong" was "she"."""
    assert entities.given_name_gender("Li Yunlong") is None and entities.given_name_gender("Ma Zhaoxu") is None
    assert entities.given_name_gender("James Lee") == "he" and entities.given_name_gender("Martin Li") == "he"
    assert entities.given_name_gender("Bernie Roe") == "he"            # rare, but no surname


@pytest.mark.parametrize("defect, paras, sentence, name", [
    ("a surname labelled an organisation on its own",
     ["Conservative writer Phyllis Schlafly died on Monday.", "After the vote, Schlafly made her case plainly."],
     1, "Schlafly"),
    ("a full name labelled an organisation",
     ["The panel met with former executive Carly Fiorina, who spoke first.",
      "Yesterday Carly Fiorina opened by talking about her charitable work."], 1, "Carly Fiorina"),
])
def test_a_person_the_tagger_labels_otherwise_is_still_a_mention(defect, paras, sentence, name):
    """Planted defect: the tagger labels a person it labels PERSON elsewhere an ORG (rule
    ``person_under_another_label``), so the sentence had no mention and its "her" no antecedent."""
    parsed, people = _people(paras)
    assert [e.label_ for e in parsed.sentences[sentence].doc.ents if e.text == name] == ["ORG"], defect
    assert any(m.sentence == sentence and m.name == name and m.is_subject for m in people.mentions), defect


def test_the_subject_of_the_main_clause_outranks_one_of_a_clause_below_it():
    """Planted defect: the latest subject anywhere was the antecedent, so "he" went to the subject of the clause
    reported inside the sentence before ("Tom Hale had written ..."), not to the man the sentence is about."""
    paras = ["Jon Roe turned the story back on the paper, pointing out that Tom Hale had written in June that "
             "the campaign was falling apart.", "He hoped the paper would not do it again."]
    parsed, people = _people(paras)
    main = {m.name: m.is_main_subject for m in people.mentions}
    assert main == {"Jon Roe": True, "Tom Hale": False}
    he = next(t for t in parsed.sentences[1].doc if t.lower_ == "he")
    assert entities.resolved_pronoun(people, "he", 1, he.i) == "Jon Roe"


def test_a_subject_of_a_later_sentence_still_outranks_the_main_subject_of_an_earlier_one():
    paras = ["Jon Roe spoke first.", "Aides said that Tom Hale had left.", "He was not reached for comment."]
    parsed, people = _people(paras)
    he = next(t for t in parsed.sentences[2].doc if t.lower_ == "he")
    assert entities.resolved_pronoun(people, "he", 2, he.i) == "Tom Hale"


def _resolved(paras: list[str], sentence: int, pronoun: str = "he") -> str | None:
    parsed, people = _people(paras)
    doc = parsed.sentences[sentence].doc
    tok = next(t for t in doc if t.lower_ == pronoun)
    return entities.resolved_pronoun(people, pronoun, sentence, tok.i, doc)


def test_an_owner_earlier_in_the_pronouns_sentence_outranks_the_subjects_before_it():
    """Planted defect: only subjects were antecedents, so "he" skipped the man whose role the sentence is about and
    went to the subject of the sentence before."""
    paras = ["Tom Hale said Jon Baker could win.", "Baker's role is under discussion, but he has said little."]
    assert _resolved(paras, 1) == "Jon Baker"


def test_an_owner_is_no_antecedent_past_a_pronoun_of_the_same_gender():
    paras = ["Tom Hale met voters.", "He praised Jon Roe's plan, and he said it would pass."]
    parsed, people = _people(paras)
    doc = parsed.sentences[1].doc
    second = [t for t in doc if t.lower_ == "he"][1]
    assert entities.resolved_pronoun(people, "he", 1, second.i, doc) == "Tom Hale"


def test_a_name_in_apposition_to_a_subject_is_a_subject():
    """Planted defect: only the head of the subject counted, so the name beside it ("his campaign manager, Jon
    Hale, appeared ...") was no subject and "he" went to the subject of the sentence before."""
    paras = ["Tom Baker spoke in May.", "His campaign manager, Jon Hale, appeared on television and explained how he "
             "thinks the campaign could still win."]
    parsed, people = _people(paras)
    assert next(m for m in people.mentions if m.name == "Jon Hale").is_subject
    assert _resolved(paras, 1) == "Jon Hale"


def test_an_owner_is_no_antecedent_past_another_form_of_the_pronoun():
    paras = ["Ann Berg was the doctor when Mary Hale fell.", "By her account, after examining Hale's leg, she "
             "insisted on a scan."]
    assert _resolved(paras, 1, "she") == "Ann Berg"


def test_an_unlabelled_name_that_is_the_subject_of_a_reporting_verb_is_a_person():
    """Planted defect: the tagger leaves a name it does not know unlabelled ('Lotfi Mhiri said ...'), so he was
    no mention and the 'He said' after him went to the man named before (rule ``speaker_name_without_entity``)."""
    paras = ["Tom Bell, a retiree, said the town had grown too fast.",
             "Behind the old station - a building with no roof - Lotfi Mhiri said he is collecting money.",
             "He said the drivers had not been paid."]
    parsed, people = _people(paras)
    assert not parsed.sentences[1].doc.ents                                   # the defect: no entity at all
    assert any(m.sentence == 1 and m.name == "Lotfi Mhiri" and m.is_subject for m in people.mentions)
    assert entities.resolved_pronoun(people, "he", 2, 0) == "Lotfi Mhiri"


@pytest.mark.parametrize("sentence", [
    "Behind the old station - a building with no roof - Lotfi Ministry said it is collecting money.",
    "Behind the old station - a building with no roof - Lotfi Mhiri is collecting money.",
    "Behind the old station - a building with no roof - Federal Minister said the money is collected.",
])
def test_an_unlabelled_organisation_or_a_subject_of_another_verb_is_no_person(sentence):
    parsed, people = _people(["Tom Bell spoke first.", sentence])
    assert not any(e.label_ == "PERSON" for e in parsed.sentences[1].doc.ents)
    assert [m.name for m in people.mentions] == ["Tom Bell"]


def test_the_name_of_an_unlabelled_speaker_starts_after_a_word_glued_to_a_hyphen():
    """Planted defect: the proper nouns before the name were taken whole, so the second half of a hyphenated
    title ('Secretary-Treasurer') opened the name."""
    from spacy.tokens import Doc

    words = ["the", "Secretary", "-", "Treasurer", "Hedi", "Mhiri", "said"]
    spaces = [True, False, False, True, True, True, False]
    doc = Doc(parse.english_pipeline().vocab, words=words, spaces=spaces, tags=["DT", "NNP", "HYPH", "NNP", "NNP",
              "NNP", "VBD"], heads=[5, 5, 5, 5, 5, 6, 6], deps=["det", "compound", "punct", "compound", "compound",
                                                                "nsubj", "ROOT"])
    assert entities._proper_nouns_ending_at(doc[5]).text == "Hedi Mhiri"


def test_a_generation_keeps_its_full_stop_and_a_military_rank_is_a_title():
    """Planted defects: 'Jr.' lost its stop ('Harry Roe Jr'), so the name written with it never met the one
    without; 'Adm.' stayed part of the name."""
    from spacy.tokens import Span

    doc = parse.english_pipeline()("Adm. Harry B. Roe Jr. leads the command.")
    jr = next(t.i for t in doc if t.text == "Jr.")
    assert entities.stripped_name(Span(doc, 0, jr + 1, label="PERSON")) == "Harry B. Roe Jr."


def test_a_surname_alone_maps_to_the_one_name_where_it_stands_before_a_generation():
    """Planted defect: 'Roe' ended no fuller name ('Harry B. Roe Jr.' ends with 'Jr.'), so the admiral was two
    speakers. A name of two words is no short form of its son's; a surname two generations share stays itself."""
    names = entities.canonical_names(["Harry B. Roe Jr.", "Roe"])
    assert names["Roe"] == "Harry B. Roe Jr."
    names = entities.canonical_names(["Donald Trump Jr.", "Donald Trump", "Trump"])
    assert names["Trump"] == names["Donald Trump"] == "Donald Trump"
    names = entities.canonical_names(["Tom Roe Jr.", "Tom Roe Sr.", "Roe"])
    assert names["Roe"] == "Roe"


def _appositions(words: list[str], heads: list[int], deps: list[str], ents: list[str]):
    from types import SimpleNamespace

    from spacy.tokens import Doc

    doc = Doc(parse.english_pipeline().vocab, words=words, heads=heads, deps=deps, ents=ents)
    return SimpleNamespace(sentences=[SimpleNamespace(doc=doc, in_quote=(False,) * len(words))])


@pytest.mark.parametrize("noun, is_person", [("agency", False), ("director", True)])
def test_a_person_in_apposition_with_a_noun_for_a_body_is_no_person(noun, is_person):
    """Planted defect: the tagger labelled a news agency a PERSON ('Xinhua, the official news agency, wrote'), and
    a later 'he said' resolved to it. A person in apposition with a noun for their office stays a person."""
    words = ["Acmeo", ",", "the", "official", noun, ",", "wrote", "it", "."]
    heads = [6, 0, 4, 4, 0, 0, 6, 6, 6]
    deps = ["nsubj", "punct", "det", "amod", "appos", "punct", "ROOT", "dobj", "punct"]
    ents = ["B-PERSON"] + ["O"] * 8
    parsed = _appositions(words, heads, deps, ents)
    assert (entities.names_described_as_bodies(parsed) == {"Acmeo"}) is not is_person
    assert bool(entities.person_mentions(parsed)) is is_person


def test_an_honorific_picks_the_person_of_its_gender_among_those_sharing_a_surname():
    """Planted defect: 'Mr. Roe' mapped to the longer of two names ending with 'Roe' (Hillary Roe), so her
    husband's words were hers, and his honorific counted as evidence that she is a man."""
    assert entities.person_of_gender("Roe", "he", {"Bill Roe", "Hillary Roe"}) == "Bill Roe"
    assert entities.person_of_gender("Roe", "he", {"Hillary Roe"}) is None       # no choice to make
    assert entities.person_of_gender("Roe", "he", {"Bill Roe", "Tom Roe"}) is None   # no one choice
    assert entities.person_of_gender("Roe", "he", {"Bill Roe", "Zeb Roe"}) is None   # 'Zeb' may be a man's name
    parsed, people = _people(["Bill Roe and Hillary Roe arrived in Ohio on Monday.",
                              "Mr. Roe spoke first at the rally in the evening."])
    mr = next(m for m in people.mentions if m.sentence == 1)
    assert people.name(mr.name) == people.person_at(1, mr.token) == "Bill Roe"
    assert people.gender.get("Hillary Roe") == "she"
