"""Binance spot on the loopback: a cancel answered 503 "Unknown error" although it took effect is 'canceled' after one query.

Done-when 1 of issue 20 end to end: ccxt's real transport (requests, aiohttp),
the loopback venue verifying the signature and the parameters of the query,
sync, async and pro (tests/reliability/test_resolve.py covers the paths on a
stubbed session, sync and async).
"""

from __future__ import annotations

import asyncio
from typing import Any

import ccxt
import pytest

from ccxt_cancel.errors import is_unknown_outcome
from tests.support.loopback import LoopbackExchange, installed, settle

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else

FLAVORS = ("sync", "async", "pro")


def _calls(loopback: LoopbackExchange, before: int) -> list[tuple[str, str, str]]:
    return [(seen.method, seen.path, seen.query) for seen in loopback.seen[before:]]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_503_unknown_then_one_query_gives_canceled(loopback: LoopbackExchange, flavor: str) -> None:
    async def body() -> None:
        async with installed(loopback, flavor, "binance") as exchange:
            exchange.timeout_on_exit = 0  # ccxt's async close() would sleep 250 ms
            before = len(loopback.seen)
            loopback.faults.append("503unknown")
            order = await settle(exchange.cancel_order("4", "LTC/BTC", {"origClientOrderId": "mine-1"}))
            calls = _calls(loopback, before)
            assert (order["id"], order["status"]) == ("4", "canceled")
            assert [(method, path) for method, path, _ in calls] == [("DELETE", "/api/v3/order"), ("GET", "/api/v3/order")]
            assert "orderId=4" in calls[1][2]
            assert loopback.seen[-1].reason is None  # the query passed the venue's signature check

    asyncio.run(body())


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_budget_of_zero_requests_keeps_the_unknown_outcome_and_sends_no_query(loopback: LoopbackExchange, flavor: str) -> None:
    async def body() -> None:
        async with installed(loopback, flavor, "binance", options={"ccxtCancel": {"resolveRequests": 0}}) as exchange:
            exchange.timeout_on_exit = 0  # ccxt's async close() would sleep 250 ms
            before = len(loopback.seen)
            loopback.faults.append("503unknown")
            with pytest.raises(ccxt.ExchangeNotAvailable) as caught:
                await settle(exchange.cancel_order("4", "LTC/BTC"))
            assert is_unknown_outcome(caught.value)
            assert len(_calls(loopback, before)) == 1

    asyncio.run(body())


def test_keys_are_consumed_and_never_sent(loopback: LoopbackExchange) -> None:
    async def body() -> None:
        async with installed(loopback, "sync", "binance") as exchange:
            exchange.timeout_on_exit = 0  # ccxt's async close() would sleep 250 ms
            before = len(loopback.seen)
            params: dict[str, Any] = {"resolveUnknown": True, "resolveRequests": 2, "resolveSeconds": 1}
            order = await settle(exchange.cancel_order("4", "LTC/BTC", params))
            assert order["status"] == "canceled"
            (call,) = _calls(loopback, before)
            assert "resolve" not in call[2]
            assert loopback.seen[-1].reason is None  # the venue refuses any unlisted parameter (-1104)

    asyncio.run(body())
