"""Which KuCoin market a cancel names: loaded markets first, else derived from the unified symbol where certain.

Cold derivations (one request, no load_markets), from KuCoin's own symbol
examples (``XBTUSDTM``, ``ETHUSDTM``, ``XRPUSDTM``, ``BTC-USDT``) and
ccxt's currency mapping (KuCoin futures call bitcoin ``XBT``):

* ``BTC/USDT`` -> spot ``BTC-USDT``;
* ``BTC/USDT:USDT`` -> USDT-margined perpetual ``XBTUSDTM`` (``ETH`` -> ``ETHUSDTM``);
* ``BTC/USD:BTC`` -> coin-margined perpetual ``XBTUSDM``.

Declined cold (ccxt loads markets): dated futures, USDC-margined contracts,
and any symbol whose base or quote ccxt renames (``commonCurrencies``), since
the exchange's own code is then not the unified one. With markets loaded,
every spot market and perpetual/dated contract is claimed by its market id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

UNIFIED = re.compile(r"(?P<base>[A-Z0-9]{1,20})/(?P<quote>[A-Z0-9]{1,20})(?::(?P<settle>[A-Z0-9]{1,20}))?")
FUTURES_CODE = {"BTC": "XBT"}  # KuCoin futures' own code for bitcoin (ccxt's kucoinfutures maps XBT -> BTC)


@dataclass(frozen=True)
class Target:
    market_id: str | None  # None: no symbol given (a cancel by order id needs none)
    product: str  # "spot" or "futures"
    symbol: str | None


def _from_market(market: Mapping[str, Any]) -> Target | None:
    market_id, symbol = market.get("id"), market.get("symbol")
    if not isinstance(market_id, str) or not isinstance(symbol, str):
        return None
    if market.get("spot"):
        return Target(market_id, "spot", symbol)
    if market.get("swap") or market.get("future"):
        return Target(market_id, "futures", symbol)
    return None


def _renamed(exchange: Any, *codes: str) -> bool:
    renamed = exchange.commonCurrencies if isinstance(getattr(exchange, "commonCurrencies", None), Mapping) else {}
    values = set(renamed.values())
    # BTC is certain on both products: BTC-USDT on spot (KuCoin's own example), XBT on futures (FUTURES_CODE).
    return any(code != "BTC" and (code in values or code in renamed) for code in codes)


def default_product(exchange: Any, params: dict[str, Any]) -> str | None:
    """ccxt's own choice without a symbol: params['type'] (consumed), else options['defaultType'] ('spot' on kucoin, 'swap' on kucoinfutures)."""
    kind = params.pop("type", None) or (exchange.options or {}).get("defaultType") or "spot"
    return {"spot": "spot", "swap": "futures", "future": "futures"}.get(str(kind))


def resolve(exchange: Any, symbol: Any, params: dict[str, Any]) -> Target | None:
    """The target of a call, or None to decline (ccxt handles it)."""
    if symbol is None:
        product = default_product(exchange, params)
        return None if product is None else Target(None, product, None)
    if not isinstance(symbol, str):
        return None
    params.pop("type", None)  # the symbol decides the product
    if exchange.markets:
        market = exchange.markets.get(symbol)
        return _from_market(market) if isinstance(market, Mapping) else None
    found = UNIFIED.fullmatch(symbol)
    if found is None:
        return None
    base, quote, settle = found.group("base", "quote", "settle")
    if settle is None:
        return None if _renamed(exchange, base, quote) else Target(f"{base}-{quote}", "spot", symbol)
    if _renamed(exchange, base):
        return None
    code = FUTURES_CODE.get(base, base)
    if settle == quote == "USDT":
        return Target(f"{code}USDTM", "futures", symbol)
    if quote == "USD" and settle == base:
        return Target(f"{code}USDM", "futures", symbol)
    return None
