"""binance_usdm: USD-M futures cancels follow the USD-M pages, in every flavour, on binanceusdm and binance.

Cassettes (cassettes/binance/usdm_*, built from the USD-M pages by
tests/support/cassette_specs/binance_usdm.py) replay the wire; every
replaying test runs on a cold exchange, so it also shows that one request is
all a cancel takes. The no-request tests stub ``exchange.fetch``.
"""

from __future__ import annotations

from typing import Any

import ccxt
import pytest

import ccxt_cancel
from ccxt_cancel.builtins.binance import usdm
from tests.builtins.binance.support import Router, check_unified, deletes, market_answers, parsed_markets, wire
from tests.support.cassette_specs.binance_usdm import (
    BATCH_CHUNKS,
    BATCH_FAILED,
    BATCH_IDS,
    BATCH_ITEM,
    CANCELED,
    CLIENT_BATCH,
    CLIENT_ID,
    ORDER_ID,
    UNKNOWN_ORDER,
)
from tests.support.helpers import FLAVORS, RequestLog, call, credentials

EXCHANGES = ("binanceusdm", "binance")
# (exchange, symbol, options) that name the BTCUSDT perpetual without markets loaded
PERPETUAL = [
    ("binanceusdm", "BTC/USDT:USDT", {}),
    ("binanceusdm", "BTCUSDT", {}),
    ("binanceusdm", "BTC/USDT", {}),  # ccxt's legacy name on binanceusdm (defaultType swap)
    ("binance", "BTC/USDT:USDT", {}),
    ("binance", "BTCUSDT", {"defaultType": "swap"}),
    ("binance", "BTCUSDT", {"defaultType": "future"}),
    ("binance", "BTC/USDT", {"defaultType": "swap"}),
]
SKIP_TRAILING = {"price": True}  # the pages' example is a trailing stop, price "0"


def options_config(options: dict[str, Any]) -> dict[str, Any]:
    return {"options": dict(options)} if options else {}


# --- replayed cassettes --------------------------------------------------------------------------


@pytest.mark.vcr("binance/usdm_cancel_order.yaml")
@pytest.mark.parametrize(("exchange_id", "symbol", "options"), PERPETUAL)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_order_by_id(flavor: str, exchange_id: str, symbol: str, options: dict[str, Any]) -> None:
    order = call(flavor, exchange_id, "cancel_order", ORDER_ID, symbol, config=options_config(options))
    assert (order["id"], order["clientOrderId"], order["status"], order["symbol"]) == (ORDER_ID, CLIENT_ID, "canceled", "BTC/USDT:USDT")
    assert (order["side"], order["amount"], order["type"]) == ("buy", 11.0, "market")  # ccxt: trailing stop market -> market
    check_unified(order, "BTC/USDT:USDT", SKIP_TRAILING)


@pytest.mark.vcr("binance/usdm_cancel_order_both_ids.yaml")
@pytest.mark.parametrize("client_key", ["origClientOrderId", "clientOrderId"])
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_both_ids_send_the_order_id_only(flavor: str, exchange_id: str, client_key: str) -> None:
    # The cassette's URL has orderId and no origClientOrderId: a client id on the wire would not match.
    order = call(flavor, exchange_id, "cancel_order", ORDER_ID, "BTC/USDT:USDT", {client_key: "another-id"})
    assert (order["id"], order["status"]) == (ORDER_ID, "canceled")


@pytest.mark.vcr("binance/usdm_cancel_order_client_id.yaml")
@pytest.mark.parametrize("client_key", ["origClientOrderId", "clientOrderId"])
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_by_client_id_when_id_is_none(flavor: str, exchange_id: str, client_key: str) -> None:
    order = call(flavor, exchange_id, "cancel_order", None, "BTC/USDT:USDT", {client_key: CLIENT_ID})
    assert (order["id"], order["clientOrderId"], order["status"]) == (ORDER_ID, CLIENT_ID, "canceled")


@pytest.mark.vcr("binance/usdm_cancel_order_dated.yaml")
@pytest.mark.parametrize("symbol", ["BTC/USDT:USDT-251226", "BTCUSDT_251226"])
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_on_a_delivery_contract(flavor: str, exchange_id: str, symbol: str) -> None:
    order = call(flavor, exchange_id, "cancel_order", int(ORDER_ID), symbol)
    assert (order["id"], order["symbol"], order["status"]) == (ORDER_ID, "BTC/USDT:USDT-251226", "canceled")


ERROR_CASES = [
    ("unknown_order", ccxt.OrderNotFound),
    ("invalid_timestamp", ccxt.InvalidNonce),
    ("rate_limited", ccxt.DDoSProtection),
    ("unknown_outcome", ccxt.ExchangeNotAvailable),
    ("service_unavailable", ccxt.ExchangeNotAvailable),
]


