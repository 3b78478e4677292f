"""A loopback test exchange on 127.0.0.1 that verifies signatures the way the exchanges document them.

Written from the exchanges' documentation, independent of ccxt's code:

* BitoPro ("API Security Protocol"): ``X-BITOPRO-APIKEY`` must match;
  ``X-BITOPRO-PAYLOAD`` is base64 of a JSON object; for GET/DELETE it holds a
  ``nonce`` (ms) within tolerance, for PUT/POST it is base64 of the request
  body itself; ``X-BITOPRO-SIGNATURE`` is hex HMAC-SHA384(payload, secret).
* Binance ("SIGNED endpoint security"): ``X-MBX-APIKEY`` must match; the
  signature is hex HMAC-SHA256 of the exact query string before
  ``&signature=``; ``timestamp`` must be within ``recvWindow`` (default 5000).

It serves the BitoPro margin cancel endpoints (one, batch, all) and the
COIN-M ``/dapi/v1/order``, ``/dapi/v1/batchOrders`` and ``/dapi/v1/allOpenOrders``.
Point ccxt at it with :meth:`LoopbackExchange.point`. It runs its own event
loop in a thread, so sync and async clients can both use it, and it only
ever binds 127.0.0.1.

Rejections answer the way the exchanges do: BitoPro 401 ``{"error": "Invalid
Signature"}``; Binance 401 ``-2015`` (API key), 400 ``-1022`` (signature),
400 ``-1021`` (timestamp outside recvWindow). ``Seen.reason`` says why.

``faults`` holds one-shot misbehaviours, one per request, served instead of
the answer (and logged with status 0 and ``Seen.fault``); "pass" serves one
request normally, so a fault can target the second request of a plan.

Also here, for tests that must not open any socket: :func:`canned_answer`
(the same answers, computed from a request without a server) and
:class:`RefusedPort` (a 127.0.0.1 port where nothing listens).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import hmac
import inspect
import json
import socket
import threading
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

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
    def __init__(self, api_key: str = API_KEY, secret: str = SECRET, nonce_tolerance_ms: int = 30_000, bitopro_per_minute: int = 900) -> None:
        self.api_key = api_key
        self.secret = secret
        self.nonce_tolerance_ms = nonce_tolerance_ms
        self.bitopro_per_minute = bitopro_per_minute
        self.seen: list[Seen] = []
        # Consumed one per request: "pass" (serve normally), or a fault served instead of the answer:
        # hang, reset, html502, truncated, empty, 429json, 429plain, 503unknown, 503echo, 401echo.
        self.faults: deque[str] = deque()
        self._hanging: set[asyncio.Task[Any]] = set()
        self._one_window: deque[float] = deque()
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
        if request.path.startswith("/v3/margin/orders"):
            reason = self._bitopro_auth(request, body)
            response = self._bitopro(request, body, reason)
        elif request.path.startswith("/dapi/v1/"):
            reason = self._binance_auth(request)
            response = self._binance(request, reason)
        else:
            response = web.json_response({"error": "Not found"}, status=404)
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
            key = request.headers.get("X-BITOPRO-APIKEY") or request.headers.get("X-MBX-APIKEY") or ""
            return web.json_response({"error": f"API key {key} is not allowed", "code": -2015, "msg": f"Invalid API-key {key}"}, status=401)
        raise ValueError(f"unknown fault {fault!r}")

    # --- BitoPro ----------------------------------------------------------------------------

    def _bitopro_auth(self, request: web.Request, body: str) -> str | None:
        """None when the request is signed as documented, else the reason."""
        if request.headers.get("X-BITOPRO-APIKEY") != self.api_key:
            return "api key"
        payload = request.headers.get("X-BITOPRO-PAYLOAD", "")
        signature = request.headers.get("X-BITOPRO-SIGNATURE", "")
        expected = hmac.new(self.secret.encode(), payload.encode(), hashlib.sha384).hexdigest()
        if not hmac.compare_digest(signature, expected):
            return "signature"
        try:
            decoded = json.loads(base64.b64decode(payload, validate=True))
        except (binascii.Error, ValueError):
            return "payload encoding"
        if request.method in ("PUT", "POST"):
            if payload != base64.b64encode(body.encode()).decode():
                return "payload is not the body"
        else:
            nonce = decoded.get("nonce") if isinstance(decoded, dict) else None
            if not isinstance(nonce, int) or abs(time.time() * 1000 - nonce) > self.nonce_tolerance_ms:
                return "nonce"
        return None

    def _bitopro(self, request: web.Request, body: str, reason: str | None) -> web.Response:
        if reason is not None:
            return web.json_response({"error": "Invalid Signature"}, status=401)
        if request.method == "DELETE" and len(request.path.split("/")) == 6 and not self._bitopro_admit():
            return web.json_response({"error": "Too many requests"}, status=429)
        status, answer = bitopro_answer(request.method, request.path, body)
        return web.json_response(answer, status=status)

    def _bitopro_admit(self) -> bool:
        """The documented 900 per minute, over a rolling minute."""
        now = time.monotonic()
        with self._lock:
            while self._one_window and now - self._one_window[0] >= 60:
                self._one_window.popleft()
            if len(self._one_window) >= self.bitopro_per_minute:
                return False
            self._one_window.append(now)
            return True

    # --- Binance ----------------------------------------------------------------------------

    def _binance_auth(self, request: web.Request) -> str | None:
        if request.headers.get("X-MBX-APIKEY") != self.api_key:
            return "api key"
        raw = raw_query(request)
        signed, sep, signature = raw.rpartition("&signature=")
        if not sep:
            return "no signature"
        expected = hmac.new(self.secret.encode(), signed.encode(), hashlib.sha256).hexdigest()
        if not hmac.compare_digest(signature, expected):
            return "signature"
        query = dict(parse_qsl(signed))
        try:
            timestamp = int(query["timestamp"])
            window = int(query.get("recvWindow", "5000"))
        except (KeyError, ValueError):
            return "timestamp"
        if not (timestamp - 1000 <= time.time() * 1000 <= timestamp + window):
            return "recvWindow"
        return None

    def _binance(self, request: web.Request, reason: str | None) -> web.Response:
        if reason == "api key":
            return web.json_response({"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}, status=401)
        if reason in ("timestamp", "recvWindow"):
            return web.json_response({"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}, status=400)
        if reason is not None:
            return web.json_response({"code": -1022, "msg": "Signature for this request is not valid."}, status=400)
        status, answer = binance_answer(request.method, request.path, raw_query(request))
        return web.json_response(answer, status=status)


def raw_query(request: web.Request) -> str:
    """The query string exactly as sent: yarl's ``query_string`` decodes it and ``raw_query_string`` re-quotes it."""
    return request.raw_path.partition("?")[2]


