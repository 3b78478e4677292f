"""The bybit benchmark rows run and count requests exactly. No timing is asserted: CI machines are noisy."""

from __future__ import annotations

import argparse

from tests.benchmarks.rows_bybit import rows


def test_bybit_rows_names_and_request_counts() -> None:
    found = rows(argparse.Namespace(rounds=1, calls=2))
    assert [row[0] for row in found] == [
        "HTTP requests, cold cancel on bybit (BTC/USDT:USDT): plugin vs ccxt's native cancel",
        "HTTP requests, cold cancel on bybit with adjustForTimeDifference: plugin (clock sync + cancel) vs ccxt's native cancel",
        "HTTP requests, cancel_orders of 45 linear ids (markets loaded): plugin vs ceil(45/20)",
        "CPU per cancel, Bybit linear: plugin / ccxt's native Bybit cancel",
    ]
    assert found[0][1:] == ("1 vs 13", "1", "ok")  # ccxt: 12 GETs of load_markets, then the cancel
    assert found[1][1:] == ("2 vs 14", "2", "ok")  # one more each side: the clock sync
    assert found[2][1].startswith("3 vs 3 (chunks 20+20+5; ccxt: 3 requests, 2 account lookups then one batch of 45 ids") and found[2][3] == "ok"
    assert found[3][2] == "<= 1.00"
