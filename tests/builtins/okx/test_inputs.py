"""Arbitrary ids, symbols and params through the okx plugin (hypothesis): ccxt errors only, and a clean wire.

The harness is tests/support/properties.py: ``exchange.fetch`` is
replaced by its ``Wire``, which records what would be sent and answers a
claimed call's requests with the loopback exchange's canned OKX answers
(tests/support/loopback/okx.py), so the plugin's answer readers run too; a
declined call is ccxt's own, whose request the stub refuses with a ccxt error.

Properties, for every generated call, cold (no markets) and warm:

* the only exceptions that escape a claimed or refused call are subclasses
  of ``ccxt.BaseError`` (a declined call is ccxt's, with ccxt's own bugs);
* a call the hook rejects sends nothing;
* every request of a claimed call is well formed: a JSON body with a valid
  instId and exactly one of ``ordId`` (digits) / ``clOrdId`` (1-32 letters
  or digits) per order, at most 20 orders per batch, no ``null``, no text
  ``None``, no algo switch (``trigger``, ``stop``, ``trailing``); a listing
  asks for one valid instId, 100 a page.

And two properties of the pieces: the instId the plugin derives for any
well-formed instrument is the one ccxt's own okx ``parse_market`` pairs
with that symbol (and back), and any batch of unique ids goes out in
ceil(n / 20) requests, in order, and comes back whole.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import ccxt
import pytest
from hypothesis import given
from hypothesis import strategies as st

import ccxt_cancel
from ccxt_cancel.builtins.okx import markets, plugin
from tests.builtins.okx.helpers import parsed_markets
from tests.support import properties
from tests.support.loopback.okx import PASSPHRASE
from tests.support.properties import EXAMPLES, TRICKS, Sent, Wire, exchange_for, mostly, no_none_text, scalars

INST_ID = re.compile(r"[A-Z0-9]{1,20}-[A-Z0-9]{1,20}(?:-SWAP|-[0-9]{6}(?:-[0-9.]+-[CP])?)?")
ORD_ID = re.compile(r"[0-9]+")
CL_ORD_ID = re.compile(r"[A-Za-z0-9]{1,32}")
ALGO_SWITCHES = ("trigger", "stop", "trailing")

# --- strategies -------------------------------------------------------------------------------------

OKX_SYMBOLS = [
    "BTC/USDT", "BTC/USDT:USDT", "BTC/USD:BTC-251226-100000-C", "BTC-USDT-SWAP",
    "BTC/USD:BTC", "BTC/USDT:USDT-251226", "ETH-USD-251226", "BTC/USD:USD", "btc/usdt", "BTC-USD_UM-SWAP", "../BTC-USDT",
    "BTC-USDT/..", "BTC/USDT?x=1", "BTC/USDT:USDT-251332", "", " ", "None", "None/USDT", "BTC-None", "ＢＴＣ/USDT", "BTC/USDT\n",
    "AET/USDT", "BTC//USDT", "BTC/USDT:BTC", "BTC-USDT-251226-1-C",
]  # fmt: skip
good_ids = st.one_of(st.from_regex(r"[0-9]{1,19}", fullmatch=True), st.integers(min_value=0, max_value=2**63 - 1))
client_ids = st.from_regex(r"[A-Za-z0-9]{1,32}", fullmatch=True).filter(no_none_text)
ids = mostly(good_ids, scalars(), st.sampled_from(TRICKS), st.lists(st.integers(0, 9), max_size=2), st.just({"id": "1"}))
id_lists = mostly(
    st.lists(good_ids, min_size=1, max_size=45),
    st.lists(ids, max_size=25),
    st.none(),
    st.text(alphabet="0123456789,", max_size=12),
    st.tuples(ids, ids),
    st.integers(),
)
PARAM_KEYS = ["clOrdId", "clientOrderId", "ordId", "instId", "trigger", "stop", "trailing", "algoId", "method", "foo", "tag"]
values = st.one_of(
    scalars(),
    client_ids,
    st.lists(st.one_of(client_ids, st.text(max_size=6).filter(no_none_text), st.integers(0, 10**6)), max_size=4),
    st.sampled_from(["BTC-USDT", "BTC-USDT-SWAP", "a,b", "", False, True]),
)
plausible = st.dictionaries(
    st.sampled_from(["clOrdId", "clientOrderId", "trigger", "instId", "tag"]),
    st.one_of(client_ids, st.lists(client_ids, min_size=1, max_size=3), st.just(False), st.just("BTC-USDT")),
    max_size=2,
)
params = mostly(st.one_of(st.just({}), plausible), st.dictionaries(st.sampled_from(PARAM_KEYS), values, max_size=3), st.none(), weight=5)
symbols = mostly(st.sampled_from(OKX_SYMBOLS[:4]), st.sampled_from(OKX_SYMBOLS), st.none(), st.text(max_size=16), st.integers(), weight=6)


# --- the wire -----------------------------------------------------------------------------------------


def order_problems(entry: Any) -> list[str]:
    if not isinstance(entry, dict):
        return [f"an order entry that is not an object: {entry!r}"]
    problems = []
    if not isinstance(entry.get("instId"), str) or not INST_ID.fullmatch(entry["instId"]):
        problems.append(f"bad instId {entry.get('instId')!r}")
    named = [key for key in ("ordId", "clOrdId") if key in entry]
    if len(named) != 1:
        problems.append(f"carries {named or 'no id'}: exactly one of ordId / clOrdId")
    if "ordId" in entry and not (isinstance(entry["ordId"], str) and ORD_ID.fullmatch(entry["ordId"])):
        problems.append(f"bad ordId {entry['ordId']!r}")
    if "clOrdId" in entry and not (isinstance(entry["clOrdId"], str) and CL_ORD_ID.fullmatch(entry["clOrdId"])):
        problems.append(f"bad clOrdId {entry['clOrdId']!r}")
    problems.extend(f"algo switch {key!r} on the wire" for key in ALGO_SWITCHES if key in entry)
    return problems


def wire_problems(sent: Sent) -> list[str]:
    """Everything wrong with one request of a claimed okx call (empty: clean)."""
    parts = urlsplit(sent.url)
    problems = ["carries the text None" for text in (unquote(sent.url), sent.body) if "None" in text]
    if "null" in sent.body:
        problems.append("carries a JSON null")
    if parts.path.endswith("/trade/orders-pending"):
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        if not INST_ID.fullmatch(query.get("instId", "")) or query.get("limit") != "100":
            problems.append(f"bad listing query {parts.query!r}")
        return problems
    body = json.loads(sent.body)
    if parts.path.endswith("/trade/cancel-order"):
        problems.extend(order_problems(body))
    elif parts.path.endswith("/trade/cancel-batch-orders"):
        if not isinstance(body, list) or not 1 <= len(body) <= 20:
            problems.append(f"a batch of {len(body) if isinstance(body, list) else body!r} orders")
        else:
            for entry in body:
                problems.extend(order_problems(entry))
            if len({json.dumps(sorted(e)) for e in body if isinstance(e, dict)}) > 1:
                problems.append("a batch mixing ordId and clOrdId items")
    else:
        problems.append(f"an unexpected path {parts.path}")
    return problems


def check_call(exchange: Any, wire: Wire, method: str, args: dict[str, Any]) -> None:
    properties.check_call(exchange, wire, method, args, wire_problems)


@pytest.fixture(params=["cold", "warm"])
def okx(request: pytest.FixtureRequest) -> Iterator[tuple[Any, Wire]]:
    exchange, wire = exchange_for("okx", password=PASSPHRASE)
    if request.param == "warm":
        exchange.set_markets(parsed_markets())
    yield exchange, wire
    ccxt_cancel.uninstall(exchange)


@EXAMPLES
@given(id=ids, symbol=symbols, params=params)
def test_okx_cancel_order_arbitrary_input(okx: tuple[Any, Wire], id: Any, symbol: Any, params: Any) -> None:
    check_call(*okx, "cancel_order", {"id": id, "symbol": symbol, "params": params})


@EXAMPLES
@given(ids=id_lists, symbol=symbols, params=params)
def test_okx_cancel_orders_arbitrary_input(okx: tuple[Any, Wire], ids: Any, symbol: Any, params: Any) -> None:
    check_call(*okx, "cancel_orders", {"ids": ids, "symbol": symbol, "params": params})


@EXAMPLES
@given(symbol=st.one_of(st.none(), symbols), params=params)
def test_okx_cancel_all_orders_arbitrary_input(okx: tuple[Any, Wire], symbol: Any, params: Any) -> None:
    check_call(*okx, "cancel_all_orders", {"symbol": symbol, "params": params})


def test_the_wire_check_is_not_vacuous() -> None:
    url = "https://www.okx.com/api/v5/trade/cancel-order"
    assert wire_problems(Sent("POST", url, '{"instId":"BTC-USDT","ordId":null}'))
    assert wire_problems(Sent("POST", url, '{"instId":"BTC-USDT","ordId":"1","clOrdId":"a"}'))
    assert wire_problems(Sent("POST", url, '{"instId":"BTC-USDT","ordId":"1","trigger":false}'))
    assert wire_problems(Sent("POST", url, '{"instId":"btc-usdt","ordId":"1"}'))
    batch = "https://www.okx.com/api/v5/trade/cancel-batch-orders"
    assert wire_problems(Sent("POST", batch, json.dumps([{"instId": "BTC-USDT", "ordId": str(i)} for i in range(21)])))
    assert wire_problems(Sent("GET", "https://www.okx.com/api/v5/trade/orders-pending?instId=None&limit=100", ""))
    assert not wire_problems(Sent("POST", url, '{"instId":"BTC-USDT-SWAP","clOrdId":"abc1"}'))


# --- instIds and ccxt's own parse_market ------------------------------------------------------------

codes = st.from_regex(r"[A-Z][A-Z0-9]{1,5}", fullmatch=True).filter(lambda c: c not in ("AET", "BSV", "BTC", "XBT", "BCHSV", "AE", "USD"))
dates = st.dates(min_value=__import__("datetime").date(2024, 1, 1), max_value=__import__("datetime").date(2099, 12, 31))


@st.composite
def okx_instruments(draw: st.DrawFn) -> dict[str, Any]:
    """An /api/v5/public/instruments item of any kind, in the shape ccxt's okx parse_market reads."""
    base = draw(st.one_of(codes, st.just("BTC")))
    kind = draw(st.sampled_from(["SPOT", "SWAP", "FUTURES", "OPTION"]))
    if kind == "SPOT":
        quote = draw(st.one_of(codes, st.sampled_from(["USDT", "USDC", "BTC"])).filter(lambda q: q != base))
        return {"instId": f"{base}-{quote}", "instType": "SPOT", "baseCcy": base, "quoteCcy": quote}
    inverse = kind == "OPTION" or draw(st.booleans())
    quote = "USD" if inverse else draw(st.sampled_from(["USDT", "USDC"]))
    settle = base if inverse else quote
    info = {"instType": kind, "settleCcy": settle, "uly": f"{base}-{quote}", "ctVal": "1"}
    if kind == "SWAP":
        return {**info, "instId": f"{base}-{quote}-SWAP"}
    day = draw(dates)
    expiry = int(__import__("datetime").datetime(day.year, day.month, day.day, 8, tzinfo=__import__("datetime").timezone.utc).timestamp() * 1000)
    yymmdd = day.strftime("%y%m%d")
    if kind == "FUTURES":
        return {**info, "instId": f"{base}-{quote}-{yymmdd}", "expTime": str(expiry)}
    strike = draw(st.one_of(st.integers(1, 10**7).map(str), st.decimals(min_value="0.01", max_value="1000", places=2).map(str)))
    right = draw(st.sampled_from(["C", "P"]))
    return {**info, "instId": f"{base}-{quote}-{yymmdd}-{strike}-{right}", "expTime": str(expiry), "stk": strike, "optType": right}


