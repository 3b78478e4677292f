"""Every bitget cancel path is signed as Bitget's docs define it, on the loopback exchange (sync, async, pro)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from ccxt_cancel import batch
from tests.support.loopback import LoopbackExchange, installed, settle
from tests.support.loopback import bitget as venue

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

FLAVORS = ("sync", "async", "pro")
CONFIG = {"password": venue.PASSPHRASE, "options": {"uta": False}, "timeout_on_exit": 0}


def calls(loopback: LoopbackExchange, flavor: str, *steps: tuple[str, tuple[Any, ...]], **config: Any) -> list[Any]:
    async def body() -> list[Any]:
        async with installed(loopback, flavor, "bitget", **{**CONFIG, **config}) as exchange:
            return [await settle(getattr(exchange, method)(*args)) for method, args in steps]

    return asyncio.run(body())


@pytest.mark.parametrize("flavor", FLAVORS)
def test_every_path_is_signed_as_documented(loopback: LoopbackExchange, flavor: str) -> None:
    ids = [str(100000 + n) for n in range(59)] + ["990000"]
    one, many, every, spot_all = calls(
        loopback,
        flavor,
        ("cancel_order", ("111", "BTC/USDT:USDT", {"clientOrderId": "cid-222"})),
        ("cancel_orders", (ids, "BTC/USDT")),
        ("cancel_all_orders", ("BTC/USD:BTC",)),
        ("cancel_all_orders", ("BTC/USDT",)),
    )
    assert loopback.reasons() == [None] * 5 and loopback.statuses() == [200] * 5
    assert [s.path for s in loopback.seen] == [
        "/api/v2/mix/order/cancel-order",
        "/api/v2/spot/trade/batch-cancel-order",
        "/api/v2/spot/trade/batch-cancel-order",
        "/api/v2/mix/order/batch-cancel-orders",
        "/api/v2/spot/trade/cancel-symbol-order",
    ]
    assert one["id"] == "111" and one["status"] is None
    assert [o["id"] for o in many] == ids and many[-1][batch.ERROR_KEY]["class"] == "OrderNotFound"
    assert [o["id"] for o in every] == ["123451", "120000"] and every[1][batch.ERROR_KEY]["class"] == "OrderNotFound"
    assert spot_all == []  # the spot answer names the symbol, no order


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_wrong_passphrase_is_refused_by_the_verifier(loopback: LoopbackExchange, flavor: str) -> None:
    import ccxt

    with pytest.raises(ccxt.AuthenticationError):
        calls(loopback, flavor, ("cancel_order", ("111", "BTC/USDT")), password="wrong")
    assert loopback.reasons() == ["passphrase"]
