"""Events: ACLED-coded happenings and territorial control observations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.tokens import Doc

from wirewatch.models import Claim, ControlObservation, DateMention, Entity, Event, Place
from wirewatch.profile import ConflictProfile


def find_events(doc: Doc, *, places: Sequence[Place], dates: Sequence[DateMention],
                entities: Sequence[Entity], claims: Sequence[Claim],
                published: dt.date | None, profile: ConflictProfile
                ) -> tuple[list[Event], list[ControlObservation]]:
    return [], []
