"""The search page (``/search``) and the article page it links to (``/articles/{id}``): events, articles
and claims found by the one search (search.py), each a link with a snippet around what matched, and how
many there are. Rendered on the server, no script."""

from __future__ import annotations

import json
import re
from html import escape
from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Query
from fastapi.responses import HTMLResponse
from urllib.parse import quote

from wirewatch.outputs import link_url
from wirewatch.report.data import plural
from wirewatch.web.index import words
from wirewatch.web.search import search, variants
from wirewatch.web.tables import Tables

SHOWN = 20  # of each kind; the counts say how many there are, the event table lists every event
AROUND = 90  # characters of a snippet on each side of the first match
AS_SPACES = str.maketrans("\n\r\t", "   ")


def _pattern(terms: list[str]) -> re.Pattern | None:
    """Any term's words standing together (any case, anything but letters and digits between them), as
    the index reads them; None for terms with no words."""
    phrases = sorted((words(t) for t in terms if words(t)), key=len, reverse=True)
    if not phrases:
        return None
    return re.compile(r"(?<![^\W_])(?:" + "|".join(r"[\W_]+".join(map(re.escape, p)) for p in phrases)
                      + r")(?![^\W_])", re.IGNORECASE)


def matches(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where a term's words stand together in ``text``, as offsets into it, in order and not overlapping."""
    pattern = _pattern(terms)
    return [m.span() for m in pattern.finditer(text)] if pattern else []


def marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in spans:
        out += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    return "".join(out) + escape(text[last:])


def snippet(text: str | None, terms: list[str]) -> str:
    """A window of ``text`` around its first match, with every match in it marked; the text's start when
    the match is elsewhere (an event found by its place or type)."""
    text = text or ""
    pattern = _pattern(terms)
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - AROUND) if first else 0
    end = min(len(text), (first.end() if first else 0) + AROUND)
    window = text[start:end].translate(AS_SPACES)  # line breaks as spaces: the same offsets
    return ("…" if start else "") + marked(window, matches(window, terms)) + ("…" if end < len(text) else "")


def add_search_pages(app: FastAPI, tables: Tables, profile: str) -> None:
    from wirewatch.web.pages import shell

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: Annotated[str, Query(max_length=200)] = "") -> str:  # in a worker thread: ~10 ms of work
        form = (f'<form role="search"><label for="q">Search events, places, people, articles</label> '
                f'<input type="search" id="q" name="q" value="{escape(q)}" size="40"> <button>Search</button></form>')
        if len(q.strip()) < 2:
            return shell("Search", f"<h1>Search</h1>{form}")
        terms = variants(tables, q, profile)
        found = json.loads(search(tables, terms, SHOWN))
        terms, counts = found["terms"], found["counts"]
        also = (f'<p class="muted">Also searched: {escape(", ".join(terms[1:]))}</p>' if len(terms) > 1 else "")
        here = quote(q)
        ev = "".join(f'<li><a href="/events/{e["event_id"]}">{e["date_shown"] or "undated"} '
                     f'{escape(e["sub_event_type"])} in '
                     f'{escape(e["location_name"] or "?")}</a> <span class="muted">{plural(e["n_outlets"], "outlet")}</span>'
                     f'<p class="snippet">{snippet(e["evidence_text"], terms)}</p></li>' for e in found["events"])
        texts = tables.texts([a["article_id"] for a in found["articles"]])
        ar = "".join(f'<li><a href="/articles/{a["article_id"]}?q={here}">{escape(a["title"] or a["doc_id"] or "")}'
                     f'</a> <span class="muted">{escape(a["source"] or "")}, {a["published"] or "undated"}</span>'
                     f'<p class="snippet">{snippet(texts.get(a["article_id"]), terms)}</p></li>'
                     for a in found["articles"])
        cl = "".join(f'<li><b class="side-{escape(c["side"] or "")}">{escape(c["speaker"] or "unnamed")}</b> '
                     f'({escape(c["side"] or "?")}) {escape(c["cue_text"] or "said")}: '
                     f'“{snippet(c["content_text"], terms)}” <a class="muted" href="/articles/{c["article_id"]}'
                     f'?q={here}">{escape(c["source"] or "")}, {c["published"] or ""}</a></li>'
                     for c in found["claims"])
        total = sum(counts.values())
        body = (f'<link rel="stylesheet" href="/static/data.css"><h1>Search</h1>{form}{also}'
                f'<p id="counts" aria-live="polite">{total} results: {counts["events"]} events, '
                f'{counts["articles"]} articles, {counts["claims"]} claims</p>'
                f'<h2>Events ({counts["events"]})</h2><p><a href="/events?q={here}">all in the event table</a> · '
                f'<a href="/?q={here}">on the map</a></p><ul class="results" id="found-events">{ev or "<li>none</li>"}</ul>'
                f'<h2>Articles ({counts["articles"]})</h2><ul class="results" id="found-articles">'
                f'{ar or "<li>none</li>"}</ul><h2>Claims ({counts["claims"]})</h2>'
                f'<ul class="results" id="found-claims">{cl or "<li>none</li>"}</ul>')
        return shell("Search", body)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: Annotated[int, Path(ge=1)], q: Annotated[str, Query(max_length=200)] = "") -> str:
        found = tables.con.cursor().execute("SELECT title, source, published, url, text FROM articles "
                                            "WHERE article_id = ?", [article_id]).fetchall()
        if not found:
            raise HTTPException(404, "no such article")
        title, source, published, url, text = found[0]
        terms = variants(tables, q, profile) if len(q.strip()) >= 2 else []
        spans = matches(text or "", terms)
        where = link_url(url)
        head = f'<a href="{escape(where)}">{escape(where)}</a>' if where else ""
        return shell(title or "Article", f'<h1>{escape(title or "Article")}</h1><p class="muted">'
                     f'{escape(source or "")}, {published or "undated"} {head}</p>'
                     + (f'<p class="muted">{len(spans)} matches of {escape(", ".join(terms))}</p>' if terms else "")
                     + f'<div class="article">{marked(text or "", spans)}</div>')
