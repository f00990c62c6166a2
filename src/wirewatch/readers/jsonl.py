"""JSON Lines: one contract input record per line (``id``, ``text``, optional metadata)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from wirewatch.models import Article, DocError
from wirewatch.readers.decode import MAX_BYTES, DecodeError, decode


def read_jsonl(stream: BinaryIO, path: str) -> Iterator[Article | DocError]:
    """One article (or error) per line, read line by line: the byte limit is per record, so a file of
    any size is read, and a record over the limit costs that record only."""
    if stream.peek(2)[:2] == b"\x1f\x8b":
        stream = gzip.GzipFile(fileobj=stream)
    records = 0
    try:
        for number, line in enumerate(_lines(stream), start=1):
            if line is None:
                records += 1
                yield DocError(f"{path}#L{number}", "read", f"line {number}: record too large (over {MAX_BYTES} "
                               "bytes)", path)
                continue
            if not line.strip():
                continue
            records += 1
            yield _record(line, number, path)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise DecodeError(f"truncated gzip stream ({exc})") from exc
    if records == 0:
        raise DecodeError("empty document")


def _lines(stream: BinaryIO) -> Iterator[bytes | None]:
    """The lines of a stream split on "\n" only (str.splitlines would also cut at U+2028, U+0085 or a lone
    "\r", which JSON writers leave raw inside strings); None for a line longer than the limit, skipped
    without holding it."""
    first = True
    while line := stream.readline(MAX_BYTES + 1):
        if len(line) > MAX_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
            continue
        if first and line.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: decoded whole, then split
            text = decode(line + stream.read(MAX_BYTES + 1 - len(line)))
            yield from (part.encode("utf-8", "surrogatepass") for part in text.split("\n"))
            return
        first = False
        yield line.removesuffix(b"\n").removesuffix(b"\r").removeprefix(b"\xef\xbb\xbf")


def _record(line: bytes, number: int, path: str) -> Article | DocError:
    where = f"{path}#L{number}"
    try:
        text = line.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        try:
            text = decode(line)
        except DecodeError as exc:
            return DocError(where, "decode", f"line {number}: {exc}", path)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return DocError(where, "parse", f"malformed JSON on line {number}: {exc.msg}", path)
    except RecursionError:
        return DocError(where, "parse", f"line {number}: JSON nested too deeply", path)
    return article_from_record(record, where, path, f"line {number}: ")


def article_from_record(record: object, where: str, path: str, prefix: str = "") -> Article | DocError:
    """One contract input record (a JSON line, a Parquet row) as an Article, or why it cannot be one."""
    problem = _problem(record)
    if problem:
        return DocError(str(record.get("id", where)) if isinstance(record, dict) else where, "parse",
                        f"{prefix}{problem}", path)
    assert isinstance(record, dict)
    return Article(id=str(record["id"]), text=record["text"], published=parse_date(record.get("published")),
                   title=record.get("title"), url=record.get("url"), source=record.get("source"),
                   source_path=where)


def _problem(record: object) -> str | None:
    if not isinstance(record, dict):
        return "a record must be a JSON object"
    if "id" not in record or record["id"] in (None, ""):
        return "missing field 'id'"
    if not isinstance(record.get("text"), str):
        return "missing or non-string field 'text'"
    if not record["text"].strip():
        return "empty document"
    for key in ("title", "url", "source", "published"):
        if record.get(key) is not None and not isinstance(record[key], str):
            return f"field {key!r} must be a string"
    if record.get("published") and parse_date(record["published"]) is None:
        return f"unreadable 'published' date {record['published']!r}"
    return None


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
