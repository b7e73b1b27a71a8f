"""Duplicate detection over clean bodies: exact copies and near-duplicates (syndicated, lightly edited).

Candidates come from MinHash LSH (datasketch); each candidate pair is then verified on its shingle sets
(Jaccard or containment), held as 64-bit hashes of the shingles, so the result does not depend on the
MinHash's luck and memory grows by 8 bytes a shingle.
Pure functions only: no Prefect, no file I/O.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np

_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")
MINHASH_CHUNK = 4096  # shingles per MinHash update


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


def _shingle_hashes(found: frozenset[str]) -> np.ndarray:
    """A document's shingles as sorted, distinct 64-bit hashes (blake2b): 8 bytes a shingle where the set of
    strings took about a hundred, so the signatures of every document of a large corpus fit in memory. Two
    distinct shingles share a hash with odds of about 2**-64 a pair."""
    digests = b"".join(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest() for s in found)
    return np.unique(np.frombuffer(digests, dtype="<u8"))


def _similar(a: np.ndarray, b: np.ndarray, *, min_jaccard: float, min_containment: float) -> bool:
    """Whether two shingle-hash sets (``_shingle_hashes``) have Jaccard >= ``min_jaccard`` or containment
    >= ``min_containment``."""
    if not len(a) or not len(b):
        return False
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter) >= min_jaccard or inter / min(len(a), len(b)) >= min_containment


def _minhash(found: frozenset[str], num_perm: int, chunk: int = MINHASH_CHUNK):
    """The MinHash of a shingle set, fed ``chunk`` shingles at a time (datasketch builds a shingles x
    ``num_perm`` matrix per update: a long document at once would take a kilobyte a shingle)."""
    from datasketch import MinHash

    mh, encoded = MinHash(num_perm=num_perm, seed=1), [s.encode("utf-8") for s in found]
    for start in range(0, len(encoded), chunk):
        mh.update_batch(encoded[start:start + chunk])
    return mh


def duplicate_groups(bodies: Mapping[str, str] | Iterable[tuple[str, str]], *, shingle_size: int = 5,
                     min_jaccard: float = 0.3, min_containment: float = 0.5, min_shingles: int = 10,
                     num_perm: int = 128, lsh_threshold: float = 0.2) -> dict[str, str]:
    """Document id -> id of its duplicate group's representative (the smallest id of the group).

    ``bodies``: document id -> clean text, as a mapping or as (id, text) pairs streamed one at a time (each
    text is read once and not kept: a document is held as its exact key, its MinHash in the LSH index and its
    shingle hashes). Identical clean texts (ignoring case, punctuation and spacing) are one group; so are
    texts whose shingle sets have Jaccard >= ``min_jaccard`` or containment >= ``min_containment`` (a
    truncated or lightly edited copy). Bodies with fewer than ``min_shingles`` shingles join only exact
    groups. Every id maps to something; a document with no duplicate maps to itself. The groups do not
    depend on the order of ``bodies`` (a candidate pair is found whichever of the two comes first, and a
    group's representative is its smallest id). Nothing is deleted."""
    from datasketch import MinHashLSH

    parent: dict[str, str] = {}

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
    hashes: dict[str, np.ndarray] = {}
    lsh = MinHashLSH(threshold=lsh_threshold, num_perm=num_perm)
    for doc_id, text in (bodies.items() if isinstance(bodies, Mapping) else bodies):
        parent[doc_id] = doc_id
        key = exact_key(text or "")
        union(by_key.setdefault(key, doc_id), doc_id)
        found = shingles(text or "", size=shingle_size)
        if len(found) < min_shingles:
            continue
        mh, hashes[doc_id] = _minhash(found, num_perm), _shingle_hashes(found)
        for other in lsh.query(mh):
            if _similar(hashes[doc_id], hashes[other], min_jaccard=min_jaccard, min_containment=min_containment):
                union(doc_id, other)
        lsh.insert(doc_id, mh)
    return {doc_id: find(doc_id) for doc_id in parent}
