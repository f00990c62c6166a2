"""Entity resolution across documents: one cluster per real person or organisation.

Names arrive spelled by many outlets and transliteration schemes (Synegubov /
Synehubov, Zelensky / Zelenskyy / Zelenskiy, Izyum / Izium) and as aliases
(ISW / Institute of War / Institute for the Study of War). Each name gets a
*skeleton* key that folds the usual Latin transliteration variants of Cyrillic
together; names are then linked when:

- persons: skeletons of the surname agree (fuzzily) and first names do not
  conflict; a bare surname joins the one full name it matches, if only one;
- organisations: skeletons agree fuzzily, one is the other's acronym, or the
  content words of one are a subset of the other's and that superset is unique
  (so "Ministry of Defence" never glues the Russian and British ministries);
- never across sides when both sides are known.

Candidate pairs come from blocking on skeleton prefixes and content words, so
the work stays near-linear. Deterministic: clusters are numbered by their
first name in sorted order, and the canonical form is the most used full name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from wirewatch.corpus.records import NameRec
from wirewatch.corpus.union import DisjointSets
from wirewatch.places.spelling import fold_accents, name_key

STOP = {"the", "of", "for", "and", "on", "in", "a", "an", "to", "s"}
ORG_WORDS = {"ministry", "staff", "institute", "office", "administration", "council", "forces", "army", "service",
             "agency", "news", "media", "officials", "government", "committee", "police", "command", "defence",
             "defense", "intelligence", "military", "troops", "department", "bureau", "ukraine", "russia", "un",
             "nato", "kremlin", "battalion", "brigade", "guard", "authorities", "president", "mayor", "governor"}
PERSON_MATCH = 88  # rapidfuzz ratio on skeletons
ORG_MATCH = 92


@dataclass(frozen=True, slots=True)
class Resolved:
    cluster_id: int
    canonical: str
    kind: str
    side: str | None


def skeleton(word: str) -> str:
    """A transliteration-insensitive key for a word or a name, without spaces: Synegubov and Synehubov,
    Staryi Saltiv and Staryy Saltov give the same (the gazetteer's fold, ``places.spelling.name_key``)."""
    return name_key(word).replace(" ", "")


def words(name: str) -> list[str]:
    return list(_words(name))


@lru_cache(maxsize=200_000)
def _words(name: str) -> tuple[str, ...]:
    return tuple(w for w in re.findall(r"[a-z0-9]+", fold_accents(name).replace("'s", "")) if w not in STOP)


def kind_of(name: str, hint: str) -> str:
    if hint in ("PERSON", "ORG"):
        return hint
    ws = words(name)
    if not ws or any(w in ORG_WORDS for w in ws) or len(ws) > 3 or name.isupper():
        return "ORG"
    return "PERSON" if all(t[:1].isupper() for t in name.split() if t.lower() not in STOP) else "ORG"


def acronym(name: str) -> str:
    """The initials a name may be abbreviated to; none for a name already holding one ("US army" is no "UA")."""
    if len(words(name)) < 2 or any(len(w) > 1 and w.isupper() for w in re.findall(r"\w+", name)):
        return ""
    return "".join(w[0] for w in words(name))


def resolve_names(names: Iterable[NameRec], aliases: dict[str, str] | None = None) -> dict[str, Resolved]:
    """Map every distinct name to its cluster. ``aliases`` (alias -> canonical) seeds known variants."""
    uses: Counter[str] = Counter()
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    sides: dict[str, Counter[str]] = defaultdict(Counter)
    for rec in names:
        name = " ".join(rec.name.split())
        if not name:
            continue
        uses[name] += 1
        kinds[name][kind_of(name, rec.kind)] += 1
        if rec.side is not None:
            sides[name][rec.side] += 1
    alias_keys = {" ".join(words(a)): c for a, c in (aliases or {}).items()}
    for canonical in set(alias_keys.values()):
        uses.setdefault(canonical, 0)
        kinds[canonical]["PERSON" if kind_of(canonical, "SPEAKER") == "PERSON" else "ORG"] += 0
    all_names = sorted(uses)
    kind = {n: (kinds[n].most_common(1)[0][0] if kinds[n] else kind_of(n, "SPEAKER")) for n in all_names}
    side = {n: _side(sides[n]) for n in all_names}
    union = DisjointSets(all_names)

    def compatible(a: str, b: str) -> bool:
        return kind[a] == kind[b] and not (side[a] and side[b] and side[a] != side[b])

    for n in all_names:  # profile aliases first: they are certain
        target = alias_keys.get(" ".join(words(n)))
        if target and target in union and not (side[n] and side[target] and side[n] != side[target]):
            union.union(n, target)
    _link_people([n for n in all_names if kind[n] == "PERSON"], union, compatible)
    _link_orgs([n for n in all_names if kind[n] == "ORG"], union, compatible)

    members = union.groups()
    out: dict[str, Resolved] = {}
    for cluster_id, root in enumerate(sorted(members), start=1):
        group = members[root]
        seeded = [n for n in group if n in set(alias_keys.values())]
        canonical = seeded[0] if seeded else max(group, key=lambda n: (len(words(n)) > 1, uses[n], len(n), n))
        group_side = _side(sum((sides[n] for n in group), Counter()))
        resolved = Resolved(cluster_id, canonical, kind[canonical], group_side)
        for n in group:
            out[n] = resolved
    return out


def _side(votes: Counter[str]) -> str | None:
    """The side most mentions give, if more give it than any other side and than a role of no side: one
    misread mention does not make the French president Russian in every article."""
    ranked = sorted(((n, s) for s, n in votes.items() if s), reverse=True)
    if not ranked or len(ranked) > 1 and ranked[0][0] == ranked[1][0] or ranked[0][0] <= votes.get("", 0):
        return None
    return ranked[0][1]


def _link_people(people: list[str], union: DisjointSets[str], compatible) -> None:
    by_surname: dict[str, list[str]] = defaultdict(list)
    for n in people:
        ws = words(n)
        if ws:
            by_surname[skeleton(ws[-1])[:3]].append(n)
    for block in by_surname.values():
        full = [n for n in block if len(words(n)) > 1]
        for i, a in enumerate(block):
            wa = words(a)
            for b in block[i + 1:]:
                wb = words(b)
                if not compatible(a, b) or len(wa) < 2 or len(wb) < 2:
                    continue
                if fuzz.ratio(skeleton(wa[-1]), skeleton(wb[-1])) >= PERSON_MATCH and \
                        fuzz.ratio(skeleton(wa[0]), skeleton(wb[0])) >= 75:
                    union.union(a, b)
        for a in block:  # a bare surname joins the single full name it can mean
            wa = words(a)
            if len(wa) != 1:
                continue
            roots = {union.find(b) for b in full if compatible(a, b)
                     and fuzz.ratio(skeleton(wa[0]), skeleton(words(b)[-1])) >= PERSON_MATCH}
            if len(roots) == 1:
                union.union(a, roots.pop())


def _link_orgs(orgs: list[str], union: DisjointSets[str], compatible) -> None:
    by_word: dict[str, list[str]] = defaultdict(list)
    for n in orgs:
        for w in set(words(n)):
            by_word[skeleton(w)].append(n)
        if n.isupper() and len(n) <= 6:
            by_word["#" + n.lower()].append(n)
        if acronym(n):
            by_word["#" + acronym(n)].append(n)
    for key, block in by_word.items():
        if key.startswith("#"):  # an acronym and the full name it abbreviates
            short = [n for n in block if n.isupper() and len(n) <= 6]
            for a in short:
                for b in block:
                    if b not in short and compatible(a, b):
                        union.union(a, b)
            continue
        if len(block) > 200:  # a word as common as "ministry" says nothing on its own
            continue
        for i, a in enumerate(block):
            for b in block[i + 1:]:
                if compatible(a, b) and fuzz.ratio(" ".join(map(skeleton, words(a))),
                                                   " ".join(map(skeleton, words(b)))) >= ORG_MATCH:
                    union.union(a, b)
    # Subset rule: "Institute of War" is "Institute for the Study of War" when nothing else contains it.
    word_sets = {n: frozenset(skeleton(w) for w in words(n)) for n in orgs}
    for a in orgs:
        sa = word_sets[a]
        if len(sa) < 2:
            continue
        first = next(iter(sorted(sa)))
        supersets = {union.find(b) for b in by_word.get(first, ()) if b != a and sa < word_sets[b]
                     and compatible(a, b)}
        if len(supersets) == 1:
            union.union(a, supersets.pop())
