"""Every BitoPro margin cancel path is signed correctly, proven end to end on the loopback exchange (tests/support/loopback/bitopro.py).

Cassettes filter the signature out, so they cannot show it is right; the
loopback recomputes it from BitoPro's documentation, independently of ccxt.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Coroutine
from typing import Any

import pytest

from tests.support.loopback import LoopbackExchange, assert_all_verified, installed, settle

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else

FLAVORS = ("sync", "async", "pro")


def run(body: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    return asyncio.run(body())


# --- every BitoPro margin path, every flavour -----------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bitopro_margin_paths_pass_signature_verification(loopback: LoopbackExchange, flavor: str) -> None:
    """One, camelCase one, batch (PUT body payload), all, all-for-a-pair: DELETE payloads carry a fresh nonce, PUT's is the body."""

    async def body() -> None:
        async with installed(loopback, flavor, "bitopro") as exchange:
            one = await settle(exchange.cancel_order("9543130812", "BTC/USDT", {"margin": True}))
            camel = await settle(exchange.cancelOrder(9543130813, "btc_usdt", {"marginMode": "cross"}))
            batch = await settle(exchange.cancel_orders(["4419989207", "9789414023"], "BTC/USDT", {"marginMode": "isolated"}))
            every = await settle(exchange.cancel_all_orders(None, {"margin": True}))
            pair = await settle(exchange.cancel_all_orders("ETH/USDT", {"margin": True}))
        assert (one["id"], one["status"], one["symbol"]) == ("9543130812", "canceled", "BTC/USDT")
        assert (camel["id"], camel["status"], camel["symbol"]) == ("9543130813", "canceled", "BTC/USDT")
        assert [(o["id"], o["status"]) for o in batch] == [("4419989207", "canceled"), ("9789414023", "canceled")]
        assert [o["id"] for o in every] == ["9050564390", "3927422785"] and {o["symbol"] for o in every} == {"BTC/USDT"}
        assert {o["symbol"] for o in pair} == {"ETH/USDT"}

    run(body)
    assert_all_verified(
        loopback,
        [
            ("DELETE", "/v3/margin/orders/btc_usdt/9543130812"),
            ("DELETE", "/v3/margin/orders/btc_usdt/9543130813"),
            ("PUT", "/v3/margin/orders"),
            ("DELETE", "/v3/margin/orders/all"),
            ("DELETE", "/v3/margin/orders/eth_usdt"),
        ],
    )
    assert json.loads(loopback.seen[2].body) == {"BTC_USDT": ["4419989207", "9789414023"]}