def point_to(exchange: Any, base_url: str) -> Any:
    """Send a ccxt exchange's cancel endpoints (BitoPro ``rest``, Binance ``dapiPrivate``) to ``base_url``."""
    api = exchange.urls["api"]
    if exchange.id == "bitopro":
        api["rest"] = f"{base_url}/v3"
    else:
        api["dapiPrivate"] = f"{base_url}/dapi/v1"
    return exchange


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


# --- answers, shared by the server and by canned_answer ----------------------------------------


def bitopro_answer(method: str, path: str, body: str) -> tuple[int, Any]:
    """(status, JSON) the loopback gives a verified BitoPro margin request."""
    if not path.startswith("/v3/margin/orders"):
        return 404, {"error": "Not found"}
    parts = path.split("/")[4:]  # after /v3/margin/orders
    now = int(time.time() * 1000)
    if method == "DELETE" and len(parts) == 2:
        return 200, {"orderId": unquote(parts[1]), "action": "BUY", "timestamp": now, "price": "1", "amount": "1"}
    if method == "PUT" and not parts:
        return 200, {"data": json.loads(body)}
    if method == "DELETE" and len(parts) == 1:
        pair = "BTC_USDT" if parts[0] == "all" else unquote(parts[0]).upper()
        return 200, {"data": {pair: ["9050564390", "3927422785"]}}
    return 404, {"error": "Not found"}


def binance_answer(method: str, path: str, raw: str) -> tuple[int, Any]:
    """(status, JSON) the loopback gives a verified COIN-M request, from its raw query string."""
    query = dict(parse_qsl(raw))
    if "None" in raw.split("&signature=")[0]:
        return 400, {"code": -1102, "msg": "Mandatory parameter was not sent, was empty/null, or malformed."}
    symbol = query.get("symbol", "")
    if path == "/dapi/v1/order" and method == "DELETE":
        return 200, coinm_order(symbol, query.get("orderId"), query.get("origClientOrderId"))
    if path == "/dapi/v1/batchOrders" and method == "DELETE":
        try:
            ids = json.loads(query["orderidlist"]) if "orderidlist" in query else []
            clients = json.loads(query["origclientorderidlist"]) if "origclientorderidlist" in query else []
        except ValueError:
            return 400, {"code": -1102, "msg": "Mandatory parameter was not sent, was empty/null, or malformed."}
        if len(ids) + len(clients) > 10:
            return 400, {"code": -4000, "msg": "Invalid number of batch orders: more than 10"}
        return 200, [coinm_order(symbol, str(i), None) for i in ids] + [coinm_order(symbol, None, c) for c in clients]
    if path == "/dapi/v1/allOpenOrders" and method == "DELETE":
        return 200, {"code": 200, "msg": "The operation of cancel all open order is done."}
    return 404, {"code": -1100, "msg": "Not found"}


def canned_answer(method: str, url: str, body: Any = None) -> Any:
    """What the loopback would answer to this (correctly signed) request, computed without any socket."""
    parts = urlsplit(url)
    text = body.decode() if isinstance(body, bytes) else (body or "")
    if parts.path.startswith("/v3/"):
        return bitopro_answer(method, parts.path, text)[1]
    return binance_answer(method, parts.path, parts.query)[1]


def coinm_order(symbol: str, order_id: str | None, client_id: str | None) -> dict[str, Any]:
    now = int(time.time() * 1000)
    return {
        "orderId": int(order_id) if order_id else 4612097861, "symbol": symbol, "pair": symbol.split("_")[0], "status": "CANCELED",
        "clientOrderId": client_id or "loopback", "price": "37000", "avgPrice": "0", "origQty": "1", "executedQty": "0",
        "cumQty": "0", "cumBase": "0", "timeInForce": "GTC", "type": "LIMIT", "reduceOnly": False, "closePosition": False,
        "side": "BUY", "positionSide": "BOTH", "stopPrice": "0", "workingType": "CONTRACT_PRICE", "priceProtect": False,
        "origType": "LIMIT", "time": now, "updateTime": now,
    }


_coinm_order = coinm_order  # the name earlier revisions used


# --- the ccxt side: exchanges pointed here, installed, and closed -------------------------------

LOGIN = "loopback-login@example.invalid"  # ccxt.pro.bitopro requires a login credential
KEYS = {"apiKey": API_KEY, "secret": SECRET, "login": LOGIN}


def ccxt_module(flavor: str) -> Any:
    import ccxt
    import ccxt.async_support
    import ccxt.pro

    return {"sync": ccxt, "async": ccxt.async_support, "pro": ccxt.pro}[flavor]


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
