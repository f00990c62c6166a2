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


@pytest.fixture(scope="session")
def gazetteer():
    from wirewatch.places import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def finder(gazetteer):
    from wirewatch.places import PlaceFinder

    return PlaceFinder(gazetteer)


@pytest.fixture(scope="session")
def finder_demonyms(gazetteer):
    from wirewatch.places import PlaceFinder

    return PlaceFinder(gazetteer, demonyms=True)
