"""Arbitrary ids, symbols and params through BitoPro margin (hypothesis): ccxt errors only, and a clean wire.

The harness is tests/support/properties.py (the stubbed wire, the shared
strategies, ``check_clean``): a claimed call's requests are answered with the
loopback exchange's canned answers, so the parsers run too; a declined call
is ccxt's own. For every generated call only ``ccxt.BaseError`` escapes, a
call the hook rejects sends nothing, and no request of a claimed call carries
the text ``None``, an empty id or pair, or a selector key.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ccxt_cancel
from tests.support.properties import EXAMPLES, Wire, call_cleanly, check_clean, exchange_for, id_lists, ids, params, symbols

BITOPRO_SYMBOLS = [
    "BTC/USDT", "btc_usdt", "BTC_USDT", "ETH/BTC", "../btc_usdt", "btc_usdt/..", "BTC/USDT:USDT", "btc/usdt", "ＢＴＣ/USDT",
    "BTC//USDT", "BTC/USDT?x=1", "btc_usdt%2f..", "btc_usdt/1", "", " ", " BTC/USDT", "None", "None/USDT", "_",
]  # fmt: skip
BITOPRO_PARAMS = params(huge_ints=False, empty_ids=False)


@pytest.fixture
def bitopro() -> Iterator[tuple[Any, Wire]]:
    """A cold sync exchange with options.defaultType = margin, so every call on it is claimed by bitopro_margin."""
    exchange, wire = exchange_for("bitopro", options={"defaultType": "margin"})
    yield exchange, wire
    ccxt_cancel.uninstall(exchange)


@EXAMPLES
@given(id=ids, symbol=symbols(BITOPRO_SYMBOLS), params=BITOPRO_PARAMS)
def test_bitopro_cancel_order_arbitrary_input(bitopro: tuple[Any, Wire], id: Any, symbol: Any, params: Any) -> None:
    """cancel_order on BitoPro margin: ccxt errors only; DELETE /margin/orders/{pair}/{orderId} always well formed."""
    check_clean(*bitopro, "cancel_order", {"id": id, "symbol": symbol, "params": params})


@EXAMPLES
@given(ids=id_lists, symbol=symbols(BITOPRO_SYMBOLS), params=BITOPRO_PARAMS)
def test_bitopro_cancel_orders_arbitrary_input(bitopro: tuple[Any, Wire], ids: Any, symbol: Any, params: Any) -> None:
    """cancel_orders on BitoPro margin: ccxt errors only; the PUT body never holds an empty pair or id, None or a selector."""
    check_clean(*bitopro, "cancel_orders", {"ids": ids, "symbol": symbol, "params": params})


@EXAMPLES
@given(symbol=st.one_of(st.none(), symbols(BITOPRO_SYMBOLS)), params=BITOPRO_PARAMS)
def test_bitopro_cancel_all_orders_arbitrary_input(bitopro: tuple[Any, Wire], symbol: Any, params: Any) -> None:
    """cancel_all_orders on BitoPro margin: ccxt errors only; /margin/orders/all or /margin/orders/{pair}, clean."""
    check_clean(*bitopro, "cancel_all_orders", {"symbol": symbol, "params": params})


def test_a_claimed_call_is_really_exercised(bitopro: tuple[Any, Wire]) -> None:
    """Sanity: valid input through the same harness is claimed, sent and parsed (so the properties above see real requests)."""
    exchange, wire = bitopro
    wire.claimed = True
    assert exchange.cancel_order("1", "BTC/USDT")["id"] == "1"
    assert [o["id"] for o in exchange.cancel_orders(["1", "2"], "BTC/USDT")] == ["1", "2"]


# --- one precise input each ---------------------------------------------------------------------


@pytest.mark.parametrize("value", [[None], {"a": None}])
def test_none_nested_in_a_param_never_reaches_the_wire(value: Any) -> None:
    """A None one level down is still a None: refuse it (BadRequest) rather than send the text "None"."""
    exchange, wire = exchange_for("bitopro")
    call_cleanly(exchange, wire, "cancel_order", "1", "BTC/USDT", {"margin": True, "foo": value})


@pytest.mark.parametrize("value", [pytest.param({1, 2}, id="set"), pytest.param(b"x", id="bytes"), pytest.param(2**64, id="int-2**64")])
def test_bitopro_unencodable_param_is_a_ccxt_error(value: Any) -> None:
    """cancel_order('1', 'BTC/USDT', {'margin': True, 'foo': value}) must raise a ccxt error, not TypeError."""
    exchange, wire = exchange_for("bitopro")
    call_cleanly(exchange, wire, "cancel_order", "1", "BTC/USDT", {"margin": True, "foo": value})


def test_cancel_all_never_sends_an_empty_id() -> None:
    """An empty order id is never on the wire."""
    exchange, wire = exchange_for("bitopro")
    call_cleanly(exchange, wire, "cancel_all_orders", None, {"margin": True, "orderId": ""})


def test_bitopro_batch_body_holds_only_the_pair_entry() -> None:
    """The batch body is {"BTC_USDT": [ids]}: an extra param must not become an (empty) pair entry."""
    exchange, wire = exchange_for("bitopro")
    call_cleanly(exchange, wire, "cancel_orders", ["1"], "BTC/USDT", {"margin": True, "recvWindow": []})
