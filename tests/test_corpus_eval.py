"""The corpus evaluation scores a store against a gold spec (no NLP: the hand-made world)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus_world import load_world
from wirewatch.evaluation.corpus import score
from wirewatch.store import Store

SPEC = {
    "syndication": [["eastwire-1", "tribune-7"]],
    "stories": {"Balakliia": ["eastwire-1", "tribune-7", "ledger-3", "courier-9"], "Lviv": ["post-2"]},
    "events": {"Balakliia shelling": [["eastwire-1", "killing 13 civilians"], ["ledger-3", "killed 25 people"]]},
    "comparisons": [
        {"kind": "distance", "subject": "Izium", "values": ["75 miles", "124 km"], "verdict": "agrees"},
        {"kind": "casualties", "subject": "Lviv", "values": [], "verdict": "contradicts"}],
    "names": {"same": [["Oleh Synegubov", "Oleh Synehubov"]]},
    "places": {"same": [["Izyum", "Izium"]], "different": [[["post-2", "Lviv"], ["ledger-3", "Balakliia"]]]},
    "control": {"changes": [{"place": "Hrakove", "to": "UA", "from": "2022-05-12", "until": "2022-05-12"},
                            {"place": "Mariupol", "to": "RU", "from": "2022-05-16", "until": "2022-05-20"}],
                "never_changed": ["Lviv"]},
}


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("eval") / "w.duckdb") as s:
        load_world(s)
        return score(s, SPEC)


def test_copies_stories_and_merges_are_scored_pairwise(scored):
    assert scored["articles"] == 5
    assert scored["syndication"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert scored["stories"]["recall"] == 1.0 and scored["stories"]["bcubed_f1"] == 1.0
    assert scored["events"]["tp"] == 1 and scored["events"]["reports_found"] == 2


def test_comparisons_names_places_and_control_are_checked(scored):
    assert scored["comparisons"]["found"] == 1  # 13 then 25 killed by one governor is an update (codebook 12)
    assert scored["comparisons"]["missed"] == ["casualties Lviv [] contradicts"]  # a miss is named
    assert scored["names"]["same"]["right"] == 1
    assert scored["places"]["same"]["right"] == 1 and scored["places"]["different"]["right"] == 1
    control = scored["control"]
    assert control["missed"] == ["Mariupol -> RU 2022-05-16"] and control["recall"] == 0.5
    assert control["places_wrongly_changing_hands"] == []


def test_the_demo_gold_names_only_articles_of_the_demo_corpus():
    gold = Path(__file__).parent.parent / "benchmarks" / "corpus-gold" / "demo.json"
    spec = json.loads(gold.read_text(encoding="utf-8"))
    corpus = (gold.parent / spec["corpus"]).resolve()
    files = {str(p.relative_to(corpus.parent)) for p in corpus.rglob("*") if p.is_file()}
    named = {d for g in spec["syndication"] for d in g} | {d for g in spec["stories"].values() for d in g}
    local = {d for d in named if d.startswith("examples/")}
    assert local and local <= files
    story_members = [d for g in spec["stories"].values() for d in g]
    assert len(story_members) == len(set(story_members)) == 34  # every demo article in exactly one story
