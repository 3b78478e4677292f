"""The gate benchmark rows still run and count requests exactly. No timing is asserted: CI machines are noisy."""

from __future__ import annotations

import argparse

from tests.benchmarks import rows_gate


def test_gate_rows_run_and_count_requests_exactly() -> None:
    found = rows_gate.rows(argparse.Namespace(rounds=1, calls=2, instructions=0))
    by_name = {row[0]: row for row in found}
    cold, batch = (
        by_name["HTTP requests, cold cancel on gate: plugin vs native cancel"],
        by_name["HTTP requests, 25-id futures cancel_orders on gate: plugin vs native (ceil(25/20) = 2)"],
    )
    assert cold[1].startswith("1 vs ") and int(cold[1].split(" vs ")[1]) > 1 and cold[3] == "ok"
    assert batch[1] == "2 vs 1" and batch[3] == "ok"
    assert "CPU per cancel, gate: plugin / ccxt's native gate cancel" in by_name
