"""binance_coinm: Binance COIN-M cancels follow the documentation, in every flavour, on binancecoinm and binance.

Cassettes (cassettes/binance/, built from the COIN-M pages by
tests/cassettes_binance.py) replay the wire; every replaying test runs on a
cold exchange, so it also shows that one request is all a cancel takes and
that ccxt's error mapping works on the dapi URL without markets. The
no-request tests stub ``exchange.fetch`` and assert nothing was sent.
"""

from __future__ import annotations

import asyncio
import json
import math
from typing import Any
from urllib.parse import unquote

import ccxt
import ccxt.async_support
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ccxt_cancel
from ccxt_cancel.builtins.binance import coinm as binance_coinm
from ccxt_cancel.builtins.binance import gaps as binance_gaps
from ccxt_cancel.plans import HttpAnswer
from tests.builtins.binance.support import Router, check_unified, freeze
from tests.support.cassette_specs.binance import (
    BATCH_FAILED,
    BATCH_IDS,
    CANCELED,
    CLIENT_BATCH,
    CLIENT_ID,
    ORDER_ID,
    UNKNOWN_ORDER,
)
from tests.support.helpers import FLAVORS, RequestLog, call, credentials

EXCHANGES = ("binancecoinm", "binance")

# Canned dapi/fapi/api exchangeInfo entries (shape of Binance's Exchange-Information pages), parsed by ccxt itself.
INFO_COINM = {
    "symbol": "BTCUSD_PERP", "pair": "BTCUSD", "contractType": "PERPETUAL", "deliveryDate": 4133404800000,
    "contractStatus": "TRADING", "contractSize": 100, "marginAsset": "BTC", "baseAsset": "BTC", "quoteAsset": "USD",
    "pricePrecision": 1, "quantityPrecision": 0, "filters": [],
}  # fmt: skip
INFO_DATED = {
    **INFO_COINM,
    "symbol": "ETHUSD_251226",
    "pair": "ETHUSD",
    "contractType": "CURRENT_QUARTER",
    "deliveryDate": 1766736000000,
    "contractSize": 10,
    "marginAsset": "ETH",
    "baseAsset": "ETH",
}
INFO_USDM = {
    "symbol": "BTCUSDT", "pair": "BTCUSDT", "contractType": "PERPETUAL", "deliveryDate": 4133404800000, "status": "TRADING",
    "marginAsset": "USDT", "baseAsset": "BTC", "quoteAsset": "USDT", "pricePrecision": 2, "quantityPrecision": 3, "filters": [],
}  # fmt: skip
INFO_SPOT = {
    "symbol": "BTCUSDT",
    "status": "TRADING",
    "baseAsset": "BTC",
    "quoteAsset": "USDT",
    "baseAssetPrecision": 8,
    "quotePrecision": 8,
    "filters": [],
    "permissions": [],
}


def parsed_markets(exchange_id: str) -> list[dict[str, Any]]:
    parser = ccxt.binance()
    parser.options.update({"crossMarginPairsData": [], "isolatedMarginPairsData": []})
    infos = [INFO_COINM, INFO_DATED] + ([INFO_USDM, INFO_SPOT] if exchange_id == "binance" else [])
    return [parser.parse_market(info) for info in infos]


def exchange_answers(method: str, url: str) -> Any:
    if "dapi/v1/exchangeInfo" in url:
        return {"symbols": [INFO_COINM, INFO_DATED], "rateLimits": []}
    if "exchangeInfo" in url:
        return {"symbols": [], "optionSymbols": [], "rateLimits": []}
    if method == "DELETE" and url.split("?")[0].endswith("/order"):
        return dict(CANCELED)
    return []


# --- replayed cassettes --------------------------------------------------------------------------


@pytest.mark.vcr("binance/coinm_cancel_order.yaml")
@pytest.mark.parametrize("symbol", ["BTC/USD:BTC", "BTCUSD_PERP"])
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_order_by_id(flavor: str, exchange_id: str, symbol: str) -> None:
    order = call(flavor, exchange_id, "cancel_order", ORDER_ID, symbol)
    assert (order["id"], order["clientOrderId"], order["status"], order["symbol"]) == (ORDER_ID, CLIENT_ID, "canceled", "BTC/USD:BTC")
    assert (order["side"], order["price"], order["amount"], order["type"]) == ("buy", 37000.0, 1.0, "limit")
    check_unified(order, "BTC/USD:BTC")


@pytest.mark.vcr("binance/coinm_cancel_order_both_ids.yaml")
@pytest.mark.parametrize("client_key", ["origClientOrderId", "clientOrderId"])
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_order_id_takes_precedence_over_client_id(flavor: str, exchange_id: str, client_key: str) -> None:
    # The cassette's URL has orderId and no origClientOrderId: any client id on the wire would not match.
    order = call(flavor, exchange_id, "cancel_order", ORDER_ID, "BTC/USD:BTC", {client_key: "x"})
    assert (order["id"], order["status"]) == (ORDER_ID, "canceled")
    check_unified(order, "BTC/USD:BTC")


