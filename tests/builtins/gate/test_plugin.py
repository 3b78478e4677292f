"""Gate room on ccxt's own transport (StubSession under fetch), sync and async: the issue 22 "Done when" cases first."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import ccxt
import pytest

from ccxt_cancel import batch, errors
from ccxt_cancel.builtins.gate import gaps, plugin
from tests.support.helpers import FAKE_CREDENTIALS, call
from tests.support.session import StubSession

FLAVORS = ("sync", "async")
FRESH = {**FAKE_CREDENTIALS, "enableRateLimit": False, "timeout_on_exit": 0}
UNIFIED = {**FRESH, "options": {"unifiedAccount": True}}
CLASSIC = {**FRESH, "options": {"unifiedAccount": False}}
SPOT_ORDER = {"id": "111", "text": "t-abc", "currency_pair": "BTC_USDT", "status": "cancelled", "finish_as": "cancelled"}
FUTURES_ORDER = {"id": 111, "text": "t-abc", "contract": "BTC_USDT", "status": "finished", "finish_as": "cancelled"}


def run(flavor: str, session: StubSession, method: str, *args: Any, config: dict[str, Any] | None = None) -> Any:
    return call(flavor, "gate", method, *args, config=dict(config or FRESH), prepare=session.attach)


def path_query(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    return parts.path, dict(parse_qsl(parts.query))


def futures_batch(method: str, url: str, body: Any) -> tuple[int, Any]:
    """Each chunk's first id is not found; the rest succeed (FutureCancelOrderResult items)."""
    ids = json.loads(body)
    first = {"id": ids[0], "user_id": 1, "succeeded": False, "message": "ORDER_NOT_FOUND"}
    return 200, [first, *({"id": i, "user_id": 1, "succeeded": True, "message": ""} for i in ids[1:])]


# --- Done when ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_fresh_gate_client_id_alone_is_one_request_with_the_id_in_the_path(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, SPOT_ORDER))
    order = run(flavor, session, "cancel_order", "", "BTC/USDT", {"clientOrderId": "t-abc"})
    assert len(session.sent) == 1
    sent = session.sent[0]
    assert sent.method == "DELETE" and path_query(sent.url) == ("/api/v4/spot/orders/t-abc", {"currency_pair": "BTC_USDT"})
    assert order["id"] == "111" and order["clientOrderId"] == "t-abc" and order["status"] == "canceled"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_fresh_gate_empty_id_sends_nothing_and_raises(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, SPOT_ORDER))
    with pytest.raises(ccxt.ArgumentsRequired):
        run(flavor, session, "cancel_order", "", "BTC/USDT")
    assert session.sent == []


@pytest.mark.parametrize("flavor", FLAVORS)
def test_fresh_gate_25_id_futures_batch_is_two_requests_and_every_id_comes_back(flavor: str) -> None:
    session = StubSession(futures_batch)
    ids = [str(1000 + n) for n in range(25)]
    orders = run(flavor, session, "cancel_orders", ids, "BTC/USDT:USDT")
    assert [path_query(s.url)[0] for s in session.sent] == ["/api/v4/futures/usdt/batch_cancel_orders"] * 2
    assert [len(json.loads(s.body)) for s in session.sent] == [20, 5]
    assert [o["id"] for o in orders] == ids
    failed = [o for o in orders if batch.ERROR_KEY in o]
    assert [o["id"] for o in failed] == ["1000", "1020"]
    assert all(o[batch.ERROR_KEY]["class"] == "OrderNotFound" and o["status"] is None for o in failed)
    assert all(o["status"] == "canceled" for o in orders if batch.ERROR_KEY not in o)


