"""Issue 18: what a bot reads from a claimed cancel is never more than the exchange said.

Every case runs on ccxt's own transport (``tests/support/session.py`` replaces
the HTTP session under ``fetch``; ccxt's signing, ``fetch`` and
``handle_errors`` all run), sync and async, through ``install()``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import ccxt
import pytest

from ccxt_cancel import batch, errors
from tests.support.helpers import call
from tests.support.session import StubSession

FLAVORS = ("sync", "async")
CONFIG = {"enableRateLimit": False, "timeout_on_exit": 0}
UNKNOWN_503 = (503, {"code": -1000, "msg": "Unknown error, please check your request or try again later."})
NOT_FOUND = (400, {"code": -2011, "msg": "Unknown order sent."})


def spot_order(order_id: Any, client_id: str = "c1") -> dict[str, Any]:
    # The spot cancel page's response example, with the ids of the test.
    return {"symbol": "BTCUSDT", "origClientOrderId": client_id, "orderId": order_id, "orderListId": -1, "clientOrderId": "cancelMe", "status": "CANCELED"}


def futures_order(order_id: Any, symbol: str = "BTCUSDT") -> dict[str, Any]:
    return {"orderId": order_id, "symbol": symbol, "status": "CANCELED", "clientOrderId": f"c{order_id}", "type": "LIMIT", "side": "BUY"}


def stub(answers: list[tuple[int, Any]] | Callable[[str, str, Any], tuple[int, Any]]) -> StubSession:
    if callable(answers):
        return StubSession(answers)
    queue = list(answers)
    return StubSession(lambda method, url, body: queue.pop(0))


def run(flavor: str, session: StubSession, exchange_id: str, method: str, *args: Any) -> Any:
    return call(flavor, exchange_id, method, *args, config=dict(CONFIG), prepare=session.attach)


def raised(flavor: str, session: StubSession, exchange_id: str, method: str, *args: Any) -> Any:
    with pytest.raises(ccxt.BaseError) as caught:
        run(flavor, session, exchange_id, method, *args)
    return caught.value


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


# --- defect 1: a batch in which every request failed ---------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_not_found_then_unknown_raises_the_unknown_outcome_with_every_entry(flavor: str) -> None:
    session = stub([NOT_FOUND, UNKNOWN_503])
    error = raised(flavor, session, "binance", "cancel_orders", ["1", "2"], "BTC/USDT", {"resolveUnknown": False})
    assert type(error) is ccxt.ExchangeNotAvailable and errors.is_unknown_outcome(error)
    assert [(o["id"], o["status"], o[batch.ERROR_KEY]["class"]) for o in error.orders] == [("1", None, "OrderNotFound"), ("2", None, "ExchangeNotAvailable")]
    assert "1 OrderNotFound" in str(error) and "UNKNOWN" in str(error)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_ids_never_sent_are_not_reported_as_not_found(flavor: str) -> None:
    session = stub([NOT_FOUND, (429, {"code": -1003, "msg": "Too many requests."})])
    error = raised(flavor, session, "binance", "cancel_orders", ["1", "2", "3"], "BTC/USDT")
    assert len(session.sent) == 2  # id 3 never sent
    assert not isinstance(error, ccxt.OrderNotFound) and isinstance(error, (ccxt.DDoSProtection, ccxt.RateLimitExceeded))
    assert [o["id"] for o in error.orders] == ["1", "2", "3"]
    assert error.orders[2][batch.ERROR_KEY]["outcome"] == batch.NOT_SENT and "not sent" in str(error)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_okx_failed_chunk_then_503_names_every_id(flavor: str) -> None:
    ids = [str(100 + n) for n in range(21)]
    failed = {"code": "1", "msg": "", "data": [{"ordId": i, "clOrdId": "", "sCode": "51603", "sMsg": "Order does not exist"} for i in ids[:20]]}
    session = stub([(200, failed), (503, "Service Unavailable")])
    error = raised(flavor, session, "okx", "cancel_orders", ids, "BTC/USDT:USDT")
    assert not isinstance(error, ccxt.OrderNotFound)
    assert [o["id"] for o in error.orders] == ids
    assert [o[batch.ERROR_KEY]["class"] for o in error.orders] == ["OrderNotFound"] * 20 + ["ExchangeNotAvailable"]
    assert all(i in str(error) for i in ids)


# --- defects 2, 3, 4: answers matched by identity ------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("intruder", [1000, 777777777])
@pytest.mark.parametrize(("exchange_id", "symbol", "market_id"), [("binanceusdm", "BTC/USDT:USDT", "BTCUSDT"), ("binancecoinm", "BTC/USD:BTC", "BTCUSD_PERP")])
def test_a_futures_batch_item_never_fills_another_ids_slot(flavor: str, intruder: int, exchange_id: str, symbol: str, market_id: str) -> None:
    session = stub([(200, [futures_order(1000, market_id), futures_order(intruder, market_id)])])
    orders = run(flavor, session, exchange_id, "cancel_orders", ["1000", "1009"], symbol, {"resolveUnknown": False})
    assert [o["id"] for o in orders] == ["1000", "1009"]
    assert orders[0]["status"] == "canceled"
    assert orders[1]["status"] is None and orders[1][batch.ERROR_KEY] == {
        "class": "BadResponse",
        "message": f"{exchange_id} cancelOrders() the answer has no item for orderId 1009; its outcome is unknown",
        "outcome": "unknown",
    }


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(("exchange_id", "symbol", "params", "answer"), [
    ("binance", "BTC/USDT", {}, spot_order(777777777)),
    ("binance", "BTC/USDT", {"marginMode": "cross"}, spot_order(777777777)),
    ("binanceusdm", "BTC/USDT:USDT", {}, futures_order(777777777)),
    ("binancecoinm", "BTC/USD:BTC", {}, futures_order(777777777, "BTCUSD_PERP")),
    ("binanceusdm", "BTC/USDT:USDT", {"portfolioMargin": True}, futures_order(777777777)),
    ("bitopro", "BTC/USDT", {"margin": True}, {"orderId": "777777777", "action": "BUY", "timestamp": 1721376406650, "price": "1", "amount": "1"}),
    ("bybit", "BTC/USDT:USDT", {}, {"retCode": 0, "retMsg": "OK", "result": {"orderId": "777777777", "orderLinkId": ""}, "retExtInfo": {}, "time": 1}),
    ("okx", "BTC/USDT:USDT", {}, {"code": "0", "msg": "", "data": [{"ordId": "777777777", "clOrdId": "", "sCode": "0", "sMsg": ""}]}),
])  # fmt: skip
def test_a_single_answer_about_another_order_is_an_unknown_outcome(flavor: str, exchange_id: str, symbol: str, params: dict[str, Any], answer: Any) -> None:
    params = {**params, "resolveUnknown": False}  # the rule alone; resolving it is test_resolve.py's and test_confirm.py's
    error = raised(flavor, stub([(200, answer)]), exchange_id, "cancel_order", "1001", symbol, params)
    assert type(error) is ccxt.BadResponse and errors.is_unknown_outcome(error)
    assert "1001" in str(error)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_bybit_an_id_less_failure_never_takes_a_named_items_slot(flavor: str) -> None:
    answer = {
        "retCode": 0, "retMsg": "OK",
        "result": {"list": [{"category": "linear", "symbol": "BTCUSDT", "orderId": "", "orderLinkId": ""},
                            {"category": "linear", "symbol": "BTCUSDT", "orderId": "A1", "orderLinkId": ""},
                            {"category": "linear", "symbol": "BTCUSDT", "orderId": "C3", "orderLinkId": ""}]},
        "retExtInfo": {"list": [{"code": 170213, "msg": "Order does not exist."}, {"code": 0, "msg": "OK"}, {"code": 0, "msg": "OK"}]},
        "time": 1,
    }  # fmt: skip
    orders = run(flavor, stub([(200, answer)]), "bybit", "cancel_orders", ["A1", "B2", "C3"], "BTC/USDT:USDT")
    assert [o["id"] for o in orders] == ["A1", "B2", "C3"]
    assert [o.get(batch.ERROR_KEY, {}).get("class") for o in orders] == [None, "OrderNotFound", None]


# --- defects 5, 6: server errors are unknown outcomes --------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(("exchange_id", "symbol", "params", "answer", "kind"), [
    ("bybit", "BTC/USDT:USDT", {}, (200, {"retCode": 10016, "retMsg": "Server error.", "result": {}, "retExtInfo": {}, "time": 1}), ccxt.ExchangeNotAvailable),
    ("bybit", "BTC/USDT:USDT", {}, (200, {"retCode": 10000, "retMsg": "Server Timeout", "result": {}, "retExtInfo": {}, "time": 1}), ccxt.RequestTimeout),
    ("bitopro", "BTC/USDT", {"margin": True}, (500, {"error": "Internal Server Error"}), ccxt.ExchangeNotAvailable),
    ("bitopro", "BTC/USDT", {"margin": True}, (502, {"error": "Bad Gateway"}), ccxt.ExchangeNotAvailable),
])  # fmt: skip
def test_server_errors_are_unknown_outcomes(flavor: str, exchange_id: str, symbol: str, params: dict[str, Any], answer: Any, kind: type[Exception]) -> None:
    error = raised(flavor, stub([answer]), exchange_id, "cancel_order", "1001", symbol, {**params, "resolveUnknown": False})
    assert type(error) is kind and errors.is_unknown_outcome(error)


# --- defect 7: item-level stops ------------------------------------------------------------------


def bybit_batch(codes: list[int], ids: list[str]) -> dict[str, Any]:
    return {
        "retCode": 0, "retMsg": "OK", "time": 1,
        "result": {"list": [{"category": "linear", "symbol": "BTCUSDT", "orderId": i, "orderLinkId": ""} for i in ids]},
        "retExtInfo": {"list": [{"code": c, "msg": "OK" if c == 0 else "Too many visits"} for c in codes]},
    }  # fmt: skip


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("exchange_id", ["binanceusdm", "bybit", "okx"])
def test_an_item_level_rate_limit_stops_the_batch(flavor: str, exchange_id: str) -> None:
    limit = 10 if exchange_id == "binanceusdm" else 20
    ids = [str(1000 + n) for n in range(limit + 1)]
    first = ids[:limit]
    answers: dict[str, Any] = {
        "binanceusdm": [futures_order(int(i)) for i in first[:-1]] + [{"code": -1003, "msg": "Too many requests."}],
        "bybit": bybit_batch([0] * (limit - 1) + [10006], first),
        "okx": {"code": "2", "msg": "", "data": [{"ordId": i, "clOrdId": "", "sCode": "0" if i != first[-1] else "50011", "sMsg": ""} for i in first]},
    }
    session = stub([(200, answers[exchange_id])])
    orders = run(flavor, session, exchange_id, "cancel_orders", ids, "BTC/USDT:USDT")
    assert len(session.sent) == 1  # the second chunk is not sent
    assert [o["id"] for o in orders] == ids
    assert orders[limit - 1][batch.ERROR_KEY]["class"] in ("RateLimitExceeded", "DDoSProtection")
    assert orders[limit][batch.ERROR_KEY]["outcome"] == batch.NOT_SENT


# --- defects 8, 9: the empty id and the text of a missing id -------------------------------------

CLIENT_CASES = [
    ("binance", "BTC/USDT", {}, "origClientOrderId", (200, spot_order(1001, "myswap"))),
    ("binance", "BTC/USDT", {"marginMode": "cross"}, "origClientOrderId", (200, spot_order(1001, "myswap"))),
    ("binanceusdm", "BTC/USDT:USDT", {}, "origClientOrderId", (200, {**futures_order(1001), "clientOrderId": "myswap"})),
    ("binancecoinm", "BTC/USD:BTC", {}, "origClientOrderId", (200, {**futures_order(1001, "BTCUSD_PERP"), "clientOrderId": "myswap"})),
    ("binanceusdm", "BTC/USDT:USDT", {"portfolioMargin": True}, "origClientOrderId", (200, {**futures_order(1001), "clientOrderId": "myswap"})),
    (
        "bybit",
        "BTC/USDT:USDT",
        {},
        "orderLinkId",
        (200, {"retCode": 0, "retMsg": "OK", "result": {"orderId": "1001", "orderLinkId": "myswap"}, "retExtInfo": {}, "time": 1}),
    ),
    ("okx", "BTC/USDT:USDT", {}, "clOrdId", (200, {"code": "0", "msg": "", "data": [{"ordId": "1001", "clOrdId": "myswap", "sCode": "0", "sMsg": ""}]})),
]


def wire_fields(sent: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {key: values[0] for key, values in query(sent.url).items()}
    if sent.body:
        body = json.loads(sent.body)
        fields.update(body if isinstance(body, dict) else {})
    return fields


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(("exchange_id", "symbol", "params", "wire_field", "answer"), CLIENT_CASES)
def test_ccxts_empty_id_idiom_cancels_by_the_client_id(
    flavor: str, exchange_id: str, symbol: str, params: dict[str, Any], wire_field: str, answer: Any
) -> None:
    # ccxt's static request test: cancelOrder('', 'BTC/USDT:USDT', {'clientOrderId': 'myswap'})
    session = stub([answer])
    order = run(flavor, session, exchange_id, "cancel_order", "", symbol, {**params, "clientOrderId": "myswap"})
    (sent,) = session.sent
    fields = wire_fields(sent)
    assert fields[wire_field] == "myswap" and not fields.get("orderId") and not fields.get("ordId")
    # Spot and margin answers carry the order's client id as origClientOrderId; ccxt's parse_order (whose
    # output is kept as is) reads their clientOrderId, the cancel request's own new id.
    assert "myswap" in (order["clientOrderId"], order["info"].get("origClientOrderId"))


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(("exchange_id", "symbol", "params"), [(c[0], c[1], c[2]) for c in CLIENT_CASES] + [("bitopro", "BTC/USDT", {"margin": True})])
def test_an_empty_id_alone_sends_nothing(flavor: str, exchange_id: str, symbol: str, params: dict[str, Any]) -> None:
    session = stub([])
    error = raised(flavor, session, exchange_id, "cancel_order", "", symbol, params)
    assert type(error) is ccxt.ArgumentsRequired and session.sent == []


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("text", ["None", "null"])
@pytest.mark.parametrize(("exchange_id", "symbol", "params"), [(c[0], c[1], c[2]) for c in CLIENT_CASES])
def test_the_text_of_a_missing_id_is_refused_as_a_client_id(flavor: str, text: str, exchange_id: str, symbol: str, params: dict[str, Any]) -> None:
    session = stub([])
    error = raised(flavor, session, exchange_id, "cancel_order", None, symbol, {**params, "clientOrderId": text})
    assert type(error) is ccxt.BadRequest and repr(text) in str(error) and session.sent == []


def test_bitopro_refuses_a_client_id_it_cannot_send() -> None:
    session = stub([])
    error = raised("sync", session, "bitopro", "cancel_order", "", "BTC/USDT", {"margin": True, "clientOrderId": "abc"})
    assert type(error) is ccxt.BadRequest and "clientOrderId" in str(error) and session.sent == []
