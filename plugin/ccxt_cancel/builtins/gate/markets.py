"""Which Gate market a cancel names: loaded markets first, else derived from the unified symbol where certain.

Cold derivations (one request, no load_markets): ``BTC/USDT`` -> spot
``BTC_USDT``; ``BTC/USDT:USDT`` -> USDT perpetual ``BTC_USDT`` (settle
``usdt``); ``BTC/USD:BTC`` -> BTC perpetual ``BTC_USD`` (settle ``btc``).
Gate's ids are ``BASE_QUOTE`` of its own currency codes; a code that gate's
``commonCurrencies`` renames (either side of an entry) may not be the Gate
code, so such symbols are declined cold. ccxt's base-class renames (``XBT``,
``BCHSV``) are not Gate codes and do not count. Dated (delivery) futures are
claimed with markets loaded only (their contract ids carry a date Gate
chooses); options are declined: ccxt handles them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ccxt_cancel import symbols

SETTLES = ("usdt", "btc")


@dataclass(frozen=True)
class Target:
    market_id: str
    kind: str  # "spot", "swap" (perpetual) or "future" (delivery)
    settle: str | None  # lower-case settle of a contract, None on spot
    symbol: str


def _from_market(market: Mapping[str, Any]) -> Target | None:
    market_id, symbol = market.get("id"), market.get("symbol")
    if not isinstance(market_id, str) or not isinstance(symbol, str):
        return None
    if market.get("spot"):
        return Target(market_id, "spot", None, symbol)
    kind = "swap" if market.get("swap") else "future" if market.get("future") else None
    if kind is not None:
        settle = str(market.get("settleId") or market.get("settle") or "").lower()  # lower-case in every path
        return Target(market_id, kind, settle, symbol) if settle in SETTLES else None
    return None


def resolve(exchange: Any, symbol: Any) -> Target | None:
    """The target of a call, or None to decline (ccxt handles it)."""
    return symbols.lookup(exchange, symbol, _from_market, _cold)


def _cold(parts: symbols.Parts, symbol: str) -> Target | None:
    base, quote, settle = parts
    if settle is None:
        return Target(f"{base}_{quote}", "spot", None, symbol)
    if settle == quote == "USDT":
        return Target(f"{base}_{quote}", "swap", "usdt", symbol)
    if base == settle == "BTC" and quote == "USD":
        return Target("BTC_USD", "swap", "btc", symbol)
    return None
