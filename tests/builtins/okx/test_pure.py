"""okx: the pure pieces (instIds, answer reading, error classes, costs), and one test per registered gap showing the plugin closes it."""

from __future__ import annotations

import json
from typing import Any

import ccxt
import pytest

import ccxt_cancel
from ccxt_cancel.builtins.okx import answers, gaps, markets, plugin
from ccxt_cancel.plans import ACCEPT, HttpAnswer
from tests.builtins.okx.helpers import Router, okx

# --- instIds ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("symbol", "inst_id"),
    [
        ("BTC/USDT", "BTC-USDT"),
        ("ETH/BTC", "ETH-BTC"),
        ("BTC/USDT:USDT", "BTC-USDT-SWAP"),
        ("BTC/USDC:USDC", "BTC-USDC-SWAP"),
        ("BTC/USD:BTC", "BTC-USD-SWAP"),
        ("BTC/USDT:USDT-251226", "BTC-USDT-251226"),
        ("ETH/USD:ETH-260327", "ETH-USD-260327"),
        ("BTC/USD:BTC-251226-100000-C", "BTC-USD-251226-100000-C"),
        ("ETH/USD:ETH-251226-2500.5-P", "ETH-USD-251226-2500.5-P"),
        # not derivable without guessing: declined (None)
        ("BTC/USD:USD", None),  # USD-settled linear: OKX's instId is BTC-USD_UM-SWAP
        ("BTC/USDT:BTC", None),  # settle neither the quote nor the base of a USD contract
        ("ETH/BTC:ETH", None),  # inverse contracts are USD-quoted
        ("BTC/USDT:USDT-251226-100000-C", None),  # a USDT-settled option: not derived
        ("BTC/USDT:USDT-251332", None),  # no such date
        ("BTC/USDT:USDT-2512", None),
        ("btc/usdt", None),
        ("BTC/USDT:USDT-251226-100000-X", None),
        ("AET/USDT", None),  # ccxt renames OKX's AE to AET: the id is not AET
        ("XBT/USDT", None),  # ccxt renames XBT to BTC
        ("BTC//USDT", None),
        ("BTC/USDT?x=1", None),
    ],
)
def test_unified_symbols(symbol: str, inst_id: str | None) -> None:
    found = markets.from_unified(ccxt.okx(), symbol)
    assert (found.inst_id if found else None) == inst_id
    if found is not None:
        assert found.symbol == symbol


@pytest.mark.parametrize(
    ("inst_id", "symbol"),
    [
        ("BTC-USDT", "BTC/USDT"),
        ("BTC-USDT-SWAP", "BTC/USDT:USDT"),
        ("BTC-USD-SWAP", "BTC/USD:BTC"),
        ("BTC-USDT-251226", "BTC/USDT:USDT-251226"),
        ("BTC-USD-251226-100000-C", "BTC/USD:BTC-251226-100000-C"),
        ("AE-USDT", "AET/USDT"),  # ccxt's own rename, as it would name the market
        ("BTC-USD_UM-SWAP", None),
        ("btc-usdt", None),
        ("BTC-USDT-251332", None),
        ("BTC-USDT-251226-100000-C", None),
        ("BTC-USDT-SWAP-X", None),
        ("../BTC-USDT", None),
    ],
)
def test_raw_inst_ids(inst_id: str, symbol: str | None) -> None:
    found = markets.from_raw(ccxt.okx(), inst_id)
    assert (found.symbol if found else None) == symbol
    if found is not None:
        assert found.inst_id == inst_id


def test_a_user_rename_makes_a_code_underivable() -> None:
    exchange = ccxt.okx({"commonCurrencies": {"FOO": "BAR"}})
    assert markets.from_unified(exchange, "BAR/USDT") is None
    assert markets.from_unified(exchange, "BTC/USDT") is not None


