"""Arbitrary ids, symbols and params through the bitget plugin (hypothesis): ccxt errors only, and a clean wire.

The harness is tests/support/properties.py's: ``exchange.fetch`` is replaced by
its ``Wire``, answered with the loopback venue's canned Bitget answers
(tests/support/loopback/bitget.py), so the answer readers run too. The account
mode is known (``options['uta']`` False: classic, the room's; True: unified,
handed to ccxt, whose requests the stub refuses). For every claimed request: one
of the five documented classic cancel paths, a JSON body naming an order by a
non-empty ``orderId`` or ``clientOid``, at most 50 entries per batch, no text
``None`` / ``null``, and none of ccxt's selectors in the body.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ccxt_cancel
from tests.support.loopback import bitget as venue
from tests.support.properties import EXAMPLES, TRICKS, Sent, check_call, exchange_for, mostly, no_none_text, refused_and_silent, scalars, venue_answer

SINGLE = ("/api/v2/spot/trade/cancel-order", "/api/v2/mix/order/cancel-order")
BATCH = {"/api/v2/spot/trade/batch-cancel-order": "orderList", "/api/v2/mix/order/batch-cancel-orders": "orderIdList"}
SPOT_ALL = "/api/v2/spot/trade/cancel-symbol-order"
QUERIES = ("/api/v2/spot/trade/orderInfo", "/api/v2/mix/order/detail", "/api/v2/spot/trade/unfilled-orders")  # resolving, confirming
SELECTORS = ("uta", "trigger", "stop", "trailing", "planType", "marginMode", "margin", "stock", "category", "clientOrderId")
SYMBOLS = ["BTC/USDT", "BTC/USDT:USDT", "BTC/USD:BTC", "ETH/USDT", "BTCUSDT", "BTC/USDC:USDC", "", "None", "BTC/USDT?x=1", "../BTC"]
good_ids = st.one_of(st.from_regex(r"[0-9]{1,19}", fullmatch=True), st.integers(min_value=1, max_value=2**63 - 1))
ids = mostly(good_ids, scalars(), st.sampled_from(TRICKS))
id_lists = mostly(st.lists(good_ids, min_size=1, max_size=60), st.lists(ids, max_size=25), st.none(), st.integers())
client_ids = mostly(st.from_regex(r"[A-Za-z0-9_\-]{1,40}", fullmatch=True), st.sampled_from(TRICKS), st.text(max_size=30).filter(no_none_text))
params = mostly(
    st.just({}),
    st.dictionaries(
        st.sampled_from(["clientOrderId", "clientOid", "productType", "category", "marginCoin", "uta", "trigger", "marginMode", "type"]),
        st.one_of(client_ids, st.booleans(), st.sampled_from(["USDT-FUTURES", "COIN-FUTURES", "SPOT", "usdt", "swap"]), st.none()),
        max_size=3,
    ),
    st.none(),
)
symbols = mostly(st.sampled_from(SYMBOLS[:3]), st.sampled_from(SYMBOLS), st.none())


def named(entry: Any) -> bool:
    """An entry names an order by a non-empty orderId or clientOid string."""
    return isinstance(entry, dict) and any(isinstance(entry.get(key), str) and entry[key].strip() != "" for key in ("orderId", "clientOid"))


def problems(sent: Sent) -> list[str]:
    found: list[str] = []
    path = urlsplit(sent.url).path
    if sent.method == "GET" and path in QUERIES:
        return ["the text of a missing value on the wire"] if any(word in sent.url for word in ("None", "null")) else []
    if path not in (*SINGLE, *BATCH, SPOT_ALL):
        found.append(f"not a documented classic cancel path: {path}")
    if any(word in text for text in (sent.url, sent.body) for word in ("None", "null")):
        found.append("the text of a missing value on the wire")
    body = json.loads(sent.body) if sent.body else {}
    if not isinstance(body, dict):
        return [*found, "a body that is not a JSON object"]
    found.extend(f"selector {key} in the body" for key in SELECTORS if key in body)
    if path in SINGLE and not named(body):
        found.append("a single cancel naming no order")
    if path in BATCH and BATCH[path] in body:
        entries = body[BATCH[path]]
        if not isinstance(entries, list) or not 0 < len(entries) <= 50 or not all(named(entry) for entry in entries):
            found.append(f"a batch that is not 1-50 named orders: {entries!r}"[:200])
    if path == SPOT_ALL and not body.get("symbol"):
        found.append("a spot cancel-all without a symbol")
    return found


@pytest.fixture(params=[False, True], ids=["classic", "unified"])
def bitget(request: pytest.FixtureRequest) -> Any:
    exchange, wire = exchange_for("bitget", venue_answer(venue), password="LOOPBACK-FAKE-PASSPHRASE", options={"uta": request.param})
    yield exchange, wire
    ccxt_cancel.uninstall(exchange)


@EXAMPLES
@given(id_=ids, symbol=symbols, extra=params)
def test_cancel_order_inputs(bitget: Any, id_: Any, symbol: Any, extra: Any) -> None:
    check_call(*bitget, "cancel_order", {"id": id_, "symbol": symbol, "params": extra}, problems)


@EXAMPLES
@given(id_list=id_lists, symbol=symbols, extra=params)
def test_cancel_orders_inputs(bitget: Any, id_list: Any, symbol: Any, extra: Any) -> None:
    check_call(*bitget, "cancel_orders", {"ids": id_list, "symbol": symbol, "params": extra}, problems)


@EXAMPLES
@given(symbol=symbols, extra=params)
def test_cancel_all_orders_inputs(bitget: Any, symbol: Any, extra: Any) -> None:
    check_call(*bitget, "cancel_all_orders", {"symbol": symbol, "params": extra}, problems)


def test_the_checks_are_not_vacuous() -> None:
    assert problems(Sent("POST", "https://api.bitget.com/api/v2/spot/trade/cancel-order", '{"symbol": "BTCUSDT", "orderId": ""}'))
    assert problems(Sent("POST", "https://api.bitget.com/api/v2/spot/trade/cancel-order", '{"symbol": "BTCUSDT", "orderId": "None"}'))
    assert problems(Sent("POST", "https://api.bitget.com/api/v2/mix/order/cancel-order", '{"orderId": "1", "marginMode": "cross"}'))
    assert problems(Sent("POST", "https://api.bitget.com/api/v2/mix/order/batch-cancel-orders", json.dumps({"orderIdList": [{"orderId": "1"}] * 51})))
    assert problems(Sent("POST", "https://api.bitget.com/api/v2/spot/trade/orders/", "{}"))
    assert not problems(Sent("POST", "https://api.bitget.com/api/v2/spot/trade/cancel-order", '{"symbol": "BTCUSDT", "orderId": "1"}'))


def test_a_claimed_call_is_really_exercised() -> None:
    exchange, wire = exchange_for("bitget", venue_answer(venue), password="LOOPBACK-FAKE-PASSPHRASE", options={"uta": False})
    wire.claimed = True
    try:
        assert exchange.cancel_order("1", "BTC/USDT")["id"] == "1"
        assert [o["id"] for o in exchange.cancel_orders(["1", "2"], "BTC/USDT:USDT")] == ["1", "2"]
        assert all(not problems(sent) for sent in wire.sent) and len(wire.sent) == 2
    finally:
        ccxt_cancel.uninstall(exchange)


@pytest.mark.parametrize(
    ("method", "args", "rule"),
    [
        ("cancel_all_orders", ("BTC/USDT", {"clientOrderId": "x"}), "a cancel-all cancels every open order"),
        ("cancel_all_orders", ("BTC/USDT:USDT", {"orderId": "5"}), "a cancel-all cancels every open order"),
        ("cancel_all_orders", (None, {"productType": "USDT-FUTURES", "clientOid": "x"}), "a cancel-all cancels every open order"),
        ("cancel_orders", (["1"], "BTC/USDT", {"clientOrderId": "x"}), "ride along with every request of the batch"),
        ("cancel_order", ("1", "BTC/USDT", {"clientOrderIds": ["x"]}), "use cancel_orders"),
        ("cancel_order", (" ", "BTC/USDT", {}), "must be a non-empty string"),
        ("cancel_all_orders", ("BTC/USDT:USDT", {"marginCoin": "None"}), "of a missing value"),
    ],
)
def test_found_by_the_properties_refused_and_nothing_sent(method: str, args: tuple[Any, ...], rule: str) -> None:
    refused_and_silent("bitget", method, args, rule, password="LOOPBACK-FAKE-PASSPHRASE", options={"uta": False})
