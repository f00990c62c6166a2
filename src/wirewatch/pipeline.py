"""The per-document stage: one article in, one ``DocResult`` out.

Boilerplate is found first and blanked out with spaces of the same length, so
the text spaCy sees has exactly the original offsets while captions, adverts
and navigation never reach extraction.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import signal
import threading
from contextlib import contextmanager
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from wirewatch.clean import find_boilerplate, mask
from wirewatch.limits import DOCUMENT_DEADLINE_S, MAX_DOCUMENT_CHARS, MAX_SENTENCE_CHARS
from wirewatch.models import Article, DocError, DocResult, Span
from wirewatch.nlp.pieces import PIECE_CHARS, cut_points, joined, piece_of

BATCH_SIZE = 16


class Extractor:
    """Holds one loaded pipeline; feed it articles, get results in input order."""

    def __init__(self, profile: str = "russia-ukraine", nlp: Language | None = None) -> None:
        from wirewatch.nlp import build_pipeline

        self.nlp = nlp if nlp is not None else build_pipeline(profile)

    def process(self, articles: Iterable[Article | DocError]) -> Iterator[DocResult | DocError]:
        """Yield a result (or the error passed through) per input, in order.

        Every document is prepared, parsed and turned into a result inside its own error boundary:
        whatever one document does (an exception, running past ``DOCUMENT_DEADLINE_S``) costs that
        document one DocError, never its batch or the run.
        """
        pending: list[tuple[Article, tuple, Doc]] = []
        for item in articles:
            prepared = item if isinstance(item, DocError) else self._prepare(item)
            if isinstance(prepared, DocError | DocResult):
                yield from self._run(pending)
                pending = []
                yield prepared
                continue
            pending.append(prepared)
            if len(pending) >= BATCH_SIZE:
                yield from self._run(pending)
                pending = []
        yield from self._run(pending)

    def _prepare(self, article: Article) -> tuple[Article, tuple, Doc] | DocResult | DocError:
        """A document ready for its batch; a very long one is processed at once, in pieces."""
        limit = min(self.nlp.max_length, MAX_DOCUMENT_CHARS)
        if len(article.text) > limit:
            return DocError(article.id, "nlp", f"document too long: {len(article.text)} characters (limit "
                            f"{limit}, WIREWATCH_MAX_DOCUMENT_CHARS); split it into articles", article.source_path)
        try:
            boilerplate = find_boilerplate(article.text, article.body_start)
            if len(article.text) > PIECE_CHARS:
                return self._in_pieces(article, boilerplate)
            return article, boilerplate, self._make_doc(article, boilerplate)
        except Exception as exc:  # noqa: BLE001 - reported as data
            return DocError(article.id, "nlp", f"{type(exc).__name__}: {exc}", article.source_path)

    def _in_pieces(self, article: Article, boilerplate: tuple) -> DocResult | DocError:
        """Memory of one piece, not of the whole text; each piece has the time budget of a document."""
        results = []
        for start, end in cut_points(article.text):
            piece, piece_boilerplate = piece_of(article, boilerplate, start, end)
            doc = self._parse_alone(piece, piece_boilerplate)
            if isinstance(doc, Exception):
                return DocError(article.id, "nlp", f"characters {start}-{end}: {type(doc).__name__}: {doc}",
                                article.source_path)
            results.append((start, _result(piece, piece_boilerplate, doc)))
        return exact_offsets(joined(article, boilerplate, results))

    def _run(self, batch: list[tuple[Article, tuple, Doc]]) -> Iterator[DocResult | DocError]:
        if not batch:
            return
        try:
            with time_limit(DOCUMENT_DEADLINE_S * len(batch)):
                parsed: list = list(self.nlp.pipe([doc for _, _, doc in batch], batch_size=BATCH_SIZE))
        except Exception:  # noqa: BLE001 - one bad or slow document must not sink its batch: retry singly
            parsed = [self._parse_alone(article, boilerplate) for article, boilerplate, _ in batch]
        for (article, boilerplate, _), doc in zip(batch, parsed, strict=True):
            try:
                if isinstance(doc, Exception):
                    raise doc
                yield _result(article, boilerplate, doc)
            except Exception as exc:  # noqa: BLE001 - reported as data
                yield DocError(article.id, "nlp", f"{type(exc).__name__}: {exc}", article.source_path)

    def _parse_alone(self, article: Article, boilerplate: tuple) -> Doc | Exception:
        try:
            with time_limit(DOCUMENT_DEADLINE_S):
                return self.nlp(self._make_doc(article, boilerplate))  # a fresh Doc: the batch's may be half-done
        except Exception as exc:  # noqa: BLE001 - reported as data
            return exc

    def _make_doc(self, article: Article, boilerplate: tuple) -> Doc:
        spans = [(b.span.start, b.span.end) for b in boilerplate]
        if article.body_start:
            spans.append((0, article.body_start))
        doc = self.nlp.make_doc(mask(article.text, spans))
        cap_sentences(doc, MAX_SENTENCE_CHARS)
        doc._.ww_id = article.id
        doc._.ww_published = article.published.isoformat() if article.published else None
        doc.user_data["ww_captions"] = [(b.span.start, b.span.text) for b in boilerplate if b.kind == "caption"]
        doc._.ww_url, doc._.ww_source = article.url, article.source  # the outlet's home informs places
        return doc


def _result(article: Article, boilerplate: tuple, doc: Doc) -> DocResult:
    return exact_offsets(DocResult(
        article=article,
        boilerplate=boilerplate,
        places=tuple(doc._.ww_places or ()),
        dates=tuple(doc._.ww_dates or ()),
        entities=tuple(doc._.ww_entities or ()),
        claims=tuple(doc._.ww_claims or ()),
        events=tuple(doc._.ww_events or ()),
        control=tuple(doc._.ww_control or ()),
    ))


class DocumentTimeout(Exception):
    """A document ran past its time budget (``limits.DOCUMENT_DEADLINE_S``)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in this block after ``seconds``, by a timer signal.

    Only where signals can be delivered (the main thread of a process, on Unix: the CLI and every
    worker process); elsewhere (a web server's thread) the block runs unbounded.
    """
    if seconds <= 0 or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout(f"took longer than {seconds:g} s (WIREWATCH_DOCUMENT_DEADLINE_S)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cap_sentences(doc: Doc, limit: int) -> None:
    """Start a sentence wherever text runs on for more than ``limit`` characters without a full stop or
    a line break (a flattened table, a list of a thousand names): the stages after the parser cost more
    than linear time in a sentence's length, so one giant sentence must not hold up a run. The parser
    keeps the sentence starts set before it."""
    since = 0  # where the last likely sentence start is
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.text in (".", "!", "?") or "\n" in previous.text_with_ws:
            since = token.idx
        elif token.idx - since > limit and not token.is_space:
            token.is_sent_start = True
            since = token.idx


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
