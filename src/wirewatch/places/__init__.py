"""Places: toponym recognition and resolution against a GeoNames gazetteer.

``recognise`` finds the mentions (NER plus gazetteer matching, demonyms on
request), ``resolve`` ranks each mention's candidates with the document's
context and the outlet's home (``outlet``), and ``PlaceFinder`` ties them into the pure function the spaCy
component calls.
"""

from __future__ import annotations

import importlib

from wirewatch.places.spelling import name_key

__all__ = ["PlaceFinder", "Gazetteer", "Mention", "name_key"]
# Loaded on first use: importing a light module of this package (spelling, names) loads no spaCy and no
# gazetteer, so the corpus stage and the web app import without them.
_LAZY = {"PlaceFinder": "wirewatch.places.finder", "Gazetteer": "wirewatch.places.gazetteer",
         "Mention": "wirewatch.places.recognise"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
