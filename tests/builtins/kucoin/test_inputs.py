"""Arbitrary ids, symbols and params through the kucoin plugin (hypothesis): ccxt errors only, and a clean wire.

The harness is tests/support/properties.py's: ``exchange.fetch`` is replaced by
its ``Wire``, answered with the loopback venue's canned KuCoin answers
(tests/support/loopback/kucoin.py: a classic account, cancels acknowledged), so
the answer readers run too; a fresh instance asks the account mode first. For
every claimed request: a path that never ends in ``/`` and has no empty
segment, at most 10 ids per multi-cancel, no empty id, no text ``None`` /
``null``, and none of ccxt's selectors on the wire.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ccxt_cancel
from tests.support.loopback import kucoin as venue
from tests.support.properties import EXAMPLES, TRICKS, Sent, check_call, exchange_for, mostly, no_none_text, refused_and_silent, scalars, venue_answer

SELECTORS = ("uta", "trigger", "stop", "marginMode", "tradeType", "sync", "isolated", "accountMode", "hf", "clientOrderId", "clientOrderIds")
SYMBOLS = ["BTC/USDT:USDT", "BTC/USDT", "ETH/USDT:USDT", "BTC/USD:BTC", "XBTUSDTM", "", "None", "BTC/USDT?x=1", "../BTC"]
good_ids = st.one_of(st.from_regex(r"[0-9a-f]{24}", fullmatch=True), st.from_regex(r"[0-9]{1,19}", fullmatch=True))
ids = mostly(good_ids, scalars(), st.sampled_from(TRICKS))
id_lists = mostly(st.lists(good_ids, min_size=1, max_size=25), st.lists(ids, max_size=12), st.none(), st.integers())
client_ids = mostly(st.from_regex(r"[A-Za-z0-9_\-]{1,40}", fullmatch=True), st.sampled_from(TRICKS), st.text(max_size=30).filter(no_none_text))
params = mostly(
    st.just({}),
    st.dictionaries(
        st.sampled_from(["clientOrderId", "clientOid", "clientOrderIds", "uta", "hf", "trigger", "marginMode", "tradeType", "symbol", "orderId"]),
        st.one_of(client_ids, st.booleans(), st.sampled_from(["TRADE", "MARGIN_TRADE", "cross", "XBTUSDTM"]), st.none(), st.lists(client_ids, max_size=3)),
        max_size=3,
    ),
    st.none(),
)
symbols = mostly(st.sampled_from(SYMBOLS[:3]), st.sampled_from(SYMBOLS), st.none())


def problems(sent: Sent) -> list[str]:
    found: list[str] = []
    parts = urlsplit(sent.url)
    path, query = unquote(parts.path), dict(parse_qsl(parts.query, keep_blank_values=True))
    if path.endswith("/") or "//" in path:
        found.append(f"a path a server could read as every order: {path}")
    if any(word in text for text in (sent.url, sent.body) for word in ("None", "null")):
        found.append("the text of a missing value on the wire")
    found.extend(f"selector {key} in the query" for key in SELECTORS if key in query)
    found.extend(f"empty {key} in the query" for key, value in query.items() if key in ("symbol", "orderId", "clientOid") and not value.strip())
    if sent.body:
        body = json.loads(sent.body)
        found.extend(f"selector {key} in the body" for key in SELECTORS if isinstance(body, dict) and key in body)
        listed = body.get("orderIdsList") or body.get("clientOidsList") if isinstance(body, dict) else None
        if path.endswith("/multi-cancel") and (not isinstance(listed, list) or not 0 < len(listed) <= 10):
            found.append(f"a multi-cancel that is not 1-10 ids: {sent.body[:200]}")
    return found


@pytest.fixture(params=["kucoinfutures", "kucoin"])
def kucoin(request: pytest.FixtureRequest) -> Any:
    exchange, wire = exchange_for(request.param, venue_answer(venue), password=venue.PASSPHRASE)
    yield exchange, wire
    ccxt_cancel.uninstall(exchange)


@EXAMPLES
@given(id_=ids, symbol=symbols, extra=params)
def test_cancel_order_inputs(kucoin: Any, id_: Any, symbol: Any, extra: Any) -> None:
    check_call(*kucoin, "cancel_order", {"id": id_, "symbol": symbol, "params": extra}, problems)


@EXAMPLES
@given(id_list=id_lists, symbol=symbols, extra=params)
def test_cancel_orders_inputs(kucoin: Any, id_list: Any, symbol: Any, extra: Any) -> None:
    check_call(*kucoin, "cancel_orders", {"ids": id_list, "symbol": symbol, "params": extra}, problems)


@EXAMPLES
@given(symbol=symbols, extra=params)
def test_cancel_all_orders_inputs(kucoin: Any, symbol: Any, extra: Any) -> None:
    check_call(*kucoin, "cancel_all_orders", {"symbol": symbol, "params": extra}, problems)


def test_the_checks_are_not_vacuous() -> None:
    base = "https://api-futures.kucoin.com/api/v1/orders"
    assert problems(Sent("DELETE", f"{base}/", ""))
    assert problems(Sent("DELETE", f"{base}/None", ""))
    assert problems(Sent("DELETE", "https://api-futures.kucoin.com/api/v3/orders?symbol=&hf=true", ""))
    assert problems(Sent("DELETE", f"{base}/multi-cancel", json.dumps({"orderIdsList": [str(i) for i in range(11)]})))
    assert not problems(Sent("DELETE", f"{base}/5c35c02703aa673ceec2a168", ""))


def test_a_claimed_call_is_really_exercised(kucoin: Any) -> None:
    exchange, wire = kucoin
    wire.claimed = True
    symbol = "BTC/USDT:USDT" if exchange.id == "kucoinfutures" else "BTC/USDT"
    assert exchange.cancel_order("5c35c02703aa673ceec2a168", symbol)["id"] == "5c35c02703aa673ceec2a168"
    assert [sent.method for sent in wire.sent] == ["GET", "DELETE"]  # the account mode, once, then the cancel
    assert all(not problems(sent) for sent in wire.sent)


@pytest.mark.parametrize(
    ("method", "args", "rule"),
    [
        ("cancel_order", ("5c35c02703aa673ceec2a168", "BTC/USDT:USDT", {"clientOrderIds": False}), "use cancel_orders"),
        ("cancel_orders", (["8"], "BTC/USDT:USDT", {"clientOrderId": "0"}), "ride along with every request of the batch"),
        ("cancel_all_orders", ("BTC/USDT:USDT", {"orderId": "5"}), "a cancel-all cancels every open order"),
    ],
)
def test_found_by_the_properties_refused_and_nothing_sent(method: str, args: tuple[Any, ...], rule: str) -> None:
    refused_and_silent("kucoinfutures", method, args, rule, password=venue.PASSPHRASE, options={"uta": False})
