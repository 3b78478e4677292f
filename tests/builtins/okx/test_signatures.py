"""Every okx cancel path is signed as OKX's own SDK signs, proven end to end on the loopback exchange.

Cassettes filter the OK-ACCESS-* headers out, so they cannot show the
signature is right. Here each request goes through ccxt's real transport
(requests for sync, aiohttp for async and pro) to tests/support/loopback/okx.py,
which recomputes base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath
+ body)) the way okxapi/python-okx does, independently of ccxt, checks the
key, passphrase and ISO timestamp, and refuses anything else. The verifier
itself is checked first, with requests signed by hand in this file.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import time
from collections.abc import Callable, Coroutine
from typing import Any

import ccxt
import pytest
import requests

from tests.support.loopback import API_KEY, SECRET, LoopbackExchange, assert_all_verified, installed, settle
from tests.support.loopback import okx as venue

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else

FLAVORS = ("sync", "async", "pro")
KEYS = {"password": venue.PASSPHRASE}


def run(body: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    return asyncio.run(body())


def iso(ms: float) -> str:
    """The SDK's timestamp: ISO 8601 UTC with milliseconds and a Z (okx/utils.py get_timestamp)."""
    return datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def headers(
    method: str, path: str, body: str = "", secret: str = SECRET, key: str = API_KEY, passphrase: str = venue.PASSPHRASE, stamp: str | None = None
) -> dict[str, str]:
    stamp = stamp or iso(time.time() * 1000)
    return {
        "OK-ACCESS-KEY": key,
        "OK-ACCESS-SIGN": venue.signature(secret, stamp, method, path, body),
        "OK-ACCESS-TIMESTAMP": stamp,
        "OK-ACCESS-PASSPHRASE": passphrase,
        "Content-Type": "application/json",
    }


# --- the verifier rejects what the documentation rejects --------------------------------------------


def test_loopback_verifier_accepts_the_sdks_signature_and_refuses_tampering(loopback: LoopbackExchange) -> None:
    base = loopback.base_url
    path = "/api/v5/trade/cancel-order"
    body = json.dumps({"instId": "BTC-USDT", "ordId": "1"})  # the SDK's json.dumps, with spaces: what is signed is what is sent
    post = f"{base}{path}"
    assert requests.post(post, data=body, headers=headers("POST", path, body), timeout=5).json()["data"][0]["sCode"] == "0"
    assert requests.post(post, data=body.replace("1", "2"), headers=headers("POST", path, body), timeout=5).json()["code"] == "50113"
    assert requests.post(post, data=body, headers=headers("POST", path, body, secret="other"), timeout=5).json()["code"] == "50113"
    assert requests.post(post, data=body, headers=headers("POST", path, body, key="other"), timeout=5).json()["code"] == "50111"
    assert requests.post(post, data=body, headers=headers("POST", path, body, passphrase="other"), timeout=5).json()["code"] == "50105"
    stale = iso(time.time() * 1000 - 60_000)
    assert requests.post(post, data=body, headers=headers("POST", path, body, stamp=stale), timeout=5).json()["code"] == "50102"
    assert requests.post(post, data=body, headers=headers("POST", path, body, stamp=str(int(time.time() * 1000))), timeout=5).json()["code"] == "50112"
    listing = "/api/v5/trade/orders-pending?instId=BTC-USDT&limit=100"
    assert requests.get(f"{base}{listing}", headers=headers("GET", listing), timeout=5).json()["code"] == "0"
    signed_without_query = headers("GET", "/api/v5/trade/orders-pending")
    assert requests.get(f"{base}{listing}", headers=signed_without_query, timeout=5).json()["code"] == "50113"  # the query is part of requestPath
    assert loopback.reasons() == [None, "signature", "signature", "api key", "passphrase", "timestamp expired", "timestamp format", None, "signature"]


