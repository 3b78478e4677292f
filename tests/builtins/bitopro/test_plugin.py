"""bitopro_margin: BitoPro margin cancels, replayed sync, async and pro from documentation-built cassettes."""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import ccxt
import ccxt.async_support
import pytest
from ccxt.test.exchange.base.test_order import test_order as ccxt_test_order

import ccxt_cancel
from ccxt_cancel import errors
from ccxt_cancel.builtins.bitopro import answers, gaps, limits, markets, plugin
from ccxt_cancel.builtins.bitopro import errors as room_errors
from ccxt_cancel.plans import HttpAnswer, Plan
from tests.support.cassette_specs import bitopro as docs
from tests.support.helpers import (
    FAKE_CREDENTIALS,
    FLAVORS,
    FROZEN_MS,
    RequestLog,
    call,
    new_exchange,
)

MARGIN = {"margin": True}
SELECTORS = [
    pytest.param({"params": {"margin": True}}, id="margin-true"),
    pytest.param({"params": {"marginMode": "cross"}}, id="marginMode-cross"),
    pytest.param({"params": {"marginMode": "isolated"}}, id="marginMode-isolated"),
    pytest.param({"params": {}, "config": {"options": {"defaultType": "margin"}}}, id="defaultType-margin"),
]


def market(symbol: str, market_id: str) -> dict[str, Any]:
    base, quote = symbol.split("/")
    return {
        "id": market_id,
        "uppercaseId": market_id.upper(),
        "symbol": symbol,
        "base": base,
        "quote": quote,
        "baseId": base,
        "quoteId": quote,
        "type": "spot",
        "spot": True,
        "margin": False,
        "swap": False,
        "future": False,
        "option": False,
        "contract": False,
        "active": True,
        "precision": {"amount": 0.0001, "price": 0.01},
        "limits": {},
        "info": {},
    }


def load(*markets: dict[str, Any]) -> Any:
    def prepare(exchange: Any) -> None:
        exchange.set_markets(list(markets))

    return prepare


def logged(log: RequestLog, *more: Any) -> Any:
    """A ``prepare`` that sends requests to ``log`` instead of the network, after the other preparations."""

    def prepare(exchange: Any) -> None:
        for step in more:
            step(exchange)
        log.attach(exchange)

    return prepare


def cassette(name: str) -> pytest.MarkDecorator:
    return pytest.mark.vcr(f"bitopro/{name}.yaml")


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


# --- cancel_order -----------------------------------------------------------------------


@cassette("margin_cancel_order")
@pytest.mark.parametrize("selector", SELECTORS)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_order_returns_a_canceled_unified_order(flavor: str, selector: dict[str, Any]) -> None:
    order = call(flavor, "bitopro", "cancel_order", docs.ORDER_ID, "BTC/USDT", selector["params"], config=selector.get("config"))
    assert order["id"] == docs.ORDER_ID
    assert order["symbol"] == "BTC/USDT"
    assert order["status"] == "canceled"
    assert order["side"] == "buy"
    assert order["price"] == 1 and isinstance(order["price"], float)
    assert order["amount"] == 1 and isinstance(order["amount"], float)
    assert order["timestamp"] == 1721376406650
    assert order["datetime"] == "2024-07-19T08:06:46.650Z"
    assert order["info"] == docs.CANCELED


@cassette("margin_cancel_order")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_order_with_a_raw_pair_id_gives_the_unified_symbol(flavor: str) -> None:
    order = call(flavor, "bitopro", "cancel_order", docs.ORDER_ID, "btc_usdt", MARGIN)
    assert order["symbol"] == "BTC/USDT"


@cassette("margin_cancel_order")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_camel_case_name_and_int_id_take_the_same_route(flavor: str) -> None:
    order = call(flavor, "bitopro", "cancelOrder", int(docs.ORDER_ID), "BTC/USDT", MARGIN)
    assert order["id"] == docs.ORDER_ID


@cassette("margin_cancel_order")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_loaded_markets_give_the_same_single_request(flavor: str) -> None:
    order = call(flavor, "bitopro", "cancel_order", docs.ORDER_ID, "BTC/USDT", MARGIN, prepare=load(market("BTC/USDT", "btc_usdt")))
    assert order["symbol"] == "BTC/USDT"


@cassette("margin_cancel_order")
def test_result_passes_ccxts_own_unified_order_checks() -> None:
    order = call("sync", "bitopro", "cancel_order", docs.ORDER_ID, "BTC/USDT", MARGIN)
    exchange = ccxt.bitopro()
    ccxt_test_order(exchange, {}, "cancelOrder", order, "BTC/USDT", exchange.milliseconds())


# --- cancel_orders and cancel_all_orders ------------------------------------------------