@pytest.mark.parametrize(
    ("case", "error"),
    [pytest.param(case, error, marks=pytest.mark.vcr(f"binance/usdm_cancel_order_{case}.yaml"), id=case) for case, error in ERROR_CASES],
)
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_errors_keep_ccxt_mapping_on_a_cold_exchange(flavor: str, exchange_id: str, case: str, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        call(
            flavor, exchange_id, "cancel_order", ORDER_ID, "BTC/USDT:USDT", {"resolveUnknown": False}
        )  # the mapping alone: resolving the outcome is tests/reliability/test_resolve.py's
    assert type(caught.value) is error
    assert ("UNKNOWN" in str(caught.value)) is (case == "unknown_outcome")


@pytest.mark.vcr("binance/usdm_cancel_orders_chunked.yaml")
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_batch_of_25_is_three_requests_and_keeps_every_id(flavor: str, exchange_id: str) -> None:
    orders = call(flavor, exchange_id, "cancel_orders", list(BATCH_IDS), "BTC/USDT:USDT")
    assert [o["id"] for o in orders] == BATCH_IDS  # the caller's order, failures included
    for order in orders:
        assert order["symbol"] == "BTC/USDT:USDT"
        if order["id"] in BATCH_FAILED:
            assert order["status"] is None and order["info"] == UNKNOWN_ORDER
            assert order[ccxt_cancel.ERROR_KEY]["class"] == "OrderNotFound"
            assert order["id"] in order[ccxt_cancel.ERROR_KEY]["message"]
        else:
            assert order["status"] == "canceled" and ccxt_cancel.ERROR_KEY not in order
        check_unified(order, "BTC/USDT:USDT", SKIP_TRAILING)


@pytest.mark.vcr("binance/usdm_cancel_orders_failed_item.yaml")
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_the_pages_failed_item_comes_back_with_its_id(flavor: str, exchange_id: str) -> None:
    orders = call(flavor, exchange_id, "cancel_orders", ["283194212", "283194213"], "BTC/USDT:USDT")
    assert [(o["id"], o["status"]) for o in orders] == [("283194212", "canceled"), ("283194213", None)]
    assert orders[1]["info"] == UNKNOWN_ORDER
    assert isinstance(ccxt_cancel.error_of(orders[1]), ccxt.OrderNotFound)


@pytest.mark.vcr("binance/usdm_cancel_orders_client_ids.yaml")
@pytest.mark.parametrize("list_key", ["origClientOrderIdList", "clientOrderIds"])
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_batch_by_client_ids(flavor: str, exchange_id: str, list_key: str) -> None:
    orders = call(flavor, exchange_id, "cancel_orders", [], "BTC/USDT:USDT", {list_key: list(CLIENT_BATCH)})
    assert [(o["id"], o["clientOrderId"], o["status"]) for o in orders] == [(ORDER_ID, "myOrder1", "canceled"), (None, "myOrder2", None)]
    assert orders[1]["info"] == UNKNOWN_ORDER


@pytest.mark.vcr("binance/usdm_cancel_orders_first_chunk_rate_limited.yaml")
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_rate_limited_batch_stops_sending_and_raises_when_nothing_was_answered(flavor: str, exchange_id: str) -> None:
    with pytest.raises(ccxt.DDoSProtection):
        call(flavor, exchange_id, "cancel_orders", list(BATCH_IDS), "BTC/USDT:USDT")


@pytest.mark.vcr("binance/usdm_cancel_all_orders.yaml")
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_orders_keeps_ccxt_return_shape(flavor: str, exchange_id: str) -> None:
    orders = call(flavor, exchange_id, "cancel_all_orders", "BTC/USDT:USDT")
    assert orders == [ccxt.binanceusdm().safe_order({"info": {"code": 200, "msg": "The operation of cancel all open order is done."}})]


# --- rejected input: nothing is sent -----------------------------------------------------------

REJECTED: list[tuple[str, str, tuple[Any, ...], type[Exception], str]] = [
    ("binanceusdm", "cancel_order", (None, "BTC/USDT:USDT"), ccxt.ArgumentsRequired, "origClientOrderId"),
    ("binance", "cancel_order", (None, "BTC/USDT:USDT"), ccxt.ArgumentsRequired, "origClientOrderId"),
    ("binanceusdm", "cancel_order", (ORDER_ID, None), ccxt.ArgumentsRequired, "symbol"),
    ("binanceusdm", "cancel_order", ("abc", "BTC/USDT:USDT"), ccxt.BadRequest, "id"),
    ("binanceusdm", "cancel_order", (str(2**63), "BTC/USDT:USDT"), ccxt.BadRequest, "64-bit"),
    ("binanceusdm", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"orderId": "1"}), ccxt.BadRequest, "differ"),
    ("binanceusdm", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"origClientOrderId": "a", "clientOrderId": "b"}), ccxt.BadRequest, "two different"),
    ("binanceusdm", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"margin": True}), ccxt.BadRequest, "margin"),
    ("binanceusdm", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"foo": None}), ccxt.BadRequest, "None"),
    ("binanceusdm", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"symbol": "ETHUSDT"}), ccxt.BadRequest, "contradicts"),
    ("binance", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"portfolioMargin": "maybe"}), ccxt.BadRequest, "boolean"),
    ("binanceusdm", "cancel_orders", ([], "BTC/USDT:USDT"), ccxt.ArgumentsRequired, "ids"),
    ("binanceusdm", "cancel_orders", (["1", "2", "1"], "BTC/USDT:USDT"), ccxt.BadRequest, "appears twice"),
    ("binanceusdm", "cancel_orders", (["1", None], "BTC/USDT:USDT"), ccxt.BadRequest, "ids[1]"),
    ("binanceusdm", "cancel_orders", ([], "BTC/USDT:USDT", {"origClientOrderIdList": ["a b"]}), ccxt.BadRequest, "client order id"),
    ("binanceusdm", "cancel_orders", (["1"], "BTC/USDT:USDT", {"orderIdList": ["1"]}), ccxt.BadRequest, "orderIdList"),
    ("binanceusdm", "cancel_orders", (["1"], "BTC/USDT:USDT", {"orderId": "2"}), ccxt.BadRequest, "orderId"),
    ("binanceusdm", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"isIsolated": "TRUE"}), ccxt.BadRequest, "isIsolated"),
    ("binanceusdm", "cancel_all_orders", ("BTC/USDT:USDT", {"orderId": ORDER_ID}), ccxt.BadRequest, "cancel_order"),
]


