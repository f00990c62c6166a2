"""A tiny hand-made corpus of DocResults for corpus-stage and output tests (no NLP model needed).

Five outlets, one wire story copied with other boilerplate, spelling variants
(Izium/Izyum, Synegubov/Synehubov), km vs miles, two casualty tolls, a denial,
and control claims over one village. Facts are placed by quoting the article
text, so every span is ``text[start:end]`` by construction.
"""

from __future__ import annotations

import datetime as dt

from wirewatch.corpus import run_corpus_stage
from wirewatch.models import (Article, Boilerplate, Claim, ControlObservation, DocResult, Entity, Event, Location,
                              Place, Span)
from wirewatch.store import Store

GAZ = {  # name -> (geonameid, lat, lon, feature_code)
    "Izium": (707292, 49.2128, 37.2569, "PPL"), "Izyum": (707292, 49.2128, 37.2569, "PPL"),
    "Kharkiv": (706483, 49.9808, 36.2527, "PPLA"), "Balakliia": (712160, 49.4627, 36.8586, "PPL"),
    "Lviv": (702550, 49.8383, 24.0232, "PPLA"), "Hrakove": (707900, 49.6131, 36.5089, "PPL"),
    "Mariupol": (701822, 47.0971, 37.5434, "PPL"),
}

WIRE = ("IZIUM, May 14 (Eastwire) - Russian artillery shelled Balakliia on Friday, killing 13 civilians, "
        "regional governor Oleh Synehubov said.\n\nIzium lies about 75 miles southeast of Kharkiv.\n\n"
        "Ukraine's General Staff said its forces had liberated Hrakove on Thursday.")
COPY = ("Read more: our live blog\n\nIZIUM, May 14 (Eastwire) - Russian artillery shelled Balakliia on Friday, "
        "killing 13 civilians, regional governor Oleh Synehubov said.\n\nIzium lies about 75 miles southeast of "
        "Kharkiv.\n\nUkraine's General Staff said its forces had liberated Hrakove on Thursday.\n\n"
        "Subscribe to our newsletter")
LEDGER = ("Shelling of Balakliia on Friday killed 25 people, Governor Oleh Synegubov wrote on Telegram.\n\n"
          "The town lies near Izyum, some 124 km south-east of Kharkiv.")
COURIER = ("The Russian Defence Ministry denied that its forces had shelled Balakliia and said Ukrainian troops "
           "still held positions there.\n\nRussian units remain in control of Hrakove, the ministry said.")
POST = ("Refugees from Mariupol reached Lviv on Saturday, volunteers said.\n\nLviv lies about 40 km from "
        "nowhere in particular, a local joke goes.")


