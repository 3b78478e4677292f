"""Built-in plugin ``binance_spot``: Binance spot cancels (``/api/v3``) that follow the spot API's own page.

The gaps (ccxt 4.5.90, measured on a stub transport; see :data:`GAPS`)
--------------------------------------------------------------------
* With a client id in ``params`` ccxt sends ``origClientOrderId`` only and
  drops the order id, although the page cross-checks the two when both
  are sent; with ``id=None`` it sends ``orderId=None`` literally.
* A cold cancel first loads every market: 8 requests on ``binance``.
* ``cancel_orders`` on a spot symbol raises ``BadRequest`` ("only
  supported for swap markets"): spot has no batch endpoint.
* ``cancel_all_orders`` turns an order list (OCO ...) of the answer into
  one order without id or status, hiding the orders it canceled.

What is claimed
---------------
On ``binance``, calls that ``markets.route`` says are spot: a spot symbol
(``BTC/USDT``, or the raw ``BTCUSDT`` while ``defaultType`` is spot or
margin) with no ``marginMode`` in params or options (that is margin:
``binance_margin``) and no portfolio margin (``binance_portfolio``, or
ccxt's). Conditional params, ``type``/``subType`` in params, and a
``defaultSubType`` option (ccxt then cancels a spot symbol on futures)
stay ccxt's.

Rules (https://github.com/binance/binance-spot-api-docs, rest-api.md)
--------------------------------------------------------------------
``cancel_order`` (``DELETE /api/v3/order``, Weight 1): "Either `orderId`
    or `origClientOrderId` must be sent." and "If both `orderId` and
    `origClientOrderId` are provided, the `orderId` is searched first,
    then the `origClientOrderId` from that result is checked against
    that order. If both conditions are not met the request will be
    rejected." So both ids are sent when both are given: the exchange
    then refuses to cancel an order whose client id is not the one the
    caller named. A client id alone cancels by ``origClientOrderId``;
    neither is ``ArgumentsRequired``. ``orderId`` is a LONG; ``recvWindow``
    "cannot be greater than 60000" (an integer here: ccxt's sign sends it
    as one). ``isIsolated`` is no spot parameter: refused, use marginMode.
``cancel_orders``: no batch endpoint on spot (the only DELETE routes are
    ``order``, ``openOrders`` and ``orderList``), so one ``DELETE
    /api/v3/order`` per id (n ids, n requests, weight 1 each), under the
    batch rule: every id gets an entry, the batch goes on after a failed
    id and stops after a rate limit, credentials or clock error.
``cancel_all_orders`` (``DELETE /api/v3/openOrders``, Weight 1): "Cancels
    all active orders on a symbol. This includes orders that are part of
    an order list." Each cancel report (``"status": "CANCELED"``) becomes a
    canceled order; an order list contributes its ``orderReports``.
"Order was not canceled due to cancel restrictions." (``-2011`` after
    ``cancelRestrictions``; the page names it) is ``OperationRejected``:
    the order exists, its status did not match, so it is not "not found"
    (ccxt's code table says ``OrderNotFound`` for every -2011).
HTTP 5XX (general info): "It is important to NOT treat this as a failure
    operation; the execution status is UNKNOWN and could have been a
    success." Every 5XX answer says UNKNOWN, never canceled.
Costs: Weight 1 (IP) in ccxt's unit for ``/api`` ("1 IP (api) => cost =
    0.2", 6000 per minute), the cost ccxt's own entries carry.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ccxt.base.errors import BadRequest, BaseError, OrderNotFound

from ccxt_cancel import probe
from ccxt_cancel.builtins.binance import gaps, markets
from ccxt_cancel.builtins.binance.answers import parse_all_reports
from ccxt_cancel.builtins.binance.errors import spot_error
from ccxt_cancel.builtins.binance.plugin import Endpoints, Product, hooks, routed
from ccxt_cancel.builtins.binance.sources import SPOT_DOCS as DOCS
from ccxt_cancel.builtins.binance.sources import SPOT_PAGE_ALL as PAGE_ALL
from ccxt_cancel.builtins.binance.sources import SPOT_PAGE_ONE as PAGE_ONE
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl

# Weight 1 (IP) each, in ccxt's /api unit: 1 IP => cost 0.2 (privateDeleteOrder, privateDeleteOpenOrders).
PRODUCT = Product(
    exchanges=frozenset({"binance"}),
    api=("private",),
    endpoints={markets.SPOT: Endpoints("order", 0.2, "openOrders", 0.2, parse_all_reports)},
    claim=routed({markets.SPOT}),
    on_error=spot_error,
    selector="spot",
    both_ids=True,  # with orderId and a client id, the page cross-checks them and refuses a mismatch
    isolated="spot parameter; cancel an isolated margin order with params['marginMode'] = 'isolated'",
)
CCXT_CANCEL_EXCHANGES = PRODUCT.exchanges
SIGNED_APIS = PRODUCT.signed_apis("order")
ccxt_cancel_order, ccxt_cancel_orders, ccxt_cancel_all_orders = hooks(PRODUCT)


# --- the gaps, as data -----------------------------------------------------------------------

ORDER_ID = "4"  # the page's example order
# The page's cancel-all example, shortened to one order and one order list of two.
ALL_ANSWER = [
    {"symbol": "BTCUSDT", "origClientOrderId": "E6APeyTJvkMvLMYMqu1KQ4", "orderId": 11, "orderListId": -1, "clientOrderId": "pXLV6Hz6mprAcVYpVMTGgx",
     "transactTime": 1684804350068, "price": "0.089853", "origQty": "0.178622", "executedQty": "0.000000", "status": "CANCELED", "type": "LIMIT", "side": "BUY"},
    {"orderListId": 1929, "contingencyType": "OCO", "listStatusType": "ALL_DONE", "listOrderStatus": "ALL_DONE", "symbol": "BTCUSDT",
     "orders": [{"symbol": "BTCUSDT", "orderId": 20}, {"symbol": "BTCUSDT", "orderId": 21}],
     "orderReports": [
         {"symbol": "BTCUSDT", "orderId": 20, "orderListId": 1929, "status": "CANCELED", "type": "STOP_LOSS_LIMIT", "side": "BUY", "price": "0.668611", "origQty": "0.690354"},
         {"symbol": "BTCUSDT", "orderId": 21, "orderListId": 1929, "status": "CANCELED", "type": "LIMIT_MAKER", "side": "BUY", "price": "0.008791", "origQty": "0.690354"},
     ]},
]  # fmt: skip


def _probe_market(exchange: Any) -> dict[str, Any]:
    return probe.market(
        exchange, id="BTCUSDT", symbol="BTC/USDT", base="BTC", quote="USDT", baseId="BTC", quoteId="USDT", type="spot", spot=True, margin=True,
    )  # fmt: skip


PROBED = gaps.Product("binance", "BTC/USDT", ORDER_ID, _probe_market)


def _cannot_cancel_orders() -> bool:
    outcome = PROBED.run("cancel_orders", [ORDER_ID, "5"], "BTC/USDT")
    return isinstance(outcome.error, BadRequest) and not gaps.deletes(outcome)


def _restriction_reads_not_found() -> bool:
    body = '{"code": -2011, "msg": "Order was not canceled due to cancel restrictions."}'
    exchange = probe.exchange("binance")
    try:
        exchange.handle_errors(400, "Bad Request", "https://api.binance.com/api/v3/order", "DELETE", {}, body, json.loads(body), None, None)
    except OrderNotFound:
        return True
    except BaseError:
        return False
    return False


def _hides_order_lists() -> bool:
    outcome = PROBED.run("cancel_all_orders", "BTC/USDT", answer=ALL_ANSWER)
    return isinstance(outcome.result, list) and any(order.get("id") is None for order in outcome.result)


GAPS = (
    Gap(
        id="binance.spot.both-ids",
        exchange="binance",
        product="spot",
        rule=(
            "If both orderId and origClientOrderId are provided, the orderId is searched first, then the origClientOrderId from that result "
            "is checked against that order. If both conditions are not met the request will be rejected."
        ),
        source=PAGE_ONE,
        ccxt_does="with a client id in params, sends only origClientOrderId and drops the order id",
        plugin_does="sends both ids in one request, so the exchange cross-checks them; a client id alone cancels by origClientOrderId",
        probe=PROBED.drops_order_id,
    ),
    Gap(
        id="binance.spot.no-id",
        exchange="binance",
        product="spot",
        rule="Either orderId or origClientOrderId must be sent.",
        source=PAGE_ONE,
        ccxt_does="with id=None sends the literal text orderId=None",
        plugin_does="raises ArgumentsRequired and sends nothing",
        probe=PROBED.sends_none,
    ),
    Gap(
        id="binance.spot.cold-cancel",
        exchange="binance",
        product="spot",
        rule="DELETE /api/v3/order, Weight: 1",
        source=PAGE_ONE,
        ccxt_does="loads every market before a cold cancel (8 requests on binance)",
        plugin_does="derives the market id from the symbol: one request (plus ccxt's clock sync when adjustForTimeDifference asks for it)",
        probe=PROBED.loads_markets_first,
    ),
    Gap(
        id="binance.spot.cancel-orders",
        exchange="binance",
        product="spot",
        rule="DELETE /api/v3/order: Cancel an active order.",
        source=PAGE_ONE,
        ccxt_does="cancel_orders raises BadRequest (only supported for swap markets): spot has no batch endpoint",
        plugin_does="one DELETE /api/v3/order per id (n ids, n requests), one entry per id, failures with their error",
        probe=_cannot_cancel_orders,
    ),
    Gap(
        id="binance.spot.cancel-all-order-lists",
        exchange="binance",
        product="spot",
        rule="Cancels all active orders on a symbol. This includes orders that are part of an order list.",
        source=PAGE_ALL,
        ccxt_does="returns an order list of the answer as one order without id or status",
        plugin_does="returns each canceled order of the list (its orderReports), status 'canceled'",
        probe=_hides_order_lists,
    ),
    Gap(
        id="binance.spot.cancel-restrictions",
        exchange="binance",
        product="spot",
        rule='If the order did not pass the conditions for cancelRestrictions, the error will be: {"code": -2011, "msg": "Order was not canceled due to cancel restrictions."}',
        source=f"{DOCS}#regarding-cancelrestrictions",
        ccxt_does="raises OrderNotFound, as for every -2011: the order reads as gone while it is still there",
        plugin_does="raises OperationRejected: the order exists, its status did not match the restriction",
        probe=_restriction_reads_not_found,
    ),
)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return GAPS
