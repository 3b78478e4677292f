"""The resolving benchmark rows still run and count requests exactly. No timing is asserted: CI machines are noisy."""

from __future__ import annotations

import argparse

import pytest

from tests.benchmarks import rows_resolve


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange of the wall-time row, nothing else
def test_resolve_rows_count_the_extra_requests_exactly() -> None:
    found = rows_resolve.rows(argparse.Namespace(rounds=1, calls=2, instructions=0))
    counts = {row[0]: row[1] for row in found if row[0].startswith("Extra requests")}
    assert counts == {
        "Extra requests, Binance spot 503 that took effect, resolved": "1 extra (minimum 1)",
        "Extra requests, Bybit confirm, canceled at the first query": "1 extra (minimum 1)",
        "Extra requests, OKX confirm, canceled at the first query": "1 extra (minimum 1)",
        "Extra requests, Bybit confirm, still open at the first query": "2 extra (minimum 2)",
    }
    walls = [row[0] for row in found if row[0].startswith("Wall time, Bybit confirmed cancel")]
    assert len(walls) == 2 and "loopback" in walls[-1]
