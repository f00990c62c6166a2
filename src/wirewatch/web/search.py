"""Text search that knows the corpus's spellings: searching "Izium" also finds "Izyum", "Synegubov" also
finds "Synehubov". The variants come from the store, not from a list: surface forms of the place(s) the
query names (same GeoNames id) and names the corpus stage resolved to the same person or organisation."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from wirewatch.web import words
from wirewatch.web.tables import Tables

Rows = Callable[..., list[dict]]
MAX_VARIANTS = 12


def variants(rows: Rows, q: str) -> list[str]:
    """The query first, then other spellings of the same place or name, shortest first."""
    q = " ".join(q.split())
    found = rows("SELECT DISTINCT v FROM web_variants WHERE key = lower(?)", [q])  # tabled at start: tables.py
    candidates = [r["v"] for r in found if r["v"]] + _profile_variants(q)
    out = [q]
    for v in sorted(set(candidates), key=lambda v: (len(v), v)):
        # a variant that contains the query (or another variant) adds nothing to a substring search
        if v.strip() and not any(w.lower() in v.lower() for w in out):
            out.append(v)
    return out[:MAX_VARIANTS]


@lru_cache(maxsize=1)
def _profile_names() -> dict[str, set[str]]:
    """Each alias of the corpus profile (and each canonical name) -> every spelling of that party."""
    from wirewatch.profile import load_profile

    spellings: dict[str, set[str]] = {}
    for party in load_profile().parties:
        names = {party.name, *party.aliases}
        for n in names:
            spellings.setdefault(n.lower(), set()).update(names)
    return spellings


def _profile_variants(q: str) -> list[str]:
    try:
        return sorted(_profile_names().get(q.lower(), ()))
    except Exception:  # noqa: BLE001 - a broken profile must not break search
        return []


def any_contains(column: str, terms: list[str]) -> tuple[str, list[str]]:
    """An SQL condition true when a lower-cased column contains any term (literally: no wildcards)."""
    return "(" + " OR ".join(f"contains({column}, lower(?))" for _ in terms) + ")", list(terms)


def search(rows: Rows, tables: Tables, q: str, limit: int) -> dict:
    """The first ``limit`` articles (by date), events (by date) and claims (by article) that contain the
    query or one of its variants, read in order from the app's search tables (see tables.py)."""
    terms = variants(rows, q)
    terms_lc = tables.lower(terms)  # the word index is read with lower-cased terms
    matched = words.match(tables.con.cursor(), terms_lc)  # their words, once for the three tables
    art, art_p = any_contains("text_lc", terms)
    ev_text, ev_p = any_contains("evidence_lc", terms)
    ev_place, place_p = any_contains("place_lc", terms)
    cl, cl_p = any_contains("text_lc", terms)
    return {
        "terms": terms,
        "articles": tables.in_order("web_articles", "article_id, doc_id, title, source, published", art, art_p,
                                    limit, terms_lc, matched),
        "events": tables.in_order("web_events", "event_id, date, sub_event_type, location_name, n_outlets",
                                  f"{ev_text} OR {ev_place}", [*ev_p, *place_p], limit, terms_lc, matched),
        "claims": tables.in_order("web_claim_text", "article_id, claim_index, speaker, side, content_text", cl, cl_p,
                                  limit, terms_lc, matched),
    }
