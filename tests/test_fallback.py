"""A declined call is ccxt's call: the request that reaches the HTTP layer is byte-identical with and without the plugin."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import ccxt_cancel
from tests.support.helpers import FROZEN_MS, MODULES, RequestLog, freeze, new_exchange


def market(symbol: str, market_id: str, kind: str, **extra: Any) -> dict[str, Any]:
    base, rest = symbol.split("/")
    quote, _, settle = rest.partition(":")
    linear = kind in ("swap", "future") and settle == quote
    return {
        "id": market_id,
        "symbol": symbol,
        "base": base,
        "quote": quote,
        "settle": settle or None,
        "baseId": base.lower(),
        "quoteId": quote.lower(),
        "settleId": settle.lower() or None,
        "type": kind,
        "spot": kind == "spot",
        "margin": False,
        "swap": kind == "swap",
        "future": kind == "future",
        "option": False,
        "contract": kind != "spot",
        "linear": linear if kind != "spot" else None,
        "inverse": (not linear) if kind != "spot" else None,
        "active": True,
        "contractSize": 1 if kind != "spot" else None,
        "precision": {"amount": 0.0001, "price": 0.01},
        "limits": {},
        "info": {},
        **extra,
    }


MARKETS = {
    "bitopro": [market("BTC/USDT", "btc_usdt", "spot", uppercaseId="BTC_USDT")],
    "binance": [market("BTC/USDT", "BTCUSDT", "spot"), market("BTC/USDT:USDT", "BTCUSDT", "swap")],
    "binancecoinm": [market("BTC/USD:BTC", "BTCUSD_PERP", "swap")],
}

ORDER = {
    "orderId": "123",
    "symbol": "BTCUSDT",
    "status": "CANCELED",
    "side": "BUY",
    "price": "1",
    "origQty": "1",
    "action": "BUY",
    "timestamp": FROZEN_MS,
    "amount": "1",
}

# (exchange, method, args, params): calls no built-in plugin owns.
DECLINED = [
    ("bitopro", "cancel_order", ("123", "BTC/USDT"), {}),
    ("bitopro", "cancel_orders", (["123", "124"], "BTC/USDT"), {}),
    ("bitopro", "cancel_all_orders", ("BTC/USDT",), {}),
    ("bitopro", "cancel_order", ("123", "BTC/USDT"), {"margin": False}),
    ("binance", "cancel_order", ("123", "BTC/USDT"), {}),
    ("binance", "cancel_order", ("123", "BTC/USDT:USDT"), {"origClientOrderId": "abc", "trigger": True}),  # USD-M algo order
    ("binance", "cancel_orders", (["1", "2"], "BTC/USDT:USDT"), {"trigger": True}),
    ("binancecoinm", "cancel_order", ("123", "BTC/USD:BTC"), {"trigger": True}),
    ("binancecoinm", "cancel_order", ("123", "BTC/USD:BTC"), {"portfolioMargin": True, "conditional": True}),  # PM conditional
]


def sent(flavor: str, exchange_id: str, method: str, args: tuple[Any, ...], params: dict[str, Any], install: bool) -> list[Any]:
    log = RequestLog(answer=[ORDER] if method != "cancel_order" else ORDER)

    def prepare(exchange: Any) -> None:
        exchange.set_markets(MARKETS[exchange_id])
        freeze(exchange)
        log.attach(exchange)

    async def run() -> None:
        exchange = new_exchange(flavor, exchange_id)
        prepare(exchange)
        if install:
            ccxt_cancel.install(exchange)
        try:
            try:
                result = getattr(exchange, method)(*args, params=dict(params))
                if flavor != "sync":
                    await result
            except Exception as exc:  # noqa: BLE001  (ccxt may reject the canned answer; the request is what we compare)
                log.requests.append(("raised", type(exc).__name__, None, None))
        finally:
            ccxt_cancel.uninstall(exchange)
            if flavor != "sync":
                await exchange.close()

    asyncio.run(run())
    return log.requests


@pytest.mark.parametrize(("exchange_id", "method", "args", "params"), DECLINED)
@pytest.mark.parametrize("flavor", list(MODULES))
def test_declined_call_sends_exactly_what_ccxt_sends(flavor: str, exchange_id: str, method: str, args: tuple[Any, ...], params: dict[str, Any]) -> None:
    plain = sent(flavor, exchange_id, method, args, params, install=False)
    routed = sent(flavor, exchange_id, method, args, params, install=True)
    assert plain, "ccxt sent nothing: the scenario is wrong"
    assert routed == plain


def test_declined_call_is_identical_under_global_install() -> None:
    plain = sent("sync", "bitopro", "cancel_order", ("123", "BTC/USDT"), {}, install=False)
    ccxt_cancel.install()
    try:
        routed = sent("sync", "bitopro", "cancel_order", ("123", "BTC/USDT"), {}, install=False)
    finally:
        ccxt_cancel.uninstall()
    assert routed == plain
