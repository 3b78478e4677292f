"""Bitget classic v2 room on ccxt's own transport (StubSession under fetch), sync and async."""

from __future__ import annotations

import json
from typing import Any

import ccxt
import pytest

from ccxt_cancel import batch, errors, limits
from ccxt_cancel.builtins.bitget import plugin
from tests.support.helpers import FAKE_CREDENTIALS, call
from tests.support.session import StubSession

FLAVORS = ("sync", "async")
CLASSIC = {**FAKE_CREDENTIALS, "enableRateLimit": False, "timeout_on_exit": 0, "options": {"uta": False}}
CONFIG = {**FAKE_CREDENTIALS, "enableRateLimit": False, "timeout_on_exit": 0}  # a fresh ccxt.bitget: no uta option
ACK = {"code": "00000", "msg": "success", "requestTime": 1, "data": {"orderId": "111", "clientOid": "cid-222"}}


def run(flavor: str, session: StubSession, method: str, *args: Any, config: dict[str, Any] | None = None) -> Any:
    return call(flavor, "bitget", method, *args, config=dict(config or CLASSIC), prepare=session.attach)


def bodies(session: StubSession) -> list[dict[str, Any]]:
    return [json.loads(sent.body) for sent in session.sent]


def batch_answer(method: str, url: str, body: Any) -> tuple[int, Any]:
    """The docs' partial answer shape: every first id of a chunk fails with 43001, the rest succeed."""
    items = json.loads(body)["orderList"]
    failure = {"orderId": items[0]["orderId"], "clientOid": "", "errorMsg": "Order does not exist", "errorCode": "43001"}
    return 200, {
        "code": "00000",
        "msg": "success",
        "data": {"successList": [{"orderId": i["orderId"], "clientOid": ""} for i in items[1:]], "failureList": [failure]},
    }


@pytest.mark.parametrize("flavor", FLAVORS)
def test_usdtm_both_ids_send_order_id_only_in_one_request(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, ACK))
    order = run(flavor, session, "cancel_order", "111", "BTC/USDT:USDT", {"clientOrderId": "cid-222"})
    assert len(session.sent) == 1 and session.sent[0].url.endswith("/api/v2/mix/order/cancel-order")
    assert bodies(session) == [{"symbol": "BTCUSDT", "orderId": "111", "productType": "USDT-FUTURES"}]
    assert order["id"] == "111" and order["status"] is None  # an acknowledgement, not a confirmed cancel


@pytest.mark.parametrize("flavor", FLAVORS)
def test_client_id_alone_sends_client_oid_on_spot(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, ACK))
    run(flavor, session, "cancel_order", "", "BTC/USDT", {"clientOid": "cid-222"})
    assert session.sent[0].url.endswith("/api/v2/spot/trade/cancel-order")
    assert bodies(session) == [{"symbol": "BTCUSDT", "clientOid": "cid-222"}]


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    ("id_", "params", "kind"),
    [(None, {}, ccxt.ArgumentsRequired), ("", {}, ccxt.ArgumentsRequired), ("None", {}, ccxt.BadRequest), ("null", {}, ccxt.BadRequest)],
)
def test_missing_ids_send_nothing(flavor: str, id_: Any, params: dict[str, Any], kind: type[Exception]) -> None:
    session = StubSession(lambda m, u, b: (200, ACK))
    with pytest.raises(kind):
        run(flavor, session, "cancel_order", id_, "BTC/USDT:USDT", params)
    assert session.sent == []


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_60_ids_two_requests_every_id_back_with_its_error(flavor: str) -> None:
    session = StubSession(batch_answer)
    ids = [str(1000 + n) for n in range(60)]
    orders = run(flavor, session, "cancel_orders", ids, "BTC/USDT")
    assert len(session.sent) == 2 and [len(b["orderList"]) for b in bodies(session)] == [50, 10]
    assert [o["id"] for o in orders] == ids
    failed = [o for o in orders if batch.ERROR_KEY in o]
    assert [o["id"] for o in failed] == ["1000", "1050"]
    assert all(o[batch.ERROR_KEY]["class"] == "OrderNotFound" and o["status"] is None for o in failed)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_futures_batch_matches_by_id_not_position(flavor: str) -> None:
    answer = {
        "code": "00000",
        "data": {"successList": [{"orderId": "2", "clientOid": ""}], "failureList": [{"orderId": "1", "errorMsg": "The order has been filled"}]},
    }
    session = StubSession(lambda m, u, b: (200, answer))
    # The batch rule alone: resolution of the unknown id 3 is switched off (test_resolve.py covers it).
    orders = run(flavor, session, "cancel_orders", ["1", "2", "3"], "BTC/USD:BTC", {"clientOrderIds": [], "resolveUnknown": False})
    assert bodies(session)[0] == {"symbol": "BTCUSD", "orderIdList": [{"orderId": "1"}, {"orderId": "2"}, {"orderId": "3"}], "productType": "COIN-FUTURES"}
    assert [o["id"] for o in orders] == ["1", "2", "3"]
    assert orders[0][batch.ERROR_KEY]["class"] == "InvalidOrder"  # filled is not "not found"
    assert orders[1]["status"] is None and batch.ERROR_KEY not in orders[1]
    assert orders[2][batch.ERROR_KEY]["outcome"] == errors.UNKNOWN_OUTCOME


