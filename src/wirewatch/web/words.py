"""A word index for the web app's text filters and search: each word of a searched column -> its rows.

Search is an exact, case-blind substring search (``contains`` on DuckDB's lower-cased text). The index makes
it cost what the hits cost, not what the corpus costs, without changing its answers:

* A *word* is a maximal run of characters other than a space, a line break or a tab (``BREAKS``), so a
  substring of the text that holds none of them lies inside one word. A query term (lower-cased as the text
  was) is split the same way into pieces; a row can contain the term only if, for each piece, one of its
  words contains that piece. A piece with a break before it in the term must start a word, one with a
  break after it must end a word, one with both must be a whole word.
* A term with no break is in exactly the rows of the words containing it, so their lists are its answer.
  A term of several pieces is in some of the rows its pieces' lists share; those *candidates* are checked
  with the column's own ``contains`` (tables.py), so the answer is always what a scan of every row gives.

Which characters split words does not change any answer, only how many words a piece matches and how many
candidates a term of several pieces gets; these few are turned into spaces and split on, which DuckDB does
fast.
The lists are built when the server starts, from the lower-cased columns the filters read. The vocabulary
(one for every column) is kept in Python, sorted both ways and joined into one string, so that matching a
piece against it is a bisection or a string search, with no query.
"""

from __future__ import annotations

from bisect import bisect_left

import duckdb
import numpy as np

NOTHING = np.zeros(0, dtype=np.int32)
BREAKS = "\n\r\t"  # split words like a space does (else a paragraph's last word and the next one are one word)
AS_SPACES = str.maketrans(BREAKS, " " * len(BREAKS))
SEPARATOR = "\x00"  # between the words of the joined vocabulary; no piece holding it is searched there


def has_break(term: str) -> bool:
    return any(c in term for c in " " + BREAKS)


