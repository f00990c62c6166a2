"""Geoparsing evaluation on GeoWebNews (Gritta et al. 2019): recognition and resolution.

Reads ``GWN.xml`` from the gold folder (preferred: it carries offset fixes the
older text dump lacks). Gold toponyms are the annotations of the toponym types
(literal, metonymic, modifiers, mixed, coercion, embedded); those with a
GeoNames id are the resolution targets. Annotations whose offsets do not match
the article text (the two that sit in titles) are skipped.

Resolution is scored twice: over the gold toponyms the parser found (how
systems such as Mordecai report it, hiding recall) and end-to-end over all gold
toponyms, where a missed toponym counts as wrong at the maximum error. The
adjectival mentions GeoWebNews resolves to a country ("Syrian", "French") are
scored both with and without them.
"""

from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wirewatch.geodesy import km

MAX_KM = 20039.0  # half the earth's circumference: the largest possible error
TOPONYM_TYPES = {"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal", "Metonymic",
                 "Non_Literal_Modifier", "Embedded_Non_Lit"}


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    kind: str
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    url: str | None = None  # the article's address: the outlet's home is context for resolution


def load_gold(gold: Path, limit: int | None = None) -> list[GoldArticle]:
    path = gold / "GWN.xml" if gold.is_dir() else gold
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        text = node.findtext("text") or ""
        toponyms = []
        for t in node.iter("toponym"):
            kind = t.findtext("type") or ""
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            name = t.findtext("extractedName") or ""
            if kind not in TOPONYM_TYPES or text[start:end] != name:
                continue  # not a toponym, or annotated in the title
            gid = (t.findtext("geonamesID") or "").strip()
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            toponyms.append(GoldToponym(start, end, name, kind, int(gid) if gid else None,
                                        float(lat) if lat else None, float(lon) if lon else None))
        articles.append(GoldArticle(node.get("file", str(len(articles))), text, tuple(toponyms),
                                    (node.findtext("link") or "").strip() or None))
        if limit is not None and len(articles) >= limit:
            break
    return articles



