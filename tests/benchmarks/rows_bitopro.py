"""Benchmark rows for BitoPro margin (the plugin's first room): CPU, instructions, a cold cancel, async and pacing.

ccxt has no margin cancel, so the plugin's margin cancel is measured against
ccxt's native spot cancel (the same request shape and signing).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import ccxt
import ccxt.async_support

import ccxt_cancel
from tests.benchmarks.bench import KEYS, Row, cold_requests, cpu_row, instruction_row, warm
from tests.benchmarks.canned import Transport
from tests.support.loopback import LoopbackExchange

ORDER_ID, SYMBOL = "9543130812", "BTC/USDT"


def worker(name: str, count: int) -> None:
    """``python -m tests.benchmarks.bench --worker rows_bitopro:plugin N``: the loop whose instructions are counted."""
    exchange = warm("bitopro", name == "plugin")
    params = {"margin": True} if name == "plugin" else {}
    for _ in range(50 + count):
        exchange.cancel_order(ORDER_ID, SYMBOL, dict(params))


def async_ratio(rounds: int, count: int = 1000) -> tuple[float, float, float, float, float]:
    """CPU of ``count`` concurrent async claimed BitoPro margin cancels on one instance against ccxt's native spot ones.

    Canned answers through an async ``fetch`` (no sockets), markets loaded,
    interleaved rounds; returns (min, median, max) of the per-round ratios
    and the median microseconds per cancel of each side.
    """

    async def main() -> tuple[float, float, float, float, float]:
        exchanges = {}
        for name, install in (("plugin", True), ("native", False)):
            exchange = Transport().attach(ccxt.async_support.bitopro({**KEYS, "enableRateLimit": False}))
            await exchange.load_markets()
            exchanges[name] = ccxt_cancel.install(exchange) if install else exchange
        calls: dict[str, Callable[[], Awaitable[Any]]] = {
            "plugin": lambda: exchanges["plugin"].cancel_order("9543130812", "BTC/USDT", {"margin": True}),
            "native": lambda: exchanges["native"].cancel_order("9543130812", "BTC/USDT"),
        }
        try:
            for call in calls.values():  # warm
                await asyncio.gather(*(call() for _ in range(100)))
            ratios: list[float] = []
            per: dict[str, list[float]] = {"plugin": [], "native": []}
            for i in range(rounds):
                order = ["plugin", "native"] if i % 2 == 0 else ["native", "plugin"]
                spent = {}
                for name in order:
                    start = time.process_time_ns()
                    await asyncio.gather(*(calls[name]() for _ in range(count)))
                    spent[name] = (time.process_time_ns() - start) / count / 1000
                    per[name].append(spent[name])
                ratios.append(spent["plugin"] / spent["native"])
            return min(ratios), statistics.median(ratios), max(ratios), statistics.median(per["plugin"]), statistics.median(per["native"])
        finally:
            for exchange in exchanges.values():
                exchange.timeout_on_exit = 0
                await exchange.close()

    return asyncio.run(main())


async def pacing(count: int) -> tuple[float, int, float]:
    """`count` concurrent async margin cancels against the loopback exchange; achieved rate in requests/minute."""
    with LoopbackExchange() as loopback:
        exchange = loopback.point(ccxt.async_support.bitopro(dict(KEYS)))
        ccxt_cancel.install(exchange)
        try:
            orders = await asyncio.gather(*(exchange.cancel_order(str(9_000_000_000 + i), "BTC/USDT", {"margin": True}) for i in range(count)))
        finally:
            await exchange.close()
        assert len({o["id"] for o in orders}) == count
        times = sorted(s.at for s in loopback.seen)
        rate = (len(times) - 1) / (times[-1] - times[0]) * 60
        too_many = sum(1 for s in loopback.statuses() if s == 429)
        busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
        return rate, too_many, busiest


def rows(args: argparse.Namespace) -> list[Row]:
    found: list[Row] = []
    bito_plugin, bito_native = warm("bitopro", True), warm("bitopro", False)
    found.append(
        cpu_row(
            "CPU per cancel, BitoPro: margin plugin / ccxt's native spot cancel",
            lambda: bito_plugin.cancel_order(ORDER_ID, SYMBOL, {"margin": True}),
            lambda: bito_native.cancel_order(ORDER_ID, SYMBOL),
            args.rounds,
            args.calls,
            1.05,
        )
    )
    found.extend(instruction_row("BitoPro: plugin / ccxt's native spot cancel", "rows_bitopro", args, 1.10))
    ours_n = cold_requests("bitopro", True, lambda e: e.cancel_order(ORDER_ID, SYMBOL, {"margin": True}))
    native_n = cold_requests("bitopro", False, lambda e: e.cancel_order(ORDER_ID, SYMBOL))
    found.append(
        (
            "HTTP requests, cold cancel on bitopro: plugin vs native spot cancel (ccxt has no margin cancel)",
            f"{ours_n} vs {native_n}",
            "1",
            "ok" if ours_n == 1 else "MISSED",
        )
    )
    low, middle, high, ours_us, native_us = async_ratio(max(3, args.rounds // 40))
    found.append(
        (
            "CPU per cancel, 1000 concurrent async claimed cancels on one instance (BitoPro margin / ccxt's native spot), min / median / max",
            f"{low:.3f} / {middle:.3f} / {high:.3f} ({ours_us:.0f} us vs {native_us:.0f} us)",
            "<= 1.02",
            "ok" if middle <= 1.02 else "MISSED",
        )
    )

    rate, too_many, busiest = asyncio.run(pacing(args.pacing))
    share = rate / 900 * 100
    found.append(
        (
            f"Pacing: {args.pacing} concurrent async margin cancels, loopback exchange",
            f"{rate:.0f}/min = {share:.1f}% of 900/min, {too_many} x 429, busiest second {busiest}",
            "95-100%, 0 x 429",
            "ok" if 95 <= share <= 100.5 and too_many == 0 else "MISSED",
        )
    )
    return found
