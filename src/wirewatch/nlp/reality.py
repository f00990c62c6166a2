"""Did it happen? Negated, hedged, planned, conditional and generic mentions are not events.

"Russia did not withdraw", "troops could withdraw", "plans to retake", "if we had more weapons
we would liberate", "the fight against terrorism" all contain an event word and report no event.
"""

from __future__ import annotations

from spacy.tokens import Token

HEDGES = {"could", "might", "may", "would", "should", "will", "shall", "can", "must", "'ll", "wo"}
QUOTES = {'"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb"}
HEDGE_ADVERBS = {"likely", "probably", "possibly", "perhaps", "unlikely", "maybe"}
# "a possible Ukrainian attack", "an impending assault": what may yet happen
HEDGE_ADJECTIVES = {"possible", "potential", "imminent", "impending", "hypothetical", "looming", "prospective",
                    "eventual", "future", "expected", "anticipated", "planned"}
# verbs and nouns whose complement is not (yet) a happening
PLANS = {"plan", "aim", "seek", "want", "intend", "threaten", "hope", "prepare", "try", "attempt", "expect",
         "signal", "consider", "deny", "prevent", "stop", "chance", "look", "ambition", "effort", "bid",
         "decide", "decision", "order", "call", "urge", "demand", "goal", "intention", "promise", "vow", "pledge",
         "ready", "able", "haste", "need", "ask", "push", "propose", "proposal", "risk", "vote",
         "refuse", "fail", "unable", "possibility", "prospect", "option", "idea", "would", "allow", "could",
         "timetable", "intend", "scenario", "danger", "threat", "capable", "capacity", "ability", "capability",
         "way", "means", "right", "mandate", "permission", "authority", "power", "provoke", "incite", "goad",
         "encourage", "afraid", "fear", "fearful", "scared"}
# "forced to retreat", "began to withdraw": the infinitive happened
ACHIEVED = {"force", "begin", "start", "continue", "manage", "resume", "keep", "compel", "oblige", "succeed",
            "proceed", "go", "have", "use"}
# a planned or attempted action that was then beaten back did happen ("attempts to attack were repelled")
REPELLED = {"repel", "repulse", "thwart", "foil", "beat", "rebuff"}
CHAIN_DEPS = {"xcomp", "ccomp", "pobj", "prep", "dobj", "compound", "amod", "nsubj", "acl", "pcomp", "nsubjpass",
              "attr", "appos", "conj"}  # coordinated verbs share the modality ("plans to attack and seize")
# nouns that carry someone's account: a denial of "Russian claims that ..." is not a denial by the claimant
REPORTED = {"claim", "report", "assertion", "allegation", "statement"}
DURATIONS = {"day", "week", "month", "year", "decade", "wave", "series", "string"}
# "after the start of the attack", "since the outbreak of the war": a happening's onset as a point in time
ONSETS = {"start", "beginning", "outbreak", "onset"}
TIME_PREPOSITIONS = {"after", "since", "before", "until", "from", "at"}
# what a running total is counted from: "since the start of the war", "since the invasion began"
WAR_START = ONSETS | {"war", "invasion", "conflict", "offensive", "escalation"}
WAR_PERIODS = {"war", "conflict", "invasion"}
RECALLED = {"aftermath", "anniversary", "commemoration", "memory", "memorial"}  # what recalls a past happening
STARTED = {"begin", "start", "erupt", "break", "launch", "invade", "escalate"}
ABSTRACT = {"terrorism", "extremism", "corruption", "crime", "poverty", "impunity", "inflation", "disease",
            "pandemic", "drug", "trafficking", "fraud", "racism", "time", "cancer", "climate"}


def not_real(token: Token) -> bool:
    """Negated, hedged, planned, conditional happenings, those only in a question, and words in scare quotes
    (a flag that "attacks" a car in a street performance)."""
    doc = token.doc
    if 0 < token.i < len(doc) - 1 and doc[token.i - 1].text in QUOTES and doc[token.i + 1].text in QUOTES:
        return True
    for t in (token, token.head):
        if any(c.dep_ == "neg" for c in t.children) or any(c.lower_ in ("no", "never") and c.dep_ == "det"
                                                           for c in t.children):
            return True
        if any(c.dep_ == "aux" and c.lower_ in HEDGES for c in t.children):
            return True
        if any(c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS for c in t.children):
            return True
    if token.pos_ == "NOUN" and any(c.dep_ == "amod" and c.lower_ in HEDGE_ADJECTIVES for c in token.children):
        return True
    if _repelled(token):
        return False
    if token.tag_ in ("VB", "VBP") and token.dep_ == "conj" and not any(c.dep_ in ("aux", "nsubj", "nsubjpass")
                                                               for c in token.children) \
            and any(t.lemma_.lower() in PLANS and t.i < token.i for t in token.sent):
        return True  # "efforts to break through ..., exit to ..., capture X": an infinitive of the plan
    if token.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in _with_prefix(token).children) \
            and not _achieved(token.head) and not perfect(token):
        return True  # "to fight", "a way to protest": purpose or intent, not a happening
    if _spells_out_a_plan(token):
        return True
    if token.lemma_.lower() in ("protest", "demonstrate") and any(c.dep_ in ("ccomp", "auxpass", "nsubjpass")
                                                                  for c in token.children):
        return True  # "protesting that he was innocent", "as demonstrated by": no street protest
    head = token
    for _ in range(8):
        if head.dep_ not in CHAIN_DEPS:  # ROOT is no chain dependency: the walk ends there
            break
        head = head.head
        lemma = head.lemma_.lower()
        if _owner(head) is not None:
            break  # "Kyiv denied Russian claims that its troops took X": Russia's claim, coded as such (codebook 1)
        if lemma in PLANS or any(c.dep_ in ("aux", "advmod") and c.lower_ in HEDGES | HEDGE_ADVERBS
                                 for c in head.children):
            return True
        if any(c.dep_ == "neg" for c in head.children) and head.pos_ in ("VERB", "AUX"):
            return True
        if head.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children) \
                and head.head.lemma_.lower() not in ACHIEVED and not _repelled(head):
            return True  # "blew up a bridge to slow the Russian advance": the advance is the goal's object
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in ("warn", "warning"):
        return True  # "warning of arbitrary arrests" (not "warned that artillery was shelling villages": a report)
    if token.dep_ == "pobj" and (token.head.lower_ == "before" or token.head.lower_ in ("to", "of")
                                 and token.head.head.lower_ in ("prior", "ahead")):
        return True  # "prior to the assault", "ahead of the offensive": a reference point in time, not the news
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in ONSETS \
            and token.head.head.dep_ == "pobj" and token.head.head.head.lower_ in TIME_PREPOSITIONS:
        return True  # "immediately after the start of the full-scale attack": when something else happened
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in RECALLED:
        return True  # "the aftermath of the leader's arrest", "the anniversary of the massacre": told before
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "since", "before", "until") for c in
           token.children):
        return True  # conditions, and "since/before X happened": a reference point in the past, not the news
    if token.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "mark" and c.lower_ in ("since", "before")
                                                     for c in token.head.children):
        return True  # "since attacks on merchant ships began": the happening a period is counted from
    before = token.sent[: token.i - token.sent.start]
    if any(t.lower_ in ("if", "unless") for t in before):
        return True
    return token.sent.text.rstrip().endswith("?")


