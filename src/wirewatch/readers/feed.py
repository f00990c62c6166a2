"""RSS and Atom feeds: each entry with its full content becomes an article."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from wirewatch.models import Article, DocError


def read_feed(content: str, path: str) -> Iterator[Article | DocError]:
    import feedparser

    feed = feedparser.parse(content)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None) or "no entries"
        yield DocError(path, "parse", f"not a readable feed: {reason}", path)
        return
    outlet = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, start=1):
        where = f"{path}#{n}"
        html = entry.content[0].value if entry.get("content") else entry.get("summary", "")
        text = html_to_text(html)
        doc_id = entry.get("link") or entry.get("id") or where
        if not text.strip():
            yield DocError(doc_id, "parse", "feed entry has no text", where)
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(*parsed[:3]) if parsed else None
        yield Article(id=doc_id, text=text, published=published, title=entry.get("title"),
                      url=entry.get("link"), source=outlet, source_path=where)


def html_to_text(fragment: str) -> str:
    """Paragraphs of an HTML fragment as plain text, separated by blank lines."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - broken markup: fall back to stripping tags
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    blocks = root.xpath(".//p|.//h1|.//h2|.//h3|.//li|.//blockquote|.//figcaption")
    if not blocks:
        return " ".join(root.text_content().split())
    return "\n\n".join(" ".join(b.text_content().split()) for b in blocks if b.text_content().strip())
