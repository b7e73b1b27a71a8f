"""Duplicate detection over clean bodies: exact copies and near-duplicates (syndicated, lightly edited).

Candidates come from MinHash LSH (datasketch); each candidate pair is then verified on the exact
shingle sets (Jaccard or containment), so the result does not depend on hashing luck.
Pure functions only: no Prefect, no file I/O.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def exact_key(text: str) -> str:
    """A hash of ``text`` with case, punctuation and whitespace differences removed."""
    norm = " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


def shingles(text: str, *, size: int = 5) -> frozenset[str]:
    """Word ``size``-grams of ``text`` (character grams for CJK text, which has no spaces)."""
    norm = unicodedata.normalize("NFKC", text).casefold()
    if len(_CJK.findall(norm)) > len(norm) / 4:
        chars = [c for c in norm if c.isalnum()]
        toks = chars
    else:
        toks = _WORD.findall(norm)
    if len(toks) < size:
        return frozenset([" ".join(toks)]) if toks else frozenset()
    return frozenset(" ".join(toks[i:i + size]) for i in range(len(toks) - size + 1))


def _similar(a: frozenset[str], b: frozenset[str], *, min_jaccard: float, min_containment: float) -> bool:
    if not a or not b:
        return False
    inter = len(a & b)
    return inter / len(a | b) >= min_jaccard or inter / min(len(a), len(b)) >= min_containment


def duplicate_groups(bodies: dict[str, str], *, shingle_size: int = 5, min_jaccard: float = 0.3,
                     min_containment: float = 0.5, min_shingles: int = 10, num_perm: int = 128,
                     lsh_threshold: float = 0.2) -> dict[str, str]:
    """Document id -> id of its duplicate group's representative (the smallest id of the group).

    Identical clean texts (ignoring case, punctuation and spacing) are one group; so are texts whose
    shingle sets have Jaccard >= ``min_jaccard`` or containment >= ``min_containment`` (a truncated
    or lightly edited copy). Bodies with fewer than ``min_shingles`` shingles join only exact groups.
    Every id maps to something; a document with no duplicate maps to itself. Nothing is deleted."""
    from datasketch import MinHash, MinHashLSH

    parent = {doc_id: doc_id for doc_id in bodies}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_key: dict[str, str] = {}
    for doc_id in sorted(bodies):
        key = exact_key(bodies[doc_id] or "")
        if key in by_key:
            union(by_key[key], doc_id)
        else:
            by_key[key] = doc_id

    sets = {doc_id: shingles(bodies[doc_id] or "", size=shingle_size) for doc_id in sorted(bodies)}
    lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
    for doc_id, sh in sets.items():
        if len(sh) < min_shingles:
            continue
        mh = MinHash(num_perm=num_perm, seed=1)
        mh.update_batch([s.encode("utf-8") for s in sh])
        for other in lsh.query(mh):
            if _similar(sh, sets[other], min_jaccard=min_jaccard, min_containment=min_containment):
                union(doc_id, other)
        lsh.insert(doc_id, mh)
    return {doc_id: find(doc_id) for doc_id in bodies}
