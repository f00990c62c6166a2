"""The word index (web/words.py) changes what a search costs, never what it finds: for every kind of term
(whole words, pieces from inside a word, pieces that cross a space, several words, any case, punctuation,
words found nowhere) the indexed search returns exactly the rows a scan of every row returns, in order."""

from __future__ import annotations

import random
import re

import pytest

from wirewatch.corpus import run_corpus_stage
from wirewatch.devtools.corpus_bench import load, synthetic
from wirewatch.store import Store
from wirewatch.web import words
from wirewatch.web.tables import SEARCHED, Tables, connect


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    path = tmp_path_factory.mktemp("index") / "syn.duckdb"
    with Store(path) as store:
        load(store, synthetic(300, seed=5))
        store.con.execute("UPDATE articles SET text = text || ' Київ, ХАРКІВ; Straße «Izium» 20-km' "
                          "WHERE article_id % 7 = 0")  # letters beyond ASCII, punctuation, mixed case
        run_corpus_stage(store, aliases={})
    return Tables.build(connect(str(path)))


def _terms(tables: Tables) -> list[str]:
    """Terms from the store's own text: whole words, their inner pieces, a word's end and the next word's
    start across a space, two and three words, upper case; and terms found nowhere."""
    rng = random.Random(7)
    texts = [r[0] for r in tables.con.execute(
        "SELECT text FROM articles ORDER BY article_id LIMIT 20").fetchall()]
    out = ["artillery", "ARTILLERY", "Selo3", "elo3", "lo37 over", "Petrenko said", "said. Selo",
           "nothing-like-this", "zzzq", "Київ", "харків", "ХАРКІВ;", "straße", "«izium»", "20-km", "km",
           " Selo1", "Selo1 ", "  Selo1", "e a", "s s", ". ", "a", ", killing 2 people,", "Selo99999",
           "\n", ".\n", "\tx"]
    for text in texts:
        spans = [m.span() for m in re.finditer(r"\S+", text)]
        i = rng.randrange(len(spans) - 3)
        a, b = spans[i]
        out += [text[a:b], text[a + 1:b - 1] or text[a:b], text[rng.randrange(a, b):spans[i + 1][0] + 2],
                text[a:spans[i + 1][1]], text[a:spans[i + 2][1]].upper(), text[spans[i][1] - 2:spans[i + 2][0] + 1]]
        if "\n" in text:  # across a line break, which splits words as a space does
            at = text.index("\n")
            out += [text[at - 4:at + 4], text[at:at + 3], text[at - 2:at + 1]]
    return [t for t in out if t]


def test_indexed_search_finds_exactly_what_a_scan_finds(tables):
    terms = _terms(tables)
    assert len(terms) > 120
    hits = 0
    for table, columns in SEARCHED.items():
        for term in terms:
            for first in (1, 1000, None):  # the first hit; a page; every hit
                indexed = tables.rows_with(table, columns, [term], first)
                assert indexed.tolist() == tables.scan_rows_with(table, columns, [term], first).tolist(), \
                    (table, term, first)
                hits += bool(len(indexed))
    assert hits > 600  # most terms are found somewhere: the comparison is not between two empty lists


def test_several_terms_are_searched_together(tables):
    for group in (["Selo3", "Official1"], ["zzzq", "artillery"], ["lo37 over", "Київ"], ["nowhere", "zzzq"]):
        for table, columns in SEARCHED.items():
            assert (tables.rows_with(table, columns, group, 50).tolist()
                    == tables.scan_rows_with(table, columns, group, 50).tolist())


def test_a_term_lies_inside_the_words_its_pieces_name():
    vocabulary = words.Vocabulary(["over", "overt", "selo", "selo37", "vselo", "x", "a", "b", "lo37", "ab"])
    named = lambda found: [(k, sorted(vocabulary.words[i] for i in ids)) for k, ids in found]  # noqa: E731
    assert named(vocabulary.match("selo")) == [(0, ["selo", "selo37", "vselo"])]
    assert named(vocabulary.match("lo37 over")) == [(0, ["lo37", "selo37"]), (1, ["over", "overt"])]
    assert named(vocabulary.match("a b c")) == [(0, ["a"]), (1, ["b"]), (2, [])]  # no word starts with c
    assert named(vocabulary.match(" x")) == [(1, ["x"])]
    assert named(vocabulary.match("x\n\nb")) == [(0, ["x"]), (2, ["b"])]  # a line break splits like a space
    assert vocabulary.match("   ") is None  # only spaces: every row is read


def test_position_signatures_rule_out_rows_where_the_pieces_are_apart(tables, monkeypatch):
    checked = []
    check = tables._check
    monkeypatch.setattr(tables, "_check", lambda table, conditions, rows, first:
                        checked.append(len(rows)) or check(table, conditions, rows, first))
    # "killing" and "people" are both in most articles, but "people killing" in none
    apart = tables.rows_with("web_articles", ("text_lc",), ["people killing"])
    both = set(tables.rows_with("web_articles", ("text_lc",), ["people"]).tolist()) & set(
        tables.rows_with("web_articles", ("text_lc",), ["killing"]).tolist())
    assert len(apart) == 0 and len(both) > 100 and sum(checked) < len(both) / 5  # most never read


def test_a_word_in_no_row_reads_no_row(tables, monkeypatch):
    scans = []
    monkeypatch.setattr(tables, "scan_rows_with", lambda *a: scans.append(a) or [])
    monkeypatch.setattr(tables, "_check", lambda *a: scans.append(a) or [])
    assert len(tables.rows_with("web_articles", ("text_lc",), ["zzzq", "zzzq artillery"], 20)) == 0
    assert not scans  # answered from the word lists alone
