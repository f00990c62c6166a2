"""Plain text: the whole file is the document; a ``date YYYY-MM-DD`` first line or a dateline gives the date.

A dateline without a year ("May 14 (UPI) --") takes ``default_year``: a year elsewhere in the text
("since 2014") says nothing about when the story was filed.
"""

from __future__ import annotations

import datetime as dt
import re

from wirewatch.dates import first_dateline
from wirewatch.models import Article

# "date 2022-05-12 " then the body on the same line, or "date 2022-05-12 source: Outlet\n"
_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?:[ \t]+source:[ \t]*([^\n]*?)[ \t]*(?:\n|\Z)|[ \t]*\n?|[ \t]+)")


def read_text(text: str, doc_id: str, source_path: str | None, default_year: int | None) -> Article:
    published: dt.date | None = None
    source = None
    body_start = 0
    m = _DATE_LINE.match(text)
    if m:
        try:
            published = dt.date.fromisoformat(m.group(1))
            source = m.group(2) or None
            body_start = m.end()
        except ValueError:
            pass
    if published is None:  # "May 14 (UPI) --": the dateline's year, else the given year, never "since 2014"
        dateline = first_dateline(text)
        published = dateline.date(default_year) if dateline else None
    return Article(id=doc_id, text=text, published=published, title=_title(text[body_start:]),
                   source=source, source_path=source_path, body_start=body_start)


def _title(body: str) -> str | None:
    """The first body line, when it reads like a headline (short, no closing punctuation)."""
    from wirewatch.clean import find_boilerplate

    furniture = {b.span.text for b in find_boilerplate(body[:2000])}
    for line in body[:2000].splitlines():
        line = line.strip()
        if line and line not in furniture:
            return line if len(line) <= 150 and line[-1] not in ".!?\"”" else None
    return None