def _with_prefix(token: Token) -> Token:
    """"to re-occupy": the prefix the tokenizer split off, on which the infinitive's "to" hangs; else the token."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_ \
            and doc[token.i - 2].lower_ in ("re", "counter", "pre"):
        return doc[token.i - 2]
    return token


def _achieved(head: Token) -> bool:
    """"had to retreat", "forced to withdraw": the infinitive happened; "has a chance to retake" (have with an
    object) did not."""
    lemma = head.lemma_.lower()
    return lemma in ACHIEVED and not (lemma == "have" and any(c.dep_ == "dobj" for c in head.children))


def _spells_out_a_plan(token: Token) -> bool:
    """"its initial goals; removing the president, capturing Kyiv": gerunds listed after a plan's noun and a
    colon, semicolon or dash are the plan, not what happened."""
    first = token
    while first.dep_ == "conj" and first.head.tag_ == "VBG":
        first = first.head
    if first.tag_ != "VBG" or first.i < 2 or any(c.dep_ in ("nsubj", "nsubjpass") for c in first.children):
        return False
    doc = first.doc
    return doc[first.i - 1].text in (";", ":", "—", "–") and doc[first.i - 2].lemma_.lower() in PLANS


def claim_owner(token: Token) -> Token | None:
    """Whose account a happening is told in: "Russian" in "denied Russian claims that its forces took X",
    "Moscow's" in "Moscow's claim that ..."; None when it is told in no one's named account."""
    head = token
    for _ in range(8):
        if head.dep_ not in CHAIN_DEPS:
            return None
        head = head.head
        if head.lemma_.lower() in REPORTED and head.pos_ == "NOUN":
            return _owner(head)
    return None


