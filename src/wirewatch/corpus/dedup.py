"""Syndication: copies of one wire story (other boilerplate, headline, light edits) share a group.

MinHash over word 5-gram shingles of the body with boilerplate removed, LSH to
find candidate pairs, then groups as connected components. Deterministic: the
group id is the smallest article id in the group.
"""

from __future__ import annotations

import re

from wirewatch.store import Store

THRESHOLD = 0.5  # estimated Jaccard of shingle sets; wire copies with new headlines stay well above it
NUM_PERM = 128
SHINGLE = 5


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


def group_near_duplicates(bodies: dict[int, str], threshold: float = THRESHOLD) -> dict[int, int]:
    """article id -> group id (the smallest id among its near-duplicates)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[int, MinHash] = {}
    for aid in sorted(bodies):
        m = MinHash(num_perm=NUM_PERM, seed=1)
        m.update_batch([s.encode("utf-8") for s in shingles(bodies[aid])])
        hashes[aid] = m
        lsh.insert(str(aid), m)
    parent = {aid: aid for aid in bodies}

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for aid, m in hashes.items():
        for other in lsh.query(m):
            b = int(other)
            if b != aid and hashes[aid].jaccard(hashes[b]) >= threshold:
                ra, rb = find(aid), find(b)
                parent[max(ra, rb)] = min(ra, rb)
    return {aid: find(aid) for aid in bodies}


def assign_syndication_groups(store: Store) -> int:
    """Set ``articles.syndication_group``; returns the number of groups with more than one article."""
    con = store.con
    texts = dict(con.execute("SELECT article_id, text FROM articles").fetchall())
    spans: dict[int, list[tuple[int, int]]] = {}
    for aid, start, end in con.execute('SELECT article_id, start, "end" FROM boilerplate').fetchall():
        spans.setdefault(aid, []).append((start, end))
    bodies = {aid: body_without_boilerplate(text, spans.get(aid, [])) for aid, text in texts.items()}
    groups = group_near_duplicates(bodies)
    con.execute("BEGIN TRANSACTION")
    con.executemany("UPDATE articles SET syndication_group = ? WHERE article_id = ?",
                    [[g, aid] for aid, g in groups.items()])
    con.execute("COMMIT")
    sizes: dict[int, int] = {}
    for g in groups.values():
        sizes[g] = sizes.get(g, 0) + 1
    return sum(1 for n in sizes.values() if n > 1)
