"""Claims: who said what (source, cue, content), through whom.

Two passes over the parse. Reporting verbs ("said", "claimed", "told",
"posted", "cited"...) and "according to" give indirect claims, with the
subject as source and the complement clause as content. Quotations give direct
claims, attached to the reporting verb in the same sentence or, for a quote
that stands alone, to the speaker of the paragraph before. A claim whose cue
lies inside another claim's content is reported through it (``via``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from wirewatch.models import Claim, Entity, Span
from wirewatch.profile import ConflictProfile

CUE_LEMMAS = {
    "say", "tell", "claim", "add", "warn", "state", "announce", "report", "write", "post", "cite", "note",
    "insist", "confirm", "deny", "explain", "argue", "acknowledge", "assert", "allege", "declare", "estimate",
    "predict", "suggest", "reveal", "admit", "stress", "emphasise", "emphasize", "indicate", "believe", "think",
    "accuse", "describe", "tweet", "urge", "promise", "vow", "praise", "ask", "respond", "reply", "comment",
    "conclude", "observe", "remark", "recall", "complain", "contend", "maintain", "agree", "question",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "which", "that"}
QUOTE = re.compile(r"[\"“”]")
CHANNELS = [
    (re.compile(r"\bTelegram\b"), "Telegram"),
    (re.compile(r"\b(?:TV|television|broadcaster|channel)\b"), "TV"),
    (re.compile(r"\b(?:intelligence update|update|report|assessment)\b", re.I), "intelligence update"),
    (re.compile(r"\bstatement\b", re.I), "statement"),
    (re.compile(r"\b(?:interview|told the [A-Z]\w+|told [A-Z][\w ]{2,30}(?:Times|Post|Journal|Guardian))\b"),
     "interview"),
]


def find_claims(doc: Doc, entities: Sequence[Entity], profile: ConflictProfile) -> list[Claim]:
    text = doc.text
    quotes = _quote_spans(text)
    claims: list[Claim] = []
    used_quotes: set[tuple[int, int]] = set()
    for token in doc:
        if token.lemma_.lower() in CUE_LEMMAS and token.pos_ in ("VERB", "AUX") and not _inside(token.idx, quotes):
            claim = _verb_claim(doc, token, quotes, used_quotes, entities, profile)
            if claim:
                claims.append(claim)
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            claim = _according_claim(doc, token, entities, profile)
            if claim:
                claims.append(claim)
    # Quotes no verb claimed: a paragraph that continues the previous speaker's words.
    for start, end in quotes:
        if (start, end) in used_quotes or end - start < 25:
            continue
        previous = [c for c in claims if c.cue.start < start]
        if previous:
            last = max(previous, key=lambda c: c.cue.start)
            claims.append(Claim(cue=last.cue, source=last.source, content=Span.of(text, start, end), kind="direct",
                                speaker=last.speaker, side=last.side, channel=last.channel))
    claims.sort(key=lambda c: (c.content.start if c.content else c.cue.start, c.cue.start))
    return _link_nested(claims)


def _verb_claim(doc: Doc, verb: Token, quotes: list[tuple[int, int]], used: set[tuple[int, int]],
                entities: Sequence[Entity], profile: ConflictProfile) -> Claim | None:
    text = doc.text
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("conj", "advcl", "xcomp") and verb.head.lemma_ in CUE_LEMMAS:
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    sent = verb.sent
    paragraph = _paragraph(text, verb.idx)
    # Scare quotes and nicknames ("Uncle Roma") are not what the speaker said.
    sent_quotes = [q for q in quotes if q[0] < sent.end_char and q[1] > sent.start_char and q not in used
                   and paragraph[0] <= q[0] < paragraph[1] and len(text[q[0]:q[1]].split()) >= 4]
    complement = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if verb.lemma_ == "cite":
        complement = [c for c in verb.children if c.dep_ == "dobj"]
    comp = _subtree_span(doc, complement[0]) if complement else None
    content: Span | None = comp
    kind = "indirect"
    if sent_quotes:
        # the quotation next to the verb: "X said: “...”" or "“...,” X said"
        q = min(sent_quotes, key=lambda q: q[0] - verb.idx if q[0] > verb.idx else verb.idx - q[1])
        used.add(q)
        if comp and comp.start <= q[0] and q[1] <= comp.end + 1 and (comp.start, comp.end) != q:
            kind = "mixed"  # a paraphrase with quoted words inside
        else:
            kind, content = "direct", Span.of(text, *q)
    if content is None or subject is None and verb.tag_ != "VBN":
        return None
    source = _subtree_span(doc, subject) if subject is not None else None
    if source is not None and content.start <= source.start < content.end:
        return None
    speaker = _speaker(doc, subject, entities) if subject is not None else None
    return Claim(cue=Span.of(text, verb.idx, verb.idx + len(verb.text)), source=source, content=content, kind=kind,
                 speaker=speaker, side=_side(speaker, source, profile), channel=_channel(sent))


def _according_claim(doc: Doc, according: Token, entities: Sequence[Entity],
                     profile: ConflictProfile) -> Claim | None:
    to = doc[according.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    text = doc.text
    sent = according.sent
    source = _subtree_span(doc, pobj)
    # the content is the rest of the sentence, on the side away from "according to X"
    if according.i - sent.start > sent.end - pobj.right_edge.i:
        content = _trim(doc, sent.start_char, according.idx)
    else:
        content = _trim(doc, pobj.right_edge.idx + len(pobj.right_edge.text), sent.end_char)
    if content is None:
        return None
    cue = Span.of(text, according.idx, to.idx + len(to.text))
    speaker = _speaker(doc, pobj, entities)
    return Claim(cue=cue, source=source, content=content, kind="indirect", speaker=speaker,
                 side=_side(speaker, source, profile), channel=_channel(sent))


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations with their marks; one opened and not closed runs to the end of its paragraph."""
    spans: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        p_start, line = paragraph.start(), paragraph.group(0)
        i = 0
        while True:
            m = re.search(r"[\"“]", line[i:])
            if not m:
                break
            open_at = i + m.start()
            close = re.search(r"[\"”]", line[open_at + 1:])
            if close is None:
                spans.append((p_start + open_at, p_start + len(line.rstrip())))
                break
            close_at = open_at + 1 + close.start() + 1
            spans.append((p_start + open_at, p_start + close_at))
            i = close_at
    return spans


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < offset < e for s, e in spans)


