"""Contradictions (and agreements) between statements in different places of the corpus.

Three kinds, each listing both statements with their evidence:

- ``casualties``: reports merged into one event give different death or injury
  tolls (13 killed vs 25 killed). Counts are compared exactly.
- ``distance``: two independent articles state the distance between the same
  two places; units are normalised and rounding allowed for (see
  ``quantities.agree``). Agreements are recorded too, so a reader sees that
  "124 km" and "about 75 miles" were checked and found consistent.
- ``opposing_claims``: sources of opposing sides assert incompatible things
  about one event: one side's source denies it, or each blames the other.
- ``control``: one side's sources say it took a settlement and the other
  side's sources, within days, say they hold it (a disputed control change).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from wirewatch.corpus.quantities import REPORTED, Quantity, Toll, agree, claimant, pair_key
from wirewatch.corpus.records import ArticleRec, ReportRec
from wirewatch.corpus.resolve import Resolved
from wirewatch.profile import CIVILIAN

# Silence is not a denial: "did not comment on", "did not mention", "declined to confirm" say nothing either way.
_SILENCE = r"(?:comment|mention|respond|reply|confirm|say|specify|give|immediately|provide|elaborate|address)"
# Every drone or missile brought down ("destroyed every drone that targeted Engels", "all the drones were shot
# down"): nothing hit, whatever the attacker says it struck.
_ALL_DOWNED = (r"(?:shot down|destroyed|intercepted|downed)\s+(?:all|every)\b|\b(?:all|every)\s+(?:\w+\s+){0,2}"
               r"(?:drones?|missiles?|rockets?)\s+(?:\w+\s+){0,3}?(?:shot down|destroyed|intercepted|downed)")
DENIAL = re.compile(r"\b(den(?:y|ied|ies|ying)|rejected|refuted|dismissed|false|fake|staged|"
                    r"disputed (?:the )?(?:reports?|claims?|accounts?|figures?)|no (?:attack|strike)|"
                    rf"{_ALL_DOWNED}|"
                    rf"did not(?!\s+{_SILENCE})|didn't(?!\s+{_SILENCE})|"
                    r"never|no civilians?|no (?:\w+ (?:or|and) )?damage|without (?:any )?(?:losses|damage)|not true|"
                    r"provocation|misinformation|disinformation)\b", re.IGNORECASE)
# A denial in the present or perfect ("denies", "has long denied") is a standing position, not an answer
# to one report.
STANDING = re.compile(r"\b(?:denies|deny|(?:has|have)\s+(?:\w+\s+)?denied)\b", re.IGNORECASE)
# Strikes on people and places, which one side may deny or blame on the other, and the words of such a denial.
ATTACKS = frozenset({"Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED",
                     "Suicide bomb", "Grenade", "Attack", "Abduction/forced disappearance", "Sexual violence"})
ATTACK_WORDS = re.compile(r"\b(?:target\w*|civilian\w*|struck|strikes?|hit|attack\w*|shell\w*|missiles?|"
                          r"bomb\w*|fired|killed|raids?)\b", re.IGNORECASE)
# Words that put a happening on whoever is named next: "caused by a Ukrainian missile", "the work of Russian
# saboteurs" (general English).
CAUSE = re.compile(r"\b(?:caused by|(?:the )?result of|the work of|(?:the )?fault of|blamed on|"
                   r"carried out by|fired by|launched by)\s+((?:[\w'’-]+\s+){0,5}[\w'’-]+)", re.IGNORECASE)
# What an attacker says it struck when it says it struck armed forces, not people: the military noun after the verb
# of striking ("a precision strike hit a deployment point of foreign mercenaries", "aimed solely at military
# infrastructure", "killed a Hezbollah commander", "the target was a meeting of commanders"; not "fighters killed
# nine civilians"; general English of military statements).
_MILITARY = (r"(?:mercenar(?:y|ies)|fighters|militants|commanders?|operatives?|command (?:post|centre|center)s?|"
             r"headquarters|depots?|deployment|positions|barracks|airfields?|ammunition|military (?:targets?|"
             r"facilit(?:y|ies)|infrastructure|equipment)|(?:enemy|foreign) (?:troops|soldiers|personnel))")
MILITARY_TARGET = re.compile(r"\b(?:struck|hit|target(?:ed|ing)?|killed|destroyed|attacked|aimed\s+(?:\w+\s+)?at)"
                             rf"\b[^.;]{{0,80}}?\b{_MILITARY}\b", re.IGNORECASE)
# A figure told as a change of the toll or at a stated hour is an update, not a rival figure.
UPDATE = re.compile(r"\b(?:rose|risen|rising|climbed|increased|grew|reached|now|later|updated?|latest|so far|"
                    r"as of|became known|at \d{1,2}[:.]\d{2})\b", re.IGNORECASE)
MAX_PER_SUBJECT = 200  # independent statements of one figure considered, bounded for scale
ANCHORS = 5  # each is compared with the first few: a disagreement with any of them shows


@dataclass(frozen=True, slots=True)
class Statement:
    article_id: int
    start: int
    end: int
    text: str
    value: str | None
    source: str | None
    side: str | None


@dataclass(frozen=True, slots=True)
class Comparison:
    kind: str  # casualties | distance | opposing_claims
    verdict: str  # contradicts | agrees
    subject: str
    event_id: int | None
    a: Statement
    b: Statement
    note: str = ""

    def row(self, comparison_id: int) -> list:
        return [comparison_id, self.kind, self.verdict, self.subject, self.event_id,
                *(_flat(self.a)), *(_flat(self.b)), self.note]


def _flat(s: Statement) -> list:
    return [s.article_id, s.start, s.end, s.text, s.value, s.source, s.side]


def _statement(r: ReportRec, value: str | None, articles, names) -> Statement:
    source, side = claimant(r, articles, names)
    return Statement(r.article_id, r.evidence_start, r.evidence_end, r.evidence_text, value, source, side)


def casualty_contradictions(event_id: int, subject: str, history: list[Toll],
                            articles: dict[int, ArticleRec]) -> list[Comparison]:
    """Different figures of one toll given at the same moment by different sources.

    Only figures one article sets side by side are of the same moment: across reports filed at
    different times a different figure is an update of the toll history (13 killed overnight, 25 by
    noon), and a figure told as an update ("rose to", "at 10:30 it became known") or on a live page of
    timed updates is one too. A toll does not fall, though: a lower figure a later day, from another
    source, contradicts the earlier one. A party's claim of its enemy's losses is a claim, not a toll, and
    is compared with nothing here."""
    found = _fallen(event_id, subject, history)
    by_article: dict[tuple[int, str], list[Toll]] = defaultdict(list)
    for t in history:
        live = t.article_id in articles and articles[t.article_id].live
        if t.basis == REPORTED and not live and not UPDATE.search(t.evidence_text):
            by_article[(t.article_id, t.kind)].append(t)
    for (_, kind), tolls in sorted(by_article.items()):
        first_by_value: dict[int, Toll] = {}
        for t in tolls:
            first_by_value.setdefault(t.value, t)
        values = sorted(first_by_value)
        for i, low in enumerate(values):
            for high in values[i + 1:]:
                a, b = first_by_value[low], first_by_value[high]
                if a.claimed_by != b.claimed_by:
                    found.append(Comparison("casualties", "contradicts", subject, event_id,
                                            _toll_statement(a), _toll_statement(b), f"{low} vs {high} {kind}"))
    return found


def _fallen(event_id: int, subject: str, history: list[Toll]) -> list[Comparison]:
    """The first lower figure given a later day by another source than the day's highest before it."""
    found = []
    for kind in ("killed", "injured"):
        highest: Toll | None = None
        for t in (t for t in history if t.kind == kind and t.basis == REPORTED):  # oldest first
            if highest and t.published and highest.published and t.published > highest.published \
                    and t.value < highest.value and t.claimed_by != highest.claimed_by:
                found.append(Comparison("casualties", "contradicts", subject, event_id, _toll_statement(t),
                                        _toll_statement(highest), f"{t.value} vs {highest.value} {kind}, later"))
                break
            if highest is None or t.value > highest.value:
                highest = t
    return found


