"""The kucoin gaps the ``kucoin`` plugin fills (classic accounts, ``options['uta'] = False``), each with a probe of ccxt's unpatched method."""

from __future__ import annotations

import json
from typing import Any

from ccxt_cancel import probe
from ccxt_cancel.builtins.kucoin import sources
from ccxt_cancel.gaps import Gap

EXCHANGE = "kucoinfutures, kucoin"
PRODUCT = "futures (USDT- and coin-margined), classic account"


def _market(exchange: Any) -> dict[str, Any]:
    return probe.market(
        exchange, id="XBTUSDTM", symbol="BTC/USDT:USDT", base="BTC", quote="USDT", settle="USDT", type="swap", swap=True, linear=True, contract=True
    )


def _answer(exchange: Any, cancel: Any) -> Any:
    def answer(sent: probe.Sent) -> Any:
        exchange.handle_errors(200, "OK", sent.url, sent.method, {}, json.dumps(cancel), cancel, sent.headers, sent.body)
        return cancel

    return answer


ACK = {"code": "200000", "data": {"cancelledOrderIds": ["111"]}}


def _run(method: str, *args: Any, cancel: Any = ACK) -> probe.Outcome:
    exchange = probe.exchange("kucoinfutures", {"uta": False})
    return probe.run(exchange, method, *args, markets=[_market(exchange)], answer=_answer(exchange, cancel))


def _paths(outcome: probe.Outcome) -> list[str]:
    return [sent.path for sent in outcome.sent]


def _client_id_wins() -> bool:
    return any("/client-order/" in p for p in _paths(_run("cancel_order", "111", "BTC/USDT:USDT", {"clientOrderId": "c1"})))


def _none_on_wire() -> bool:
    return any(p.endswith("/orders/None") for p in _paths(_run("cancel_order", None, "BTC/USDT:USDT")))


def _empty_id_cancel_all_path() -> bool:
    return any(p.endswith("/orders/") for p in _paths(_run("cancel_order", "", "BTC/USDT:USDT")))


def _bodies(outcome: probe.Outcome) -> list[Any]:
    return [json.loads(sent.body) for sent in outcome.sent if sent.body]


def _oversized_batch() -> bool:
    ids = [str(1000 + n) for n in range(25)]
    cancel = {"code": "200000", "data": [{"orderId": i, "clientOid": None, "code": "200", "msg": "success"} for i in ids]}
    return any(len(body.get("orderIdsList") or []) > 10 for body in _bodies(_run("cancel_orders", ids, "BTC/USDT:USDT", cancel=cancel)))


def _item_errors_ignored() -> bool:
    cancel = {
        "code": "200000",
        "data": [
            {"orderId": "1", "clientOid": None, "code": "200", "msg": "success"},
            {"orderId": "2", "clientOid": None, "code": "100004", "msg": "Order has been filled or cancelled"},
        ],
    }
    result = _run("cancel_orders", ["1", "2"], "BTC/USDT:USDT", cancel=cancel).result
    return isinstance(result, list) and len(result) == 2 and "error" not in result[1]


def _mixed_body() -> bool:
    bodies = _bodies(_run("cancel_orders", ["111"], "BTC/USDT:USDT", {"clientOrderIds": ["c1"]}, cancel={"code": "200000", "data": []}))
    return any("111" in (body.get("clientOidsList") or []) for body in bodies)


def _filled_is_bad_request() -> bool:
    import ccxt

    error = _run("cancel_order", "111", "BTC/USDT:USDT", cancel={"code": "100004", "msg": "Order has been filled or cancelled"}).error
    return type(error) is ccxt.BadRequest


GAPS = (
    Gap(
        id="kucoin.order-id-precedence",
        exchange=EXCHANGE,
        product=PRODUCT,
        rule=sources.FUTURES_CANCEL_BY_ID_QUOTE,
        source=sources.FUTURES_CANCEL_BY_ID,
        ccxt_does="with a client id in params, cancels through /client-order/{clientOid} and drops the order id",
        plugin_does="the order id wins: DELETE /api/v1/orders/{orderId}; a client id alone uses /client-order/{clientOid}?symbol=",
        probe=_client_id_wins,
    ),
    Gap(
        id="kucoin.no-id",
        exchange=EXCHANGE,
        product=PRODUCT,
        rule=sources.FUTURES_CANCEL_BY_ID_QUOTE,
        source=sources.FUTURES_CANCEL_BY_ID,
        ccxt_does="with id=None sends DELETE /api/v1/orders/None",
        plugin_does="raises ArgumentsRequired (None, '') or BadRequest ('None', 'null', ids that are not path-safe) and sends nothing",
        probe=_none_on_wire,
    ),
    Gap(
        id="kucoin.empty-id-cancel-all-path",
        exchange=EXCHANGE,
        product=PRODUCT,
        rule=sources.FUTURES_CANCEL_ALL_V1_QUOTE,
        source=sources.FUTURES_CANCEL_ALL_V1,
        ccxt_does="cancel_order('') sends DELETE /api/v1/orders/, one slash away from cancel-all",
        plugin_does="raises ArgumentsRequired and sends nothing",
        probe=_empty_id_cancel_all_path,
    ),
    Gap(
        id="kucoin.batch-limit",
        exchange=EXCHANGE,
        product=PRODUCT,
        rule=sources.FUTURES_BATCH_LIMIT_QUOTE,
        source=sources.FUTURES_BATCH,
        ccxt_does="puts every id into one multi-cancel (25 ids: one request of 25)",
        plugin_does="chunks of 10 (25 ids: 10 + 10 + 5), one entry per requested id in the caller's order",
        probe=_oversized_batch,
    ),
    Gap(
        id="kucoin.batch-item-errors",
        exchange=EXCHANGE,
        product=PRODUCT,
        rule=sources.FUTURES_BATCH_QUOTE,
        source=sources.FUTURES_BATCH,
        ccxt_does="returns an item with code 100004 as a normal order",
        plugin_does="a failed item keeps its id, with its code and msg mapped to a ccxt class under order['error'], matched by id",
        probe=_item_errors_ignored,
    ),
    Gap(
        id="kucoin.mixed-batch-body",
        exchange=EXCHANGE,
        product=PRODUCT,
        rule=sources.FUTURES_BATCH_PREVAIL_QUOTE,
        source=sources.FUTURES_BATCH,
        ccxt_does='ids plus clientOrderIds build {"clientOidsList": [{"symbol": ..., "clientOid": "c1"}, "111"]}',
        plugin_does="refuses the mix with BadRequest before sending; one list per call, never both in one body",
        probe=_mixed_body,
    ),
    Gap(
        id="kucoin.100004-filled",
        exchange=EXCHANGE,
        product=PRODUCT,
        rule=sources.ERRORS_QUOTE,
        source=sources.FUTURES_CANCEL_BY_ID,
        ccxt_does="raises BadRequest for 100004 / 'Order has been filled or cancelled'",
        plugin_does="InvalidOrder (the order exists and is finished; not canceled by this call)",
        probe=_filled_is_bad_request,
    ),
)
