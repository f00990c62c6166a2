"""Claims against PolNeAR-style brat gold, scored with Citron's metric definitions.

Gold folder layout: ``text/<name>.txt`` and ``attributions/<name>_<annotator>.ann``
(brat standoff: ``T`` lines typed Source, Cue, Content; ``E`` lines typed
Attribution or Attribution-no-source tying them). When an article has several
annotators' files, the first annotator listed for it in ``metadata.tsv`` (found
next to or above the gold folder) whose file exists is used.

Scoring works on spaCy tokens, as Citron's does: a character span covers the
tokens it touches. Metrics:

- exact: a predicted cue counts when a gold cue has the same tokens; a source
  (content) counts when the cues overlap and the whole source (content) span
  lists are equal; "all" needs cue, sources and contents all equal.
- overlap: token overlap summed over all predicted x gold claim pairs, over the
  summed predicted (precision) and gold (recall) lengths. ``overlap_union``
  repeats it on each document's token sets, so a span predicted twice cannot
  count twice.
- lenient claim: a claim matches when cues overlap, contents overlap and
  sources overlap (or both have none).
"""

from __future__ import annotations

import bisect
import csv
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TokenSpan = tuple[int, int]  # [first token, last token + 1)
CharSpan = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution as character spans; sources and contents may be discontinuous."""

    cue: tuple[CharSpan, ...]
    sources: tuple[CharSpan, ...]
    contents: tuple[CharSpan, ...]


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    text: str
    attributions: tuple[Attribution, ...]


# ---------------------------------------------------------------- reading gold

def read_brat(ann: str) -> list[Attribution]:
    """Attributions from brat standoff text (``Discuss``/``Discard`` relations are not attributions)."""
    spans: dict[str, tuple[CharSpan, ...]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if fields[0].startswith("T"):
            kind_offsets = fields[1].split(" ", 1)
            if len(kind_offsets) != 2:
                continue
            parts = []
            for piece in kind_offsets[1].split(";"):
                start, end = piece.split()
                parts.append((int(start), int(end)))
            spans[fields[0]] = tuple(parts)
        elif fields[0].startswith("E"):
            roles = [tuple(arg.split(":", 1)) for arg in fields[1].split() if ":" in arg]
            if roles and roles[0][0] in ("Attribution", "Attribution-no-source"):
                events.append([(r, t) for r, t in roles])  # type: ignore[misc]
    found = []
    for roles in events:
        cue: list[CharSpan] = []
        sources: list[CharSpan] = []
        contents: list[CharSpan] = []
        for role, tid in roles[1:]:
            target = {"Cue": cue, "Source": sources}.get(re.sub(r"\d+$", "", role), contents)
            if re.sub(r"\d+$", "", role) in ("Cue", "Source", "Content"):
                target.extend(spans.get(tid, ()))
        if cue:
            found.append(Attribution(tuple(sorted(cue)), tuple(sorted(sources)), tuple(sorted(contents))))
    return found


def _metadata_order(gold: Path) -> dict[str, list[str]]:
    for folder in (gold, *gold.parents):
        meta = folder / "metadata.tsv"
        if meta.exists():
            with meta.open(encoding="utf-8", newline="") as handle:
                return {row["filename"]: row["annotators"].split("|")
                        for row in csv.DictReader(handle, delimiter="\t")}
    return {}


def load_gold(gold: Path, limit: int | None = None) -> list[GoldDoc]:
    """The gold documents in name order, one annotator's attributions each."""
    order = _metadata_order(gold)
    docs = []
    for txt in sorted((gold / "text").glob("*.txt")):
        name = txt.stem
        candidates = sorted((gold / "attributions").glob(f"{name}_*.ann"))
        by_annotator = {p.stem[len(name) + 1:]: p for p in candidates}
        chosen = next((by_annotator[a] for a in order.get(name, []) if a in by_annotator), None)
        if chosen is None and candidates:
            chosen = candidates[0]
        if chosen is None:
            continue
        text = txt.read_text(encoding="utf-8")
        docs.append(GoldDoc(name, text, tuple(read_brat(chosen.read_text(encoding="utf-8")))))
        if limit is not None and len(docs) >= limit:
            break
    return docs