def _toll_statement(t: Toll) -> Statement:
    return Statement(t.article_id, t.evidence_start, t.evidence_end, t.evidence_text, f"{t.value} {t.kind}",
                     t.claimed_by, t.claimant_side)


def opposing_claims(event_id: int, subject: str, reports: list[ReportRec], denials: list[ReportRec],
                    articles: dict[int, ArticleRec], names: dict[str, Resolved],
                    opponents: dict[str, str]) -> list[Comparison]:
    """Sources of opposing sides (``opponents``: side -> its enemy, from the profile) that deny the event
    or blame each other for it ("Russia says Ukraine fired", "Ukraine says Russia fired")."""
    said_by = {r.key: claimant(r, articles, names) for r in reports}  # report -> (source, side)
    sided = [(r, said_by[r.key][1]) for r in sorted(reports, key=lambda r: r.key)]
    found = []
    pairs: set[tuple[str, str]] = set()  # one opposing claim per asserting and denying source
    for d in sorted(denials, key=lambda r: r.key):
        d_source, d_side = claimant(d, articles, names)
        # The denied report: asserted by the other side, or blaming the denier's side in anyone's voice.
        target = next(((r, s) for r, s in sided if d_side in opponents and not DENIAL.search(r.claim_text or "")
                       and (s == opponents[d_side] or (s != d_side and r.actor1_side == d_side))), None)
        if target is None and d_side is None and d.location_name and ATTACK_WORDS.search(d.claim_text or ""):
            # a source of no known side denies the strike at the place it names that another source reports
            # ("the army denied conducting any drone strike near Aguelhok")
            said = d.claim_text or ""  # a denial, or a military target set against the civilians of the report
            target = next(((r, s) for r, s in sided if r.sub_event_type in ATTACKS and r.event_index >= 0
                           and said_by[r.key][0] != d_source and not DENIAL.search(r.claim_text or "")
                           and (DENIAL.search(said) or r.actor2_side == CIVILIAN)), None)
        if target and (key := (said_by[target[0].key][0], d_source)) not in pairs:
            pairs.add(key)
            found.append(Comparison("opposing_claims", "contradicts", subject, event_id,
                                    _statement(target[0], "asserts", articles, names),
                                    _statement(d, "denies", articles, names),
                                    f"{target[1] or 'report'} asserts, {d_side or d_source} denies"))
    blamed: dict[str, tuple[ReportRec, str]] = {}
    unsided: dict[str, ReportRec] = {}  # blamed by a source whose side the text does not tell (a governor)
    for r, s in sided:
        if r.actor1_side in opponents and not DENIAL.search(r.claim_text or ""):
            if s in opponents:
                blamed.setdefault(f"{s}>{r.actor1_side}", (r, s))
            elif s is None and r.sub_event_type in ATTACKS:
                unsided.setdefault(r.actor1_side, r)
    for key, (r, s) in sorted(blamed.items()):
        if r.actor1_side != opponents[s]:
            continue
        other = blamed.get(f"{opponents[s]}>{s}")
        if other and s < opponents[s]:
            found.append(Comparison("opposing_claims", "contradicts", subject, event_id,
                                    _statement(r, f"blames {r.actor1_side}", articles, names),
                                    _statement(other[0], f"blames {s}", articles, names), "each side blames the other"))
        elif other is None and s in unsided:
            found.append(Comparison("opposing_claims", "contradicts", subject, event_id,
                                    _statement(r, f"blames {r.actor1_side}", articles, names),
                                    _statement(unsided[s], f"blames {s}", articles, names),
                                    f"{s} blames {r.actor1_side}; another source blames {s}"))
    return found + _target_disputes(event_id, subject, sided, said_by, articles, names, opponents)


