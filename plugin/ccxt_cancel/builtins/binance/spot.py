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

from collections.abc import Sequence

from ccxt_cancel.builtins.binance import gaps, markets
from ccxt_cancel.builtins.binance.answers import parse_all_reports
from ccxt_cancel.builtins.binance.errors import spot_error
from ccxt_cancel.builtins.binance.plugin import Endpoints, Product, hooks, routed
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


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return gaps.SPOT
