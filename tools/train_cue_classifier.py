"""Train the cue classifier (is a sentence with this cue and source reported speech?) and write its
weights to flows/steps/data/cue_classifier.json.

    python tools/train_cue_classifier.py --gold ../shared/corpus/polnear/train/gold.jsonl \\
        --holdout 400:600

Every gold sentence is parsed with the pipeline's spaCy model; each (cue, source) reading that
``flows.steps.attribute.cues.cue_candidates`` finds becomes one example, labelled with the
sentence's gold ``reported`` flag, described by ``cues.clause_features``. A logistic regression
(scikit-learn) is fitted; 5-fold cross-validation F1 is printed. Articles ``--holdout A:B`` (by
position in file-name order) are left out, so they stay unseen for measuring. Only feature names
(cue verb forms, dependency labels, bins) and weights are written: no text of the corpus.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "flows" / "steps" / "data" / "cue_classifier.json"


def training_examples(gold_path: Path, holdout: tuple[int, int]) -> tuple[list[dict], list[int], int]:
    """(feature dicts, labels, articles used) over every candidate reading of every gold sentence."""
    from flows.steps import lexicon, parse
    from flows.steps.attribute import cues

    articles = sorted((json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()
                       if line.strip()), key=lambda a: a["file"])
    kept = [a for i, a in enumerate(articles) if not holdout[0] <= i < holdout[1]]
    sents = [s for a in kept for s in a["statements"] if s["text"].strip()]
    X, y = [], []
    for s, doc in zip(sents, parse.english_pipeline().pipe((s["text"] for s in sents), batch_size=256)):
        sent, _ = parse.parsed_sentence(doc, False)
        if all(sent.in_quote):
            continue
        for cue, head in cues.cue_candidates(sent, lexicon.CUE_VERB_FORMS, lexicon.REPORTED_SOURCE_NOUNS,
                                             any_noun=True):
            share = cues.content_share(sent, cue, head)
            features = cues.clause_features(sent, cue, head, share, lexicon.REPORTED_SOURCE_NOUNS)
            X.append({"share": share, **{f: 1.0 for f in features}})
            y.append(int(bool(s["reported"])))
    return X, y, len(kept)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True, help="PolNeAR train gold.jsonl")
    ap.add_argument("--holdout", default="400:600", help="articles A:B (file-name order) left out (default 400:600)")
    ap.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength (default 1.0)")
    ap.add_argument("--out", type=Path, default=OUT, help=f"output JSON (default {OUT})")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_score

    a, b = (int(x) for x in args.holdout.split(":"))
    X, y, n_articles = training_examples(args.gold, (a, b))
    vec = DictVectorizer()
    M = vec.fit_transform(X)
    model = LogisticRegression(C=args.C, max_iter=2000)
    f1 = cross_val_score(model, M, y, cv=5, scoring="f1").mean()
    model.fit(M, y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
               if abs(w) >= 1e-3}
    out = {"trained_on": f"PolNeAR train gold, {n_articles} articles (held out {a}:{b})",
           "examples": len(y), "positive_share": round(sum(y) / len(y), 4), "cv_f1": round(float(f1), 4),
           "C": args.C, "bias": round(float(model.intercept_[0]), 4), "threshold": 0.5,
           "weights": dict(sorted(weights.items()))}
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(y)} examples from {n_articles} articles, 5-fold CV F1 {f1:.3f} -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