def _owner(noun: Token) -> Token | None:
    """Who a claim noun belongs to ("Moscow's claim", "Russian claims"): a name, not "its" or "the"."""
    if noun.lemma_.lower() not in REPORTED or noun.pos_ != "NOUN":
        return None
    return next((c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"
                 or c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE", "ORG")), None)


def perfect(token: Token) -> bool:
    """"claimed to have captured", "said to have fled": a perfect infinitive reports a past happening."""
    return any(c.dep_ == "aux" and c.lower_ == "have" for c in token.children)


def _repelled(token: Token) -> bool:
    """"Ukrainian attempts to attack ... had been repelled": the attack happened."""
    head = token
    for _ in range(4):
        if head.head == head:
            return False
        head = head.head
        if head.lemma_.lower() in REPELLED and head.pos_ == "VERB":
            return True
    return False


def simple_present(token: Token, reporting: frozenset[str] = frozenset()) -> bool:
    """"Russian missiles pummel Ukrainian cities", "the base serves as a hub for interception": news tells
    a happening in a past or perfect tense, or in progress; a full verb in the simple present tells a habit
    or a standing fact. Left out: the first sentence (a headline's historic present), verbs of going on
    ("fighting continues"), and ``reporting`` verbs, which carry a happening rather than tell one
    ("protesters allege an attack")."""
    verb = token
    for _ in range(4):
        if verb.pos_ == "VERB" or verb.head == verb:
            break
        verb = verb.head
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and verb.tag_ in ("VBZ", "VBP") and verb.sent.start > 0 \
        and lemma not in ACHIEVED and lemma not in reporting \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def running_total(sent) -> bool:
    """"2,808 people have been killed since the war began", "has fired 750 missiles since the start of the
    invasion", "has lost 24,000 soldiers so far", "the only city it has captured in this war": a count over
    the whole war, no particular happening (codebook 1). The "since" phrase must qualify a perfect or
    participle verb: "the largest attack since the start of the war" is one attack."""
    if any(t.pos_ == "VERB" and _perfect(t) and _over_the_war(t) for t in sent):
        return True
    if "since" not in sent.text.lower():
        return False
    for t in sent:
        if t.lower_ != "since":
            continue
        if t.dep_ == "prep" and any(c.dep_ == "pobj" and c.lemma_.lower() in WAR_START for c in t.children):
            verb = t.head
        elif t.dep_ == "mark" and t.head.lemma_.lower() in STARTED:
            verb = t.head.head
        else:
            continue
        if verb.pos_ == "VERB" and (_perfect(verb) or verb.tag_ == "VBN" and verb.dep_ == "acl"):
            return True
    return False


def _perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _over_the_war(verb: Token) -> bool:
    """The verb is qualified by "so far", "to date" or "in (the|this) war": over the whole war up to now."""
    for c in verb.children:
        below = list(c.children)
        if c.dep_ == "advmod" and c.lower_ == "far" and any(g.lower_ == "so" for g in below) or \
                c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "date" for g in below) or \
                c.dep_ == "prep" and c.lower_ in ("in", "during", "throughout") and \
                any(g.lemma_.lower() in WAR_PERIODS for g in below):
            return True
    return False


# general English adverbs of habitual aspect ("repeatedly" is left out: "repeatedly shelled X on Monday" is one day)
HABITUAL = {"daily", "nightly", "weekly", "regularly", "routinely", "frequently", "often", "habitually"}


def _period(prep: Token) -> Token | None:
    """"in recent weeks", "over the past months", "of the past week": the stretch of time a phrase names."""
    if prep.dep_ != "prep" or prep.lower_ not in ("in", "over", "during", "for", "throughout", "of"):
        return None
    return next((g for g in prep.children if g.dep_ == "pobj" and g.lemma_.lower() in ("week", "month", "year")
                 and any(d.lower_ in ("recent", "past", "last", "previous") for d in g.children)), None)


def _in_a_named_war(verb: Token) -> bool:
    """"During World War II, the Soviets destroyed this dam": history, dated by a named war; "in the Israel-Hamas
    war, strikes hit Rafah on Monday" is dated by its day."""
    return any(c.dep_ == "prep" and c.lower_ in ("during", "in", "after", "before") and any(
        g.dep_ == "pobj" and g.ent_type_ == "EVENT" and any(w.lower_ == "war" for w in g.subtree) for g in c.children)
        for c in verb.children) and not any(e.label_ in ("DATE", "TIME") for e in verb.sent.ents)


# What ties a phrase to one time and place: a place, a date, a count (spaCy's entity labels).
_ANCHORS = {"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL"}


def _bare_plural_kind(token: Token) -> bool:
    """"Russia had to respond to attacks of nationalists on the population", "condemned strikes on
    civilians": a bare plural object (no article, number or owner) whose clause names no place, date or
    count tells of a kind of happening, none in particular. An agent ("troops were destroyed by drone
    strikes") is how a particular thing happened to the subject."""
    while token.head.pos_ == "NOUN" and (token.dep_ in ("compound", "nmod", "amod")
                                         or token.dep_ == "conj" and token.tag_ != "NNS"):
        token = token.head  # "drone and missile attacks": the phrase is the attacks
    first = token
    while first.dep_ == "conj" and first.head.pos_ == "NOUN":
        first = first.head  # "surveillance and attacks": the attacks stand where the first noun does
    if token.tag_ != "NNS" or first.dep_ not in ("pobj", "dobj") or first.head.dep_ == "agent" or any(
            c.dep_ in ("det", "nummod", "poss") for c in token.children):
        return False
    verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
    clause = set(verb.subtree if verb is not None else token.subtree)
    if verb is not None:  # who acts is no place: "Ukraine has brought the battle home through drone attacks"
        clause -= {t for c in verb.children if c.dep_ == "nsubj" for t in c.subtree}
    # an adjective is no place even where the tagger calls it one ("Ukrainian nationalists")
    return not any(t.ent_type_ in _ANCHORS and t.tag_ != "JJ" or t.like_num for t in clause)


def is_generic(token: Token) -> bool:
    """"the fight against terrorism", "forces battling ISIS" (a standing description), "an attack
    helicopter": no particular happening."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "against":
            if any(g.lemma_.lower() in ABSTRACT for g in child.children) or \
                    lemma in ("battle", "fight", "struggle", "war", "campaign") and token.pos_ == "NOUN":
                return True  # "the fight against terrorism", "the battle against ISIS": a campaign
        if child.dep_ == "dobj" and child.lemma_.lower() in ABSTRACT:
            return True  # "fighting terrorism"
    if lemma in ("fight", "battle", "fighting") and token.pos_ == "VERB" and token.dep_ == "acl" \
            and token.tag_ == "VBG":
        return True
    if any(t.lemma_.lower() in ("anniversary", "commemorate", "commemoration", "memorial") for t in token.sent):
        return True  # "the 50th anniversary of the march": remembered, not reported
    if token.pos_ == "PROPN" and token.i > token.sent.start and token.doc[token.i - 1].lower_ == "the" \
            and token.text[:1].isupper():
        return True  # "the Battle of Kharkiv", "the Tet Offensive": a named campaign, not one happening
    if token.dep_ in ("pobj", "pcomp") and token.head.lower_ == "of" and token.head.head.lemma_.lower() in DURATIONS \
            and token.head.head.tag_ == "NNS":
        return True  # "five years of fighting", "weeks of shelling": a period, not one happening
    if token.pos_ == "VERB" and any(c.dep_ in ("advmod", "npadvmod") and (c.lower_ in HABITUAL or c.lemma_.lower() in (
            "day", "night", "week") and any(d.lower_ in ("every", "each") for d in c.children)) for c in token.children):
        return True  # "has been shelled almost daily", "attack it every night": a habit, not one happening
    if token.tag_ == "VBG" and any(c.lower_ == "been" for c in token.children) and any(
            c.dep_ == "prep" and c.lower_ == "for" and any(g.lemma_.lower() in DURATIONS for g in c.children)
            for c in token.children):
        return True  # "have been attacking ships for three months": a campaign, not one happening
    verb = token if token.pos_ == "VERB" else next((a for a in token.ancestors if a.pos_ == "VERB"), None)
    if verb is not None and any((period := _period(c)) is not None and period.tag_ == "NNS"
                                for v in (verb, *verb.conjuncts) for c in v.children):
        return True  # "recaptured dozens of villages in recent weeks": a period's tally, not one happening
    if token.tag_ == "NNS" and any(_period(c) is not None for c in token.children):
        return True  # "attacks of the past week": the same
    if verb is not None and _in_a_named_war(verb):
        return True
    if token.tag_ == "VBG" and token.dep_ in ("csubj", "csubjpass") and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        return True  # "beating back the invasion is the only way": an activity named, not one happening
    if _bare_plural_kind(token):
        return True
    if lemma.startswith("cyber") or any(c.lower_.startswith("cyber") for c in token.children):
        return True  # "cyber attacks": no political violence on the ground (ACLED codes none)
    if lemma == "arrest" and any(c.lower_ == "house" for c in token.children):
        return True  # "house arrest": a state
    if token.pos_ == "NOUN" and token.tag_ == "NNS" and lemma in ("protest", "demonstration", "rally", "bombardment",
                                                                  "strike", "attack", "airstrike", "shelling"):
        if any(c.lower_ in ("several", "many", "numerous", "repeated", "frequent", "regular", "weekly", "multiple",
                            "countless", "constant", "daily", "nightly")
               for c in token.children):
            return True  # "several protests over three years"
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in DURATIONS:
            return True  # "weeks of protests"
        if any(c.lower_ == "such" for c in token.children):
            return True  # "such attacks are abhorrent": a kind of happening, none in particular
    return lemma in ("fight", "battle", "fighting") and token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("this", "that", "the") for c in token.children) and not any(
        c.dep_ == "prep" and c.lower_ in ("for", "in", "near", "around", "at") for c in token.children)