@pytest.mark.parametrize("flavor", FLAVORS)
def test_22001_is_order_not_found(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (400, {"code": "22001", "msg": "No order to cancel", "data": None}))
    with pytest.raises(ccxt.OrderNotFound):
        run(flavor, session, "cancel_order", "111", "BTC/USDT")
    assert len(session.sent) == 1


@pytest.mark.parametrize(
    ("options", "params", "claimed", "asks"),
    [({}, {}, True, True), ({"uta": True}, {}, False, False), ({}, {"uta": False}, True, False), ({"cancelOrder": {"uta": False}}, {}, True, False)],
)
def test_account_mode_follows_ccxts_option_else_asks_first(options: dict[str, Any], params: dict[str, Any], claimed: bool, asks: bool) -> None:
    exchange = ccxt.bitget({**FAKE_CREDENTIALS, "options": options})
    plan = plugin.ccxt_cancel_order(exchange, "111", "BTC/USDT:USDT", dict(params))
    assert (plan is not None) is claimed
    if plan is not None:
        first = next(plan.flow())
        assert (first.path == "v3/account/settings") is asks


CLASSIC_40084 = (400, {"code": "40084", "msg": "You are in Classic Account mode", "requestTime": 1, "data": None})


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_fresh_bitget_asks_once_then_cancels_by_order_id_in_one_request(flavor: str) -> None:
    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        if "v3/account/settings" in url:
            return CLASSIC_40084
        return 200, {"code": "00000", "msg": "success", "requestTime": 1, "data": {"orderId": "111", "clientOid": "mine"}}

    session = StubSession(answer)
    order = call(flavor, "bitget", "cancel_order", "111", "BTC/USDT:USDT", {"clientOrderId": "mine"}, config=CONFIG, prepare=session.attach)
    assert order["id"] == "111"
    first, cancel = session.sent
    assert "/api/v3/account/settings" in first.url
    assert json.loads(cancel.body) == {"symbol": "BTCUSDT", "orderId": "111", "productType": "USDT-FUTURES"}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_failed_question_keeps_nothing_and_sends_no_cancel(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (429, {"code": "429", "msg": "Too Many Requests", "requestTime": 1, "data": None}))
    with pytest.raises(ccxt.DDoSProtection):
        call(flavor, "bitget", "cancel_order", "111", "BTC/USDT:USDT", config=CONFIG, prepare=session.attach)
    assert len(session.sent) == 1 and "/api/v3/account/settings" in session.sent[0].url


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_unified_account_is_handed_back_to_ccxt(flavor: str) -> None:
    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        if "v3/account/settings" in url:
            return 200, {"code": "00000", "msg": "success", "requestTime": 1, "data": {}}
        return 200, {"code": "00000", "msg": "success", "requestTime": 1, "data": {"orderId": "111", "clientOid": ""}}

    session = StubSession(answer)
    try:
        call(flavor, "bitget", "cancel_order", "111", "BTC/USDT:USDT", config=CONFIG, prepare=session.attach)
    except ccxt.BaseError:
        pass  # ccxt's own UTA path with this stub's answers: whatever ccxt makes of them, it is ccxt's call now
    urls = [s.url for s in session.sent]
    assert sum("/api/v3/account/settings" in u for u in urls) == 1  # asked once: ccxt found options['uta'] already set
    assert not any("/api/v2/mix/order/cancel-order" in u for u in urls)  # never the classic cancel


