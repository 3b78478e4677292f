"""Benchmark rows: memory stays flat over 100k claimed cancels, sync and async (issue 25).

No counter, memo or cache of the plugin may grow with the number of calls:
the per-exchange symbol memo (``ccxt_cancel.memo``) holds one entry per
symbol, the executor's clock set and locks are weak, and plans live for one
call. Measured here, not asserted in a test: ``count`` claimed BitoPro
margin cancels (canned answers, ccxt's own request path) on one instance,
and over their second half (the first half and a warm-up fill every cache
there is) the change of the interpreter's allocated memory blocks
(``sys.getallocatedblocks``: every live Python allocation) and, for
information, of the resident set size (``/proc/self/statm``: the allocator
keeps and fragments arenas, so it moves by hundreds of KiB on its own;
tracemalloc over the same loop shows no Python-level growth), beside ccxt's
native spot cancel measured the same way. The count is
``250 x --rounds`` (100k at the default 401 rounds).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import sys

import ccxt.async_support

import ccxt_cancel
from tests.benchmarks.bench import KEYS, Row, warm
from tests.benchmarks.canned import Transport

ORDER = ("9543130812", "BTC/USDT")
WARM_UP = 2_000
# A leak of one small object per call would add 50k blocks over the measured half; allocator noise is tens.
BLOCKS_LIMIT = 1_000


def _rss_kib() -> int:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def _state() -> tuple[int, int]:
    """(RSS KiB, memory blocks the interpreter has allocated): the second counts every live Python allocation,
    strings and numbers included, which the garbage collector does not track."""
    gc.collect()
    return _rss_kib(), sys.getallocatedblocks()


def sync_growth(count: int, install: bool = True) -> tuple[int, int]:
    """(RSS KiB, tracked objects) gained over the second half of ``count`` sync cancels (the first half warms up).

    ``install`` False measures ccxt's own native spot cancel the same way: the
    baseline for what the allocator does on its own.
    """
    exchange = warm("bitopro", install)
    params = {"margin": True} if install else {}
    try:
        for _ in range(WARM_UP + count // 2):
            exchange.cancel_order(*ORDER, dict(params))
        rss, objects = _state()
        for _ in range(count - count // 2):
            exchange.cancel_order(*ORDER, dict(params))
        rss_after, objects_after = _state()
        return rss_after - rss, objects_after - objects
    finally:
        if install:
            ccxt_cancel.uninstall(exchange)


def async_growth(count: int, concurrent: int = 1000) -> tuple[int, int]:
    """The same for async claimed cancels, ``concurrent`` at a time on one instance."""

    async def main() -> tuple[int, int]:
        exchange = Transport().attach(ccxt.async_support.bitopro({**KEYS, "enableRateLimit": False}))
        await exchange.load_markets()
        ccxt_cancel.install(exchange)

        async def rounds(total: int) -> None:
            for start in range(0, total, concurrent):
                await asyncio.gather(*(exchange.cancel_order(*ORDER, {"margin": True}) for _ in range(min(concurrent, total - start))))

        try:
            await rounds(WARM_UP + count // 2)
            rss, objects = _state()
            await rounds(count - count // 2)
            rss_after, objects_after = _state()
            return rss_after - rss, objects_after - objects
        finally:
            ccxt_cancel.uninstall(exchange)
            exchange.timeout_on_exit = 0
            await exchange.close()

    return asyncio.run(main())


def _row(kind: str, count: int, growth: tuple[int, int], native: tuple[int, int] | None = None) -> Row:
    rss, blocks = growth
    baseline = "" if native is None else f" (ccxt's native spot cancel: {native[1]:+d} blocks, RSS {native[0]:+d} KiB)"
    return (
        f"Memory over the second half of {count} {kind} claimed cancels on one instance (BitoPro margin): allocated blocks, RSS",
        f"{blocks:+d} blocks, RSS {rss:+d} KiB{baseline}",
        f"flat: <= {BLOCKS_LIMIT} blocks (RSS: allocator, for information)",
        "ok" if blocks <= BLOCKS_LIMIT else "MISSED",
    )


def rows(args: argparse.Namespace) -> list[Row]:
    count = 250 * max(1, args.rounds)
    return [
        _row("sync", count, sync_growth(count), sync_growth(count, install=False)),
        _row("async (1000 concurrent)", count, async_growth(count)),
    ]
