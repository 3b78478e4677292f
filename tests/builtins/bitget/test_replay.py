"""bitget: the cassettes (cassettes/bitget/, built by tests/support/cassette_specs/bitget.py) replayed sync, async and pro.

Every replaying test runs on a cold exchange with ccxt's own ``uta`` option
False (classic): the cassette holds only the cancel requests, so it also shows
that no market is loaded and no account-mode request is made. vcr matches the
body, so a ``clientOid`` that should not be on the wire would not replay.
"""

from __future__ import annotations

from typing import Any

import ccxt
import pytest
from ccxt.test.exchange.base.test_order import test_order as ccxt_test_order

import ccxt_cancel
from tests.support.cassette_specs.bitget import (
    MANY,
    MANY_FAILED,
    MIX_CLIENT_ID,
    MIX_ORDER_ID,
    PAGE_FAILURE,
    PAGE_SUCCESS,
    PARTIAL_IDS,
    SPOT_CLIENT_ID,
    SPOT_ORDER_ID,
)
from tests.support.helpers import FLAVORS, call

ERROR = ccxt_cancel.ERROR_KEY
CLASSIC = {"options": {"uta": False}}


def bitget(flavor: str, method: str, *args: Any) -> Any:
    return call(flavor, "bitget", method, *args, config=dict(CLASSIC))


def check_unified(order: dict[str, Any], symbol: str) -> None:
    """ccxt's own unified-order checks (ccxt/test/exchange/base/test_order.py)."""
    exchange = ccxt.bitget()
    ccxt_test_order(exchange, {}, "cancelOrder", order, symbol, exchange.milliseconds())


def acknowledged(order: dict[str, Any]) -> bool:
    """Bitget acknowledged the cancel ("00000"): status None (not confirmed), no error."""
    return order["status"] is None and ERROR not in order


# --- cancel_order ---------------------------------------------------------------------------------


@pytest.mark.vcr("bitget/cancel_order.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_order_is_acknowledged_not_confirmed(flavor: str) -> None:
    order = bitget(flavor, "cancel_order", SPOT_ORDER_ID, "BTC/USDT")
    assert (order["id"], order["clientOrderId"], order["symbol"]) == (SPOT_ORDER_ID, SPOT_CLIENT_ID, "BTC/USDT")
    assert acknowledged(order)
    check_unified(order, "BTC/USDT")


@pytest.mark.vcr("bitget/cancel_order_both_ids.yaml")
@pytest.mark.parametrize("client_key", ["clientOrderId", "clientOid"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_usdtm_both_ids_one_request_order_id_only(flavor: str, client_key: str) -> None:
    # The cassette holds one request whose body has orderId and no clientOid: anything else would not replay.
    order = bitget(flavor, "cancel_order", MIX_ORDER_ID, "BTC/USDT:USDT", {client_key: MIX_CLIENT_ID})
    assert (order["id"], order["symbol"]) == (MIX_ORDER_ID, "BTC/USDT:USDT")
    assert acknowledged(order)
    check_unified(order, "BTC/USDT:USDT")


@pytest.mark.vcr("bitget/cancel_order_client_id.yaml")
@pytest.mark.parametrize("id_", [None, ""])
@pytest.mark.parametrize("client_key", ["clientOrderId", "clientOid"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_client_id_alone_cancels_by_client_oid(flavor: str, client_key: str, id_: Any) -> None:
    order = bitget(flavor, "cancel_order", id_, "BTC/USDT", {client_key: SPOT_CLIENT_ID})
    assert (order["id"], order["clientOrderId"]) == (SPOT_ORDER_ID, SPOT_CLIENT_ID)
    assert acknowledged(order)


@pytest.mark.vcr("bitget/cancel_order_22001.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_22001_is_order_not_found(flavor: str) -> None:
    with pytest.raises(ccxt.OrderNotFound) as caught:
        bitget(flavor, "cancel_order", SPOT_ORDER_ID, "BTC/USDT")
    assert type(caught.value) is ccxt.OrderNotFound and "22001" in str(caught.value)


# --- cancel_orders --------------------------------------------------------------------------------


@pytest.mark.vcr("bitget/cancel_orders_partial.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_partial_batch_keeps_the_failed_id(flavor: str) -> None:
    # ccxt: 2 ids in, 1 order out. Here: both, in order, the failure with its errorMsg.
    orders = bitget(flavor, "cancel_orders", list(PARTIAL_IDS), "BTC/USDT:USDT")
    assert [o["id"] for o in orders] == PARTIAL_IDS
    assert acknowledged(orders[0]) and orders[0]["clientOrderId"] == PAGE_SUCCESS["clientOid"]
    assert orders[1]["status"] is None and orders[1]["info"] == PAGE_FAILURE
    assert PAGE_FAILURE["errorMsg"] in orders[1][ERROR]["message"] and isinstance(ccxt_cancel.error_of(orders[1]), ccxt.ExchangeError)
    for order in orders:
        check_unified(order, "BTC/USDT:USDT")


@pytest.mark.vcr("bitget/cancel_orders_60.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_60_spot_ids_are_two_requests_and_all_come_back(flavor: str) -> None:
    orders = bitget(flavor, "cancel_orders", list(MANY), "BTC/USDT")
    assert [o["id"] for o in orders] == MANY
    for order in orders:
        if order["id"] in MANY_FAILED:
            assert order[ERROR]["class"] == "OrderNotFound" and order["info"]["errorCode"] == "43001" and order["id"] in order[ERROR]["message"]
        else:
            assert acknowledged(order)
        assert order["symbol"] == "BTC/USDT"


# --- cancel_all_orders ----------------------------------------------------------------------------


@pytest.mark.vcr("bitget/cancel_all_orders_spot.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_cancel_all_returns_no_order_without_an_id(flavor: str) -> None:
    assert bitget(flavor, "cancel_all_orders", "BGB/USDT") == []


@pytest.mark.vcr("bitget/cancel_all_orders_futures.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_futures_cancel_all_by_symbol(flavor: str) -> None:
    orders = bitget(flavor, "cancel_all_orders", "BTC/USDT:USDT")
    assert [o["id"] for o in orders] == PARTIAL_IDS and all(o["symbol"] == "BTC/USDT:USDT" for o in orders)
    assert acknowledged(orders[0]) and ERROR in orders[1]


@pytest.mark.vcr("bitget/cancel_all_orders_product_type.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_futures_cancel_all_by_product_type(flavor: str) -> None:
    orders = bitget(flavor, "cancel_all_orders", None, {"productType": "USDT-FUTURES"})
    assert [o["id"] for o in orders] == PARTIAL_IDS and all(o["id"] for o in orders)
