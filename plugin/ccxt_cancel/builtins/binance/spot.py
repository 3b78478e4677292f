"""Built-in plugin ``binance_spot``: Binance spot cancels (``/api/v3``) that follow the spot API's own page.

Claims, on ``binance``, the calls ``markets.route`` says are spot (no
``marginMode``, no portfolio margin): both ids are sent when both are given
(the page cross-checks them), a batch is one ``DELETE /api/v3/order`` per id,
and cancel-all returns an order list's orders. The rules, what stays ccxt's,
and the costs: ``docs/exchanges/binance.md``; pages: ``sources.py``; gaps: ``gaps.SPOT``.
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
