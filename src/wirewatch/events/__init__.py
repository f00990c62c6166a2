"""The events stage: ACLED-coded happenings and territorial control observations per document."""

from wirewatch.events.events import event_places, find_events, merge_reports

__all__ = ["event_places", "find_events", "merge_reports"]