@pytest.mark.vcr("binance/coinm_cancel_order_client_id.yaml")
@pytest.mark.parametrize("client_key", ["origClientOrderId", "clientOrderId"])
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_by_client_id_when_id_is_none(flavor: str, exchange_id: str, client_key: str) -> None:
    order = call(flavor, exchange_id, "cancel_order", None, "BTC/USD:BTC", {client_key: CLIENT_ID})
    assert (order["id"], order["clientOrderId"], order["status"]) == (ORDER_ID, CLIENT_ID, "canceled")
    check_unified(order, "BTC/USD:BTC")


@pytest.mark.vcr("binance/coinm_cancel_order_dated.yaml")
@pytest.mark.parametrize("symbol", ["ETH/USD:ETH-251226", "ETHUSD_251226"])
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_on_a_delivery_contract(flavor: str, exchange_id: str, symbol: str) -> None:
    order = call(flavor, exchange_id, "cancel_order", int(ORDER_ID), symbol)
    assert (order["id"], order["symbol"], order["status"], order["price"]) == (ORDER_ID, "ETH/USD:ETH-251226", "canceled", 2500.0)
    check_unified(order, "ETH/USD:ETH-251226")


@pytest.mark.vcr("binance/coinm_cancel_order_recv_window.yaml")
@pytest.mark.parametrize("recv_window", [5000, "5000"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_recv_window_from_params_is_sent_checked(flavor: str, recv_window: Any) -> None:
    order = call(flavor, "binancecoinm", "cancel_order", ORDER_ID, "BTC/USD:BTC", {"recvWindow": recv_window})
    assert order["status"] == "canceled"


ERROR_CASES = [
    ("unknown_order", ccxt.OrderNotFound),
    ("no_such_order", ccxt.OrderNotFound),
    ("invalid_timestamp", ccxt.InvalidNonce),
    ("invalid_signature", ccxt.AuthenticationError),
    ("rejected_key", ccxt.AuthenticationError),
    ("rate_limited", ccxt.DDoSProtection),
    ("ip_banned", ccxt.DDoSProtection),
    ("unknown_outcome", ccxt.ExchangeNotAvailable),
    ("service_unavailable", ccxt.ExchangeNotAvailable),
    ("service_unavailable_order_body", ccxt.ExchangeNotAvailable),
]


@pytest.mark.parametrize(
    ("case", "error"),
    [pytest.param(case, error, marks=pytest.mark.vcr(f"binance/coinm_cancel_order_{case}.yaml"), id=case) for case, error in ERROR_CASES],
)
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_errors_keep_ccxt_mapping_on_a_cold_exchange(flavor: str, exchange_id: str, case: str, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        call(
            flavor, exchange_id, "cancel_order", ORDER_ID, "BTC/USD:BTC", {"resolveUnknown": False}
        )  # the mapping alone: resolving the outcome is tests/reliability/test_resolve.py's
    assert type(caught.value) is error  # the exact class ccxt's binance mapping gives, not a parent
    if case.startswith("unknown_outcome"):
        assert "UNKNOWN" in str(caught.value)


@pytest.mark.vcr("binance/coinm_cancel_orders_chunked.yaml")
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_batch_of_twelve_is_two_requests_and_keeps_every_result(flavor: str, exchange_id: str) -> None:
    orders = call(flavor, exchange_id, "cancel_orders", list(BATCH_IDS), "BTC/USD:BTC")
    assert [o["id"] for o in orders] == BATCH_IDS  # the caller's order, failures included
    for order in orders:
        assert order["symbol"] == "BTC/USD:BTC"
        if order["id"] in BATCH_FAILED:
            assert order["status"] is None
            assert order["info"] == UNKNOWN_ORDER
        else:
            assert order["status"] == "canceled"
            assert order["clientOrderId"] == f"myOrder{BATCH_IDS.index(order['id']) + 1}"
        # The page's example is a trailing stop with price "0": price is not a limit price here.
        check_unified(order, "BTC/USD:BTC", {"price": True})


@pytest.mark.vcr("binance/coinm_cancel_orders_second_chunk_rejected.yaml")
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_later_chunk_failing_keeps_what_was_canceled(flavor: str, exchange_id: str) -> None:
    # Issue 9, case 4: chunk 1 (10 ids) canceled, chunk 2 answers -1021: the call returns 12 entries.
    orders = call(flavor, exchange_id, "cancel_orders", list(BATCH_IDS), "BTC/USD:BTC")
    assert [o["id"] for o in orders] == BATCH_IDS
    assert [o["status"] for o in orders] == ["canceled"] * 10 + [None, None]
    for order in orders[10:]:
        assert order[ccxt_cancel.ERROR_KEY]["class"] == "InvalidNonce"
        assert isinstance(ccxt_cancel.error_of(order), ccxt.InvalidNonce)
    assert all(ccxt_cancel.ERROR_KEY not in o for o in orders[:10])


@pytest.mark.vcr("binance/coinm_cancel_orders_second_chunk_unknown.yaml")
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_later_chunk_with_an_unknown_outcome_says_unknown_for_its_ids_only(flavor: str, exchange_id: str) -> None:
    # The batch rule alone: resolution (tests/reliability/test_batch_resolve.py) is switched off.
    orders = call(flavor, exchange_id, "cancel_orders", list(BATCH_IDS), "BTC/USD:BTC", {"resolveUnknown": False})
    assert [o["status"] for o in orders] == ["canceled"] * 10 + [None, None]
    for order in orders[10:]:
        assert order[ccxt_cancel.ERROR_KEY]["class"] == "ExchangeNotAvailable"
        assert "UNKNOWN" in order[ccxt_cancel.ERROR_KEY]["message"]


@pytest.mark.vcr("binance/coinm_cancel_orders_first_chunk_rate_limited.yaml")
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_rate_limited_batch_stops_sending_and_raises_when_nothing_was_answered(flavor: str, exchange_id: str) -> None:
    # The cassette holds one interaction: a second request would not match it and fail the replay.
    with pytest.raises(ccxt.DDoSProtection):
        call(flavor, exchange_id, "cancel_orders", list(BATCH_IDS), "BTC/USD:BTC")


@pytest.mark.parametrize("flavor", FLAVORS)
def test_duplicate_ids_are_refused_before_anything_is_sent(flavor: str) -> None:
    log = RequestLog()
    with pytest.raises(ccxt.BadRequest, match=r"ids\[2\] '1' appears twice"):
        call(flavor, "binancecoinm", "cancel_orders", ["1", "2", "1"], "BTC/USD:BTC", prepare=log.attach)
    assert log.requests == []


@pytest.mark.vcr("binance/coinm_cancel_orders_single_failed.yaml")
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_batch_whose_only_item_failed_returns_it_as_a_failed_order(flavor: str, exchange_id: str) -> None:
    # ccxt's handle_errors raises on a one-item error list; the plan accepts 2xx batch answers (ccxt_cancel.ACCEPT)
    orders = call(flavor, exchange_id, "cancel_orders", ["283194212"], "BTC/USD:BTC")
    assert [(o["id"], o["status"]) for o in orders] == [("283194212", None)]
    assert orders[0]["info"] == UNKNOWN_ORDER


@pytest.mark.vcr("binance/coinm_cancel_orders_client_ids.yaml")
@pytest.mark.parametrize("list_key", ["origClientOrderIdList", "clientOrderIds"])
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_batch_by_client_ids(flavor: str, exchange_id: str, list_key: str) -> None:
    orders = call(flavor, exchange_id, "cancel_orders", [], "BTCUSD_PERP", {list_key: list(CLIENT_BATCH)})
    assert [(o["id"], o["clientOrderId"], o["status"]) for o in orders] == [("283194212", "myOrder1", "canceled"), (None, "myOrder2", None)]
    assert orders[1]["info"] == UNKNOWN_ORDER
    assert orders[1]["symbol"] == "BTC/USD:BTC"


@pytest.mark.vcr("binance/coinm_cancel_all_orders.yaml")
@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_orders_keeps_ccxt_return_shape(flavor: str, exchange_id: str) -> None:
    orders = call(flavor, exchange_id, "cancel_all_orders", "BTC/USD:BTC")
    expected = ccxt.binancecoinm().safe_order({"info": {"code": 200, "msg": "The operation of cancel all open order is done."}})
    assert orders == [expected]


# --- rejected input: nothing is sent -----------------------------------------------------------

REJECTED: list[tuple[str, str, tuple[Any, ...], dict[str, Any], type[Exception], str]] = [
    # (exchange, method, args, config, error, text the message must contain)
    ("binancecoinm", "cancel_order", (None, "BTC/USD:BTC"), {}, ccxt.ArgumentsRequired, "origClientOrderId"),
    ("binance", "cancel_order", (None, "BTC/USD:BTC"), {}, ccxt.ArgumentsRequired, "origClientOrderId"),
    ("binancecoinm", "cancel_order", (ORDER_ID, None), {}, ccxt.ArgumentsRequired, "symbol"),
    ("binancecoinm", "cancel_order", ("abc", "BTC/USD:BTC"), {}, ccxt.BadRequest, "id"),
    ("binancecoinm", "cancel_order", ("-1", "BTC/USD:BTC"), {}, ccxt.BadRequest, "id"),
    ("binancecoinm", "cancel_order", ("1.5", "BTC/USD:BTC"), {}, ccxt.BadRequest, "id"),
    ("binancecoinm", "cancel_order", (1.5, "BTC/USD:BTC"), {}, ccxt.BadRequest, "id"),
    ("binancecoinm", "cancel_order", (True, "BTC/USD:BTC"), {}, ccxt.BadRequest, "id"),
    ("binancecoinm", "cancel_order", ("", "BTC/USD:BTC"), {}, ccxt.ArgumentsRequired, "id"),
    ("binancecoinm", "cancel_order", ("4612097861\u00b2", "BTC/USD:BTC"), {}, ccxt.BadRequest, "id"),
    ("binancecoinm", "cancel_order", (str(2**63), "BTC/USD:BTC"), {}, ccxt.BadRequest, "64-bit"),
    ("binance", "cancel_order", (2**63, "BTC/USD:BTC"), {}, ccxt.BadRequest, "64-bit"),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"recvWindow": 0}), {}, ccxt.BadRequest, "recvWindow"),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"recvWindow": 60001}), {}, ccxt.BadRequest, "60000"),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"recvWindow": "60001"}), {}, ccxt.BadRequest, "recvWindow"),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"recvWindow": "5s"}), {}, ccxt.BadRequest, "recvWindow"),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"recvWindow": 5000.5}), {}, ccxt.BadRequest, "recvWindow"),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"recvWindow": True}), {}, ccxt.BadRequest, "recvWindow"),
    ("binance", "cancel_order", (ORDER_ID, "BTC/USD:BTC"), {"options": {"recvWindow": 70000}}, ccxt.BadRequest, "options['recvWindow']"),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"recvWindow": None}), {}, ccxt.BadRequest, "recvWindow"),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"origClientOrderId": None}), {}, ccxt.BadRequest, "origClientOrderId"),
    ("binancecoinm", "cancel_order", (None, "BTC/USD:BTC", {"foo": None}), {}, ccxt.BadRequest, "foo"),
    ("binancecoinm", "cancel_order", (None, "BTC/USD:BTC", {"origClientOrderId": ""}), {}, ccxt.BadRequest, "origClientOrderId"),
    ("binancecoinm", "cancel_order", (None, "BTC/USD:BTC", {"origClientOrderId": "a", "clientOrderId": "b"}), {}, ccxt.BadRequest, "two different client ids"),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"orderId": "1"}), {}, ccxt.BadRequest, "orderId"),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"symbol": "ETHUSD_PERP"}), {}, ccxt.BadRequest, "symbol"),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC-2512"), {}, ccxt.BadSymbol, "BTC/USD:BTC-2512"),
    ("binance", "cancel_order", (ORDER_ID, "BTC/USD:BTC-251332"), {}, ccxt.BadSymbol, "YYMMDD"),
    ("binance", "cancel_order", (ORDER_ID, "BTCUSD_PERPX"), {}, ccxt.BadSymbol, "BTCUSD_PERPX"),
    ("binancecoinm", "cancel_order", (ORDER_ID, " BTC/USD:BTC"), {}, ccxt.BadSymbol, "symbol"),
    ("binancecoinm", "cancel_order", (ORDER_ID, ""), {}, ccxt.BadSymbol, "symbol"),
    ("binancecoinm", "cancel_orders", ([], "BTC/USD:BTC"), {}, ccxt.ArgumentsRequired, "ids"),
    ("binancecoinm", "cancel_orders", (None, "BTC/USD:BTC"), {}, ccxt.ArgumentsRequired, "ids"),
    ("binancecoinm", "cancel_orders", (["1"], None), {}, ccxt.ArgumentsRequired, "symbol"),
    ("binance", "cancel_orders", (["1", "x"], "BTC/USD:BTC"), {}, ccxt.BadRequest, "ids[1]"),
    ("binance", "cancel_orders", (["1", None], "BTC/USD:BTC"), {}, ccxt.BadRequest, "ids[1]"),
    ("binancecoinm", "cancel_orders", ("123", "BTC/USD:BTC"), {}, ccxt.BadRequest, "list"),
    ("binancecoinm", "cancel_orders", ([], "BTC/USD:BTC", {"origClientOrderIdList": ["ok", "a&b"]}), {}, ccxt.BadRequest, "origClientOrderIdList'][1]"),
    ("binancecoinm", "cancel_orders", ([], "BTC/USD:BTC", {"origClientOrderIdList": "a,b"}), {}, ccxt.BadRequest, "list"),
    ("binancecoinm", "cancel_orders", ([], "BTC/USD:BTC", {"origClientOrderIdList": ["a"], "clientOrderIds": ["b"]}), {}, ccxt.BadRequest, "two different"),
    ("binancecoinm", "cancel_orders", (["1"], "BTC/USD:BTC", {"orderIdList": ["2"]}), {}, ccxt.BadRequest, "orderIdList"),
    ("binancecoinm", "cancel_orders", (["1"], "BTC/USD:BTC", {"recvWindow": 60001}), {}, ccxt.BadRequest, "recvWindow"),
    ("binancecoinm", "cancel_all_orders", (None,), {}, ccxt.ArgumentsRequired, "symbol"),
    ("binancecoinm", "cancel_all_orders", ("BTC/USD:BTC", {"recvWindow": 0}), {}, ccxt.BadRequest, "recvWindow"),
    ("binance", "cancel_all_orders", ("BTC/USD:BTC", {"foo": None}), {}, ccxt.BadRequest, "foo"),
]


