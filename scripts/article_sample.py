"""Draw whole real news articles for event annotation by the codebook (``benchmarks/gold/war-articles``).

    python scripts/article_sample.py CLONE --repo owner/name --commit SHA --under data/articles \\
        --exclude "${WIREWATCH_SHARED:-../shared}"/bench/events-real/articles.jsonl \\
        --limit 300 --test-share 0.34 --seed 20261207 > sample.jsonl

Reads the ``*.txt`` files under ``--under`` at ``--commit`` of a git clone of ``owner/name``. Left out:
articles sharing text with the ``--exclude`` articles (the events gold, dev and test), articles shorter
than ``--min-chars`` or longer than ``--max-chars``, and all but one of a group of syndicated copies.
The rest are shuffled with ``--seed``, the first ``--limit`` kept and split once: the first
``--test-share`` of them form the frozen ``test`` split, the others ``dev``. The publication day is
the timestamp that starts the file name (``20240414T020000Z_GB_en_...``). Prints one JSON row per
article: ``{"doc", "published", "country", "split", "chars"}``.
"""

from __future__ import annotations

import json
import random
import sys

from sentence_candidates import shingles, source_arguments, source_texts


def published(ref: str) -> str:
    stamp = ref.rsplit("/", 1)[-1]
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"


def main() -> None:
    parser = source_arguments(__doc__)
    parser.add_argument("--min-chars", type=int, default=400)
    parser.add_argument("--max-chars", type=int, default=12000)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--test-share", type=float, default=0.34)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()

    texts, held = source_texts(args)
    kept: list[str] = []
    kept_shingles: list[set] = []
    for ref in sorted(texts):
        text = texts[ref]
        own = shingles(text)
        if not args.min_chars <= len(text) <= args.max_chars or len(own & held) >= 3:
            continue
        # a syndicated copy shares most of its 8-word runs with an article already kept
        if any(len(own & other) >= 0.5 * min(len(own), len(other)) for other in kept_shingles):
            continue
        kept.append(ref)
        kept_shingles.append(own)
    random.Random(args.seed).shuffle(kept)
    kept = kept[:args.limit]
    tests = round(len(kept) * args.test_share)
    print(f"{len(texts)} articles, {len(kept)} kept, {tests} in test", file=sys.stderr)
    for i, ref in enumerate(kept):
        country = ref.rsplit("/", 1)[-1].split("_")[1]
        print(json.dumps({"doc": ref, "published": published(ref), "country": country,
                          "split": "test" if i < tests else "dev", "chars": len(texts[ref])}))


if __name__ == "__main__":
    main()
