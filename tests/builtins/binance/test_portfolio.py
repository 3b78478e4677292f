"""binance_portfolio: portfolio-margin cancels (UM, CM, margin) follow the PM pages, in every flavour and on every exchange they apply to.

Cassettes (cassettes/binance/portfolio_*, tests/support/cassette_specs/binance_portfolio.py)
replay the wire on a cold exchange: one request per cancel.
"""

from __future__ import annotations

from typing import Any

import ccxt
import pytest

import ccxt_cancel
from ccxt_cancel.builtins.binance import coinm, portfolio, usdm
from tests.builtins.binance.support import Router, deletes, market_answers, wire
from tests.support.cassette_specs.binance_portfolio import BATCH_IDS, MARGIN_ALL_IDS, UM_CANCELED, UM_ORDER_ID
from tests.support.helpers import FLAVORS, RequestLog, call, credentials

# Every spelling of "portfolio margin" ccxt reads, as (params, options).
SWITCHES = [
    ({"portfolioMargin": True}, {}),
    ({"papi": True}, {}),
    ({"defaultPortfolioMargin": "true"}, {}),
    ({}, {"portfolioMargin": True}),
    ({}, {"defaultPapi": 1}),
    ({}, {"cancelOrder": {"papi": True}}),
    ({"portfolioMargin": False}, {"papi": True}),  # ccxt reads 'papi' everywhere before 'portfolioMargin'
]
PM = {"portfolioMargin": True}


def config(options: dict[str, Any]) -> dict[str, Any]:
    return {"options": dict(options)} if options else {}


