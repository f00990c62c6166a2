"""The claims stage: who claims what, to whom, through which channel.

- ``find``: claims in a parsed document (the stage's entry point, ``find_claims``);
- ``cues``: the learnt cue model (attribution verbs and nouns) and the document helpers;
- ``quotes``: quotation marks, quote runs and headline claims;
- ``speakers``: the speaker of each claim, its side, role and channel.

Word lists live in ``data/claims/`` with the source of each entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wirewatch.claims.find import find_claims

__all__ = ["find_claims"]


def __getattr__(name: str) -> Any:
    if name == "find_claims":  # loaded on first use: importing the package loads no spaCy
        from wirewatch.claims.find import find_claims

        return find_claims
    raise AttributeError(name)
