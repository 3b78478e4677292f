"""A stub Bybit for tests and the benchmark: answers ccxt's own load_markets, account detection and the cancel endpoints without a socket.

Instrument rows are the examples of Bybit's "Get Instruments Info" page
(docs/v5/market/instrument.mdx @ b3f09bd5621e2b0edbb7639607d58b35de0c6505):
the linear BTCUSDT row, the spot BTCUSDT row, and an inverse BTCUSD row
adapted from the linear one (the page shows no inverse example). Cancels are
answered by the loopback venue's ``answer_for`` (tests/support/loopback/bybit.py).
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from tests.support.helpers import RequestLog
from tests.support.loopback import bybit as venue

LINEAR_ROW: dict[str, Any] = {
    "symbol": "BTCUSDT", "symbolId": 5, "contractType": "LinearPerpetual", "status": "Trading", "baseCoin": "BTC", "quoteCoin": "USDT",
    "launchTime": "1585526400000", "deliveryTime": "0", "deliveryFeeRate": "", "priceScale": "2",
    "leverageFilter": {"minLeverage": "1", "maxLeverage": "100.00", "leverageStep": "0.01"},
    "priceFilter": {"minPrice": "0.10", "maxPrice": "1999999.80", "tickSize": "0.10"},
    "lotSizeFilter": {"maxOrderQty": "1190.000", "minOrderQty": "0.001", "qtyStep": "0.001", "postOnlyMaxOrderQty": "1190.000", "maxMktOrderQty": "500.000", "minNotionalValue": "5"},
    "unifiedMarginTrade": True, "fundingInterval": 480, "settleCoin": "USDT", "copyTrading": "both", "upperFundingRate": "0.00375",
    "lowerFundingRate": "-0.00375", "isPreListing": False, "preListingInfo": None, "riskParameters": {"priceLimitRatioX": "0.01", "priceLimitRatioY": "0.02"}, "symbolType": "",
}  # fmt: skip
INVERSE_ROW: dict[str, Any] = {
    **LINEAR_ROW,
    "symbol": "BTCUSD",
    "contractType": "InversePerpetual",
    "quoteCoin": "USD",
    "settleCoin": "BTC",
    "copyTrading": "none",
}
SPOT_ROW: dict[str, Any] = {
    "symbolId": 9, "symbol": "BTCUSDT", "baseCoin": "BTC", "quoteCoin": "USDT", "innovation": "0", "status": "Trading", "marginTrading": "utaOnly", "stTag": "0",
    "lotSizeFilter": {"basePrecision": "0.000001", "quotePrecision": "0.0000001", "minOrderQty": "0.000011", "maxOrderQty": "83", "minOrderAmt": "5", "maxOrderAmt": "8000000",
                      "maxLimitOrderQty": "83", "maxMarketOrderQty": "41.5", "postOnlyMaxLimitOrderSize": "60000"},
    "priceFilter": {"tickSize": "0.1"}, "riskParameters": {"priceLimitRatioX": "0.005", "priceLimitRatioY": "0.01"}, "symbolType": "",
}  # fmt: skip


def ok(result: Any) -> dict[str, Any]:
    return {"retCode": 0, "retMsg": "OK", "result": result, "retExtInfo": {}, "time": 1735809771618}


def answer(method: str, url: str, body: Any = None) -> Any:
    """What the stub answers: instruments for load_markets, a UTA 2.0 account for ccxt's detection, the loopback's cancel answers."""
    parts = urlsplit(url)
    query = parts.query
    if parts.path.endswith("/v5/market/instruments-info"):
        if "PreLaunch" in query or "category=option" in query:
            return ok({"category": "", "list": [], "nextPageCursor": ""})
        rows = {"category=spot": SPOT_ROW, "category=linear": LINEAR_ROW, "category=inverse": INVERSE_ROW}
        row = next(value for key, value in rows.items() if key in query)
        return ok({"category": query.split("category=")[1].split("&")[0], "list": [row], "nextPageCursor": ""})
    if parts.path.endswith("/v5/asset/coin/query-info"):
        return ok({"rows": []})
    if parts.path.endswith("/v5/user/query-api"):
        return ok({"uta": 1, "unified": 0})
    if parts.path.endswith("/v5/account/info"):
        return ok({"unifiedMarginStatus": 5})
    if parts.path.endswith("/v5/market/time"):
        return ok({"timeSecond": "1735809771", "timeNano": "1735809771618000000"})
    text = body.decode() if isinstance(body, bytes) else (body or "")
    return venue.answer_for(method, parts.path, query, text)[1]


class Router(RequestLog):
    """A RequestLog that keeps (method, url, body) and answers from :func:`answer` (or ``answer_for``)."""

    def __init__(self, answer_for: Callable[[str, str, Any], Any] = answer) -> None:
        super().__init__()
        self.answer_for = answer_for

    @property
    def count(self) -> int:
        return len(self.requests)

    def bodies(self, path: str) -> list[Any]:
        return [json.loads(body) for method, url, body in self.requests if method == "POST" and urlsplit(url).path.endswith(path)]

    def record(self, method: str, url: str, headers: Any, body: Any) -> None:
        self.requests.append((method, url, body))

    def respond(self, method: str, url: str, headers: Any, body: Any) -> Any:
        return self.answer_for(method, url, body)


@functools.cache
def _parsed() -> tuple[dict[str, Any], ...]:
    import ccxt

    exchange = Router().attach(ccxt.bybit({"enableRateLimit": False}))
    exchange.load_markets()
    return tuple(exchange.markets.values())


def parsed_markets() -> list[dict[str, Any]]:
    """The three rows as ccxt itself parses them (through its own load_markets on the stub); a fresh copy each time."""
    return copy.deepcopy(list(_parsed()))
