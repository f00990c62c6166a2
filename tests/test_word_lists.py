"""The stages' word lists are data files in which every list says where its entries come from."""

from __future__ import annotations

import json
import tomllib
from importlib import resources

from wirewatch.events.event_lexicon import vocabulary

DATA = resources.files("wirewatch") / "data"


def _words(entries) -> list[str]:
    """The words of a list, also of a list of lists by sub-type or of number words with their values."""
    if isinstance(entries, dict):
        return [w for key, value in entries.items() for w in ([key] if isinstance(value, int) else _words(value))]
    return list(entries)


def test_each_list_of_the_events_stage_names_its_source_and_holds_lower_case_words():
    lists = {name: lst for name, lst in json.loads((DATA / "events" / "words.json").read_text()).items()
             if name != "about"}
    assert len(lists) > 40
    for name, lst in lists.items():
        assert len(lst["source"]) > 20, name
        words = _words(lst["entries"])
        assert words and all(w == w.lower() for w in words), name


def test_each_list_of_the_claims_stage_names_its_source():
    lists = tomllib.loads((DATA / "claims" / "words.toml").read_text())
    for name, lst in lists.items():
        assert len(lst["source"]) > 20 and lst["words"], name


def test_a_rule_reads_its_vocabulary_by_name():
    assert "outskirts" in vocabulary("edges") and "drone" not in vocabulary("edges")
