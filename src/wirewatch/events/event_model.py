"""The learnt event model: whether a sentence reports an event, and of which ACLED sub-type.

Each sentence is described by sparse features of its parse (content lemmas, head-dependent pairs,
the preposition and entity type a place hangs from, weapon classes, casualty numbers, tense and
modality, quotation); a one-vs-rest logistic regression per ACLED sub-event type (and one for a
change of territorial control) scores them. The weights are a JSON file in the package
(``data/events/model.json``, feature names and numbers only, no text), trained by
``scripts/train_event_model.py`` on annotated real news. The rules of ``reality`` (negation,
modality, plans) and the structure rules of the stage still apply to the token the model anchors
the event on.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from importlib import resources

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from wirewatch.events.event_lexicon import AIR, DISRUPTED, SHELLING, TERRITORY, defined_by, words
from wirewatch.events.control_places import SETTLEMENT_NOUNS, UNNAMED_THEMES

CONTENT = {"VERB", "NOUN", "ADJ", "ADV"}
PAIR_DEPS = {"dobj", "nsubj", "nsubjpass", "amod", "compound", "advmod", "neg", "prt"}
MODALS = {"will", "would", "could", "may", "might", "should", "can", "must"}
NAMES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}  # entity types of names (the tagger calls some nouns)
CONTROL = "control"  # the model's class for a change of territorial control
EVENT = "event"  # the model's class for "some event happened here", whatever its sub-type
TAKEN = UNNAMED_THEMES | {"control"}  # what a change of hands takes when no place is named


def sentence_features(sent: SpacySpan) -> list[str]:
    """The sparse features of one sentence (one pass over its tokens: linear in its length)."""
    lists = words()
    weapons = lists.weapon_class
    killed, injured = lists.killed, lists.injured
    # word classes of the codebook: they carry what the model learns for one word over to its kin
    classes = (("T:gained", lists.gained), ("T:lost", lists.lost), ("T:contested", lists.contested),
               ("C:place", lists.civilian_places), ("C:victim", lists.civilian_victims),
               ("I:intercept", lists.interception), ("I:defence", lists.air_defence),
               ("R:protester", lists.protesters), ("R:rioter", lists.rioters), ("D:direction", lists.directions))
    feats: set[str] = {"BIAS"}
    for t in sent:
        lemma = t.lemma_.lower()
        if t.pos_ in CONTENT and not t.is_stop and t.is_alpha:
            feats.add("L:" + lemma)
            head = t.head
            if t.dep_ in PAIR_DEPS and head.pos_ in CONTENT:
                feats.add(f"P:{head.lemma_.lower()}>{t.dep_}>{lemma}")
        if t.dep_ == "pobj":
            prep = t.head
            target = t.ent_type_ or (lemma if t.pos_ in CONTENT else t.pos_)
            feats.add(f"O:{prep.head.lemma_.lower()}>{prep.lower_}>{target}")
            feats.add(f"O:{prep.lower_}>{target}")
        if lemma in weapons:
            feats.add("W:" + weapons[lemma])
        if (defined := defined_by(t)) is not None:
            feats.add("A:" + defined)
        feats.update(name for name, members in classes if lemma in members)
        if t.like_num or lemma in lists.numbers:
            nxt = t.nbor(1).lower_ if t.i + 1 < sent.end else ""
            feats.add("NUM")
            if nxt in killed or t.head.lower_ in killed:
                feats.add("K:killed")
            elif nxt in injured or t.head.lower_ in injured:
                feats.add("K:injured")
        if t.ent_type_ and t.ent_iob_ == "B":
            feats.add("E:" + t.ent_type_)
        if t.dep_ == "neg":
            feats.add("NEG")
        if t.dep_ == "aux" and t.lower_ in MODALS:
            feats.add("MOD:" + t.lower_)
        if t.dep_ == "ROOT":
            feats.add("ROOT:" + lemma)
            feats.add("TAG:" + t.tag_)
        if t.text in ('"', "\u201c", "\u201d", "'"):
            feats.add("QUOTE")
    return sorted(feats)


def event_words(sent: SpacySpan) -> Iterator[Token]:
    """The words of the codebook's event vocabulary in a sentence: those that define a sub-type, a change of
    hands, a weapon, an interception, a death or an injury."""
    lists = words()
    for t in sent:
        lemma, lower = t.lemma_.lower(), t.lower_
        if defined_by(t, written=True) is not None or lemma in lists.weapon_class \
                or lemma in lists.gained or lemma in lists.lost or lemma in lists.contested \
                or lemma in lists.interception or lower in lists.killed or lower in lists.injured:
            yield t


def tells_happening(sent: SpacySpan) -> bool:
    """A sentence holds a word of the codebook's event vocabulary."""
    return next(event_words(sent), None) is not None


def document_features(doc: Doc | SpacySpan) -> list[str]:
    """Features of the article a sentence is read in, added to each of its sentences: whether its lead
    (the first two sentences) tells of a happening. A news report leads with it; analysis, opinion and
    diplomacy lead with something else, and their war words are mostly no event."""
    lead = list(islice((s for s in doc.sents if s.text.strip()), 2))
    return ["DOC:lead-event" if any(tells_happening(s) for s in lead) else "DOC:lead-none"]


