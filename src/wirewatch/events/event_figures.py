"""The figures and the day of an event: tolls (numbers in digits or words), the date, the evidence span.

Tolls follow the codebook (section 9): "Twenty-three" is 23, "1,200" is 1200, "dozens" 12, "several"
10; the last figure of a sentence that says who died counts; a party's figure of its enemy's losses
is a claimed figure, not the event's fatalities.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from wirewatch.dates import dateline_at
from wirewatch.events.event_lexicon import ARMED_NOUNS, words
from wirewatch.models import Claim, DateMention, Span
from wirewatch.nlp import doc_text

MULTIPLIERS = {"hundred", "thousand", "million"}  # "two hundred", "five million": times the figure before
SCALES = "thousand|million"  # written after digits: "2 million", "1.5 million"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """"N ... killed", "killing N", "the toll rose to N", with N in digits or in number words."""
    names = "|".join(sorted((re.escape(w) for w in words().numbers), key=len, reverse=True))
    # "five million", "2.5 million": a scale word multiplies the figure before it
    num = r"(?:\d[\d,]*(?:\.\d+)?(?:\s+(?:" + SCALES + r"))?|(?:" + names + r")(?:[-\s](?:" + names + r"))*)"
    # "Six people, including a woman, were killed": an aside between commas may part number and verb
    killed = re.compile(r"\b(" + num + r")(?:\s+[\w'-]+){0,4}?(?:,\s*(?:including|among them)\b[^,.;]{1,40},)?"
                        r"\s+(?:were\s+|was\s+|have been\s+|had been\s+|"
                        r"are\s+|been\s+)?(killed|dead|died|wounded|injured|hurt|lives|bodies|corpses)\b",
                        re.IGNORECASE)
    # "resulted in the deaths of 19 people", "killed an estimated 300 men"
    killing = re.compile(r"\b(killing|wounding|injuring|kills|killed|wounded|injured|shot dead|deaths of)\s+"
                         r"(?:at least\s+|more than\s+|up to\s+|about\s+|some\s+|nearly\s+|almost\s+|"
                         r"an estimated\s+)?(" + num + r")\b", re.IGNORECASE)
    toll = re.compile(r"\b(?:death toll|toll|number of (?:dead|deaths|victims))\b[^.]{0,40}?\b(?:to|at|of|is|was|"
                      r"reached|stands at|rose to)\s+(?:at least\s+)?(" + num + r")\b", re.IGNORECASE)
    return killed, killing, toll


@lru_cache(maxsize=1)
def _one_victim() -> re.Pattern[str]:
    """"killing a 65-year-old man", "a woman was killed": one person, though no number is written."""
    # one person: not "people", "children", "a family", nor "a number of people"
    singular = (words().civilian_victims | words().protesters | ARMED_NOUNS) - {"people", "children", "family"}
    nouns = "|".join(sorted(singular, key=len, reverse=True))
    person = r"\b(?:a|an)\s+(?:(?!of\b)[\w-]+\s+){0,3}?(?:" + nouns + r")\b(?!-)"
    return re.compile(r"\b(?:killing|killed|kills|shot dead|shooting dead|stabbed to death|beat to death|"
                      r"beaten to death)\s+" + person + r"|" + person +
                      r"\s+(?:was|has been|had been)\s+(?:killed|shot dead|stabbed to death|beaten to death)\b",
                      re.IGNORECASE)


def number(word: str) -> int | None:
    """A number written in digits or English words: "23", "1,200", "Twenty-three", "two hundred", "five
    million", "2.5 million"."""
    word = word.strip().lower().replace(",", "")
    if word.isdigit():
        return int(word)
    values = words().numbers
    if word in values:
        return values[word]
    total = 0.0
    for part in re.split(r"[-\s]+", word):
        if re.fullmatch(r"\d+(?:\.\d+)?", part) and not total:
            total = float(part)
            continue
        if part not in values:
            return None
        value = values[part]
        total = total * value if part in MULTIPLIERS and total else total + value
    return round(total) or None


# a figure counted per day or week (general English): "1,000 troops each day", "40 killed a week", "dying daily"
_RATE = re.compile(r"(?:\s+[\w-]+){0,3}?\s+(?:(?:each|every|a|per)\s+(?:day|night|week|month|year)\b"
                   r"(?!\s+(?:after|before|earlier|later|ago)\b)|daily\b)", re.IGNORECASE)  # not "a day after"


def casualties(text: str) -> tuple[int | None, int | None]:
    """Killed and injured figures of a sentence: the verb's own number first ("killing 9 and wounding
    17"), then "two residents were killed", then a toll ("the death toll rose to 31")."""
    killed_re, killing_re, toll_re = _patterns()
    killed = injured = None
    for m in killing_re.finditer(text):
        n = number(m.group(2))
        if n is None or _RATE.match(text, m.end()):
            continue  # "killing nearly 1,000 Russian troops each day": a rate, no happening's toll
        if m.group(1).lower() in ("killing", "kills", "killed", "shot dead", "deaths of"):
            killed = n if killed is None else killed
        elif injured is None:
            injured = n
    for m in killed_re.finditer(text):
        n = number(m.group(1))
        if n is None or _RATE.match(text, m.end()):
            continue
        if m.group(2).lower() in ("killed", "dead", "died", "lives", "bodies", "corpses"):  # bodies found: dead
            killed = n if killed is None else killed
        elif injured is None and n != killed:
            injured = n
    toll = toll_re.search(text)
    if toll is not None and (n := number(toll.group(1))) is not None:
        killed = n  # "the toll rose to 31": the latest figure
    if killed is None and _one_victim().search(text):
        killed = 1
    return killed, injured


