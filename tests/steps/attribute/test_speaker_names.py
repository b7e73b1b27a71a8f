"""Speaker names that are names: each rule that keeps words out of a name, alone, on a fixture that
plants the defect it names."""
import pytest

from flows.steps import entities, parse
from flows.steps.attribute import attributed_document, speaker_names
from flows.steps.attribute.surface.registry import _after_sentence_break, _name_word_stem, _person_in_run
from flows.steps.segment import sentence_spans


def _people(paragraphs: list[str], nlp):
    spans = [(p, s, e) for p, text in enumerate(paragraphs) for s, e in sentence_spans(text)]
    return entities.document_people(parse.parsed_document(paragraphs, spans, nlp))


# ---- name_after_sentence_break (surface name builder)

@pytest.mark.parametrize("run, name", [
    ("Federal Reserve. Bellamy", "Bellamy"),             # planted: a name glued across a sentence break
    ("Ruritania. Tom Bellamy", "Tom Bellamy"),           # planted: the place the last sentence ended on
    ("Sen. Tom Bellamy", "Tom Bellamy"),                 # an abbreviated title ends no sentence
    ("Tom J. Bellamy", "Tom J. Bellamy"),                # nor an initial
])
def test_a_name_never_spans_a_sentence_break(run: str, name: str) -> None:
    assert _person_in_run(run)[0] == name


def test_only_a_stop_that_ends_a_sentence_breaks_a_run() -> None:
    assert _after_sentence_break(["Federal", "Reserve.", "Bellamy"]) == (["Bellamy"], True)
    assert _after_sentence_break(["U.S.", "Envoy", "Bellamy"]) == (["U.S.", "Envoy", "Bellamy"], False)
    assert _after_sentence_break(["Dr.", "Bellamy"]) == (["Dr.", "Bellamy"], False)
    assert _after_sentence_break(["Acme", "Inc.", "Chief"]) == (["Acme", "Inc.", "Chief"], False)
    assert _after_sentence_break(["FBI.", "Chief"]) == (["Chief"], True)     # an acronym's own stop does


def test_the_role_before_a_sentence_break_is_not_the_persons() -> None:
    # planted: "Minister" belongs to the sentence before the break, not to Bellamy
    assert _person_in_run("Minister. Tom Bellamy")[1] == ""


# ---- no_contraction_in_name (surface name builder)

def test_a_contraction_is_the_word_it_shortens() -> None:
    assert _name_word_stem("They've") == "they" and _name_word_stem("Don’t") == "do"
    assert _name_word_stem("O'Brien") == "o'brien"                # an apostrophe inside a name stays


@pytest.mark.parametrize("run", ["FBI. They've", "They're", "Bureau We'll"])
def test_a_contraction_never_joins_a_name(run: str) -> None:
    # planted: a pronoun with its verb glued after an acronym or a capitalised word
    assert _person_in_run(run)[0] is None


# ---- common_word_before_name (parse name builder)

@pytest.mark.parametrize("sentence", [
    "Billionaire Tom Bellamy said he would win the vote.",       # planted: a capitalised common noun
    "Maybe Tom Bellamy said that, aides recalled.",              # planted: a sentence adverb
])
def test_a_common_word_opening_the_sentence_is_no_part_of_the_name(sentence: str, nlp) -> None:
    people = _people([sentence], nlp)
    assert [m.name for m in people.mentions] == ["Tom Bellamy"]


def test_a_given_name_the_tagger_reads_as_a_modal_stays(nlp) -> None:
    doc = nlp("Will Rogers said the campaign would win.")
    person = next(e for e in doc.ents if e.label_ == "PERSON")
    assert entities.stripped_name(person) == person.text            # only when NER spans it whole


# ---- words_outside_any_name (speaker unification, with the parse's evidence)

@pytest.mark.parametrize("sentence, stray", [
    ("Minister for Information and Broadcasting Tom Bellamy said the channel would be fined.", "Broadcasting"),
    ("Maybe Tom Bellamy said that, aides recalled.", "Maybe"),
    ("Billionaire Tom Bellamy said he would win the vote.", "Billionaire"),
])
def test_the_parse_reads_a_word_before_a_name_as_stray(sentence: str, stray: str, nlp) -> None:
    # planted: a ministry title's last word, a sentence adverb, a capitalised common noun
    assert stray in _people([sentence], nlp).stray_words


