"""The kucoin benchmark rows still run and count requests exactly. No timing is asserted: CI machines are noisy."""

from __future__ import annotations

import argparse

from tests.benchmarks import rows_kucoin


def test_kucoin_rows_run_and_count_requests_exactly() -> None:
    found = rows_kucoin.rows(argparse.Namespace(rounds=1, calls=2, instructions=0))
    by_name = {row[0]: row for row in found}
    fresh = by_name["HTTP requests, cold cancel on a fresh kucoinfutures: plugin vs native"]
    cold = by_name["HTTP requests, cold cancel on kucoinfutures, uta=False: plugin vs native cancel"]
    batch = by_name["HTTP requests, 25-id cancel_orders on kucoinfutures: plugin vs native (ceil(25/10) = 3)"]
    assert fresh[1].startswith("2 vs ") and int(fresh[1].split(" vs ")[1]) > 2 and fresh[3] == "ok"
    assert cold[1].startswith("1 vs ") and int(cold[1].split(" vs ")[1]) > 1 and cold[3] == "ok"
    assert batch[1] == "3 vs 1" and batch[3] == "ok"
    assert "CPU per cancel, kucoinfutures, uta=False: plugin / ccxt's native kucoinfutures, uta=False cancel" in by_name
