"""A stub HTTP session under ccxt's own ``fetch``: requests' ``Session`` for sync, aiohttp's for async and pro.

ccxt's ``fetch``, ``handle_errors`` and ``handle_http_status_code`` all run
as in production; only the socket is replaced. Each request is answered by
``answer(method, url, body)``, which returns ``(status, body)`` (a dict or
list body is JSON-encoded), or raises a transport exception (``requests`` /
``aiohttp`` / ``asyncio.TimeoutError``) that ccxt maps to its classes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

Answer = Callable[[str, str, Any], tuple[int, Any]]
REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    418: "I'm a teapot",
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def _text(body: Any) -> str:
    return body if isinstance(body, str) else json.dumps(body)


@dataclass
class Sent:
    method: str
    url: str
    body: Any


@dataclass
class StubSession:
    """Replaces ``exchange.session``; :attr:`sent` lists every request ccxt made through it."""

    answer: Answer
    sent: list[Sent] = field(default_factory=list)

    def attach(self, exchange: Any) -> Any:
        if exchange.synchronous:
            exchange.session = _SyncSession(self)
        else:
            exchange.session = _AsyncSession(self)
            exchange.own_session = True
        return exchange

    def respond(self, method: str, url: str, body: Any) -> tuple[int, str]:
        self.sent.append(Sent(method.upper(), str(url), body.decode() if isinstance(body, bytes) else body))
        status, payload = self.answer(method.upper(), str(url), body)
        return status, _text(payload)


class _SyncSession(requests.Session):
    """A real ``requests.Session`` (headers, cookies, adapters) whose ``request`` never opens a socket."""

    def __init__(self, stub: StubSession) -> None:
        super().__init__()
        self.stub = stub

    def request(self, method: str | bytes, url: str | bytes, *args: Any, data: Any = None, **_: Any) -> requests.Response:  # type: ignore[override]
        method, url = str(method), str(url)
        status, text = self.stub.respond(method, url, data)
        response = requests.Response()
        response.status_code, response.reason, response.url = status, REASONS.get(status, "Status"), url
        response._content = text.encode()
        response.headers.update({"Content-Type": "application/json"})
        return response


class _AsyncResponse:
    def __init__(self, status: int, text: str) -> None:
        self.status, self.reason, self._text = status, REASONS.get(status, "Status"), text
        self.headers = {"Content-Type": "application/json"}
        self.content = text.encode()

    async def text(self, errors: str = "strict") -> str:
        return self._text


class _Opened:
    """What ``session.get(...)`` returns: aiohttp's request context manager."""

    def __init__(self, response: _AsyncResponse) -> None:
        self.response = response

    async def __aenter__(self) -> _AsyncResponse:
        return self.response

    async def __aexit__(self, *exc: object) -> None:
        return None


class _AsyncSession:
    def __init__(self, stub: StubSession) -> None:
        self.stub = stub
        self.closed = False
        self.headers: dict[str, str] = {}  # aiohttp's default headers; ccxt merges them into each request

    def __getattr__(self, name: str) -> Callable[..., _Opened]:
        if name not in ("get", "post", "put", "delete", "patch"):
            raise AttributeError(name)

        def send(url: Any, data: Any = None, **_: Any) -> _Opened:
            return _Opened(_AsyncResponse(*self.stub.respond(name, str(url), data)))

        return send

    async def close(self) -> None:
        self.closed = True
