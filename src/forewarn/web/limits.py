"""Request-size limit as plain ASGI middleware: bigger requests get 413 with a JSON error
(an HTML page when a browser posts a form).

The declared ``Content-Length`` is checked first; bodies sent without one (chunked) are
counted as they arrive and cut off at the limit. Before answering 413 the rest of the body
is read and dropped (up to :data:`DISCARD_BYTES`), so a client that sends it whole gets
the answer instead of a reset connection.
"""
from __future__ import annotations

import html
import json
from typing import Any, Awaitable, Callable

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


DISCARD_BYTES = 256 * 1024 * 1024  # body read and dropped before a 413, at most


async def _discard(receive: "Receive", limit: int = DISCARD_BYTES) -> None:
    """Read what is left of the request body (up to ``limit`` bytes) and drop it."""
    seen = 0
    while seen <= limit:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


class _TooLarge(Exception):
    pass


class BodySizeLimit:
    """Wrap an ASGI app so requests over ``max_bytes`` are answered with 413."""

    def __init__(self, app: Callable[..., Awaitable[None]], max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        as_html = (not scope.get("path", "").startswith("/api")
                      and b"text/html" in headers.get(b"accept", b""))
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await self._reject(send, 400, "Content-Length is not a number", as_html)
                return
            if declared > self.max_bytes:
                await _discard(receive)
                await self._too_large(send, as_html)
                return
        received = 0
        started = False

        body_done = False

        async def limited_receive() -> Message:
            nonlocal received, body_done
            message = await receive()
            if message["type"] == "http.request":
                body_done = not message.get("more_body", False)
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                if not body_done:  # never wait for a body that has ended
                    await _discard(receive)
                await self._too_large(send, as_html)

    async def _too_large(self, send: Send, as_html: bool) -> None:
        mb = self.max_bytes / (1024 * 1024)
        await self._reject(send, 413, f"request too large: the limit is {mb:g} MB", as_html)

    @staticmethod
    async def _reject(send: Send, status: int, message: str, as_html: bool) -> None:
        if as_html:  # a browser's form post: a page, not JSON
            body = (f'<!doctype html><html lang="en"><meta charset="utf-8"><title>Error {status}'
                    f'</title><link rel="stylesheet" href="/static/style.css"><main><h1>'
                    f'Error {status}</h1><p class="error" role="alert">{html.escape(message)}'
                    f'</p><p><a href="/">Back to the scan page</a></p></main></html>').encode()
            ctype = b"text/html; charset=utf-8"
        else:
            body = json.dumps({"error": message}).encode()
            ctype = b"application/json"
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", ctype),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
