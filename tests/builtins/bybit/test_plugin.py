"""bybit: what the plugin decides (pure parts), what it refuses (nothing sent), what it leaves to ccxt (byte for byte), and each gap closed.

No sockets: ``exchange.fetch`` is the stub Bybit of tests/builtins/bybit/stub.py
(ccxt's own load_markets and account detection answered from the docs'
examples, cancels by the loopback venue's answers).
"""

from __future__ import annotations

import asyncio
import json
import math
from typing import Any

import ccxt
import ccxt.async_support
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ccxt_cancel
from ccxt_cancel import orders
from ccxt_cancel.builtins.bybit import answers, errors, limits, markets, plugin
from ccxt_cancel.builtins.bybit.gaps import GAPS
from ccxt_cancel.plans import HttpAnswer
from tests.builtins.bybit.stub import Router, parsed_markets
from tests.support.helpers import FLAVORS, call, credentials, freeze
from tests.support.session import StubSession

LINEAR_ID = "c6f055d9-7f21-4079-913d-e6523a9cfffa"


def warm(router: Router, options: dict[str, Any] | None = None) -> Any:
    def prepare(exchange: Any) -> None:
        exchange.options.update(options or {})
        exchange.set_markets(parsed_markets())
        freeze(exchange)
        router.attach(exchange)

    return prepare


# --- symbols: the category and id without a request ----------------------------------------------


@pytest.mark.parametrize(
    ("symbol", "options", "expected"),
    [
        ("BTC/USDT", {}, ("spot", "BTCUSDT", "BTC/USDT")),
        ("ETH/BTC", {}, ("spot", "ETHBTC", "ETH/BTC")),
        ("BTC/USDT:USDT", {}, ("linear", "BTCUSDT", "BTC/USDT:USDT")),
        ("1000PEPE/USDT:USDT", {}, ("linear", "1000PEPEUSDT", "1000PEPE/USDT:USDT")),
        ("BTC/USD:BTC", {}, ("inverse", "BTCUSD", "BTC/USD:BTC")),
        ("BTC/USDC:USDC", {}, None),  # BTCPERP by convention only
        ("BTC/USDT:USDT-251226", {}, None),  # dated future
        ("BTC/USD:BTC-251226", {}, None),
        ("BTC/USD:USDC-251226-100000-C", {}, None),  # option
        ("BTC/USDT:BTC", {}, None),
        ("XBT/USDT", {}, None),  # ccxt renames XBT: its unified code is never XBT
        ("BSV/USDT", {}, None),  # a ccxt rename target whose Bybit id is not documented
        ("btc/usdt", {}, None),
        ("BTCUSDT", {}, ("linear", "BTCUSDT", "BTC/USDT:USDT")),  # ccxt's market(): defaultType 'swap'
        ("BTCUSD", {}, ("inverse", "BTCUSD", "BTC/USD:BTC")),
        ("BTCUSDT", {"defaultType": "spot"}, ("spot", "BTCUSDT", "BTCUSDT")),
        ("BTCUSDT", {"defaultType": "future"}, None),
        ("BTCUSDT", {"defaultType": "option"}, None),
        ("BTCPERP", {}, None),
        ("BTCUSDT-26DEC25", {}, None),
    ],
)
def test_cold_resolution(symbol: str, options: dict[str, Any], expected: tuple[str, str, str] | None) -> None:
    exchange = ccxt.bybit({"options": options})
    target = markets.resolve(exchange, "cancelOrder", symbol, {})
    assert (None if target is None else (target.category, target.market_id, target.symbol)) == expected


@pytest.mark.parametrize(
    ("symbol", "params", "expected"),
    [
        ("BTCUSDT", {"category": "spot"}, ("spot", "BTCUSDT")),
        ("BTC-26DEC25-100000-C", {"category": "option"}, ("option", "BTC-26DEC25-100000-C")),  # the caller names both
        ("BTCUSDT", {"type": "spot"}, ("spot", "BTCUSDT")),
        ("BTCUSD", {"type": "swap"}, ("inverse", "BTCUSD")),
        ("BTCUSDT", {"subType": "linear"}, ("linear", "BTCUSDT")),
        ("BTCPERP", {"type": "swap"}, None),  # swap without a subType, and the id's shape does not settle it
        ("BTC/USDT:USDT", {"category": "linear", "type": "swap", "subType": "linear"}, ("linear", "BTCUSDT")),
    ],
)
def test_params_name_the_category(symbol: str, params: dict[str, Any], expected: tuple[str, str] | None) -> None:
    target = markets.resolve(ccxt.bybit(), "cancelOrder", symbol, params)
    assert (None if target is None else (target.category, target.market_id)) == expected


@pytest.mark.parametrize(
    ("symbol", "params"),
    [
        ("BTC/USDT:USDT", {"category": "spot"}),
        ("BTC/USDT", {"type": "swap"}),
        ("BTC/USD:BTC", {"subType": "linear"}),
        ("BTCUSDT", {"category": "futures"}),
        ("BTCUSDT", {"type": "margin"}),
        ("BTCUSDT", {"category": "spot", "subType": "linear"}),
    ],
)
def test_contradicting_category_params_are_refused(symbol: str, params: dict[str, Any]) -> None:
    with pytest.raises(ccxt.BadRequest):
        markets.resolve(ccxt.bybit(), "cancelOrder", symbol, params)


