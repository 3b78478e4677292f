"""Unified orders from the few fields a cancel answer gives: ccxt's ``safe_order``, without its caught exceptions.

A room builds a cancel's order from a handful of fields (id, symbol,
status, info ...) and hands them to ``exchange.safe_order``. On such a
sparse dict ccxt looks up some 25 keys that are not there and reads
``market`` (None) as a dict: about 14 ``KeyError``\\ s and 3 ``TypeError``\\ s
raised and caught per order, each costing more time than its few
instructions suggest (issue 25). :func:`unified` gives ``safe_order`` every
key it reads, ``None`` where the answer says nothing, in the order ccxt
would have added them, and a market that reads as None does. The result is
the same dict, key for key and in the same order; only the exceptions are
gone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccxt_cancel import memo

# The keys ``safe_order`` writes into its result, in the order it writes them (ccxt 4.5's
# Exchange.safe_order: "fees" is assigned first, then the final extend()). Every key it reads
# is among them.
KEYS = (
    "fees",
    "id",
    "clientOrderId",
    "timestamp",
    "datetime",
    "symbol",
    "type",
    "side",
    "lastTradeTimestamp",
    "lastUpdateTimestamp",
    "price",
    "amount",
    "cost",
    "average",
    "filled",
    "remaining",
    "timeInForce",
    "postOnly",
    "trades",
    "reduceOnly",
    "stopPrice",
    "triggerPrice",
    "takeProfitPrice",
    "stopLossPrice",
    "status",
    "fee",
)
_EMPTY = dict.fromkeys(KEYS)
# Reads as ``market=None`` does in safe_order (inverse False, contractSize 1, no symbol), without the TypeErrors.
NO_MARKET: Mapping[str, Any] = {"symbol": None, "inverse": None, "contractSize": None}


def unified(exchange: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """``exchange.safe_order(fields)``: the same result, key order included, without the caught exceptions."""
    # Keys in the caller's order, then the missing ones in KEYS order; the caller's values win (all in C).
    order = {**fields, **_EMPTY, **fields}
    result: dict[str, Any] = exchange.safe_order(order, NO_MARKET)
    return result


def _template(exchange: Any) -> dict[str, Any]:
    return unified(exchange, {"id": None, "clientOrderId": None, "symbol": None, "status": None, "info": None})


def acknowledged(exchange: Any, order_id: str | None, client_id: str | None, symbol: str | None, info: Any) -> dict[str, Any]:
    """``exchange.safe_order({"id", "clientOrderId", "symbol", "status": None, "info"})``, copied from a per-exchange template.

    None of these five fields changes what ``safe_order`` computes for the
    others, so its result for empty ones is computed once per exchange (and
    markets object, ``memo.remembered``) and copied: the order of every
    acknowledged or failed batch entry, at a fraction of the cost.
    """
    order = dict(memo.remembered(exchange, ("ccxt_cancel.orders", "acknowledged"), _template, exchange))
    order["id"], order["clientOrderId"], order["symbol"], order["info"] = order_id, client_id, symbol, info
    order["trades"], order["fees"] = [], []  # fresh lists: the template's must never be shared
    return order
