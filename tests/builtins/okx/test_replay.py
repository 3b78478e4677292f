"""okx: the cassettes (cassettes/okx/, built by tests/support/cassette_specs/okx.py) replayed sync, async and pro.

Every replaying test runs on a cold exchange: the cassette holds only the
cancel requests, so it also shows that no market is loaded first. The
cassette's request body must match what is sent (vcr matches the body), so
an ``ordId`` / ``clOrdId`` that should not be on the wire would not replay.
"""

from __future__ import annotations

from typing import Any

import ccxt
import pytest
from ccxt.test.exchange.base.test_order import test_order as ccxt_test_order

import ccxt_cancel
from tests.builtins.okx.helpers import okx
from tests.support.cassette_specs.okx import (
    BATCH_PAIR,
    CCXT_CLIENT_ID,
    CCXT_ORDER_ID,
    CHUNKS,
    LISTED_FAILED,
    LISTED_IDS,
    MANY,
    MANY_FAILED,
    ORDER_ID,
    PAGED_IDS,
    SECOND_CLIENT_ID,
)
from tests.support.helpers import FLAVORS

ERROR = ccxt_cancel.ERROR_KEY


def check_unified(order: dict[str, Any], symbol: str) -> None:
    """ccxt's own unified-order checks (ccxt/test/exchange/base/test_order.py)."""
    exchange = ccxt.okx()
    ccxt_test_order(exchange, {}, "cancelOrder", order, symbol, exchange.milliseconds())


def acknowledged(order: dict[str, Any]) -> bool:
    """OKX acknowledged the request: status None (not confirmed), sCode 0 as info, no error."""
    return order["status"] is None and order["info"].get("sCode") == "0" and ERROR not in order


# --- cancel_order ---------------------------------------------------------------------------------


