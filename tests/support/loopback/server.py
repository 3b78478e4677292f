"""A loopback test exchange on 127.0.0.1 that verifies signatures the way the exchanges document them.

The server itself knows no exchange: each module beside this one holds one
exchange's documented signing rules and answers (``bitopro.py``,
``binance.py``, ...), and is found by :data:`VENUES`. A venue module has
``EXCHANGE_IDS``, ``PREFIX`` (the URL path it owns), ``KEY_HEADER``,
``point(exchange, base_url)``, ``verify(server, request, body)`` (None or
the reason a signature check failed), ``respond(server, request, body,
reason)`` and ``answer_for(method, path, raw_query, body)``. A new exchange
adds a file; the server finds it (``_venues``) and routes by the longest ``PREFIX``.

The server runs its own event loop in a thread, so sync and async clients can
both use it, and it only ever binds 127.0.0.1. ``clock_offset_ms`` sets the
server's clock ahead of (or behind) this machine's. ``faults`` holds
one-shot misbehaviours, one per request, served instead of the answer (and
logged with status 0 and ``Seen.fault``); "pass" serves one request
normally, so a fault can target the second request of a plan.

Also here, for tests that must not open any socket: :func:`canned_answer`
(the same answers, computed from a request without a server) and
:class:`RefusedPort` (a 127.0.0.1 port where nothing listens).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import inspect
import pkgutil
import socket
import threading
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

API_KEY = "LOOPBACK-FAKE-KEY-0000"
SECRET = "LOOPBACK-FAKE-SECRET-0000"


@dataclass
class Seen:
    method: str
    path: str
    query: str
    status: int  # 0 when a fault was served instead of an answer
    at: float
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    reason: str | None = None  # why the signature check failed; None when it passed (or was not reached)
    fault: str | None = None  # the one-shot fault served instead of the real answer


class LoopbackExchange:
    def __init__(
        self, api_key: str = API_KEY, secret: str = SECRET, nonce_tolerance_ms: int = 30_000, bitopro_per_minute: int = 900, clock_offset_ms: int = 0
    ) -> None:
        self.api_key = api_key
        self.secret = secret
        self.nonce_tolerance_ms = nonce_tolerance_ms
        self.bitopro_per_minute = bitopro_per_minute
        self.clock_offset_ms = clock_offset_ms
        self.seen: list[Seen] = []
        # Consumed one per request: "pass" (serve normally), or a fault served instead of the answer:
        # hang, reset, html502, truncated, empty, 429json, 429plain, 503unknown, 503echo, 401echo.
        self.faults: deque[str] = deque()
        self._hanging: set[asyncio.Task[Any]] = set()
        self._windows: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- life cycle -------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LoopbackExchange:  # not typing.Self: that is 3.11+, the project supports 3.10
        ready = threading.Event()

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            app = web.Application()
            app.router.add_route("*", "/{tail:.*}", self._dispatch)
            # a short shutdown_timeout: a "hang" fault must not hold stop() for aiohttp's default 60 s
            self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
            loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            loop.run_until_complete(site.start())
            server = site._server
            assert server is not None
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined,unused-ignore]
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=serve, name="loopback-exchange", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("loopback exchange did not start")
        return self

    def stop(self) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():

            def shutdown() -> None:
                for task in list(self._hanging):
                    task.cancel()  # "hang" faults end now, not after an hour
                loop.stop()

            loop.call_soon_threadsafe(shutdown)
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> LoopbackExchange:  # noqa: PYI034 - typing.Self is 3.11+, the project supports 3.10
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def point(self, exchange: Any) -> Any:
        """Send this ccxt exchange's cancel endpoints here instead of the real hosts."""
        return point_to(exchange, self.base_url)

    def reasons(self) -> list[str | None]:
        """Why each request seen so far failed verification (None: it passed)."""
        with self._lock:
            return [s.reason for s in self.seen]

    def statuses(self) -> list[int]:
        with self._lock:
            return [s.status for s in self.seen]

    # --- dispatch ---------------------------------------------------------------------------

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        body = await request.text()
        try:
            fault = self.faults.popleft()
        except IndexError:
            fault = None
        if fault == "pass":
            fault = None  # serve this request normally; the next fault applies to the one after
        reason: str | None = None
        if fault is not None:
            # Logged before the answer: a "hang" never answers, a "reset" dies mid-answer.
            with self._lock:
                self.seen.append(Seen(request.method, request.path, request.query_string, 0, time.monotonic(), dict(request.headers), body, None, fault))
            return await self._fault(fault, request)
        venue = venue_for(request.path)
        if venue is None:
            response = web.json_response({"error": "Not found"}, status=404)
        else:
            reason = venue.verify(self, request, body)
            response = venue.respond(self, request, body, reason)
        with self._lock:
            self.seen.append(Seen(request.method, request.path, request.query_string, response.status, time.monotonic(), dict(request.headers), body, reason))
        return response

    async def _fault(self, fault: str, request: web.Request) -> web.StreamResponse:
        if fault == "hang":
            task = asyncio.current_task()
            assert task is not None
            self._hanging.add(task)
            try:
                await asyncio.sleep(3600)  # cancelled by stop()
            finally:
                self._hanging.discard(task)
        if fault == "reset":
            # a body is promised and cut short: the client sees the connection die mid-answer
            response = web.StreamResponse(status=200, headers={"Content-Type": "application/json", "Content-Length": "1000"})
            await response.prepare(request)
            await response.write(b'{"orderId": "9')
            transport = request.transport
            if transport is not None:
                transport.abort()
            return response
        if fault == "html502":
            return web.Response(status=502, text="<html><body><h1>502 Bad Gateway</h1></body></html>", content_type="text/html")
        if fault == "truncated":
            return web.Response(status=200, text='{"orderId": "95431', content_type="application/json")
        if fault == "empty":
            return web.Response(status=200, text="", content_type="application/json")
        if fault == "429json":
            return web.json_response({"error": "Too many requests"}, status=429)
        if fault == "429plain":
            return web.Response(status=429, text="Too Many Requests", content_type="text/plain")
        if fault == "503unknown":
            return web.json_response({"code": -1000, "msg": "Unknown error, please check your request or try again later."}, status=503)
        if fault == "503echo":
            # a misconfigured proxy that echoes the request headers (API key included) in its error page
            echoed = "; ".join(f"{k}: {v}" for k, v in request.headers.items())
            return web.Response(status=503, text=f"<html><body>Service Unavailable. Request headers: {echoed}</body></html>", content_type="text/html")
        if fault == "401echo":
            # same, as a JSON error that names the key it refused
            key = next((request.headers[v.KEY_HEADER] for v in VENUES if v.KEY_HEADER in request.headers), "")
            return web.json_response({"error": f"API key {key} is not allowed", "code": -2015, "msg": f"Invalid API-key {key}"}, status=401)
        raise ValueError(f"unknown fault {fault!r}")

    # --- shared by the venues ------------------------------------------------------------

    def now_ms(self) -> float:
        """The server's clock: this machine's, moved by ``clock_offset_ms``."""
        return time.time() * 1000 + self.clock_offset_ms

    def admit(self, bucket: str, limit: int, seconds: float) -> bool:
        """A rolling-window rate limit: at most ``limit`` requests per ``seconds`` in ``bucket``."""
        now = time.monotonic()
        with self._lock:
            window = self._windows.setdefault(bucket, deque())
            while window and now - window[0] >= seconds:
                window.popleft()
            if len(window) >= limit:
                return False
            window.append(now)
            return True