@EXAMPLES
@given(info=okx_instruments())
def test_derived_inst_ids_are_the_ones_ccxts_parse_market_pairs_with_the_symbol(info: dict[str, Any]) -> None:
    exchange = ccxt.okx()
    market = exchange.parse_market(info)
    derived = markets.from_unified(exchange, market["symbol"])
    assert derived is not None and derived.inst_id == info["instId"], (market["symbol"], info["instId"])
    raw = markets.from_raw(exchange, info["instId"])
    assert raw is not None and raw.symbol == market["symbol"]


@EXAMPLES
@given(numbers=st.lists(st.integers(min_value=1, max_value=10**18), min_size=1, max_size=90, unique=True), failing=st.sets(st.integers(0, 89)))
def test_any_batch_goes_out_in_chunks_of_20_and_comes_back_whole(numbers: list[int], failing: set[int]) -> None:
    keys = [str(n) for n in numbers]
    exchange = ccxt.okx()
    plan = plugin.ccxt_cancel_orders(exchange, keys, "BTC/USDT", {})
    assert plan is not None and plan.steps is not None and plan.expected_requests == math.ceil(len(keys) / 20)
    flow, sent = plan.flow(), []
    request = next(flow)
    try:
        while True:
            chunk = [entry["ordId"] for entry in request.params]
            sent.append(chunk)
            items = [{"ordId": k, "clOrdId": "", "sCode": "51400" if keys.index(k) in failing else "0", "sMsg": ""} for k in reversed(chunk)]
            request = flow.send({"code": "2", "data": items, "msg": ""})
    except StopIteration as done:
        orders = done.value
    assert [k for chunk in sent for k in chunk] == keys and all(len(chunk) <= 20 for chunk in sent)
    assert [o["id"] for o in orders] == keys
    assert {i for i, o in enumerate(orders) if ccxt_cancel.ERROR_KEY in o} == {i for i in failing if i < len(keys)}
