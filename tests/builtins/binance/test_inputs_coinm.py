"""Arbitrary ids, symbols and params through Binance COIN-M (hypothesis): ccxt errors only, and a clean wire.

The harness is tests/support/properties.py (see tests/builtins/bitopro/test_inputs.py
for the properties); the markets are never loaded, so the plugin decides from
the symbol alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given

import ccxt_cancel
from tests.support.properties import EXAMPLES, Wire, call_cleanly, check_clean, exchange_for, id_lists, ids, params, refused_and_silent, symbols

COINM_SYMBOLS = [
    "BTC/USD:BTC", "BTCUSD_PERP", "ETH/USD:ETH-251226", "ETHUSD_251226", "BTCUSD_251332", "BTC/USD:BTC-251226x", "BTC/USD:USD",
    "BTC/USDT:USDT", "../BTCUSD_PERP", "BTCUSD_PERP/../x", "btcusd_perp", "BTC/USD:BTC-", "", " ", "None", "NoneUSD_PERP",
    "ＢＴＣ/USD:ＢＴＣ", "BTCUSD_PERP&x=1",
]  # fmt: skip


COINM_PARAMS = params(empty_ids=False, margin_key=False)


@pytest.fixture
def coinm() -> Iterator[tuple[Any, Wire]]:
    """A cold sync binancecoinm: markets never loaded, so the plugin decides from the symbol alone."""
    exchange, wire = exchange_for("binancecoinm")
    yield exchange, wire
    ccxt_cancel.uninstall(exchange)


@EXAMPLES
@given(id=ids, symbol=symbols(COINM_SYMBOLS), params=COINM_PARAMS)
def test_coinm_cancel_order_arbitrary_input(coinm: tuple[Any, Wire], id: Any, symbol: Any, params: Any) -> None:
    """cancel_order on binancecoinm: ccxt errors only; never orderId=None, an empty id or symbol, or a selector key."""
    check_clean(*coinm, "cancel_order", {"id": id, "symbol": symbol, "params": params})


@EXAMPLES
@given(ids=id_lists, symbol=symbols(COINM_SYMBOLS), params=COINM_PARAMS)
def test_coinm_cancel_orders_arbitrary_input(coinm: tuple[Any, Wire], ids: Any, symbol: Any, params: Any) -> None:
    """cancel_orders on binancecoinm: ccxt errors only; every chunk's id list is non-empty and clean."""
    check_clean(*coinm, "cancel_orders", {"ids": ids, "symbol": symbol, "params": params})


@EXAMPLES
@given(symbol=symbols(COINM_SYMBOLS), params=COINM_PARAMS)
def test_coinm_cancel_all_orders_arbitrary_input(coinm: tuple[Any, Wire], symbol: Any, params: Any) -> None:
    """cancel_all_orders on binancecoinm: ccxt errors only; symbol always present and clean."""
    check_clean(*coinm, "cancel_all_orders", {"symbol": symbol, "params": params})


def test_a_claimed_call_is_really_exercised(coinm: tuple[Any, Wire]) -> None:
    """Sanity: valid input through the same harness is claimed, sent and parsed (so the properties above see real requests)."""
    exchange, wire = coinm
    wire.claimed = True
    assert [o["id"] for o in exchange.cancel_orders([str(i) for i in range(1, 13)], "BTC/USD:BTC")] == [str(i) for i in range(1, 13)]
    assert math.isfinite(exchange.cancel_order("7", "BTC/USD:BTC", {"recvWindow": "5000"})["price"])


# --- one precise input each ---------------------------------------------------------------------


def test_none_nested_in_a_param_never_reaches_the_wire() -> None:
    """A None one level down is still a None: refuse it (BadRequest) rather than send the text "None"."""
    exchange, wire = exchange_for("binancecoinm")
    call_cleanly(exchange, wire, "cancel_order", "1", "BTC/USD:BTC", {"foo": [None]})


@pytest.mark.parametrize("params", [{"orderId": ""}, {"origClientOrderId": ""}])
def test_cancel_all_never_sends_an_empty_id(params: dict[str, Any]) -> None:
    """An empty order id is never on the wire, whichever id key carries it."""
    exchange, wire = exchange_for("binancecoinm")
    call_cleanly(exchange, wire, "cancel_all_orders", "BTC/USD:BTC", params)


@pytest.mark.parametrize("method", ["cancel_order", "cancel_all_orders"])
def test_coinm_never_sends_the_margin_selector(method: str) -> None:
    """A bot that shares one params dict between exchanges must not leak margin=true into a COIN-M request."""
    exchange, wire = exchange_for("binancecoinm")
    args = ("1", "BTC/USD:BTC", {"margin": True}) if method == "cancel_order" else ("BTC/USD:BTC", {"margin": True})
    call_cleanly(exchange, wire, method, *args)


@pytest.mark.parametrize("params", [{"orderId": False}, {"orderId": "5"}, {"origClientOrderId": "x"}])
@pytest.mark.parametrize("exchange_id", ["binancecoinm", "binance"])
def test_cancel_all_refuses_an_id_and_sends_nothing(exchange_id: str, params: dict[str, Any]) -> None:
    """Found by the property above: COIN-M's cancel-all passed an id through (orderId=false on the wire).

    The page lists no id; the request would cancel every order of the symbol while the caller named one.
    """
    refused_and_silent(exchange_id, "cancel_all_orders", ("BTC/USD:BTC", dict(params)), "names an order, but a cancel-all cancels every open order")
