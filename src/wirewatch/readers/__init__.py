"""Readers: files, folders, stdin and URLs in; articles (or per-document errors) out.

Each format has a reader registered under a versioned name (``"txt.v1"``...).
The registry is filled on first use, the same way a plugin would add one.

A reader gets a binary stream, not the whole input in memory: each enforces the
per-document byte limit while it reads (``limits.MAX_DOCUMENT_BYTES``), so a huge
file or a compression bomb costs one error line, and a JSON Lines file or a WARC
archive of any size is read record by record. Every document leaves through
``checked``, the one boundary where text is made valid Unicode and dates sane.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from wirewatch.limits import EARLIEST_DATE, LATEST_DATE
from wirewatch.models import Article, DocError
from wirewatch.readers.decode import MAX_BYTES, DecodeError, decode, gunzip
from wirewatch.readers.fetch import Fetcher, FetchRefused, FetchResult, HttpFetcher

__all__ = ["read_inputs", "read_bytes", "checked", "Fetcher", "HttpFetcher", "FetchResult", "FetchRefused",
           "registry"]

# A reader takes a binary stream of one input, where it came from, and the year for dates without one.
Reader = Callable[[BinaryIO, str, int | None], Iterator[Article | DocError]]
FORMATS = {"text": "txt.v1", "html": "html.v1", "jsonl": "jsonl.v1", "warc": "warc.v1", "feed": "feed.v1"}
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".warc": "warc", ".xml": "feed", ".rss": "feed", ".atom": "feed",
}
_SURROGATE = re.compile("[\ud800-\udfff]")
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
            yield from _read_stream(sys.stdin.buffer, "<stdin>", input_format, default_year)
        elif path.startswith(("http://", "https://")):
            yield from _read_url(path, fetcher or HttpFetcher(), input_format, default_year)
        elif Path(path).is_dir():
            for item in _walk(Path(path)):
                if isinstance(item, DocError):
                    yield item
                else:
                    yield from _read_file(item, input_format, default_year)
        else:
            yield from _read_file(Path(path), input_format, default_year)


def display_name(path: str | os.PathLike) -> str:
    """A path as valid text: bytes of a file name that are not UTF-8 are shown as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _walk(folder: Path) -> Iterator[Path | DocError]:
    """The files under ``folder`` in path order, hidden ones left out; a symbolic link leading out of the
    folder is not followed and an unreadable subfolder is not skipped silently: each gets an error."""
    root = folder.resolve()
    found: list[tuple[str, Path | DocError]] = []

    def problem(path: Path, reason: str) -> None:
        found.append((str(path), DocError(display_name(path), "read", reason, display_name(path))))

    def unreadable(exc: OSError) -> None:
        problem(Path(exc.filename), f"cannot read folder: {exc.strerror}")

    for current, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        plain_files = set(files)
        for name in [*dirs, *files]:
            path = Path(current) / name
            if name.startswith("."):
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problem(path, "symbolic link to outside the input folder, not followed")
            elif name in plain_files and path.is_file():
                found.append((str(path), path))
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


