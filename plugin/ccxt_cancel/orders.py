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

A cancel answer rarely has anything ``safe_order`` derives from (fills,
trades, fees, costs, trigger prices). For such an order :func:`unified`
converts each field the way ``safe_order`` does, with ccxt's own helpers,
instead of running all of it: 6.7 us against 15.7 us timed alone; inside a
whole BitoPro cancel safe_order took about 27 us of 60 (docs/benchmarks.md).
The first such order of each exchange class is also run through
``safe_order`` and compared; a class
whose ``safe_order`` answers differently (another ccxt version, an
override) always gets ``safe_order``.
"""

from __future__ import annotations

import logging
import operator
import re
from collections.abc import Mapping
from typing import Any

from ccxt.base.exchange import Exchange as BaseExchange

from ccxt_cancel import memo

log = logging.getLogger("ccxt_cancel")

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


# The fields safe_order converts each on its own (the direct path); it derives, or derives from, every other key.
DIRECT = frozenset(("id", "clientOrderId", "timestamp", "datetime", "lastUpdateTimestamp", "symbol", "type", "side", "price", "amount", "status", "reduceOnly"))
DERIVED = tuple(key for key in KEYS if key not in DIRECT)  # the direct path needs every one of these empty
_derived = operator.itemgetter(*DERIVED)
_NONE = (None,) * len(DERIVED)
# The fields safe_order passes through safe_string, each on its own.
_STRINGS = ("id", "clientOrderId", "symbol", "type", "side", "status")
# A number safe_order's Precise arithmetic reads without raising; anything else goes through safe_order itself.
_plain = re.compile(r"-?[0-9]+(?:\.[0-9]+)?").fullmatch
# exchange class -> whether the direct path gave safe_order's very result on its first order
_agrees: dict[type, bool] = {}


def unified(exchange: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """``exchange.safe_order(fields)``: the same result, key order included, without the caught exceptions."""
    # Keys in the caller's order, then the missing ones in KEYS order; the caller's values win (all in C).
    order = {**fields, **_EMPTY, **fields}
    if _derived(order) == _NONE:
        cls = type(exchange)
        agrees = _agrees.get(cls)
        if agrees is not False:
            direct = _direct(exchange, order)
            if direct is not None:
                if agrees is None:
                    return _first(exchange, cls, order, direct)
                return direct
    result: dict[str, Any] = exchange.safe_order(order, NO_MARKET)
    return result


def _direct(exchange: Any, order: dict[str, Any]) -> dict[str, Any] | None:
    """What safe_order returns for ``order`` when nothing in it is derived, or None where it would derive something.

    Each field goes through the ccxt helper safe_order gives it; with no fills,
    trades, fees or costs, and an order neither closed nor a market order, none
    of its other branches runs (ccxt 4.5's Exchange.safe_order).
    """
    result = dict(order)
    safe_string = exchange.safe_string
    for key in _STRINGS:
        value = result[key]
        if value is not None and (type(value) is not str or value == ""):
            result[key] = safe_string(result, key)
    if result["status"] == "closed" or result["type"] == "market":
        return None  # safe_order fills amounts in for a closed order, prices and time in force for a market one
    timestamp = exchange.safe_integer(result, "timestamp")
    result["timestamp"] = timestamp
    result["lastUpdateTimestamp"] = exchange.safe_integer(result, "lastUpdateTimestamp")
    datetime = safe_string(result, "datetime")
    result["datetime"] = exchange.iso8601(timestamp) if datetime is None else datetime
    price, amount = safe_string(result, "price"), safe_string(result, "amount")
    if (price is not None and _plain(price) is None) or (amount is not None and _plain(amount) is None):
        return None  # safe_order compares the price with Precise, which raises on some texts: let it decide
    parse_number, omit_zero = exchange.parse_number, exchange.omit_zero
    result["price"] = parse_number(omit_zero(price))
    result["amount"] = parse_number(omit_zero(amount))
    if result["reduceOnly"] is not None:
        result["reduceOnly"] = exchange.safe_value(result, "reduceOnly")
    result["trades"], result["fees"] = [], []  # safe_order's, for an order without trades or fees
    return result


def _first(exchange: Any, cls: type, order: dict[str, Any], direct: dict[str, Any]) -> dict[str, Any]:
    """The first direct order of an exchange class: safe_order's own result, and whether the direct path gave the same.

    A class that overrides ``safe_order`` never takes the direct path: its
    override may treat other orders differently than it treated this one.
    """
    expected: dict[str, Any] = exchange.safe_order(dict(order), NO_MARKET)
    agrees = getattr(cls, "safe_order", None) is BaseExchange.safe_order and direct == expected and list(direct) == list(expected)
    if not agrees:
        log.debug("%s: safe_order is overridden or answers differently from the direct path; every order goes through it", cls.__name__)
    _agrees[cls] = agrees
    return expected


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