def test_a_given_name_ner_missed_is_no_stray_word(nlp) -> None:
    # the tagger reads "Teodric" as a proper noun compounded into the name, NER spans "Anwar Bell" only
    people = _people(["Teodric Anwar Bell said that the port would reopen."], nlp)
    assert "Teodric" not in people.stray_words and people.canonical == {"Anwar Bell": "Anwar Bell"}


def _known(*names: str, stray: frozenset = frozenset()) -> entities.People:
    """People as the parse would give them: ``names`` written as they are, each its own canonical form."""
    return entities.People((), {n: n for n in names}, {}, stray_words=stray)


def test_stray_words_fall_off_a_persons_name() -> None:
    people = _known("Tom Bellamy", stray=frozenset({"Broadcasting", "Maybe"}))
    names = speaker_names(["Broadcasting Tom Bellamy", "Maybe Tom Bellamy", "Tom Bellamy"], people)
    assert names["Broadcasting Tom Bellamy"] == names["Maybe Tom Bellamy"] == "Tom Bellamy"


def test_a_word_the_parse_did_not_read_as_stray_is_kept() -> None:
    # "Orson" may be a given name NER missed: only the parse's evidence drops a word
    assert speaker_names(["Orson Bellamy"], _known("Bellamy"))["Orson Bellamy"] == "Orson Bellamy"


def test_a_word_of_a_persons_name_is_never_stray() -> None:
    # "Anna" opened a sentence as a stray word once, but is a word of a name the parse found
    people = _known("Anna Tom Bellamy", "Tom Bellamy", stray=frozenset({"Anna"}))
    assert speaker_names(["Anna Tom Bellamy"], people)["Anna Tom Bellamy"] == "Anna Tom Bellamy"


# ---- the whole document

def test_a_name_glued_across_a_sentence_break_splits_no_speaker(nlp) -> None:
    paragraphs = ["Tom Bellamy criticised the Federal Reserve. Bellamy said rates were far too high.",
                  "\"They will have to listen,\" Bellamy said."]
    speakers = {a.speaker for a in attributed_document(paragraphs, language="en", nlp=nlp).sentences if a.speaker}
    assert speakers == {"Tom Bellamy"}


def test_a_descriptor_opening_the_sentence_splits_no_speaker(nlp) -> None:
    paragraphs = ["Billionaire Tom Bellamy said he would win the state easily.",
                  "\"We will win big,\" Tom Bellamy said."]
    speakers = {a.speaker for a in attributed_document(paragraphs, language="en", nlp=nlp).sentences if a.speaker}
    assert speakers == {"Tom Bellamy"}


# ---- titled_single_name_is_a_person (surface mentions)

def test_a_surname_after_a_title_is_a_person_a_pronoun_points_to() -> None:
    # planted: the only person is named by title and surname, then "he" reports
    from flows.steps.attribute import surface

    paragraphs = ["President Tellman visited the harbour on Monday.", "He said that the harbour would reopen in May."]
    sentences = surface.attributed_document(paragraphs).sentences
    assert [(a.mode, a.speaker) for a in sentences] == [("narration", None), ("indirect", "Tellman")]


def test_a_surname_without_a_title_is_no_antecedent() -> None:
    # a lone capitalised word may be a place or a body: no title, no person
    from flows.steps.attribute import surface

    paragraphs = ["Tellman was quiet on Monday.", "He said that the harbour would reopen in May."]
    assert surface.attributed_document(paragraphs).sentences[1].speaker is None


# ---- a title-case heading is no name, across a sentence break too

@pytest.mark.parametrize("run", [
    "Harbour Board Finally Meets. Is This Tellman’s Last One",     # planted: a headline's two sentences
])
def test_a_title_case_heading_across_a_sentence_break_holds_no_name(run: str) -> None:
    assert _person_in_run(run)[0] is None


# ---- words_outside_any_name reaches a short form

def test_stray_words_before_a_surname_name_the_person_the_parse_found() -> None:
    people = entities.People((), {"Karl Bellamy": "Karl Bellamy", "Bellamy": "Karl Bellamy"}, {},
                             stray_words=frozenset({"Like"}))
    assert speaker_names(["Like Bellamy"], people)["Like Bellamy"] == "Karl Bellamy"   # planted: a preposition


# ---- title_goes_on_after_and (surface name builder)

