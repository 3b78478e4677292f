"""gate: the cassettes (cassettes/gate/, built by tests/support/cassette_specs/gate.py) replayed sync, async and pro.

Every replaying test runs on a fresh, cold exchange (no options): the cassette
holds only the cancel requests, so it also shows that no market is loaded and
no account mode is detected first. vcr matches path, query and body, so an id
or parameter that should not be on the wire would not replay.
"""

from __future__ import annotations

from typing import Any

import ccxt
import pytest

import ccxt_cancel
from tests.support.cassette_specs.gate import CHUNKS, CLIENT_ID, MANY, MANY_FAILED, ORDER_ID, PARTIAL
from tests.support.helpers import FLAVORS, call

ERROR = ccxt_cancel.ERROR_KEY


def gate(flavor: str, method: str, *args: Any) -> Any:
    return call(flavor, "gate", method, *args, config={"timeout_on_exit": 0})


@pytest.mark.vcr("gate/cancel_order.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_order_confirms_canceled(flavor: str) -> None:
    order = gate(flavor, "cancel_order", ORDER_ID, "BTC/USDT")
    assert (order["id"], order["clientOrderId"], order["symbol"], order["status"]) == (ORDER_ID, CLIENT_ID, "BTC/USDT", "canceled")


@pytest.mark.vcr("gate/cancel_order_client_id.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_client_id_alone_goes_in_the_path(flavor: str) -> None:
    order = gate(flavor, "cancel_order", "", "BTC/USDT", {"clientOrderId": CLIENT_ID})
    assert (order["id"], order["clientOrderId"], order["status"]) == (ORDER_ID, CLIENT_ID, "canceled")


@pytest.mark.vcr("gate/cancel_order_empty_id.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_empty_id_is_refused_and_nothing_sent(flavor: str) -> None:
    with pytest.raises(ccxt.ArgumentsRequired):
        gate(flavor, "cancel_order", "", "BTC/USDT")


@pytest.mark.vcr("gate/cancel_order_futures_filled.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_filled_order_is_closed_not_canceled(flavor: str) -> None:
    order = gate(flavor, "cancel_order", ORDER_ID, "BTC/USDT:USDT")
    assert (order["id"], order["symbol"], order["status"]) == (ORDER_ID, "BTC/USDT:USDT", "closed")


def labelled(key: str, kind: type[Exception]) -> Any:
    return pytest.param(key, kind, marks=pytest.mark.vcr(f"gate/cancel_order_{key}.yaml"), id=key)


@pytest.mark.parametrize(
    ("cassette", "kind"),
    [labelled("not_found", ccxt.OrderNotFound), labelled("finished", ccxt.InvalidOrder), labelled("rate_limited", ccxt.RateLimitExceeded)],
)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_error_labels(flavor: str, cassette: str, kind: type[Exception]) -> None:
    with pytest.raises(kind) as caught:
        gate(flavor, "cancel_order", ORDER_ID, "BTC/USDT")
    assert cassette == "not_found" or type(caught.value) is not ccxt.OrderNotFound  # a finished order exists


@pytest.mark.vcr("gate/cancel_orders_partial.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_partial_batch_keeps_every_id(flavor: str) -> None:
    orders = gate(flavor, "cancel_orders", PARTIAL, "BTC/USDT:USDT")
    assert [o["id"] for o in orders] == PARTIAL
    assert [o["status"] for o in orders] == ["canceled", None, "canceled"]
    assert orders[1][ERROR]["class"] == "OrderNotFound" and ERROR not in orders[0]


@pytest.mark.vcr("gate/cancel_orders_25.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_25_ids_go_in_two_requests_and_all_come_back(flavor: str) -> None:
    orders = gate(flavor, "cancel_orders", MANY, "BTC/USDT:USDT")
    assert [len(c) for c in CHUNKS] == [20, 5]
    assert [o["id"] for o in orders] == MANY
    assert {o["id"] for o in orders if ERROR in o} == MANY_FAILED


@pytest.mark.vcr("gate/cancel_all_orders.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_by_symbol(flavor: str) -> None:
    orders = gate(flavor, "cancel_all_orders", "BTC/USDT:USDT")
    assert [(o["id"], o["status"], o["symbol"]) for o in orders] == [("111", "canceled", "BTC/USDT:USDT"), ("112", "canceled", "BTC/USDT:USDT")]
