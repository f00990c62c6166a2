"""What the JSON API answers, as pydantic models: the OpenAPI schema (``/docs``) shows them.

Most routes hand over JSON that DuckDB made at start (tables.py) without building these models, so the
models document that JSON; ``tests/test_web_api.py`` validates real answers against them.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class Event(BaseModel):
    """A merged event: one happening, however many articles reported it."""

    event_id: int
    event_type: str | None = Field(None, description="ACLED event type")
    sub_event_type: str | None = Field(None, description="ACLED sub-event type")
    family: str | None = None
    date: dt.date | None = Field(None, description="the day it happened, as the reports say")
    date_precision: str | None = Field(None, description="day, week, month or year: how well known")
    date_shown: str | None = Field(None, description='the date as shown: "April 2022" when only the month')
    date_first: dt.date | None = None
    date_last: dt.date | None = None
    location_name: str | None = None
    admin1: str | None = Field(None, description="first-level administrative area of the place (GeoNames)")
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    location_precision: str | None = None
    actor1: str | None = None
    actor1_side: str | None = None
    actor2: str | None = None
    actor2_side: str | None = None
    fatalities: int | None = Field(None, description="the lowest reported toll (none: no toll reported)")
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    fatalities_source: str | None = Field(None, description="who the counted toll is according to")
    injured: int | None = None
    story_id: int | None = None
    n_reports: int | None = Field(None, description="articles reporting it")
    n_outlets: int | None = Field(None, description="independent outlets (syndicated copies counted once)")
    n_sources: int | None = Field(None, description="original sources the reports cite")
    outlets: list[str] | None = None
    sources: list[str] | None = None
    sides: list[str] | None = Field(None, description="sides whose claims assert it")
    article_id: int | None = None
    event_index: int | None = None
    evidence_text: str | None = None


class EventsPage(BaseModel):
    events: list[Event]
    total: int = Field(description="events matching the filters, on every page")
    limit: int
    offset: int


class Report(BaseModel):
    """One article's report of an event, with the offsets of its evidence in the article's text."""

    article_id: int
    event_index: int
    date: dt.date | None = None
    location_name: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    evidence_start: int
    evidence_end: int
    evidence_text: str
    speaker: str | None = Field(None, description="who the article says claimed it")
    speaker_side: str | None = None
    source: str | None = None
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None
    doc_id: str | None = None
    syndication_group: int | None = None


class Comparison(BaseModel):
    """Two reports of the same thing that agree or contradict, each with its quote."""

    comparison_id: int
    kind: str
    verdict: str
    subject: str | None = None
    event_id: int | None = None
    a_article_id: int | None = None
    a_start: int | None = None
    a_end: int | None = None
    a_text: str | None = None
    a_value: str | None = None
    a_source: str | None = None
    a_side: str | None = None
    b_article_id: int | None = None
    b_start: int | None = None
    b_end: int | None = None
    b_text: str | None = None
    b_value: str | None = None
    b_source: str | None = None
    b_side: str | None = None
    note: str | None = None


class EventDetail(Event):
    reports: list[Report]
    comparisons: list[Comparison]


class ControlChange(BaseModel):
    change_id: int
    place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    date: dt.date | None = None
    from_side: str | None = None
    to_side: str | None = None
    change: str | None = None
    valid_until: dt.date | None = None
    n_outlets: int | None = None
    n_sources: int | None = None
    sources: list[str] | None = None
    sides: list[str] | None = None
    observations: list[dict] | None = None
    evidence_text: str | None = None
    disputed: bool | None = None
    status: str | None = Field(None, description="how far the change is confirmed")


class ControlPage(BaseModel):
    changes: list[ControlChange]


class Claim(BaseModel):
    article_id: int
    claim_index: int
    speaker: str | None = Field(None, description="the resolved name")
    written: str | None = Field(None, description="the name as the article writes it")
    side: str | None = None
    kind: str | None = None
    channel: str | None = None
    via: int | None = None
    cue_text: str | None = None
    content_text: str | None = None
    content_start: int | None = None
    content_end: int | None = None
    source: str | None = None
    published: dt.date | None = None


class ClaimsPage(BaseModel):
    claims: list[Claim]


class ArticleHit(BaseModel):
    article_id: int
    doc_id: str | None = None
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None


class Article(ArticleHit):
    url: str | None = None
    syndication_group: int | None = None
    story_id: int | None = None
    text: str


class SearchCounts(BaseModel):
    events: int
    articles: int
    claims: int


class SearchAnswer(BaseModel):
    terms: list[str] = Field(description="the query, then the other spellings searched")
    counts: SearchCounts
    events: list[Event]
    articles: list[ArticleHit]
    claims: list[Claim]


class Story(BaseModel):
    story_id: int
    label: str | None = None
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    n_articles: int | None = None


class Facets(BaseModel):
    stories: list[Story]
    sources: list[str]
    dates: list[dt.date]
    admin_areas: list[str]
    actors: list[str]


class Speaker(BaseModel):
    speaker: str | None = None
    side: str | None = None
    claims: int
    spellings: list[str | None]


class Speakers(BaseModel):
    speakers: list[Speaker]


class Comparisons(BaseModel):
    comparisons: list[Comparison]