@pytest.mark.parametrize(("exchange_id", "method", "args", "config", "error", "text"), REJECTED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_rejected_input_sends_nothing(
    flavor: str, exchange_id: str, method: str, args: tuple[Any, ...], config: dict[str, Any], error: type[Exception], text: str
) -> None:
    log = RequestLog(answer=dict(CANCELED))
    with pytest.raises(error) as caught:
        call(flavor, exchange_id, method, *args, config=config, prepare=log.attach)
    assert log.requests == []
    assert text in str(caught.value)


# --- against ccxt: the documented differences --------------------------------------------------


def first_request(flavor: str, exchange_id: str, method: str, *args: Any, install: bool) -> tuple[list[Any], Any]:
    log = RequestLog(answer=dict(CANCELED) if method == "cancel_order" else [dict(CANCELED)])

    def prepare(exchange: Any) -> None:
        exchange.set_markets(parsed_markets(exchange_id))
        log.attach(exchange)

    try:
        result = call(flavor, exchange_id, method, *args, install=install, prepare=prepare)
    except ccxt.BaseError as exc:
        result = exc
    return log.requests, result


@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_against_ccxt_precedence_is_the_documented_one(flavor: str, exchange_id: str) -> None:
    args = ("cancel_order", ORDER_ID, "BTC/USD:BTC", {"origClientOrderId": "x"})
    plain, _ = first_request(flavor, exchange_id, *args, install=False)
    ours, order = first_request(flavor, exchange_id, *args, install=True)
    assert len(plain) == len(ours) == 1
    assert "origClientOrderId=x" in plain[0][1] and "orderId=" not in plain[0][1].replace("origClientOrderId", "")  # ccxt drops the id
    assert f"orderId={ORDER_ID}" in ours[0][1] and "origClientOrderId" not in ours[0][1]  # the page: orderId wins
    assert order["status"] == "canceled"


@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_against_ccxt_no_order_id_none_on_the_wire(flavor: str, exchange_id: str) -> None:
    plain, _ = first_request(flavor, exchange_id, "cancel_order", None, "BTC/USD:BTC", install=False)
    ours, error = first_request(flavor, exchange_id, "cancel_order", None, "BTC/USD:BTC", install=True)
    assert len(plain) == 1 and "orderId=None" in plain[0][1]
    assert ours == [] and isinstance(error, ccxt.ArgumentsRequired)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_against_ccxt_more_than_ten_ids_are_split(flavor: str) -> None:
    ids = [str(1000 + i) for i in range(21)]
    log = RequestLog(answer=[])
    with pytest.raises(ccxt.BadResponse):  # the canned empty answers are not 10/10/1 items: the requests are what we look at
        call(flavor, "binancecoinm", "cancel_orders", ids, "BTC/USD:BTC", {"resolveUnknown": False}, prepare=log.attach)
    sent = [url.split("orderidlist=%5B")[1].split("%5D")[0].split("%2C") for _, url, _, _ in log.requests]
    assert [len(part) for part in sent] == [10, 10, 1]
    assert [i for part in sent for i in part] == ids
    plain, _ = first_request(flavor, "binancecoinm", "cancel_orders", ids, "BTC/USD:BTC", install=False)
    assert len(plain) == 1 and plain[0][1].count("%2C") == 20  # ccxt: all 21 in one request


@pytest.mark.parametrize("exchange_id", EXCHANGES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cold_cancel_takes_one_request(flavor: str, exchange_id: str) -> None:
    plain, ours = Router(exchange_answers), Router(exchange_answers)
    assert call(flavor, exchange_id, "cancel_order", ORDER_ID, "BTC/USD:BTC", install=False, prepare=plain.attach)["status"] == "canceled"
    assert call(flavor, exchange_id, "cancel_order", ORDER_ID, "BTC/USD:BTC", prepare=ours.attach)["status"] == "canceled"
    assert len(ours.requests) == 1
    assert len(plain.requests) == {"binancecoinm": 4, "binance": 8}[exchange_id]


@pytest.mark.parametrize("symbol", ["BTC/USD:BTC", "BTCUSD_PERP", "BTC/USD"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_loaded_markets_decide(flavor: str, symbol: str) -> None:
    # With markets loaded the plugin asks exchange.market(), as ccxt would: a legacy
    # "BTC/USD" that ccxt resolves to the inverse perpetual is ours too.
    log = RequestLog(answer=dict(CANCELED))

    def prepare(exchange: Any) -> None:
        exchange.options.update({"defaultType": "swap", "defaultSubType": "inverse"})
        exchange.set_markets(parsed_markets("binance"))
        log.attach(exchange)

    order = call(flavor, "binance", "cancel_order", ORDER_ID, symbol, {"clientOrderId": "x"}, prepare=prepare)
    assert len(log.requests) == 1 and "symbol=BTCUSD_PERP" in log.requests[0][1] and "origClientOrderId" not in log.requests[0][1]
    assert order["symbol"] == "BTC/USD:BTC"


# --- declined calls are ccxt's, byte for byte --------------------------------------------------

DECLINED: list[tuple[str, str, tuple[Any, ...], dict[str, Any]]] = [
    # (exchange, method, args, options)
    ("binance", "cancel_order", (ORDER_ID, "BTC/USDT:USDT", {"origClientOrderId": "x"}), {}),
    ("binance", "cancel_order", (ORDER_ID, "BTC/USDT"), {}),
    ("binance", "cancel_orders", (["1", "2"], "BTC/USDT:USDT"), {}),
    ("binance", "cancel_all_orders", ("BTC/USDT:USDT",), {}),
    ("binance", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"trigger": True}), {}),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"stop": True}), {}),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"conditional": True}), {}),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"stopPrice": "9300"}), {}),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"clientAlgoId": "algo-1"}), {}),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"portfolioMargin": True}), {}),
    ("binancecoinm", "cancel_order", (ORDER_ID, "BTC/USD:BTC"), {"portfolioMargin": True}),
    ("binance", "cancel_order", (ORDER_ID, "BTC/USD:BTC"), {"papi": True}),
    ("binancecoinm", "cancel_all_orders", ("BTC/USD:BTC", {"trigger": True}), {}),
    ("binancecoinm", "cancel_orders", (["1", "2"], "BTC/USD:BTC", {"portfolioMargin": True}), {}),
    ("binance", "cancel_order", (ORDER_ID, "BTC/USD:BTC", {"type": "spot"}), {}),
]