# --- ids ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_order_id_wins_over_client_id_on_futures(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, FUTURES_ORDER))
    order = run(flavor, session, "cancel_order", "111", "BTC/USDT:USDT", {"clientOrderId": "t-abc"})
    assert [path_query(s.url) for s in session.sent] == [("/api/v4/futures/usdt/orders/111", {})]
    assert order["id"] == "111" and order["status"] == "canceled"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_client_id_gets_the_t_prefix_gate_requires(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, SPOT_ORDER))
    run(flavor, session, "cancel_order", None, "BTC/USDT", {"clientOrderId": "abc"})
    assert path_query(session.sent[0].url)[0] == "/api/v4/spot/orders/t-abc"


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    ("id_", "params", "kind"),
    [
        (None, {}, ccxt.ArgumentsRequired),
        ("", {}, ccxt.ArgumentsRequired),
        ("None", {}, ccxt.BadRequest),
        ("null", {}, ccxt.BadRequest),
        (None, {"clientOrderId": "None"}, ccxt.BadRequest),
        ("1/../orders", {}, ccxt.BadRequest),
        ("1?x=1", {}, ccxt.BadRequest),
        (None, {"clientOrderId": "x" * 29}, ccxt.BadRequest),
    ],
)
def test_missing_or_path_unsafe_ids_send_nothing(flavor: str, id_: Any, params: dict[str, Any], kind: type[Exception]) -> None:
    session = StubSession(lambda m, u, b: (200, SPOT_ORDER))
    with pytest.raises(kind):
        run(flavor, session, "cancel_order", id_, "BTC/USDT:USDT", params)
    assert session.sent == []


# --- what a success means ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "status"),
    [
        ({**SPOT_ORDER, "status": "closed", "finish_as": "filled"}, "closed"),
        ({**FUTURES_ORDER, "finish_as": "filled"}, "closed"),
        ({**FUTURES_ORDER, "finish_as": "liquidated"}, None),
        ({**SPOT_ORDER, "status": "open"}, None),
    ],
)
def test_status_only_as_the_order_says(answer: dict[str, Any], status: str | None) -> None:
    session = StubSession(lambda m, u, b: (200, answer))
    assert run("sync", session, "cancel_order", "111", "BTC/USDT")["status"] == status


@pytest.mark.parametrize("flavor", FLAVORS)
def test_an_answer_naming_another_order_is_an_unknown_outcome(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, {**SPOT_ORDER, "id": "999"}))
    with pytest.raises(ccxt.BadResponse) as caught:
        run(flavor, session, "cancel_order", "111", "BTC/USDT")
    assert errors.is_unknown_outcome(caught.value)


# --- errors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("ORDER_NOT_FOUND", ccxt.OrderNotFound),
        ("ORDER_FINISHED", ccxt.InvalidOrder),
        ("ORDER_CLOSED", ccxt.InvalidOrder),
        ("ORDER_CANCELLED", ccxt.InvalidOrder),
        ("TOO_MANY_REQUESTS", ccxt.RateLimitExceeded),
        ("INVALID_SIGNATURE", ccxt.AuthenticationError),
    ],
)
def test_labels_map_to_ccxt_classes(flavor: str, label: str, kind: type[Exception]) -> None:
    session = StubSession(lambda m, u, b: (400, {"label": label, "message": label.lower()}))
    with pytest.raises(kind) as caught:
        run(flavor, session, "cancel_order", "111", "BTC/USDT")
    if label != "ORDER_NOT_FOUND":
        assert type(caught.value) is not ccxt.OrderNotFound  # a finished order exists: never "not found"
    assert len(session.sent) == 1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_rate_limit_stops_the_batch_and_later_ids_are_not_sent(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (429, {"label": "TOO_MANY_REQUESTS", "message": "Request Rate limit Exceeded"}))
    ids = [str(n) for n in range(1, 46)]
    with pytest.raises(ccxt.RateLimitExceeded) as caught:
        run(flavor, session, "cancel_orders", ids, "BTC/USDT:USDT")
    assert len(session.sent) == 1
    entries = getattr(caught.value, batch.ORDERS_ATTRIBUTE)
    assert [e["id"] for e in entries] == ids
    assert [e[batch.ERROR_KEY].get("outcome") for e in entries[20:]] == [batch.NOT_SENT] * 25


