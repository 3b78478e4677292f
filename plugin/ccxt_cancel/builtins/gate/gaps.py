"""The gate gaps the ``gate`` plugin fills, each with a probe of ccxt's unpatched method (ccxt 4.5.90)."""

from __future__ import annotations

import json
from typing import Any

from ccxt_cancel import probe
from ccxt_cancel.builtins.gate import sources
from ccxt_cancel.gaps import Gap

EXCHANGE_ID = "gate"
PRODUCT = "spot, USDT / BTC perpetual futures"
CLASSIC = {"unifiedAccount": False}


def markets(exchange: Any) -> list[dict[str, Any]]:
    """BTC/USDT spot and the BTC/USDT:USDT perpetual in ccxt's unified structure (also the benchmark's markets)."""
    return [
        probe.market(exchange, id="BTC_USDT", symbol="BTC/USDT", base="BTC", quote="USDT", type="spot", spot=True),
        probe.market(
            exchange,
            id="BTC_USDT",
            symbol="BTC/USDT:USDT",
            base="BTC",
            quote="USDT",
            settle="USDT",
            settleId="usdt",
            type="swap",
            swap=True,
            linear=True,
            contract=True,
        ),
    ]


def _answer(exchange: Any, body: Any) -> Any:
    def answer(sent: probe.Sent) -> Any:
        exchange.handle_errors(200, "OK", sent.url, sent.method, {}, json.dumps(body), body, sent.headers, sent.body)
        return body

    return answer


ORDER = {"id": "111", "text": "t-abc", "currency_pair": "BTC_USDT", "status": "cancelled", "finish_as": "cancelled"}


def _run(method: str, *args: Any, body: Any = ORDER, options: dict[str, Any] | None = None, cold: bool = False) -> probe.Outcome:
    exchange = probe.exchange(EXCHANGE_ID, CLASSIC if options is None else options)
    if cold:
        return probe.run(exchange, method, *args, markets=None, answer=_answer(exchange, body))
    return probe.run(exchange, method, *args, markets=markets(exchange), answer=_answer(exchange, body))


def _empty_id_is_cancel_all_path() -> bool:
    return any(sent.method == "DELETE" and sent.path.endswith("/orders/") for sent in _run("cancel_order", "", "BTC/USDT").sent)


def _none_on_the_wire() -> bool:
    return any(sent.path.endswith("/None") for sent in _run("cancel_order", None, "BTC/USDT", {"clientOrderId": "t-abc"}).sent)


def _futures_ids(ids: list[str]) -> list[Any]:
    return [json.loads(s.body) for s in _run("cancel_orders", ids, "BTC/USDT:USDT", body=[]).sent if s.method == "POST" and s.body]


def _batch_not_split() -> bool:
    return any(len(body) > 20 for body in _futures_ids([str(1000 + n) for n in range(25)]))


def _upper_case_settle() -> bool:
    exchange = probe.exchange(EXCHANGE_ID, CLASSIC)
    outcome = probe.run(exchange, "cancel_orders", ["1"], "BTC/USDT:USDT", markets=markets(exchange), answer=lambda sent: [])
    return any("/futures/USDT/" in sent.path for sent in outcome.sent)


def _unified_items_lack_account() -> bool:
    sent = _run("cancel_orders", ["1", "2"], "BTC/USDT", body=[], options={"unifiedAccount": True}).sent
    bodies = [json.loads(s.body) for s in sent if s.method == "POST" and s.body]
    return any(isinstance(item, dict) and item.get("account") != "unified" for body in bodies for item in body)


PARTIAL = [
    {"currency_pair": "BTC_USDT", "id": "1", "succeeded": True, "label": "", "message": ""},
    {"currency_pair": "BTC_USDT", "id": "2", "succeeded": False, "label": "ORDER_NOT_FOUND", "message": "Order not found"},
]


def _failed_items_lose_reason() -> bool:
    result = _run("cancel_orders", ["1", "2"], "BTC/USDT", body=PARTIAL).result
    if not isinstance(result, list) or len(result) < 2:
        return True
    failed = result[1]
    return "error" not in failed and "ORDER_NOT_FOUND" not in json.dumps({k: v for k, v in failed.items() if k != "info"})


def _order_finished_is_plain() -> bool:
    import ccxt

    return type(_run("cancel_order", "1", "BTC/USDT", body={"label": "ORDER_FINISHED", "message": "Order finished"}).error) is ccxt.ExchangeError


def _cancel_all_without_symbol_is_spot_only() -> bool:
    sent = _run("cancel_all_orders", body=[]).sent
    return bool(sent) and all(s.path.startswith("/api/v4/spot/") for s in sent)


DELIVERY_CONTRACT = {"name": "BTC_USDT_20200814", "underlying": "BTC_USDT", "cycle": "WEEKLY", "quanto_multiplier": "0.0001", "expire_time": 1597392000}


def _delivery_batch_goes_to_perpetuals() -> bool:
    exchange = probe.exchange(EXCHANGE_ID, CLASSIC)
    market = exchange.parse_contract_market(DELIVERY_CONTRACT, "usdt")
    outcome = probe.run(exchange, "cancel_orders", ["1", "2"], market["symbol"], markets=[market], answer=lambda sent: [])
    return any(sent.path.startswith("/api/v4/futures/") for sent in outcome.sent)


