"""Tests for duplicate groups (flows.steps.dedup, re-exported as clean.duplicate_groups)."""
from __future__ import annotations

import numpy as np

from flows.steps import clean, dedup


STORY = ("China has lifted nearly 100 million rural people out of poverty in the past eight years, "
         "officials said on Tuesday at a forum in Beijing attended by experts from many countries. "
         "The white paper describes the methods used and the results achieved in every province. ")


def test_duplicate_groups_exact_and_near_and_distinct():
    bodies = {
        "a": STORY * 2,
        "b": (STORY * 2).upper(),                                      # identical clean text, case differs
        "c": STORY * 2 + "The forum closed on Wednesday with a joint declaration.",   # syndicated, lightly edited
        "d": "An entirely different report about football results and the weather over the weekend. " * 4,
    }
    groups = clean.duplicate_groups(bodies)
    assert groups["a"] == groups["b"] == groups["c"] == "a"
    assert groups["d"] == "d"


def test_duplicate_groups_is_deterministic_and_total():
    bodies = {f"id{i}": f"Unique story number {i} about topic {i * 7} with details {i * 13}." for i in range(5)}
    assert clean.duplicate_groups(bodies) == {k: k for k in bodies}


def _near_copies() -> dict[str, str]:
    """Planted: a story, a truncated copy of it (containment), an edited copy (Jaccard), an exact copy in
    capitals, and two unrelated texts; ids chosen so that the smallest id of a group is not its first text."""
    other = "An entirely different report about football results and the weather over the weekend. " * 4
    return {"m": STORY * 3, "k": STORY * 2, "z": STORY * 3 + "The forum closed with a joint declaration.",
            "b": (STORY * 3).upper(), "q": other, "r": "Short note."}


def test_duplicate_groups_from_streamed_pairs_in_any_order_equal_the_mapping():
    """Defect planted: grouping that depends on the order the bodies stream in (a generator, reversed)."""
    bodies = _near_copies()
    expected = clean.duplicate_groups(bodies)
    assert expected["m"] == expected["k"] == expected["z"] == expected["b"] == "b"
    assert expected["q"] == "q" and expected["r"] == "r"
    streamed = clean.duplicate_groups(pair for pair in reversed(list(bodies.items())))
    assert streamed == expected
    reads = []

    def stream():   # what the flow passes: a new stream of the bodies each time it is called
        reads.append(1)
        return iter(list(bodies.items())[::-1])
    assert clean.duplicate_groups(stream) == expected and len(reads) == 2


def test_banded_index_finds_the_candidates_datasketch_s_lsh_finds():
    """Defect planted: a compact LSH index whose bands or grouping differ from datasketch's MinHashLSH (the
    candidates decide which pairs are verified, so the groups depend on them)."""
    from datasketch import MinHashLSH

    texts = {**_near_copies(), **{f"t{i}": f"{STORY} Item {i} of the list adds {i * 3} words about topic {i}."
                                  for i in range(8)}}
    bands, rows = dedup.lsh_bands(0.2, 128)
    lsh, expected, kept = MinHashLSH(threshold=0.2, num_perm=128), set(), []
    for doc_id, text in texts.items():
        found = dedup.shingles(text)
        if len(found) < 10:
            continue
        mh = dedup._minhash(found, 128)
        expected |= {(kept.index(other), len(kept)) for other in lsh.query(mh)}
        lsh.insert(doc_id, mh)
        kept.append(doc_id)
    signatures = np.stack([dedup._minhash(dedup.shingles(texts[d]), 128).hashvalues[:bands * rows].astype(np.uint32)
                           for d in kept])
    found = {tuple(p) for p in dedup.candidate_pairs(signatures, bands, rows).tolist()}
    assert found == expected and len(found) > 10


def test_shingle_hashes_judge_similarity_as_the_shingle_strings_do():
    """Defect planted: a similarity on hashed shingles that counts the intersection or union wrongly."""
    a = dedup.shingles(STORY * 2)
    b = dedup.shingles(STORY + "The forum closed on Wednesday with a joint declaration by all the delegates.")
    ha, hb = dedup.string_hashes(a), dedup.string_hashes(b)
    assert len(ha) == len(a) and len(hb) == len(b)
    assert len(np.intersect1d(ha, hb)) == len(a & b) > 0
    jaccard = len(a & b) / len(a | b)
    assert dedup._similar(ha, hb, min_jaccard=jaccard, min_containment=1.1)
    assert not dedup._similar(ha, hb, min_jaccard=jaccard + 0.01, min_containment=1.1)


def test_minhash_fed_in_chunks_equals_one_update():
    """Defect planted: a chunked MinHash update that drops the shingles of a chunk boundary."""
    from datasketch import MinHash

    found = frozenset(f"shingle number {i}" for i in range(1000))
    whole = MinHash(num_perm=32, seed=1)
    whole.update_batch([s.encode("utf-8") for s in found])
    assert np.array_equal(dedup._minhash(found, 32, chunk=7).hashvalues, whole.hashvalues)
