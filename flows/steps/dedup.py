"""Duplicate detection over clean bodies: exact copies and near-duplicates (syndicated, lightly edited).

Candidates come from MinHash LSH: datasketch's MinHash, and its LSH's bands (``MinHashLSH``'s b bands of r
values), the index kept as one array of the banded values of every document (4 bytes a value: 224 bytes a
document), not as datasketch's dictionaries of byte strings (several kilobytes a document). Each candidate
pair (two documents equal in some band) is then verified on its shingle sets (Jaccard or containment), as
64-bit hashes of the shingles, on a second pass over the bodies that holds only the hashes of candidates
still waiting for a later partner, so the result does not depend on the MinHash's luck and memory grows by
a few hundred bytes a document, not by the corpus's text.
Pure functions only: no Prefect, no file I/O.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping

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


def string_hashes(found: Iterable[str]) -> np.ndarray:
    """Strings (a document's shingles, its lines) as sorted, distinct 64-bit hashes (blake2b): 8 bytes a string
    where a set of strings takes about a hundred, so those of every document of a large corpus fit in memory.
    Two distinct strings share a hash with odds of about 2**-64 a pair."""
    digests = b"".join(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest() for s in found)
    return np.unique(np.frombuffer(digests, dtype="<u8"))


def _similar(a: np.ndarray, b: np.ndarray, *, min_jaccard: float, min_containment: float) -> bool:
    """Whether two shingle-hash sets (``string_hashes``) have Jaccard >= ``min_jaccard`` or containment
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


Bodies = Mapping[str, str] | Callable[[], Iterable[tuple[str, str]]] | Iterable[tuple[str, str]]


def _streams(bodies: Bodies) -> Callable[[], Iterable[tuple[str, str]]]:
    """A way to read the (id, text) pairs afresh: a mapping's items, a callable's new stream; any other iterable
    is read into a list first (it can be read only once)."""
    if isinstance(bodies, Mapping):
        return lambda: bodies.items()
    if callable(bodies):
        return bodies
    pairs = list(bodies)
    return lambda: pairs


def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """The bands and rows a band of datasketch's MinHashLSH uses for ``threshold`` and ``num_perm``."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def candidate_pairs(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """The pairs (i, j), i < j, of signature rows equal in at least one band (band k: columns k*rows to
    (k+1)*rows), as MinHashLSH would find them: an (n, 2) array sorted by j, then i."""
    n, codes = len(signatures), [np.zeros(0, np.int64)]
    for band in range(bands):
        part = np.ascontiguousarray(signatures[:, band * rows:(band + 1) * rows])
        label = np.unique(part, axis=0, return_inverse=True)[1].ravel() if n else np.zeros(0, np.int64)
        order = np.argsort(label, kind="stable")
        for group in np.split(order, np.flatnonzero(np.diff(label[order])) + 1):
            if len(group) > 1:
                group = np.sort(group).astype(np.int64)
                first, second = np.triu_indices(len(group), 1)
                codes.append(group[second] * n + group[first])
    found = np.unique(np.concatenate(codes))
    return np.stack([found % n, found // n], axis=1) if n else np.zeros((0, 2), np.int64)


def _find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _union(parent: dict[str, str], a: str, b: str) -> None:
    """Join the groups of ``a`` and ``b``; the root is the smallest id of the group, whatever the order."""
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _signatures(pairs: Iterable[tuple[str, str]], parent: dict[str, str], shingle_size: int, min_shingles: int,
                num_perm: int, banded: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The first pass: every id (in stream order; ``parent`` gets each, exact copies joined), and for each body of
    at least ``min_shingles`` shingles its position in the stream and the first ``banded`` values of its MinHash
    (below 2**32: 4 bytes each)."""
    ids, positions, rows, by_key = [], [], [], {}
    for position, (doc_id, text) in enumerate(pairs):
        ids.append(doc_id)
        parent[doc_id] = doc_id
        _union(parent, by_key.setdefault(exact_key(text or ""), doc_id), doc_id)
        found = shingles(text or "", size=shingle_size)
        if len(found) >= min_shingles:
            positions.append(position)
            rows.append(_minhash(found, num_perm).hashvalues[:banded].astype(np.uint32))
    signatures = np.stack(rows) if rows else np.zeros((0, banded), np.uint32)
    return ids, np.array(positions, np.int64), signatures


def _verified(pairs: Iterable[tuple[str, str]], candidates: np.ndarray, shingle_size: int, min_jaccard: float,
              min_containment: float) -> Iterator[tuple[int, int]]:
    """The second pass: the candidate pairs (stream positions i < j, sorted by j) whose shingle sets are similar
    (``_similar``). A candidate's shingle hashes are held from its body until its last pair is verified."""
    earlier: dict[int, list[int]] = {}
    for first, second in candidates.tolist():
        earlier.setdefault(second, []).append(first)
    last = {}
    for first, second in candidates.tolist():
        last[first] = max(last.get(first, -1), second)
    held: dict[int, np.ndarray] = {}
    for position, (_, text) in enumerate(pairs):
        if position not in earlier and position not in last:
            continue
        hashes = string_hashes(shingles(text or "", size=shingle_size))
        for first in earlier.get(position, ()):
            if _similar(hashes, held[first], min_jaccard=min_jaccard, min_containment=min_containment):
                yield first, position
            if last[first] == position:
                del held[first]
        if last.get(position, -1) > position:
            held[position] = hashes


def duplicate_groups(bodies: Bodies, *, shingle_size: int = 5, min_jaccard: float = 0.3, min_containment: float = 0.5,
                     min_shingles: int = 10, num_perm: int = 128, lsh_threshold: float = 0.2) -> dict[str, str]:
    """Document id -> id of its duplicate group's representative (the smallest id of the group).

    ``bodies``: document id -> clean text, as a mapping or as a callable that streams the (id, text) pairs
    afresh each time it is called (they are read twice and no text is kept: a document is held as its exact key
    and its banded MinHash values; a candidate's shingle hashes only until its last candidate pair is verified).
    Identical clean texts (ignoring case, punctuation and spacing) are one group; so are texts whose shingle
    sets have Jaccard >= ``min_jaccard`` or containment >= ``min_containment`` (a truncated or lightly edited
    copy). Bodies with fewer than ``min_shingles`` shingles join only exact groups. Every id maps to
    something; a document with no duplicate maps to itself. The groups do not depend on the order of
    ``bodies`` (a candidate pair is found whichever of the two comes first, and a group's representative is
    its smallest id). Nothing is deleted."""
    stream, parent = _streams(bodies), {}
    bands, rows = lsh_bands(lsh_threshold, num_perm)
    ids, positions, signatures = _signatures(stream(), parent, shingle_size, min_shingles, num_perm, bands * rows)
    pairs = candidate_pairs(signatures, bands, rows)
    for first, second in _verified(stream(), positions[pairs], shingle_size, min_jaccard, min_containment):
        _union(parent, ids[first], ids[second])
    return {doc_id: _find(parent, doc_id) for doc_id in parent}
