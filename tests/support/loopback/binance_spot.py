"""Binance spot (``/api/v3``) on the loopback: signed as every Binance API (``binance.verify``), answered from rest-api.md.

``DELETE /api/v3/order`` and ``DELETE /api/v3/openOrders`` with the
parameters the spot page lists and nothing else (``-1104`` otherwise),
``recvWindow`` at most 60000, and either ``orderId`` or
``origClientOrderId``. Both ids are echoed: the loopback keeps no orders, so
the page's cross-check of the two always passes here.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qsl

from tests.support.loopback import binance

EXCHANGE_IDS: tuple[str, ...] = ()  # binance.py points every Binance API here
PREFIX = "/api/"
KEY_HEADER = binance.KEY_HEADER
verify = binance.verify
point = binance.point

ONE = frozenset({"symbol", "orderId", "origClientOrderId", "newClientOrderId", "cancelRestrictions"})
ALL = frozenset({"symbol"})
QUERY = frozenset({"symbol", "orderId", "origClientOrderId"})


def respond(server: Any, request: Any, body: str, reason: str | None) -> Any:
    return binance.respond_with(server, request, body, reason, answer_for)


def answer_for(method: str, path: str, raw: str, body: str) -> tuple[int, Any]:
    query = dict(parse_qsl(raw))
    symbol = query.get("symbol", "")
    if path == "/api/v3/order" and method == "DELETE":
        refused = binance.refusal(raw, ONE, capped=True, one_of=("orderId", "origClientOrderId"))
        return refused or (200, spot_order(symbol, query.get("orderId"), query.get("origClientOrderId")))
    if path == "/api/v3/order" and method == "GET":
        # Query order (USER_DATA): the loopback keeps no orders, so every order it is asked about was canceled
        # (a cancel that took effect although its answer was a 503: the 503unknown fault)
        refused = binance.refusal(raw, QUERY, capped=True, one_of=("orderId", "origClientOrderId"))
        return refused or (200, spot_order(symbol, query.get("orderId"), query.get("origClientOrderId")))
    if path == "/api/v3/openOrders" and method == "DELETE":
        refused = binance.refusal(raw, ALL, capped=True)
        return refused or (200, [spot_order(symbol, "11", None), spot_order(symbol, "13", None)])
    return 404, {"code": -1100, "msg": "Not found"}


def spot_order(symbol: str, order_id: str | None, client_id: str | None) -> dict[str, Any]:
    return {
        "symbol": symbol, "origClientOrderId": client_id or "loopback", "orderId": int(order_id) if order_id else 4, "orderListId": -1,
        "clientOrderId": "cancelMyOrder1", "transactTime": int(time.time() * 1000), "price": "2.00000000", "origQty": "1.00000000",
        "executedQty": "0.00000000", "cummulativeQuoteQty": "0.00000000", "status": "CANCELED", "timeInForce": "GTC", "type": "LIMIT", "side": "BUY",
    }  # fmt: skip
