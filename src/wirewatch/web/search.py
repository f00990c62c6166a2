"""One search for the search page, ``/api/search`` and the event filters (the map's and the table's): the
same terms, matched the same way, so they find the same events.

A query is widened with the corpus's spellings: searching "Izium" also finds "Izyum", "Synegubov" also
finds "Synehubov". The variants come from the store, not from a list: surface forms of the place(s) the
query names (same GeoNames id) and names the corpus stage resolved to the same person or organisation, then
the conflict profile's aliases. A query found nowhere is read as a misspelling: each of its words that the
corpus does not hold is replaced by the nearest words it does hold (edit distance, rapidfuzz). Events are
matched in their evidence, place, type and sub-type, actors and admin area."""

from __future__ import annotations

import json
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from wirewatch.web.index import SEARCHED, words
from wirewatch.web.tables import EventFilter, Tables

MAX_VARIANTS = 12
MAX_CORRECTIONS = 3


def variants(tables: Tables, q: str, profile: str = "russia-ukraine") -> list[str]:
    """The query first, then other spellings of the same place or name (the store's, then the conflict
    profile's), shortest first; for a query found nowhere, its nearest spellings in the corpus instead."""
    q = " ".join(q.split())
    candidates = [v for v in tables.variants.get(tables.lower([q])[0], []) if v] + _profile_variants(q, profile)
    out = [q]
    # shortest first; of one length, the form as text writes it before a headline's capitals ("LOZOVA")
    for v in sorted(set(candidates), key=lambda v: (len(v), v.isupper(), v)):
        # a variant holding the query's words (or another variant's) in a row finds nothing more
        if words(v) and not any(_framed(w) in _framed(v) for w in out):
            out.append(v)
    if not any(tables.search_index.found(t) for t in out):
        out += [c for c in corrections(tables, q) if c not in out]
    return out[:MAX_VARIANTS]


def phrases(terms: list[str]) -> bool:
    """Whether a term has several words: their positions are checked in every row holding them all, tens of
    milliseconds for common words over a large corpus (a word alone takes a few at most)."""
    return any(len(words(t)) > 1 for t in terms)


def _framed(term: str) -> str:
    return " " + " ".join(words(term)) + " "


def corrections(tables: Tables, q: str) -> list[str]:
    """The query with each word the corpus does not hold replaced by its nearest corpus word (one edit for a
    word of 4 to 7 letters, two for a longer one; shorter words are kept): the best few."""
    index = tables.search_index
    query = words(q)
    options: list[list[str]] = []
    for word in query:
        if len(word) < 4 or word in index.known:
            options.append([word])
            continue
        near = process.extract(word, index.vocabulary, scorer=Levenshtein.distance,
                               score_cutoff=1 if len(word) < 8 else 2, limit=20)
        ranked = sorted(near, key=lambda found: (found[1], -index.uses(found[0])))  # nearest, then commonest
        options.append([found for found, _, _ in ranked[:MAX_CORRECTIONS]] or [word])
    best = [o[0] for o in options]
    if best == query:
        return []
    out = [" ".join(best)] + [" ".join([*best[:i], choice, *best[i + 1:]])
                              for i, o in enumerate(options) for choice in o[1:]]
    return out[:MAX_CORRECTIONS]


@lru_cache(maxsize=4)
def _profile_names(profile: str) -> dict[str, set[str]]:
    """Each alias of the corpus profile (and each canonical name) -> every spelling of that party."""
    from wirewatch.profile import load_profile

    spellings: dict[str, set[str]] = {}
    for party in load_profile(profile).parties:
        names = {party.name, *party.aliases}
        for n in names:
            spellings.setdefault(n.lower(), set()).update(names)
    return spellings


def _profile_variants(q: str, profile: str) -> list[str]:
    try:
        return sorted(_profile_names(profile).get(q.lower(), ()))
    except Exception:  # noqa: BLE001 - a broken profile must not break search
        return []


def search(tables: Tables, terms: list[str], limit: int) -> bytes:
    """As JSON: the search terms (a query and its ``variants``); the first ``limit`` events (as the event
    filter ``q`` gives them), articles (by date) and claims (by publication) in which any searched text
    contains one of them; and how many of each there are."""
    events, n_events = tables.events_page(EventFilter(q=tuple(terms)), limit, 0)
    found, counts = {"events": events}, {"events": n_events}
    for name, table in (("articles", "web_articles"), ("claims", "web_claims")):
        rows, counts[name] = tables.search_index.page(table, SEARCHED[table], terms, limit, count=True)
        found[name] = tables.listing(table).page(rows)
    return (b'{"terms":' + json.dumps(terms, ensure_ascii=False).encode() + b',"counts":'
            + json.dumps(counts).encode()
            + b"".join(b',"' + name.encode() + b'":' + page for name, page in found.items()) + b"}")
