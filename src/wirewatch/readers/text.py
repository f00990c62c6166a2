"""Plain text: the whole file is the document; a ``date YYYY-MM-DD`` first line or a dateline gives the date."""

from __future__ import annotations

import datetime as dt
import re

from wirewatch.models import Article

# "date 2022-05-12 " then the body on the same line, or "date 2022-05-12 source: Outlet\n"
_DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}-\d{2})(?:[ \t]+source:[ \t]*([^\n]*?)[ \t]*(?:\n|\Z)|[ \t]*\n?|[ \t]+)")
_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
     ("nov", "november"), ("dec", "december")], start=1) for m in names}
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# "May 14 (UPI) --", "KHARKIV, Ukraine, May 14 (Reuters) -", "Feb. 24, 2022 (AP) —", "14 May 2022 –"
_DATELINE = re.compile(
    r"(?:^|\n)[^\n]{0,60}?\b(?:" + _MONTH + r"\s+(\d{1,2})(?:,?\s+(\d{4}))?|(\d{1,2})\s+" + _MONTH
    + r"(?:\s+(\d{4}))?)\s*(?:\([^)\n]{1,40}\)\s*)?(?:--|-|\u2013|\u2014)\s", re.IGNORECASE)
_YEAR = re.compile(r"\b(199\d|20\d\d)\b")


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
    if published is None:
        published = _dateline(text[:800], text, default_year)
    return Article(id=doc_id, text=text, published=published, title=_title(text[body_start:]),
                   source=source, source_path=source_path, body_start=body_start)


def _dateline(head: str, text: str, default_year: int | None) -> dt.date | None:
    m = _DATELINE.search(head)
    if not m:
        return None
    month_name, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
    if year is None:
        found = _YEAR.search(text)
        year = found.group(1) if found else default_year
    if year is None:
        return None
    try:
        return dt.date(int(year), _MONTHS[month_name.lower().rstrip(".")], int(day))
    except (ValueError, KeyError):
        return None


def _title(body: str) -> str | None:
    """The first body line, when it reads like a headline (short, no closing punctuation)."""
    from wirewatch.clean import find_boilerplate

    furniture = {b.span.text for b in find_boilerplate(body[:2000])}
    for line in body[:2000].splitlines():
        line = line.strip()
        if line and line not in furniture:
            return line if len(line) <= 150 and line[-1] not in ".!?\"”" else None
    return None
