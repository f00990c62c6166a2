"""WARC archives: HTML responses become articles; a cut archive keeps what was read."""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from wirewatch.models import Article, DocError
from wirewatch.readers.decode import MAX_BYTES, DecodeError, decode
from wirewatch.readers.html import read_html


def read_warc(stream: BinaryIO, path: str) -> Iterator[Article | DocError]:
    """HTML responses of an archive read record by record (an archive of any size); a record whose body
    is over the document limit, after any Content-Encoding, fails alone."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    # warcio stops quietly at a gzip member cut short, so check the members first and
    # report the cut after whatever complete records precede it.
    cut = None
    if stream.peek(2)[:2] == b"\x1f\x8b":
        if not stream.seekable():  # standard input: held in memory, within the document limit
            stream = io.BufferedReader(io.BytesIO(read_limited(stream)))
        start = stream.tell()
        cut = gzip_cut(stream)
        stream.seek(start)
    try:
        for record in ArchiveIterator(stream):
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
            body = record.content_stream().read(MAX_BYTES + 1)  # Content-Encoding decoded, within the limit
            _drain(record, n)
            if len(body) > MAX_BYTES:
                yield DocError(uri, "read", f"record too large (over {MAX_BYTES} bytes once decoded)",
                               f"{path}#{n}")
                continue
            yield _article(body, ctype, uri, f"{path}#{n}", record.rec_headers.get_header("WARC-Date"))
    except Exception as exc:  # noqa: BLE001 - warcio raises several kinds on cut archives
        yield DocError(f"{path}#{n}", "read", f"truncated or corrupt WARC at record {n}: {exc}", path)
        return
    if cut is not None:
        yield DocError(f"{path}#{n + 1}", "read", f"truncated or corrupt WARC after record {n}: {cut}", path)
    elif n == 0:
        yield DocError(path, "read", "not a WARC archive: no records found", path)


def read_limited(stream: BinaryIO) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise DecodeError(f"archive on standard input too large (over {MAX_BYTES} bytes); give it as a file")
    return data


def gzip_cut(stream: BinaryIO) -> str | None:
    """Why a multi-member gzip stream is incomplete or corrupt, or None when it is whole.

    Reads the stream once in chunks and throws the output away: memory stays flat whatever the size.
    """
    offset = member = 0  # compressed bytes consumed so far; where the current member starts
    inflater = zlib.decompressobj(wbits=31)
    while chunk := stream.read(1 << 20):
        pending = chunk
        while pending:
            if inflater.eof:
                member, inflater = offset, zlib.decompressobj(wbits=31)
            try:
                inflater.decompress(pending, 1 << 20)  # bounded output: members can be large
                while inflater.unconsumed_tail and not inflater.eof:
                    inflater.decompress(inflater.unconsumed_tail, 1 << 20)
            except zlib.error as exc:
                return f"corrupt gzip member at byte {member} ({exc})"
            rest = inflater.unused_data if inflater.eof else b""
            offset += len(pending) - len(rest)
            pending = rest
    if not inflater.eof and offset > member:
        return f"gzip member at byte {member} is cut short (archive ends at byte {offset})"
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
