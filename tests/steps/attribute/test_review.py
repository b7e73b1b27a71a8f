"""The learned review: which draft decisions it may overturn, what it adds, and whom it names."""
import pytest

from flows.steps import lexicon
from flows.steps.attribute import SENTENCE_CLASSIFIER, drafted, review, sieves


def _reviewed(paragraphs, nlp, classifier):
    _, ctx, draft = drafted(paragraphs, language="en", nlp=nlp)
    return draft, review.reviewed(ctx, draft, classifier, sieves.speaker_of)


def _always(p: float) -> review.SentenceClassifier:
    """A classifier whose probability is ``p`` for every sentence (its bias alone)."""
    import math
    return review.SentenceClassifier({}, math.log(p / (1 - p)), 0.5, 0.8)


def test_a_weak_draft_decision_the_model_doubts_becomes_narration(nlp):
    # planted: a report carried on into the narrator's next sentence, which the model rejects
    paras = ["Jane Roe said that the port would reopen in May. The rain stopped on Tuesday."]
    draft, out = _reviewed(paras, nlp, _always(0.1))
    weak = [si for si, d in draft.items() if d.rule in review.REVIEWED_RULES]
    assert weak and all(si not in out for si in weak)


def test_a_carry_stops_at_a_sentence_the_review_made_narration(nlp):
    # planted: the review drops the first sentence a report was carried into; the one after it stayed carried
    paras = ["Jane Roe said that the port would reopen in May. It would need new cranes. It would hire 200 workers."]
    _, ctx, draft = drafted(paras, language="en", nlp=nlp)
    carried = sorted(si for si, d in draft.items() if d.rule == "reported_carries_on")
    assert len(carried) == 2
    first_dropped = {si: d for si, d in draft.items() if si != carried[0]}
    assert set(review.without_broken_carries(ctx, first_dropped)) == set(draft) - set(carried)
    assert review.without_broken_carries(ctx, draft) == draft      # an unbroken carry goes on


def test_decisions_by_strong_rules_are_never_reviewed(nlp):
    # planted: a quotation with its cue and a labelled turn, under a model that doubts everything
    paras = ["Q: What happened next?", "A: We went home.", "“The harbour will reopen,” Jane Roe said."]
    draft, out = _reviewed(paras, nlp, _always(0.01))
    assert {si: d.rule for si, d in out.items()} == {
        si: d.rule for si, d in draft.items() if d.rule not in review.REVIEWED_RULES}
    assert {"labelled_turn", "quote_with_cue"} <= {d.rule for d in out.values()}


def test_an_undecided_belief_is_added_with_its_subject_as_speaker(nlp):
    # planted: a stance with no speech verb, which no sieve decides
    paras = ["Senator Jane Roe is sure that the tax would hurt small farms."]
    draft, out = _reviewed(paras, nlp, _always(0.9))
    assert 0 not in draft
    assert (out[0].mode, out[0].speaker, out[0].rule) == ("indirect", "Jane Roe", review.ADDED_RULE)
    assert out[0].cue is None           # "is" is no cue word: the decision names none


def test_an_added_sentence_without_a_source_subject_takes_the_report_beside_it(nlp):
    # planted: the first sentence's subject is no source ("The tax"); the report after it names Roe
    paras = ["The tax would hurt small farms most, in her view. Jane Roe said on Monday that farmers would pay more."]
    draft, out = _reviewed(paras, nlp, review.SentenceClassifier({"rule=narration": 5.0}, 0.0, 0.5, 0.8))
    assert draft[1].speaker == "Jane Roe" and 0 not in draft
    assert (out[0].speaker, out[0].rule, out[0].cue) == ("Jane Roe", review.ADDED_RULE, None)


def test_no_speaker_no_addition(nlp):
    # planted: a sentence the model calls reported, with neither a source subject nor a report beside it
    paras = ["The tax would hurt small farms most."]
    _, out = _reviewed(paras, nlp, _always(0.99))
    assert out == {}


def test_a_model_that_is_unsure_changes_nothing(nlp):
    paras = ["Jane Roe said that the port would reopen in May.", "The rain stopped on Tuesday."]
    draft, out = _reviewed(paras, nlp, review.SentenceClassifier({}, 0.0, 0.5, 0.8))   # p = 0.5 everywhere
    assert out == draft


def test_features_name_the_draft_rule_the_subject_and_the_neighbours(nlp):
    paras = ["Jane Roe said that the port would reopen in May. She believes the boats will return."]
    _, ctx, draft = drafted(paras, language="en", nlp=nlp)
    f = review.sentence_features(ctx, draft, 1)
    assert {"subj=pron_she", "prev=cue_with_subject", "next=paragraph_edge", "para_reported=3"} <= set(f)
    assert any(x.startswith("rule=") for x in f) and "root_child=ccomp" in f


def test_the_shipped_model_keeps_a_plain_report_and_rejects_a_plain_fact(nlp):
    paras = ["Jane Roe, the mayor, said on Monday that the port would reopen in May.",
             "The port was built in 1850 and has three piers."]
    _, out = _reviewed(paras, nlp, SENTENCE_CLASSIFIER)
    assert out[0].speaker == "Jane Roe" and 1 not in out


def test_the_shipped_model_names_its_training_and_thresholds():
    meta = lexicon.SENTENCE_CLASSIFIER
    assert "PolNeAR train" in meta["trained_on"] and "held out" in meta["trained_on"]
    assert 0 < meta["keep_threshold"] < meta["add_threshold"] < 1 and len(meta["weights"]) > 50


@pytest.fixture(scope="module")
def tool():
    from tests.conftest import tool_module

    return tool_module("train_sentence_classifier")


def test_training_labels_follow_the_gold_words_across_a_different_sentence_split(tool):
    # planted: the gold splits after "Monday." where the pipeline does not, and one sentence is unseen
    gold = [{"text": "Roe said on Monday.", "reported": True}, {"text": "The port reopens.", "reported": True},
            {"text": "Rain fell all day long in the town.", "reported": False}]
    ours = ["Roe said on Monday. The port reopens.", "Rain fell all day long in the town.", "Nothing like this."]
    assert tool.sentence_labels(gold, ours) == [True, False, None]