def wire(flavor: str, exchange_id: str, method: str, args: tuple[Any, ...], options: dict[str, Any], install: bool) -> list[Any]:
    log = RequestLog(answer=dict(CANCELED) if method == "cancel_order" else [dict(CANCELED)])

    def prepare(exchange: Any) -> None:
        exchange.options.update(options)
        exchange.set_markets(parsed_markets(exchange_id))
        freeze(exchange)
        log.attach(exchange)

    try:
        call(flavor, exchange_id, method, *args, install=install, prepare=prepare)
    except ccxt.BaseError as exc:  # ccxt may dislike the canned answer; the request is what we compare
        log.requests.append(("raised", type(exc).__name__, None, None))
    return log.requests


@pytest.mark.parametrize(("exchange_id", "method", "args", "options"), DECLINED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_declined_calls_are_ccxt_byte_for_byte(
    plugin_manager: Any, flavor: str, exchange_id: str, method: str, args: tuple[Any, ...], options: dict[str, Any]
) -> None:
    # binance_coinm alone: the other Binance plugins claim some of these (USD-M, spot, portfolio margin), and their own tests say how.
    for name, _ in plugin_manager.list_name_plugin():
        if name.startswith("binance_") and name != "binance_coinm":
            plugin_manager.set_blocked(name)
    plain = wire(flavor, exchange_id, method, args, options, install=False)
    routed = wire(flavor, exchange_id, method, args, options, install=True)
    assert plain and plain[0][0] != "raised", "ccxt sent nothing: the scenario is wrong"
    assert routed == plain


@pytest.mark.parametrize("flavor", FLAVORS)
def test_cold_non_coinm_symbol_on_binancecoinm_is_left_to_ccxt(flavor: str) -> None:
    plain, routed = Router(exchange_answers), Router(exchange_answers)
    for router, install in ((plain, False), (routed, True)):

        def prepare(exchange: Any, router: Router = router) -> None:
            freeze(exchange)
            router.attach(exchange)

        with pytest.raises(ccxt.BadSymbol):
            call(flavor, "binancecoinm", "cancel_order", ORDER_ID, "BTC/USDT:USDT", install=install, prepare=prepare)
    assert routed.requests == plain.requests and len(plain.requests) == 3  # load_markets, then ccxt's own BadSymbol


# --- "done when": a bot with ccxt_cancel.install() ---------------------------------------------


@pytest.mark.parametrize("exchange_id", EXCHANGES)
def test_bot_with_global_install(exchange_id: str) -> None:
    ccxt_cancel.install()
    try:
        exchange = getattr(ccxt, exchange_id)(credentials(exchange_id))  # a plain instance, patched through its class
        log = RequestLog(answer=dict(CANCELED))
        log.attach(exchange)
        order = exchange.cancel_order(ORDER_ID, "BTC/USD:BTC", {"origClientOrderId": "x"})
        ((method, url, headers, _),) = log.requests
        assert method == "DELETE" and f"orderId={ORDER_ID}" in url and "origClientOrderId" not in url
        assert "signature=" in url and "timestamp=" in url and "X-MBX-APIKEY" in headers
        assert (order["id"], order["status"], order["symbol"]) == (ORDER_ID, "canceled", "BTC/USD:BTC")

        log.answer = {**CANCELED, "clientOrderId": "x"}  # the answer names the order asked for
        exchange.cancel_order(None, "BTC/USD:BTC", {"origClientOrderId": "x"})
        assert "origClientOrderId=x" in log.requests[-1][1] and "orderId=" not in log.requests[-1][1].replace("ClientOrderId", "")

        before = len(log.requests)
        with pytest.raises(ccxt.ArgumentsRequired):
            exchange.cancel_order(None, "BTC/USD:BTC")
        assert len(log.requests) == before
    finally:
        ccxt_cancel.uninstall()


def test_bot_with_global_install_async() -> None:
    async def main() -> Any:
        exchange = ccxt.async_support.binancecoinm(credentials("binancecoinm"))
        log = RequestLog(answer=dict(CANCELED))
        log.attach(exchange)
        try:
            order = await exchange.cancelOrder(ORDER_ID, "BTC/USD:BTC", {"origClientOrderId": "x"})
        finally:
            await exchange.close()
        return order, log.requests

    ccxt_cancel.install()
    try:
        order, requests = asyncio.run(main())
    finally:
        ccxt_cancel.uninstall()
    assert len(requests) == 1 and "origClientOrderId" not in requests[0][1]
    assert order["status"] == "canceled"


# --- pure helpers ------------------------------------------------------------------------------


@given(st.lists(st.integers(min_value=0, max_value=10**12), max_size=60, unique=True))
def test_batch_plans_respect_the_limit_and_keep_order(numbers: list[int]) -> None:
    ids = [str(n) for n in numbers]
    exchange = ccxt.binancecoinm()
    if not ids:
        with pytest.raises(ccxt.ArgumentsRequired):
            binance_coinm.ccxt_cancel_orders(exchange, ids, "BTC/USD:BTC", {})
        return
    plan = binance_coinm.ccxt_cancel_orders(exchange, ids, "BTC/USD:BTC", {})
    assert plan is not None and plan.steps is not None
    sent: list[list[str]] = []
    flow = plan.flow()
    request = next(flow)
    try:
        while True:
            chunk = [str(i) for i in request.params["orderidlist"]]
            sent.append(chunk)
            request = flow.send([{**CANCELED, "orderId": int(i)} for i in chunk])
    except StopIteration as done:
        orders = done.value
    assert [i for c in sent for i in c] == ids
    assert len(sent) == math.ceil(len(ids) / 10) and all(len(c) == 10 for c in sent[:-1])
    assert [o["id"] for o in orders] == ids


def _ledger(exchange: Any, keys: list[str]) -> ccxt_cancel.Ledger:
    return ccxt_cancel.Ledger(exchange, "cancelOrders", keys, "id", "BTC/USD:BTC")


def test_batch_answer_out_of_order_is_put_back_in_the_callers_order() -> None:
    exchange = ccxt.binancecoinm()
    target = binance_coinm.resolve_target(exchange, "cancelOrders", "BTC/USD:BTC")
    assert target is not None
    ledger = _ledger(exchange, ["1", "2", "3"])
    answer = [{**CANCELED, "orderId": 3}, dict(UNKNOWN_ORDER), {**CANCELED, "orderId": 1}]
    binance_coinm.read_chunk(exchange, target.market, ledger, "orderId", answer, range(3))
    ledger.answered = True
    orders = ledger.result()
    assert [(o["id"], o["status"]) for o in orders] == [("1", "canceled"), ("2", None), ("3", "canceled")]
    assert orders[1]["info"] == UNKNOWN_ORDER
    assert orders[1][ccxt_cancel.ERROR_KEY]["class"] == "OrderNotFound"  # binance's own table: -2011
    assert "Unknown order sent." in orders[1][ccxt_cancel.ERROR_KEY]["message"]


@pytest.mark.parametrize("answer", [{"orderId": 1}, [1, 2], "x"])
def test_batch_answer_of_the_wrong_length_is_a_bad_response(answer: Any) -> None:
    exchange = ccxt.binancecoinm()
    target = binance_coinm.resolve_target(exchange, "cancelOrders", "BTC/USD:BTC")
    assert target is not None
    with pytest.raises(ccxt.BadResponse):
        binance_coinm.read_chunk(exchange, target.market, _ledger(exchange, ["1"]), "orderId", answer, range(1))


def test_single_answer_without_order_id_is_a_bad_response() -> None:
    exchange = ccxt.binancecoinm()
    target = binance_coinm.resolve_target(exchange, "cancelOrder", "BTC/USD:BTC")
    assert target is not None
    with pytest.raises(ccxt.BadResponse):
        binance_coinm.parse_one(exchange, target.market, {"orderId": ORDER_ID}, [{"code": 200, "msg": "ok"}])


UNKNOWN_BODY = {"code": -1000, "msg": "Unknown error, please check your request or try again later."}


@pytest.mark.parametrize(
    ("status", "body", "unknown"),
    [
        (503, UNKNOWN_BODY, True),
        (503, {"msg": "Service Unavailable."}, False),  # general info: a failure, retry later
        (503, {"code": -1001, "msg": "Internal error; unable to process your request. Please try again."}, False),
        (503, CANCELED, False),  # an order-shaped 503 body is still a 503: ccxt raises ExchangeNotAvailable
        (400, UNKNOWN_BODY, False),
    ],
)
def test_503_says_unknown_only_for_binances_unknown_error_message(status: int, body: Any, unknown: bool) -> None:
    text = json.dumps(body)
    answer = HttpAnswer(
        status=status, reason="Service Unavailable", url="https://dapi.binance.com/dapi/v1/order?symbol=X&signature=abc", method="DELETE", body=text, json=body
    )
    error = binance_coinm.unknown_outcome("binancecoinm", answer)
    if unknown:
        assert isinstance(error, ccxt.ExchangeNotAvailable) and "UNKNOWN" in str(error) and "signature" not in str(error)
    else:
        assert error is None  # ccxt's own mapping: ExchangeNotAvailable for any 503, never "unknown"


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("BTC/USD:BTC", ("BTC", "PERP")),
        ("ETH/USD:ETH-251226", ("ETH", "251226")),
        ("BTCUSD_PERP", ("BTC", "PERP")),
        ("ETHUSD_251226", ("ETH", "251226")),
        ("BTC/USDT:USDT", None),
        ("BTC/USDT", None),
        ("BTCUSDT", None),
        ("BTCUSDT_251226", None),
        ("BTC/USD:USD", None),
        ("BTC/USD", None),
    ],
)
def test_coinm_symbols(symbol: str, expected: tuple[str, str] | None) -> None:
    assert binance_coinm.coinm_symbol_parts("binance", "cancelOrder", symbol) == expected


