"""KuCoin room on ccxt's own transport (StubSession under fetch), sync and async: ids, batches, cancel-all, errors, account mode."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import ccxt
import pytest

import ccxt_cancel
from ccxt_cancel import batch, errors
from tests.support.helpers import FAKE_CREDENTIALS, call, new_exchange
from tests.support.session import StubSession

FLAVORS = ("sync", "async")
CLASSIC = {**FAKE_CREDENTIALS, "enableRateLimit": False, "timeout_on_exit": 0, "options": {"uta": False}}
FRESH = {**FAKE_CREDENTIALS, "enableRateLimit": False, "timeout_on_exit": 0}
MODE_CLASSIC = {"code": "200000", "data": {"selfAccountMode": "CLASSIC"}}


def run(flavor: str, session: StubSession, method: str, *args: Any, exchange_id: str = "kucoinfutures", config: dict[str, Any] | None = None) -> Any:
    return call(flavor, exchange_id, method, *args, config=dict(config or CLASSIC), prepare=session.attach)


def path(url: str) -> str:
    return urlsplit(url).path


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def ack_by_id(method: str, url: str, body: Any) -> tuple[int, Any]:
    if "/account/mode" in url:
        return 200, MODE_CLASSIC
    last = path(url).rsplit("/", 1)[-1]
    if "/client-order/" in url:
        return 200, {"code": "200000", "data": {"clientOid": last, "cancelledOrderId": "999"}}
    if "/hf/" in url:
        return 200, {"code": "200000", "data": {"orderId": last}}
    return 200, {"code": "200000", "data": {"cancelledOrderIds": [last]}}


def multi_answer(method: str, url: str, body: Any) -> tuple[int, Any]:
    """The page's item shape: every first id of a chunk fails with 100004, the others succeed."""
    if "/account/mode" in url:
        return 200, MODE_CLASSIC
    listed = json.loads(body)
    ids = listed.get("orderIdsList") or [i["clientOid"] for i in listed["clientOidsList"]]
    wire = "orderId" if "orderIdsList" in listed else "clientOid"
    items = [{"orderId": None, "clientOid": None, wire: k, "code": "200", "msg": "success"} for k in ids]
    items[0] = {**items[0], "code": "100004", "msg": "Order has been filled or cancelled"}
    return 200, {"code": "200000", "data": items}


@pytest.mark.parametrize("flavor", FLAVORS)
def test_fresh_kucoinfutures_both_ids_cancel_by_order_id_in_one_request(flavor: str) -> None:
    # Done when (1): a fresh ccxt.kucoinfutures; the mode is asked once (ccxt would too), the cancel is one request.
    session = StubSession(ack_by_id)
    order = run(flavor, session, "cancel_order", "111", "BTC/USDT:USDT", {"clientOrderId": "cid-222"}, config=FRESH)
    cancels = [s for s in session.sent if "/account/mode" not in s.url]
    assert [path(s.url) for s in session.sent] == ["/api/ua/v1/account/mode", "/api/v1/orders/111"]
    assert len(cancels) == 1 and cancels[0].method == "DELETE" and "cid-222" not in cancels[0].url
    assert order["id"] == "111" and order["status"] is None  # "the orderId that is to be canceled": an acknowledgement


@pytest.mark.parametrize("flavor", FLAVORS)
def test_classic_option_cold_cancel_is_one_request(flavor: str) -> None:
    session = StubSession(ack_by_id)
    run(flavor, session, "cancel_order", "111", "BTC/USDT:USDT")
    assert [path(s.url) for s in session.sent] == ["/api/v1/orders/111"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_client_id_alone_uses_client_order_path_with_derived_symbol(flavor: str) -> None:
    session = StubSession(ack_by_id)
    order = run(flavor, session, "cancel_order", "", "BTC/USDT:USDT", {"clientOid": "cid-222"})
    (sent,) = session.sent
    assert path(sent.url) == "/api/v1/orders/client-order/cid-222" and query(sent.url) == {"symbol": ["XBTUSDTM"]}
    assert order["clientOrderId"] == "cid-222" and order["status"] is None


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    ("id_", "params", "kind"),
    [
        (None, {}, ccxt.ArgumentsRequired),
        ("", {}, ccxt.ArgumentsRequired),
        ("None", {}, ccxt.BadRequest),
        ("null", {}, ccxt.BadRequest),
        ("1/2", {}, ccxt.BadRequest),
        ("", {"clientOrderId": "None"}, ccxt.BadRequest),
    ],
)
def test_missing_ids_send_nothing(flavor: str, id_: Any, params: dict[str, Any], kind: type[Exception]) -> None:
    # Done when (3): cancel_order('', 'BTC/USDT:USDT') on a fresh kucoinfutures sends nothing (not even the mode) and raises.
    session = StubSession(ack_by_id)
    with pytest.raises(kind):
        run(flavor, session, "cancel_order", id_, "BTC/USDT:USDT", params, config=FRESH)
    assert session.sent == []


