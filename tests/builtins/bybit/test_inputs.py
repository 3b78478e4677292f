"""Arbitrary ids, symbols and params through the bybit plugin (hypothesis): ccxt errors only, and a clean wire.

No network: ``exchange.fetch`` records what would be sent and answers a
claimed call's request with the loopback venue's answer
(tests/support/loopback/bybit.py), so the plugin's parsers run too. A call
the plugin declines is ccxt's own (it would load markets first); its
requests are refused by the stub with a ccxt error and are not subject to
the wire properties.

Properties, for every generated call:

* the only exceptions that escape are subclasses of ``ccxt.BaseError``;
* a call the hook refuses (a ccxt error from the hook) sends nothing;
* every request of a claimed call is a well-formed v5 cancel: a JSON
  object, no ``null`` or text ``None`` anywhere, a documented category, an
  uppercase symbol, exactly one non-empty id per order, at most 20 orders
  (10 on spot) per batch, cancel-all scoped as the page requires, and none
  of the keys the plugin consumes (``clientOrderId``, ``type``, ...);
* the loopback's checks of the page's rules never answer it "Request
  parameter error" (10001).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ccxt_cancel
from tests.support import properties
from tests.support.loopback import bybit as venue
from tests.support.properties import EXAMPLES, TRICKS, Sent, Wire, exchange_for, mostly, no_none_text, scalars

CATEGORIES = ("spot", "linear", "inverse", "option")
LIMIT = {"spot": 10, "linear": 20, "inverse": 20, "option": 20}
SYMBOL = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
# keys the plugin reads and never sends (other params pass through, as ccxt passes them)
CONSUMED = {
    "/v5/order/cancel": ("clientOrderId", "type", "defaultType", "subType", "defaultSubType"),
    "/v5/order/cancel-batch": ("clientOrderIds", "clientOids", "type", "defaultType", "subType", "defaultSubType"),
    "/v5/order/cancel-all": ("type", "defaultType", "subType", "defaultSubType"),
}
DECLINE = ("trigger", "stop", "stopLossPrice", "takeProfitPrice", "triggerPrice", "stopPrice", "orderFilter", "stopOrderType")

BYBIT_SYMBOLS = [
    "BTC/USDT:USDT", "BTC/USDT", "BTC/USD:BTC", "BTCUSDT", "BTCUSD", "BTC/USDC:USDC", "BTC/USDT:USDT-251226",
    "BTC/USD:USDC-251226-100000-C", "BTC-26DEC25-100000-C", "XBT/USDT", "btc/usdt", "BTC//USDT", "BTC/USDT:", "/USDT",
    "BTCUSDT ", "", " ", "None", "None/USDT", "BTC/USDT:USDT\n", "ＢＴＣ/USDT", "BTCUSDT-", "-", "1000PEPE/USDT:USDT",
]  # fmt: skip
PARAM_KEYS = [
    "clientOrderId", "orderLinkId", "orderId", "symbol", "category", "type", "subType", "settleCoin", "baseCoin",
    "clientOrderIds", "clientOids", "request", "trigger", "orderFilter", "foo",
]  # fmt: skip

good_ids = st.one_of(st.from_regex(r"[0-9a-f-]{1,40}", fullmatch=True), st.integers(min_value=0, max_value=2**63 - 1))
ids = mostly(good_ids, scalars(), st.sampled_from(TRICKS), st.just({"id": "1"}))
id_lists = mostly(st.lists(good_ids, min_size=1, max_size=45), st.lists(ids, max_size=12), st.none(), st.text(max_size=5), st.integers(), st.tuples(ids, ids))
client_ids = st.from_regex(r"[A-Za-z0-9_-]{1,36}", fullmatch=True).filter(no_none_text)
plausible = st.fixed_dictionaries(
    {},
    optional={
        "clientOrderId": client_ids,
        "category": st.sampled_from([*CATEGORIES, "futures", ""]),
        "type": st.sampled_from(["spot", "swap", "future", "option", "margin"]),
        "subType": st.sampled_from(["linear", "inverse", "x"]),
        "settleCoin": st.sampled_from(["USDT", "USDC", "BTC", "usdt", ""]),
        "baseCoin": st.sampled_from(["BTC", "ETH", "btc"]),
        "clientOrderIds": st.lists(client_ids, max_size=25, unique=True),
    },
)
arbitrary = st.dictionaries(
    st.sampled_from(PARAM_KEYS),
    st.one_of(scalars(), st.lists(st.one_of(client_ids, st.none(), st.integers()), max_size=3), st.sampled_from(["BTCUSDT", "linear", "spot"])),
    max_size=4,
)
params = mostly(plausible, arbitrary, st.none(), st.just([("clientOrderId", "x")]), weight=5)
symbols = mostly(
    st.sampled_from(BYBIT_SYMBOLS[:5]), st.sampled_from(BYBIT_SYMBOLS), st.none(), st.text(max_size=12), st.integers(), st.just(["BTC/USDT"]), weight=6
)


@pytest.fixture
def bybit() -> Iterator[tuple[Any, Wire]]:
    """A cold sync bybit: markets never loaded, so the plugin decides from the symbol alone."""
    exchange, wire = exchange_for("bybit", answer=lambda method, url, body: venue.answer_for(method, urlsplit(url).path, urlsplit(url).query, body)[1])
    yield exchange, wire
    ccxt_cancel.uninstall(exchange)


def _nulls(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_nulls(v) for v in value.values())
    if isinstance(value, list):
        return any(_nulls(v) for v in value)
    return False


def _one_id(order: Any) -> bool:
    present = [key for key in ("orderId", "orderLinkId") if key in order]
    return len(present) == 1 and isinstance(order[present[0]], str) and order[present[0]].strip() != ""


def wire_problems(sent: Sent) -> list[str]:
    """Everything wrong with one request of a claimed call (empty list: clean)."""
    path = urlsplit(sent.url).path
    if sent.method != "POST" or path not in ("/v5/order/cancel", "/v5/order/cancel-batch", "/v5/order/cancel-all"):
        return [f"not a v5 cancel: {sent.method} {path}"]
    if "None" in sent.body:
        return ["carries the text None"]
    try:
        body = json.loads(sent.body)
    except ValueError:
        return ["body is not JSON"]
    if not isinstance(body, dict):
        return ["body is not a JSON object"]
    problems = []
    if _nulls(body):
        problems.append("carries null")
    category = body.get("category")
    if category not in CATEGORIES:
        problems.append(f"category {category!r}")
    problems.extend(f"consumed key {key!r} on the wire" for key in CONSUMED[path] if key in body)
    problems.extend(f"conditional key {key!r} on the wire" for key in DECLINE if key in body)
    if "symbol" in body and not (isinstance(body["symbol"], str) and SYMBOL.fullmatch(body["symbol"])):
        problems.append(f"symbol {body['symbol']!r}")
    if path == "/v5/order/cancel":
        if "symbol" not in body or not _one_id(body):
            problems.append("cancel without a symbol or without exactly one id")
    elif path == "/v5/order/cancel-batch":
        items = body.get("request")
        if not isinstance(items, list) or not 1 <= len(items) <= LIMIT.get(str(category), 0):
            problems.append(f"batch of {len(items) if isinstance(items, list) else items!r} for {category}")
        elif not all(isinstance(i, dict) and isinstance(i.get("symbol"), str) and SYMBOL.fullmatch(i["symbol"]) and _one_id(i) for i in items):
            problems.append("a batch item without a symbol or without exactly one id")
    else:
        if category in ("linear", "inverse") and not any(body.get(key) for key in ("symbol", "baseCoin", "settleCoin")):
            problems.append("linear/inverse cancel-all without symbol, baseCoin or settleCoin")
        if category == "spot" and "settleCoin" in body:
            problems.append("spot cancel-all with settleCoin")
    if not problems and venue.answer_for("POST", path, "", sent.body)[1].get("retCode") == 10001:
        problems.append("the loopback's checks of the page's rules refuse it")
    return problems


def check_call(exchange: Any, wire: Wire, method: str, args: dict[str, Any]) -> None:
    properties.check_call(exchange, wire, method, args, wire_problems)


@EXAMPLES
@given(id=ids, symbol=symbols, params=params)
def test_cancel_order_arbitrary_input(bybit: tuple[Any, Wire], id: Any, symbol: Any, params: Any) -> None:
    check_call(*bybit, "cancel_order", {"id": id, "symbol": symbol, "params": params})


@EXAMPLES
@given(ids=id_lists, symbol=symbols, params=params)
def test_cancel_orders_arbitrary_input(bybit: tuple[Any, Wire], ids: Any, symbol: Any, params: Any) -> None:
    check_call(*bybit, "cancel_orders", {"ids": ids, "symbol": symbol, "params": params})


@EXAMPLES
@given(symbol=st.one_of(st.none(), symbols), params=params)
def test_cancel_all_orders_arbitrary_input(bybit: tuple[Any, Wire], symbol: Any, params: Any) -> None:
    check_call(*bybit, "cancel_all_orders", {"symbol": symbol, "params": params})


def test_wire_check_catches_each_kind_of_bad_request() -> None:
    url = "https://api.bybit.com/v5/order/"
    assert wire_problems(Sent("POST", url + "cancel", json.dumps({"category": "linear", "symbol": "BTCUSDT", "orderId": None})))
    assert wire_problems(Sent("POST", url + "cancel", json.dumps({"category": "linear", "symbol": "BTCUSDT"})))
    assert wire_problems(Sent("POST", url + "cancel", json.dumps({"category": "linear", "symbol": "BTCUSDT", "orderId": "1", "orderLinkId": "a"})))
    assert wire_problems(Sent("POST", url + "cancel", json.dumps({"category": "linear", "symbol": "btcusdt", "orderId": "1"})))
    assert wire_problems(Sent("POST", url + "cancel", json.dumps({"category": "linear", "symbol": "BTCUSDT", "orderId": "1", "clientOrderId": "a"})))
    assert wire_problems(
        Sent("POST", url + "cancel-batch", json.dumps({"category": "spot", "request": [{"symbol": "BTCUSDT", "orderId": "1"}], "type": "spot"}))
    )
    assert wire_problems(
        Sent("POST", url + "cancel-batch", json.dumps({"category": "spot", "request": [{"symbol": "BTCUSDT", "orderId": str(i)} for i in range(11)]}))
    )
    assert wire_problems(Sent("POST", url + "cancel-all", json.dumps({"category": "inverse"})))
    assert wire_problems(Sent("POST", url + "cancel-all", json.dumps({"category": "spot", "settleCoin": "USDT"})))
    assert not wire_problems(Sent("POST", url + "cancel", json.dumps({"category": "linear", "symbol": "BTCUSDT", "orderLinkId": "a"})))
    assert not wire_problems(Sent("POST", url + "cancel-all", json.dumps({"category": "inverse", "settleCoin": "BTC"})))


def test_a_claimed_call_is_really_exercised(bybit: tuple[Any, Wire]) -> None:
    """Valid input through the same harness is claimed, sent and parsed, so the properties above see real requests."""
    exchange, wire = bybit
    wire.claimed = True
    assert exchange.cancel_order(None, "BTC/USDT:USDT", {"clientOrderId": "a"})["clientOrderId"] == "a"
    assert [o["id"] for o in exchange.cancel_orders([str(i) for i in range(45)], "BTC/USDT:USDT")] == [str(i) for i in range(45)]
    assert len(wire.sent) == 4
