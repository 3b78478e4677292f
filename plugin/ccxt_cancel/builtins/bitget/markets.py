"""Which classic v2 market a cancel names: loaded markets first, else derived from the unified symbol where certain.

Cold derivations (one request, no load_markets): ``BTC/USDT`` -> spot
``BTCUSDT``; ``BTC/USDT:USDT`` -> ``BTCUSDT`` USDT-FUTURES; ``BTC/USD:BTC`` ->
``BTCUSD`` COIN-FUTURES. USDC-M perpetuals are listed under ids such as
``BTCPERP`` and dated contracts carry exchange-chosen suffixes: cold, they are
declined (ccxt loads markets); with markets loaded they are claimed. So is a
symbol naming a code bitget's ``commonCurrencies`` renames (``TON`` is
Bitget's ``TONCOIN``): its id is not derivable (``ccxt_cancel.symbols``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ccxt_cancel import symbols

# ccxt's bitget.handle_product_type_and_params, settle -> productType; the S* settles are Bitget's demo
# (paper-trading) contracts, whose product types the futures pages list ("SUSDT-FUTURES USDT professional futures demo").
SETTLE_PRODUCT = {
    "USDT": "USDT-FUTURES",
    "USDC": "USDC-FUTURES",
    "SUSDT": "SUSDT-FUTURES",
    "SUSDC": "SUSDC-FUTURES",
    "SBTC": "SCOIN-FUTURES",
    "SETH": "SCOIN-FUTURES",
    "SEOS": "SCOIN-FUTURES",
}


@dataclass(frozen=True)
class Target:
    market_id: str
    product: str  # "SPOT" or a futures productType
    symbol: str


def _from_market(market: Mapping[str, Any]) -> Target | None:
    market_id, symbol = market.get("id"), market.get("symbol")
    if not isinstance(market_id, str) or not isinstance(symbol, str):
        return None
    if market.get("spot"):
        return Target(market_id, "SPOT", symbol)
    if market.get("swap") or market.get("future"):
        settle = str(market.get("settle"))
        product = SETTLE_PRODUCT.get(settle, "COIN-FUTURES" if market.get("inverse") else "")
        return Target(market_id, product, symbol) if product else None
    return None


def resolve(exchange: Any, symbol: Any) -> Target | None:
    """The target of a call, or None to decline (ccxt handles it)."""
    return symbols.lookup(exchange, symbol, _from_market, _cold)


def _cold(parts: symbols.Parts, symbol: str) -> Target | None:
    base, quote, settle = parts
    if settle is None:
        return Target(base + quote, "SPOT", symbol)
    if settle == quote == "USDT":
        return Target(base + quote, "USDT-FUTURES", symbol)
    if quote == "USD" and settle == base:
        return Target(base + quote, "COIN-FUTURES", symbol)
    return None
