"""Train the learned review's sentence classifier (is a sentence reported content, given the sieves'
draft decisions?) and write its weights to flows/steps/data/sentence_classifier.json.

    python tools/train_sentence_classifier.py --gold ../shared/corpus/polnear/train/gold.jsonl \\
        --raw ../shared/corpus/polnear/train/raw --holdout 400:600

Every article is run through the pipeline's own steps (decode, clean, segment, surface rules, parse,
sieves) up to the sieves' draft (``attribute.drafted``); each parsed sentence becomes one example,
described by ``review.sentence_features`` and labelled by the gold: reported when most of its words
align to words of gold sentences marked reported. A logistic regression (scikit-learn) is fitted;
the two thresholds are chosen by 5-fold cross-validation on the training articles (the keep threshold
for reviewed draft decisions, the add threshold for undecided sentences), maximising sentence F1.
Articles ``--holdout A:B`` (position in file-name order) are left out so they stay unseen. Only
feature names (rule names, dependency labels, cue verb forms, bins) and weights are written.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "flows" / "steps" / "data" / "sentence_classifier.json"
WORD = re.compile(r"[^\W_]++")


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def sentence_labels(gold_sentences: list[dict], texts: list[str]) -> list[bool | None]:
    """Per pipeline sentence: reported when most of its aligned words lie in gold-reported
    sentences; None when too few of its words align to judge."""
    gold_words, gold_flags = [], []
    for s in gold_sentences:
        w = _words(s["text"])
        gold_words += w
        gold_flags += [bool(s["reported"])] * len(w)
    ours, owner = [], []
    for k, t in enumerate(texts):
        w = _words(t)
        ours += w
        owner += [k] * len(w)
    hits = [[0, 0] for _ in texts]
    for block in difflib.SequenceMatcher(None, gold_words, ours, autojunk=False).get_matching_blocks():
        for n in range(block.size):
            h = hits[owner[block.b + n]]
            h[0] += 1
            h[1] += gold_flags[block.a + n]
    sizes = [len(_words(t)) for t in texts]
    return [None if not size or aligned < size / 2 else reported * 2 >= aligned
            for (aligned, reported), size in zip(hits, sizes)]


def article_examples(raw: bytes, gold: dict, boilerplate: frozenset[str], nlp) -> tuple[list[list[str]], list[bool], list[str]]:
    """(feature lists, labels, rule of the draft decision) for every parsed, judged sentence."""
    from flows.steps import attribute, clean, segment
    from flows.steps.attribute import review

    cleaned = clean.cleaned_document(clean.decoded(raw).text, corpus_boilerplate=boilerplate)
    body = cleaned.body
    paragraphs = [body[s:e] for s, e in segment.paragraph_spans(body)]
    surface, ctx, draft = attribute.drafted(paragraphs, title=cleaned.header.title, outlet=cleaned.header.outlet,
                                            language=cleaned.language, nlp=nlp)
    if ctx.parsed is None:
        return [], [], []
    texts = [paragraphs[a.paragraph_index][a.start:a.end] for a in surface.sentences]
    labels = sentence_labels(gold["statements"], texts)
    X, y, rules = [], [], []
    shares = review.report_shares(ctx.parsed.sentences, draft)
    for si, label in enumerate(labels):
        d = draft.get(si)
        if label is None:
            continue
        if not review.is_reviewed(ctx, draft, si):
            fixed = d is not None and d.mode != "narration"     # decided as drafted: counted, not learned
            rules.append(("fixed", fixed, label))
            continue
        X.append(review.sentence_features(ctx, draft, si, shares))
        y.append(label)
        rules.append(d.rule if d is not None else "narration")
    return X, y, rules


def training_examples(gold_path: Path, raw_dir: Path, holdout: tuple[int, int]):
    from flows.steps import clean, parse

    articles = sorted((json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()
                       if line.strip()), key=lambda a: a["file"])
    kept = [a for i, a in enumerate(articles) if not holdout[0] <= i < holdout[1]]
    raws = [(raw_dir / a["file"]).read_bytes() for a in kept]
    boilerplate = clean.corpus_boilerplate([clean.decoded(r).text for r in raws], min_docs=3)
    nlp = parse.english_pipeline()
    X, y, rules = [], [], []
    for n, (a, raw) in enumerate(zip(kept, raws)):
        ax, ay, ar = article_examples(raw, a, boilerplate, nlp)
        X += ax
        y += ay
        rules += ar
        if n % 50 == 0:
            print(f"{n}/{len(kept)} articles, {len(y)} examples", file=sys.stderr)
    return X, y, rules, len(kept)


def best_thresholds(p, y, rules, fixed, min_added_precision: float) -> tuple[float, float, float]:
    """(keep, add, F1) maximising sentence F1 over all judged sentences, where a reviewed sentence
    with a draft decision counts as reported when p >= keep, one without when p >= add, and the
    sentences the review leaves alone as drafted (``fixed``: their tp, fp, fn). The sentences the
    add threshold makes reported must be right at least ``min_added_precision`` of the time: a
    learned addition has to be clearly more often right than wrong, not only worth its F1."""
    grid = [i / 20 for i in range(2, 20)]
    best = (0.5, 1.0, -1.0)
    for keep in grid:
        for add in grid:
            tp, fp, fn = fixed
            added = added_right = 0
            for pi, yi, r in zip(p, y, rules):
                pred = pi >= (add if r == "narration" else keep)
                tp += pred and yi
                fp += pred and not yi
                fn += yi and not pred
                if pred and r == "narration":
                    added, added_right = added + 1, added_right + yi
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            if f1 > best[2] and (not added or added_right >= min_added_precision * added):
                best = (keep, add, f1)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True, help="PolNeAR train gold.jsonl")
    ap.add_argument("--raw", type=Path, required=True, help="PolNeAR train raw/ folder")
    ap.add_argument("--holdout", default="400:600", help="articles A:B (file-name order) left out (default 400:600)")
    ap.add_argument("--C", type=float, default=0.3, help="inverse regularisation strength (default 0.3)")
    ap.add_argument("--min-count", type=int, default=5, help="features seen in fewer examples are dropped (default 5)")
    ap.add_argument("--min-added-precision", type=float, default=0.7,
                    help="cross-validated precision the added sentences must reach (default 0.7)")
    ap.add_argument("--cache", type=Path, help="JSON file caching the extracted examples (read when it exists)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output JSON (default {OUT})")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    a, b = (int(x) for x in args.holdout.split(":"))
    if args.cache and args.cache.exists():
        X, y, rules, n_articles = json.loads(args.cache.read_text())
    else:
        X, y, rules, n_articles = training_examples(args.gold, args.raw, (a, b))
        if args.cache:
            args.cache.write_text(json.dumps([X, y, rules, n_articles]))
    from flows.steps.attribute import review

    fixed_rows = [r for r in rules if isinstance(r, (list, tuple))]
    rules = [r for r in rules if isinstance(r, str)]
    # a cache extracted with more reviewed rules: their examples count as drafted (reported), unlearned
    unreviewed = [i for i, r in enumerate(rules) if r != "narration" and r not in review.REVIEWED_RULES]
    fixed_rows += [("fixed", True, y[i]) for i in unreviewed]
    drop = set(unreviewed)
    X, y, rules = ([v for i, v in enumerate(seq) if i not in drop] for seq in (X, y, rules))
    counts = Counter(f for fs in X for f in set(fs))
    vec = DictVectorizer()
    M = vec.fit_transform([{f: 1.0 for f in fs if counts[f] >= args.min_count} for fs in X])
    model = LogisticRegression(C=args.C, max_iter=3000)
    p = cross_val_predict(model, M, y, cv=5, method="predict_proba")[:, 1]
    fixed = (sum(f and l for _, f, l in fixed_rows), sum(f and not l for _, f, l in fixed_rows),
             sum(l and not f for _, f, l in fixed_rows))
    keep, add, f1 = best_thresholds(p, y, rules, fixed, args.min_added_precision)
    model.fit(M, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 1e-3}
    out = {"trained_on": f"PolNeAR train gold, {n_articles} articles (held out {a}:{b})",
           "examples": len(y), "positive_share": round(sum(y) / len(y), 4), "cv_f1": round(f1, 4),
           "C": args.C, "min_count": args.min_count, "bias": round(float(model.intercept_[0]), 4),
           "min_added_precision": args.min_added_precision,
           "keep_threshold": keep, "add_threshold": add, "weights": dict(sorted(weights.items()))}
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(y)} examples from {n_articles} articles; thresholds keep {keep} add {add}; "
          f"5-fold CV F1 {f1:.3f} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