@dataclass(frozen=True, slots=True)
class EventModel:
    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> one weight per class
    threshold: float

    def scores(self, feats: list[str]) -> list[float]:
        """The probability of each class for a sentence with ``feats``."""
        rows = [row for f in feats if (row := self.weights.get(f)) is not None]
        z = [sum(column, 0.0) for column in zip(*rows)] if rows else [0.0] * len(self.classes)
        return [1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, v)))) for v in z]

    def event_probability(self, feats: list[str]) -> float:
        """The probability that a sentence with ``feats`` reports an event, whatever its sub-type."""
        return dict(zip(self.classes, self.scores(feats), strict=True)).get(EVENT, 0.0)

    def predict(self, feats: list[str]) -> list[tuple[str, float]]:
        """The sub-types (and ``control``) above the threshold, most probable first. When the sentence
        is eventful (``event`` above the threshold) but no sub-type is, the likeliest sub-type among
        those the sentence's codebook words define stands for it: the detection is learnt from every
        annotated event, each sub-type only from its own. With no defining word, only a toll ("two people
        died") makes the likeliest of all stand for it: a guess among all made events of talk that merely
        holds war words ("deep concern over the armed conflict")."""
        probs = dict(zip(self.classes, self.scores(feats), strict=True))
        eventful = probs.pop(EVENT, 0.0) >= self.threshold
        chosen = sorted(((c, p) for c, p in probs.items() if p >= self.threshold), key=lambda cp: -cp[1])
        if eventful and not any(c != CONTROL for c, _ in chosen):
            defined = [f[2:] for f in feats if f.startswith("A:")]
            if ("T:gained" in feats or "T:lost" in feats) and _of_territory(feats):
                # a change of hands told of a settlement defines the territory sub-types (codebook 6):
                # "seized a village" may be a capture as much as "seized weapons" a disrupted weapons use
                defined += TERRITORY
            elif _of_equipment(feats):
                defined.append(DISRUPTED)  # "captured two tanks": weapons seized, no land (codebook 3)
            pool = [(c, p) for c, p in probs.items() if c in defined]
            if _intercepted(feats):
                # "shot down a jet": the jet defines a strike, the verb its failure (codebook 3)
                pool = [(c, p) for c, p in probs.items() if c == DISRUPTED] or pool
            if pool:
                chosen.append(max(pool, key=lambda cp: cp[1]))
            elif defined:
                chosen.append((defined[0], 0.0))  # a sub-type the training data never showed
            elif "K:killed" in feats or "K:injured" in feats:
                chosen.append(max(((c, p) for c, p in probs.items() if c != CONTROL), key=lambda cp: cp[1]))
        return chosen

    def anchor(self, sent: SpacySpan, label: str, real: Callable[[Token], bool] = lambda t: True) -> Token:
        """The token the event of class ``label`` rests on: the content word with the largest weight
        for it (the structure rules read negation, actors and places from there), else the root. A
        defining word that ``real`` rejects does not stand for the event when another one can: in
        "marched through Nairobi to protest", the march happened, the purpose "to protest" is irrealis."""
        k = self.classes.index(label)
        best, best_weight = sent.root, 0.0
        # a word the codebook defines the sub-type by is the anchor when the sentence has one
        lists = words()
        changes = lists.changes if label in TERRITORY else frozenset()
        defining = [t for t in sent if (defined_by(t) == label or t.lemma_.lower() in changes)
                    and t.pos_ in ("VERB", "NOUN")]
        defining = [t for t in defining if real(t)] or defining
        if defining:
            best = defining[0]
        for t in defining or sent:
            if t.pos_ not in ("VERB", "NOUN") or t.ent_type_ in NAMES:
                continue  # a name is never what happened ("a meeting with Zelenskyy": not Zelenskyy)
            row = self.weights.get("L:" + t.lemma_.lower())
            if row is not None and row[k] > best_weight:
                best, best_weight = t, row[k]
        return best


def _pairs(feats: list[str]) -> list[list[str]]:
    """The head-dependent features as [head, dependency, dependent]."""
    return [f[2:].split(">", 2) for f in feats if f.startswith("P:")]


def _of_territory(feats: list[str]) -> bool:
    """A settlement is named ("the village"), or a place or "control" is what is taken ("took control of")."""
    return any(f"L:{n}" in feats for n in SETTLEMENT_NOUNS) or any(
        dep == "dobj" and noun in TAKEN for _, dep, noun in _pairs(feats))


def _of_equipment(feats: list[str]) -> bool:
    """A change-of-hands verb takes military equipment ("captured two tanks", "weapons were seized")."""
    lists = words()
    return any(dep in ("dobj", "nsubjpass") and verb in lists.changes and noun in lists.seizable
               for verb, dep, noun in _pairs(feats))


def _intercepted(feats: list[str]) -> bool:
    """An interception verb takes a weapon of the air as its object ("downed drones", "a missile was
    intercepted"). "Destroy" does not count: strikes destroy weapons on the ground too."""
    lists = words()
    return any(dep in ("dobj", "nsubjpass") and verb in lists.interception and verb != "destroy"
               and lists.weapon_class.get(noun) in (AIR, SHELLING) for verb, dep, noun in _pairs(feats))


def model_from_dict(raw: dict) -> EventModel:
    return EventModel(tuple(raw["classes"]), {f: tuple(w) for f, w in raw["weights"].items()},
                      float(raw["threshold"]))


@lru_cache(maxsize=1)
def load_event_model() -> EventModel:
    """The model shipped in the package (read once per process)."""
    data = resources.files("wirewatch") / "data" / "events" / "model.json"
    return model_from_dict(json.loads(data.read_text(encoding="utf-8")))
