"""Bitget classic v2: unknown outcomes resolved, acknowledgements confirmed (issue 20), on ccxt's own transport.

Spot ``GET /api/v2/spot/trade/orderInfo`` and futures ``GET
/api/v2/mix/order/detail`` (sources.SPOT_ORDER_INFO, MIX_ORDER_DETAIL), sync,
async and pro. A Bitget cancel answer only acknowledges (``status: None``);
with ``confirm`` the order is queried until terminal. A 5XX on a cancel is an
unknown outcome; a fresh instance asks the account mode first and keeps all
of this.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import ccxt
import pytest

from ccxt_cancel import batch, errors
from tests.builtins.bitget.test_plugin import CLASSIC, CONFIG
from tests.support.helpers import call
from tests.support.session import StubSession

FLAVORS = ("sync", "async", "pro")
FAST = {"confirm": True, "confirmInterval": 0}
UNAVAILABLE = (503, {"code": "40725", "msg": "service return an error"})
ACK = (200, {"code": "00000", "msg": "success", "requestTime": 1, "data": {"orderId": "111", "clientOid": "cid-1"}})
CLASSIC_MODE = (400, {"code": "40084", "msg": "You are in Classic Account mode"})


def spot(status: str, order_id: str = "111") -> tuple[int, Any]:
    # ccxt 4.5.90 bitget.fetch_order's quoted spot answer: data is a list.
    item = {"symbol": "BTCUSDT", "orderId": order_id, "clientOid": "cid-1", "size": "0.0002", "side": "buy", "status": status}
    return 200, {"code": "00000", "msg": "success", "requestTime": 1, "data": [item]}


def futures(state: str, order_id: str = "111") -> tuple[int, Any]:
    # ccxt 4.5.90 bitget.fetch_order's quoted swap answer: data is an object, "state".
    item = {"symbol": "BTCUSDT", "orderId": order_id, "clientOid": "cid-1", "size": "0.001", "side": "buy", "state": state}
    return 200, {"code": "00000", "msg": "success", "requestTime": 1, "data": item}


def queue(answers: list[tuple[int, Any]]) -> StubSession:
    pending = list(answers)
    return StubSession(lambda method, url, body: pending.pop(0))


def run(flavor: str, session: StubSession, method: str, *args: Any, config: dict[str, Any] | None = None) -> Any:
    return call(flavor, "bitget", method, *args, config=dict(config or CLASSIC), prepare=session.attach)


def paths(session: StubSession) -> list[str]:
    return [f"{s.method} {urlsplit(s.url).path}" for s in session.sent]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_503_that_took_effect_is_canceled_after_one_query(flavor: str) -> None:
    session = queue([UNAVAILABLE, spot("cancelled")])
    order = run(flavor, session, "cancel_order", "111", "BTC/USDT")
    assert order["status"] == "canceled" and order["id"] == "111" and order["symbol"] == "BTC/USDT"
    assert paths(session) == ["POST /api/v2/spot/trade/cancel-order", "GET /api/v2/spot/trade/orderInfo"]
    assert parse_qs(urlsplit(session.sent[1].url).query) == {"orderId": ["111"]}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_futures_still_open_is_cancelled_again_by_order_id_never_client_id(flavor: str) -> None:
    session = queue([UNAVAILABLE, futures("live"), ACK])
    order = run(flavor, session, "cancel_order", "", "BTC/USDT:USDT", {"clientOrderId": "cid-1"})
    assert order["id"] == "111" and order["status"] is None  # the second cancel is acknowledged, not confirmed
    assert paths(session) == ["POST /api/v2/mix/order/cancel-order", "GET /api/v2/mix/order/detail", "POST /api/v2/mix/order/cancel-order"]
    asked = parse_qs(urlsplit(session.sent[1].url).query)
    assert asked == {"symbol": ["BTCUSDT"], "productType": ["USDT-FUTURES"], "clientOid": ["cid-1"]}
    again = json.loads(session.sent[2].body)
    assert again["orderId"] == "111" and "clientOid" not in again


@pytest.mark.parametrize("flavor", FLAVORS)
def test_confirm_queries_an_acknowledgement_until_terminal(flavor: str) -> None:
    session = queue([ACK, futures("live"), futures("canceled")])
    order = run(flavor, session, "cancel_order", "111", "BTC/USDT:USDT", dict(FAST))
    assert order["status"] == "canceled" and len(session.sent) == 3


def test_confirm_of_an_order_that_filled_first_is_closed() -> None:
    session = queue([ACK, spot("filled")])
    assert run("sync", session, "cancel_order", "111", "BTC/USDT", dict(FAST))["status"] == "closed"


def test_a_query_about_another_order_claims_nothing() -> None:
    session = queue([ACK, spot("cancelled", order_id="999")])
    order = run("sync", session, "cancel_order", "111", "BTC/USDT", dict(FAST))
    assert order["status"] is None and len(session.sent) == 2


def test_the_budget_bounds_the_queries_and_resolution_can_be_turned_off() -> None:
    session = queue([UNAVAILABLE] * 3)
    with pytest.raises(ccxt.ExchangeNotAvailable) as raised:
        run("sync", session, "cancel_order", "111", "BTC/USDT", {"resolveRequests": 2})
    assert errors.is_unknown_outcome(raised.value) and len(session.sent) == 3
    session = queue([UNAVAILABLE])
    with pytest.raises(ccxt.ExchangeNotAvailable):
        run("sync", session, "cancel_order", "111", "BTC/USDT", {"resolveUnknown": False})
    assert len(session.sent) == 1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_fresh_instance_asks_the_mode_then_resolves(flavor: str) -> None:
    session = queue([CLASSIC_MODE, UNAVAILABLE, spot("cancelled")])
    order = run(flavor, session, "cancel_order", "111", "BTC/USDT", config=CONFIG)
    assert order["status"] == "canceled"
    assert paths(session) == ["GET /api/v3/account/settings", "POST /api/v2/spot/trade/cancel-order", "GET /api/v2/spot/trade/orderInfo"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_batch_with_confirm_queries_each_acknowledged_id(flavor: str) -> None:
    batch_ack = {"code": "00000", "data": {"successList": [{"orderId": "1", "clientOid": ""}, {"orderId": "2", "clientOid": ""}], "failureList": []}}
    session = queue([(200, batch_ack), futures("canceled", "1"), futures("filled", "2")])
    orders = run(flavor, session, "cancel_orders", ["1", "2"], "BTC/USDT:USDT", dict(FAST))
    assert [(o["id"], o["status"]) for o in orders] == [("1", "canceled"), ("2", "closed")]
    assert all(batch.ERROR_KEY not in o for o in orders)
    assert paths(session)[1:] == ["GET /api/v2/mix/order/detail"] * 2


def test_full_fill_reads_as_closed() -> None:
    session = queue([ACK, spot("full_fill")])
    assert run("sync", session, "cancel_order", "111", "BTC/USDT", dict(FAST))["status"] == "closed"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_futures_cancel_all_with_confirm_queries_each_acknowledged_order(flavor: str) -> None:
    # batch-cancel-orders by symbol answers successList items (acknowledgements); an item naming only a client id cannot
    # be asked about and stays as answered, never queried with the text "None".
    all_ack = {"code": "00000", "data": {"successList": [{"orderId": "1", "clientOid": ""}, {"orderId": "", "clientOid": "c-2"}], "failureList": []}}
    session = queue([(200, all_ack), futures("canceled", "1")])
    orders = run(flavor, session, "cancel_all_orders", "BTC/USDT:USDT", dict(FAST))
    assert [(o["id"], o["clientOrderId"], o["status"]) for o in orders] == [
        ("1", "cid-1", "canceled"),
        (None, "c-2", None),
    ]  # the query's order replaces the entry
    assert paths(session) == ["POST /api/v2/mix/order/batch-cancel-orders", "GET /api/v2/mix/order/detail"]
    query = parse_qs(urlsplit(session.sent[1].url).query)
    assert query["orderId"] == ["1"] and query["symbol"] == ["BTCUSDT"] and "None" not in session.sent[1].url


def test_futures_cancel_all_without_confirm_or_symbol_sends_one_request() -> None:
    all_ack = {"code": "00000", "data": {"successList": [{"orderId": "1", "clientOid": ""}], "failureList": []}}
    session = queue([(200, all_ack)])
    assert [o["status"] for o in run("sync", session, "cancel_all_orders", "BTC/USDT:USDT")] == [None]
    session = queue([(200, all_ack)])
    orders = run("sync", session, "cancel_all_orders", None, {"productType": "USDT-FUTURES", **FAST})
    assert [o["status"] for o in orders] == [None] and len(session.sent) == 1  # no symbol: no per-order query scope


# --- spot cancel-all with confirm: its answer names only the symbol; Get Current Orders verifies it ---------------

SPOT_ALL_ACK = (200, {"code": "00000", "msg": "success", "requestTime": 1, "data": {"symbol": "BTCUSDT"}})


def unfilled(*order_ids: str, symbol: str = "btcusdt") -> tuple[int, Any]:
    # Get-Unfilled-Orders' example answer: symbol in lower case, status "new".
    orders = [{"symbol": symbol, "orderId": i, "clientOid": f"c{i}", "size": "1", "side": "buy", "status": "new"} for i in order_ids]
    return 200, {"code": "00000", "msg": "success", "requestTime": 1, "data": orders}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_cancel_all_with_confirm_lists_again_and_cancels_what_is_left(flavor: str) -> None:
    session = queue([SPOT_ALL_ACK, unfilled("5"), unfilled(), SPOT_ALL_ACK, unfilled()])
    assert run(flavor, session, "cancel_all_orders", "BTC/USDT", dict(FAST)) == []
    listing, cancel_all = "GET /api/v2/spot/trade/unfilled-orders", "POST /api/v2/spot/trade/cancel-symbol-order"
    assert paths(session) == [cancel_all, listing, listing, cancel_all, listing]  # a page, then an empty page ends a listing
    first, second = (parse_qs(urlsplit(sent.url).query) for sent in session.sent[1:3])
    assert first == {"symbol": ["BTCUSDT"], "limit": ["100"]} and second == {"symbol": ["BTCUSDT"], "limit": ["100"], "idLessThan": ["5"]}


def test_spot_order_still_listed_is_named_as_an_unknown_outcome() -> None:
    session = queue([SPOT_ALL_ACK] + [unfilled("7"), unfilled(), SPOT_ALL_ACK] * 2 + [unfilled("7"), unfilled()])
    (left,) = run("sync", session, "cancel_all_orders", "BTC/USDT", dict(FAST))
    assert (left["id"], left["clientOrderId"], left["symbol"], left["status"]) == ("7", "c7", "BTC/USDT", None)
    assert left[batch.ERROR_KEY]["outcome"] == errors.UNKNOWN_OUTCOME  # the cancel-all acknowledged the symbol
    assert len(session.sent) == 9


def test_spot_cancel_all_without_confirm_sends_one_request_and_other_symbols_are_not_counted() -> None:
    session = queue([SPOT_ALL_ACK])
    assert run("sync", session, "cancel_all_orders", "BTC/USDT") == [] and len(session.sent) == 1
    session = queue([SPOT_ALL_ACK, unfilled("9", symbol="ethusdt"), unfilled()])
    assert run("sync", session, "cancel_all_orders", "BTC/USDT", dict(FAST)) == []
    assert len(session.sent) == 3  # the only listed order is another symbol's: nothing left to cancel


def test_a_spot_listing_that_is_not_a_list_of_orders_is_no_answer() -> None:
    session = queue([SPOT_ALL_ACK, (200, {"code": "00000", "data": {"orderId": "1"}})])
    with pytest.raises(ccxt.BadResponse, match="expected a list of orders") as caught:
        run("sync", session, "cancel_all_orders", "BTC/USDT", dict(FAST))
    # The cancel-all was acknowledged: a failed check says the outcome is unknown, never that the cancel-all failed.
    assert errors.is_unknown_outcome(caught.value) and "was acknowledged, but verifying it" in str(caught.value)
    assert caught.value.orders == []  # type: ignore[attr-defined]
