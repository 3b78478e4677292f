"""Built-in plugin ``binance_portfolio``: Binance portfolio-margin cancels (``/papi/v1``: UM, CM and margin) from the PM pages.

Claims calls on ``binance``, ``binanceusdm`` and ``binancecoinm`` that ccxt's
own switch puts in portfolio margin, when ``markets.route`` names UM, CM or
cross margin: ``orderId`` wins, a batch is one documented cancel per id
(never ``/fapi``), and ``/papi`` errors read as on every other Binance API.
The rules, what stays ccxt's, and the costs: ``docs/exchanges/binance.md``;
pages: ``sources.py``; gaps: ``gaps.PORTFOLIO``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ccxt.base.errors import BadRequest

from ccxt_cancel.builtins.binance import gaps, markets
from ccxt_cancel.builtins.binance.answers import PORTFOLIO_OPEN_CM, PORTFOLIO_OPEN_UM, parse_all, parse_all_reports
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
        markets.PM_UM: Endpoints("um/order", 1, "um/allOpenOrders", 1, parse_all, PORTFOLIO_OPEN_UM),
        markets.PM_CM: Endpoints("cm/order", 1, "cm/allOpenOrders", 1, parse_all, PORTFOLIO_OPEN_CM),
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
