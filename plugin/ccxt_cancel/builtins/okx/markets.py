"""OKX instrument ids (``instId``) for ccxt symbols, found without loading markets.

A cancel names its instrument by ``instId``. ccxt finds it by loading every
market first (a signed currencies call and five public instrument calls on
a cold exchange), which is what turns one cancel into seven requests. The
instId is a plain function of the unified symbol, so a cold cancel derives
it and sends one request:

=================================  ===========================  =========================
unified symbol                     instId                       kind
=================================  ===========================  =========================
``BTC/USDT``                       ``BTC-USDT``                 spot (margin shares it)
``BTC/USDT:USDT``                  ``BTC-USDT-SWAP``            linear perpetual
``BTC/USD:BTC``                    ``BTC-USD-SWAP``             inverse perpetual
``BTC/USDT:USDT-251226``           ``BTC-USDT-251226``          dated future
``BTC/USD:BTC-251226-100000-C``    ``BTC-USD-251226-100000-C``  option
=================================  ===========================  =========================

(ccxt's okx ``parse_market`` builds the symbol from the same parts:
``uly`` + ``settleCcy`` + ``yymmdd(expTime)`` + ``stk`` + ``optType``.)
Loaded markets always win. A well-formed raw instId is taken as given.
Anything that cannot be derived without guessing is declined, so ccxt
handles it as before: a settle currency that is neither the quote (linear)
nor the base of a USD-quoted contract (inverse), USD-settled linear
contracts (their instIds are ``BTC-USD_UM-SWAP``, not ``BTC-USD-SWAP``),
options that are not USD-quoted, and currency codes that ccxt renames for
OKX (``commonCurrencies``: unified ``AET`` is OKX's ``AE``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ccxt_cancel import checks, memo

_CODE = r"[A-Z0-9]{1,20}"
_STRIKE = r"[0-9]{1,12}(?:\.[0-9]{1,12})?"
UNIFIED = re.compile(rf"(?P<base>{_CODE})/(?P<quote>{_CODE})(?::(?P<settle>{_CODE})(?:-(?P<expiry>[0-9]{{6}})(?:-(?P<strike>{_STRIKE})-(?P<right>[CP]))?)?)?")
RAW = re.compile(rf"(?P<base>{_CODE})-(?P<quote>{_CODE})(?:-(?P<swap>SWAP)|-(?P<expiry>[0-9]{{6}})(?:-(?P<strike>{_STRIKE})-(?P<right>[CP]))?)?")
INVERSE_QUOTE = "USD"  # OKX's coin-margined contracts are quoted in USD and settled in their base


@dataclass(frozen=True)
class Instrument:
    """The instrument a claimed call is about."""

    inst_id: str  # what goes into "instId" on the wire
    symbol: str  # the unified symbol the result carries
    market: Mapping[str, Any] | None = None  # the loaded market, when markets are loaded


def valid_yymmdd(text: str) -> bool:
    try:
        datetime.date(2000 + int(text[:2]), int(text[2:4]), int(text[4:]))
    except ValueError:
        return False
    return True


def _renamed_codes(exchange: Any) -> frozenset[str]:
    """Unified codes that ccxt's okx renames from another OKX id (``AE`` -> ``AET``): their ids are not derivable."""
    import ccxt

    table = getattr(exchange, "commonCurrencies", None) or {}
    # ccxt's base-class renames (XBT -> BTC, BCHSV -> BSV) are ids OKX does not use: BTC is OKX's own id for BTC.
    base = getattr(ccxt.Exchange, "commonCurrencies", None) or {}
    return frozenset(str(v) for k, v in table.items() if k != v and base.get(k) != v)


def _plain_codes(exchange: Any, *codes: str) -> bool:
    """True when each unified code is also OKX's currency id (ccxt renames none of them, in either direction)."""
    renamed = _renamed_codes(exchange)
    return all(code not in renamed and exchange.safe_currency_code(code) == code for code in codes)


def from_unified(exchange: Any, symbol: str) -> Instrument | None:
    """The instId of a unified symbol, or None when it cannot be derived without guessing."""
    match = UNIFIED.fullmatch(symbol)
    if match is None:
        return None
    base, quote, settle, expiry, strike, right = match.group("base", "quote", "settle", "expiry", "strike", "right")
    if not _plain_codes(exchange, *(c for c in (base, quote, settle) if c is not None)):
        return None
    if settle is None:
        return Instrument(f"{base}-{quote}", symbol)
    linear = settle == quote and quote != INVERSE_QUOTE
    inverse = settle == base and quote == INVERSE_QUOTE
    if not (linear or inverse):
        return None
    if expiry is None:
        return Instrument(f"{base}-{quote}-SWAP", symbol)
    if not valid_yymmdd(expiry):
        return None
    if strike is None:
        return Instrument(f"{base}-{quote}-{expiry}", symbol)
    if not inverse:
        return None  # OKX lists USD-quoted, coin-settled options; no other kind is derived
    return Instrument(f"{base}-{quote}-{expiry}-{strike}-{right}", symbol)


def from_raw(exchange: Any, inst_id: str) -> Instrument | None:
    """A raw instId taken as given, with the unified symbol ccxt's okx would give it; None when not well formed."""
    match = RAW.fullmatch(inst_id)
    if match is None:
        return None
    base_id, quote_id, swap, expiry, strike, right = match.group("base", "quote", "swap", "expiry", "strike", "right")
    base, quote = exchange.safe_currency_code(base_id), exchange.safe_currency_code(quote_id)
    if swap is None and expiry is None:
        return Instrument(inst_id, f"{base}/{quote}")
    settle = base if quote_id == INVERSE_QUOTE else quote
    if expiry is not None and not valid_yymmdd(expiry):
        return None
    if strike is not None and quote_id != INVERSE_QUOTE:
        return None
    suffix = "" if swap else f"-{expiry}" + ("" if strike is None else f"-{strike}-{right}")
    return Instrument(inst_id, f"{base}/{quote}:{settle}{suffix}")


def from_markets(exchange: Any, symbol: str) -> Instrument | None:
    """The loaded market for a symbol or a market id, as ccxt would find it; None when markets do not know it."""
    markets = exchange.markets or {}
    market = markets.get(symbol)
    if market is None:
        found = (getattr(exchange, "markets_by_id", None) or {}).get(symbol) or []
        market = found[0] if found else None
    if not isinstance(market, Mapping):
        return None
    inst_id, unified = market.get("id"), market.get("symbol")
    if not isinstance(inst_id, str) or not inst_id or not isinstance(unified, str):
        return None
    return Instrument(inst_id, unified, market)


def _resolve(exchange: Any, method: str, symbol: Any) -> Instrument | None:
    text = checks.require_symbol(exchange.id, method, symbol)
    if exchange.markets:
        # ccxt's own lookup (exchange.market) is avoided on purpose: for an unknown
        # option symbol okx's override raises TypeError, not BadSymbol. An unknown
        # symbol is declined and ccxt answers it as it always has.
        return from_markets(exchange, text)
    return from_unified(exchange, text) if "/" in text else from_raw(exchange, text)


def resolve(exchange: Any, method: str, symbol: Any) -> Instrument | None:
    """The instrument of a call, ``None`` to decline, or ``ArgumentsRequired`` / ``BadSymbol``; remembered per exchange and markets."""
    if type(symbol) is not str:
        return _resolve(exchange, method, symbol)
    return memo.remembered(exchange, ("okx", symbol), _resolve, exchange, method, symbol)