@dataclass
class OrderState:
    """What a venue's order book shares: a cancel that shows late, a fill that races it, every cancel received.

    A venue's ``Book`` keeps its orders in the exchange's own shape and asks
    this for the two timings the pages warn about: :meth:`start_cancel` when a
    cancel lands, :meth:`cancel_shows` each time the order is read.
    """

    late: int = 0  # a cancelled order still reads open for this many reads of it (the cancel is asynchronous)
    fills: set[str] = field(default_factory=set)  # these fill before the cancel lands: acknowledged, then filled
    cancels: list[Any] = field(default_factory=list)  # every cancel the book received, as sent
    _pending: dict[str, int] = field(default_factory=dict)  # order id -> reads left before its cancel shows
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start_cancel(self, order_id: str) -> bool:
        """A cancel landed on an open order: True when the order fills first, else its cancel shows after ``late`` reads."""
        if order_id in self.fills:
            return True
        self._pending.setdefault(order_id, self.late)
        return False

    def cancelling(self, order_id: str) -> bool:
        """A cancel has landed and does not show yet."""
        return order_id in self._pending

    def cancel_shows(self, order_id: str) -> bool:
        """One read of the order: True when its pending cancel shows from this read on."""
        left = self._pending.get(order_id)
        if left is None:
            return False
        if left > 0:
            self._pending[order_id] = left - 1
            return False
        del self._pending[order_id]
        return True


