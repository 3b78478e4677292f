"""Canned exchange answers for the benchmark: enough for ccxt's own load_markets and cancel paths to succeed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ccxt_cancel import probe
from tests.support.cassette_specs import bitopro as docs
from tests.support.cassette_specs.binance import CANCELED

COINM_SYMBOL = {
    "symbol": "BTCUSD_PERP",
    "pair": "BTCUSD",
    "contractType": "PERPETUAL",
    "deliveryDate": 4133404800000,
    "onboardDate": 1597042800000,
    "contractStatus": "TRADING",
    "contractSize": 100,
    "marginAsset": "BTC",
    "maintMarginPercent": "2.5",
    "requiredMarginPercent": "5",
    "baseAsset": "BTC",
    "quoteAsset": "USD",
    "pricePrecision": 1,
    "quantityPrecision": 0,
    "baseAssetPrecision": 8,
    "quotePrecision": 8,
    "equalQtyPrecision": 4,
    "maxMoveOrderLimit": 10000,
    "triggerProtect": "0.05",
    "underlyingType": "COIN",
    "underlyingSubType": [],
    "filters": [
        {"filterType": "PRICE_FILTER", "minPrice": "0.1", "maxPrice": "4529764", "tickSize": "0.1"},
        {"filterType": "LOT_SIZE", "stepSize": "1", "maxQty": "1000000", "minQty": "1"},
    ],
    "orderTypes": ["LIMIT"],
    "timeInForce": ["GTC"],
    "liquidationFee": "0.015",
    "marketTakeBound": "0.05",
}
# The COIN-M cancel page's own response example: one home, the cassette spec.
COINM_ORDER = CANCELED
BITOPRO_PAIR = {
    "pair": "btc_usdt",
    "base": "btc",
    "quote": "usdt",
    "basePrecision": "8",
    "quotePrecision": "2",
    "minLimitBaseAmount": "0.0001",
    "maxLimitBaseAmount": "10",
    "minMarketBuyQuoteAmount": "10",
    "orderOpenLimit": "200",
    "maintain": False,
    "orderBookQuotePrecision": "2",
    "orderBookQuoteScaleLevel": "5",
    "amountPrecision": "8",
}
# The margin cancel page's own response example (the spot page's has the same shape): one home, the cassette spec.
BITOPRO_ORDER = docs.CANCELED


def answer(url: str, body: Any = None) -> Any:
    """What the stubbed transport returns for a URL."""
    path = url.split("?")[0]
    if path.endswith("/dapi/v1/exchangeInfo"):
        return {"timezone": "UTC", "serverTime": 1, "rateLimits": [], "exchangeFilters": [], "symbols": [COINM_SYMBOL]}
    if path.endswith("exchangeInfo"):
        return {"timezone": "UTC", "serverTime": 1, "rateLimits": [], "exchangeFilters": [], "symbols": []}
    if path.endswith("/dapi/v1/order"):
        return dict(COINM_ORDER)
    if path.endswith("provisioning/trading-pairs"):
        return {"data": [BITOPRO_PAIR]}
    if path.endswith("provisioning/currencies"):
        return {"data": []}
    if "/orders/btc_usdt/" in path:
        return dict(BITOPRO_ORDER)
    if path.endswith("/time"):
        return {"serverTime": 1}
    if path.endswith("/0/private/CancelOrder"):
        return {"error": [], "result": {"count": 1}}
    return []


class Transport(probe.Transport):
    """The one stub transport (``ccxt_cancel.probe.Transport``, sync or async): counts requests, answers from
    ``answer(url, body)`` (:func:`answer` unless given)."""

    def __init__(self, answer: Callable[[str, Any], Any] = answer) -> None:
        self.count = 0
        self.answer = answer

    def record(self, method: str, url: str, headers: Any, body: Any) -> None:
        self.count += 1

    def respond(self, method: str, url: str, headers: Any, body: Any) -> Any:
        return self.answer(url, body)
