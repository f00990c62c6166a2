"""HTML pages: trafilatura's main text plus title, date and site name."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from wirewatch.models import Article

# Tags whose text is never article text; block tags end a paragraph in the fallback extraction.
_SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "svg", "head"}
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "article", "section",
          "blockquote", "pre"}
MIN_FALLBACK_WORDS = 8

def read_html(html: str, doc_id: str, source_path: str | None, url: str | None = None,
              fallback_date: dt.date | None = None) -> Article:
    """Raises ValueError with a reason when no main text can be found."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except RecursionError:
        doc = None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        # trafilatura gives up on pathological markup (tens of thousands of nested tags, no article
        # structure); a streaming tag stripper still recovers the text.
        text = _plain_text(html)
        if len(text.split()) < MIN_FALLBACK_WORDS:
            raise ValueError("no main text found in HTML")
    published = _date(getattr(doc, "date", None)) or fallback_date
    return Article(id=doc_id, text=text, published=published, title=getattr(doc, "title", None),
                   url=url or getattr(doc, "url", None), source=getattr(doc, "sitename", None),
                   source_path=source_path)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


class _TextOnly(HTMLParser):
    """Streaming (non-recursive) text extraction: depth of nesting costs nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def _plain_text(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n\n".join(line for line in lines if line)
