"""The Binance plugins share one routing: at most one claims a call, it picks the endpoint ccxt picks, and cold agrees with loaded.

A matrix of symbols, params and options on binance, binanceusdm and
binancecoinm, run through every Binance plugin's hooks and through ccxt's
own ``cancel_order`` on a stub transport with markets loaded (ccxt's
``parse_market`` of canned exchangeInfo entries).
"""

from __future__ import annotations

import itertools
from typing import Any

import ccxt
import pytest

import ccxt_cancel
from ccxt_cancel import patching
from ccxt_cancel.builtins.binance import coinm, margin, markets, portfolio, spot, usdm
from tests.builtins.binance.support import parsed_markets
from tests.support.helpers import RequestLog, credentials

PLUGINS = {"binance_coinm": coinm, "binance_usdm": usdm, "binance_spot": spot, "binance_margin": margin, "binance_portfolio": portfolio}
EXCHANGES = ("binance", "binanceusdm", "binancecoinm")
SYMBOLS = ("BTC/USDT", "BTCUSDT", "LTC/BTC", "LTCBTC", "BTC/USDT:USDT", "BTC/USDT:USDT-251226", "BTCUSDT_251226", "BTC/USD:BTC", "BTCUSD_PERP")
PARAMS: tuple[dict[str, Any], ...] = (
    {},
    {"marginMode": "cross"},
    {"marginMode": "isolated"},
    {"marginMode": "CROSS"},
    {"portfolioMargin": True},
    {"portfolioMargin": True, "marginMode": "cross"},
    {"portfolioMargin": False},
    {"papi": True},
    {"trigger": True},
    {"type": "spot"},
    {"clientOrderId": "x"},
)
OPTIONS: tuple[dict[str, Any], ...] = (
    {},
    {"defaultType": "swap"},
    {"defaultType": "future"},
    {"defaultType": "margin"},
    {"defaultType": "swap", "defaultSubType": "inverse"},
    {"marginMode": "isolated"},
    {"portfolioMargin": True},
)
CASES = list(itertools.product(EXCHANGES, SYMBOLS, PARAMS, OPTIONS))


_exchanges: dict[tuple[str, tuple[tuple[str, Any], ...], bool], Any] = {}


def exchange_for(exchange_id: str, options: dict[str, Any], loaded: bool) -> Any:
    """One exchange per (id, options, loaded), reused: building a ccxt exchange costs more than a routing decision."""
    key = (exchange_id, tuple(sorted(options.items())), loaded)
    if key not in _exchanges:
        exchange = getattr(ccxt, exchange_id)({**credentials(exchange_id), "options": dict(options), "enableRateLimit": False})
        if loaded:
            exchange.set_markets(parsed_markets(exchange_id))
        _exchanges[key] = exchange
    return _exchanges[key]


def claimants(exchange: Any, method: str, args: tuple[Any, ...]) -> list[str]:
    found = []
    for name, module in PLUGINS.items():
        if exchange.id not in module.CCXT_CANCEL_EXCHANGES:
            continue
        try:
            plan = getattr(module, f"ccxt_{method}")(exchange, *args[:-1], dict(args[-1]))
        except ccxt.BaseError:
            plan = None
        if plan is not None:
            found.append(name)
    return found


@pytest.mark.parametrize("method", ["cancel_order", "cancel_orders", "cancel_all_orders"])
@pytest.mark.parametrize("loaded", [False, True], ids=["cold", "loaded"])
def test_no_two_plugins_claim_the_same_call(method: str, loaded: bool) -> None:
    clashes = []
    for exchange_id, symbol, params, options in CASES:
        exchange = exchange_for(exchange_id, options, loaded)
        args: tuple[Any, ...] = {"cancel_order": ("1", symbol, params), "cancel_orders": (["1", "2"], symbol, params), "cancel_all_orders": (symbol, params)}[
            method
        ]
        found = claimants(exchange, method, args)
        if len(found) > 1:
            clashes.append((exchange_id, symbol, params, options, found))
    assert clashes == []