def casualties_of(anchor: Token, sent: SpacySpan) -> tuple[int | None, int | None]:
    """The killed and injured of the happening ``anchor`` names: the figures of its own phrase first ("violence
    has claimed hundreds of lives, including a massacre that left ten dead": ten), else the sentence's."""
    own = casualties(doc_text(anchor.doc)[slice(*_phrase(anchor))])
    told = casualties(sent.text)
    return (own[0] if own[0] is not None else told[0]), (own[1] if own[1] is not None else told[1])


def date_of(sent: SpacySpan, dates: Sequence[DateMention], published: dt.date | None, anchor: Token | None = None
            ) -> tuple[str | None, str | None]:
    """The day of a happening told in ``sent``: a date within the phrase of its ``anchor`` word first ("police
    confirmed on Friday the attack carried out the previous day": Thursday), else the sentence's first."""
    dateline = dateline_at(sent.text)
    first = sent.start_char + (dateline.end if dateline else 0)  # "KYIV, May 12 (Wire) -": the filing day
    in_sent = [d for d in dates if first <= d.span.start < sent.end_char and d.value
               and not d.span.text.lower().startswith("since")]  # "since February": a period, not the day
    usable = [d for d in in_sent if published is None or d.value <= published.isoformat()]
    if anchor is not None:
        clause = anchor
        for _ in range(12):  # the verb of the anchor's clause ("the attack [was] carried out the previous day")
            if clause.pos_ in ("VERB", "AUX") or clause.dep_ == "ROOT":
                break
            clause = clause.head
        usable = sorted(usable, key=lambda d: (not _within(d, anchor), not _within(d, clause),
                                               not _of_verb(sent.doc, d, clause)))  # stable: in text order
    if usable:
        return usable[0].value, usable[0].precision
    context = _paragraph_date(sent, dates, published)
    if context is not None:  # "Rockets hit Kharkiv on Thursday. They destroyed a school.": Thursday
        return context.value, context.precision
    if published:
        return published.isoformat(), "week"  # reported without a date: some day in the week up to publication
    return None, None


def undated(sent: SpacySpan, dates: Sequence[DateMention], published: dt.date | None) -> bool:
    """Whether neither ``sent`` nor its paragraph says when (its day is the publication week's by default)."""
    return published is not None and date_of(sent, dates, published) == (published.isoformat(), "week")


def _of_verb(doc: Doc, date: DateMention, verb: Token) -> bool:
    """Whether ``date`` belongs to ``verb`` itself, not to a clause inside its phrase ("Vovchansk, which troops
    entered in May, was shelled overnight": May is the entering's)."""
    span = doc.char_span(date.span.start, date.span.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    own = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    return own is None or own == verb


def _phrase(head: Token) -> tuple[int, int]:
    """The character span of the phrase ``head`` heads."""
    return head.left_edge.idx, head.right_edge.idx + len(head.right_edge)


def _within(date: DateMention, head: Token) -> bool:
    """Whether ``date`` is in the phrase ``head`` heads."""
    start, end = _phrase(head)
    return start <= date.span.start < end


def _paragraph_date(sent: SpacySpan, dates: Sequence[DateMention], published: dt.date | None) -> DateMention | None:
    """The last day-precise past date stated earlier in the sentence's paragraph (at most two sentences back),
    or a past year ("The treaty of 1905. Russia was forced to give up the port.": history)."""
    doc = sent.doc
    start = sent.start
    for _ in range(2):
        if start == 0 or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space and "\n" in doc[start - 1].text:
            break  # a paragraph break: a new paragraph sets its own time
        start = doc[start - 1].sent.start
    lo = doc[start].idx
    before = [d for d in dates if lo <= d.span.start < sent.start_char and d.value and (
              d.precision == "day" or d.precision == "year" and published is not None
              and d.value[:4] < str(published.year))
              and not d.span.text.lower().startswith("since")
              and (published is None or d.value <= published.isoformat())]
    return before[-1] if before else None


def background(date: str | None, precision: str | None, published: dt.date | None) -> bool:
    """Dated well before publication (two months or more): background, not news."""
    if not date or not published:
        return False
    start = dt.date.fromisoformat(date)
    if precision == "month":
        # "in April", told in mid-June: every day of that month lies more than 30 days back (codebook 1: background)
        last = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        if (published - last).days > 30:
            return True
    return (published - start).days > (62 if precision == "day" else 92)


def evidence(doc: Doc, sent: SpacySpan) -> Span:
    # sent.text, not doc.text: spaCy rebuilds doc.text from every token on each access
    raw = sent.text
    stripped = raw.strip()
    start = sent.start_char + (len(raw) - len(raw.lstrip()))
    return Span(start, start + len(stripped), stripped)


def claim_for(offset: int, claims: Sequence[Claim]) -> int | None:
    """The innermost claim whose content holds ``offset``."""
    holding = [i for i, c in enumerate(claims) for part in (c.contents or (c.content,))
               if part is not None and part.start <= offset < part.end]
    return min(holding, key=lambda i: claims[i].content.end - claims[i].content.start) if holding else None