@cassette("margin_cancel_orders")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_orders_returns_one_canceled_order_per_id(flavor: str) -> None:
    orders = call(flavor, "bitopro", "cancel_orders", list(docs.BATCH_IDS), "BTC/USDT", {"marginMode": "cross"})
    assert [o["id"] for o in orders] == docs.BATCH_IDS
    assert {o["symbol"] for o in orders} == {"BTC/USDT"}
    assert {o["status"] for o in orders} == {"canceled"}
    exchange = ccxt.bitopro()
    for order in orders:
        ccxt_test_order(exchange, {}, "cancelOrders", order, "BTC/USDT", exchange.milliseconds())


@cassette("margin_cancel_all_orders")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_orders_without_symbol_returns_every_pair(flavor: str) -> None:
    orders = call(flavor, "bitopro", "cancel_all_orders", None, MARGIN)
    assert [(o["id"], o["symbol"]) for o in orders] == [(i, "BTC/USDT") for i in docs.ALL_IDS] + [("5122047801", "ETH/USDT")]
    assert {o["status"] for o in orders} == {"canceled"}
    exchange = ccxt.bitopro()
    for order in orders:
        ccxt_test_order(exchange, {}, "cancelAllOrders", order, order["symbol"], exchange.milliseconds())


@cassette("margin_cancel_all_orders_symbol")
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_orders_of_one_symbol(flavor: str) -> None:
    orders = call(flavor, "bitopro", "cancel_all_orders", "BTC/USDT", MARGIN)
    assert [(o["id"], o["symbol"], o["status"]) for o in orders] == [(i, "BTC/USDT", "canceled") for i in docs.ALL_IDS]


# --- error answers ----------------------------------------------------------------------

ENDPOINT_CALLS: dict[str, tuple[Any, ...]] = {
    "cancel_order": (docs.ORDER_ID, "BTC/USDT", MARGIN),
    "cancel_orders": (list(docs.BATCH_IDS), "BTC/USDT", MARGIN),
    "cancel_all_orders": (None, MARGIN),
}
EXPECTED_ERROR = {
    "order_not_found": ccxt.OrderNotFound,
    "wrong_path": ccxt.ExchangeError,  # ccxt's own mapping: a wrong path is not a missing order
    "wrong_path_text": ccxt.ExchangeNotAvailable,  # ccxt's HTTP 404 mapping
    "pair_not_found": ccxt.ExchangeError,
    "account_not_found": ccxt.ExchangeError,
    "time_mismatch": ccxt.InvalidNonce,
    "rate_limited": ccxt.RateLimitExceeded,
    "rate_limited_no_json": ccxt.RateLimitExceeded,
    "unauthorized": ccxt.AuthenticationError,
    "invalid_signature": ccxt.AuthenticationError,
    "server_error": ccxt.ExchangeNotAvailable,  # an unknown outcome (issue 18, defect 6); ccxt's own mapping said ExchangeError
    "forbidden": ccxt.PermissionDenied,
}
ERROR_CASES = [
    pytest.param(endpoint, error, marks=cassette(f"margin_{endpoint}_{error}"), id=f"{endpoint}-{error}")
    for endpoint in docs.ENDPOINTS
    for error in docs.ERRORS
]


@pytest.mark.parametrize(("endpoint", "error"), ERROR_CASES)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_error_answers_map_to_ccxt_errors(flavor: str, endpoint: str, error: str) -> None:
    args = ENDPOINT_CALLS[endpoint]
    if endpoint == "cancel_order":
        args = (*args[:-1], {**MARGIN, "resolveUnknown": False})  # the mapping alone: a 5XX would be resolved by a query
    with pytest.raises(ccxt.BaseError) as caught:
        call(flavor, "bitopro", endpoint, *args)
    # Exact class: PermissionDenied is itself an AuthenticationError, so isinstance would prove too little.
    assert type(caught.value) is EXPECTED_ERROR[error]
    message = str(caught.value)
    assert message.startswith("bitopro ")
    answer = docs.ERRORS[error][1]
    assert (answer if isinstance(answer, str) else json.dumps(answer, separators=(",", ":"))) in message
    for secret in (FAKE_CREDENTIALS["apiKey"], FAKE_CREDENTIALS["secret"]):
        assert secret not in message


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, {"orderId": "1"}, None),
        (404, {"error": "Not Found"}, None),
        (404, None, None),
        (400, {"error": "pair not found"}, None),
        (422, {"error": "margin account not found"}, None),
        (404, {"error": "order book not found"}, None),
        (400, {"error": "Invalid order id"}, None),
        (422, {"error": "Order not found."}, ccxt.OrderNotFound),
        (404, {"error": "Order not found."}, ccxt.OrderNotFound),
        (400, {"error": "order does not exist"}, ccxt.OrderNotFound),
        (400, {"error": "ORDER_NOT_FOUND"}, ccxt.OrderNotFound),
        (400, {"error": "order 9543130812 not found"}, ccxt.OrderNotFound),
        (409, {"error": "Local Machine Time Mismatch"}, ccxt.InvalidNonce),
        (429, None, ccxt.RateLimitExceeded),
        (429, {"error": "order not found"}, ccxt.RateLimitExceeded),
        (401, {"error": "API key not found"}, ccxt.AuthenticationError),
        (400, {"error": "Invalid Signature"}, ccxt.AuthenticationError),
        (403, {"error": "No permission"}, ccxt.PermissionDenied),
        (400, {"error": "Invalid amount 0.1"}, None),
        (500, None, ccxt.ExchangeNotAvailable),  # any 5XX: an unknown outcome, ccxt's class for the status
        (500, {"error": "Internal Server Error"}, ccxt.ExchangeNotAvailable),  # ccxt alone: ExchangeError
        (502, {"error": "Bad Gateway"}, ccxt.ExchangeNotAvailable),
        (504, None, ccxt.RequestTimeout),
    ],
)
def test_error_mapping_rules(status: int, body: Any, expected: Any) -> None:
    exchange = new_exchange("sync", "bitopro")
    text = "" if body is None else json.dumps(body)
    answer = HttpAnswer(status=status, reason="", url=docs.URI_ONE, method="DELETE", body=text, json=body)
    error = room_errors.map_error(exchange, answer)
    assert (error is None) if expected is None else (type(error) is expected)
    assert (error is not None and errors.is_unknown_outcome(error)) == (status >= 500)
    if error is not None:
        assert str(error).startswith("bitopro DELETE ")