def test_synthetic_market_matches_ccxt_parsed_market() -> None:
    exchange = ccxt.binance()
    for info in (INFO_COINM, INFO_DATED):
        parsed = parsed_markets("binancecoinm")[[INFO_COINM, INFO_DATED].index(info)]
        target = binance_coinm.resolve_target(exchange, "cancelOrder", parsed["symbol"])
        assert target is not None
        for key in (
            "id",
            "symbol",
            "base",
            "quote",
            "settle",
            "baseId",
            "quoteId",
            "settleId",
            "type",
            "swap",
            "future",
            "contract",
            "linear",
            "inverse",
            "subType",
        ):
            assert target.market[key] == parsed[key], key


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"papi": True},
        {"portfolioMargin": True},
        {"defaultPortfolioMargin": True},
        {"cancelOrder": {"portfolioMargin": True}},
        {"cancelOrder": {"papi": False}, "papi": True},
        {"cancelOrder": {"defaultPapi": True}},
        {"papi": False, "portfolioMargin": True},
        {"cancelOrder": "not a dict", "portfolioMargin": 1},
    ],
)
def test_portfolio_margin_option_reads_like_ccxt(options: dict[str, Any]) -> None:
    exchange = ccxt.binancecoinm({"options": options})
    value, _ = exchange.handle_option_and_params_2({}, "cancelOrder", "papi", "portfolioMargin", False)
    assert binance_coinm.portfolio_margin(exchange.options, "cancelOrder") is (value not in (None, False))


