"""Built-in plugin ``binance_margin``: Binance cross and isolated margin cancels (``/sapi/v1/margin``) from the margin pages.

Claims, on ``binance``, a spot symbol whose ``marginMode`` (read as ccxt
reads it) is ``'cross'`` or ``'isolated'``, outside portfolio margin:
``orderId`` wins, ``isIsolated`` is sent in the page's spelling, a batch is
one cancel per id, and the page's weight (10 IP) is charged. The rules, what
stays ccxt's, and the costs: ``docs/exchanges/binance.md``; pages:
``sources.py``; gaps: ``gaps.MARGIN``.
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