def test_error_messages_never_carry_credentials() -> None:
    exchange = new_exchange("sync", "bitopro")
    body = json.dumps({"error": f"key {exchange.apiKey} secret {exchange.secret}: order not found"})
    error = room_errors.map_error(exchange, HttpAnswer(422, "", docs.URI_ONE, "DELETE", body, json.loads(body)))
    assert error is not None
    assert exchange.apiKey not in str(error) and exchange.secret not in str(error)


# --- malformed 200 answers --------------------------------------------------------------

MALFORMED = [
    pytest.param("cancel_order", marks=cassette("margin_cancel_order_empty"), id="empty"),
    pytest.param("cancel_order", marks=cassette("margin_cancel_order_truncated"), id="truncated"),
    pytest.param("cancel_order", marks=cassette("margin_cancel_order_no_order_id"), id="no-orderId"),
    pytest.param("cancel_orders", marks=cassette("margin_cancel_orders_no_data"), id="batch-no-data"),
    pytest.param("cancel_all_orders", marks=cassette("margin_cancel_all_orders_data_list"), id="all-data-list"),
]


@pytest.mark.parametrize("endpoint", MALFORMED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_malformed_answers_raise_bad_response_never_an_order(flavor: str, endpoint: str) -> None:
    with pytest.raises(ccxt.BadResponse) as caught:
        call(flavor, "bitopro", endpoint, *ENDPOINT_CALLS[endpoint])
    assert str(caught.value).startswith("bitopro ")


@pytest.mark.parametrize(
    "answer",
    [None, "", "{}", [], {}, {"orderId": None}, {"orderId": ""}, {"orderId": "12a"}, {"orderId": True}, {"orderId": 1.5}],
    ids=repr,
)
def test_parse_cancel_order_refuses_what_does_not_prove_a_cancel(answer: Any) -> None:
    with pytest.raises(ccxt.BadResponse):
        answers.parse_cancel_order(ccxt.bitopro(), "BTC/USDT", "12", [answer])


@pytest.mark.parametrize(
    "answer",
    [
        None,
        "",
        {},
        {"data": None},
        {"data": []},
        {"data": {"BTC_USDT": "1"}},
        {"data": {"BTC/USDT": ["1"]}},
        {"data": {"BTC_USDT": [None]}},
        {"data": {"BTC_USDT": ["x"]}},
    ],
    ids=repr,
)
def test_batch_and_all_answers_without_a_readable_data_object_are_refused(answer: Any) -> None:
    with pytest.raises(ccxt.BadResponse):
        answers.parse_cancel_all_orders(ccxt.bitopro(), [answer])
    with pytest.raises(ccxt.BadResponse):
        answers.parse_cancel_orders(ccxt.bitopro(), ["1"], "BTC/USDT", [answer])


def test_an_empty_data_object_means_nothing_was_canceled() -> None:
    assert answers.parse_cancel_all_orders(ccxt.bitopro(), [{"data": {}}]) == []


def test_batch_result_follows_the_callers_order_one_entry_per_requested_id() -> None:
    orders = answers.parse_cancel_orders(ccxt.bitopro(), ["3", "1", "2", "4"], "BTC/USDT", [{"data": {"BTC_USDT": ["1", "2", "9", "3"]}}])
    assert [o["id"] for o in orders] == ["3", "1", "2", "4"]  # "9" was never requested: left out (and logged)
    assert [o["status"] for o in orders] == ["canceled", "canceled", "canceled", None]
    assert orders[3][ccxt_cancel.ERROR_KEY]["class"] == "ExchangeError"
    error = ccxt_cancel.error_of(orders[3])
    assert type(error) is ccxt.ExchangeError and "4" in str(error)  # not OrderNotFound: the answer does not say why
    assert all(ccxt_cancel.ERROR_KEY not in o for o in orders[:3])


def test_a_zero_price_is_no_price() -> None:
    order = answers.parse_cancel_order(ccxt.bitopro(), "BTC/USDT", docs.ORDER_ID, [{**docs.CANCELED, "price": "0"}])
    assert order["price"] is None


# --- rejected input: nothing is sent ----------------------------------------------------

REJECTED: list[Any] = [
    # cancel_order
    pytest.param("cancel_order", (None, "BTC/USDT", MARGIN), ccxt.ArgumentsRequired, "id", id="one-id-missing"),
    pytest.param("cancel_order", ("1", None, MARGIN), ccxt.ArgumentsRequired, "symbol", id="one-symbol-missing"),
    pytest.param("cancel_order", ("", "BTC/USDT", MARGIN), ccxt.ArgumentsRequired, "id", id="one-id-empty"),
    pytest.param("cancel_order", ("12a", "BTC/USDT", MARGIN), ccxt.BadRequest, "id", id="one-id-letters"),
    pytest.param("cancel_order", ("../1", "BTC/USDT", MARGIN), ccxt.BadRequest, "id", id="one-id-dotdot"),
    pytest.param("cancel_order", ("1/2", "BTC/USDT", MARGIN), ccxt.BadRequest, "id", id="one-id-slash"),
    pytest.param("cancel_order", ("²", "BTC/USDT", MARGIN), ccxt.BadRequest, "id", id="one-id-superscript"),
    pytest.param("cancel_order", (" 1", "BTC/USDT", MARGIN), ccxt.BadRequest, "id", id="one-id-space"),
    pytest.param("cancel_order", (-1, "BTC/USDT", MARGIN), ccxt.BadRequest, "id", id="one-id-negative"),
    pytest.param("cancel_order", (1.0, "BTC/USDT", MARGIN), ccxt.BadRequest, "id", id="one-id-float"),
    pytest.param("cancel_order", (True, "BTC/USDT", MARGIN), ccxt.BadRequest, "id", id="one-id-bool"),
    pytest.param("cancel_order", ("1", "", MARGIN), ccxt.BadSymbol, "symbol", id="one-symbol-empty"),
    pytest.param("cancel_order", ("1", 7, MARGIN), ccxt.BadSymbol, "symbol", id="one-symbol-int"),
    pytest.param("cancel_order", ("1", "BTC-USDT", MARGIN), ccxt.BadSymbol, "BTC-USDT", id="one-symbol-dash"),
    pytest.param("cancel_order", ("1", "BTC/USDT:USDT", MARGIN), ccxt.BadSymbol, "BTC/USDT:USDT", id="one-symbol-contract"),
    pytest.param("cancel_order", ("1", "../btc_usdt", MARGIN), ccxt.BadSymbol, "../btc_usdt", id="one-symbol-dotdot"),
    pytest.param("cancel_order", ("1", "btc_usdt/../x", MARGIN), ccxt.BadSymbol, "btc_usdt/../x", id="one-symbol-slash"),
    pytest.param("cancel_order", ("1", "btc_usdt_x", MARGIN), ccxt.BadSymbol, "btc_usdt_x", id="one-symbol-three-parts"),
    pytest.param("cancel_order", ("1", "BTC/USDT", {"margin": True, "foo": None}), ccxt.BadRequest, "params['foo']", id="one-none-param"),
    pytest.param("cancel_order", ("1", "BTC/USDT", {"margin": True, "pair": "eth_usdt"}), ccxt.BadRequest, "params['pair']", id="one-pair-param"),
    pytest.param("cancel_order", ("1", "BTC/USDT", {"margin": True, "orderId": "2"}), ccxt.BadRequest, "params['orderId']", id="one-orderId-param"),
    pytest.param("cancel_order", ("1", "BTC/USDT", {"marginMode": "portfolio"}), ccxt.BadRequest, "marginMode", id="one-bad-marginMode"),
    pytest.param(
        "cancel_order", ("1", "BTC/USDT", {"margin": False, "marginMode": "cross"}), ccxt.BadRequest, "params['margin']", id="one-conflicting-selectors"
    ),
    # cancel_orders
    pytest.param("cancel_orders", ([], "BTC/USDT", MARGIN), ccxt.ArgumentsRequired, "ids", id="batch-ids-empty"),
    pytest.param("cancel_orders", (None, "BTC/USDT", MARGIN), ccxt.ArgumentsRequired, "ids", id="batch-ids-none"),
    pytest.param("cancel_orders", (["1"], None, MARGIN), ccxt.ArgumentsRequired, "symbol", id="batch-symbol-missing"),
    pytest.param("cancel_orders", ("12", "BTC/USDT", MARGIN), ccxt.BadRequest, "ids", id="batch-ids-string"),
    pytest.param("cancel_orders", (["1", "x"], "BTC/USDT", MARGIN), ccxt.BadRequest, "ids[1]", id="batch-id-letters"),
    pytest.param("cancel_orders", (["1", None], "BTC/USDT", MARGIN), ccxt.BadRequest, "ids[1]", id="batch-id-none"),
    pytest.param("cancel_orders", (["../1"], "BTC/USDT", MARGIN), ccxt.BadRequest, "ids[0]", id="batch-id-dotdot"),
    pytest.param("cancel_orders", (["1"], "BTC:USDT", MARGIN), ccxt.BadSymbol, "BTC:USDT", id="batch-symbol-bad"),
    pytest.param("cancel_orders", (["1"], "BTC/USDT", {"margin": True, "BTC_USDT": ["2"]}), ccxt.BadRequest, "params['BTC_USDT']", id="batch-pair-param"),
    pytest.param("cancel_orders", (["1"], "BTC/USDT", {"margin": True, "x": None}), ccxt.BadRequest, "params['x']", id="batch-none-param"),
    # cancel_all_orders
    pytest.param("cancel_all_orders", ("btc-usdt", MARGIN), ccxt.BadSymbol, "btc-usdt", id="all-symbol-bad"),
    pytest.param("cancel_all_orders", ("", MARGIN), ccxt.BadSymbol, "symbol", id="all-symbol-empty"),
    pytest.param("cancel_all_orders", (None, {"margin": True, "x": None}), ccxt.BadRequest, "params['x']", id="all-none-param"),
    pytest.param("cancel_all_orders", (None, {"margin": True, "pair": "btc_usdt"}), ccxt.BadRequest, "params['pair']", id="all-pair-param"),
]


@pytest.mark.parametrize(("method", "args", "error", "names"), REJECTED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_rejected_input_sends_nothing(flavor: str, method: str, args: tuple[Any, ...], error: type[Exception], names: str) -> None:
    log = RequestLog()
    with pytest.raises(error) as caught:
        call(flavor, "bitopro", method, *args, prepare=log.attach)
    assert type(caught.value) is error
    assert log.requests == []
    message = str(caught.value)
    assert message.startswith("bitopro ") and names in message


@pytest.mark.parametrize("flavor", FLAVORS)
def test_params_that_are_not_a_mapping_go_to_ccxt_untouched_even_when_margin_is_the_default(flavor: str) -> None:
    outcomes = []
    for install in (True, False):
        log = RequestLog(answer={"orderId": "1"})
        try:
            result: Any = call(
                flavor,
                "bitopro",
                "cancel_order",
                "1",
                "BTC/USDT",
                ["margin"],
                config={"options": {"defaultType": "margin"}},
                prepare=log.attach,
                install=install,
            )
        except Exception as exc:  # noqa: BLE001 - whatever ccxt does with it, the plugin must do the same
            result = type(exc)
        outcomes.append((result, [(m, u) for m, u, _, _ in log.requests]))
    assert outcomes[0] == outcomes[1]
    assert not any("/margin/" in url for _, url in outcomes[0][1])


@pytest.mark.parametrize("flavor", FLAVORS)
def test_unknown_symbol_with_loaded_markets_is_bad_symbol(flavor: str) -> None:
    log = RequestLog()
    with pytest.raises(ccxt.BadSymbol, match="ETH/USDT"):
        call(flavor, "bitopro", "cancel_order", "1", "ETH/USDT", MARGIN, prepare=logged(log, load(market("BTC/USDT", "btc_usdt"))))
    assert log.requests == []


# --- what goes on the wire --------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_cold_exchange_sends_exactly_one_request_and_loads_no_markets(flavor: str) -> None:
    seen: list[Any] = []

    def prepare(exchange: Any) -> None:
        log.attach(exchange)
        seen.append(exchange)

    for method, args, answer in [
        ("cancel_order", (docs.ORDER_ID, "BTC/USDT", MARGIN), docs.CANCELED),
        ("cancel_orders", (list(docs.BATCH_IDS), "BTC/USDT", MARGIN), {"data": {"BTC_USDT": docs.BATCH_IDS}}),
        ("cancel_all_orders", (None, MARGIN), {"data": {"BTC_USDT": docs.ALL_IDS}}),
        ("cancel_all_orders", ("BTC/USDT", MARGIN), {"data": {"BTC_USDT": docs.ALL_IDS}}),
    ]:
        log = RequestLog(answer)
        call(flavor, "bitopro", method, *args, prepare=prepare)
        assert len(log.requests) == 1, (method, log.requests)
        assert seen[-1].markets is None


@pytest.mark.parametrize("flavor", FLAVORS)
def test_requests_are_signed_margin_requests(flavor: str) -> None:
    cases = [
        ("cancel_order", (docs.ORDER_ID, "BTC/USDT", MARGIN), docs.CANCELED, "DELETE", docs.URI_ONE, None),
        ("cancel_orders", (list(docs.BATCH_IDS), "btc_usdt", MARGIN), {"data": {}}, "PUT", docs.URI_BATCH, docs.BATCH_BODY),
        ("cancel_all_orders", (None, MARGIN), {"data": {}}, "DELETE", docs.URI_ALL, None),
        ("cancel_all_orders", ("BTC/USDT", MARGIN), {"data": {}}, "DELETE", docs.URI_PAIR, None),
    ]
    for method, args, answer, http_method, uri, body in cases:
        log = RequestLog(answer)
        call(flavor, "bitopro", method, *args, prepare=log.attach)
        [(sent_method, url, headers, sent_body)] = log.requests
        assert (sent_method, url, sent_body) == (http_method, uri, body)
        assert headers["X-BITOPRO-APIKEY"] == FAKE_CREDENTIALS["apiKey"]
        assert headers["X-BITOPRO-PAYLOAD"] and headers["X-BITOPRO-SIGNATURE"]


@pytest.mark.parametrize("selector", SELECTORS)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_selector_keys_never_reach_the_wire_and_other_params_pass_through(flavor: str, selector: dict[str, Any]) -> None:
    params = {**selector["params"], "clientTag": "bot-7"}
    for method, args, answer in [
        ("cancel_order", (docs.ORDER_ID, "BTC/USDT", params), docs.CANCELED),
        ("cancel_all_orders", (None, params), {"data": {}}),
        ("cancel_all_orders", ("BTC/USDT", params), {"data": {}}),
    ]:
        log = RequestLog(answer)
        call(flavor, "bitopro", method, *args, config=selector.get("config"), prepare=log.attach)
        [(_, url, _, body)] = log.requests
        assert "/v3/margin/orders" in url
        sent = query(url)
        assert "margin" not in sent and "marginMode" not in sent
        assert sent["clientTag"] in ("bot-7", ["bot-7"])
    # The batch body is {PAIR: [ids]} and nothing else: selectors stripped, extra params refused.
    log = RequestLog({"data": {}})
    call(flavor, "bitopro", "cancel_orders", ["1"], "BTC/USDT", dict(selector["params"]), config=selector.get("config"), prepare=log.attach)
    [(_, url, _, body)] = log.requests
    assert json.loads(body) == {"BTC_USDT": ["1"]}
    refused = RequestLog({"data": {}})
    with pytest.raises(ccxt.BadRequest, match="clientTag"):
        call(flavor, "bitopro", "cancel_orders", ["1"], "BTC/USDT", params, config=selector.get("config"), prepare=refused.attach)
    assert refused.requests == []


@pytest.mark.parametrize("flavor", FLAVORS)
def test_loaded_markets_are_used(flavor: str) -> None:
    # An id that derivation from the symbol could never produce proves the markets were read.
    odd = market("BITO/TWD", "bito2_twd")
    log = RequestLog(docs.CANCELED)
    order = call(flavor, "bitopro", "cancel_order", docs.ORDER_ID, "BITO/TWD", MARGIN, prepare=logged(log, load(odd)))
    assert log.requests[0][1] == f"{docs.BASE}/margin/orders/bito2_twd/{docs.ORDER_ID}"
    assert order["symbol"] == "BITO/TWD"

    log = RequestLog(docs.CANCELED)
    order = call(flavor, "bitopro", "cancel_order", docs.ORDER_ID, "bito2_twd", MARGIN, prepare=logged(log, load(odd)))
    assert order["symbol"] == "BITO/TWD"

    log = RequestLog({"data": {"BITO2_TWD": ["1"]}})
    orders = call(flavor, "bitopro", "cancel_orders", ["1"], "BITO/TWD", MARGIN, prepare=logged(log, load(odd)))
    assert log.requests[0][3] == '{"BITO2_TWD":["1"]}'
    assert [o["symbol"] for o in orders] == ["BITO/TWD"]


# --- calls that are not ours ------------------------------------------------------------

SPOT_ANSWERS = {
    "cancel_order": docs.CANCELED,
    "cancel_orders": {"data": {"BTC_USDT": ["1"]}},
    "cancel_all_orders": {"data": {"BTC_USDT": ["1"]}},
}
NOT_MARGIN = [
    pytest.param("cancel_order", ("1", "BTC/USDT", {}), None, id="one-plain"),
    pytest.param("cancel_order", ("1", "BTC/USDT", {"margin": False}), None, id="one-margin-false"),
    pytest.param("cancel_order", ("1", "BTC/USDT", {"marginMode": None, "foo": "bar"}), None, id="one-marginMode-none"),
    pytest.param("cancel_order", ("1", "BTC/USDT", {"margin": "yes"}), None, id="one-margin-not-True"),
    pytest.param("cancel_order", ("1", "BTC/USDT", {}), {"options": {"defaultType": "spot"}}, id="one-defaultType-spot"),
    pytest.param("cancel_orders", (["1"], "BTC/USDT", {}), None, id="batch-plain"),
    pytest.param("cancel_all_orders", (None, {}), None, id="all-plain"),
    pytest.param("cancel_all_orders", ("BTC/USDT", {"foo": "bar"}), None, id="all-symbol"),
]


@pytest.mark.parametrize(("method", "args", "config"), NOT_MARGIN)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_non_margin_calls_reach_ccxt_unchanged(flavor: str, method: str, args: tuple[Any, ...], config: Any) -> None:
    def run(install: bool) -> tuple[list[Any], Any]:
        log = RequestLog(SPOT_ANSWERS[method])

        def prepare(exchange: Any) -> None:
            exchange.set_markets([market("BTC/USDT", "btc_usdt")])
            exchange.milliseconds = lambda: FROZEN_MS  # same nonce, so same payload and signature
            log.attach(exchange)

        result = call(flavor, "bitopro", method, *args, config=config, install=install, prepare=prepare)
        return log.requests, result

    plain, plain_result = run(install=False)
    routed, routed_result = run(install=True)
    assert routed == plain
    assert "/margin/" not in plain[0][1]
    assert routed_result == plain_result


def test_hooks_decline_other_exchanges_and_spot_calls() -> None:
    for exchange in (ccxt.binance(), ccxt.kraken()):
        assert plugin.ccxt_cancel_order(exchange, "1", "BTC/USDT", {"margin": True}) is None
        assert plugin.ccxt_cancel_orders(exchange, ["1"], "BTC/USDT", {"marginMode": "cross"}) is None
        assert plugin.ccxt_cancel_all_orders(exchange, None, {"margin": True}) is None
    spot = ccxt.bitopro()
    assert plugin.ccxt_cancel_order(spot, "1", "BTC/USDT", {}) is None
    assert plugin.ccxt_cancel_orders(spot, ["1"], "BTC/USDT", {"margin": 1}) is None


# --- rate limits ------------------------------------------------------------------------

DOCUMENTED_PER_SECOND = {"cancel_order": 900 / 60, "cancel_orders": 2, "cancel_all_orders": 1, "cancel_all_orders_symbol": 1}


def plans(exchange: Any) -> dict[str, Plan]:
    found = {
        # Each hook gets its own dict, as the core's binder gives it: a hook consumes its params.
        "cancel_order": plugin.ccxt_cancel_order(exchange, "1", "BTC/USDT", dict(MARGIN)),
        "cancel_orders": plugin.ccxt_cancel_orders(exchange, ["1"], "BTC/USDT", dict(MARGIN)),
        "cancel_all_orders": plugin.ccxt_cancel_all_orders(exchange, None, dict(MARGIN)),
        "cancel_all_orders_symbol": plugin.ccxt_cancel_all_orders(exchange, "BTC/USDT", dict(MARGIN)),
    }
    assert all(isinstance(plan, Plan) for plan in found.values())
    return {name: plan for name, plan in found.items() if plan is not None}


def test_costs_pace_each_endpoint_at_its_documented_rate() -> None:
    exchange = ccxt.bitopro()
    assert exchange.rateLimit == 100
    costs = {name: plan.requests[0].cost for name, plan in plans(exchange).items()}
    h = limits.HEADROOM
    assert costs == pytest.approx({"cancel_order": 2 / 3 * h, "cancel_orders": 5 * h, "cancel_all_orders": 10 * h, "cancel_all_orders_symbol": 10 * h})
    for name, cost in costs.items():
        assert cost is not None
        spacing_ms = cost * exchange.rateLimit
        per_second = 1000 / spacing_ms
        assert per_second >= DOCUMENTED_PER_SECOND[name] * 0.95  # paced close to the documented rate...
        assert per_second < DOCUMENTED_PER_SECOND[name]  # ...and never above it
    cancel_one = costs["cancel_order"]
    assert cancel_one is not None and cancel_one < 1  # faster than ccxt's default cost of 1 (10 requests/s)


def test_costs_follow_the_exchanges_rate_limit_at_plan_time() -> None:
    exchange = ccxt.bitopro()
    exchange.rateLimit = 50
    costs = {name: plan.requests[0].cost for name, plan in plans(exchange).items()}
    h = limits.HEADROOM
    assert costs == pytest.approx({"cancel_order": 4 / 3 * h, "cancel_orders": 10 * h, "cancel_all_orders": 20 * h, "cancel_all_orders_symbol": 20 * h})
    exchange.rateLimit = 0
    assert {plan.requests[0].cost for plan in plans(exchange).values()} == {None}


def test_the_cost_reaches_ccxts_throttler() -> None:
    costs: list[Any] = []
    log = RequestLog(docs.CANCELED)

    def prepare(exchange: Any) -> None:
        exchange.throttle = costs.append
        log.attach(exchange)

    call("sync", "bitopro", "cancel_order", docs.ORDER_ID, "BTC/USDT", MARGIN, prepare=prepare)
    assert costs == [pytest.approx(2 / 3 * limits.HEADROOM)]


# --- the "done when" ------------------------------------------------------------


@cassette("margin_cancel_order")
def test_global_install_sync() -> None:
    ccxt_cancel.install()
    try:
        exchange = ccxt.bitopro(dict(FAKE_CREDENTIALS))
        order = exchange.cancel_order(docs.ORDER_ID, "BTC/USDT", {"margin": True})
    finally:
        ccxt_cancel.uninstall()
    assert (order["id"], order["symbol"], order["status"]) == (docs.ORDER_ID, "BTC/USDT", "canceled")
    assert exchange.markets is None


@cassette("margin_cancel_orders")
def test_global_install_async() -> None:
    async def main() -> Any:
        exchange = ccxt.async_support.bitopro(dict(FAKE_CREDENTIALS))
        try:
            return await exchange.cancelOrders(list(docs.BATCH_IDS), "BTC/USDT", {"margin": True})
        finally:
            await exchange.close()

    ccxt_cancel.install()
    try:
        orders = asyncio.run(main())
    finally:
        ccxt_cancel.uninstall()
    assert [(o["id"], o["status"]) for o in orders] == [(i, "canceled") for i in docs.BATCH_IDS]


def test_resolved_symbols_are_remembered_per_markets_object() -> None:
    """The per-exchange cache never outlives a markets (re)load: new markets, new answers."""
    exchange = ccxt.bitopro()
    assert markets.resolve_market(exchange, "cancelOrder", "BTC/USDT") == ("btc_usdt", "BTC_USDT", "BTC/USDT")
    assert markets.resolve_market(exchange, "cancelOrder", "BTC/USDT") == ("btc_usdt", "BTC_USDT", "BTC/USDT")
    load(market("BTC/USDT", "btc2_usdt"))(exchange)
    assert markets.resolve_market(exchange, "cancelOrder", "BTC/USDT")[0] == "btc2_usdt"
    with pytest.raises(ccxt.BadSymbol):
        markets.resolve_market(exchange, "cancelOrder", "ETH/USDT")  # loaded markets decide, and errors are not cached
    with pytest.raises(ccxt.BadSymbol):
        markets.resolve_market(exchange, "cancelOrder", "ETH/USDT")


# --- every registered gap: open in ccxt (its probe), closed by the plugin ------------------------


def _margin_request(method: str, *args: Any) -> tuple[str, str]:
    log = RequestLog(answer={"orderId": "1", "action": "BUY", "timestamp": 1, "price": "1", "amount": "1", "data": {"BTC_USDT": ["1", "2"]}})
    call("sync", "bitopro", method, *args, prepare=log.attach)
    assert len(log.requests) == 1  # one request on a cold exchange
    method_sent, url, _, _ = log.requests[0]
    return method_sent, url


GAP_CLOSED_BY: dict[str, Any] = {
    "bitopro.margin.cancel-order": lambda: _margin_request("cancel_order", "1", "BTC/USDT", MARGIN) == ("DELETE", f"{docs.BASE}/margin/orders/btc_usdt/1"),
    "bitopro.margin.cancel-orders": lambda: _margin_request("cancel_orders", ["1", "2"], "BTC/USDT", MARGIN) == ("PUT", f"{docs.BASE}/margin/orders"),
    "bitopro.margin.cancel-all-orders": lambda: _margin_request("cancel_all_orders", "BTC/USDT", MARGIN) == ("DELETE", f"{docs.BASE}/margin/orders/btc_usdt"),
}


@pytest.mark.parametrize("gap", gaps.GAPS, ids=lambda gap: gap.id)
def test_each_gap_is_open_in_ccxt_and_closed_by_the_plugin(gap: Any) -> None:
    assert set(GAP_CLOSED_BY) == {g.id for g in gaps.GAPS}
    assert gap.probe() is True  # ccxt's own method still has the gap
    assert GAP_CLOSED_BY[gap.id]() is True
