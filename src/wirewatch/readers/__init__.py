"""Readers: files, folders, stdin and URLs in; articles (or per-document errors) out.

Each format has a reader registered under a versioned name (``"txt.v1"``...).
The registry is filled on first use, the same way a plugin would add one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from wirewatch.models import Article, DocError
from wirewatch.readers.decode import DecodeError, decode, gunzip
from wirewatch.readers.fetch import Fetcher, FetchRefused, FetchResult, HttpFetcher

__all__ = ["read_inputs", "read_bytes", "Fetcher", "HttpFetcher", "FetchResult", "FetchRefused", "registry"]

# A reader takes the raw bytes of one input and where they came from.
Reader = Callable[[bytes, str, int | None], Iterator[Article | DocError]]
FORMATS = {"text": "txt.v1", "html": "html.v1", "jsonl": "jsonl.v1", "warc": "warc.v1", "feed": "feed.v1"}
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
_registry: dict[str, Reader] = {}


def registry() -> dict[str, Reader]:
    """Readers by versioned name, filled on first use."""
    if not _registry:
        _registry.update({"txt.v1": _read_text, "html.v1": _read_html, "jsonl.v1": _read_jsonl,
                          "warc.v1": _read_warc, "feed.v1": _read_feed})
    return _registry


def read_inputs(paths: Iterable[str], *, input_format: str = "auto", fetcher: Fetcher | None = None,
                default_year: int | None = None) -> Iterator[Article | DocError]:
    """One Article per readable document and one DocError per bad one, in input order; never raises."""
    for path in paths:
        if path == "-":
            yield from _read_bytes(sys.stdin.buffer.read(), "<stdin>", input_format, default_year)
        elif path.startswith(("http://", "https://")):
            yield from _read_url(path, fetcher or HttpFetcher(), input_format, default_year)
        elif Path(path).is_dir():
            for file in sorted(Path(path).rglob("*")):
                if file.is_file() and not any(p.startswith(".") for p in file.relative_to(path).parts):
                    yield from _read_file(str(file), input_format, default_year)
        else:
            yield from _read_file(path, input_format, default_year)


def _read_file(path: str, input_format: str, default_year: int | None) -> Iterator[Article | DocError]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        yield DocError(path, "read", f"cannot read file: {exc.strerror or exc}", path)
        return
    yield from _read_bytes(data, path, input_format, default_year)


def _read_url(url: str, fetcher: Fetcher, input_format: str,
              default_year: int | None) -> Iterator[Article | DocError]:
    try:
        page = fetcher.fetch(url)
    except FetchRefused as exc:
        yield DocError(url, "fetch", str(exc), url)
        return
    fmt = input_format
    if fmt == "auto" and ("rss" in page.content_type or "atom" in page.content_type):
        fmt = "feed"
    yield from _read_bytes(page.content, page.url, fmt, default_year)


def read_bytes(data: bytes, name: str, input_format: str = "auto",
               default_year: int | None = None) -> Iterator[Article | DocError]:
    """The documents in the bytes of one input (a file's content fetched by any means), in order."""
    yield from _read_bytes(data, name, input_format, default_year)


def _read_bytes(data: bytes, name: str, input_format: str,
                default_year: int | None) -> Iterator[Article | DocError]:
    fmt = input_format if input_format != "auto" else sniff(name, data)
    if fmt != "warc":  # warcio reads gzip member by member, and keeps what precedes a cut
        try:
            data = gunzip(data)
        except DecodeError as exc:
            yield DocError(name, "decode", str(exc), name)
            return
        if input_format == "auto" and fmt == "text" and not name.endswith((".txt", ".txt.gz")):
            fmt = sniff(name, data)
    if fmt not in FORMATS:
        yield DocError(name, "read", f"unknown input format {fmt!r}", name)
        return
    try:
        yield from registry()[FORMATS[fmt]](data, name, default_year)
    except DecodeError as exc:
        yield DocError(name, "decode", str(exc), name)


def sniff(name: str, data: bytes) -> str:
    """The format of an input, by extension first and then by content."""
    stem = name[:-3] if name.endswith(".gz") else name
    suffix = Path(stem).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if data[:2] == b"\x1f\x8b" and b"WARC/1." in _peek_gzip(data):
        return "warc"
    head = data[:2048].lstrip().lower()
    if head.startswith(b"warc/1."):
        return "warc"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def _peek_gzip(data: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(wbits=31).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def _read_text(data: bytes, name: str, default_year: int | None) -> Iterator[Article | DocError]:
    from wirewatch.readers.text import read_text

    yield read_text(decode(data), name, name, default_year)


def _read_html(data: bytes, name: str, default_year: int | None) -> Iterator[Article | DocError]:
    from wirewatch.readers.html import read_html

    try:
        yield read_html(decode(data), name, name, url=name if "://" in name else None)
    except ValueError as exc:
        yield DocError(name, "parse", str(exc), name)


def _read_jsonl(data: bytes, name: str, default_year: int | None) -> Iterator[Article | DocError]:
    from wirewatch.readers.jsonl import read_jsonl

    yield from read_jsonl(decode(data), name)


def _read_warc(data: bytes, name: str, default_year: int | None) -> Iterator[Article | DocError]:
    from wirewatch.readers.warc import read_warc

    yield from read_warc(data, name)


def _read_feed(data: bytes, name: str, default_year: int | None) -> Iterator[Article | DocError]:
    from wirewatch.readers.feed import read_feed

    yield from read_feed(decode(data), name)