# --- batches -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_unified_batch_items_carry_account_and_match_by_id(flavor: str) -> None:
    answer = [
        {"currency_pair": "BTC_USDT", "id": "2", "succeeded": False, "label": "ORDER_FINISHED", "message": "Order finished"},
        {"currency_pair": "BTC_USDT", "id": "1", "succeeded": True, "label": "", "message": ""},
    ]
    session = StubSession(lambda m, u, b: (200, answer))
    orders = run(flavor, session, "cancel_orders", ["1", "2", "3"], "BTC/USDT", config=UNIFIED)
    assert path_query(session.sent[0].url)[0] == "/api/v4/spot/cancel_batch_orders"
    assert json.loads(session.sent[0].body) == [{"currency_pair": "BTC_USDT", "id": k, "account": "unified"} for k in ("1", "2", "3")]
    assert [o["id"] for o in orders] == ["1", "2", "3"]
    assert orders[0]["status"] == "canceled" and batch.ERROR_KEY not in orders[0]
    assert orders[1][batch.ERROR_KEY]["class"] == "InvalidOrder" and "ORDER_FINISHED" in orders[1][batch.ERROR_KEY]["message"]
    assert orders[2][batch.ERROR_KEY]["outcome"] == errors.UNKNOWN_OUTCOME


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_classic_batch_items_name_no_account(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, [{"id": "1", "succeeded": True}]))
    run(flavor, session, "cancel_orders", ["1"], "BTC/USDT", config=CLASSIC)
    assert json.loads(session.sent[0].body) == [{"currency_pair": "BTC_USDT", "id": "1"}]


def test_duplicate_batch_ids_send_nothing() -> None:
    session = StubSession(lambda m, u, b: (200, []))
    with pytest.raises(ccxt.BadRequest):
        run("sync", session, "cancel_orders", ["1", "1"], "BTC/USDT:USDT")
    assert session.sent == []


# --- account mode ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "params", "account"),
    [({}, {}, None), ({"unifiedAccount": True}, {}, "unified"), ({"unifiedAccount": False}, {}, "spot"), ({}, {"unifiedAccount": True}, "unified")],
)
def test_single_spot_cancel_follows_ccxts_option_and_omits_account_when_unknown(options: dict[str, Any], params: dict[str, Any], account: str | None) -> None:
    plan = plugin.ccxt_cancel_order(ccxt.gate({**FAKE_CREDENTIALS, "options": options}), "111", "BTC/USDT", dict(params))
    assert plan is not None
    (request,) = plan.requests
    assert isinstance(request.params, dict) and request.params.get("account") == account and "unifiedAccount" not in request.params


def test_spot_batch_and_cancel_all_decline_without_a_known_mode() -> None:
    # Without ccxt's option ccxt would detect the mode with a request; the room does no I/O in a hook.
    exchange = ccxt.gate(dict(FAKE_CREDENTIALS))
    assert plugin.ccxt_cancel_orders(exchange, ["1"], "BTC/USDT", {}) is None
    assert plugin.ccxt_cancel_all_orders(exchange, "BTC/USDT", {}) is None
    assert plugin.ccxt_cancel_orders(exchange, ["1"], "BTC/USDT:USDT", {}) is not None  # futures do not depend on the mode


@pytest.mark.parametrize("params", [{"trigger": True}, {"stop": True}, {"marginMode": "cross"}, {"account": "margin"}])
def test_trigger_and_margin_cancels_are_declined(params: dict[str, Any]) -> None:
    assert plugin.ccxt_cancel_order(ccxt.gate(dict(FAKE_CREDENTIALS)), "1", "BTC/USDT", dict(params)) is None


@pytest.mark.parametrize("symbol", ["BTC/USDT:USDT-251226", "GTC/USDT", "BTC/USDC:USDC", "ETH/USD:ETH"])
def test_cold_symbols_that_cannot_be_mapped_are_declined(symbol: str) -> None:
    assert plugin.ccxt_cancel_order(ccxt.gate(dict(FAKE_CREDENTIALS)), "1", symbol, {}) is None


# --- cancel-all --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_cancel_all_by_symbol_names_pair_and_account(flavor: str) -> None:
    answer = [
        {"id": "7", "currency_pair": "BTC_USDT", "succeeded": True, "status": "cancelled"},
        {"id": "8", "currency_pair": "BTC_USDT", "succeeded": False, "label": "ORDER_FINISHED", "message": "finished"},
    ]
    session = StubSession(lambda m, u, b: (200, answer))
    orders = run(flavor, session, "cancel_all_orders", "BTC/USDT", config=CLASSIC)
    assert [(s.method, path_query(s.url)) for s in session.sent] == [("DELETE", ("/api/v4/spot/orders", {"account": "spot", "currency_pair": "BTC_USDT"}))]
    assert orders[0]["status"] == "canceled" and orders[1][batch.ERROR_KEY]["class"] == "InvalidOrder"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_futures_cancel_all_by_type_alone_names_the_settle(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, [FUTURES_ORDER]))
    orders = run(flavor, session, "cancel_all_orders", None, {"type": "swap", "settle": "BTC"})
    assert [path_query(s.url) for s in session.sent] == [("/api/v4/futures/btc/orders", {})]
    assert orders[0]["id"] == "111" and orders[0]["status"] == "canceled"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_without_symbol_or_type_sends_nothing(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, []))
    with pytest.raises(ccxt.ArgumentsRequired):
        run(flavor, session, "cancel_all_orders")
    assert session.sent == []


