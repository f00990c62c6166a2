"""Score event models sentence by sentence on labelled sentences they were not trained on.

    python scripts/score_sentences.py benchmarks/gold/war-sentences/ukraine-war-news.jsonl \\
        --clone hellaskella33/ukraine-war-news-sentiment-analysis=CLONE [MODEL.json ...]

Each sentence is parsed on its own and given to the model alone (no rules of the events stage, no
article context): detection counts a sentence with any sub-type against one with any gold event;
sub-type F1 compares the sets of sub-types. MODEL defaults to the shipped model. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

from train_event_model import source_text

from wirewatch.events.event_model import CONTROL, model_from_dict, sentence_features
from wirewatch.nlp import load_model


def f1(tp: int, fp: int, fn: int) -> float:
    return round(2 * tp / (2 * tp + fp + fn), 3) if tp else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("models", nargs="*", type=Path)
    parser.add_argument("--clone", action="append", default=[], metavar="OWNER/NAME=PATH")
    args = parser.parse_args()
    clones = {repo: Path(clone) for repo, _, clone in (c.partition("=") for c in args.clone)}
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts: dict[str, str] = {}
    for r in rows:
        if r["doc"] not in texts:
            texts[r["doc"]] = source_text(r["doc"], clones)
    nlp = load_model()
    feats = [sentence_features(doc[:]) for doc in nlp.pipe(texts[r["doc"]][slice(*r["sentence"])] for r in rows)]
    shipped = resources.files("wirewatch") / "data" / "events" / "model.json"
    results = {}
    for path in args.models or [shipped]:
        model = model_from_dict(json.loads(Path(str(path)).read_text(encoding="utf-8")))
        d = {"tp": 0, "fp": 0, "fn": 0}
        s = {"tp": 0, "fp": 0, "fn": 0}
        for r, f in zip(rows, feats, strict=True):
            pred = {c for c, _ in model.predict(f) if c != CONTROL}
            gold = {e["sub_event_type"] for e in r["events"]}
            key = "tp" if pred and gold else "fp" if pred else "fn" if gold else None
            if key:
                d[key] += 1
            s["tp"] += len(pred & gold)
            s["fp"] += len(pred - gold)
            s["fn"] += len(gold - pred)
        results[str(path)] = {
            "detection": {"precision": round(d["tp"] / max(1, d["tp"] + d["fp"]), 3),
                          "recall": round(d["tp"] / max(1, d["tp"] + d["fn"]), 3), "f1": f1(**d)},
            "sub_event_type_f1": f1(**s)}
    print(json.dumps({"sentences": len(rows), "with_event": sum(bool(r["events"]) for r in rows),
                      "models": results}, indent=1))


if __name__ == "__main__":
    main()