class Postings:
    """One column's word lists: the positions of word ``i``'s rows, sorted and each once, are
    ``positions[starts[i]:starts[i + 1]]``. Beside each, a signature of where the word stands in that row:
    bit ``k`` is set when it is the row's word number ``k`` modulo 64. Two pieces of a term that stand next
    to each other must do so in the text too, which the signatures rule out for most rows that merely
    hold both pieces (the rest are checked against the text)."""

    def __init__(self, positions: np.ndarray, signatures: np.ndarray, starts: np.ndarray) -> None:
        self.positions, self.signatures, self.starts = positions, signatures, starts

    def count(self, word_ids: list[int]) -> int:
        """How many (row, word) pairs the words list."""
        ids = np.asarray(word_ids, dtype=np.int64)
        return int((self.starts[ids + 1] - self.starts[ids]).sum()) if len(ids) else 0

    def _entries(self, word_ids: list[int], first: int | None = None) -> np.ndarray:
        """Where the words' lists (only the first ``first`` of each) lie, gathered at once: the index of each
        element is its list's start plus its rank in it."""
        ids = np.asarray(word_ids, dtype=np.int64)
        starts, lengths = self.starts[ids], self.starts[ids + 1] - self.starts[ids]
        if first is not None:
            lengths = np.minimum(lengths, first)
        ends = np.cumsum(lengths)
        return np.arange(ends[-1] if len(ends) else 0) + np.repeat(starts - (ends - lengths), lengths)

    def _list(self, word: int) -> tuple[int, int]:
        """Where one word's list lies."""
        return int(self.starts[word]), int(self.starts[word + 1])

    def rows(self, word_ids: list[int], first: int | None = None) -> np.ndarray:
        """The sorted positions of the rows holding any of the words (only the first ``first``)."""
        if len(word_ids) == 1:
            start, end = self._list(word_ids[0])
            return self.positions[start:end if first is None else min(end, start + first)]
        merged = np.unique(self.positions[self._entries(word_ids, first)])  # the first of a union are among
        return merged[:first] if first is not None else merged  # the first of each list

    def rows_and_signatures(self, word_ids: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """The sorted rows holding any of the words, and where they stand in each (the OR of signatures)."""
        if len(word_ids) == 1:
            start, end = self._list(word_ids[0])
            return self.positions[start:end], np.array(self.signatures[start:end])
        entries = self._entries(word_ids)
        rows, inverse = np.unique(self.positions[entries], return_inverse=True)
        signatures = np.zeros(len(rows), dtype=np.uint64)
        np.bitwise_or.at(signatures, inverse, self.signatures[entries])
        return rows, signatures

    def signatures_in(self, word_ids: list[int], rows: np.ndarray) -> np.ndarray:
        """For sorted ``rows``, where any of the words stands in each (the OR of their signatures; 0: absent)."""
        if len(word_ids) <= 8:  # few lists: look each row up in each (a common word's list is long)
            out = np.zeros(len(rows), dtype=np.uint64)
            for w in word_ids:
                start, end = self._list(w)
                at = start + np.searchsorted(self.positions[start:end], rows)
                found = at < end
                found[found] = self.positions[at[found]] == rows[found]
                out[found] |= self.signatures[at[found]]
            return out
        entries = self._entries(word_ids)  # many lists: gather them all and look each element up in the rows
        positions = self.positions[entries]
        at = np.minimum(np.searchsorted(rows, positions), max(len(rows) - 1, 0))
        found = (rows[at] == positions) if len(rows) else np.zeros(0, dtype=bool)
        out = np.zeros(len(rows), dtype=np.uint64)
        np.bitwise_or.at(out, at[found], self.signatures[entries[found]])
        return out


def _rotated(signatures: np.ndarray, k: int) -> np.ndarray:
    """Signatures moved back by ``k`` words (modulo 64): a piece ``k`` words into the term lines up with
    the term's start."""
    k %= 64
    if k == 0:
        return signatures
    return (signatures >> np.uint64(k)) | (signatures << np.uint64(64 - k))


class Vocabulary:
    """Every word of the indexed columns, with the ids the word lists use, matched by piece in Python."""

    def __init__(self, words: list[str], by_start: list[int] | None = None, by_end: list[int] | None = None) -> None:
        self.words = words
        self.ids = {w: i for i, w in enumerate(words)}
        # ids in the order of the words, and of the words read backwards (given when they were saved)
        self.by_start = by_start if by_start is not None else sorted(range(len(words)), key=words.__getitem__)
        self.sorted = [words[i] for i in self.by_start]
        self.by_end = by_end if by_end is not None else sorted(range(len(words)), key=lambda i: words[i][::-1])
        self.reversed = [words[i][::-1] for i in self.by_end]
        self.joined = SEPARATOR.join(words)
        self.offsets = np.cumsum([0] + [len(w) + 1 for w in words])  # where each word starts in ``joined``

    def whole(self, piece: str) -> list[int]:
        return [self.ids[piece]] if piece in self.ids else []

    def starting(self, piece: str) -> list[int]:
        return self.by_start[bisect_left(self.sorted, piece):bisect_left(self.sorted, piece + "\U0010ffff")]

    def ending(self, piece: str) -> list[int]:
        back = piece[::-1]
        return self.by_end[bisect_left(self.reversed, back):bisect_left(self.reversed, back + "\U0010ffff")]

    def containing(self, piece: str) -> list[int]:
        if SEPARATOR in piece:
            return [i for i, w in enumerate(self.words) if piece in w]
        out, at = [], self.joined.find(piece)
        while at >= 0:  # one string search per word found, resumed at the next word
            word = int(np.searchsorted(self.offsets, at, side="right")) - 1
            out.append(word)
            at = self.joined.find(piece, int(self.offsets[word + 1])) if word + 1 < len(self.words) else -1
        return out

    def match(self, term_lc: str) -> list[tuple[int, list[int]]] | None:
        """Per break-free piece of a lower-cased term, how many words into the term it stands and the ids of
        the words it may lie in; None when the term is only breaks (every row must be read)."""
        parts = term_lc.translate(AS_SPACES).split(" ")
        out = []
        for i, piece in enumerate(parts):
            if not piece:
                continue
            before, after = i > 0, i < len(parts) - 1  # a break before / after the piece in the term
            find = (self.whole if before and after else self.starting if before else self.ending if after
                    else self.containing)
            out.append((i, find(piece)))
        return out or None


def build(con: duckdb.DuckDBPyConnection, columns: list[tuple[str, str]]) -> tuple[Vocabulary, dict]:
    """The vocabulary of the given (table, lower-cased column) pairs and each column's word lists, by
    "table.column". Each table has a ``pos`` column: the lists hold its values."""
    for n, (table, column) in enumerate(columns):
        # each (word, row) once, with the OR of 1 << (the word's number in the row modulo 64)
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE words_{n} AS
            SELECT word, list(pos ORDER BY pos) AS posts, list(sig ORDER BY pos) AS sigs FROM (
                SELECT word, pos, bit_or(1::UBIGINT << (i % 64)::UBIGINT) AS sig FROM (
                    SELECT pos, unnest(ws) AS word, unnest(range(len(ws))) AS i FROM (
                        SELECT pos::INTEGER AS pos, string_split(translate({column}, ?, ?), ' ') AS ws FROM {table}))
                WHERE word <> '' GROUP BY word, pos)
            GROUP BY word""", [BREAKS, " " * len(BREAKS)])
    con.execute("CREATE OR REPLACE TEMP TABLE vocab AS SELECT (row_number() OVER (ORDER BY word) - 1)::INTEGER "
                "AS word_id, word FROM (" + " UNION ".join(f"SELECT word FROM words_{n}" for n in range(len(columns)))
                + ") ORDER BY word_id")
    vocabulary = Vocabulary([w for (w,) in con.execute("SELECT word FROM vocab ORDER BY word_id").fetchall()])
    out = {}
    for n, key in enumerate(columns):
        found = con.execute(f"SELECT word_id, unnest(posts) AS pos, unnest(sigs) AS sig FROM (SELECT word_id, "
                            f"posts, sigs FROM vocab JOIN words_{n} USING (word) ORDER BY word_id)").fetchnumpy()
        con.execute(f"DROP TABLE words_{n}")
        word, positions, sigs = found["word_id"].astype(np.int32), found["pos"].astype(np.int32), found["sig"]
        if not np.all((np.diff(word) > 0) | ((np.diff(word) == 0) & (np.diff(positions) > 0))):
            order = np.lexsort((positions, word))  # DuckDB did not keep the order asked for: sort here
            word, positions, sigs = word[order], positions[order], sigs[order]
        starts = np.concatenate([[0], np.cumsum(np.bincount(word, minlength=len(vocabulary.words)))])
        out[".".join(key)] = Postings(positions, sigs.astype(np.uint64), starts.astype(np.int64))
    con.execute("DROP TABLE vocab")
    return vocabulary, out


def candidates(postings: Postings, pieces: list[tuple[int, list[int]]], first: int | None = None) -> np.ndarray:
    """The rows of one column that may hold a term whose pieces (at word ``k`` of the term) match these
    words, sorted (only the first ``first``). For a term with no break (one piece), exactly the rows
    holding it. A piece in no row: none.

    For several pieces, the rarest piece's rows are kept when every other piece stands in them the right
    number of words after it, as far as the position signatures can tell."""
    sized = sorted(((k, ids, postings.count(ids)) for k, ids in pieces), key=lambda kin: kin[2])
    if not sized or sized[0][2] == 0:
        return NOTHING
    k, ids, _ = sized[0]
    if len(sized) == 1:
        return postings.rows(ids, first=first)
    rows, lined_up = postings.rows_and_signatures(ids)
    lined_up = _rotated(lined_up, k)
    for k, ids, _ in sized[1:]:
        lined_up &= _rotated(postings.signatures_in(ids, rows), k)
        rows, lined_up = rows[lined_up != 0], lined_up[lined_up != 0]
    return rows


def union(arrays: list[np.ndarray]) -> np.ndarray:
    arrays = [a for a in arrays if len(a)]
    if not arrays:
        return NOTHING
    return arrays[0] if len(arrays) == 1 else np.unique(np.concatenate(arrays))