def _at(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span.of(text, start, start + len(needle))


def _place(text: str, name: str, nth: int = 0) -> Place:
    gid, lat, lon, code = GAZ[name]
    return Place(_at(text, name, nth), gid, name, lat, lon, "UA", "Kharkivska", code, 0.9)


def _loc(name: str) -> Location:
    gid, lat, lon, _ = GAZ[name]
    return Location(name, gid, lat, lon, "city")


def _article(doc_id: str, text: str, source: str, day: int, title: str) -> Article:
    return Article(doc_id, text, dt.date(2022, 5, day), title, f"https://{source.lower()}.example/{doc_id}", source,
                   doc_id)


def _wire(doc_id: str, text: str, source: str, boilerplate: tuple[Boilerplate, ...]) -> DocResult:
    first = text.index("IZIUM")
    lead = Span.of(text, first, text.index("\n\n", first))
    claim = Claim(_at(text, "said"), _at(text, "regional governor Oleh Synehubov"), _at(text, "Russian artillery "
                  "shelled Balakliia on Friday, killing 13 civilians"), "indirect", "Oleh Synehubov", "UA")
    staff = Claim(_at(text, "said", 1), _at(text, "Ukraine's General Staff"),
                  _at(text, "its forces had liberated Hrakove on Thursday"), "indirect", "General Staff", "UA")
    shelling = Event("Explosions/Remote violence", "Shelling/artillery/missile attack", lead, "2022-05-13", "day",
                     _loc("Balakliia"), "Military Forces of Russia", "RU", None, None, 13, None, 0, 0.8)
    sentence = _at(text, "Ukraine's General Staff said its forces had liberated Hrakove on Thursday.")
    retaken = Event("Battles", "Government regains territory", sentence, "2022-05-12", "day", _loc("Hrakove"),
                    "Military Forces of Ukraine", "UA", "Military Forces of Russia", "RU", claim=1, confidence=0.8)
    control = ControlObservation("Hrakove", GAZ["Hrakove"][0], "2022-05-12", "UA", "gained", sentence,
                                 "General Staff", 1)
    return DocResult(_article(doc_id, text, source, 14, "Shelling kills 13 in Balakliia"), boilerplate=boilerplate,
                     places=(_place(text, "Balakliia"), _place(text, "Izium"), _place(text, "Kharkiv"),
                             _place(text, "Hrakove")),
                     entities=(Entity(_at(text, "Oleh Synehubov"), "PERSON", "Oleh Synehubov", None, "UA"),),
                     claims=(claim, staff), events=(shelling, retaken), control=(control,))


def world() -> list[DocResult]:
    wire = _wire("eastwire-1", WIRE, "Eastwire", ())
    copy = _wire("tribune-7", COPY, "Prairie Tribune",
                 (Boilerplate(_at(COPY, "Read more: our live blog"), "promo"),
                  Boilerplate(_at(COPY, "Subscribe to our newsletter"), "promo")))
    t = LEDGER
    ledger_claim = Claim(_at(t, "wrote"), _at(t, "Governor Oleh Synegubov"),
                         _at(t, "Shelling of Balakliia on Friday killed 25 people"), "indirect", "Oleh Synegubov",
                         "UA", "Telegram")
    ledger = DocResult(
        _article("ledger-3", t, "Eastern Ledger", 14, "25 dead in Balakliia"),
        places=(_place(t, "Balakliia"), _place(t, "Izyum"), _place(t, "Kharkiv")),
        entities=(Entity(_at(t, "Oleh Synegubov"), "PERSON", "Oleh Synegubov", None, "UA"),),
        claims=(ledger_claim,),
        events=(Event("Explosions/Remote violence", "Shelling/artillery/missile attack",
                      _at(t, "Shelling of Balakliia on Friday killed 25 people, Governor Oleh Synegubov wrote on "
                             "Telegram."), "2022-05-13", "day", _loc("Balakliia"), fatalities=25, claim=0),))
    t = COURIER
    denial = Claim(_at(t, "denied"), _at(t, "The Russian Defence Ministry"), _at(t, "that its forces had shelled "
                   "Balakliia"), "indirect", "Russian Defence Ministry", "RU")
    holds = Claim(_at(t, "said", 1), _at(t, "the ministry"), _at(t, "Russian units remain in control of Hrakove"),
                  "indirect", "Russian Defence Ministry", "RU")
    courier = DocResult(
        _article("courier-9", t, "Volga Courier", 14, "Ministry rejects shelling reports"),
        places=(_place(t, "Balakliia"), _place(t, "Hrakove")),
        claims=(denial, holds),
        control=(ControlObservation("Hrakove", GAZ["Hrakove"][0], "2022-05-14", "RU", "gained",
                                    _at(t, "Russian units remain in control of Hrakove, the ministry said."),
                                    "Russian Defence Ministry", 1),))
    t = POST
    post = DocResult(_article("post-2", t, "Kyiv Morning Post", 15, "Mariupol refugees reach Lviv"),
                     places=(_place(t, "Mariupol"), _place(t, "Lviv"), _place(t, "Lviv", 1)))
    return [wire, copy, ledger, courier, post]


def load_world(store: Store) -> Store:
    """``store`` with the world ingested and the corpus stage run over it."""
    run = store.begin_run("test", [])
    for result in world():
        store.add_result(result, run)
    run_corpus_stage(store, aliases={})
    return store