def test_resolution_is_remembered_per_markets_object() -> None:
    exchange = ccxt.okx()
    first = markets.resolve(exchange, "cancelOrder", "BTC/USDT:USDT")
    assert markets.resolve(exchange, "cancelOrder", "BTC/USDT:USDT") is first
    exchange.set_markets([exchange.parse_market({"instId": "BTC-USDT-SWAP", "instType": "SWAP", "settleCcy": "USDT", "uly": "BTC-USDT", "ctVal": "0.01"})])
    loaded = markets.resolve(exchange, "cancelOrder", "BTC/USDT:USDT")
    assert loaded is not first and loaded is not None and loaded.market is not None


# --- answers ---------------------------------------------------------------------------------------


def item(ord_id: str = "", code: str = "0", cl: str = "") -> dict[str, str]:
    return {"ordId": ord_id, "clOrdId": cl, "sCode": code, "sMsg": "" if code == "0" else "m"}


def test_items_are_matched_by_id_whatever_their_order() -> None:
    found = answers.match([item("3"), item("1"), item("2", "51400")], ["1", "2", "3"], "ordId")
    assert [f["ordId"] if f else None for f in found] == ["1", "2", "3"]


def test_items_without_an_id_take_the_unnamed_positions_in_order() -> None:
    found = answers.match([item("1"), item("", "51400"), item("3"), item("", "51603")], ["1", "2", "3", "4"], "ordId")
    assert [f["sCode"] if f else None for f in found] == ["0", "51400", "0", "51603"]


def test_an_id_the_answer_does_not_mention_gets_no_item() -> None:
    found = answers.match([item("1"), item("99")], ["1", "2"], "ordId")
    assert found[0] is not None and found[1] is None  # "99" was never requested: it names nothing


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("51400", ccxt.InvalidOrder),
        ("51401", ccxt.InvalidOrder),
        ("51402", ccxt.InvalidOrder),
        ("51603", ccxt.OrderNotFound),
        ("51410", ccxt.CancelPending),  # ccxt's table
        ("51000", ccxt.BadRequest),  # ccxt's table
        ("50011", ccxt.RateLimitExceeded),  # ccxt's table
        ("51412", ccxt.ExchangeError),  # not in ccxt's table
    ],
)
def test_item_error_classes(code: str, kind: type[Exception]) -> None:
    error = answers.item_error(ccxt.okx(), code, "m", f"okx cancelOrder() ordId 1: {code}")
    assert type(error) is kind


def http(status: int, body: Any) -> HttpAnswer:
    return HttpAnswer(status=status, reason="", url="https://www.okx.com/api/v5/trade/cancel-order", method="POST", body=json.dumps(body), json=body)


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, {"code": "0", "data": [item("1")], "msg": ""}, "accept"),
        (200, {"code": "1", "data": [item("1", "51400")], "msg": ""}, "accept"),
        (200, {"code": "2", "data": [item("1"), item("2", "51400")], "msg": ""}, "accept"),
        (200, {"code": "1", "data": [], "msg": ""}, None),  # ccxt: ExchangeError
        (200, {"code": "50011", "data": [], "msg": "Rate limit reached."}, None),  # ccxt: RateLimitExceeded
        (429, {"code": "50011", "data": [], "msg": "Rate limit reached."}, None),
        (200, {"code": "51400", "data": [], "msg": "x"}, ccxt.InvalidOrder),  # a top-level 51400: still not "not found"
        (400, {"code": "1", "data": [item("1", "51401")], "msg": ""}, ccxt.InvalidOrder),
        (400, {"code": "1", "data": [item("1", "51000"), item("2", "51400")], "msg": ""}, None),  # ccxt raises the first it knows: 51000
        (200, {"code": "0", "data": [{"ordId": "1"}], "msg": ""}, None),  # items without sCode: not a cancel answer
        (200, "not json", None),
    ],
)
def test_on_error(status: int, body: Any, expected: Any) -> None:
    decision = answers.on_error(ccxt.okx(), http(status, body))
    if expected == "accept":
        assert decision is ACCEPT
    elif expected is None:
        assert decision is None
    else:
        assert type(decision) is expected


