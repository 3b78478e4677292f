"""Unified symbols read without markets: the one home for the parts of ``BASE/QUOTE[:SETTLE]`` and the renamed codes.

A cold cancel (markets not loaded) derives the exchange's market id from the
unified symbol. That is certain only when the unified codes are the
exchange's own: ccxt renames some codes per exchange (``commonCurrencies``:
bitget's ``TONCOIN`` is unified ``TON``), so a symbol naming such a code, on
either side of an entry, is declined cold and ccxt loads markets for it.
ccxt's base-class renames (``XBT`` -> ``BTC``, ``BCHSV`` -> ``BSV``) apply to
every exchange and are left to the rooms that use those codes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")

UNIFIED = re.compile(r"(?P<base>[A-Z0-9]{1,20})/(?P<quote>[A-Z0-9]{1,20})(?::(?P<settle>[A-Z0-9]{1,20}))?")


class Parts(NamedTuple):
    base: str
    quote: str
    settle: str | None  # None on spot


def split(symbol: str) -> Parts | None:
    """``BTC/USDT:USDT`` -> ``Parts('BTC', 'USDT', 'USDT')``; None for anything else (dated, options, lower case)."""
    found = UNIFIED.fullmatch(symbol)
    return None if found is None else Parts(*found.group("base", "quote", "settle"))


def renamed_codes(exchange: Any) -> frozenset[str]:
    """Both sides of every entry this exchange's ``commonCurrencies`` adds to ccxt's base-class table."""
    from ccxt.base.exchange import Exchange

    base = Exchange.commonCurrencies
    table = getattr(exchange, "commonCurrencies", None) or {}
    return frozenset(str(code) for key, value in table.items() if base.get(key) != value for code in (key, value))


def cold_parts(exchange: Any, symbol: str) -> Parts | None:
    """:func:`split`, or None when a code of the symbol is one this exchange renames (its id is not derivable)."""
    parts = split(symbol)
    if parts is None:
        return None
    renamed = renamed_codes(exchange)
    if renamed and (parts.base in renamed or parts.quote in renamed or parts.settle in renamed):
        return None
    return parts


def lookup(exchange: Any, symbol: Any, from_market: Callable[[Mapping[str, Any]], T | None], cold: Callable[[Parts, str], T | None]) -> T | None:
    """A room's target for ``symbol``: from the loaded market when markets are loaded (None when the symbol is not
    one), else from the symbol's parts (:func:`cold_parts`); None declines (ccxt handles the call)."""
    if not isinstance(symbol, str):
        return None
    if exchange.markets:
        market = exchange.markets.get(symbol)
        return from_market(market) if isinstance(market, Mapping) else None
    parts = cold_parts(exchange, symbol)
    return None if parts is None else cold(parts, symbol)
