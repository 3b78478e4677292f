"""OKX v5's signing rules, checked from OKX's own SDK, not from ccxt.

From okxapi/python-okx (``okx/utils.py`` L10-L31, L51-L54; ``okx/okxclient.py``
L37-L45): ``OK-ACCESS-SIGN`` is base64(HMAC-SHA256(secret, timestamp + METHOD
+ requestPath + body)), where requestPath includes the query string of a GET
and body is the JSON text of a POST (empty for a GET); ``OK-ACCESS-KEY``,
``OK-ACCESS-TIMESTAMP`` and ``OK-ACCESS-PASSPHRASE`` carry the rest; the
timestamp is ISO 8601 UTC with milliseconds (``2020-12-08T09:08:57.715Z``).
A request whose timestamp is more than ``nonce_tolerance_ms`` (30 s) from
the server's clock is refused with 50102: that tolerance and the error
bodies (50102, 50105, 50111, 50112, 50113) come from a third-party copy of
OKX's docs (qiuham/crypto-api-docs, authentication and error-code pages),
the best source found here.

Serves ``POST /api/v5/trade/cancel-order``, ``POST .../cancel-batch-orders``
(a JSON array of at most 20, as OKX's sample market maker says) and ``GET
.../orders-pending`` (paged with ``after``, 100 a page). An ordId ending in
``0000`` answers sCode 51400, so that partial failures can be driven through
the real transport; everything else is acknowledged (sCode 0).

A test that fills a server's :class:`Book` (``book(server)``) gets order
state instead: cancels acknowledged (sCode 0, "only means that your
cancellation request has been accepted") and taking effect only after
``late`` reads of the order, fills that race the cancel (``fills``), a
pending listing that misses orders (``hidden_from_listing``: the next
listings leave them out), ``GET .../order`` and ``.../orders-history`` in
the pages' shapes.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import re
import time
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from aiohttp import web

from tests.support.loopback.server import OrderState

if TYPE_CHECKING:
    from tests.support.loopback.server import LoopbackExchange

EXCHANGE_IDS = ("okx",)
PREFIX = "/api/v5/"
KEY_HEADER = "OK-ACCESS-KEY"
PASSPHRASE = "LOOPBACK-FAKE-PASSPHRASE"  # the server has one key pair; OKX adds a passphrase to it
TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z")
BATCH_LIMIT = 20
PAGE_LIMIT = 100
FAILING_SUFFIX = "0000"  # ordIds ending so answer 51400
FILLED_OR_GONE = "Order cancellation failed as the order has been filled, canceled or does not exist."

# Pending orders per instId, newest first: 130 on BTC-USDT (two pages), 3 elsewhere.
PENDING_COUNT = {"BTC-USDT": 130}
PENDING_DEFAULT = 3
PENDING_FIRST_ID = 700000000000000000


def point(exchange: Any, base_url: str) -> None:
    exchange.urls["api"]["rest"] = base_url


def signature(secret: str, timestamp: str, method: str, request_path: str, body: str) -> str:
    """The documented signature: base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + body))."""
    message = f"{timestamp}{method.upper()}{request_path}{body}"
    return base64.b64encode(hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest()).decode()


def timestamp_ms(text: str) -> float | None:
    if not TIMESTAMP.fullmatch(text):
        return None
    moment = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp() * 1000


def request_path(request: web.Request) -> str:
    """The path and query exactly as sent (what the client signed)."""
    return request.raw_path


def verify(server: LoopbackExchange, request: web.Request, body: str) -> str | None:
    if request.headers.get(KEY_HEADER) != server.api_key:
        return "api key"
    if request.headers.get("OK-ACCESS-PASSPHRASE") != PASSPHRASE:
        return "passphrase"
    stamp = request.headers.get("OK-ACCESS-TIMESTAMP", "")
    moment = timestamp_ms(stamp)
    if moment is None:
        return "timestamp format"
    expected = signature(server.secret, stamp, request.method, request_path(request), body if request.method != "GET" else "")
    if not hmac.compare_digest(request.headers.get("OK-ACCESS-SIGN", ""), expected):
        return "signature"
    if abs(server.now_ms() - moment) > server.nonce_tolerance_ms:
        return "timestamp expired"
    return None


REJECTIONS = {
    "api key": {"code": "50111", "data": [], "msg": "Invalid OK-ACCESS-KEY."},
    "passphrase": {"code": "50105", "data": [], "msg": 'Request header "OK-ACCESS-PASSPHRASE" incorrect.'},
    "timestamp format": {"code": "50112", "data": [], "msg": "Invalid OK-ACCESS-TIMESTAMP."},
    "signature": {"code": "50113", "data": [], "msg": "Invalid signature."},
    "timestamp expired": {"code": "50102", "data": [], "msg": "Timestamp request expired."},
}


def respond(server: LoopbackExchange, request: web.Request, body: str, reason: str | None) -> web.Response:
    if reason is not None:
        return web.json_response(REJECTIONS[reason], status=401)
    query = request.raw_path.partition("?")[2]
    held = BOOKS.get(server)
    status, answer = held.answer(request.method, request.path, query, body) if held is not None else answer_for(request.method, request.path, query, body)
    return web.json_response(answer, status=status)


def item(entry: Any) -> dict[str, Any]:
    """OKX's answer item for one requested cancel: ordId wins when both are passed."""
    if not isinstance(entry, dict) or not entry.get("instId"):
        return {"clOrdId": "", "ordId": "", "sCode": "51000", "sMsg": "Parameter instId error", "ts": str(int(time.time() * 1000))}
    ord_id, cl_ord_id = entry.get("ordId"), entry.get("clOrdId")
    now = str(int(time.time() * 1000))
    if ord_id is None and cl_ord_id is None:
        return {"clOrdId": "", "ordId": "", "sCode": "51407", "sMsg": "Either order ID or client order ID is required.", "ts": now}
    if not isinstance(ord_id, (str, type(None))) or not isinstance(cl_ord_id, (str, type(None))) or ord_id == "" or cl_ord_id == "":
        return {"clOrdId": "", "ordId": "", "sCode": "51000", "sMsg": "Parameter ordId error", "ts": now}
    if ord_id is not None:
        code = "51400" if ord_id.endswith(FAILING_SUFFIX) else "0"
        return {"clOrdId": "", "ordId": ord_id, "sCode": code, "sMsg": FILLED_OR_GONE if code != "0" else "", "ts": now}
    return {"clOrdId": cl_ord_id, "ordId": "1" + str(int(hashlib.sha256(cl_ord_id.encode()).hexdigest(), 16))[:17], "sCode": "0", "sMsg": "", "ts": now}


