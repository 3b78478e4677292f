"""The benchmark script still runs and prints every figure. No timing is asserted here: CI machines are noisy."""

from __future__ import annotations

import contextlib
import io

import pytest

from tests.benchmarks import bench


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else
def test_benchmark_prints_every_row() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        bench.main(["--rounds", "1", "--calls", "2", "--pacing", "3", "--imports", "1", "--instructions", "0"])
    text = out.getvalue()
    for measure in (
        "CPU per cancel, COIN-M",
        "CPU per cancel, BitoPro",
        "cold cancel on binance:",
        "cold cancel on binancecoinm",
        "cold cancel on bitopro",
        "Pacing",
        "with adjustForTimeDifference",
        "unclaimed cancel (kraken), built-ins alone",
        "declare nothing",
        "Import overhead",
        "importtime",
        "Memory over the second half",
    ):
        assert measure in text
    assert "1 vs 8" in text and "1 vs 4" in text and "1 vs 3" in text  # request counts are exact, not timings
    assert "2 vs 9" in text and "2 vs 5" in text  # with the clock sync: one more request each side
