"""Scoring against the real-news gold: list events pair with their own settlements, control by the gainer."""

import datetime as dt
import json

from wirewatch.evaluation import events_real
from wirewatch.models import Article, ControlObservation, DocResult, Event, Location, Place, Span

TEXT = ("Missiles hit Kharkiv and Sumy on Monday, officials said. "
        "Russia's defence ministry said its forces had liberated Robotyne.")
KHARKIV, SUMY, ROBOTYNE = (49.99, 36.23), (50.91, 34.80), (47.45, 35.84)


def _gold_file(tmp_path):
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "a1", "text": TEXT}) + "\n")
    sentence = [0, TEXT.index(" Russia")]
    row = {"doc": f"{articles}#a1", "published": "2024-05-14", "split": "dev", "category": "ukraine",
           "events": [
               {"evidence": [sentence], "event_type": "Explosions/Remote violence",
                "sub_event_type": "Shelling/artillery/missile attack", "date": "2024-05-13",
                "places": [{"lat": lat, "lon": lon}], "actor1_side": "RU", "optional": False}
               for lat, lon in (KHARKIV, SUMY)],
           "control": [{"evidence": [[sentence[1] + 1, len(TEXT)]],
                        "place": {"span": [TEXT.index("Robotyne"), len(TEXT) - 1], "lat": ROBOTYNE[0], "lon": ROBOTYNE[1]},
                        "date": "2024-05-14", "side": "RU", "change": "gained", "claimed_by": "RU"}]}
    gold = tmp_path / "dev.jsonl"
    gold.write_text(json.dumps(row) + "\n")
    return gold


def _strike(where, name, side="RU"):
    return Event("Explosions/Remote violence", "Shelling/artillery/missile attack", Span.of(TEXT, 0, 40),
                 date="2024-05-13", location=Location(name, None, *where, "city"), actor1_side=side)


def test_list_events_pair_with_their_own_settlements(tmp_path):
    (doc,) = events_real.load_gold(_gold_file(tmp_path), parties=("UA", "RU"))
    assert doc.article.text == TEXT and doc.article.published == dt.date(2024, 5, 14)
    tally = events_real._Tally()
    # system order is the reverse of the gold's: the matching must still pair Sumy with Sumy
    result = DocResult(article=doc.article, events=(_strike(SUMY, "Sumy"), _strike(KHARKIV, "Kharkiv", side="UA")))
    tally.add(doc, result, ("UA", "RU"))
    summary = tally.summary()
    assert summary["full"]["tp"] == 2
    assert summary["of_matched_events"]["location_25km"] == {"share": 1.0, "n": 2}
    assert summary["of_matched_events"]["actor1_side"] == {"share": 0.5, "n": 2}


def test_a_loss_by_one_party_is_a_gain_by_the_other(tmp_path):
    (doc,) = events_real.load_gold(_gold_file(tmp_path), parties=("UA", "RU"))
    robotyne = Place(Span.of(TEXT, TEXT.index("Robotyne"), len(TEXT) - 1), 1, "Robotyne", *ROBOTYNE, "UA", None, "PPL", 1.0)
    lost = ControlObservation("Robotyne", 1, "2024-05-14", "UA", "lost", Span.of(TEXT, 58, len(TEXT)))
    wrong = ControlObservation("Robotyne", 1, "2024-05-14", "UA", "gained", Span.of(TEXT, 58, len(TEXT)))
    for observed, tp in ((lost, 1), (wrong, 0)):
        tally = events_real._Tally()
        tally.add(doc, DocResult(article=doc.article, places=(robotyne,), control=(observed,)), ("UA", "RU"))
        assert tally.summary()["control"]["tp"] == tp


def test_a_village_observed_without_coordinates_is_matched_by_its_name(tmp_path):
    (doc,) = events_real.load_gold(_gold_file(tmp_path), parties=("UA", "RU"))
    # the gazetteer lacks the village: the observation has no coordinates, only the name (spelled otherwise)
    for name, tp in (("Robotine", 1), ("Verbove", 0)):
        seen = ControlObservation(name, None, "2024-05-14", "RU", "gained", Span.of(TEXT, 58, len(TEXT)))
        tally = events_real._Tally()
        tally.add(doc, DocResult(article=doc.article, control=(seen,)), ("UA", "RU"))
        assert tally.summary()["control"]["tp"] == tp


