"""A word index for the web app's text search: each word of a search table -> the positions of its rows.

Search is an exact, case-blind substring search (``contains`` on the lower-cased text). The index makes it
cost what the hits cost, not what the corpus costs, without changing its answers:

* A *word* is a maximal run of characters other than a space (``string_split(text, ' ')``), so any
  substring of the text that holds no space lies inside one word. A query term (lower-cased by DuckDB, as
  the text was) is split on spaces the same way into pieces; a row can contain the term only if, for each
  piece, one of its words contains that piece. A piece with a space before it in the term must start a
  word, one with a space after it must end a word, one with both must be a whole word.
* The rows meeting that for every piece of a term (or of any one of several terms) are the *candidates*;
  they are read in position order, a batch at a time, and kept only if they meet the search's own
  ``contains`` condition, so the answer is exactly what a scan of every row would give.

Only the space splits words because splitting on one fixed character is what DuckDB does fast; which
characters split words does not change any answer, only how many candidates a query with punctuation in
it gets. The word lists are built when the server starts, from the same rows (and the same lower-cased
columns) that the search reads. The words themselves stay in DuckDB (``web_vocab``, one vocabulary for
the three tables: a piece is matched against them once per search, with the same string functions), their
positions leave it as one numpy array per table, so that cutting, merging and intersecting lists costs no
query.
"""

from __future__ import annotations

import duckdb
import numpy as np

# table -> the SQL expression of its lower-cased searched text (every column the search's condition reads)
INDEXED = {
    "web_articles": "text_lc",
    "web_events": "evidence_lc || ' ' || place_lc",
    "web_claim_text": "text_lc",
}
NOTHING = np.zeros(0, dtype=np.int32)


class Postings:
    """One table's word lists: the positions of word ``i``'s rows, sorted and each once, are
    ``positions[starts[i]:starts[i + 1]]``."""

    def __init__(self, positions: np.ndarray, counts: np.ndarray) -> None:
        self.positions = positions
        self.starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)

    def count(self, word_ids: list[int]) -> int:
        """How many (row, word) pairs the words list."""
        ids = np.asarray(word_ids, dtype=np.int64)
        return int((self.starts[ids + 1] - self.starts[ids]).sum()) if len(ids) else 0

    def rows(self, word_ids: list[int], first: int | None = None) -> np.ndarray:
        """The sorted positions of the rows holding any of the words (only the first ``first``)."""
        if not word_ids:
            return NOTHING
        lists = [self.positions[self.starts[w]:self.starts[w + 1] if first is None
                                else min(self.starts[w + 1], self.starts[w] + first)] for w in word_ids]
        merged = lists[0] if len(lists) == 1 else np.unique(np.concatenate(lists))
        return merged[:first] if first is not None else merged


def build(con: duckdb.DuckDBPyConnection) -> dict[str, Postings]:
    """``web_vocab`` (word_id, word): the words of all searched tables, in the database, and each table's
    word lists by word id (one vocabulary, so that a search matches its pieces against words once)."""
    for table, text in INDEXED.items():
        con.execute(f"""
            CREATE OR REPLACE TABLE {table}_words AS
            SELECT word, list(pos ORDER BY pos) AS posts
            FROM (SELECT pos::INTEGER AS pos, unnest(string_split({text}, ' ')) AS word FROM {table})
            WHERE word <> '' GROUP BY word""")
    con.execute("CREATE OR REPLACE TABLE web_vocab AS SELECT (row_number() OVER (ORDER BY word) - 1)::INTEGER "
                "AS word_id, word FROM (" + " UNION ".join(f"SELECT word FROM {t}_words" for t in INDEXED)
                + ") ORDER BY word_id")
    n_words = con.execute("SELECT count(*) FROM web_vocab").fetchone()[0]
    out = {}
    for table in INDEXED:
        found = con.execute(f"SELECT word_id, unnest(posts) AS pos FROM (SELECT word_id, posts FROM web_vocab "
                            f"JOIN {table}_words USING (word) ORDER BY word_id)").fetchnumpy()
        con.execute(f"DROP TABLE {table}_words")
        word, positions = found["word_id"].astype(np.int32), found["pos"].astype(np.int32)
        if not np.all((np.diff(word) > 0) | ((np.diff(word) == 0) & (np.diff(positions) >= 0))):
            order = np.lexsort((positions, word))  # DuckDB did not keep the order asked for: sort here
            word, positions = word[order], positions[order]
        # A row that holds a word twice is listed twice: dropping the repeats here (they are next to each
        # other in a sorted list) is quicker than asking DuckDB for distinct pairs.
        keep = np.ones(len(positions), dtype=bool)
        keep[1:] = (positions[1:] != positions[:-1]) | (word[1:] != word[:-1])
        out[table] = Postings(positions[keep], np.bincount(word[keep], minlength=n_words))
    return out


