"""Text search that knows the corpus's spellings: searching "Izium" also finds "Izyum", "Synegubov" also
finds "Synehubov". The variants come from the store, not from a list: surface forms of the place(s) the
query names (same GeoNames id) and names the corpus stage resolved to the same person or organisation."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

Rows = Callable[..., list[dict]]
MAX_VARIANTS = 12


def variants(rows: Rows, q: str) -> list[str]:
    """The query first, then other spellings of the same place or name, shortest first."""
    q = " ".join(q.split())
    found = rows("""
        SELECT DISTINCT trim(p2.text) AS v FROM places p1 JOIN places p2 USING (geonameid)
        WHERE p1.geonameid IS NOT NULL AND (lower(trim(p1.text)) = lower(?) OR lower(p1.name) = lower(?))
        UNION
        SELECT DISTINCT n2.name AS v FROM entity_names n1 JOIN entity_names n2 USING (cluster_id)
        WHERE lower(n1.name) = lower(?) OR lower(n1.canonical) = lower(?)
        UNION  -- a surname alone: the surnames the same person is spelled with
        SELECT DISTINCT regexp_extract(n2.name, '(\\S+)$', 1) AS v
        FROM entity_names n1 JOIN entity_names n2 USING (cluster_id)
        WHERE n1.kind = 'PERSON' AND lower(regexp_extract(n1.name, '(\\S+)$', 1)) = lower(?)
          AND n1.name LIKE '% %'""", [q, q, q, q, q])
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


def any_like(columns: list[str], terms: list[str]) -> tuple[str, list[str]]:
    """An SQL condition true when any column contains any term (case-insensitive), and its parameters."""
    clauses = [f"{c} ILIKE ?" for _ in terms for c in columns]
    params = [f"%{t}%" for t in terms for _ in columns]
    return "(" + " OR ".join(clauses) + ")", params


def search(rows: Rows, q: str, limit: int) -> dict:
    terms = variants(rows, q)
    art, art_p = any_like(["text", "title"], terms)
    ev, ev_p = any_like(["e.evidence_text", "ev.location_name"], terms)
    cl, cl_p = any_like(["content_text", "speaker"], terms)
    return {
        "terms": terms,
        "articles": rows(f"SELECT article_id, doc_id, title, source, published FROM articles WHERE {art} "
                         "ORDER BY published, article_id LIMIT ?", [*art_p, limit]),
        "events": rows("SELECT DISTINCT ev.event_id, ev.date, ev.sub_event_type, ev.location_name, ev.n_outlets "
                       f"FROM corpus_events ev JOIN events e USING (event_id) WHERE {ev} "
                       "ORDER BY ev.date, ev.event_id LIMIT ?", [*ev_p, limit]),
        "claims": rows(f"SELECT article_id, claim_index, speaker, side, content_text FROM claims WHERE {cl} "
                       "ORDER BY article_id, claim_index LIMIT ?", [*cl_p, limit]),
    }
