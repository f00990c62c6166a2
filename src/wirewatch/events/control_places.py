"""Which settlement a territory word is about (codebook section 6), for ``event_control``.

The place a change of hands happened at is a settlement the territory word governs: its object
("captured the village of X"), a place listed after a colon, the place a relative clause is
about ("X, which troops stormed"), the town a side entered or fights in or for, or holds part of.
Not the places named as landmarks ("near X", "the outskirts of X"), regions, or places outside
the phrase of a subject noun ("the liberation of X deprived ... Y").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from wirewatch.events.event_lexicon import vocabulary, words
from wirewatch.models import Place
from wirewatch.nlp import doc_text

EDGE_NOUNS = vocabulary("edges")
SETTLEMENT_NOUNS = {"village", "town", "settlement", "city", "hamlet", "locality"}
UNNAMED_THEMES = SETTLEMENT_NOUNS | {"position", "territory", "area"}
QUANTITY_NOUNS = {"number", "dozen", "couple", "handful", "series", "string"}
ENTERING = vocabulary("entering")  # "... into X"
PART_NOUNS = vocabulary("parts")
_CALLED = re.compile(r"(\w+)\s+of\s+(?:the\s+)?$")  # "the suburb of X": what the text calls X
SHARE_NOUNS = {"half", "part", "most", "much", "third", "quarter", "percent", "%", "portion", "bulk", "majority",
               "share", "section", "district", "neighbourhood", "neighborhood"}  # general English
REGION_NOUNS = {"oblast", "region", "province", "governorate", "district", "state"}


def assault(token: Token) -> bool:
    """"troops stormed X", "broke into X", "advanced into X", "a foothold in X", "an assault on X": a
    side entered X or fights for it (codebook 6). Not list words: the event model reads the lists as
    features."""
    lemma = token.lemma_.lower()
    if lemma == "assault" and token.pos_ == "NOUN":  # "an assault on X", "assault operations in X"
        return any(c.dep_ == "prep" and c.lower_ in ("on", "in", "inside", "for") for c in _phrase(token).children)
    return lemma == "foothold" and token.pos_ == "NOUN" or token.pos_ == "VERB" and (
        lemma == "storm" or lemma in ENTERING and any(c.lower_ == "into" for c in token.children))


def partly_held(token: Token, sent: SpacySpan, places: Sequence[Place]) -> list[Place]:
    """The settlements a holding verb says a side holds part of: "control about half of X", "hold 80
    percent of the town of X", "occupy parts of X"."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in words().states:
        return []
    shares = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in SHARE_NOUNS]
    named = [o for share in shares for c in share.children if c.lower_ == "of" for o in c.children
             if o.dep_ == "pobj"]
    named += [o for t in named if t.lemma_.lower() in UNNAMED_THEMES for c in t.children if c.lower_ == "of"
              for o in c.children if o.dep_ == "pobj"]  # "of the town of X"
    starts = {t.doc[i].idx for t in named if t.pos_ == "PROPN" for i in range(t.left_edge.i, t.i + 1)}
    return [p for p in places if sent.start_char <= p.span.start < sent.end_char and settlement(p)
            and any(p.span.start <= start < p.span.end for start in starts)]


# "fighting raged for X"
GOING_ON = vocabulary("going_on")


def goes_on(token: Token) -> bool:
    """``token`` is the subject of a verb of going on ("fighting continues", "clashes erupted"), not of a campaign
    since a date ("has been raging in X since May")."""
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in GOING_ON \
        and not any(c.lower_ == "since" for c in token.head.children)


