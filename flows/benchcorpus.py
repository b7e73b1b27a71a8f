"""A benchmark corpus of any size from a few real texts: copies perturbed so that they are neither corpus
boilerplate nor near-duplicates of each other. Pure: texts in, texts out, no I/O; one seed, one corpus.

Copy 0 of every text is the text itself. A later copy keeps its text's first ``header_lines`` lines (title,
byline, date) and fills the body with runs of up to ``run_lines`` consecutive body lines drawn from all texts
of the same language (so quotations, labelled turns and their cues keep their neighbours). Every line of a
copy then has its numbers replaced (years stay plausible years, small numbers stay valid days) and the
capitalised words inside sentences (names, places) mapped to other such words of the same language, one
mapping per copy, so a person stays one person within a copy. A header line the swaps left as it was gets
one long word replaced, so no title or byline repeats across copies and becomes boilerplate.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

_NUMBER = re.compile(r"\d++")
_INNER_CAPITALISED = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]++")   # a capitalised word after a lower-case word
_LONG_WORD = re.compile(r"\b[a-z]{5,}+\b")


@dataclass(frozen=True)
class SourceText:
    name: str       # file name, relative to its source folder
    text: str
    language: str   # as the pipeline's language identifier says ("und" when it cannot tell)


@dataclass(frozen=True)
class _Pool:
    """What copies of one language draw from: body line runs, inner capitalised words, long words."""
    runs: tuple[tuple[str, ...], ...]
    names: tuple[str, ...]
    words: tuple[str, ...]


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _pools(sources: list[SourceText], *, header_lines: int, run_lines: int) -> dict[str, _Pool]:
    runs, names, words = {}, {}, {}
    for s in sources:
        body = _lines(s.text)[header_lines:]
        runs.setdefault(s.language, []).extend(tuple(body[i:i + run_lines]) for i in range(0, len(body), run_lines))
        names.setdefault(s.language, set()).update(_INNER_CAPITALISED.findall(s.text))
        words.setdefault(s.language, set()).update(_LONG_WORD.findall(s.text))
    return {lang: _Pool(tuple(runs[lang]), tuple(sorted(names[lang])), tuple(sorted(words[lang]))) for lang in runs}


def _number(match: re.Match, rng: random.Random) -> str:
    digits = match.group()
    if len(digits) == 4 and digits[:2] in ("19", "20"):
        return str(rng.randint(1990, 2024))           # a year stays a year the quality checks accept
    if len(digits) <= 2:
        return str(rng.randint(1, 28))                # a day or month number stays valid
    return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))


def _swapped(line: str, names: dict[str, str], rng: random.Random) -> str:
    line = _NUMBER.sub(lambda m: _number(m, rng), line)
    return _INNER_CAPITALISED.sub(lambda m: names.get(m.group(), m.group()), line)


def _reworded(line: str, pool: _Pool, rng: random.Random) -> str:
    """``line`` with one of its long words replaced by another word of the pool (when it has one)."""
    found = list(_LONG_WORD.finditer(line))
    if not found or not pool.words:
        return line
    m = rng.choice(found)
    return line[:m.start()] + rng.choice(pool.words) + line[m.end():]


def perturbed_copy(source: SourceText, pool: _Pool, rng: random.Random, *, header_lines: int = 3) -> str:
    """One perturbed copy of ``source`` (see the module docstring)."""
    lines = _lines(source.text)
    shuffled = list(pool.names)
    rng.shuffle(shuffled)
    names = dict(zip(pool.names, shuffled))
    header = [_swapped(line, names, rng) for line in lines[:header_lines]]
    header = [_reworded(new, pool, rng) if new == old else new for new, old in zip(header, lines)]
    body, wanted = [], max(len(lines) - header_lines, 1)
    while len(body) < wanted and pool.runs:
        body.extend(_swapped(line, names, rng) for line in rng.choice(pool.runs))
    separator = "\n\n" if "\n\n" in source.text else "\n"
    return separator.join(header + body) + "\n"


def corpus(sources: list[SourceText], *, size_bytes: int, seed: int = 0, header_lines: int = 3,
           run_lines: int = 3) -> list[tuple[str, str]]:
    """``(name, text)`` pairs adding up to at least ``size_bytes`` of UTF-8 (the last text may overshoot):
    each source once as it is (in an order the seed shuffles), then perturbed copies ``copy-<k>/<name>``,
    round after round, until the size is reached. The same sources and seed give the same corpus."""
    if not sources:
        raise ValueError("no source texts to build a corpus from")
    rng = random.Random(seed)
    order = sorted(sources, key=lambda s: s.name)
    rng.shuffle(order)
    pools = _pools(order, header_lines=header_lines, run_lines=run_lines)
    out, total, k = [], 0, 0
    while total < size_bytes:
        for s in order:
            text = s.text if k == 0 else perturbed_copy(s, pools[s.language], rng, header_lines=header_lines)
            out.append((s.name if k == 0 else f"copy-{k}/{s.name}", text))
            total += len(text.encode("utf-8"))
            if total >= size_bytes:
                break
        k += 1
    return out
