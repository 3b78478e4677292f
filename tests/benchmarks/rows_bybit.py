"""Benchmark rows for the bybit plugin: requests for a cold cancel and a 45-id batch, and CPU per claimed cancel against ccxt.

Found and run by ``python -m tests.benchmarks.bench`` after the core rows.
Canned answers are the stub Bybit of tests/builtins/bybit/stub.py (the
docs' instrument rows for ccxt's own load_markets, a UTA 2.0 account for
its detection, the loopback venue's cancel answers), so both sides run
their real code on the same transport.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from typing import Any

import ccxt

import ccxt_cancel
from tests.benchmarks.bench import KEYS, Row, cpu_row, instruction_row
from tests.builtins.bybit.stub import Router

SYMBOL = "BTC/USDT:USDT"
ORDER_ID = "c6f055d9-7f21-4079-913d-e6523a9cfffa"
BATCH = [f"c6f055d9-7f21-4079-913d-{i:012x}" for i in range(45)]


def exchange(install: bool, warm: bool, options: dict[str, Any] | None = None) -> tuple[Any, Router]:
    router = Router()
    bybit = router.attach(ccxt.bybit({**KEYS, "enableRateLimit": False, "options": options or {}}))
    if warm:
        bybit.load_markets()
        router.requests.clear()
    if install:
        ccxt_cancel.install(bybit)
    return bybit, router


def requests_for(install: bool, warm: bool, call: Callable[[Any], Any], options: dict[str, Any] | None = None) -> tuple[int, Router]:
    bybit, router = exchange(install, warm, options)
    call(bybit)
    return router.count, router


def worker(name: str, count: int) -> None:
    """``python -m tests.benchmarks.bench --worker rows_bybit:plugin N``: the loop whose instructions are counted."""
    side, _ = exchange(name == "plugin", True)
    for _ in range(50 + count):
        side.cancel_order(ORDER_ID, SYMBOL)


def rows(args: argparse.Namespace) -> list[Row]:
    found: list[Row] = []

    def cancel(e: Any) -> Any:
        return e.cancel_order(ORDER_ID, SYMBOL)

    ours, _ = requests_for(True, False, cancel)
    native, _ = requests_for(False, False, cancel)
    found.append(
        ("HTTP requests, cold cancel on bybit (BTC/USDT:USDT): plugin vs ccxt's native cancel", f"{ours} vs {native}", "1", "ok" if ours == 1 else "MISSED")
    )
    clock = {"adjustForTimeDifference": True}
    ours_c, _ = requests_for(True, False, cancel, clock)
    native_c, _ = requests_for(False, False, cancel, clock)
    found.append(
        (
            "HTTP requests, cold cancel on bybit with adjustForTimeDifference: plugin (clock sync + cancel) vs ccxt's native cancel",
            f"{ours_c} vs {native_c}",
            "2",
            "ok" if ours_c == 2 else "MISSED",
        )
    )

    def batch(e: Any) -> Any:
        return e.cancel_orders(list(BATCH), SYMBOL)

    expected = math.ceil(len(BATCH) / 20)
    ours_b, router = requests_for(True, True, batch)
    sizes = [len(body["request"]) for body in router.bodies("/v5/order/cancel-batch")]
    native_b, native_router = requests_for(False, True, batch)
    native_sizes = [len(body["request"]) for body in native_router.bodies("/v5/order/cancel-batch")]
    found.append(
        (
            f"HTTP requests, cancel_orders of {len(BATCH)} linear ids (markets loaded): plugin vs ceil({len(BATCH)}/20)",
            (
                f"{ours_b} vs {expected} (chunks {'+'.join(map(str, sizes))}; ccxt: {native_b} requests, {native_b - len(native_sizes)} account lookups "
                f"then one batch of {'+'.join(map(str, native_sizes))} ids, over the documented 20)"
            ),
            str(expected),
            "ok" if ours_b == expected and sizes == [20, 20, 5] else "MISSED",
        )
    )

    plugin_side, _ = exchange(True, True)
    native_side, _ = exchange(False, True)
    found.append(
        cpu_row(
            "CPU per cancel, Bybit linear: plugin / ccxt's native Bybit cancel",
            lambda: cancel(plugin_side),
            lambda: cancel(native_side),
            args.rounds,
            args.calls,
            1.0,
        )
    )
    found.extend(instruction_row("Bybit linear: plugin / ccxt's native Bybit cancel", __name__.rsplit(".", 1)[-1], args))
    return found