def point_to(exchange: Any, base_url: str) -> Any:
    """Send a ccxt exchange's cancel endpoints to ``base_url``, as its venue module says."""
    for venue in VENUES:
        if exchange.id in venue.EXCHANGE_IDS:
            venue.point(exchange, base_url)
            return exchange
    raise ValueError(f"no loopback venue for {exchange.id!r}")


class RefusedPort:
    """A 127.0.0.1 port that refuses connections: bound (so nobody else takes it) but never listening."""

    def __init__(self) -> None:
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self.port: int = self._socket.getsockname()[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def point(self, exchange: Any) -> Any:
        return point_to(exchange, self.base_url)

    def close(self) -> None:
        self._socket.close()

    def __enter__(self) -> RefusedPort:  # noqa: PYI034 - typing.Self is 3.11+, the project supports 3.10
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- venues ---------------------------------------------------------------------------------


def _venues() -> list[ModuleType]:
    package = __name__.rpartition(".")[0]
    path = importlib.import_module(package).__path__
    return [importlib.import_module(f"{package}.{info.name}") for info in pkgutil.iter_modules(path) if info.name != "server"]


def venue_for(path: str) -> ModuleType | None:
    """The venue whose ``PREFIX`` is the longest start of ``path`` (OKX's /api/v5/ inside Binance spot's /api/)."""
    owners = [venue for venue in VENUES if path.startswith(venue.PREFIX)]
    return max(owners, key=lambda venue: len(venue.PREFIX)) if owners else None


def canned_answer(method: str, url: str, body: Any = None) -> Any:
    """What the loopback would answer to this (correctly signed) request, computed without any socket."""
    parts = urlsplit(url)
    text = body.decode() if isinstance(body, bytes) else (body or "")
    venue = venue_for(parts.path)
    if venue is None:
        return {"error": "Not found"}
    return venue.answer_for(method, parts.path, parts.query, text)[1]


# --- the ccxt side: exchanges pointed here, installed, and closed -------------------------------

LOGIN = "loopback-login@example.invalid"  # ccxt.pro.bitopro requires a login credential
KEYS = {"apiKey": API_KEY, "secret": SECRET, "login": LOGIN}


def ccxt_module(flavor: str) -> Any:
    import ccxt
    import ccxt.async_support
    import ccxt.pro

    return {"sync": ccxt, "async": ccxt.async_support, "pro": ccxt.pro}[flavor]


def assert_all_verified(loopback: LoopbackExchange, expected: list[tuple[str, str]]) -> None:
    """Exactly these requests reached the loopback, in this order, and every one passed signature verification."""
    assert [(s.method, s.path) for s in loopback.seen] == expected
    assert loopback.reasons() == [None] * len(expected), "a request failed verification"
    assert loopback.statuses() == [200] * len(expected), [(s.path, s.status) for s in loopback.seen]


async def settle(value: Any) -> Any:
    """The result of a cancel call, awaited when the exchange is async."""
    return await value if inspect.isawaitable(value) else value


@contextlib.asynccontextmanager
async def installed(target: Any, flavor: str, exchange_id: str, **config: Any) -> AsyncIterator[Any]:
    """A fresh ccxt exchange of that flavour, pointed at ``target`` (a LoopbackExchange or RefusedPort),
    with the plugin installed on the instance; uninstalled and (async) closed on exit.

    Unthrottled unless ``config`` says otherwise: these tests are about the wire, not pacing.
    """
    import ccxt_cancel

    exchange = target.point(getattr(ccxt_module(flavor), exchange_id)({**KEYS, "enableRateLimit": False, **config}))
    ccxt_cancel.install(exchange)
    try:
        yield exchange
    finally:
        ccxt_cancel.uninstall(exchange)
        if not exchange.synchronous:
            await exchange.close()


VENUES: list[ModuleType] = _venues()
