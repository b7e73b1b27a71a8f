"""The lexicon's derived word lists."""
from flows.steps import lexicon


def test_a_source_noun_is_read_in_both_numbers():
    """Planted defect: the learned list held "strategists" but not "strategist", so 'a top strategist said, "..."' had
    no source."""
    both = lexicon.in_both_numbers({"strategists", "company", "poll", "speeches", "press", "analysis", "gov."})
    assert {"strategist", "companies", "polls", "speech"} <= both
    assert not {"pres", "analysi", "gov.s"} & both          # -ss, -is and abbreviations are left as they are
    assert "strategist" in lexicon.REPORTED_SOURCE_NOUNS and "officials" in lexicon.REPORTED_SOURCE_NOUNS


def test_no_cue_verb_form_becomes_a_source_noun_by_its_other_number():
    """The other number of a noun is no source where it is a cue verb form ("report" -> "reports")."""
    assert not lexicon.REPORTED_SOURCE_NOUNS & lexicon.CUE_VERB_FORMS


def test_every_learned_cue_verb_is_listed_in_every_inflection():
    """Planted defect: the learned list held the forms the corpus happened to use - "alleged", "alleges" but not
    "allege", "hope" but not "hoped" - and the pipeline, which runs no lemmatizer, read 'The authorities allege the
    acts aimed to provoke hatred' as narration (tools/learn_cue_verbs.verb_inflections)."""
    from lemminflect import getAllInflections

    missing = {lemma: sorted({f.lower() for fs in getAllInflections(lemma, upos="VERB").values() for f in fs}
                             - set(forms))
               for lemma, forms in lexicon.CUE_VERB_LEMMAS.items()}
    assert {lemma: m for lemma, m in missing.items() if m} == {}
    assert {"allege", "hoped", "bemoans", "replies"} <= lexicon.CUE_VERB_FORMS
