"""The situation report: self-contained HTML (works offline) and Markdown, built from the store.

It reads the corpus stage's tables (merged events, stories, comparisons,
control changes), so run the corpus stage first (``wirewatch run`` does).
"""

from __future__ import annotations

from dataclasses import dataclass

from wirewatch.store import Store


@dataclass(frozen=True)
class Report:
    html: str
    markdown: str


def build_report(store: Store, profile: str = "russia-ukraine") -> Report:
    """The report of ``store``; ``profile`` (a bundled name or a .toml path) is the conflict profile the store
    was built with: its sides' colours."""
    from wirewatch.profile import load_profile
    from wirewatch.report import html, markdown
    from wirewatch.report.data import load

    data = load(store, load_profile(profile))
    return Report(html.render(data), markdown.render(data))
