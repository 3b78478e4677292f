"""Built-in plugin ``binance_portfolio``: Binance portfolio-margin cancels (``/papi/v1``: UM, CM and margin) from the PM pages.

The gaps (ccxt 4.5.90, measured on a stub transport; see :data:`GAPS`)
--------------------------------------------------------------------
* ``DELETE /papi/v1/um/order`` (and cm, margin): with a client id in
  ``params`` ccxt drops the order id; with ``id=None`` it sends
  ``orderId=None``; a cold cancel loads every market first.
* ``cancel_orders`` has no portfolio-margin branch: with ``portfolioMargin``
  it sends the ids to ``/fapi/v1/batchOrders`` (or ``/dapi``), with
  ``portfolioMargin=true`` as a raw query parameter, and portfolio margin
  has no batch cancel at all.
* ccxt's 'portfolioMargin' error table reads -1021 INVALID_TIMESTAMP and
  -1022 INVALID_SIGNATURE as ``BadRequest`` and -1007 TIMEOUT as
  ``BadResponse``.

What is claimed
---------------
Calls on ``binance``, ``binanceusdm`` and ``binancecoinm`` where ccxt's
own reading of the switch (``handle_option_bool_and_params_2(params,
method, 'papi', 'portfolioMargin')``: params, then ``options[method]``, then
``options``) says portfolio margin, and ``markets.route`` names the market:
USD-M symbols -> UM, COIN-M symbols -> CM, spot symbols with marginMode
``'cross'`` -> margin. A spot symbol without marginMode (ccxt: papi margin)
or with ``'isolated'`` (the PM margin account has no isolated mode, and
its cancel page no ``isIsolated``) stays ccxt's, as do conditional cancels
(``um/algo/order``, ``cm/conditional/order``).

Rules (developers.binance.com/docs/derivatives/portfolio-margin)
---------------------------------------------------------------
``cancel_order``: Cancel-UM-Order, Cancel-CM-Order (weight 1),
    Cancel-Margin-Account-Order (weight 2): "Either `orderId` or
    `origClientOrderId` must be sent."; silent on both, so with both
    ``orderId`` only. A client id alone cancels by it; neither is
    ``ArgumentsRequired``. General info: "`recvWindow` cannot exceed 60000."
``cancel_orders``: no batch endpoint on portfolio margin (the PM trade
    pages list none; ccxt's papi section has none), so one documented
    single cancel per id (n ids, n requests) under the batch rule. A PM
    batch ccxt would send to /fapi or /dapi (conditional params) is refused.
``cancel_all_orders``: Cancel-All-UM-Open-Orders / -CM- (weight 1) answer
    ``{"code": 200, "msg": ...}``, returned as ccxt returns it;
    Cancel-Margin-Account-All-Open-Orders-on-a-Symbol (weight 5) lists the
    canceled orders (order lists by their ``orderReports``).
HTTP 503 (general info): "Unknown error, please check your request or try
    again later." is an UNKNOWN outcome; -1007 TIMEOUT ("execution status
    unknown", error-code page) too. -1021/-1022 get ccxt's classes from
    every other Binance API (InvalidNonce, AuthenticationError), so a
    batch stops after them.
Costs: the pages' weights in the unit of ccxt's own papi cancel entries
    (cost = weight: um/order 1, cm/order 1, margin/order 2, allOpenOrders
    1/1/5), which ccxt's comment ties to the PM order limit of 1200/min.

Sources: the English pages read in a third-party copy
(github.com/shubhamtaywade82/binance-docs-scraper, commit 891df63,
scraped 2026-05-28); the zh-CN Cancel-Margin-Account-Order and
Cancel-Margin-Account-All-Open-Orders-on-a-Symbol in Binance's own docs
agree (weights 2 and 5, recvWindow at most 60000).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ccxt.base.errors import BadRequest

from ccxt_cancel.builtins.binance import gaps, markets
from ccxt_cancel.builtins.binance.answers import parse_all, parse_all_reports
from ccxt_cancel.builtins.binance.errors import papi_error
from ccxt_cancel.builtins.binance.ids import (
    CONDITIONAL_KEYS,
    ROUTING_KEYS,
    portfolio_margin_switch,
)
from ccxt_cancel.builtins.binance.plugin import Endpoints, Product, hooks, routed
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl


def _refuse_batch_ccxt_would_misroute(exchange: Any, method: str, symbol: Any, given: dict[str, Any]) -> None:
    """A portfolio-margin batch that the routing leaves to ccxt would go to /fapi or /dapi with the flag on the wire: refused."""
    if CONDITIONAL_KEYS.isdisjoint(given) and ROUTING_KEYS.isdisjoint(given):
        return
    if not portfolio_margin_switch(exchange.id, exchange.options, method, given):
        return
    market = markets.resolve(exchange, method, symbol)
    if market is not None and market.kind in (markets.KIND_LINEAR, markets.KIND_INVERSE):
        raise BadRequest(
            f"{exchange.id} {method}() portfolio margin has no batch cancel, and ccxt would send this one to the futures API "
            "(not portfolio margin) with portfolioMargin on the wire; cancel conditional orders one by one with cancel_order"
        )


# Costs = the pages' weights (ccxt's papi cancel unit).
PRODUCT = Product(
    exchanges=frozenset({"binance", "binanceusdm", "binancecoinm"}),
    api=("papi",),
    endpoints={
        markets.PM_UM: Endpoints("um/order", 1, "um/allOpenOrders", 1, parse_all),
        markets.PM_CM: Endpoints("cm/order", 1, "cm/allOpenOrders", 1, parse_all),
        markets.PM_MARGIN: Endpoints("margin/order", 2, "margin/allOpenOrders", 5, parse_all_reports),
    },
    claim=routed({markets.PM_UM, markets.PM_CM, markets.PM_MARGIN}),
    on_error=papi_error,
    selector="portfolio margin",
    isolated="portfolio-margin parameter: its margin account has no isolated mode",
    decline_batch=_refuse_batch_ccxt_would_misroute,
)
CCXT_CANCEL_EXCHANGES = PRODUCT.exchanges
SIGNED_APIS = PRODUCT.signed_apis("um/order")
ccxt_cancel_order, ccxt_cancel_orders, ccxt_cancel_all_orders = hooks(PRODUCT)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return gaps.PORTFOLIO
