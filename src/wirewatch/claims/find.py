"""Claims: who said what (source, cue, content), through whom.

Cues are found by a learned model (``cues``: a logistic model over parse
features, trained on PolNeAR train), with a built-in list of reporting verbs
when the model is absent. Spans then follow PolNeAR's conventions, by rules
over the dependency parse:

- the cue is the verb with its auxiliaries, negation and adverbs ("has also
  said"), a particle, a preposition that takes the content ("called for"), a
  colon introducing a quotation ("said:"); or "according to", a noun ("his
  remark that"), a headline's colon ("Zelenskyy: ...");
- the source is the subject's noun phrase, appositive included; a passive's
  agent; for participles and conjuncts ("..., adding that") their clause's
  subject; none for a passive without agent ("is expected to") - sourceless;
- the content is the complement clause ("that ..." included), object or
  prepositional object; or the words before a closing reporting clause ("X,
  officials said"), in two parts when the clause is set off inside them ("X,
  he said, Y"); for a direct quote, the quotation with its marks, on either
  side of the cue or in the next paragraph after "said:", plus quotations that
  carry on after it (``contents``); quoted words inside a paraphrase make it
  mixed.

Speakers (``speakers``) are resolved from the source's head. A claim whose cue
lies inside another claim's content is reported through it (``via``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from wirewatch.claims.cues import SENT_KEY, CueModel, frame, is_candidate, load_cue_model
from wirewatch.claims.cues import sentence_of
from wirewatch.claims.lexicon import word_list
from wirewatch.claims.quotes import OPEN_QUOTES, Draft, continued_quotes, dateline_end, dedupe, headline_claims
from wirewatch.claims.quotes import LABELS, make_draft
from wirewatch.claims.quotes import inside as _inside, is_mixed as _mixed, lead_in as _lead_in
from wirewatch.claims.quotes import only_glue as _only_glue, paragraph as _paragraph, quote_spans, signed_quotes
from wirewatch.claims.quotes import to_closing_quote as _to_closing_quote, trim as _trim
from wirewatch.models import Claim, Entity, Span
from wirewatch.nlp import doc_text
from wirewatch.profile import ConflictProfile
from wirewatch.claims.speakers import is_outlet_voice, outlet_names, resolve_speakers

# Reporting verbs used when the learned cue model is absent (find_claims(model=False) or no artefact).
CORE_CUES = word_list("core_cues")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that"}
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "attr", "oprd")
SETTING_PREPS = word_list("setting_prepositions")  # "said in a statement": the scene, not the content
ADJUNCT = re.compile(r"(?:as|while|after|before|when|because|since|although|though|amid|adding|saying|noting|"
                     r"citing|according|despite|following|which|who)\b")
RAISING = word_list("raising_verbs")  # sourceless, their subject part of the content
TIME_WORDS = word_list("time_nouns")
RECIPIENT_VERBS = word_list("recipient_verbs")
TOLL_NOUNS = word_list("toll_nouns")
DOCUMENT_NOUNS = word_list("document_nouns")
PHYSICAL_VERBS = word_list("physical_verbs")
PLACE_ENTITIES = ("GPE", "LOC", "FAC")


def is_cue(token: Token, model: CueModel | None, in_quote: bool) -> bool:
    """The learned model decides; without it, a core list of reporting verbs with a complement."""
    if model is not None:
        return model.is_cue(token, in_quote)
    if token.pos_ not in ("VERB", "AUX") or token.dep_ in ("aux", "auxpass"):
        return False
    lemma = token.lemma_.lower()
    return lemma in CORE_CUES and frame(token) != "none" or lemma in ("say", "tell", "add")


def find_claims(doc: Doc, entities: Sequence[Entity], profile: ConflictProfile,
                model: CueModel | None | bool = True) -> list[Claim]:
    """Claims in cue order; ``model=False`` uses the built-in verb list instead of the learned model."""
    try:
        return _find_claims(doc, entities, profile, load_cue_model() if model is True else (model or None))
    finally:
        doc.user_data.pop(SENT_KEY, None)


def _find_claims(doc: Doc, entities: Sequence[Entity], profile: ConflictProfile,
                 cue_model: CueModel | None) -> list[Claim]:
    text = doc_text(doc)
    quotes = quote_spans(text)
    used: set[tuple[int, int]] = set()
    drafts: list[Draft] = []
    for token in doc:
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            claim = _according_claim(doc, token, quotes)
        elif (cue_model is None or is_candidate(token)) and is_cue(token, cue_model, _inside(token.idx, quotes)):
            claim = _noun_claim(doc, token) if token.pos_ == "NOUN" else _verb_claim(doc, token, quotes, used)
        else:
            continue
        if claim is not None:
            drafts.append(claim)
    drafts.extend(headline_claims(doc, {d.cue[0] for d in drafts}))
    drafts.extend(signed_quotes(doc))
    continued_quotes(text, drafts, quotes, used)
    drafts = dedupe(drafts)
    claims = [Claim(cue=Span.of(text, *d.cue), source=Span.of(text, *d.sources[0]) if d.sources else None,
                    content=Span.of(text, *d.contents[0]), kind=d.kind,
                    sources=tuple(Span.of(text, *s) for s in d.sources),
                    contents=tuple(Span.of(text, *c) for c in d.contents)) for d in drafts]
    claims = resolve_speakers(doc, claims, [d.subject for d in drafts], entities, profile)
    outlets = outlet_names(doc._.ww_source if Doc.has_extension("ww_source") else None)
    return _link_nested([c for c in claims if not is_outlet_voice(c, outlets)])


# ---------------------------------------------------------------- quotations


# ---------------------------------------------------------------- one cue

def _verb_claim(doc: Doc, verb: Token, quotes: list[tuple[int, int]],
                used: set[tuple[int, int]]) -> Draft | None:
    text = doc_text(doc)
    in_quote = _inside(verb.idx, quotes)
    if verb.lemma_.lower() == "claim" and any(c.dep_ == "dobj" and _lives(c) for c in verb.children):
        return None  # "the attack claimed six lives", "has claimed hundreds of lives": it killed, nobody asserts
    if verb.lemma_.lower() in PHYSICAL_VERBS and any(c.dep_ == "dobj" and c.ent_type_ in PLACE_ENTITIES
                                                     for c in verb.children):
        return None  # "Russian troops attacked Chernihiv": an act, nobody asserts
    subject = _past_dateline(doc, _subject(verb), verb)
    complement = _complement(verb)
    if in_quote and (subject is None or complement is None):
        return None  # inside a quotation only an explicit "X said Y" counts
    cue_last = verb  # the cue runs on over a preposition: "called for", "talked about"
    content = _content_span(doc, verb, complement) if complement is not None else None
    if content is None and not in_quote:
        found = _prep_object(doc, verb)
        if found is not None:
            cue_last, content = found
        else:
            content = _that_clause(doc, verb)
    if content is None and _passive(verb) and subject is not None:
        content = _passive_subject_span(doc, verb)  # "X was endorsed by Y": Y's claim about X
    para = _paragraph(text, verb.idx)
    gap = len(text[para[1]:]) - len(text[para[1]:].lstrip())
    following = _paragraph(text, para[1] + gap) if para[1] + gap < len(text) else para
    near = [q for q in quotes
            if q not in used and para[0] <= q[0] < following[1] and len(text[q[0]:q[1]].split()) >= 3
            and not (q[0] < verb.idx < q[1])]
    kind = "indirect"
    contents: list[tuple[int, int]] = []
    if near and not in_quote:
        clause_end = _cue_end(doc, verb, subject)
        clause_start = _left_edge_char(doc, verb, subject)
        adjacent_after = [q for q in near if q[0] > verb.idx and _only_glue(text, clause_end, q[0])
                          and (q[0] < para[1] or ":" in text[clause_end:q[0]])]
        # a quotation just before the clause is its content unless the verb has its own content after it
        # ('... policy.'' The network said it would ...')
        # ('"...," a spokesman told national television': whom it was told is no content of its own)
        listener = complement is not None and complement.dep_ == "dobj" and verb.lemma_.lower() in RECIPIENT_VERBS
        adjacent_before = [q for q in near if q[1] <= verb.idx and q[0] >= para[0]
                           and _only_glue(text, q[1], clause_start)
                           and (content is None or content[0] < verb.idx or _inside(content[0] + 1, quotes)
                                or listener)]
        inside = [q for q in near if content is not None and q[0] < content[1] and q[1] > content[0]]
        if content is not None:
            content = _to_closing_quote(text, quotes, content)
        if _mixed(quotes, content):
            kind = "mixed"  # a paraphrase with quoted words inside
        elif adjacent_before or adjacent_after or inside:
            kind = "direct"
            contents = sorted(set(adjacent_before[-1:] + adjacent_after[:1]) or set(inside))
            used.update(contents)
            content = None
            lead = _lead_in(doc, contents[0]) if adjacent_before and not adjacent_after else None
            if lead is not None:  # 'Obama “knows full well ...,” he said': a paraphrase around the quote
                kind, contents = "mixed", [(lead, contents[0][1])]
    if kind == "indirect" and _mixed(quotes, content):
        kind = "mixed"
    if not contents:
        parts = [content] if content is not None else _fronted_content(doc, verb, subject)
        if content is not None and complement is not None and complement.dep_ == "xcomp" and _passive(verb):
            held = _passive_subject_span(doc, verb)  # "The bridge is thought ... to have been destroyed"
            if held is not None and held[1] <= verb.idx and doc_text(doc)[held[0]:held[1]].lower() != "it":
                parts = [held, content]
        if not parts:
            return None
        contents = parts
    if verb.lemma_.lower() in RAISING and complement is not None and complement.dep_ in ("xcomp", "ccomp", "acomp") \
            and subject is not None and kind != "direct":
        # "Melania seems to have vanished": an impression nobody voices; the subject belongs to the content
        held = _source_span(doc, subject)
        if held is not None and subject.lower_ != "it" and held[1] <= verb.idx:
            contents = sorted([held, *contents])
        subject = None
    source = _source_span(doc, subject) if subject is not None else None
    if subject is None and not _passive(verb) and verb.dep_ not in ("advcl", "relcl", "acl", "pcomp") \
            and verb.lemma_.lower() not in RAISING:
        return None
    if source is not None and any(c[0] <= source[0] < c[1] for c in contents):
        return None
    cue = _cue_span(doc, verb, cue_last)
    draft = make_draft(text, cue, [source] if source else [], contents, kind, subject=subject)
    draft.reach = _cue_end(doc, verb, subject) if kind == "direct" else 0
    return draft


def _noun_claim(doc: Doc, noun: Token) -> Draft | None:
    """ "his remark that ...", "Trump's comments on Muslims": the possessor says, the clause or object is said."""
    text = doc_text(doc)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    last = noun
    content = None
    clause = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp", "relcl") and
                   any(t.dep_ == "mark" and t.lower_ in ("that", "to") or t.dep_ == "aux" and t.lower_ == "to"
                       for t in c.children)), None)
    if clause is not None and clause.dep_ != "relcl":
        content = _trim_tokens(doc, clause.left_edge, clause.right_edge)
    else:
        found = _prep_object(doc, noun)
        if found is not None:
            last, content = found
    if content is None or owner is None and clause is None:
        return None
    source = None
    if owner is not None:
        right = owner.right_edge
        if right.dep_ == "case" and right.i > owner.left_edge.i:  # "Trump's": the name, not the 's
            right = doc[right.i - 1]
        source = _trim_tokens(doc, owner.left_edge, right)
    first = noun
    while first.i > 0 and doc[first.i - 1].dep_ in ("amod", "compound") and doc[first.i - 1].head.i == noun.i:
        first = doc[first.i - 1]  # "harsh words about", "unlikely proposal"
    cue = (first.idx, last.idx + len(last.text))
    return make_draft(text, cue, [source] if source else [], [content], "indirect", subject=owner)


def _prep_object(doc: Doc, verb: Token) -> tuple[Token, tuple[int, int]] | None:
    """ "called for X", "spoke out on Tuesday about X": the preposition closes the cue, its object is the content."""
    for child in verb.rights:
        if child.dep_ != "prep" or child.i > verb.i + 4 or child.lower_ in SETTING_PREPS:
            continue
        obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
        if obj is not None and (obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in TIME_WORDS):
            continue  # "reported at the time that ...": a when, not a what
        if obj is None or any(t.is_punct and t.text == "," for t in doc[verb.i:child.i]):
            return None
        left, right = obj.left_edge, child.right_edge
        while right.i > left.i and (right.is_space or right.is_punct and right.text not in "”\"'’)"):
            right = doc[right.i - 1]
        return child, (left.idx, right.idx + len(right.text))
    return None


def _that_clause(doc: Doc, verb: Token) -> tuple[int, int] | None:
    """A "that" clause the parse hung under an object or adverbial ("told X in an interview that ...")."""
    for child in verb.rights:
        if child.dep_ in ("dobj", "dative", "prep", "npadvmod"):
            mark = next((t for t in child.subtree if t.dep_ == "mark" and t.lower_ == "that"), None)
            if mark is not None:
                return _trim_tokens(doc, mark, mark.head.right_edge)
    return None


def _passive_subject_span(doc: Doc, verb: Token) -> tuple[int, int] | None:
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.lower_ in PRONOUNS and subj.lower_ in ("who", "which", "that"):
        return None
    return _trim_tokens(doc, subj.left_edge, subj.right_edge)


def _fronted_content(doc: Doc, verb: Token, subject: Token | None) -> list[tuple[int, int]]:
    """ "The army is advancing, the governor said." / "The museum, he said, was full." (two parts)"""
    if subject is None:
        return []
    text = doc_text(doc)
    sent_start, sent_end, _, _ = sentence_of(verb)
    start = min(_left_edge_char(doc, verb, subject), subject.left_edge.idx)
    before = _trim(text, sent_start, start)
    if before is not None and re.search(r",\s*as$", text[before[0]:start].rstrip()):
        before = _trim(text, before[0], text.rindex("as", before[0], start))  # "Hawaii, as X pointed out,"
    end = _cue_end(doc, verb, subject)
    rest = text[end:sent_end]
    after = None
    if rest.lstrip().startswith(","):
        after = _trim(text, end, sent_end)
        if after is not None and (len(text[after[0]:after[1]].split()) < 2 or re.match(ADJUNCT, text[after[0]:])):
            after = None  # "..., officials said, as Ukraine launched ...": a circumstance, not more of the content
    elif rest.strip(" .!?\n\"”’"):
        return []  # the clause goes on: not a reporting clause after its content
    if before is None:
        return []
    set_off = "," in text[before[1]:start]
    if len(text[before[0]:before[1]].split()) >= 3:
        return [before, after] if after is not None else [before]
    if set_off and after is not None:  # a short opening part: "Too often, Mr. Clarke said, the debate ..."
        return [before, after]
    return []


def _trim_tokens(doc: Doc, left: Token, right: Token) -> tuple[int, int] | None:
    while left.i < right.i and (left.is_punct or left.is_space):
        left = doc[left.i + 1]
    while right.i > left.i and (right.is_space or right.is_punct and right.text not in "”\"'’)"):
        right = doc[right.i - 1]
    if left.is_punct and left.i == right.i:
        return None
    return left.idx, right.idx + len(right.text)


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj") and not _label(child):
            return child
    for child in verb.children:  # "was told by X" / "was announced by X"
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None
    head = verb.head
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(c.dep_ == "aux" for c in verb.children):
        return None  # "Asked about the strike, he said ...": he was asked; the asker goes unnamed
    if verb.dep_ in ("conj", "advcl", "xcomp") and head.i != verb.i and head.pos_ in ("VERB", "AUX"):
        return _subject(head)  # "..., adding that" / "said X and warned Y"
    if verb.dep_ == "relcl" and head.pos_ in ("NOUN", "PROPN"):
        who = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return who or head
    if verb.tag_ == "VBG":
        # "a tweet attacking X": the tweet; "..., by saying X" / "after admitting X": the clause's subject
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return head
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return _subject(head.head)
        if verb.dep_ in ("npadvmod", "dep", "ccomp", "parataxis") and head.pos_ in ("VERB", "AUX") \
                and head.i != verb.i:
            return _subject(head)
    return None


def _lives(noun: Token) -> bool:
    """"six lives", "hundreds of lives": a toll noun, or a count of one."""
    return noun.lemma_.lower() in TOLL_NOUNS or any(
        of.dep_ == "prep" and of.lower_ == "of" and any(p.lemma_.lower() in TOLL_NOUNS for p in of.children)
        for of in noun.children)


def _label(token: Token) -> bool:
    """"Details: Earlier, the ministry reported ...": a page label before a colon, parsed as a subject."""
    doc = token.doc
    return token.lower_ in LABELS and token.i + 1 < len(doc) and doc[token.i + 1].text == ":"


def _past_dateline(doc: Doc, subject: Token | None, verb: Token) -> Token | None:
    """A subject inside its paragraph's dateline is a parse slip ("KYIV, May 3 (Reuters) - Ukraine's air force
    said": not Reuters, not Kyiv): the subject is the phrase between the dateline and the verb, if any."""
    text = doc_text(doc)
    end = dateline_end(text, verb.idx)
    if subject is None or not _paragraph(text, verb.idx)[0] <= subject.idx < end <= verb.idx:
        return subject
    between = doc.char_span(end, verb.idx, alignment_mode="contract")
    if between is None or not len(between) or between.root.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return between.root


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _complement(verb: Token) -> Token | None:
    children = list(verb.rights) + [c for c in verb.lefts if c.dep_ == "ccomp"]
    for dep in CONTENT_DEPS:
        found = [c for c in children if c.dep_ == dep]
        if found:
            if dep == "dobj" and verb.lemma_.lower() in RECIPIENT_VERBS:
                later = [c for c in children if c.dep_ in ("ccomp", "xcomp")]
                if later:
                    return later[0]
            return found[0]
    for child in verb.rights:  # "have not said when they would vote": a wh-clause the parse calls adverbial
        if child.dep_ == "advcl" and child.left_edge.lower_ in ("when", "whether", "if", "how", "why", "what", "where") \
                and child.left_edge.i == verb.i + 1:
            return child
    if verb.dep_ == "relcl":  # "the report, which said ..." has its content to the right as usual
        return None
    passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive_subject is not None:
        xcomp = next((c for c in verb.rights if c.dep_ in ("xcomp", "ccomp")), None)
        return xcomp
    return None


