"""Syndication detection (MinHash/LSH near-duplicates) measured on real news with made copies.

``gold`` is a folder of news articles as ``.txt`` files (searched recursively;
e.g. PolNeAR's political news from several outlets on the same 2016 stories,
which makes many independently written articles on one subject: the hard
negatives). Each article may get copies made by the edits outlets make to a
wire story, one edit kind per copy, chosen by a seeded generator:

- ``boilerplate``: other promo lines before and after, a dateline prefix;
- ``headline``: the first line replaced;
- ``trimmed``: the last ~30% of paragraphs cut;
- ``paragraph_dropped``: one inner paragraph left out;
- ``sentences_rewritten``: three sentences replaced (a desk's light edit);
- ``edited_10`` / ``edited_25``: 10% / 25% of words replaced at random places
  (a stress test: scattered changes break most word 5-grams; at 25% it is a
  rewrite, not a copy).

Pairs of one article and its copies are positives; every other pair, including
two originals on the same subject, is a negative. Bodies are hashed as they are
(no boilerplate removal, which the per-document stage would do first), so the
figures are a lower bound for the pipeline. Reports pairwise precision/recall
at the stage's threshold, recall per edit kind, and a threshold sweep.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import defaultdict
from pathlib import Path

EDITS = ("boilerplate", "headline", "trimmed", "paragraph_dropped", "sentences_rewritten", "edited_10",
         "edited_25")
SWEEP = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)


def evaluate(gold: Path, limit: int | None = None, seed: int = 1) -> dict:
    from wirewatch.corpus.dedup import NUM_PERM, THRESHOLD, group_signatures, signature

    files = sorted(p for p in Path(gold).rglob("*.txt") if p.is_file())[:limit]
    originals = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    originals = [t for t in originals if len(t.split()) >= 80]  # a copy of a three-line item is not a test
    docs, base_of, kind_of = make_copies(originals, seed)
    start = time.perf_counter()
    hashes = {i: signature(text) for i, text in enumerate(docs)}
    hashed = time.perf_counter() - start
    results = {}
    for threshold in sorted({*SWEEP, THRESHOLD}):
        start = time.perf_counter()
        groups = group_signatures(hashes, threshold)
        results[threshold] = (score(groups, base_of, kind_of), time.perf_counter() - start)
    main, grouping = results[THRESHOLD]
    return {"gold": str(gold), "originals": len(originals), "copies": len(docs) - len(originals),
            "threshold": THRESHOLD, "num_perm": NUM_PERM, **main,
            "sweep": {str(t): {k: r[k] for k in ("precision", "recall", "f1", "recall_by_edit")}
                      for t, (r, _) in results.items()},
            "seconds": {"hash": round(hashed, 2), "group": round(grouping, 2),
                        "docs_per_s": round(len(docs) / max(hashed + grouping, 1e-9))}}


def make_copies(originals: list[str], seed: int = 1) -> tuple[list[str], list[int], list[str]]:
    """All documents (originals first), the original each comes from, and its edit kind ("" for originals)."""
    rng = random.Random(seed)
    vocabulary = sorted({w for t in originals[:200] for w in t.split() if w.isalpha()}) or ["word"]
    docs, base_of, kind_of = list(originals), list(range(len(originals))), [""] * len(originals)
    for i, text in enumerate(originals):
        for kind in rng.sample(EDITS, rng.choice((0, 1, 1, 2))):
            docs.append(edit(text, kind, rng, vocabulary))
            base_of.append(i)
            kind_of.append(kind)
    return docs, base_of, kind_of


def edit(text: str, kind: str, rng: random.Random, vocabulary: list[str]) -> str:
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if kind == "boilerplate":
        return (f"Advertisement\n\nSign up for our {rng.choice(('morning', 'evening'))} newsletter\n\n"
                f"WASHINGTON (Wire) - {text}\n\nRead more: {rng.choice(vocabulary)} {rng.choice(vocabulary)}\n\n"
                "(c) All rights reserved")
    if kind == "headline":
        headline = " ".join(rng.choice(vocabulary) for _ in range(8))
        return "\n".join([headline, *paragraphs[1:]]) if len(paragraphs) > 1 else f"{headline}\n{text}"
    if kind == "trimmed":
        keep = max(1, round(len(paragraphs) * 0.7))
        return "\n".join(paragraphs[:keep]) if len(paragraphs) > 2 else " ".join(text.split()[: len(text.split()) * 7 // 10])
    if kind == "paragraph_dropped" and len(paragraphs) > 2:
        drop = rng.randrange(1, len(paragraphs) - 1)
        return "\n".join(p for j, p in enumerate(paragraphs) if j != drop)
    if kind == "sentences_rewritten":
        sentences = text.split(". ")
        for j in rng.sample(range(len(sentences)), min(3, len(sentences))):
            sentences[j] = " ".join(rng.choice(vocabulary) for _ in range(len(sentences[j].split())))
        return ". ".join(sentences)
    if kind.startswith("edited_") or kind == "paragraph_dropped":
        share = int(kind.split("_")[1]) / 100 if kind.startswith("edited_") else 0.05
        words = text.split(" ")
        for j in rng.sample(range(len(words)), int(len(words) * share)):
            words[j] = rng.choice(vocabulary)
        return " ".join(words)
    raise ValueError(kind)


def score(groups: dict[int, int], base_of: list[int], kind_of: list[str]) -> dict:
    """Pairwise precision/recall over all document pairs, without enumerating the negatives."""
    members: dict[int, list[int]] = defaultdict(list)
    for doc, group in groups.items():
        members[group].append(doc)
    tp = fp = 0
    originals_merged = 0
    for docs in members.values():
        for a, b in itertools.combinations(docs, 2):
            if base_of[a] == base_of[b]:
                tp += 1
            else:
                fp += 1
                originals_merged += kind_of[a] == kind_of[b] == ""
    family: dict[int, list[int]] = defaultdict(list)
    for doc, base in enumerate(base_of):
        family[base].append(doc)
    positives = sum(len(d) * (len(d) - 1) // 2 for d in family.values())
    found: dict[str, list[bool]] = defaultdict(list)
    for doc, kind in enumerate(kind_of):
        if kind:  # is this copy grouped with its original?
            found[kind].append(groups[doc] == groups[base_of[doc]])
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / positives if positives else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": positives - tp, "originals_wrongly_grouped_pairs": originals_merged,
            "recall_by_edit": {k: round(sum(v) / len(v), 3) for k, v in sorted(found.items())},
            "copies_by_edit": {k: len(v) for k, v in sorted(found.items())}}