# ---------------------------------------------------------------- scoring

@dataclass(frozen=True, slots=True)
class TokenClaim:
    cue: TokenSpan
    sources: tuple[TokenSpan, ...]
    contents: tuple[TokenSpan, ...]


class TokenMap:
    """Character offsets to token ranges of one tokenised text (whitespace tokens excluded)."""

    def __init__(self, token_bounds: Sequence[CharSpan]) -> None:
        self.starts = [s for s, _ in token_bounds]
        self.ends = [e for _, e in token_bounds]

    def __call__(self, span: CharSpan) -> TokenSpan | None:
        start, end = span
        first = bisect.bisect_right(self.ends, start)  # first token ending after start
        last = bisect.bisect_left(self.starts, end)  # tokens before this start before end
        return (first, last) if first < last else None

    def claim(self, a: Attribution) -> TokenClaim | None:
        cues = [t for t in map(self, a.cue) if t]
        if not cues:
            return None
        cue = (min(c[0] for c in cues), max(c[1] for c in cues))
        sources = tuple(t for t in map(self, a.sources) if t)
        contents = tuple(t for t in map(self, a.contents) if t)
        return TokenClaim(cue, sources, contents)


def _overlap(a: TokenSpan, b: TokenSpan) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _overlap_lists(a: Iterable[TokenSpan], b: Sequence[TokenSpan]) -> int:
    return sum(_overlap(x, y) for x in a for y in b)


def _length(spans: Iterable[TokenSpan]) -> int:
    return sum(e - s for s, e in spans)