def _target_disputes(event_id: int, subject: str, sided: list[tuple[ReportRec, str | None]],
                     said_by: dict[tuple[int, int], tuple[str, str | None]], articles: dict[int, ArticleRec],
                     names: dict[str, Resolved], opponents: dict[str, str]) -> list[Comparison]:
    """The attacker's own account names a military target ("struck a meeting of Ukrainian commanders"), another
    source tells of civilians hit: one claim against the other."""
    own = next(((r, s) for r, s in sided if s in opponents and r.actor1_side == s
                and r.actor2_side == opponents[s]), None)
    if own is None:
        return _unsided_target(event_id, subject, sided, said_by, articles, names)
    victims = next((r for r, s in sided if s != own[1] and r.actor1_side == own[1] and r.actor2_side == CIVILIAN
                    and not DENIAL.search(r.claim_text or "")), None)
    if victims is None:
        return []
    return [Comparison("opposing_claims", "contradicts", subject, event_id,
                       _statement(own[0], f"{own[1]} struck {opponents[own[1]]} forces", articles, names),
                       _statement(victims, "civilians hit", articles, names),
                       f"{own[1]} says it struck {opponents[own[1]]} forces; another source tells of civilians")]


def _unsided_target(event_id: int, subject: str, sided: list[tuple[ReportRec, str | None]],
                    said_by: dict[tuple[int, int], tuple[str, str | None]], articles: dict[int, ArticleRec],
                    names: dict[str, Resolved]) -> list[Comparison]:
    """With no sides to tell the attacker: one source's report of the strike names a military target ("the
    strike killed a Hezbollah commander"), another source's tells of civilians hit."""
    military = next((r for r, s in sided if s is None and r.event_index >= 0 and r.actor2_side != CIVILIAN
                     and MILITARY_TARGET.search(r.claim_text or "") and ATTACK_WORDS.search(r.claim_text or "")),
                    None)
    if military is None:
        return []
    source = said_by[military.key][0]
    victims = next((r for r, s in sided if r.actor2_side == CIVILIAN and r.event_index >= 0
                    and said_by[r.key][0] != source and not DENIAL.search(r.claim_text or "")), None)
    if victims is None:
        return []
    return [Comparison("opposing_claims", "contradicts", subject, event_id,
                       _statement(military, "military target", articles, names),
                       _statement(victims, "civilians hit", articles, names),
                       f"{source} says it struck a military target; another source tells of civilians")]


