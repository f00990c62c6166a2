"""Train the event model on the real-news dev gold (deterministic, a minute or two on one CPU core).

Every sentence of the dev articles is an example, labelled with the ACLED sub-event types of the
gold events whose evidence it overlaps (and ``control`` when it overlaps a control change's
evidence); sentences of PolNeAR train articles (political news with no political violence to
speak of) may be added as extra negatives, and sentences of other news labelled with the events they
report (``benchmarks/gold/events-sentences``, positives and negatives) as extra training rows, and
the snippets of the CASE 2021 shared task 2 (real news labelled with ACLED sub-event types by that
task's annotators; ``--case2021``, see ``case_snippets``). One
L2-regularised logistic regression per class over the sparse features of
``wirewatch.events.event_model.sentence_features`` is fitted by full-batch Adagrad (numpy, fixed
iterations, no randomness). The result,
``src/wirewatch/data/events/model.json``, holds only feature names (lemmas, dependency labels,
word classes) and weights, no text.

``--cv K`` scores the model honestly on dev: the articles are cut into K folds (the articles of one
story, told by several outlets, in one fold), the model is
trained on K-1 and the whole events stage is run on the held-out fold with it, scored with the evaluator's own
tally (``wirewatch.evaluation.events_real``, the measures of ``wirewatch eval events``) summed
over folds (the extra rows only ever train). The threshold is the one with the best event-type F1
across folds. The shipped model is reproduced (weights within 1e-4) by:

    git clone https://github.com/emerging-welfare/case-2021-shared-task
    .venv/bin/python scripts/train_event_model.py benchmarks/gold/events-real/dev.jsonl \\
        --negatives "${WIREWATCH_SHARED:-../shared}"/bench/attribution/polnear/train/text \\
        --sentences benchmarks/gold/events-sentences \\
        --case2021 case-2021-shared-task/task2/test_dataset/test_set_final_release_with_labels.tsv \\
        --case-weight 0.5 --threshold 0.4

(with ``PYTHONHASHSEED=0`` for the same feature order; add ``--cv 5`` for the held-out figures).

``--articles`` adds the dev rows of another article gold (``benchmarks/gold/war-articles/dev.jsonl``).
``--sentences`` takes a file or a folder (every ``*.jsonl`` in it but ``*-double.jsonl``).
Only rows marked ``"split": "dev"`` are read: the test split is never used for training.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from wirewatch.events import event_places, find_events
from wirewatch.events.event_lexicon import TERRITORY
from wirewatch.events.event_model import CONTROL, EVENT, EventModel, document_features, sentence_features
from wirewatch.evaluation.events_real import GoldDoc, _Tally, github_text, gold_docs, load_gold
from wirewatch.models import Article, DocResult
from wirewatch.pipeline import Extractor
from wirewatch.clean import find_boilerplate
from wirewatch.profile import load_profile

MIN_SEEN = 2  # rarer features are dropped (they only memorise, and the artefact stays small)
MIN_CLASS = 3  # sub-types with fewer positive sentences are not learnt
L2 = 1.0
ITERATIONS = 600
LEARNING_RATE = 1.0
THRESHOLDS = (0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7)
ROOT = Path(__file__).resolve().parents[1]

Row = tuple[list[str], set[str], float]  # features, labels, weight in the loss


def shared_root() -> Path:
    return Path(os.environ.get("WIREWATCH_SHARED") or ROOT.parent / "shared")


def load_dev(gold: Path) -> tuple[list[dict], list[Article]]:
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("split") == "dev"]
    texts: dict[str, dict] = {}
    for r in rows:
        path, _, _ = r["doc"].removeprefix("shared:").partition("#")
        if path not in texts:
            texts[path] = {a["id"]: a for a in map(json.loads, (shared_root() / path).read_text().splitlines())}
    articles = []
    for r in rows:
        path, _, ident = r["doc"].removeprefix("shared:").partition("#")
        a = texts[path][ident]
        articles.append(Article(id=ident, text=a["text"], published=dt.date.fromisoformat(r["published"][:10])))
    return rows, articles


def parse(extractor: Extractor, articles: Sequence[Article]) -> list[Doc]:
    docs = [extractor._make_doc(a, find_boilerplate(a.text, a.body_start)) for a in articles]
    return list(extractor.nlp.pipe(docs, batch_size=16))


def examples(row: dict, doc: Doc, weight: float = 1.0) -> list[Row]:
    spans = [(s, e, ev["sub_event_type"]) for ev in row["events"] for s, e in ev["evidence"]]
    spans += [(s, e, CONTROL) for c in row["control"] for s, e in c["evidence"]]
    out = []
    lead = document_features(doc)
    for sent in doc.sents:
        if len(sent) < 3 or not sent.text.strip():
            continue
        labels = {label for s, e, label in spans if s < sent.end_char and e > sent.start_char}
        out.append((sentence_features(sent) + lead, with_event(labels), weight))
    return out


def load_articles(path: Path, extractor: Extractor, profile) -> tuple[list[dict], list[GoldDoc], list[Doc]]:
    """The dev rows of another article gold (``github:`` rows read through ``$WIREWATCH_CLONES``), their
    gold documents and parses."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("split") == "dev"]
    gold = gold_docs(rows, path, profile.side_codes)
    return rows, gold, parse(extractor, [g.article for g in gold])


