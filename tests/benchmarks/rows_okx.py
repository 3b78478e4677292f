"""Benchmark rows for the okx plugin (found by tests/benchmarks/bench.py), against ccxt's own okx.

* HTTP requests of a cold cancel: the plugin derives the instId (1 request);
  ccxt loads every market first (a signed currencies call, five instrument
  lists, then the cancel: 7).
* HTTP requests of a 25-id batch: the plugin sends 20 + 5 (OKX takes 20 per
  request); ccxt sends all 25 in one request, which OKX's limit forbids.
* CPU per claimed cancel against ccxt's native okx cancel of the same order
  (markets loaded, canned transport), as interleaved blocks (bench.cpu_ratio),
  and, with valgrind, instructions per cancel (immune to machine load).

Canned answers live here: the shapes of ccxt's okx comments (see
tests/support/cassette_specs/okx.py for their provenance).

    python -m tests.benchmarks.rows_okx --worker plugin 300   # one callgrind workload (used by the rows)
"""

from __future__ import annotations

import argparse
import json
import shutil
from typing import Any

import ccxt

import ccxt_cancel
from tests.benchmarks.bench import KEYS, Row, cpu_row, instructions_per_cancel
from tests.benchmarks.canned import Transport

PASSWORD = "FAKE-PASSPHRASE-0000"
ORDER_ID = "489093931993509888"
SYMBOL = "BTC/USDT:USDT"
# /api/v5/public/instruments items, in the shape ccxt's okx parse_market reads.
INSTRUMENTS = {
    "SPOT": [{"instId": "BTC-USDT", "instType": "SPOT", "baseCcy": "BTC", "quoteCcy": "USDT", "lever": "10", "state": "live"}],
    "SWAP": [{"instId": "BTC-USDT-SWAP", "instType": "SWAP", "settleCcy": "USDT", "uly": "BTC-USDT", "ctVal": "0.01", "ctType": "linear", "state": "live"}],
}


def answer(url: str, body: Any) -> Any:
    """What the stubbed transport returns: instruments, no currencies, every cancel item acknowledged (sCode 0)."""
    path = url.split("?")[0]
    if path.endswith("/public/instruments"):
        kind = url.split("instType=")[1].split("&")[0]
        return {"code": "0", "msg": "", "data": INSTRUMENTS.get(kind, [])}
    if body:
        entries = json.loads(body)
        entries = entries if isinstance(entries, list) else [entries]
        return {"code": "0", "msg": "", "data": [{"clOrdId": "", "ordId": e.get("ordId", ""), "sCode": "0", "sMsg": ""} for e in entries]}
    return {"code": "0", "msg": "", "data": []}


def exchange(install: bool, warm: bool = True) -> tuple[Any, Transport]:
    transport = Transport(answer)
    okx = transport.attach(ccxt.okx({**KEYS, "password": PASSWORD, "enableRateLimit": False}))
    if warm:
        okx.load_markets()
        transport.count = 0
    return (ccxt_cancel.install(okx) if install else okx), transport


def requests_for(install: bool, warm: bool, call: Any) -> int:
    okx, transport = exchange(install, warm)
    call(okx)
    return transport.count


def worker(name: str, count: int) -> None:
    okx, _ = exchange(install=name == "plugin")
    for _ in range(50 + count):
        okx.cancel_order(ORDER_ID, SYMBOL)


def rows(args: argparse.Namespace) -> list[Row]:
    found: list[Row] = []

    def cancel(okx: Any) -> Any:
        return okx.cancel_order(ORDER_ID, SYMBOL)

    ours, native = requests_for(True, False, cancel), requests_for(False, False, cancel)
    found.append(("HTTP requests, cold cancel on okx: plugin vs native cancel", f"{ours} vs {native}", "1", "ok" if ours == 1 else "MISSED"))

    ids = [str(int(ORDER_ID) + i) for i in range(25)]

    def batch(okx: Any) -> Any:
        return okx.cancel_orders(list(ids), "BTC/USDT")

    ours, native = requests_for(True, True, batch), requests_for(False, True, batch)
    found.append(
        (
            "HTTP requests, 25-id cancel_orders on okx: plugin vs native (OKX takes 20 per request; ccxt's one request carries 25)",
            f"{ours} vs {native}",
            "2",
            "ok" if ours == 2 else "MISSED",
        )
    )

    plugin, _ = exchange(install=True)
    plain, _ = exchange(install=False)
    found.append(
        cpu_row(
            "CPU per cancel, OKX: plugin / ccxt's native okx cancel",
            lambda: plugin.cancel_order(ORDER_ID, SYMBOL),
            lambda: plain.cancel_order(ORDER_ID, SYMBOL),
            args.rounds,
            args.calls,
            1.0,
        )
    )
    if getattr(args, "instructions", 0) and shutil.which("valgrind"):
        ours_i, theirs_i = instructions_per_cancel("plugin", args.instructions, __name__), instructions_per_cancel("native", args.instructions, __name__)
        ratio = ours_i / theirs_i
        found.append(
            (
                "Instructions per cancel (callgrind), OKX: plugin / ccxt's native okx cancel",
                f"{ratio:.3f} ({ours_i / 1000:.0f}k vs {theirs_i / 1000:.0f}k)",
                "<= 1.00",
                "ok" if ratio <= 1.0 else "MISSED",
            )
        )
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=2, metavar=("WORKLOAD", "COUNT"), required=True)
    args = parser.parse_args(argv)
    worker(args.worker[0], int(args.worker[1]))


if __name__ == "__main__":
    main()
