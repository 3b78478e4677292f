"""Issue 20: acknowledgements confirmed (opt-in), unknown outcomes resolved on Bybit and OKX, cancel-all verified.

On ccxt's own transport (the HTTP session stubbed under ``fetch``), sync,
async and pro, through ``install()``. Bybit and OKX cancel answers only
acknowledge; with ``confirm`` the order is queried (Bybit ``GET
/v5/order/realtime``, OKX ``GET /api/v5/trade/order``) until it is terminal
or the budget is spent, and ``'canceled'`` comes only from a query that says
so.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import ccxt
import pytest

from ccxt_cancel import batch, errors, probe, resolve
from tests.support.helpers import call
from tests.support.session import StubSession

FLAVORS = ("sync", "async", "pro")
CREDENTIALS = {"apiKey": "k", "secret": "s", "password": "p"}
FAST = {"confirm": True, "confirmInterval": 0}
CONFIG = {"enableRateLimit": False, "timeout_on_exit": 0, **CREDENTIALS}
ORDER_ID = "1321003749386327552"


def run(flavor: str, session: StubSession, exchange_id: str, method: str, *args: Any, config: dict[str, Any] | None = None) -> Any:
    return call(flavor, exchange_id, method, *args, config={**CONFIG, **(config or {})}, prepare=session.attach)


def queue(answers: list[tuple[int, Any]]) -> StubSession:
    pending = list(answers)
    return StubSession(lambda method, url, body: pending.pop(0))


def paths(session: StubSession) -> list[str]:
    return [f"{s.method} {urlsplit(s.url).path}" for s in session.sent]


# --- Bybit -------------------------------------------------------------------------------------

BYBIT_ACK = (200, {"retCode": 0, "retMsg": "OK", "result": {"orderId": ORDER_ID, "orderLinkId": "link-1"}, "retExtInfo": {}, "time": 1})


def bybit_order(status: str, order_id: str = ORDER_ID, filled: str = "0") -> tuple[int, Any]:
    # open-order.mdx's response example, with the state the test needs.
    item = {
        "orderId": order_id, "orderLinkId": "link-1", "symbol": "ETHUSDT", "price": "1600.00", "qty": "0.10", "side": "Buy",
        "orderStatus": status, "cancelType": "CancelByUser" if status == "Cancelled" else "UNKNOWN", "avgPrice": "0",
        "leavesQty": "0.10", "cumExecQty": filled, "cumExecValue": "0", "cumExecFee": "0", "timeInForce": "GTC",
        "orderType": "Limit", "createdTime": "1684738540559", "updatedTime": "1684738540561",
    }  # fmt: skip
    return 200, {"retCode": 0, "retMsg": "OK", "result": {"list": [item], "nextPageCursor": "", "category": "linear"}, "retExtInfo": {}, "time": 1}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_with_confirm_is_canceled_once_the_exchange_reports_it(flavor: str) -> None:
    session = queue([BYBIT_ACK, bybit_order("New"), bybit_order("Cancelled")])
    result = run(flavor, session, "bybit", "cancel_order", ORDER_ID, "ETH/USDT:USDT", dict(FAST))
    assert result["status"] == "canceled" and result["id"] == ORDER_ID and result["symbol"] == "ETH/USDT:USDT"
    assert paths(session) == ["POST /v5/order/cancel", "GET /v5/order/realtime", "GET /v5/order/realtime"]
    query = parse_qs(urlsplit(session.sent[1].url).query)
    assert query == {"category": ["linear"], "symbol": ["ETHUSDT"], "orderId": [ORDER_ID]}
    assert "confirm" not in (session.sent[0].body or "")


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_with_confirm_is_closed_when_the_order_filled_first(flavor: str) -> None:
    session = queue([BYBIT_ACK, bybit_order("Filled", filled="0.10")])
    result = run(flavor, session, "bybit", "cancel_order", ORDER_ID, "ETH/USDT:USDT", dict(FAST))
    assert result["status"] == "closed" and result["filled"] == 0.1
    assert len(session.sent) == 2


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_without_confirm_sends_one_request_and_claims_nothing(flavor: str) -> None:
    session = queue([BYBIT_ACK])
    result = run(flavor, session, "bybit", "cancel_order", ORDER_ID, "ETH/USDT:USDT")
    assert result["status"] is None and len(session.sent) == 1


def test_confirm_stops_at_the_budget_and_returns_the_acknowledgement() -> None:
    session = queue([BYBIT_ACK, bybit_order("New"), bybit_order("New")])
    result = run("sync", session, "bybit", "cancel_order", ORDER_ID, "ETH/USDT:USDT", {**FAST, "resolveRequests": 2})
    assert result["status"] is None and result["id"] == ORDER_ID  # never "open": the cancel may yet take effect
    assert len(session.sent) == 3


def test_confirm_per_exchange_and_a_query_about_another_order_claims_nothing() -> None:
    session = queue([BYBIT_ACK, bybit_order("Cancelled", order_id="999")])
    config = {"options": {"ccxtCancel": {"confirm": True, "confirmInterval": 0}}}
    result = run("sync", session, "bybit", "cancel_order", ORDER_ID, "ETH/USDT:USDT", config=config)
    assert result["status"] is None and len(session.sent) == 2


def test_a_bybit_unknown_outcome_is_resolved_by_the_query() -> None:
    server_error = (200, {"retCode": 10016, "retMsg": "Internal server error.", "result": {}, "retExtInfo": {}, "time": 1})
    session = queue([server_error, bybit_order("Cancelled")])
    result = run("sync", session, "bybit", "cancel_order", "", "ETH/USDT:USDT", {"clientOrderId": "link-1"})
    assert result["status"] == "canceled"
    query = parse_qs(urlsplit(session.sent[1].url).query)
    assert query["orderLinkId"] == ["link-1"]


def test_an_order_still_open_is_cancelled_again_by_its_order_id() -> None:
    server_error = (200, {"retCode": 10016, "retMsg": "Internal server error.", "result": {}, "retExtInfo": {}, "time": 1})
    session = queue([server_error, bybit_order("New"), BYBIT_ACK])
    result = run("sync", session, "bybit", "cancel_order", "", "ETH/USDT:USDT", {"clientOrderId": "link-1"})
    assert result["status"] is None and result["id"] == ORDER_ID
    again = json.loads(session.sent[2].body)
    assert again["orderId"] == ORDER_ID and "orderLinkId" not in again


@pytest.mark.parametrize("value", [{"confirm": "yes"}, {"confirmInterval": -1}])
def test_bad_confirm_keys_are_refused_before_anything_is_sent(value: dict[str, Any]) -> None:
    session = queue([])
    with pytest.raises(ccxt.BadRequest, match=next(iter(value))):
        run("sync", session, "bybit", "cancel_order", ORDER_ID, "ETH/USDT:USDT", value)
    assert session.sent == []


def test_keys_on_a_call_no_plugin_claims_are_not_sent() -> None:
    # Bybit conditional cancels stay ccxt's; the keys are the core's and never reach the wire.
    def markets(exchange: Any) -> None:
        session.attach(exchange)
        exchange.set_markets([probe.market(exchange, id="ETHUSDT", symbol="ETH/USDT:USDT", base="ETH", quote="USDT", settle="USDT", type="swap", linear=True)])

    session = queue([BYBIT_ACK])
    config = {**CONFIG, "options": {"enableUnifiedAccount": True, "enableUnifiedMargin": False}}
    call("sync", "bybit", "cancel_order", ORDER_ID, "ETH/USDT:USDT", {"trigger": True, "confirm": True}, config=config, prepare=markets)
    (sent,) = session.sent
    assert "v5/order/cancel" in sent.url and "confirm" not in (sent.body or "") and "confirm" not in sent.url


# --- OKX ---------------------------------------------------------------------------------------

OKX_ID = "680800019749904384"


def okx_ack(ord_id: str = OKX_ID) -> tuple[int, Any]:
    return 200, {"code": "0", "msg": "", "data": [{"clOrdId": "", "ordId": ord_id, "sCode": "0", "sMsg": "", "ts": "1"}]}


def okx_order(state: str, ord_id: str = OKX_ID, inst_id: str = "BTC-USDT") -> dict[str, Any]:
    # The order-details page's response example, with the state the test needs.
    return {
        "accFillSz": "100" if state == "filled" else "0", "avgPx": "", "cTime": "1708587373361", "clOrdId": "", "instId": inst_id,
        "instType": "SPOT", "ordId": ord_id, "ordType": "limit", "px": "51858", "side": "buy", "state": state, "sz": "100",
        "tdMode": "cash", "uTime": "1708587373362",
    }  # fmt: skip


@pytest.mark.parametrize("flavor", FLAVORS)
def test_okx_with_confirm_queries_order_details(flavor: str) -> None:
    session = queue([okx_ack(), (200, {"code": "0", "msg": "", "data": [okx_order("canceled")]})])
    result = run(flavor, session, "okx", "cancel_order", OKX_ID, "BTC/USDT", dict(FAST))
    assert result["status"] == "canceled" and result["symbol"] == "BTC/USDT"
    assert paths(session) == ["POST /api/v5/trade/cancel-order", "GET /api/v5/trade/order"]
    assert parse_qs(urlsplit(session.sent[1].url).query) == {"instId": ["BTC-USDT"], "ordId": [OKX_ID]}
    assert not resolve.PARAM_KEYS & set(json.loads(session.sent[0].body))


def test_okx_confirm_of_a_filled_order_is_closed() -> None:
    session = queue([okx_ack(), (200, {"code": "0", "msg": "", "data": [okx_order("filled")]})])
    result = run("sync", session, "okx", "cancel_order", OKX_ID, "BTC/USDT", dict(FAST))
    assert result["status"] == "closed"


# OKX cancel-all with confirm: list, cancel, list again until the scope is empty.


def pending(*ord_ids: str) -> tuple[int, Any]:
    return 200, {"code": "0", "msg": "", "data": [okx_order("live", ord_id) for ord_id in ord_ids]}


def batch_ack(*ord_ids: str) -> tuple[int, Any]:
    return 200, {"code": "0", "msg": "", "data": [{"clOrdId": "", "ordId": i, "sCode": "0", "sMsg": "", "ts": "1"} for i in ord_ids]}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_okx_cancel_all_with_confirm_leaves_the_scope_empty(flavor: str) -> None:
    # The first listing misses order 3 (a short page mid-list ends nothing now, but a listing can still race a new order).
    session = queue([pending("1", "2"), pending(), batch_ack("1", "2"), pending("3"), pending(), batch_ack("3"), pending(), pending()])
    result = run(flavor, session, "okx", "cancel_all_orders", "BTC/USDT", dict(FAST))
    assert [order["id"] for order in result] == ["1", "2", "3"]
    assert all(order["status"] is None and batch.ERROR_KEY not in order for order in result)
    assert paths(session)[-1] == "GET /api/v5/trade/orders-pending"


def test_okx_cancel_all_names_each_order_still_open_with_its_error() -> None:
    rounds = [pending("1"), pending()] * 3
    session = queue([pending("1"), pending(), batch_ack("1"), *rounds])
    result = run("sync", session, "okx", "cancel_all_orders", "BTC/USDT", dict(FAST))
    (order,) = result
    assert order["id"] == "1" and order[batch.ERROR_KEY]["outcome"] == errors.UNKNOWN_OUTCOME
    assert "still lists" in order[batch.ERROR_KEY]["message"]


def test_okx_listing_goes_on_after_a_short_page() -> None:
    # A page shorter than the limit mid-list (the fault-injection finding) no longer ends the listing.
    session = queue([pending("5", "4"), pending("3"), pending(), batch_ack("5", "4", "3")])
    result = run("sync", session, "okx", "cancel_all_orders", "BTC/USDT")
    assert [order["id"] for order in result] == ["5", "4", "3"]
    assert parse_qs(urlsplit(session.sent[1].url).query)["after"] == ["4"]


# --- BitoPro margin: an unknown outcome (a 5XX) resolved by "Get A Margin Order Data" ---------------


def bitopro_order(status: int, order_id: str = "9296847601") -> tuple[int, Any]:
    # margin_get_an_order_data.md's response example, with the status the test needs (4: canceled, 2: filled).
    return 200, {
        "id": order_id, "pair": "btc_usdt", "price": "1", "avgExecutionPrice": "0", "action": "BUY", "type": "LIMIT",
        "timestamp": 1721376759721, "status": status, "originalAmount": "1", "remainingAmount": "0" if status == 2 else "1",
        "executedAmount": "1" if status == 2 else "0", "fee": "0", "feeSymbol": "btc", "bitoFee": "0", "total": "0",
        "seq": "BTCUSDT2851135526", "timeInForce": "GTC", "createdTimestamp": 1721376748298, "updatedTimestamp": 1721376759721,
    }  # fmt: skip


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bitopro_margin_5xx_that_took_effect_is_canceled_after_one_query(flavor: str) -> None:
    session = queue([(502, {"error": "Bad Gateway"}), bitopro_order(4)])
    result = run(flavor, session, "bitopro", "cancel_order", "9296847601", "BTC/USDT", {"margin": True})
    assert result["status"] == "canceled" and result["symbol"] == "BTC/USDT"
    assert paths(session) == ["DELETE /v3/margin/orders/btc_usdt/9296847601", "GET /v3/margin/orders/btc_usdt/9296847601"]


def test_bitopro_margin_order_that_filled_first_is_closed_and_another_order_resolves_nothing() -> None:
    session = queue([(500, {"error": "Internal Server Error"}), bitopro_order(2)])
    assert run("sync", session, "bitopro", "cancel_order", "9296847601", "BTC/USDT", {"margin": True})["status"] == "closed"
    session = queue([(500, {"error": "Internal Server Error"}), bitopro_order(4, order_id="1")])
    with pytest.raises(ccxt.ExchangeNotAvailable) as caught:
        run("sync", session, "bitopro", "cancel_order", "9296847601", "BTC/USDT", {"margin": True})
    assert errors.is_unknown_outcome(caught.value) and caught.value.last_known is None


# --- Bybit cancel-all with confirm: list the scope again, cancel-all again what is left ------------


def bybit_all(*order_ids: str) -> tuple[int, Any]:
    # cancel-all.mdx's answer: the acknowledged orders, "success": "1".
    listed = [{"orderId": i, "orderLinkId": ""} for i in order_ids]
    return 200, {"retCode": 0, "retMsg": "OK", "result": {"list": listed, "success": "1"}, "retExtInfo": {}, "time": 1}


def bybit_open(*order_ids: str, cursor: str = "") -> tuple[int, Any]:
    items = [bybit_order("New", i)[1]["result"]["list"][0] for i in order_ids]
    return 200, {"retCode": 0, "retMsg": "OK", "result": {"list": items, "nextPageCursor": cursor, "category": "linear"}, "retExtInfo": {}, "time": 1}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_cancel_all_with_confirm_cancels_what_the_first_answer_missed(flavor: str) -> None:
    session = queue([bybit_all("1", "2"), bybit_open("2", "3"), bybit_all("2", "3"), bybit_open()])
    result = run(flavor, session, "bybit", "cancel_all_orders", "ETH/USDT:USDT", dict(FAST))
    assert [order["id"] for order in result] == ["1", "2", "3"]
    assert all(order["status"] is None and batch.ERROR_KEY not in order for order in result)
    assert paths(session) == ["POST /v5/order/cancel-all", "GET /v5/order/realtime", "POST /v5/order/cancel-all", "GET /v5/order/realtime"]
    assert parse_qs(urlsplit(session.sent[1].url).query) == {"category": ["linear"], "symbol": ["ETHUSDT"], "limit": ["50"]}


def test_bybit_cancel_all_names_each_order_still_open_with_its_error() -> None:
    session = queue([bybit_all("1"), bybit_open("1", "9"), bybit_all("9"), bybit_open("1", "9"), bybit_open("1", "9", "8")])
    result = run("sync", session, "bybit", "cancel_all_orders", "ETH/USDT:USDT", dict(FAST))
    by_id = {order["id"]: order[batch.ERROR_KEY] for order in result}
    assert list(by_id) == ["1", "9", "8"]
    assert by_id["1"]["outcome"] == errors.UNKNOWN_OUTCOME and by_id["9"]["outcome"] == errors.UNKNOWN_OUTCOME
    assert by_id["8"]["class"] == "ExchangeError" and "outcome" not in by_id["8"] and "not canceled" in by_id["8"]["message"]
    assert len(session.sent) == 5  # three listings, one more cancel-all (none after the last listing): bounded


def test_bybit_cancel_all_listing_follows_the_cursor() -> None:
    session = queue([bybit_all("1", "2"), bybit_open("1", cursor="page-2"), bybit_open(), bybit_open()])
    result = run("sync", session, "bybit", "cancel_all_orders", "ETH/USDT:USDT", dict(FAST))
    assert [order["id"] for order in result] == ["1", "2"] and batch.ERROR_KEY not in result[1]
    assert parse_qs(urlsplit(session.sent[2].url).query)["cursor"] == ["page-2"]


def test_bybit_cancel_all_without_confirm_sends_one_request() -> None:
    session = queue([bybit_all("1")])
    result = run("sync", session, "bybit", "cancel_all_orders", "ETH/USDT:USDT")
    assert [order["status"] for order in result] == [None] and len(session.sent) == 1


# --- Binance futures cancel-all with confirm: the answer acknowledges the whole symbol --------------

FUTURES_ALL_ACK = (200, {"code": 200, "msg": "The operation of cancel all open order is done."})


def futures_open(*order_ids: int) -> tuple[int, Any]:
    return 200, [{"orderId": i, "symbol": "BTCUSDT", "status": "NEW", "clientOrderId": f"c{i}", "type": "LIMIT", "side": "BUY"} for i in order_ids]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_binance_futures_cancel_all_with_confirm_lists_again_and_cancels_what_is_left(flavor: str) -> None:
    session = queue([FUTURES_ALL_ACK, futures_open(5), FUTURES_ALL_ACK, futures_open()])
    result = run(flavor, session, "binanceusdm", "cancel_all_orders", "BTC/USDT:USDT", dict(FAST))
    assert len(result) == 1 and result[0]["info"]["code"] == 200  # ccxt's own shape for the acknowledgement
    assert paths(session) == ["DELETE /fapi/v1/allOpenOrders", "GET /fapi/v1/openOrders", "DELETE /fapi/v1/allOpenOrders", "GET /fapi/v1/openOrders"]


@pytest.mark.parametrize(
    ("exchange_id", "symbol", "prefix"), [("binanceusdm", "BTC/USDT:USDT", "/papi/v1/um/"), ("binancecoinm", "BTC/USD:BTC", "/papi/v1/cm/")]
)
def test_binance_portfolio_margin_cancel_all_with_confirm_lists_its_open_orders_again(exchange_id: str, symbol: str, prefix: str) -> None:
    # UM and CM answer {"code": 200} like USD-M: the papi listing of the symbol's open orders verifies it.
    market_id = "BTCUSDT" if exchange_id == "binanceusdm" else "BTCUSD_PERP"
    status, listed = futures_open(5)
    session = queue([FUTURES_ALL_ACK, (status, [{**order, "symbol": market_id} for order in listed]), FUTURES_ALL_ACK, futures_open()])
    result = run("sync", session, exchange_id, "cancel_all_orders", symbol, {**FAST, "portfolioMargin": True})
    assert len(result) == 1 and result[0]["info"]["code"] == 200
    expected = [f"DELETE {prefix}allOpenOrders", f"GET {prefix}openOrders", f"DELETE {prefix}allOpenOrders", f"GET {prefix}openOrders"]
    assert paths(session) == expected
    assert all(parse_qs(urlsplit(sent.url).query)["symbol"] == [market_id] for sent in session.sent)


def test_binance_futures_order_still_listed_is_named_as_an_unknown_outcome() -> None:
    session = queue([FUTURES_ALL_ACK, futures_open(7), FUTURES_ALL_ACK, futures_open(7), FUTURES_ALL_ACK, futures_open(7)])
    result = run("sync", session, "binanceusdm", "cancel_all_orders", "BTC/USDT:USDT", dict(FAST))
    (left,) = [order for order in result if order.get("id") is not None]
    assert left["id"] == "7" and left["clientOrderId"] == "c7"
    assert left[batch.ERROR_KEY]["outcome"] == errors.UNKNOWN_OUTCOME  # the cancel-all acknowledged its whole scope
    assert len(session.sent) == 6


@pytest.mark.parametrize("flavor", FLAVORS)
def test_binance_futures_cancel_all_whose_check_fails_is_an_unknown_outcome(flavor: str) -> None:
    # Acknowledged, then the listing fails: the error must not read as "the cancel-all failed".
    session = queue([FUTURES_ALL_ACK, (503, {"code": -1001, "msg": "Internal error; unable to process your request. Please try again."})])
    with pytest.raises(ccxt.BaseError) as caught:
        run(flavor, session, "binanceusdm", "cancel_all_orders", "BTC/USDT:USDT", dict(FAST))
    assert errors.is_unknown_outcome(caught.value) and "was acknowledged, but verifying it with openOrders failed" in str(caught.value)
    assert [order["info"]["code"] for order in caught.value.orders] == [200]  # type: ignore[attr-defined]  # the acknowledgement travels with it


def test_binance_futures_cancel_all_without_confirm_sends_one_request() -> None:
    session = queue([FUTURES_ALL_ACK])
    assert len(run("sync", session, "binancecoinm", "cancel_all_orders", "BTC/USD:BTC")) == 1 and len(session.sent) == 1