# --- faults on ccxt's own transport ------------------------------------------------------------------------


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ((500, {"label": "SERVER_ERROR", "message": "Internal server error"}), ccxt.ExchangeNotAvailable),
        ((502, "<html><body>502 Bad Gateway</body></html>"), ccxt.ExchangeNotAvailable),
        ((504, "<html><body>504 Gateway Time-out</body></html>"), ccxt.RequestTimeout),
        ((200, {"label": "TOO_BUSY", "message": "busy"}), ccxt.ExchangeNotAvailable),
    ],
)
def test_server_faults_are_unknown_outcomes(flavor: str, answer: tuple[int, Any], kind: type[Exception]) -> None:
    session = StubSession(lambda m, u, b: answer)
    with pytest.raises(kind) as caught:
        run(flavor, session, "cancel_order", "111", "BTC/USDT")
    assert errors.is_unknown_outcome(caught.value) and FAKE_CREDENTIALS["secret"] not in str(caught.value)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_failed_first_chunk_leaves_its_ids_unknown_and_the_second_is_still_sent(flavor: str) -> None:
    answers = [(503, "<html>Service Unavailable</html>")]
    session = StubSession(lambda m, u, b: answers.pop(0) if answers else futures_batch(m, u, b))
    ids = [str(2001 + n) for n in range(25)]
    orders = run(flavor, session, "cancel_orders", ids, "BTC/USDT:USDT", {"resolveUnknown": False})  # the batch rule alone
    assert len(session.sent) == 2 and [o["id"] for o in orders] == ids
    assert all(o[batch.ERROR_KEY]["outcome"] == errors.UNKNOWN_OUTCOME for o in orders[:20])
    assert orders[20][batch.ERROR_KEY]["class"] == "OrderNotFound" and all(o["status"] == "canceled" for o in orders[21:])


@pytest.mark.parametrize("flavor", FLAVORS)
def test_a_batch_item_server_error_is_unknown_not_refused(flavor: str) -> None:
    answer = [{"id": "1", "user_id": 1, "succeeded": False, "message": "SERVER_ERROR"}]
    session = StubSession(lambda m, u, b: (200, answer))
    (order,) = run(flavor, session, "cancel_orders", ["1"], "BTC/USDT:USDT")
    assert order[batch.ERROR_KEY]["outcome"] == errors.UNKNOWN_OUTCOME


@pytest.mark.parametrize(("params", "account"), [({"account": "unified"}, "unified"), ({"marginMode": "spot", "account": "spot"}, "spot")])
def test_ccxts_account_selectors_are_consumed_once(params: dict[str, Any], account: str) -> None:
    plan = plugin.ccxt_cancel_order(ccxt.gate(dict(FAKE_CREDENTIALS)), "1", "BTC/USDT", dict(params))
    assert plan is not None and isinstance(plan.requests[0].params, dict)
    assert plan.requests[0].params == {"order_id": "1", "currency_pair": "BTC_USDT", "account": account}


@pytest.mark.parametrize(
    ("symbol", "params"), [("BTC/USDT:USDT", {"clientOrderId": "t-abc"}), ("BTC/USDT:USDT", {"text": "t-abc"}), ("BTC/USDT", {"foo": "1"})]
)
def test_cancel_all_refuses_params_the_server_could_ignore(symbol: str, params: dict[str, Any]) -> None:
    # An ignored client id would turn "cancel this one" into "cancel every order of the symbol".
    session = StubSession(lambda m, u, b: (200, []))
    with pytest.raises(ccxt.BadRequest):
        run("sync", session, "cancel_all_orders", symbol, params, config=CLASSIC)
    assert session.sent == []