@pytest.mark.parametrize(
    ("symbol", "options", "expected"),
    [
        ("BTC/USDT", {}, ("spot", "BTCUSDT")),
        ("BTC/USDT:USDT", {}, ("linear", "BTCUSDT")),
        ("BTC/USD:BTC", {}, ("inverse", "BTCUSD")),
        ("BTCUSDT", {}, ("linear", "BTCUSDT")),  # ccxt's market(): the candidate whose 'swap' flag is set
        ("BTCUSDT", {"defaultType": "spot"}, ("spot", "BTCUSDT")),
        ("BTCUSDT", {"defaultType": "future"}, None),  # ccxt would fall back to its first candidate: a guess
        ("BTCUSD", {"defaultType": "spot"}, ("inverse", "BTCUSD")),  # one candidate only: no ambiguity
        ("ETH/USDT:USDT", {}, None),  # not loaded: ccxt raises its own BadSymbol
    ],
)
def test_loaded_markets_decide(symbol: str, options: dict[str, Any], expected: tuple[str, str] | None) -> None:
    exchange = ccxt.bybit({"options": options})
    exchange.set_markets(parsed_markets())
    target = markets.resolve(exchange, "cancelOrder", symbol, {})
    assert (None if target is None else (target.category, target.market_id)) == expected


def test_resolution_is_remembered_until_markets_change() -> None:
    exchange = ccxt.bybit()
    first = markets.resolve(exchange, "cancelOrder", "BTC/USDT:USDT", {})
    assert markets.resolve(exchange, "cancelOrder", "BTC/USDT:USDT", {}) is first
    exchange.options["defaultType"] = "spot"  # part of the key: a raw id may now mean another market
    assert markets.resolve(exchange, "cancelOrder", "BTCUSDT", {}) == markets.Target("spot", "BTCUSDT", "BTCUSDT")
    exchange.set_markets([m for m in parsed_markets() if m["spot"]])
    assert markets.resolve(exchange, "cancelOrder", "BTC/USDT:USDT", {}) is None  # markets loaded now: not among them


# --- plans: bodies and costs ---------------------------------------------------------------------


def plan_requests(plan: Any, answer: Any) -> list[Any]:
    """Drive a plan with one canned answer per request; the requests it sent."""
    flow = plan.flow()
    sent = [next(flow)]
    try:
        while True:
            sent.append(flow.send(answer(sent[-1])))
    except StopIteration:
        pass
    return sent


def echo(request: Any) -> Any:
    from tests.support.loopback.bybit import answer_for

    return answer_for("POST", "/" + request.path, "", json.dumps(request.params))[1]


@pytest.mark.parametrize(
    ("symbol", "cost"),
    [("BTC/USDT", 2.5), ("BTC/USDT:USDT", 5.0), ("BTC/USD:BTC", 5.0)],
)
def test_cancel_cost_is_the_documented_rate(symbol: str, cost: float) -> None:
    # ccxt spaces a request of cost c by c x rateLimit (20 ms): 20/s spot, 10/s linear and inverse.
    plan = plugin.ccxt_cancel_order(ccxt.bybit(), "1", symbol, {})
    assert plan is not None and [r.cost for r in plan_requests(plan, echo)] == [cost]


@pytest.mark.parametrize(
    ("symbol", "count", "sizes", "costs"),
    [
        ("BTC/USDT:USDT", 45, [20, 20, 5], [100.0, 100.0, 25.0]),  # 10/s counted per order
        ("BTC/USDT", 12, [10, 2], [25.0, 5.0]),  # spot: 10 per request, 20/s per order
        ("BTC/USD:BTC", 21, [20, 1], [100.0, 5.0]),
        ("BTCUSDT", 20, [20], [100.0]),
    ],
)
def test_batch_chunks_and_costs(symbol: str, count: int, sizes: list[int], costs: list[float]) -> None:
    plan = plugin.ccxt_cancel_orders(ccxt.bybit(), [str(i) for i in range(count)], symbol, {})
    assert plan is not None and plan.expected_requests == len(sizes)
    sent = plan_requests(plan, echo)
    assert [len(r.params["request"]) for r in sent] == sizes
    assert [r.cost for r in sent] == costs


def test_a_rate_limit_stops_the_rest_of_the_batch() -> None:
    """Bybit's 10006 is ccxt's RateLimitExceeded (DDoSProtection's sibling in ccxt 4.5): batch.STOP_AFTER names both, so the batch stops."""
    plan = plugin.ccxt_cancel_orders(ccxt.bybit(), [str(i) for i in range(45)], "BTC/USDT:USDT", {})
    assert plan is not None
    flow = plan.flow()
    first = next(flow)
    flow.send(echo(first))  # the second request comes back
    with pytest.raises(StopIteration) as done:
        flow.throw(ccxt.RateLimitExceeded('bybit {"retCode":10006,"retMsg":"Too many visits!"}'))  # no third request follows
    orders = done.value.value
    assert [o["id"] for o in orders] == [str(i) for i in range(45)]
    assert all(ccxt_cancel.ERROR_KEY not in o for o in orders[:20])
    assert {o[ccxt_cancel.ERROR_KEY]["class"] for o in orders[20:]} == {"RateLimitExceeded"}
    assert all("not sent" in o[ccxt_cancel.ERROR_KEY]["message"] for o in orders[40:])


