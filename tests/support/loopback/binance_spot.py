"""Binance spot (``/api/v3``) on the loopback: signed as every Binance API (``binance.verify``), answered from rest-api.md.

``DELETE /api/v3/order`` and ``DELETE /api/v3/openOrders`` with the
parameters the spot page lists and nothing else (``-1104`` otherwise),
``recvWindow`` at most 60000, and either ``orderId`` or
``origClientOrderId``. Until an order is placed on a server, both ids are
echoed: the loopback keeps no orders, so the page's cross-check of the two
always passes (the tests that cancel the page's example ids).

Placing an order (``POST /api/v3/order``, signed in its form body) gives
that server a :class:`Book` (``book(server)``), and from then on the order
paths answer from its state, as rest-api.md describes them: ``NEW`` until
canceled, ``CANCELED`` after; an id the book never placed (or an order
already canceled) is ``-2011 Unknown order sent.`` on cancel and ``-2013
Order does not exist.`` on query; the cross-check of both ids holds;
``LIMIT_MAKER`` that would take is refused (``-2010``); ``GET openOrders``
lists what is open; ``DELETE openOrders`` with nothing open is ``-2011``.
The public ``exchangeInfo`` (one symbol, BTCUSDT, with the filters ccxt
reads) and ``ticker/24hr`` answer unsigned, as on Binance. A Book can be
told to misbehave (``lies``, ``refuse_placements_after``,
``lose_placement_answers``) so a
test can see ``ccxt-cancel verify`` catch it.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import weakref
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from tests.support.loopback import binance

EXCHANGE_IDS: tuple[str, ...] = ()  # binance.py points every Binance API here
PREFIX = "/api/"
KEY_HEADER = binance.KEY_HEADER
point = binance.point
# Public on Binance (no key, no signature): what a verify run reads before it places anything.
PUBLIC = ("/api/v3/exchangeInfo", "/api/v3/ticker/24hr", "/api/v3/ticker/bookTicker")

ONE = frozenset({"symbol", "orderId", "origClientOrderId", "newClientOrderId", "cancelRestrictions"})
ALL = frozenset({"symbol"})
QUERY = frozenset({"symbol", "orderId", "origClientOrderId"})


NEW_ORDER = frozenset({"symbol", "side", "type", "timeInForce", "quantity", "price", "newClientOrderId", "newOrderRespType", "selfTradePreventionMode"})
OPEN = frozenset({"symbol"})


def verify(server: Any, request: Any, body: str) -> str | None:
    return verify_stateful(server, request, body, PUBLIC)


def verify_stateful(server: Any, request: Any, body: str, public: tuple[str, ...]) -> str | None:
    """Binance's checks, the public paths unsigned and New Order signed in its form body (as ccxt sends it)."""
    if request.path in public:
        return None
    if request.method == "POST":
        return binance.check_signed(server, request, body)
    return binance.verify(server, request, body)


def respond(server: Any, request: Any, body: str, reason: str | None) -> Any:
    return respond_stateful(server, request, body, reason, SPOT, PUBLIC, STATEFUL, answer_for)


def respond_stateful(
    server: Any, request: Any, body: str, reason: str | None, product: str, public: tuple[str, ...], stateful: set[tuple[str, str]], echo: Any
) -> Any:
    """From the product's Book once an order was placed (POST and the public paths make it), else the stateless ``echo``."""
    held_paths = request.method == "POST" or request.path in public or (request.path, request.method) in stateful
    made = request.method == "POST" or request.path in public
    held = book(server, product) if made else BOOKS.get(server, {}).get(product)
    if not held_paths or held is None:
        return binance.respond_with(server, request, body, reason, echo)
    signed = body if request.method == "POST" else None  # New Order carries its parameters in the form body
    return binance.respond_with(server, request, body, reason, lambda method, path, raw, _: held.answer(method, path, signed or raw))


# --- order state: what a verify run places, cancels and queries ---------------------------------------

STATEFUL = {("/api/v3/order", "DELETE"), ("/api/v3/order", "GET"), ("/api/v3/openOrders", "DELETE"), ("/api/v3/openOrders", "GET")}
SYMBOL = "BTCUSDT"
UNKNOWN = (400, {"code": -2011, "msg": "Unknown order sent."})
NOT_EXIST = (400, {"code": -2013, "msg": "Order does not exist."})
MALFORMED = (400, {"code": -1102, "msg": "Mandatory parameter was not sent, was empty/null, or malformed."})