@pytest.mark.vcr("okx/cancel_order.yaml")
@pytest.mark.parametrize("symbol", ["BTC/USDT", "BTC-USDT"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_order_is_acknowledged_not_confirmed(flavor: str, symbol: str) -> None:
    order = okx(flavor, "cancel_order", ORDER_ID, symbol)
    assert (order["id"], order["symbol"], order["clientOrderId"]) == (ORDER_ID, "BTC/USDT", None)
    assert acknowledged(order)  # sCode 0 "only means that your cancellation request has been accepted"
    check_unified(order, "BTC/USDT")


@pytest.mark.vcr("okx/cancel_order_both_ids.yaml")
@pytest.mark.parametrize("client_key", ["clientOrderId", "clOrdId"])
@pytest.mark.parametrize("symbol", ["BTC/USDT:USDT", "BTC-USDT-SWAP"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_both_ids_send_ord_id_only(flavor: str, symbol: str, client_key: str) -> None:
    # The cassette's body is {"instId":"BTC-USDT-SWAP","ordId":...}: a clOrdId on the wire would not match.
    order = okx(flavor, "cancel_order", CCXT_ORDER_ID, symbol, {client_key: CCXT_CLIENT_ID})
    assert (order["id"], order["clientOrderId"], order["symbol"]) == (CCXT_ORDER_ID, CCXT_CLIENT_ID, "BTC/USDT:USDT")
    assert acknowledged(order)
    check_unified(order, "BTC/USDT:USDT")


@pytest.mark.vcr("okx/cancel_order_client_id.yaml")
@pytest.mark.parametrize("client_key", ["clientOrderId", "clOrdId"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_client_id_alone_cancels_by_cl_ord_id(flavor: str, client_key: str) -> None:
    order = okx(flavor, "cancel_order", None, "BTC/USDT:USDT", {client_key: CCXT_CLIENT_ID})
    assert (order["id"], order["clientOrderId"]) == (CCXT_ORDER_ID, CCXT_CLIENT_ID)
    assert acknowledged(order)


ERROR_CASES = [
    ("51400", ccxt.InvalidOrder),
    ("51401", ccxt.InvalidOrder),
    ("51402", ccxt.InvalidOrder),
    ("51603", ccxt.OrderNotFound),
    ("51410", ccxt.CancelPending),
    ("rate_limited", ccxt.RateLimitExceeded),
    ("invalid_signature", ccxt.AuthenticationError),
    ("timestamp_expired", ccxt.InvalidNonce),
]


@pytest.mark.parametrize(
    ("case", "error"),
    [pytest.param(case, error, marks=pytest.mark.vcr(f"okx/cancel_order_{case}.yaml"), id=case) for case, error in ERROR_CASES],
)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_order_errors(flavor: str, case: str, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        okx(flavor, "cancel_order", ORDER_ID, "BTC/USDT")
    assert type(caught.value) is error  # the exact class, not a parent or a child
    if case in ("51400", "51401", "51402"):
        assert not isinstance(caught.value, ccxt.OrderNotFound)  # the order may exist: never "not found"
        assert case in str(caught.value) and "not canceled" in str(caught.value)


# --- cancel_orders --------------------------------------------------------------------------------


@pytest.mark.vcr("okx/cancel_orders_partial.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_partial_batch_keeps_the_failed_id(flavor: str) -> None:
    # ccxt: 2 ids in, 1 order out. Here: both, in order, the failure with its error.
    orders = okx(flavor, "cancel_orders", list(BATCH_PAIR), "BTC/USDT")
    assert [o["id"] for o in orders] == BATCH_PAIR
    assert acknowledged(orders[0])
    assert orders[1]["status"] is None and orders[1][ERROR]["class"] == "InvalidOrder" and orders[1]["info"]["sCode"] == "51400"
    assert isinstance(ccxt_cancel.error_of(orders[1]), ccxt.InvalidOrder)
    for order in orders:
        check_unified(order, "BTC/USDT")


@pytest.mark.vcr("okx/cancel_orders_25.yaml")
@pytest.mark.parametrize("ids", [pytest.param(MANY, id="list"), pytest.param(",".join(MANY), id="comma-string")])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_25_ids_are_two_requests_and_all_come_back(flavor: str, ids: Any) -> None:
    orders = okx(flavor, "cancel_orders", ids, "BTC/USDT")
    assert [o["id"] for o in orders] == MANY
    for order in orders:
        if order["id"] in MANY_FAILED:
            assert order[ERROR]["class"] == "InvalidOrder" and order["info"]["sCode"] == MANY_FAILED[order["id"]]
            assert order["id"] in order[ERROR]["message"]
        else:
            assert acknowledged(order)
        assert order["symbol"] == "BTC/USDT"


@pytest.mark.vcr("okx/cancel_orders_all_failed.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_whole_request_failure_raises_the_first_items_error(flavor: str) -> None:
    # "code": "1" is a failed request; the only request failed, so the batch rule raises its first error.
    with pytest.raises(ccxt.InvalidOrder) as caught:
        okx(flavor, "cancel_orders", list(BATCH_PAIR), "BTC/USDT")
    assert not isinstance(caught.value, ccxt.OrderNotFound) and "51400" in str(caught.value) and BATCH_PAIR[0] in str(caught.value)


@pytest.mark.vcr("okx/cancel_orders_second_request_failed.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_failed_second_request_keeps_each_items_own_error(flavor: str) -> None:
    orders = okx(flavor, "cancel_orders", list(MANY), "BTC/USDT")
    assert [o["id"] for o in orders] == MANY
    assert all(acknowledged(o) for o in orders[:20])
    classes = [(o[ERROR]["class"], o["info"]["sCode"]) for o in orders[20:]]
    assert classes == [("InvalidOrder", "51400"), ("InvalidOrder", "51401"), ("InvalidOrder", "51402"), ("OrderNotFound", "51603"), ("CancelPending", "51410")]
    assert [o["id"] for o in orders[20:]] == CHUNKS[1]


@pytest.mark.vcr("okx/cancel_orders_rate_limited.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_rate_limit_stops_the_batch_and_raises(flavor: str) -> None:
    # One interaction: a second request would not match it and fail the replay.
    with pytest.raises(ccxt.RateLimitExceeded):
        okx(flavor, "cancel_orders", list(MANY), "BTC/USDT")


@pytest.mark.vcr("okx/cancel_orders_client_ids.yaml")
@pytest.mark.parametrize(
    ("ids", "params"),
    [
        ([], {"clientOrderId": [CCXT_CLIENT_ID, SECOND_CLIENT_ID]}),
        (None, {"clOrdId": f"{CCXT_CLIENT_ID},{SECOND_CLIENT_ID}"}),
    ],
)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_batch_by_client_ids(flavor: str, ids: Any, params: dict[str, Any]) -> None:
    orders = okx(flavor, "cancel_orders", ids, "BTC/USDT:USDT", params)
    assert [(o["id"], o["clientOrderId"]) for o in orders] == [(CCXT_ORDER_ID, CCXT_CLIENT_ID), (None, SECOND_CLIENT_ID)]
    assert acknowledged(orders[0]) and orders[1][ERROR]["class"] == "InvalidOrder"


# --- cancel_all_orders ----------------------------------------------------------------------------


@pytest.mark.vcr("okx/cancel_all_orders.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_lists_then_cancels(flavor: str) -> None:
    orders = okx(flavor, "cancel_all_orders", "BTC/USDT")
    assert [o["id"] for o in orders] == LISTED_IDS
    for order in orders:
        # What the listing said about the order, what the cancel answer said about the cancel.
        assert (order["side"], order["price"], order["amount"], order["type"], order["symbol"]) == ("buy", 2000.0, 0.001, "limit", "BTC/USDT")
        if order["id"] == LISTED_FAILED:
            assert order[ERROR]["class"] == "InvalidOrder"
        else:
            assert acknowledged(order)
            check_unified({**order, "fee": None}, "BTC/USDT")  # its fee check wants loaded currencies to know the fee's "BTC"


@pytest.mark.vcr("okx/cancel_all_orders_paged.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_pages_the_listing(flavor: str) -> None:
    orders = okx(flavor, "cancel_all_orders", "BTC/USDT")
    assert [o["id"] for o in orders] == PAGED_IDS and all(acknowledged(o) for o in orders)


@pytest.mark.vcr("okx/cancel_all_orders_none.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_with_nothing_pending(flavor: str) -> None:
    assert okx(flavor, "cancel_all_orders", "BTC/USDT") == []