def test_option_batch_costs_one_request_and_cancel_all_option_one_per_second() -> None:
    exchange = ccxt.bybit()
    plan = plugin.ccxt_cancel_orders(exchange, ["1", "2", "3"], "BTC-26DEC25-100000-C", {"category": "option"})
    assert plan is not None and [r.cost for r in plan_requests(plan, echo)] == [5.0]  # 10 requests/s, whatever the count
    plan = plugin.ccxt_cancel_all_orders(exchange, None, {"category": "option"})
    assert plan is not None and [r.cost for r in plan_requests(plan, echo)] == [50.0]  # 1/s


def test_costs_follow_a_changed_rate_limit() -> None:
    exchange = ccxt.bybit({"rateLimit": 50})
    assert limits.cancel_cost(exchange, "linear") == 2.0
    exchange.rateLimit = 0
    assert limits.cancel_cost(exchange, "linear") is None  # ccxt's default cost


@given(
    st.lists(st.from_regex(r"[0-9a-f-]{1,40}", fullmatch=True), min_size=1, max_size=70, unique=True),
    st.sampled_from(["BTC/USDT", "BTC/USDT:USDT", "BTC/USD:BTC"]),
)
def test_every_id_in_order_and_within_the_limit(keys: list[str], symbol: str) -> None:
    exchange = ccxt.bybit()
    plan = plugin.ccxt_cancel_orders(exchange, keys, symbol, {})
    assert plan is not None
    size = 10 if symbol == "BTC/USDT" else 20
    flow = plan.flow()
    chunks: list[list[str]] = []
    request = next(flow)
    try:
        while True:
            chunks.append([item["orderId"] for item in request.params["request"]])
            request = flow.send(echo(request))
    except StopIteration as done:
        orders = done.value
    assert [k for c in chunks for k in c] == keys
    assert len(chunks) == math.ceil(len(keys) / size) and all(len(c) <= size for c in chunks)
    assert [o["id"] for o in orders] == keys


# --- answers ---------------------------------------------------------------------------------------


def _ledger(keys: list[str], field: str = "id") -> ccxt_cancel.Ledger:
    return ccxt_cancel.Ledger(ccxt.bybit(), "cancelOrders", keys, field, "BTC/USDT:USDT")


TARGET = markets.Target("linear", "BTCUSDT", "BTC/USDT:USDT")


def batch_answer(items: list[dict[str, Any]], codes: list[dict[str, Any]]) -> dict[str, Any]:
    return {"retCode": 0, "retMsg": "OK", "result": {"list": items}, "retExtInfo": {"list": codes}, "time": 1}


def item(order_id: str = "", link_id: str = "") -> dict[str, Any]:
    return {"category": "linear", "symbol": "BTCUSDT", "orderId": order_id, "orderLinkId": link_id}


OK = {"code": 0, "msg": "OK"}


def test_batch_items_are_matched_by_id_and_positional_only_without_one() -> None:
    ledger = _ledger(["a", "b", "c"])
    answer = batch_answer([item("c"), item(""), item("a")], [OK, {"code": 110001, "msg": "Order does not exist"}, OK])
    answers.read_chunk(ccxt.bybit(), TARGET, ledger, "orderId", answer, range(3))
    ledger.answered = True
    orders = ledger.result()
    assert [o["id"] for o in orders] == ["a", "b", "c"]
    assert [ccxt_cancel.ERROR_KEY in o for o in orders] == [False, True, False]
    assert orders[1][ccxt_cancel.ERROR_KEY]["class"] == "OrderNotFound"  # the id-less item at position 2 is b's
    assert all(o["status"] is None for o in orders)


def test_batch_item_naming_an_unrequested_id_is_left_out_and_its_position_fails() -> None:
    ledger = _ledger(["a", "b"])
    answers.read_chunk(ccxt.bybit(), TARGET, ledger, "orderId", batch_answer([item("a"), item("zzz")], [OK, OK]), range(2))
    ledger.answered = True
    orders = ledger.result()
    assert ccxt_cancel.ERROR_KEY not in orders[0]
    assert orders[1][ccxt_cancel.ERROR_KEY]["class"] == "BadResponse" and "no item" in orders[1][ccxt_cancel.ERROR_KEY]["message"]


def test_batch_item_without_a_code_is_not_a_success() -> None:
    ledger = _ledger(["a"])
    answers.read_chunk(ccxt.bybit(), TARGET, ledger, "orderId", batch_answer([item("a")], [{"msg": "OK"}]), range(1))
    assert ledger.entries[0] is not None and ledger.entries[0][ccxt_cancel.ERROR_KEY]["class"] == "BadResponse"


