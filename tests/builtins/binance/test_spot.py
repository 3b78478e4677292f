"""binance_spot: spot cancels follow the spot API's page, in every flavour, on binance.

Cassettes (cassettes/binance/spot_*, built from binance/binance-spot-api-docs
by tests/support/cassette_specs/binance_spot.py) replay the wire on a cold
exchange: one request per cancel.
"""

from __future__ import annotations

from typing import Any

import ccxt
import pytest

import ccxt_cancel
from ccxt_cancel.builtins.binance import spot
from tests.builtins.binance.support import Router, check_unified, deletes, market_answers, wire
from tests.support.cassette_specs.binance_spot import ALL_IDS, BATCH_FAILED, BATCH_IDS, CANCELED, CLIENT_ID, ORDER_ID
from tests.support.helpers import FLAVORS, RequestLog, call, credentials

SYMBOLS = [("LTC/BTC", {}), ("LTCBTC", {}), ("LTCBTC", {"defaultType": "margin"})]


def config(options: dict[str, Any]) -> dict[str, Any]:
    return {"options": dict(options)} if options else {}


# --- replayed cassettes --------------------------------------------------------------------------


@pytest.mark.vcr("binance/spot_cancel_order.yaml")
@pytest.mark.parametrize(("symbol", "options"), SYMBOLS)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_order_by_id(flavor: str, symbol: str, options: dict[str, Any]) -> None:
    order = call(flavor, "binance", "cancel_order", ORDER_ID, symbol, config=config(options))
    assert (order["id"], order["status"], order["symbol"]) == (ORDER_ID, "canceled", "LTC/BTC")
    assert (order["side"], order["price"], order["amount"], order["type"]) == ("buy", 2.0, 1.0, "limit")
    check_unified(order, "LTC/BTC")


