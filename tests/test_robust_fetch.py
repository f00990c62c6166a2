"""Fetching under hostile servers: redirects, robots.txt on every host, private addresses, slow drips, bombs.

Most tests answer through an httpx MockTransport with a fake name resolver (offline); the slow drip and the
Content-Encoding bomb are served by a real local socket, so httpx's own reading is what gets bounded.
"""

from __future__ import annotations

import gzip
import http.server
import threading
import time
import zlib

import httpx
import pytest

from wirewatch.readers import read_inputs
from wirewatch.readers.fetch import FetchRefused, HttpFetcher

PAGE = (b"<!doctype html><html><head><title>Shelling hits Derhachi</title></head><body><article>"
        b"<h1>Shelling hits Derhachi</h1><p>Russian artillery struck the town of Derhachi north of Kharkiv on "
        b"Thursday night, damaging a school, the local military administration said on Friday.</p>"
        b"</article></body></html>")
PUBLIC = {"news.example": ["93.184.216.34"], "other.example": ["93.184.216.35"], "cdn.example": ["93.184.216.36"],
          "intranet.example": ["10.0.0.7"], "metadata.example": ["169.254.169.254"], "self.example": ["127.0.0.1"]}


def _fetcher(routes: dict, **kwargs) -> tuple[HttpFetcher, list[str]]:
    """A fetcher over ``routes``: url -> (status, headers, body); every request is logged."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        seen.append(url)
        status, headers, body = routes.get(url, (404, {}, b""))
        return httpx.Response(status, headers=headers, stream=httpx.ByteStream(body))

    fetcher = HttpFetcher(transport=httpx.MockTransport(handler), resolve=lambda host: PUBLIC.get(host, []),
                          **kwargs)
    return fetcher, seen


HTML = {"content-type": "text/html"}


def test_row7_robots_txt_of_the_redirect_target_is_checked():
    fetcher, seen = _fetcher({
        "https://news.example/robots.txt": (200, {}, b"User-agent: *\nAllow: /\n"),
        "https://news.example/a": (302, {"location": "https://other.example/private/a"}, b""),
        "https://other.example/robots.txt": (200, {}, b"User-agent: *\nDisallow: /private/\n"),
        "https://other.example/private/a": (200, HTML, PAGE),
    })
    with pytest.raises(FetchRefused, match="robots.txt"):
        fetcher.fetch("https://news.example/a")
    assert "https://other.example/robots.txt" in seen and "https://other.example/private/a" not in seen


def test_row7_a_redirect_to_an_allowed_page_is_fetched_from_where_it_landed():
    fetcher, _ = _fetcher({
        "https://news.example/robots.txt": (404, {}, b""),
        "https://news.example/a": (301, {"location": "https://cdn.example/story/a"}, b""),
        "https://cdn.example/robots.txt": (200, {}, b"User-agent: *\nDisallow: /private/\n"),
        "https://cdn.example/story/a": (200, HTML, PAGE),
    })
    page = fetcher.fetch("https://news.example/a")
    assert page.url == "https://cdn.example/story/a" and page.content == PAGE


@pytest.mark.parametrize("status", [500, 503])
def test_row7_a_5xx_on_robots_txt_disallows_everything(status):
    fetcher, seen = _fetcher({"https://news.example/robots.txt": (status, {}, b""),
                              "https://news.example/a": (200, HTML, PAGE)})
    with pytest.raises(FetchRefused, match="robots.txt"):
        fetcher.fetch("https://news.example/a")
    assert seen == ["https://news.example/robots.txt"]


def test_row7_wildcard_rules_are_honoured():
    fetcher, _ = _fetcher({
        "https://news.example/robots.txt": (200, {}, b"User-agent: wirewatch\nDisallow: /*.php$\nDisallow: /*?print\n"),
        "https://news.example/story.php": (200, HTML, PAGE), "https://news.example/story?print=1": (200, HTML, PAGE),
        "https://news.example/story": (200, HTML, PAGE)})
    for url in ("https://news.example/story.php", "https://news.example/story?print=1"):
        with pytest.raises(FetchRefused, match="robots.txt"):
            fetcher.fetch(url)
    assert fetcher.fetch("https://news.example/story").content == PAGE


@pytest.mark.parametrize("target", ["http://intranet.example/admin", "http://metadata.example/latest/",
                                    "http://self.example:8000/api/articles/1", "http://127.0.0.1:6379/",
                                    "http://[::1]/", "file:///etc/passwd"])
def test_row7_redirects_to_private_addresses_are_refused_unless_allowed(target):
    routes = {"https://news.example/robots.txt": (404, {}, b""),
              "https://news.example/a": (302, {"location": target}, b""),
              target: (200, HTML, PAGE)}
    fetcher, seen = _fetcher(routes)
    with pytest.raises(FetchRefused, match="refused"):
        fetcher.fetch("https://news.example/a")
    assert target not in seen
    if target.startswith("http"):
        allowed, _ = _fetcher({**routes, target.split("/", 3)[0] + "//" + target.split("/")[2] + "/robots.txt":
                               (404, {}, b"")}, allow_private=True)
        assert allowed.fetch("https://news.example/a").content == PAGE


def test_row4_a_content_encoding_bomb_is_stopped_at_the_budget():
    bomb = gzip.compress(b"\0" * (32 * 2**20), 9)  # 32 MB in about 32 KB: 32 times the budget
    fetcher, _ = _fetcher({"https://news.example/robots.txt": (404, {}, b""),
                           "https://news.example/a": (200, {**HTML, "content-encoding": "gzip"}, bomb)},
                          max_bytes=2**20)
    with pytest.raises(FetchRefused, match="too large"):
        fetcher.fetch("https://news.example/a")
    small, _ = _fetcher({"https://news.example/robots.txt": (404, {}, b""),
                         "https://news.example/a": (200, {**HTML, "content-encoding": "gzip"}, gzip.compress(PAGE))})
    assert small.fetch("https://news.example/a").content == PAGE
    deflated, _ = _fetcher({"https://news.example/robots.txt": (404, {}, b""),
                            "https://news.example/a": (200, {**HTML, "content-encoding": "deflate"},
                                                       zlib.compress(PAGE))})
    assert deflated.fetch("https://news.example/a").content == PAGE


class _Drip(http.server.BaseHTTPRequestHandler):
    """Answers robots.txt at once; any page one byte every 0.3 s (within every per-read timeout)."""

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/robots.txt":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for byte in PAGE * 10:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.3)
        except OSError:
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def drip_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Drip)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_row11_a_server_dripping_bytes_is_cut_off_at_the_total_deadline(drip_server):
    fetcher = HttpFetcher(timeout=5, deadline=1.5)
    start = time.monotonic()
    items = list(read_inputs([drip_server + "/story"], fetcher=fetcher))
    took = time.monotonic() - start
    assert took < 4, took
    (error,) = items
    assert error.stage == "fetch" and "longer than 1.5 s" in error.reason
