"""Fetching URLs: a replaceable seam, so tests run offline with a fake fetcher."""

from __future__ import annotations

import urllib.robotparser
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import urlsplit

from wirewatch import __version__

USER_AGENT = f"wirewatch/{__version__} (+https://github.com/wirewatch/wirewatch)"


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


@dataclass
class HttpFetcher:
    """httpx with a timeout, a clear user agent and robots.txt respected."""

    timeout: float = 20.0
    _robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)

    def fetch(self, url: str) -> FetchResult:
        import httpx

        with httpx.Client(timeout=self.timeout, follow_redirects=True,
                          headers={"User-Agent": USER_AGENT}) as client:
            if not self._allowed(client, url):
                raise FetchRefused("disallowed by robots.txt")
            try:
                response = client.get(url)
            except httpx.HTTPError as exc:
                raise FetchRefused(f"fetch failed: {exc}") from exc
        if response.status_code != 200:
            raise FetchRefused(f"HTTP {response.status_code}")
        return FetchResult(str(response.url), response.status_code,
                           response.headers.get("content-type", ""), response.content)

    def _allowed(self, client, url: str) -> bool:
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self._robots:
            parser = urllib.robotparser.RobotFileParser()
            try:
                response = client.get(host + "/robots.txt")
                parser.parse(response.text.splitlines() if response.status_code == 200 else [])
            except Exception:  # noqa: BLE001 - no robots.txt reachable: nothing is forbidden
                parser.parse([])
            self._robots[host] = parser
        return self._robots[host].can_fetch(USER_AGENT, url)