def _tokens(spans: Iterable[TokenSpan]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


ROLES = ("cue", "source", "content")


class Scorer:
    """Accumulates Citron's counts over documents."""

    def __init__(self) -> None:
        self.exact = {k: [0, 0, 0] for k in (*ROLES, "all")}  # tp, fp, fn
        self.overlap = {k: [0, 0, 0] for k in ROLES}  # overlap, predicted length, gold length
        self.union = {k: [0, 0, 0] for k in ROLES}
        self.lenient = [0, 0, 0, 0]  # matched predictions, predictions, matched gold, gold
        self.predicted = 0
        self.gold = 0

    def add(self, predicted: Sequence[TokenClaim], gold: Sequence[TokenClaim]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)

        def roles(c: TokenClaim) -> dict[str, tuple[TokenSpan, ...]]:
            return {"cue": (c.cue,), "source": c.sources, "content": c.contents}

        tests = {
            "cue": lambda p, g: p.cue == g.cue,
            "source": lambda p, g: _overlap(p.cue, g.cue) > 0 and p.sources == g.sources,
            "content": lambda p, g: _overlap(p.cue, g.cue) > 0 and p.contents == g.contents,
            "all": lambda p, g: p.cue == g.cue and p.sources == g.sources and p.contents == g.contents,
        }
        for key, test in tests.items():
            counts = self.exact[key]
            counts[0] += sum(1 for p in predicted if any(test(p, g) for g in gold))
            counts[1] += sum(1 for p in predicted if not any(test(p, g) for g in gold))
            counts[2] += sum(1 for g in gold if not any(test(p, g) for p in predicted))
        for key in ROLES:
            ov = self.overlap[key]
            for p in predicted:
                ov[0] += sum(_overlap_lists(roles(p)[key], roles(g)[key]) for g in gold)
            ov[1] += sum(_length(roles(p)[key]) for p in predicted)
            ov[2] += sum(_length(roles(g)[key]) for g in gold)
            pt = _tokens(s for p in predicted for s in roles(p)[key])
            gt = _tokens(s for g in gold for s in roles(g)[key])
            un = self.union[key]
            un[0] += len(pt & gt)
            un[1] += len(pt)
            un[2] += len(gt)

        def lenient(p: TokenClaim, g: TokenClaim) -> bool:
            if _overlap(p.cue, g.cue) == 0 or _overlap_lists(p.contents, g.contents) == 0:
                return False
            if not p.sources and not g.sources:
                return True
            return _overlap_lists(p.sources, g.sources) > 0

        self.lenient[0] += sum(1 for p in predicted if any(lenient(p, g) for g in gold))
        self.lenient[1] += len(predicted)
        self.lenient[2] += sum(1 for g in gold if any(lenient(p, g) for p in predicted))
        self.lenient[3] += len(gold)

    def metrics(self) -> dict[str, Any]:
        out: dict[str, Any] = {"predicted_claims": self.predicted, "gold_claims": self.gold}
        for key, (tp, fp, fn) in self.exact.items():
            out[f"{key}_exact"] = _prf(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)
        for name, table in (("overlap", self.overlap), ("overlap_union", self.union)):
            for key, (ov, plen, glen) in table.items():
                out[f"{key}_{name}"] = _prf(ov / plen if plen else 0.0, ov / glen if glen else 0.0)
            ov, plen, glen = (sum(v[i] for v in table.values()) for i in range(3))
            out[f"all_{name}"] = _prf(ov / plen if plen else 0.0, ov / glen if glen else 0.0)
        mp, np_, mg, ng = self.lenient
        out["lenient_claim"] = _prf(mp / np_ if np_ else 0.0, mg / ng if ng else 0.0)
        return out


def _prf(p: float, r: float) -> dict[str, float]:
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


# ---------------------------------------------------------------- running

def predicted_attributions(claims: Iterable[Any]) -> list[Attribution]:
    """``models.Claim`` objects as scorable attributions (discontinuous lists take precedence)."""
    found = []
    for c in claims:
        sources = c.sources or ((c.source,) if c.source else ())
        contents = c.contents or ((c.content,) if c.content else ())
        found.append(Attribution(((c.cue.start, c.cue.end),), tuple((s.start, s.end) for s in sources),
                                 tuple((s.start, s.end) for s in contents)))
    return found


def evaluate(gold: Path, limit: int | None = None) -> dict[str, Any]:
    """Run the claims stage over the gold texts and score it; also time it."""
    from wirewatch.claims import find_claims
    from wirewatch.clean import find_boilerplate, mask
    from wirewatch.nlp import build_pipeline
    from wirewatch.profile import load_profile

    docs = load_gold(Path(gold), limit)
    nlp = build_pipeline()
    profile = load_profile()
    for name in ("ww_claims", "ww_events"):  # timed separately / not needed here
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    scorer = Scorer()
    words = sum(len(d.text.split()) for d in docs)
    claims_seconds = 0.0
    started = time.perf_counter()
    texts = [mask(d.text, [(b.span.start, b.span.end) for b in find_boilerplate(d.text)]) for d in docs]
    for gold_doc, doc in zip(docs, nlp.pipe(texts, batch_size=16), strict=True):
        t0 = time.perf_counter()
        claims = find_claims(doc, doc._.ww_entities or [], profile)
        claims_seconds += time.perf_counter() - t0
        for c in claims:  # the offsets contract, checked on every run
            for span in (c.cue, c.source, c.content, *c.sources, *c.contents):
                assert span is None or gold_doc.text[span.start:span.end] == span.text
        tokens = TokenMap([(t.idx, t.idx + len(t.text)) for t in doc if not t.is_space])
        predicted = [t for a in predicted_attributions(claims) if (t := tokens.claim(a))]
        expected = [t for a in gold_doc.attributions if (t := tokens.claim(a))]
        scorer.add(predicted, expected)
    elapsed = time.perf_counter() - started
    metrics = scorer.metrics()
    metrics.update({
        "docs": len(docs), "words": words,
        "words_per_s": round(words / elapsed, 1) if elapsed else None,
        "claims_words_per_s": round(words / claims_seconds, 1) if claims_seconds else None,
        "claims_share_of_pipeline": round(claims_seconds / (elapsed - claims_seconds), 4)
        if elapsed > claims_seconds else None,
    })
    return metrics
