"""Events and control changes on real news against independent gold (``benchmarks/gold/events-real``).

The gold (see that folder's README) was coded by annotators who read only ``docs/codebook.md``
and the articles. It is split once into ``dev.jsonl`` and ``test.jsonl``; each split is scored
on its own. A gold row names its article as ``shared:<file>.jsonl#<id>`` (read from the shared
benchmark folder) or ``github:<owner/name>@<commit>:<path>`` (read from a git clone of that public
repository, see ``github_text``): the texts are never copied into the repository.

Events are matched one-to-one per document by evidence overlap (a system event's evidence
overlaps one of the gold event's evidence spans), with, at each level:

- ``detection``: overlap only;
- ``event_type`` / ``sub_event_type``: and the same type / sub-event type;
- ``full``: and the same sub-event type, a date within a day of the gold date or range, and a
  location within 25 km of the gold place (an event placed only in a country: the country the gold
  place names, or the country of a gold point given for a region or country the text does not name, since
  the annotators' point for a country and GeoNames' centre of it lie up to 50 km apart).

Within a level, pairs that also agree on place are preferred, so that the events of a list
("strikes on A, B and C", one evidence sentence) pair with the right settlements. Of the
events matched at the ``event_type`` level the evaluation reports how often the location is
within 25 km, actor1's side is the gold side, and the date is within a day.

Control changes are matched one-to-one per document by place (within 25 km; a village the gazetteer
lacks, observed without coordinates, by its name, as ``wirewatch eval corpus`` does) and the same
change once "X lost" is read as "the other party gained" (in a conflict of two parties).
``optional`` gold items (background) are neither required nor penalised.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from wirewatch.corpus.control import place_key
from wirewatch.evaluation.events import _prf, resolve_ref
from wirewatch.geodesy import km
from wirewatch.models import Article, ControlObservation, DocError, DocResult, Event

MAX_KM = 25.0
SPLITS = ("dev", "test")
EVENT_LEVELS = ("detection", "event_type", "sub_event_type", "full")


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One gold event or control change, reduced to what is scored."""

    evidence: tuple[tuple[int, int], ...]
    kind: str  # event_type for events, the normalised change ("UA gained") for control
    sub_kind: str | None
    date: tuple[dt.date, dt.date] | None
    places: tuple[tuple[float, float], ...]
    side: str | None
    optional: bool
    fatalities: int | None = None
    names: tuple[str, ...] = ()  # name keys of the places (control: a village the gazetteer lacks is matched by name)
    unnamed_wide: tuple[tuple[float, float], ...] = ()  # points for a region or country the text does not name


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    category: str
    article: Article
    events: tuple[GoldItem, ...]
    control: tuple[GoldItem, ...]


def evaluate(gold: Path, limit: int | None = None, profile: str = "russia-ukraine") -> dict[str, Any]:
    """Score each split found at ``gold`` (a folder with dev/test files, or one file)."""
    return by_split(Path(gold), ".jsonl", lambda file: evaluate_split(file, limit, profile))


