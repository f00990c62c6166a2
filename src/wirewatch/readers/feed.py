"""RSS and Atom feeds: each entry with its full content becomes an article."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from collections.abc import Iterator

from wirewatch.models import Article, DocError


def read_feed(content: str, path: str) -> Iterator[Article | DocError]:
    import feedparser

    feed = feedparser.parse(_CHAR_REF.sub(_valid_char_ref, content))
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None) or "no entries"
        yield DocError(path, "parse", f"not a readable feed: {reason}", path)
        return
    outlet = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, start=1):
        try:
            yield _entry(entry, f"{path}#{n}", outlet)
        except Exception as exc:  # noqa: BLE001 - one odd entry costs itself, not the feed
            yield DocError(f"{path}#{n}", "parse", f"unreadable feed entry ({type(exc).__name__}: {exc})", path)


_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")


def _valid_char_ref(m: re.Match) -> str:
    """A reference to no character (a lone surrogate such as ``&#55296;``, or past U+10FFFF) makes
    feedparser raise and lose the whole feed: it becomes U+FFFD, as an HTML parser would read it."""
    code = int(m[1], 16) if m[1] else int(m[2])
    return "&#xFFFD;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else m[0]


def _entry(entry, where: str, outlet: str | None) -> Article | DocError:
    html = entry.content[0].value if entry.get("content") else entry.get("summary", "")
    text = html_to_text(html)
    doc_id = entry.get("link") or entry.get("id") or where
    if not text.strip():
        return DocError(doc_id, "parse", "feed entry has no text", where)
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    published = local_date(entry.get("published") or entry.get("updated")) or (dt.date(*parsed[:3]) if parsed else None)
    return Article(id=doc_id, text=text, published=published, title=entry.get("title"),
                   url=entry.get("link"), source=outlet, source_path=where)


def local_date(stamp: str | None) -> dt.date | None:
    """The calendar day of a timestamp as written, in the outlet's own time zone.

    feedparser's ``published_parsed`` is converted to UTC: a story filed at 01:30 on a Thursday in Kyiv
    (+03:00) would be dated Wednesday, and its "early on Thursday" resolved to the Thursday before.
    """
    if not stamp:
        return None
    try:
        return email.utils.parsedate_to_datetime(stamp).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(stamp.strip()).date()
    except ValueError:
        return None


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
