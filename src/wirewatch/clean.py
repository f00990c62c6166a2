"""Boilerplate: adverts, captions, credits, navigation and promos, as spans."""

from __future__ import annotations

from collections.abc import Iterable

from wirewatch.models import Boilerplate


def find_boilerplate(text: str, body_start: int = 0) -> tuple[Boilerplate, ...]:
    """Spans of ``text`` that are not article body, each with its kind."""
    return ()


def mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces (newlines kept): same length, same offsets."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