def _cold_cancel_costs_more_than_one() -> bool:
    # Markets answered empty and the mode as classic: whatever ccxt sends before (or instead of) the cancel is extra.
    exchange = probe.exchange(EXCHANGE_ID, {})

    def answer(sent: probe.Sent) -> Any:
        return {"key": {"mode": 1}} if sent.path.endswith("/account/detail") else ORDER if sent.method == "DELETE" else []

    return len(probe.run(exchange, "cancel_order", "1", "BTC/USDT", markets=None, answer=answer).sent) > 1


GAPS = (
    Gap(
        id="gate.empty-id-cancel-all-path",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="DELETE /spot/orders: Cancel all `open` orders in specified currency pair",
        source=sources.SPOT_API,
        ccxt_does="cancel_order('', 'BTC/USDT') sends DELETE /spot/orders/?currency_pair=BTC_USDT (the cancel-all path with a trailing slash)",
        plugin_does="raises ArgumentsRequired and sends nothing; no path can end in /orders/",
        probe=_empty_id_is_cancel_all_path,
    ),
    Gap(
        id="gate.client-id",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule=sources.ORDER_ID_PATH,
        source=sources.SPOT_API,
        ccxt_does="cancel_order(None, symbol, {'clientOrderId': 't-abc'}) sends /spot/orders/None and leaks clientOrderId as a query parameter",
        plugin_does="puts the client id in the path as its t- text; None / 'None' / 'null' raise and send nothing",
        probe=_none_on_the_wire,
    ),
    Gap(
        id="gate.batch-limit",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule=sources.FUTURES_BATCH_LIMIT,
        source=sources.FUTURES_API,
        ccxt_does="puts every id into one batch-cancel request (25 ids: one request of 25)",
        plugin_does="chunks of 20 (25 ids: 20 + 5), one entry per requested id in the caller's order",
        probe=_batch_not_split,
    ),
    Gap(
        id="gate.futures-batch-settle-case",
        exchange=EXCHANGE_ID,
        product="USDT / BTC perpetual futures",
        rule="settle: Settle currency (usdt / btc, lower-case in every documented path)",
        source=sources.FUTURES_API,
        ccxt_does="sends the futures batch to /futures/USDT/batch_cancel_orders (the unified settle code)",
        plugin_does="lower-case settle in every path: /futures/usdt/batch_cancel_orders",
        probe=_upper_case_settle,
    ),
    Gap(
        id="gate.unified-batch-account",
        exchange=EXCHANGE_ID,
        product="spot",
        rule=sources.UNIFIED_ITEM,
        source=sources.CANCEL_BATCH_ORDER,
        ccxt_does="with unifiedAccount set, sends batch items without account",
        plugin_does='adds account: "unified" to every item when ccxt\'s unifiedAccount option is set',
        probe=_unified_items_lack_account,
    ),
    Gap(
        id="gate.batch-failures",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule=sources.BATCH_RESULT,
        source=sources.CANCEL_ORDER_RESULT,
        ccxt_does="a failed item comes back as status 'rejected' without its label or message",
        plugin_does="a failed item keeps its id with its label / message mapped to a ccxt class under order['error'], matched by id",
        probe=_failed_items_lose_reason,
    ),
    Gap(
        id="gate.order-finished",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="ORDER_FINISHED: the order is finished (it exists: not 'not found')",
        source=sources.API_V4,
        ccxt_does="raises a plain ExchangeError for ORDER_FINISHED",
        plugin_does="InvalidOrder (ORDER_CLOSED / ORDER_CANCELLED too; ORDER_NOT_FOUND is OrderNotFound)",
        probe=_order_finished_is_plain,
    ),
    Gap(
        id="gate.cancel-all-scope",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule=sources.SPOT_CANCEL_ALL,
        source=sources.SPOT_API,
        ccxt_does="cancel_all_orders() without a symbol or type cancels every spot pair (and nothing on futures)",
        plugin_does="without a symbol requires params['type'] ('spot' / 'swap'); a bare call raises ArgumentsRequired and sends nothing",
        probe=_cancel_all_without_symbol_is_spot_only,
    ),
    Gap(
        id="gate.delivery-batch",
        exchange=EXCHANGE_ID,
        product="delivery futures",
        rule="DeliveryApi has cancel_delivery_order and cancel_delivery_orders, no batch cancel",
        source=sources.DELIVERY_API,
        ccxt_does="sends delivery order ids to the perpetual batch endpoint /futures/USDT/batch_cancel_orders",
        plugin_does="one DELETE /delivery/{settle}/orders/{order_id} per id, every id back under the batch rule",
        probe=_delivery_batch_goes_to_perpetuals,
    ),
    Gap(
        id="gate.cold-cancel",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="one cancel is one request (DELETE /spot/orders/{order_id})",
        source=sources.SPOT_API,
        ccxt_does="a cold cancel loads every market and detects the account mode (GET /account/detail) first; a failed detection keeps unifiedAccount=False",
        plugin_does="one request: the market id from the unified symbol, no account detection (see the docs page)",
        probe=_cold_cancel_costs_more_than_one,
    ),
)
