"""Text-level helpers of the claims stage: quotations, paragraphs, datelines, trimming.

Character offsets in, character offsets out; nothing here needs the parse
except ``lead_in``, which asks where the quotation's sentence starts.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from wirewatch.claim_cues import doc_text, sentence_of

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


DATELINE = re.compile(r"(?:[A-Z0-9][\w.’']*,? ){1,4}(?:\([A-Z][\w .]*\) ?)?(?:--|[—―–-]) ")


def after_dateline(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A content opening its paragraph leaves out the dateline ("KYIV (Reuters) - ", "May 14 (UPI) -- ")."""
    if span[0] > 0 and text[span[0] - 1] != "\n":
        return span
    found = DATELINE.match(text, span[0], span[1])
    return (found.end(), span[1]) if found and found.end() < span[1] - 3 else span