@pytest.mark.parametrize(
    "answer",
    [
        {"retCode": 0, "result": {"list": [item("a")]}, "retExtInfo": {}},  # no per-item codes
        batch_answer([item("a")], [OK, OK]),  # lists of different lengths
        batch_answer(["a"], [OK]),  # type: ignore[list-item]
        {"retCode": 0, "result": None},
        "not json",
    ],
)
def test_unreadable_batch_answer_is_a_bad_response(answer: Any) -> None:
    with pytest.raises(ccxt.BadResponse):
        answers.read_chunk(ccxt.bybit(), TARGET, _ledger(["a"]), "orderId", answer, range(1))


@pytest.mark.parametrize(
    ("field", "key", "result"),
    [
        ("orderId", "a", {"orderId": "b", "orderLinkId": ""}),  # another order
        ("orderLinkId", "x", {"orderId": "a", "orderLinkId": "y"}),
        ("orderId", "a", {"orderId": "", "orderLinkId": ""}),  # no id at all
        ("orderId", "a", None),
    ],
)
def test_single_answer_must_name_the_requested_order(field: str, key: str, result: Any) -> None:
    with pytest.raises(ccxt.BadResponse):
        answers.parse_one(ccxt.bybit(), TARGET, field, key, [{"retCode": 0, "result": result}])


