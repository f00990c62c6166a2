"""Text search that knows the corpus's spellings: searching "Izium" also finds "Izyum", "Synegubov" also
finds "Synehubov". The variants come from the store, not from a list: surface forms of the place(s) the
query names (same GeoNames id) and names the corpus stage resolved to the same person or organisation."""

from __future__ import annotations

import json
from functools import lru_cache

from wirewatch.web.tables import SEARCHED, Tables

MAX_VARIANTS = 12


def variants(tables: Tables, q: str, profile: str = "russia-ukraine") -> list[str]:
    """The query first, then other spellings of the same place or name (the store's, then the conflict
    profile's), shortest first."""
    q = " ".join(q.split())
    candidates = [v for v in tables.variants.get(tables.lower([q])[0], []) if v] + _profile_variants(q, profile)
    out = [q]
    for v in sorted(set(candidates), key=lambda v: (len(v), v)):
        # a variant that contains the query (or another variant) adds nothing to a substring search
        if v.strip() and not any(w.lower() in v.lower() for w in out):
            out.append(v)
    return out[:MAX_VARIANTS]


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
    """As JSON: the search terms (a query and its ``variants``), and the first ``limit`` articles (by date),
    events (by date) and claims (by publication) in which any searched text contains one of them."""
    terms_lc = tables.lower(terms)
    matched = [tables.vocabulary.match(t) for t in terms_lc]  # their words, once for every table
    found = {name: tables.listing(table).page(tables.rows_with(table, SEARCHED[table], terms, limit, terms_lc,
                                                                 matched))
             for name, table in (("articles", "web_articles"), ("events", "web_events"), ("claims", "web_claims"))}
    return (b'{"terms":' + json.dumps(terms, ensure_ascii=False).encode() + b"".join(
        b',"' + name.encode() + b'":' + page for name, page in found.items()) + b"}")
