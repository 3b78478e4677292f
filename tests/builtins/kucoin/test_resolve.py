"""Issue 20 on KuCoin: unknown outcomes resolved, acknowledgements confirmed, batches resolved per id or by listing.

On ccxt's own transport (the HTTP session stubbed under ``fetch``), sync,
async and pro, through ``install()``. A cancel's 5XX is an unknown outcome;
the room's one-order query (futures ``GET /api/v1/orders/{orderId}`` or
``byClientOid``, HF spot ``GET /api/v1/hf/orders/{orderId}?symbol=``) says
what became of the order, read by ccxt's own parser.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import parse_qs, urlsplit

import ccxt
import pytest
import requests

from ccxt_cancel import batch, errors, probe
from tests.support.helpers import FAKE_CREDENTIALS, call
from tests.support.session import StubSession

FLAVORS = ("sync", "async", "pro")
CLASSIC = {**FAKE_CREDENTIALS, "enableRateLimit": False, "timeout_on_exit": 0, "options": {"uta": False}}
FRESH = {**FAKE_CREDENTIALS, "enableRateLimit": False, "timeout_on_exit": 0}
FAST = {"confirm": True, "confirmInterval": 0}
ORDER_ID = "5cdfc138b21023a909e5ad55"
SERVER_ERROR = (503, {"code": "503000", "msg": "Service Unavailable"})


def run(flavor: str, session: StubSession, method: str, *args: Any, exchange_id: str = "kucoinfutures", config: dict[str, Any] | None = None) -> Any:
    return call(flavor, exchange_id, method, *args, config=dict(config or CLASSIC), prepare=session.attach)


def queue(answers: list[tuple[int, Any]]) -> StubSession:
    pending = list(answers)
    return StubSession(lambda method, url, body: pending.pop(0))


def paths(session: StubSession) -> list[str]:
    return [f"{s.method} {urlsplit(s.url).path}" for s in session.sent]


def query(sent: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(sent.url).query)


def futures_order(order_id: str = ORDER_ID, active: bool = False, canceled: bool = True, filled: int = 0, client: str | None = None) -> dict[str, Any]:
    # Get Order By OrderId's fields (SDK spec openapi-futures-order.json), with the state the test needs.
    return {
        "id": order_id, "symbol": "XBTUSDTM", "type": "limit", "side": "buy", "price": "30000", "size": 2, "value": "60",
        "filledSize": filled, "filledValue": str(filled * 30), "avgDealPrice": "30000" if filled else None, "timeInForce": "GTC",
        "postOnly": False, "reduceOnly": False, "isActive": active, "cancelExist": canceled, "clientOid": client,
        "createdAt": 1682996482000, "updatedAt": 1682996483000, "settleCurrency": "USDT", "status": "open" if active else "done",
    }  # fmt: skip


def futures_answer(order_id: str = ORDER_ID, **state: Any) -> tuple[int, Any]:
    return 200, {"code": "200000", "data": futures_order(order_id, **state)}


def hf_order(order_id: str = ORDER_ID, active: bool = False, canceled: bool = True) -> dict[str, Any]:
    # Get Order By OrderId (HF) fields (SDK spec openapi-spot-order.json), with the state the test needs.
    return {
        "id": order_id, "symbol": "BTC-USDT", "opType": "DEAL", "type": "limit", "side": "buy", "price": "50", "size": "0.1",
        "funds": "5", "dealSize": "0", "dealFunds": "0", "fee": "0", "feeCurrency": "USDT", "stp": None, "timeInForce": "GTC",
        "postOnly": False, "hidden": False, "iceberg": False, "clientOid": "c-1", "cancelExist": canceled, "createdAt": 1685638932074,
        "lastUpdatedAt": 1685639013735, "tradeType": "TRADE", "inOrderBook": active, "active": active,
    }  # fmt: skip


def futures_ack(order_id: str = ORDER_ID) -> tuple[int, Any]:
    return 200, {"code": "200000", "data": {"cancelledOrderIds": [order_id]}}


# --- single cancels: an unknown outcome -----------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_5xx_that_took_effect_is_canceled_after_one_query(flavor: str) -> None:
    session = queue([SERVER_ERROR, futures_answer()])
    result = run(flavor, session, "cancel_order", ORDER_ID, "BTC/USDT:USDT")
    assert result["status"] == "canceled" and result["id"] == ORDER_ID and result["symbol"] == "BTC/USDT:USDT"
    assert paths(session) == [f"DELETE /api/v1/orders/{ORDER_ID}", f"GET /api/v1/orders/{ORDER_ID}"]
    assert query(session.sent[1]) == {}  # the id is in the path; nothing else is sent


@pytest.mark.parametrize("flavor", FLAVORS)
def test_an_order_still_open_is_cancelled_again_by_its_order_id_only(flavor: str) -> None:
    session = queue([SERVER_ERROR, futures_answer(active=True, canceled=False, client="c-1"), futures_ack()])
    result = run(flavor, session, "cancel_order", None, "BTC/USDT:USDT", {"clientOrderId": "c-1"})
    assert result["id"] == ORDER_ID and result["status"] is None  # the second cancel is acknowledged, not confirmed
    assert paths(session) == ["DELETE /api/v1/orders/client-order/c-1", "GET /api/v1/orders/byClientOid", f"DELETE /api/v1/orders/{ORDER_ID}"]
    assert query(session.sent[1]) == {"clientOid": ["c-1"]}
    again = session.sent[2]
    assert "c-1" not in again.url and "clientOid" not in again.url and not again.body  # never by the client id


@pytest.mark.parametrize("flavor", FLAVORS)
def test_an_order_that_filled_first_is_closed(flavor: str) -> None:
    session = queue([SERVER_ERROR, futures_answer(canceled=False, filled=2)])
    result = run(flavor, session, "cancel_order", ORDER_ID, "BTC/USDT:USDT")
    assert result["status"] == "closed" and result["filled"] == 2 and len(session.sent) == 2


def test_a_query_about_another_order_claims_nothing() -> None:
    session = queue([SERVER_ERROR, futures_answer(order_id="another")])
    with pytest.raises(ccxt.ExchangeNotAvailable) as caught:
        run("sync", session, "cancel_order", ORDER_ID, "BTC/USDT:USDT")
    assert errors.is_unknown_outcome(caught.value) and caught.value.last_known is None
    assert len(session.sent) == 2  # an answer about another order ends the resolution


def test_the_budget_bounds_the_requests() -> None:
    session = queue([SERVER_ERROR, futures_answer(active=True, canceled=False)])
    with pytest.raises(ccxt.ExchangeNotAvailable) as caught:
        run("sync", session, "cancel_order", ORDER_ID, "BTC/USDT:USDT", {"resolveRequests": 1})
    assert len(session.sent) == 2  # one extra request: the query; no second cancel
    assert caught.value.last_known["status"] == "open"


def test_resolve_unknown_off_sends_nothing_more() -> None:
    session = queue([SERVER_ERROR])
    with pytest.raises(ccxt.ExchangeNotAvailable) as caught:
        run("sync", session, "cancel_order", ORDER_ID, "BTC/USDT:USDT", {"resolveUnknown": False})
    assert errors.is_unknown_outcome(caught.value) and len(session.sent) == 1
    assert "resolveUnknown" not in session.sent[0].url


def test_a_5xx_to_the_query_is_no_answer_and_the_query_is_asked_again() -> None:
    session = queue([SERVER_ERROR, SERVER_ERROR, futures_answer()])
    assert run("sync", session, "cancel_order", ORDER_ID, "BTC/USDT:USDT")["status"] == "canceled"
    assert paths(session)[1:] == [f"GET /api/v1/orders/{ORDER_ID}"] * 2


@pytest.mark.parametrize("flavor", FLAVORS)
def test_hf_spot_resolution_queries_with_the_symbol(flavor: str) -> None:
    session = queue([SERVER_ERROR, (200, {"code": "200000", "data": hf_order()})])
    result = run(flavor, session, "cancel_order", ORDER_ID, "BTC/USDT", {"hf": True}, exchange_id="kucoin")
    assert result["status"] == "canceled" and result["symbol"] == "BTC/USDT"
    assert paths(session)[1] == f"GET /api/v1/hf/orders/{ORDER_ID}" and query(session.sent[1]) == {"symbol": ["BTC-USDT"]}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_timeout_after_the_cancel_left_is_resolved(flavor: str) -> None:
    sent: list[str] = []

    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        sent.append(method)
        if method == "DELETE":
            if flavor == "sync":
                raise requests.exceptions.Timeout("read timed out")
            raise asyncio.TimeoutError()
        return futures_answer()

    result = run(flavor, StubSession(answer), "cancel_order", ORDER_ID, "BTC/USDT:USDT")
    assert result["status"] == "canceled" and sent == ["DELETE", "GET"]


def test_a_classic_spot_query_by_client_id_that_says_not_exist_leaves_the_outcome_unknown() -> None:
    # The classic client-id query sees active orders only: "not exist" says nothing about the cancel.
    session = queue([SERVER_ERROR, (404, {"code": "400100", "msg": "order_not_exist"})])
    with pytest.raises(ccxt.ExchangeNotAvailable) as caught:
        run("sync", session, "cancel_order", None, "BTC/USDT", {"clientOrderId": "c-1"}, exchange_id="kucoin")
    assert errors.is_unknown_outcome(caught.value) and caught.value.last_known is None
    assert paths(session) == ["DELETE /api/v1/order/client-order/c-1", "GET /api/v1/order/client-order/c-1"]


def test_with_loaded_markets_the_query_is_parsed_with_the_market() -> None:
    def prepare(exchange: Any) -> None:
        session.attach(exchange)
        swap = probe.market(
            exchange, id="XBTUSDTM", symbol="BTC/USDT:USDT", base="BTC", quote="USDT", settle="USDT", type="swap", swap=True,
            contract=True, linear=True, contractSize=0.001,
        )  # fmt: skip
        exchange.set_markets([swap])

    session = queue([SERVER_ERROR, futures_answer(canceled=False, filled=2)])
    result = call("sync", "kucoinfutures", "cancel_order", ORDER_ID, "BTC/USDT:USDT", config=dict(CLASSIC), prepare=prepare)
    assert result["status"] == "closed" and result["symbol"] == "BTC/USDT:USDT" and result["filled"] == 2 and result["amount"] == 2


# --- the account-mode question wraps the plan ----------------------------------------------------------

MODE_CLASSIC = (200, {"code": "200000", "data": {"selfAccountMode": "CLASSIC"}})


@pytest.mark.parametrize("flavor", FLAVORS)
def test_resolution_survives_the_account_mode_question(flavor: str) -> None:
    session = queue([MODE_CLASSIC, SERVER_ERROR, futures_answer()])
    result = run(flavor, session, "cancel_order", ORDER_ID, "BTC/USDT:USDT", config=FRESH)
    assert result["status"] == "canceled"
    assert paths(session) == ["GET /api/ua/v1/account/mode", f"DELETE /api/v1/orders/{ORDER_ID}", f"GET /api/v1/orders/{ORDER_ID}"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_failed_account_mode_question_is_never_resolved(flavor: str) -> None:
    # A timeout is an unknown outcome by its class, but no cancel was sent: nothing is queried or cancelled again.
    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        if flavor == "sync":
            raise requests.exceptions.Timeout("read timed out")
        raise asyncio.TimeoutError()

    session = StubSession(answer)
    with pytest.raises(ccxt.RequestTimeout) as one:
        run(flavor, session, "cancel_order", ORDER_ID, "BTC/USDT:USDT", config=FRESH)
    assert paths(session) == ["GET /api/ua/v1/account/mode"]
    assert not errors.is_unknown_outcome(one.value)  # the cancel never left: its error says "not sent"
    session = StubSession(answer)
    with pytest.raises(ccxt.RequestTimeout) as many:
        run(flavor, session, "cancel_orders", [ORDER_ID, "2"], "BTC/USDT:USDT", config=FRESH)
    assert paths(session) == ["GET /api/ua/v1/account/mode"]
    assert not errors.is_unknown_outcome(many.value)
    assert [entry["error"]["outcome"] for entry in many.value.orders] == ["not sent", "not sent"]


# --- confirm: the cancel answers only acknowledge ------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_confirm_queries_until_the_exchange_reports_canceled(flavor: str) -> None:
    session = queue([futures_ack(), futures_answer(active=True, canceled=False), futures_answer()])
    result = run(flavor, session, "cancel_order", ORDER_ID, "BTC/USDT:USDT", dict(FAST))
    assert result["status"] == "canceled"
    assert paths(session) == [f"DELETE /api/v1/orders/{ORDER_ID}"] + [f"GET /api/v1/orders/{ORDER_ID}"] * 2
    assert "confirm" not in session.sent[0].url


def test_without_confirm_the_acknowledgement_is_returned_as_it_came() -> None:
    session = queue([futures_ack()])
    result = run("sync", session, "cancel_order", ORDER_ID, "BTC/USDT:USDT")
    assert result["status"] is None and len(session.sent) == 1


def test_confirm_of_a_filled_order_is_closed_and_an_open_one_stays_acknowledged() -> None:
    session = queue([futures_ack(), futures_answer(canceled=False, filled=2)])
    assert run("sync", session, "cancel_order", ORDER_ID, "BTC/USDT:USDT", dict(FAST))["status"] == "closed"
    session = queue([futures_ack(), futures_answer(active=True, canceled=False), futures_answer(active=True, canceled=False)])
    result = run("sync", session, "cancel_order", ORDER_ID, "BTC/USDT:USDT", {**FAST, "resolveRequests": 2})
    assert result["status"] is None and len(session.sent) == 3  # never "open": the cancel may yet take effect


# --- batches -----------------------------------------------------------------------------------------


def multi(*order_ids: str) -> tuple[int, Any]:
    return 200, {"code": "200000", "data": [{"orderId": i, "clientOid": None, "code": "200", "msg": "success"} for i in order_ids]}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_futures_batch_unknown_entries_are_resolved_by_two_listings(flavor: str) -> None:
    # The answer names only id 1: ids 2 and 3 are unknown. Two listings (weight 7) cost less than two queries (10).
    done = (200, {"code": "200000", "data": [futures_order("2"), futures_order("other")]})
    active = (200, {"code": "200000", "data": {"currentPage": 1, "pageSize": 1000, "totalNum": 1, "totalPage": 1, "items": [futures_order("3", True, False)]}})
    session = queue([multi("1"), done, active, futures_ack("3")])
    result = run(flavor, session, "cancel_orders", ["1", "2", "3"], "BTC/USDT:USDT")
    assert [(order["id"], order["status"]) for order in result] == [("1", None), ("2", "canceled"), ("3", None)]
    assert all(batch.ERROR_KEY not in order for order in result)
    assert paths(session) == ["DELETE /api/v1/orders/multi-cancel", "GET /api/v1/recentDoneOrders", "GET /api/v1/orders", "DELETE /api/v1/orders/3"]
    assert query(session.sent[2]) == {"symbol": ["XBTUSDTM"], "status": ["active"], "pageSize": ["1000"]}


def test_a_batch_id_no_listing_names_is_queried_by_itself() -> None:
    empty_done = (200, {"code": "200000", "data": []})
    empty_active = (200, {"code": "200000", "data": {"items": []}})
    session = queue([multi("1"), empty_done, empty_active, futures_answer("2"), futures_answer("3", canceled=False, filled=2)])
    result = run("sync", session, "cancel_orders", ["1", "2", "3"], "BTC/USDT:USDT")
    assert [order["status"] for order in result] == [None, "canceled", "closed"]
    assert paths(session)[3:] == ["GET /api/v1/orders/2", "GET /api/v1/orders/3"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_hf_spot_batch_resolves_per_id_when_listing_costs_as_much(flavor: str) -> None:
    # Two unknown ids: two HF listings (weight 4) cost no less than two queries (4), so each id is queried.
    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        order_id = urlsplit(url).path.rsplit("/", 1)[-1]
        if method == "DELETE":
            return SERVER_ERROR
        return 200, {"code": "200000", "data": hf_order(order_id)}

    session = StubSession(answer)
    result = run(flavor, session, "cancel_orders", ["1", "2"], "BTC/USDT", {"hf": True}, exchange_id="kucoin")
    assert [(order["id"], order["status"]) for order in result] == [("1", "canceled"), ("2", "canceled")]
    assert paths(session) == ["DELETE /api/v1/hf/orders/1", "DELETE /api/v1/hf/orders/2", "GET /api/v1/hf/orders/1", "GET /api/v1/hf/orders/2"]


def test_batch_with_confirm_queries_acknowledged_entries() -> None:
    session = queue([multi("1"), futures_answer("1")])
    result = run("sync", session, "cancel_orders", ["1"], "BTC/USDT:USDT", dict(FAST))
    assert result[0]["status"] == "canceled" and paths(session)[1] == "GET /api/v1/orders/1"


def test_batch_unknown_entry_the_budget_cannot_settle_keeps_its_error() -> None:
    session = queue([multi("1"), futures_answer("2", active=True, canceled=False)])
    result = run("sync", session, "cancel_orders", ["1", "2"], "BTC/USDT:USDT", {"resolveRequests": 1})
    error = result[1][batch.ERROR_KEY]
    assert error["outcome"] == errors.UNKNOWN_OUTCOME and error["lastKnown"]["status"] == "open"
    assert len(session.sent) == 2


# --- futures cancel-all with confirm: list the symbol's open orders again ---------------------------------


def cancel_all(*order_ids: str) -> tuple[int, Any]:
    return 200, {"code": "200000", "data": {"cancelledOrderIds": list(order_ids)}}


def open_listing(*order_ids: str, total_page: int = 1) -> tuple[int, Any]:
    items = [futures_order(i, active=True, canceled=False) for i in order_ids]
    return 200, {"code": "200000", "data": {"currentPage": 1, "pageSize": 1000, "totalNum": len(items), "totalPage": total_page, "items": items}}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_with_confirm_cancels_what_the_first_answer_missed(flavor: str) -> None:
    session = queue([cancel_all("1", "2"), open_listing("3"), cancel_all("3"), open_listing()])
    result = run(flavor, session, "cancel_all_orders", "BTC/USDT:USDT", dict(FAST))
    assert [order["id"] for order in result] == ["1", "2", "3"]
    assert all(order["status"] is None and batch.ERROR_KEY not in order for order in result)
    assert paths(session) == ["DELETE /api/v3/orders", "GET /api/v1/orders", "DELETE /api/v3/orders", "GET /api/v1/orders"]
    assert query(session.sent[1]) == {"status": ["active"], "symbol": ["XBTUSDTM"], "pageSize": ["1000"], "currentPage": ["1"]}


def test_cancel_all_names_each_order_still_open_with_its_error() -> None:
    # Order 1 was acknowledged but stays listed; order 9 appears after the last cancel-all and is never acknowledged.
    session = queue([cancel_all("1"), open_listing("1"), open_listing("1"), open_listing("1", "9")])
    result = run("sync", session, "cancel_all_orders", "BTC/USDT:USDT", dict(FAST))
    assert [order["id"] for order in result] == ["1", "9"]
    assert result[0][batch.ERROR_KEY]["outcome"] == errors.UNKNOWN_OUTCOME
    assert result[1][batch.ERROR_KEY]["class"] == "ExchangeError" and "not canceled" in result[1][batch.ERROR_KEY]["message"]
    assert paths(session).count("DELETE /api/v3/orders") == 1  # nothing new was listed before the last listing


def test_cancel_all_listing_reads_every_page() -> None:
    page_two = (200, {"code": "200000", "data": {"currentPage": 2, "pageSize": 1000, "totalNum": 2, "totalPage": 2, "items": []}})
    session = queue([cancel_all("1"), open_listing("1", total_page=2), page_two, open_listing()])
    result = run("sync", session, "cancel_all_orders", "BTC/USDT:USDT", dict(FAST))
    assert [order["id"] for order in result] == ["1"] and batch.ERROR_KEY not in result[0]
    assert query(session.sent[2])["currentPage"] == ["2"]


def test_cancel_all_without_confirm_sends_the_cancel_alone() -> None:
    session = queue([cancel_all("1")])
    assert [order["id"] for order in run("sync", session, "cancel_all_orders", "BTC/USDT:USDT")] == ["1"]
    assert len(session.sent) == 1
