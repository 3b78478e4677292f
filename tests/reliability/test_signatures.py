"""Every cancel path of both built-in plugins is signed correctly, proven end to end on the loopback exchange.

Cassettes filter the signature out, so they cannot show it is right. Here each
request goes through ccxt's real transport (requests for sync, aiohttp for
async and pro) to tests/support/loopback.py, which recomputes the signature from the
exchanges' documentation, independently of ccxt, and refuses anything else.
The verifier itself is checked first, so that a verifier accepting everything
could not make the rest pass.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlencode

import ccxt
import pytest
import requests

from tests.support.loopback import API_KEY, SECRET, LoopbackExchange, installed, settle

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else

FLAVORS = ("sync", "async", "pro")
COINM_IDS = ("binancecoinm", "binance")


def run(body: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    return asyncio.run(body())


def assert_all_verified(loopback: LoopbackExchange, expected: list[tuple[str, str]]) -> None:
    """Exactly these requests reached the loopback, in this order, and every one passed signature verification."""
    assert [(s.method, s.path) for s in loopback.seen] == expected
    assert loopback.reasons() == [None] * len(expected), "a request failed verification"
    assert loopback.statuses() == [200] * len(expected)


# --- the verifier rejects what the documentation rejects ------------------------------------


def bitopro_headers(payload_object: dict[str, Any], secret: str = SECRET, api_key: str = API_KEY) -> dict[str, str]:
    payload = base64.b64encode(json.dumps(payload_object).encode()).decode()
    signature = hmac.new(secret.encode(), payload.encode(), hashlib.sha384).hexdigest()
    return {"X-BITOPRO-APIKEY": api_key, "X-BITOPRO-PAYLOAD": payload, "X-BITOPRO-SIGNATURE": signature}


def binance_query(params: dict[str, Any], secret: str = SECRET) -> str:
    query = urlencode(params)
    return f"{query}&signature={hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()}"


def test_loopback_verifier_accepts_documented_signatures_and_refuses_tampering(loopback: LoopbackExchange) -> None:
    """Hand-signed requests, built from the documentation in this test: the right ones pass, each kind of tampering fails."""
    base = loopback.base_url
    now = int(time.time() * 1000)
    url = f"{base}/v3/margin/orders/btc_usdt/1"
    assert requests.delete(url, headers=bitopro_headers({"identity": "", "nonce": now}), timeout=5).status_code == 200
    assert requests.delete(url, headers=bitopro_headers({"nonce": now}, secret="other"), timeout=5).status_code == 401
    assert requests.delete(url, headers=bitopro_headers({"nonce": now}, api_key="other"), timeout=5).status_code == 401
    assert requests.delete(url, headers=bitopro_headers({"nonce": now - 120_000}), timeout=5).status_code == 401
    body = json.dumps({"BTC_USDT": ["1"]})
    put = f"{base}/v3/margin/orders"
    signed_body = bitopro_headers(json.loads(body))
    assert requests.put(put, data=body, headers=signed_body, timeout=5).status_code == 200
    assert requests.put(put, data=body.replace("1", "2"), headers=signed_body, timeout=5).status_code == 401  # payload is not the body

    order = f"{base}/dapi/v1/order"
    key = {"X-MBX-APIKEY": API_KEY}
    good = binance_query({"symbol": "BTCUSD_PERP", "orderId": 1, "timestamp": now})
    assert requests.delete(f"{order}?{good}", headers=key, timeout=5).status_code == 200
    assert requests.delete(f"{order}?{good.replace('orderId=1', 'orderId=2')}", headers=key, timeout=5).json()["code"] == -1022
    assert requests.delete(f"{order}?{good}", headers={"X-MBX-APIKEY": "other"}, timeout=5).json()["code"] == -2015
    stale = binance_query({"symbol": "BTCUSD_PERP", "orderId": 1, "timestamp": now - 60_000, "recvWindow": 5000})
    assert requests.delete(f"{order}?{stale}", headers=key, timeout=5).json()["code"] == -1021
    assert loopback.reasons() == [None, "signature", "api key", "nonce", None, "payload is not the body", None, "signature", "api key", "recvWindow"]


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


# --- every COIN-M path, every flavour, on binancecoinm and binance --------------------------


@pytest.mark.parametrize("exchange_id", COINM_IDS)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_coinm_paths_pass_signature_verification(loopback: LoopbackExchange, flavor: str, exchange_id: str) -> None:
    """Order id, client id, dated contract, recvWindow, 12 ids in 10+2 chunks, client-id batch, cancel-all: each signed query verifies."""
    many = [str(1000 + i) for i in range(12)]

    async def body() -> None:
        async with installed(loopback, flavor, exchange_id) as exchange:
            one = await settle(exchange.cancel_order("4611875134427365377", "BTC/USD:BTC"))
            client = await settle(exchange.cancel_order(None, "BTCUSD_PERP", {"origClientOrderId": "my-order.1"}))
            dated = await settle(exchange.cancelOrder(77, "ETH/USD:ETH-251226", {"recvWindow": 60000}))
            chunked = await settle(exchange.cancel_orders(many, "BTC/USD:BTC"))
            clients = await settle(exchange.cancel_orders([], "BTC/USD:BTC", {"origClientOrderIdList": ["a-1", "b_2"]}))
            every = await settle(exchange.cancel_all_orders("BTC/USD:BTC"))
        assert (one["id"], one["status"], one["symbol"]) == ("4611875134427365377", "canceled", "BTC/USD:BTC")
        assert (client["clientOrderId"], client["status"]) == ("my-order.1", "canceled")
        assert (dated["id"], dated["symbol"]) == ("77", "ETH/USD:ETH-251226")
        assert [o["id"] for o in chunked] == many and {o["status"] for o in chunked} == {"canceled"}
        assert [o["clientOrderId"] for o in clients] == ["a-1", "b_2"]
        assert every[0]["info"] == {"code": 200, "msg": "The operation of cancel all open order is done."}

    run(body)
    batch = ("DELETE", "/dapi/v1/batchOrders")
    assert_all_verified(loopback, [("DELETE", "/dapi/v1/order")] * 3 + [batch] * 3 + [("DELETE", "/dapi/v1/allOpenOrders")])
    assert "recvWindow=60000" in loopback.seen[2].query


# --- a wrong credential is refused, with ccxt's AuthenticationError -------------------------


@pytest.mark.parametrize(
    ("exchange_id", "symbol", "params"),
    [("bitopro", "BTC/USDT", {"margin": True}), ("binancecoinm", "BTC/USD:BTC", {}), ("binance", "BTC/USD:BTC", {})],
)
@pytest.mark.parametrize("flavor", ["sync", "async"])
@pytest.mark.parametrize(("credential", "reason"), [("secret", "signature"), ("apiKey", "api key")])
def test_wrong_credential_is_rejected_with_authentication_error(
    loopback: LoopbackExchange, flavor: str, exchange_id: str, symbol: str, params: dict[str, Any], credential: str, reason: str
) -> None:
    """The verifier is not a rubber stamp: a wrong secret (or key) is refused and surfaces as ccxt.AuthenticationError."""

    async def body() -> None:
        async with installed(loopback, flavor, exchange_id, **{credential: "WRONG-" + credential}) as exchange:
            with pytest.raises(ccxt.AuthenticationError):
                await settle(exchange.cancel_order("123", symbol, dict(params)))
            with pytest.raises(ccxt.AuthenticationError):
                await settle(exchange.cancel_orders(["123", "124"], symbol, dict(params)))

    run(body)
    assert loopback.reasons() == [reason, reason]


def test_stale_binance_timestamp_is_invalid_nonce_and_stale_bitopro_nonce_is_refused(loopback: LoopbackExchange) -> None:
    """The timestamp/nonce checks work end to end: a clock 2 minutes behind is refused by both verifiers."""

    async def body() -> None:
        async with installed(loopback, "sync", "binancecoinm") as binance, installed(loopback, "sync", "bitopro") as bitopro:
            for exchange in (binance, bitopro):
                exchange.nonce = lambda: int(time.time() * 1000) - 120_000
                exchange.milliseconds = exchange.nonce
            with pytest.raises(ccxt.InvalidNonce):
                binance.cancel_order("1", "BTC/USD:BTC")
            with pytest.raises(ccxt.AuthenticationError):
                bitopro.cancel_order("1", "BTC/USDT", {"margin": True})

    run(body)
    assert loopback.reasons() == ["recvWindow", "nonce"]