# --- the ledger and the chunk reader ---------------------------------------------------------------


def read(keys: list[str], *answers_: Any) -> list[dict[str, Any]]:
    """Drive a batch plan by hand with these answers (one per request)."""
    exchange = ccxt.okx()
    instrument = markets.resolve(exchange, "cancelOrders", "BTC/USDT")
    assert instrument is not None
    flow = plugin.batch_plan(exchange, "cancelOrders", instrument, keys, "id")
    next(flow)
    try:
        for answer in answers_:
            if isinstance(answer, BaseException):
                flow.throw(answer)
            else:
                flow.send(answer)
    except StopIteration as done:
        result: list[dict[str, Any]] = done.value
        return result
    raise AssertionError("the plan wanted more answers")


def test_a_whole_failure_among_answered_chunks_keeps_each_items_error() -> None:
    keys = [str(i) for i in range(21)]
    first = {"code": "0", "data": [item(k) for k in keys[:20]], "msg": ""}
    second = {"code": "1", "data": [item("20", "51603")], "msg": ""}
    orders = read(keys, first, second)
    assert orders[20][ccxt_cancel.ERROR_KEY]["class"] == "OrderNotFound" and orders[20]["info"]["sCode"] == "51603"


def test_every_chunk_failing_whole_raises_the_first_items_error() -> None:
    keys = [str(i) for i in range(21)]
    first = {"code": "1", "data": [item(k, "51400") for k in keys[:20]], "msg": ""}
    second = {"code": "1", "data": [item("20", "51603")], "msg": ""}
    with pytest.raises(ccxt.InvalidOrder, match="ordId 0"):
        read(keys, first, second)


def test_a_rate_limit_on_every_item_stops_the_batch() -> None:
    keys = [str(i) for i in range(21)]
    first = {"code": "1", "data": [item(k, "50011") for k in keys[:20]], "msg": ""}
    with pytest.raises(ccxt.RateLimitExceeded):
        read(keys, first)  # no second answer is asked for: the second chunk is not sent


def test_a_raised_rate_limit_stops_the_batch_and_the_rest_says_not_sent() -> None:
    keys = [str(i) for i in range(41)]
    first = {"code": "0", "data": [item(k) for k in keys[:20]], "msg": ""}
    orders = read(keys, first, ccxt.RateLimitExceeded("okx 50011"))
    assert all(o[ccxt_cancel.ERROR_KEY]["class"] == "RateLimitExceeded" for o in orders[20:])
    assert "not sent" in orders[40][ccxt_cancel.ERROR_KEY]["message"]


def test_a_code_1_answer_with_an_acknowledged_item_counts_as_answered() -> None:
    orders = read(["1", "2"], {"code": "1", "data": [item("1"), item("2", "51400")], "msg": ""})
    assert orders[0]["status"] is None and ccxt_cancel.ERROR_KEY not in orders[0] and orders[1][ccxt_cancel.ERROR_KEY]["class"] == "InvalidOrder"


@pytest.mark.parametrize("answer", [{"code": "0", "data": [], "msg": ""}, {"code": "0", "msg": ""}, [], "x"])
def test_an_unreadable_batch_answer_fails_its_ids(answer: Any) -> None:
    with pytest.raises(ccxt.BadResponse):
        read(["1"], answer)


def test_an_id_missing_from_the_answer_is_not_canceled() -> None:
    orders = read(["1", "2"], {"code": "0", "data": [item("1")], "msg": ""})
    assert orders[1][ccxt_cancel.ERROR_KEY]["class"] == "BadResponse" and orders[1]["id"] == "2"


def test_cancel_order_answer_for_another_order_is_a_bad_response() -> None:
    log = Router(lambda m, url, body: {"code": "0", "data": [item("2")], "msg": ""})
    with pytest.raises(ccxt.BadResponse):
        okx("sync", "cancel_order", "1", "BTC/USDT", prepare=log.attach)


