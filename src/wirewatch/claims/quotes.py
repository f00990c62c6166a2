"""Text-level parts of the claims stage: quotations, paragraphs, datelines, headline
and signed quotes, and the draft claims the stage assembles.

Character offsets in, character offsets out; the parse is consulted only for
sentence bounds and for the head token a speaker is resolved from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from wirewatch.claims.cues import sentence_of
from wirewatch.claims.lexicon import word_list
from wirewatch.dates import dateline_at
from wirewatch.nlp import doc_text

OPEN_QUOTES = "\"“«"
CLOSE_FOR = {"“": "”\"", "\"": "\"”", "«": "»"}


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quotations with their marks; one opened and never closed runs to the end of its paragraph."""
    spans: list[tuple[int, int]] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        p_start, line = paragraph.start(), paragraph.group(0)
        i = 0
        while i < len(line):
            if line.startswith("''", i) or line.startswith("``", i):
                close = line.find("''", i + 2)
                end = len(line.rstrip()) if close < 0 else close + 2
            elif line[i] in OPEN_QUOTES:
                closers = CLOSE_FOR[line[i]]
                ends = [j for j in (line.find(c, i + 1) for c in closers) if j >= 0]
                end = len(line.rstrip()) if not ends else min(ends) + 1
            else:
                i += 1
                continue
            if end - i > 2:
                spans.append((p_start + i, p_start + end))
            i = max(end, i + 1)
    return spans


