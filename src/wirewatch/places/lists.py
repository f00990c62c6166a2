"""Places named together in a list lie near each other: a listed village far from the others is a namesake."""

from __future__ import annotations

import re

from wirewatch.geodesy import km
from wirewatch.models import GazetteerEntry
from wirewatch.places.recognise import Mention
from wirewatch.places.spelling import name_key

VILLAGE_LIST = re.compile(r"\b(?:villages|settlements|hamlets)\b[^.;\n]*$", re.IGNORECASE)
VILLAGE_MAX = 100_000  # a place this big is too well known to be a village's namesake
LIST_SPREAD_KM = 100  # listed settlements this close together make a local list ...
STRAY_KM = 75  # ... and a member farther than this (and than twice their spread) from all of them is a namesake


def strays_from_lists(mentions: list[Mention], choices: list[tuple[GazetteerEntry | None, float]],
                       lists: list[list[int]], text: str) -> list[tuple[GazetteerEntry | None, float]]:
    """A village listed with nearby villages ("the villages of A, B, C and D", "four settlements were
    liberated: A, B, C and D") lies near them.

    When at least two other members of its list are settlements within ``LIST_SPREAD_KM`` of each other
    and the choice for this one is farther than ``STRAY_KM`` (and than twice their spread) from all of
    them, it is a namesake: take its
    candidate near them, else leave it unresolved (the village the gazetteer lacks) rather than put it on
    the map a province away. Every mention of that name follows (one sense per discourse).
    """
    out = list(choices)
    strays: dict[str, tuple[GazetteerEntry | None, float]] = {}
    for members in list_groups(lists):
        if not VILLAGE_LIST.search(text, max(0, mentions[members[0]].start - 150), mentions[members[0]].start):
            continue  # "Boston, Cambridge and Portland": a list of towns may span a country
        for i in members:
            entry = out[i][0]
            if entry is None or entry.feature_class != "P" or entry.population >= VILLAGE_MAX:
                continue
            near = [out[j][0] for j in members if j != i and out[j][0] is not None and out[j][0].feature_class == "P"]
            spread = max((km(a.lat, a.lon, b.lat, b.lon) for a in near for b in near), default=0.0)
            if len(near) < 2 or spread > LIST_SPREAD_KM:
                continue
            stray = max(STRAY_KM, 2 * spread)  # far, and far beyond how far apart the others lie
            if min(km(entry.lat, entry.lon, n.lat, n.lon) for n in near) <= stray:
                continue
            closer = [c for c in mentions[i].candidates if c.feature_class == "P" and
                      min(km(c.lat, c.lon, n.lat, n.lon) for n in near) <= stray]
            strays[name_key(mentions[i].text)] = (closer[0], out[i][1]) if closer else (None, 0.0)
    for i, m in enumerate(mentions):
        if not m.container and name_key(m.text) in strays:
            out[i] = strays[name_key(m.text)]
    return out


def list_groups(lists: list[list[int]]) -> list[list[int]]:
    """The lists of names, each as its members' indices (lists[i]: the neighbours of mention i in a list)."""
    groups, seen = [], set()
    for i, neighbours in enumerate(lists):
        if not neighbours or i in seen:
            continue
        group, todo = [], [i]
        while todo:
            j = todo.pop()
            if j not in seen:
                seen.add(j)
                group.append(j)
                todo.extend(lists[j])
        groups.append(sorted(group))
    return groups