def _content_span(doc: Doc, verb: Token, comp: Token) -> tuple[int, int] | None:
    left, right = comp.left_edge, comp.right_edge
    if comp.dep_ == "dobj" and verb.lemma_.lower() in RECIPIENT_VERBS:
        # "told the Herald in an interview that ...": the parse hangs the clause under the listener
        listeners = [c for c in verb.rights if c.dep_ in ("dobj", "dative", "prep")]
        mark = next((t for c in listeners for t in c.subtree if t.dep_ == "mark" and t.lower_ == "that"), None)
        if mark is not None:
            return _trim_tokens(doc, mark, max(mark.head.right_edge, comp.right_edge, key=lambda t: t.i))
    if comp.dep_ == "dobj":  # "criticised X for Y": the object and what completes it, up to punctuation
        for tail in (c for c in verb.rights if c.i > comp.i):
            if tail.dep_ not in ("prep", "advcl", "xcomp", "ccomp", "oprd"):
                break
            right = max(right, tail.right_edge, key=lambda t: t.i)
    if comp.dep_ == "ccomp" and left.dep_ == "prep" and left.head.i == comp.i and _is_time(left):
        left = doc[left.right_edge.i + 1]  # "said on Friday he met ...": when it was said, not what
    return _trim_tokens(doc, left, right)


