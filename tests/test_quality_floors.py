"""Accuracy floors: small frozen slices of each benchmark, scored exactly as ``wirewatch eval`` scores
them, must not fall below the floors recorded in ``benchmarks/floors.json``.

A benchmark whose gold lives outside the repository (``shared:``) is skipped, with the reason, when
that folder is absent: set ``WIREWATCH_SHARED`` to the folder that holds ``bench/``.
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
FLOORS = json.loads((REPO / "benchmarks" / "floors.json").read_text(encoding="utf-8"))["floors"]


def gold_path(ref: str) -> Path:
    """``shared:x`` under $WIREWATCH_SHARED (else ../shared next to the repository), ``repo:x`` here."""
    where, _, rest = ref.partition(":")
    if where == "shared":
        return Path(os.environ.get("WIREWATCH_SHARED", REPO.parent / "shared")) / rest
    assert where == "repo", f"gold {ref!r} must start with shared: or repo:"
    return REPO / rest


def figure(result: dict[str, Any], metric: str) -> float:
    """``with_demonyms.recognition.overlap.f1`` -> the number at that path of an evaluation's JSON."""
    value: Any = result
    for key in metric.split("."):
        value = value[key]
    return value


@pytest.fixture(scope="module")
def scored() -> Any:
    results: dict[tuple, dict] = {}  # one evaluation per slice, however many of its figures are checked

    def score(benchmark: str, gold: Path, limit: int | None) -> dict:
        key = (benchmark, gold, limit)
        if key not in results:
            module = importlib.import_module(f"wirewatch.evaluation.{benchmark}")
            results[key] = module.evaluate(gold, limit=limit)
        return results[key]

    return score


def test_every_floor_row_is_complete():
    for row in FLOORS:
        assert {"benchmark", "gold", "limit", "metric", "floor", "value", "measured"} <= set(row), row
        assert row["floor"] <= row["value"], row  # a floor above what was measured fails from the start


@pytest.mark.slow
@pytest.mark.parametrize("row", FLOORS, ids=lambda r: f"{r['benchmark']}-{r['limit']}-{r['metric']}")
def test_figure_is_not_below_its_floor(row: dict, scored: Any) -> None:
    gold = gold_path(row["gold"])
    needed = gold_path(row["needs"]) if row.get("needs") else gold
    if not needed.exists():
        pytest.skip(f"{row['benchmark']} needs {needed.name}, not found at {needed}: set WIREWATCH_SHARED to the "
                    f"folder that holds bench/")
    if not gold.exists():
        pytest.skip(f"{row['benchmark']} gold {row['gold']} not found at {gold}: set WIREWATCH_SHARED to the "
                    f"folder that holds bench/")
    value = figure(scored(row["benchmark"], gold, row["limit"]), row["metric"])
    assert value >= row["floor"], (
        f"{row['benchmark']} {row['metric']} on the first {row['limit'] or 'all'} documents of {row['gold']} is "
        f"{value}, below its floor {row['floor']} (it was {row['value']} on {row['measured']})")
