"""When the network or the exchange misbehaves, a claimed cancel raises the right ccxt class, in bounded time, and never fakes a result.

Each fault is served once by the loopback exchange (tests/support/loopback.py) to a
real ccxt transport (requests for sync, aiohttp for async); then the same
exchange object cancels again and must succeed, signature verified: a fault
must not leave a poisoned session, a stuck throttler or a plan context behind.
ccxt.pro shares ccxt.async_support's transport, so "async" stands for both.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import ccxt
import pytest

import ccxt_cancel
from ccxt_cancel import executor
from tests.support.loopback import LoopbackExchange, RefusedPort, installed, settle

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else

TIMEOUT_MS = 1000  # small, so a hang costs one second

# One claimed single cancel per exchange: (args, id the next, healthy cancel must return).
SINGLE = {
    "bitopro": (("9543130812", "BTC/USDT", {"margin": True}), ("9543130813", "BTC/USDT", {"margin": True})),
    "binancecoinm": (("4611875134427365377", "BTC/USD:BTC", {}), ("4611875134427365378", "BTC/USD:BTC", {})),
}


def expected_class(fault: str, exchange_id: str, flavor: str) -> type[Exception]:
    """The exact ccxt class each fault must raise (ccxt's own choice where the issue names a family)."""
    table: dict[str, type[Exception]] = {
        "hang": ccxt.RequestTimeout,
        # requests reports ConnectionError (ccxt: NetworkError); aiohttp ClientConnectorError (ccxt: ExchangeNotAvailable, a NetworkError)
        "refused": ccxt.NetworkError if flavor == "sync" else ccxt.ExchangeNotAvailable,
        "reset": ccxt.NetworkError,
        "html502": ccxt.ExchangeNotAvailable,
        "truncated": ccxt.BadResponse,
        "empty": ccxt.NullResponse if exchange_id == "bitopro" else ccxt.BadResponse,
        # BitoPro: the plugin's map (any 429 is a rate limit); Binance: ccxt's own (418/429 -> DDoSProtection)
        "429json": ccxt.RateLimitExceeded if exchange_id == "bitopro" else ccxt.DDoSProtection,
        "429plain": ccxt.RateLimitExceeded if exchange_id == "bitopro" else ccxt.DDoSProtection,
        "503unknown": ccxt.ExchangeNotAvailable,
    }
    return table[fault]


RATE_LIMIT = (ccxt.RateLimitExceeded, ccxt.DDoSProtection)  # siblings under NetworkError in ccxt 4.5

FAMILY: dict[str, type[Exception] | tuple[type[Exception], ...]] = {
    "hang": ccxt.RequestTimeout,
    "refused": ccxt.NetworkError,
    "reset": ccxt.NetworkError,
    "html502": ccxt.ExchangeNotAvailable,
    "truncated": ccxt.BaseError,
    "empty": ccxt.BaseError,
    "429json": RATE_LIMIT,
    "429plain": RATE_LIMIT,
    "503unknown": ccxt.BaseError,
}


def faults_for(exchange_id: str) -> list[str]:
    # 503 "Unknown error" is Binance's documented unknown outcome; BitoPro documents no such answer.
    return [fault for fault in FAMILY if fault != "503unknown" or exchange_id == "binancecoinm"]


async def fault_then_recover(loopback: LoopbackExchange, exchange: Any, flavor: str, fault: str) -> None:
    """Serve ``fault`` to one claimed cancel on ``exchange``, check class and time, then cancel again on the same object."""
    args, healthy = SINGLE[exchange.id]
    before = len(loopback.seen)
    with RefusedPort() as refused:
        if fault == "refused":
            refused.point(exchange)
        else:
            loopback.faults.append(fault)
        started = time.monotonic()
        with pytest.raises(ccxt.BaseError) as caught:
            result = await settle(exchange.cancel_order(*args))
            pytest.fail(f"{fault} gave a result instead of an error: {result!r}")
        elapsed = time.monotonic() - started
    assert elapsed <= exchange.timeout / 1000 + 1, f"{fault} took {elapsed:.2f} s"
    assert isinstance(caught.value, FAMILY[fault]), f"{fault}: {type(caught.value).__name__} is not in {FAMILY[fault]}"
    assert type(caught.value) is expected_class(fault, exchange.id, flavor), f"{fault}: got {type(caught.value).__name__}: {caught.value}"
    assert executor.ACTIVE_PLAN.get() is None  # no plan context survives the failure
    if fault != "refused":
        assert loopback.seen[before].fault == fault  # the fault was really served to this request
    loopback.point(exchange)  # undo the refused port; a no-op otherwise
    order = await settle(exchange.cancel_order(*healthy))
    assert (order["id"], order["status"]) == (healthy[0], "canceled")
    last = loopback.seen[-1]
    assert (last.status, last.reason, last.fault) == (200, None, None), "the recovery cancel did not pass verification"


@pytest.mark.parametrize(("exchange_id", "fault"), [(e, f) for e in SINGLE for f in faults_for(e)])
def test_sync_fault_raises_the_ccxt_class_in_bounded_time_and_the_exchange_recovers(loopback: LoopbackExchange, exchange_id: str, fault: str) -> None:
    """Exact ccxt class (and the issue's family), within exchange.timeout + 1 s, then a normal cancel on the same object succeeds."""

    async def body() -> None:
        async with installed(loopback, "sync", exchange_id, timeout=TIMEOUT_MS) as exchange:
            await fault_then_recover(loopback, exchange, "sync", fault)

    asyncio.run(body())


@pytest.mark.parametrize("exchange_id", list(SINGLE))
def test_async_faults_in_a_row_on_one_exchange(loopback: LoopbackExchange, exchange_id: str) -> None:
    """The same, on one async exchange that meets every fault in turn: it recovers after each one."""

    async def body() -> None:
        async with installed(loopback, "async", exchange_id, timeout=TIMEOUT_MS) as exchange:
            for fault in faults_for(exchange_id):
                await fault_then_recover(loopback, exchange, "async", fault)

    asyncio.run(body())


@pytest.mark.parametrize("exchange_id", list(SINGLE))
def test_async_reset_mid_body_is_a_network_error(loopback: LoopbackExchange, exchange_id: str) -> None:
    """A connection reset in the middle of the answer's body is a NetworkError on async exchanges too."""

    async def body() -> None:
        async with installed(loopback, "async", exchange_id, timeout=TIMEOUT_MS) as exchange:
            await fault_then_recover(loopback, exchange, "async", "reset")

    asyncio.run(body())


def test_503_unknown_says_the_outcome_is_unknown(loopback: LoopbackExchange) -> None:
    """Binance 503 "Unknown error" must read as "outcome unknown", never as a failure nor as a canceled order."""

    async def body() -> None:
        async with installed(loopback, "sync", "binancecoinm", timeout=TIMEOUT_MS) as exchange:
            loopback.faults.append("503unknown")
            with pytest.raises(ccxt.ExchangeNotAvailable, match="UNKNOWN") as caught:
                exchange.cancel_order("1", "BTC/USD:BTC")
            assert not isinstance(caught.value, ccxt.OrderNotFound | ccxt.OperationRejected | ccxt.ExchangeError)

    asyncio.run(body())


# --- truncated, empty and 503 answers on every claimed path --------------------------------

PATHS: dict[str, list[tuple[str, tuple[Any, ...]]]] = {
    "bitopro": [
        ("cancel_order", ("1", "BTC/USDT", {"margin": True})),
        ("cancel_orders", (["1", "2"], "BTC/USDT", {"margin": True})),
        ("cancel_all_orders", (None, {"margin": True})),
        ("cancel_all_orders", ("BTC/USDT", {"margin": True})),
    ],
    "binancecoinm": [
        ("cancel_order", ("1", "BTC/USD:BTC")),
        ("cancel_orders", (["1", "2"], "BTC/USD:BTC")),
        ("cancel_orders", ([], "BTC/USD:BTC", {"origClientOrderIdList": ["a", "b"]})),
        ("cancel_all_orders", ("BTC/USD:BTC",)),
    ],
}


def path_cases() -> Iterator[Any]:
    for exchange_id, paths in PATHS.items():
        for index, (method, args) in enumerate(paths):
            for fault in ("truncated", "empty"):
                yield pytest.param(exchange_id, method, args, fault, id=f"{exchange_id}-{method}-{index}-{fault}")


@pytest.mark.parametrize(("exchange_id", "method", "args", "fault"), list(path_cases()))
def test_truncated_or_empty_200_is_an_error_on_every_path(loopback: LoopbackExchange, exchange_id: str, method: str, args: tuple[Any, ...], fault: str) -> None:
    """A 200 whose body is cut short or empty proves nothing was canceled: a ccxt BadResponse, never a (list of) order(s)."""

    async def body() -> None:
        async with installed(loopback, "sync", exchange_id, timeout=TIMEOUT_MS) as exchange:
            loopback.faults.append(fault)
            with pytest.raises(ccxt.BadResponse):
                result = getattr(exchange, method)(*args)
                pytest.fail(f"{fault} 200 gave a result: {result!r}")
            assert getattr(exchange, method)(*args)  # the same exchange, next answer healthy

    asyncio.run(body())


def test_503_on_a_later_chunk_marks_its_ids_unknown_and_keeps_the_canceled_ones(loopback: LoopbackExchange) -> None:
    """12 ids are sent as 10 + 2; a 503 on the second request leaves 10 canceled entries and 2 whose outcome is unknown, never 10 orders as if all went well."""

    async def body() -> None:
        async with installed(loopback, "sync", "binancecoinm", timeout=TIMEOUT_MS) as exchange:
            loopback.faults.extend(["pass", "503unknown"])
            orders = exchange.cancel_orders([str(i) for i in range(1, 13)], "BTC/USD:BTC", {"resolveUnknown": False})
            assert [o["id"] for o in orders] == [str(i) for i in range(1, 13)]
            assert [o["status"] for o in orders] == ["canceled"] * 10 + [None, None]
            for order in orders[10:]:
                assert order[ccxt_cancel.ERROR_KEY]["class"] == "ExchangeNotAvailable" and "UNKNOWN" in order[ccxt_cancel.ERROR_KEY]["message"]

    asyncio.run(body())
    assert [(s.status, s.fault) for s in loopback.seen] == [(200, None), (0, "503unknown")]
