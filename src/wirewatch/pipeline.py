"""The per-document stage: one article in, one ``DocResult`` out.

Boilerplate is found first and blanked out with spaces of the same length, so
the text spaCy sees has exactly the original offsets while captions, adverts
and navigation never reach extraction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.clean import find_boilerplate, mask
from wirewatch.models import Article, DocError, DocResult, Span

BATCH_SIZE = 16


class Extractor:
    """Holds one loaded pipeline; feed it articles, get results in input order."""

    def __init__(self, profile: str = "russia-ukraine", nlp: Language | None = None) -> None:
        from wirewatch.nlp import build_pipeline

        self.nlp = nlp if nlp is not None else build_pipeline(profile)

    def process(self, articles: Iterable[Article | DocError]) -> Iterator[DocResult | DocError]:
        """Yield a result (or the error passed through) per input, in order."""
        pending: list[tuple[Article, tuple]] = []
        for item in articles:
            if isinstance(item, DocError):
                yield from self._run(pending)
                pending = []
                yield item
                continue
            if len(item.text) > self.nlp.max_length:  # spaCy refuses it; say so instead of crashing the batch
                yield from self._run(pending)
                pending = []
                yield DocError(item.id, "nlp", f"document too long: {len(item.text)} characters (limit "
                               f"{self.nlp.max_length}); split it into articles", item.source_path)
                continue
            pending.append((item, find_boilerplate(item.text, item.body_start)))
            if len(pending) >= BATCH_SIZE:
                yield from self._run(pending)
                pending = []
        yield from self._run(pending)

    def _run(self, batch: list[tuple[Article, tuple]]) -> Iterator[DocResult | DocError]:
        if not batch:
            return
        docs = [self._make_doc(article, boilerplate) for article, boilerplate in batch]
        try:
            parsed = list(self.nlp.pipe(docs, batch_size=BATCH_SIZE))
        except Exception:  # one bad document must not sink its batch: retry singly
            parsed = []
            for doc in docs:
                try:
                    parsed.append(self.nlp(doc))
                except Exception as exc:  # noqa: BLE001 - reported as data
                    parsed.append(exc)
        for (article, boilerplate), doc in zip(batch, parsed, strict=True):
            if isinstance(doc, Exception):
                yield DocError(article.id, "nlp", f"{type(doc).__name__}: {doc}", article.source_path)
                continue
            yield exact_offsets(DocResult(
                article=article,
                boilerplate=boilerplate,
                places=tuple(doc._.ww_places or ()),
                dates=tuple(doc._.ww_dates or ()),
                entities=tuple(doc._.ww_entities or ()),
                claims=tuple(doc._.ww_claims or ()),
                events=tuple(doc._.ww_events or ()),
                control=tuple(doc._.ww_control or ()),
            ))

    def _make_doc(self, article: Article, boilerplate: tuple) -> Doc:
        spans = [(b.span.start, b.span.end) for b in boilerplate]
        if article.body_start:
            spans.append((0, article.body_start))
        doc = self.nlp.make_doc(mask(article.text, spans))
        doc._.ww_id = article.id
        doc._.ww_published = article.published.isoformat() if article.published else None
        doc.user_data["ww_captions"] = [(b.span.start, b.span.text) for b in boilerplate if b.kind == "caption"]
        doc._.ww_url, doc._.ww_source = article.url, article.source  # the outlet's home informs places
        return doc


def exact_offsets(result: DocResult) -> DocResult:
    """``result`` without the facts whose spans do not slice the original text exactly.

    Stages work on the blanked copy, so a fact that reaches into blanked
    boilerplate carries spaces where the original has an advert: it came from
    no real text. Dropping it keeps the offsets contract whole; claim indices
    (``via``, an event's ``claim``) are renumbered to match.
    """
    text = result.article.text

    def exact(fact: object) -> bool:
        return all(text[s.start:s.end] == s.text for s in spans_of(fact))

    kept = [i for i, c in enumerate(result.claims) if exact(c)]
    new_index = {old: new for new, old in enumerate(kept)}

    def renumber(fact, field: str):
        return dataclasses.replace(fact, **{field: new_index.get(getattr(fact, field))})

    return dataclasses.replace(
        result,
        places=tuple(f for f in result.places if exact(f)),
        dates=tuple(f for f in result.dates if exact(f)),
        entities=tuple(f for f in result.entities if exact(f)),
        claims=tuple(renumber(result.claims[i], "via") for i in kept),
        events=tuple(renumber(f, "claim") for f in result.events if exact(f)),
        control=tuple(renumber(f, "claim") for f in result.control if exact(f)),
    )


def spans_of(fact: object) -> Iterator[Span]:
    """Every span a fact carries, directly or in a tuple or nested record."""
    if isinstance(fact, Span):
        yield fact
    elif isinstance(fact, (tuple, list)):
        for item in fact:
            yield from spans_of(item)
    elif dataclasses.is_dataclass(fact):
        for field in dataclasses.fields(fact):
            yield from spans_of(getattr(fact, field.name))


@lru_cache(maxsize=2)
def shared_extractor(profile: str = "russia-ukraine") -> Extractor:
    """An extractor loaded on first use and reused in this process (the model loads once)."""
    return Extractor(profile)


def extract(text: str, published: dt.date | str | None = None, id: str = "doc",
            source: str | None = None) -> DocResult:
    """Run the per-document stage on one text. ``published`` anchors relative dates."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10])
    article = Article(id=id, text=text, published=published, source=source)
    (result,) = shared_extractor().process([article])
    if isinstance(result, DocError):
        raise ValueError(result.reason)
    return result
