"""The bitget gaps the ``bitget`` plugin fills (classic v2, ``options['uta'] = False``), each with a probe of ccxt's unpatched method."""

from __future__ import annotations

import json
from typing import Any

from ccxt_cancel import probe
from ccxt_cancel.builtins.bitget import sources
from ccxt_cancel.gaps import Gap

EXCHANGE_ID = "bitget"
PRODUCT = "spot, USDT-M / USDC-M / COIN-M futures (classic v2)"


def _market(exchange: Any, spot: bool) -> dict[str, Any]:
    if spot:
        return probe.market(exchange, id="BTCUSDT", symbol="BTC/USDT", base="BTC", quote="USDT", type="spot", spot=True)
    return probe.market(
        exchange, id="BTCUSDT", symbol="BTC/USDT:USDT", base="BTC", quote="USDT", settle="USDT", type="swap", swap=True, linear=True, contract=True
    )


def _answer(exchange: Any, cancel: dict[str, Any]) -> Any:
    def answer(sent: probe.Sent) -> Any:
        body = cancel if sent.method == "POST" else {"code": "00000", "msg": "success", "data": []}
        exchange.handle_errors(200, "OK", sent.url, sent.method, {}, json.dumps(body), body, sent.headers, sent.body)
        return body

    return answer


ACK = {"code": "00000", "msg": "success", "data": {"orderId": "111", "clientOid": "cid-222"}}


def _run(method: str, *args: Any, cancel: dict[str, Any] = ACK, spot: bool = False, cold: bool = False) -> probe.Outcome:
    exchange = probe.exchange(EXCHANGE_ID, {"uta": False})
    return probe.run(exchange, method, *args, markets=None if cold else [_market(exchange, spot)], answer=_answer(exchange, cancel))


def _posts(outcome: probe.Outcome) -> list[Any]:
    return [json.loads(sent.body) for sent in outcome.sent if sent.method == "POST" and sent.body]


def _drops_order_id() -> bool:
    bodies = _posts(_run("cancel_order", "111", "BTC/USDT:USDT", {"clientOrderId": "cid-222"}))
    return bool(bodies) and "orderId" not in bodies[0]


def _sends_null() -> bool:
    bodies = _posts(_run("cancel_order", None, "BTC/USDT:USDT"))
    return bool(bodies) and "orderId" in bodies[0] and bodies[0]["orderId"] is None


def _oversized_batch() -> bool:
    ids = [str(1000 + n) for n in range(60)]
    return any(len(body.get("orderList") or []) > 50 for body in _posts(_run("cancel_orders", ids, "BTC/USDT", spot=True)))


PARTIAL = {
    "code": "00000",
    "msg": "success",
    "data": {"successList": [{"orderId": "1", "clientOid": ""}], "failureList": [{"orderId": "2", "clientOid": "", "errorMsg": "Order does not exist"}]},
}


def _drops_failed_items() -> bool:
    result = _run("cancel_orders", ["1", "2"], "BTC/USDT", cancel=PARTIAL, spot=True).result
    return isinstance(result, list) and len(result) < 2


def _no_order_to_cancel_is_plain() -> bool:
    import ccxt

    error = _run("cancel_order", "1", "BTC/USDT", cancel={"code": "22001", "msg": "No order to cancel", "data": None}, spot=True).error
    return type(error) is ccxt.ExchangeError


SPOT_ALL = {"code": "00000", "msg": "success", "requestTime": 1698313139948, "data": {"symbol": "BTCUSDT"}}


def _spot_all_placeholder() -> bool:
    result = _run("cancel_all_orders", "BTC/USDT", cancel=SPOT_ALL, spot=True).result
    return isinstance(result, list) and any(isinstance(o, dict) and o.get("id") is None for o in result)


def _all_needs_symbol() -> bool:
    import ccxt

    return isinstance(_run("cancel_all_orders", None, {"productType": "USDT-FUTURES"}).error, ccxt.ArgumentsRequired)


def _client_ids_leak() -> bool:
    bodies = _posts(_run("cancel_orders", [], "BTC/USDT", {"clientOrderIds": ["a", "b"]}, spot=True))
    return any("clientOrderIds" in body for body in bodies)


