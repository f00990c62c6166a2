"""The words around a name that say what it is: a division word before it ("the province of Idlib"), a verb
of saying after it ("Washington said": a government), a saint's possessive before a building ("St. Mary's
Hospital"), capitals of a dateline ("OKLAHOMA CITY")."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

# "the province of X": a division named by the word before it (the plural "regions of" lists, so is left out)
DIVISIONS_BEFORE = {"region", "oblast", "province", "district", "county", "state", "governorate", "prefecture",
                    "raion", "enclave", "canton", "emirate"}
# what a government does: "Washington said", "Moscow denied", "Beijing announced"
SPEECH_VERBS = {"say", "announce", "deny", "warn", "accuse", "insist", "respond", "reply", "promise", "vow",
                "threaten", "demand", "urge", "reject", "condemn", "claim", "confirm", "retaliate", "expel",
                "impose", "sanction", "protest", "declare", "decide", "agree", "refuse", "blame", "call"}


def division_before(doc: Doc, start: int, end: int) -> str:
    """"the province of Idlib", "the state of Washington", "the enclave of Afrin": the division word; also
    of each name of a list after a plural one ("the regions of Chernihiv and Zhytomyr": "region" for both)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    head, plural_only = span.root, False
    while head.dep_ == "conj" and head.head.i < head.i:
        head, plural_only = head.head, True  # "... and Zhytomyr": where the list begins
    first = head.left_edge if plural_only else span[0]
    if first.i < 2 or doc[first.i - 1].lower_ != "of":
        return ""
    word = doc[first.i - 2].lower_
    if word == "district" and (first.i < 3 or doc[first.i - 3].lower_ != "the"):
        return ""  # "a residential district of Kharkiv", "one district of Kyiv": a part of the city, no raion
    if word in DIVISIONS_BEFORE and not plural_only:
        return word
    # "districts of Kharkiv" are quarters of the city, not its raion
    return word[:-1] if word in ("regions", "oblasts", "provinces", "governorates", "states") else ""


INSTITUTIONS = {"hospital", "church", "cathedral", "basilica", "school", "college", "university", "academy",
                "chapel", "abbey", "hall", "infirmary", "seminary", "priory", "monastery", "clinic", "square",
                "stadium", "park"}
SAINTS = {"st", "st.", "saint", "ste", "ste.", "sainte", "san", "santa", "sao", "são"}


def through_possessive(doc: Doc, span: SpacySpan) -> SpacySpan:
    """The span with the possessive that follows or ends it: "St. Peter" -> "St. Peter's"."""
    end = span.end
    if end < len(doc) and doc[end].lower_ in ("'s", "’s") and doc[end - 1].lower_ not in ("'s", "’s"):
        end += 1
    return doc[span.start:end]


def saints_building(doc: Doc, span: SpacySpan) -> bool:
    """A saint's name in the possessive before a capitalised word: a church, school or hospital named after the
    saint ("St. Mary's Hospital"), not a place called St. Mary; a place whose name has the possessive
    ("St. John's") is one of the gazetteer's names, which the caller checks."""
    if not len(span) or span[0].lower_ not in SAINTS:
        return False
    whole = through_possessive(doc, span)
    if whole[-1].lower_ not in ("'s", "’s"):
        return False
    return whole.end < len(doc) and doc[whole.end].lower_ in INSTITUTIONS and doc[whole.end].text[:1].isupper()


def speaks(doc: Doc, start: int, end: int) -> bool:
    """The place is the subject of a verb of saying or deciding, so it stands for a government."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_.lower() in SPEECH_VERBS


def capitals(doc: Doc, i: int) -> bool:
    """A word of a dateline or heading in capitals ("OKLAHOMA CITY", "SAN ANTONIO"), which the tagger often
    calls a verb or a noun: long enough not to be an acronym, in a run of capitals that starts a line or
    sentence."""
    token = doc[i]
    if not (token.is_alpha and token.text.isupper() and len(token) > 2):
        return False
    j = i
    while j > 0 and doc[j - 1].is_alpha and doc[j - 1].text.isupper():
        j -= 1
    return j == 0 or doc[j].is_sent_start or "\n" in doc[j - 1].text or "\n" in doc[j - 1].whitespace_


# a town's services and offices after its name: "Beverly Hills Police Department", "Slidell PD", "Seattle Fire"
MUNICIPAL_WORDS = {"police", "pd", "fire", "sheriff", "council", "mayor", "chamber", "municipality"}


def municipal(doc: Doc, i: int) -> bool:
    """Whether token ``i`` (the one after a name) is a town's service or office, capitalised as a name's part."""
    return i < len(doc) and doc[i].lower_ in MUNICIPAL_WORDS and doc[i].text[:1].isupper()
