"""The loopback exchange's signature verifiers are no rubber stamp: documented signatures pass, tampering, wrong credentials and stale clocks do not.

Every exchange's signed cancel paths are proven in its own folder
(tests/builtins/<exchange>/test_signatures.py): each request goes through
ccxt's real transport (requests for sync, aiohttp for async and pro) to
tests/support/loopback/, which recomputes the signature from the exchange's
documentation, independently of ccxt. This module checks the verifiers
themselves, so that one accepting everything could not make those pass.
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


def run(body: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    return asyncio.run(body())


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