@pytest.mark.parametrize("defect, run, before, name", [
    ("a title's object coordinated before the name", "Production Ana Bell Roe", "Federal Minister for Industries and ",
     "Ana Bell Roe"),
    ("two people named with 'and'", "Tom Bell Hale", "Ministers Ana Roe and ", "Tom Bell Hale"),
    ("a long object: no title's", "Ana Bell Roe", "the rights of young women in rural areas and ", "Ana Bell Roe"),
])
def test_the_word_after_a_titles_and_completes_the_title_not_the_name(defect, run, before, name) -> None:
    """Planted defect: 'Federal Minister for Industries and Production Rana Roe has said ...' named 'Production Rana
    Roe', the run of capitalised words after 'and'."""
    assert _person_in_run(run, before)[0] == name, defect


# ---- title_before_name

@pytest.mark.parametrize("defect, name, speaker", [
    ("a title with a preposition before the name", "Secretary for Security Tom Bellamy", "Tom Bellamy"),
    ("a title of four words before the name", "High Commissioner for Refugees Tom Bellamy", "Tom Bellamy"),
    ("a title naming a place before the name", "Ambassador to Ruritania Tom Bellamy", "Tom Bellamy"),
    ("no title: a word of the name stays", "Ludwig van Tom Bellamy", "Ludwig van Tom Bellamy"),
])
def test_a_title_that_ends_with_no_title_word_falls_off_the_name(defect, name, speaker) -> None:
    """Planted defect: 'Secretary for Security Chris Tang said ...' - the parse's speaker Chris Tang became the
    surface rules' fuller form with the title in it, which only strip a title ending with a title word."""
    people = entities.People((), {"Tom Bellamy": "Tom Bellamy"}, {})
    assert speaker_names([name, "Tom Bellamy"], people)[name] == speaker, defect


def test_a_title_before_another_speaker_name_falls_off_the_name() -> None:
    """Planted defect: 'Federal Minister for Ports and Shipping Ana Roe said ...' - the tagger found no person, the
    parse's speaker was the whole phrase and the surface rules' 'Ana Roe' became that fullest form, 'for' and
    'and' taken for words of a name ('Ludwig van Beethoven')."""
    people = entities.People((), {}, {})
    names = ["Federal Minister for Ports and Shipping Ana Roe", "Ana Roe", "Ludwig van Roe"]
    assert speaker_names(names, people) == {names[0]: "Ana Roe", "Ana Roe": "Ana Roe",
                                            "Ludwig van Roe": "Ludwig van Roe"}


def test_without_a_parse_names_stay_as_written() -> None:
    assert speaker_names(["Maybe Tom Bellamy"], None) == {"Maybe Tom Bellamy": "Maybe Tom Bellamy"}


# ---- owner_before_name (parse name builder)

def test_the_owner_before_a_possessive_is_no_part_of_the_name(nlp) -> None:
    from spacy.tokens import Span

    doc = nlp("As Gazettely’s Tom Bellamy reported after the storm, the port closed.")
    words = [t.text for t in doc]
    # planted: NER spans the owner too (as the model did on typographic apostrophes before
    # typographic_marks_read_as_ascii; the span is built here so the test does not depend on the model's reading)
    person = Span(doc, words.index("Gazettely"), words.index("Bellamy") + 1, label="PERSON")
    assert "’s" in person.text
    assert entities.stripped_name(person) == "Tom Bellamy"


# ---- name_openers (surface name builder, no parse)

@pytest.mark.parametrize("run, name", [
    ("Maybe Tom Bellamy", "Tom Bellamy"),        # planted: a sentence adverb opening the sentence
    ("Like Bellamy", "Bellamy"),                 # planted: a preposition opening the sentence
    ("Perhaps Tom Bellamy", "Tom Bellamy"),
])
def test_a_word_that_opens_a_sentence_before_a_name_is_not_the_name(run: str, name) -> None:
    assert _person_in_run(run)[0] == name


# ---- kind_from_the_parse: the entity label a speaker profile carries to speakers.speaker_kind

def test_a_speaker_profile_carries_the_entity_label_the_parse_gives_its_name(nlp):
    # planted defect: the speakers table read "Nathan Law" as an organisation from the word "Law" alone
    doc = attributed_document(["Tom Law said on Monday that the port would reopen.",
                               "The European Union said on Tuesday that it would pay for the port."],
                              language="en", nlp=nlp)
    labels = {p.name: p.entity for p in doc.speakers}
    assert labels["Tom Law"] == "PERSON"
    assert labels[next(n for n in labels if n.endswith("European Union"))] == "ORG"


def test_without_a_parse_a_speaker_profile_has_no_entity_label():
    doc = attributed_document(["Tom Law said on Monday that the port would reopen."])
    assert [p.entity for p in doc.speakers] == [None]
