"""Dates: temporal expressions resolved against the publication date.

``resolve`` turns one expression into (value, precision): value is the ISO date
of the first day of the period, precision one of day, week, month, year.
``find_dates`` finds the expressions in a parsed document.

Anchoring rules (ours; a news story is written on its publication date):

- a month and day without a year take the nearest year that does not put them
  after publication, unless the sentence speaks of the future;
- a bare weekday is the most recent such day on or before publication, or the
  next one after it in a future-tense sentence ("will meet on Friday");
- "yesterday", "overnight", "last night" are the day before publication;
  "the previous day" is the day before the last day named earlier in its sentence ("said on Friday that
  the attack took place the previous day": Thursday), else the day before publication;
  "this week", "last month", "earlier this year" are calendar periods
  (weeks start on Monday);
- a range ("May 5-8", "between Monday and Wednesday") is its first day with
  the precision that covers it;
- durations ("for three days", "over two weeks") and ages ("Bogdanov, 35") are
  not dates.

``dateparser`` (installed with trafilatura) resolves single expressions too,
but it costs ~15 ms a call, gives no precision and has no tense rule, so it is
not used for finding dates in running text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from wirewatch.limits import EARLIEST_DATE, LATEST_DATE
from wirewatch.models import DateMention, Span
from wirewatch.nlp import doc_text

MONTHS = {name: i for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")], start=1) for name in names}
WEEKDAYS = {name: i for i, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3, "few": 3}

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_ABBREVIATED = r"(?:jan|feb|mar|apr|aug|sept?|oct|nov|dec)"
_MONTHS_BUT_MAY = ("january", "february", "march", "april", "june", "july", "august", "september", "october",
                   "november", "december")
_FULL_MONTH = "(?:" + "|".join(_MONTHS_BUT_MAY) + ")"
# a month named alone is written with its capital: "in March", not "joined a march", "troops march"
_WRITTEN_MONTH = "(?-i:" + "|".join(f"{m.capitalize()}|{m.upper()}" for m in _MONTHS_BUT_MAY) + ")"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)"
_PART = r"(?:(?:early|late|mid|earlier|later)(?:\s+on)?[\s-]+)?"
_PREP = r"(?:(?:on|since|from|until|till|by|before|after|in|of|during|through|between)\s+)?"
_DAYNUM = r"\d{1,2}(?:st|nd|rd|th)?"
_TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

PATTERNS = [
    ("iso", r"\b\d{4}-\d{2}-\d{2}\b"),
    ("range_md", rf"\b{_PREP}{_MONTH}\s+{_DAYNUM}\s*(?:-|–|to|and|until)\s*(?:{_MONTH}\s+)?{_DAYNUM}(?:,?\s+\d{{4}})?\b"),
    ("range_dm", rf"\b{_PREP}{_DAYNUM}\s*(?:-|–|to|and|until)\s*{_DAYNUM}\s+{_MONTH}(?:,?\s+\d{{4}})?\b"),
    ("range_wd", rf"\b(?:between|from)\s+{_WEEKDAY}\s+(?:and|to|until|till)\s+{_WEEKDAY}\b"),
    # "Oct.7" (wire style): an abbreviated month's point may stand for the space
    ("mdy", rf"\b{_PREP}{_PART}(?:{_MONTH}\s+|{_ABBREVIATED}\.){_DAYNUM}(?:,?\s+\d{{4}})?\b"),
    ("dmy", rf"\b{_PREP}(?:the\s+)?{_DAYNUM}(?:\s+of)?\s+{_MONTH}(?:,?\s+\d{{4}})?\b"),
    ("numeric", r"\b\d{1,2}[./]\d{1,2}[./]\d{4}\b"),
    ("my", rf"\b{_PREP}{_PART}{_MONTH},?\s+\d{{4}}\b"),
    ("rel_month", rf"\b(?:(?:earlier|later)\s+(?:in\s+)?|(?:in\s+)?(?:early|late|mid)[\s-]+)?(?:this|last|next)\s+"
                  rf"(?:{_FULL_MONTH}|may)\b"),
    ("month", rf"\b{_PREP}{_PART}{_WRITTEN_MONTH}\b"),
    # "in May", "since early May": the month written with its capital after a preposition (the verb "may" is not)
    ("may", r"\b(?:(?:in|since|during|until|till|by|from|through|before|after|of)\s+(?:(?:early|late|mid)[\s-]+)?"
            r"|(?:early|late|mid)[\s-]+)(?-i:May)\b(?!\s*\d)"),
    ("next_wd", rf"\b(?:next|this coming|last|this)\s+{_WEEKDAY}{_TIME_OF_DAY}\b"),
    ("weekday", rf"\b{_PREP}{_PART}{_WEEKDAY}{_TIME_OF_DAY}\b"),
    ("relday", r"\b(?:the day before yesterday|yesterday(?:\s+(?:morning|afternoon|evening))?|today|tonight|"
               r"tomorrow|overnight|last night|this (?:morning|afternoon|evening)|"
               r"(?:over |in )?the (?:past|last) (?:day|24 hours))\b"),
    # "the day before the vote" counts from a happening, not from a day: only the bare phrase
    ("prevday", r"\bthe (?:previous|preceding) (?:day|night)\b|\bthe (?:day|night) before\b(?!\s+(?:the|a|an|his|her|"
                r"its|their|last|yesterday)\b)"),
    ("ago", rf"\b{_NUM}\s+(?:day|week|fortnight|month|year)s?\s+ago\b"),
    ("recent", r"\b(?:in recent days|(?:in|over) the (?:past|last) (?:few|several|couple of) days)\b"),
    ("weekend", r"\b(?:(?:over|at|during) the weekend|(?:last|this|next) weekend)\b"),
    ("rel", r"\b(?:(?:earlier|later)\s+this|this|last|next|past|(?:in|over) the (?:past|last))\s+"
            r"(?:week|month|year)\b"),
    ("year", rf"\b(?:in|since|by|during|of|until|before|after|from|through)\s+{_PART}(?:19|20)\d{{2}}\b(?!-)"),
    ("year_aside", r"(?<=\()(?:19|20)\d{2}(?=\))"),  # "the Treaty of Portsmouth (1905)"
]
# Every date starts a word: testing that once before trying each pattern halves the scan.
_FINDER = re.compile(r"\b(?=\w)(?:" + "|".join(f"(?P<{name}>{rx})" for name, rx in PATTERNS) + ")", re.IGNORECASE)
# "for three days", "over two weeks", "within a month": durations, not dates.
_DURATION_BEFORE = re.compile(r"\b(?:for|over|within|lasting|about|almost|nearly|some|than)\s+$", re.IGNORECASE)
_LEAD = re.compile(r"^(?:on|since|from|until|till|by|before|after|in|of|during|through|between)\s+")
_FUTURE_MARKERS = {"will", "shall", "'ll", "going", "plan", "plans", "planned", "scheduled", "due", "expect",
                   "expected", "intend", "intends", "next", "upcoming", "would"}


def resolve(expression: str, published: dt.date | None, *, future: bool = False) -> tuple[str, str] | None:
    """(ISO start date, precision) of one expression, or None when it cannot be resolved.

    A date outside ``limits.EARLIEST_DATE``..``LATEST_DATE`` ("December 31, 9999", or "tomorrow" from a
    publication date at the end of the calendar) is no date of news: None, never an overflow.
    """
    if published is not None and not EARLIEST_DATE <= published <= LATEST_DATE:
        published = None  # no anchor for relative dates, rather than one off the calendar
    try:
        value = _resolve(expression, published, future)
    except OverflowError:
        return None
    if value is None or not EARLIEST_DATE.isoformat() <= value[0] <= LATEST_DATE.isoformat():
        return None
    return value


def _resolve(expression: str, published: dt.date | None, future: bool) -> tuple[str, str] | None:
    text = " ".join(expression.lower().replace(",", " ").replace("–", "-").split())
    text = _LEAD.sub("", text)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return _day(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)
    if m:  # day first (the international and Ukrainian order); US month-first only when the day cannot be
        day, month = int(m[1]), int(m[2])
        if month > 12 >= day:
            day, month = month, day
        return _day(int(m[3]), month, day)
    value = _range(text, published, future)
    if value:
        return value
    text = re.sub(r"^(?:early|late|mid|earlier|later)(?:\s+on)?[\s-]+", "", text)
    m = re.fullmatch(rf"({_MONTH})\s*(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(\d{{4}}))?", text)
    if m:
        return _month_day(_month(m[1]), int(m[2]), m[3], published, future)
    m = re.fullmatch(rf"(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({_MONTH})(?:\s+(\d{{4}}))?", text)
    if m:
        return _month_day(_month(m[2]), int(m[1]), m[3], published, future)
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{4}})", text)
    if m:
        return dt.date(int(m[2]), _month(m[1]), 1).isoformat(), "month"
    m = re.fullmatch(rf"(?:in\s+)?(?:(?:early|late|mid)[\s-]+)?(this|last|next)\s+({_FULL_MONTH}|may)", text)
    if m and published:
        month = MONTHS[m[2]]
        year = published.year + {"this": 0, "last": -1 if month >= published.month else 0,
                                 "next": 1 if month <= published.month else 0}[m[1]]
        return dt.date(year, month, 1).isoformat(), "month"
    m = re.fullmatch(rf"({_MONTH})", text)
    if m and published:
        month = _month(m[1])
        if future:
            year = published.year + (month < published.month)
        else:
            year = published.year - (month > published.month)
        return dt.date(year, month, 1).isoformat(), "month"
    m = re.fullmatch(rf"(next|this coming|last|this)?\s*({_WEEKDAY}){_TIME_OF_DAY}", text)
    if m and published:
        which = m[1] or ""
        if which == "this":  # the named day of the publication's own week
            monday = published - dt.timedelta(days=published.weekday())
            return (monday + dt.timedelta(days=WEEKDAYS[m[2]])).isoformat(), "day"
        if which == "last":
            day = _weekday(WEEKDAYS[m[2]], published - dt.timedelta(days=1), False)
        else:
            day = _weekday(WEEKDAYS[m[2]], published, future or which in ("next", "this coming"))
        return day.isoformat(), "day"
    if re.fullmatch(r"(?:19|20)\d{2}", text):
        return f"{text}-01-01", "year"
    if published is None:
        return None
    return _relative(text, published)


def _relative(text: str, published: dt.date) -> tuple[str, str] | None:
    offsets = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
               "overnight": -1, "last night": -1, "this morning": 0, "this afternoon": 0, "this evening": 0,
               "yesterday morning": -1, "yesterday afternoon": -1, "yesterday evening": -1,
               **dict.fromkeys(("the previous day", "the preceding day", "the day before", "the previous night",
                                "the preceding night", "the night before"), -1)}
    if text in offsets:
        return (published + dt.timedelta(days=offsets[text])).isoformat(), "day"
    if re.fullmatch(r"(?:over |in )?the (?:past|last) (?:day|24 hours)", text):
        return (published - dt.timedelta(days=1)).isoformat(), "day"
    m = re.fullmatch(rf"({_NUM})\s+(day|week|fortnight|month|year)s?\s+ago", text)
    if m:
        n = int(m[1]) if m[1].isdigit() else NUMBERS[m[1]]
        unit = m[2]
        if unit == "fortnight":
            unit, n = "week", 2 * n
        return _shift(published, unit, -n)
    if re.fullmatch(r"(?:recent days|(?:in|over) the (?:past|last) (?:few|several|couple of) days)", text):
        return (published - dt.timedelta(days=6)).isoformat(), "week"
    m = re.fullmatch(r"(?:(?:over|at|during) the|(last|this|next)) weekend", text)
    if m:
        saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
        if m[1] == "next" or (m[1] == "this" and published.weekday() < 5):
            saturday += dt.timedelta(days=7)
        if m[1] == "last" and published.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        return saturday.isoformat(), "week"
    m = re.fullmatch(r"(?:(earlier|later)\s+)?(this|last|next|past|(?:(?:in|over) )?the (?:past|last))\s+"
                     r"(week|month|year)", text)
    if m:
        if m[2].endswith(("past", "the last")):
            # a rolling period ending at publication
            days = {"week": 6, "month": 30, "year": 364}[m[3]]
            return (published - dt.timedelta(days=days)).isoformat(), m[3]
        step = {"this": 0, "last": -1, "next": 1}[m[2]]
        return _shift(published, m[3], step)
    return None


def _range(text: str, published: dt.date | None, future: bool) -> tuple[str, str] | None:
    """"may 5-8", "5 to 8 may", "may 30 - june 2", "between monday and wednesday": first day, covering precision."""
    sep = r"\s*(?:-|to|and|until)\s*"
    m = re.fullmatch(rf"(?:between\s+)?({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?{sep}(?:({_MONTH})\s+)?"
                     rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(\d{{4}}))?", text)
    if m:
        first = _month_day(_month(m[1]), int(m[2]), m[5], published, future)
        last = _month_day(_month(m[3] or m[1]), int(m[4]), m[5], published, future)
        return _covering(first, last)
    m = re.fullmatch(rf"(?:between\s+)?(\d{{1,2}})(?:st|nd|rd|th)?{sep}(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})"
                     rf"(?:\s+(\d{{4}}))?", text)
    if m:
        first = _month_day(_month(m[3]), int(m[1]), m[4], published, future)
        last = _month_day(_month(m[3]), int(m[2]), m[4], published, future)
        return _covering(first, last)
    m = re.fullmatch(rf"(?:between|from)\s+({_WEEKDAY})\s+(?:and|to|until|till)\s+({_WEEKDAY})", text)
    if not m:
        m = re.fullmatch(rf"({_WEEKDAY})\s+(?:and|to|until|till)\s+({_WEEKDAY})", text)
    if m and published:
        last_day = _weekday(WEEKDAYS[m[2]], published, future)
        first_day = last_day - dt.timedelta(days=(WEEKDAYS[m[2]] - WEEKDAYS[m[1]]) % 7)
        return _covering((first_day.isoformat(), "day"), (last_day.isoformat(), "day"))
    return None


def _covering(first: tuple[str, str] | None, last: tuple[str, str] | None) -> tuple[str, str] | None:
    if first is None or last is None:
        return first or last
    start, end = dt.date.fromisoformat(first[0]), dt.date.fromisoformat(last[0])
    if end < start:  # "Dec 30 - Jan 2": the first day belongs to the year before
        start = start.replace(year=start.year - 1)
    days = (end - start).days
    precision = "day" if days == 0 else "week" if days < 7 else "month" if days < 31 else "year"
    return start.isoformat(), precision


def _month(name: str) -> int:
    return MONTHS[name.rstrip(".")]


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
    step = 1 if future else -1  # (up to four years: February 29)
    for candidate in range(published.year, published.year + 5 * step, step):
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


def is_future(doc: Doc, start: int) -> bool:
    """Whether the clause around character ``start`` speaks of the future ("will meet on Friday")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    sent = span.sent
    before = [t for t in sent if t.i < span.start]
    if not any(t.lower_ in _FUTURE_MARKERS for t in before):
        return False
    # "said on Tuesday it would..." : a past-tense verb governing the date keeps it in the past
    head = span.root.head
    while head.dep_ in ("prep", "pobj", "npadvmod") and head.head is not head:
        head = head.head
    return head.tag_ not in ("VBD", "VBN") or any(c.lower_ in ("will", "'ll", "would") for c in head.children)


