"""The pair a BitoPro margin call is about, from loaded markets or cold from the symbol; no request."""

from __future__ import annotations

import re
from typing import Any

from ccxt.base.errors import BadSymbol

from ccxt_cancel import checks, memo

EXCHANGE_ID = "bitopro"

# Lowercase in paths (btc_usdt), uppercase in batch bodies and answers (BTC_USDT).
PAIR = re.compile(r"[A-Za-z0-9]+_[A-Za-z0-9]+")
_UNIFIED = re.compile(r"([A-Z0-9]+)/([A-Z0-9]+)")


def resolve_market(exchange: Any, method: str, symbol: Any) -> tuple[str, str, str]:
    """(path pair, body pair, unified symbol) for a symbol, without I/O; remembered per exchange and markets."""
    if type(symbol) is not str:
        return _resolve_market(exchange, method, symbol)
    return memo.remembered(exchange, ("bitopro_margin", symbol), _resolve_market, exchange, method, symbol)


def _resolve_market(exchange: Any, method: str, symbol: Any) -> tuple[str, str, str]:
    """Loaded markets win; a cold exchange derives the pair from the unified
    symbol or takes a raw id as given, so that a cold cancel costs one request.
    """
    text = checks.require_symbol(exchange.id, method, symbol)
    markets = getattr(exchange, "markets", None)
    if markets:
        market = markets.get(text)
        if market is None:
            by_id = getattr(exchange, "markets_by_id", None) or {}
            candidates = by_id.get(text.lower()) or []
            market = candidates[0] if candidates else None
        if market is None:
            raise BadSymbol(f"{exchange.id} {method}() does not have market symbol {text}")
        pair = str(market.get("id") or "")
        upper = str(market.get("uppercaseId") or pair.upper())
        unified = str(market.get("symbol") or text)
    else:
        match = _UNIFIED.fullmatch(text)
        if match is not None:
            pair = f"{match.group(1)}_{match.group(2)}".lower()
            unified = text
        elif PAIR.fullmatch(text):
            pair = text.lower()
            unified = str(exchange.safe_symbol(pair, None, "_"))
        else:
            raise BadSymbol(
                f"{exchange.id} {method}() symbol must be a unified BASE/QUOTE symbol such as BTC/USDT or a BitoPro pair such as btc_usdt, got {text!r}"
            )
        upper = pair.upper()
    if not PAIR.fullmatch(pair) or not PAIR.fullmatch(upper):
        raise BadSymbol(f"{exchange.id} {method}() market {text!r} has pair id {pair!r}, which is not of the form base_quote")
    return pair, upper, unified


def answer_symbol(exchange: Any, pair_key: str) -> str:
    """Unified symbol of a pair key from an answer (``BTC_USDT``): loaded markets first, then ccxt's own derivation."""
    return str(exchange.safe_symbol(pair_key.lower(), None, "_"))
