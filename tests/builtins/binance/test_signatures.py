"""Every new Binance cancel path (spot, USD-M, margin, portfolio margin) is signed correctly, proven end to end on the loopback.

Each request goes through ccxt's real transport (requests for sync, aiohttp
for async and pro) to the loopback exchange, whose Binance venues recompute
the HMAC-SHA256 signature from the documentation ("SIGNED endpoint
security": the signature is the HMAC of the query string before it), check
the timestamp against recvWindow, and refuse any parameter the page does
not list. Wrong keys, wrong secrets and stale clocks are refused as Binance
refuses them, and surface as ccxt's classes.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlencode

import ccxt
import pytest
import requests

from tests.support.loopback import API_KEY, SECRET, LoopbackExchange, assert_all_verified, installed, settle

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])  # the loopback exchange, nothing else

FLAVORS = ("sync", "async", "pro")
ACK = {"code": 200, "msg": "The operation of cancel all open order is done."}


def run(body: Callable[[], Coroutine[Any, Any, Any]]) -> Any:
    return asyncio.run(body())


def signed(params: dict[str, Any], secret: str = SECRET) -> str:
    query = urlencode(params)
    return f"{query}&signature={hmac.new(secret.encode(), query.encode(), hashlib.sha256).hexdigest()}"


# --- the verifier and the parameter tables refuse what the documentation refuses -------------------


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v3/order", {"symbol": "LTCBTC", "orderId": 4}),
        ("/fapi/v1/order", {"symbol": "BTCUSDT", "orderId": 283194212}),
        ("/sapi/v1/margin/order", {"symbol": "LTCBTC", "orderId": 28, "isIsolated": "TRUE"}),
        ("/papi/v1/um/order", {"symbol": "BTCUSDT", "orderId": 1}),
    ],
)
def test_hand_signed_requests_pass_and_tampering_fails(loopback: LoopbackExchange, path: str, params: dict[str, Any]) -> None:
    url = f"{loopback.base_url}{path}"
    key = {"X-MBX-APIKEY": API_KEY}
    now = int(time.time() * 1000)
    good = signed({**params, "timestamp": now})
    assert requests.delete(f"{url}?{good}", headers=key, timeout=5).status_code == 200
    assert requests.delete(f"{url}?{good.replace('symbol=', 'symbol=X')}", headers=key, timeout=5).json()["code"] == -1022
    assert requests.delete(f"{url}?{good}", headers={"X-MBX-APIKEY": "other"}, timeout=5).json()["code"] == -2015
    assert requests.delete(f"{url}?{signed({**params, 'timestamp': now}, secret='other')}", headers=key, timeout=5).json()["code"] == -1022
    stale = signed({**params, "timestamp": now - 60_000, "recvWindow": 5000})
    assert requests.delete(f"{url}?{stale}", headers=key, timeout=5).json()["code"] == -1021
    unread = signed({**params, "portfolioMargin": "true", "timestamp": now})
    assert requests.delete(f"{url}?{unread}", headers=key, timeout=5).json()["code"] == -1104
    no_id = signed({"symbol": params["symbol"], "timestamp": now})
    assert requests.delete(f"{url}?{no_id}", headers=key, timeout=5).json()["code"] == -1102
    assert loopback.reasons() == [None, "signature", "api key", "signature", "recvWindow", None, None]


# --- every new path, every flavour ---------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_paths_pass_signature_verification(loopback: LoopbackExchange, flavor: str) -> None:
    """Order id, both ids, client id, recvWindow, one-per-id batch, cancel-all: each signed query verifies."""

    async def body() -> None:
        async with installed(loopback, flavor, "binance") as exchange:
            one = await settle(exchange.cancel_order("4", "LTC/BTC"))
            both = await settle(exchange.cancel_order("5", "LTCBTC", {"origClientOrderId": "my-order.1", "recvWindow": 60000}))
            client = await settle(exchange.cancelOrder(None, "LTC/BTC", {"clientOrderId": "my_order:2", "cancelRestrictions": "ONLY_NEW"}))
            batch = await settle(exchange.cancel_orders(["7", "8"], "LTC/BTC"))
            every = await settle(exchange.cancel_all_orders("BTC/USDT"))
        assert (one["id"], one["status"], one["symbol"]) == ("4", "canceled", "LTC/BTC")
        assert (both["id"], both["info"]["origClientOrderId"]) == ("5", "my-order.1")
        assert client["info"]["origClientOrderId"] == "my_order:2"
        assert [(o["id"], o["status"]) for o in batch] == [("7", "canceled"), ("8", "canceled")]
        assert [o["id"] for o in every] == ["11", "13"]

    run(body)
    assert_all_verified(loopback, [("DELETE", "/api/v3/order")] * 5 + [("DELETE", "/api/v3/openOrders")])
    assert "orderId=5&origClientOrderId=my-order.1" in loopback.seen[1].query


@pytest.mark.parametrize("exchange_id", ["binanceusdm", "binance"])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_usdm_paths_pass_signature_verification(loopback: LoopbackExchange, flavor: str, exchange_id: str) -> None:
    """Order id, both ids (orderId only), client id, dated contract, 25 ids in 10+10+5, client-id batch, cancel-all."""
    many = [str(1000 + i) for i in range(25)]

    async def body() -> None:
        async with installed(loopback, flavor, exchange_id) as exchange:
            one = await settle(exchange.cancel_order("283194212", "BTC/USDT:USDT"))
            both = await settle(exchange.cancel_order("283194213", "BTC/USDT:USDT", {"origClientOrderId": "x-1"}))
            client = await settle(exchange.cancel_order(None, "BTC/USDT:USDT", {"clientOrderId": "x-2"}))
            dated = await settle(exchange.cancelOrder(9, "BTC/USDT:USDT-251226", {"recvWindow": 5000}))
            chunked = await settle(exchange.cancel_orders(many, "BTC/USDT:USDT"))
            clients = await settle(exchange.cancel_orders([], "BTC/USDT:USDT", {"origClientOrderIdList": ["a-1", "b_2"]}))
            every = await settle(exchange.cancel_all_orders("BTC/USDT:USDT"))
        assert (one["id"], one["status"], one["symbol"]) == ("283194212", "canceled", "BTC/USDT:USDT")
        assert both["id"] == "283194213" and client["clientOrderId"] == "x-2"
        assert dated["symbol"] == "BTC/USDT:USDT-251226"
        assert [o["id"] for o in chunked] == many and {o["status"] for o in chunked} == {"canceled"}
        assert [o["clientOrderId"] for o in clients] == ["a-1", "b_2"]
        assert every[0]["info"] == ACK

    run(body)
    batch = ("DELETE", "/fapi/v1/batchOrders")
    assert_all_verified(loopback, [("DELETE", "/fapi/v1/order")] * 4 + [batch] * 4 + [("DELETE", "/fapi/v1/allOpenOrders")])
    assert "origClientOrderId" not in loopback.seen[1].query


@pytest.mark.parametrize("flavor", FLAVORS)
def test_margin_paths_pass_signature_verification(loopback: LoopbackExchange, flavor: str) -> None:
    """Cross and isolated (isIsolated=TRUE), both ids, one-per-id batch, cancel-all cross and isolated."""

    async def body() -> None:
        async with installed(loopback, flavor, "binance", options={"marginMode": "cross"}) as exchange:
            cross = await settle(exchange.cancel_order("28", "LTC/BTC"))
            isolated = await settle(exchange.cancel_order("29", "LTC/BTC", {"marginMode": "isolated", "origClientOrderId": "x"}))
            batch = await settle(exchange.cancel_orders(["30", "31"], "LTC/BTC"))
            every = await settle(exchange.cancel_all_orders("BTC/USDT"))
            every_isolated = await settle(exchange.cancel_all_orders("BTC/USDT", {"marginMode": "isolated"}))
        assert (cross["id"], cross["status"]) == ("28", "canceled")
        assert isolated["info"]["isIsolated"] is True
        assert [o["id"] for o in batch] == ["30", "31"]
        assert [o["id"] for o in every] == [o["id"] for o in every_isolated] == ["11", "13"]

    run(body)
    assert_all_verified(loopback, [("DELETE", "/sapi/v1/margin/order")] * 4 + [("DELETE", "/sapi/v1/margin/openOrders")] * 2)
    assert "isIsolated=TRUE" in loopback.seen[1].query and "origClientOrderId" not in loopback.seen[1].query
    assert "isIsolated" not in loopback.seen[0].query and "isIsolated=TRUE" in loopback.seen[5].query


@pytest.mark.parametrize("flavor", FLAVORS)
def test_portfolio_paths_pass_signature_verification(loopback: LoopbackExchange, flavor: str) -> None:
    """UM, CM and margin single cancels, a UM batch as papi singles (never /fapi), and the three cancel-alls, on binance."""

    async def body() -> None:
        async with installed(loopback, flavor, "binance", options={"portfolioMargin": True}) as exchange:
            um = await settle(exchange.cancel_order("1", "BTC/USDT:USDT", {"origClientOrderId": "x"}))
            cm = await settle(exchange.cancel_order("2", "BTC/USD:BTC"))
            margin = await settle(exchange.cancel_order("3", "LTC/BTC", {"marginMode": "cross"}))
            batch = await settle(exchange.cancel_orders(["4", "5"], "BTC/USDT:USDT"))
            um_all = await settle(exchange.cancel_all_orders("BTC/USDT:USDT"))
            cm_all = await settle(exchange.cancel_all_orders("BTCUSD_PERP"))
            margin_all = await settle(exchange.cancel_all_orders("BTC/USDT", {"marginMode": "cross"}))
        assert [(o["id"], o["status"]) for o in (um, cm, margin)] == [("1", "canceled"), ("2", "canceled"), ("3", "canceled")]
        assert (um["symbol"], cm["symbol"], margin["symbol"]) == ("BTC/USDT:USDT", "BTC/USD:BTC", "LTC/BTC")
        assert [o["id"] for o in batch] == ["4", "5"]
        assert um_all[0]["info"] == cm_all[0]["info"] == ACK and [o["id"] for o in margin_all] == ["11"]

    run(body)
    assert_all_verified(
        loopback,
        [
            ("DELETE", "/papi/v1/um/order"),
            ("DELETE", "/papi/v1/cm/order"),
            ("DELETE", "/papi/v1/margin/order"),
            ("DELETE", "/papi/v1/um/order"),
            ("DELETE", "/papi/v1/um/order"),
            ("DELETE", "/papi/v1/um/allOpenOrders"),
            ("DELETE", "/papi/v1/cm/allOpenOrders"),
            ("DELETE", "/papi/v1/margin/allOpenOrders"),
        ],
    )


@pytest.mark.parametrize(("exchange_id", "symbol"), [("binanceusdm", "BTC/USDT:USDT"), ("binancecoinm", "BTC/USD:BTC")])
@pytest.mark.parametrize("flavor", FLAVORS)
def test_portfolio_paths_on_the_dedicated_exchanges(loopback: LoopbackExchange, flavor: str, exchange_id: str, symbol: str) -> None:
    async def body() -> None:
        async with installed(loopback, flavor, exchange_id) as exchange:
            order = await settle(exchange.cancel_order("7", symbol, {"papi": True}))
            batch = await settle(exchange.cancel_orders(["8", "9"], symbol, {"portfolioMargin": True}))
        assert order["status"] == "canceled" and [o["id"] for o in batch] == ["8", "9"]

    run(body)
    path = "/papi/v1/um/order" if exchange_id == "binanceusdm" else "/papi/v1/cm/order"
    assert_all_verified(loopback, [("DELETE", path)] * 3)
    assert all("papi" not in s.query and "portfolioMargin" not in s.query for s in loopback.seen)


# --- a wrong credential or a stale clock is refused, with ccxt's classes ---------------------------

CALLS = [
    ("binance", "LTC/BTC", {}, "/api/v3/order"),
    ("binanceusdm", "BTC/USDT:USDT", {}, "/fapi/v1/order"),
    ("binance", "LTC/BTC", {"marginMode": "isolated"}, "/sapi/v1/margin/order"),
    ("binanceusdm", "BTC/USDT:USDT", {"portfolioMargin": True}, "/papi/v1/um/order"),
]


@pytest.mark.parametrize(("exchange_id", "symbol", "params", "path"), CALLS)
@pytest.mark.parametrize("flavor", ["sync", "async"])
@pytest.mark.parametrize(("credential", "reason"), [("secret", "signature"), ("apiKey", "api key")])
def test_wrong_credential_is_refused_with_authentication_error(
    loopback: LoopbackExchange, flavor: str, exchange_id: str, symbol: str, params: dict[str, Any], path: str, credential: str, reason: str
) -> None:
    async def body() -> None:
        async with installed(loopback, flavor, exchange_id, **{credential: "WRONG-" + credential}) as exchange:
            with pytest.raises(ccxt.AuthenticationError):
                await settle(exchange.cancel_order("123", symbol, dict(params)))

    run(body)
    assert [(s.path, s.reason) for s in loopback.seen] == [(path, reason)]


@pytest.mark.parametrize(("exchange_id", "symbol", "params", "path"), CALLS)
def test_stale_timestamp_is_invalid_nonce(loopback: LoopbackExchange, exchange_id: str, symbol: str, params: dict[str, Any], path: str) -> None:
    async def body() -> None:
        async with installed(loopback, "sync", exchange_id) as exchange:
            exchange.nonce = lambda: int(time.time() * 1000) - 120_000
            exchange.milliseconds = exchange.nonce
            with pytest.raises(ccxt.InvalidNonce):
                exchange.cancel_order("1", symbol, dict(params))

    run(body)
    assert [(s.path, s.reason) for s in loopback.seen] == [(path, "recvWindow")]


@pytest.mark.parametrize(("exchange_id", "symbol", "params"), [(e, s, p) for e, s, p, _ in CALLS])
def test_clock_sync_then_cancel_pass_verification_with_the_server_ahead(
    loopback: LoopbackExchange, exchange_id: str, symbol: str, params: dict[str, Any]
) -> None:
    """adjustForTimeDifference: the core loads ccxt's time difference from the product's clock once, then the cancel verifies."""
    loopback.clock_offset_ms = 30_000
    try:

        async def body() -> None:
            async with installed(loopback, "sync", exchange_id, options={"adjustForTimeDifference": True}) as exchange:
                assert exchange.cancel_order("1", symbol, dict(params))["status"] == "canceled"

        run(body)
    finally:
        loopback.clock_offset_ms = 0
    assert [s.reason for s in loopback.seen] == [None, None] and loopback.seen[0].path.endswith("/time")


COINM_IDS = ("binancecoinm", "binance")


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