# --- costs -----------------------------------------------------------------------------------------


def test_costs_space_requests_at_the_documented_limits() -> None:
    exchange = ccxt.okx()  # rateLimit 110 ms
    one = plugin.cost(exchange, plugin.INTERVAL_MS_CANCEL_ONE)
    assert one is not None and 2000 / (one * exchange.rateLimit) == pytest.approx(60 / plugin.HEADROOM)  # 60 requests / 2 s
    full = plugin.batch_cost(exchange, 20)
    assert full is not None and 20 * 2000 / (full * exchange.rateLimit) == pytest.approx(300 / plugin.HEADROOM)  # 300 orders / 2 s
    assert plugin.batch_cost(exchange, 1) == one  # a one-order batch counts as a cancel-order
    assert plugin.cost(ccxt.okx({"rateLimit": 0}), 10) is None


# --- each registered gap, closed -------------------------------------------------------------------


def closes_order_id_precedence() -> bool:
    log = Router()
    okx("sync", "cancel_order", "1", "BTC/USDT", {"clientOrderId": "a1"}, prepare=log.attach)
    return log.bodies() == [{"instId": "BTC-USDT", "ordId": "1"}]


def closes_no_id() -> bool:
    log = Router()
    try:
        okx("sync", "cancel_order", None, "BTC/USDT", prepare=log.attach)
    except ccxt.ArgumentsRequired:
        return log.requests == []
    return False


def closes_cold_cancel() -> bool:
    log = Router()
    okx("sync", "cancel_order", "1", "BTC/USDT", prepare=log.attach)
    return len(log.requests) == 1


def closes_batch_limit() -> bool:
    log = Router()
    okx("sync", "cancel_orders", [str(1000 + i) for i in range(25)], "BTC/USDT", prepare=log.attach)
    return [len(b) for b in log.bodies()] == [20, 5]


def closes_batch_items() -> bool:
    log = Router(lambda m, url, body: gaps.PARTIAL)
    orders = okx("sync", "cancel_orders", ["1", "2"], "BTC/USDT", prepare=log.attach)
    return [o["id"] for o in orders] == ["1", "2"] and orders[1][ccxt_cancel.ERROR_KEY]["class"] == "InvalidOrder"


def closes_51400() -> bool:
    log = Router(lambda m, url, body: {"code": "1", "msg": "", "data": [dict(gaps.PARTIAL["data"][1], ordId="1")]})  # type: ignore[index]
    try:
        okx("sync", "cancel_order", "1", "BTC/USDT", prepare=log.attach)
    except ccxt.OrderNotFound:
        return False
    except ccxt.InvalidOrder:
        return True
    return False


def closes_cancel_all() -> bool:
    log = Router()
    return okx("sync", "cancel_all_orders", "BTC/USDT", prepare=log.attach) == [] and len(log.requests) == 1


CLOSURES = {
    "okx.order-id-precedence": closes_order_id_precedence,
    "okx.no-id": closes_no_id,
    "okx.cold-cancel": closes_cold_cancel,
    "okx.batch-limit": closes_batch_limit,
    "okx.batch-items": closes_batch_items,
    "okx.51400-not-not-found": closes_51400,
    "okx.cancel-all": closes_cancel_all,
}


def test_every_gap_has_a_closure_test() -> None:
    assert set(CLOSURES) == {gap.id for gap in gaps.GAPS}


@pytest.mark.parametrize("gap", gaps.GAPS, ids=[gap.id for gap in gaps.GAPS])
def test_the_plugin_closes_what_the_probe_finds_open(gap: Any) -> None:
    assert gap.probe(), f"{gap.id}: the installed ccxt no longer has this gap"
    assert CLOSURES[gap.id](), f"{gap.id}: the plugin does not close it"