def find_dates(doc: Doc, published: dt.date | None) -> list[DateMention]:
    """Every date or period mentioned in ``doc``, resolved against ``published``."""
    text = doc_text(doc)
    found: list[DateMention] = []
    kinds: list[str] = []
    parsed = doc.has_annotation("DEP")
    for m in _FINDER.finditer(text):
        start, end = m.span()
        kind = m.lastgroup or ""
        if kind in ("ago", "rel") and _DURATION_BEFORE.search(text[max(0, start - 20):start]) \
                and not m.group(0).lower().startswith(("in the", "over the")):
            continue
        expression = m.group(0)
        future = is_future(doc, start) if parsed else False
        value = resolve(expression, published, future=future)
        if kind == "prevday" and parsed and (told := _day_told_before(doc, found, start)) is not None:
            value = (told - dt.timedelta(days=1)).isoformat(), "day"
        if value is None and kind not in ("mdy", "dmy", "iso", "range_md", "range_dm"):
            continue
        found.append(DateMention(Span.of(text, start, end), *(value or (None, None))))
        kinds.append(kind)
    return _weekdays_dated(text, found, kinds)


def _weekdays_dated(text: str, found: list[DateMention], kinds: list[str]) -> list[DateMention]:
    """"On Tuesday, 23 May": a weekday written with its calendar day is that day (a wrong weekday is the
    commoner slip, and the calendar day needs no guess of which week)."""
    out = list(found)
    for i in range(len(found) - 1):
        day, after = found[i], found[i + 1]
        if kinds[i] == "weekday" and kinds[i + 1] in ("mdy", "dmy") and after.precision == "day" \
                and re.fullmatch(r"[\s,(]*", text[day.span.end:after.span.start]):
            out[i] = replace(day, value=after.value, precision=after.precision)
    return out


