"""Corroboration: how many independent outlets and original sources stand behind an event.

- Independent outlets: articles are joined when they come from the same outlet
  or are copies of one wire story (same syndication group); each joined set
  counts once. So a Northwire story reprinted by two papers is one outlet, and
  a paper's own follow-up of a story it already ran is still that paper.
- Independent original sources: the distinct resolved speakers who assert the
  event (the General Staff, ISW, a regional governor), whichever outlet
  carried them. A report in the outlet's own voice adds an outlet, not a source.
- Sides: the sides of those sources (UA, RU, THIRD...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from wirewatch.corpus.records import ArticleRec, ReportRec
from wirewatch.corpus.resolve import ORG_WORDS, Resolved
from wirewatch.corpus.union import DisjointSets


@dataclass(frozen=True, slots=True)
class Corroboration:
    n_reports: int
    outlets: tuple[str, ...]  # one name per independent outlet (the wire for copies, else the first seen)
    sources: tuple[str, ...]
    sides: tuple[str, ...]

    @property
    def n_outlets(self) -> int:
        return len(self.outlets)

    @property
    def n_sources(self) -> int:
        return len(self.sources)


# Roles that name a source besides the organisation words name resolution uses.
ROLES = {"tank", "spokesman", "spokeswoman", "spokesperson", "official", "commander", "minister", "ambassador",
         "mission", "observers", "witnesses", "residents", "prosecutor", "ombudsman", "head", "chief", "analysts"}


def plausible_source(speaker: str, resolved: Resolved | None) -> bool:
    """Whether a claim's speaker can be an original source: a person, a proper name, or a body named by what
    it is (ministry, staff, officials, governor...). A headline misread as an attribution ("Heavy fighting",
    "Border villages", "Russian artillery") is not one, and must not add a source or a side."""
    if resolved is not None and resolved.kind == "PERSON":
        return True
    words = re.findall(r"[^\W\d_]+", speaker)
    if not words:
        return False
    if any(w.lower() in ORG_WORDS or w.lower() in ROLES or w.lower().rstrip("s") in ROLES for w in words):
        return True
    if len(words) == 1 and len(words[0]) >= 2 and words[0].isupper():
        return True  # an acronym names a body ("ISIL", "RSF"); a headline is not written in one
    return len(words) >= 2 and all(w[0].isupper() for w in words if w.lower() not in ("of", "for", "the", "and"))


def independent_outlets(article_ids: Iterable[int], articles: dict[int, ArticleRec]) -> list[list[int]]:
    """Partition articles into independent outlets (same outlet or same syndication group join)."""
    ids = sorted(set(article_ids))
    groups = DisjointSets(ids)
    first_by: dict[tuple[str, object], int] = {}
    for a in ids:
        rec = articles.get(a)
        keys = [("outlet", rec.outlet)] if rec else []
        if rec and rec.syndication_group is not None:
            keys.append(("group", rec.syndication_group))
        for key in keys:
            if key in first_by:
                groups.union(a, first_by[key])
            else:
                first_by[key] = a
    parts = groups.groups()
    return [parts[k] for k in sorted(parts)]


def corroborate(reports: list[ReportRec], articles: dict[int, ArticleRec],
                names: dict[str, Resolved]) -> Corroboration:
    outlets = []
    for part in independent_outlets((r.article_id for r in reports), articles):
        recs = [articles[a] for a in part if a in articles]
        members = {rec.outlet for rec in recs}
        # A wire story reprinted by others is named after the wire, when one of its copies is the wire's own.
        origin = next((rec.origin for rec in recs if rec.origin in members), None)
        outlets.append(origin or (recs[0].outlet if recs else str(part[0])))
    sources: dict[str, None] = {}
    sides: set[str] = set()
    for r in sorted(reports, key=lambda r: r.key):
        if not r.speaker or not plausible_source(r.speaker, names.get(" ".join(r.speaker.split()))):
            continue
        resolved = names.get(" ".join(r.speaker.split()))
        sources[resolved.canonical if resolved else r.speaker] = None
        side = r.speaker_side or (resolved.side if resolved else None)
        if side:
            sides.add(side)
    return Corroboration(len(reports), tuple(outlets), tuple(sources), tuple(sorted(sides)))
