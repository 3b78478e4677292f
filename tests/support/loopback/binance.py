"""Binance's signing rules ("SIGNED endpoint security", "Timing security"), checked from the docs, not from ccxt.

``X-MBX-APIKEY`` must match; the signature is hex HMAC-SHA256 of the exact
query string before ``&signature=``; a request is processed only if
``timestamp < serverTime + 1000`` and ``serverTime - timestamp <= recvWindow``
(default 5000). Rejections answer as Binance does: 401 ``-2015`` (API key),
400 ``-1022`` (signature), 400 ``-1021`` (timestamp). Every Binance product
signs the same way (spot rest-api.md, the USD-M, COIN-M, margin and
portfolio-margin general-info pages), so this module also points every
Binance API at the loopback and serves the public clocks (``/api/v3/time``,
``/fapi/v1/time``, ``/dapi/v1/time``: the server's clock, which may be set
ahead of this machine's to test ccxt's clock sync). It answers COIN-M
``/dapi/v1/order``, ``batchOrders`` and ``allOpenOrders`` itself; the other
products' paths live in ``binance_spot.py``, ``binance_usdm.py``,
``binance_margin.py`` and ``binance_portfolio.py``, one PREFIX each, which
reuse :func:`verify` and :func:`respond_with`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from aiohttp import web

if TYPE_CHECKING:
    from tests.support.loopback.server import LoopbackExchange

EXCHANGE_IDS = ("binance", "binancecoinm", "binanceusdm")
PREFIX = "/dapi/"
KEY_HEADER = "X-MBX-APIKEY"
PUBLIC_PATHS = ("/dapi/v1/time", "/fapi/v1/time", "/api/v3/time")
COINM_PUBLIC = ("/dapi/v1/exchangeInfo", "/dapi/v1/ticker/24hr")
COINM_STATEFUL = {("/dapi/v1/order", "DELETE"), ("/dapi/v1/order", "GET"), ("/dapi/v1/batchOrders", "DELETE"), ("/dapi/v1/allOpenOrders", "DELETE"),
                  ("/dapi/v1/openOrders", "GET")}  # fmt: skip
# ccxt's api sections for the cancel paths and clocks of every product -> their path on the loopback
APIS = {
    "dapiPrivate": "/dapi/v1", "dapiPublic": "/dapi/v1", "fapiPrivate": "/fapi/v1", "fapiPublic": "/fapi/v1",
    "public": "/api/v3", "private": "/api/v3", "sapi": "/sapi/v1", "papi": "/papi/v1",
}  # fmt: skip

Answer = Callable[[str, str, str, str], tuple[int, Any]]


def point(exchange: Any, base_url: str) -> None:
    api = exchange.urls["api"]
    for name, path in APIS.items():
        api[name] = f"{base_url}{path}"


def raw_query(request: web.Request) -> str:
    """The query string exactly as sent: yarl's ``query_string`` decodes it and ``raw_query_string`` re-quotes it."""
    return request.raw_path.partition("?")[2]


def verify(server: LoopbackExchange, request: web.Request, body: str) -> str | None:
    if request.path in PUBLIC_PATHS or request.path in COINM_PUBLIC:
        return None
    # New Order (a verify run's placements): ccxt signs the form body
    return check_signed(server, request, body if request.method == "POST" else raw_query(request))


def check_signed(server: LoopbackExchange, request: web.Request, raw: str) -> str | None:
    """The page's checks on ``raw``, the signed text: the query string, or a POST's form body (spot New Order)."""
    if request.headers.get(KEY_HEADER) != server.api_key:
        return "api key"
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
    # from the server's COIN-M Book once a verify run placed an order (binance_spot.py), else the stateless echo
    from tests.support.loopback import binance_spot

    response: web.Response = binance_spot.respond_stateful(server, request, body, reason, binance_spot.COINM, COINM_PUBLIC, COINM_STATEFUL, answer_for)
    return response


def respond_with(server: LoopbackExchange, request: web.Request, body: str, reason: str | None, answer: Answer) -> web.Response:
    """Binance's refusals for a failed verification, the server's clock, else ``answer``'s (status, JSON)."""
    if reason == "api key":
        return web.json_response({"code": -2015, "msg": "Invalid API-key, IP, or permissions for action."}, status=401)
    if reason in ("timestamp", "recvWindow"):
        return web.json_response({"code": -1021, "msg": "Timestamp for this request is outside of the recvWindow."}, status=400)
    if reason is not None:
        return web.json_response({"code": -1022, "msg": "Signature for this request is not valid."}, status=400)
    if request.path in PUBLIC_PATHS:
        return web.json_response({"serverTime": int(server.now_ms())})
    status, answered = answer(request.method, request.path, raw_query(request), body)
    return web.json_response(answered, status=status)


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


# --- shared by the other Binance venues: each page's parameter table, checked ---------------------

SIGNING = frozenset({"timestamp", "recvWindow", "signature"})


def refusal(raw: str, allowed: frozenset[str], capped: bool, one_of: tuple[str, str] | None = None) -> tuple[int, Any] | None:
    """Binance's answer to a request its page would refuse, or None.

    A parameter the page does not list is -1104 ("Not all sent parameters
    were read"), a "None" -1102, a recvWindow beyond the page's 60000 -1131,
    and neither of ``one_of`` ("Either orderId or origClientOrderId must be
    sent.") -1102.
    """
    signed = raw.split("&signature=")[0]
    query = dict(parse_qsl(signed))
    if "None" in signed:
        return 400, {"code": -1102, "msg": "Mandatory parameter was not sent, was empty/null, or malformed."}
    unread = sorted(set(query) - allowed - SIGNING)
    if unread:
        return 400, {"code": -1104, "msg": f"Not all sent parameters were read; unread: {', '.join(unread)}."}
    window = query.get("recvWindow", "5000")
    if not window.isdigit():
        return 400, {"code": -1102, "msg": "Mandatory parameter 'recvWindow' was not sent, was empty/null, or malformed."}
    if capped and int(window) > 60_000:
        return 400, {"code": -1131, "msg": "recvWindow must be less than 60000"}
    if one_of is not None and not any(query.get(name) for name in one_of):
        return 400, {"code": -1102, "msg": f"Param '{one_of[0]}' or '{one_of[1]}' must be sent, but both were empty/null!"}
    return None
