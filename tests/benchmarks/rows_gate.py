"""Benchmark rows for the gate room (found by tests/benchmarks/bench.py), against ccxt's own gate.

* HTTP requests of a cold cancel on a fresh exchange: the room derives
  ``BTC_USDT`` and sends 1 request; ccxt loads every market and detects the
  account mode (``GET /account/detail``) first.
* HTTP requests of a 25-id USDT perpetual batch: the room sends 20 + 5
  (``ceil(25/20)``); ccxt sends all 25 in one request, which Gate's limit forbids.
* CPU per claimed cancel against ccxt's native gate cancel (markets set, mode set, canned transport).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import ccxt

import ccxt_cancel
from ccxt_cancel.builtins.gate import gaps as gate_gaps
from tests.benchmarks.bench import KEYS, Row, cpu_row, instruction_row
from tests.benchmarks.canned import Transport

ORDER_ID = "123456789012"
SYMBOL = "BTC/USDT:USDT"


def answer(url: str, body: Any) -> Any:
    """Every market list empty; the mode classic; a cancel confirmed; a batch all succeeded."""
    path = url.partition("?")[0]
    if path.endswith("/batch_cancel_orders"):
        return [{"id": i, "user_id": 1, "succeeded": True, "message": ""} for i in json.loads(body)]
    if "/orders/" in path:
        return {"id": int(path.rsplit("/", 1)[1]), "contract": "BTC_USDT", "status": "finished", "finish_as": "cancelled"}
    if path.endswith("/account/detail"):
        return {"user_id": 1, "key": {"mode": 1}}
    return []


def exchange(install: bool, warm: bool = True) -> tuple[Any, Transport]:
    transport = Transport(answer)
    options = {"unifiedAccount": False} if warm else {}
    gate = transport.attach(ccxt.gate({**KEYS, "enableRateLimit": False, "options": options}))
    if warm:
        gate.set_markets(gate_gaps.markets(gate))  # the probes' BTC/USDT spot and BTC/USDT:USDT perpetual
    return (ccxt_cancel.install(gate) if install else gate), transport


def requests_for(install: bool, warm: bool, call: Any) -> int:
    gate, transport = exchange(install, warm)
    try:
        call(gate)
    except ccxt.BadSymbol:
        pass  # cold native: the canned market lists are empty; the requests it made still count
    return transport.count


def worker(name: str, count: int) -> None:
    """``python -m tests.benchmarks.bench --worker rows_gate:plugin N``: the loop whose instructions are counted."""
    side, _ = exchange(install=name == "plugin")
    for _ in range(50 + count):
        side.cancel_order(ORDER_ID, SYMBOL)


def rows(args: argparse.Namespace) -> list[Row]:
    found: list[Row] = []

    def cancel(gate: Any) -> Any:
        return gate.cancel_order(ORDER_ID, SYMBOL)

    ours, native = requests_for(True, False, cancel), requests_for(False, False, cancel)
    found.append(("HTTP requests, cold cancel on gate: plugin vs native cancel", f"{ours} vs {native}", "1", "ok" if ours == 1 else "MISSED"))
    ids = [str(int(ORDER_ID) + n) for n in range(25)]

    def batch(gate: Any) -> Any:
        return gate.cancel_orders(list(ids), SYMBOL)

    ours, native = requests_for(True, True, batch), requests_for(False, True, batch)
    found.append(
        ("HTTP requests, 25-id futures cancel_orders on gate: plugin vs native (ceil(25/20) = 2)", f"{ours} vs {native}", "2", "ok" if ours == 2 else "MISSED")
    )
    plugin, _ = exchange(install=True)
    plain, _ = exchange(install=False)
    found.append(
        cpu_row(
            "CPU per cancel, gate: plugin / ccxt's native gate cancel",
            lambda: plugin.cancel_order(ORDER_ID, SYMBOL),
            lambda: plain.cancel_order(ORDER_ID, SYMBOL),
            args.rounds,
            args.calls,
            1.0,
        )
    )
    found.extend(instruction_row("gate: plugin / ccxt's native gate cancel", __name__.rsplit(".", 1)[-1], args))
    return found