def _day_told_before(doc: Doc, found: list[DateMention], start: int) -> dt.date | None:
    """The last day named before character ``start`` in its sentence."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return None
    first = span.sent.start_char
    for d in reversed(found):  # in text order: read back to the sentence's start only
        if d.span.start < first:
            break
        if d.span.start < start and d.precision == "day" and d.value:
            return dt.date.fromisoformat(d.value)
    return None


# "KHARKIV, Ukraine, May 14 (Reuters) -- ", "BEIRUT (AP) - ", "May 14 (UPI) -- ", "14 May 2022 – ":
# where and when a story was filed, opening its first line. The one dateline parser of wirewatch.
# Runs of spaces are matched possessively (``*+``): the parts are optional, and a line of 20,000 spaces
# must not be tried in every split between them.
_DATELINE = re.compile(
    r"[ \t]*+(?P<place>[A-Z][\w.'’-]*(?:,?[ \t]+[A-Z][\w.'’-]*){0,5})??,?[ \t]*+"
    rf"(?i:(?P<month>{_MONTH})[ \t]+(?P<day>\d{{1,2}})(?:,?[ \t]+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})[ \t]+(?P<month2>{_MONTH})(?:,?[ \t]+(?P<year2>\d{{4}}))?)?"
    r"[ \t]*+(?:\((?P<agency>[^()\n]{1,40})\)[ \t]*+)?(?:--|[—―–-])[ \t]")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline's extent (``end`` is where the story's own words start) and what it says."""

    start: int
    end: int
    place: str | None
    month: int | None
    day: int | None
    year: int | None

    def date(self, year: int | None) -> dt.date | None:
        """The filing day: the dateline's own year, else ``year`` (the publication's), never one found
        elsewhere in the text."""
        try:
            return dt.date(self.year or year, self.month, self.day) if self.month and (self.year or year) else None
        except (TypeError, ValueError):
            return None


def dateline_at(text: str, start: int = 0, end: int | None = None) -> Dateline | None:
    """The dateline opening ``text`` at ``start`` (a line or paragraph start), or None."""
    m = _DATELINE.match(text, start, len(text) if end is None else end)
    if m is None or not (m["place"] or m["month"] or m["month2"] or m["agency"]):
        return None
    month_name, day, year = (m["month"], m["day"], m["year"]) if m["month"] else (m["month2"], m["day2"], m["year2"])
    return Dateline(start, m.end(), m["place"], _month(month_name.lower()) if month_name else None,
                    int(day) if day else None, int(year) if year else None)


def first_dateline(text: str, within: int = 800) -> Dateline | None:
    """The first dated dateline opening a line in the first ``within`` characters."""
    head = text[:within]
    for line_start in (0, *(m.end() for m in re.finditer("\n", head))):
        found = dateline_at(head, line_start)
        if found is not None and found.month is not None:
            return found
    return None
