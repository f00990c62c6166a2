"""The search index (web/index.py, on tantivy) finds a term in exactly the rows where its words stand next to
each other, in order, in one of the searched columns: whole words, phrases, any case, letters beyond ASCII,
punctuation between words, words found nowhere; in page order, for the first hit, a page, or every hit."""

from __future__ import annotations

import random
import re

import duckdb
import pytest

from wirewatch.devtools.corpus_bench import synthetic
from wirewatch.web.index import SEARCHED, SearchIndex, words

EXTRA = " Київ, ХАРКІВ; Straße «Izium» 20-km Selo12 reached_the line"  # beyond ASCII, punctuation, case


@pytest.fixture(scope="module")
def rows() -> dict[str, list[tuple[str, ...]]]:
    """Each searched table's rows (in page order): lower-cased texts of the synthetic corpus's articles."""
    texts = [r[9] + (EXTRA if r[0] % 7 == 0 else "") for r in synthetic(300, seed=5)["articles"]]
    rng = random.Random(3)
    return {table: [tuple(rng.choice(texts).lower() if rng.random() < 0.9 else "" for _ in columns)
                    for _ in range(len(texts))] for table, columns in SEARCHED.items()}


@pytest.fixture(scope="module")
def joined(rows) -> dict[str, list[tuple[str, ...]]]:
    """Each row's columns as their words, space-separated and space-framed (what ``scan`` looks in)."""
    return {table: [tuple(" " + " ".join(words(text)) + " " for text in texts) for texts in table_rows]
            for table, table_rows in rows.items()}


@pytest.fixture(scope="module")
def index(rows, tmp_path_factory) -> SearchIndex:
    con = duckdb.connect(":memory:")
    for table, columns in SEARCHED.items():
        con.execute(f"CREATE TABLE {table} (pos INTEGER, {', '.join(f'{c} VARCHAR' for c in columns)})")
        con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * (len(columns) + 1))})",
                        [[pos, *texts] for pos, texts in enumerate(rows[table])])
    SearchIndex.build(con, tmp_path_factory.mktemp("index"))
    return SearchIndex.build(con, None)  # and in memory (for a folder that cannot be written)


def scan(rows: list[tuple[str, ...]], columns: list[int], terms: list[str], first: int | None) -> list[int]:
    """The reference: every row in which a term's words stand together, in order, in one of the columns
    (``rows`` as ``joined`` gives them)."""
    wanted = [" " + " ".join(words(t)) + " " for t in terms if words(t)]
    found = [pos for pos, texts in enumerate(rows) if any(w in texts[c] for c in columns for w in wanted)]
    return found[:first] if first is not None else found


def _terms(rows) -> list[str]:
    rng = random.Random(7)
    out = ["artillery", "ARTILLERY", "Selo3", "Selo1", "Petrenko said", "said. Selo3", "nothing-like-this",
           "zzzq", "Київ", "харків", "ХАРКІВ;", "straße", "«izium»", "20-km", "20 km", "km", " Selo1 ", "e a",
           ", killing 24 people,", "Selo99999", "\n", ".\n", "reached", "reached_the", "the line", "a" * 41]
    for texts in rng.sample(rows["web_articles"], 25):
        split = re.findall(r"\S+", texts[0])
        if len(split) > 4:
            i = rng.randrange(len(split) - 3)
            out += [split[i], " ".join(split[i:i + 2]), " ".join(split[i:i + 3]).upper(), split[i][1:-1] or "x"]
    return out


def test_the_index_finds_exactly_the_rows_whose_words_hold_the_term(index, rows, joined):
    terms = _terms(rows)
    assert len(terms) > 100
    hits = 0
    for table, columns in SEARCHED.items():
        for term in terms:
            for first in (1, 1000, None):  # the first hit; a page; every hit
                found = index.rows(table, columns, [term], first).tolist()
                assert found == scan(joined[table], list(range(len(columns))), [term], first), (table, term, first)
                hits += bool(found)
            assert index.count(table, columns, [term]) == len(scan(joined[table], list(range(len(columns))),
                                                                   [term], None))
    assert hits > 300  # most terms are found somewhere: the comparison is not between two empty lists


def test_one_column_and_several_terms_together(index, joined):
    for group in (["Selo3", "Official1"], ["zzzq", "artillery"], ["killing 24", "Київ"], ["nowhere", "zzzq"]):
        for table, columns in SEARCHED.items():
            assert index.rows(table, columns, group, 50).tolist() == scan(joined[table], list(range(len(columns))),
                                                                          group, 50)
            assert index.rows(table, columns[:1], group).tolist() == scan(joined[table], [0], group, None)


def test_a_place_name_is_not_found_inside_a_longer_one(index):
    selo1 = set(index.rows("web_articles", ("text_lc",), ["Selo1"]).tolist())
    selo12 = set(index.rows("web_articles", ("text_lc",), ["Selo12"]).tolist())
    assert selo12 - selo1  # articles naming Selo12 only are not hits for Selo1


def test_the_vocabulary_holds_every_word_and_only_words(index, rows):
    every = {w for table in rows.values() for texts in table for text in texts for w in words(text)}
    assert set(index.vocabulary) == every and index.vocabulary == sorted(index.vocabulary)
    assert index.found("Selo3 artillery") and not index.found("Selo3 zzzq")
    assert index.uses("artillery") > index.uses("київ") > 0
