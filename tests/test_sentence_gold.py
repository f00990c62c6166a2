"""The labelled-sentence gold the event model trains on is well formed: ACLED names, offsets that
point inside their sentence, one labelling per item, and every doubly coded item in its set."""

import json
from pathlib import Path

from wirewatch.events.event_lexicon import TYPE_OF

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "gold"
FILES = sorted([*BENCH.glob("events-sentences/*.jsonl"), *BENCH.glob("war-sentences/*.jsonl")])
assert FILES, "no sentence gold found"


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_label_is_an_acled_type_and_sub_type_that_belong_together():
    for path in FILES:
        for r in rows(path):
            for e in r["events"]:
                assert TYPE_OF.get(e["sub_event_type"]) == e["event_type"], (path.name, r["item"], e)


def test_triggers_lie_inside_their_sentence_and_sentences_point_into_a_named_source():
    for path in FILES:
        for r in rows(path):
            start, end = r["sentence"]
            assert 0 <= start < end, (path.name, r["item"])
            assert r["doc"].startswith(("shared:", "github:")), r["doc"]
            for e in r["events"]:
                if e["trigger"] is not None:
                    t_start, t_end = e["trigger"]
                    assert start <= t_start < t_end <= end, (path.name, r["item"], e)


def test_each_set_labels_an_item_once_and_its_double_coding_repeats_items_of_the_set():
    for path in FILES:
        if path.name.endswith("-double.jsonl"):
            continue
        items = [r["item"] for r in rows(path)]
        assert len(items) == len(set(items)), path.name
        double = path.with_name(path.stem + "-double.jsonl")
        if double.exists():
            coded = rows(double)
            assert {r["item"] for r in coded} <= set(items), double.name
            coders: dict[str, set[str]] = {}
            for r in coded:
                coders.setdefault(r["item"], set()).add(r["annotator"])
            assert all(len(c) == 2 for c in coders.values()), double.name
