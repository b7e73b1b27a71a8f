"""Speaker names that are names: each rule that keeps words out of a name, alone, on a fixture that
plants the defect it names."""
import pytest

from flows.steps.attribute import attributed_document
from flows.steps.attribute.surface.registry import _after_sentence_break, _name_word_stem, _person_in_run


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


# ---- the whole document

def test_a_name_glued_across_a_sentence_break_splits_no_speaker(nlp) -> None:
    paragraphs = ["Tom Bellamy criticised the Federal Reserve. Bellamy said rates were far too high.",
                  "\"They will have to listen,\" Bellamy said."]
    speakers = {a.speaker for a in attributed_document(paragraphs, language="en", nlp=nlp).sentences if a.speaker}
    assert speakers == {"Tom Bellamy"}
