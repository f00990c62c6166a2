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
            n += 1
            if record.rec_type != "response" or record.http_headers is None:
                _drain(record, n)
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{n}"
            ctype = record.http_headers.get_header("Content-Type") or ""
            status = record.http_headers.get_statuscode()
            if "html" not in ctype.lower() or status != "200":
                _drain(record, n)
                continue
            body = record.content_stream().read()
            _drain(record, n)
            yield _article(body, ctype, uri, f"{path}#{n}", record.rec_headers.get_header("WARC-Date"))
    except Exception as exc:  # noqa: BLE001 - warcio raises several kinds on cut archives
        yield DocError(f"{path}#{n}", "read", f"truncated or corrupt WARC at record {n}: {exc}", path)


def _drain(record, n: int) -> None:
    """Read the rest of a record; an archive that ends inside it is truncated."""
    while record.raw_stream.read(65536):
        pass
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise EOFError(f"record {n} is cut short")


def _article(body: bytes, ctype: str, uri: str, where: str, warc_date: str | None) -> Article | DocError:
    charset = ctype.split("charset=")[-1].strip(" ;\"'") if "charset=" in ctype else None
    try:
        html = decode(body, declared=charset)
        fallback = dt.date.fromisoformat(warc_date[:10]) if warc_date else None
        return read_html(html, uri, where, url=uri, fallback_date=fallback)
    except (DecodeError, ValueError) as exc:
        return DocError(uri, "read", str(exc), where)