@pytest.mark.parametrize("flavor", FLAVORS)
def test_25_ids_three_requests_every_id_back_with_its_error(flavor: str) -> None:
    # Done when (2).
    session = StubSession(multi_answer)
    ids = [str(1000 + n) for n in range(25)]
    orders = run(flavor, session, "cancel_orders", ids, "BTC/USDT:USDT")
    assert [path(s.url) for s in session.sent] == ["/api/v1/orders/multi-cancel"] * 3
    assert [len(json.loads(s.body)["orderIdsList"]) for s in session.sent] == [10, 10, 5]
    assert [o["id"] for o in orders] == ids
    failed = [o for o in orders if batch.ERROR_KEY in o]
    assert [o["id"] for o in failed] == ["1000", "1010", "1020"]
    assert all(o[batch.ERROR_KEY]["class"] == "InvalidOrder" and o["status"] is None for o in failed)
    assert all(o["status"] is None for o in orders)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_client_id_batch_sends_client_oids_list_only(flavor: str) -> None:
    session = StubSession(multi_answer)
    orders = run(flavor, session, "cancel_orders", [], "ETH/USDT:USDT", {"clientOrderIds": ["c1", "c2"]})
    assert [json.loads(s.body) for s in session.sent] == [
        {"clientOidsList": [{"symbol": "ETHUSDTM", "clientOid": "c1"}, {"symbol": "ETHUSDTM", "clientOid": "c2"}]}
    ]
    assert [o["clientOrderId"] for o in orders] == ["c1", "c2"]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_mixing_ids_and_client_ids_is_refused(flavor: str) -> None:
    session = StubSession(multi_answer)
    with pytest.raises(ccxt.BadRequest, match="both"):
        run(flavor, session, "cancel_orders", ["111"], "BTC/USDT:USDT", {"clientOrderIds": ["c1"]})
    assert session.sent == []


@pytest.mark.parametrize("flavor", FLAVORS)
def test_batch_item_missing_from_answer_is_unknown_and_rate_limit_stops(flavor: str) -> None:
    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        listed = json.loads(body)["orderIdsList"]
        if listed[0] == "1010":
            return 429, {"code": "429000", "msg": "Too Many Requests"}
        return 200, {"code": "200000", "data": [{"orderId": k, "clientOid": None, "code": "200", "msg": "success"} for k in listed[1:]]}

    session = StubSession(answer)
    ids = [str(1000 + n) for n in range(25)]
    # resolveUnknown off: the batch rule as the cancels left it (test_resolve.py resolves the unknown entry).
    orders = run(flavor, session, "cancel_orders", ids, "BTC/USDT:USDT", {"resolveUnknown": False})
    assert len(session.sent) == 2  # the third chunk is not sent after a rate limit
    assert orders[0][batch.ERROR_KEY]["outcome"] == errors.UNKNOWN_OUTCOME
    assert orders[10][batch.ERROR_KEY]["class"] == "RateLimitExceeded"
    assert orders[20][batch.ERROR_KEY]["outcome"] == batch.NOT_SENT
    assert [o["id"] for o in orders] == ids


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_classic_batch_is_one_cancel_per_id(flavor: str) -> None:
    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        if url.endswith("/2"):
            return 400, {"code": "400100", "msg": "order_not_exist_or_not_allow_to_cancel"}
        return ack_by_id(method, url, body)

    session = StubSession(answer)
    orders = run(flavor, session, "cancel_orders", ["1", "2", "3"], "BTC/USDT", exchange_id="kucoin")
    assert [path(s.url) for s in session.sent] == ["/api/v1/orders/1", "/api/v1/orders/2", "/api/v1/orders/3"]
    assert [o["id"] for o in orders] == ["1", "2", "3"]
    assert orders[1][batch.ERROR_KEY]["class"] == "OrderNotFound" and batch.ERROR_KEY not in orders[0]


@pytest.mark.parametrize("flavor", FLAVORS)
def test_spot_hf_follows_ccxt_option_and_sends_symbol(flavor: str) -> None:
    session = StubSession(ack_by_id)
    config = {**CLASSIC, "options": {"uta": False, "hf": True}}
    order = run(flavor, session, "cancel_order", "111", "BTC/USDT", {"clientOrderId": "x"}, exchange_id="kucoin", config=config)
    (sent,) = session.sent
    assert path(sent.url) == "/api/v1/hf/orders/111" and query(sent.url) == {"symbol": ["BTC-USDT"]}
    assert order["id"] == "111"