def test_cancel_all_keeps_the_documented_narrowing_filters() -> None:
    session = StubSession(lambda m, u, b: (200, []))
    run("sync", session, "cancel_all_orders", "BTC/USDT:USDT", {"side": "bid", "exclude_reduce_only": True})
    assert path_query(session.sent[0].url) == ("/api/v4/futures/usdt/orders", {"contract": "BTC_USDT", "exclude_reduce_only": "true", "side": "bid"})


def test_costs_keep_ccxts_own_pacing_with_headroom() -> None:
    # ccxt prices a cancel at 20/75 and the futures batch at 0.4 of its rateLimit; the room adds the shared 3%.
    exchange = ccxt.gate(dict(FAKE_CREDENTIALS))
    one = plugin.ccxt_cancel_order(exchange, "1", "BTC/USDT:USDT", {})
    many = plugin.ccxt_cancel_orders(exchange, ["1"], "BTC/USDT:USDT", {})
    assert one is not None and many is not None and many.steps is not None
    assert one.requests[0].cost == pytest.approx(20 / 75 * 1.03)
    assert next(many.steps).cost == pytest.approx(0.4 * 1.03)


# --- delivery futures (markets loaded) ---------------------------------------------------------------------

DELIVERY = "BTC/USDT:USDT-200814"
DELIVERY_CONTRACT = gaps.DELIVERY_CONTRACT  # a contract in the shape of the SDK's delivery example (BTC_USDT_20200814)


def run_delivery(flavor: str, session: StubSession, method: str, *args: Any) -> Any:
    def prepare(exchange: Any) -> None:
        session.attach(exchange)
        exchange.set_markets([ccxt.gate().parse_contract_market(DELIVERY_CONTRACT, "usdt")])

    return call(flavor, "gate", method, *args, config=dict(FRESH), prepare=prepare)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_delivery_single_cancel_uses_the_delivery_path(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, {**FUTURES_ORDER, "contract": "BTC_USDT_20200814"}))
    order = run_delivery(flavor, session, "cancel_order", "111", DELIVERY)
    assert [(s.method, path_query(s.url)) for s in session.sent] == [("DELETE", ("/api/v4/delivery/usdt/orders/111", {}))]
    assert order["symbol"] == DELIVERY and order["status"] == "canceled"


def test_delivery_client_id_alone_is_refused() -> None:
    session = StubSession(lambda m, u, b: (200, FUTURES_ORDER))
    with pytest.raises(ccxt.BadRequest):
        run_delivery("sync", session, "cancel_order", None, DELIVERY, {"clientOrderId": "t-abc"})
    assert session.sent == []


@pytest.mark.parametrize("flavor", FLAVORS)
def test_delivery_batch_is_one_cancel_per_id_under_the_batch_rule(flavor: str) -> None:
    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        order_id = path_query(url)[0].rsplit("/", 1)[1]
        if order_id == "2":
            return 400, {"label": "ORDER_NOT_FOUND", "message": "Order not found"}
        if order_id == "3":
            return 429, {"label": "TOO_MANY_REQUESTS", "message": "Request Rate limit Exceeded"}
        return 200, {**FUTURES_ORDER, "id": int(order_id)}

    session = StubSession(answer)
    orders = run_delivery(flavor, session, "cancel_orders", ["1", "2", "3", "4"], DELIVERY)
    assert [path_query(s.url)[0] for s in session.sent] == [f"/api/v4/delivery/usdt/orders/{n}" for n in (1, 2, 3)]  # 4 not sent
    assert [o["id"] for o in orders] == ["1", "2", "3", "4"]
    assert orders[0]["status"] == "canceled" and orders[1][batch.ERROR_KEY]["class"] == "OrderNotFound"
    assert orders[2][batch.ERROR_KEY]["class"] == "RateLimitExceeded" and orders[3][batch.ERROR_KEY]["outcome"] == batch.NOT_SENT


@pytest.mark.parametrize("flavor", FLAVORS)
def test_delivery_cancel_all_by_symbol(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, [FUTURES_ORDER]))
    orders = run_delivery(flavor, session, "cancel_all_orders", DELIVERY)
    assert [path_query(s.url) for s in session.sent] == [("/api/v4/delivery/usdt/orders", {"contract": "BTC_USDT_20200814"})]
    assert orders[0]["status"] == "canceled"
