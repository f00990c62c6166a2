"""JSON Lines: one contract input record per line (``id``, ``text``, optional metadata)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

from wirewatch.models import Article, DocError


def read_jsonl(content: str, path: str) -> Iterator[Article | DocError]:
    # Split on "\n" only: str.splitlines would also cut at U+2028, U+0085 or a lone "\r", which JSON
    # writers (ensure_ascii=False) leave raw inside strings, and the record would be lost.
    for number, line in enumerate(content.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{path}#L{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield DocError(where, "parse", f"malformed JSON on line {number}: {exc.msg}", path)
            continue
        yield article_from_record(record, where, path, f"line {number}: ")


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