def quote_at(quotes: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [q for q in quotes if q[0] < end and q[1] > start]


def inside(offset: int, quotes: list[tuple[int, int]]) -> bool:
    return any(s < offset < e - 1 for s, e in quotes)


def to_closing_quote(text: str, quotes: list[tuple[int, int]], content: tuple[int, int]) -> tuple[int, int]:
    """A content ending inside a quotation's last punctuation ('... routes."') takes the closing mark."""
    for q in quotes:
        if content[0] < q[0] < content[1] < q[1] <= content[1] + 3 and not re.search(r"\w", text[content[1]:q[1]]):
            return content[0], q[1]
    return content


def lead_in(doc: Doc, quote: tuple[int, int]) -> int | None:
    """Where the sentence starts when words of its own come before the quotation, else None."""
    text = doc_text(doc)
    token = doc.char_span(quote[0], quote[1], alignment_mode="expand")
    if token is None or not len(token):
        return None
    start = sentence_of(token[0])[0]
    lead = text[start:quote[0]]
    if not re.search(r"[A-Za-z]", lead) or re.search(r"[\"“”:]|\n", lead) or len(lead.split()) > 25:
        return None
    return start + len(lead) - len(lead.lstrip())


def is_mixed(quotes: list[tuple[int, int]], content: tuple[int, int] | None) -> bool:
    """A paraphrase holding quoted words (of any length) without being a quotation itself."""
    return content is not None and any(content[0] <= q[0] and q[1] <= content[1] + 1 for q in quotes) and \
        not any(q[0] <= content[0] and content[1] <= q[1] for q in quotes)


def only_glue(text: str, start: int, end: int) -> bool:
    return start <= end and re.fullmatch(r"[\s,:;.\-–—]*", text[start:end]) is not None


def paragraph(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    chunk = text[start:end]
    left = len(chunk) - len(chunk.lstrip(" ,;:—–-\n"))
    right = len(chunk.rstrip(" ,;:.—–-\n"))
    if right - left < 3:
        return None
    return start + left, start + right


def dateline_end(text: str, offset: int) -> int:
    """Where the dateline opening the paragraph of ``offset`` ends ("KYIV, May 3 (Reuters) - "), else the
    paragraph's start: a dateline is never a source, a speaker or part of a content."""
    start, end = paragraph(text, offset)
    found = dateline_at(text, start, end)  # the one dateline parser, shared with the readers
    return found.end if found else start


def after_dateline(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A content opening its paragraph leaves out the dateline ("KYIV (Reuters) - ", "May 14 (UPI) -- ")."""
    if span[0] > 0 and text[span[0] - 1] != "\n":
        return span
    end = dateline_end(text, span[0])
    return (end, span[1]) if span[0] < end < span[1] - 3 else span


# "Zelenskyy: Russia Will Pay", "Kharkiv governor on shelling: “We are ready”", a transcript's "TRUMP: ..."
HEADLINE = re.compile(r"(?P<source>[A-Z][\w.’'@&-]*(?:[ \t]+[A-Z&][\w.’'@&-]*){0,4})"
                      r"(?:[ \t]+(?:[Tt]o|[Oo]n|[Aa]bout|[Ii]n)[ \t]+[^:\n]{1,50})?:[ \t\xa0]*(?P<content>[^\s][^\n]+)")
LABELS = word_list("page_labels")  # "UPDATE:", "WATCH:": page furniture, not speakers


def headline_claims(doc: Doc, taken: set[int]) -> list[Draft]:
    """A line opening with a name and a colon quotes that name (cue: the colon)."""
    text = doc_text(doc)
    found = []
    for line in re.finditer(r"[^\n]+", text):
        m = HEADLINE.match(text, dateline_end(text, line.start()), line.end())  # "KYIV (Reuters) - Zelenskyy: ..."
        if m is None or m.start("content") >= line.end():
            continue
        words = m.group("source").split()
        if {words[0].lower().strip(".’'"), words[-1].lower().strip(".’'")} & LABELS \
                or any(ch.isdigit() for ch in m.group("source")) or _is_place_dateline(doc, m.span("source")) \
                or _is_title_words(doc, m.span("source")):
            continue  # "Editor's Note:", "Last Updated:", "KHARTOUM:", "Tragic Attack: ..."
        colon = text.index(":", m.end("source"))
        if colon in taken:
            continue
        end = line.end()
        while end > m.start("content") and text[end - 1] in " .\t":
            end -= 1
        if len(text[m.start("content"):end].split()) < 3:
            continue
        head = doc.char_span(m.start("source"), m.end("source"), alignment_mode="expand")
        subject = head.root if head is not None and len(head) else None
        found.append(make_draft(text, (colon, colon + 1), [(m.start("source"), m.end("source"))],
                            [(m.start("content"), end)], "direct" if text[m.start("content")] in OPEN_QUOTES + "‘"
                            else "indirect", subject=subject))
    return found


def _is_place_dateline(doc: Doc, span: tuple[int, int]) -> bool:
    """"KHARTOUM: More than 100 ...": a place written in capitals before a colon is where the story was filed
    (the dateline form with a colon, which the dateline parser leaves to the text), not a speaker."""
    if not doc_text(doc)[span[0]:span[1]].isupper():
        return False
    places = doc._.ww_places if Doc.has_extension("ww_places") and doc._.ww_places else ()
    return any(p.span.start <= span[0] and span[1] <= p.span.end for p in places) or \
        any(e.label_ in ("GPE", "LOC") and e.start_char <= span[0] and span[1] <= e.end_char for e in doc.ents)


def _is_title_words(doc: Doc, source: tuple[int, int]) -> bool:
    """"Tragic Attack: Children Among Victims", "The Latest: ...": two or more words in title case before a
    headline's colon name no speaker unless the recogniser finds exactly a name there ("Pat Caddell: ..."; it
    takes "Tragic Attack:" with its colon for a person)."""
    words = doc_text(doc)[source[0]:source[1]].split()
    if len(words) < 2 or sum(w[0].isupper() for w in words) < len(words) - 1 or all(w.isupper() for w in words):
        return False
    return not any(e.start_char == source[0] and e.end_char == source[1] and e.label_ in ("PERSON", "ORG", "NORP",
                                                                                          "GPE") for e in doc.ents)


# ---------------------------------------------------------------- assembling

# "“... How did we get this low?” ― Jane Doe": a quotation signed on its own line or after its closing mark
SIGNATURE = re.compile(r"(?m)(?:^|(?<=[”\"’?!.]))[ \t\xa0]*(?P<dash>[―—–]|^-)[ \t\xa0]*"
                       r"(?P<name>[A-Z][\w.’'-]*(?:[ \t]+(?:[A-Z][\w.’'-]*|\(@\w+\))){0,4})")


def signed_quotes(doc: Doc) -> list[Draft]:
    text = doc_text(doc)
    found = []
    for m in SIGNATURE.finditer(text):
        before = text[:m.start()].rstrip(" \t\xa0\n")
        if not before or before[-1] not in "”\"’" or text[m.start():m.start("dash")].count("\n") > 2:
            continue
        start = max(before.rfind("\n") + 1, 0)  # the quoted line or paragraph just before
        if len(before[start:].split()) < 3:
            continue
        name = m.group("name").rstrip(".")
        head = doc.char_span(m.start("name"), m.start("name") + len(name), alignment_mode="expand")
        found.append(make_draft(text, (m.start("dash"), m.end("dash")), [(m.start("name"), m.start("name") + len(name))],
                            [(start, len(before))], "direct", subject=head.root if head is not None and len(head)
                            else None))
    return found


@dataclass(slots=True)
class Draft:
    """A claim being assembled: character spans plus the source's head token for speaker resolution."""

    cue: tuple[int, int]
    sources: list[tuple[int, int]]
    contents: list[tuple[int, int]]
    kind: str
    subject: Token | None = None
    reach: int = 0  # where the reporting clause ends ("she said on Tuesday.")


def make_draft(text: str, cue: tuple[int, int], sources: list[tuple[int, int]], contents: list[tuple[int, int]],
           kind: str, subject: Token | None = None) -> Draft:
    return Draft(cue, sorted(sources), sorted(after_dateline(text, c) for c in contents), kind, subject)


def continued_quotes(text: str, drafts: list[Draft], quotes: list[tuple[int, int]],
                      used: set[tuple[int, int]]) -> None:
    """Quote sentences and paragraphs that carry on a direct claim join its contents (in place)."""
    for q in quotes:
        if q in used or len(text[q[0]:q[1]].split()) < 4:
            continue
        prior = [d for d in drafts if d.kind == "direct" and max(d.cue[1], d.contents[-1][1]) <= q[0]]
        if not prior:
            continue
        last = max(prior, key=lambda d: max(d.cue[1], d.contents[-1][1]))
        anchor = max(last.cue[1], last.contents[-1][1], last.reach if last.reach <= q[0] else 0)
        gap = text[anchor:q[0]]
        if any(anchor <= d.cue[0] < q[0] for d in drafts) or gap.count("\n") > 2 or re.search(r"\w", gap):
            continue
        last.contents.append(q)
        used.add(q)


def dedupe(drafts: list[Draft]) -> list[Draft]:
    seen: set[tuple[int, int]] = set()
    out = []
    for d in sorted(drafts, key=lambda d: (d.cue, d.contents)):
        if d.cue in seen:
            continue
        seen.add(d.cue)
        out.append(d)
    return out