def delete_path(exchange: Any, install: bool, symbol: str, params: dict[str, Any]) -> str | None:
    """The path of the DELETE this cancel_order sends (ccxt's own method when not installed), or None when it raises first."""
    log = RequestLog(answer={"orderId": 1, "symbol": "BTCUSDT", "status": "CANCELED"})
    log.attach(exchange)
    method = exchange.cancel_order if install else patching.original_method(type(exchange), "cancel_order").__get__(exchange)
    try:
        method("1", symbol, dict(params))
    except ccxt.BaseError:
        pass
    deletes = [url.split("?")[0].split(".com")[1] for verb, url, _, _ in log.requests if verb == "DELETE"]
    return deletes[0] if deletes else None


def test_a_claimed_cancel_goes_where_ccxt_sends_it_and_cold_agrees_with_loaded() -> None:
    disagreements: list[Any] = []
    installed: list[Any] = []
    try:
        _compare(disagreements, installed)
    finally:
        for exchange in installed:
            ccxt_cancel.uninstall(exchange)
    assert disagreements == []


def _compare(disagreements: list[Any], installed: list[Any]) -> None:
    claimed = 0
    for exchange_id, symbol, params, options in CASES:
        loaded = exchange_for(exchange_id, options, True)
        found = claimants(loaded, "cancel_order", ("1", symbol, params))
        cold = exchange_for(exchange_id, options, False)
        cold_found = claimants(cold, "cancel_order", ("1", symbol, params))
        if cold_found and cold_found != found:
            disagreements.append(("cold vs loaded", exchange_id, symbol, params, options, cold_found, found))
        if not found:
            continue
        claimed += 1
        theirs = delete_path(loaded, False, symbol, params)  # ccxt's own method, even on an installed exchange
        if loaded not in installed:
            installed.append(ccxt_cancel.install(loaded))
        ours = delete_path(loaded, True, symbol, params)
        if ours != theirs:
            disagreements.append(("endpoint", exchange_id, symbol, params, options, ours, theirs))
    assert claimed > 200  # the matrix really exercises the plugins


@pytest.mark.parametrize(
    ("exchange_id", "symbol", "options", "product"),
    [
        ("binance", "BTC/USDT", {}, markets.SPOT),
        ("binance", "BTCUSDT", {}, markets.SPOT),
        ("binance", "BTCUSDT", {"defaultType": "swap"}, markets.USDM),
        ("binance", "BTC/USDT", {"defaultType": "swap"}, markets.USDM),
        ("binance", "BTC/USDT:USDT", {}, markets.USDM),
        ("binance", "BTC/USD:BTC", {}, markets.COINM),
        ("binanceusdm", "BTCUSDT", {}, markets.USDM),
        ("binanceusdm", "BTC/USDT", {}, markets.USDM),
        ("binance", "BTC/USDT", {"marginMode": "cross"}, markets.MARGIN),
        ("binance", "BTC/USDT:USDT", {"portfolioMargin": True}, markets.PM_UM),
        ("binancecoinm", "BTC/USD:BTC", {"portfolioMargin": True}, markets.PM_CM),
        ("binance", "BTC/USDT", {"portfolioMargin": True, "marginMode": "cross"}, markets.PM_MARGIN),
        ("binance", "ETHBTC", {"defaultType": "swap"}, None),  # no USD-M settle asset ends the id
        ("binance", "BTCUSDT", {"defaultType": "option"}, None),  # ccxt would pick by load order
        ("binance", "XBT/USDT", {}, None),  # ccxt renames XBT to BTC: not a Binance id
        ("binance", "BTC-251226-100000-C", {}, None),  # options stay ccxt's
        ("binanceusdm", "BTC/USD:BTC", {}, None),
    ],
)
def test_cold_routes(exchange_id: str, symbol: str, options: dict[str, Any], product: str | None) -> None:
    exchange = exchange_for(exchange_id, options, False)
    found = markets.route(exchange, "cancelOrder", symbol, {})
    assert (found.product if found else None) == product