@pytest.mark.vcr("binance/spot_cancel_order_both_ids.yaml")
@pytest.mark.parametrize("client_key", ["origClientOrderId", "clientOrderId"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_both_ids_are_sent_for_the_pages_cross_check(flavor: str, client_key: str) -> None:
    order = call(flavor, "binance", "cancel_order", ORDER_ID, "LTC/BTC", {client_key: CLIENT_ID})
    assert (order["id"], order["status"]) == (ORDER_ID, "canceled")


@pytest.mark.vcr("binance/spot_cancel_order_client_id.yaml")
@pytest.mark.parametrize("client_key", ["origClientOrderId", "clientOrderId"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_by_client_id_when_id_is_none(flavor: str, client_key: str) -> None:
    order = call(flavor, "binance", "cancel_order", None, "LTC/BTC", {client_key: CLIENT_ID})
    # ccxt's parse_order: clientOrderId is the answer's clientOrderId, the id of this cancel ("cancelMyOrder1")
    assert (order["id"], order["status"], order["info"]["origClientOrderId"]) == (ORDER_ID, "canceled", CLIENT_ID)


@pytest.mark.vcr("binance/spot_cancel_order_cancel_restrictions.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_cancel_refused_by_its_restriction_is_not_order_not_found(flavor: str) -> None:
    with pytest.raises(ccxt.OperationRejected) as caught:
        call(flavor, "binance", "cancel_order", ORDER_ID, "LTC/BTC", {"cancelRestrictions": "ONLY_NEW"})
    assert not isinstance(caught.value, ccxt.OrderNotFound)


ERROR_CASES = [
    ("unknown_order", ccxt.OrderNotFound),
    ("rate_limited", ccxt.DDoSProtection),
    ("unknown_outcome", ccxt.ExchangeNotAvailable),
    ("server_error", ccxt.ExchangeNotAvailable),
    ("server_error_order_body", ccxt.ExchangeNotAvailable),
]


@pytest.mark.parametrize(
    ("case", "error"),
    [pytest.param(case, error, marks=pytest.mark.vcr(f"binance/spot_cancel_order_{case}.yaml"), id=case) for case, error in ERROR_CASES],
)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_errors_on_a_cold_exchange(flavor: str, case: str, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        call(
            flavor, "binance", "cancel_order", ORDER_ID, "LTC/BTC", {"resolveUnknown": False}
        )  # the mapping alone: resolving the outcome is tests/reliability/test_resolve.py's
    assert type(caught.value) is error
    assert ("UNKNOWN" in str(caught.value)) is case.startswith(("unknown_outcome", "server_error"))


@pytest.mark.vcr("binance/spot_cancel_orders_per_id.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_orders_is_one_request_per_id_and_keeps_every_id(flavor: str) -> None:
    orders = call(flavor, "binance", "cancel_orders", list(BATCH_IDS), "LTC/BTC")
    assert [o["id"] for o in orders] == BATCH_IDS
    for order in orders:
        assert order["symbol"] == "LTC/BTC"
        if order["id"] in BATCH_FAILED:
            assert order["status"] is None and order[ccxt_cancel.ERROR_KEY]["class"] == "OrderNotFound"
            assert "Unknown order sent." in order[ccxt_cancel.ERROR_KEY]["message"]
        else:
            assert order["status"] == "canceled"
            check_unified(order, "LTC/BTC")


@pytest.mark.vcr("binance/spot_cancel_orders_rate_limited.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_rate_limited_batch_stops_sending(flavor: str) -> None:
    with pytest.raises(ccxt.DDoSProtection):
        call(flavor, "binance", "cancel_orders", list(BATCH_IDS), "LTC/BTC")


@pytest.mark.vcr("binance/spot_cancel_all_orders.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_returns_every_canceled_order_order_lists_included(flavor: str) -> None:
    orders = call(flavor, "binance", "cancel_all_orders", "BTC/USDT")
    assert [o["id"] for o in orders] == ALL_IDS
    assert {o["status"] for o in orders} == {"canceled"} and {o["symbol"] for o in orders} == {"BTC/USDT"}
    for order in orders:
        check_unified(order, "BTC/USDT")


# --- rejected input: nothing is sent -----------------------------------------------------------

REJECTED: list[tuple[str, tuple[Any, ...], type[Exception], str]] = [
    ("cancel_order", (None, "LTC/BTC"), ccxt.ArgumentsRequired, "origClientOrderId"),
    ("cancel_order", (ORDER_ID, None), ccxt.ArgumentsRequired, "symbol"),
    ("cancel_order", ("x1", "LTC/BTC"), ccxt.BadRequest, "id"),
    ("cancel_order", (ORDER_ID, "LTC/BTC", {"isIsolated": "TRUE"}), ccxt.BadRequest, "marginMode"),
    ("cancel_order", (ORDER_ID, "LTC/BTC", {"margin": True}), ccxt.BadRequest, "marginMode"),
    ("cancel_order", (ORDER_ID, "LTC/BTC", {"recvWindow": 60001}), ccxt.BadRequest, "60000"),
    ("cancel_order", (ORDER_ID, "LTC/BTC", {"recvWindow": "6000.346"}), ccxt.BadRequest, "integer"),
    ("cancel_order", (ORDER_ID, "LTC/BTC", {"origClientOrderId": ""}), ccxt.BadRequest, "empty string"),
    ("cancel_orders", (["4", "4"], "LTC/BTC"), ccxt.BadRequest, "appears twice"),
    ("cancel_orders", (None, "LTC/BTC"), ccxt.ArgumentsRequired, "ids"),
    ("cancel_all_orders", (None,), ccxt.ArgumentsRequired, "symbol"),
    ("cancel_all_orders", ("LTC/BTC", {"origClientOrderId": "x"}), ccxt.BadRequest, "cancel_order"),
    ("cancel_orders", (["4", "5"], "LTC/BTC", {"orderId": "6"}), ccxt.BadRequest, "orderId"),
]


@pytest.mark.parametrize(("method", "args", "error", "text"), REJECTED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_rejected_input_sends_nothing(flavor: str, method: str, args: tuple[Any, ...], error: type[Exception], text: str) -> None:
    log = RequestLog()
    with pytest.raises(error) as caught:
        call(flavor, "binance", method, *args, prepare=log.attach)
    assert text in str(caught.value)
    assert log.requests == []


# --- against ccxt ----------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_both_ids_against_ccxt(flavor: str) -> None:
    args = ("11", "BTC/USDT", {"origClientOrderId": CLIENT_ID})
    (plain,) = deletes(wire(flavor, "binance", "cancel_order", args, {}, False, dict(CANCELED)))
    (ours,) = deletes(wire(flavor, "binance", "cancel_order", args, {}, True, dict(CANCELED)))
    assert "orderId=11" not in plain[1]  # ccxt drops the id
    assert ours == (plain[0], f"symbol=BTCUSDT&orderId=11&origClientOrderId={CLIENT_ID}&recvWindow=10000")


@pytest.mark.parametrize("flavor", FLAVORS)
def test_cold_cancel_takes_one_request(flavor: str) -> None:
    answers = market_answers(lambda method, url: dict(CANCELED))
    plain, ours = Router(answers), Router(answers)
    assert call(flavor, "binance", "cancel_order", ORDER_ID, "LTC/BTC", install=False, prepare=plain.attach)["status"] == "canceled"
    assert call(flavor, "binance", "cancel_order", ORDER_ID, "LTC/BTC", prepare=ours.attach)["status"] == "canceled"
    assert (len(ours.requests), len(plain.requests)) == (1, 8)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_ccxt_cannot_cancel_orders_on_spot(flavor: str) -> None:
    plain = wire(flavor, "binance", "cancel_orders", (["11", "13"], "BTC/USDT"), {}, False, dict(CANCELED))
    ours = wire(flavor, "binance", "cancel_orders", (["11", "13"], "BTC/USDT"), {}, True, dict(CANCELED))
    assert plain == [("raised", "BadRequest", None, None)]
    assert [query for _, query in deletes(ours)] == ["symbol=BTCUSDT&orderId=11&recvWindow=10000", "symbol=BTCUSDT&orderId=13&recvWindow=10000"]


# --- declined calls are ccxt's, byte for byte --------------------------------------------------

DECLINED: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    ("cancel_order", ("11", "BTC/USDT", {"trigger": True}), {}),
    ("cancel_order", ("11", "BTC/USDT", {"stock": True}), {}),
    ("cancel_order", ("11", "BTC/USDT", {"type": "margin"}), {}),
    ("cancel_order", ("11", "BTC/USDT", {"marginMode": "CROSS"}), {}),  # ccxt's margin, not a value this plugin knows
    ("cancel_order", ("11", "BTC/USDT", {"portfolioMargin": True}), {}),  # ccxt: papi margin without a marginMode
]


@pytest.mark.parametrize(("method", "args", "options"), DECLINED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_declined_calls_are_ccxt_byte_for_byte(flavor: str, method: str, args: tuple[Any, ...], options: dict[str, Any]) -> None:
    plain = wire(flavor, "binance", method, args, options, False, dict(CANCELED))
    routed = wire(flavor, "binance", method, args, options, True, dict(CANCELED))
    assert plain and plain[0][0] != "raised", "ccxt sent nothing: the scenario is wrong"
    assert routed == plain


@pytest.mark.parametrize(
    ("symbol", "params", "options"),
    [
        ("BTC/USDT", {"marginMode": "cross"}, {}),
        ("BTC/USDT", {}, {"marginMode": "isolated"}),
        ("BTC/USDT", {}, {"cancelOrder": {"defaultMarginMode": "cross"}}),
        ("BTCUSDT", {}, {"defaultType": "swap"}),
        ("BTC/USDT", {}, {"defaultType": "swap"}),
        ("YOYOW/BTC", {}, {}),  # ccxt renames YOYO: the id is not derivable cold
        ("AAPL/USDC", {}, {"fetchMarkets": {"types": ["spot", "stock"]}}),  # tokenized stocks share the spot namespace
    ],
)
def test_not_spot(symbol: str, params: dict[str, Any], options: dict[str, Any]) -> None:
    exchange = ccxt.binance({**credentials("binance"), "options": options})
    assert spot.ccxt_cancel_order(exchange, "11", symbol, dict(params)) is None


# --- "done when": a bot with ccxt_cancel.install() on a fresh ccxt.binance ------------------------


def test_bot_with_global_install_cancels_a_spot_order_with_both_ids_in_one_request() -> None:
    ccxt_cancel.install()
    try:
        exchange = ccxt.binance(credentials("binance"))
        log = RequestLog(answer=dict(CANCELED))
        log.attach(exchange)
        order = exchange.cancel_order(ORDER_ID, "LTC/BTC", {"clientOrderId": CLIENT_ID})
        ((method, url, headers, _),) = log.requests
        assert method == "DELETE" and url.startswith("https://api.binance.com/api/v3/order?")
        assert f"orderId={ORDER_ID}" in url and f"origClientOrderId={CLIENT_ID}" in url
        assert "signature=" in url and "X-MBX-APIKEY" in headers
        assert (order["id"], order["status"], order["symbol"]) == (ORDER_ID, "canceled", "LTC/BTC")
    finally:
        ccxt_cancel.uninstall()


def test_failed_single_answer_is_never_canceled() -> None:
    exchange = ccxt.binance(credentials("binance"))
    plan = spot.ccxt_cancel_orders(exchange, ["4", "5"], "LTC/BTC", {})
    assert plan is not None and plan.steps is not None
    flow = plan.flow()
    next(flow)
    flow.send({**CANCELED})
    with pytest.raises(StopIteration) as done:
        flow.send({"symbol": "LTCBTC"})  # no orderId: BadResponse for that id
    orders = done.value.value
    assert [(o["id"], o["status"]) for o in orders] == [("4", "canceled"), ("5", None)]
    assert orders[1][ccxt_cancel.ERROR_KEY]["class"] == "BadResponse"