def _read_file(path: Path, input_format: str, default_year: int | None) -> Iterator[Article | DocError]:
    name = display_name(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield DocError(name, "read", f"cannot read file: {exc.strerror or exc}", name)
        return
    with stream:
        yield from _read_stream(stream, name, input_format, default_year)


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
    yield from _read_stream(io.BytesIO(page.content), page.url, fmt, default_year)


def read_bytes(data: bytes, name: str, input_format: str = "auto",
               default_year: int | None = None) -> Iterator[Article | DocError]:
    """The documents in the bytes of one input (a file's content fetched by any means), in order."""
    yield from _read_stream(io.BytesIO(data), name, input_format, default_year)


def _read_stream(stream: BinaryIO, name: str, input_format: str,
                 default_year: int | None) -> Iterator[Article | DocError]:
    """Every document of one input through its format's reader; whatever goes wrong costs this input
    (or, in a multi-record format, the records from that point) one error line, never the run."""
    try:
        stream = _peekable(stream)
        fmt = input_format if input_format != "auto" else sniff(name, _content_head(stream.peek(4096)))
        if fmt not in FORMATS:
            yield DocError(name, "read", f"unknown input format {fmt!r}", name)
            return
        for item in registry()[FORMATS[fmt]](stream, name, default_year):
            yield checked(item)
    except DecodeError as exc:
        yield DocError(name, "decode", str(exc), name)
    except OSError as exc:
        yield DocError(name, "read", f"cannot read: {exc.strerror or exc}", name)
    except Exception as exc:  # noqa: BLE001 - a reader's bug must cost its input, not the run
        yield DocError(name, "read", f"unreadable input ({type(exc).__name__}: {exc})", name)


def checked(item: Article | DocError) -> Article | DocError:
    """The boundary every document passes: text made valid Unicode, an impossible date refused.

    A lone surrogate (``\\ud800`` in JSON, ``&#55296;`` in a feed) cannot be stored or encoded; each
    becomes U+FFFD, one character for one, so every offset still holds.
    """
    if isinstance(item, DocError):
        return dataclasses.replace(item, id=_valid(item.id), reason=_valid(item.reason),
                                   source_path=_valid(item.source_path))
    fields = {f: _valid(getattr(item, f)) for f in ("id", "text", "title", "url", "source", "source_path")}
    if item.published is not None and not EARLIEST_DATE <= item.published <= LATEST_DATE:
        return DocError(fields["id"], "read", f"publication date {item.published.isoformat()} is outside "
                        f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}", fields["source_path"])
    return dataclasses.replace(item, **fields)


def _valid(value: str | None) -> str | None:
    return _SURROGATE.sub("\ufffd", value) if value and _SURROGATE.search(value) else value


def _peekable(stream: BinaryIO) -> io.BufferedReader:
    """A stream whose head can be looked at (to sniff the format) without consuming it."""
    return stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[arg-type]


def read_bounded(stream: BinaryIO, limit: int = MAX_BYTES) -> bytes:
    """The whole (gunzipped) stream, reading at most ``limit`` bytes; more is a DecodeError."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DecodeError(f"document too large (over {limit} bytes)")
    return gunzip(data, limit)


def sniff(name: str, data: bytes) -> str:
    """The format of an input, by extension first and then by content."""
    stem = name[:-3] if name.endswith(".gz") else name
    suffix = Path(stem).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
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


def _content_head(head: bytes) -> bytes:
    """The first bytes of the content: decompressed when the input is gzip."""
    import zlib

    if head[:2] != b"\x1f\x8b":
        return head
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 2048)
    except zlib.error:
        return b""


def _read_text(stream: BinaryIO, name: str, default_year: int | None) -> Iterator[Article | DocError]:
    from wirewatch.readers.text import read_text

    yield read_text(decode(read_bounded(stream)), name, name, default_year)


def _read_html(stream: BinaryIO, name: str, default_year: int | None) -> Iterator[Article | DocError]:
    from wirewatch.readers.html import read_html

    try:
        yield read_html(decode(read_bounded(stream)), name, name, url=name if "://" in name else None)
    except ValueError as exc:
        if isinstance(exc, DecodeError):
            raise
        yield DocError(name, "parse", str(exc), name)


def _read_jsonl(stream: BinaryIO, name: str, default_year: int | None) -> Iterator[Article | DocError]:
    from wirewatch.readers.jsonl import read_jsonl

    yield from read_jsonl(stream, name)


def _read_warc(stream: BinaryIO, name: str, default_year: int | None) -> Iterator[Article | DocError]:
    from wirewatch.readers.warc import read_warc

    yield from read_warc(stream, name)


def _read_feed(stream: BinaryIO, name: str, default_year: int | None) -> Iterator[Article | DocError]:
    from wirewatch.readers.feed import read_feed

    yield from read_feed(decode(read_bounded(stream)), name)
