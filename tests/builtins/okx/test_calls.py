"""okx: what reaches the wire, against ccxt's own okx, on a stub transport (no cassettes).

Rejected input sends nothing; declined calls are ccxt's, byte for byte; the
documented differences (ordId wins, no null id, 20 per request, one request
cold) are shown side by side with ccxt; loaded markets and the cold
derivation agree on every kind of instrument; and the issue's "done when",
with ``ccxt_cancel.install()`` on a fresh ``ccxt.okx``.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import ccxt
import ccxt.async_support
import pytest

import ccxt_cancel
from tests.builtins.okx.helpers import CONFIG, SYMBOLS, Router, ack_answer, okx, parsed_markets
from tests.support.helpers import FLAVORS, credentials, freeze


def batch_answer(body: list[dict[str, Any]], failing: set[str] = frozenset()) -> dict[str, Any]:  # type: ignore[assignment]
    items = [
        {
            "clOrdId": "",
            "ordId": e["ordId"],
            "sCode": "51400" if e["ordId"] in failing else "0",
            "sMsg": "filled, canceled or does not exist" if e["ordId"] in failing else "",
        }
        for e in body
    ]
    code = "0" if not failing & {e["ordId"] for e in body} else "2"
    return {"code": code, "msg": "", "data": items}


# --- rejected input: nothing is sent ---------------------------------------------------------------

REJECTED: list[tuple[str, tuple[Any, ...], type[Exception], str]] = [
    # (method, args, error, text the message must contain)
    ("cancel_order", (None, "BTC/USDT"), ccxt.ArgumentsRequired, "clOrdId"),
    ("cancel_order", ("1", None), ccxt.ArgumentsRequired, "symbol"),
    ("cancel_order", ("1", ""), ccxt.BadSymbol, "symbol"),
    ("cancel_order", ("1", " BTC/USDT"), ccxt.BadSymbol, "symbol"),
    ("cancel_order", ("abc", "BTC/USDT"), ccxt.BadRequest, "id"),
    ("cancel_order", ("", "BTC/USDT"), ccxt.ArgumentsRequired, "id"),
    ("cancel_order", ("-1", "BTC/USDT"), ccxt.BadRequest, "id"),
    ("cancel_order", ("1.5", "BTC/USDT"), ccxt.BadRequest, "id"),
    ("cancel_order", (True, "BTC/USDT"), ccxt.BadRequest, "id"),
    ("cancel_order", ("١٢٣", "BTC/USDT"), ccxt.BadRequest, "id"),
    ("cancel_order", (None, "BTC/USDT", {"clientOrderId": ""}), ccxt.BadRequest, "clientOrderId"),
    ("cancel_order", (None, "BTC/USDT", {"clientOrderId": None}), ccxt.BadRequest, "clientOrderId"),
    ("cancel_order", (None, "BTC/USDT", {"clOrdId": "a-b"}), ccxt.BadRequest, "clOrdId"),
    ("cancel_order", (None, "BTC/USDT", {"clOrdId": "x" * 33}), ccxt.BadRequest, "32"),
    ("cancel_order", (None, "BTC/USDT", {"clOrdId": "a", "clientOrderId": "b"}), ccxt.BadRequest, "two different client ids"),
    ("cancel_order", ("1", "BTC/USDT", {"ordId": "2"}), ccxt.BadRequest, "ordId"),
    ("cancel_order", (None, "BTC/USDT", {"ordId": None}), ccxt.BadRequest, "ordId"),
    ("cancel_order", ("1", "BTC/USDT", {"instId": "ETH-USDT"}), ccxt.BadRequest, "instId"),
    ("cancel_order", ("1", "BTC/USDT", {"foo": None}), ccxt.BadRequest, "foo"),
    ("cancel_order", ("1", "BTC/USDT", {"foo": [None]}), ccxt.BadRequest, "foo"),
    ("cancel_orders", ([], "BTC/USDT"), ccxt.ArgumentsRequired, "ids"),
    ("cancel_orders", (None, "BTC/USDT"), ccxt.ArgumentsRequired, "ids"),
    ("cancel_orders", (["1"], None), ccxt.ArgumentsRequired, "symbol"),
    ("cancel_orders", (["1", "x"], "BTC/USDT"), ccxt.BadRequest, "ids[1]"),
    ("cancel_orders", (["1", None], "BTC/USDT"), ccxt.BadRequest, "ids[1]"),
    ("cancel_orders", (["1", "2", "1"], "BTC/USDT"), ccxt.BadRequest, "ids[2] '1' appears twice"),
    ("cancel_orders", (123, "BTC/USDT"), ccxt.BadRequest, "list"),
    ("cancel_orders", ("1,,2", "BTC/USDT"), ccxt.BadRequest, "ids[1]"),
    ("cancel_orders", ([], "BTC/USDT", {"clientOrderId": ["a", "a"]}), ccxt.BadRequest, "appears twice"),
    ("cancel_orders", ([], "BTC/USDT", {"clientOrderId": ["ok", "a&b"]}), ccxt.BadRequest, "clientOrderId'][1]"),
    ("cancel_orders", ([], "BTC/USDT", {"clientOrderId": 5}), ccxt.BadRequest, "list"),
    ("cancel_orders", ([], "BTC/USDT", {"clientOrderId": ["a"], "clOrdId": ["b"]}), ccxt.BadRequest, "two different"),
    ("cancel_orders", (["1"], "BTC/USDT", {"foo": 1}), ccxt.BadRequest, "foo"),
    ("cancel_orders", (["1"], "BTC/USDT", {"instId": "BTC-USDT-SWAP"}), ccxt.BadRequest, "instId"),
    ("cancel_all_orders", (None,), ccxt.ArgumentsRequired, "symbol"),
    ("cancel_all_orders", ("BTC/USDT", {"foo": 1}), ccxt.BadRequest, "foo"),
    ("cancel_all_orders", ("BTC/USDT", {"instId": None}), ccxt.BadRequest, "instId"),
]


@pytest.mark.parametrize(("method", "args", "error", "text"), REJECTED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_rejected_input_sends_nothing(flavor: str, method: str, args: tuple[Any, ...], error: type[Exception], text: str) -> None:
    log = Router()
    with pytest.raises(error) as caught:
        okx(flavor, method, *args, prepare=log.attach)
    assert log.requests == []
    assert text in str(caught.value)


# --- declined calls are ccxt's, byte for byte ------------------------------------------------------

DECLINED: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = [
    # (method, args, options)
    ("cancel_order", ("9", "BTC/USDT:USDT", {"trigger": True}), {}),
    ("cancel_order", ("9", "BTC/USDT:USDT", {"stop": True}), {}),
    ("cancel_order", ("9", "BTC/USDT:USDT", {"trailing": True}), {}),
    ("cancel_order", ("9", "BTC/USDT:USDT", {"trigger": True, "clientOrderId": "x"}), {}),
    ("cancel_order", ("9", "BTC/USDT", {"trigger": "true"}), {}),
    ("cancel_order", ("9", "BTC/USDT", {"algoId": "9"}), {}),
    ("cancel_orders", (["9", "10"], "BTC/USDT:USDT", {"trigger": True}), {}),
    ("cancel_orders", (["9"], "BTC/USDT", {"algoId": ["5"]}), {}),
    ("cancel_orders", (["9"], "BTC/USDT", {"method": "privatePostTradeCancelAlgos"}), {}),
    ("cancel_orders", (["9"], "BTC/USDT"), {"cancelOrders": {"method": "privatePostTradeCancelAlgos"}}),
    ("cancel_order", ("9", "BTC/USD:USD"), {}),  # USD-settled linear: its instId is not derivable (markets decide)
]


def wire(flavor: str, method: str, args: tuple[Any, ...], options: dict[str, Any], install: bool) -> list[Any]:
    log = Router(lambda m, url, body: ack_answer(json.loads(body)) if body else {"code": "0", "msg": "", "data": []})

    def prepare(exchange: Any) -> None:
        exchange.options.update(options)
        exchange.set_markets(parsed_markets())
        freeze(exchange)
        log.attach(exchange)

    try:
        okx(flavor, method, *args, install=install, prepare=prepare)
    except ccxt.BaseError as exc:  # ccxt may dislike the canned answer; the requests are what we compare
        log.requests.append(("raised", type(exc).__name__, None, None))
    return log.requests


@pytest.mark.parametrize(("method", "args", "options"), DECLINED)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_declined_calls_are_ccxt_byte_for_byte(flavor: str, method: str, args: tuple[Any, ...], options: dict[str, Any]) -> None:
    plain = wire(flavor, method, args, options, install=False)
    routed = wire(flavor, method, args, options, install=True)
    assert routed == plain


def test_algo_calls_reach_cancel_algos_through_ccxt() -> None:
    """The scenarios above are real: ccxt sends the algo ones to cancel-algos."""
    requests = wire("sync", "cancel_order", ("9", "BTC/USDT:USDT", {"trigger": True}), {}, install=True)
    assert requests[0][0] == "POST" and requests[0][1].endswith("/trade/cancel-algos")


@pytest.mark.parametrize("selector", ["trigger", "stop", "trailing"])
@pytest.mark.parametrize("value", [False, None])
def test_a_selector_set_to_false_is_an_ordinary_cancel_and_never_sent(selector: str, value: Any) -> None:
    log = Router()
    okx("sync", "cancel_order", "1", "BTC/USDT", {selector: value}, prepare=log.attach)
    assert log.bodies() == [{"instId": "BTC-USDT", "ordId": "1"}]  # ccxt would send "trigger": false


# --- against ccxt: the documented differences --------------------------------------------------------


def requests_of(flavor: str, method: str, *args: Any, install: bool, warm: bool = True, answer: Any = None) -> tuple[Router, Any]:
    log = Router(answer) if answer is not None else Router()

    def prepare(exchange: Any) -> None:
        if warm:
            exchange.set_markets(parsed_markets())
        log.attach(exchange)

    try:
        result = okx(flavor, method, *args, install=install, prepare=prepare)
    except ccxt.BaseError as exc:
        result = exc
    return log, result


@pytest.mark.parametrize("flavor", FLAVORS)
def test_against_ccxt_ord_id_wins(flavor: str) -> None:
    args = ("cancel_order", "1", "BTC/USDT:USDT", {"clientOrderId": "a1"})
    plain, _ = requests_of(flavor, *args, install=False)
    ours, order = requests_of(flavor, *args, install=True)
    assert plain.bodies() == [{"instId": "BTC-USDT-SWAP", "clOrdId": "a1"}]  # ccxt drops the order id
    assert ours.bodies() == [{"instId": "BTC-USDT-SWAP", "ordId": "1"}]  # "If both are passed, ordId will be used"
    assert order["status"] is None


@pytest.mark.parametrize("flavor", FLAVORS)
def test_against_ccxt_no_null_id(flavor: str) -> None:
    plain, _ = requests_of(flavor, "cancel_order", None, "BTC/USDT", install=False)
    ours, error = requests_of(flavor, "cancel_order", None, "BTC/USDT", install=True)
    assert plain.bodies() == [{"instId": "BTC-USDT", "ordId": None}]
    assert ours.requests == [] and isinstance(error, ccxt.ArgumentsRequired)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_against_ccxt_25_ids_are_split_20_and_5(flavor: str) -> None:
    ids = [str(1000 + i) for i in range(25)]

    def answer(method: str, url: str, body: Any) -> Any:
        return batch_answer(json.loads(body), {"1003", "1022"})

    plain, dropped = requests_of(flavor, "cancel_orders", ids, "BTC/USDT", install=False, answer=answer)
    ours, orders = requests_of(flavor, "cancel_orders", ids, "BTC/USDT", install=True, answer=answer)
    assert [len(b) for b in plain.bodies()] == [25]
    assert [len(b) for b in ours.bodies()] == [20, 5] and [i["ordId"] for b in ours.bodies() for i in b] == ids
    assert len(dropped) == 23  # ccxt: the failed items vanish
    assert [o["id"] for o in orders] == ids
    assert [o["id"] for o in orders if ccxt_cancel.ERROR_KEY in o] == ["1003", "1022"]


@pytest.mark.parametrize(
    "symbol",
    ["BTC/USDT", "BTC/USDT:USDT", "BTC/USD:BTC", "BTC/USDT:USDT-251226", "BTC/USD:BTC-251226", "BTC/USD:BTC-251226-100000-C", "BTC-USDT-SWAP"],
)
@pytest.mark.parametrize("flavor", FLAVORS)
def test_cold_cancel_is_one_request_where_ccxt_sends_seven(flavor: str, symbol: str) -> None:
    plain, native = requests_of(flavor, "cancel_order", "1", symbol, install=False, warm=False)
    ours, order = requests_of(flavor, "cancel_order", "1", symbol, install=True, warm=False)
    assert len(plain.requests) == 7 and len(ours.requests) == 1
    assert ours.bodies() == plain.bodies()[-1:]  # the same instId ccxt finds after loading every market
    assert order["symbol"] == native["symbol"] == SYMBOLS.get(symbol, symbol if "/" in symbol else "BTC/USDT:USDT")


@pytest.mark.parametrize("inst_id", list(SYMBOLS))
def test_loaded_markets_and_the_cold_derivation_agree(inst_id: str) -> None:
    """For every kind of instrument, ccxt's own parse_market and the derivation give the same instId and symbol."""
    from ccxt_cancel.builtins.okx import markets

    cold, warm = ccxt.okx(), ccxt.okx()
    warm.set_markets(parsed_markets())
    symbol = SYMBOLS[inst_id]
    for name in (symbol, inst_id):
        derived, loaded = markets.resolve(cold, "cancelOrder", name), markets.resolve(warm, "cancelOrder", name)
        assert derived is not None and loaded is not None
        assert (derived.inst_id, derived.symbol) == (loaded.inst_id, loaded.symbol) == (inst_id, symbol)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_unknown_symbol_with_loaded_markets_is_ccxts(flavor: str) -> None:
    plain, error = requests_of(flavor, "cancel_order", "1", "ETH/USDT", install=True)
    assert plain.requests == [] and isinstance(error, ccxt.BadSymbol)  # ccxt's own BadSymbol: the plugin declined


