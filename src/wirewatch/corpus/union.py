"""Disjoint sets (union-find): the one grouping helper of the corpus stage.

Near-duplicate articles, name variants and outlets that reprint each other are all grouped by
joining pairs; the smallest member is each group's root so that results do not depend on the
order pairs arrive in.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    def __init__(self, items: Iterable[T]) -> None:
        self.parent: dict[T, T] = {i: i for i in items}

    def __contains__(self, item: object) -> bool:
        return item in self.parent

    def find(self, a: T) -> T:
        """The root of ``a``'s group (path halving keeps later finds short)."""
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: T, b: T) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # type: ignore[type-var]

    def groups(self) -> dict[T, list[T]]:
        """root -> its members, in the order the items were given."""
        out: dict[T, list[T]] = {}
        for item in self.parent:
            out.setdefault(self.find(item), []).append(item)
        return out
