"""Events told only in photo captions.

Captions are blanked out of the text the pipeline parses (they would break sentences and leak
credits into claims), but wire photos often carry the only report of a strike ("Firefighters
extinguish a fire after a Russian bombardment of a park in Kharkiv"). The per-document stage
records each caption in ``doc.user_data["ww_captions"]`` as ``(start, text)``; a caption with an event word is
parsed on its own, in a copy of the document where everything else is blank (so offsets are the
original ones), and its events are merged with the body's: a caption restating a body event adds
nothing, a new one is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.events.event_lexicon import defined_by, words
from wirewatch.events.event_places import location
from wirewatch.models import ControlObservation, Event
from wirewatch.nlp import doc_text

CAPTIONS = "ww_captions"
# cheap filter before parsing a caption: it names a violent or territorial happening
_CUE = re.compile(r"\b(shell\w*|bomb\w*|strik\w*|struck|missile\w*|rocket\w*|attack\w*|assault\w*|fir(e|ing)|"
                  r"airstrike\w*|drone\w*|liberat\w*|recaptur\w*|captur\w*|seiz\w*|withdr\w*|retreat\w*|"
                  r"explo\w*|blast\w*|mine\w*|arrest\w*|detain\w*|protest\w*|clash\w*|fight\w*)\b", re.I)


def caption_events(doc: Doc, nlp: Language, merge: Callable[[list[Event], list[Event]], list[Event]]
                   ) -> tuple[list[Event], list[ControlObservation]]:
    """The document's events with those of its captions merged in."""
    events = list(doc._.ww_events or ())
    control = list(doc._.ww_control or ())
    captions = doc.user_data.get(CAPTIONS) or []
    extra: list[Event] = []
    size = len(doc_text(doc))
    for start, text in captions:
        if not _CUE.search(text) or start + len(text) > size:
            continue
        sub = nlp.make_doc(" " * start + text + " " * (size - start - len(text)))
        for name in ("ww_id", "ww_published"):
            setattr(sub._, name, getattr(doc._, name))
        for _, stage in nlp.pipeline:  # the caption has no captions: no recursion
            sub = stage(sub)
        # a caption's claims are not the document's: keep no claim index
        extra.extend(replace(e, claim=None, from_caption=True) for e in sub._.ww_events or ())
        control.extend(replace(c, claim=None, claimed_by=None) for c in sub._.ww_control or ())
        events = _placed_by_caption(events, sub, start, start + len(text))
    if not extra:
        return events, control
    return merge(events, extra), control


def _placed_by_caption(events: list[Event], sub: Doc, start: int, end: int) -> list[Event]:
    """"A rescuer at the site of the missile strike in Zaporizhzhia": a caption that names the kind of a
    body event with no place of its own gives it the caption's place (codebook 10)."""
    lists = words()
    places = [p for p in sub._.ww_places or () if start <= p.span.start < end and p.geonameid]
    if not places:
        return events
    told = {lists.weapon_class.get(t.lemma_.lower()) or defined_by(t)
            for t in sub.char_span(start, end, alignment_mode="expand") or ()}
    local = [p for p in places if not (p.feature_code or "").startswith("PCL")] or places
    return [replace(e, location=location(local[0]), from_caption=True)
            if e.location is None and e.sub_event_type in told else e for e in events]
