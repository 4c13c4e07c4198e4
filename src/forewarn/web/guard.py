"""Who may talk to ``forewarn serve``: trusted Host names, same-origin writes, a per-session
form token, and security headers on every response (plain ASGI middleware).

* **Host**: only the loopback names (``127.0.0.1``, ``localhost``, ``[::1]``) and the
  ``--host`` given are answered; anything else (DNS rebinding) gets 400.
* **Writes** (POST, PUT, PATCH, DELETE): refused with 403 when the browser says they come
  from another site (``Sec-Fetch-Site``), or ``Origin`` / ``Referer`` name another origin
  (another port on this machine is another origin). Clients that send neither (curl,
  scripts) are let through: a browser always sends ``Origin`` on a cross-site write.
* **Form token**: each browser session gets an HttpOnly cookie; the HTML forms carry
  :func:`form_token` of it (an HMAC with a key made when the server starts), which the page
  handlers check with :func:`check_form_token`.
* **Headers**: a Content-Security-Policy without inline script, ``frame-ancestors 'none'``,
  ``X-Frame-Options: DENY``, ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: same-origin``.

Example:
    >>> host_name("127.0.0.1:8000"), host_name("[::1]:80"), host_name("Localhost")
    ('127.0.0.1', '::1', 'localhost')
"""
from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from http.cookies import SimpleCookie
from typing import Any, Awaitable, Callable, Iterable
from urllib.parse import urlsplit

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

LOOPBACK = ("127.0.0.1", "localhost", "::1")
SESSION_COOKIE = "forewarn_session"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SECURITY_HEADERS = (
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     b"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
)


def host_name(host: str) -> str:
    """The name part of a ``Host`` header, lower case, without port or IPv6 brackets.

    Example:
        >>> host_name("[::1]"), host_name("example.org:8080")
        ('::1', 'example.org')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def trusted_hosts(extra: Iterable[str] = ()) -> frozenset[str]:
    """The loopback names plus ``extra`` (the ``--host`` given), as :func:`host_name` gives them.

    Example:
        >>> sorted(trusted_hosts(["books.local"]))
        ['127.0.0.1', '::1', 'books.local', 'localhost']
    """
    return frozenset(LOOPBACK) | {host_name(h) for h in extra if h and h not in ("0.0.0.0", "::")}


def form_token(secret: bytes, session: str) -> str:
    """The form token for a session id: an HMAC-SHA256 of it under the server's key.

    Example:
        >>> form_token(b"k", "s") == form_token(b"k", "s") != form_token(b"other", "s")
        True
    """
    return hmac.new(secret, session.encode(), hashlib.sha256).hexdigest()


def check_form_token(request: Any, value: object) -> bool:
    """True when a posted ``csrf`` field is this session's form token."""
    session = request.scope.get("forewarn_session")
    secret = request.app.state.form_secret
    return bool(session) and isinstance(value, str) and \
        hmac.compare_digest(value, form_token(secret, session))


def request_token(request: Any) -> str:
    """The form token to put in this request's HTML forms (templates call it)."""
    return form_token(request.app.state.form_secret, request.scope.get("forewarn_session", ""))


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def write_refusal(headers: dict[bytes, bytes], own_origin: str) -> str | None:
    """Why a state-changing request must be refused (another site sent it), or None.

    Example:
        >>> write_refusal({b"origin": b"http://127.0.0.1:9"}, "http://127.0.0.1:8000")
        'cross-origin request refused (Origin http://127.0.0.1:9)'
        >>> write_refusal({}, "http://127.0.0.1:8000") is None
        True
    """
    site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
    if site in ("cross-site", "same-site"):
        return f"cross-origin request refused (Sec-Fetch-Site {site})"
    origin = headers.get(b"origin")
    if origin is not None:
        value = origin.decode("latin-1").strip()
        if value.lower() != own_origin:
            return f"cross-origin request refused (Origin {value})"
        return None
    referer = headers.get(b"referer")
    if referer is not None:
        value = referer.decode("latin-1").strip()
        if _origin_of(value) != own_origin:
            return "cross-origin request refused (Referer from another origin)"
    return None


class RequestGuard:
    """ASGI middleware: Host check, same-origin writes, session cookie, security headers."""

    def __init__(self, app: Callable[..., Awaitable[None]], hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if host_name(host) not in self.hosts:
            await _refuse(send, 400, f"untrusted Host header {host!r}: use http://127.0.0.1")
            return
        if scope.get("method", "GET").upper() in UNSAFE_METHODS:
            why = write_refusal(headers, f"{scope.get('scheme', 'http')}://{host}".lower())
            if why:
                await _refuse(send, 403, why)
                return
        session, new = _session(headers)
        scope["forewarn_session"] = session

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = list(SECURITY_HEADERS)
                if new:
                    extra.append((b"set-cookie", f"{SESSION_COOKIE}={session}; Path=/; "
                                                 f"HttpOnly; SameSite=Strict".encode()))
                message = {**message, "headers": list(message.get("headers") or []) + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _session(headers: dict[bytes, bytes]) -> tuple[str, bool]:
    """The session id from the cookie, or a new one (then True)."""
    cookie = SimpleCookie()
    try:
        cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
    except Exception:  # a malformed Cookie header: a new session
        pass
    morsel = cookie.get(SESSION_COOKIE)
    if morsel is not None and 16 <= len(morsel.value) <= 128 and morsel.value.isalnum():
        return morsel.value, False
    return secrets.token_hex(16), True


async def _refuse(send: Send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})
