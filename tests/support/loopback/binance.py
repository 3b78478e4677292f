"""Binance's signing rules ("SIGNED endpoint security", "Timing security"), checked from the docs, not from ccxt.

``X-MBX-APIKEY`` must match; the signature is hex HMAC-SHA256 of the exact
query string before ``&signature=``; a request is processed only if
``timestamp < serverTime + 1000`` and ``serverTime - timestamp <= recvWindow``
(default 5000). Rejections answer as Binance does: 401 ``-2015`` (API key),
400 ``-1022`` (signature), 400 ``-1021`` (timestamp). Serves COIN-M
``/dapi/v1/order``, ``batchOrders``, ``allOpenOrders`` and the public
``/dapi/v1/time`` (the server's clock, which may be set ahead of this
machine's to test ccxt's clock sync).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from aiohttp import web

if TYPE_CHECKING:
    from tests.support.loopback.server import LoopbackExchange

EXCHANGE_IDS = ("binance", "binancecoinm", "binanceusdm")
PREFIX = "/dapi/"
KEY_HEADER = "X-MBX-APIKEY"
PUBLIC_PATHS = ("/dapi/v1/time",)


def point(exchange: Any, base_url: str) -> None:
    api = exchange.urls["api"]
    api["dapiPrivate"] = f"{base_url}/dapi/v1"
    api["dapiPublic"] = f"{base_url}/dapi/v1"


def raw_query(request: web.Request) -> str:
    """The query string exactly as sent: yarl's ``query_string`` decodes it and ``raw_query_string`` re-quotes it."""
    return request.raw_path.partition("?")[2]


def verify(server: LoopbackExchange, request: web.Request, body: str) -> str | None:
    if request.path in PUBLIC_PATHS:
        return None
    if request.headers.get(KEY_HEADER) != server.api_key:
        return "api key"
    raw = raw_query(request)
    signed, sep, signature = raw.rpartition("&signature=")
    if not sep:
        return "no signature"
    expected = hmac.new(server.secret.encode(), signed.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        return "signature"
    query = dict(parse_qsl(signed))
    try:
        timestamp = int(query["timestamp"])
        window = int(query.get("recvWindow", "5000"))
    except (KeyError, ValueError):
        return "timestamp"
    if not (timestamp - 1000 <= server.now_ms() <= timestamp + window):
        return "recvWindow"
    return None


def respond(server: LoopbackExchange, request: web.Request, body: str, reason: str | None) -> web.Response:
    if reason == "api key":
        return web.json_response({"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}, status=401)
    if reason in ("timestamp", "recvWindow"):
        return web.json_response({"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}, status=400)
    if reason is not None:
        return web.json_response({"code": -1022, "msg": "Signature for this request is not valid."}, status=400)
    if request.path == "/dapi/v1/time":
        return web.json_response({"serverTime": int(server.now_ms())})
    status, answer = answer_for(request.method, request.path, raw_query(request), body)
    return web.json_response(answer, status=status)


def answer_for(method: str, path: str, raw: str, body: str) -> tuple[int, Any]:
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


def coinm_order(symbol: str, order_id: str | None, client_id: str | None) -> dict[str, Any]:
    now = int(time.time() * 1000)
    return {
        "orderId": int(order_id) if order_id else 4612097861, "symbol": symbol, "pair": symbol.split("_")[0], "status": "CANCELED",
        "clientOrderId": client_id or "loopback", "price": "37000", "avgPrice": "0", "origQty": "1", "executedQty": "0",
        "cumQty": "0", "cumBase": "0", "timeInForce": "GTC", "type": "LIMIT", "reduceOnly": False, "closePosition": False,
        "side": "BUY", "positionSide": "BOTH", "stopPrice": "0", "workingType": "CONTRACT_PRICE", "priceProtect": False,
        "origType": "LIMIT", "time": now, "updateTime": now,
    }  # fmt: skip