def test_resolved_targets_are_remembered_until_markets_change() -> None:
    exchange = ccxt.binancecoinm()
    first = binance_coinm.resolve_target(exchange, "cancelOrder", "BTC/USD:BTC")
    assert first is not None and first.market_id == "BTCUSD_PERP"
    assert binance_coinm.resolve_target(exchange, "cancelOrder", "BTC/USD:BTC") is first  # remembered
    exchange.markets = {}  # a new markets object: forget, ask the (empty) markets, decline
    assert binance_coinm.resolve_target(exchange, "cancelOrder", "BTC/USD:BTC") is None


# --- every registered gap: open in ccxt (its probe), closed by the plugin ------------------------


def _sent(method: str, *args: Any) -> list[tuple[str, str]]:
    log = Router(exchange_answers)
    call("sync", "binancecoinm", method, *args, prepare=log.attach)
    return [(m, u) for m, u, _, _ in log.requests]


def _both_ids_send_order_id_only() -> bool:
    (sent,) = _sent("cancel_order", ORDER_ID, "BTC/USD:BTC", {"origClientOrderId": CLIENT_ID})
    return f"orderId={ORDER_ID}" in sent[1] and "origClientOrderId" not in sent[1]


def _no_id_sends_nothing() -> bool:
    log = RequestLog()
    with pytest.raises(ccxt.ArgumentsRequired):
        call("sync", "binancecoinm", "cancel_order", None, "BTC/USD:BTC", prepare=log.attach)
    return log.requests == []