@pytest.mark.parametrize(("exchange_id", "method", "args", "error", "text"), REJECTED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_rejected_input_sends_nothing(flavor: str, exchange_id: str, method: str, args: tuple[Any, ...], error: type[Exception], text: str) -> None:
    log = RequestLog()
    with pytest.raises(error, match=None) as caught:
        call(flavor, exchange_id, method, *args, prepare=log.attach)
    assert text in str(caught.value)
    assert log.requests == []


# --- against ccxt ----------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_against_ccxt_25_ids_are_three_requests(flavor: str) -> None:
    ours = wire(flavor, "binanceusdm", "cancel_orders", (list(BATCH_IDS), "BTC/USDT:USDT"), {}, True, [dict(BATCH_ITEM)])
    plain = wire(flavor, "binanceusdm", "cancel_orders", (list(BATCH_IDS), "BTC/USDT:USDT"), {}, False, [dict(BATCH_ITEM)])
    sent = [query.split("orderidlist=%5B")[1].split("%5D")[0].split("%2C") for _, query in deletes(ours)]
    assert sent == BATCH_CHUNKS
    assert len(deletes(plain)) == 1 and deletes(plain)[0][1].count("%2C") == 24  # ccxt: all 25 in one request


@pytest.mark.parametrize(("exchange_id", "expected"), [("binanceusdm", 4), ("binance", 8)])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cold_cancel_takes_one_request(flavor: str, exchange_id: str, expected: int) -> None:
    answers = market_answers(lambda method, url: dict(CANCELED))
    plain, ours = Router(answers), Router(answers)
    assert call(flavor, exchange_id, "cancel_order", ORDER_ID, "BTC/USDT:USDT", install=False, prepare=plain.attach)["status"] == "canceled"
    assert call(flavor, exchange_id, "cancel_order", ORDER_ID, "BTC/USDT:USDT", prepare=ours.attach)["status"] == "canceled"
    assert (len(ours.requests), len(plain.requests)) == (1, expected)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_both_ids_against_ccxt(flavor: str) -> None:
    args = (ORDER_ID, "BTC/USDT:USDT", {"origClientOrderId": CLIENT_ID})
    (plain,) = deletes(wire(flavor, "binanceusdm", "cancel_order", args, {}, False, dict(CANCELED)))
    (ours,) = deletes(wire(flavor, "binanceusdm", "cancel_order", args, {}, True, dict(CANCELED)))
    assert "orderId" not in plain[1] and f"origClientOrderId={CLIENT_ID}" in plain[1]  # ccxt drops the id
    assert ours == (plain[0], f"symbol=BTCUSDT&orderId={ORDER_ID}&recvWindow=10000")


@pytest.mark.parametrize("symbol", ["BTC/USDT:USDT", "BTCUSDT"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_loaded_markets_decide(flavor: str, symbol: str) -> None:
    ours = wire(flavor, "binance", "cancel_order", (ORDER_ID, symbol), {"defaultType": "swap"}, True, dict(CANCELED))
    plain = wire(flavor, "binance", "cancel_order", (ORDER_ID, symbol), {"defaultType": "swap"}, False, dict(CANCELED))
    assert deletes(ours) == deletes(plain) and "/fapi/v1/order" in deletes(ours)[0][0]


# --- declined calls are ccxt's, byte for byte --------------------------------------------------

DECLINED: list[tuple[str, str, tuple[Any, ...], dict[str, Any]]] = [
    ("binanceusdm", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"trigger": True}), {}),
    ("binanceusdm", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"stop": True}), {}),
    ("binanceusdm", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"clientAlgoId": "algo-1"}), {}),
    ("binanceusdm", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"algoId": "9"}), {}),
    ("binanceusdm", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"stopPrice": "9300"}), {}),
    ("binanceusdm", "cancel_all_orders", ("BTC/USDT:USDT", {"trigger": True}), {}),
    ("binance", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"type": "spot"}), {}),
    ("binance", "cancel_order", (ORDER_ID, "BTC/USDT", {"subType": "linear"}), {}),
]


