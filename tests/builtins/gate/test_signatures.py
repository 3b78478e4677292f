"""Every gate cancel path is signed as Gate's v4 docs define it, on the loopback exchange (sync, async, pro)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from ccxt_cancel import batch
from tests.support.loopback import LoopbackExchange, installed, settle

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

FLAVORS = ("sync", "async", "pro")
CONFIG = {"options": {"unifiedAccount": False}, "timeout_on_exit": 0}


def calls(loopback: LoopbackExchange, flavor: str, *steps: tuple[str, tuple[Any, ...]], **config: Any) -> list[Any]:
    async def body() -> list[Any]:
        async with installed(loopback, flavor, "gate", **{**CONFIG, **config}) as exchange:
            return [await settle(getattr(exchange, method)(*args)) for method, args in steps]

    return asyncio.run(body())


@pytest.mark.parametrize("flavor", FLAVORS)
def test_every_path_is_signed_as_documented(loopback: LoopbackExchange, flavor: str) -> None:
    futures_ids = [str(100000 + n) for n in range(24)] + ["990000"]
    spot_ids = ["1", "20000"]
    one, by_text, futures, spot, every = calls(
        loopback,
        flavor,
        ("cancel_order", ("111", "BTC/USDT:USDT", {"clientOrderId": "t-abc"})),
        ("cancel_order", ("", "BTC/USDT", {"clientOrderId": "t-abc"})),
        ("cancel_orders", (futures_ids, "BTC/USDT:USDT")),
        ("cancel_orders", (spot_ids, "BTC/USDT")),
        ("cancel_all_orders", ("BTC/USDT",)),
    )
    assert loopback.reasons() == [None] * 6 and loopback.statuses() == [200] * 6
    assert [(s.method, s.path) for s in loopback.seen] == [
        ("DELETE", "/api/v4/futures/usdt/orders/111"),
        ("DELETE", "/api/v4/spot/orders/t-abc"),
        ("POST", "/api/v4/futures/usdt/batch_cancel_orders"),
        ("POST", "/api/v4/futures/usdt/batch_cancel_orders"),
        ("POST", "/api/v4/spot/cancel_batch_orders"),
        ("DELETE", "/api/v4/spot/orders"),
    ]
    assert one["id"] == "111" and one["status"] == "canceled"
    assert by_text["clientOrderId"] == "t-abc" and by_text["status"] == "canceled"
    assert [o["id"] for o in futures] == futures_ids and futures[-1][batch.ERROR_KEY]["class"] == "OrderNotFound"
    assert [o["id"] for o in spot] == spot_ids and spot[1][batch.ERROR_KEY]["class"] == "OrderNotFound"
    assert [o["id"] for o in every] == ["123451", "120000"] and every[1][batch.ERROR_KEY]["class"] == "OrderNotFound"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_wrong_secret_is_refused_by_the_verifier(loopback: LoopbackExchange, flavor: str) -> None:
    import ccxt

    with pytest.raises(ccxt.AuthenticationError):
        calls(loopback, flavor, ("cancel_order", ("111", "BTC/USDT")), secret="wrong")
    assert loopback.reasons() == ["signature"]