@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_against_ccxt(flavor: str) -> None:
    def answer(method: str, url: str, body: Any) -> Any:
        if method == "GET":
            if "after=" in url:
                return {"code": "0", "msg": "", "data": []}  # the listing goes on until a page is empty
            return {"code": "0", "msg": "", "data": [{"instId": "BTC-USDT", "ordId": "7", "side": "sell", "px": "3", "sz": "1", "state": "live"}]}
        return batch_answer(json.loads(body))

    plain, error = requests_of(flavor, "cancel_all_orders", "BTC/USDT", install=False, answer=answer)
    ours, orders = requests_of(flavor, "cancel_all_orders", "BTC/USDT", install=True, answer=answer)
    assert plain.requests == [] and isinstance(error, ccxt.NotSupported)
    assert [(m, u.split("?")[0].rsplit("/", 1)[1]) for m, u, _, _ in ours.requests] == [
        ("GET", "orders-pending"),
        ("GET", "orders-pending"),
        ("POST", "cancel-batch-orders"),
    ]
    assert [(o["id"], o["side"], o["status"]) for o in orders] == [("7", "sell", None)]


# --- "done when": a bot with ccxt_cancel.install() ---------------------------------------------------


def test_done_when_bot_with_global_install() -> None:
    """install() on a fresh ccxt.okx: both ids -> one request carrying ordId only; 25 ids -> 2 requests, all 25 back, failures with id and error."""
    ccxt_cancel.install()
    try:
        exchange = ccxt.okx({**credentials("okx"), **CONFIG})  # a plain instance, patched through its class
        log = Router(lambda m, url, body: batch_answer(json.loads(body), {"1004", "1024"}) if url.endswith("batch-orders") else ack_answer(json.loads(body)))
        log.attach(exchange)
        order = exchange.cancel_order("4612097861", "BTC/USDT:USDT", {"clientOrderId": "mine1"})
        ((method, url, headers, body),) = log.requests
        assert method == "POST" and url == "https://www.okx.com/api/v5/trade/cancel-order"
        assert json.loads(body) == {"instId": "BTC-USDT-SWAP", "ordId": "4612097861"}
        assert {"OK-ACCESS-KEY", "OK-ACCESS-SIGN", "OK-ACCESS-TIMESTAMP", "OK-ACCESS-PASSPHRASE"} <= set(headers)
        assert (order["id"], order["status"]) == ("4612097861", None)

        ids = [str(1000 + i) for i in range(25)]
        orders = exchange.cancel_orders(ids, "BTC/USDT")
        assert len(log.requests) == 3  # the cancel above, then 20 + 5
        assert [o["id"] for o in orders] == ids
        failed = [o for o in orders if ccxt_cancel.ERROR_KEY in o]
        assert [(o["id"], o[ccxt_cancel.ERROR_KEY]["class"]) for o in failed] == [("1004", "InvalidOrder"), ("1024", "InvalidOrder")]
    finally:
        ccxt_cancel.uninstall()


def test_done_when_async_bot_with_global_install() -> None:
    async def main() -> tuple[Any, Router]:
        exchange = ccxt.async_support.okx({**credentials("okx"), **CONFIG})
        log = Router()
        log.attach(exchange)
        try:
            return await exchange.cancelOrder("4612097861", "BTC/USDT:USDT", {"clOrdId": "mine1"}), log
        finally:
            await exchange.close()

    ccxt_cancel.install()
    try:
        order, log = asyncio.run(main())
    finally:
        ccxt_cancel.uninstall()
    assert log.bodies() == [{"instId": "BTC-USDT-SWAP", "ordId": "4612097861"}] and order["status"] is None
