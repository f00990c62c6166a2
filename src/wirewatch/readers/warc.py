"""WARC archives: HTML responses become articles; a cut archive keeps what was read."""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Iterator

from wirewatch.models import Article, DocError
from wirewatch.readers.decode import DecodeError, decode
from wirewatch.readers.html import read_html


def read_warc(data: bytes, path: str) -> Iterator[Article | DocError]:
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    # warcio stops quietly at a gzip member cut short, so check the members first and
    # report the cut after whatever complete records precede it.
    cut = gzip_cut(data) if data[:2] == b"\x1f\x8b" else None
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
        return
    if cut is not None:
        yield DocError(f"{path}#{n + 1}", "read", f"truncated or corrupt WARC after record {n}: {cut}", path)
    elif n == 0:
        yield DocError(path, "read", "not a WARC archive: no records found", path)


def gzip_cut(data: bytes) -> str | None:
    """Why a multi-member gzip stream is incomplete or corrupt, or None when it is whole."""
    pos = 0
    while pos < len(data):
        inflater = zlib.decompressobj(wbits=31)
        try:
            inflater.decompress(data[pos:], 1 << 20)  # bounded output: members can be large
            while inflater.unconsumed_tail and not inflater.eof:
                inflater.decompress(inflater.unconsumed_tail, 1 << 20)
        except zlib.error as exc:
            return f"corrupt gzip member at byte {pos} ({exc})"
        if not inflater.eof:
            return f"gzip member at byte {pos} is cut short (archive ends at byte {len(data)})"
        pos = len(data) - len(inflater.unused_data)
    return None


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