ALL = {
    "code": "00000",
    "data": {
        "successList": [{"orderId": "7", "clientOid": "c7"}, {"orderId": "", "clientOid": ""}],
        "failureList": [{"orderId": "8", "errorMsg": "No order to cancel", "errorCode": "22001"}],
    },
}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_by_symbol_and_by_product_type(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, ALL))
    orders = run(flavor, session, "cancel_all_orders", "BTC/USDT:USDT")
    assert session.sent[0].url.endswith("/api/v2/mix/order/batch-cancel-orders")
    assert bodies(session) == [{"symbol": "BTCUSDT", "productType": "USDT-FUTURES"}]
    assert [(o["id"], o["status"]) for o in orders] == [("7", None), ("8", None)]  # the id-less item is not an order
    assert orders[1][batch.ERROR_KEY]["class"] == "OrderNotFound"
    run(flavor, session, "cancel_all_orders", None, {"productType": "COIN-FUTURES"})
    assert bodies(session)[1] == {"productType": "COIN-FUTURES"}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_without_symbol_or_product_type_sends_nothing(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, ALL))
    with pytest.raises(ccxt.ArgumentsRequired, match="productType"):
        run(flavor, session, "cancel_all_orders", None)
    assert session.sent == []


@pytest.mark.parametrize("flavor", FLAVORS)
def test_client_id_batch_uses_client_oid_and_keeps_params(flavor: str) -> None:
    answer = {"code": "00000", "data": {"successList": [{"orderId": "9", "clientOid": "b"}, {"orderId": "8", "clientOid": "a"}], "failureList": []}}
    session = StubSession(lambda m, u, b: (200, answer))
    orders = run(flavor, session, "cancel_orders", [], "BTC/USDT:USDT", {"clientOrderIds": ["a", "b"], "marginCoin": "USDT"})
    assert bodies(session) == [
        {"symbol": "BTCUSDT", "orderIdList": [{"clientOid": "a"}, {"clientOid": "b"}], "marginCoin": "USDT", "productType": "USDT-FUTURES"}
    ]
    assert [(o["clientOrderId"], o["id"]) for o in orders] == [("a", "8"), ("b", "9")]  # by identity, not position


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_429_stops_the_batch_and_later_ids_are_not_sent(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (429, {"code": "429", "msg": "Too Many Requests", "data": None}))
    with pytest.raises(ccxt.BaseError) as caught:
        run(flavor, session, "cancel_orders", [str(n) for n in range(60)], "BTC/USDT")
    assert len(session.sent) == 1
    entries = caught.value.orders
    assert len(entries) == 60 and entries[-1][batch.ERROR_KEY]["outcome"] == batch.NOT_SENT


SPOT_ALL = {"code": "00000", "msg": "success", "requestTime": 1698313139948, "data": {"symbol": "BTCUSDT"}}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_cancel_all_by_symbol_returns_no_order_without_an_id(flavor: str) -> None:
    # The page: the answer names the symbol and "This request is executed asynchronously": no order is named.
    session = StubSession(lambda m, u, b: (200, SPOT_ALL))
    assert run(flavor, session, "cancel_all_orders", "BTC/USDT") == []
    assert len(session.sent) == 1 and session.sent[0].url.endswith("/api/v2/spot/trade/cancel-symbol-order")
    assert bodies(session) == [{"symbol": "BTCUSDT"}]


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("data", [{"symbol": "ETHUSDT"}, {}, None])
def test_spot_cancel_all_answer_naming_another_symbol_is_unknown(flavor: str, data: Any) -> None:
    session = StubSession(lambda m, u, b: (200, {**SPOT_ALL, "data": data}))
    with pytest.raises(ccxt.BadResponse) as caught:
        run(flavor, session, "cancel_all_orders", "BTC/USDT")
    assert errors.is_unknown_outcome(caught.value)


@pytest.mark.parametrize(
    ("call_", "path", "per_second"),
    [
        (("cancel_order", "1", "BTC/USDT"), "v2/spot/trade/cancel-order", 10),
        (("cancel_order", "1", "BTC/USDT:USDT"), "v2/mix/order/cancel-order", 10),
        (("cancel_orders", ["1"], "BTC/USDT"), "v2/spot/trade/batch-cancel-order", 10),
        (("cancel_orders", ["1"], "BTC/USD:BTC"), "v2/mix/order/batch-cancel-orders", 10),
        (("cancel_all_orders", "BTC/USDT"), "v2/spot/trade/cancel-symbol-order", 5),
        (("cancel_all_orders", "BTC/USDT:USDT"), "v2/mix/order/batch-cancel-orders", 10),
    ],
)
def test_each_request_costs_its_documented_limit(call_: tuple[Any, ...], path: str, per_second: int) -> None:
    exchange = ccxt.bitget({**CLASSIC})
    hook = getattr(plugin, "ccxt_" + call_[0])
    plan = hook(exchange, *call_[1:], {})
    requests = plan.requests if plan.requests else [next(plan.steps)]
    assert [r.path for r in requests] == [path]
    # ccxt spaces a request by cost x rateLimit ms: the documented spacing, plus the shared headroom.
    assert requests[0].cost * exchange.rateLimit == pytest.approx(1000 / per_second * limits.HEADROOM)


