"""Each KuCoin gap's probe still finds the gap in the installed ccxt (4.5.90)."""

from __future__ import annotations

import pytest

from ccxt_cancel.builtins.kucoin.gaps import GAPS


@pytest.mark.parametrize("gap", GAPS, ids=[g.id for g in GAPS])
def test_probe_finds_the_gap(gap: object) -> None:
    assert gap.probe() is True  # type: ignore[attr-defined]


def test_gap_ids_are_unique() -> None:
    assert len({g.id for g in GAPS}) == len(GAPS) == 7
