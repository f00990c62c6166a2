"""The limits that keep one hostile or unlucky input from stopping a run (documented in the README).

Each is enforced while reading or processing, and a document over a limit fails alone with one
error line. Each can be changed with an environment variable, read when wirewatch starts (worker
processes inherit it).
"""

from __future__ import annotations

import datetime as dt
import os


def _number(name: str, default: float) -> float:
    value = os.environ.get(name)
    try:
        return float(value) if value else default
    except ValueError:
        return default


MB = 1024 * 1024
# Bytes of one document after decompression (a text or HTML file, a JSON line, a WARC record, a feed).
MAX_DOCUMENT_BYTES = int(_number("WIREWATCH_MAX_DOCUMENT_MB", 50) * MB)
# Bytes one URL may send (after Content-Encoding), and seconds a whole fetch may take.
MAX_FETCH_BYTES = int(_number("WIREWATCH_MAX_FETCH_MB", 50) * MB)
FETCH_DEADLINE_S = _number("WIREWATCH_FETCH_DEADLINE_S", 60)
# Characters of one document the per-document stage takes (a long feature is about 50,000); a document
# longer than 100,000 characters is processed in pieces (pieces.py), so memory stays that of one piece.
MAX_DOCUMENT_CHARS = int(_number("WIREWATCH_MAX_DOCUMENT_CHARS", 1_000_000))
# Seconds the per-document stage may spend on one document (or one piece of a long one) before it fails alone.
DOCUMENT_DEADLINE_S = _number("WIREWATCH_DOCUMENT_DEADLINE_S", 120)
# Characters of one sentence the NLP stages see; a longer run of text without a full stop (a table
# flattened to one line, a list of names) is split into pieces this long.
MAX_SENTENCE_CHARS = int(_number("WIREWATCH_MAX_SENTENCE_CHARS", 2000))
# Publication and event dates outside this range are not news about a current conflict: a document
# claiming one fails at read time, and a resolved date outside it is dropped.
EARLIEST_DATE, LATEST_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
# Fetching from loopback, private or link-local addresses (also through a redirect) is refused unless
# this is set to 1: a feed must not be able to make wirewatch read the local network.
ALLOW_PRIVATE_FETCH = os.environ.get("WIREWATCH_ALLOW_PRIVATE_FETCH", "") == "1"
