"""A bounded in-memory cache of whole GET responses, keyed by path and query string; security headers.

The app opens the store read-only and DuckDB keeps writers out while it is open, so an
answer cannot change while the server runs: caching it is safe. Only complete 200
answers are kept (errors and validation failures are recomputed), up to ``max_bytes``
in all, least recently used dropped first. Each server process has its own cache.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_ENTRY_BYTES = 4 * 2**20  # a bigger answer (the map's full event list) is rebuilt each time


class ResponseCache:
    def __init__(self, app: ASGIApp, max_bytes: int = 64 * 2**20) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.size = 0
        self.entries: OrderedDict[tuple[str, bytes], tuple[int, list, bytes]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or self.max_bytes <= 0:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
                self.hits += 1
        if found is not None:
            status, headers, body = found
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
            return
        self.misses += 1
        start: Message | None = None
        chunks: list[bytes] = []
        keep = scope["method"] == "GET"

        async def recording_send(message: Message) -> None:
            nonlocal start, keep
            if message["type"] == "http.response.start":
                start = message
                keep = keep and message["status"] == 200
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > MAX_ENTRY_BYTES:
                    keep, chunks[:] = False, []
                elif not message.get("more_body", False) and start is not None:
                    self._store(key, start["status"], list(start.get("headers", [])), b"".join(chunks))
            await send(message)

        await self.app(scope, receive, recording_send)

    def _store(self, key: tuple[str, bytes], status: int, headers: list, body: bytes) -> None:
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = (status, headers, body)
            self.size += len(body)
            while self.size > self.max_bytes and self.entries:
                _, (_, _, old) = self.entries.popitem(last=False)
                self.size -= len(old)


# The page loads its script and style from this server only and is never framed: injected markup
# could not run, and no other site can overlay it.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                 b"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, with_headers)