def with_event(sub_types: set[str]) -> set[str]:
    """The labels of a sentence reporting ``sub_types`` (and ``control``): ``event`` too if it reports one."""
    return sub_types | {EVENT} if sub_types - {CONTROL} else sub_types


def parse_plain(extractor: Extractor, texts: Iterable[str], batch_size: int = 32) -> list[Doc]:
    """``texts`` parsed by the extractor's spaCy pipeline alone (without wirewatch's own stages)."""
    from wirewatch.nlp import STAGES
    nlp = extractor.nlp
    with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n in STAGES]):
        return list(nlp.pipe(texts, batch_size=batch_size))


def negatives(folder: Path, docs: int, extractor: Extractor) -> list[Row]:
    paths = sorted(folder.glob("*.txt"))[:docs]
    parsed = parse_plain(extractor, (p.read_text(encoding="utf-8", errors="replace") for p in paths), batch_size=16)
    return [(sentence_features(s) + document_features(doc), set(), 1.0) for doc in parsed for s in doc.sents
            if len(s) >= 3]


def sentence_files(gold: Path) -> list[Path]:
    """The labelled-sentence files of ``gold`` (a file, or a folder: every ``*.jsonl`` in it but the
    ``*-double.jsonl`` files, which repeat doubly annotated sentences once per annotator)."""
    if gold.is_file():
        return [gold]
    return sorted(p for p in gold.glob("*.jsonl") if not p.name.endswith("-double.jsonl"))


def source_text(doc: str, clones: dict[str, Path]) -> str:
    """The text a sentence row points into: ``shared:<path>`` in the shared benchmark data, or
    ``github:<owner/name>@<commit>:<path>`` read with ``git show`` from the clone given for that repository."""
    if doc.startswith("github:"):
        repo = doc.removeprefix("github:").partition("@")[0]
        if repo not in clones:
            raise SystemExit(f"sentences from {repo}: pass --clone {repo}=PATH (a git clone of it)")
        return github_text(doc, clone=clones[repo])
    return (shared_root() / doc.removeprefix("shared:")).read_text(encoding="utf-8", errors="replace")


def labelled_sentences(gold: Path, extractor: Extractor, weight: float, clones: dict[str, Path]) -> list[Row]:
    """Sentences of other news labelled with the events they report (``benchmarks/gold/events-sentences``):
    each is parsed on its own (its features need no context) and weighs ``weight`` in the loss."""
    rows = [json.loads(line) for path in sentence_files(gold)
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(sentence_features(doc[:]) + document_features(doc), with_event({e["sub_event_type"] for e in r["events"]}),
             weight)
            for r, doc in zip(rows, parse_plain(extractor, sentence_texts(rows, clones)), strict=True)]


def sentence_texts(rows: Sequence[dict], clones: dict[str, Path]) -> list[str]:
    """The sentence of each labelled row, each source text read once."""
    texts: dict[str, str] = {}
    for r in rows:
        if r["doc"] not in texts:
            texts[r["doc"]] = source_text(r["doc"], clones)
    return [texts[r["doc"]][slice(*r["sentence"])] for r in rows]


