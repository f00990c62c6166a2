"""The corpus stage: reasoning across documents through the store.

Order matters and each step reads only what earlier steps wrote:

1. ``dedup``: syndication groups (MinHash signatures are cached per article).
2. ``resolve``: one cluster per person or organisation across documents.
3. ``stories``: articles clustered into developing stories.
4. ``merge`` + ``corroborate``: reports into events, with independent outlets and sources.
5. ``control``: the territorial control timeline per settlement.
6. ``quantities`` + ``contradictions``: casualty, distance, opposing-claim and control-dispute checks.

Everything is recomputed from the per-document rows with blocking, so it is
deterministic and near-linear; per-article work (signatures, quantities) is
done once per article, when it arrives. Each table is replaced in one
transaction.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace

from wirewatch.store import Store

DENIAL_REACH = 800  # characters from the end of a report to a denial that answers it in the same article
STEPS = ("dedup", "resolve", "stories", "events", "control", "contradictions")  # as run_corpus_stage times them

EVENT_COLUMNS = (
    "event_id", "event_type", "sub_event_type", "family", "date", "date_first", "date_last", "location_name",
    "geonameid", "lat", "lon", "location_precision", "actor1", "actor1_side", "actor2", "actor2_side", "fatalities",
    "fatalities_low", "fatalities_high", "injured", "story_id", "n_reports", "n_outlets", "n_sources", "outlets",
    "sources", "sides", "article_id", "event_index", "evidence_text", "fatalities_source")


def run_corpus_stage(store: Store, aliases: dict[str, str] | None = None, profile: str = "russia-ukraine",
                     on_step: Callable[[str], None] | None = None) -> dict:
    """Recompute the cross-document tables from the per-document rows; returns a summary with timings.
    ``aliases`` (alias -> canonical name) default to those of the conflict ``profile``; ``on_step`` is
    told the name of each of the ``STEPS`` as it ends (for progress)."""
    from wirewatch.corpus import records
    from wirewatch.corpus.dedup import assign_syndication_groups, join_rewrites
    from wirewatch.corpus.resolve import resolve_names
    from wirewatch.profile import load_profile

    conflict = load_profile(profile)  # read once: its opponents and its party aliases
    opponents = conflict.opponents

    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 3)
        clock = now
        if on_step is not None:
            on_step(name)

    new_ids = {aid for (aid,) in store.con.execute(
        "SELECT article_id FROM articles WHERE article_id NOT IN (SELECT article_id FROM signatures)").fetchall()}
    assign_syndication_groups(store)  # the count that matters is taken after join_rewrites below
    lap("dedup")
    articles = {a.article_id: a for a in records.load_articles(store)}
    store.name_outlets([[aid, a.outlet] for aid, a in articles.items()])  # fills only those with none
    name_recs = records.load_names(store)
    names = resolve_names(name_recs, aliases if aliases is not None
                         else {alias: p.name for p in conflict.parties for alias in p.aliases})
    mentions = Counter(" ".join(n.name.split()) for n in name_recs)
    store.replace_table("entity_names", [[n, r.kind, r.cluster_id, r.canonical, r.side, mentions.get(n, 0)]
                                         for n, r in sorted(names.items())])
    lap("resolve")
    places = records.load_places(store)
    story_of = _stories(store, articles, places, name_recs, names)
    rewritten = join_rewrites(store, story_of, articles)
    articles = {aid: replace(a, syndication_group=rewritten.get(aid)) for aid, a in articles.items()}
    groups = sum(1 for n in Counter(rewritten.values()).values() if n > 1)
    lap("stories")
    summary = _events(store, articles, story_of, names, opponents)
    lap("events")
    claims, locations = records.load_claims(store), records.load_locations(store)
    changes, answered = _control(store, articles, names, opponents, claims, locations)
    summary["control_changes"] = len(changes)
    lap("control")
    summary["comparisons"] = _comparisons(store, articles, places, new_ids, names, summary.pop("_clusters"),
                                          summary.pop("_tolls"), changes, opponents, claims, locations,
                                          answered, conflict.side_in)
    lap("contradictions")
    return {"syndication_groups": groups, "new_articles": len(new_ids), "stories": len(set(story_of.values())),
            "entities": len({r.cluster_id for r in names.values()}), **summary, "seconds": timings}


def _stories(store, articles, places, name_recs, names) -> dict[int, int]:
    import re

    from wirewatch.corpus.stories import PASSING, TITLE_WORD, cluster_stories, story_label

    # What the headline and lead are about identifies a story; a place or person mentioned further down
    # (the governor quoted in every article, the city every report is near) links much less.
    # The lead ends with the first paragraph of 80+ characters (headers and headlines are shorter).
    lead = {aid: end or 400 for aid, end in store.con.execute(
        r"SELECT article_id, length(regexp_extract(text, '^(?:[^\n]{0,79}\n+)*[^\n]{80,}', 0)) FROM articles"
    ).fetchall()}
    first_seen = {(aid, name): start for aid, name, start in store.con.execute(
        "SELECT article_id, canonical, min(start) FROM entities WHERE canonical IS NOT NULL GROUP BY ALL").fetchall()}
    features: dict[int, dict[str, float]] = defaultdict(dict)
    labels: dict[int, list[str]] = defaultdict(list)

    def put(aid: int, key: str, weight: float) -> None:
        features[aid][key] = max(features[aid].get(key, 0.0), weight)

    for p in places:
        if p.geonameid is not None and (p.feature_code or "").startswith("PPL"):
            in_lead = p.start < lead.get(p.article_id, 400)
            put(p.article_id, f"place:{p.geonameid}", 1.0 if in_lead else PASSING)
            if in_lead:  # a story is labelled by where its leads are, not the think tank's home town
                labels[p.article_id].append(p.name or "")
    for n in name_recs:
        resolved = names.get(" ".join(n.name.split()))
        if resolved:
            start = first_seen.get((n.article_id, n.name))
            put(n.article_id, f"ent:{resolved.cluster_id}",
                1.0 if start is not None and start < lead.get(n.article_id, 400) else PASSING)
    for aid, a in articles.items():
        for word in re.findall(r"[^\W\d_]{5,}", (a.title or "").lower()):
            put(aid, f"word:{word}", TITLE_WORD)
    assigned, stories = cluster_stories(list(articles.values()), features, labels)
    titles = {aid: a.title for aid, a in articles.items()}
    store.replace_table("stories", [[s.story_id, story_label(s, titles), s.first, s.last, len(s.articles),
                                     json.dumps([n for n, _ in s.labels.most_common(5)], ensure_ascii=False)]
                                    for s in stories])
    store.set_column("articles", "story_id", ("article_id",), [[a, s] for a, s in assigned.items()])
    return assigned


def _events(store, articles, story_of, names, opponents) -> dict:
    from wirewatch.corpus import records
    from wirewatch.corpus.corroborate import corroborate
    from wirewatch.corpus.merge import merge_reports, summarise
    from wirewatch.corpus.quantities import event_tolls, toll_history

    reports = records.load_reports(store)
    groups = {aid: a.syndication_group for aid, a in articles.items()}
    clusters = merge_reports(reports, story_of, groups)
    rows, links, tolls = [], [], {}
    for c in clusters:
        s = summarise(c)
        tolls[c.event_id] = toll_history(c.event_id, c.reports, articles, names, opponents)
        s.update(event_tolls(tolls[c.event_id]))
        cor = corroborate(c.reports, articles, names)
        story = Counter(story_of.get(r.article_id) for r in c.reports).most_common(1)[0][0]
        s.update(event_id=c.event_id, story_id=story, n_reports=cor.n_reports, n_outlets=cor.n_outlets,
                 n_sources=cor.n_sources, outlets=json.dumps(cor.outlets, ensure_ascii=False),
                 sources=json.dumps(cor.sources, ensure_ascii=False), sides=json.dumps(cor.sides))
        rows.append([s[k] for k in EVENT_COLUMNS])
        links.extend([r.article_id, r.event_index, c.event_id] for r in c.reports)
    store.replace_table("corpus_events", rows, EVENT_COLUMNS)
    store.replace_table("tolls", [t.row() for history in tolls.values() for t in history])
    store.set_column("events", "event_id", ("article_id", "event_index"), links)
    return {"reports": len(reports), "events": len(clusters),
            "corroborated_events": sum(1 for r in rows if r[EVENT_COLUMNS.index("n_outlets")] > 1),
            "_clusters": clusters, "_tolls": tolls}


def _comparisons(store, articles, places, new_ids, names, clusters, tolls, changes, opponents, claims, locations,
                 answered, side_in) -> int:
    from wirewatch.corpus.contradictions import (casualty_contradictions, control_disputes,
                                                 distance_comparisons, opposing_claims)
    from wirewatch.corpus.disputes import casualty_disputes
    from wirewatch.corpus.quantities import Quantity, find_distances

    if new_ids:
        by_article: dict[int, list] = defaultdict(list)
        for p in places:
            if p.article_id in new_ids:
                by_article[p.article_id].append(p)
        rows = []
        for aid, text in store.con.execute("SELECT article_id, text FROM articles").fetchall():
            if aid in new_ids:
                rows += [q.row() for q in find_distances(aid, text, by_article.get(aid, []))]
        store.append_rows("quantities", rows)
    quantities = [Quantity(*r) for r in store.con.execute(
        'SELECT article_id, kind, value, unit, value_si, approximate, subject, subject_geonameid, reference, '
        'reference_geonameid, start, "end", text, evidence_start, evidence_end FROM quantities').fetchall()]
    found = distance_comparisons(quantities, articles)
    denials, blames = _answers(claims, clusters, articles, locations, side_in, opponents)
    for c in clusters:
        subject = _subject(c)
        found += casualty_contradictions(c.event_id, subject, tolls[c.event_id], articles)
        found += opposing_claims(c.event_id, subject, c.reports + blames.get(c.event_id, []),
                                 denials.get(c.event_id, []), articles, names, opponents)
    found += control_disputes(changes, articles, names) + answered
    found += casualty_disputes(claims, locations, articles, names, _deadly_scenes(clusters))
    store.replace_table("comparisons", [cmp.row(i) for i, cmp in enumerate(found, start=1)])
    return len(found)


def _deadly_scenes(clusters) -> dict[int, str]:
    """The place of the one deadly happening an article reports, for the articles that report one."""
    places: dict[int, set[str]] = defaultdict(set)
    for c in clusters:
        for r in c.reports:
            if r.fatalities and r.location_name:
                places[r.article_id].add(r.location_name)
    return {aid: next(iter(names)) for aid, names in places.items() if len(names) == 1}


def _subject(c) -> str:
    first = min(c.reports, key=lambda r: r.key)
    where = next((r.location_name for r in c.reports if r.location_name), None)
    return f"{first.sub_event_type} in {where or 'unknown place'}, {first.date or 'undated'}"


def _answers(claims, clusters, articles, locations, side_in=lambda text: None, opponents=None) -> tuple[dict, dict]:
    """Claims that deny an event, and claims that put it on a side other than the speaker's ("the blast was
    caused by a Ukrainian air-defence missile", told by Russia's ministry: ``side_in`` reads the side a text
    names) or that tell of the speaker's side striking a military target ("a precision strike hit a deployment
    point of foreign mercenaries in Kharkiv", told by Russia's ministry of a strike the other side says killed
    civilians; ``opponents``: side -> its enemy), each attached to the event whose place it names (within days;
    the place resolved in the claim, however it is spelt: "Kostiantynivka" is the gazetteer's Kostyantynivka),
    else to the strike its own article reports just before it (a paragraph away) when it speaks of striking. A
    standing position ("Russia denies targeting civilians") is about no one happening unless it names the place.
    From a source of no known side, a military target counts as a denial of the civilians hit. Returns event id ->
    denials (with the site they name as ``location_name``) and event id -> blames (reports of the event with the
    blamed side as actor1, or the speaker's side against its enemy's forces)."""
    import datetime as dt

    from wirewatch.corpus.contradictions import ATTACK_WORDS, ATTACKS, CAUSE, DENIAL, MILITARY_TARGET, STANDING
    from wirewatch.corpus.records import ReportRec

    by_place: dict[str, list] = defaultdict(list)
    by_id: dict[int, list] = defaultdict(list)
    in_article: dict[int, list] = defaultdict(list)  # article -> (evidence start, end, cluster) of its reports
    for c in clusters:
        for r in c.reports:
            # a country is named in statements about anything ("Ukraine did not receive an invitation")
            if r.location_name and r.location_precision != "country":
                by_place[r.location_name].append(c)
                if r.geonameid is not None:
                    by_id[r.geonameid].append(c)
            in_article[r.article_id].append((r.evidence_start, r.evidence_end, c))
    places_in: dict[int, list] = defaultdict(list)
    for loc in locations:
        if loc.geonameid is not None:
            places_in[loc.article_id].append(loc)
    denials: dict[int, list] = defaultdict(list)
    blames: dict[int, list] = defaultdict(list)
    for claim in claims:
        aid, index, speaker, side = claim.article_id, claim.claim_index, claim.speaker, claim.side
        start, end, content, cue = claim.content_start, claim.content_end, claim.content_text, claim.cue_text
        denied = DENIAL.search(f"{cue} {content}") is not None
        cause = CAUSE.search(content) if not denied else None
        blamed = side_in(cause.group(1)) if cause is not None else None  # the few words named next
        military = not denied and blamed is None and MILITARY_TARGET.search(content) and ATTACK_WORDS.search(content)
        enemy = (opponents or {}).get(side) if military else None  # the speaker's side struck the enemy's forces
        # from a source of no known side, a strike on a military target answers the civilians others tell of
        # ("a strike in the Tyre area killed a Hezbollah commander", the Israeli military said)
        denied = denied or bool(military) and side is None
        if not denied and (blamed is None or blamed == side) and enemy is None:
            continue
        published = articles[aid].published if aid in articles else None

        def near(c, published=published) -> bool:
            dates = [r.date for r in c.reports if r.date]
            return published is None or not dates or any(
                dt.timedelta(days=-1) <= published - d <= dt.timedelta(days=3) for d in dates)

        own = lambda c, aid=aid, index=index: any(  # noqa: E731 - the claim reports this very event
            r.article_id == aid and r.claim_index == index for r in c.reports)
        ids = {loc.geonameid for loc in places_in.get(aid, ()) if start <= loc.start and loc.end <= end}
        lowered = content.lower()
        named = [c for place, cs in sorted(by_place.items()) if place.lower() in lowered
                 for c in cs if near(c) and (_names_town(place, content) or _a_region(c, place))] + \
            [c for gid in sorted(ids) for c in by_id.get(gid, ()) if near(c)]
        # a denial answers a strike, not the interception its own side tells of at the same place
        chosen = next((c for c in sorted(named, key=lambda c: (denied and c.reports[0].sub_event_type not in ATTACKS,
                                                                c.event_id)) if not own(c)), None)
        named_site = next((r.location_name for r in chosen.reports if r.location_name), None) if chosen else None
        if chosen is None and not (denied and STANDING.search(cue or "")) and ATTACK_WORDS.search(content):
            before = [(e, c) for s, e, c in in_article.get(aid, ()) if s < start and start - e <= DENIAL_REACH
                      and not own(c) and c.reports[0].sub_event_type in ATTACKS]
            chosen = max(before, key=lambda ec: (ec[0], -ec[1].event_id))[1] if before else None
        out = denials if denied else blames
        if chosen is None or any(d.article_id == aid and d.event_index == -1 - index for d in out[chosen.event_id]):
            continue
        if enemy is not None and not any(r.actor1_side == side for r in chosen.reports):
            continue  # a strike of the speaker's side's own telling, not the one the others tell
        kind = ("", "") if denied else (chosen.reports[0].event_type, chosen.reports[0].sub_event_type)
        # a denial keeps the site it names (none when it answers the strike its article told just before)
        out[chosen.event_id].append(ReportRec(
            aid, -1 - index, *kind, None, named_site if denied else None, None, None, None, start, end, content,
            speaker=speaker, speaker_side=side, claim_text=f"{cue} {content}",
            actor1_side=None if denied else blamed or side, actor2_side=enemy))
    return denials, blames


def _a_region(cluster, place: str) -> bool:
    """The event is placed at the region itself ("in Sagaing region" names it)."""
    return any(r.location_name == place and (r.feature_code or "").startswith("ADM") for r in cluster.reports)


def _names_town(place: str, text: str) -> bool:
    """The text names the place itself, not the region named after it ("in the Kharkiv region" is not in
    Kharkiv)."""
    return re.search(rf"\b{re.escape(place)}\b(?!\s+(?:region|oblast|province|governorate)s?\b)", text,
                     re.IGNORECASE) is not None


def _control(store, articles, names, opponents, claims, locations) -> tuple[list, list]:
    """The control timeline, and the captures the losing side's sources answer (which make them disputed)."""
    from wirewatch.corpus import records
    from wirewatch.corpus.control import control_timeline
    from wirewatch.corpus.corroborate import independent_outlets
    from wirewatch.corpus.disputes import capture_disputes

    changes = control_timeline(records.load_control(store), articles, names, opponents)
    answered = capture_disputes(changes, claims, locations, articles, names, opponents)
    rows = []
    for i, ch in enumerate(changes, start=1):
        outlets = independent_outlets((o.article_id for o in ch.observations), articles)
        obs = [{"article_id": o.article_id, "control_index": o.control_index, "date": str(o.date or ""),
                "side": o.side, "change": o.change, "claimed_by": o.claimed_by, "start": o.evidence_start,
                "end": o.evidence_end} for o in ch.observations]
        rows.append([i, ch.place, ch.geonameid, ch.lat, ch.lon, ch.date, ch.from_side, ch.to_side, ch.change,
                     ch.valid_until, len(outlets), len(ch.sources), json.dumps(list(ch.sources), ensure_ascii=False),
                     json.dumps(sorted(ch.sides)), json.dumps(obs, ensure_ascii=False),
                     ch.observations[0].evidence_text, ch.disputed, ch.status])
    store.replace_table("control_changes", rows)
    return changes, answered
