"""The OKX gaps the ``okx`` plugin fills, as data, each with a probe of the installed ccxt.

Each probe runs ccxt's own, unpatched okx method on a stub transport
(``ccxt_cancel.probe``) and returns True while the gap is present. ccxt's
``handle_errors`` runs inside the real ``fetch`` that the stub replaces, so
the probes that are about error classes call it themselves, on the same
answer, in the same place.

Each rule is a short quote from the source named beside it. Three of them
are from a third-party copy of OKX's documentation (``sources.py``): no
official OKX source states the precedence rule, the acknowledgement meaning
of ``sCode`` or the 51400 message, and the URL says which repository it is.
"""

from __future__ import annotations

import json
from typing import Any

from ccxt_cancel import probe
from ccxt_cancel.builtins.okx import sources
from ccxt_cancel.gaps import Gap

EXCHANGE_ID = "okx"
PRODUCT = "spot, margin, swaps, futures, options"


def _market(exchange: Any) -> dict[str, Any]:
    return probe.market(exchange, id="BTC-USDT", symbol="BTC/USDT", base="BTC", quote="USDT", baseId="BTC", quoteId="USDT", type="spot", spot=True)


def _answer(exchange: Any, cancel: dict[str, Any]) -> Any:
    """The stub's answer: ``cancel`` for POSTs (checked by ccxt's own okx handle_errors first), an empty list for GETs."""

    def answer(sent: probe.Sent) -> Any:
        body = cancel if sent.method == "POST" else {"code": "0", "data": [], "msg": ""}
        exchange.handle_errors(200, "OK", sent.url, sent.method, {}, json.dumps(body), body, sent.headers, sent.body)
        return body

    return answer


def _ack(*ids: str) -> dict[str, Any]:
    return {"code": "0", "msg": "", "data": [{"clOrdId": "", "ordId": i, "sCode": "0", "sMsg": ""} for i in ids]}


def _run(method: str, *args: Any, cancel: dict[str, Any] | None = None, cold: bool = False) -> probe.Outcome:
    exchange = probe.exchange(EXCHANGE_ID)
    return probe.run(exchange, method, *args, markets=None if cold else [_market(exchange)], answer=_answer(exchange, cancel or _ack("1")))


def _posts(outcome: probe.Outcome) -> list[Any]:
    return [json.loads(sent.body) for sent in outcome.sent if sent.method == "POST" and sent.body]


def _drops_order_id() -> bool:
    bodies = _posts(_run("cancel_order", "1", "BTC/USDT", {"clientOrderId": "a1"}))
    return bool(bodies) and "ordId" not in bodies[0]


def _sends_null() -> bool:
    bodies = _posts(_run("cancel_order", None, "BTC/USDT"))
    return bool(bodies) and "ordId" in bodies[0] and bodies[0]["ordId"] is None


def _loads_markets_first() -> bool:
    return any(sent.method == "GET" for sent in _run("cancel_order", "1", "BTC/USDT", cold=True).sent)


def _oversized_batch() -> bool:
    ids = [str(1000 + i) for i in range(25)]
    return any(isinstance(body, list) and len(body) > 20 for body in _posts(_run("cancel_orders", ids, "BTC/USDT", cancel=_ack(*ids))))


FILLED_OR_GONE = "Order cancellation failed as the order has been filled, canceled or does not exist."
PARTIAL = {
    "code": "2",
    "msg": "",
    "data": [{"clOrdId": "", "ordId": "1", "sCode": "0", "sMsg": ""}, {"clOrdId": "", "ordId": "2", "sCode": "51400", "sMsg": FILLED_OR_GONE}],
}


def _drops_failed_items() -> bool:
    result = _run("cancel_orders", ["1", "2"], "BTC/USDT", cancel=PARTIAL).result
    return isinstance(result, list) and len(result) < 2


def _filled_is_not_found() -> bool:
    import ccxt

    failed = {"code": "1", "msg": "", "data": [{"clOrdId": "", "ordId": "1", "sCode": "51400", "sMsg": FILLED_OR_GONE}]}
    return isinstance(_run("cancel_order", "1", "BTC/USDT", cancel=failed).error, ccxt.OrderNotFound)


def _no_cancel_all() -> bool:
    import ccxt

    return isinstance(_run("cancel_all_orders", "BTC/USDT").error, ccxt.NotSupported)


GAPS = (
    Gap(
        id="okx.order-id-precedence",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="Either `ordId` or `clOrdId` is required. If both are passed, ordId will be used.",
        source=sources.COPY_CANCEL_ORDER,
        ccxt_does="with a client id in params, sends only clOrdId and drops the order id",
        plugin_does="sends ordId only (the id wins); a client id alone (clOrdId or ccxt's clientOrderId) cancels by clOrdId",
        probe=_drops_order_id,
    ),
    Gap(
        id="okx.no-id",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="Either `ordId` or `clOrdId` is required.",
        source=sources.COPY_CANCEL_ORDER,
        ccxt_does='with id=None sends "ordId": null',
        plugin_does="raises ArgumentsRequired and sends nothing",
        probe=_sends_null,
    ),
    Gap(
        id="okx.cold-cancel",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="params = {'instId': instId, 'ordId': ordId, 'clOrdId': clOrdId}",
        source=f"{sources.SDK_TRADE}#L36-L38",
        ccxt_does="loads every market before a cold cancel (7 requests with credentials: currencies and five instrument lists, then the cancel)",
        plugin_does="derives the instId from the unified symbol (BTC/USDT:USDT -> BTC-USDT-SWAP): one request",
        probe=_loads_markets_first,
    ),
    Gap(
        id="okx.batch-limit",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="Maximum 20 orders can be canceled per request",
        source=f"{sources.MM_STRATEGY}#L200",
        ccxt_does="puts every id into one POST /api/v5/trade/cancel-batch-orders (25 ids: one request of 25)",
        plugin_does="chunks of 20 (25 ids: 20 + 5), one entry per requested id in the caller's order",
        probe=_oversized_batch,
    ),
    Gap(
        id="okx.batch-items",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="sCode | String | The code of the event execution result, `0` means success.",
        source=sources.COPY_CANCEL_BATCH,
        ccxt_does='with "code": "2" drops each item whose sCode is not 0 (2 ids in, 1 order out)',
        plugin_does="reads every item's sCode: a failed id keeps its entry with its error; a whole-request failure (code 1) fails its ids",
        probe=_drops_failed_items,
    ),
    Gap(
        id="okx.51400-not-not-found",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="51400 | 200 | Order cancellation failed as the order has been filled, canceled or does not exist.",
        source=sources.COPY_ERROR_CODES,
        ccxt_does="raises OrderNotFound for 51400, 51401 (already canceled) and 51402 (already completed)",
        plugin_does="InvalidOrder (the order may exist, filled or canceled); OrderNotFound only for 51603 (order does not exist)",
        probe=_filled_is_not_found,
    ),
    Gap(
        id="okx.cancel-all",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="ORDERS_PENDING = '/api/v5/trade/orders-pending'",
        source=f"{sources.SDK_CONSTS}#L162",
        ccxt_does="cancel_all_orders raises NotSupported (OKX has no cancel-all endpoint for ordinary orders)",
        plugin_does="lists the symbol's pending orders (paged, 100 a page) and cancels them 20 per request; one entry per listed order",
        probe=_no_cancel_all,
    ),
)
