"""What the place finder makes of a sentence, keyed by mention text (shared by the places tests)."""

from __future__ import annotations

from wirewatch.places import PlaceFinder


def places(nlp, finder: PlaceFinder, text: str, url: str | None = None) -> dict[str, list]:
    """Mention text -> the places found for it, in order; every span slices the text exactly."""
    found: dict[str, list] = {}
    for p in finder.find(nlp(text), url=url):
        assert text[p.span.start:p.span.end] == p.span.text
        found.setdefault(p.span.text, []).append(p)
    return found
