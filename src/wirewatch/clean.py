"""Boilerplate: adverts, captions, credits, navigation and promos, as spans.

News text arrives with page furniture mixed into the body: "Advertisement"
lines, photo captions with their credits, gallery counters, "Latest
Headlines" navigation and teasers for other stories. They are kept as spans
(so offsets into the original text stay valid) and blanked out before
extraction, so a caption's "Russian bombardment" never becomes an event.

The unit is the line: extracted article text puts one paragraph per line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from wirewatch.models import Boilerplate, Span

_ADVERT = re.compile(
    r"(?i)(advertisement|advertising|sponsored( content)?|ad|paid content|"
    r"(story|article) continues below( advertisement)?|continue reading( below)?|"
    r"scroll to continue( with content)?)"
)
_NAV = re.compile(
    r"(?i)(latest( headlines| news| stories)?|most (read|popular|viewed|shared)|trending( now| stories)?|"
    r"top (stories|headlines)|related( stories| articles| coverage| content| links)?|recommended( for you)?|"
    r"you (may|might) also like|more (stories|on this|from [\w .'-]{2,40})|in (other|case you missed) news|"
    r"share( this)?( article| story)?|skip to (main )?content|menu|home|sign in|log ?in|"
    r"back to top|next article|previous article|(show|load) more|see all|"
    r"(facebook|twitter|x|whatsapp|email|linkedin|telegram|print|copy link)( \| ?\w+)*)[:.]?"
)
_PROMO = re.compile(
    r"(?i)^(read more|related|watch|listen|see also|also read|recommended|click here|don'?t miss|more|opinion)\s*[:|>-]"
    r"|^(sign up|subscribe|get our|join our|follow us|download (our|the)|support (our|independent)|"
    r"become a (member|subscriber)|we use cookies|this article (is|was) (part of|produced))"
    r"|(newsletter|subscribe now|free trial)\W*$"
)
# a tag list: "#ship #hit #missile #Yemen"
_TAGS = re.compile(r"(?:#\w[\w-]*[\s,;|]*){2,}")
# "1 of 4 | caption | License Photo" (photo galleries)
_GALLERY = re.compile(r"^\s*\d{1,3}\s+of\s+\d{1,3}\s*\|")
_LICENSE = re.compile(r"\|\s*License Photo\s*$", re.IGNORECASE)
# Credit at the end of a caption: "Photo by Jane Doe/UPI", "(Photo: Jane Doe/Reuters)", "Credit: AFP".
# The look-behind starts a match only where a run of spaces and brackets starts: without it, a search
# tried the run from each of its characters, quadratic in a line of 16,000 "(" or spaces.
_TRAILING_CREDIT = re.compile(
    r"(?<![\s(])[\s(]*(?:(?:Photo|Photograph|Picture|Image|Video|Credit|Photo credit)s?\s*(?:by|:)\s*)"
    r"[^.!?]{2,80}?\)?(?:\s*\|\s*License Photo)?\s*$",
    re.IGNORECASE,
)
_AGENCY = (
    r"(?:AP|AFP|Reuters|Getty Images|EPA(?:-EFE)?|UPI|Shutterstock|Bloomberg|Sipa(?: USA)?|Anadolu(?: Agency)?|"
    r"TASS|Sputnik|Ukrinform|NurPhoto|SOPA Images|Alamy|PA|PA Wire|Handout|Pool|DPA|Xinhua|"
    r"(?:AFP|AP|Reuters|Bloomberg) via Getty Images|Getty|[A-Z]{2,8}|"
    r"[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,2})"  # an outlet's own photographers: "Name/Eastern Ledger"
)
# Credit at the start of a caption: "Felipe Dana/AP A man walks...", "Uncredited/AP ..."
_LEADING_CREDIT = re.compile(
    r"^\s*((?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}|Uncredited|Handout|Staff)\s*/\s*" + _AGENCY + r")"
    r"(?=\s+[A-Z\"“‘'])"
)


def find_boilerplate(text: str, body_start: int = 0) -> tuple[Boilerplate, ...]:
    """Spans of ``text`` that are not article body, each with its kind, in text order."""
    lines = [(s, e) for s, e in _lines(text) if e > max(s, body_start - 1) and text[s:e].strip()]
    found: list[Boilerplate] = []
    for start, end in lines:
        start = max(start, body_start)
        found.extend(_classify(text, start, end))
    found.extend(_trailing_promos(text, lines, found))
    found.sort(key=lambda b: b.span.start)
    return tuple(found)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line's stripped content."""
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        yield start, end


def _classify(text: str, start: int, end: int) -> list[Boilerplate]:
    line = text[start:end]
    if _ADVERT.fullmatch(line):
        return [_bp(text, start, end, "advert")]
    if len(line) <= 60 and _NAV.fullmatch(line) or _TAGS.fullmatch(line):
        return [_bp(text, start, end, "nav")]
    if len(line) <= 200 and _PROMO.search(line):
        return [_bp(text, start, end, "promo")]
    if _GALLERY.match(line) or _LICENSE.search(line):
        return [_bp(text, start, end, "caption")]
    lead = _LEADING_CREDIT.match(line)
    if lead:
        cut = start + lead.end(1)
        return [_bp(text, start, cut, "credit"), *_caption_rest(text, cut, end)]
    trail = _TRAILING_CREDIT.search(line)
    if trail and (trail.start() == 0 or line[: trail.start()].rstrip()[-1:] in ".!?)\"”"):
        cut = start + trail.start()
        spans = _caption_rest(text, cut, end)
        spans = [Boilerplate(b.span, "credit") for b in spans]
        if trail.start() > 0:
            spans.insert(0, _bp(text, start, cut, "caption"))
        return spans
    return []


def _caption_rest(text: str, start: int, end: int) -> list[Boilerplate]:
    while start < end and text[start].isspace():
        start += 1
    return [_bp(text, start, end, "caption")] if start < end else []


def _trailing_promos(text: str, lines: list[tuple[int, int]],
                     found: Iterable[Boilerplate]) -> list[Boilerplate]:
    """Headline-like lines followed only by boilerplate to the end: teasers for other stories."""
    covered = {b.span.start for b in found} | {b.span.end for b in found}
    marked = [s in covered or e in covered for s, e in lines]
    promos: list[Boilerplate] = []
    for i in range(len(lines) - 1, -1, -1):
        if marked[i]:
            continue
        start, end = lines[i]
        line = text[start:end]
        later_all_boilerplate = all(marked[i + 1:]) and any(marked[i + 1:])
        if later_all_boilerplate and _looks_like_headline(line):
            promos.append(_bp(text, start, end, "promo"))
            marked[i] = True
            continue
        break
    return promos


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= 14 and line[-1] not in ".!?\"”’" and line[0].isupper()


def _bp(text: str, start: int, end: int, kind: str) -> Boilerplate:
    return Boilerplate(Span.of(text, start, end), kind)


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces (newlines kept): same length, same offsets."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