@pytest.mark.parametrize("flavor", FLAVORS)
def test_answer_naming_another_order_is_unknown_outcome(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, {"code": "200000", "data": {"cancelledOrderIds": ["999"]}}))
    with pytest.raises(ccxt.BadResponse) as raised:
        run(flavor, session, "cancel_order", "111", "BTC/USDT:USDT")
    assert errors.is_unknown_outcome(raised.value)


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (200, {"code": "100004", "msg": "Order has been filled or cancelled"}, ccxt.InvalidOrder),
        (400, {"code": "400100", "msg": "order not exist."}, ccxt.OrderNotFound),
        (429, {"code": "429000", "msg": "Too Many Requests"}, ccxt.RateLimitExceeded),
        (401, {"code": "400005", "msg": "Invalid KC-API-SIGN"}, ccxt.AuthenticationError),
    ],
)
def test_error_codes_map(flavor: str, status: int, body: dict[str, Any], kind: type[Exception]) -> None:
    session = StubSession(lambda m, u, b: (status, body))
    with pytest.raises(kind):
        run(flavor, session, "cancel_order", "111", "BTC/USDT:USDT")
    assert len(session.sent) == 1


@pytest.mark.parametrize("flavor", FLAVORS)
def test_cancel_all_by_symbol_uses_v3_with_symbol(flavor: str) -> None:
    session = StubSession(lambda m, u, b: (200, {"code": "200000", "data": {"cancelledOrderIds": ["1", "2"]}}))
    orders = run(flavor, session, "cancel_all_orders", "BTC/USD:BTC")
    (sent,) = session.sent
    assert path(sent.url) == "/api/v3/orders" and query(sent.url) == {"symbol": ["XBTUSDM"]}
    assert [o["id"] for o in orders] == ["1", "2"] and all(o["status"] is None for o in orders)


def fresh_twice(flavor: str, answer: Callable[[str, str, Any], tuple[int, Any]]) -> tuple[StubSession, list[Any], Any]:
    """Two cancels on one fresh kucoinfutures instance; the outcomes (result or error) and the options after."""
    session = StubSession(answer)
    outcomes: list[Any] = []

    def both(exchange: Any) -> None:
        ccxt_cancel.install(exchange)

    if flavor == "sync":
        exchange = new_exchange("sync", "kucoinfutures", **FRESH)
        session.attach(exchange)
        both(exchange)
        try:
            for _ in range(2):
                try:
                    outcomes.append(exchange.cancel_order("111", "BTC/USDT:USDT"))
                except ccxt.BaseError as error:
                    outcomes.append(error)
        finally:
            ccxt_cancel.uninstall(exchange)
        return session, outcomes, exchange.options.get("uta")

    async def main() -> Any:
        exchange = new_exchange("async", "kucoinfutures", **FRESH)
        session.attach(exchange)
        both(exchange)
        try:
            for _ in range(2):
                try:
                    outcomes.append(await exchange.cancel_order("111", "BTC/USDT:USDT"))
                except ccxt.BaseError as error:
                    outcomes.append(error)
        finally:
            ccxt_cancel.uninstall(exchange)
            await exchange.close()
        return exchange.options.get("uta")

    return session, outcomes, asyncio.run(main())


@pytest.mark.parametrize("flavor", FLAVORS)
def test_mode_is_asked_once_per_instance(flavor: str) -> None:
    session, outcomes, uta = fresh_twice(flavor, ack_by_id)
    assert [path(s.url) for s in session.sent] == ["/api/ua/v1/account/mode", "/api/v1/orders/111", "/api/v1/orders/111"]
    assert uta is False and all(o["id"] == "111" for o in outcomes)


@pytest.mark.parametrize("flavor", FLAVORS)
def test_failed_mode_detection_keeps_nothing_and_sends_no_cancel(flavor: str) -> None:
    calls = {"mode": 0}

    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        if "/account/mode" in url:
            calls["mode"] += 1
            return (429, {"code": "429000", "msg": "Too Many Requests"}) if calls["mode"] == 1 else (200, MODE_CLASSIC)
        return ack_by_id(method, url, body)

    session, outcomes, uta = fresh_twice(flavor, answer)
    assert isinstance(outcomes[0], ccxt.RateLimitExceeded) and outcomes[1]["id"] == "111"
    assert [path(s.url) for s in session.sent] == ["/api/ua/v1/account/mode", "/api/ua/v1/account/mode", "/api/v1/orders/111"]
    assert uta is False


