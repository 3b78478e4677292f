"""Gate: an unknown outcome resolved with the product's one-order query (issue 20), on ccxt's own transport.

``GET`` on the cancel's own path and scope (sources.SPOT_QUERY,
FUTURES_QUERY, DELIVERY_QUERY): canceled -> ``'canceled'``, filled first ->
``'closed'``, still open -> one more cancel by the order id only; an answer
about another order, or a query the budget does not allow, claims nothing.
Gate's cancel answers already say what became of the order, so ``confirm``
has nothing to add.
"""

from __future__ import annotations

from typing import Any

import ccxt
import pytest

from ccxt_cancel import batch, errors
from tests.builtins.gate.test_plugin import FRESH, FUTURES_ORDER, SPOT_ORDER, path_query
from tests.support.helpers import call
from tests.support.session import StubSession

FLAVORS = ("sync", "async", "pro")
UNAVAILABLE = (503, "<html>Service Unavailable</html>")


def queue(answers: list[tuple[int, Any]]) -> StubSession:
    pending = list(answers)
    return StubSession(lambda method, url, body: pending.pop(0))


def run(flavor: str, session: StubSession, method: str, *args: Any) -> Any:
    return call(flavor, "gate", method, *args, config=dict(FRESH), prepare=session.attach)


def sent(session: StubSession) -> list[tuple[str, str, dict[str, str]]]:
    return [(s.method, *path_query(s.url)) for s in session.sent]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_503_that_took_effect_is_canceled_after_one_query(flavor: str) -> None:
    session = queue([UNAVAILABLE, (200, SPOT_ORDER)])
    order = run(flavor, session, "cancel_order", "111", "BTC/USDT")
    assert order["id"] == "111" and order["status"] == "canceled"
    assert sent(session) == [
        ("DELETE", "/api/v4/spot/orders/111", {"currency_pair": "BTC_USDT"}),
        ("GET", "/api/v4/spot/orders/111", {"currency_pair": "BTC_USDT"}),
    ]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_futures_order_still_open_is_cancelled_again_by_its_order_id_never_its_text(flavor: str) -> None:
    still_open = {**FUTURES_ORDER, "id": 555, "status": "open", "finish_as": ""}
    session = queue([UNAVAILABLE, (200, still_open), (200, {**FUTURES_ORDER, "id": 555})])
    order = run(flavor, session, "cancel_order", "", "BTC/USDT:USDT", {"clientOrderId": "t-abc"})
    assert order["id"] == "555" and order["status"] == "canceled"
    assert sent(session) == [
        ("DELETE", "/api/v4/futures/usdt/orders/t-abc", {}),
        ("GET", "/api/v4/futures/usdt/orders/t-abc", {}),
        ("DELETE", "/api/v4/futures/usdt/orders/555", {}),
    ]


def test_an_order_that_filled_first_is_closed() -> None:
    session = queue([UNAVAILABLE, (200, {**FUTURES_ORDER, "finish_as": "filled"})])
    assert run("sync", session, "cancel_order", "111", "BTC/USDT:USDT")["status"] == "closed"


def test_an_answer_about_another_order_claims_nothing_and_the_outcome_stays_unknown() -> None:
    session = queue([UNAVAILABLE, (200, {**SPOT_ORDER, "id": "999", "text": "t-zzz"})])
    with pytest.raises(ccxt.ExchangeNotAvailable) as raised:
        run("sync", session, "cancel_order", "111", "BTC/USDT")
    assert errors.is_unknown_outcome(raised.value) and len(session.sent) == 2


def test_a_finished_order_queried_by_its_text_is_not_found_and_stays_unknown() -> None:
    # "Operations based on custom IDs can only be checked in pending orders" (sources.SPOT_QUERY).
    session = queue([UNAVAILABLE, (404, {"label": "ORDER_NOT_FOUND", "message": "Order not found"})])
    with pytest.raises(ccxt.ExchangeNotAvailable) as raised:
        run("sync", session, "cancel_order", "", "BTC/USDT", {"clientOrderId": "t-abc"})
    assert errors.is_unknown_outcome(raised.value) and len(session.sent) == 2


def test_the_budget_bounds_the_queries_and_resolution_can_be_turned_off() -> None:
    session = queue([UNAVAILABLE] * 3)
    with pytest.raises(ccxt.ExchangeNotAvailable):
        run("sync", session, "cancel_order", "111", "BTC/USDT", {"resolveRequests": 2})
    assert len(session.sent) == 3  # the cancel, then two queries that got no answer
    session = queue([UNAVAILABLE])
    with pytest.raises(ccxt.ExchangeNotAvailable):
        run("sync", session, "cancel_order", "111", "BTC/USDT", {"resolveUnknown": False})
    assert len(session.sent) == 1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_futures_batch_of_unknown_outcome_is_resolved_id_by_id(flavor: str) -> None:
    session = queue([UNAVAILABLE, (200, {**FUTURES_ORDER, "id": 1}), (200, {**FUTURES_ORDER, "id": 2, "finish_as": "filled"})])
    orders = run(flavor, session, "cancel_orders", ["1", "2"], "BTC/USDT:USDT")
    assert [(o["id"], o["status"]) for o in orders] == [("1", "canceled"), ("2", "closed")]
    assert all(batch.ERROR_KEY not in o for o in orders)
    assert [s[:2] for s in sent(session)[1:]] == [("GET", "/api/v4/futures/usdt/orders/1"), ("GET", "/api/v4/futures/usdt/orders/2")]
