"""Dates under hostile and unlucky input: impossible years, feeds in another time zone, one dateline parser."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from wirewatch.dates import dateline_at, find_dates, first_dateline, resolve
from wirewatch.models import Article, DocError, DocResult, Event, Location, RunSummary, Span
from wirewatch.readers import read_bytes, read_inputs

GOOD = "Russian artillery shelled Chuhuiv on Tuesday, the regional governor said."
# Filed at 01:30 on Thursday 12 May 2022 in Kyiv (+03:00): still Wednesday in UTC.
RSS_THURSDAY = """<?xml version="1.0"?><rss version="2.0"><channel><title>Kyiv Daily</title>
<item><title>Depot hit</title><link>https://kyiv-daily.example/1</link>
<pubDate>Thu, 12 May 2022 01:30:00 +0300</pubDate>
<description>Russian missiles struck an oil depot in Lysychansk early on Thursday, the governor said.</description>
</item></channel></rss>"""
ATOM_THURSDAY = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Kyiv Daily</title><entry><title>Depot hit</title><link href="https://kyiv-daily.example/2"/>
<id>https://kyiv-daily.example/2</id><updated>2022-05-12T01:30:00+03:00</updated>
<content type="html">Russian missiles struck an oil depot in Lysychansk early on Thursday, the governor said.</content>
</entry></feed>"""


@pytest.mark.parametrize("feed", [RSS_THURSDAY, ATOM_THURSDAY])
def test_early_on_thursday_in_a_story_filed_on_thursday_is_that_thursday(nlp, feed):
    (article,) = read_bytes(feed.encode(), "kyiv.xml")
    assert article.published == dt.date(2022, 5, 12) and article.published.strftime("%A") == "Thursday"
    (mention,) = find_dates(nlp(article.text), article.published)
    assert mention.span.text == "early on Thursday" and mention.value == "2022-05-12"


def test_a_bare_weekday_resolves_against_the_publication_weekday():
    thursday = dt.date(2022, 5, 12)
    for expression in ("early on Thursday", "Thursday", "late on Thursday", "Thursday night"):
        assert resolve(expression, thursday) == ("2022-05-12", "day"), expression
    assert resolve("on Wednesday", thursday) == ("2022-05-11", "day")
    assert resolve("on Friday", thursday) == ("2022-05-06", "day")
    assert resolve("on Thursday", thursday, future=True) == ("2022-05-19", "day")


@pytest.mark.parametrize("published", [dt.date(9999, 12, 31), dt.date(1, 1, 1)])
def test_row2_resolving_against_an_extreme_date_never_overflows(published):
    for expression in ("tomorrow", "yesterday", "next week", "last month", "next year", "three years ago",
                       "on Friday", "this weekend", "in recent days", "May 5-8", "December 31"):
        value = resolve(expression, published)
        assert value is None or "1900-01-01" <= value[0] <= "2100-12-31", expression
    assert resolve("December 31, 9999", dt.date(2022, 5, 1)) is None
    assert resolve("0001-01-01", dt.date(2022, 5, 1)) is None


def test_row2_extreme_publication_dates_fail_their_document_alone(tmp_path):
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"id": "far", "text": GOOD, "published": "9999-12-31"},
        {"id": "early", "text": GOOD, "published": "0001-01-01"},
        {"id": "good", "text": GOOD, "published": "2022-05-10"}]) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"date 9999-12-31\n{GOOD}\n", encoding="utf-8")
    (tmp_path / "c.xml").write_text(RSS_THURSDAY.replace("2022", "9999").replace("Thu,", "Fri,"), encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    errors = [i for i in items if isinstance(i, DocError)]
    assert [i.id for i in items if isinstance(i, Article)] == ["good"]
    assert len(errors) == 4 and all("outside 1900-01-01 to 2100-12-31" in e.reason for e in errors)
    assert all("\n" not in e.reason for e in errors)


def test_row2_a_store_holding_extreme_dates_does_not_stop_the_corpus_stage(tmp_path):
    from wirewatch.corpus import run_corpus_stage
    from wirewatch.store import Store

    text = GOOD + "\n\nResidents queued for bread."
    with Store(tmp_path / "old.duckdb") as store:  # written before dates were checked at read time
        run = store.begin_run("test", [])
        for n, day in enumerate((dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(2022, 5, 10))):
            event = Event("Explosions/Remote violence", "Shelling/artillery/missile attack", Span.of(text, 0, len(GOOD)),
                          day.isoformat(), "day", Location("Chuhuyiv", 710374, 49.835, 36.686, "city"),
                          "Military Forces of Russia", "RU", fatalities=1, confidence=0.8)
            store.add_result(DocResult(Article(id=f"d{n}", text=text + str(n), published=day, source=f"Outlet {n}"),
                                       events=(event,)), run)
        store.finish_run(run, RunSummary(read=3, stored=3))
        summary = run_corpus_stage(store, aliases={})
        assert store.con.execute("SELECT count(*) FROM corpus_events").fetchone()[0] >= 1
    assert summary


@pytest.mark.parametrize("text,place,date", [
    ("KHARKIV, Ukraine, May 14 (Reuters) -- Fighting went on.", "KHARKIV, Ukraine", (5, 14, None)),
    ("BEIRUT (AP) - Shelling resumed.", "BEIRUT", (None, None, None)),
    ("May 14 (UPI) -- Fighting went on.", None, (5, 14, None)),
    ("Feb. 24, 2022 (AP) — Russian forces crossed the border.", None, (2, 24, 2022)),
    ("14 May 2022 – Fighting went on.", None, (5, 14, 2022)),
])
def test_one_dateline_parser_reads_every_form(text, place, date):
    found = dateline_at(text)
    assert found is not None and found.place == place and (found.month, found.day, found.year) == date
    assert text[found.end:][:1].isalpha()  # the story's own words start where the dateline ends


def test_a_dash_in_running_text_is_no_dateline():
    assert dateline_at("the war - it went on") is None
    assert first_dateline("Ukraine - live updates\n\nNo date here.") is None
    assert first_dateline("x" * 900 + "\nMay 14 (UPI) -- late") is None  # only the head of a story
