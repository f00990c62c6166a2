"""A very long document in pieces: the models hold a whole text in memory at once (about 4.6 GB for
990,000 characters), so a text longer than ``PIECE_CHARS`` is parsed piece by piece, cut at paragraph
breaks, and the pieces' facts are joined back with offsets into the whole text.

What needs more than one piece is lost at the cuts (a claim whose speaker is named a piece earlier, two
reports of one event in two pieces: the corpus stage merges those anyway). News articles are far shorter
than a piece; live blogs and transcripts are what this is for.
"""

from __future__ import annotations

import dataclasses

from wirewatch.models import Article, Boilerplate, DocResult, Span

# Characters of one piece: memory stays about that of a 100,000-character document (~500 MB with the model).
PIECE_CHARS = 100_000


def cut_points(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of at most ``size`` characters covering ``text``, each cut at the
    last paragraph break of its second half, else a line break, a sentence end, a space, or anywhere."""
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = size
        for separator in ("\n\n", "\n", ". ", " "):
            found = window.rfind(separator, size // 2)
            if found > 0:
                cut = found + len(separator)
                break
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, len(text)))
    return pieces


def piece_of(article: Article, boilerplate: tuple[Boilerplate, ...], start: int,
             end: int) -> tuple[Article, tuple[Boilerplate, ...]]:
    """The article and boilerplate of ``text[start:end]``, with offsets into the piece."""
    piece = dataclasses.replace(article, text=article.text[start:end], body_start=max(0, article.body_start - start))
    kept = tuple(Boilerplate(Span.of(piece.text, max(b.span.start, start) - start, min(b.span.end, end) - start),
                             b.kind) for b in boilerplate if b.span.start < end and b.span.end > start)
    return piece, kept


def joined(article: Article, boilerplate: tuple[Boilerplate, ...],
           results: list[tuple[int, DocResult]]) -> DocResult:
    """One result for the whole article from its pieces' results (each with the offset of its piece)."""
    places, dates, entities, claims, events, control = [], [], [], [], [], []
    for offset, result in results:
        first = len(claims)  # claim indices (a claim's ``via``, an event's ``claim``) count from here
        places += shifted(result.places, offset)
        dates += shifted(result.dates, offset)
        entities += shifted(result.entities, offset)
        claims += [_renumbered(c, "via", first) for c in shifted(result.claims, offset)]
        events += [_renumbered(e, "claim", first) for e in shifted(result.events, offset)]
        control += [_renumbered(o, "claim", first) for o in shifted(result.control, offset)]
    return DocResult(article, boilerplate=boilerplate, places=tuple(places), dates=tuple(dates),
                     entities=tuple(entities), claims=tuple(claims), events=tuple(events), control=tuple(control))


def shifted(fact, offset: int):
    """``fact`` with every span in it (directly, in a tuple, or in a nested record) moved by ``offset``."""
    if isinstance(fact, Span):
        return Span(fact.start + offset, fact.end + offset, fact.text)
    if isinstance(fact, tuple | list):
        return type(fact)(shifted(item, offset) for item in fact)
    if dataclasses.is_dataclass(fact) and not isinstance(fact, type):
        return dataclasses.replace(fact, **{f.name: shifted(getattr(fact, f.name), offset)
                                            for f in dataclasses.fields(fact) if f.init})
    return fact


def _renumbered(fact, field: str, first: int):
    index = getattr(fact, field)
    return fact if index is None else dataclasses.replace(fact, **{field: index + first})
