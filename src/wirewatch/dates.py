"""Dates: temporal expressions resolved against the publication date.

``resolve`` turns one expression into (value, precision): value is the ISO
date of the first day of the period. ``find_dates`` finds the expressions in a
parsed document. Durations ("for three days") and ages are not dates.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from wirewatch.models import DateMention, Span

MONTHS = {name: i for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3}

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = r"(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)"
_PART = r"(?:(?:early|late|mid|earlier|later)(?:\s+on)?[\s-]+)?"
_PREP = r"(?:(?:on|since|from|until|by|before|after|in|of|during)\s+)?"

PATTERNS = [
    ("iso", rf"\b\d{{4}}-\d{{2}}-\d{{2}}\b"),
    ("mdy", rf"\b{_PREP}{_PART}{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"),
    ("dmy", rf"\b{_PREP}(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}(?:,?\s+\d{{4}})?\b"),
    ("my", rf"\b{_PREP}{_PART}{_MONTH}\s+\d{{4}}\b"),
    ("month", rf"\b{_PREP}{_PART}(?:january|february|march|april|june|july|august|september|october|"
              rf"november|december)\b"),
    ("weekday", rf"\b{_PREP}{_PART}{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?\b"),
    ("relday", r"\b(?:the day before yesterday|yesterday|today|tonight|tomorrow|overnight|last night|"
               r"this (?:morning|afternoon|evening))\b"),
    ("ago", rf"\b{_NUM}\s+(?:day|week|month|year)s?\s+ago\b"),
    ("rel", r"\b(?:(?:earlier|later)\s+this|this|last|next|past)\s+(?:week|month|year)\b"),
    ("year", r"\b(?:in|since|by|during|of)\s+(?:19|20)\d{2}\b"),
]
_FINDER = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in PATTERNS), re.IGNORECASE)
_DURATION_BEFORE = re.compile(r"\b(?:for|over|within|lasting|about|almost|nearly)\s+$", re.IGNORECASE)


def resolve(expression: str, published: dt.date | None, *, future: bool = False) -> tuple[str, str] | None:
    """(ISO start date, precision) of one expression, or None when it cannot be resolved."""
    text = " ".join(expression.lower().replace(",", " ").split())
    text = re.sub(r"^(?:on|since|from|until|by|before|after|in|of|during)\s+", "", text)
    text = re.sub(r"^(?:early|late|mid|earlier|later)(?:\s+on)?[\s-]+", "", text)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return _day(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(\d{{4}}))?", text)
    if m:
        return _month_day(MONTHS[m[1].rstrip(".")], int(m[2]), m[3], published, future)
    m = re.fullmatch(rf"(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({_MONTH})(?:\s+(\d{{4}}))?", text)
    if m:
        return _month_day(MONTHS[m[2].rstrip(".")], int(m[1]), m[3], published, future)
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{4}})", text)
    if m:
        return dt.date(int(m[2]), MONTHS[m[1].rstrip(".")], 1).isoformat(), "month"
    m = re.fullmatch(rf"({_MONTH})", text)
    if m and published:
        month = MONTHS[m[1].rstrip(".")]
        year = published.year - (month > published.month and not future)
        return dt.date(year, month, 1).isoformat(), "month"
    m = re.fullmatch(rf"({_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?", text)
    if m and published:
        return _weekday(WEEKDAYS[m[1]], published, future).isoformat(), "day"
    if re.fullmatch(r"(?:19|20)\d{2}", text):
        return f"{text}-01-01", "year"
    if published is None:
        return None
    offsets = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
               "overnight": -1, "last night": -1, "this morning": 0, "this afternoon": 0, "this evening": 0}
    if text in offsets:
        return (published + dt.timedelta(days=offsets[text])).isoformat(), "day"
    m = re.fullmatch(rf"({_NUM})\s+(day|week|month|year)s?\s+ago", text)
    if m:
        n = int(m[1]) if m[1].isdigit() else NUMBERS[m[1]]
        return _shift(published, m[2], -n)
    m = re.fullmatch(r"(?:(earlier|later)\s+)?(this|last|next|past)\s+(week|month|year)", text)
    if m:
        step = {"this": 0, "last": -1, "past": -1, "next": 1}[m[2]]
        return _shift(published, m[3], step)
    return None


def _day(year: int, month: int, day: int) -> tuple[str, str] | None:
    try:
        return dt.date(year, month, day).isoformat(), "day"
    except ValueError:
        return None


def _month_day(month: int, day: int, year: str | None, published: dt.date | None,
               future: bool) -> tuple[str, str] | None:
    if year:
        return _day(int(year), month, day)
    if published is None:
        return None
    # The nearest year that does not put the date in the publication's future (unless future tense).
    for candidate in ((published.year, published.year + 1) if future else (published.year, published.year - 1)):
        try:
            value = dt.date(candidate, month, day)
        except ValueError:
            continue
        if (value >= published) if future else (value <= published):
            return value.isoformat(), "day"
    return None


def _weekday(weekday: int, published: dt.date, future: bool) -> dt.date:
    if future:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def _shift(published: dt.date, unit: str, n: int) -> tuple[str, str]:
    if unit == "day":
        return (published + dt.timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=n)
        return monday.isoformat(), "week"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + n
        return dt.date(index // 12, index % 12 + 1, 1).isoformat(), "month"
    return dt.date(published.year + n, 1, 1).isoformat(), "year"


def _is_future(doc: Doc, start: int) -> bool:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    sent = span.sent
    return any(t.lower_ in ("will", "shall") or t.tag_ == "MD" and t.lower_ == "'ll"
               for t in sent if t.i < span.start) and not any(t.tag_ in ("VBD", "VBN") for t in sent)


def find_dates(doc: Doc, published: dt.date | None) -> list[DateMention]:
    """Every date or period mentioned in ``doc``, resolved against ``published``."""
    text = doc.text
    found: list[DateMention] = []
    for m in _FINDER.finditer(text):
        start, end = m.span()
        if m.lastgroup == "ago" and _DURATION_BEFORE.search(text[max(0, start - 20):start]):
            continue
        expression = m.group(0)
        value = resolve(expression, published, future=_is_future(doc, start) if doc.has_annotation("DEP") else False)
        if value is None and m.lastgroup not in ("mdy", "dmy", "iso"):
            continue
        found.append(DateMention(Span.of(text, start, end), *(value or (None, None))))
    return found
