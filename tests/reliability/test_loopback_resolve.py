"""Issue 20 end to end: the Bybit and OKX loopback exchanges hold order state, and a bot sees the truth.

Real ccxt (requests for sync, aiohttp for async and pro) against the loopback
exchange, which verifies each exchange's signature and answers from a
:class:`Book`: cancels acknowledged at once and taking effect late, a fill
that races the cancel, a cancel that took effect and answered a server error,
a listing that misses an order. The requests the server saw prove the
budget, and that a second cancel never goes by a client id alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import ccxt
import pytest

from ccxt_cancel import batch, errors
from tests.support.loopback import LoopbackExchange, installed, settle
from tests.support.loopback import bybit as bybit_venue
from tests.support.loopback import okx as okx_venue

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else
FLAVORS = ("sync", "async", "pro")
FAST = {"confirm": True, "confirmInterval": 0}
PASSWORD = {"password": okx_venue.PASSPHRASE}


@pytest.fixture
def venue(loopback: LoopbackExchange) -> Iterator[LoopbackExchange]:
    """The module's loopback exchange with fresh Bybit and OKX books (dropped afterwards: stateless again)."""
    for books in (bybit_venue.BOOKS, okx_venue.BOOKS):
        books.pop(loopback, None)
    yield loopback
    for books in (bybit_venue.BOOKS, okx_venue.BOOKS):
        books.pop(loopback, None)


def call(venue: LoopbackExchange, flavor: str, exchange_id: str, method: str, *args: Any) -> Any:
    async def body() -> Any:
        async with installed(venue, flavor, exchange_id, **(PASSWORD if exchange_id == "okx" else {})) as exchange:
            if not exchange.synchronous:
                exchange.timeout_on_exit = 0
            return await settle(getattr(exchange, method)(*args))

    return asyncio.run(body())


def seen(venue: LoopbackExchange) -> list[str]:
    return [f"{s.method} {s.path}" for s in venue.seen]


# --- Bybit --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_confirm_returns_canceled_once_the_late_cancel_shows(venue: LoopbackExchange, flavor: str) -> None:
    book = bybit_venue.book(venue)
    book.add("b1")
    book.late = 1
    order = call(venue, flavor, "bybit", "cancel_order", "b1", "ETH/USDT:USDT", dict(FAST))
    assert order["status"] == "canceled" and order["id"] == "b1"
    assert seen(venue) == ["POST /v5/order/cancel", "GET /v5/order/realtime", "GET /v5/order/realtime"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_confirm_of_a_fill_that_raced_the_cancel_is_closed(venue: LoopbackExchange, flavor: str) -> None:
    book = bybit_venue.book(venue)
    book.add("b2")
    book.fills.add("b2")
    order = call(venue, flavor, "bybit", "cancel_order", "b2", "ETH/USDT:USDT", dict(FAST))
    assert order["status"] == "closed" and order["filled"] == 0.1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_server_error_after_the_cancel_took_effect_is_canceled_after_one_query(venue: LoopbackExchange, flavor: str) -> None:
    book = bybit_venue.book(venue)
    book.add("b3")
    book.lose_cancel_answers = 1
    order = call(venue, flavor, "bybit", "cancel_order", "b3", "ETH/USDT:USDT")
    assert order["status"] == "canceled"
    assert seen(venue) == ["POST /v5/order/cancel", "GET /v5/order/realtime"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_still_open_is_cancelled_again_by_order_id_never_by_client_id_alone(venue: LoopbackExchange, flavor: str) -> None:
    book = bybit_venue.book(venue)
    book.add("b4", link_id="link-4")
    book.late, book.lose_cancel_answers = 1, 1
    order = call(venue, flavor, "bybit", "cancel_order", "", "ETH/USDT:USDT", {"clientOrderId": "link-4"})
    assert order["status"] == "canceled"
    assert book.cancels[0] == {"category": "linear", "symbol": "ETHUSDT", "orderLinkId": "link-4"}
    assert all("orderLinkId" not in body and body["orderId"] == "b4" for body in book.cancels[1:])
    assert len(venue.seen) == 1 + 3  # the cancel, then the whole budget: query, one more cancel, query


def test_bybit_budget_is_held_and_the_error_carries_the_last_state(venue: LoopbackExchange) -> None:
    book = bybit_venue.book(venue)
    book.add("b5")
    book.late, book.lose_cancel_answers = 5, 1
    with pytest.raises(ccxt.ExchangeNotAvailable) as raised:
        call(venue, "sync", "bybit", "cancel_order", "b5", "ETH/USDT:USDT", {"resolveRequests": 2})
    assert errors.is_unknown_outcome(raised.value) and raised.value.last_known["status"] == "open"
    assert len(venue.seen) == 1 + 2


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_cancel_all_with_confirm_leaves_nothing_open(venue: LoopbackExchange, flavor: str) -> None:
    book = bybit_venue.book(venue)
    for order_id in ("c1", "c2", "c3"):
        book.add(order_id)
    book.missed_by_cancel_all = {"c3"}
    result = call(venue, flavor, "bybit", "cancel_all_orders", "ETH/USDT:USDT", dict(FAST))
    assert sorted(o["id"] for o in result) == ["c1", "c2", "c3"] and all(batch.ERROR_KEY not in o for o in result)
    assert all(o["orderStatus"] == "Cancelled" for o in book.orders.values())


# --- OKX ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_okx_confirm_returns_canceled_once_the_late_cancel_shows(venue: LoopbackExchange, flavor: str) -> None:
    book = okx_venue.book(venue)
    book.add("1001")
    book.late = 1
    order = call(venue, flavor, "okx", "cancel_order", "1001", "BTC/USDT:USDT", dict(FAST))
    assert order["status"] == "canceled"
    assert seen(venue) == ["POST /api/v5/trade/cancel-order", "GET /api/v5/trade/order", "GET /api/v5/trade/order"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_okx_batch_confirm_reads_two_listings_for_four_ids(venue: LoopbackExchange, flavor: str) -> None:
    book = okx_venue.book(venue)
    for ord_id in ("2001", "2002", "2003", "2004"):
        book.add(ord_id)
    book.fills.add("2002")
    orders = call(venue, flavor, "okx", "cancel_orders", ["2001", "2002", "2003", "2004"], "BTC/USDT:USDT", dict(FAST))
    assert [(o["id"], o["status"]) for o in orders] == [("2001", "canceled"), ("2002", "closed"), ("2003", "canceled"), ("2004", "canceled")]
    assert seen(venue) == ["POST /api/v5/trade/cancel-batch-orders", "GET /api/v5/trade/orders-pending", "GET /api/v5/trade/orders-history"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_okx_cancel_all_with_confirm_cancels_what_the_first_listing_missed(venue: LoopbackExchange, flavor: str) -> None:
    book = okx_venue.book(venue)
    for ord_id in ("3001", "3002", "3003"):
        book.add(ord_id)
    book.hidden_from_listing = {"3003": 2}  # the first listing (two pages) does not show it
    result = call(venue, flavor, "okx", "cancel_all_orders", "BTC/USDT:USDT", dict(FAST))
    assert sorted(o["id"] for o in result) == ["3001", "3002", "3003"] and all(batch.ERROR_KEY not in o for o in result)
    assert all(o["state"] == "canceled" for o in book.orders.values())
