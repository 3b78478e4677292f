"""Every Bybit cancel path is signed as Bybit's signing guide describes, proven end to end on the loopback exchange.

Cassettes filter the ``X-BAPI-*`` headers out, so they cannot show the
signature is right. Here each request goes through ccxt's real transport
(requests for sync, aiohttp for async and pro) to
tests/support/loopback/bybit.py, which recomputes the signature from the
guide (HMAC-SHA256 over timestamp + api_key + recv_window + body, lowercase
hex, ``X-BAPI-*`` headers, the recv_window time rule), independently of
ccxt, and refuses anything else. The verifier is checked first with
requests signed by hand in this file.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Coroutine
from typing import Any

import ccxt
import pytest
import requests

from tests.support.loopback import API_KEY, SECRET, LoopbackExchange, assert_all_verified, installed, settle

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else

FLAVORS = ("sync", "async", "pro")
CANCEL, BATCH, ALL = ("POST", "/v5/order/cancel"), ("POST", "/v5/order/cancel-batch"), ("POST", "/v5/order/cancel-all")


def run(body: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    return asyncio.run(body())


def signed(body: str, *, secret: str = SECRET, api_key: str = API_KEY, timestamp: int | None = None, window: str = "5000") -> dict[str, str]:
    """Headers for a POST, built from the guide: sign timestamp + API key + recv_window + jsonBodyString, HMAC_SHA256, lowercase hex."""
    stamp = str(int(time.time() * 1000) if timestamp is None else timestamp)
    sign = hmac.new(secret.encode(), (stamp + api_key + window + body).encode(), hashlib.sha256).hexdigest()
    return {"X-BAPI-API-KEY": api_key, "X-BAPI-TIMESTAMP": stamp, "X-BAPI-RECV-WINDOW": window, "X-BAPI-SIGN": sign, "Content-Type": "application/json"}


def test_loopback_verifier_accepts_the_guides_signature_and_refuses_tampering(loopback: LoopbackExchange) -> None:
    url = f"{loopback.base_url}/v5/order/cancel"
    body = json.dumps({"category": "linear", "symbol": "BTCUSDT", "orderId": "1"})
    now = int(time.time() * 1000)

    def post(data: str, headers: dict[str, str]) -> Any:
        return requests.post(url, data=data, headers=headers, timeout=5)

    assert post(body, signed(body)).json()["retCode"] == 0
    assert post(body, signed(body, window="20000")).json()["retCode"] == 0  # the window is part of the signed string
    assert post(body.replace('"1"', '"2"'), signed(body)).json()["retCode"] == 10004  # the body is not what was signed
    assert post(body, signed(body, secret="other")).json()["retCode"] == 10004
    assert post(body, {**signed(body), "X-BAPI-SIGN": signed(body)["X-BAPI-SIGN"].upper()}).json()["retCode"] == 10004  # lowercase hex only
    assert post(body, {**signed(body), "X-BAPI-RECV-WINDOW": "20000"}).json()["retCode"] == 10004  # window changed after signing
    assert post(body, signed(body, api_key="other")).status_code == 401
    assert post(body, signed(body, timestamp=now - 6000)).json()["retCode"] == 10002  # older than recv_window
    assert post(body, signed(body, timestamp=now + 5000)).json()["retCode"] == 10002  # not before server_time + 1000
    assert post(body, signed(body, timestamp=now - 6000, window="20000")).json()["retCode"] == 0  # a wider window admits it
    assert loopback.reasons() == [None, None, "signature", "signature", "signature", "signature", "api key", "recv_window", "recv_window", None]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_every_bybit_path_passes_signature_verification(loopback: LoopbackExchange, flavor: str) -> None:
    """One by id, by client id, camelCase, spot, inverse, 25 linear ids (20 + 5), 12 spot ids (10 + 2), client-id batch, cancel-all scoped three ways."""
    linear = [f"c6f055d9-{i:04d}" for i in range(25)]
    spot = [str(1666800494330512128 + i) for i in range(12)]

    async def body() -> None:
        async with installed(loopback, flavor, "bybit") as exchange:
            one = await settle(exchange.cancel_order("c6f055d9-7f21-4079-913d-e6523a9cfffa", "BTC/USDT:USDT"))
            client = await settle(exchange.cancel_order(None, "BTC/USDT:USDT", {"clientOrderId": "linear-004"}))
            camel = await settle(exchange.cancelOrder("1666800494330512128", "BTC/USDT"))
            inverse = await settle(exchange.cancel_order("1", "BTC/USD:BTC"))
            batch = await settle(exchange.cancel_orders(linear, "BTC/USDT:USDT"))
            spot_batch = await settle(exchange.cancelOrders(spot, "BTC/USDT"))
            clients = await settle(exchange.cancel_orders([], "BTC/USDT", {"clientOrderIds": ["spot-btc-03", "unknown-1"]}))
            by_symbol = await settle(exchange.cancel_all_orders("BTC/USDT:USDT"))
            by_settle = await settle(exchange.cancel_all_orders(None, {"subType": "inverse", "settleCoin": "BTC"}))
            spot_all = await settle(exchange.cancelAllOrders(None, {"type": "spot"}))
        assert (one["id"], one["status"], one["symbol"]) == ("c6f055d9-7f21-4079-913d-e6523a9cfffa", None, "BTC/USDT:USDT")
        assert (client["clientOrderId"], camel["symbol"], inverse["symbol"]) == ("linear-004", "BTC/USDT", "BTC/USD:BTC")
        assert [o["id"] for o in batch] == linear and [o["id"] for o in spot_batch] == spot
        assert [o["clientOrderId"] for o in clients] == ["spot-btc-03", "unknown-1"] and clients[1]["error"]["class"] == "OrderNotFound"
        assert all(len(result) == 1 for result in (by_symbol, by_settle, spot_all))

    run(body)
    assert_all_verified(loopback, [CANCEL] * 4 + [BATCH] * 5 + [ALL] * 3)
    assert [len(json.loads(s.body)["request"]) for s in loopback.seen[4:9]] == [20, 5, 10, 2, 2]
    assert json.loads(loopback.seen[1].body) == {"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "linear-004"}
    assert {s.headers["X-BAPI-RECV-WINDOW"] for s in loopback.seen} == {"5000"}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_clock_sync_then_cancel_verifies_with_a_server_clock_ahead(flavor: str) -> None:
    """adjustForTimeDifference: the core syncs ccxt's clock first (GET /v5/market/time), and the cancel's timestamp then fits the server's window."""
    with LoopbackExchange(clock_offset_ms=30_000) as loopback:

        async def body() -> None:
            async with installed(loopback, flavor, "bybit", options={"adjustForTimeDifference": True}) as exchange:
                await settle(exchange.cancel_order("1", "BTC/USDT:USDT"))

        run(body)
        assert [(s.method, s.path) for s in loopback.seen] == [("GET", "/v5/market/time"), CANCEL]
        assert loopback.reasons() == [None, None]


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(("credential", "reason"), [("secret", "signature"), ("apiKey", "api key")])
def test_wrong_credential_is_refused_with_authentication_error(loopback: LoopbackExchange, flavor: str, credential: str, reason: str) -> None:
    async def body() -> None:
        async with installed(loopback, flavor, "bybit", **{credential: "WRONG-" + credential}) as exchange:
            with pytest.raises(ccxt.AuthenticationError):
                await settle(exchange.cancel_order("1", "BTC/USDT:USDT"))
            with pytest.raises(ccxt.AuthenticationError):  # every chunk refused: nothing answered, the first error raised
                await settle(exchange.cancel_orders(["1", "2"], "BTC/USDT"))
            with pytest.raises(ccxt.AuthenticationError):
                await settle(exchange.cancel_all_orders("BTC/USDT"))

    run(body)
    assert loopback.reasons() == [reason] * 3


@pytest.mark.parametrize("flavor", FLAVORS)
def test_stale_timestamp_is_invalid_nonce(loopback: LoopbackExchange, flavor: str) -> None:
    async def body() -> None:
        async with installed(loopback, flavor, "bybit") as exchange:
            exchange.nonce = lambda: int(time.time() * 1000) - 120_000  # two minutes behind: outside the 5000 ms window
            with pytest.raises(ccxt.InvalidNonce):
                await settle(exchange.cancel_order("1", "BTC/USDT:USDT"))

    run(body)
    assert loopback.reasons() == ["recv_window"]
