"""Built-in plugin ``binance_coinm``: Binance COIN-M cancels (``/dapi/v1``) that follow Binance's own documentation.

Claims calls on ``binancecoinm``, and on ``binance`` for COIN-M (inverse)
symbols, outside portfolio margin, conditional/algo cancels and re-routing
params: ``orderId`` wins over a client id, a cold cancel is one request,
batches go in chunks of 10 and every id comes back. The rules, what stays
ccxt's, and the 503 reading: ``docs/exchanges/binance.md``; pages:
``sources.py``; gaps: ``gaps.COINM``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ccxt_cancel.builtins.binance import gaps, markets
from ccxt_cancel.builtins.binance.answers import FUTURES_OPEN, parse_all, parse_one, read_chunk
from ccxt_cancel.builtins.binance.errors import unknown_outcome
from ccxt_cancel.builtins.binance.ids import (
    CONDITIONAL_KEYS,
    MARGIN_MODE_KEYS,
    PORTFOLIO_KEYS,
    ROUTING_KEYS,
    portfolio_margin,
)
from ccxt_cancel.builtins.binance.limits import FUTURES_BATCH_LIMIT
from ccxt_cancel.builtins.binance.markets import coinm_symbol_parts
from ccxt_cancel.builtins.binance.markets import inverse_market as synthetic_market
from ccxt_cancel.builtins.binance.plugin import Batch, Endpoints, Product, hooks
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl

__all__ = ["coinm_symbol_parts", "parse_one", "portfolio_margin", "read_chunk", "resolve_target", "synthetic_market", "unknown_outcome"]


EXCHANGE_IDS = frozenset({"binance", "binancecoinm"})
CCXT_CANCEL_EXCHANGES = EXCHANGE_IDS
DEDICATED_ID = "binancecoinm"  # every market it loads is COIN-M
API = ("dapiPrivate",)

# Paths and rate-limiter costs of ccxt's generated entries (ccxt/abstract/binance.py:
# dapiPrivateDeleteOrder, dapiPrivateDeleteBatchOrders, dapiPrivateDeleteAllOpenOrders).
PATH_ONE, COST_ONE = "order", 1
PATH_BATCH, COST_BATCH = "batchOrders", 5
PATH_ALL, COST_ALL = "allOpenOrders", 1

BATCH_LIMIT = FUTURES_BATCH_LIMIT  # limits.py: "orderIdList: max length 10"
# What this plugin asks ccxt's sign to sign, for the start-up self-check (selfcheck.py).
SIGNED_APIS = {exchange_id: [(API[0], PATH_ONE, "DELETE")] for exchange_id in sorted(EXCHANGE_IDS)}

# Params under which ccxt cancels something else (algo/conditional orders, portfolio
# margin, another market type): those calls stay ccxt's (portfolio margin: binance_portfolio's).
DECLINE_KEYS = CONDITIONAL_KEYS | ROUTING_KEYS | PORTFOLIO_KEYS | MARGIN_MODE_KEYS


def resolve_target(exchange: Any, method: str, symbol: Any) -> markets.Market | None:
    """The COIN-M market this call is about (``markets.resolve``, remembered there), ``None`` to decline, or a ccxt error.

    On ``binance`` a missing or blank symbol cannot be told COIN-M: declined
    here (the other products' claims raise ccxt's error for it).
    """
    if exchange.id != DEDICATED_ID and (type(symbol) is not str or not symbol.strip() or symbol != symbol.strip()):
        return None
    market = markets.resolve(exchange, method, symbol)
    return market if market is not None and market.kind == markets.KIND_INVERSE else None


# --- input checks (pure) -------------------------------------------------------------------


def declined_by_params(exchange: Any, method: str, params: Mapping[str, Any]) -> bool:
    if not DECLINE_KEYS.isdisjoint(params):
        return True
    return portfolio_margin(exchange.options, method)


# --- hooks ---------------------------------------------------------------------------------


def claim(exchange: Any, method: str, symbol: Any, given: Mapping[str, Any]) -> markets.Market | None:
    """Decide ownership: the target market (COIN-M has one endpoint set, so the market is the target), or None to decline."""
    if exchange.id not in EXCHANGE_IDS:
        return None
    target = resolve_target(exchange, method, symbol)
    if target is None:
        return None
    if declined_by_params(exchange, method, given):
        return None
    return target


PRODUCT = Product(
    exchanges=EXCHANGE_IDS,
    api=API,
    endpoints={markets.COINM: Endpoints(PATH_ONE, COST_ONE, PATH_ALL, COST_ALL, parse_all, FUTURES_OPEN)},
    claim=claim,
    on_error=unknown_outcome,
    selector="COIN-M futures have no margin orders",
    batch=Batch(PATH_BATCH, COST_BATCH, BATCH_LIMIT),
)
ccxt_cancel_order, ccxt_cancel_orders, ccxt_cancel_all_orders = hooks(PRODUCT)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return gaps.COINM