def envelope(items: list[dict[str, Any]]) -> dict[str, Any]:
    failed = sum(1 for i in items if i["sCode"] != "0")
    code = "0" if not failed else "1" if failed == len(items) else "2"
    return {"code": code, "data": items, "msg": {"0": "", "1": "All operations failed", "2": "Bulk operation partially succeeded."}[code]}


def pending(inst_id: str, after: str | None) -> list[dict[str, Any]]:
    count = PENDING_COUNT.get(inst_id, PENDING_DEFAULT)
    ids = [str(PENDING_FIRST_ID + count - n) for n in range(count)]  # newest (largest) first
    if after is not None:
        ids = [i for i in ids if int(i) < int(after)]
    now = str(int(time.time() * 1000))
    return [
        {
            "instId": inst_id,
            "ordId": i,
            "clOrdId": "",
            "side": "buy",
            "ordType": "limit",
            "px": "1",
            "sz": "1",
            "accFillSz": "0",
            "state": "live",
            "cTime": now,
            "uTime": now,
        }
        for i in ids[:PAGE_LIMIT]
    ]


def answer_for(method: str, path: str, raw_query: str, body: str) -> tuple[int, Any]:
    """(status, JSON) the loopback gives a verified OKX request."""
    try:
        payload = json.loads(body) if body else None
    except ValueError:
        return 400, {"code": "50002", "data": [], "msg": "JSON syntax error"}
    if path == "/api/v5/trade/cancel-order" and method == "POST":
        return 200, envelope([item(payload)])
    if path == "/api/v5/trade/cancel-batch-orders" and method == "POST":
        if not isinstance(payload, list) or not payload:
            return 200, {"code": "50002", "data": [], "msg": "JSON syntax error"}
        if len(payload) > BATCH_LIMIT:
            return 400, {"code": "51406", "data": [], "msg": f"Canceled - order count exceeds the limit {BATCH_LIMIT}."}
        return 200, envelope([item(entry) for entry in payload])
    if path == "/api/v5/trade/orders-pending" and method == "GET":
        query = dict(parse_qsl(raw_query))
        if "None" in raw_query or not query.get("instId"):
            return 200, {"code": "51000", "data": [], "msg": "Parameter instId error"}
        return 200, {"code": "0", "data": pending(query["instId"], query.get("after")), "msg": ""}
    return 404, {"code": "404", "data": [], "msg": "Not Found"}


