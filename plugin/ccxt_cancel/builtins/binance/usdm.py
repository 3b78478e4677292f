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
from functools import partial
from typing import Any

from ccxt_cancel import probe
from ccxt_cancel.builtins.binance import gaps, markets
from ccxt_cancel.builtins.binance.answers import parse_all
from ccxt_cancel.builtins.binance.errors import unknown_outcome
from ccxt_cancel.builtins.binance.limits import FUTURES_BATCH_LIMIT
from ccxt_cancel.builtins.binance.plugin import Batch, Endpoints, Product, hooks, routed
from ccxt_cancel.builtins.binance.sources import USDM_PAGE_BATCH as PAGE_BATCH
from ccxt_cancel.builtins.binance.sources import USDM_PAGE_ONE as PAGE_ONE
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


# --- the gaps, as data -----------------------------------------------------------------------

ORDER_ID = "283194212"  # the pages' example order


def _probe_market(exchange: Any) -> dict[str, Any]:
    return probe.market(
        exchange, id="BTCUSDT", symbol="BTC/USDT:USDT", base="BTC", quote="USDT", settle="USDT", baseId="BTC", quoteId="USDT", settleId="USDT",
        type="swap", swap=True, contract=True, linear=True, inverse=False, subType="linear", contractSize=1,
    )  # fmt: skip


PROBED = gaps.Product("binanceusdm", "BTC/USDT:USDT", ORDER_ID, _probe_market)


def _drops_failed_items() -> bool:
    # The page's own answer: one canceled order, one failed item. ccxt returns one order for two ids.
    answer = [{"orderId": int(ORDER_ID), "symbol": "BTCUSDT", "status": "CANCELED", "clientOrderId": "myOrder1"}, {"code": -2011, "msg": "Unknown order sent."}]
    outcome = PROBED.run("cancel_orders", [ORDER_ID, str(int(ORDER_ID) + 1)], "BTC/USDT:USDT", answer=answer)
    return outcome.error is None and isinstance(outcome.result, list) and len(outcome.result) < 2


GAPS = (
    Gap(
        id="binance.usdm.both-ids",
        exchange="binanceusdm, binance",
        product="USD-M futures",
        rule="Either orderId or origClientOrderId must be sent.",
        source=PAGE_ONE,
        ccxt_does="with a client id in params, sends only origClientOrderId and drops the order id the caller gave",
        plugin_does="sends orderId (the page is silent on both; the exchange's own id wins); a client id alone cancels by origClientOrderId",
        probe=PROBED.drops_order_id,
    ),
    Gap(
        id="binance.usdm.no-id",
        exchange="binanceusdm, binance",
        product="USD-M futures",
        rule="Either orderId or origClientOrderId must be sent.",
        source=PAGE_ONE,
        ccxt_does="with id=None sends the literal text orderId=None",
        plugin_does="raises ArgumentsRequired and sends nothing",
        probe=PROBED.sends_none,
    ),
    Gap(
        id="binance.usdm.cold-cancel",
        exchange="binanceusdm, binance",
        product="USD-M futures",
        rule="DELETE /fapi/v1/order, Request Weight 1",
        source=PAGE_ONE,
        ccxt_does="loads every market before a cold cancel (4 requests on binanceusdm, 8 on binance)",
        plugin_does="derives the market id from the symbol: one request (plus ccxt's clock sync when adjustForTimeDifference asks for it)",
        probe=PROBED.loads_markets_first,
    ),
    Gap(
        id="binance.usdm.batch-limit",
        exchange="binanceusdm, binance",
        product="USD-M futures",
        rule="orderIdList: max length 10",
        source=PAGE_BATCH,
        ccxt_does="puts every id into one DELETE /fapi/v1/batchOrders (25 ids: one request)",
        plugin_does="chunks of 10 (25 ids: 3 requests), one entry per requested id in the caller's order",
        probe=partial(PROBED.oversized_batch, BATCH_LIMIT),
    ),
    Gap(
        id="binance.usdm.batch-failed-items",
        exchange="binanceusdm, binance",
        product="USD-M futures",
        rule='{"code": -2011, "msg": "Unknown order sent."}',
        source=PAGE_BATCH,
        ccxt_does="drops a failed item of the batch answer: two ids, one order back",
        plugin_does="every id comes back; a failed one keeps its id and carries its error (OrderNotFound for -2011)",
        probe=_drops_failed_items,
    ),
)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return GAPS
