"""Shared fixtures: the spaCy pipeline is expensive, so tests share one per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The bare English model (no wirewatch components), for stage unit tests."""
    from wirewatch.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def extractor():
    """The full per-document stage."""
    from wirewatch.pipeline import Extractor

    return Extractor()