# CASE 2021 task 2 (fine-grained classification of socio-political events; emerging-welfare/
# case-2021-shared-task, task2/test_dataset/test_set_final_release_with_labels.tsv): real news
# snippets labelled by the task's annotators with ACLED sub-event types, and with types ACLED does
# not code (crime, disasters) that are negatives here. Diplomacy and attribution snippets are left
# out: the codebook codes some talks and claims of responsibility tell of an attack.
CASE_SUB_TYPES = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement", "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash", "ARREST": "Arrests", "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb", "VIOL_DEMONSTR": "Violent demonstration",
    "ORG_CRIME": None, "NATURAL_DISASTER": None, "MAN_MADE_DISASTER": None,
}


def case_snippets(path: Path, extractor: Extractor, weight: float, first_sentence: bool) -> list[Row]:
    """The labelled snippets of CASE 2021 task 2 as training rows: each snippet's label on its first
    sentence (``first_sentence``) or on the whole snippet; a change of territory is ``control`` too."""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    rows = [(text, CASE_SUB_TYPES[label]) for _, text, label in (line.split("\t") for line in lines if line.strip())
            if label in CASE_SUB_TYPES]
    out = []
    for (_, sub_type), doc in zip(rows, parse_plain(extractor, (text for text, _ in rows)), strict=True):
        span = next(iter(doc.sents)) if first_sentence else doc[:]
        labels = set() if sub_type is None else {sub_type} | ({CONTROL} if sub_type in TERRITORY else set())
        out.append((sentence_features(span) + document_features(doc), with_event(labels), weight))
    return out


class Design:
    """The 0/1 design matrix of the rows, sparse (a row has a few dozen of the thousands of features):
    a feature's column for each (row, feature) pair, ordered by row and, separately, by column."""

    def __init__(self, rows: Sequence[Row]) -> None:
        counts: Counter[str] = Counter(f for feats, _, _ in rows for f in set(feats))
        self.index = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_SEEN))}
        pairs = [(r, self.index[f]) for r, (feats, _, _) in enumerate(rows) for f in set(feats) if f in self.index]
        self.row = np.array([r for r, _ in pairs], dtype=np.int64)  # sorted: every row has BIAS
        self.col = np.array([c for _, c in pairs], dtype=np.int64)
        self.row_starts = np.flatnonzero(np.r_[True, self.row[1:] != self.row[:-1]])
        self.by_col = np.argsort(self.col, kind="stable")
        sorted_col = self.col[self.by_col]
        self.col_starts = np.flatnonzero(np.r_[True, sorted_col[1:] != sorted_col[:-1]])  # every column is seen

    def times(self, w: np.ndarray) -> np.ndarray:
        """x @ w"""
        return np.add.reduceat(w[self.col], self.row_starts, axis=0)

    def transposed_times(self, g: np.ndarray) -> np.ndarray:
        """x.T @ g"""
        return np.add.reduceat(g[self.row[self.by_col]], self.col_starts, axis=0)


def adagrad(x: Design, gradient, columns: int, l2: float) -> np.ndarray:
    """Full-batch Adagrad, fixed iterations from zero (deterministic): ``gradient(scores)`` is the
    gradient of the mean loss with respect to the scores ``x @ w``; L2 / n is added."""
    w = np.zeros((len(x.index), columns), dtype=np.float32)
    g2 = np.zeros_like(w)
    n = len(x.row_starts)
    for _ in range(ITERATIONS):
        grad = x.transposed_times(gradient(x.times(w))) / n + l2 * w / n
        g2 += grad * grad
        w -= LEARNING_RATE * grad / (np.sqrt(g2) + 1e-8)
    return w


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def fit(rows: Sequence[Row], classes: Sequence[str], l2: float = L2) -> EventModel:
    x = Design(rows)
    row_weight = np.array([[weight] for _, _, weight in rows], dtype=np.float32)
    y = np.array([[c in labels for c in classes] for _, labels, _ in rows], dtype=np.float32)
    w = adagrad(x, lambda z: (sigmoid(z) - y) * row_weight, len(classes), l2)
    weights = {f: tuple(round(float(v), 4) for v in w[i]) for f, i in x.index.items()
               if np.abs(w[i]).max() >= 0.01}
    return EventModel(tuple(classes), weights, 0.5)


