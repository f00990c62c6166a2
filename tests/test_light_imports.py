"""Importing the corpus stage (and the light parts of the places package it uses) loads no spaCy: the
corpus stage, the web app and the exporters start without the NLP models' libraries."""

from __future__ import annotations

import subprocess
import sys


def _loaded_after(statement: str, modules: tuple[str, ...]) -> list[str]:
    probe = f"import sys\n{statement}\nprint(' '.join(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return out.split()


def test_the_corpus_stage_imports_without_spacy():
    loaded = _loaded_after("import wirewatch.corpus, wirewatch.corpus.resolve", ("spacy", "wirewatch.places.finder"))
    assert loaded == []


def test_the_places_package_still_gives_its_finder_on_use():
    assert _loaded_after("from wirewatch.places import PlaceFinder", ("spacy",)) == ["spacy"]
