"""The tests' one stub transport, one layer down: a stub HTTP session under ccxt's own ``fetch``.

requests' ``Session`` for sync, aiohttp's for async and pro. ccxt's
``fetch``, ``handle_errors`` and ``handle_http_status_code`` all run as in
production; only the socket is replaced. :class:`StubSession` is the same
recorder as ``RequestLog`` (``ccxt_cancel.probe.Transport``), attached under
``fetch`` instead of in its place. Each request is answered by
``answer(method, url, body)``, which returns ``(status, body)`` (a dict or
list body is JSON-encoded), or raises a transport exception (``requests`` /
``aiohttp`` / ``asyncio.TimeoutError``) that ccxt maps to its classes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests

from tests.support.helpers import RequestLog

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


class StubSession(RequestLog):
    """Replaces ``exchange.session``; :attr:`sent` lists every request ccxt made through it."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(answer)

    @property
    def sent(self) -> list[Sent]:
        return [Sent(method, url, body) for method, url, _headers, body in self.requests]

    def attach(self, exchange: Any) -> Any:
        if exchange.synchronous:
            exchange.session = _SyncSession(self)
        else:
            exchange.session = _AsyncSession(self)
            exchange.own_session = True
        return exchange

    def respond(self, method: str, url: str, headers: Any, body: Any) -> tuple[int, Any]:
        """``(status, body)``: at this layer an answer is an HTTP status and a body, read by ccxt's fetch."""
        return self.answer(method, url, body)  # type: ignore[no-any-return]

    def exchange(self, method: str, url: str, headers: Any, body: Any) -> tuple[int, str]:
        """One request through the stub session: recorded, answered, the body as text."""
        method, url = method.upper(), str(url)
        body = body.decode() if isinstance(body, bytes) else body
        self.record(method, url, headers, body)
        status, payload = self.respond(method, url, headers, body)
        return status, _text(payload)


class _SyncSession(requests.Session):
    """A real ``requests.Session`` (headers, cookies, adapters) whose ``request`` never opens a socket."""

    def __init__(self, stub: StubSession) -> None:
        super().__init__()
        self.stub = stub

    def request(self, method: str | bytes, url: str | bytes, *args: Any, data: Any = None, headers: Any = None, **_: Any) -> requests.Response:
        method, url = str(method), str(url)
        status, text = self.stub.exchange(method, url, headers, data)
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

        def send(url: Any, data: Any = None, headers: Any = None, **_: Any) -> _Opened:
            return _Opened(_AsyncResponse(*self.stub.exchange(name, str(url), headers, data)))

        return send

    async def close(self) -> None:
        self.closed = True