def _subtree_span(doc: Doc, token: Token) -> Span:
    left, right = token.left_edge, token.right_edge
    # never across a paragraph break, never starting on punctuation or space
    while left.i < token.i and (left.is_punct or left.is_space or "\n" in doc.text[left.idx:token.idx]):
        left = doc[left.i + 1]
    while right.i > left.i and (right.is_space or right.is_punct and right.text not in ")”\"'"):
        right = doc[right.i - 1]
    return Span.of(doc.text, left.idx, right.idx + len(right.text))


def _trim(doc: Doc, start: int, end: int) -> Span | None:
    chunk = doc.text[start:end]
    left = len(chunk) - len(chunk.lstrip(" ,;:"))
    right = len(chunk.rstrip(" ,;:.\n"))
    if right - left < 3:
        return None
    return Span.of(doc.text, start + left, start + right)


def _speaker(doc: Doc, subject: Token, entities: Sequence[Entity]) -> str | None:
    span = doc[subject.left_edge.i: subject.right_edge.i + 1]
    named = _entity_in(span, entities)
    if named:
        return named
    if subject.lower_ in PRONOUNS or subject.pos_ == "NOUN":
        # "he", "the governor", "the officials", "a Russian source who": the last person or body named before
        if subject.lower_ in ("who", "that", "which") and subject.head.dep_ == "relcl":
            return _phrase(doc, subject.head.head)
        wanted = ("PERSON",) if subject.lower_ in ("he", "she") else ("PERSON", "ORG")
        quoted = _quote_spans(doc.text[:subject.idx])
        before = [e for e in doc.ents if e.end <= subject.i and e.label_ in wanted
                  and not _inside(e.start_char, quoted)]
        if subject.pos_ == "NOUN" and any(c.dep_ not in ("det", "punct") for c in subject.children):
            return _phrase(doc, subject)
        if before:
            return _canonical(before[-1], entities)
        return _phrase(doc, subject)
    return _phrase(doc, subject)


def _entity_in(span: SpacySpan, entities: Sequence[Entity]) -> str | None:
    for e in entities:
        if e.label in ("PERSON", "ORG") and span.start_char <= e.span.start < span.end_char:
            return e.canonical
    for ent in span.ents:
        if ent.label_ in ("PERSON", "ORG"):
            return ent.text
    return None


def _canonical(ent: SpacySpan, entities: Sequence[Entity]) -> str:
    for e in entities:
        if e.span.start == ent.start_char:
            return e.canonical
    return ent.text


def _phrase(doc: Doc, token: Token) -> str:
    words = [t for t in doc[token.left_edge.i: token.i + 1] if t.dep_ not in ("det",) and not t.is_punct]
    return " ".join(t.text for t in words) or token.text


def _side(speaker: str | None, source: Span | None, profile: ConflictProfile) -> str | None:
    for text in (speaker, source.text if source else None):
        if not text:
            continue
        side = profile.side_of(text)
        if side:
            return side
        lowered = text.lower()
        if re.search(r"\b(ukrainian|ukraine|kyiv|kiev)\b", lowered):
            return "UA"
        if re.search(r"\b(russian|russia|moscow|kremlin)\b", lowered):
            return "RU"
    return None


def _channel(sent: SpacySpan) -> str | None:
    for pattern, name in CHANNELS:
        if pattern.search(sent.text):
            return name
    return None


def _link_nested(claims: list[Claim]) -> list[Claim]:
    """Set ``via`` to the claim whose content holds this claim's cue (the innermost such)."""
    linked = []
    for i, claim in enumerate(claims):
        outer = [j for j, o in enumerate(claims) if j != i and o.content and o.source != claim.source
                 and o.content.start <= claim.cue.start < o.content.end]
        via = min(outer, key=lambda j: claims[j].content.end - claims[j].content.start) if outer else None
        linked.append(Claim(claim.cue, claim.source, claim.content, claim.kind, claim.speaker, claim.side,
                            claim.channel, via, claim.sources, claim.contents))
    return linked
