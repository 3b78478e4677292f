"""Arbitrary ids, symbols and params through the Binance spot, USD-M, margin and portfolio-margin plugins (hypothesis).

The harness is tests/support/properties.py (with its ``wire_problems``
checks of a clean Binance wire): ``exchange.fetch`` is a :class:`Wire` that
records every request and answers a claimed call's requests with the
loopback's canned answers (so the parsers run too); a declined call is
ccxt's own and its first request is refused by the stub.

Properties, for every generated call on a cold ``binance`` (under several
options: default, defaultType swap, marginMode, portfolio margin) and a cold
``binanceusdm``:

* only ``ccxt.BaseError`` escapes;
* a call the hooks reject sends nothing;
* every request of a claimed call is clean: no text ``None``, no empty id
  or symbol, none of ccxt's switches (``marginMode``, ``portfolioMargin``,
  ``papi`` ...) on the wire, ``orderId`` a LONG, ``isIsolated`` only as the
  pages spell it, ``recvWindow`` within 60000 where a page caps it, at most
  10 ids per batch, and nothing portfolio-margin ever on ``/fapi``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ccxt_cancel
from tests.support.properties import EXAMPLES, TRICKS, Sent, Wire, check_clean, exchange_for, id_lists, ids, mostly, no_none_text, scalars, wire_problems

SWITCHES = ("marginMode", "defaultMarginMode", "portfolioMargin", "defaultPortfolioMargin", "papi", "defaultPapi", "margin")
CAPPED_PREFIXES = ("/api/", "/sapi/", "/papi/")  # pages that say recvWindow "cannot be greater than 60000"

BINANCE_SYMBOLS = [
    "BTC/USDT", "BTC/USDT:USDT", "LTCBTC", "BTCUSDT_251226",
    "BTCUSDT", "ETH/USDT:USDT-251226", "BTC/USD:BTC", "BTCUSD_PERP", "YOYOW/BTC", "XBT/USDT", "BTC/USDT:BTC", "BTC/USDC:USDC",
    "btcusdt", "BTC/USDT:USDT-2512", "BTCUSDT_2512", "../BTCUSDT", "BTCUSDT&x=1", "", " ", "None", "ＢＴＣ/USDT", "BTC//USDT",
    "BTC-251226-100000-C", "1000PEPE/USDT:USDT", "币安人生/USDT",
]  # fmt: skip
USDM_SYMBOLS = ["BTC/USDT:USDT", "BTCUSDT", "BTC/USDT", "ETH/USDT:USDT-251226", *BINANCE_SYMBOLS]

PARAM_KEYS = [
    "marginMode", "defaultMarginMode", "portfolioMargin", "papi", "isIsolated", "recvWindow", "orderId", "origClientOrderId",
    "clientOrderId", "symbol", "origClientOrderIdList", "clientOrderIds", "orderIdList", "cancelRestrictions", "newClientOrderId",
    "type", "subType", "trigger", "stop", "algoId", "margin", "foo",
]  # fmt: skip
VALUES = st.one_of(
    scalars(),
    st.sampled_from(["cross", "isolated", "CROSS", "TRUE", "FALSE", "true", "ONLY_NEW", "swap", "spot", "linear", "a-1"]),
    st.sampled_from([5000, "5000", 60000, 60001, 0, -1, 6000.346, "6000.346", 2**63]),
    st.lists(st.one_of(st.text(max_size=8).filter(no_none_text), st.integers(0, 10**6), st.sampled_from(["a-1", "b_2", "c.3"])), max_size=3),
)
PLAUSIBLE = st.dictionaries(
    st.sampled_from(["marginMode", "portfolioMargin", "origClientOrderId", "clientOrderId", "recvWindow", "isIsolated", "newClientOrderId"]),
    st.one_of(st.sampled_from(["cross", "isolated"]), st.booleans(), st.from_regex(r"[.A-Z:/a-z0-9_-]{1,36}", fullmatch=True).filter(no_none_text)),
    max_size=3,
)
PARAMS = mostly(st.one_of(st.just({}), PLAUSIBLE), st.dictionaries(st.sampled_from(PARAM_KEYS), VALUES, max_size=4), st.none(), weight=3)


def symbols(known: list[str]) -> st.SearchStrategy[Any]:
    return mostly(st.sampled_from(known[:4]), st.sampled_from(known), st.none(), st.text(max_size=16), st.integers(), weight=6)


def binance_problems(sent: Sent) -> list[str]:
    """wire_problems, plus what the Binance pages and ccxt's switches require of every request."""
    problems = [p for p in wire_problems(sent) if "selector" not in p]
    parts = urlsplit(sent.url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    path = parts.path
    problems.extend(f"switch {key!r} on the wire" for key in SWITCHES if key in query)
    if "orderId" in query and not (query["orderId"].isdigit() and int(query["orderId"]) < 2**63):
        problems.append(f"orderId {query['orderId']!r} is not a LONG")
    # (COIN-M, binance_coinm's, passes unknown params through as ccxt does: not checked here)
    if "isIsolated" in query and not path.startswith("/dapi/") and (not path.startswith("/sapi/") or query["isIsolated"] != "TRUE"):
        problems.append(f"isIsolated={query['isIsolated']} on {path}")
    window = query.get("recvWindow", "0")
    if path.startswith(CAPPED_PREFIXES) and window.isdigit() and not 1 <= int(window) <= 60000:
        problems.append(f"recvWindow={window} beyond the page's 60000")
    for key in ("orderidlist", "origclientorderidlist"):
        if key in query and len(json.loads(query[key])) > 10:
            problems.append(f"{key} holds more than 10 ids")
    if path.startswith("/fapi/") and any(key in sent.url for key in ("portfolioMargin", "papi")):
        problems.append("a portfolio-margin switch on /fapi")
    return problems


def check(exchange: Any, wire: Wire, method: str, args: dict[str, Any]) -> None:
    check_clean(exchange, wire, method, args)
    if wire.claimed:
        for sent in wire.sent:
            assert not binance_problems(sent), f"{method}({args!r}) sent {sent.method} {sent.url}: {binance_problems(sent)}"


OPTIONS = [{}, {"defaultType": "swap"}, {"marginMode": "isolated"}, {"portfolioMargin": True}]


@pytest.fixture(params=OPTIONS, ids=["default", "swap", "margin", "portfolio"])
def binance(request: pytest.FixtureRequest) -> Iterator[tuple[Any, Wire]]:
    """A cold sync binance (markets never loaded): the plugins decide from the call alone."""
    exchange, wire = exchange_for("binance", options=dict(request.param))
    yield exchange, wire
    ccxt_cancel.uninstall(exchange)


@pytest.fixture
def usdm() -> Iterator[tuple[Any, Wire]]:
    exchange, wire = exchange_for("binanceusdm")
    yield exchange, wire
    ccxt_cancel.uninstall(exchange)


@EXAMPLES
@given(id=ids, symbol=symbols(BINANCE_SYMBOLS), params=PARAMS)
def test_binance_cancel_order_arbitrary_input(binance: tuple[Any, Wire], id: Any, symbol: Any, params: Any) -> None:
    check(*binance, "cancel_order", {"id": id, "symbol": symbol, "params": params})


@EXAMPLES
@given(ids=id_lists, symbol=symbols(BINANCE_SYMBOLS), params=PARAMS)
def test_binance_cancel_orders_arbitrary_input(binance: tuple[Any, Wire], ids: Any, symbol: Any, params: Any) -> None:
    check(*binance, "cancel_orders", {"ids": ids, "symbol": symbol, "params": params})


@EXAMPLES
@given(symbol=symbols(BINANCE_SYMBOLS), params=PARAMS)
def test_binance_cancel_all_orders_arbitrary_input(binance: tuple[Any, Wire], symbol: Any, params: Any) -> None:
    check(*binance, "cancel_all_orders", {"symbol": symbol, "params": params})


@EXAMPLES
@given(id=ids, symbol=symbols(USDM_SYMBOLS), params=PARAMS)
def test_binanceusdm_cancel_order_arbitrary_input(usdm: tuple[Any, Wire], id: Any, symbol: Any, params: Any) -> None:
    check(*usdm, "cancel_order", {"id": id, "symbol": symbol, "params": params})


@EXAMPLES
@given(ids=id_lists, symbol=symbols(USDM_SYMBOLS), params=PARAMS)
def test_binanceusdm_cancel_orders_arbitrary_input(usdm: tuple[Any, Wire], ids: Any, symbol: Any, params: Any) -> None:
    check(*usdm, "cancel_orders", {"ids": ids, "symbol": symbol, "params": params})


def test_the_binance_checks_are_not_vacuous() -> None:
    headers: dict[str, str] = {}
    assert binance_problems(Sent("DELETE", "https://x/fapi/v1/batchOrders?symbol=BTCUSDT&portfolioMargin=true", "", headers))
    assert binance_problems(Sent("DELETE", "https://x/api/v3/order?symbol=BTCUSDT&orderId=1&marginMode=cross", "", headers))
    assert binance_problems(Sent("DELETE", "https://x/sapi/v1/margin/order?symbol=BTCUSDT&orderId=1&isIsolated=true", "", headers))
    assert binance_problems(Sent("DELETE", "https://x/papi/v1/um/order?symbol=BTCUSDT&orderId=1&recvWindow=70000", "", headers))
    assert binance_problems(Sent("DELETE", "https://x/api/v3/order?symbol=BTCUSDT&orderId=1.5", "", headers))
    assert not binance_problems(Sent("DELETE", "https://x/fapi/v1/order?symbol=BTCUSDT&orderId=1&recvWindow=70000", "", headers))
    assert TRICKS  # the shared strategies are in use


def test_claimed_calls_are_really_exercised(binance: tuple[Any, Wire]) -> None:
    exchange, wire = binance
    wire.claimed = True
    symbol = "BTC/USDT:USDT" if exchange.options.get("defaultType") == "swap" else "BTC/USDT"
    params = {"marginMode": "cross"} if exchange.options.get("portfolioMargin") else {}
    assert exchange.cancel_order("7", symbol, dict(params))["status"] == "canceled"
    assert [o["id"] for o in exchange.cancel_orders(["7", "8"], symbol, dict(params))] == ["7", "8"]
    for sent in wire.sent:
        assert not binance_problems(sent)