def piece_conditions(term_lc: str) -> list[tuple[str, str]]:
    """For a lower-cased term, one (SQL condition on ``word``, piece) per space-free piece of it."""
    parts = term_lc.split(" ")
    out = []
    for i, piece in enumerate(parts):
        if not piece:
            continue
        before, after = i > 0, i < len(parts) - 1  # a space before / after the piece in the term
        if before and after:
            out.append(("word = ?", piece))
        elif before:
            out.append(("starts_with(word, ?)", piece))
        elif after:
            out.append(("suffix(word, ?)", piece))
        else:
            out.append(("contains(word, ?)", piece))
    return out


class Lookup:
    """A search's candidates in one table: the sorted positions of the rows that may hold one of its terms.

    ``first(k)`` gives the first ``k`` from each term's rarest piece alone, with each matching word's list
    cut to its first ``k`` positions (the first of a union are among the first of each list), so a common
    word costs no more than a rare one. ``rest(after)`` gives the rest: the rarest piece's rows intersected
    with those of up to two other pieces that are not much commoner (intersecting with a common word's 100k
    positions costs more than checking the rows it would rule out).
    """

    def __init__(self, postings: Postings, pieces: list[list[tuple[list[int], int]]]) -> None:
        self.postings = postings
        # per term, its pieces as (matching word ids, how many rows they list), rarest first
        self.terms = [sorted(p, key=lambda wn: wn[1]) for p in pieces]

    def first(self, k: int) -> np.ndarray:
        found = [self.postings.rows(t[0][0], first=k) for t in self.terms]
        return _union(found)[:k]

    def rest(self, after: int) -> np.ndarray:
        found = []
        for t in self.terms:
            rows = self.postings.rows(t[0][0])
            for ids, n in t[1:3]:
                if n <= 16 * t[0][1]:
                    rows = np.intersect1d(rows, self.postings.rows(ids), assume_unique=True)
            found.append(rows)
        merged = _union(found)
        return merged[np.searchsorted(merged, after, side="right"):]

    def whole(self, k: int) -> bool:
        """Whether ``first(k)`` saw every word's whole list."""
        return all(self.postings.starts[w + 1] - self.postings.starts[w] <= k for t in self.terms for w in t[0][0])


def _union(arrays: list[np.ndarray]) -> np.ndarray:
    arrays = [a for a in arrays if len(a)]
    if not arrays:
        return NOTHING
    return arrays[0] if len(arrays) == 1 else np.unique(np.concatenate(arrays))


Match = list[list[list[int]]]  # per term, per piece: the ids of the words it matches


def match(cursor: duckdb.DuckDBPyConnection, terms_lc: list[str]) -> Match | None:
    """The words each piece of each term matches, in one query; None when a term has no piece (only
    spaces) and every row must be read."""
    plans = [piece_conditions(term) for term in terms_lc]
    if not all(plans):
        return None
    flat = [pc for plan in plans for pc in plan]
    found = dict(cursor.execute(" UNION ALL ".join(
        f"SELECT {i} AS i, coalesce(list(word_id), []) AS ids FROM web_vocab WHERE {cond}"
        for i, (cond, _) in enumerate(flat)), [p for _, p in flat]).fetchall())
    out, i = [], 0
    for plan in plans:
        out.append([found[k] for k in range(i, i + len(plan))])
        i += len(plan)
    return out


def lookup(postings: Postings, matched: Match) -> Lookup:
    """The candidates of a search in one table, from the words its terms' pieces match."""
    terms = []
    for pieces in matched:
        sized = [(ids, int(postings.count(ids))) for ids in pieces]
        if all(n for _, n in sized):  # else a piece is in none of this table's words, and the term in no row
            terms.append(sized)
    return Lookup(postings, terms)
