"""Binance portfolio margin (``/papi/v1``) on the loopback: signed as every Binance API, answered from the PM pages.

``DELETE /papi/v1/{um,cm,margin}/order`` and ``/{um,cm,margin}/allOpenOrders``
with the parameters each page lists and nothing else, ``recvWindow`` at most
60000 (PM general info). Portfolio margin has no batch cancel: any other
path is 404.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qsl

from tests.support.loopback import binance

EXCHANGE_IDS: tuple[str, ...] = ()  # binance.py points every Binance API here
PREFIX = "/papi/"
KEY_HEADER = binance.KEY_HEADER
verify = binance.verify
point = binance.point

ONE = frozenset({"symbol", "orderId", "origClientOrderId"})
ONE_MARGIN = ONE | {"newClientOrderId"}
ALL = frozenset({"symbol"})
ACK = {"code": 200, "msg": "The operation of cancel all open order is done."}


def respond(server: Any, request: Any, body: str, reason: str | None) -> Any:
    return binance.respond_with(server, request, body, reason, answer_for)


def answer_for(method: str, path: str, raw: str, body: str) -> tuple[int, Any]:
    query = dict(parse_qsl(raw))
    symbol = query.get("symbol", "")
    if method != "DELETE":
        return 404, {"code": -1100, "msg": "Not found"}
    if path in ("/papi/v1/um/order", "/papi/v1/cm/order", "/papi/v1/margin/order"):
        allowed = ONE_MARGIN if path == "/papi/v1/margin/order" else ONE
        refused = binance.refusal(raw, allowed, capped=True, one_of=("orderId", "origClientOrderId"))
        return refused or (200, papi_order(path, symbol, query.get("orderId"), query.get("origClientOrderId")))
    if path in ("/papi/v1/um/allOpenOrders", "/papi/v1/cm/allOpenOrders"):
        return binance.refusal(raw, ALL, capped=True) or (200, dict(ACK))
    if path == "/papi/v1/margin/allOpenOrders":
        refused = binance.refusal(raw, ALL, capped=True)
        return refused or (200, [papi_order(path, symbol, "11", None)])
    return 404, {"code": -1100, "msg": "Not found"}


def papi_order(path: str, symbol: str, order_id: str | None, client_id: str | None) -> dict[str, Any]:
    number = int(order_id) if order_id else 28
    if "/margin/" in path:
        return {
            "symbol": symbol, "orderId": number, "origClientOrderId": client_id or "loopback", "clientOrderId": "cancelMyOrder1",
            "price": "1.00000000", "origQty": "10.00000000", "executedQty": "0", "status": "CANCELED", "timeInForce": "GTC", "type": "LIMIT", "side": "SELL",
        }  # fmt: skip
    contract = {
        "avgPrice": "0.0", "clientOrderId": client_id or "loopback", "cumQty": "0", "executedQty": "0", "orderId": number, "origQty": "2",
        "price": "100", "reduceOnly": False, "side": "BUY", "positionSide": "BOTH", "status": "CANCELED", "symbol": symbol,
        "timeInForce": "GTC", "type": "LIMIT", "updateTime": int(time.time() * 1000),
    }  # fmt: skip
    return {**contract, "cumBase": "0", "pair": symbol.split("_")[0]} if "/cm/" in path else {**contract, "cumQuote": "0"}