def learnt_classes(rows: Sequence[Row]) -> list[str]:
    counts = Counter(label for _, labels, _ in rows for label in labels)
    return sorted(c for c, n in counts.items() if n >= MIN_CLASS)


# -- scoring: the evaluator's own tally (wirewatch.evaluation.events_real), on held-out articles ------

def run(model: EventModel, gold: Sequence[GoldDoc], docs: Sequence[Doc], profile, tally: _Tally) -> None:
    for g, doc in zip(gold, docs, strict=True):
        places = tuple(doc._.ww_places or ())
        events, control = find_events(doc, places=event_places(doc), dates=doc._.ww_dates or [],
                                      entities=doc._.ww_entities or [], claims=doc._.ww_claims or [],
                                      published=g.article.published, profile=profile, model=model)
        result = DocResult(article=g.article, places=places, claims=tuple(doc._.ww_claims or ()),
                           events=tuple(events), control=tuple(control))
        tally.add(g, result, profile.side_codes)


def folds(rows: Sequence[dict], k: int) -> list[int]:
    """The fold of each article: the articles of one story (several outlets telling one happening)
    share a fold, so no story is trained on and scored at once; stories are dealt round in order."""
    groups: dict[str, int] = {}
    for r in rows:
        groups.setdefault(r.get("story") or r["doc"], len(groups))
    return [groups[r.get("story") or r["doc"]] % k for r in rows]


