"""The room contract: every built-in declares what it serves, signs and fills, and every exchange has its test rooms.

A new exchange that misses a piece fails here, with what is missing named.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from ccxt_cancel.builtins import BUILTIN_PLUGINS

ROOT = Path(__file__).resolve().parent.parent
# Pieces a room is known to lack, each with its open issue. The test demands exactly these: a piece that
# lands must leave this table, and no other piece may go missing.
KNOWN_MISSING: dict[str, set[str]] = {}


def exchange_room(module: str) -> str:
    """``ccxt_cancel.builtins.okx.plugin`` -> ``okx``; ``ccxt_cancel.builtins.bitopro.plugin`` -> ``bitopro``."""
    return module.split(".")[2]


@pytest.mark.parametrize(("name", "module"), sorted(BUILTIN_PLUGINS.items()))
def test_every_builtin_declares_exchanges_signed_apis_and_gaps(name: str, module: str) -> None:
    plugin = importlib.import_module(module)
    exchanges = getattr(plugin, "CCXT_CANCEL_EXCHANGES", None)
    assert exchanges and all(isinstance(e, str) for e in exchanges), f"{name}: no CCXT_CANCEL_EXCHANGES"
    signed = getattr(plugin, "SIGNED_APIS", None)
    assert isinstance(signed, dict) and signed, f"{name}: no SIGNED_APIS"
    assert set(signed) <= set(exchanges), f"{name}: SIGNED_APIS names exchanges it does not serve: {sorted(set(signed) - set(exchanges))}"
    gaps = plugin.ccxt_cancel_gaps()
    assert gaps, f"{name}: declares no gaps"
    assert all(callable(gap.probe) for gap in gaps), f"{name}: a gap without a probe"


@pytest.mark.parametrize("room", sorted({exchange_room(m) for m in BUILTIN_PLUGINS.values()}))
def test_every_exchange_has_its_loopback_venue_cassettes_benchmark_and_tests(room: str) -> None:
    # The rooms of one exchange share a prefix (binance/ covers binance_spot.py, binance_usdm.py ...).
    def present(folder: str, suffix: str = "") -> bool:
        base = ROOT / folder
        return any(path.name.startswith(room) for path in base.iterdir() if path.name.endswith(suffix) or path.is_dir())

    missing = [
        what
        for what, ok in (
            ("tests/support/loopback/<exchange>.py", present("tests/support/loopback", ".py")),
            ("tests/support/cassette_specs/<exchange>.py", present("tests/support/cassette_specs", ".py")),
            ("cassettes/<exchange>/", (ROOT / "cassettes" / room).is_dir()),
            ("tests/benchmarks/rows_<exchange>.py", (ROOT / "tests/benchmarks" / f"rows_{room}.py").is_file()),
            ("tests/builtins/<exchange>", (ROOT / "tests/builtins" / room).is_dir() or (ROOT / "tests/builtins" / f"test_{room}.py").is_file()),
        )
        if not ok
    ]
    assert set(missing) == KNOWN_MISSING.get(room, set()), f"exchange room {room!r} lacks: {', '.join(missing) or 'nothing (update KNOWN_MISSING)'}"