@dataclass
class Book:
    """One server's spot orders, by orderId, with the prices a verify run reads."""

    product: str = "spot"  # or "usdm" / "coinm": USD-M (/fapi/v1) or COIN-M (/dapi/v1) futures, in their pages' shapes
    bid: str = "60000.00"
    ask: str = "60000.02"
    orders: dict[int, dict[str, Any]] = field(default_factory=dict)
    lies: dict[int, int] = field(default_factory=dict)  # orderId -> how many more cancels of it answer CANCELED and leave it NEW
    refuse_placements_after: int | None = None  # after N placements, New Order answers -2010 (insufficient balance)
    lose_placement_answers: int = 0  # the next N placements place the order and answer 5XX (the page: outcome UNKNOWN)
    placed: int = 0
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(5_000_001))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def symbol(self) -> str:
        return COINM_SYMBOL if self.product == COINM else SYMBOL

    def open_orders(self, symbol: str) -> list[dict[str, Any]]:
        return [dict(o) for o in self.orders.values() if o["symbol"] == symbol and o["status"] == "NEW"]

    def answer(self, method: str, path: str, raw: str) -> tuple[int, Any]:
        with self._lock:
            return self._answer(method, path, raw)

    def _answer(self, method: str, path: str, raw: str) -> tuple[int, Any]:
        query = dict(parse_qsl(raw.split("&signature=")[0]))
        futures = self.product in (USDM, COINM)
        path = path.replace("/fapi/v1/", "/api/v3/").replace("/dapi/v1/", "/api/v3/")  # the same routes under the futures prefixes
        if path == "/api/v3/exchangeInfo":
            return 200, futures_info(self.product) if futures else exchange_info()
        if path in ("/api/v3/ticker/24hr", "/api/v3/ticker/bookTicker"):
            ticker = self.ticker(query.get("symbol", self.symbol))
            return 200, [ticker] if self.product == COINM else ticker  # COIN-M's 24hr ticker is a list, even for one symbol
        symbol = query.get("symbol", "")
        if path == "/api/v3/order" and method == "POST":
            return binance.refusal(raw, FUTURES_ORDER if futures else NEW_ORDER, capped=not futures) or self.place(query)
        if futures:
            return self.futures_answer(method, path, raw, query, symbol)
        if path == "/api/v3/order" and method == "DELETE":
            refused = binance.refusal(raw, ONE, capped=True, one_of=("orderId", "origClientOrderId"))
            return refused or self.cancel(symbol, query)
        if path == "/api/v3/order" and method == "GET":
            refused = binance.refusal(raw, QUERY, capped=True, one_of=("orderId", "origClientOrderId"))
            order = None if refused else self.find(symbol, query)
            return refused or ((200, dict(order)) if order is not None else NOT_EXIST)
        if path == "/api/v3/openOrders" and method == "GET":
            return binance.refusal(raw, OPEN, capped=True) or (200, self.open_orders(symbol))
        if path == "/api/v3/openOrders" and method == "DELETE":
            refused = binance.refusal(raw, ALL, capped=True)
            if refused:
                return refused
            reports = [self.close(o) for o in self.orders.values() if o["symbol"] == symbol and o["status"] == "NEW"]
            return (200, reports) if reports else UNKNOWN
        return 404, {"code": -1100, "msg": "Not found"}

    def ticker(self, symbol: str) -> dict[str, Any]:
        now = int(time.time() * 1000)
        return {"symbol": symbol, "bidPrice": self.bid, "bidQty": "1.00000000", "askPrice": self.ask, "askQty": "1.00000000", "lastPrice": self.bid,
                "openPrice": self.bid, "highPrice": self.ask, "lowPrice": self.bid, "volume": "100.00000000", "quoteVolume": "6000000.00",
                "weightedAvgPrice": self.bid, "openTime": now - 86_400_000, "closeTime": now, "count": 1000}  # fmt: skip

    def place(self, query: dict[str, str]) -> tuple[int, Any]:
        if self.refuse_placements_after is not None and self.placed >= self.refuse_placements_after:
            return 400, {"code": -2010, "msg": "Account has insufficient balance for requested action."}
        kind, side, client_id = query.get("type"), query.get("side"), query.get("newClientOrderId") or f"web_{self.placed}"
        try:
            price, quantity = float(query["price"]), float(query["quantity"])
        except (KeyError, ValueError):
            return MALFORMED
        if query.get("symbol") != self.symbol or kind not in ("LIMIT_MAKER", "LIMIT") or side not in ("BUY", "SELL"):
            return 400, {"code": -1013, "msg": f"Invalid symbol, type or side for this loopback ({self.symbol} LIMIT/LIMIT_MAKER only)."}
        takes = price >= float(self.ask) if side == "BUY" else price <= float(self.bid)
        if kind == "LIMIT_MAKER" and takes:
            return 400, {"code": -2010, "msg": "Order would immediately match and take."}
        if query.get("timeInForce") == "GTX" and takes:
            return 400, {"code": -5022, "msg": "Due to the order could not be executed as maker, the Post Only order will be rejected."}
        if self.product != COINM and price * quantity < MIN_NOTIONAL:  # COIN-M counts contracts, with no notional filter
            return 400, {"code": -1013, "msg": "Filter failure: NOTIONAL"}
        if any(o["clientOrderId"] == client_id and o["status"] == "NEW" for o in self.orders.values()):
            return 400, {"code": -2010, "msg": "Duplicate order sent."}
        self.placed += 1
        now = int(time.time() * 1000)
        order_id = next(self._ids)
        self.orders[order_id] = {
            "symbol": self.symbol, "orderId": order_id, "orderListId": -1, "clientOrderId": client_id, "price": query["price"], "origQty": query["quantity"],
            "executedQty": "0.00000000", "cummulativeQuoteQty": "0.00000000", "status": "NEW", "timeInForce": "GTC", "type": kind, "side": side,
            "stopPrice": "0.00000000", "icebergQty": "0.00000000", "time": now, "updateTime": now, "isWorking": True, "workingTime": now,
            "origQuoteOrderQty": "0.00000000", "selfTradePreventionMode": "EXPIRE_MAKER",
        }  # fmt: skip
        futures = self.product in (USDM, COINM)
        if self.product == COINM:
            self.orders[order_id].update({"pair": "BTCUSD", "cumBase": "0"})
        if futures:
            self.orders[order_id].update({"timeInForce": query.get("timeInForce", "GTC"), "avgPrice": "0.00", "cumQty": "0", "cumQuote": "0",
                                          "reduceOnly": False, "closePosition": False, "positionSide": "BOTH", "workingType": "CONTRACT_PRICE",
                                          "priceProtect": False, "origType": kind, "priceMatch": "NONE", "goodTillDate": 0})  # fmt: skip
        if self.lose_placement_answers > 0:
            self.lose_placement_answers -= 1
            return 503, {"code": -1000, "msg": "An unknown error occurred while processing the request."}
        if futures:
            return 200, dict(self.orders[order_id])
        placed = dict(self.orders[order_id])
        for key in ("time", "updateTime", "isWorking", "stopPrice", "icebergQty", "origQuoteOrderQty"):
            placed.pop(key)
        return 200, {**placed, "transactTime": now, "fills": []}

    def find(self, symbol: str, query: dict[str, str]) -> dict[str, Any] | None:
        """The page's lookup: orderId first, then the client id checked against that order; or the client id alone."""
        order_id, client_id = query.get("orderId"), query.get("origClientOrderId")
        if order_id:
            order = self.orders.get(int(order_id)) if order_id.isdigit() else None
            if order is not None and client_id and order["clientOrderId"] != client_id:
                return None
        else:
            # a client id names the newest order that carried it
            order = next((o for o in reversed(list(self.orders.values())) if o["clientOrderId"] == client_id), None)
        return order if order is not None and order["symbol"] == symbol else None

    def cancel(self, symbol: str, query: dict[str, str]) -> tuple[int, Any]:
        order = self.find(symbol, query)
        if order is None or order["status"] != "NEW":
            return UNKNOWN
        return 200, self.close(order, query.get("newClientOrderId"))

    def close(self, order: dict[str, Any], new_client_id: str | None = None) -> dict[str, Any]:
        """Cancel a NEW order and give its cancel report (the page's Cancel Order response), unless the book lies about it."""
        if self.lies.get(order["orderId"], 0) > 0:
            self.lies[order["orderId"]] -= 1
            return self.report(order, new_client_id)  # says CANCELED, leaves it NEW
        order["status"] = "CANCELED"
        order["updateTime"] = int(time.time() * 1000)
        order["isWorking"] = False
        return self.report(order, new_client_id)

    def futures_answer(self, method: str, path: str, raw: str, query: dict[str, str], symbol: str) -> tuple[int, Any]:
        """USD-M's cancel, batch cancel, cancel-all (an acknowledgement), query and open orders, from the same state."""
        if path == "/api/v3/order" and method in ("DELETE", "GET"):
            refused = binance.refusal(raw, QUERY, capped=False, one_of=("orderId", "origClientOrderId"))
            order = None if refused else self.find(symbol, query)
            if refused or method == "GET":
                return refused or ((200, dict(order)) if order is not None else NOT_EXIST)
            return (200, self.close(order)) if order is not None and order["status"] == "NEW" else UNKNOWN
        if path == "/api/v3/batchOrders" and method == "DELETE":
            refused = binance.refusal(raw, frozenset({"symbol", "orderidlist", "origclientorderidlist"}), capped=False)
            if refused:
                return refused
            answers = []
            for wanted in json.loads(query.get("orderidlist", "[]")):
                order = self.find(symbol, {"orderId": str(wanted)})
                answers.append(self.close(order) if order is not None and order["status"] == "NEW" else dict(UNKNOWN[1]))
            return 200, answers
        if path == "/api/v3/allOpenOrders" and method == "DELETE":
            for order in [o for o in self.orders.values() if o["symbol"] == symbol and o["status"] == "NEW"]:
                self.close(order)
            return 200, {"code": 200, "msg": "The operation of cancel all open order is done."}
        if path == "/api/v3/openOrders" and method == "GET":
            return 200, self.open_orders(symbol)
        return 404, {"code": -1100, "msg": "Not found"}

    def report(self, order: dict[str, Any], new_client_id: str | None = None) -> dict[str, Any]:
        if self.product in (USDM, COINM):
            return {**order, "status": "CANCELED", "updateTime": int(time.time() * 1000)}
        return {
            "symbol": order["symbol"], "origClientOrderId": order["clientOrderId"], "orderId": order["orderId"], "orderListId": -1,
            "clientOrderId": new_client_id or f"cancel{order['orderId']}", "transactTime": int(time.time() * 1000), "price": order["price"],
            "origQty": order["origQty"], "executedQty": "0.00000000", "cummulativeQuoteQty": "0.00000000", "status": "CANCELED",
            "timeInForce": order["timeInForce"], "type": order["type"], "side": order["side"], "selfTradePreventionMode": "EXPIRE_MAKER",
        }  # fmt: skip


