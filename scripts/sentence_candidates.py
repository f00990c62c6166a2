"""Draw real news sentences for event annotation by the codebook (``benchmarks/gold/events-sentences``).

    python scripts/sentence_candidates.py CLONE --repo owner/name --commit SHA --under data/articles \\
        --exclude "${WIREWATCH_SHARED:-../shared}"/bench/events-real/articles.jsonl --per-article 8 \\
        --limit 2400 --seed 20261206 > candidates.jsonl

CLONE is a git clone of the public repository ``owner/name``; its ``*.txt`` files under ``--under`` at
``--commit`` are read with ``git show``, so the offsets stay valid whatever the clone's checkout.
A sentence is a candidate when it holds a word of ``WORDS`` (general words of the codebook's event
types). Articles sharing text with the ``--exclude`` articles (the events gold, dev and test) are
left out, as are sentences repeated across articles (syndicated copies). Prints one JSON row per
sentence: doc reference, sentence offsets, the sentence and the 300 characters before it.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
from pathlib import Path

from train_event_model import source_text

from wirewatch.nlp import load_model

# Stems of the codebook's event words (docs/codebook.md, sections 1-3): violence, weapons, territory,
# protest, arrest. Broad on purpose: most hits report no event, and those negatives teach the model too.
WORDS = re.compile(
    r"\b(attack|kill|dead|death|died|die|bomb|shell|strike|struck|missile|rocket|drone|artillery|mortar|"
    r"protest|demonstrat|march|rall(?:y|ies)|riot|clash|fight|battle|arrest|detain|troops|soldier|militant|"
    r"ceasefire|captur|seiz|liberat|recaptur|retak|withdr|retreat|advanc|occup|raid|wound|injur|terror|"
    r"hostage|abduct|kidnap|explo|blast|shot|shoot|fired|intercept|destroy|damag|assault|offensive|invad|"
    r"invasion|casualt|civilian|air defen[cs]e|shot down|sabotage|looted|loot)", re.IGNORECASE)


def shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def git_texts(clone: Path, repo: str, commit: str, under: str) -> dict[str, str]:
    """The ``*.txt`` files under ``under`` at ``commit``, by the doc reference a sentence row gives them."""
    names = subprocess.run(["git", "-C", str(clone), "ls-tree", "-r", "--name-only", commit, under],
                           check=True, capture_output=True, text=True).stdout.split()
    refs = [f"github:{repo}@{commit}:{name}" for name in names if name.endswith(".txt")]
    return {ref: source_text(ref, {repo: clone}) for ref in refs}


def source_arguments(doc: str | None) -> argparse.ArgumentParser:
    """The options naming the texts to draw from: a clone of a public repository, its commit and folder,
    and the articles to keep out."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("clone", type=Path)
    parser.add_argument("--repo", required=True, help="owner/name of the public repository")
    parser.add_argument("--commit", required=True)
    parser.add_argument("--under", default="")
    parser.add_argument("--exclude", type=Path, help="JSON lines of articles ({text}) not to draw from")
    return parser


def source_texts(args: argparse.Namespace) -> tuple[dict[str, str], set[tuple[str, ...]]]:
    """The texts named by ``source_arguments`` and the 8-word runs of the articles to keep out."""
    texts = git_texts(args.clone, args.repo, args.commit, args.under)
    held: set[tuple[str, ...]] = set()
    if args.exclude:
        for line in args.exclude.read_text(encoding="utf-8").splitlines():
            held |= shingles(json.loads(line)["text"])
    return texts, held


def main() -> None:
    parser = source_arguments(__doc__)
    parser.add_argument("--per-article", type=int, default=8)
    parser.add_argument("--limit", type=int, default=2400)
    parser.add_argument("--seed", type=int, default=20261206)
    args = parser.parse_args()

    texts, held = source_texts(args)
    nlp = load_model(disable=("ner",))
    rng = random.Random(args.seed)
    seen: set[str] = set()
    picked, overlapping = [], 0
    for ref in sorted(texts):
        text = texts[ref]
        if len(shingles(text) & held) >= 3:
            overlapping += 1
            continue
        candidates = []
        for sent in nlp(text).sents:
            sentence = sent.text.strip()
            key = " ".join(sentence.lower().split())
            if len(sentence) < 30 or key in seen or not WORDS.search(sentence):
                continue
            seen.add(key)
            start = sent.start_char + sent.text.index(sentence)
            candidates.append((start, start + len(sentence)))
        rng.shuffle(candidates)
        for start, end in sorted(candidates[:args.per_article]):
            picked.append({"doc": ref, "sentence": [start, end],
                           "text": text[start:end], "before": text[max(0, start - 300):start]})
    rng.shuffle(picked)
    print(f"{len(texts)} articles, {overlapping} left out as sharing text with --exclude, "
          f"{len(picked)} candidate sentences, {min(len(picked), args.limit)} kept", file=sys.stderr)
    for row in picked[:args.limit]:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