def _is_time(prep: Token) -> bool:
    obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return obj is not None and (obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in TIME_WORDS)


def _cue_span(doc: Doc, verb: Token, last: Token | None = None) -> tuple[int, int]:
    """The verb with the auxiliaries, negation and adverbs just before it, a particle after it, up to ``last``."""
    start = verb
    for left in reversed(list(verb.lefts)):
        if left.i != start.i - 1:
            break
        if left.dep_ in ("aux", "auxpass", "neg", "advmod") and not left.is_punct \
                and left.lower_ not in ("when", "where", "why", "how", "as"):
            start = left
        else:
            break
    end = verb
    for right in verb.rights:  # a particle or an adverb right after ("pointed out", "said again")
        if right.i == end.i + 1 and (right.dep_ == "prt" or right.dep_ == "advmod" and right.pos_ == "ADV"):
            end = right
    if last is not None and last.i > end.i:
        end = last
    if end.i + 1 < len(doc) and doc[end.i + 1].text == ":":
        end = doc[end.i + 1]  # PolNeAR keeps the colon that introduces a quotation: "said:"
    return start.idx, end.idx + len(end.text)


def _cue_end(doc: Doc, verb: Token, subject: Token | None) -> int:
    """Where the reporting clause ends ("he said", "he told DW TV", "said in a statement")."""
    last = verb
    for right in verb.rights:
        if right.dep_ in ("dobj", "dative", "prep", "npadvmod", "advmod", "nsubj") and right.i == last.i + 1 \
                or right.dep_ in ("dobj", "dative", "prep", "npadvmod") and right.i <= last.right_edge.i + 1:
            if any(t.text in OPEN_QUOTES for t in right.subtree):
                break
            last = right.right_edge
    if subject is not None and subject.i > verb.i:
        last = max(last, subject.right_edge, key=lambda t: t.i)
    return last.idx + len(last.text)


