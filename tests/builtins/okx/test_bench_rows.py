"""The okx benchmark rows still run and count requests exactly. No timing is asserted: CI machines are noisy."""

from __future__ import annotations

import argparse

from tests.benchmarks import rows_okx


def test_okx_rows_run_and_count_requests_exactly() -> None:
    found = rows_okx.rows(argparse.Namespace(rounds=1, calls=2, instructions=0))
    by_name = {row[0]: row for row in found}
    assert list(by_name) == [
        "HTTP requests, cold cancel on okx: plugin vs native cancel",
        "HTTP requests, 25-id cancel_orders on okx: plugin vs native (OKX takes 20 per request; ccxt's one request carries 25)",
        "CPU per cancel, OKX: plugin / ccxt's native okx cancel",
    ]
    assert by_name["HTTP requests, cold cancel on okx: plugin vs native cancel"][1:] == ("1 vs 7", "1", "ok")
    assert by_name["HTTP requests, 25-id cancel_orders on okx: plugin vs native (OKX takes 20 per request; ccxt's one request carries 25)"][1] == "2 vs 1"
