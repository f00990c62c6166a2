"""WARC archives: HTML responses become articles; a cut archive keeps what was read."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

from wirewatch.models import Article, DocError
from wirewatch.readers.decode import DecodeError, decode
from wirewatch.readers.html import read_html


def read_warc(data: bytes, path: str) -> Iterator[Article | DocError]:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            n += 1
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{n}"
            ctype = record.http_headers.get_header("Content-Type") or ""
            status = record.http_headers.get_statuscode()
            if "html" not in ctype.lower() or status != "200":
                continue
            body = record.content_stream().read()
            if getattr(record.raw_stream, "limit", 0) > 0:  # the archive ends inside this record
                raise EOFError(f"record {n} is cut short")
            yield _article(body, ctype, uri, f"{path}#{n}", record.rec_headers.get_header("WARC-Date"))
    except Exception as exc:  # noqa: BLE001 - warcio raises several kinds on cut archives
        yield DocError(f"{path}#{n}", "read", f"truncated or corrupt WARC at record {n}: {exc}", path)


def _article(body: bytes, ctype: str, uri: str, where: str, warc_date: str | None) -> Article | DocError:
    charset = ctype.split("charset=")[-1].strip(" ;\"'") if "charset=" in ctype else None
    try:
        html = decode(body, declared=charset)
        fallback = dt.date.fromisoformat(warc_date[:10]) if warc_date else None
        return read_html(html, uri, where, url=uri, fallback_date=fallback)
    except (DecodeError, ValueError) as exc:
        return DocError(uri, "read", str(exc), where)
