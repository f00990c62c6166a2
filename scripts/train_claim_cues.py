"""Train the claims cue model on PolNeAR train (deterministic, a few minutes on one CPU core).

Every candidate token of the parsed training texts (see
``wirewatch.claims.cues.is_candidate``) is an example, positive when it heads a
gold attribution cue. An L2-regularised logistic regression over the sparse
parse features of ``wirewatch.claims.cues.features`` is fitted by full-batch
gradient descent (numpy, fixed iterations, no randomness); the decision
threshold is the one with the best F1 on the last fifth of the documents held
out, then the model is refitted on all of them. The result,
``src/wirewatch/data/claims/cues.json``, holds only feature names (lemmas,
dependency labels) and weights, no text. PolNeAR carries no explicit licence:
the model was trained on it for research use.

    .venv/bin/python scripts/train_claim_cues.py "${WIREWATCH_SHARED:-../shared}"/bench/attribution/polnear/train
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from wirewatch.claims.cues import features, is_candidate
from wirewatch.claims.quotes import quote_spans
from wirewatch.clean import find_boilerplate, mask
from wirewatch.evaluation.claims import GoldDoc, load_gold
from wirewatch.nlp import build_pipeline

MIN_SEEN = 5  # rarer features are dropped (they only memorise, and the artefact stays small)
L2 = 3.0  # per-example-sum penalty, chosen on held-out train documents
ITERATIONS = 400
LEARNING_RATE = 0.5
HELD_OUT = 0.2

Row = tuple[list[str], int]


def examples(gold: Sequence[GoldDoc], docs: Sequence[Doc]) -> list[list[Row]]:
    """Per document, (features, label) for each candidate token."""
    out = []
    for g, doc in zip(gold, docs, strict=True):
        heads: set[int] = set()
        for attribution in g.attributions:
            span = doc.char_span(attribution.cue[0][0], attribution.cue[0][1], alignment_mode="expand")
            if span is not None and len(span):
                heads.add(span.root.i)
        quotes = quote_spans(doc.text)
        rows = []
        for token in doc:
            if is_candidate(token):
                in_quote = any(s < token.idx < e - 1 for s, e in quotes)
                rows.append((list(features(token, in_quote)), int(token.i in heads)))
        out.append(rows)
    return out


def fit(rows: Sequence[Row]) -> dict[str, float]:
    counts: Counter[str] = Counter(f for feats, _ in rows for f in set(feats))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_SEEN)
    index = {f: i for i, f in enumerate(vocab)}
    cols: list[int] = []
    row_ids: list[int] = []
    for r, (feats, _) in enumerate(rows):
        for f in set(feats):
            if f in index:
                cols.append(index[f])
                row_ids.append(r)
    col = np.array(cols, dtype=np.int64)
    row = np.array(row_ids, dtype=np.int64)
    y = np.array([label for _, label in rows], dtype=np.float64)
    w = np.zeros(len(vocab))
    g2 = np.zeros(len(vocab))
    n = len(rows)
    for _ in range(ITERATIONS):  # Adagrad on the mean log loss plus L2 / n
        z = np.bincount(row, weights=w[col], minlength=n)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        grad = np.bincount(col, weights=(p - y)[row], minlength=len(vocab)) / n + L2 * w / n
        g2 += grad * grad
        w -= LEARNING_RATE * grad / (np.sqrt(g2) + 1e-8)
    return {f: round(float(v), 4) for f, v in zip(vocab, w, strict=True) if abs(v) >= 0.01}


def best_threshold(weights: dict[str, float], rows: Sequence[Row]) -> float:
    scores = np.array([sum(weights.get(f, 0.0) for f in feats) for feats, _ in rows])
    probs = 1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30)))
    labels = np.array([label for _, label in rows])
    best, best_f1 = 0.5, -1.0
    for t in np.arange(0.1, 0.9, 0.025):
        pred = probs >= t
        tp = float((pred & (labels == 1)).sum())
        f1 = 2 * tp / (pred.sum() + labels.sum()) if pred.sum() + labels.sum() else 0.0
        if f1 > best_f1:
            best, best_f1 = round(float(t), 3), f1
    return best


def train(per_doc: Sequence[list[Row]]) -> tuple[dict[str, float], float]:
    cut = int(len(per_doc) * (1 - HELD_OUT))
    held_weights = fit([r for rows in per_doc[:cut] for r in rows])
    threshold = best_threshold(held_weights, [r for rows in per_doc[cut:] for r in rows])
    return fit([r for rows in per_doc for r in rows]), threshold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("-o", "--out", type=Path,
                        default=Path(__file__).parents[1] / "src/wirewatch/data/claims/cues.json")
    args = parser.parse_args()
    gold = load_gold(args.train)
    nlp = build_pipeline()
    for name in ("ww_places", "ww_dates", "ww_entities", "ww_claims", "ww_events"):
        nlp.remove_pipe(name)
    texts = [mask(d.text, [(b.span.start, b.span.end) for b in find_boilerplate(d.text)]) for d in gold]
    per_doc = examples(gold, list(nlp.pipe(texts, batch_size=16)))
    weights, threshold = train(per_doc)
    write(args.out, weights, threshold, len(gold))
    print(f"{len(weights)} weights, threshold {threshold}, from {len(gold)} documents -> {args.out}")


def write(out: Path, weights: dict[str, float], threshold: float, docs: int) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "provenance": "logistic cue model trained on PolNeAR v1.0 train (networkdynamics/PolNeAR) for "
                      "research use; built by scripts/train_claim_cues.py",
        "docs": docs, "threshold": threshold, "weights": weights}, indent=0, sort_keys=True) + "\n",
        encoding="utf-8")


if __name__ == "__main__":
    main()