def _cold_loads_markets() -> bool:
    return len(_run("cancel_order", "1", "BTC/USDT:USDT", cold=True).sent) > 1


GAPS = (
    Gap(
        id="bitget.order-id-precedence",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule=sources.ID_PRECEDENCE,
        source=sources.MIX_CANCEL,
        ccxt_does='with a client id in params, sends only "clientOid" and drops the order id',
        plugin_does="sends orderId only (it prevails); a client id alone (clientOrderId or clientOid) goes as clientOid",
        probe=_drops_order_id,
    ),
    Gap(
        id="bitget.no-id",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="Either orderId or clientOid is required.",
        source=sources.MIX_CANCEL,
        ccxt_does='with id=None sends "orderId": null',
        plugin_does="raises ArgumentsRequired (None, '') or BadRequest ('None', 'null') and sends nothing",
        probe=_sends_null,
    ),
    Gap(
        id="bitget.batch-limit",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule=sources.BATCH_LIMIT_QUOTE,
        source=sources.SPOT_BATCH,
        ccxt_does="puts every id into one batch-cancel request (60 ids: one request of 60)",
        plugin_does="chunks of 50 (60 ids: 50 + 10), one entry per requested id in the caller's order",
        probe=_oversized_batch,
    ),
    Gap(
        id="bitget.batch-failures",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="successList ... failureList ... errorMsg",
        source=sources.SPOT_BATCH,
        ccxt_does="returns only successList (2 ids in, 1 order out; the failed id vanishes)",
        plugin_does="every id comes back; a failureList item keeps its id with its errorMsg mapped to a ccxt class, matched by id",
        probe=_drops_failed_items,
    ),
    Gap(
        id="bitget.22001-not-found",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule=sources.NO_ORDER_QUOTE,
        source=sources.UTA_ERROR_CODES,
        ccxt_does="raises a plain ExchangeError for 22001",
        plugin_does="OrderNotFound",
        probe=_no_order_to_cancel_is_plain,
    ),
    Gap(
        id="bitget.spot-cancel-all-placeholder",
        exchange=EXCHANGE_ID,
        product="spot (classic v2)",
        rule=sources.SPOT_CANCEL_ALL_QUOTE,
        source=sources.SPOT_CANCEL_ALL,
        ccxt_does="returns one order with no id (the answer's symbol and time) as if it were a canceled order",
        plugin_does="checks the answer names the symbol sent and returns no order (the page names none; the cancel runs asynchronously)",
        probe=_spot_all_placeholder,
    ),
    Gap(
        id="bitget.cancel-all-by-product-type",
        exchange=EXCHANGE_ID,
        product="USDT-M / USDC-M / COIN-M futures (classic v2)",
        rule='"Order cancelling interface, can be used to cancel by product type and trading pair."',
        source=sources.MIX_BATCH,
        ccxt_does="raises ArgumentsRequired without a symbol",
        plugin_does="with params['productType'] alone, cancels every futures order of that product type (one request)",
        probe=_all_needs_symbol,
    ),
    Gap(
        id="bitget.client-id-batch",
        exchange=EXCHANGE_ID,
        product=PRODUCT,
        rule="> clientOid | String | No | Client Order ID.Either clientOid or orderId is required.",
        source=sources.SPOT_BATCH,
        ccxt_does='sends params["clientOrderIds"] verbatim next to an empty "orderList": []',
        plugin_does="cancel_orders([], symbol, {'clientOrderIds': [...]}) sends one {clientOid} entry per id, 50 per request",
        probe=_client_ids_leak,
    ),
    Gap(
        id="bitget.cold-cancel",
        exchange=EXCHANGE_ID,
        product="spot, USDT-M and COIN-M futures (classic v2)",
        rule="symbol (e.g. BTCUSDT) and productType are all a cancel needs",
        source=sources.MIX_CANCEL,
        ccxt_does="loads every market first: a cold cancel is 9 requests (10 with ccxt's account-mode check)",
        plugin_does="derives BTCUSDT and the productType from the unified symbol: 1 request",
        probe=_cold_loads_markets,
    ),
)
