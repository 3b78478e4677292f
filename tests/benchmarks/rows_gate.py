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
from tests.benchmarks.bench import KEYS, Row, room_rows, room_worker
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


def worker(name: str, count: int) -> None:
    """``python -m tests.benchmarks.bench --worker rows_gate:plugin N``: the loop whose instructions are counted."""
    room_worker(exchange, name, count, (ORDER_ID, SYMBOL))


def rows(args: argparse.Namespace) -> list[Row]:
    ids = [str(int(ORDER_ID) + n) for n in range(25)]
    return room_rows(
        args, __name__.rsplit(".", 1)[-1], "gate", exchange, (ORDER_ID, SYMBOL), (ids, SYMBOL, 2, "25-id futures cancel_orders on gate", "ceil(25/20) = 2")
    )
