"""Built-in plugin ``binance_coinm``: Binance COIN-M cancels that follow Binance's own documentation.

The gap
-------
The COIN-M "Cancel Order" page (``DELETE /dapi/v1/order``) says: either
``orderId`` or ``origClientOrderId`` must be sent, ``orderId`` takes
precedence when both are, and ``recvWindow`` cannot exceed 60000. ccxt 4.5's
``binance.cancel_order`` falls short of that:

* a client id in ``params`` makes it send ``origClientOrderId`` only and
  silently drop the positional id: the opposite of the documented precedence;
* with ``id=None`` it sends ``orderId=None`` literally;
* a cold cancel first loads every market: 4 requests on ``binancecoinm``,
  8 on ``binance``, signed ones included;
* ``cancel_orders`` puts any number of ids in one request, while
  ``DELETE /dapi/v1/batchOrders`` takes at most 10.

How it is filled
----------------
A call is claimed on ``binancecoinm``, and on ``binance`` when the symbol is
a COIN-M (inverse) market: ``BTC/USD:BTC``, ``ETH/USD:ETH-251226``, or the
raw ids ``BTCUSD_PERP`` / ``ETHUSD_251226`` (settle == base marks COIN-M;
``BTC/USDT:USDT`` is USD-M). With markets loaded, the loaded market decides
(``exchange.market(symbol)`` must be an inverse swap or future); cold, the
market id is derived from the symbol and no market is loaded, so a cancel is
exactly one HTTP request. Everything is still sent by ccxt's
``exchange.request`` on ``['dapiPrivate']``: its signing (timestamp,
recvWindow, HMAC signature, ``X-MBX-APIKEY``), throttler and error mapping
(-2011/-2013 -> OrderNotFound, -1021 -> InvalidNonce, -1022/-2015 ->
AuthenticationError, 418/429 -> DDoSProtection) stay ccxt's.

Declined, so ccxt handles them exactly as before: other exchanges; USD-M,
spot and option symbols; conditional/algo cancels (``stop``, ``trigger``,
``conditional``, ``stopPrice``, ``triggerPrice``, algo/strategy ids);
portfolio margin (``portfolioMargin``/``papi`` in params or options); params
that re-route ccxt (``type``, ``subType``, ``marginMode``, ``stock`` and
their ``default*`` forms); and, on ``binance``, a missing symbol (it cannot
be told COIN-M). On ``binancecoinm`` a well-formed symbol that is not COIN-M
is declined too (ccxt then loads markets and raises its own ``BadSymbol``):
the plugin never guesses a market.

Behaviour (the documentation's where it speaks, ours where it is silent)
-----------------------------------------------------------------------
``cancel_order(id, symbol, params)``
    ``id`` given: ``orderId=id`` only, even when ``params`` carries
    ``origClientOrderId`` or ccxt's alias ``clientOrderId`` (dropped, never
    sent). ``id`` None: ``origClientOrderId`` only; ``params['orderId']`` is
    accepted as the id, like ccxt does. Neither: ``ArgumentsRequired``.
    ``orderId`` must be a LONG (int or ASCII digits, 0 .. 2**63-1, sent in
    canonical decimal). ``recvWindow`` (params first, else
    ``options['recvWindow']``) must be an integer 1 .. 60000. A ``None``
    value in params is refused, never sent as the text "None". Two
    different client ids (``origClientOrderId`` vs ``clientOrderId``), or a
    ``params['symbol']`` naming another market, are refused as ambiguous.
    The answer goes through ccxt's own ``parse_order`` with the loaded
    market, or, cold, a synthesized minimal inverse market so the order
    carries the unified symbol even when the caller passed the raw id.

``cancel_orders(ids, symbol, params)``
    ``DELETE /dapi/v1/batchOrders`` with ``orderidlist`` (order ids), or,
    when ``ids`` is empty, ``origclientorderidlist`` from
    ``params['origClientOrderIdList']`` or ccxt's ``clientOrderIds``. Both
    given: order ids win (the single-cancel precedence; the batch page
    forbids sending both), the client list is dropped. The lists are
    passed as Python lists, the way ``binance.sign`` expects, so it encodes
    them and signs exactly what it sends; for that reason client ids must
    match Binance's client-id rule ``^[.A-Z:/a-z0-9_-]{1,36}$`` (sign
    inserts them unescaped). At most 10 ids per request: a longer list is
    split into ``ceil(n/10)`` consecutive requests of one plan (12 ids ->
    10 + 2), and the orders come back in the caller's order. A 2xx batch
    answer is handed to ``parse`` as is (``on_error`` returns ``ACCEPT``):
    ccxt's ``handle_errors`` would raise on a one-item answer whose item is
    an error, hiding the results of the chunks already sent.

    A failed item (``{"code": -2011, "msg": "Unknown order sent."}``) never
    hides the others: it comes back as an order whose ``info`` is that item,
    whose ``id`` / ``clientOrderId`` are the ones requested at that
    position, and whose ``status`` is ``None``. Not ``'canceled'`` (it was
    not), and not ``'rejected'`` as ccxt's ``parse_order`` would say: in
    ccxt that status describes an order the exchange refused to *accept*,
    while here the order's state is simply unknown to this call (it may be
    filled, already canceled, or still open); ``None`` is also what ccxt's
    unified-order checks allow. Test ``order['status'] == 'canceled'`` and
    read ``order['info'].get('code')`` for the reason.

``cancel_all_orders(symbol, params)``
    ``DELETE /dapi/v1/allOpenOrders?symbol=...``; returns what ccxt returns
    for it (a one-element list holding ``{'info': answer}`` for Binance's
    ``{"code": 200, "msg": ...}``).

HTTP 503
    Binance documents that a 503 may mean the request reached the engine but
    the answer timed out: the outcome is unknown. Every answer with status
    503 to one of these plans raises ``ccxt.ExchangeNotAvailable`` (the class
    ccxt itself assigns to HTTP 503) with a message saying the outcome is
    unknown, whatever the body holds: ccxt's code table would turn
    ``{"code": -1000}`` into ``OperationFailed`` (reads as "it failed"), and
    an order-shaped body must never become a "canceled" order.

Sources: developers.binance.com, derivatives/coin-margined-futures:
trade/rest-api/Cancel-Order, Cancel-Multiple-Orders, Cancel-All-Open-Orders,
general-info (HTTP return codes) and error-code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ccxt_cancel.builtins.binance import gaps, markets
from ccxt_cancel.builtins.binance.answers import parse_all, parse_one, read_chunk
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
    endpoints={markets.COINM: Endpoints(PATH_ONE, COST_ONE, PATH_ALL, COST_ALL, parse_all)},
    claim=claim,
    on_error=unknown_outcome,
    selector="COIN-M futures have no margin orders",
    batch=Batch(PATH_BATCH, COST_BATCH, BATCH_LIMIT),
    refuse_ids_in_all=False,
)
ccxt_cancel_order, ccxt_cancel_orders, ccxt_cancel_all_orders = hooks(PRODUCT)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return gaps.COINM
