"""Built-in plugin ``binance_margin``: Binance cross and isolated margin cancels (``/sapi/v1/margin``) from the margin pages.

The gaps (ccxt 4.5.90, measured on a stub transport; see :data:`GAPS`)
--------------------------------------------------------------------
* With a client id in ``params`` ccxt sends ``origClientOrderId`` only and
  drops the order id; with ``id=None`` it sends ``orderId=None``.
* A cold cancel first loads every market: 8 requests on ``binance``.
* ccxt charges ``DELETE /sapi/v1/margin/order`` cost 0.006667 ("Weight(UID):
  1"); the page says "Request Weight 10(IP)", which in ccxt's own sapi unit
  ("1 IP (sapi) => cost = 0.1") is 1.0: ccxt lets 150 times too many
  through its throttler.
* ``cancel_orders`` raises ``BadRequest`` on a margin symbol; margin has no
  batch endpoint. ``cancel_all_orders`` turns an OCO list into one order
  without id or status.

What is claimed
---------------
On ``binance``, a spot symbol (``BTC/USDT``, or ``BTCUSDT`` as ccxt reads
it) whose ``marginMode`` is ``'cross'`` or ``'isolated'``, read exactly as
ccxt's ``handle_margin_mode_and_params`` reads it: ``params['marginMode']``
/ ``['defaultMarginMode']``, then ``options['cancelOrder']`` (per method),
then ``options``; not in portfolio margin. Any other marginMode value
(ccxt: cross margin) stays ccxt's. ``marginMode`` never reaches the wire.

Rules (developers.binance.com/docs/margin_trading/trade)
-------------------------------------------------------
``cancel_order`` (Margin-Account-Cancel-Order, ``DELETE
    /sapi/v1/margin/order``, "Request Weight 10(IP)"): "Either orderId or
    origClientOrderId must be sent." The page is silent on both: with
    both, ``orderId`` only (the exchange's own id wins; the client id is
    not sent). ``isIsolated`` "TRUE" for isolated margin (the page's
    spelling; ccxt sends ``true``), nothing for cross (default "FALSE"); a
    ``params['isIsolated']`` that contradicts the marginMode is refused.
    ``recvWindow`` "cannot be greater than 60000"; ``orderId`` a LONG.
``cancel_orders``: no batch endpoint (margin's DELETE routes are
    ``order``, ``openOrders`` and ``orderList``), so one ``DELETE
    /sapi/v1/margin/order`` per id (n ids, n requests, weight 10 each)
    under the batch rule.
``cancel_all_orders`` (Margin-Account-Cancel-All-Open-Orders, ``DELETE
    /sapi/v1/margin/openOrders``, weight 1, OCO orders included): each
    cancel report (``"status": "CANCELED"``) is a canceled order; an
    order list contributes its ``orderReports``.
HTTP 5XX (margin general info, as on spot): "the execution status is
    UNKNOWN and could have been a success": said so, never canceled.
"""

from __future__ import annotations

from collections.abc import Sequence

from ccxt_cancel.builtins.binance import gaps, markets
from ccxt_cancel.builtins.binance.answers import parse_all_reports
from ccxt_cancel.builtins.binance.errors import unknown_outcome_5xx
from ccxt_cancel.builtins.binance.limits import MARGIN_ORDER_COST
from ccxt_cancel.builtins.binance.plugin import Endpoints, Product, hooks, routed
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl

# The pages' weights in ccxt's sapi unit ("1 IP (sapi) => cost = 0.1", 12 000 per minute):
# order 10(IP) => 1.0 (ccxt's own entry says 0.006667, "Weight(UID): 1"); openOrders 1 => 0.1.
COST_ONE = MARGIN_ORDER_COST
PRODUCT = Product(
    exchanges=frozenset({"binance"}),
    api=("sapi",),
    endpoints={markets.MARGIN: Endpoints("margin/order", COST_ONE, "margin/openOrders", 0.1, parse_all_reports)},
    claim=routed({markets.MARGIN}),
    on_error=unknown_outcome_5xx,
    selector="margin is selected by marginMode",
    margin=True,
    consumed=frozenset({"isIsolated"}),  # read by the claim, sent in the page's spelling
)
CCXT_CANCEL_EXCHANGES = PRODUCT.exchanges
SIGNED_APIS = PRODUCT.signed_apis("margin/order")
ccxt_cancel_order, ccxt_cancel_orders, ccxt_cancel_all_orders = hooks(PRODUCT)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return gaps.MARGIN