@pytest.mark.parametrize("flavor", FLAVORS)
def test_unified_account_is_handed_back_to_ccxt_without_a_second_detection(flavor: str) -> None:
    def answer(method: str, url: str, body: Any) -> tuple[int, Any]:
        if "/account/mode" in url:
            return 200, {"code": "200000", "data": {"selfAccountMode": "UNIFIED"}}
        return 200, {"code": "200000", "data": {"orderId": "111"}}

    session, outcomes, uta = fresh_twice(flavor, answer)
    assert uta is True
    # Both calls went on in ccxt's own code (which loads markets first; this stub has none for it): never a NotSupported of ours.
    assert not any(isinstance(outcome, ccxt.NotSupported) for outcome in outcomes)
    assert any("/api/ua/v1/market/instrument" in s.url for s in session.sent)
    # one detection (the room's, kept where ccxt keeps it), then ccxt's own cancels: never the classic endpoint
    assert [path(s.url) for s in session.sent].count("/api/ua/v1/account/mode") == 1
    assert path(session.sent[0].url) == "/api/ua/v1/account/mode"
    assert all("/api/v1/orders/" not in s.url for s in session.sent)


def test_declined_calls_stay_ccxt_calls() -> None:
    from ccxt_cancel.builtins.kucoin import plugin

    exchange = ccxt.kucoinfutures(CLASSIC)
    assert plugin.ccxt_cancel_order(exchange, "1", "BTC/USDT:USDT", {"trigger": True}) is None
    assert plugin.ccxt_cancel_order(exchange, "1", "BTC/USDC:USDC", {}) is None  # not derivable cold
    assert plugin.ccxt_cancel_order(exchange, "1", "BTC/USDT:USDT", {"uta": True}) is None
    assert plugin.ccxt_cancel_all_orders(exchange, None, {}) is None
    assert plugin.ccxt_cancel_order(ccxt.okx(), "1", "BTC/USDT:USDT", {}) is None


@pytest.mark.parametrize("flavor", FLAVORS)
@pytest.mark.parametrize("exchange_id", ["kucoin", "kucoinfutures"])
def test_batch_without_symbol_is_a_futures_multi_cancel_as_in_ccxt(flavor: str, exchange_id: str) -> None:
    session = StubSession(multi_answer)
    ids = [str(1000 + n) for n in range(11)]
    orders = run(flavor, session, "cancel_orders", ids, None, exchange_id=exchange_id)
    assert [path(s.url) for s in session.sent] == ["/api/v1/orders/multi-cancel"] * 2
    assert [json.loads(s.body) for s in session.sent] == [{"orderIdsList": ids[:10]}, {"orderIdsList": ids[10:]}]
    assert [o["id"] for o in orders] == ids and orders[0]["symbol"] is None


def test_done_when_a_bot_installs_globally_on_a_fresh_kucoinfutures() -> None:
    """Issue 23's three cases through ``ccxt_cancel.install()`` (every class), on fresh instances (``uta`` unset).

    A fresh instance asks the account mode once (ccxt asks it too), then each case costs what the issue says.
    """
    ccxt_cancel.install()
    try:
        session = StubSession(ack_by_id)
        exchange = session.attach(ccxt.kucoinfutures(dict(FRESH)))
        order = exchange.cancel_order("111", "BTC/USDT:USDT", {"clientOrderId": "cid-222"})
        assert [path(s.url) for s in session.sent] == ["/api/ua/v1/account/mode", "/api/v1/orders/111"] and order["id"] == "111"

        session = StubSession(multi_answer)
        exchange = session.attach(ccxt.kucoinfutures(dict(FRESH)))
        ids = [str(1000 + n) for n in range(25)]
        orders = exchange.cancel_orders(ids, "BTC/USDT:USDT")
        cancels = [s for s in session.sent if "/account/mode" not in s.url]
        assert len(cancels) == 3 and len(session.sent) == 4
        assert [o["id"] for o in orders] == ids
        assert {o["id"]: o[batch.ERROR_KEY]["class"] for o in orders if batch.ERROR_KEY in o} == dict.fromkeys(["1000", "1010", "1020"], "InvalidOrder")

        session = StubSession(ack_by_id)
        exchange = session.attach(ccxt.kucoinfutures(dict(FRESH)))
        with pytest.raises(ccxt.ArgumentsRequired):
            exchange.cancel_order("", "BTC/USDT:USDT")
        assert session.sent == []
    finally:
        ccxt_cancel.uninstall()
