"""Issue 20, first part: a Binance single cancel whose outcome is unknown is resolved inside the call.

On ccxt's own transport (the HTTP session stubbed under ``fetch``), sync and
async, through ``install()``: the cancel is answered with an unknown outcome,
then the plan queries the order (Query Order: the cancel's path with GET) and
returns what the exchange reports, sends the cancel once more by the order id
when the order is still open, and never spends more than its budget.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import ccxt
import pytest

from ccxt_cancel import errors, resolve
from tests.support.helpers import call
from tests.support.session import StubSession

FLAVORS = ("sync", "async")
CONFIG = {"enableRateLimit": False, "timeout_on_exit": 0}
UNKNOWN_503 = (503, {"code": -1000, "msg": "Unknown error, please check your request or try again later."})
ORDER_ID = "1001"

# (exchange id, symbol, params, cancel path, market id)
PRODUCTS = [
    ("binance", "LTC/BTC", {}, "/api/v3/order", "LTCBTC"),
    ("binance", "LTC/BTC", {"marginMode": "cross"}, "/sapi/v1/margin/order", "LTCBTC"),
    ("binanceusdm", "BTC/USDT:USDT", {}, "/fapi/v1/order", "BTCUSDT"),
    ("binancecoinm", "BTC/USD:BTC", {}, "/dapi/v1/order", "BTCUSD_PERP"),
    ("binanceusdm", "BTC/USDT:USDT", {"portfolioMargin": True}, "/papi/v1/um/order", "BTCUSDT"),
]


def order(status: str, market_id: str = "LTCBTC", order_id: str = ORDER_ID, client_id: str = "c1") -> dict[str, Any]:
    # The Query Order pages' answer shape (orderId, clientOrderId, status, quantities).
    return {
        "symbol": market_id, "orderId": int(order_id), "clientOrderId": client_id, "price": "0.1", "origQty": "1.0",
        "executedQty": "1.0" if status == "FILLED" else "0.0", "status": status, "timeInForce": "GTC", "type": "LIMIT", "side": "BUY",
        "time": 1700000000000, "updateTime": 1700000000001,
    }  # fmt: skip


def canceled_answer(market_id: str, order_id: str = ORDER_ID) -> dict[str, Any]:
    return {**order("CANCELED", market_id, order_id), "origClientOrderId": "c1"}


def stub(answers: list[tuple[int, Any]]) -> StubSession:
    queue = list(answers)
    return StubSession(lambda method, url, body: queue.pop(0))


def run(flavor: str, session: StubSession, exchange_id: str, *args: Any, config: dict[str, Any] | None = None) -> Any:
    return call(flavor, exchange_id, "cancel_order", *args, config={**CONFIG, **(config or {})}, prepare=session.attach)


def sent(session: StubSession) -> list[tuple[str, str, dict[str, list[str]]]]:
    return [(s.method, urlsplit(s.url).path, parse_qs(urlsplit(s.url).query)) for s in session.sent]


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(("exchange_id", "symbol", "params", "path", "market_id"), PRODUCTS)
def test_an_unknown_outcome_that_took_effect_is_canceled_after_exactly_one_query(
    flavor: str, exchange_id: str, symbol: str, params: dict[str, Any], path: str, market_id: str
) -> None:
    session = stub([UNKNOWN_503, (200, order("CANCELED", market_id))])
    result = run(flavor, session, exchange_id, ORDER_ID, symbol, dict(params))
    assert result["status"] == "canceled" and result["id"] == ORDER_ID
    (m1, p1, _), (m2, p2, q2) = sent(session)
    assert (m1, p1, m2, p2) == ("DELETE", path, "GET", path)
    assert q2["orderId"] == [ORDER_ID] and q2["symbol"] == [market_id]
    assert not resolve.PARAM_KEYS & set(q2)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_an_order_that_filled_first_comes_back_closed(flavor: str) -> None:
    session = stub([UNKNOWN_503, (200, order("FILLED"))])
    result = run(flavor, session, "binance", ORDER_ID, "LTC/BTC")
    assert result["status"] == "closed" and result["filled"] == 1.0
    assert len(session.sent) == 2


@pytest.mark.parametrize("flavor", FLAVORS)
def test_an_order_still_open_is_canceled_again_by_its_order_id_never_by_the_client_id(flavor: str) -> None:
    session = stub([UNKNOWN_503, (200, order("NEW", client_id="mine")), (200, canceled_answer("LTCBTC"))])
    result = run(flavor, session, "binance", "", "LTC/BTC", {"clientOrderId": "mine", "cancelRestrictions": "ONLY_NEW"})
    assert result["status"] == "canceled"
    (_, _, first), (_, _, query), (method, _, again) = sent(session)
    assert first["origClientOrderId"] == ["mine"] and "orderId" not in first
    assert query["origClientOrderId"] == ["mine"] and "cancelRestrictions" not in query  # Query Order reads no such parameter
    assert method == "DELETE" and again["orderId"] == [ORDER_ID] and "origClientOrderId" not in again
    assert again["cancelRestrictions"] == ["ONLY_NEW"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_the_budget_bounds_the_requests_and_the_last_state_travels_with_the_error(flavor: str) -> None:
    session = stub([UNKNOWN_503, (200, order("NEW"))])
    with pytest.raises(ccxt.ExchangeNotAvailable) as caught:
        run(flavor, session, "binance", ORDER_ID, "LTC/BTC", {"resolveRequests": 1})
    assert errors.is_unknown_outcome(caught.value) and caught.value.last_known["status"] == "open"
    assert len(session.sent) == 2  # the cancel, and the one query the budget allows
    session = stub([UNKNOWN_503, (200, order("NEW")), UNKNOWN_503, (200, order("NEW"))])
    with pytest.raises(ccxt.ExchangeNotAvailable):
        run(flavor, session, "binance", ORDER_ID, "LTC/BTC")
    assert [m for m, _, _ in sent(session)] == ["DELETE", "GET", "DELETE", "GET"]  # one more cancel, never two


@pytest.mark.parametrize("flavor", FLAVORS)
def test_it_can_be_turned_off_per_call_and_per_exchange(flavor: str) -> None:
    session = stub([UNKNOWN_503])
    with pytest.raises(ccxt.ExchangeNotAvailable):
        run(flavor, session, "binance", ORDER_ID, "LTC/BTC", {"resolveUnknown": False})
    assert len(session.sent) == 1 and "resolveUnknown" not in session.sent[0].url
    session = stub([UNKNOWN_503])
    with pytest.raises(ccxt.ExchangeNotAvailable):
        run(flavor, session, "binance", ORDER_ID, "LTC/BTC", config={"options": {"ccxtCancel": {"resolveUnknown": False}}})
    assert len(session.sent) == 1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_query_about_another_order_resolves_nothing(flavor: str) -> None:
    session = stub([UNKNOWN_503, (200, order("CANCELED", order_id="777777777"))])
    with pytest.raises(ccxt.ExchangeNotAvailable) as caught:
        run(flavor, session, "binance", ORDER_ID, "LTC/BTC")
    assert caught.value.last_known is None and len(session.sent) == 2


@pytest.mark.parametrize("value", [{"resolveUnknown": "yes"}, {"resolveRequests": -1}, {"resolveSeconds": "5"}])
def test_a_bad_budget_is_refused_and_sends_nothing(value: dict[str, Any]) -> None:
    session = stub([])
    with pytest.raises(ccxt.BadRequest, match=next(iter(value))):
        run("sync", session, "binance", ORDER_ID, "LTC/BTC", value)
    assert session.sent == []


def test_an_outcome_that_is_known_is_never_queried() -> None:
    session = stub([(400, {"code": -2011, "msg": "Unknown order sent."})])
    with pytest.raises(ccxt.OrderNotFound):
        run("sync", session, "binance", ORDER_ID, "LTC/BTC")
    assert len(session.sent) == 1
