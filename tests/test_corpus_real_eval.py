"""Scoring the corpus stage against happenings: a merge is right only when all its reports tell one happening."""

from wirewatch.evaluation import corpus_real

# (article_id, event_index, event_type, evidence_start, evidence_end, event_id)
STRIKE = "Explosions/Remote violence"


def test_a_report_tells_the_gold_event_it_overlaps_preferring_the_same_type():
    gold = [("C1-h1", "Battles", [[0, 50]]), ("C1-h2", STRIKE, [[0, 50]]), ("C1-h3", STRIKE, [[60, 90]])]
    assert corpus_real._label(gold, STRIKE, 10, 20) == "C1-h2"
    assert corpus_real._label(gold, "Protests", 10, 20) == "C1-h1"
    assert corpus_real._label(gold, STRIKE, 51, 59) is None


def test_merge_precision_counts_merges_across_articles_that_join_one_happening():
    reports = [(1, 0, STRIKE, 0, 10, 100), (2, 0, STRIKE, 0, 10, 100),   # one happening, two outlets: right
               (1, 1, STRIKE, 20, 30, 101), (3, 0, STRIKE, 0, 10, 101),  # two strikes joined: wrong
               (4, 0, STRIKE, 0, 10, 102), (4, 1, STRIKE, 20, 30, 102)]  # one article: not a cross-outlet merge
    happening = {(1, 0): "h1", (2, 0): "h1", (1, 1): "h2", (3, 0): "h3", (4, 0): "h4", (4, 1): "h4"}
    assert corpus_real._merges(reports, happening) == {"multi_report_events": 2, "one_happening": 1, "precision": 0.5}


def test_cross_outlet_recall_is_over_article_pairs_that_report_one_happening():
    reports = [(1, 0, STRIKE, 0, 10, 100), (2, 0, STRIKE, 0, 10, 100), (3, 0, STRIKE, 0, 10, 300)]
    happening = {(1, 0): "h1", (2, 0): "h1", (3, 0): "h1"}
    labels = {"a": [("h1", STRIKE, [[0, 10]])], "b": [("h1", STRIKE, [[0, 10]])], "c": [("h1", STRIKE, [[0, 10]])]}
    result = corpus_real._cross_outlet(reports, happening, labels)
    assert (result["gold_pairs"], result["pairs_found"], result["joined"]) == (3, 3, 1)
