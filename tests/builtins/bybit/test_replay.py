"""bybit: the documented requests and answers, replayed on ccxt's real HTTP stacks, in every flavour.

Cassettes (cassettes/bybit/, built from the v5 pages by
tests/support/cassette_specs/bybit.py) hold exactly the requests the plugin
must send: a replay fails on any other body, and every cassette must be
fully played. Every test runs on a cold exchange, so each also shows that a
cancel takes one request per documented unit and no market or account
lookups. Batches run unthrottled here (the costs are tested beside the
plans), so that a 20-order chunk's pacing does not slow the suite.
"""

from __future__ import annotations

from typing import Any

import ccxt
import pytest
from ccxt.test.exchange.base.test_order import test_order as ccxt_test_order

import ccxt_cancel
from tests.support.cassette_specs.bybit import (
    ALL_LIST,
    CLIENT_ID,
    CLIENT_IDS,
    INVERSE_IDS,
    LINEAR_FAILED,
    LINEAR_IDS,
    ORDER_ID,
    SPOT_FAILED,
    SPOT_IDS,
    SPOT_ORDER_ID,
)
from tests.support.helpers import FLAVORS, call

FAST = {"enableRateLimit": False}


def check_unified(order: dict[str, Any], symbol: str | None) -> None:
    """ccxt's own unified-order checks (ccxt/test/exchange/base/test_order.py)."""
    exchange = ccxt.bybit()
    ccxt_test_order(exchange, {}, "cancelOrder", order, symbol, exchange.milliseconds())


def acknowledged(order: dict[str, Any]) -> bool:
    """Accepted by Bybit, not confirmed: the plugin's promise for every success answer."""
    return order["status"] is None and ccxt_cancel.ERROR_KEY not in order


# --- cancel one -------------------------------------------------------------------------------------


