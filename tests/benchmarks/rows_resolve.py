"""Benchmark rows for resolving and confirming (issue 20): extra requests against the minimum, and wall time.

* Extra requests of a resolved cancel: a Binance spot cancel answered 503
  "Unknown error" although it took effect. The minimum is one query (the
  exchange must be asked); the plugin sends exactly that.
* Extra requests of a confirmed cancel: a Bybit and an OKX acknowledgement
  whose first query already says canceled (minimum 1), and one whose first
  query still says open (minimum 2: there is nothing to learn without asking
  again).
* Wall time of a confirmed cancel, with the default pause
  (``confirmInterval`` 0.2 s) and with none: the pause, not the plugin, is
  what a bot waits for.

Answers come from a stub HTTP session under ccxt's own ``fetch``
(``tests/support/session.py``), so ccxt's ``handle_errors`` runs as in
production; their shapes are the documented ones of tests/reliability/test_confirm.py.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import ccxt

import ccxt_cancel
from tests.benchmarks.bench import KEYS, Row
from tests.reliability.test_confirm import BYBIT_ACK, ORDER_ID, bybit_order, okx_ack, okx_order
from tests.reliability.test_resolve import UNKNOWN_503, order
from tests.support.session import StubSession


def _run(exchange_id: str, answers: list[tuple[int, Any]], *args: Any) -> tuple[int, float]:
    """(requests sent, seconds) of one claimed cancel_order on a fresh instance."""
    pending = list(answers)
    session = StubSession(lambda method, url, body: pending.pop(0))
    exchange = getattr(ccxt, exchange_id)({**KEYS, "password": "FAKE-PASSPHRASE-0000", "enableRateLimit": False})
    session.attach(exchange)
    ccxt_cancel.install(exchange)
    try:
        start = time.perf_counter()
        exchange.cancel_order(*args)
        return len(session.sent), time.perf_counter() - start
    finally:
        ccxt_cancel.uninstall(exchange)


def _row(name: str, sent: int, minimum: int) -> Row:
    extra = sent - 1
    return (name, f"{extra} extra (minimum {minimum})", f"{minimum}", "ok" if extra == minimum else "MISSED")


def rows(args: argparse.Namespace) -> list[Row]:
    found: list[Row] = []
    sent, _ = _run("binance", [UNKNOWN_503, (200, order("CANCELED"))], "1001", "LTC/BTC")
    found.append(_row("Extra requests, Binance spot 503 that took effect, resolved", sent, 1))
    fast = {"confirm": True, "confirmInterval": 0}
    sent, _ = _run("bybit", [BYBIT_ACK, bybit_order("Cancelled")], ORDER_ID, "ETH/USDT:USDT", fast)
    found.append(_row("Extra requests, Bybit confirm, canceled at the first query", sent, 1))
    sent, _ = _run("okx", [okx_ack(), (200, {"code": "0", "msg": "", "data": [okx_order("canceled")]})], "680800019749904384", "BTC/USDT", fast)
    found.append(_row("Extra requests, OKX confirm, canceled at the first query", sent, 1))
    sent, _ = _run("bybit", [BYBIT_ACK, bybit_order("New"), bybit_order("Cancelled")], ORDER_ID, "ETH/USDT:USDT", fast)
    found.append(_row("Extra requests, Bybit confirm, still open at the first query", sent, 2))
    answers = [BYBIT_ACK, bybit_order("New"), bybit_order("Cancelled")]
    _, paused = _run("bybit", list(answers), ORDER_ID, "ETH/USDT:USDT", {"confirm": True})
    _, unpaused = _run("bybit", list(answers), ORDER_ID, "ETH/USDT:USDT", fast)
    found.append(
        (
            "Wall time, Bybit confirmed cancel with one pause (stub session): default confirmInterval / none",
            f"{paused * 1000:.0f} ms / {unpaused * 1000:.1f} ms",
            "pause + < 50 ms",
            "ok" if paused - 0.2 < 0.05 else "MISSED",
        )
    )
    found.append(loopback_wall_time())
    return found


def loopback_wall_time() -> Row:
    """Wall time of a Bybit cancel confirmed after one pause, on the loopback exchange (real requests, signed, verified)."""
    from tests.support.loopback import LoopbackExchange
    from tests.support.loopback import bybit as venue

    def one(interval: float | None) -> float:
        with LoopbackExchange() as loopback:
            book = venue.book(loopback)
            book.add("w1")
            book.late = 1  # the first query still says New: one pause, one more query
            exchange = loopback.point(ccxt.bybit({**KEYS, "enableRateLimit": False}))
            ccxt_cancel.install(exchange)
            try:
                params: dict[str, Any] = {"confirm": True} if interval is None else {"confirm": True, "confirmInterval": interval}
                start = time.perf_counter()
                order = exchange.cancel_order("w1", "ETH/USDT:USDT", params)
                spent = time.perf_counter() - start
                assert order["status"] == "canceled", order
                return spent
            finally:
                ccxt_cancel.uninstall(exchange)

    paused, unpaused = one(None), one(0.0)
    return (
        "Wall time, Bybit confirmed cancel on the loopback exchange (3 signed requests, one pause): default confirmInterval / none",
        f"{paused * 1000:.0f} ms / {unpaused * 1000:.1f} ms",
        "pause + < 50 ms",
        "ok" if paused - 0.2 < 0.05 else "MISSED",
    )