def _left_edge_char(doc: Doc, verb: Token, subject: Token | None) -> int:
    first = verb
    if subject is not None and subject.left_edge.i < verb.i:
        first = subject.left_edge
    for left in verb.lefts:
        if left.dep_ in ("aux", "auxpass", "advmod", "neg") and left.i < first.i:
            first = left
    return first.idx


def _source_span(doc: Doc, subject: Token) -> tuple[int, int] | None:
    left, right = subject.left_edge, subject.right_edge
    outside = dateline_end(doc_text(doc), subject.idx)  # "ODESA (AP) — Governor Maksym Petrenko": the governor
    while left.i < right.i and left.idx < outside <= subject.idx:
        left = doc[left.i + 1]
    if subject.dep_ == "relcl" or subject.head.dep_ == "relcl" and subject.lower_ in ("who", "which", "that"):
        right = subject
    while left.i < right.i and (left.is_punct or left.is_space):
        left = doc[left.i + 1]
    while right.i > left.i and (right.is_space or right.is_punct and right.text not in ")”\"’"):
        right = doc[right.i - 1]
    # PolNeAR keeps the comma closing an appositive: "Jane Doe, the governor, said"
    after = right.i + 1
    if after < len(doc) and doc[after].text == "," and "," in doc[left.i:right.i + 1].text \
            and after + 1 < len(doc) and doc[after + 1].head.i != subject.i:
        right = doc[after]
    if left.is_punct:
        return None
    return left.idx, right.idx + len(right.text)


