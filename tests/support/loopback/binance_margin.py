"""Binance cross and isolated margin (``/sapi/v1/margin``) on the loopback: signed as every Binance API, answered from the margin pages.

``DELETE /sapi/v1/margin/order`` and ``/sapi/v1/margin/openOrders`` with
the parameters the pages list and nothing else, ``isIsolated`` only as
"TRUE" or "FALSE" (the pages' spelling), ``recvWindow`` at most 60000.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from tests.support.loopback import binance

EXCHANGE_IDS: tuple[str, ...] = ()  # binance.py points every Binance API here
PREFIX = "/sapi/"
KEY_HEADER = binance.KEY_HEADER
verify = binance.verify
point = binance.point

ONE = frozenset({"symbol", "isIsolated", "orderId", "origClientOrderId", "newClientOrderId"})
ALL = frozenset({"symbol", "isIsolated"})


def respond(server: Any, request: Any, body: str, reason: str | None) -> Any:
    return binance.respond_with(server, request, body, reason, answer_for)


def answer_for(method: str, path: str, raw: str, body: str) -> tuple[int, Any]:
    query = dict(parse_qsl(raw))
    symbol = query.get("symbol", "")
    if query.get("isIsolated", "FALSE") not in ("TRUE", "FALSE"):
        return 400, {"code": -1102, "msg": 'isIsolated must be "TRUE" or "FALSE".'}
    isolated = query.get("isIsolated") == "TRUE"
    if path == "/sapi/v1/margin/order" and method == "DELETE":
        refused = binance.refusal(raw, ONE, capped=True, one_of=("orderId", "origClientOrderId"))
        return refused or (200, margin_order(symbol, query.get("orderId"), query.get("origClientOrderId"), isolated))
    if path == "/sapi/v1/margin/openOrders" and method == "DELETE":
        refused = binance.refusal(raw, ALL, capped=True)
        return refused or (200, [margin_order(symbol, "11", None, isolated), margin_order(symbol, "13", None, isolated)])
    return 404, {"code": -1100, "msg": "Not found"}


def margin_order(symbol: str, order_id: str | None, client_id: str | None, isolated: bool) -> dict[str, Any]:
    order = {
        "symbol": symbol, "orderId": order_id or "28", "origClientOrderId": client_id or "loopback", "clientOrderId": "cancelMyOrder1",
        "price": "1.00000000", "origQty": "10.00000000", "executedQty": "8.00000000", "cummulativeQuoteQty": "8.00000000",
        "status": "CANCELED", "timeInForce": "GTC", "type": "LIMIT", "side": "SELL",
    }  # fmt: skip
    return {**order, "isIsolated": True} if isolated else order
