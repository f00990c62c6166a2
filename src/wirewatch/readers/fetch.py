"""Fetching URLs: a replaceable seam, so tests run offline with a fake fetcher.

``HttpFetcher`` follows redirects itself, so that every host a fetch reaches is checked the same way:
its robots.txt (parsed by ``protego``, RFC 9309: a 5xx or an unreachable robots.txt disallows), and
its address (a redirect to a loopback, private or link-local address is refused unless allowed: a
public page must not make wirewatch read the local network). The body is read as a stream, decoded
(Content-Encoding) with a byte budget, within a total deadline per fetch: a server dripping one byte
every few seconds, or a small compression bomb, ends the fetch with a reason instead of holding it.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urljoin, urlsplit

from wirewatch import __version__
from wirewatch.limits import ALLOW_PRIVATE_FETCH, FETCH_DEADLINE_S, MAX_FETCH_BYTES

USER_AGENT = f"wirewatch/{__version__} (+https://github.com/wirewatch/wirewatch)"
ROBOTS_TOKEN = "wirewatch"
MAX_REDIRECTS = 5
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    status: int
    content_type: str
    content: bytes


class FetchRefused(Exception):
    """The page may not or could not be fetched; the message says why."""


class Fetcher(Protocol):
    def fetch(self, url: str) -> FetchResult: ...


def addresses(host: str) -> list[str]:
    """The IP addresses ``host`` resolves to (empty when it does not resolve)."""
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})
    except (OSError, UnicodeError):
        return []


def is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast \
        or ip.is_unspecified


@dataclass
class HttpFetcher:
    """httpx with a clear user agent, robots.txt respected on every host, and a budget per fetch."""

    timeout: float = 20.0  # seconds for connecting and for each read
    deadline: float = FETCH_DEADLINE_S  # seconds for the whole fetch: redirects, robots.txt and body
    max_bytes: int = MAX_FETCH_BYTES  # of the body once decoded
    allow_private: bool = ALLOW_PRIVATE_FETCH  # follow redirects to loopback, private, link-local addresses
    resolve: Callable[[str], list[str]] = addresses
    transport: object | None = None  # an httpx transport (tests)
    _robots: dict[str, object] = field(default_factory=dict)

    def fetch(self, url: str) -> FetchResult:
        import httpx

        until = time.monotonic() + self.deadline
        with httpx.Client(timeout=self.timeout, follow_redirects=False, transport=self.transport,
                          headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}) as client:
            for hop in range(MAX_REDIRECTS + 1):
                if hop:  # the user chose the first address; a server chose this one
                    self._check_address(url)
                if not self._allowed(client, url, until):
                    raise FetchRefused("disallowed by robots.txt")
                status, headers, body = self._get(client, url, until, self.max_bytes)
                if status in (301, 302, 303, 307, 308) and headers.get("location"):
                    url = urljoin(url, headers["location"])
                    continue
                if status != 200:
                    raise FetchRefused(f"HTTP {status}")
                return FetchResult(url, status, headers.get("content-type", ""), body)
        raise FetchRefused(f"more than {MAX_REDIRECTS} redirects")

    def _check_address(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchRefused(f"redirect to a non-web address refused: {url}")
        if self.allow_private:
            return
        try:
            found = [str(ipaddress.ip_address(parts.hostname))]
        except ValueError:  # a name, not an address literal
            found = self.resolve(parts.hostname)
        if any(is_private(a) for a in found):
            raise FetchRefused(f"redirect to a loopback, private or link-local address refused: {parts.hostname} "
                               "(set WIREWATCH_ALLOW_PRIVATE_FETCH=1 to allow)")

    def _get(self, client, url: str, until: float, budget: int) -> tuple[int, dict[str, str], bytes]:
        import httpx

        left = until - time.monotonic()
        if left <= 0:
            raise FetchRefused(f"fetch took longer than {self.deadline:g} s")
        try:
            with client.stream("GET", url, timeout=min(self.timeout, left)) as response:
                headers = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code != 200:
                    return response.status_code, headers, b""
                chunks = _before(response.iter_raw(), until, self.deadline)
                body = decoded(chunks, headers.get("content-encoding", ""), budget)
                return response.status_code, headers, body
        except httpx.HTTPError as exc:
            raise FetchRefused(f"fetch failed: {exc}") from exc

    def _allowed(self, client, url: str, until: float) -> bool:
        from protego import Protego

        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = Protego.parse(self._robots_txt(client, origin + "/robots.txt", until))
        return self._robots[origin].can_fetch(url, ROBOTS_TOKEN)

    def _robots_txt(self, client, url: str, until: float) -> str:
        """RFC 9309: a 4xx means no rules; a 5xx, or no answer, means everything is disallowed."""
        disallow_all = "User-agent: *\nDisallow: /\n"
        for hop in range(MAX_REDIRECTS + 1):
            try:
                if hop:
                    self._check_address(url)
                status, headers, body = self._get(client, url, until, MAX_ROBOTS_BYTES)
            except FetchRefused:
                return disallow_all
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                url = urljoin(url, headers["location"])
                continue
            if status == 200:
                return body.decode("utf-8", "replace")
            return "" if 400 <= status < 500 else disallow_all
        return disallow_all


def _before(chunks: Iterable[bytes], until: float, deadline: float) -> Iterator[bytes]:
    """``chunks`` while the deadline holds: a slow drip ends after the deadline plus one read at most."""
    for chunk in chunks:
        yield chunk
        if time.monotonic() > until:
            raise FetchRefused(f"fetch took longer than {deadline:g} s (server too slow)")


def decoded(chunks: Iterable[bytes], encoding: str, budget: int) -> bytes:
    """A body's raw chunks decoded (gzip, deflate or none) into at most ``budget`` bytes, or FetchRefused."""
    encoding = encoding.strip().lower()
    if encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
        raise FetchRefused(f"unsupported Content-Encoding {encoding!r}")
    inflater = None
    out = bytearray()
    for chunk in chunks:
        if encoding in ("", "identity"):
            out += chunk
        else:
            if inflater is None:  # "deflate" is zlib-wrapped by the RFC, raw in some servers
                wbits = 31 if "gzip" in encoding else 15 if chunk[:1] == b"\x78" else -15
                inflater = zlib.decompressobj(wbits=wbits)
            try:
                out += inflater.decompress(chunk, budget - len(out) + 1)
            except zlib.error as exc:
                raise FetchRefused(f"corrupt {encoding} body ({exc})") from exc
            if inflater.unconsumed_tail:
                raise FetchRefused(f"response too large (over {budget} bytes once decoded)")
        if len(out) > budget:
            raise FetchRefused(f"response too large (over {budget} bytes once decoded)")
    return bytes(out)
