"""wirewatch: news articles about a conflict in, a sourced, geolocated record of what happened out.

``import wirewatch`` loads no model and opens no file; the functions below do
their work when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from wirewatch.models import DocResult
    from wirewatch.store import Store

__all__ = ["__version__", "extract", "open_store"]


def extract(text: str, published: Any = None, id: str = "doc", source: str | None = None) -> "DocResult":
    """Run the per-document stage on ``text``; ``published`` (date or ISO string) anchors dates."""
    from wirewatch.pipeline import extract as _extract

    return _extract(text, published=published, id=id, source=source)


def open_store(path: str) -> "Store":
    """Open (or create) the DuckDB store at ``path``."""
    from wirewatch.store import Store

    return Store(path)
