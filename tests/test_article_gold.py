"""The whole-article gold that points into a public repository (``war-articles``) is well formed:
ACLED names, one split per article fixed once, offsets and checksums, adjudicated double codings."""

import json
import re
from pathlib import Path

from wirewatch.events.event_lexicon import TYPE_OF

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold" / "war-articles"
REF = re.compile(r"^github:[\w.-]+/[\w.-]+@[0-9a-f]{40}:data/articles/\d{8}T\d{6}Z_\w\w_en_\w+\.txt$")


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_each_article_is_in_one_split_with_its_checksum_and_acled_labels():
    seen: dict[str, str] = {}
    for split in ("dev", "test"):
        for r in rows(GOLD / f"{split}.jsonl"):
            assert REF.match(r["doc"]) and re.fullmatch(r"[0-9a-f]{40}", r["sha1"]), r["doc"]
            assert r["split"] == split and seen.setdefault(r["doc"], split) == split, r["doc"]
            assert r["published"] == "{}-{}-{}".format(*re.search(r"/(\d{4})(\d\d)(\d\d)T", r["doc"]).groups())
            for e in r["events"]:
                assert TYPE_OF.get(e["sub_event_type"]) == e["event_type"], (r["id"], e)
                assert all(0 <= s < t for s, t in e["evidence"]), (r["id"], e)
            for c in r["control"]:
                assert c["change"] in ("gained", "lost", "contested") and c["evidence"], (r["id"], c)
    assert len(seen) == 300


def test_double_codings_are_two_independent_annotators_and_the_gold_is_the_settled_one():
    gold = {r["doc"]: r for split in ("dev", "test") for r in rows(GOLD / f"{split}.jsonl")}
    doubles = [r for split in ("dev", "test") for r in rows(GOLD / "annotations" / f"{split}-double.jsonl")]
    by_doc: dict[str, list[str]] = {}
    for r in doubles:
        by_doc.setdefault(r["doc"], []).append(r["annotator"])
    assert len(by_doc) == 40
    for doc, annotators in by_doc.items():
        assert len(set(annotators)) == 2 and "X" not in annotators, doc
        assert gold[doc]["annotator"] == "X", doc  # settled by the adjudicator
