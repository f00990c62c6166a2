"""The word index (web/words.py) changes what a search costs, never what it finds: for every kind of term
(whole words, pieces from inside a word, pieces that cross a space, several words, any case, punctuation,
words found nowhere) the indexed search returns exactly the rows a scan of every row returns, in order."""

from __future__ import annotations

import random
import re

import pytest

from wirewatch.corpus import run_corpus_stage
from wirewatch.corpus.bench import load, synthetic
from wirewatch.store import Store
from wirewatch.web import words
from wirewatch.web.search import any_contains
from wirewatch.web.tables import Tables, connect

# table -> (columns shown, the search's condition for some terms) as search.py asks them
SEARCHED = {
    "web_articles": ("article_id, title", lambda t: any_contains("text_lc", t)),
    "web_events": ("event_id, location_name", lambda t: _either(any_contains("evidence_lc", t),
                                                                 any_contains("place_lc", t))),
    "web_claim_text": ("article_id, claim_index", lambda t: any_contains("text_lc", t)),
}


def _either(a: tuple[str, list], b: tuple[str, list]) -> tuple[str, list]:
    return f"{a[0]} OR {b[0]}", [*a[1], *b[1]]


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    path = tmp_path_factory.mktemp("index") / "syn.duckdb"
    with Store(path) as store:
        load(store, synthetic(300, seed=5))
        store.con.execute("UPDATE articles SET text = text || ' Київ, ХАРКІВ; Straße «Izium» 20-km' "
                          "WHERE article_id % 7 = 0")  # letters beyond ASCII, punctuation, mixed case
        run_corpus_stage(store, aliases={})
    return Tables(connect(str(path)))


def _terms(tables: Tables) -> list[str]:
    """Terms from the store's own text: whole words, their inner pieces, a word's end and the next word's
    start across a space, two and three words, upper case; and terms found nowhere."""
    rng = random.Random(7)
    texts = [r[0] for r in tables.con.execute(
        "SELECT text FROM articles ORDER BY article_id LIMIT 20").fetchall()]
    out = ["artillery", "ARTILLERY", "Selo3", "elo3", "lo37 over", "Petrenko said", "said. Selo",
           "nothing-like-this", "zzzq", "Київ", "харків", "ХАРКІВ;", "straße", "«izium»", "20-km", "km",
           " Selo1", "Selo1 ", "  Selo1", "e a", "s s", ". ", "a", ", killing 2 people,", "Selo99999"]
    for text in texts:
        spans = [m.span() for m in re.finditer(r"\S+", text)]
        i = rng.randrange(len(spans) - 3)
        a, b = spans[i]
        out += [text[a:b], text[a + 1:b - 1] or text[a:b], text[rng.randrange(a, b):spans[i + 1][0] + 2],
                text[a:spans[i + 1][1]], text[a:spans[i + 2][1]].upper(), text[spans[i][1] - 2:spans[i + 2][0] + 1]]
    return [t for t in out if t]


def test_indexed_search_finds_exactly_what_a_scan_finds(tables):
    terms = _terms(tables)
    assert len(terms) > 120
    hits = 0
    for table, (columns, condition) in SEARCHED.items():
        for term in terms:
            for limit in (1, 1000):  # the first hit; every hit
                where, params = condition([term])
                indexed = tables.in_order(table, columns, where, params, limit, tables.lower([term]))
                assert indexed == tables.scan_in_order(table, columns, where, params, limit), (table, term, limit)
                hits += bool(indexed)
    assert hits > 400  # most terms are found somewhere: the comparison is not between two empty lists


def test_several_terms_are_searched_together(tables):
    for group in (["Selo3", "Official1"], ["zzzq", "artillery"], ["lo37 over", "Київ"], ["nowhere", "zzzq"]):
        for table, (columns, condition) in SEARCHED.items():
            where, params = condition(group)
            assert (tables.in_order(table, columns, where, params, 50, tables.lower(group))
                    == tables.scan_in_order(table, columns, where, params, 50))


def test_a_term_lies_inside_the_words_its_pieces_name():
    assert words.piece_conditions("selo") == [("contains(word, ?)", "selo")]
    assert words.piece_conditions("lo37 over") == [("suffix(word, ?)", "lo37"), ("starts_with(word, ?)", "over")]
    assert words.piece_conditions("a b c") == [("suffix(word, ?)", "a"), ("word = ?", "b"),
                                               ("starts_with(word, ?)", "c")]
    assert words.piece_conditions(" x") == [("starts_with(word, ?)", "x")]
    assert words.piece_conditions("   ") == []  # only spaces: every row is read


def test_a_word_in_no_row_reads_no_row(tables, monkeypatch):
    scans = []
    monkeypatch.setattr(tables, "scan_in_order", lambda *a: scans.append(a) or [])
    assert tables.in_order("web_articles", "article_id", *any_contains("text_lc", ["zzzq"]), 20, ["zzzq"]) == []
    assert not scans  # answered from the word lists alone