@pytest.mark.parametrize(("exchange_id", "method", "args", "options"), DECLINED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_declined_calls_are_ccxt_byte_for_byte(flavor: str, exchange_id: str, method: str, args: tuple[Any, ...], options: dict[str, Any]) -> None:
    answer = dict(CANCELED) if method == "cancel_order" else [dict(CANCELED)]
    plain = wire(flavor, exchange_id, method, args, options, False, answer)
    routed = wire(flavor, exchange_id, method, args, options, True, answer)
    assert plain and plain[0][0] != "raised", "ccxt sent nothing: the scenario is wrong"
    assert routed == plain


@pytest.mark.parametrize(
    ("args", "options"),
    [
        ((ORDER_ID, "BTC/USDT:USDT", {"portfolioMargin": True}), {}),
        ((ORDER_ID, "BTC/USDT:USDT"), {"papi": True}),
        ((ORDER_ID, "BTC/USDT:USDT"), {"cancelOrder": {"portfolioMargin": "true"}}),
    ],
)
def test_portfolio_margin_is_not_usdm(args: tuple[Any, ...], options: dict[str, Any]) -> None:
    exchange = ccxt.binanceusdm({**credentials("binanceusdm"), "options": options})
    assert usdm.ccxt_cancel_order(exchange, args[0], args[1], dict(args[2]) if len(args) > 2 else {}) is None


def test_marginmode_and_portfolio_switches_never_reach_the_wire() -> None:
    exchange = ccxt.binanceusdm(credentials("binanceusdm"))
    exchange.set_markets(parsed_markets("binanceusdm"))
    plan = usdm.ccxt_cancel_order(exchange, ORDER_ID, "BTC/USDT:USDT", {"marginMode": "cross", "portfolioMargin": False, "papi": "false"})
    assert plan is not None
    assert dict(plan.requests[0].params) == {"symbol": "BTCUSDT", "orderId": ORDER_ID}


# --- "done when": a bot with ccxt_cancel.install() on a fresh ccxt.binance ------------------------


def test_bot_with_global_install_cancels_usdm_with_both_ids_and_a_25_id_batch() -> None:
    ccxt_cancel.install()
    try:
        exchange = ccxt.binance(credentials("binance"))
        log = RequestLog(answer=dict(CANCELED))
        log.attach(exchange)
        order = exchange.cancel_order(ORDER_ID, "BTC/USDT:USDT", {"origClientOrderId": CLIENT_ID})
        ((method, url, headers, _),) = log.requests
        assert method == "DELETE" and url.startswith("https://fapi.binance.com/fapi/v1/order?")
        assert f"orderId={ORDER_ID}" in url and "origClientOrderId" not in url
        assert "signature=" in url and "X-MBX-APIKEY" in headers
        assert (order["id"], order["status"], order["symbol"]) == (ORDER_ID, "canceled", "BTC/USDT:USDT")

        chunks = iter([[{**BATCH_ITEM, "orderId": int(i)} if i not in BATCH_FAILED else dict(UNKNOWN_ORDER) for i in chunk] for chunk in BATCH_CHUNKS])
        log.requests.clear()
        log.answer = lambda method, url, headers, body: next(chunks)
        orders = exchange.cancel_orders(list(BATCH_IDS), "BTC/USDT:USDT")
        assert len(log.requests) == 3
        assert [o["id"] for o in orders] == BATCH_IDS
        failed = [o for o in orders if o["status"] != "canceled"]
        assert [o["id"] for o in failed] == [i for i in BATCH_IDS if i in BATCH_FAILED]
        assert all(o[ccxt_cancel.ERROR_KEY]["class"] == "OrderNotFound" for o in failed)
    finally:
        ccxt_cancel.uninstall()
