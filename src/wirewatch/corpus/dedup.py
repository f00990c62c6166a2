"""Syndication: copies of one wire story (other boilerplate, headline, light edits) share a group.

MinHash over word 5-gram shingles of the body with boilerplate removed, LSH to
find candidate pairs, then groups as connected components. Deterministic: the
group id is the smallest article id in the group. Once stories are known, a
second pass (``join_rewrites``) adds rewritten copies within a story, which
keep whole sentences of the wire text but too few to pass the corpus-wide bar.
"""

from __future__ import annotations

import datetime as dt
import re

from wirewatch.corpus.union import DisjointSets
from wirewatch.store import Store

THRESHOLD = 0.3  # estimated Jaccard of shingle sets: copies with a new headline, a cut end or three rewritten
# sentences stay above it, independent articles on one story stay far below (eval dedup, benchmarks/RESULTS.md)
NUM_PERM = 128
SHINGLE = 5
SCHEME = "affine32"  # fixed, so cached signatures stay comparable across datasketch versions


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))}


def body_without_boilerplate(text: str, spans: list[tuple[int, int]]) -> str:
    parts, last = [], 0
    for start, end in sorted(spans):
        parts.append(text[last:start])
        last = max(last, end)
    parts.append(text[last:])
    return " ".join(parts)


def signature(body: str):
    """The MinHash of one cleaned body (deterministic: fixed seed and permutations)."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles(body)])
    return m


def group_near_duplicates(bodies: dict[int, str], threshold: float = THRESHOLD) -> dict[int, int]:
    """article id -> group id (the smallest id among its near-duplicates)."""
    return group_signatures({aid: signature(body) for aid, body in bodies.items()}, threshold)


def group_signatures(hashes: dict, threshold: float = THRESHOLD) -> dict[int, int]:
    """Connected components of MinHash pairs above ``threshold``; LSH keeps it near-linear."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for aid in sorted(hashes):
        lsh.insert(str(aid), hashes[aid])
    groups = DisjointSets(sorted(hashes))
    for aid in sorted(hashes):
        m = hashes[aid]
        for other in lsh.query(m):
            b = int(other)
            if b != aid and m.jaccard(hashes[b]) >= threshold:
                groups.union(aid, b)
    return {aid: groups.find(aid) for aid in hashes}


def assign_syndication_groups(store: Store) -> int:
    """Set ``articles.syndication_group``; returns the number of groups with more than one article.

    Incremental: only articles without a stored signature are shingled and hashed.
    """
    import numpy as np
    from datasketch import MinHash

    con = store.con
    known = {aid: blob for aid, blob in con.execute("SELECT article_id, minhash FROM signatures").fetchall()}
    new = [aid for (aid,) in con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()
           if aid not in known]
    hashes: dict[int, MinHash] = {}
    template = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)  # permutations computed once, shared
    for aid, blob in known.items():
        hashes[aid] = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=template.permutations,
                              hashvalues=np.frombuffer(blob, dtype=np.uint64))
    if new:
        spans: dict[int, list[tuple[int, int]]] = {}
        wanted = set(new)
        for aid, start, end in con.execute('SELECT article_id, start, "end" FROM boilerplate').fetchall():
            if aid in wanted:
                spans.setdefault(aid, []).append((start, end))
        rows = []
        for aid, text in con.execute("SELECT article_id, text FROM articles").fetchall():
            if aid in wanted:
                hashes[aid] = signature(body_without_boilerplate(text, spans.get(aid, [])))
                rows.append([aid, hashes[aid].hashvalues.astype(np.uint64).tobytes()])
        store.append_rows("signatures", rows)
    groups = group_signatures(hashes)
    store.set_column("articles", "syndication_group", ("article_id",), [[aid, g] for aid, g in groups.items()])
    sizes: dict[int, int] = {}
    for g in groups.values():
        sizes[g] = sizes.get(g, 0) + 1
    return sum(1 for n in sizes.values() if n > 1)


REWRITE_JACCARD = 0.08  # exact word 5-gram Jaccard of two articles of one story: a desk's rewrite of one wire
# story keeps whole quoted sentences (0.09-0.18 on the real-news dev gold); independent reports of one
# happening share a few phrases (at most 0.05 there)
REWRITE_DAYS = 3
ESTIMATE_FLOOR = 0.03  # MinHash estimate under which the exact comparison is not worth making


def join_rewrites(store: Store, story_of: dict[int, int], articles: dict) -> dict[int, int]:
    """Syndication groups extended to rewritten copies of one wire story: two articles of one story,
    from different outlets, published within ``REWRITE_DAYS`` days, whose word 5-grams overlap with a
    Jaccard of ``REWRITE_JACCARD`` or more. Only pairs inside a story are compared (the story is the
    block), and only those whose cached MinHash estimate passes a low floor are shingled. Returns
    article id -> group id (the smallest article id), written to ``articles.syndication_group``."""
    import numpy as np

    hashes = {aid: np.frombuffer(blob, dtype=np.uint64)
              for aid, blob in store.con.execute("SELECT article_id, minhash FROM signatures").fetchall()}
    by_story: dict[int, list[int]] = {}
    for aid, story in story_of.items():
        by_story.setdefault(story, []).append(aid)
    candidates: list[tuple[int, int]] = []
    for members in by_story.values():
        members = sorted((a for a in members if a in hashes), key=lambda a: (articles[a].published or dt.date.min, a))
        if len(members) < 2:
            continue
        days = np.array([(articles[a].published or dt.date.min).toordinal() for a in members])
        matrix = np.stack([hashes[a] for a in members])
        for i, a in enumerate(members[:-1]):
            # the later articles within the window, compared with this one in one vector operation
            end = int(np.searchsorted(days, days[i] + REWRITE_DAYS, side="right")) if articles[a].published \
                else len(members)
            estimates = (matrix[i + 1:end] == matrix[i]).mean(axis=1)
            for k in np.nonzero(estimates >= ESTIMATE_FLOOR)[0]:
                b = members[i + 1 + int(k)]
                if articles[a].syndication_group != articles[b].syndication_group \
                        and articles[a].outlet != articles[b].outlet:
                    candidates.append((a, b))
    groups = DisjointSets(sorted(articles))
    for aid, rec in articles.items():
        if rec.syndication_group is not None:
            groups.union(aid, rec.syndication_group)
    if candidates:
        wanted = {a for pair in candidates for a in pair}
        texts = {aid: shingles(text) for aid, text in store.con.execute(
            "SELECT article_id, text FROM articles WHERE list_contains(?, article_id)", [sorted(wanted)]).fetchall()}
        for a, b in candidates:
            shared = len(texts[a] & texts[b])
            if shared / max(1, len(texts[a] | texts[b])) >= REWRITE_JACCARD:
                groups.union(a, b)
    found = {aid: groups.find(aid) for aid in articles}
    store.set_column("articles", "syndication_group", ("article_id",), [[a, g] for a, g in found.items()])
    return found