@pytest.mark.parametrize(("symbol", "path", "per_second"), [("BTC/USDT", "v2/spot/trade/orderInfo", 20), ("BTC/USDT:USDT", "v2/mix/order/detail", 10)])
def test_the_resolving_query_costs_its_documented_limit(symbol: str, path: str, per_second: int) -> None:
    # Get-Order-Info "20 times/1s (UID)", Get-Order-Details "10 times/1s (uid)" (sources.SPOT_ORDER_INFO_QUOTE, MIX_ORDER_DETAIL_QUOTE).
    exchange = ccxt.bitget({**CLASSIC})
    plan = plugin.ccxt_cancel_order(exchange, "1", symbol, {})
    query = plan.resolution().query
    assert query.path == path and query.method == "GET"
    assert query.cost * exchange.rateLimit == pytest.approx(1000 / per_second * limits.HEADROOM)


@pytest.mark.parametrize(
    ("code", "message", "kind"),
    [
        ("43001", "Order does not exist", ccxt.OrderNotFound),
        ("40768", "Order does not exist", ccxt.OrderNotFound),
        ("22001", "No order to cancel", ccxt.OrderNotFound),
        (None, "The order has been filled", ccxt.InvalidOrder),
        (None, "Order Cancelled", ccxt.InvalidOrder),
        ("40009", "sign signature error", ccxt.AuthenticationError),
        ("429", "Too Many Requests", ccxt.DDoSProtection),
    ],
)
def test_item_errors_map_to_their_ccxt_class(code: Any, message: str, kind: type[Exception]) -> None:
    from ccxt_cancel.builtins.bitget import errors as bitget_errors

    error = bitget_errors.item_error(ccxt.bitget(), code, message, "feedback")
    assert type(error) is kind  # the exact class: a finished order is never "not found"


@pytest.mark.parametrize(
    ("market", "product"),
    [
        ({"id": "SBTCSUSDT", "symbol": "SBTC/SUSDT:SUSDT", "settle": "SUSDT", "linear": True}, "SUSDT-FUTURES"),
        ({"id": "SBTCSUSDC", "symbol": "SBTC/SUSDC:SUSDC", "settle": "SUSDC", "linear": True}, "SUSDC-FUTURES"),
        ({"id": "SETHUSD", "symbol": "SETH/USD:SETH", "settle": "SETH", "inverse": True}, "SCOIN-FUTURES"),
        ({"id": "BTCPERP", "symbol": "BTC/USDC:USDC", "settle": "USDC", "linear": True}, "USDC-FUTURES"),
    ],
)
def test_loaded_markets_give_ccxts_product_type_demo_contracts_included(market: dict[str, Any], product: str) -> None:
    # ccxt's handle_product_type_and_params: an S* (demo) settle is an S* product type, never the live one.
    exchange = ccxt.bitget({**CLASSIC})
    exchange.set_markets([{"type": "swap", "swap": True, "contract": True, "spot": False, **market}])
    plan = plugin.ccxt_cancel_order(exchange, "1", market["symbol"], {"category": product})
    assert plan is not None and plan.requests[0].params == {"symbol": market["id"], "orderId": "1", "productType": product}


def test_a_category_that_contradicts_the_symbol_is_refused() -> None:
    with pytest.raises(ccxt.BadRequest, match="category"):
        plugin.ccxt_cancel_order(ccxt.bitget({**CLASSIC}), "1", "BTC/USDT:USDT", {"category": "COIN-FUTURES"})


@pytest.mark.parametrize("symbol", ["TON/USDT", "TON/USDT:USDT", "TONCOIN/USDT", "BTC/TON"])
def test_a_code_bitget_renames_is_declined_cold(symbol: str) -> None:
    # ccxt's bitget maps Bitget's TONCOIN to unified TON (commonCurrencies): TONUSDT may be another market.
    from ccxt_cancel.builtins.bitget import markets

    exchange = ccxt.bitget()
    assert markets.resolve(exchange, symbol) is None
    assert markets.resolve(exchange, "BTC/USDT") == markets.Target("BTCUSDT", "SPOT", "BTC/USDT")


def test_a_renamed_code_is_claimed_once_markets_are_loaded() -> None:
    from ccxt_cancel.builtins.bitget import markets

    exchange = ccxt.bitget()
    exchange.markets = {"TON/USDT": {"id": "TONCOINUSDT", "symbol": "TON/USDT", "spot": True}}
    assert markets.resolve(exchange, "TON/USDT") == markets.Target("TONCOINUSDT", "SPOT", "TON/USDT")
