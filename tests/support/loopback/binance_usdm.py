"""Binance USD-M futures (``/fapi/v1``) on the loopback: signed as every Binance API, answered from the USD-M pages.

``DELETE /fapi/v1/order``, ``batchOrders`` (at most 10 ids; the two lists
never together) and ``allOpenOrders``, with the parameters each page lists
and nothing else: a ``portfolioMargin`` flag on the wire is ``-1104``. No
recvWindow cap (the USD-M pages give none).

Once an order is placed (``POST /fapi/v1/order``), these paths answer from
that server's USD-M :class:`binance_spot.Book` (``book(server, "usdm")``),
as a ``ccxt-cancel verify binanceusdm`` run needs; before that, the
stateless echo above.
"""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import parse_qsl

from tests.support.loopback import binance, binance_spot

EXCHANGE_IDS: tuple[str, ...] = ()  # binance.py points every Binance API here
PREFIX = "/fapi/"
KEY_HEADER = binance.KEY_HEADER
point = binance.point
PUBLIC = ("/fapi/v1/exchangeInfo", "/fapi/v1/ticker/24hr")
STATEFUL = {("/fapi/v1/order", "DELETE"), ("/fapi/v1/order", "GET"), ("/fapi/v1/batchOrders", "DELETE"), ("/fapi/v1/allOpenOrders", "DELETE"),
            ("/fapi/v1/openOrders", "GET")}  # fmt: skip

ONE = frozenset({"symbol", "orderId", "origClientOrderId"})
BATCH = frozenset({"symbol", "orderidlist", "origclientorderidlist"})
ALL = frozenset({"symbol"})
ACK = {"code": 200, "msg": "The operation of cancel all open order is done."}


def verify(server: Any, request: Any, body: str) -> str | None:
    return binance_spot.verify_stateful(server, request, body, PUBLIC)


def respond(server: Any, request: Any, body: str, reason: str | None) -> Any:
    return binance_spot.respond_stateful(server, request, body, reason, binance_spot.USDM, PUBLIC, STATEFUL, answer_for)


def answer_for(method: str, path: str, raw: str, body: str) -> tuple[int, Any]:
    query = dict(parse_qsl(raw))
    symbol = query.get("symbol", "")
    if path == "/fapi/v1/order" and method == "DELETE":
        refused = binance.refusal(raw, ONE, capped=False, one_of=("orderId", "origClientOrderId"))
        return refused or (200, usdm_order(symbol, query.get("orderId"), query.get("origClientOrderId")))
    if path == "/fapi/v1/batchOrders" and method == "DELETE":
        refused = binance.refusal(raw, BATCH, capped=False, one_of=("orderidlist", "origclientorderidlist"))
        if refused:
            return refused
        try:
            ids = json.loads(query["orderidlist"]) if "orderidlist" in query else []
            clients = json.loads(query["origclientorderidlist"]) if "origclientorderidlist" in query else []
        except ValueError:
            return 400, {"code": -1102, "msg": "Mandatory parameter was not sent, was empty/null, or malformed."}
        if ids and clients:
            return 400, {"code": -1102, "msg": "orderIdList and origClientOrderIdList cannot be sent together."}
        if len(ids) + len(clients) > 10:
            return 400, {"code": -4000, "msg": "Invalid number of batch orders: more than 10"}
        return 200, [usdm_order(symbol, str(i), None) for i in ids] + [usdm_order(symbol, None, c) for c in clients]
    if path == "/fapi/v1/allOpenOrders" and method == "DELETE":
        return binance.refusal(raw, ALL, capped=False) or (200, dict(ACK))
    return 404, {"code": -1100, "msg": "Not found"}


def usdm_order(symbol: str, order_id: str | None, client_id: str | None) -> dict[str, Any]:
    return {
        "clientOrderId": client_id or "loopback", "cumQty": "0", "cumQuote": "0", "executedQty": "0",
        "orderId": int(order_id) if order_id else 283194212, "origQty": "11", "origType": "LIMIT", "price": "30000", "avgPrice": "0.00",
        "reduceOnly": False, "side": "BUY", "positionSide": "BOTH", "status": "CANCELED", "stopPrice": "0", "closePosition": False,
        "symbol": symbol, "timeInForce": "GTC", "type": "LIMIT", "updateTime": int(time.time() * 1000), "workingType": "CONTRACT_PRICE",
        "priceProtect": False, "priceMatch": "NONE", "selfTradePreventionMode": "NONE", "goodTillDate": 0,
    }  # fmt: skip
