"""binance_margin: cross and isolated margin cancels follow the margin pages, in every flavour, on binance.

Cassettes (cassettes/binance/margin_*, tests/support/cassette_specs/binance_margin.py)
replay the wire on a cold exchange: one request per cancel.
"""

from __future__ import annotations

from typing import Any

import ccxt
import pytest

import ccxt_cancel
from ccxt_cancel.builtins.binance import margin
from tests.builtins.binance.support import Router, check_unified, deletes, market_answers, wire
from tests.support.cassette_specs.binance_margin import ALL_IDS, BATCH_FAILED, BATCH_IDS, CANCELED, CLIENT_ID, ORDER_ID
from tests.support.helpers import FLAVORS, RequestLog, call, credentials

# Every spelling of "cross margin" ccxt reads: params, per-method options, exchange-wide options.
CROSS = [
    ({"marginMode": "cross"}, {}),
    ({"defaultMarginMode": "cross"}, {}),
    ({}, {"marginMode": "cross"}),
    ({}, {"defaultMarginMode": "cross"}),
    ({}, {"cancelOrder": {"marginMode": "cross"}}),
]


def config(options: dict[str, Any]) -> dict[str, Any]:
    return {"options": dict(options)} if options else {}


@pytest.mark.vcr("binance/margin_cancel_order.yaml")
@pytest.mark.parametrize(("params", "options"), CROSS)
@pytest.mark.parametrize("symbol", ["LTC/BTC", "LTCBTC"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_cross_margin_order(flavor: str, symbol: str, params: dict[str, Any], options: dict[str, Any]) -> None:
    order = call(flavor, "binance", "cancel_order", ORDER_ID, symbol, dict(params), config=config(options))
    assert (order["id"], order["status"], order["symbol"]) == (ORDER_ID, "canceled", "LTC/BTC")
    check_unified(order, "LTC/BTC")


@pytest.mark.vcr("binance/margin_cancel_order_isolated.yaml")
@pytest.mark.parametrize(
    "params", [{"marginMode": "isolated"}, {"marginMode": "isolated", "isIsolated": "TRUE"}, {"marginMode": "isolated", "isIsolated": True}]
)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_isolated_margin_order(flavor: str, params: dict[str, Any]) -> None:
    order = call(flavor, "binance", "cancel_order", ORDER_ID, "LTC/BTC", dict(params))
    assert (order["id"], order["status"]) == (ORDER_ID, "canceled")


@pytest.mark.vcr("binance/margin_cancel_order_both_ids.yaml")
@pytest.mark.parametrize("client_key", ["origClientOrderId", "clientOrderId"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_both_ids_send_the_order_id_only(flavor: str, client_key: str) -> None:
    order = call(flavor, "binance", "cancel_order", ORDER_ID, "LTC/BTC", {"marginMode": "cross", client_key: "another"})
    assert (order["id"], order["status"]) == (ORDER_ID, "canceled")


@pytest.mark.vcr("binance/margin_cancel_order_client_id.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_by_client_id_when_id_is_none(flavor: str) -> None:
    order = call(flavor, "binance", "cancel_order", None, "LTC/BTC", {"marginMode": "cross", "clientOrderId": CLIENT_ID})
    assert (order["id"], order["status"]) == (ORDER_ID, "canceled")


@pytest.mark.vcr("binance/margin_cancel_order_unknown_order.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_unknown_order(flavor: str) -> None:
    with pytest.raises(ccxt.OrderNotFound):
        call(flavor, "binance", "cancel_order", ORDER_ID, "LTC/BTC", {"marginMode": "cross"})


@pytest.mark.vcr("binance/margin_cancel_order_unknown_outcome.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_unknown_outcome(flavor: str) -> None:
    with pytest.raises(ccxt.ExchangeNotAvailable, match="UNKNOWN"):
        call(
            flavor, "binance", "cancel_order", ORDER_ID, "LTC/BTC", {"marginMode": "cross", "resolveUnknown": False}
        )  # the mapping alone: resolving the outcome is tests/reliability/test_resolve.py's


@pytest.mark.vcr("binance/margin_cancel_orders_per_id.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_orders_is_one_request_per_id_and_keeps_every_id(flavor: str) -> None:
    orders = call(flavor, "binance", "cancel_orders", list(BATCH_IDS), "LTC/BTC", {"marginMode": "cross"})
    assert [o["id"] for o in orders] == BATCH_IDS
    assert [o["status"] for o in orders] == [None if i in BATCH_FAILED else "canceled" for i in BATCH_IDS]
    assert orders[1][ccxt_cancel.ERROR_KEY]["class"] == "OrderNotFound"


@pytest.mark.vcr("binance/margin_cancel_all_orders.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_cross(flavor: str) -> None:
    orders = call(flavor, "binance", "cancel_all_orders", "BTC/USDT", {"marginMode": "cross"})
    assert [o["id"] for o in orders] == ALL_IDS and {o["status"] for o in orders} == {"canceled"}


@pytest.mark.vcr("binance/margin_cancel_all_orders_isolated.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_isolated(flavor: str) -> None:
    orders = call(flavor, "binance", "cancel_all_orders", "BTC/USDT", {"marginMode": "isolated"})
    assert [o["id"] for o in orders] == ALL_IDS


REJECTED: list[tuple[str, tuple[Any, ...], type[Exception], str]] = [
    ("cancel_order", (None, "LTC/BTC", {"marginMode": "cross"}), ccxt.ArgumentsRequired, "origClientOrderId"),
    ("cancel_order", (ORDER_ID, "LTC/BTC", {"marginMode": "cross", "isIsolated": "TRUE"}), ccxt.BadRequest, "contradicts"),
    ("cancel_order", (ORDER_ID, "LTC/BTC", {"marginMode": "isolated", "isIsolated": "yes"}), ccxt.BadRequest, "isIsolated"),
    ("cancel_order", (ORDER_ID, "LTC/BTC", {"marginMode": "cross", "recvWindow": 70000}), ccxt.BadRequest, "60000"),
    ("cancel_order", (ORDER_ID, "LTC/BTC", {"marginMode": "cross", "margin": True}), ccxt.BadRequest, "marginMode"),
    ("cancel_orders", (["1", "1"], "LTC/BTC", {"marginMode": "cross"}), ccxt.BadRequest, "twice"),
]


@pytest.mark.parametrize(("method", "args", "error", "text"), REJECTED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_rejected_input_sends_nothing(flavor: str, method: str, args: tuple[Any, ...], error: type[Exception], text: str) -> None:
    log = RequestLog()
    with pytest.raises(error) as caught:
        call(flavor, "binance", method, *args, prepare=log.attach)
    assert text in str(caught.value)
    assert log.requests == []


@pytest.mark.parametrize("flavor", FLAVORS)
def test_both_ids_against_ccxt(flavor: str) -> None:
    args = ("11", "BTC/USDT", {"marginMode": "isolated", "origClientOrderId": CLIENT_ID})
    (plain,) = deletes(wire(flavor, "binance", "cancel_order", args, {}, False, dict(CANCELED)))
    (ours,) = deletes(wire(flavor, "binance", "cancel_order", args, {}, True, dict(CANCELED)))
    assert "orderId=11" not in plain[1] and "isIsolated=true" in plain[1]  # ccxt drops the id, sends lowercase true
    assert ours == (plain[0], "symbol=BTCUSDT&isIsolated=TRUE&orderId=11&recvWindow=10000")


@pytest.mark.parametrize("flavor", FLAVORS)
def test_cold_cancel_takes_one_request(flavor: str) -> None:
    answers = market_answers(lambda method, url: dict(CANCELED))
    plain, ours = Router(answers), Router(answers)
    call(flavor, "binance", "cancel_order", ORDER_ID, "LTC/BTC", {"marginMode": "cross"}, install=False, prepare=plain.attach)
    call(flavor, "binance", "cancel_order", ORDER_ID, "LTC/BTC", {"marginMode": "cross"}, prepare=ours.attach)
    assert (len(ours.requests), len(plain.requests)) == (1, 8)


def test_cost_follows_the_pages_weight() -> None:
    exchange = ccxt.binance(credentials("binance"))
    plan = margin.ccxt_cancel_order(exchange, ORDER_ID, "LTC/BTC", {"marginMode": "cross"})
    assert plan is not None and plan.requests[0].cost == 1.0  # 10(IP) x 0.1; ccxt's own entry: 0.006667
    assert exchange.api["sapi"]["delete"]["margin/order"]["cost"] < 0.01


@pytest.mark.parametrize(
    ("symbol", "params", "options"),
    [
        ("BTC/USDT", {}, {}),  # spot
        ("BTC/USDT", {"marginMode": "CROSS"}, {}),  # ccxt's margin, a value this plugin does not know
        ("BTC/USDT", {"marginMode": "cross", "portfolioMargin": True}, {}),  # portfolio margin
        ("BTC/USDT:USDT", {"marginMode": "cross"}, {}),  # USD-M: ccxt ignores marginMode there
        ("BTC/USDT", {"marginMode": "cross", "type": "spot"}, {}),
    ],
)
def test_not_margin(symbol: str, params: dict[str, Any], options: dict[str, Any]) -> None:
    exchange = ccxt.binance({**credentials("binance"), "options": options})
    assert margin.ccxt_cancel_order(exchange, "11", symbol, dict(params)) is None