@pytest.mark.vcr("bybit/cancel_order.yaml")
@pytest.mark.parametrize("symbol", ["BTC/USDT:USDT", "BTCUSDT"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_one_by_id_is_an_acknowledgement(flavor: str, symbol: str) -> None:
    # BTCUSDT alone is read as ccxt's market() reads it: defaultType 'swap' -> the linear perpetual.
    order = call(flavor, "bybit", "cancel_order", ORDER_ID, symbol)
    assert (order["id"], order["clientOrderId"], order["symbol"]) == (ORDER_ID, CLIENT_ID, "BTC/USDT:USDT")
    assert acknowledged(order)  # the page: "accepted ... please use the websocket to confirm the order status"
    assert order["info"]["result"] == {"orderId": ORDER_ID, "orderLinkId": CLIENT_ID}
    check_unified(order, "BTC/USDT:USDT")


@pytest.mark.vcr("bybit/cancel_order_client_id.yaml")
@pytest.mark.parametrize("key", ["clientOrderId", "orderLinkId"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_one_by_client_id_sends_order_link_id(flavor: str, key: str) -> None:
    order = call(flavor, "bybit", "cancel_order", None, "BTC/USDT:USDT", {key: CLIENT_ID})
    assert (order["id"], order["clientOrderId"]) == (ORDER_ID, CLIENT_ID)
    assert acknowledged(order)


@pytest.mark.vcr("bybit/cancel_order.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_both_ids_send_order_id_only(flavor: str) -> None:
    # The cassette's body has orderId and no orderLinkId: any client id on the wire would not match.
    order = call(flavor, "bybit", "cancel_order", ORDER_ID, "BTC/USDT:USDT", {"clientOrderId": CLIENT_ID})
    assert order["id"] == ORDER_ID and acknowledged(order)


@pytest.mark.vcr("bybit/cancel_order_spot.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_one_spot(flavor: str) -> None:
    order = call(flavor, "bybit", "cancel_order", SPOT_ORDER_ID, "BTC/USDT")
    assert (order["id"], order["clientOrderId"], order["symbol"]) == (SPOT_ORDER_ID, "spot-btc-03", "BTC/USDT")
    assert acknowledged(order)
    check_unified(order, "BTC/USDT")


@pytest.mark.vcr("bybit/cancel_order_inverse.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_one_inverse(flavor: str) -> None:
    order = call(flavor, "bybit", "cancel_order", ORDER_ID, "BTC/USD:BTC")
    assert (order["id"], order["clientOrderId"], order["symbol"]) == (ORDER_ID, None, "BTC/USD:BTC")
    assert acknowledged(order)


ERROR_CASES = [
    ("order_not_found", ccxt.OrderNotFound, "BTC/USDT:USDT", ORDER_ID),
    ("spot_order_not_found", ccxt.OrderNotFound, "BTC/USDT", SPOT_ORDER_ID),
    ("finished", ccxt.InvalidOrder, "BTC/USDT:USDT", ORDER_ID),
    ("cancel_processing", ccxt.InvalidOrder, "BTC/USDT", SPOT_ORDER_ID),
    ("server_timeout", ccxt.RequestTimeout, "BTC/USDT:USDT", ORDER_ID),
    ("time_window", ccxt.InvalidNonce, "BTC/USDT:USDT", ORDER_ID),
    ("error_sign", ccxt.AuthenticationError, "BTC/USDT:USDT", ORDER_ID),
    ("rate_limited", ccxt.RateLimitExceeded, "BTC/USDT:USDT", ORDER_ID),
    ("ip_limited", ccxt.RateLimitExceeded, "BTC/USDT:USDT", ORDER_ID),
    ("path_not_found", ccxt.BadRequest, "BTC/USDT:USDT", ORDER_ID),
]


@pytest.mark.parametrize(
    ("case", "error", "symbol", "order_id"),
    [pytest.param(*case, marks=pytest.mark.vcr(f"bybit/cancel_order_{case[0]}.yaml"), id=case[0]) for case in ERROR_CASES],
)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_errors_map_to_ccxt_classes(flavor: str, case: str, error: type[Exception], symbol: str, order_id: str) -> None:
    with pytest.raises(error) as caught:
        # Unknown outcomes (10000, 10016) are resolved by a query by default; the cassette holds the cancel alone.
        call(flavor, "bybit", "cancel_order", order_id, symbol, {"resolveUnknown": False})
    assert type(caught.value) is error  # the exact class, not a parent
    if error is not ccxt.OrderNotFound:
        assert not isinstance(caught.value, ccxt.OrderNotFound)


# --- batches --------------------------------------------------------------------------------------


@pytest.mark.vcr("bybit/cancel_orders_linear_25.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_25_linear_ids_in_two_requests_with_every_id_back(flavor: str) -> None:
    orders = call(flavor, "bybit", "cancel_orders", list(LINEAR_IDS), "BTC/USDT:USDT", config=FAST)
    assert [o["id"] for o in orders] == LINEAR_IDS  # every id, in the caller's order
    expected = {4: "OrderNotFound", 17: "InvalidOrder", 22: "InvalidOrder"}
    for position, order in enumerate(orders):
        assert order["status"] is None and order["symbol"] == "BTC/USDT:USDT"
        if position in expected:
            error = order[ccxt_cancel.ERROR_KEY]
            assert error["class"] == expected[position]
            assert str(LINEAR_FAILED[position][0]) in error["message"] and LINEAR_IDS[position] in error["message"]
            assert isinstance(ccxt_cancel.error_of(order), getattr(ccxt, expected[position]))
        else:
            assert acknowledged(order)
        check_unified(order, "BTC/USDT:USDT")


@pytest.mark.vcr("bybit/cancel_orders_spot_12.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_batch_of_12_is_two_requests(flavor: str) -> None:
    orders = call(flavor, "bybit", "cancel_orders", list(SPOT_IDS), "BTC/USDT", config=FAST)
    assert [o["id"] for o in orders] == SPOT_IDS
    failed = {i: o[ccxt_cancel.ERROR_KEY]["class"] for i, o in enumerate(orders) if ccxt_cancel.ERROR_KEY in o}
    assert failed == {1: "OrderNotFound", 11: "InvalidOrder"}  # 170213 not found; 170142 already cancelled: exists, finished
    assert set(failed) == set(SPOT_FAILED)


@pytest.mark.vcr("bybit/cancel_orders_inverse.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_inverse_batch_is_sent(flavor: str) -> None:
    orders = call(flavor, "bybit", "cancel_orders", list(INVERSE_IDS), "BTC/USD:BTC", config=FAST)
    assert [o["id"] for o in orders] == INVERSE_IDS and all(acknowledged(o) for o in orders)
    assert {o["symbol"] for o in orders} == {"BTC/USD:BTC"}


@pytest.mark.vcr("bybit/cancel_orders_client_ids.yaml")
@pytest.mark.parametrize("key", ["clientOrderIds", "clientOids"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_client_id_batch_is_matched_by_order_link_id(flavor: str, key: str) -> None:
    # The answer lists the items in reverse order: matching by orderLinkId puts them back.
    orders = call(flavor, "bybit", "cancel_orders", [], "BTC/USDT", {key: list(CLIENT_IDS)}, config=FAST)
    assert [o["clientOrderId"] for o in orders] == CLIENT_IDS
    assert orders[0]["id"] == SPOT_ORDER_ID and acknowledged(orders[0])
    assert orders[1]["id"] is None and orders[1][ccxt_cancel.ERROR_KEY]["class"] == "OrderNotFound"


@pytest.mark.vcr("bybit/cancel_orders_rate_limited.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_rate_limited_batch_stops_and_raises_when_nothing_was_answered(flavor: str) -> None:
    # One interaction in the cassette: a second request would not match it.
    with pytest.raises(ccxt.RateLimitExceeded):
        call(flavor, "bybit", "cancel_orders", list(LINEAR_IDS), "BTC/USDT:USDT", config=FAST)


@pytest.mark.vcr("bybit/cancel_orders_second_chunk_time_window.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_second_chunk_failing_keeps_the_first(flavor: str) -> None:
    orders = call(flavor, "bybit", "cancel_orders", list(LINEAR_IDS), "BTC/USDT:USDT", config=FAST)
    assert [o["id"] for o in orders] == LINEAR_IDS
    assert all(acknowledged(o) for o in orders[:20])
    assert {o[ccxt_cancel.ERROR_KEY]["class"] for o in orders[20:]} == {"InvalidNonce"}


# --- cancel all -----------------------------------------------------------------------------------

CANCEL_ALL_CASES = [
    ("linear", ("BTC/USDT:USDT",), "BTC/USDT:USDT"),
    ("linear_settle", (None, {"settleCoin": "USDT"}), None),
    ("inverse", (None, {"subType": "inverse", "settleCoin": "BTC"}), None),
    ("spot", (None, {"type": "spot"}), None),
    ("option", (None, {"category": "option"}), None),
]


@pytest.mark.parametrize(
    ("case", "args", "symbol"),
    [pytest.param(*case, marks=pytest.mark.vcr(f"bybit/cancel_all_orders_{case[0]}.yaml"), id=case[0]) for case in CANCEL_ALL_CASES],
)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_per_category(flavor: str, case: str, args: tuple[Any, ...], symbol: str | None) -> None:
    orders = call(flavor, "bybit", "cancel_all_orders", *args)
    assert [(o["id"], o["clientOrderId"]) for o in orders] == [(i["orderId"], i["orderLinkId"]) for i in ALL_LIST]
    assert all(acknowledged(o) and o["symbol"] == symbol for o in orders)


@pytest.mark.vcr("bybit/cancel_all_orders_failed.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_success_zero_raises(flavor: str) -> None:
    with pytest.raises(ccxt.ExchangeError, match='success "0"'):
        call(flavor, "bybit", "cancel_all_orders", "BTC/USDT:USDT")
