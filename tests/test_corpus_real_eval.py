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


def test_a_pair_whose_report_the_document_stage_missed_counts_against_recall_of_gold_only():
    reports = [(1, 0, STRIKE, 0, 10, 100), (2, 0, STRIKE, 0, 10, 100)]  # outlet c's report was never found
    happening = {(1, 0): "h1", (2, 0): "h1"}
    labels = {"a": [("h1", STRIKE, [[0, 10]])], "b": [("h1", STRIKE, [[0, 10]])], "c": [("h1", STRIKE, [[0, 10]])]}
    result = corpus_real._cross_outlet(reports, happening, labels)
    assert (result["recall"], result["recall_of_gold"]) == (1.0, 0.333)


def test_a_control_change_of_a_village_without_coordinates_matches_by_its_name():
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE control_changes (to_side VARCHAR, change VARCHAR, lat DOUBLE, lon DOUBLE, "
                "date DATE, place VARCHAR)")
    con.execute("INSERT INTO control_changes VALUES ('RU', 'UA -> RU', NULL, NULL, DATE '2022-11-13', 'Mayorsk'), "
                "('RU', 'UA -> RU', NULL, NULL, DATE '2022-11-13', 'Bakhmut')")
    text = "Russian forces captured the village of Maiorsk, the ministry said."
    start = text.index("the village")
    rows = [{"doc": "shared:x#a1", "control": [{"place": {"span": [start, start + 22], "lat": 48.35, "lon": 37.98},
                                                 "date": "2022-11-13", "side": "RU", "change": "gained"}]}]
    result = corpus_real._control(con, rows, ("UA", "RU"), {"a1": text})
    assert (result["tp"], result["fp"], result["fn"]) == (1, 1, 0)  # a spelling of it matches; another place not
