"""The GeoWebNews scorer on a two-article set written here (no model, no gold files)."""

from __future__ import annotations

from wirewatch.evaluation.geo import GoldArticle, GoldToponym, _summary, score
from wirewatch.models import Place, Span


def _article(text: str, name: str, gid: int, lat: float, lon: float) -> GoldArticle:
    start = text.index(name)
    return GoldArticle(name, text, (GoldToponym(start, start + len(name), name, "Literal", gid, lat, lon),))


def _place(text: str, name: str, gid: int, lat: float, lon: float, cc: str) -> Place:
    start = text.index(name)
    return Place(Span.of(text, start, start + len(name)), gid, name, lat, lon, cc, None, "PPL", 0.9)


def test_found_and_end_to_end_scores_and_the_summary() -> None:
    kyiv = _article("Talks were held in Kyiv on Monday.", "Kyiv", 703448, 50.45, 30.52)
    paris = _article("Farmers marched through Paris.", "Paris", 2988507, 48.85, 2.35)
    right = _place(kyiv.text, "Kyiv", 703448, 50.45, 30.52, "UA")
    metrics = score([kyiv, paris], [[right], []], lambda g: {703448: "UA", 2988507: "FR"}[g.geonameid])
    assert metrics["resolution_found"]["n"] == 1 and metrics["resolution_found"]["exact"] == 1.0
    assert metrics["resolution_end_to_end"]["n"] == 2 and metrics["resolution_end_to_end"]["acc@161"] == 0.5
    summary = _summary(metrics)
    assert summary["found"] == 1 and summary["acc@161_end_to_end"] == 0.5
    assert summary["recognition_f1_overlap"] == metrics["recognition"]["overlap"]["f1"]
