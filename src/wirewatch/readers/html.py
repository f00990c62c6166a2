"""HTML pages: trafilatura's main text plus title, date and site name."""

from __future__ import annotations

import datetime as dt

from wirewatch.models import Article

def read_html(html: str, doc_id: str, source_path: str | None, url: str | None = None,
              fallback_date: dt.date | None = None) -> Article:
    """Raises ValueError with a reason when no main text can be found."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except RecursionError as exc:
        raise ValueError("HTML nested too deeply to parse") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
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