def fought_for(token: Token, sent: SpacySpan, places: Sequence[Place]) -> list[Place]:
    """"fighting for (control of) X", "the battle for X", "entered X": X is contested."""
    preps = ("for", "in", "inside", "into", "on") if token.lemma_.lower() == "assault" else ("for", "in", "inside",
                                                                                            "into")
    phrases = [_phrase(token)]
    if goes_on(token):
        phrases.append(token.head)  # "fighting continues for X": the verb carries the preposition
    targets = [g for phrase in phrases for c in phrase.children if c.dep_ == "prep" and c.lower_ in preps
               for g in c.children if g.dep_ == "pobj"]
    if token.lemma_.lower() in ("enter", "encircle", "surround", "besiege", "storm") or assault(token):
        targets += [c for c in token.children if c.dep_ == "dobj" and c.lower_ not in ("which", "that")]
        antecedent = _relative_antecedent(token)
        if antecedent is not None:  # "Kurakhove, which Russian troops have stormed"
            targets.append(antecedent)
    targets += [o for t in targets if t.lemma_.lower() == "control" for c in t.children if c.lower_ == "of"
                for o in c.children if o.dep_ == "pobj"]
    if token.lemma_.lower() in ("fight", "fighting", "battle", "struggle"):
        targets = [t for t in targets if t.head.lower_ in ("for", "inside", "in") or t.lemma_.lower() == "control"] + \
            [o for t in targets if t.lemma_.lower() == "control" for c in t.children for o in c.children]
    # "encircled the town of X", "advanced into the centre of X": the name the common noun introduces
    targets += [o for t in targets if t.lemma_.lower() in UNNAMED_THEMES | PART_NOUNS for c in t.children
                if c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    starts = {t.doc[i].idx for t in targets if t.pos_ == "PROPN" for i in range(t.left_edge.i, t.i + 1)}
    return [p for p in places if sent.start_char <= p.span.start < sent.end_char and settlement(p)
            and any(p.span.start <= start < p.span.end for start in starts)]


def _phrase(token: Token) -> Token:
    """The noun a modifier noun belongs to ("assault operations"): its phrase carries the preposition."""
    return token.head if token.dep_ == "compound" and token.head.pos_ == "NOUN" else token


def _relative_antecedent(token: Token) -> Token | None:
    """The name a relative clause's "which" follows ("X, which troops stormed"): the parser often hangs
    the clause on another word of the phrase."""
    if token.dep_ != "relcl":
        return None
    doc = token.doc
    pronoun = next((t for t in doc[min(token.head.i, token.i):token.i] if t.tag_ == "WDT"), None)
    if pronoun is None or pronoun.i < 1:
        return None
    before = doc[pronoun.i - 1] if doc[pronoun.i - 1].text != "," or pronoun.i < 2 else doc[pronoun.i - 2]
    return before if before.pos_ == "PROPN" else None


def beside(sent: SpacySpan, place: Place) -> bool:
    """"recaptured the village of X near Bakhmut": a place named as a landmark did not change hands."""
    span = sent.doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    head = span.root.head if span is not None and len(span) else None
    if head is not None and head.lower_ == "of" and head.head.lemma_.lower() in UNNAMED_THEMES:
        head = head.head.head  # "positions near the village of X"
    return head is not None and head.lower_ in ("near", "outside", "around", "towards", "toward", "beyond",
                                                "behind")


def governed(token: Token, place: Place) -> bool:
    """A change told by a noun that is a clause's subject ("the liberation of X deprived ... of Y") is
    about the places in its own phrase only."""
    if token.pos_ != "NOUN" or token.dep_ not in ("nsubj", "nsubjpass"):
        return True
    return token.left_edge.idx <= place.span.start < token.right_edge.idx + len(token.right_edge)


def listed_regions(sent: SpacySpan, place: Place) -> bool:
    """"the battles for Chernihiv, Sumy and Zaporizhzhia oblasts": a list closed by a plural region
    noun names regions, not the cities the gazetteer may take them for."""
    span = sent.doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    first = span.root
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    return any(t.dep_ == "conj" and t.tag_ == "NNS" and t.lemma_.lower() in REGION_NOUNS for t in first.subtree)


def settlement(place: Place) -> bool:
    """A populated place, or one the gazetteer could not type (a village it lacks)."""
    return (place.feature_code or "PP").startswith("PP")


def unnamed_theme(token: Token) -> Token | None:
    """What was taken, when it is a common noun ("recaptured villages in the region"): the place named
    is where they lie, not what changed hands. "The villages of X and Y" name what changed hands."""
    themes = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    themes += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
               if g.dep_ == "pobj"]
    for theme in themes:
        if theme.lemma_.lower() in QUANTITY_NOUNS:  # "a number of settlements"
            theme = next((g for c in theme.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
                         theme)
        if theme.lemma_.lower() in UNNAMED_THEMES and not any(
                g.pos_ == "PROPN" for c in theme.children if c.lower_ == "of" for g in c.subtree):
            return theme
    return None


def described(token: Token, places: Sequence[Place]) -> list[Place]:
    """The place a relative clause is about: its noun, or the place that noun is in apposition to. The
    small parser often takes "X, a town that forces captured" for a complement with "that" as object:
    then the last place before "that"."""
    doc = token.doc
    if token.dep_ == "relcl":
        noun = token.head
    else:
        that = next((c for c in token.children if c.lower_ in ("that", "which") and c.dep_ in ("dobj", "nsubjpass")
                     and c.i < token.i), None)
        nouns = [t for t in doc[token.sent.start:that.i] if t.lemma_.lower() in UNNAMED_THEMES] if that else []
        if not nouns:
            return []
        noun = nouns[-1]
    targets = {noun.i} | ({noun.head.i} if noun.dep_ == "appos" else set())
    return [p for p in places if (span := doc.char_span(p.span.start, p.span.end, alignment_mode="expand"))
            is not None and len(span) and span.root.i in targets]


def listed(sent: SpacySpan, token: Token, places: Sequence[Place]) -> list[Place]:
    """The places listed right after a colon that follows the verb (the parser may or may not start a
    new sentence there), up to the end of the list."""
    colon = next((t for t in sent if t.text == ":" and t.i > token.i), None)
    if colon is not None:
        begin = colon.idx + 1
    elif sent.text.rstrip().endswith(":"):
        begin = sent.end_char
    else:
        return []
    after = doc_text(sent.doc)[begin:begin + 400]
    stop = next((i for i, ch in enumerate(after) if ch in ".!?" or after[i:i + 2] == "\n\n" and i > 2), len(after))
    return [p for p in places if begin <= p.span.start < begin + stop]


def listed_after(token: Token, found: list[Place]) -> bool:
    """"liberated three villages: X, Y and Z": the places are listed after a colon."""
    colon = next((t for t in token.sent if t.text == ":" and t.i > token.i), None)
    return colon is not None and all(p.span.start > colon.idx for p in found)


def called(place: Place, text: str) -> str | None:
    """The noun the text calls the place by, lowercase: "the outskirts of Kharkiv" -> "outskirts"."""
    found = _CALLED.search(text, max(0, place.span.start - 40), place.span.start)
    return found.group(1).lower() if found else None


def on_the_edge_of(sent: SpacySpan, place: Place) -> bool:
    """ "The outskirts of Kharkiv": fighting there is located at Kharkiv, but Kharkiv did not change hands."""
    return called(place, doc_text(sent.doc)) in EDGE_NOUNS
