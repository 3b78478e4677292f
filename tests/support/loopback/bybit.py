"""Bybit v5's signing rules (guide.mdx, "Authentication" / "Create A Request"), checked from the docs, not from ccxt.

The headers ``X-BAPI-API-KEY``, ``X-BAPI-TIMESTAMP`` ("UTC timestamp in
milliseconds"), ``X-BAPI-RECV-WINDOW`` ("default value is 5,000") and
``X-BAPI-SIGN``; the string to sign is "timestamp + API key + recv_window +
queryString" for GET and "timestamp + API key + recv_window +
jsonBodyString" for POST, signed with HMAC_SHA256 and written "to a
lowercase HEX string"; the timestamp must satisfy "server_time -
recv_window <= timestamp < server_time + 1000". Refusals answer with the
error page's codes: 10003 (API key invalid, HTTP 401: "Need to use the
correct key"), 10004 (error sign), 10002 (time window).

Serves ``POST /v5/order/cancel``, ``/v5/order/cancel-batch`` and
``/v5/order/cancel-all`` with the pages' answer shapes, checking what the
pages require (category, symbol, one of the ids, the batch limits, the
cancel-all scope), and the public ``GET /v5/market/time`` for ccxt's clock
sync. An id containing ``unknown`` answers as an order that does not
exist (110001, or 170213 on spot).

A test that fills a server's :class:`Book` (``book(server)``) gets order
state instead: cancels acknowledged at once and taking effect only after
``late`` queries of the order (the pages: "This request is asynchronous"),
a fill that races the cancel (``fills``), a cancel that takes effect and
answers ``10016`` (``lose_cancel_answers``), a cancel-all whose answer and
effect miss an order (``missed_by_cancel_all``), and ``GET
/v5/order/realtime`` by id or by symbol in open-order.mdx's shape.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from aiohttp import web

from tests.support.loopback.server import OrderState

if TYPE_CHECKING:
    from tests.support.loopback.server import LoopbackExchange

EXCHANGE_IDS = ("bybit",)
PREFIX = "/v5/"
KEY_HEADER = "X-BAPI-API-KEY"
PUBLIC_PATHS = ("/v5/market/time",)
DEFAULT_RECV_WINDOW = 5000
CATEGORIES = ("spot", "linear", "inverse", "option")
BATCH_LIMIT = {"spot": 10, "linear": 20, "inverse": 20, "option": 20}


def point(exchange: Any, base_url: str) -> None:
    api = exchange.urls["api"]
    for name in ("public", "private"):
        api[name] = base_url


def string_to_sign(timestamp: str, api_key: str, recv_window: str, method: str, query: str, body: str) -> str:
    return timestamp + api_key + recv_window + (query if method == "GET" else body)


def signature(secret: str, text: str) -> str:
    return hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()


def verify(server: LoopbackExchange, request: web.Request, body: str) -> str | None:
    """None when the request is signed as the guide describes, else the reason."""
    if request.path in PUBLIC_PATHS:
        return None
    if request.headers.get(KEY_HEADER) != server.api_key:
        return "api key"
    timestamp = request.headers.get("X-BAPI-TIMESTAMP", "")
    window = request.headers.get("X-BAPI-RECV-WINDOW", str(DEFAULT_RECV_WINDOW))
    query = request.raw_path.partition("?")[2]
    expected = signature(server.secret, string_to_sign(timestamp, server.api_key, window, request.method, query, body))
    if not hmac.compare_digest(request.headers.get("X-BAPI-SIGN", ""), expected):
        return "signature"
    try:
        stamp, recv = int(timestamp), int(window)
    except ValueError:
        return "timestamp"
    now = server.now_ms()
    if not (now - recv <= stamp < now + 1000):
        return "recv_window"
    return None


def _answer(code: int, message: str, result: Any = None, ext: Any = None) -> dict[str, Any]:
    return {
        "retCode": code,
        "retMsg": message,
        "result": {} if result is None else result,
        "retExtInfo": {} if ext is None else ext,
        "time": int(time.time() * 1000),
    }


def respond(server: LoopbackExchange, request: web.Request, body: str, reason: str | None) -> web.Response:
    if reason == "api key":
        return web.json_response(_answer(10003, "API key is invalid."), status=401)
    if reason == "signature":
        return web.json_response(_answer(10004, "Error sign, please check your signature generation algorithm."))
    if reason is not None:
        return web.json_response(_answer(10002, "The request time exceeds the time window range."))
    if request.path == "/v5/market/time":
        now = int(server.now_ms())
        return web.json_response(_answer(0, "OK", {"timeSecond": str(now // 1000), "timeNano": str(now * 1_000_000)}) | {"time": now})
    held = BOOKS.get(server)
    query = request.raw_path.partition("?")[2]
    status, answer = held.answer(request.method, request.path, query, body) if held is not None else answer_for(request.method, request.path, query, body)
    return web.json_response(answer, status=status)


def _missing(category: str, order: dict[str, Any]) -> tuple[int, str]:
    return (170213, "Order does not exist.") if category == "spot" else (110001, "Order does not exist")


def _unknown(order: dict[str, Any]) -> bool:
    return "unknown" in str(order.get("orderId", "")) + str(order.get("orderLinkId", ""))


def answer_for(method: str, path: str, raw_query: str, body: str) -> tuple[int, Any]:
    """(status, JSON) the loopback gives a verified v5 cancel request."""
    if method != "POST" or path not in ("/v5/order/cancel", "/v5/order/cancel-batch", "/v5/order/cancel-all"):
        return 404, {"error": "Not Found"}
    try:
        params = json.loads(body)
    except ValueError:
        return 200, _answer(10001, "Request parameter error")
    if not isinstance(params, dict) or params.get("category") not in CATEGORIES or any(value is None for value in params.values()):
        return 200, _answer(10001, "Request parameter error")
    category = params["category"]
    if path == "/v5/order/cancel":
        if not params.get("symbol") or not (params.get("orderId") or params.get("orderLinkId")):
            return 200, _answer(10001, "Request parameter error")
        if _unknown(params):
            return 200, _answer(*_missing(category, params))
        return 200, _answer(0, "OK", {"orderId": params.get("orderId") or "9f0c1a2b-loopback", "orderLinkId": params.get("orderLinkId", "")})
    if path == "/v5/order/cancel-batch":
        items = params.get("request")
        if not isinstance(items, list) or not items or len(items) > BATCH_LIMIT[category]:
            return 200, _answer(10001, "Request parameter error")
        found, codes = [], []
        for item in items:
            if not isinstance(item, dict) or not item.get("symbol") or not (item.get("orderId") or item.get("orderLinkId")):
                return 200, _answer(10001, "Request parameter error")
            lost = _unknown(item)
            found.append(
                {
                    "category": category,
                    "symbol": item["symbol"],
                    "orderId": "" if lost else item.get("orderId", "9f0c1a2b-loopback"),
                    "orderLinkId": item.get("orderLinkId", ""),
                }
            )
            code, message = _missing(category, item) if lost else (0, "OK")
            codes.append({"code": code, "msg": message})
        return 200, _answer(0, "OK", {"list": found}, {"list": codes})
    scoped = any(params.get(key) for key in ("symbol", "baseCoin", "settleCoin"))
    if (category in ("linear", "inverse") and not scoped) or (category == "spot" and "settleCoin" in params):
        return 200, _answer(10001, "Request parameter error")
    listed = [{"orderId": "1616024329462743808", "orderLinkId": "1616024329462743809"}]
    return 200, _answer(0, "OK", {"list": listed, "success": "1"})


# --- order state ---------------------------------------------------------------------------------------


@dataclass
class Book(OrderState):
    """One server's linear orders by orderId; what Bybit's pages say happens to them, with the faults a test asks for."""

    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    lose_cancel_answers: int = 0  # the next N single cancels take effect and answer 10016 (server error: outcome unknown)
    missed_by_cancel_all: set[str] = field(default_factory=set)  # the next cancel-all neither cancels nor names these

    def add(self, order_id: str, link_id: str = "", symbol: str = "ETHUSDT") -> None:
        self.orders[order_id] = {"orderId": order_id, "orderLinkId": link_id, "symbol": symbol, "orderStatus": "New", "cumExecQty": "0", "qty": "0.10"}

    def answer(self, method: str, path: str, raw: str, body: str) -> tuple[int, Any]:
        with self._lock:
            if method == "GET" and path == "/v5/order/realtime":
                return 200, self._realtime(dict(parse_qsl(raw)))
            if method == "POST" and path == "/v5/order/cancel":
                return 200, self._cancel(json.loads(body))
            if method == "POST" and path == "/v5/order/cancel-all":
                return 200, self._cancel_all(json.loads(body))
            return answer_for(method, path, raw, body)

    def _find(self, given: dict[str, Any]) -> dict[str, Any] | None:
        for order in self.orders.values():
            if given.get("orderId") and order["orderId"] != given["orderId"]:
                continue
            if not given.get("orderId") and order["orderLinkId"] != given.get("orderLinkId"):
                continue
            if order["symbol"] == given.get("symbol"):
                return order
        return None

    def _state(self, order: dict[str, Any]) -> dict[str, Any]:
        if self.cancel_shows(order["orderId"]):
            order["orderStatus"] = "Cancelled"
        item = {**order, "side": "Buy", "price": "1600.00", "orderType": "Limit", "timeInForce": "GTC", "avgPrice": "0"}
        item.update({"cancelType": "CancelByUser" if order["orderStatus"] == "Cancelled" else "UNKNOWN", "createdTime": "1684738540559"})
        item.update({"updatedTime": "1684738540561", "leavesQty": "0" if order["orderStatus"] != "New" else order["qty"]})
        return item

    def _realtime(self, query: dict[str, str]) -> dict[str, Any]:
        if query.get("orderId") or query.get("orderLinkId"):
            order = self._find(query)
            found = [] if order is None else [self._state(order)]
        else:
            found = [self._state(o) for o in list(self.orders.values()) if o["symbol"] == query.get("symbol")]
            found = [item for item in found if item["orderStatus"] == "New" and not self.cancelling(item["orderId"])]
        return _answer(0, "OK", {"list": found, "nextPageCursor": "", "category": query.get("category", "linear")})

    def _start_cancel(self, order: dict[str, Any]) -> None:
        if self.start_cancel(order["orderId"]):
            order["orderStatus"], order["cumExecQty"] = "Filled", order["qty"]

    def _cancel(self, params: dict[str, Any]) -> dict[str, Any]:
        self.cancels.append(params)
        order = self._find(params)
        if order is None or order["orderStatus"] != "New" or self.cancelling(order["orderId"]):
            return _answer(110001, "Order does not exist")
        self._start_cancel(order)
        if self.lose_cancel_answers:
            self.lose_cancel_answers -= 1
            return _answer(10016, "Internal server error.")
        return _answer(0, "OK", {"orderId": order["orderId"], "orderLinkId": order["orderLinkId"]})

    def _cancel_all(self, params: dict[str, Any]) -> dict[str, Any]:
        self.cancels.append(params)
        named = []
        for order in list(self.orders.values()):
            if order["symbol"] != params.get("symbol") or order["orderStatus"] != "New" or self.cancelling(order["orderId"]):
                continue
            if order["orderId"] in self.missed_by_cancel_all:
                continue
            self._start_cancel(order)
            named.append({"orderId": order["orderId"], "orderLinkId": order["orderLinkId"]})
        self.missed_by_cancel_all = set()
        return _answer(0, "OK", {"list": named, "success": "1"})


BOOKS: weakref.WeakKeyDictionary[Any, Book] = weakref.WeakKeyDictionary()


def book(server: Any) -> Book:
    """The server's Bybit order book, made on first use; from then on the server answers from it."""
    return BOOKS.setdefault(server, Book())
