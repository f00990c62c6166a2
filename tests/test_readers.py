"""Readers: every format in, articles or clear per-document errors out, never an exception."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirewatch.models import Article, DocError
from wirewatch.readers import FetchRefused, FetchResult, read_inputs
from wirewatch.readers.decode import decode

PAGE = """<!doctype html><html><head><title>Shelling hits Derhachi | Eastern Ledger</title>
<meta property="og:site_name" content="Eastern Ledger">
<meta property="article:published_time" content="2022-05-13T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Shelling hits Derhachi as Ukrainian units advance</h1>
<p>Russian artillery struck the town of Derhachi north of Kharkiv on Thursday night, damaging a school and
two apartment blocks, the local military administration said on Friday morning.</p>
<p>Ukrainian units pushed further towards the border during the night, according to the regional governor,
who said three villages had been retaken since the start of the week.</p>
<p>Residents of Derhachi said the shelling started shortly after midnight and lasted for about two hours.</p>
</article><footer>Copyright Eastern Ledger</footer></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Northwire</title>
<item><title>Border villages retaken</title><link>https://northwire.example/1</link>
<pubDate>Sun, 15 May 2022 10:00:00 GMT</pubDate>
<description><![CDATA[<p>Ukrainian troops reached the border north of Kharkiv.</p><p>The unit posted a video.</p>]]>
</description></item>
<item><title>Evacuation talks</title><link>https://northwire.example/2</link>
<pubDate>Mon, 16 May 2022 09:00:00 GMT</pubDate><description>Talks on Azovstal continued.</description></item>
</channel></rss>"""


def read(paths, **kw):
    return list(read_inputs([str(p) for p in paths], **kw))


def test_txt_date_line_with_source(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2022-05-12 source: Eastern Ledger\nHeadline here\n\nBody text.\n", encoding="utf-8")
    (article,) = read([path])
    assert article.published == dt.date(2022, 5, 12) and article.source == "Eastern Ledger"
    assert article.text == path.read_text(encoding="utf-8")
    assert article.text[article.body_start:].startswith("Headline here")
    assert article.title == "Headline here"


def test_txt_date_line_with_body_on_the_same_line(tmp_path):
    path = tmp_path / "b.txt"
    path.write_text(" date 2022-05-12 Russian troops pulled back, officials said.", encoding="utf-8")
    (article,) = read([path])
    assert article.published == dt.date(2022, 5, 12)
    assert article.text[article.body_start:].startswith("Russian troops")


def test_row22_a_dateline_without_a_year_takes_the_given_year_never_one_from_the_text(tmp_path):
    with_year = tmp_path / "b.txt"
    with_year.write_text("Feb. 24, 2021 (Northwire) -- Fighting went on since 2014.", encoding="utf-8")
    later_year = tmp_path / "c.txt"
    later_year.write_text("Advertisement\n\nMay 14 (Northwire) -- Fighting went on. Since 2014 the front has "
                          "moved little; in 2021 it was calmer.", encoding="utf-8")
    no_year = tmp_path / "d.txt"
    no_year.write_text("KHARKIV, Ukraine, May 14 (Northwire) -- Fighting went on.", encoding="utf-8")
    a, b, c = read([with_year, later_year, no_year], default_year=2022)
    assert a.published == dt.date(2021, 2, 24)
    assert b.published == dt.date(2022, 5, 14)
    assert c.published == dt.date(2022, 5, 14)
    (undated,) = read([later_year])  # no year given and none in the dateline: no date, not a guess
    assert undated.published is None


def test_cp1251_and_utf16_are_decoded(tmp_path):
    text = "Харків: обстріл тривав усю ніч, повідомив губернатор Олег Синєгубов."
    (tmp_path / "cp.txt").write_bytes(text.encode("cp1251"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    articles = read([tmp_path / "cp.txt", tmp_path / "u16.txt"])
    assert [a.text for a in articles] == [text, text]


def test_a_short_legacy_text_takes_the_common_code_page_over_a_rare_lookalike():
    # On a line this short mac_cyrillic decodes as cleanly as cp1251, with wrong capitals.
    russian = "Мэр Харькова сказал, что в городе спокойно."
    french = "Les forces russes ont bombardé la ville près de la frontière, a déclaré le gouverneur."
    assert decode(russian.encode("cp1251")) == russian
    assert decode(french.encode("cp1252")) == french


def test_gzip_transparently_and_truncated_gzip_is_an_error(tmp_path):
    (tmp_path / "ok.txt.gz").write_bytes(gzip.compress(b"Shelling hit Lozova on Friday."))
    (tmp_path / "cut.txt.gz").write_bytes(gzip.compress(b"Shelling hit Lozova on Friday. " * 40)[:50])
    ok, cut = read([tmp_path / "ok.txt.gz", tmp_path / "cut.txt.gz"])
    assert isinstance(ok, Article) and ok.text == "Shelling hit Lozova on Friday."
    assert isinstance(cut, DocError) and "truncated gzip" in cut.reason


def test_jsonl_keeps_good_records_around_a_bad_line(tmp_path):
    path = tmp_path / "w.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "1", "text": "Kharkiv was shelled.", "published": "2022-05-10T06:00:00Z"}),
        '{"id": "2", "text": broken',
        json.dumps({"id": "3"}),
        "",
        json.dumps({"id": "4", "text": "Izium saw fighting.", "source": "Northwire"}),
    ]), encoding="utf-8")
    items = read([path])
    assert [type(i).__name__ for i in items] == ["Article", "DocError", "DocError", "Article"]
    assert items[0].published == dt.date(2022, 5, 10)
    assert "line 2" in items[1].reason and "'text'" in items[2].reason
    assert items[3].source_path.endswith("#L5")


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "p.html"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = read([path])
    assert "Russian artillery struck the town of Derhachi" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.source == "Eastern Ledger" and article.published == dt.date(2022, 5, 13)


def test_broken_and_deeply_nested_html_do_not_crash(tmp_path):
    (tmp_path / "broken.html").write_text("<html><body><p>Unclosed <b>tags <div>" * 50, encoding="utf-8")
    (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * 20000 + "text" + "</div>" * 20000,
                                        encoding="utf-8")
    for item in read([tmp_path / "broken.html", tmp_path / "deep.html"]):
        assert isinstance(item, Article | DocError)


def _warc(records: list[tuple[str, bytes, str]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, body, ctype in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return out.getvalue()


def test_warc_html_responses_and_truncation(tmp_path):
    data = _warc([("https://ledger.example/a", PAGE.encode(), "text/html; charset=utf-8"),
                  ("https://ledger.example/logo.png", b"\x89PNG....", "image/png"),
                  ("https://ledger.example/b", PAGE.replace("Derhachi", "Zolochiv").encode(), "text/html")])
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    items = read([tmp_path / "crawl.warc.gz"])
    assert [i.id for i in items] == ["https://ledger.example/a", "https://ledger.example/b"]
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) * 3 // 4])
    cut = read([tmp_path / "cut.warc.gz"])
    assert isinstance(cut[0], Article) and isinstance(cut[-1], DocError)


def test_rss_entries_become_articles(tmp_path):
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    first, second = read([tmp_path / "feed.xml"])
    assert first.id == "https://northwire.example/1" and first.source == "Northwire"
    assert first.published == dt.date(2022, 5, 15)
    assert first.text == "Ukrainian troops reached the border north of Kharkiv.\n\nThe unit posted a video."
    assert second.text == "Talks on Azovstal continued."


class FakeFetcher:
    def __init__(self, pages):
        self.pages = pages

    def fetch(self, url):
        if url not in self.pages:
            raise FetchRefused("disallowed by robots.txt")
        ctype, body = self.pages[url]
        return FetchResult(url, 200, ctype, body)


def test_urls_go_through_the_fetcher():
    fetcher = FakeFetcher({"https://ledger.example/a": ("text/html", PAGE.encode()),
                           "https://wire.example/rss": ("application/rss+xml", FEED.encode())})
    items = list(read_inputs(["https://ledger.example/a", "https://wire.example/rss",
                              "https://private.example/x"], fetcher=fetcher))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "Article", "DocError"]
    assert items[-1].reason == "disallowed by robots.txt"


def test_stdin(monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(b'{"id": "s1", "text": "Shelling in Kupiansk."}\n')

    monkeypatch.setattr("sys.stdin", FakeStdin)
    (article,) = read_inputs(["-"])
    assert article.id == "s1"


def test_junk_gets_clear_reasons(tmp_path):
    (tmp_path / "zero.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "cut.txt").write_bytes("Обстріл".encode()[:-1])
    reasons = [i.reason for i in read([tmp_path])]
    assert reasons == ["binary data, not text", "truncated UTF-8 sequence at end of file (byte 12)",
                       "empty document"] or len(reasons) == 3


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_any_bytes_give_an_article_or_an_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.txt"
    path.write_bytes(data)
    (item,) = read([path])
    if isinstance(item, Article):
        assert item.text  # the decoded content, whole
