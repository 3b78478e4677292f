"""Every contributed ``ccxt-cancel verify`` recording under cassettes/ replays offline to the rows it recorded: no keys, no network.

A recording lands here from ``ccxt-cancel verify EXCHANGE --testnet --record DIR``
(docs/verify.md). Until the first one is contributed the list is empty and
pytest reports the replay as skipped; tests/test_verify.py replays a
loopback recording end to end.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ccxt_cancel import verify
from tests.support.helpers import CASSETTES

RECORDED = sorted(p.with_name(p.name.removesuffix(".label.json") + ".yaml") for p in CASSETTES.rglob("*.label.json"))


@pytest.mark.block_network
@pytest.mark.parametrize("cassette", RECORDED, ids=lambda p: str(p.relative_to(CASSETTES)))
def test_a_recorded_run_replays_offline_to_the_rows_it_recorded(cassette: Path) -> None:
    label = verify.read_label(cassette)
    assert label.live, f"{cassette}: a loopback recording does not belong in cassettes/"
    outcome = verify.replay_run(cassette, io.StringIO())
    assert outcome.error is None, f"{cassette}: {outcome.error!r}"
    # a recorded FAIL stays a FAIL: it is the evidence of a gap, and the replay must show the same
    assert {row.path: "pass" if row.passed else "FAIL" for row in outcome.rows} == label.results, verify.table(outcome.rows)