# --- every okx path, every flavour ----------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_okx_paths_pass_signature_verification(loopback: LoopbackExchange, flavor: str) -> None:
    """By id, both ids, client id, raw instId, 25 ids in 20 + 5, a client-id batch, a paged cancel-all: each request verifies."""
    many = [str(800000000000000001 + i) for i in range(25)]
    many[3] = "800000000000010000"  # ends in 0000: the loopback answers 51400

    async def body() -> None:
        async with installed(loopback, flavor, "okx", **KEYS) as exchange:
            one = await settle(exchange.cancel_order("1234", "BTC/USDT:USDT"))
            both = await settle(exchange.cancelOrder("1235", "BTC/USD:BTC-251226-100000-C", {"clientOrderId": "mine1"}))
            client = await settle(exchange.cancel_order(None, "BTC-USDT-SWAP", {"clOrdId": "mine2"}))
            batch = await settle(exchange.cancel_orders(many, "BTC/USDT"))
            clients = await settle(exchange.cancel_orders([], "ETH/USDT", {"clientOrderId": ["a1", "b2"]}))
            every = await settle(exchange.cancel_all_orders("BTC/USDT"))
        assert (one["id"], one["status"], one["symbol"]) == ("1234", None, "BTC/USDT:USDT")
        assert (both["id"], both["symbol"]) == ("1235", "BTC/USD:BTC-251226-100000-C")
        assert client["clientOrderId"] == "mine2"
        assert [o["id"] for o in batch] == many and [o["id"] for o in batch if "error" in o] == [many[3]]
        assert [o["clientOrderId"] for o in clients] == ["a1", "b2"]
        assert len(every) == 130 and len({o["id"] for o in every}) == 130 and all(o["status"] is None for o in every)

    run(body)
    post_one, post_batch = ("POST", "/api/v5/trade/cancel-order"), ("POST", "/api/v5/trade/cancel-batch-orders")
    listing = ("GET", "/api/v5/trade/orders-pending")
    assert_all_verified(loopback, [post_one] * 3 + [post_batch] * 3 + [listing] * 3 + [post_batch] * 7)  # 100, 30, then an empty page
    assert json.loads(loopback.seen[1].body) == {"instId": "BTC-USD-251226-100000-C", "ordId": "1235"}
    assert [len(json.loads(s.body)) for s in loopback.seen[3:5]] == [20, 5]
    assert "after=" in loopback.seen[7].query


# --- wrong credentials and a stale clock are refused ------------------------------------------------


@pytest.mark.parametrize("flavor", ["sync", "async"])
@pytest.mark.parametrize(
    ("credential", "value", "reason"),
    [("secret", "WRONG-secret", "signature"), ("apiKey", "WRONG-key", "api key"), ("password", "WRONG-passphrase", "passphrase")],
)
def test_wrong_credential_is_rejected_with_authentication_error(loopback: LoopbackExchange, flavor: str, credential: str, value: str, reason: str) -> None:
    async def body() -> None:
        async with installed(loopback, flavor, "okx", **{**KEYS, credential: value}) as exchange:
            with pytest.raises(ccxt.AuthenticationError):
                await settle(exchange.cancel_order("123", "BTC/USDT"))
            with pytest.raises(ccxt.AuthenticationError):
                await settle(exchange.cancel_orders(["123", "124"], "BTC/USDT"))
            with pytest.raises(ccxt.AuthenticationError):
                await settle(exchange.cancel_all_orders("BTC/USDT"))

    run(body)
    assert loopback.reasons() == [reason] * 3


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_stale_timestamp_is_invalid_nonce(loopback: LoopbackExchange, flavor: str) -> None:
    async def body() -> None:
        async with installed(loopback, flavor, "okx", **KEYS) as exchange:
            exchange.nonce = lambda: int(time.time() * 1000) - 120_000  # ccxt's okx signs iso8601(nonce())
            with pytest.raises(ccxt.InvalidNonce):
                await settle(exchange.cancel_order("1", "BTC/USDT"))

    run(body)
    assert loopback.reasons() == ["timestamp expired"]
