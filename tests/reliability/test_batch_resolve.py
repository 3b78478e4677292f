"""Issue 20, batches: unknown entries resolved and (with confirm) acknowledged ones confirmed, per id or in bulk.

On ccxt's own transport (the HTTP session stubbed under ``fetch``), sync,
async and pro, through ``install()``. The core (``resolve.batch_steps``)
asks per id with the room's one-order query, or with a listing when the room
offers one that costs less at the documented limits (OKX: orders-pending
plus orders-history, for SWAP, FUTURES and OPTION instruments).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import ccxt
import pytest

from ccxt_cancel import batch, errors
from tests.reliability.test_confirm import FAST, FLAVORS, bybit_order, okx_order, paths, queue, run
from tests.reliability.test_resolve import UNKNOWN_503, order

BYBIT_SERVER_ERROR = (200, {"retCode": 10016, "retMsg": "Internal server error.", "result": {}, "retExtInfo": {}, "time": 1})


def bybit_batch_ack(*order_ids: str) -> tuple[int, Any]:
    # cancel-batch.mdx's answer shape: result.list and retExtInfo.list, one item per order.
    listed = [{"category": "linear", "symbol": "ETHUSDT", "orderId": i, "orderLinkId": ""} for i in order_ids]
    codes = [{"code": 0, "msg": "OK"} for _ in order_ids]
    return 200, {"retCode": 0, "retMsg": "OK", "result": {"list": listed}, "retExtInfo": {"list": codes}, "time": 1}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_batch_with_confirm_queries_each_id_until_terminal(flavor: str) -> None:
    session = queue(
        [
            bybit_batch_ack("1", "2", "3"),
            bybit_order("Cancelled", "1"),
            bybit_order("Filled", "2", "0.10"),
            bybit_order("New", "3"),
            bybit_order("Cancelled", "3"),
        ]
    )
    result = run(flavor, session, "bybit", "cancel_orders", ["1", "2", "3"], "ETH/USDT:USDT", dict(FAST))
    assert [(order["id"], order["status"]) for order in result] == [("1", "canceled"), ("2", "closed"), ("3", "canceled")]
    assert paths(session) == ["POST /v5/order/cancel-batch"] + ["GET /v5/order/realtime"] * 4
    assert [parse_qs(urlsplit(sent.url).query)["orderId"] for sent in session.sent[1:]] == [["1"], ["2"], ["3"], ["3"]]


def test_bybit_batch_without_confirm_sends_the_batch_alone() -> None:
    session = queue([bybit_batch_ack("1", "2")])
    result = run("sync", session, "bybit", "cancel_orders", ["1", "2"], "ETH/USDT:USDT")
    assert [order["status"] for order in result] == [None, None] and len(session.sent) == 1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_batch_of_unknown_outcome_is_resolved_and_an_open_order_cancelled_again_by_id(flavor: str) -> None:
    single_ack = (200, {"retCode": 0, "retMsg": "OK", "result": {"orderId": "2", "orderLinkId": ""}, "retExtInfo": {}, "time": 1})
    session = queue([BYBIT_SERVER_ERROR, bybit_order("Cancelled", "1"), bybit_order("New", "2"), single_ack])
    result = run(flavor, session, "bybit", "cancel_orders", ["1", "2"], "ETH/USDT:USDT")
    assert [(order["id"], order["status"]) for order in result] == [("1", "canceled"), ("2", None)]
    assert all(batch.ERROR_KEY not in order for order in result)
    assert paths(session)[-1] == "POST /v5/order/cancel"
    assert json.loads(session.sent[-1].body) == {"category": "linear", "symbol": "ETHUSDT", "orderId": "2"}


def test_bybit_batch_still_unknown_raises_with_every_entry_and_stays_in_budget() -> None:
    session = queue([BYBIT_SERVER_ERROR] + [(503, "Service Unavailable")] * 4)
    with pytest.raises(ccxt.ExchangeNotAvailable) as raised:
        run("sync", session, "bybit", "cancel_orders", ["1", "2"], "ETH/USDT:USDT", {"resolveRequests": 2, "confirmInterval": 0})
    assert errors.is_unknown_outcome(raised.value)
    entries = getattr(raised.value, batch.ORDERS_ATTRIBUTE)
    assert [entry["id"] for entry in entries] == ["1", "2"]
    assert all(entry[batch.ERROR_KEY]["outcome"] == errors.UNKNOWN_OUTCOME for entry in entries)
    assert len(session.sent) == 1 + 2 * 2  # the batch, then two queries per id: the budget


def test_bybit_batch_resolution_off_sends_nothing_more() -> None:
    session = queue([BYBIT_SERVER_ERROR])
    with pytest.raises(ccxt.ExchangeNotAvailable):
        run("sync", session, "bybit", "cancel_orders", ["1", "2"], "ETH/USDT:USDT", {"resolveUnknown": False})
    assert len(session.sent) == 1


def test_bybit_batch_query_about_another_order_claims_nothing() -> None:
    session = queue([bybit_batch_ack("1"), bybit_order("Cancelled", "999")])
    (order,) = run("sync", session, "bybit", "cancel_orders", ["1"], "ETH/USDT:USDT", dict(FAST))
    assert order["id"] == "1" and order["status"] is None and len(session.sent) == 2


# --- OKX: a listing when it costs less ----------------------------------------------------------

SWAP = "BTC-USDT-SWAP"


def okx_batch_ack(*ord_ids: str) -> tuple[int, Any]:
    return 200, {"code": "0", "msg": "", "data": [{"clOrdId": "", "ordId": i, "sCode": "0", "sMsg": "", "ts": "1"} for i in ord_ids]}


def okx_list(*orders: dict[str, Any]) -> tuple[int, Any]:
    return 200, {"code": "0", "msg": "", "data": list(orders)}


def swap(state: str, ord_id: str) -> dict[str, Any]:
    return {**okx_order(state, ord_id, SWAP), "instType": "SWAP"}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_okx_swap_batch_with_confirm_lists_pending_and_history_then_asks_what_they_missed(flavor: str) -> None:
    session = queue(
        [
            okx_batch_ack("1", "2", "3", "4"),
            okx_list(swap("live", "4"), swap("live", "77")),  # orders-pending: 4 not yet canceled
            okx_list(swap("canceled", "1"), swap("filled", "2")),  # orders-history
            okx_list(swap("canceled", "3")),  # order details for 3, which neither page named
            okx_list(swap("canceled", "4")),  # round 2: only 4 is left, one query costs less than two listings
        ]
    )
    result = run(flavor, session, "okx", "cancel_orders", ["1", "2", "3", "4"], "BTC/USDT:USDT", dict(FAST))
    assert [(order["id"], order["status"]) for order in result] == [("1", "canceled"), ("2", "closed"), ("3", "canceled"), ("4", "canceled")]
    assert paths(session) == [
        "POST /api/v5/trade/cancel-batch-orders",
        "GET /api/v5/trade/orders-pending",
        "GET /api/v5/trade/orders-history",
        "GET /api/v5/trade/order",
        "GET /api/v5/trade/order",
    ]
    assert parse_qs(urlsplit(session.sent[2].url).query) == {"instType": ["SWAP"], "instId": [SWAP], "limit": ["100"]}


def test_okx_spot_batch_is_asked_per_id() -> None:
    # A BTC-USDT order may be SPOT or MARGIN, and orders-history lists one instType: no listing.
    session = queue(
        [okx_batch_ack("1", "2", "3"), okx_list(okx_order("canceled", "1")), okx_list(okx_order("canceled", "2")), okx_list(okx_order("canceled", "3"))]
    )
    result = run("sync", session, "okx", "cancel_orders", ["1", "2", "3"], "BTC/USDT", dict(FAST))
    assert [order["status"] for order in result] == ["canceled"] * 3
    assert paths(session)[1:] == ["GET /api/v5/trade/order"] * 3


def test_okx_two_ids_are_asked_per_id_a_listing_would_cost_more() -> None:
    session = queue([okx_batch_ack("1", "2"), okx_list(swap("canceled", "1")), okx_list(swap("canceled", "2"))])
    result = run("sync", session, "okx", "cancel_orders", ["1", "2"], "BTC/USDT:USDT", dict(FAST))
    assert [order["status"] for order in result] == ["canceled", "canceled"]
    assert paths(session)[1:] == ["GET /api/v5/trade/order"] * 2


# --- Binance: Query Order per id, or one All Orders page for a futures batch ---------------------


def binance_order(status: str, order_id: str, market_id: str = "BTCUSDT") -> dict[str, Any]:
    return order(status, market_id, order_id)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_binance_spot_batch_resolves_an_unknown_id_with_its_query(flavor: str) -> None:
    # Spot has no batch endpoint: one cancel per id; id 2's 503 took effect.
    session = queue([(200, {**order("CANCELED", "LTCBTC", "1"), "origClientOrderId": "c1"}), UNKNOWN_503, (200, order("CANCELED", "LTCBTC", "2"))])
    result = run(flavor, session, "binance", "cancel_orders", ["1", "2"], "LTC/BTC")
    assert [(o["id"], o["status"]) for o in result] == [("1", "canceled"), ("2", "canceled")]
    assert [s.method for s in session.sent] == ["DELETE", "DELETE", "GET"]
    assert parse_qs(urlsplit(session.sent[2].url).query)["orderId"] == ["2"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_binance_usdm_batch_of_unknown_outcome_reads_one_all_orders_page(flavor: str) -> None:
    ids = [str(1000 + n) for n in range(7)]
    page = [binance_order("CANCELED", i) for i in ids[:5]] + [binance_order("FILLED", ids[5]), binance_order("NEW", ids[6]), binance_order("CANCELED", "999")]
    again = {**binance_order("CANCELED", ids[6]), "origClientOrderId": "c1"}
    session = queue([UNKNOWN_503, (200, page), (200, again)])
    result = run(flavor, session, "binanceusdm", "cancel_orders", ids, "BTC/USDT:USDT")
    assert [o["id"] for o in result] == ids
    assert [o["status"] for o in result] == ["canceled"] * 5 + ["closed", "canceled"]
    assert [f"{s.method} {urlsplit(s.url).path}" for s in session.sent] == ["DELETE /fapi/v1/batchOrders", "GET /fapi/v1/allOrders", "DELETE /fapi/v1/order"]
    listed = parse_qs(urlsplit(session.sent[1].url).query)
    assert (listed["symbol"], listed["orderId"], listed["limit"]) == (["BTCUSDT"], ["1000"], ["1000"])  # orders >= the lowest id
    assert parse_qs(urlsplit(session.sent[2].url).query)["orderId"] == [ids[6]]


def test_binance_usdm_three_unknown_ids_are_queried_one_by_one() -> None:
    ids = ["1", "2", "3"]
    session = queue([UNKNOWN_503, *[(200, binance_order("CANCELED", i)) for i in ids]])
    result = run("sync", session, "binanceusdm", "cancel_orders", ids, "BTC/USDT:USDT")
    assert [o["status"] for o in result] == ["canceled"] * 3
    assert [urlsplit(s.url).path for s in session.sent[1:]] == ["/fapi/v1/order"] * 3


def test_binance_usdm_an_order_the_page_misses_is_queried_by_itself() -> None:
    ids = [str(1000 + n) for n in range(7)]
    page = [binance_order("CANCELED", i) for i in ids[1:]]  # 1000 is not on the page (older than 3 days, say)
    session = queue([UNKNOWN_503, (200, page), (200, binance_order("CANCELED", ids[0]))])
    result = run("sync", session, "binanceusdm", "cancel_orders", ids, "BTC/USDT:USDT")
    assert [o["status"] for o in result] == ["canceled"] * 7
    assert urlsplit(session.sent[2].url).path == "/fapi/v1/order" and parse_qs(urlsplit(session.sent[2].url).query)["orderId"] == ["1000"]
