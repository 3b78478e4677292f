"""The Binance benchmark rows run and count requests exactly; no timing is asserted (CI machines are noisy)."""

from __future__ import annotations

import argparse

from tests.benchmarks import rows_binance


def test_rows_run_and_count_requests_exactly() -> None:
    rows = rows_binance.rows(argparse.Namespace(rounds=1, calls=1))
    measures = {row[0]: row[1] for row in rows}
    assert "CPU per cancel, Binance spot: plugin / ccxt's native spot cancel (binance, markets loaded)" in measures
    assert "CPU per cancel, Binance USD-M: plugin / ccxt's native USD-M cancel (binanceusdm, markets loaded)" in measures
    cold = {label: measures[f"HTTP requests, cold cancel, {label}: plugin vs ccxt's native cancel"] for label, *_ in rows_binance.COLD}
    assert cold == {
        "spot on binance": "1 vs 8",
        "cross margin on binance": "1 vs 8",
        "isolated margin on binance": "1 vs 8",
        "USD-M on binance": "1 vs 8",
        "USD-M on binanceusdm": "1 vs 4",
        "portfolio margin UM on binanceusdm": "1 vs 4",
        "portfolio margin CM on binancecoinm": "1 vs 4",
        "portfolio margin margin on binance": "1 vs 8",
    }
    assert all(row[3] == "ok" for row in rows if row[0].startswith("HTTP requests"))