@pytest.mark.parametrize(
    ("result", "error"),
    [
        ({"list": [], "success": "0"}, ccxt.ExchangeError),
        ({"success": "1"}, ccxt.BadResponse),
        ({"list": [{"orderId": "", "orderLinkId": ""}], "success": "1"}, ccxt.BadResponse),
    ],
)
def test_cancel_all_answers_that_prove_nothing_raise(result: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        answers.parse_all(ccxt.bybit(), None, [{"retCode": 0, "result": result}])


@pytest.mark.parametrize(("order_id", "link_id", "symbol", "info"), [("1", "a", "BTC/USDT", {"x": 1}), (None, "a", None, {}), ("1", None, "BTC/USD:BTC", None)])
def test_acknowledged_orders_are_exactly_ccxts_safe_order(order_id: Any, link_id: Any, symbol: Any, info: Any) -> None:
    exchange = ccxt.bybit()
    first = orders.acknowledged(exchange, order_id, link_id, symbol, info)
    expected = exchange.safe_order({"id": order_id, "clientOrderId": link_id, "symbol": symbol, "status": None, "info": info})
    assert first == expected and list(first) == list(expected)
    first["trades"].append("x")
    assert orders.acknowledged(exchange, order_id, link_id, symbol, info)["trades"] == []  # nothing shared between orders


def test_cancel_all_empty_list_is_no_order() -> None:
    assert answers.parse_all(ccxt.bybit(), None, [{"retCode": 0, "result": {"list": [], "success": "1"}}]) == []


# --- errors ----------------------------------------------------------------------------------------

# Every error-page code that can answer a cancel, and the class it reaches a bot as.
CANCEL_CODES = {
    "-1": ccxt.InvalidNonce, "429": ccxt.ExchangeNotAvailable, "10000": ccxt.RequestTimeout, "10001": ccxt.BadRequest,
    "10002": ccxt.InvalidNonce, "10003": ccxt.AuthenticationError, "10004": ccxt.AuthenticationError, "10005": ccxt.PermissionDenied,
    "10006": ccxt.RateLimitExceeded, "10007": ccxt.AuthenticationError, "10008": ccxt.AccountSuspended, "10009": ccxt.AuthenticationError,
    "10010": ccxt.PermissionDenied, "10014": ccxt.BadRequest, "10016": ccxt.ExchangeNotAvailable, "10017": ccxt.BadRequest,
    "10024": ccxt.PermissionDenied, "10027": ccxt.PermissionDenied, "10028": ccxt.PermissionDenied, "10029": ccxt.PermissionDenied,
    "30035": ccxt.RateLimitExceeded, "110001": ccxt.OrderNotFound, "110008": ccxt.InvalidOrder, "110010": ccxt.InvalidOrder,
    "110019": ccxt.InvalidOrder, "110035": ccxt.InvalidOrder, "110079": ccxt.InvalidOrder, "110095": ccxt.InvalidOrder,
    "110097": ccxt.PermissionDenied, "110100": ccxt.NotSupported, "110115": ccxt.InvalidOrder, "170121": ccxt.InvalidOrder,
    "170139": ccxt.InvalidOrder, "170142": ccxt.InvalidOrder, "170143": ccxt.InvalidOrder, "170144": ccxt.InvalidOrder,
    "170145": ccxt.InvalidOrder, "170147": ccxt.InvalidOrder, "170150": ccxt.ExchangeError, "170190": ccxt.InvalidOrder,
    "170191": ccxt.InvalidOrder, "170212": ccxt.InvalidOrder, "170213": ccxt.OrderNotFound,
}  # fmt: skip


@pytest.mark.parametrize(("code", "kind"), list(CANCEL_CODES.items()))
def test_every_cancel_code_maps_to_its_class(code: str, kind: type[Exception]) -> None:
    exchange = ccxt.bybit()
    # a batch item, through item_error
    assert type(errors.item_error(exchange, int(code), "msg", "feedback")) is kind
    # a whole answer, through on_error then ccxt's handle_errors
    body = {"retCode": int(code), "retMsg": "msg", "result": {}, "retExtInfo": {}, "time": 1}
    text = json.dumps(body)
    mapped = errors.on_error("bybit", HttpAnswer(200, "OK", "https://api.bybit.com/v5/order/cancel", "POST", text, body))
    if mapped is None:
        with pytest.raises(ccxt.BaseError) as caught:
            exchange.handle_errors(200, "OK", "https://api.bybit.com/v5/order/cancel", "POST", {}, text, body, {}, "")
        mapped = caught.value
    assert type(mapped) is kind
    # OrderNotFound only where the page says the order does not exist
    assert (kind is ccxt.OrderNotFound) == (code in ("110001", "170213"))


@pytest.mark.parametrize(
    ("status", "body", "expected"), [(404, "Not Found", ccxt.BadRequest), (400, "", ccxt.BadRequest), (403, "access too frequent", None), (502, "", None)]
)
def test_http_statuses_without_a_ret_code(status: int, body: str, expected: type[Exception] | None) -> None:
    error = errors.on_error("bybit", HttpAnswer(status, "x", "https://api.bybit.com/v5/order/cancel-batch", "POST", body, None))
    assert (None if error is None else type(error)) is expected


def test_a_ret_code_wins_over_the_http_status() -> None:
    body = {"retCode": 10006, "retMsg": "Too many visits!"}
    assert errors.on_error("bybit", HttpAnswer(404, "Not Found", "u", "POST", json.dumps(body), body)) is None  # ccxt: RateLimitExceeded


# --- rejected input: nothing is sent -------------------------------------------------------------

REJECTED: list[tuple[str, tuple[Any, ...], type[Exception], str]] = [
    ("cancel_order", (None, "BTC/USDT:USDT"), ccxt.ArgumentsRequired, "clientOrderId"),
    ("cancel_order", ("1", None), ccxt.ArgumentsRequired, "symbol"),
    ("cancel_order", ("1", ""), ccxt.BadSymbol, "symbol"),
    ("cancel_order", ("", "BTC/USDT:USDT"), ccxt.ArgumentsRequired, "id"),
    ("cancel_order", ("a b", "BTC/USDT:USDT"), ccxt.BadRequest, "id"),
    ("cancel_order", (1.5, "BTC/USDT:USDT"), ccxt.BadRequest, "id"),
    ("cancel_order", (True, "BTC/USDT:USDT"), ccxt.BadRequest, "id"),
    ("cancel_order", (-1, "BTC/USDT:USDT"), ccxt.BadRequest, "id"),
    ("cancel_order", ("None", "BTC/USDT:USDT"), ccxt.BadRequest, "id"),
    ("cancel_order", (None, "BTC/USDT:USDT", {"orderLinkId": "null"}), ccxt.BadRequest, "orderLinkId"),
    ("cancel_order", (None, "BTC/USDT:USDT", {"clientOrderId": "x" * 37}), ccxt.BadRequest, "36"),
    ("cancel_order", (None, "BTC/USDT:USDT", {"clientOrderId": "a.b"}), ccxt.BadRequest, "clientOrderId"),
    ("cancel_order", (None, "BTC/USDT:USDT", {"clientOrderId": None}), ccxt.BadRequest, "clientOrderId"),
    ("cancel_order", (None, "BTC/USDT:USDT", {"clientOrderId": "a", "orderLinkId": "b"}), ccxt.BadRequest, "two different client ids"),
    ("cancel_order", ("1", "BTC/USDT:USDT", {"orderId": "2"}), ccxt.BadRequest, "orderId"),
    ("cancel_order", ("1", "BTC/USDT:USDT", {"symbol": "ETHUSDT"}), ccxt.BadRequest, "symbol"),
    ("cancel_order", ("1", "BTC/USDT:USDT", {"category": "spot"}), ccxt.BadRequest, "category"),
    ("cancel_order", ("1", "BTC/USDT:USDT", {"category": "futures"}), ccxt.BadRequest, "category"),
    ("cancel_order", ("1", "BTC/USDT:USDT", {"foo": None}), ccxt.BadRequest, "foo"),
    ("cancel_order", ("1", "BTC/USDT:USDT", {"foo": [None]}), ccxt.BadRequest, "foo"),
    ("cancel_orders", ([], "BTC/USDT:USDT"), ccxt.ArgumentsRequired, "ids"),
    ("cancel_orders", (None, "BTC/USDT:USDT"), ccxt.ArgumentsRequired, "ids"),
    ("cancel_orders", (["1"], None), ccxt.ArgumentsRequired, "symbol"),
    ("cancel_orders", ("123", "BTC/USDT:USDT"), ccxt.BadRequest, "list"),
    ("cancel_orders", (["1", None], "BTC/USDT:USDT"), ccxt.BadRequest, "ids[1]"),
    ("cancel_orders", (["1", "2", "1"], "BTC/USDT:USDT"), ccxt.BadRequest, "appears twice"),
    ("cancel_orders", (["1"], "BTC/USDT:USDT", {"clientOrderIds": ["a"]}), ccxt.BadRequest, "not both"),
    ("cancel_orders", ([], "BTC/USDT:USDT", {"clientOrderIds": "a,b"}), ccxt.BadRequest, "list"),
    ("cancel_orders", ([], "BTC/USDT:USDT", {"clientOrderIds": ["a"], "clientOids": ["b"]}), ccxt.BadRequest, "two different"),
    ("cancel_orders", ([], "BTC/USDT:USDT", {"clientOrderIds": ["ok", "a b"]}), ccxt.BadRequest, "clientOrderIds'][1]"),
    ("cancel_orders", (["1"], "BTC/USDT:USDT", {"request": []}), ccxt.BadRequest, "request"),
    ("cancel_all_orders", (None,), ccxt.ArgumentsRequired, "settleCoin"),  # ccxt's defaults: linear
    ("cancel_all_orders", (None, {"subType": "inverse"}), ccxt.ArgumentsRequired, "settleCoin"),  # ccxt would send settleCoin=USDT
    ("cancel_all_orders", (None, {"type": "spot", "settleCoin": "USDT"}), ccxt.BadRequest, "spot"),
    ("cancel_all_orders", (None, {"category": "option", "settleCoin": "BTC"}), ccxt.BadRequest, "USDT or USDC"),
    ("cancel_all_orders", (None, {"category": "linear", "settleCoin": "usdt"}), ccxt.BadRequest, "uppercase"),
    ("cancel_all_orders", (None, {"category": "linear", "baseCoin": 1}), ccxt.BadRequest, "baseCoin"),
    ("cancel_all_orders", (None, {"symbol": "BTCUSDT", "category": "linear"}), ccxt.BadRequest, "symbol argument"),
    ("cancel_all_orders", (None, {"type": "margin"}), ccxt.BadRequest, "type"),
    ("cancel_all_orders", ("BTC/USDT:USDT", {"foo": None}), ccxt.BadRequest, "foo"),
]


@pytest.mark.parametrize(("method", "args", "error", "text"), REJECTED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_rejected_input_sends_nothing(flavor: str, method: str, args: tuple[Any, ...], error: type[Exception], text: str) -> None:
    router = Router()
    with pytest.raises(error) as caught:
        call(flavor, "bybit", method, *args, prepare=router.attach)
    assert router.requests == []
    assert text in str(caught.value)


# --- declined calls are ccxt's, byte for byte ----------------------------------------------------

DECLINED: list[tuple[str, tuple[Any, ...], dict[str, Any], bool]] = [
    # (method, args, options, markets loaded)
    ("cancel_order", ("1", "BTC/USDT", {"trigger": True}), {}, True),
    ("cancel_order", ("1", "BTC/USDT:USDT", {"stop": True}), {}, True),
    ("cancel_order", ("1", "BTC/USDT", {"orderFilter": "tpslOrder"}), {}, True),
    ("cancel_order", ("1", "BTC/USDT:USDT", {"stopLossPrice": 1}), {}, True),
    ("cancel_order", ("1", "BTC/USDT:USDT", {"takeProfitPrice": 1}), {}, True),
    ("cancel_all_orders", ("BTC/USDT:USDT", {"stop": True}), {}, True),
    ("cancel_all_orders", (None, {"orderFilter": "StopOrder", "settleCoin": "USDT"}), {}, True),
    ("cancel_orders", (["1", "2"], "BTC/USDT:USDT", {"trigger": True}), {}, True),
    ("cancel_order", ("1", "BTCUSDT"), {"defaultType": "future"}, True),  # ccxt's market() would guess
    ("cancel_order", ("1", "BTC/USDC:USDC"), {}, False),  # cold, id not derivable: ccxt loads markets
    ("cancel_order", ("1", "BTC/USDT:USDT-251226"), {}, False),
    ("cancel_order", ("1", "BTCUSDT"), {"defaultType": "future"}, False),
]


def wire(flavor: str, method: str, args: tuple[Any, ...], options: dict[str, Any], loaded: bool, install: bool) -> list[Any]:
    router = Router()

    def prepare(exchange: Any) -> None:
        exchange.options.update(options)
        if loaded:
            exchange.set_markets(parsed_markets())
        freeze(exchange)
        router.attach(exchange)

    try:
        call(flavor, "bybit", method, *args, install=install, prepare=prepare, config={"enableRateLimit": False})
    except ccxt.BaseError as exc:  # ccxt may dislike the canned answer or the symbol; the requests are what we compare
        router.requests.append(("raised", type(exc).__name__, None))
    return router.requests


@pytest.mark.parametrize(("method", "args", "options", "loaded"), DECLINED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_declined_calls_are_ccxt_byte_for_byte(flavor: str, method: str, args: tuple[Any, ...], options: dict[str, Any], loaded: bool) -> None:
    plain = wire(flavor, method, args, options, loaded, install=False)
    routed = wire(flavor, method, args, options, loaded, install=True)
    assert plain and plain[0][0] != "raised", "ccxt sent nothing: the scenario is wrong"
    assert routed == plain


# --- each gap of the registry, closed --------------------------------------------------------------


def requests_of(flavor: str, method: str, *args: Any, install: bool, loaded: bool = True, options: dict[str, Any] | None = None) -> tuple[Router, Any]:
    router = Router()

    def prepare(exchange: Any) -> None:
        exchange.options.update(options or {})
        if loaded:
            exchange.set_markets(parsed_markets())
        router.attach(exchange)

    try:
        result = call(flavor, "bybit", method, *args, install=install, prepare=prepare, config={"enableRateLimit": False})
    except ccxt.BaseError as exc:
        result = exc
    return router, result


def test_every_gap_has_a_closure_test_here() -> None:
    assert {gap.id for gap in GAPS} == set(CLOSED)


def _batch_limit(flavor: str) -> None:
    ids = [f"{i}" for i in range(25)]
    plain, _ = requests_of(flavor, "cancel_orders", ids, "BTC/USDT:USDT", install=False)
    ours, orders = requests_of(flavor, "cancel_orders", ids, "BTC/USDT:USDT", install=True)
    assert [len(b["request"]) for b in plain.bodies("/v5/order/cancel-batch")] == [25]
    assert [len(b["request"]) for b in ours.bodies("/v5/order/cancel-batch")] == [20, 5] and ours.count == 2
    assert [o["id"] for o in orders] == ids


def _batch_item_errors(flavor: str) -> None:
    ids = ["1", "unknown-2", "3"]  # the stub answers an id holding "unknown" as 110001
    _, plain = requests_of(flavor, "cancel_orders", ids, "BTC/USDT:USDT", install=False)
    _, ours = requests_of(flavor, "cancel_orders", ids, "BTC/USDT:USDT", install=True)
    assert [o["id"] for o in plain] == ["1", None, "3"] and not any("error" in o for o in plain)
    assert [o["id"] for o in ours] == ids
    assert ours[1][ccxt_cancel.ERROR_KEY]["class"] == "OrderNotFound" and "110001" in ours[1][ccxt_cancel.ERROR_KEY]["message"]


def _inverse_batch(flavor: str) -> None:
    _, plain = requests_of(flavor, "cancel_orders", ["1", "2"], "BTC/USD:BTC", install=False)
    ours, orders = requests_of(flavor, "cancel_orders", ["1", "2"], "BTC/USD:BTC", install=True)
    assert isinstance(plain, ccxt.NotSupported)
    assert ours.bodies("/v5/order/cancel-batch")[0]["category"] == "inverse" and [o["id"] for o in orders] == ["1", "2"]


def _client_order_id(flavor: str) -> None:
    plain, _ = requests_of(flavor, "cancel_order", None, "BTC/USDT:USDT", {"clientOrderId": "linear-004"}, install=False)
    ours, order = requests_of(flavor, "cancel_order", None, "BTC/USDT:USDT", {"clientOrderId": "linear-004"}, install=True)
    assert plain.bodies("/v5/order/cancel")[0].get("clientOrderId") == "linear-004"
    assert ours.bodies("/v5/order/cancel") == [{"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "linear-004"}]
    assert order["clientOrderId"] == "linear-004"


def _no_id(flavor: str) -> None:
    plain, _ = requests_of(flavor, "cancel_order", None, "BTC/USDT:USDT", install=False)
    ours, error = requests_of(flavor, "cancel_order", None, "BTC/USDT:USDT", install=True)
    assert plain.bodies("/v5/order/cancel") == [{"symbol": "BTCUSDT", "category": "linear"}]
    assert ours.count == 0 and isinstance(error, ccxt.ArgumentsRequired)


def _cold_cancel(flavor: str) -> None:
    plain, _ = requests_of(flavor, "cancel_order", "1", "BTC/USDT:USDT", install=False, loaded=False)
    ours, _ = requests_of(flavor, "cancel_order", "1", "BTC/USDT:USDT", install=True, loaded=False)
    assert (plain.count, ours.count) == (13, 1)


def _account_detection(flavor: str) -> None:
    for method, args in (("cancel_orders", (["1", "2"], "BTC/USDT:USDT")), ("cancel_all_orders", ("BTC/USDT:USDT",))):
        plain, _ = requests_of(flavor, method, *args, install=False)
        ours, _ = requests_of(flavor, method, *args, install=True)
        assert [m for m, _, _ in plain.requests] == ["GET", "GET", "POST"]
        assert [m for m, _, _ in ours.requests] == ["POST"]


def _cancel_all_scope(flavor: str) -> None:
    plain, _ = requests_of(flavor, "cancel_all_orders", None, {"subType": "inverse"}, install=False)
    ours, error = requests_of(flavor, "cancel_all_orders", None, {"subType": "inverse"}, install=True)
    assert plain.bodies("/v5/order/cancel-all") == [{"category": "inverse", "settleCoin": "USDT"}]
    assert ours.count == 0 and isinstance(error, ccxt.ArgumentsRequired)
    ours, _ = requests_of(flavor, "cancel_all_orders", None, {"subType": "inverse", "settleCoin": "BTC"}, install=True)
    assert ours.bodies("/v5/order/cancel-all") == [{"category": "inverse", "settleCoin": "BTC"}]


def _cancel_all_success(flavor: str) -> None:
    def failing(method: str, url: str, body: Any) -> Any:
        from tests.builtins.bybit.stub import answer, ok

        return ok({"list": [{"orderId": "1", "orderLinkId": ""}], "success": "0"}) if url.endswith("/v5/order/cancel-all") else answer(method, url, body)

    results = []
    for install in (False, True):
        router = Router(failing)

        def prepare(exchange: Any, router: Router = router) -> None:
            exchange.set_markets(parsed_markets())
            router.attach(exchange)

        try:
            results.append(call(flavor, "bybit", "cancel_all_orders", "BTC/USDT:USDT", install=install, prepare=prepare, config={"enableRateLimit": False}))
        except ccxt.ExchangeError as exc:
            results.append(exc)
    assert isinstance(results[0], list) and len(results[0]) == 1  # ccxt: as if accepted
    assert isinstance(results[1], ccxt.ExchangeError)


def _error_codes(flavor: str) -> None:
    def processing(method: str, url: str, body: Any) -> tuple[int, Any]:
        return 200, {"retCode": 170212, "retMsg": "Cancel order request processing", "result": {}, "retExtInfo": {}, "time": 1}

    session = StubSession(processing)  # under ccxt's fetch, so its handle_errors reads the answer as in production

    def prepare(exchange: Any) -> None:
        exchange.set_markets(parsed_markets())
        session.attach(exchange)

    with pytest.raises(ccxt.InvalidOrder):
        call(flavor, "bybit", "cancel_order", "1", "BTC/USDT", prepare=prepare)


CLOSED = {
    "bybit.batch-limit": _batch_limit,
    "bybit.batch-item-errors": _batch_item_errors,
    "bybit.inverse-batch": _inverse_batch,
    "bybit.client-order-id": _client_order_id,
    "bybit.no-id": _no_id,
    "bybit.cold-cancel": _cold_cancel,
    "bybit.account-detection": _account_detection,
    "bybit.cancel-all-scope": _cancel_all_scope,
    "bybit.cancel-all-success": _cancel_all_success,
    "bybit.error-codes": _error_codes,
}


@pytest.mark.parametrize("gap", sorted(CLOSED))
@pytest.mark.parametrize("flavor", FLAVORS)
def test_the_plugin_closes_each_gap(flavor: str, gap: str) -> None:
    CLOSED[gap](flavor)


# --- clock, and "done when": a bot with ccxt_cancel.install() ----------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_cold_cancel_with_clock_sync_is_two_requests(flavor: str) -> None:
    router = Router()
    order = call(flavor, "bybit", "cancel_order", "1", "BTC/USDT:USDT", prepare=router.attach, config={"options": {"adjustForTimeDifference": True}})
    assert [urlpath for _, urlpath, _ in router.requests] == ["https://api.bybit.com/v5/market/time", "https://api.bybit.com/v5/order/cancel"]
    assert order["id"] == "1"


def test_bot_with_global_install() -> None:
    ccxt_cancel.install()
    try:
        exchange = ccxt.bybit({**credentials("bybit"), "enableRateLimit": False})  # fresh, cold, patched through its class
        router = Router()
        router.attach(exchange)
        order = exchange.cancel_order(None, "BTC/USDT:USDT", {"clientOrderId": "linear-004"})
        ((method, url, body),) = router.requests
        assert (method, url) == ("POST", "https://api.bybit.com/v5/order/cancel")
        assert json.loads(body) == {"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "linear-004"}
        assert (order["clientOrderId"], order["status"]) == ("linear-004", None)

        ids = [f"{i}" if i % 6 else f"unknown-{i}" for i in range(25)]
        orders = exchange.cancelOrders(ids, "BTC/USDT:USDT")
        assert len(router.requests) == 3  # 1 + ceil(25 / 20)
        assert [o["id"] for o in orders] == ids
        for order in orders:
            failed = order["id"].startswith("unknown")
            assert (ccxt_cancel.ERROR_KEY in order) is failed
            if failed:
                assert order[ccxt_cancel.ERROR_KEY]["class"] == "OrderNotFound" and order["id"] in order[ccxt_cancel.ERROR_KEY]["message"]
    finally:
        ccxt_cancel.uninstall()


def test_bot_with_global_install_async() -> None:
    async def main() -> tuple[Any, Router]:
        exchange = ccxt.async_support.bybit({**credentials("bybit"), "enableRateLimit": False})
        router = Router()
        router.attach(exchange)
        try:
            return await exchange.cancelOrders([str(i) for i in range(25)], "BTC/USDT:USDT"), router
        finally:
            await exchange.close()

    ccxt_cancel.install()
    try:
        orders, router = asyncio.run(main())
    finally:
        ccxt_cancel.uninstall()
    assert [len(b["request"]) for b in router.bodies("/v5/order/cancel-batch")] == [20, 5] and len(orders) == 25


@pytest.mark.parametrize("params", [{"orderId": "5"}, {"orderLinkId": "x"}, {"clientOrderId": "x"}, {"clientOrderIds": ["x"]}])
def test_cancel_all_refuses_an_id_and_sends_nothing(params: dict[str, Any]) -> None:
    # The cancel-all page lists no id: passed through, it would ride along with a request that cancels the whole symbol.
    with pytest.raises(ccxt.BadRequest, match="a cancel-all cancels every open order"):
        plugin.ccxt_cancel_all_orders(ccxt.bybit({}), "BTC/USDT:USDT", dict(params))
