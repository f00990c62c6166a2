"""The events stage: ACLED-coded happenings and territorial control observations per document."""

from wirewatch.events.events import find_events, merge_reports

__all__ = ["find_events", "merge_reports"]
