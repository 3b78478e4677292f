"""Built-in plugin ``binance_usdm``: Binance USD-M futures cancels (``/fapi/v1``) that follow USD-M's own pages.

The gaps (ccxt 4.5.90, measured on a stub transport; see :data:`GAPS`)
--------------------------------------------------------------------
* With a client id in ``params`` ccxt sends ``origClientOrderId`` only and
  drops the order id the caller gave; with ``id=None`` it sends
  ``orderId=None`` literally.
* A cold cancel first loads every market: 4 requests on ``binanceusdm``,
  8 on ``binance``.
* ``cancel_orders`` puts any number of ids into one ``DELETE
  /fapi/v1/batchOrders`` (the page: "max length 10"), and drops a failed
  item (``{"code": -2011, "msg": "Unknown order sent."}``) silently.

What is claimed
---------------
Calls that ``markets.route`` says are USD-M: on ``binanceusdm`` its
symbols (``BTC/USDT:USDT``, ``BTCUSDT``, ``BTCUSDT_251226``, the legacy
``BTC/USDT``), on ``binance`` the linear ones (``BTC/USDT:USDT``, raw ids
when ``defaultType`` is swap/future), not in portfolio margin (that is
``binance_portfolio``'s), and not conditional/algo (``trigger``, ``stop``,
``algoId`` ... stay ccxt's, which routes them to ``/fapi/v1/algoOrder``).

Rules (USD-M pages, developers.binance.com/docs/derivatives/usds-margined-futures)
------------------------------------------------------------------------------
``cancel_order``: "Either `orderId` or `origClientOrderId` must be sent."
    The page says nothing about both: with both, ``orderId`` only (the id
    Binance assigned wins, as on the Modify-Order page, "orderId will
    prevail"; the client id is not sent). A client id alone
    (``origClientOrderId`` or ccxt's ``clientOrderId``) cancels by it;
    neither is ``ArgumentsRequired``. ``orderId`` must be a LONG. The
    page sets no limit on ``recvWindow``, so none is checked here.
``cancel_orders``: "orderIdList ... max length 10", lists mutually
    exclusive (zh-CN page: "不可同时发送"): chunks of 10 ids, order ids
    when given, else ``origClientOrderIdList``; every id comes back in the
    caller's order, a failed item with its error (``batch.item_error``).
``cancel_all_orders``: ``DELETE /fapi/v1/allOpenOrders`` answers
    ``{"code": 200, "msg": ...}``; the result is what ccxt returns for it.
HTTP 503 (general info): "Unknown error, please check your request or try
    again later." means the outcome is UNKNOWN; said so, never canceled.
Costs: each page's Request Weight 1, in ccxt's fapi unit (its generated
    entries charge cost 1 per weight: 1200/min against the documented
    2400 weight/min, a cautious factor two kept as ccxt has it).

Sources: the English pages were read in a third-party copy
(github.com/shubhamtaywade82/binance-docs-scraper, commit 891df63, scraped
2026-05-28); the zh-CN twins of Cancel-Multiple-Orders and Cancel-Order in
Binance's own docs agree on weights, params and the limit of 10.
"""

from __future__ import annotations

from collections.abc import Sequence

from ccxt_cancel.builtins.binance import gaps, markets
from ccxt_cancel.builtins.binance.answers import parse_all
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
    endpoints={markets.USDM: Endpoints("order", 1, "allOpenOrders", 1, parse_all)},
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