def _cold_cancel_is_one_request() -> bool:
    return [m for m, _ in _sent("cancel_order", ORDER_ID, "BTC/USD:BTC")] == ["DELETE"]


def _batches_of_ten() -> bool:
    log = Router(lambda method, url: [dict(CANCELED, orderId=int(i)) for i in json.loads(unquote(url.split("orderidlist=")[1].split("&")[0]))])
    orders = call("sync", "binancecoinm", "cancel_orders", [str(i) for i in range(1, 13)], "BTC/USD:BTC", prepare=log.attach)
    return len(log.requests) == 2 and [o["id"] for o in orders] == [str(i) for i in range(1, 13)]


GAP_CLOSED_BY: dict[str, Any] = {
    "binance.coinm.order-id-precedence": _both_ids_send_order_id_only,
    "binance.coinm.no-id": _no_id_sends_nothing,
    "binance.coinm.cold-cancel": _cold_cancel_is_one_request,
    "binance.coinm.batch-limit": _batches_of_ten,
}


@pytest.mark.parametrize("gap", binance_gaps.COINM, ids=lambda gap: gap.id)
def test_each_gap_is_open_in_ccxt_and_closed_by_the_plugin(gap: Any) -> None:
    assert set(GAP_CLOSED_BY) == {g.id for g in binance_gaps.COINM}
    assert gap.probe() is True  # ccxt's own method still has the gap
    assert GAP_CLOSED_BY[gap.id]() is True
