"""The corpus stage over a hand-made corpus: copies, stories, names, events, corroboration, contradictions, control."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from corpus_world import world
from wirewatch.corpus import run_corpus_stage
from wirewatch.corpus.merge import merge_reports, summarise
from wirewatch.corpus.quantities import Quantity, agree
from wirewatch.corpus.records import NameRec, ReportRec
from wirewatch.corpus.resolve import resolve_names, skeleton
from wirewatch.models import RunSummary
from wirewatch.profile import load_profile
from wirewatch.store import Store


OPPONENTS = load_profile("russia-ukraine").opponents


def _build(path, results) -> Store:
    store = Store(path)
    run = store.begin_run("test", [])
    for r in results:
        store.add_result(r, run)
    store.finish_run(run, RunSummary(read=len(results), stored=len(results)))
    return store


@pytest.fixture
def store(tmp_path):
    s = _build(tmp_path / "c.duckdb", world())
    run_corpus_stage(s, aliases={})
    yield s
    s.close()


def _rows(store: Store, sql: str, params: list | None = None) -> list[dict]:
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def test_syndicated_copy_shares_a_group_and_others_do_not(store):
    groups = dict(store.con.execute("SELECT doc_id, syndication_group FROM articles").fetchall())
    assert groups["eastwire-1"] == groups["tribune-7"]
    assert len({groups["eastwire-1"], groups["ledger-3"], groups["courier-9"], groups["post-2"]}) == 4


def test_stories_keep_balakliia_apart_from_lviv_refugees(store):
    story = dict(store.con.execute("SELECT doc_id, story_id FROM articles").fetchall())
    assert story["eastwire-1"] == story["tribune-7"] == story["ledger-3"]
    assert story["post-2"] != story["eastwire-1"]
    assert store.con.execute("SELECT count(*) FROM stories").fetchone()[0] == len(set(story.values()))


@pytest.mark.parametrize("variants", [
    ("Zelensky", "Zelenskyy", "Volodomyr Zelenskyy", "Volodymyr Zelenskiy"),
    ("Oleh Synegubov", "Oleh Synehubov", "Synehubov"),
    ("Institute for the Study of War", "Institute of War", "ISW"),
])
def test_name_variants_resolve_to_one_cluster(variants):
    others = ("Ihor Terekhov", "Vyacheslav Gladkov", "UK Ministry of Defence", "Russian Ministry of Defence")
    resolved = resolve_names([NameRec(n, "SPEAKER", None, 1) for n in (*variants, *others)], aliases={})
    assert len({resolved[v].cluster_id for v in variants}) == 1
    assert all(resolved[o].cluster_id != resolved[variants[0]].cluster_id for o in others)


def test_a_name_holding_an_acronym_is_not_abbreviated_by_its_first_letters():
    resolved = resolve_names([NameRec("UA", "ORG", None, 1), NameRec("Unity Alliance", "ORG", None, 1),
                              NameRec("US army", "ORG", None, 2)], aliases={})
    assert resolved["UA"].cluster_id == resolved["Unity Alliance"].cluster_id
    assert resolved["US army"].cluster_id != resolved["UA"].cluster_id


def test_ministries_of_two_sides_never_merge():
    resolved = resolve_names([NameRec("Ministry of Defence", "ORG", "RU", 1),
                              NameRec("Ministry of Defence", "ORG", "RU", 2),
                              NameRec("UK Ministry of Defence", "ORG", "THIRD", 3),
                              NameRec("Russian Ministry of Defence", "ORG", "RU", 4)], aliases={})
    assert resolved["UK Ministry of Defence"].cluster_id != resolved["Russian Ministry of Defence"].cluster_id


def test_a_person_takes_the_side_most_of_their_stated_roles_give():
    misread = NameRec("Emmanuel Macron", "PERSON", "RU", 3)  # one role read wrong in one article
    roles = [NameRec("Emmanuel Macron", "PERSON", "", a) for a in (1, 2)]  # "French president": of no side
    assert resolve_names([misread, *roles], aliases={})["Emmanuel Macron"].side is None
    spokesman = [NameRec("Dmitry Peskov", "PERSON", "RU", a) for a in (1, 2)] + [NameRec("Peskov", "PERSON", "", 3)]
    assert resolve_names(spokesman, aliases={})["Peskov"].side == "RU"


def test_place_spellings_share_a_skeleton():
    assert skeleton("Izyum") == skeleton("Izium")
    assert skeleton("Synegubov") == skeleton("Synehubov")
    assert skeleton("Zelenskyy") == skeleton("Zelenskiy") == skeleton("Zelensky")


def test_reports_merge_into_one_event_counted_by_independent_outlets(store):
    events = _rows(store, "SELECT * FROM corpus_events WHERE sub_event_type LIKE 'Shelling%'")
    assert len(events) == 1
    e = events[0]
    assert e["n_reports"] == 3  # wire, its copy, the Ledger's own story
    assert e["n_outlets"] == 2  # the copy is not independent
    assert sorted(json.loads(e["outlets"])) == ["Eastern Ledger", "Eastwire"]  # named after the wire
    assert json.loads(e["sources"]) == ["Oleh Synehubov"]  # one governor, two spellings
    assert e["n_sources"] == 1 and json.loads(e["sides"]) == ["UA"]
    assert (e["fatalities_low"], e["fatalities_high"], e["fatalities"]) == (13, 25, 13)
    linked = store.con.execute("SELECT count(*) FROM events WHERE event_id = ?", [e["event_id"]]).fetchone()[0]
    assert linked == 3


def test_a_toll_that_rose_between_two_reports_is_a_history_not_a_contradiction(store):
    assert not _rows(store, "SELECT * FROM comparisons WHERE kind = 'casualties'")
    tolls = _rows(store, "SELECT * FROM tolls WHERE kind = 'killed' ORDER BY value")
    assert [(t["value"], t["claimed_by"], t["basis"]) for t in tolls] == [
        (13, "Oleh Synehubov", "reported"), (13, "Oleh Synehubov", "reported"), (25, "Oleh Synehubov", "reported")]
    texts = dict(store.con.execute("SELECT article_id, text FROM articles").fetchall())
    for t in tolls:
        assert texts[t["article_id"]][t["evidence_start"]:t["evidence_end"]] == t["evidence_text"]
    (shown,) = _rows(store, "SELECT fatalities, fatalities_source FROM corpus_events WHERE fatalities IS NOT NULL")
    assert shown == {"fatalities": 13, "fatalities_source": "Oleh Synehubov"}


def test_km_and_miles_agree_once_per_independent_pair(store):
    rows = _rows(store, "SELECT * FROM comparisons WHERE kind = 'distance'")
    assert len(rows) == 1  # the wire copy does not add a second comparison
    assert rows[0]["verdict"] == "agrees"
    assert {rows[0]["a_value"], rows[0]["b_value"]} == {"75 mi", "124 km"}


def _q(value: float, unit: str) -> Quantity:
    si = value * (1.609344 if unit == "mi" else 1.0)
    return Quantity(1, "distance", value, unit, si, True, "A", 1, "B", 2, 0, 1, "x", 0, 1)


@pytest.mark.parametrize(("a", "b", "expected"), [
    ((40, "km"), (25, "mi"), True), ((124, "km"), (75, "mi"), True), ((120, "km"), (75, "mi"), True),
    ((145, "km"), (90, "mi"), True), ((60, "km"), (10, "km"), False), ((124, "km"), (90, "mi"), False),
])
def test_distance_agreement_allows_rounding_and_units(a, b, expected):
    assert agree(_q(*a), _q(*b)) is expected


def test_denial_by_the_other_side_is_an_opposing_claim(store):
    (c,) = _rows(store, "SELECT * FROM comparisons WHERE kind = 'opposing_claims'")
    assert (c["a_side"], c["b_side"]) == ("UA", "RU")
    assert "denied" not in c["a_text"] and "shelled Balakliia" in c["b_text"]


def test_control_timeline_lists_each_change_with_its_sources(store):
    changes = _rows(store, "SELECT * FROM control_changes WHERE place = 'Hrakove' ORDER BY date")
    assert [(c["date"], c["from_side"], c["to_side"]) for c in changes] == [
        (dt.date(2022, 5, 12), "RU", "UA"), (dt.date(2022, 5, 14), "UA", "RU")]
    assert changes[0]["valid_until"] == dt.date(2022, 5, 14)
    assert changes[0]["n_outlets"] == 1  # wire and copy
    assert json.loads(changes[0]["sources"]) == ["General Staff"]
    assert changes[0]["disputed"] and changes[1]["disputed"]  # the other side reverses it two days later


def test_rerun_is_idempotent_and_incremental_equals_full(tmp_path):
    docs = world()
    full = _build(tmp_path / "full.duckdb", docs)
    run_corpus_stage(full, aliases={})
    first = _snapshot(full)
    run_corpus_stage(full, aliases={})
    assert _snapshot(full) == first
    part = _build(tmp_path / "part.duckdb", docs[:2])
    run_corpus_stage(part, aliases={})
    run = part.begin_run("more", [])
    for r in docs[2:]:
        part.add_result(r, run)
    summary = run_corpus_stage(part, aliases={})
    assert summary["new_articles"] == 3
    assert _snapshot(part) == first
    full.close()
    part.close()


def _snapshot(store: Store) -> dict:
    return {t: sorted(map(str, store.con.execute(f"SELECT * FROM {t}").fetchall()))
            for t in ("corpus_events", "comparisons", "control_changes", "stories")}


def test_merging_respects_place_radius_date_window_and_sides():
    def rep(aid: int, day: int, lat: float, side: str | None = "RU", gid: int | None = None) -> ReportRec:
        return ReportRec(aid, 0, "Explosions/Remote violence", "Shelling/artillery/missile attack",
                         dt.date(2022, 5, day), "X", gid, lat, 36.0, 0, 1, "x", actor1_side=side)
    clusters = merge_reports([rep(1, 10, 50.0, gid=7), rep(2, 10, 50.0, gid=7), rep(3, 14, 50.0, gid=7),
                              rep(4, 10, 51.0), rep(5, 10, 50.0, "UA", gid=7), rep(6, 11, 50.05)])
    assert sorted(sorted(r.article_id for r in c.reports) for c in clusters) == [[1, 2], [3], [4], [5], [6]]


def test_a_village_without_coordinates_merges_by_its_name_in_any_spelling():
    def rep(aid: int, name: str, text: str) -> ReportRec:
        return ReportRec(aid, 0, "Battles", "Government regains territory", dt.date(2022, 5, 10), name, None, None,
                         None, 0, len(text), text, actor1_side="UA")
    clusters = merge_reports([rep(1, "Pytomnyk", "Ukrainian forces liberated Pytomnyk, the General Staff said."),
                              rep(2, "Pitomnik", "Kyiv says its troops are back in Pitomnik."),
                              rep(3, "Bairak", "The village of Bairak was retaken on Tuesday.")])
    assert sorted(sorted(r.article_id for r in c.reports) for c in clusters) == [[1, 2], [3]]
    assert summarise(clusters[0])["location_name"] == "Pytomnyk"
    assert summarise(clusters[0])["lat"] is None  # named, never given invented coordinates


def test_merging_many_reports_stays_fast():
    import time

    reports = [ReportRec(i, 0, "Battles", "Armed clash", dt.date(2022, 1, 1) + dt.timedelta(days=i % 300),
                         "X", i % 500, 48 + (i % 500) / 100, 30 + (i % 7), 0, 1, "x") for i in range(20_000)]
    start = time.perf_counter()
    clusters = merge_reports(reports)
    assert time.perf_counter() - start < 10
    assert len(clusters) < len(reports)


def test_region_level_reports_join_a_town_of_their_country_only():
    def rep(aid: int, lat: float, lon: float, precision: str, country: str) -> ReportRec:
        return ReportRec(aid, 0, "Explosions/Remote violence", "Shelling/artillery/missile attack",
                         dt.date(2022, 5, 20), "X", aid, lat, lon, 0, 1, "x", location_precision=precision,
                         country_code=country)
    lozova, oblast = rep(1, 48.89, 36.32, "city", "UA"), rep(2, 49.5, 36.5, "region", "UA")
    belgorod_oblast = rep(3, 50.6, 36.6, "region", "RU")
    clusters = merge_reports([lozova, oblast, belgorod_oblast], stories={1: 1, 2: 1, 3: 1})
    assert sorted(sorted(r.article_id for r in c.reports) for c in clusters) == [[1, 2], [3]]
    apart = merge_reports([lozova, oblast], stories={1: 1, 2: 2})  # only the area is known: same story only
    assert len(apart) == 2


def test_corpus_benchmark_runs_on_a_small_synthetic_corpus(tmp_path):
    from wirewatch.devtools.corpus_bench import run

    result = run(300, tmp_path / "b.duckdb")
    assert result["docs"] == 300 and result["reports"] == 2 * (300 + 3)
    assert 0 < result["events"] < result["reports"] and result["syndication_groups"] > 0
    assert result["control_changes"] > 0  # the synthetic evidence names the place taken
    assert result["incremental_docs"] == 3 and set(result["steps_s"]) >= {"dedup", "events", "control"}


def test_a_dateline_is_not_evidence_of_control():
    from wirewatch.corpus.control import control_timeline
    from wirewatch.corpus.records import ArticleRec, ControlRec

    dateline = ControlRec(1, 0, "Kyiv", 703448, dt.date(2022, 5, 12), "RU", "lost", 0, 60,
                          "KYIV, May 12 - Russian forces are withdrawing from Kharkiv", named=False)
    village = ControlRec(1, 1, "Pytomnyk", 1, dt.date(2022, 5, 12), "UA", "gained", 61, 100,
                         "Ukrainian forces liberated Pytomnyk", claimed_by="General Staff")
    articles = {1: ArticleRec(1, "a", "Northwire", dt.date(2022, 5, 12), None)}
    assert [c.place for c in control_timeline([dateline, village], articles, {}, OPPONENTS)] == ["Pytomnyk"]


def test_a_village_fought_over_is_contested_without_guessing_who_held_it():
    from wirewatch.corpus.control import control_timeline
    from wirewatch.corpus.records import ArticleRec, ControlRec

    text = "Ukrainian forces are fighting for control of Tsyrkuny, officials said."
    fight = ControlRec(1, 0, "Tsyrkuny", 691084, dt.date(2022, 5, 7), "UA", "contested", 0, len(text), text)
    articles = {1: ArticleRec(1, "a", "Kyiv Morning Post", dt.date(2022, 5, 7), None)}
    (change,) = control_timeline([fight], articles, {}, OPPONENTS)
    assert (change.from_side, change.to_side, change.change) == (None, "contested", "contested")


def test_disputed_control_is_listed_as_a_contradiction(store):
    (c,) = _rows(store, "SELECT * FROM comparisons WHERE kind = 'control'")
    assert c["subject"] == "control of Hrakove" and (c["a_value"], c["b_value"]) == ("UA gained", "RU gained")
    assert (c["a_side"], c["b_side"]) == ("UA", "RU") and "remain in control of Hrakove" in c["b_text"]


def test_reference_points_and_withdrawals_do_not_change_hands():
    from wirewatch.corpus.control import control_timeline, reading
    from wirewatch.corpus.records import ArticleRec, ControlRec

    kharkiv = (706483, "Kharkiv", 49.98, 36.25, "PPL")
    izyum = (707292, "Izyum", 49.21, 37.28, "PPL")

    def obs(index, place, text, side, change, at, others=(), day=12):
        spots = [(text.index(place), text.index(place) + len(place), *kharkiv)] if place == "Kharkiv" else []
        return ControlRec(1, index, place, kharkiv[0] if place == "Kharkiv" else 5, dt.date(2022, 5, day), side,
                          change, 0, len(text), text, mentions=tuple(spots) + tuple(others))

    north = obs(0, "Kharkiv", "Ukrainian troops have recaptured several villages north of Kharkiv.", "UA", "gained", 0)
    around = obs(1, "Kharkiv", "Russian forces are withdrawing from positions around Kharkiv.", "RU", "lost", 0)
    back = obs(2, "Kharkiv", "Moscow pulls back from Kharkiv, officials say", "RU", "lost", 0)
    assert [reading(o) for o in (north, around, back)] == ["reference", "reference", "movement"]
    text = "Fighting continued around Izyum, a town some 124 km south-east of Kharkiv that Russian forces captured."
    apposed = obs(3, "Kharkiv", text, "RU", "gained", 0, others=((26, 31, *izyum),), day=1)
    articles = {1: ArticleRec(1, "a", "Eastern Ledger", dt.date(2022, 5, 13), None)}
    (change,) = control_timeline([north, around, back, apposed], articles, {}, OPPONENTS)
    assert (change.place, change.geonameid, change.to_side) == ("Izyum", 707292, "RU")
    # A withdrawal from a place the side was known to hold does end the holding.
    taken = obs(4, "Kharkiv", "Russian forces captured Kharkiv.", "RU", "gained", 0, day=1)
    changes = control_timeline([taken, back], articles, {}, OPPONENTS)
    assert [(c.from_side, c.to_side) for c in changes] == [("UA", "RU"), ("RU", "UA")]


def test_a_name_quoted_in_passing_does_not_tie_two_stories():
    from wirewatch.corpus.records import ArticleRec
    from wirewatch.corpus.stories import PASSING, cluster_stories

    day = dt.date(2022, 5, 13)
    arts = [ArticleRec(i, f"d{i}", "Outlet", day, None) for i in range(1, 6)]
    governor = "ent:1"  # quoted at the end of every article
    features = {
        1: {"place:derhachi": 1.0, "word:hospital": 1.0, governor: PASSING},
        2: {"place:derhachi": 1.0, "word:hospital": 1.0, governor: PASSING},
        3: {"place:izyum": 1.0, "word:counteroffensive": 1.0, governor: PASSING},
        4: {"place:izyum": 1.0, "word:counteroffensive": 1.0, governor: PASSING},
        5: {"place:derhachi": PASSING, "place:izyum": 1.0, "word:counteroffensive": 1.0, governor: 1.0},
    }
    assigned, stories = cluster_stories(arts, features)
    assert assigned[1] == assigned[2] != assigned[3] == assigned[4] == assigned[5] and len(stories) == 2


def test_a_group_of_copies_is_credited_to_the_wire_its_copies_name(store):
    from wirewatch.corpus.corroborate import corroborate
    from wirewatch.corpus.records import load_articles

    articles = {a.article_id: a for a in load_articles(store)}
    by_doc = {a.doc_id: a for a in articles.values()}
    assert by_doc["tribune-7"].origin == by_doc["eastwire-1"].origin == "Eastwire"
    assert by_doc["ledger-3"].origin is None  # not a copy
    # Even when the reprint comes first, the independent outlet is named after the wire.
    from dataclasses import replace

    copy, wire = by_doc["tribune-7"], by_doc["eastwire-1"]
    swapped = {1: replace(copy, article_id=1), 2: replace(wire, article_id=2)}
    from wirewatch.corpus.records import ReportRec

    reports = [ReportRec(i, 0, "Battles", "Armed clash", None, None, None, None, None, 0, 1, "x") for i in (1, 2)]
    assert corroborate(reports, swapped, {}).outlets == ("Eastwire",)


def test_silence_is_not_a_denial():
    from wirewatch.corpus.contradictions import DENIAL

    denials = ("denied targeting civilians", "said the strike did not hit any civilian building",
               "called the reports a staged provocation", "said air defences destroyed every drone over the city",
               "said all the missiles were shot down", "disputed reports of civilian deaths", "said there was no attack")
    silences = ("did not comment on the claim", "did not mention Lozova in its daily briefing",
                "didn't respond to a request", "did not immediately confirm the figure")
    assert all(DENIAL.search(t) for t in denials) and not any(DENIAL.search(t) for t in silences)


def test_a_story_is_matched_on_its_recent_days_not_everything_it_touched():
    from wirewatch.corpus.records import ArticleRec
    from wirewatch.corpus.stories import cluster_stories

    def art(i: int, day: int) -> ArticleRec:
        return ArticleRec(i, f"d{i}", "Outlet", dt.date(2022, 5, day), None)

    arts = [art(1, 1), art(2, 1), art(3, 5), art(4, 9), art(5, 9)]
    features = {
        1: {"place:derhachi": 1.0, "word:hospital": 1.0},
        2: {"place:derhachi": 1.0, "word:hospital": 1.0},
        3: {"place:derhachi": 1.0, "word:metro": 0.2},  # a follow-up days later: same town
        4: {"word:hospital": 1.0, "place:lozova": 0.2},  # another hospital strike, a week on
        5: {"word:hospital": 1.0, "place:lozova": 0.2},
    }
    assigned, _ = cluster_stories(arts, features)
    assert assigned[1] == assigned[2] == assigned[3] != assigned[4] == assigned[5]


def test_a_headline_misread_as_a_speaker_is_no_original_source():
    from wirewatch.corpus.corroborate import plausible_source
    from wirewatch.corpus.resolve import Resolved

    sources = ("Ukrainian officials", "Defence Intelligence", "the think tank", "Institute for the Study of War",
               "governor", "Military Forces of Ukraine", "Halyna Dobrovolska", "a senior defence official",
               "ISIL", "RSF")  # an acronym names a body
    misread = ("Heavy fighting", "Border villages", "Russian artillery", "Zelensky thanks unit", "loss", "A")
    assert all(plausible_source(s, None) for s in sources)
    assert not any(plausible_source(s, None) for s in misread)
    assert plausible_source("Synegubov", Resolved(1, "Oleh Synehubov", "PERSON", "UA"))


def test_a_misread_claimant_of_control_falls_back_to_the_outlet():
    from wirewatch.corpus.control import control_timeline
    from wirewatch.corpus.records import ArticleRec, ControlRec

    text = "Russian forces captured Izyum in early April."
    at = text.index("Izyum")
    obs = ControlRec(1, 0, "Izyum", 707292, dt.date(2022, 4, 1), "RU", "gained", 0, len(text), text,
                     claimed_by="Heavy fighting", mentions=((at, at + 5, 707292, "Izyum", 49.2, 37.3, "PPL"),))
    articles = {1: ArticleRec(1, "a", "Eastern Ledger", dt.date(2022, 5, 13), None)}
    (change,) = control_timeline([obs], articles, {}, OPPONENTS)
    assert list(change.sources) == ["Eastern Ledger"]


def test_disjoint_sets_join_pairs_and_keep_the_smallest_member_as_root():
    from wirewatch.corpus.union import DisjointSets

    sets = DisjointSets([5, 3, 9, 1, 7])
    sets.union(9, 3)
    sets.union(7, 9)
    sets.union(5, 1)
    assert sets.find(7) == 3
    assert sets.groups() == {1: [5, 1], 3: [3, 9, 7]}
    assert 4 not in sets and 9 in sets


def test_an_event_known_only_by_its_country_is_shown_in_that_country():
    text = "Russia and Ukraine exchanged prisoners on Friday."
    report = ReportRec(1, 0, "Strategic developments", "Agreement", dt.date(2025, 5, 23), "Ukraine", 690791, 49.0,
                       32.0, 0, len(text), text, location_precision="country")
    (cluster,) = merge_reports([report])
    shown = summarise(cluster)
    assert (shown["location_name"], shown["location_precision"], shown["lat"]) == ("Ukraine", "country", 49.0)