def cross_validate(gold: Sequence[GoldDoc], per_doc: Sequence[list[Row]], docs: Sequence[Doc], extra: list[Row],
                   fold_of: Sequence[int], source: Sequence[str], profile, l2: float = L2) -> dict[str, dict[float, dict]]:
    """Train on all folds but one, run the events stage on the held-out fold; summed over folds, per gold
    source (the dev gold and each ``--articles`` gold are scored apart)."""
    tallies = {(name, t): _Tally() for name in dict.fromkeys(source) for t in THRESHOLDS}
    for fold in sorted(set(fold_of)):
        train = [r for i, rs in enumerate(per_doc) if fold_of[i] != fold for r in rs] + extra
        model = fit(train, learnt_classes(train), l2)
        for name in dict.fromkeys(source):
            held = [i for i in range(len(gold)) if fold_of[i] == fold and source[i] == name]
            for t in THRESHOLDS:
                run(EventModel(model.classes, model.weights, t), [gold[i] for i in held], [docs[i] for i in held],
                    profile, tallies[name, t])
    out: dict[str, dict[float, dict]] = {}
    for (name, t), tally in tallies.items():
        out.setdefault(name, {})[t] = tally.summary()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path, help="the dev gold (JSON lines)")
    parser.add_argument("--articles", action="append", default=[], metavar="PATH[=WEIGHT]",
                        help="more article gold in the dev gold's format (its dev rows; scored apart in --cv), with "
                             "its sentences' weight in the loss (default 1); repeatable")
    parser.add_argument("--negatives", type=Path, help="a folder of .txt articles whose sentences are negatives")
    parser.add_argument("--negative-docs", type=int, default=10)
    parser.add_argument("--sentences", action="append", default=[], metavar="PATH[=WEIGHT]",
                        help="labelled sentences (events-sentences gold): a .jsonl file or a folder of them, with "
                             "its weight in the loss (default --sentence-weight); repeatable")
    parser.add_argument("--clone", action="append", default=[], metavar="OWNER/NAME=PATH",
                        help="a git clone of a public repository that labelled sentences point into")
    parser.add_argument("--sentence-weight", type=float, default=1.0, help="their weight in the loss")
    parser.add_argument("--case2021", type=Path,
                        help="CASE 2021 task 2 labelled snippets (test_set_final_release_with_labels.tsv)")
    parser.add_argument("--case-weight", type=float, default=1.0, help="their weight in the loss")
    parser.add_argument("--case-first-sentence", action="store_true", help="label only each snippet's first sentence")
    parser.add_argument("--l2", type=float, default=L2, help="the L2 penalty of the logistic regressions")
    parser.add_argument("--without", default="", metavar="PREFIXES",
                        help="feature groups left out, by prefix, comma-separated (\"P:,O:\"): for ablations")
    parser.add_argument("--cv", type=int, default=0, help="also score by K-fold cross-validation over articles")
    parser.add_argument("--threshold", type=float, help="the decision threshold (default: best in --cv, else 0.4)")
    parser.add_argument("-o", "--out", type=Path, default=ROOT / "src/wirewatch/data/events/model.json")
    args = parser.parse_args()
    rows, articles = load_dev(args.gold)
    profile = load_profile()
    gold = load_gold(args.gold, parties=profile.side_codes)
    assert [g.id for g in gold] == [a.id for a in articles], "the gold file must hold dev rows only"
    from wirewatch.nlp import build_pipeline

    nlp = build_pipeline()
    nlp.remove_pipe("ww_events")
    extractor = Extractor(nlp=nlp)
    docs = parse(extractor, [g.article for g in gold])
    source, weights = [str(args.gold)] * len(rows), [1.0] * len(rows)
    for given in args.articles:  # more article gold: trained on, and scored apart in --cv
        path, _, weight = given.partition("=")
        more_rows, more_gold, more_docs = load_articles(Path(path), extractor, profile)
        rows, gold, docs = [*rows, *more_rows], [*gold, *more_gold], [*docs, *more_docs]
        source += [path] * len(more_rows)
        weights += [float(weight or 1.0)] * len(more_rows)
    per_doc = [examples(r, d, w) for r, d, w in zip(rows, docs, weights, strict=True)]
    extra = negatives(args.negatives, args.negative_docs, extractor) if args.negatives else []
    clones = {repo: Path(clone) for repo, _, clone in (c.partition("=") for c in args.clone)}
    for given in args.sentences:
        path, _, weight = given.partition("=")
        extra += labelled_sentences(Path(path), extractor, float(weight or args.sentence_weight), clones)
    if args.case2021:
        extra += case_snippets(args.case2021, extractor, args.case_weight, args.case_first_sentence)
    if args.without:
        dropped = tuple(p for p in args.without.split(",") if p)

        def kept(rows: list[Row]) -> list[Row]:
            return [([f for f in fs if not f.startswith(dropped)], labels, w) for fs, labels, w in rows]

        per_doc, extra = [kept(rs) for rs in per_doc], kept(extra)
    threshold = args.threshold or 0.4
    if args.cv:
        tables = cross_validate(gold, per_doc, docs, extra, folds(rows, args.cv), source, profile, args.l2)
        table = tables[str(args.gold)]
        best = max(table, key=lambda t: table[t]["event_type"]["f1"])
        threshold = args.threshold or best
        print(json.dumps({"cv": args.cv, "docs": source.count(str(args.gold)), "threshold": threshold,
                          "dev_cv": table[threshold],
                          "event_type_f1_by_threshold": {str(t): v["event_type"]["f1"] for t, v in table.items()},
                          **{f"cv_{name}": {"docs": source.count(name), **tables[name][threshold]}
                             for name in tables if name != str(args.gold)}}, indent=1))
    train = [r for rs in per_doc for r in rs] + extra
    model = fit(train, learnt_classes(train), args.l2)
    write(args.out, EventModel(model.classes, model.weights, threshold), len(rows), len(extra))
    print(f"{len(model.weights)} features x {len(model.classes)} classes, threshold {threshold}, "
          f"{len(rows)} dev articles + {len(extra)} extra sentences -> {args.out}")


def write(out: Path, model: EventModel, docs: int, extra_sentences: int) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "provenance": "one-vs-rest logistic event model trained on the events-real dev gold (real news annotated "
                      "by the codebook), PolNeAR v1.0 train sentences as extra negatives, the labelled sentences "
                      "of benchmarks/gold/events-sentences and the labelled snippets of the CASE 2021 shared "
                      "task 2 (emerging-welfare/case-2021-shared-task; research use); only feature names and "
                      "weights, no text; built by scripts/train_event_model.py",
        "docs": docs, "extra_sentences": extra_sentences, "threshold": model.threshold,
        "classes": list(model.classes), "weights": {f: list(w) for f, w in sorted(model.weights.items())}},
        separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