@pytest.mark.vcr("binance/portfolio_um_cancel_order.yaml")
@pytest.mark.parametrize(("params", "options"), SWITCHES)
@pytest.mark.parametrize("exchange_id", ["binance", "binanceusdm"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_um_order(flavor: str, exchange_id: str, params: dict[str, Any], options: dict[str, Any]) -> None:
    order = call(flavor, exchange_id, "cancel_order", UM_ORDER_ID, "BTC/USDT:USDT", dict(params), config=config(options))
    assert (order["id"], order["status"], order["symbol"]) == (UM_ORDER_ID, "canceled", "BTC/USDT:USDT")


@pytest.mark.vcr("binance/portfolio_um_cancel_order_both_ids.yaml")
@pytest.mark.parametrize("exchange_id", ["binance", "binanceusdm"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_um_both_ids_send_the_order_id_only(flavor: str, exchange_id: str) -> None:
    order = call(flavor, exchange_id, "cancel_order", UM_ORDER_ID, "BTC/USDT:USDT", {**PM, "origClientOrderId": "another"})
    assert (order["id"], order["status"]) == (UM_ORDER_ID, "canceled")


@pytest.mark.vcr("binance/portfolio_um_cancel_order_client_id.yaml")
@pytest.mark.parametrize("exchange_id", ["binance", "binanceusdm"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_um_cancel_by_client_id(flavor: str, exchange_id: str) -> None:
    order = call(flavor, exchange_id, "cancel_order", None, "BTC/USDT:USDT", {**PM, "clientOrderId": "myOrder1"})
    assert (order["id"], order["clientOrderId"], order["status"]) == (UM_ORDER_ID, "myOrder1", "canceled")


ERROR_CASES = [
    ("unknown_order", ccxt.OperationRejected, False),
    ("invalid_timestamp", ccxt.InvalidNonce, False),
    ("timeout", ccxt.RequestTimeout, True),
    ("unknown_outcome", ccxt.ExchangeNotAvailable, True),
]


@pytest.mark.parametrize(
    ("case", "error", "unknown"),
    [pytest.param(c, e, u, marks=pytest.mark.vcr(f"binance/portfolio_um_cancel_order_{c}.yaml"), id=c) for c, e, u in ERROR_CASES],
)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_um_errors(flavor: str, case: str, error: type[Exception], unknown: bool) -> None:
    with pytest.raises(error) as caught:
        call(
            flavor, "binanceusdm", "cancel_order", UM_ORDER_ID, "BTC/USDT:USDT", {**PM, "resolveUnknown": False}
        )  # the mapping alone: resolving the outcome is tests/reliability/test_resolve.py's
    assert type(caught.value) is error
    assert ("UNKNOWN" in str(caught.value)) is unknown


@pytest.mark.vcr("binance/portfolio_um_cancel_orders_per_id.yaml")
@pytest.mark.parametrize("exchange_id", ["binance", "binanceusdm"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_um_batch_is_one_papi_request_per_id_never_fapi(flavor: str, exchange_id: str) -> None:
    orders = call(flavor, exchange_id, "cancel_orders", list(BATCH_IDS), "BTC/USDT:USDT", dict(PM))
    assert [o["id"] for o in orders] == BATCH_IDS
    assert [o["status"] for o in orders] == ["canceled", None, "canceled"]
    assert orders[1][ccxt_cancel.ERROR_KEY]["class"] == "OperationRejected"


@pytest.mark.vcr("binance/portfolio_um_cancel_orders_clock_error.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_um_batch_stops_after_a_clock_error(flavor: str) -> None:
    orders = call(flavor, "binanceusdm", "cancel_orders", list(BATCH_IDS), "BTC/USDT:USDT", dict(PM))
    assert [o["status"] for o in orders] == ["canceled", None, None]
    assert [o[ccxt_cancel.ERROR_KEY]["class"] for o in orders[1:]] == ["InvalidNonce", "InvalidNonce"]
    assert "not sent" in orders[2][ccxt_cancel.ERROR_KEY]["message"]


@pytest.mark.vcr("binance/portfolio_um_cancel_all_orders.yaml")
@pytest.mark.parametrize("exchange_id", ["binance", "binanceusdm"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_um_cancel_all(flavor: str, exchange_id: str) -> None:
    orders = call(flavor, exchange_id, "cancel_all_orders", "BTC/USDT:USDT", dict(PM))
    assert orders == [ccxt.binance().safe_order({"info": {"code": 200, "msg": "The operation of cancel all open order is done."}})]


@pytest.mark.vcr("binance/portfolio_cm_cancel_order.yaml")
@pytest.mark.parametrize("symbol", ["BTC/USD:BTC", "BTCUSD_PERP"])
@pytest.mark.parametrize("exchange_id", ["binance", "binancecoinm"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_cm_order(flavor: str, exchange_id: str, symbol: str) -> None:
    order = call(flavor, exchange_id, "cancel_order", "283194212", symbol, dict(PM))
    assert (order["id"], order["status"], order["symbol"]) == ("283194212", "canceled", "BTC/USD:BTC")


@pytest.mark.vcr("binance/portfolio_cm_cancel_all_orders.yaml")
@pytest.mark.parametrize("exchange_id", ["binance", "binancecoinm"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cm_cancel_all(flavor: str, exchange_id: str) -> None:
    (order,) = call(flavor, exchange_id, "cancel_all_orders", "BTC/USD:BTC", dict(PM))
    assert order["info"]["code"] == 200


@pytest.mark.vcr("binance/portfolio_margin_cancel_order.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_margin_order(flavor: str) -> None:
    order = call(flavor, "binance", "cancel_order", "28", "LTC/BTC", {**PM, "marginMode": "cross"})
    assert (order["id"], order["status"], order["symbol"]) == ("28", "canceled", "LTC/BTC")


@pytest.mark.vcr("binance/portfolio_margin_cancel_all_orders.yaml")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_margin_cancel_all(flavor: str) -> None:
    orders = call(flavor, "binance", "cancel_all_orders", "BTC/USDT", {**PM, "marginMode": "cross"})
    assert [o["id"] for o in orders] == MARGIN_ALL_IDS and {o["status"] for o in orders} == {"canceled"}


# --- against ccxt ----------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_ccxt_sends_a_portfolio_batch_to_fapi_with_the_flag_on_the_wire(flavor: str) -> None:
    args = (list(BATCH_IDS), "BTC/USDT:USDT", dict(PM))
    plain = deletes(wire(flavor, "binanceusdm", "cancel_orders", args, {}, False, [dict(UM_CANCELED)]))
    ours = deletes(wire(flavor, "binanceusdm", "cancel_orders", args, {}, True, dict(UM_CANCELED)))
    assert len(plain) == 1 and plain[0][0].endswith("/fapi/v1/batchOrders") and "portfolioMargin=true" in plain[0][1]
    assert [path for path, _ in ours] == ["https://papi.binance.com/papi/v1/um/order"] * 3
    assert all("portfolioMargin" not in query for _, query in ours)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_portfolio_batch_ccxt_would_misroute_is_refused(flavor: str) -> None:
    log = RequestLog()
    with pytest.raises(ccxt.BadRequest, match="no batch cancel"):
        call(flavor, "binanceusdm", "cancel_orders", list(BATCH_IDS), "BTC/USDT:USDT", {**PM, "trigger": True}, prepare=log.attach)
    assert log.requests == []


@pytest.mark.parametrize(("exchange_id", "expected"), [("binanceusdm", 4), ("binance", 8)])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cold_cancel_takes_one_request(flavor: str, exchange_id: str, expected: int) -> None:
    answers = market_answers(lambda method, url: dict(UM_CANCELED))
    plain, ours = Router(answers), Router(answers)
    call(flavor, exchange_id, "cancel_order", UM_ORDER_ID, "BTC/USDT:USDT", dict(PM), install=False, prepare=plain.attach)
    call(flavor, exchange_id, "cancel_order", UM_ORDER_ID, "BTC/USDT:USDT", dict(PM), prepare=ours.attach)
    assert (len(ours.requests), len(plain.requests)) == (1, expected)


REJECTED: list[tuple[str, str, tuple[Any, ...], type[Exception], str]] = [
    ("binanceusdm", "cancel_order", (None, "BTC/USDT:USDT", dict(PM)), ccxt.ArgumentsRequired, "origClientOrderId"),
    ("binanceusdm", "cancel_order", (UM_ORDER_ID, "BTC/USDT:USDT", {**PM, "recvWindow": 60001}), ccxt.BadRequest, "60000"),
    ("binance", "cancel_order", ("28", "LTC/BTC", {**PM, "marginMode": "cross", "isIsolated": "TRUE"}), ccxt.BadRequest, "isolated"),
    ("binancecoinm", "cancel_orders", (["1", "1"], "BTC/USD:BTC", dict(PM)), ccxt.BadRequest, "twice"),
]


@pytest.mark.parametrize(("exchange_id", "method", "args", "error", "text"), REJECTED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_rejected_input_sends_nothing(flavor: str, exchange_id: str, method: str, args: tuple[Any, ...], error: type[Exception], text: str) -> None:
    log = RequestLog()
    with pytest.raises(error) as caught:
        call(flavor, exchange_id, method, *args, prepare=log.attach)
    assert text in str(caught.value)
    assert log.requests == []


@pytest.mark.parametrize(
    ("exchange_id", "symbol", "params", "options"),
    [
        ("binance", "BTC/USDT", dict(PM), {}),  # ccxt: papi margin; no marginMode says so here
        ("binance", "BTC/USDT", {**PM, "marginMode": "isolated"}, {}),
        ("binanceusdm", "BTC/USDT:USDT", {**PM, "trigger": True}, {}),  # papi um/algo/order: ccxt's
        ("binancecoinm", "BTC/USD:BTC", {**PM, "conditional": True}, {}),  # papi cm/conditional/order: ccxt's
        ("binanceusdm", "BTC/USDT:USDT", {"papi": False}, {"portfolioMargin": True}),
        ("binanceusdm", "BTC/USDT:USDT", {}, {"papi": "false", "portfolioMargin": True}),
    ],
)
def test_not_portfolio(exchange_id: str, symbol: str, params: dict[str, Any], options: dict[str, Any]) -> None:
    exchange = getattr(ccxt, exchange_id)({**credentials(exchange_id), "options": options})
    assert portfolio.ccxt_cancel_order(exchange, "11", symbol, dict(params)) is None


@pytest.mark.parametrize(
    ("exchange_id", "symbol", "params"),
    [("binancecoinm", "BTC/USD:BTC", dict(PM)), ("binance", "BTC/USD:BTC", {"papi": True}), ("binanceusdm", "BTC/USDT:USDT", dict(PM))],
)
def test_coinm_and_usdm_leave_portfolio_margin_to_this_plugin(exchange_id: str, symbol: str, params: dict[str, Any]) -> None:
    exchange = getattr(ccxt, exchange_id)(credentials(exchange_id))
    assert coinm.ccxt_cancel_order(exchange, "11", symbol, dict(params)) is None
    assert usdm.ccxt_cancel_order(exchange, "11", symbol, dict(params)) is None
    assert portfolio.ccxt_cancel_order(exchange, "11", symbol, dict(params)) is not None
