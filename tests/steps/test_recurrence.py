"""Recurring statements: a fingerprint that ignores case, punctuation, symbols and spacing (NFKC), and the
count of documents, near-duplicates left out, that hold each sentence."""
from __future__ import annotations

import pytest

from flows.steps.recurrence import fingerprint_text, repeated_in_documents, statement_fingerprint

SENTENCE = "Human rights are the common pursuit of humanity, the minister said."


@pytest.mark.parametrize("defect, variant", [
    ("shouted in capitals", SENTENCE.upper()),
    ("curly quotes and an exclamation added", f"\u201c{SENTENCE[:-1]}!\u201d"),
    ("double spaces, a tab and a line break", SENTENCE.replace(" ", "  ").replace("the minister", "the\tminister\n")),
    ("full-width letters (NFKC folds them)", SENTENCE.replace("rights", "\uff52\uff49\uff47\uff48\uff54\uff53")),
    ("a non-breaking space and a zero-width space", SENTENCE.replace(" are", "\u00a0are\u200b")),
    ("an em dash instead of a comma", SENTENCE.replace(", the", " \u2014 the")),
    ("German sharp s casefolded", SENTENCE.replace("common", "gemeinsame Stra\u00dfe")),
])
def test_the_same_sentence_gets_the_same_fingerprint_whatever_its_case_punctuation_and_spacing(defect, variant):
    original = SENTENCE.replace("common", "gemeinsame STRASSE") if "sharp s" in defect else SENTENCE
    assert statement_fingerprint(variant) == statement_fingerprint(original), defect


@pytest.mark.parametrize("other", [
    SENTENCE.replace("humanity", "humanity's"),            # a word changed (possessive s)
    SENTENCE.replace("minister", "ministers"),             # a letter more
    "The vote was 2019 to 12.", "The vote was 2020 to 12.",  # digits count
    SENTENCE.replace("pursuit", "pursu\u00eft"),           # accents count
])
def test_a_different_word_letter_digit_or_accent_gives_another_fingerprint(other):
    assert statement_fingerprint(other) != statement_fingerprint(SENTENCE)


def test_the_fingerprint_is_16_hex_digits_of_the_normalised_text():
    assert fingerprint_text(" \u201cYes,\u00a0Minister!\u201d ") == "yes minister"
    assert len(statement_fingerprint("Yes.")) == 16 and int(statement_fingerprint("Yes."), 16) >= 0


def test_a_sentence_of_punctuation_only_matches_itself_not_every_other_such_sentence():
    assert fingerprint_text("...") == "..." and fingerprint_text(" -- ") == "--"
    assert statement_fingerprint("...") != statement_fingerprint("--")
    assert statement_fingerprint("...") == statement_fingerprint(" ... ")


def test_documents_are_counted_once_each_and_near_duplicates_are_left_out():
    """Planted: sentence f1 twice in document a, once in b and once in near-duplicate c; f2 only in c."""
    fingerprints = ["f1", "f1", "f1", "f1", "f2", "f3"]
    documents = ["a", "a", "b", "c", "c", "b"]
    assert repeated_in_documents(fingerprints, documents, {"a", "b"}) == [2, 2, 2, 2, 0, 1]


def test_misaligned_inputs_are_refused():
    with pytest.raises(ValueError, match="2 fingerprints for 1 document ids"):
        repeated_in_documents(["f1", "f2"], ["a"], {"a"})