def by_split(gold: Path, suffix: str, score: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    """``score`` of each split file at ``gold`` (``dev``/``test`` in a folder, or the one file given)."""
    files = [gold / f"{name}{suffix}" for name in SPLITS] if gold.is_dir() else [gold]
    return {"gold": str(gold), **{file.stem: score(file) for file in files if file.exists()}}


def evaluate_split(file: Path, limit: int | None, profile: str) -> dict[str, Any]:
    from wirewatch.pipeline import Extractor
    from wirewatch.profile import load_profile

    parties = load_profile(profile).side_codes
    docs = load_gold(file, limit, parties)
    extractor = Extractor(profile)
    results = list(extractor.process(doc.article for doc in docs))
    tally = _Tally()
    by_category: dict[str, _Tally] = {}
    errors = []
    for doc, result in zip(docs, results, strict=True):
        if isinstance(result, DocError):
            errors.append(f"{doc.id}: {result.reason}")
            result = DocResult(article=doc.article)
        for t in (tally, by_category.setdefault(doc.category, _Tally())):
            t.add(doc, result, parties)
    out = {"docs": len(docs), **tally.summary()}
    out["by_category"] = {name: t.summary(brief=True) for name, t in sorted(by_category.items())}
    if errors:
        out["errors"] = errors
    return out


class _Tally:
    """Counts over documents for every level, and agreement of attributes of matched events."""

    def __init__(self) -> None:
        self.counts = {level: [0, 0, 0] for level in (*EVENT_LEVELS, "control")}
        self.attributes = {name: [0, 0] for name in ("location_25km", "actor1_side", "date_1day", "fatalities")}
        self.gold_events = self.optional_events = self.system_events = 0
        self.gold_control = self.system_control = 0

    def add(self, doc: GoldDoc, result: DocResult, parties: Sequence[str]) -> None:
        events = list(result.events)
        self.gold_events += sum(1 for g in doc.events if not g.optional)
        self.optional_events += sum(1 for g in doc.events if g.optional)
        self.system_events += len(events)
        for level in EVENT_LEVELS:
            pairs, fp, fn = _score(doc.events, events, lambda g, s, lv=level: _event_ok(g, s, lv))
            self.counts[level][0] += len(pairs)
            self.counts[level][1] += fp
            self.counts[level][2] += fn
            if level == "event_type":
                self._attributes(doc, pairs, events)
        coords = {p.geonameid: (p.lat, p.lon) for p in result.places if p.geonameid is not None and p.lat is not None}
        observed = [_observed(c, coords, parties) for c in result.control]
        self.gold_control += sum(1 for g in doc.control if not g.optional)
        self.system_control += len(observed)
        pairs, fp, fn = _score(doc.control, observed, _control_ok)
        self.counts["control"][0] += len(pairs)
        self.counts["control"][1] += fp
        self.counts["control"][2] += fn

    def _attributes(self, doc: GoldDoc, pairs: list[tuple[int, int]], events: list[Event]) -> None:
        for g_index, s_index in pairs:
            g, s = doc.events[g_index], events[s_index]
            if g.places:
                self._count("location_25km", _near(g, s))
            if g.side:
                self._count("actor1_side", s.actor1_side == g.side)
            if g.date:
                self._count("date_1day", _on_date(g, s))
            if g.fatalities is not None:
                self._count("fatalities", s.fatalities == g.fatalities)

    def _count(self, name: str, ok: bool) -> None:
        self.attributes[name][0] += int(ok)
        self.attributes[name][1] += 1

    def summary(self, brief: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"gold_events": self.gold_events, "system_events": self.system_events}
        if not brief:
            out["optional_gold_events"] = self.optional_events
            out["gold_control"] = self.gold_control
            out["system_control"] = self.system_control
        for level, (tp, fp, fn) in self.counts.items():
            out[level] = _prf(tp, fp, fn)
        out["of_matched_events"] = {name: {"share": round(ok / n, 3) if n else None, "n": n}
                                    for name, (ok, n) in self.attributes.items() if n or not brief}
        return out


def _score(gold: Sequence[GoldItem], system: Sequence[Any], ok: Callable[[GoldItem, Any], bool]
           ) -> tuple[list[tuple[int, int]], int, int]:
    """Matched (gold index, system index) pairs of required gold, false positives, false negatives."""
    required = [i for i, g in enumerate(gold) if not g.optional]
    optional = [i for i, g in enumerate(gold) if g.optional]
    pairs = _match(required, list(range(len(system))), lambda g, s: ok(gold[g], system[s]),
                   lambda g, s: _near(gold[g], system[s]))
    taken = {s for _, s in pairs}
    excused = _match(optional, [s for s in range(len(system)) if s not in taken],
                     lambda g, s: ok(gold[g], system[s]), lambda g, s: _near(gold[g], system[s]))
    fp = len(system) - len(pairs) - len(excused)
    return pairs, fp, len(required) - len(pairs)


def _match(gold: list[int], system: list[int], ok: Callable[[int, int], bool],
           better: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """A maximum matching built by augmenting paths, trying the pairs that agree on place first."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int], strict: bool) -> bool:
        for s in system:
            if s in seen or not ok(g, s) or strict and not better(g, s):
                continue
            seen.add(s)
            if s not in owner or augment(owner[s], seen, strict):
                owner[s] = g
                return True
        return False

    for strict in (True, False):
        for g in gold:
            if g not in owner.values():
                augment(g, set(), strict)
    return sorted((g, s) for s, g in owner.items())


def _event_ok(g: GoldItem, s: Event, level: str) -> bool:
    if not any(start < s.evidence.end and s.evidence.start < end for start, end in g.evidence):
        return False
    if level == "detection":
        return True
    if level == "event_type":
        return s.event_type == g.kind
    if s.sub_event_type != g.sub_kind:
        return False
    return level == "sub_event_type" or _on_date(g, s) and (not g.places or _near(g, s))


def _control_ok(g: GoldItem, s: tuple[str, tuple[float, float] | None, str | None, str]) -> bool:
    change, where, _, name = s
    if change != g.kind:
        return False
    if where is None:  # a village the gazetteer lacks: by its name
        return bool(name) and any(name in gold for gold in g.names)
    return any(km(la, lo, *where) <= MAX_KM for la, lo in g.places)


def _observed(c: ControlObservation, coords: dict[int, tuple[float, float]], parties: Sequence[str]
              ) -> tuple[str, tuple[float, float] | None, str | None, str]:
    where = coords.get(c.geonameid) if c.geonameid else None
    return _change(c.side, c.change, parties), where, c.date, place_key(c.place) if where is None else ""


def _change(side: str | None, change: str | None, parties: Sequence[str]) -> str:
    """'RU lost' is 'UA gained' when the conflict has exactly two parties."""
    if change == "lost" and len(parties) == 2 and side in parties:
        return f"{next(p for p in parties if p != side)} gained"
    return f"{side} {change}"


def _names(text: str, places: Sequence[dict[str, Any] | None]) -> tuple[str, ...]:
    """The name keys of the gold places that quote their name in the text."""
    return tuple(place_key(text[p["span"][0]:p["span"][1]]) for p in places if p and p.get("span"))


def _near(g: GoldItem, s: Any) -> bool:
    if isinstance(s, Event):
        loc = s.location
        if loc is not None and loc.precision == "country" and (place_key(loc.name) in g.names
                                                               or _in_country_of(loc, g.unnamed_wide)):
            return True  # one country: its name or code, not two ideas of its centre 50 km apart
        where = (loc.lat, loc.lon) if loc is not None and loc.lat is not None and loc.lon is not None else None
    else:
        where = s[1]
    return where is not None and any(km(la, lo, *where) <= MAX_KM for la, lo in g.places)


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    from wirewatch.places.gazetteer import Gazetteer

    return Gazetteer.load()


def _in_country_of(loc: Any, points: Sequence[tuple[float, float]]) -> bool:
    """A country-level location is the country one of ``points`` lies in."""
    entry = _gazetteer().get(loc.geonameid) if points and loc.geonameid else None
    return entry is not None and any(_country_at(la, lo) == entry.country_code for la, lo in points)


@lru_cache(maxsize=None)
def _country_at(lat: float, lon: float) -> str | None:
    return _gazetteer().country_at(lat, lon)


def _unnamed_wide(places: Sequence[dict[str, Any] | None]) -> tuple[tuple[float, float], ...]:
    """The gold points of a region or a country (precision 3) that the text does not name."""
    return tuple((p["lat"], p["lon"]) for p in places if p and not p.get("span") and p.get("precision") == 3
                 and p.get("lat") is not None and p.get("lon") is not None)


def _on_date(g: GoldItem, s: Event) -> bool:
    if g.date is None:
        return True
    if not s.date:
        return False
    try:
        day = dt.date.fromisoformat(s.date[:10])
    except ValueError:
        return False
    return g.date[0] - dt.timedelta(days=1) <= day <= g.date[1] + dt.timedelta(days=1)


def load_gold(file: Path, limit: int | None = None, parties: Sequence[str] = ()) -> list[GoldDoc]:
    rows = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    return gold_docs(rows[:limit] if limit is not None else rows, file, parties)


def gold_docs(rows: Sequence[dict[str, Any]], file: Path, parties: Sequence[str] = ()) -> list[GoldDoc]:
    """Gold rows with their articles read from the shared folder (references resolve from ``file``)."""
    texts: dict[Path, dict[str, dict[str, Any]]] = {}
    docs = []
    for row in rows:
        if row["doc"].startswith("github:"):
            doc_id = row.get("id") or row["doc"].rsplit("/", 1)[-1]
            path, record = Path(row["doc"]), {"text": github_text(row["doc"], row.get("sha1"))}
        else:
            ref, _, doc_id = row["doc"].partition("#")
            path = resolve_ref(ref, file)
            if path not in texts:
                texts[path] = _records(path)
            record = texts[path][doc_id]
        published = row.get("published")
        article = Article(id=doc_id, text=record["text"], title=record.get("title"), url=record.get("url"),
                          source=record.get("source"), source_path=str(path),
                          published=dt.date.fromisoformat(published) if published else None)
        events = tuple(GoldItem(_spans(e["evidence"]), e["event_type"], e["sub_event_type"], _date_range(e.get("date")),
                                _coords(e.get("places")), e.get("actor1_side"), bool(e.get("optional")),
                                _count(e.get("fatalities")),
                                names=_names(record["text"], e.get("places") or ()),
                                unnamed_wide=_unnamed_wide(e.get("places") or ()))
                       for e in row.get("events", ()))
        control = tuple(GoldItem(_spans(c["evidence"]), _change(c.get("side"), c.get("change"), parties), None,
                                 _date_range(c.get("date")), _coords([c.get("place")]), c.get("side"),
                                 bool(c.get("optional")), names=_names(record["text"], [c.get("place")]))
                        for c in row.get("control", ()))
        docs.append(GoldDoc(doc_id, row.get("category", ""), article, events, control))
    return docs


def github_text(ref: str, sha1: str | None = None, clone: Path | None = None) -> str:
    """The text of ``github:<owner/name>@<commit>:<path>``, read with ``git show`` from a git clone of that
    public repository: ``clone``, else ``$WIREWATCH_CLONES/<owner>+<name>``; ``sha1`` (of the file) checks it."""
    repo, _, blob = ref.removeprefix("github:").partition("@")
    clone = clone or Path(os.environ.get("WIREWATCH_CLONES", "clones")) / repo.replace("/", "+")
    if not clone.exists():
        raise FileNotFoundError(errno.ENOENT, f"a git clone of {repo} (set WIREWATCH_CLONES)", str(clone))
    shown = subprocess.run(["git", "-C", str(clone), "show", blob], capture_output=True, check=False)
    if shown.returncode:
        raise FileNotFoundError(errno.ENOENT, f"{blob} in {clone}: {shown.stderr.decode(errors='replace').strip()}")
    if sha1 and hashlib.sha1(shown.stdout).hexdigest() != sha1:
        raise ValueError(f"{ref}: the clone's text is not the one the gold was coded on")
    return shown.stdout.decode("utf-8", errors="replace")


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _records(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        raise FileNotFoundError(f"{path}: the shared benchmark folder is not here (set WIREWATCH_SHARED)")
    records = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {str(r["id"]): r for r in records}


def _spans(pairs: Sequence[Sequence[int]]) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in pairs)


def _coords(places: Sequence[dict[str, Any] | None] | None) -> tuple[tuple[float, float], ...]:
    return tuple((p["lat"], p["lon"]) for p in places or () if p and p.get("lat") is not None and p.get("lon") is not None)


def _date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    if not value:
        return None
    try:
        first, _, last = value.partition("/")
        return dt.date.fromisoformat(first), dt.date.fromisoformat(last or first)
    except ValueError:
        return None
