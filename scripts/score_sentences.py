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
from collections import Counter
from importlib import resources
from pathlib import Path

from train_event_model import sentence_texts

from wirewatch.evaluation.events import _prf
from wirewatch.events.event_model import CONTROL, document_features, model_from_dict, sentence_features
from wirewatch.nlp import load_model


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("models", nargs="*", type=Path)
    parser.add_argument("--clone", action="append", default=[], metavar="OWNER/NAME=PATH")
    args = parser.parse_args()
    clones = {repo: Path(clone) for repo, _, clone in (c.partition("=") for c in args.clone)}
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_model()
    # each sentence alone, read as its own article, as the training script reads labelled sentences
    feats = [sentence_features(doc[:]) + document_features(doc) for doc in nlp.pipe(sentence_texts(rows, clones))]
    shipped = resources.files("wirewatch") / "data" / "events" / "model.json"
    results = {}
    for path in args.models or [shipped]:
        model = model_from_dict(json.loads(Path(str(path)).read_text(encoding="utf-8")))
        detection = Counter()
        sub_types = Counter()
        for r, f in zip(rows, feats, strict=True):
            pred = {c for c, _ in model.predict(f) if c != CONTROL}
            gold = {e["sub_event_type"] for e in r["events"]}
            if pred or gold:
                detection["tp" if pred and gold else "fp" if pred else "fn"] += 1
            sub_types.update(tp=len(pred & gold), fp=len(pred - gold), fn=len(gold - pred))
        results[str(path)] = {"detection": _prf(detection["tp"], detection["fp"], detection["fn"]),
                              "sub_event_type": _prf(sub_types["tp"], sub_types["fp"], sub_types["fn"])}
    print(json.dumps({"sentences": len(rows), "with_event": sum(bool(r["events"]) for r in rows),
                      "models": results}, indent=1))


if __name__ == "__main__":
    main()