def test_missed_and_invented_events_count_against_recall_and_precision(tmp_path):
    (doc,) = events_real.load_gold(_gold_file(tmp_path), parties=("UA", "RU"))
    protest = Event("Protests", "Peaceful protest", Span.of(TEXT, 58, 70))
    tally = events_real._Tally()
    tally.add(doc, DocResult(article=doc.article, events=(_strike(KHARKIV, "Kharkiv"), protest)), ("UA", "RU"))
    typed = tally.summary()["event_type"]
    assert (typed["tp"], typed["fp"], typed["fn"]) == (1, 1, 1)


def _clone_with_article(root, text):
    """A git repository like a public one that a gold row points into: ``owner+name`` under ``root``."""
    import subprocess

    clone = root / "owner+news"
    (clone / "data").mkdir(parents=True)
    (clone / "data" / "a1.txt").write_text(text, encoding="utf-8")
    git = ["git", "-C", str(clone), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(clone)], check=True)
    subprocess.run([*git, "add", "data"], check=True)
    subprocess.run([*git, "commit", "-qm", "article"], check=True)
    return subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()


def test_gold_rows_can_point_into_a_clone_of_a_public_repository(tmp_path, monkeypatch):
    import hashlib

    import pytest

    commit = _clone_with_article(tmp_path / "clones", TEXT)
    monkeypatch.setenv("WIREWATCH_CLONES", str(tmp_path / "clones"))
    row = {"doc": f"github:owner/news@{commit}:data/a1.txt", "id": "wa1", "published": "2024-05-14",
           "sha1": hashlib.sha1(TEXT.encode()).hexdigest(), "events": [], "control": []}
    (doc,) = events_real.gold_docs([row], tmp_path / "dev.jsonl")
    assert (doc.id, doc.article.text) == ("wa1", TEXT)

    with pytest.raises(ValueError, match="not the one the gold was coded on"):
        events_real.gold_docs([{**row, "sha1": "0" * 40}], tmp_path / "dev.jsonl")
    monkeypatch.setenv("WIREWATCH_CLONES", str(tmp_path / "elsewhere"))
    with pytest.raises(FileNotFoundError, match="set WIREWATCH_CLONES"):
        events_real.gold_docs([row], tmp_path / "dev.jsonl")


def _location_share(tmp_path, text, gold_place, location):
    """The share of matched events whose location is right, for one gold event and one system event."""
    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "a1", "text": text}) + "\n")
    gold = tmp_path / "dev.jsonl"
    gold.write_text(json.dumps({"doc": f"{articles}#a1", "published": "2024-05-14", "events": [{
        "evidence": [[0, len(text)]], "event_type": "Strategic developments", "sub_event_type": "Disrupted weapons use",
        "date": "2024-05-13", "places": [gold_place]}]}) + "\n")
    (doc,) = events_real.load_gold(gold, parties=("UA", "RU"))
    event = Event("Strategic developments", "Disrupted weapons use", Span.of(text, 0, len(text)),
                  date="2024-05-13", location=location)
    tally = events_real._Tally()
    tally.add(doc, DocResult(article=doc.article, events=(event,)), ("UA", "RU"))
    return tally.summary()["of_matched_events"]["location_25km"]["share"]


def test_an_event_placed_only_in_a_country_matches_the_country_the_gold_names(tmp_path):
    text = "Ukraine said on Monday it had shot down 40 drones overnight."
    named = {"span": [0, 7], "lat": 49.0, "lon": 31.4, "precision": 3}

    def share(location):
        return _location_share(tmp_path, text, named, location)

    assert share(Location("Ukraine", 690791, 49.0, 32.0, "country")) == 1.0  # GeoNames' centre, 44 km off
    assert share(Location("Moldova", 617790, 47.0, 28.6, "country")) == 0.0
    assert share(Location("Uman", 690688, 48.75, 30.22, "city")) == 0.0  # a town is held to 25 km


def test_an_event_placed_only_in_a_country_matches_a_gold_point_in_that_country_the_text_does_not_name(tmp_path):
    text = "The two sides swapped 390 prisoners of war on Friday."
    unnamed = {"span": None, "lat": 49.0, "lon": 31.4, "precision": 3}  # the annotators' point for Ukraine

    def share(location):
        return _location_share(tmp_path, text, unnamed, location)

    assert share(Location("Ukraine", 690791, 49.0, 32.0, "country")) == 1.0
    assert share(Location("Russia", 2017370, 60.0, 100.0, "country")) == 0.0
    assert share(Location("Cherkasy Oblast", 710802, 49.15, 31.3, "region")) == 1.0  # 18 km: near enough
    assert share(Location("Vinnytsia Oblast", 689559, 49.0, 28.75, "region")) == 0.0  # a region is held to 25 km