def auc(errors: list[float]) -> float | None:
    """Gritta et al.'s area under the curve of sorted log errors, scaled to [0, 1]; lower is better."""
    if not errors:
        return None
    scaled = sorted(math.log(1 + min(e, MAX_KM)) / math.log(MAX_KM) for e in errors)
    if len(scaled) == 1:
        return round(scaled[0], 4)
    area = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:]))
    return round(area / (len(scaled) - 1), 4)


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _resolution(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """rows: one per gold toponym, with the predicted place (or None when missed)."""
    if not rows:
        return {"n": 0}
    exact = country = within = 0
    errors = []
    for row in rows:
        pred = row["pred"]
        if pred is None or pred.geonameid is None:
            errors.append(MAX_KM)
            continue
        exact += pred.geonameid == row["gold"].geonameid
        country += pred.country_code is not None and pred.country_code == row["gold_country"]
        error = km(pred.lat, pred.lon, row["gold"].lat, row["gold"].lon)
        within += error <= 161
        errors.append(error)
    n = len(rows)
    return {"n": n, "exact": round(exact / n, 4), "country": round(country / n, 4),
            "acc@161": round(within / n, 4), "median_km": round(statistics.median(errors), 1),
            "auc": auc(errors)}


def score(articles: list[GoldArticle], predictions: list[list[Any]], country_of: Any,
          keep_gold: Any = None) -> dict[str, Any]:
    """Metrics from gold articles and, per article, the predicted ``Place`` objects.

    ``keep_gold(toponym) -> bool`` restricts the gold (scoring without demonyms).
    """
    n_pred = n_gold = tp_pred_exact = tp_gold_exact = tp_pred_overlap = tp_gold_overlap = 0
    rows: list[dict[str, Any]] = []
    for article, places in zip(articles, predictions, strict=True):
        toponyms = [g for g in article.toponyms if keep_gold is None or keep_gold(g)]
        gold_spans = {(g.start, g.end) for g in toponyms}
        pred_spans = [(p.span.start, p.span.end) for p in places]
        n_pred += len(pred_spans)
        n_gold += len(gold_spans)
        tp_pred_exact += sum(s in gold_spans for s in pred_spans)
        tp_gold_exact += sum(s in set(pred_spans) for s in gold_spans)
        tp_pred_overlap += sum(any(_overlaps(s, g) for g in gold_spans) for s in pred_spans)
        tp_gold_overlap += sum(any(_overlaps(g, s) for s in pred_spans) for g in gold_spans)
        for g in toponyms:
            if g.geonameid is None or g.lat is None or g.lon is None:
                continue
            exact = [p for p in places if (p.span.start, p.span.end) == (g.start, g.end)]
            overlapping = exact or [p for p in places if _overlaps((p.span.start, p.span.end), (g.start, g.end))]
            rows.append({"gold": g, "pred": overlapping[0] if overlapping else None,
                         "gold_country": country_of(g), "article": article.id})
    found = [r for r in rows if r["pred"] is not None]
    return {
        "gold_toponyms": n_gold,
        "gold_resolvable": len(rows),
        "predicted": n_pred,
        "recognition": {"exact": _prf(tp_pred_exact, n_pred, tp_gold_exact, n_gold),
                        "overlap": _prf(tp_pred_overlap, n_pred, tp_gold_overlap, n_gold)},
        "resolution_found": _resolution(found),
        "resolution_end_to_end": _resolution(rows),
        "calibration": _calibration(found),
    }


def _calibration(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Expected calibration error of ``score`` against exact GeoNames match, and mean score vs accuracy."""
    rows = [r for r in rows if r["pred"].geonameid is not None]
    if not rows:
        return {}
    bins: dict[int, list[tuple[float, bool]]] = {}
    for r in rows:
        p = r["pred"]
        bins.setdefault(min(9, int(p.score * 10)), []).append((p.score, p.geonameid == r["gold"].geonameid))
    ece = sum(abs(sum(s for s, _ in b) - sum(ok for _, ok in b)) for b in bins.values()) / len(rows)
    return {"ece": round(ece, 4), "mean_score": round(sum(r["pred"].score for r in rows) / len(rows), 4),
            "exact": round(sum(r["pred"].geonameid == r["gold"].geonameid for r in rows) / len(rows), 4)}


def _summary(metrics: dict[str, Any]) -> dict[str, Any]:
    """The headline figures of one ``score`` result."""
    found, e2e, rec = metrics["resolution_found"], metrics["resolution_end_to_end"], metrics["recognition"]
    return {"found": found["n"], "exact_found": found.get("exact"), "acc@161_found": found.get("acc@161"),
            "exact_end_to_end": e2e.get("exact"), "acc@161_end_to_end": e2e.get("acc@161"),
            "recognition_f1_overlap": rec["overlap"]["f1"], "recognition_f1_exact": rec["exact"]["f1"]}


DEMONYM_ENDINGS = ("an", "ish", "ese", "ch", "ic", "i", "ian")


def _adjectival(text: str, is_name: bool) -> bool:
    """A demonym-like gold toponym ("Syrian", "Kurdish"): not one of its place's names, ends like an adjective."""
    return text.lower().endswith(DEMONYM_ENDINGS) and not is_name


def evaluate(gold: Path, limit: int | None = None) -> dict[str, Any]:
    """Run the spaCy model and the places stage over GeoWebNews and score it."""
    from wirewatch.nlp import load_model
    from wirewatch.places import PlaceFinder

    articles = load_gold(Path(gold), limit)
    t0 = time.perf_counter()
    finder = PlaceFinder.default(demonyms=True)
    load_s = time.perf_counter() - t0
    nlp = load_model()
    parse_s = places_s = 0.0
    predictions = []
    for article in articles:
        t0 = time.perf_counter()
        doc = nlp(article.text)
        t1 = time.perf_counter()
        predictions.append(finder.find(doc, url=article.url))
        parse_s += t1 - t0
        places_s += time.perf_counter() - t1
    gazetteer = finder.gazetteer

    def country_of(g: GoldToponym) -> str | None:
        entry = gazetteer.get(g.geonameid) if g.geonameid else None
        if entry is not None:
            return entry.country_code
        return gazetteer.country_at(g.lat, g.lon) if g.lat is not None and g.lon is not None else None

    def noun(g: GoldToponym) -> bool:
        is_name = any(c.geonameid == g.geonameid for c in gazetteer.candidates(g.text))
        return not _adjectival(g.text, is_name)

    def without_demonyms(places: list[Any]) -> list[Any]:
        return [p for p in places if gazetteer.demonym(p.span.text) is None]

    metrics: dict[str, Any] = {"articles": len(articles)}
    metrics["with_demonyms"] = score(articles, predictions, country_of)
    metrics["without_demonyms"] = score(articles, [without_demonyms(p) for p in predictions], country_of, noun)
    # the two halves of the set, scored apart: a change tuned on one half should hold on the other
    half = len(articles) // 2
    metrics["halves"] = {name: _summary(score(articles[part], predictions[part], country_of))
                         for name, part in (("first", slice(0, half)), ("second", slice(half, None)))} \
        if half else {}
    metrics["timing"] = {"gazetteer_load_s": round(load_s, 2), "parse_s": round(parse_s, 1),
                         "places_s": round(places_s, 1),
                         "places_share_of_parse": round(places_s / parse_s, 3) if parse_s else None}
    return metrics
