"""Golden test: the two sample texts in raw/ come out as the gold annotations say
(tests/data/golden_seeds.jsonl holds the expected header fields and statements)."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from flows.steps import assemble
from tests.conftest import RAW

GOLDEN = [json.loads(line) for line in
          (Path(__file__).parent / "data" / "golden_seeds.jsonl").read_text(encoding="utf-8").splitlines()]
LINEAGE = assemble.Lineage(run_id="golden", pipeline_version="test")
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(QUOTES)
    return re.sub(r"\s+", " ", text).strip().lower()


def speaker_names(gold: dict, name: str | None) -> set[str]:
    if not name:
        return {""}
    return {norm(name)} | {norm(a) for a in gold["speakers"].get(name, {}).get("aliases", [])}


@pytest.fixture(scope="module", params=GOLDEN, ids=[g["file"] for g in GOLDEN])
def built(request):
    gold = request.param
    data = (RAW / gold["file"]).read_bytes()
    rows = assemble.document_rows(assemble.Source(path=gold["file"], data=data), LINEAGE)
    return gold, rows.tables


def test_header_fields(built):
    gold, tables = built
    (doc,) = tables["documents"]
    assert norm(doc["title"]) == norm(gold["title"])
    assert (str(doc["published_date"]) if doc["published_date"] else None) == gold["published_date"]
    assert sorted(norm(a) for a in doc["authors"]) == sorted(norm(a) for a in gold["authors"])
    assert norm(doc["outlet"]) == norm(gold["outlet"])
    assert doc["language"] == gold["language"]


def test_sentences_are_exactly_the_gold_sentences(built):
    gold, tables = built
    assert [norm(s["text"]) for s in tables["statements"]] == [norm(s["text"]) for s in gold["statements"]]


def test_boilerplate_reaches_no_statement(built):
    gold, tables = built
    body = " ".join(norm(s["text"]) for s in tables["statements"])
    assert [b for b in gold["boilerplate"] if norm(b) in body] == []


def test_modes_and_speakers_match_gold(built):
    gold, tables = built
    built_by_text = {norm(s["text"]): s for s in tables["statements"]}
    wrong = []
    for g in gold["statements"]:
        s = built_by_text.get(norm(g["text"]))
        ok = s is not None and s["mode"] == g["mode"] and norm(s["speaker"]) in speaker_names(gold, g["speaker"]) \
            and s["is_question"] == g["is_question"]
        if not ok:
            wrong.append((g["text"][:60], g["mode"], g["speaker"], s and (s["mode"], s["speaker"])))
    accuracy = 1 - len(wrong) / len(gold["statements"])
    assert accuracy >= 0.95, wrong