def distance_comparisons(quantities: list[Quantity], articles: dict[int, ArticleRec]) -> list[Comparison]:
    """Every independent pair of statements of one distance, agreeing or not."""
    by_pair: dict[tuple, list[Quantity]] = defaultdict(list)
    for q in sorted(quantities, key=lambda q: (q.article_id, q.start)):
        by_pair[pair_key(q)].append(q)
    found = []
    for qs in by_pair.values():
        seen_groups: dict[object, Quantity] = {}
        for q in qs:  # one statement per wire story: copies do not corroborate or contradict themselves
            rec = articles.get(q.article_id)
            group = rec.syndication_group if rec and rec.syndication_group is not None else ("a", q.article_id)
            seen_groups.setdefault(group, q)
        reps = list(seen_groups.values())[:MAX_PER_SUBJECT]
        for i, a in enumerate(reps[:ANCHORS]):
            for b in reps[i + 1:]:
                verdict = "agrees" if agree(a, b) else "contradicts"
                subject = f"distance {a.subject} - {a.reference}"
                note = (f"{a.text} ({a.value_si:g} km) vs {b.text} ({b.value_si:g} km)")
                found.append(Comparison("distance", verdict, subject, None, _q(a, articles), _q(b, articles), note))
    return found


def _q(q: Quantity, articles: dict[int, ArticleRec]) -> Statement:
    rec = articles.get(q.article_id)
    return Statement(q.article_id, q.start, q.end, q.text, f"{q.value:g} {q.unit}",
                     rec.outlet if rec else None, None)


def control_disputes(changes: list, articles: dict[int, ArticleRec], names: dict[str, Resolved]) -> list[Comparison]:
    """Consecutive control changes of one place that sources of opposing sides assert within days."""
    found = []
    for before, after in zip(changes, changes[1:], strict=False):
        same_place = (before.geonameid, before.place) == (after.geonameid, after.place)
        if not (same_place and before.disputed and after.disputed):
            continue
        a, b = before.observations[0], after.observations[0]
        subject = f"control of {before.place}"
        found.append(Comparison("control", "contradicts", subject, None,
                                _control_statement(a, before, articles), _control_statement(b, after, articles),
                                f"{before.to_side} holds it from {before.date}; {after.to_side} from {after.date}"))
    return found


def _control_statement(o, change, articles: dict[int, ArticleRec]) -> Statement:
    rec = articles.get(o.article_id)
    source = o.claimed_by or (rec.outlet if rec else None)
    side = o.claimant_side or (sorted(change.sides)[0] if change.sides else None)
    return Statement(o.article_id, o.evidence_start, o.evidence_end, o.evidence_text,
                     f"{o.side} {o.change}", source, side)
