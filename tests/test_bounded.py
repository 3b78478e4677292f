"""No counter, memo or cache grows with the number of claimed calls (issue 25).

Cheap and untimed: many claimed cancels with a new order id each, then the
sizes of everything the core keeps between calls. The RSS proof over 100k
cancels is a bench row (``tests/benchmarks/rows_memory.py``), not a test.
"""

from __future__ import annotations

import asyncio
from typing import Any

import ccxt
import ccxt.async_support

import ccxt_cancel
from ccxt_cancel import executor, memo, patching, plugins
from tests.benchmarks.bench import KEYS
from tests.benchmarks.canned import BITOPRO_ORDER, Transport
from tests.benchmarks.canned import answer as canned_answer

CALLS = 300


def answer(url: str, body: Any = None) -> Any:
    """The canned answers, with a cancel answer naming the order the URL names (the plugin checks it)."""
    path = url.split("?")[0]
    if "/orders/btc_usdt/" in path:
        return {**BITOPRO_ORDER, "orderId": path.rsplit("/", 1)[1]}
    return canned_answer(url, body)


def kept(exchange: Any) -> tuple[int, ...]:
    """Sizes of every table the core keeps across calls."""
    pm = plugins.plugin_manager()
    return (
        memo.size(exchange),
        sum(len(by_exchange) for by_exchange in pm.route_table.values()),
        len(patching._wrappers),
        len(patching._binders),
        len(executor._clock_synced),
        len(executor._clock_async_locks),
        len(vars(exchange)),
    )


def test_sync_claimed_cancels_keep_nothing_per_call() -> None:
    exchange = Transport(answer).attach(ccxt.bitopro({**KEYS, "enableRateLimit": False}))
    exchange.load_markets()
    ccxt_cancel.install(exchange)
    try:
        exchange.cancel_order("9000000000", "BTC/USDT", {"margin": True})
        first = kept(exchange)
        assert first[0] >= 1  # the symbol lookup is remembered: the check below is not vacuous
        for n in range(1, CALLS):
            assert exchange.cancel_order(str(9_000_000_000 + n), "BTC/USDT", {"margin": True})["id"] == str(9_000_000_000 + n)
        assert kept(exchange) == first
    finally:
        ccxt_cancel.uninstall(exchange)
    # The memo lives on the instance: uninstall(exchange) takes it away with the plugin.
    assert memo.size(exchange) == 0
    assert memo.SLOT not in vars(exchange)


def test_async_claimed_cancels_keep_nothing_per_call() -> None:
    async def main() -> None:
        exchange = Transport(answer).attach(ccxt.async_support.bitopro({**KEYS, "enableRateLimit": False}))
        exchange.timeout_on_exit = 0
        try:
            await exchange.load_markets()
            ccxt_cancel.install(exchange)
            await exchange.cancel_order("9000000000", "BTC/USDT", {"margin": True})
            first = kept(exchange)
            orders = await asyncio.gather(*(exchange.cancel_order(str(9_000_000_000 + n), "BTC/USDT", {"margin": True}) for n in range(1, CALLS)))
            assert [o["id"] for o in orders] == [str(9_000_000_000 + n) for n in range(1, CALLS)]
            assert kept(exchange) == first
        finally:
            ccxt_cancel.uninstall(exchange)
            await exchange.close()

    asyncio.run(main())
