"""Every KuCoin cancel path is signed as KuCoin's docs define it, on the loopback exchange (sync, async, pro)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from ccxt_cancel import batch
from tests.support.loopback import LoopbackExchange, installed, settle
from tests.support.loopback import kucoin as venue

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

FLAVORS = ("sync", "async", "pro")
CONFIG = {"password": venue.PASSPHRASE, "timeout_on_exit": 0}


def calls(loopback: LoopbackExchange, flavor: str, exchange_id: str, *steps: tuple[str, tuple[Any, ...]], **config: Any) -> list[Any]:
    async def body() -> list[Any]:
        async with installed(loopback, flavor, exchange_id, **{**CONFIG, **config}) as exchange:
            return [await settle(getattr(exchange, method)(*args)) for method, args in steps]

    return asyncio.run(body())


@pytest.mark.parametrize("flavor", FLAVORS)
def test_every_futures_path_is_signed_as_documented(loopback: LoopbackExchange, flavor: str) -> None:
    ids = [str(100000 + n) for n in range(24)] + ["990000"]
    one, by_client, many, every = calls(
        loopback,
        flavor,
        "kucoinfutures",
        ("cancel_order", ("111", "BTC/USDT:USDT", {"clientOrderId": "cid-222"})),
        ("cancel_order", ("", "ETH/USDT:USDT", {"clientOid": "cid-333"})),
        ("cancel_orders", (ids, "BTC/USDT:USDT")),
        ("cancel_all_orders", ("BTC/USD:BTC",)),
    )
    assert loopback.reasons() == [None] * 7 and loopback.statuses() == [200] * 7
    assert [s.path for s in loopback.seen] == [
        "/kucoin/api/ua/v1/account/mode",  # a fresh instance asks once, as ccxt does
        "/kucoin/api/v1/orders/111",
        "/kucoin/api/v1/orders/client-order/cid-333",
        "/kucoin/api/v1/orders/multi-cancel",
        "/kucoin/api/v1/orders/multi-cancel",
        "/kucoin/api/v1/orders/multi-cancel",
        "/kucoin/api/v3/orders",
    ]
    assert one["id"] == "111" and one["status"] is None
    assert by_client["clientOrderId"] == "cid-333"
    assert [o["id"] for o in many] == ids and many[-1][batch.ERROR_KEY]["class"] == "InvalidOrder"
    assert [o["id"] for o in every] == ["120000", "123451"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_hf_and_classic_paths_are_signed(loopback: LoopbackExchange, flavor: str) -> None:
    hf_one, classic_many = calls(
        loopback,
        flavor,
        "kucoin",
        ("cancel_order", ("111", "BTC/USDT", {"hf": True})),
        ("cancel_orders", (["1", "20000"], "BTC/USDT")),
        options={"uta": False},
    )
    assert loopback.reasons() == [None] * 3
    assert [s.path for s in loopback.seen] == ["/kucoin/api/v1/hf/orders/111", "/kucoin/api/v1/orders/1", "/kucoin/api/v1/orders/20000"]
    assert hf_one["id"] == "111"
    assert classic_many[0]["id"] == "1" and classic_many[1][batch.ERROR_KEY]["class"] == "OrderNotFound"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_wrong_passphrase_is_refused_by_the_verifier(loopback: LoopbackExchange, flavor: str) -> None:
    import ccxt

    with pytest.raises(ccxt.AuthenticationError):
        calls(loopback, flavor, "kucoinfutures", ("cancel_order", ("111", "BTC/USDT:USDT")), password="wrong", options={"uta": False})
    assert loopback.reasons() == ["passphrase"]
