"""Gate's API v4 signing rules, checked independently of ccxt.

Gate's API v4 docs ("Authentication") and its official SDK
(gate/gateapi-python 7.2.57, ``gate_api/api_client.py`` ``gen_sign``):
``SIGN`` is hex(HMAC-SHA512(secret, METHOD + "\\n" + path + "\\n" + query + "\\n" +
hex(SHA512(body)) + "\\n" + timestamp)), the query string without URL encoding,
the timestamp in seconds, with ``KEY`` and ``Timestamp`` headers. Serves the
spot and futures cancel, batch-cancel and cancel-all paths; an order id ending
in ``0000`` is ORDER_NOT_FOUND so partial batches run through the real transport.
A settle that is not lower-case, a batch over 20 and a path ending in
``/orders/`` are refused.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

from aiohttp import web

if TYPE_CHECKING:
    from tests.support.loopback.server import LoopbackExchange

EXCHANGE_IDS = ("gate",)
PREFIX = "/api/v4/"
KEY_HEADER = "KEY"
BATCH_LIMIT = 20
FAILING_SUFFIX = "0000"
REJECTIONS = {
    "api key": {"label": "INVALID_KEY", "message": "Invalid key provided"},
    "signature": {"label": "INVALID_SIGNATURE", "message": "Signature mismatch"},
    "timestamp": {"label": "REQUEST_EXPIRED", "message": "Request timestamp is far from the server time"},
}
NOT_FOUND = {"label": "ORDER_NOT_FOUND", "message": "Order not found"}
ONE = re.compile(r"/api/v4/(?:spot|futures/(?P<settle>[a-z]+))/orders/(?P<id>[0-9A-Za-z_.\-]+)")
ALL = re.compile(r"/api/v4/(?:spot|futures/(?P<settle>[a-z]+))/orders")
FUTURES_BATCH = re.compile(r"/api/v4/futures/(?P<settle>[a-z]+)/batch_cancel_orders")
SETTLES = ("usdt", "btc")


def point(exchange: Any, base_url: str) -> None:
    for section in exchange.urls["api"].values():
        if isinstance(section, dict):
            for key in section:
                section[key] = base_url + "/api/v4"


def signature(secret: str, method: str, path: str, query: str, body: str, timestamp: str) -> str:
    payload = "\n".join([method.upper(), path, query, hashlib.sha512(body.encode()).hexdigest(), timestamp])
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha512).hexdigest()


def verify(server: LoopbackExchange, request: web.Request, body: str) -> str | None:
    if request.headers.get(KEY_HEADER) != server.api_key:
        return "api key"
    stamp = request.headers.get("Timestamp", "")
    try:
        seconds = float(stamp)
    except ValueError:
        return "timestamp"
    query = unquote_plus(request.raw_path.partition("?")[2])
    expected = signature(server.secret, request.method, request.path, query, body, stamp)
    if not hmac.compare_digest(request.headers.get("SIGN", ""), expected):
        return "signature"
    if abs(server.now_ms() - seconds * 1000) > max(server.nonce_tolerance_ms, 1000):
        return "timestamp"
    return None


def respond(server: LoopbackExchange, request: web.Request, body: str, reason: str | None) -> web.Response:
    if reason is not None:
        return web.json_response(REJECTIONS[reason], status=401)
    status, answer = answer_for(request.method, request.path, request.raw_path.partition("?")[2], body)
    return web.json_response(answer, status=status)


def _order(order_id: str, futures: bool) -> dict[str, Any]:
    text = order_id if order_id.startswith("t-") else "t-loopback"
    number = "12345" if order_id.startswith("t-") else order_id
    if futures:
        return {"id": int(number), "text": text, "contract": "BTC_USDT", "status": "finished", "finish_as": "cancelled"}
    return {"id": number, "text": text, "currency_pair": "BTC_USDT", "status": "cancelled", "finish_as": "cancelled"}


def _result(order_id: str, futures: bool) -> dict[str, Any]:
    failed = order_id.endswith(FAILING_SUFFIX)
    if futures:
        return {"id": order_id, "user_id": 1, "succeeded": not failed, "message": "ORDER_NOT_FOUND" if failed else ""}
    return {
        "currency_pair": "BTC_USDT",
        "id": order_id,
        "text": "",
        "succeeded": not failed,
        "label": "ORDER_NOT_FOUND" if failed else "",
        "message": "Order not found" if failed else "",
    }


def answer_for(method: str, path: str, raw_query: str, body: str) -> tuple[int, Any]:
    """(status, JSON) the loopback gives a verified gate request."""
    try:
        payload = json.loads(body) if body else None
    except ValueError:
        return 400, {"label": "INVALID_PARAM_VALUE", "message": "invalid JSON body"}
    if path.endswith("/"):
        return 404, {"label": "NOT_FOUND", "message": "a path ending in / is no cancel path"}
    one, every, futures_batch = ONE.fullmatch(path), ALL.fullmatch(path), FUTURES_BATCH.fullmatch(path)
    settle = next((m.group("settle") for m in (one, every, futures_batch) if m is not None and m.group("settle")), None)
    if settle is not None and settle not in SETTLES:
        return 400, {"label": "INVALID_PARAM_VALUE", "message": f"invalid settle {settle}"}
    if method == "DELETE" and one is not None:
        order_id = one.group("id")
        if order_id.endswith(FAILING_SUFFIX) or not (order_id.isdigit() or order_id.startswith("t-")):  # ids are numbers, texts t-...
            return 400, NOT_FOUND
        if "spot" in path and "currency_pair=" not in raw_query:
            return 400, {"label": "MISSING_REQUIRED_PARAM", "message": "currency_pair"}
        return 200, _order(order_id, settle is not None)
    if method == "DELETE" and every is not None:
        return 200, [_order("123451", settle is not None), {**_result("120000", False), "status": "open"}][: 1 if settle else 2]
    if method == "POST" and (path == "/api/v4/spot/cancel_batch_orders" or futures_batch is not None):
        if not isinstance(payload, list) or not payload or len(payload) > BATCH_LIMIT:
            return 400, {"label": "INVALID_PARAM_VALUE", "message": "maximum 20 orders are allowed per request"}
        ids = [str(item if futures_batch is not None else item.get("id")) for item in payload]
        return 200, [_result(order_id, futures_batch is not None) for order_id in ids]
    return 404, {"label": "NOT_FOUND", "message": "Not found"}