# --- order state ---------------------------------------------------------------------------------------


@dataclass
class Book(OrderState):
    """One server's orders by ordId, with the faults a test asks for."""

    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    hidden_from_listing: dict[str, int] = field(default_factory=dict)  # ordId -> how many more pending listings omit it

    def add(self, ord_id: str, inst_id: str = "BTC-USDT-SWAP", cl_ord_id: str = "") -> None:
        inst_type = "SWAP" if inst_id.endswith("-SWAP") else "SPOT"
        self.orders[ord_id] = {"instId": inst_id, "instType": inst_type, "ordId": ord_id, "clOrdId": cl_ord_id, "state": "live", "accFillSz": "0"}

    def answer(self, method: str, path: str, raw: str, body: str) -> tuple[int, Any]:
        with self._lock:
            query = dict(parse_qsl(raw))
            if method == "POST" and path == "/api/v5/trade/cancel-order":
                return 200, envelope([self._cancel(json.loads(body))])
            if method == "POST" and path == "/api/v5/trade/cancel-batch-orders":
                return 200, envelope([self._cancel(entry) for entry in json.loads(body)])
            if method == "GET" and path == "/api/v5/trade/order":
                order = self._find(query)
                return 200, {"code": "0", "msg": "", "data": [] if order is None else [self._read(order)]}
            if method == "GET" and path == "/api/v5/trade/orders-pending":
                return 200, {"code": "0", "msg": "", "data": self._listing(query)}
            if method == "GET" and path == "/api/v5/trade/orders-history":
                done = [self._read(o) for o in list(self.orders.values()) if o["instId"] == query.get("instId")]
                return 200, {"code": "0", "msg": "", "data": [o for o in done if o["state"] in ("canceled", "filled")]}
            return answer_for(method, path, raw, body)

    def _find(self, given: dict[str, Any]) -> dict[str, Any] | None:
        for order in self.orders.values():
            named = order["ordId"] == given.get("ordId") if given.get("ordId") else order["clOrdId"] == given.get("clOrdId")
            if named and order["instId"] == given.get("instId"):
                return order
        return None

    def _read(self, order: dict[str, Any]) -> dict[str, Any]:
        if self.cancel_shows(order["ordId"]):
            order["state"] = "canceled"
        now = str(int(time.time() * 1000))
        return {**order, "side": "buy", "ordType": "limit", "px": "1", "sz": "100", "avgPx": "", "cTime": now, "uTime": now}

    def _listing(self, query: dict[str, str]) -> list[dict[str, Any]]:
        listed = []
        for order in list(self.orders.values()):
            if order["instId"] != query.get("instId"):
                continue
            hidden = self.hidden_from_listing.get(order["ordId"], 0)
            if hidden:
                self.hidden_from_listing[order["ordId"]] = hidden - 1
                continue
            state = self._read(order)
            if state["state"] == "live":
                listed.append(state)
        after = query.get("after")
        listed.sort(key=lambda o: int(o["ordId"]), reverse=True)
        return [o for o in listed if after is None or int(o["ordId"]) < int(after)][:PAGE_LIMIT]

    def _cancel(self, entry: dict[str, Any]) -> dict[str, Any]:
        self.cancels.append(entry)
        now = str(int(time.time() * 1000))
        order = self._find(entry)
        if order is None or order["state"] != "live":
            return {"clOrdId": entry.get("clOrdId", ""), "ordId": entry.get("ordId", ""), "sCode": "51400", "sMsg": FILLED_OR_GONE, "ts": now}
        if self.start_cancel(order["ordId"]):
            order["state"], order["accFillSz"] = "filled", "100"
        return {"clOrdId": order["clOrdId"], "ordId": order["ordId"], "sCode": "0", "sMsg": "", "ts": now}


BOOKS: weakref.WeakKeyDictionary[Any, Book] = weakref.WeakKeyDictionary()


def book(server: Any) -> Book:
    """The server's OKX order book, made on first use; from then on the server answers from it."""
    return BOOKS.setdefault(server, Book())
