"""The outlet's home: a prior for resolution ("London" in a Canadian paper, "Portland" in an Oregon one).

Read from what the article's metadata says about its publisher: the country
code of the web address (``.co.uk``, ``.ca``, ``.com.au``), a place named in the
host ("walesonline", "seattletimes", "timesofmalta") or in the outlet's name
("The Kyiv Independent", "Irish Times"). Only prominent places count (a
country, a first-level division or a city of 50,000 people or more, under its
own name), so a host that merely contains a word never moves a document.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from wirewatch.models import GazetteerEntry
from wirewatch.places.gazetteer import Gazetteer

# Top-level domains that are not countries' (or that outlets everywhere use: .tv, .fm, .co, .io, .me)
GENERIC_TLDS = frozenset({"com", "org", "net", "info", "biz", "news", "tv", "fm", "co", "io", "me", "ly", "edu",
                          "gov", "mil", "int", "online", "site", "media", "press", "eu", "am", "ws"})
TLD_COUNTRY = {"uk": "GB"}
# Words outlets put around a place in their names: "seattletimes", "timesofmalta", "walesonline".
NEWS_WORDS = ("the", "times", "of", "post", "news", "herald", "online", "express", "star", "tribune", "today",
              "live", "daily", "journal", "gazette", "chronicle", "record", "observer", "sun", "mail", "telegraph",
              "independent", "press", "globe", "standard", "examiner", "courier", "review", "tv", "radio", "courant",
              "weekly", "free", "inquirer", "dispatch", "leader", "argus", "bee", "mercury", "register", "sentinel",
              "guardian", "monitor", "voice", "world", "media", "now", "first", "report", "insider", "bulletin")
MIN_POPULATION = 50_000


def outlet_home(gazetteer: Gazetteer, url: str | None = None, source: str | None = None) -> list[GazetteerEntry]:
    """The places an outlet is at home in, most specific first (possibly none)."""
    found: list[GazetteerEntry] = []
    host = urlsplit(url if url and "//" in url else f"//{url or ''}").hostname or ""
    labels = [p for p in host.lower().split(".") if p and p != "www"]
    if labels:
        tld = labels[-1]
        cc = TLD_COUNTRY.get(tld, tld.upper()) if tld not in GENERIC_TLDS and len(tld) == 2 else None
        country = _country(gazetteer, cc) if cc else None
        name = labels[-3] if len(labels) >= 3 and labels[-2] in ("co", "com", "org", "net", "gov") else \
            labels[-2] if len(labels) >= 2 else labels[0]
        # under a country's domain the place must be in that country ("cambridge-news.co.uk": the English one)
        place = _place_in_label(gazetteer, name.replace("-", ""), cc if country is not None else None)
        if place is not None:
            found.append(place)
        for label in labels[:-1]:  # "news.gov.bc.ca": a province's own subdomain
            division = next((d for d in gazetteer.postal_candidates(label.upper()) if d.country_code == cc), None)
            if division is not None and cc and all(division.geonameid != f.geonameid for f in found):
                found.append(division)
        if country is not None and all(country.geonameid != f.geonameid for f in found):
            found.append(country)
    for word in _name_places(gazetteer, source or ""):
        if all(word.geonameid != f.geonameid for f in found):
            found.insert(0, word)
    return found


def _country(gazetteer: Gazetteer, cc: str) -> GazetteerEntry | None:
    return gazetteer.country(cc)


def _prominent(gazetteer: Gazetteer, text: str, cc: str | None = None) -> GazetteerEntry | None:
    """The most prominent entry whose own name ``text`` is, if it is prominent enough to be an outlet's home."""
    best: GazetteerEntry | None = None
    for entry in gazetteer.candidates(text)[:10]:
        if not gazetteer.is_main_name(entry, text) or cc is not None and entry.country_code != cc:
            continue
        if entry.feature_code in ("PCLI", "ADM1") or (entry.feature_class == "P" and
                                                       entry.population >= MIN_POPULATION):
            if best is None or _weight(entry) > _weight(best):
                best = entry
    if best is None:
        demonym = gazetteer.demonym(text)
        return demonym if demonym is None or cc is None or demonym.country_code == cc else None
    return best


def _weight(entry: GazetteerEntry) -> float:
    # a capital or big city outranks a same-named division ("washingtonpost": the city)
    bonus = 3.0 if entry.feature_code == "PPLC" else 1.0 if entry.feature_class == "P" else 0.0
    return bonus + len(str(entry.population))


def _place_in_label(gazetteer: Gazetteer, label: str, cc: str | None = None) -> GazetteerEntry | None:
    """A place at either end of a host label, the rest made of news words: "walesonline", "timesofmalta"."""
    for cut in range(len(label), 3, -1):
        head, tail = label[:cut], label[cut:]
        if _news_words(tail):
            place = _prominent(gazetteer, head, cc)
            if place is not None:
                return place
        head, tail = label[:len(label) - cut], label[len(label) - cut:]
        if head and _news_words(head):
            place = _prominent(gazetteer, tail, cc)
            if place is not None:
                return place
    return None


def _news_words(text: str) -> bool:
    if not text:
        return True
    return any(text.startswith(w) and _news_words(text[len(w):]) for w in NEWS_WORDS)


def _name_places(gazetteer: Gazetteer, source: str) -> list[GazetteerEntry]:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'’.-]*", source) if w.lower() not in NEWS_WORDS]
    found = []
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            place = _prominent(gazetteer, " ".join(words[i:i + n]))
            if place is not None and all(place.geonameid != f.geonameid for f in found):
                found.append(place)
    return found
