"""Benchmark rows for the bitget room (found by tests/benchmarks/bench.py), against ccxt's own bitget (classic, ``uta=False``).

* HTTP requests of a cold cancel: the room derives ``BTCUSDT`` / USDT-FUTURES
  (1 request); ccxt loads every market first.
* HTTP requests of a 60-id spot batch: the room sends 50 + 10 (``ceil(60/50)``);
  ccxt sends all 60 in one request, which Bitget's limit forbids.
* CPU per claimed cancel against ccxt's native bitget cancel (markets set, canned transport).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

import ccxt

import ccxt_cancel
from ccxt_cancel import probe
from tests.benchmarks.bench import KEYS, Row, room_rows, room_worker
from tests.benchmarks.canned import Transport

PASSWORD = "FAKE-PASSPHRASE-0000"
ORDER_ID = "1234567890123456789"
SYMBOL = "BTC/USDT:USDT"


def answer(url: str, body: Any) -> Any:
    """Every market list empty; a cancel acknowledged; a batch all in successList."""
    if body:
        payload = json.loads(body)
        entries = payload.get("orderList") or payload.get("orderIdList")
        if entries is not None:
            return {
                "code": "00000",
                "msg": "success",
                "data": {"successList": [{"orderId": e["orderId"], "clientOid": ""} for e in entries], "failureList": []},
            }
        return {"code": "00000", "msg": "success", "data": {"orderId": payload.get("orderId"), "clientOid": ""}}
    return {"code": "00000", "msg": "success", "data": []}


def exchange(install: bool, warm: bool = True) -> tuple[Any, Transport]:
    transport = Transport(answer)
    bitget = transport.attach(ccxt.bitget({**KEYS, "password": PASSWORD, "enableRateLimit": False, "options": {"uta": False}}))
    if warm:
        bitget.set_markets(
            [
                probe.market(bitget, id="BTCUSDT", symbol="BTC/USDT", base="BTC", quote="USDT", type="spot", spot=True),
                probe.market(bitget, id="BTCUSDT", symbol=SYMBOL, base="BTC", quote="USDT", settle="USDT", type="swap", swap=True, linear=True, contract=True),
            ]
        )
    return (ccxt_cancel.install(bitget) if install else bitget), transport


def worker(name: str, count: int) -> None:
    """``python -m tests.benchmarks.bench --worker rows_bitget:plugin N``: the loop whose instructions are counted."""
    room_worker(exchange, name, count, (ORDER_ID, SYMBOL))


def rows(args: argparse.Namespace) -> list[Row]:
    ids = [str(int(ORDER_ID) + n) for n in range(60)]
    return room_rows(
        args, __name__.rsplit(".", 1)[-1], "bitget", exchange, (ORDER_ID, SYMBOL), (ids, "BTC/USDT", 2, "60-id spot cancel_orders on bitget", "ceil(60/50) = 2")
    )
