"""Disputes told in attributed statements (codebook section 12), beside the report-level ones of
``contradictions``:

- ``casualty_disputes``: two sources in one article (one moment) give figures of the dead of one
  happening that cannot both be true ("14 killed in the attack on the camp", a volunteer group: "40
  killed ... on the camp"). One happening is one named site or settlement both statements name; a
  figure told as an update ("rose to") is a toll history, not a rival figure, and "at least 6" does not
  contradict 10.
- ``capture_disputes``: a side is said to have taken a settlement and, within days, the side that would
  have lost it says the fight for it goes on or that the attack there was stopped ("the attack in the
  Kursk area was halted" against "Sudzha was captured").
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections import defaultdict

from wirewatch.corpus.contradictions import UPDATE, Comparison, Statement
from wirewatch.corpus.control import REFERENCE_AFTER, REFERENCE_BEFORE, DISPUTE_DAYS, Change, place_key, source_of
from wirewatch.corpus.records import ArticleRec, ClaimRec, LocationRec
from wirewatch.corpus.resolve import Resolved, skeleton

# Feature codes of places too wide to be the site of one happening: countries, regions, continents.
_WIDE = ("PCL", "ADM", "RGN", "CONT", "AREA")
# How a figure is bounded by the words just before it (general English).
_LOWER = re.compile(r"\b(?:at least|more than|over|upwards of|no fewer than|in excess of)\s*$", re.I)
_UPPER = re.compile(r"\b(?:up to|as many as|no more than|fewer than|less than)\s*$", re.I)
_ABOUT = re.compile(r"\b(?:about|around|nearly|almost|some|roughly|approximately)\s*$", re.I)
_DEATHS = re.compile(r"\b(?:kill|dead|died|death|lives)", re.I)  # a cheap test before reading the figures
ABOUT_SLACK = 0.2  # "about 40" is anything from 32 to 48
# Soldiers and civilians are different dead: "3 soldiers" and "5 civilians" killed are not rival figures.
_MILITARY = re.compile(r"\b(?:soldiers?|servicem[ae]n|troops|fighters|militants?|personnel)\b", re.I)
_CIVILIAN = re.compile(r"\b(?:civilians?|residents?|children|people|passengers|worshippers)\b", re.I)
# What the side that would have lost a place says when it disputes the loss: fighting for it goes on,
# or the attack was stopped, or the capture is denied (general English; codebook 6 and 12).
_FIGHT_GOES_ON = re.compile(r"\b(?:battles?|fighting|fights|clash(?:es)?|not confirmed|den(?:y|ied|ies)|false|"
                            r"dismiss(?:ed|es)?|reject(?:ed|s)?|refut(?:ed|es))\b", re.I)
# "Novomykhailivka remains under our control", "still in Ukrainian hands", "our forces still hold the town"
_STILL_HELD = re.compile(r"\b(?:remains?|remained|still|firmly)\s+(?:\w+\s+){0,2}?(?:under|in)\s+(?:\w+\s+){0,2}?"
                         r"(?:control|hands)\b|\bstill\s+(?:hold|holds|held|controls?|controlled)\b", re.I)
# "the attack", "the blast": the happening the article reports, told again (general English)
_THE_HAPPENING = re.compile(r"\b(?:the|this|that)\s+(?:\w+\s+)?(?:attack|blast|bombing|explosion|strike|shelling|"
                            r"incident|raid|massacre)\b", re.I)
_STOPPED = re.compile(r"\b(?:halted|stopped|repel\w*|repuls\w*|pushed back|held off|thwarted|foiled)\b", re.I)


def _claimant(c: ClaimRec, articles: dict[int, ArticleRec], names: dict[str, Resolved]) -> tuple[str, str | None]:
    return source_of(c.speaker, c.side, c.article_id, articles, names)


def _statement(c: ClaimRec, value: str, source: str, side: str | None) -> Statement:
    return Statement(c.article_id, c.content_start, c.content_end, c.content_text, value, source, side)


def _inside(c: ClaimRec, locations: list[LocationRec]) -> list[LocationRec]:
    return [p for p in locations if c.content_start <= p.start and p.end <= c.content_end]


def _bounds(text: str, value: int) -> tuple[float, float]:
    """The range a figure allows: "at least 6" is 6 or more, "up to 40" at most 40, "about 40" near 40."""
    from wirewatch.events.event_figures import number

    for m in re.finditer(r"[\w,'-]+", text):
        if number(m.group().strip(",")) == value:
            before = text[max(0, m.start() - 20):m.start()]
            if _LOWER.search(before):
                return value, math.inf
            if _UPPER.search(before):
                return 0, value
            if _ABOUT.search(before):
                return value * (1 - ABOUT_SLACK), value * (1 + ABOUT_SLACK)
            break
    return value, value


def casualty_disputes(claims: list[ClaimRec], locations: list[LocationRec], articles: dict[int, ArticleRec],
                      names: dict[str, Resolved], scenes: dict[int, str] | None = None) -> list[Comparison]:
    """Rival figures of the dead of one named site or settlement, from different sources in one article. A
    statement naming no site that speaks of "the attack" or "the blast" is of the one deadly happening its article
    reports (``scenes``: article -> the place of that happening, for articles that report one)."""
    scenes = scenes or {}
    from wirewatch.events.event_figures import casualties

    places: dict[int, list[LocationRec]] = defaultdict(list)
    for p in locations:
        places[p.article_id].append(p)
    named: dict[int, list[tuple[ClaimRec, dict[str, str]]]] = defaultdict(list)  # article -> claims naming a site
    for c in claims:
        rec = articles.get(c.article_id)
        if (rec and rec.live) or not _DEATHS.search(c.content_text) or UPDATE.search(c.content_text):
            continue
        sites = {skeleton(p.name): p.name for p in _inside(c, places[c.article_id])
                 if not (p.feature_code or "").startswith(_WIDE)}
        if not sites and c.article_id in scenes and _THE_HAPPENING.search(c.content_text):
            sites = {skeleton(scenes[c.article_id]): scenes[c.article_id]}  # "ISIL said the attack killed 45"
        if sites:
            named[c.article_id].append((c, sites))
    by_article: dict[int, list[tuple]] = defaultdict(list)
    for aid, candidates in named.items():
        if len(candidates) < 2:
            continue  # the figures are read only where two statements could be rivals
        for c, sites in candidates:
            killed = casualties(c.content_text)[0]
            if killed is not None:
                victims = bool(_MILITARY.search(c.content_text)), bool(_CIVILIAN.search(c.content_text))
                by_article[aid].append((c, killed, _bounds(c.content_text, killed), sites, victims,
                                        *_claimant(c, articles, names)))
    found = []
    for statements in by_article.values():
        for a, b in itertools.combinations(statements, 2):
            (ca, va, (lo_a, hi_a), sa, xa, src_a, side_a), (cb, vb, (lo_b, hi_b), sb, xb, src_b, side_b) = a, b
            shared = sorted(set(sa) & set(sb))
            other_dead = xa != xb and sum(xa) == 1 and sum(xb) == 1  # soldiers on one side, civilians on the other
            if src_a == src_b or not shared or other_dead or not (hi_a < lo_b or hi_b < lo_a):
                continue
            site = sa[shared[0]]
            found.append(Comparison("casualties", "contradicts", f"killed in {site}", None,
                                    _statement(ca, f"{va} killed", src_a, side_a),
                                    _statement(cb, f"{vb} killed", src_b, side_b),
                                    f"{va} vs {vb} killed in {site}, one moment"))
    return found


def capture_disputes(changes: list[Change], claims: list[ClaimRec], locations: list[LocationRec],
                     articles: dict[int, ArticleRec], names: dict[str, Resolved],
                     opponents: dict[str, str]) -> list[Comparison]:
    """Each gain of a settlement that the losing side's sources answer within days: the place itself named
    with fighting going on, or its region (``the Kursk area``) named with the attack stopped. Marks those
    changes disputed."""
    places: dict[int, list[LocationRec]] = defaultdict(list)
    admin1: dict[int, str] = {}
    for p in locations:
        places[p.article_id].append(p)
        if p.geonameid is not None and p.admin1:
            admin1.setdefault(p.geonameid, p.admin1)
    at_place: dict[object, list[tuple[ClaimRec, str, str]]] = defaultdict(list)  # named place or region
    for c in claims:
        # the denial may be the cue itself: "Kyiv denied Russian claims that its forces had captured X"
        fight = _FIGHT_GOES_ON.search(f"{c.cue_text or ''} {c.content_text}") or _STILL_HELD.search(c.content_text)
        stopped = _STOPPED.search(c.content_text)
        if not (fight or stopped):
            continue  # most statements answer no capture: the claimant is looked up only for those that may
        source, side = _claimant(c, articles, names)
        if side not in opponents:
            continue
        for p in _inside(c, places[c.article_id]):
            before = c.content_text[max(0, p.start - c.content_start - 80):p.start - c.content_start]
            after = c.content_text[p.end - c.content_start:p.end - c.content_start + 20]
            area = (p.feature_code or "").startswith("ADM1") or bool(REFERENCE_AFTER.search(after))
            if stopped and area and p.admin1:
                at_place[("region", p.admin1)].append((c, source, side))
            elif (fight or stopped) and not area and not REFERENCE_BEFORE.search(before):
                at_place[_key(p.geonameid, p.name)].append((c, source, side))
    found = []
    for ch in changes:
        loser = opponents.get(ch.to_side)
        if loser is None or ch.date is None or ch.disputed:
            continue  # disputed already: the other side's change of that place is set against it
        heard = at_place.get(_key(ch.geonameid, ch.place), []) + \
            at_place.get(("region", admin1.get(ch.geonameid)), [])
        answers = [(c, source, side) for c, source, side in heard if side == loser and _within(c, ch.date, articles)]
        if not answers:
            continue
        claim = next((o for o in ch.observations if o.claimant_side == ch.to_side), ch.observations[0])
        rec = articles.get(claim.article_id)
        gained = Statement(claim.article_id, claim.evidence_start, claim.evidence_end, claim.evidence_text,
                           f"{ch.to_side} gained", claim.claimed_by or (rec.outlet if rec else None),
                           claim.claimant_side)
        c, source, side = min(answers, key=lambda a: (a[0].article_id, a[0].claim_index))
        ch.disputed = True
        found.append(Comparison("control", "contradicts", f"control of {ch.place}", None, gained,
                                _statement(c, f"{side} says the fight goes on", source, side),
                                f"{ch.to_side} took it on {ch.date}; {side} says it was not taken"))
    return found


def _key(geonameid: int | None, name: str) -> object:
    """A settlement's key: its GeoNames id, or for a village the gazetteer lacks its spelling-blind name."""
    return geonameid if geonameid is not None else place_key(name)


def _within(c: ClaimRec, day: dt.date, articles: dict[int, ArticleRec]) -> bool:
    rec = articles.get(c.article_id)
    published = rec.published if rec else None
    # Said before the capture, "the fight goes on" is what came before it, not an answer to it.
    return published is not None and dt.timedelta(0) <= published - day <= dt.timedelta(days=DISPUTE_DAYS)