SPOT, USDM, COINM = "spot", "usdm", "coinm"
COINM_SYMBOL = "BTCUSD_PERP"
BOOKS: weakref.WeakKeyDictionary[Any, dict[str, Book]] = weakref.WeakKeyDictionary()
_BOOKS_LOCK = threading.Lock()


def book(server: Any, product: str = SPOT) -> Book:
    """The server's order book of that product, made on first use (a test may make it first to tell it to misbehave)."""
    with _BOOKS_LOCK:
        return BOOKS.setdefault(server, {}).setdefault(product, Book(product=product))


MIN_NOTIONAL = 5.0


FUTURES_ORDER = NEW_ORDER | {"positionSide", "reduceOnly", "priceMatch", "goodTillDate"}


def futures_info(product: str = USDM) -> dict[str, Any]:
    """The USD-M (or COIN-M) Exchange Information page's shape, one perpetual with the filters ccxt and a verify run read."""
    if product == COINM:
        return {"timezone": "UTC", "serverTime": int(time.time() * 1000), "rateLimits": [], "exchangeFilters": [], "symbols": [{
            "symbol": COINM_SYMBOL, "pair": "BTCUSD", "contractType": "PERPETUAL", "deliveryDate": 4133404800000, "onboardDate": 1597042800000,
            "contractStatus": "TRADING", "contractSize": 100, "marginAsset": "BTC", "baseAsset": "BTC", "quoteAsset": "USD",
            "pricePrecision": 1, "quantityPrecision": 0, "baseAssetPrecision": 8, "quotePrecision": 8, "equalQtyPrecision": 4,
            "triggerProtect": "0.0500", "underlyingType": "COIN",
            "filters": [
                {"filterType": "PRICE_FILTER", "minPrice": "1000", "maxPrice": "4520958", "tickSize": "0.1"},
                {"filterType": "LOT_SIZE", "minQty": "1", "maxQty": "1000000", "stepSize": "1"},
                {"filterType": "PERCENT_PRICE", "multiplierUp": "1.0500", "multiplierDown": "0.9500", "multiplierDecimal": "4"},
            ],
            "orderTypes": ["LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"],
            "timeInForce": ["GTC", "IOC", "FOK", "GTX"],
        }]}  # fmt: skip
    symbol = {
        "symbol": SYMBOL, "pair": SYMBOL, "contractType": "PERPETUAL", "deliveryDate": 4133404800000, "onboardDate": 1569398400000,
        "status": "TRADING", "baseAsset": "BTC", "quoteAsset": "USDT", "marginAsset": "USDT", "pricePrecision": 2, "quantityPrecision": 3,
        "baseAssetPrecision": 8, "quotePrecision": 8, "underlyingType": "COIN", "settlePlan": 0, "triggerProtect": "0.0500",
        "filters": [
            {"filterType": "PRICE_FILTER", "minPrice": "556.80", "maxPrice": "4529764", "tickSize": "0.10"},
            {"filterType": "LOT_SIZE", "minQty": "0.001", "maxQty": "1000", "stepSize": "0.001"},
            {"filterType": "MIN_NOTIONAL", "notional": "100"},
            {"filterType": "PERCENT_PRICE", "multiplierUp": "1.0500", "multiplierDown": "0.9500", "multiplierDecimal": "4"},
        ],
        "orderTypes": ["LIMIT", "MARKET", "STOP", "STOP_MARKET", "TAKE_PROFIT", "TAKE_PROFIT_MARKET", "TRAILING_STOP_MARKET"],
        "timeInForce": ["GTC", "IOC", "FOK", "GTX"],
    }  # fmt: skip
    return {"timezone": "UTC", "serverTime": int(time.time() * 1000), "futuresType": "U_MARGINED", "rateLimits": [], "exchangeFilters": [],
            "assets": [], "symbols": [symbol]}  # fmt: skip


