"""Arbitrary ids, symbols and params through the gate plugin (hypothesis): ccxt errors only, and a clean wire.

The harness is tests/support/properties.py's: ``exchange.fetch`` is replaced by
its ``Wire``, answered with the loopback venue's canned Gate answers
(tests/support/loopback/gate.py), so the answer readers run too. For every
claimed request: a documented cancel path (never one ending in ``/orders/``),
a path id of Gate's safe characters, a lower-case settle, at most 20 ids per
batch, no text ``None`` / ``null``, and none of ccxt's selectors on the wire.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.loopback import gate as venue
from tests.support.properties import EXAMPLES, TRICKS, Sent, exchange_for, mostly, no_none_text, scalars, venue_answer

PATHS = re.compile(
    r"/api/v4/(?:spot/orders/[0-9A-Za-z_.\-]{1,64}|spot/orders|spot/cancel_batch_orders"
    r"|futures/(?:usdt|btc)/orders/[0-9A-Za-z_.\-]{1,64}|futures/(?:usdt|btc)/orders|futures/(?:usdt|btc)/batch_cancel_orders)"
)
SELECTORS = ("unifiedAccount", "clientOrderId", "trigger", "stop", "is_stop_order", "marginMode", "type", "settle")
SYMBOLS = ["BTC/USDT", "BTC/USDT:USDT", "BTC/USD:BTC", "ETH/USDT", "BTC/USDT:USDT-251226", "GTC/USDT", "", "None", "BTC/USDT?x=1", "../BTC"]
good_ids = st.one_of(st.from_regex(r"[0-9]{1,19}", fullmatch=True), st.integers(min_value=0, max_value=2**63 - 1))
ids = mostly(good_ids, scalars(), st.sampled_from(TRICKS))
id_lists = mostly(st.lists(good_ids, min_size=1, max_size=45), st.lists(ids, max_size=25), st.none(), st.integers())
client_ids = mostly(st.from_regex(r"t-[A-Za-z0-9_.\-]{1,28}", fullmatch=True), st.sampled_from(TRICKS), st.text(max_size=30).filter(no_none_text))
params = mostly(
    st.just({}),
    st.dictionaries(
        st.sampled_from(["clientOrderId", "text", "unifiedAccount", "account", "marginMode", "type", "settle", "trigger", "action_mode"]),
        st.one_of(client_ids, st.booleans(), st.sampled_from(["spot", "unified", "margin", "swap", "USDT", "btc", "ACK"]), st.none()),
        max_size=3,
    ),
    st.none(),
)
symbols = mostly(st.sampled_from(SYMBOLS[:3]), st.sampled_from(SYMBOLS), st.none())


def problems(sent: Sent) -> list[str]:
    found: list[str] = []
    parts = urlsplit(sent.url)
    path, query = unquote(parts.path), dict(parse_qsl(parts.query, keep_blank_values=True))
    if PATHS.fullmatch(path) is None:
        found.append(f"not a documented cancel path: {path}")
    if path.endswith("/"):
        found.append("a path ending in /")
    for text in (sent.url, sent.body):
        if any(word in text for word in ("None", "null")):
            found.append("the text of a missing value on the wire")
    for key in SELECTORS:
        if key in query:
            found.append(f"selector {key} on the wire")
    if sent.body:
        body = json.loads(sent.body)
        if not isinstance(body, list) or not 0 < len(body) <= 20:
            found.append(f"a batch of {len(body) if isinstance(body, list) else '?'}")
    return found


@pytest.fixture(params=[{}, {"unifiedAccount": True}, {"unifiedAccount": False}], ids=["mode-unknown", "unified", "classic"])
def gate(request: pytest.FixtureRequest) -> Any:
    import ccxt_cancel

    exchange, wire = exchange_for("gate", venue_answer(venue), options=dict(request.param))
    yield exchange, wire
    ccxt_cancel.uninstall(exchange)


@EXAMPLES
@given(id_=ids, symbol=symbols, extra=params)
def test_cancel_order_inputs(gate: Any, id_: Any, symbol: Any, extra: Any) -> None:
    from tests.support.properties import check_call

    exchange, wire = gate
    check_call(exchange, wire, "cancel_order", {"id": id_, "symbol": symbol, "params": extra}, problems)


@EXAMPLES
@given(id_list=id_lists, symbol=symbols, extra=params)
def test_cancel_orders_inputs(gate: Any, id_list: Any, symbol: Any, extra: Any) -> None:
    from tests.support.properties import check_call

    exchange, wire = gate
    check_call(exchange, wire, "cancel_orders", {"ids": id_list, "symbol": symbol, "params": extra}, problems)


@EXAMPLES
@given(symbol=symbols, extra=params)
def test_cancel_all_orders_inputs(gate: Any, symbol: Any, extra: Any) -> None:
    from tests.support.properties import check_call

    exchange, wire = gate
    check_call(exchange, wire, "cancel_all_orders", {"symbol": symbol, "params": extra}, problems)