# ---------------------------------------------------------------- according to

def _according_claim(doc: Doc, according: Token, quotes: list[tuple[int, int]]) -> Draft | None:
    to = doc[according.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    text = doc_text(doc)
    sent_start, sent_end, _, _ = sentence_of(according)
    source = _source_span(doc, pobj)
    src_end = pobj.right_edge.i + 1
    parts = []
    before = _trim(text, sent_start, according.idx)
    after = _trim(text, doc[src_end].idx if src_end < len(doc) else len(text), sent_end)
    for part in (before, after):
        if part is not None and part[1] - part[0] > 8:
            parts.append(part)
    if not parts:
        return None
    cue = (according.idx, to.idx + len(to.text))
    return make_draft(text, cue, [source] if source else [], parts, "indirect", subject=_publisher(pobj))


def _publisher(noun: Token) -> Token:
    """Who issued the document or figures a claim is "according to" ("figures released by Israel's military",
    "data from the health ministry"): the source, not the figures; else the noun itself."""
    if noun.lemma_.lower() not in DOCUMENT_NOUNS and noun.lower_ not in DOCUMENT_NOUNS:  # "data" (lemma "datum")
        return noun
    for child in noun.children:
        if child.dep_ == "acl":  # "figures released by X"
            link = next((g for g in child.children if g.dep_ == "agent"), None)
        elif child.dep_ == "prep" and child.lower_ in ("by", "from"):  # "data from X"
            link = child
        else:
            continue
        issuer = next((g for g in link.children if g.dep_ == "pobj"), None) if link is not None else None
        if issuer is not None:
            return issuer
    return noun


def _link_nested(claims: list[Claim]) -> list[Claim]:
    """Set ``via`` to the claim whose content holds this claim's cue (the innermost such)."""
    # content parts by start: only parts starting within the longest part's length before a cue can hold it
    parts = sorted((part.start, part.end, j) for j, o in enumerate(claims) for part in o.contents)
    starts = [start for start, _, _ in parts]
    longest = max((end - start for start, end, _ in parts), default=0)
    linked = []
    for i, claim in enumerate(claims):
        cue = claim.cue.start
        near = parts[bisect.bisect_left(starts, cue - longest):bisect.bisect_right(starts, cue)]
        outer = sorted({j for start, end, j in near if j != i and start <= cue < end})
        via = min(outer, key=lambda j: sum(p.end - p.start for p in claims[j].contents)) if outer else None
        linked.append(replace(claim, via=via))
    return linked


