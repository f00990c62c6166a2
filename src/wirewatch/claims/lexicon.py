"""The claims stage's word lists, read from ``data/claims/words.toml`` (each list says where it comes from)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _lists() -> dict[str, dict]:
    data = resources.files("wirewatch") / "data" / "claims" / "words.toml"
    return tomllib.loads(data.read_text(encoding="utf-8"))


def word_list(name: str) -> frozenset[str]:
    """The words of list ``name`` (a KeyError names a list the data file lacks)."""
    return frozenset(_lists()[name]["words"])
