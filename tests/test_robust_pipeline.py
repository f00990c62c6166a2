"""The per-document stage under hostile documents: each fails alone, none holds up or sinks a run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wirewatch.clean import find_boilerplate
from wirewatch.limits import MAX_SENTENCE_CHARS
from wirewatch.models import Article, DocResult
from wirewatch.nlp.pieces import cut_points
from wirewatch.pipeline import DocumentTimeout, Extractor, spans_of, time_limit
from wirewatch.readers import read_inputs
from wirewatch.store import Store

GOOD = "Russian artillery shelled Chuhuiv on Tuesday, killing three people, the regional governor said."
LONG_TESTS = pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("WIREWATCH_LONG_TESTS")),
                                reason="long test (a 990,000-character document): runs in CI (CI=true) or with "
                                       "WIREWATCH_LONG_TESTS=1")
PEAK_MB = 1500  # measured 586 MB (model included) for 990,000 characters in one sentence; 4,587 MB before


@pytest.mark.slow
def test_row1_lone_surrogates_cost_nothing_and_good_documents_around_them_are_stored(tmp_path, extractor):
    (tmp_path / "a.jsonl").write_text("\n".join([
        json.dumps({"id": "before", "text": GOOD}),
        '{"id": "lone\\ud800", "text": "Shelling hit Izium \\ud800 on Monday, officials said.", "title": "\\udfff"}',
        json.dumps({"id": "after", "text": GOOD.replace("Chuhuiv", "Balakliia")})]) + "\n", encoding="utf-8")
    (tmp_path / "b.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire &#55296;</title><item><title>x&#55296;</title>'
        "<link>https://wire.example/1</link><description>Shelling hit Kupiansk &#55296; on Sunday, officials said."
        "</description></item></channel></rss>", encoding="utf-8")
    items = list(extractor.process(read_inputs([str(tmp_path)])))
    assert [type(i).__name__ for i in items] == ["DocResult"] * 4
    with Store(tmp_path / "s.duckdb") as store:
        run = store.begin_run("test", [])
        assert [store.add_result(i, run) for i in items] == [True] * 4
        ids = [r[0] for r in store.con.execute("SELECT doc_id FROM articles ORDER BY article_id").fetchall()]
    assert ids == ["before", "lone\ufffd", "after", "https://wire.example/1"]
    lone = items[1].article
    assert "\ufffd" in lone.text and len(lone.text) == len("Shelling hit Izium \ud800 on Monday, officials said.")


class _Slow:
    """The real pipeline, except that a document containing ``SLOW`` takes 30 s."""

    def __init__(self, nlp) -> None:
        self.nlp, self.max_length = nlp, nlp.max_length

    def make_doc(self, text):
        return self.nlp.make_doc(text)

    def __call__(self, doc):
        if "SLOW" in doc.text:
            time.sleep(30)
        return self.nlp(doc)

    def pipe(self, docs, batch_size=16):
        for doc in docs:
            yield self(doc)


@pytest.mark.slow
def test_row5_a_document_over_its_time_budget_fails_alone(extractor, monkeypatch):
    import wirewatch.pipeline

    monkeypatch.setattr(wirewatch.pipeline, "DOCUMENT_DEADLINE_S", 1.0)
    slow = Extractor(nlp=_Slow(extractor.nlp))
    articles = [Article(id="a", text=GOOD), Article(id="slow", text="SLOW " + GOOD), Article(id="c", text=GOOD)]
    start = time.monotonic()
    results = list(slow.process(articles))
    assert time.monotonic() - start < 15
    assert [type(r).__name__ for r in results] == ["DocResult", "DocError", "DocResult"]
    assert "took longer than 1 s" in results[1].reason and results[1].id == "slow"


def test_time_limit_interrupts_and_restores():
    start = time.monotonic()
    with pytest.raises(DocumentTimeout):
        with time_limit(0.2):
            while True:
                pass
    with time_limit(5):  # a block that ends in time leaves no timer behind
        pass
    time.sleep(0.3)
    assert time.monotonic() - start < 2


@pytest.mark.slow
def test_a_failure_while_preparing_one_document_costs_that_document_only(extractor, monkeypatch):
    import wirewatch.pipeline

    def fragile(text, body_start=0):
        if "BREAK" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return find_boilerplate(text, body_start)

    monkeypatch.setattr(wirewatch.pipeline, "find_boilerplate", fragile)
    results = list(extractor.process([Article(id="a", text=GOOD), Article(id="b", text="BREAK " + GOOD),
                                      Article(id="c", text=GOOD)]))
    assert [type(r).__name__ for r in results] == ["DocResult", "DocError", "DocResult"]
    assert "RecursionError" in results[1].reason


def _one_sentence(chars: int) -> str:
    unit = "Russian forces shelled the village of Izium near Kharkiv, killing three civilians and wounding two, "
    return (unit * (chars // len(unit) + 1))[:chars] + "."


@pytest.mark.slow
def test_row5_a_25000_character_sentence_takes_seconds_and_is_cut_into_bounded_sentences(extractor):
    text = _one_sentence(25_000)
    start = time.monotonic()
    (result,) = extractor.process([Article(id="long", text=text)])
    assert isinstance(result, DocResult) and time.monotonic() - start < 15
    doc = extractor.nlp(extractor._make_doc(Article(id="long", text=text), ()))
    assert max(len(s.text) for s in doc.sents) <= MAX_SENTENCE_CHARS + 100
    assert all(text[p.span.start:p.span.end] == p.span.text for p in result.places)  # offsets untouched


@pytest.mark.slow
def test_row5_110000_characters_of_event_clauses_without_a_full_stop_take_seconds_not_half_a_minute(extractor):
    # each of the 2,000 clauses is an event: the stages read the document's text once, not once per event
    text = "Mali's army killed men in the rural town of Moura, and " * 2000
    start = time.monotonic()
    (result,) = extractor.process([Article(id="clauses", text=text)])
    assert isinstance(result, DocResult) and time.monotonic() - start < 15  # 7 s measured; 31 s before
    assert all(text[e.evidence.start:e.evidence.end] == e.evidence.text for e in result.events)


@pytest.mark.slow
def test_a_long_document_is_processed_in_pieces_with_offsets_into_the_whole(extractor, monkeypatch):
    import wirewatch.pipeline

    paragraphs = [f"Russian artillery shelled {town} on Tuesday, killing {n} people, the regional governor said. "
                  f"\"We will rebuild,\" the mayor of {town} said on Wednesday."
                  for n, town in enumerate(["Chuhuiv", "Izium", "Balakliia", "Kupiansk", "Derhachi"], start=2)]
    text = "\n\n".join(paragraphs)
    (whole,) = extractor.process([Article(id="whole", text=text)])
    monkeypatch.setattr(wirewatch.pipeline, "PIECE_CHARS", 300)  # about two paragraphs a piece
    (pieced,) = extractor.process([Article(id="pieced", text=text)])
    assert isinstance(pieced, DocResult) and pieced.article.text == text
    for fact in (*pieced.places, *pieced.dates, *pieced.entities, *pieced.claims, *pieced.events):
        assert all(text[s.start:s.end] == s.text for s in spans_of(fact))
    assert {p.span.text for p in pieced.places} == {p.span.text for p in whole.places}
    assert len(pieced.claims) == len(whole.claims) and len(pieced.events) >= 1
    assert all(e.claim is None or pieced.claims[e.claim].content.start <= e.evidence.end for e in pieced.events)


@pytest.mark.slow
@LONG_TESTS
def test_row5_a_990000_character_document_stays_bounded_in_memory():
    # The document's own peak: the model and the gazetteer (built on first use when the cache is cold, as in
    # CI) are loaded by a small document first, then the kernel's peak-RSS mark is reset (clear_refs 5).
    if not Path("/proc/self/clear_refs").exists():
        pytest.skip("needs Linux's /proc/self/clear_refs to reset the peak resident size")
    text = _one_sentence(990_000)
    script = ("import re, sys; from wirewatch.pipeline import Extractor; from wirewatch.models import Article; "
              "x = Extractor(); list(x.process([Article(id='warm', text='Shelling hit Kharkiv on Monday.')])); "
              "f = open('/proc/self/clear_refs', 'w'); f.write('5'); f.close(); "
              "(r,) = x.process([Article(id='big', text=sys.stdin.read())]); "
              "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
              "print(type(r).__name__, int(hwm) // 1024)")
    out = subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True, timeout=900,
                         check=True)
    kind, peak_mb = out.stdout.split()
    assert kind == "DocResult" and int(peak_mb) < PEAK_MB, out.stdout


def test_row6_boilerplate_is_linear_in_a_line_of_brackets_or_spaces():
    for line in ("(" * 16_000, "a" + " " * 16_000 + "b", "Photo by " + "(" * 16_000, "x. Credit: " + " (" * 8000):
        start = time.monotonic()
        find_boilerplate(line + "\n" + line)
        assert time.monotonic() - start < 0.5, line[:20]


def test_row6_a_32kb_file_of_brackets_reads_in_well_under_a_second(tmp_path):
    (tmp_path / "brackets.txt").write_text(("(" * 16_000 + "\n") * 2, encoding="utf-8")
    start = time.monotonic()
    (article,) = read_inputs([str(tmp_path / "brackets.txt")])
    find_boilerplate(article.text)  # the per-document stage's first step
    assert time.monotonic() - start < 1.0


def test_cut_points_cover_the_text_in_bounded_pieces_cut_at_paragraphs():
    text = "\n\n".join(f"Paragraph {i} " + "word " * (i * 7 % 40) for i in range(400))
    pieces = cut_points(text, 1000)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))  # no gap, no overlap
    assert all(end - start <= 1000 for start, end in pieces)
    assert all(text[start:start + 9] == "Paragraph" for start, _ in pieces)
    assert cut_points("x" * 2500, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]  # no break anywhere


def test_joined_pieces_move_spans_and_renumber_claim_references():
    from wirewatch.models import Claim, Span
    from wirewatch.nlp.pieces import joined

    text = "A said x. B said y."
    first, second = text[:10], text[10:]

    def claim(piece: str, via: int | None) -> Claim:
        return Claim(cue=Span.of(piece, 2, 6), source=Span.of(piece, 0, 1), content=Span.of(piece, 7, 8),
                     kind="direct", via=via)

    whole = joined(Article(id="a", text=text), (), [(0, DocResult(Article(id="a", text=first), claims=(claim(first, None),))),
                                                    (10, DocResult(Article(id="a", text=second), claims=(claim(second, 0),)))])
    assert [c.cue.start for c in whole.claims] == [2, 12] and whole.claims[1].via == 1
    assert all(text[s.start:s.end] == s.text for c in whole.claims for s in spans_of(c))
