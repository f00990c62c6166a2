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


def build_report(store: Store) -> Report:
    from wirewatch.report import html, markdown
    from wirewatch.report.data import load

    data = load(store)
    return Report(html.render(data), markdown.render(data))
