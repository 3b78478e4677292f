"""Built-in plugin ``binance_usdm``: Binance USD-M futures cancels (``/fapi/v1``) that follow USD-M's own pages.

Claims the calls ``markets.route`` says are USD-M, on ``binanceusdm`` and
(linear symbols) on ``binance``, outside portfolio margin and conditional/algo
cancels: ``orderId`` wins over a client id, batches go in chunks of 10, and
every id of a batch comes back. The rules, what stays ccxt's, and the costs:
``docs/exchanges/binance.md``; pages: ``sources.py``; gaps: ``gaps.USDM``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ccxt_cancel.builtins.binance import gaps, markets
from ccxt_cancel.builtins.binance.answers import FUTURES_OPEN, parse_all
from ccxt_cancel.builtins.binance.errors import unknown_outcome
from ccxt_cancel.builtins.binance.limits import FUTURES_BATCH_LIMIT
from ccxt_cancel.builtins.binance.plugin import Batch, Endpoints, Product, hooks, routed
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl

# Request Weight of each page, in ccxt's fapi cost unit (fapiPrivateDeleteOrder,
# fapiPrivateDeleteBatchOrders, fapiPrivateDeleteAllOpenOrders are 1 each there too).
BATCH_LIMIT = FUTURES_BATCH_LIMIT  # limits.py: "orderIdList: max length 10"
PRODUCT = Product(
    exchanges=frozenset({"binance", "binanceusdm"}),
    api=("fapiPrivate",),
    endpoints={markets.USDM: Endpoints("order", 1, "allOpenOrders", 1, parse_all, FUTURES_OPEN)},
    claim=routed({markets.USDM}),
    on_error=unknown_outcome,
    selector="USD-M futures have no margin orders",
    batch=Batch("batchOrders", 1, BATCH_LIMIT),
    capped=False,  # the USD-M pages give no recvWindow cap (general info: "it defaults to 5000")
    isolated="USD-M parameter (it selects isolated spot margin); leave it out",
)
CCXT_CANCEL_EXCHANGES = PRODUCT.exchanges
SIGNED_APIS = PRODUCT.signed_apis("order")
ccxt_cancel_order, ccxt_cancel_orders, ccxt_cancel_all_orders = hooks(PRODUCT)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return gaps.USDM
