"""Toponym recognition: NER spans, gazetteer matches of proper-noun runs, and demonyms.

The small NER mislabels many toponyms (Belgorod and Mariupol as organisations,
Kyiv as a person), so its label only sets how much gazetteer evidence a span
needs: a GPE/LOC/FAC span is a place even when the gazetteer lacks it; any
other span or unlabelled proper-noun run must match a notable entry. Person
names that happen to be places ("Uncle Roma", "Jack London") are dropped by
their context, not by a list of names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span as SpacySpan, Token

from wirewatch.dates import WEEKDAYS
from wirewatch.models import GazetteerEntry
from wirewatch.nlp import doc_text
from wirewatch.places.context import (SAINTS, capitals, division_before, municipal, saints_building, speaks,
                                      through_possessive)
from wirewatch.places.gazetteer import Gazetteer
from wirewatch.places.names import FEATURE_WORDS, LANGUAGES, NOT_PLACES, PERSON_TITLES, REGION_WORDS, UNIT_WORDS
from wirewatch.places.spelling import division_variants, name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
CONNECTORS = {"and", "of", "de", "del", "da", "do", "la", "le", "el", "upon", "on"}
LANGUAGE_DEPS = {"pobj", "dobj", "nsubj", "nsubjpass", "conj", "attr", "appos", "ROOT"}
OTHER_LABELS = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"}
MAX_CANDIDATES = 30
MAX_NAME_WORDS = 5  # the longest place name looked for inside a longer one: "Democratic Republic of the Congo"
SPELLING_RATIO = 80  # how alike two spelling keys of one name are (Misrata, Misratah: 93; Hamas, Hamm: 75)
SETTLEMENT_NOUNS = {"village", "town", "city", "settlement", "hamlet", "township", "suburb", "district"}
# what forces do to a place: its object is a place even when the NER calls it a person
TERRITORY_VERBS = {"liberate", "recapture", "retake", "capture", "seize", "occupy", "free", "storm", "encircle",
                   "shell", "bombard", "reclaim", "annex", "evacuate", "besiege"}
OUSTING_VERBS = {"push", "drive", "force", "kick", "oust", "expel", "throw", "chase"}  # "pushed the enemy out of X"
WITHDRAWAL_VERBS = {"withdraw", "retreat", "pull"}  # "withdrew its troops from X", "pulled out of X"
STRIKE_NOUNS = {"strike", "raid", "attack", "bombardment"}  # "an air strike on X", "a drone attack on X"
# "X fell to Russian forces": what falls to an armed force is a place it took
FORCE_NOUNS = {"force", "troop", "army", "rebel", "militant", "fighter", "soldier", "enemy", "militia", "insurgent",
               "jihadist", "unit"}
# "X, a village north of ...", "X, a small town on the river"
_APPOSED_SETTLEMENT = re.compile(r",\s+an?\s+(?:[a-z-]+\s+){0,2}(?:%s)\b" % "|".join(sorted(SETTLEMENT_NOUNS)))
INSIDE = {"in", "near", "outside", "around", "inside", "into", "towards", "toward"}  # not "from", "to": people
LOCATIVE = {"in", "at", "from", "to", "near", "into", "across", "outside", "around", "towards", "toward",
            "through", "of", "via", "over", "inside", "throughout", "between"}


@dataclass
class Mention:
    start: int
    end: int
    text: str
    candidates: list[GazetteerEntry]
    region: bool = False  # "X region": a division, not the town
    demonym: bool = False  # "Syrian" resolved to its country
    label: str = ""  # the NER label it came from, "" for a gazetteer match
    container: list[int] = field(default_factory=list)  # indices of mentions that contain it ("X, in the Y region")
    main: set[int] = field(default_factory=set)  # ids of the candidates whose own name the text is
    dominant: set[int] = field(default_factory=set)  # divisions a same-named city in them outweighs
    named: set[int] = field(default_factory=set)  # ids of the candidates one of whose names the text is
    division: str = ""  # the division word written before the name: "the province of Idlib" -> "province"
    speaker: bool = False  # the subject of a verb of saying: "Washington said", "Moscow denied" (a government)
    bare: bool = False  # neither "the" before it nor a feature word in it: "in Dnipro", not "the Dnipro (River)"


class Recogniser:
    def __init__(self, gazetteer: Gazetteer, demonyms: bool = False) -> None:
        self.gazetteer = gazetteer
        self.demonyms = demonyms
        self._pending: list[Mention] = []
        self._home_codes: set[str] = set()  # postal codes of the outlet's own division (set per document)

    def __call__(self, doc: Doc, home: list[GazetteerEntry] | tuple = ()) -> list[Mention]:
        """``home``: the outlet's places; the postal code of its own division stands alone in its names
        ("FrontCounter BC" in a British Columbia government release)."""
        taken = [False] * len(doc)
        mentions: list[Mention] = []
        self._pending = []
        home_ids = {h.geonameid for h in home if h.feature_code == "ADM1"}
        self._home_codes = {code for code in self.gazetteer.postal if any(
            c.geonameid in home_ids for c in self.gazetteer.postal_candidates(code))} if home_ids else set()
        person_words = _person_words(doc)
        for ent in doc.ents:
            found = self._from_entity(doc, ent, person_words)
            mentions.extend(found)
            if found or ent.label_ in ("PERSON", "ORG", "NORP") or ent.label_ in PLACE_LABELS:
                for i in range(ent.start, ent.end):
                    taken[i] = True
            for m in found:  # "Kharkiv region": the region word joins the mention
                for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                    taken[t.i] = True
        mentions += self._from_runs(doc, taken, person_words)
        guessed = self._pending + self._capitalised(doc, taken, mentions)
        mentions += _confirmed(guessed, mentions, doc_text(doc))
        mentions += self._list_mates(doc, mentions)
        mentions.sort(key=lambda m: m.start)
        groups = _group_names(doc_text(doc))
        mentions = _dedupe([m for m in mentions if m.text not in groups])
        for m in mentions:
            m.speaker = speaks(doc, m.start, m.end)
            m.division = "" if m.region or m.demonym else division_before(doc, m.start, m.end)
        return mentions

    # -- entity spans ---------------------------------------------------------
    def _from_entity(self, doc: Doc, ent: SpacySpan, person_words: set[str]) -> list[Mention]:
        label = ent.label_
        if label == "GPE" and len(ent) == 1 and self.gazetteer.demonym(ent.text) is not None:
            return [m] if (m := self._demonym(ent)) else []  # "Ukrainian" tagged as a GPE
        if label in PLACE_LABELS:
            ent = self._extend(doc, ent)
            m = self._mention(doc, ent, strict=False, label=label, person_words=person_words)
            if m is not None and m.candidates:
                return [m]
            # "Greece Italy" run together, "Vienna/Fairfax Metro": the places inside, else the span unresolved
            return self._embedded(doc, ent, person_words) or ([m] if m else [])
        if label == "NORP":
            m = self._demonym(ent)
            if m:
                return [m]
            m = self._mention(doc, ent, strict=True, label=label, person_words=person_words)
            return [m] if m else self._embedded(doc, ent, person_words)
        if len(ent) == 1 and label in ("PERSON", "LANGUAGE") and (m := self._demonym(ent)):
            return [m]  # "laid by Azerbaijani soldiers" tagged as a person
        if label in OTHER_LABELS:
            m = self._mention(doc, ent, strict=True, label=label, person_words=person_words)
            if m:
                return [m]
            return self._embedded(doc, ent, person_words) if label != "PERSON" else []
        return []

    def _extend(self, doc: Doc, ent: SpacySpan) -> SpacySpan:
        """The NER cut a name short ("Trinidad" | "and Tobago", "Boa" | "Vista"): the longest continuation
        that is one of a gazetteer entry's names."""
        end = ent.end
        while end < len(doc) and end - ent.end < 3 and (doc[end].text[:1].isupper() and doc[end].is_alpha or
                                                        doc[end].lower_ in CONNECTORS):
            end += 1
        for stop in range(end, ent.end, -1):
            if doc[stop - 1].lower_ in CONNECTORS:
                continue
            longer = doc[ent.start:stop]
            if any(self.gazetteer.is_name(c, longer.text) for c in self.gazetteer.candidates(longer.text)[:5]):
                return longer
        return ent

    def _embedded(self, doc: Doc, ent: SpacySpan, person_words: set[str]) -> list[Mention]:
        """Places named inside a longer name: "University of California", "European Commission"."""
        if len(ent) < 2:
            return []
        found: list[Mention] = []
        i = ent.start
        while i < ent.end:
            token = doc[i]
            demonym = self._demonym(doc[i:i + 1])  # "Canadian Blood Services", "anti-Russian": any tag
            if demonym:
                found.append(demonym)
                i += 1
                continue
            if not _is_proper(token) and not token.text.isupper() or i > ent.start and doc[i - 1].lower_ in SAINTS:
                i += 1  # "St. Mary's Hospital": Mary is the saint
                continue
            # inside a name, a word is a place only on strong evidence ("Beverly Hills Police": not "Hills");
            # "Aberaeron, Ceredigion" tagged as one name: a comma ends a name; so does a preposition of place
            # ("Bairak near Izium" tagged as one organisation)
            starts = i == ent.start or doc[i - 1].text == "," or doc[i - 1].lower_ in ("near", "outside") or \
                i == ent.start + 1 and doc[ent.start].lower_ == "the"
            spans = [(end, 0 if starts and (end == ent.end or doc[end].text == "," or municipal(doc, end)) else
                      2 if not starts else 1) for end in range(min(ent.end, i + MAX_NAME_WORDS), i, -1)]
            i = self._longest(doc, i, spans, person_words, found)
        return found

    # -- proper-noun runs the NER missed --------------------------------------
    def _from_runs(self, doc: Doc, taken: list[bool], person_words: set[str]) -> list[Mention]:
        found: list[Mention] = []
        i = 0
        while i < len(doc):
            if taken[i] or not (_is_proper(doc[i]) or self._demonym_token(doc[i]) or capitals(doc, i)):
                i += 1
                continue
            demonym = self._demonym(doc[i:i + 1])
            if demonym:
                found.append(demonym)
                i += 1
                continue
            j = i
            while j < len(doc) and j - i < 5 and not taken[j] and (_is_proper(doc[j]) or capitals(doc, j) or j > i and (
                    doc[j].is_alpha and doc[j].text[:1].isupper() or  # "Boa Vista" with Vista tagged a noun
                    doc[j].lower_ in CONNECTORS and j + 1 < len(doc) and _is_proper(doc[j + 1]))):
                j += 1  # "Trinidad and Tobago", "Isle of Man", "Rio de Janeiro" are one name
            # a word inside a longer name ("Jos. A. Bank", "National Guard", "Ocean Infinity") is a place only
            # on strong evidence; so, less strictly, is the first word when a name follows it
            follows_name = i > 0 and _is_proper(doc[i - 1])
            spans = [(end, 2 if follows_name else 1 if end < len(doc) and _is_proper(doc[end]) and
                      not municipal(doc, end) else 0)
                     for end in range(j, i, -1) if doc[end - 1].lower_ not in CONNECTORS]
            i = self._longest(doc, i, spans, person_words, found)
        return found

    def _longest(self, doc: Doc, start: int, spans: list[tuple[int, int]], person_words: set[str],
                 found: list[Mention]) -> int:
        """Add to ``found`` the longest place name from ``start`` (``spans``: (end, inner), longest first);
        returns the token to go on from."""
        for end, inner in spans:
            m = self._mention(doc, doc[start:end], strict=True, label="", person_words=person_words, inner=inner)
            if m:
                found.append(m)
                return end
        return start + 1

    def _capitalised(self, doc: Doc, taken: list[bool], mentions: list[Mention]) -> list[Mention]:
        """Capitalised words the tagger did not call proper nouns ("Kharkiv itself was calm"): kept only when
        the document names the same place elsewhere (see ``_confirmed``)."""
        keys = {_head_key(m) for m in mentions if m.candidates}
        found = []
        for t in doc:
            if taken[t.i] or t.pos_ == "PROPN" or not t.is_alpha or not t.text[:1].isupper() or \
                    t.lower_ in NOT_PLACES or name_key(t.text) not in keys:
                continue
            candidates = self.gazetteer.candidates(t.text)[:MAX_CANDIDATES]
            if candidates:
                found.append(Mention(t.idx, t.idx + len(t), t.text, candidates))
        return found

    def _list_mates(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Names listed with a place ("shelling of Kherson, Beryslav and Bilozerka", whatever the NER made of
        the others) that are settlements of that place's country."""
        at = {}
        for m in mentions:
            if m.candidates and not m.demonym:
                for t in doc.char_span(m.start, m.end, alignment_mode="expand") or ():
                    at[t.i] = m
        found = []
        for t in doc:
            if t.dep_ != "conj" or t.pos_ != "PROPN" or t.i in at or not t.text[:1].isupper():
                continue
            head = t.head
            while head.dep_ == "conj" and head.i not in at and head.pos_ == "PROPN":
                head = head.head  # "Kherson, Beryslav and Bilozerka": Bilozerka hangs from Beryslav
            mate = at.get(head.i)
            if mate is None or mate.candidates[0].feature_class not in ("P", "A"):
                continue
            start = t.i
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound":
                start -= 1
            span = doc[start:t.i + 1]
            first = mate.candidates[0]
            candidates = [c for c in self.gazetteer.candidates(span.text)[:MAX_CANDIDATES]
                          if c.feature_class == "P" and c.country_code == first.country_code]
            # villages listed together mostly lie in one region: a namesake there before a bigger one elsewhere
            candidates = [c for c in candidates if c.admin1 == first.admin1] or candidates
            # a village the gazetteer lacks, listed after two places, is a place of the list all the same
            # ("near Kurakhove, Petropavlivka, Dachne, and Slovianka"): kept unresolved, as events need it
            listed = candidates or first.feature_class == "P" and _settlements_before(head, at) >= 2
            if listed and not any(m.start < span.end_char and span.start_char < m.end for m in mentions):
                found.append(Mention(span.start_char, span.end_char, span.text, candidates))
        return found

    # -- one span ---------------------------------------------------------------

    def _mention(self, doc: Doc, span: SpacySpan, strict: bool, label: str,
                 person_words: set[str], inner: int = 0) -> Mention | None:
        while len(span) and span[0].lower_ in ("the", "a", "an"):
            span = span[1:]
        if not len(span):
            return None
        if saints_building(doc, span):
            return None  # "St. Peter's Basilica", "St. Mary's Hospital": named after the saint, not the town
        whole = through_possessive(doc, span)
        if whole[-1].lower_ in ("'s", "’s") and len(whole) > 1 and any(
                self.gazetteer.is_main_name(c, whole.text) for c in self.gazetteer.candidates(whole.text)[:5]):
            span = whole  # "St. John's": the possessive is part of the name
        while len(span) and (span[-1].is_punct and span[-1].text != "." or span[-1].lower_ in ("'s", "’s", "'")) \
                and span is not whole:
            span = span[:-1]
        if len(span) == 1 and span[0].lower_ in FEATURE_WORDS and span.start > 0 and \
                doc[span.start - 1].is_alpha and doc[span.start - 1].text[:1].isupper():
            return None  # "the French Quarter", "Napa Valley": the word ends a longer name
        if not len(span) or not (span.text[:1].isupper() or _particle(span[0])) or span.text.lower() in NOT_PLACES:
            return None
        span = self._hyphenated(doc, span)
        if _person_context(doc, span, person_words, label):
            return None
        if span.end < len(doc) and doc[span.end].lower_ in UNIT_WORDS:
            return None  # "the Azov regiment" is a unit named after a place, not the town
        region = False
        head = span
        if len(span) > 1 and span[-1].lower_ in REGION_WORDS:  # the NER took "Kharkiv Oblast" whole
            head, region = span[:-1], True
        elif span.end < len(doc) and doc[span.end].lower_ in REGION_WORDS and doc[span.end].lower_ != "state":
            region = True
            span = doc[span.start:span.end + 1]
        elif _shares_region_word(doc, span.end):
            region = True  # "the Belgorod and Kursk regions": the plural word makes both regions
        if _acronym(head.text) and head.text not in self.gazetteer.abbreviations:
            return self._postal(doc, span, label)
        candidates = self.gazetteer.candidates(head.text)
        if head.text in self.gazetteer.abbreviations:  # "US" is the United States, never Us in France
            candidates = candidates[:1]
        if not candidates and head.text.endswith("."):
            candidates = self.gazetteer.candidates(head.text[:-1])
        if head.text.endswith(".") and not (candidates and head.text in self.gazetteer.abbreviations):
            # "Ky." is Kentucky; a sentence-final "Rome." is Rome without its full stop
            span, head = _drop_final_dot(doc, span), _drop_final_dot(doc, head)
        candidates = candidates[:MAX_CANDIDATES]
        if not candidates and span[-1].lower_ in WEEKDAYS:
            return None  # "on the morning of Palm Sunday", "Good Friday": a day the gazetteer does not know
        if not candidates and not inner and not (label == "NORP" and _looks_demonym(head.text)) \
                and _settlement_context(span) and _plain_name(span) \
                and not _person_elsewhere(doc, span) \
                and not (span.start > 0 and doc[span.start - 1].lower_ == "the"):
            # "liberated Pytomnyk", "the villages of Rubizhne and Bairak": a settlement the gazetteer lacks is
            # still a place, unresolved (no id, no coordinates); a town takes no article ("seized the Verkhovna
            # Rada" took a parliament)
            return Mention(span.start_char, span.end_char, span.text, [], region, label=label)
        if not candidates:
            # a GPE the gazetteer lacks is mostly a person or firm ("Guhdar", "Dropbox"); keep it only when
            # its words say what it is ("Torkula village", "Royal Street"); LOC and FAC are kept
            if strict or label not in PLACE_LABELS or _looks_demonym(head.text) or (
                    label == "GPE" and not region and not any(t.lower_ in FEATURE_WORDS for t in span)):
                return None
            return Mention(span.start_char, span.end_char, span.text, [], region, label=label)
        before = doc[span.start - 1].lower_ if span.start > 0 else ""
        if strict and not self._notable(candidates, head.text, label, inner,
                                        before in LOCATIVE or municipal(doc, span.end), before == "the",
                                        settlement=not inner and (_settlement_context(span) or _taken(span)),
                                        region=region,
                                        inside=before in INSIDE):
            if not inner:  # kept in case the document names the place plainly elsewhere, or its region after it
                self._pending.append(Mention(span.start_char, span.end_char, span.text, candidates, region,
                                             label=label))
            return None
        return Mention(span.start_char, span.end_char, span.text, candidates, region, label=label)

    def _hyphenated(self, doc: Doc, span: SpacySpan) -> SpacySpan:
        """The whole of a hyphenated name the tokenizer split ("Gilgit-Baltistan", "Miami-Dade"), when the
        whole is one of a gazetteer entry's names; "Dubai-London flights" stay two names."""
        start, end = span.start, span.end
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and \
                not doc[end].whitespace_ and doc[end + 1].text[:1].isupper() and doc[end + 1].is_alpha:
            end += 2
        while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and \
                not doc[start - 1].whitespace_ and doc[start - 2].text[:1].isupper() and doc[start - 2].is_alpha:
            start -= 2
        if (start, end) == (span.start, span.end):
            return span
        whole = doc[start:end]
        if any(self.gazetteer.is_name(c, whole.text) for c in self.gazetteer.candidates(whole.text)[:5]):
            return whole
        return span

    def _notable(self, candidates: list[GazetteerEntry], text: str, label: str, inner: int = 0,
                 locative: bool = False, definite: bool = False, settlement: bool = False,
                 region: bool = False, inside: bool = False) -> bool:
        """Whether a span the NER did not call a place has enough gazetteer evidence to be one.

        The text must be the entry's own name (an alternate name or spelling key is not enough: "July" keys
        like Yuli, "Julia" is an old name of a city), except for countries ("Britain", "America"). A town of
        modest size also needs a locative word before it ("in Alliance") unless the NER called it a name.
        ``inner``: 2 when the span follows another capitalised word (a big city under its own name, a country
        or a first-level division: "Beverly Hills" is not The Hills), 1 when one follows it (no small town).
        ``inside``: a preposition of place ("in", "near") comes before it: then a town of some size goes by
        any of its recorded names ("fighting near Avdiivka", a spelling of Avdiyivka).
        """
        if text in self.gazetteer.abbreviations:
            return label != "PERSON"
        for c in candidates[:8]:
            if c.feature_code in ("PCLI", "CONT") and label != "PERSON":
                return True
            if settlement and c.feature_class == "P" and len(text) > 3:
                return True  # "liberated Rusky Tyshky": a settlement under a spelling variant of its name
            if not self.gazetteer.is_name(c, text):
                continue
            if region and c.feature_class == "A" and label != "PERSON":
                return True  # "Marathon County Sheriff's Office": the name says it is a division
            main = self.gazetteer.is_main_name(c, text)
            # rivers and regions go by many names, written with "the": "the Cauvery", "the Dnieper"
            if c.feature_code in ("PCLI", "CONT", "ADM1") or c.feature_class in ("H", "T", "L", "S") and (
                    main or definite and label != "PERSON"):
                return True
            # a big city under another of its names ("Douma" for Duma) when the NER or a preposition agrees
            if inner == 2 and not (main and c.feature_class == "P"):
                continue
            # (a name the NER calls an organisation or a person needs more than "of" unless it is a spelling of
            # the city's own name: "hometown of Kryvyi Rih", "Misrata", but "the destruction of Hamas" is not of
            # Hamm, whose name it is in some language)
            if c.population >= 100_000 and (main or (inside if _another_name(text, c.name, label) else
                                                    label or locative)):
                return True
            if not inner and c.population >= 15_000 and self.gazetteer.is_main_name(c, text) and (
                    locative or label in ("ORG", "NORP", "PRODUCT")):
                return True
            if not inner and inside and c.feature_class == "P" and c.population >= 15_000:
                return True
            # "fighting continued in Chasiv Yar" (the NER made it a person): a town under its own name after
            # a preposition of place ("in", "near"), which does not come before a person's name
            if not inner and inside and label == "PERSON" and c.feature_class == "P" and main \
                    and c.population >= 1_000:
                return True
            # "the villages of Rubizhne and Bairak", "recaptured Staryi Saltiv": the sentence says it is a
            # settlement, whatever the NER thought of the name
            if settlement and c.feature_class == "P" and main and len(text) > 3:
                return True
            # "applicants in Portroe": a village under its own name, after a preposition of place
            if not inner and locative and label in ("", "ORG") and c.feature_class == "P" and main and len(text) > 3 and \
                    text.lower() not in LANGUAGES and self.gazetteer.demonym(text) is None:
                return True
        return False

    def _postal(self, doc: Doc, span: SpacySpan, label: str) -> Mention | None:
        """A postal abbreviation right after a place and a comma: "Vancouver, BC", "Newark, NJ"; or the code of
        the outlet's own division anywhere it is written in capitals ("FrontCounter BC")."""
        code = span.text.replace(".", "")
        candidates = self.gazetteer.postal_candidates(code)
        if code in self._home_codes and span.text.isupper() and not (
                span.start > 0 and doc[span.start - 1].like_num):  # "300 BC" is a year
            home_ids = {c.geonameid for c in candidates}
            return Mention(span.start_char, span.end_char, span.text, candidates, label=label or "GPE") \
                if home_ids else None
        if not candidates or span.start < 2 or doc[span.start - 1].text != "," or not (
                _is_proper(doc[span.start - 2]) or doc[span.start - 2].ent_type_ in PLACE_LABELS):
            return None
        return Mention(span.start_char, span.end_char, span.text, candidates, label=label or "GPE")

    def _demonym_token(self, token: Token) -> bool:
        return self.demonyms and token.text[:1].isupper() and token.lower_ in self.gazetteer.demonyms

    def _demonym(self, span: SpacySpan) -> Mention | None:
        if not self.demonyms:
            return None
        while len(span) and span[0].lower_ == "the":
            span = span[1:]
        if not len(span) or not span.text[:1].isupper():
            return None
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.text[:1].isupper() and self.gazetteer.demonym(f"{before.text} {span.text}"):
            span = span.doc[span.start - 1:span.end]  # "North American", "Central American": the region's
        after = span.doc[span.end] if span.end < len(span.doc) else None
        if after is not None and after.lower_ in FEATURE_WORDS and after.text[:1].isupper():
            return None
        if span.text.lower() in LANGUAGES and span[-1].dep_ in LANGUAGE_DEPS and (
                after is None or after.text != "-" and after.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")):
            return None  # the language, not the country: "in English", "speaks French"
        entry = self.gazetteer.demonym(span.text)
        if entry is None:
            return None
        return Mention(span.start_char, span.end_char, span.text, [entry], demonym=True, label="NORP")


def _another_name(text: str, name: str, label: str) -> bool:
    """A name the NER calls an organisation or a person that is not a spelling of the place's own name."""
    return label in ("ORG", "PERSON") and not any(
        fuzz.ratio(name_key(text), name_key(v)) >= SPELLING_RATIO for v in division_variants(name))


def _is_proper(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and (token.is_alpha or token.text.endswith("."))


def _acronym(text: str) -> bool:
    """"UN", "AI", "HAP", "B.C.": capitals short enough to be an acronym rather than a place's name."""
    letters = text.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def _looks_demonym(text: str) -> bool:
    return text.endswith(("ian", "ean", "ese", "ish", "ians", "ans"))


def _drop_final_dot(doc: Doc, span: SpacySpan) -> SpacySpan:
    if span.text.endswith(".") and len(span[-1]) > 1:
        trimmed = doc.char_span(span.start_char, span.end_char - 1, alignment_mode="contract")
        if trimmed is not None and len(trimmed):
            return trimmed
    return span


_GROUP = re.compile(r"\b((?:[A-Z][\w'-]+ )*[A-Z][\w'-]+) Group\b")


def _group_names(text: str) -> set[str]:
    """The names of groups the text calls "X Group": a bare "X" is the group ("the Wagner Group ... Wagner's
    fighters": not Wagner, South Dakota). Capitalised words before the name may belong to the sentence ("The
    Wagner Group"), so each of its endings counts."""
    names = set()
    for found in _GROUP.finditer(text):
        words = found.group(1).split()
        names.update(" ".join(words[i:]) for i in range(len(words)))
    return names


def _person_elsewhere(doc: Doc, span: SpacySpan) -> bool:
    """A word of the name is in a multi-word person's name elsewhere in the document ("Putin" after "Vladimir
    Putin"); the name itself taken for a person ("al-Khuwei", here or elsewhere) does not count."""
    words = {t.lower_ for t in span if t.is_alpha and len(t) > 2}
    return any(ent.label_ == "PERSON" and len(ent) > 1 and re.sub(r"['’]s$", "", ent.text) != span.text
               and words & {t.lower_ for t in ent} for ent in doc.ents)


def _person_words(doc: Doc) -> set[str]:
    """Words that are part of a multi-word person name somewhere in the document."""
    return {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent if t.is_alpha}


def _taken(span: SpacySpan) -> bool:
    """"had taken Soledar": what was taken is a settlement when the gazetteer has one by that name (unlike
    the verbs above, "take" alone makes no unknown name a place: "the Prime Minister was taken to hospital")."""
    root = span.root
    return root.dep_ == "dobj" and root.head.lemma_.lower() == "take"


def _shares_region_word(doc: Doc, i: int) -> bool:
    """A list of names ends in a plural division word: "(Belgorod) and Kursk regions", "(Sumy), Kharkiv and
    Poltava oblasts"."""
    if i >= len(doc) or doc[i].lower_ not in ("and", ","):
        return False
    for t in doc[i + 1:i + 8]:
        if t.lower_ in ("regions", "oblasts", "provinces", "districts", "governorates"):
            return True
        if not (t.lower_ in ("and", ",") or t.text[:1].isupper() and t.is_alpha):
            return False
    return False


def _settlement_context(span: SpacySpan) -> bool:
    """The sentence treats the name as a settlement: it (or the first name of the list it is in) is named by
    a settlement noun ("the villages of X, Y and Z", "the town of X", "X, a town on the river"), is what
    troops took, lost, shelled, withdrew from or were pushed out of ("recaptured X", "X was liberated", "pushed
    the enemy out of X", "withdrew from X", "X fell to Russian forces"), is what an air strike hit, or is listed after
    a colon that ends a clause about settlements ("four settlements were liberated: X, Y and Z")."""
    root = span.root
    # the next few tokens only: doc.text would rebuild the whole document's text on every call
    if _APPOSED_SETTLEMENT.match(span.doc[span.end:span.end + 6].text):
        return True
    while root.dep_ in ("conj", "appos") and root.head != root:
        root = root.head
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of":
        outer = head.head
        return outer.lemma_.lower() in SETTLEMENT_NOUNS or (
            outer.lower_ == "out" and outer.head.lemma_.lower() in OUSTING_VERBS | WITHDRAWAL_VERBS)
    if root.dep_ == "pobj" and head.lower_ == "from":
        return head.head.lemma_.lower() in WITHDRAWAL_VERBS
    if root.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in STRIKE_NOUNS \
            and any(c.dep_ == "amod" and c.lower_ == "air" or c.lower_ in ("air", "drone", "missile")
                    for c in head.head.children):
        return True  # "an air strike on Jisr al-Shughur": what an air strike hits is a place
    if root.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
        return head.lemma_.lower() in TERRITORY_VERBS
    if root.dep_ == "nsubj" and head.lemma_.lower() == "fall":
        return any(c.lower_ == "to" and any(g.dep_ == "pobj" and g.lemma_.lower() in FORCE_NOUNS for g in c.children)
                   for c in head.children)
    if root.dep_ == "appos" and root.lemma_.lower() in SETTLEMENT_NOUNS:
        return True
    return _listed_after_colon(span)


def _listed_after_colon(span: SpacySpan) -> bool:
    """The name is in a list of names right after a colon whose clause names settlements."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and (doc[i].text in (",", "and") or _is_proper(doc[i])):
        i -= 1
    if i < 0 or doc[i].text != ":":
        return False
    # the parser often starts a new sentence after the colon: the clause is the one the colon ends
    return any(t.lemma_.lower() in SETTLEMENT_NOUNS for t in doc[doc[i].sent.start:i])


def _plain_name(span: SpacySpan) -> bool:
    """Capitalised words only, long enough not to be an initial or an acronym; a short particle joined to the
    name by a hyphen may be in lower case ("al-Khuwei", "el-Fasher")."""
    words = [t for t in span if t.text != "-" or t.whitespace_ or t.i == span.start]
    return len(span.text) > 3 and len(words) > 0 and words[-1].text[:1].isupper() and all(
        t.is_alpha and not t.text.isupper() and (t.text[:1].isupper() or _particle(t)) for t in words)


def _particle(token: Token) -> bool:
    """A short lower-case word joined by a hyphen to the capitalised name after it: "al-", "el-"."""
    doc = token.doc
    return len(token) <= 3 and not token.whitespace_ and token.i + 2 < len(doc) and doc[token.i + 1].text == "-" \
        and not doc[token.i + 1].whitespace_ and doc[token.i + 2].text[:1].isupper()


def _person_context(doc: Doc, span: SpacySpan, person_words: set[str], label: str) -> bool:
    """A title or kinship word before the name, or the name is one word of a person named elsewhere."""
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_.rstrip(".") in PERSON_TITLES and (
            before.text[:1].isupper() or label not in PLACE_LABELS):
        return True
    if label in PLACE_LABELS or len(span) > 1 or span.text.lower() not in person_words:
        return False
    # "London said" after "Jack London": a surname, unless a locative preposition says otherwise
    return not (before is not None and before.lower_ in LOCATIVE)


def _head_key(m: Mention) -> str:
    """The spelling key of the name without its division word: "Kharkiv oblast" -> the key of "Kharkiv"."""
    return name_key(m.text.rsplit(None, 1)[0] if m.region and " " in m.text else m.text)


def _inside(c: GazetteerEntry, k: GazetteerEntry) -> bool:
    """Whether place ``c`` lies in division ``k`` (by the names the gazetteer records)."""
    if c.country_code != k.country_code or c.geonameid == k.geonameid:
        return False
    return (k.feature_code == "ADM1" and c.admin1 == k.name) or (k.feature_code == "ADM2" and c.admin2 == k.name)


MAX_TO_REGION = 60  # characters from a name to the region said to hold it: the same phrase, not the next clause
_IN_CLAUSE = re.compile(r"^[^.;:!?]*\bin\b[^.;:!?]*$")  # "... station in Russia's ": an "in" and no clause end


def _confirmed(pending: list[Mention], mentions: list[Mention], text: str) -> list[Mention]:
    """Weak matches ("Izium" tagged ORG) whose name, in any spelling, the document elsewhere uses as a place."""
    keys = {_head_key(m) for m in mentions if m.candidates and not m.demonym}
    spans = [(m.start, m.end) for m in mentions]
    ends = {m.end: m for m in mentions if m.candidates}
    found = []
    weak_ends = {p.end: p for p in pending}
    for p in pending:
        # "New Quay, Ceredigion": the division that contains the place just named (or just weakly matched)
        before = next((m for e, m in (*ends.items(), *weak_ends.items())
                       if 0 < p.start - e <= 3 and text[e:p.start].strip() == ","), None)
        contains = before is not None and any(_inside(c, k) for c in before.candidates[:15] for k in p.candidates[:10])
        if p.label == "PERSON":
            # a name the NER took for a person is a town only when the region named just after it holds a town of
            # that very name ("the Unecha oil pumping station in Russia's Bryansk region")
            contains = any(_inside(c, k) for m in mentions if m.candidates and 0 < m.start - p.end <= MAX_TO_REGION
                           and _IN_CLAUSE.search(text[p.end:m.start]) for k in m.candidates[:5]
                           for c in p.candidates[:10] if c.feature_class == "P" and c.population >= 1_000
                           and c.name == p.text)
            if not contains:
                continue
        if (contains or name_key(p.text) in keys) and not any(p.start < e and s < p.end for s, e in spans):
            found.append(p)
            spans.append((p.start, p.end))
            if contains and before in pending and not any(before.start < e and s < before.end for s, e in spans):
                found.append(before)
                spans.append((before.start, before.end))
    return found


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    result: list[Mention] = []
    for m in mentions:
        if result and m.start < result[-1].end:
            if (m.end - m.start) > (result[-1].end - result[-1].start):
                result[-1] = m
            continue
        result.append(m)
    return result


def _settlements_before(token: Token, at: dict) -> int:
    """How many recognised places the list of ``token`` holds from it back to its first member."""
    count = 0
    while token.i in at:
        count += 1
        if token.dep_ != "conj" or token.head == token:
            break
        token = token.head
    return count