def exchange_info() -> dict[str, Any]:
    """rest-api.md's Exchange information, one symbol, with the filters ccxt and a verify run read."""
    symbol = {
        "symbol": SYMBOL, "status": "TRADING", "baseAsset": "BTC", "baseAssetPrecision": 8, "quoteAsset": "USDT", "quotePrecision": 8,
        "quoteAssetPrecision": 8, "baseCommissionPrecision": 8, "quoteCommissionPrecision": 8,
        "orderTypes": ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"],
        "icebergAllowed": True, "ocoAllowed": True, "otoAllowed": True, "quoteOrderQtyMarketAllowed": True, "allowTrailingStop": True,
        "cancelReplaceAllowed": True, "isSpotTradingAllowed": True, "isMarginTradingAllowed": False,
        "filters": [
            {"filterType": "PRICE_FILTER", "minPrice": "0.01000000", "maxPrice": "1000000.00000000", "tickSize": "0.01000000"},
            {"filterType": "LOT_SIZE", "minQty": "0.00001000", "maxQty": "9000.00000000", "stepSize": "0.00001000"},
            {"filterType": "PERCENT_PRICE_BY_SIDE", "bidMultiplierUp": "5", "bidMultiplierDown": "0.2", "askMultiplierUp": "5",
             "askMultiplierDown": "0.2", "avgPriceMins": 5},
            {"filterType": "NOTIONAL", "minNotional": f"{MIN_NOTIONAL:.8f}", "applyMinToMarket": True, "maxNotional": "9000000.00000000",
             "applyMaxToMarket": False, "avgPriceMins": 5},
        ],
        "permissions": [], "permissionSets": [["SPOT"]], "defaultSelfTradePreventionMode": "EXPIRE_MAKER",
        "allowedSelfTradePreventionModes": ["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"],
    }  # fmt: skip
    return {"timezone": "UTC", "serverTime": int(time.time() * 1000), "rateLimits": [], "exchangeFilters": [], "symbols": [symbol]}


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
