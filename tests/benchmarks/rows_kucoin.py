"""Benchmark rows for the kucoin room (found by tests/benchmarks/bench.py), against ccxt's own kucoinfutures.

* HTTP requests of a cold cancel on a fresh kucoinfutures (``options['uta']``
  unset): the room asks the account mode once and sends the cancel (2); ccxt
  asks the mode and loads every market first.
* The same with ``options['uta'] = False``: the room sends 1 request.
* HTTP requests of a 25-id batch: the room sends 10 + 10 + 5 (``ceil(25/10)``);
  ccxt sends all 25 in one request, which KuCoin's limit of 10 forbids.
* CPU per claimed cancel against ccxt's native cancel (markets set, canned transport).
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
ORDER_ID = "5c35c02703aa673ceec2a168"
SYMBOL = "BTC/USDT:USDT"


def answer(url: str, body: Any) -> Any:
    """Market lists empty; the account classic; a cancel acknowledged; a multi-cancel all successful."""
    if "/account/mode" in url:
        return {"code": "200000", "data": {"selfAccountMode": "CLASSIC"}}
    if body:
        listed = json.loads(body).get("orderIdsList") or []
        return {"code": "200000", "data": [{"orderId": i, "clientOid": None, "code": "200", "msg": "success"} for i in listed]}
    if "/orders/" in url:
        return {"code": "200000", "data": {"cancelledOrderIds": [url.split("?")[0].rsplit("/", 1)[-1]]}}
    return {"code": "200000", "data": []}


def exchange(install: bool, warm: bool = True, uta: bool | None = False) -> tuple[Any, Transport]:
    transport = Transport(answer)
    options = {} if uta is None else {"uta": uta}
    kucoin = transport.attach(ccxt.kucoinfutures({**KEYS, "password": PASSWORD, "enableRateLimit": False, "options": options}))
    if warm:
        kucoin.set_markets(
            [probe.market(kucoin, id="XBTUSDTM", symbol=SYMBOL, base="BTC", quote="USDT", settle="USDT", type="swap", swap=True, linear=True, contract=True)]
        )
    return (ccxt_cancel.install(kucoin) if install else kucoin), transport


def requests_for(install: bool, warm: bool, call: Any, uta: bool | None = False) -> int:
    kucoin, transport = exchange(install, warm, uta)
    try:
        call(kucoin)
    except ccxt.BaseError:
        pass  # cold native: the canned market lists are empty; the requests it made still count
    return transport.count


def worker(name: str, count: int) -> None:
    """``python -m tests.benchmarks.bench --worker rows_kucoin:plugin N``: the loop whose instructions are counted."""
    room_worker(exchange, name, count, (ORDER_ID, SYMBOL))


def rows(args: argparse.Namespace) -> list[Row]:
    """The room's standard rows (with ``uta=False``: one request cold), after the fresh-instance row: the mode asked once."""

    def cancel(kucoin: Any) -> Any:
        return kucoin.cancel_order(ORDER_ID, SYMBOL)

    ours, native = requests_for(True, False, cancel, None), requests_for(False, False, cancel, None)
    fresh: Row = (
        "HTTP requests, cold cancel on a fresh kucoinfutures: plugin vs native",
        f"{ours} vs {native}",
        "2 (mode once + cancel)",
        "ok" if ours == 2 else "MISSED",
    )
    ids = [f"{n:024x}" for n in range(25)]
    label = "kucoinfutures, uta=False"
    return [
        fresh,
        *room_rows(
            args, __name__.rsplit(".", 1)[-1], label, exchange, (ORDER_ID, SYMBOL), (ids, SYMBOL, 3, "25-id cancel_orders on kucoinfutures", "ceil(25/10) = 3")
        ),
    ]
