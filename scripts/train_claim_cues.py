"""Learn the claims cue lexicon from PolNeAR train (deterministic, a few minutes on one CPU core).

For every verb in the parsed training texts, count how often it heads a gold
attribution cue, keyed by lemma and by lemma plus complement frame (see
``wirewatch.claims.frame``). The result, ``src/wirewatch/data/claims/cues.json``,
maps each key seen often enough to its smoothed cue probability. Only lemma
statistics are stored, no text. PolNeAR carries no explicit licence: the
lexicon was trained on it for research use.

    .venv/bin/python scripts/train_claim_cues.py /work/shared/bench/attribution/polnear/train
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from wirewatch.claims import frame
from wirewatch.clean import find_boilerplate, mask
from wirewatch.evaluation.claims import load_gold
from wirewatch.nlp import build_pipeline

MIN_SEEN = 3  # keys seen fewer times are left to the built-in list
PRIOR = 1.0  # add-one smoothing towards "not a cue"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train", type=Path)
    parser.add_argument("-o", "--out", type=Path,
                        default=Path(__file__).parents[1] / "src/wirewatch/data/claims/cues.json")
    args = parser.parse_args()
    docs = load_gold(args.train)
    nlp = build_pipeline()
    for name in ("ww_places", "ww_dates", "ww_entities", "ww_claims", "ww_events"):
        nlp.remove_pipe(name)
    seen: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    texts = [mask(d.text, [(b.span.start, b.span.end) for b in find_boilerplate(d.text)]) for d in docs]
    for gold, doc in zip(docs, nlp.pipe(texts, batch_size=16), strict=True):
        heads: set[int] = set()
        for attribution in gold.attributions:
            for start, end in attribution.cue:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span):
                    heads.add(span.root.i)
        for token in doc:
            if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
                continue
            lemma = token.lemma_.lower()
            for key in (lemma, f"{lemma}|{frame(token)}"):
                seen[key] += 1
                hits[key] += token.i in heads
    cues = {key: round(hits[key] / (seen[key] + PRIOR), 3) for key in sorted(seen) if seen[key] >= MIN_SEEN}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "provenance": "cue probabilities learned from PolNeAR v1.0 train (networkdynamics/PolNeAR) for "
                      "research use; built by scripts/train_claim_cues.py",
        "docs": len(docs), "min_seen": MIN_SEEN, "cues": cues}, indent=0, sort_keys=True) + "\n",
        encoding="utf-8")
    print(f"{len(cues)} keys from {len(docs)} documents -> {args.out}")


if __name__ == "__main__":
    main()
