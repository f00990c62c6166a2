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

Only the space splits words because splitting on one fixed character is what DuckDB does fast (the
build over 126k articles takes about a second); which characters split words does not change any answer,
only how many candidates a query with punctuation in it gets. The word lists are built when the server
starts, from the same rows (and the same lower-cased columns) that the search reads.
"""

from __future__ import annotations

import duckdb

# table -> the SQL expression of its lower-cased searched text (every column the search's condition reads)
INDEXED = {
    "web_articles": "text_lc",
    "web_events": "evidence_lc || ' ' || place_lc",
    "web_claim_text": "text_lc",
}


def build(con: duckdb.DuckDBPyConnection) -> None:
    """``<table>_words`` for each searched table: each word with the positions of the rows that hold it (a
    row once for each time it holds the word: dropping the repeats here cost more time than the memory
    they take, and candidates are made distinct when read)."""
    for table, text in INDEXED.items():
        con.execute(f"""
            CREATE OR REPLACE TABLE {table}_words AS
            SELECT word, list(pos::INTEGER ORDER BY pos) AS posts, count(*) AS n
            FROM (SELECT pos, unnest(string_split({text}, ' ')) AS word FROM {table})
            WHERE word <> '' GROUP BY word""")


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


def candidates_sql(cursor: duckdb.DuckDBPyConnection, table: str, terms_lc: list[str], first: int | None = None
                   ) -> tuple[str, list[str]] | None:
    """SQL for the sorted positions of ``table``'s rows that may contain one of the terms, after the position
    given as its last parameter (which the caller appends); None when a term has no piece (only spaces) and
    every row must be read.

    A term's rarest piece names its candidates; other pieces join in (INTERSECT) only when they are about
    as rare: intersecting with a common word's 100k positions costs more than checking a few more rows.
    With ``first``, only the first ``first`` candidates are asked for; when each term is looked up by one
    piece, each word's sorted list is then cut to its first ``first`` positions (the first of a union
    are among the first of each list), so a common word costs no more than a rare one.
    """
    plans = [piece_conditions(term) for term in terms_lc]
    if not all(plans):
        return None
    flat = [pc for plan in plans for pc in plan]
    sizes = cursor.execute(" UNION ALL ".join(
        f"SELECT {i} AS i, coalesce(sum(n), 0) AS n FROM {table}_words WHERE {cond}"
        for i, (cond, _) in enumerate(flat)), [p for _, p in flat]).fetchall()
    size = dict(sizes)
    selects, params, i = [], [], 0
    for plan in plans:
        ranked = sorted(range(i, i + len(plan)), key=lambda k: size[k])
        if size[ranked[0]] == 0:  # a piece in no word: the term is in no row
            i += len(plan)
            continue
        chosen = [k for k in ranked if size[k] <= 4 * size[ranked[0]]][:3]
        selects.append(chosen)
        params += [flat[k][1] for k in chosen]
        i += len(plan)
    if not selects:
        return "SELECT NULL::INTEGER AS pos WHERE FALSE AND ? IS NULL", []
    posts = f"posts[1:{int(first)}]" if first and all(len(c) == 1 for c in selects) else "posts"
    union = " UNION ".join("(" + " INTERSECT ".join(
        f"SELECT unnest({posts}) AS pos FROM {table}_words WHERE {flat[k][0]}" for k in chosen) + ")"
        for chosen in selects)
    limit = f" LIMIT {int(first)}" if first else ""
    return f"SELECT DISTINCT pos FROM ({union}) WHERE pos > ? ORDER BY pos{limit}", params
