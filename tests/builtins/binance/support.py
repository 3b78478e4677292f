"""Shared by the Binance product tests: canned markets (parsed by ccxt itself), a URL-aware request log, and wire comparison.

The exchangeInfo entries have the shape of Binance's Exchange-Information
pages; ccxt's own ``parse_market`` turns them into markets, so a test with
markets loaded sees what a bot with loaded markets sees.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ccxt
from ccxt.test.exchange.base.test_order import test_order as ccxt_test_order

from tests.support.helpers import RequestLog, call, freeze

INFO_SPOT = {
    "symbol": "BTCUSDT", "status": "TRADING", "baseAsset": "BTC", "quoteAsset": "USDT", "baseAssetPrecision": 8,
    "quotePrecision": 8, "filters": [], "permissions": [], "isMarginTradingAllowed": True,
}  # fmt: skip
INFO_SPOT_LTC = {**INFO_SPOT, "symbol": "LTCBTC", "baseAsset": "LTC", "quoteAsset": "BTC"}
INFO_USDM = {
    "symbol": "BTCUSDT", "pair": "BTCUSDT", "contractType": "PERPETUAL", "deliveryDate": 4133404800000, "status": "TRADING",
    "marginAsset": "USDT", "baseAsset": "BTC", "quoteAsset": "USDT", "pricePrecision": 2, "quantityPrecision": 3, "filters": [],
}  # fmt: skip
INFO_USDM_DATED = {**INFO_USDM, "symbol": "BTCUSDT_251226", "contractType": "CURRENT_QUARTER", "deliveryDate": 1766736000000}
INFO_COINM = {
    "symbol": "BTCUSD_PERP", "pair": "BTCUSD", "contractType": "PERPETUAL", "deliveryDate": 4133404800000,
    "contractStatus": "TRADING", "contractSize": 100, "marginAsset": "BTC", "baseAsset": "BTC", "quoteAsset": "USD",
    "pricePrecision": 1, "quantityPrecision": 0, "filters": [],
}  # fmt: skip

INFOS: dict[str, list[dict[str, Any]]] = {
    "binance": [INFO_SPOT, INFO_SPOT_LTC, INFO_USDM, INFO_USDM_DATED, INFO_COINM],
    "binanceusdm": [INFO_USDM, INFO_USDM_DATED],
    "binancecoinm": [INFO_COINM],
}


def parsed_markets(exchange_id: str) -> list[dict[str, Any]]:
    parser = ccxt.binance()
    parser.options.update({"crossMarginPairsData": [], "isolatedMarginPairsData": []})
    return [parser.parse_market(info) for info in INFOS[exchange_id]]


def check_unified(order: dict[str, Any], symbol: str, skip: dict[str, Any] | None = None) -> None:
    """ccxt's own unified-order checks (ccxt/test/exchange/base/test_order.py)."""
    ccxt_test_order(ccxt.binance(), skip or {}, "cancelOrder", order, symbol, ccxt.binance().milliseconds())


class Router(RequestLog):
    """A RequestLog whose answer depends on the method and URL (ccxt's load_markets, then the cancel)."""

    def __init__(self, answer_for: Callable[[str, str], Any]) -> None:
        super().__init__()
        self.answer_for = answer_for

    def respond(self, method: str, url: str, headers: Any, body: Any) -> Any:
        return self.answer_for(method, url)


def market_answers(cancel: Callable[[str, str], Any]) -> Callable[[str, str], Any]:
    """Answers for ccxt's load_markets (canned exchangeInfo), and ``cancel(method, url)`` for anything else."""

    def answer(method: str, url: str) -> Any:
        path = url.split("?")[0]
        if path.endswith("/fapi/v1/exchangeInfo"):
            return {"symbols": [INFO_USDM, INFO_USDM_DATED], "rateLimits": []}
        if path.endswith("/dapi/v1/exchangeInfo"):
            return {"symbols": [INFO_COINM], "rateLimits": []}
        if path.endswith("/api/v3/exchangeInfo"):
            return {"symbols": [INFO_SPOT, INFO_SPOT_LTC], "rateLimits": []}
        if method == "GET":
            return []
        return cancel(method, url)

    return answer


def wire(
    flavor: str, exchange_id: str, method: str, args: tuple[Any, ...], options: dict[str, Any], install: bool, answer: Any, markets: bool = True
) -> list[Any]:
    """What one call sends (method, URL with a frozen clock, headers, body), with or without the plugin installed."""
    log = RequestLog(answer=answer)

    def prepare(exchange: Any) -> None:
        exchange.options.update(options)
        if markets:
            exchange.set_markets(parsed_markets(exchange_id))
        freeze(exchange)
        log.attach(exchange)

    try:
        call(flavor, exchange_id, method, *args, install=install, prepare=prepare)
    except ccxt.BaseError as exc:  # ccxt may dislike the canned answer; the request is what we compare
        log.requests.append(("raised", type(exc).__name__, None, None))
    return log.requests


def deletes(requests: list[Any]) -> list[tuple[str, str]]:
    """(path, query without timestamp and signature) of each DELETE."""
    found = []
    for method, url, _, _ in requests:
        if method == "DELETE":
            path, _, query = url.partition("?")
            kept = "&".join(part for part in query.split("&") if not part.startswith(("timestamp=", "signature=")))
            found.append((path, kept))
    return found
