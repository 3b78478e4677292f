"""Which Binance product a cancel is about, decided from the call alone, the way ccxt's ``binance`` decides it.

Every Binance plugin asks :func:`route` and claims a call only when the
answer is its own product, so no two of them can claim the same call. The
answer follows ccxt's ``binance.cancel_order`` step by step: the market
(``exchange.market(symbol)``), then portfolio margin (``papi`` /
``portfolioMargin`` in params, then options), then, for a spot market, the
margin mode (``marginMode`` in params, then options). Without loaded
markets the market is derived from the symbol, no request sent:

* ``BTC/USDT`` is spot (margin with a marginMode); with ``options
  ['defaultType'] == 'swap'`` ccxt reads it as the legacy name of
  ``BTC/USDT:USDT``, and so does this module;
* ``BTC/USDT:USDT``, ``ETH/USDT:USDT-251226`` are USD-M (settle == quote);
* ``BTC/USD:BTC``, ``BTCUSD_PERP`` are COIN-M (:func:`coinm_symbol_parts`);
* a raw id is read as ccxt's ``market()`` reads it with markets loaded:
  ``BTCUSDT`` is spot on ``binance`` (``defaultType`` spot or margin) and
  USD-M with ``defaultType`` swap or future (linear), always USD-M on
  ``binanceusdm``; ``BTCUSDT_251226`` is USD-M.

Anything else (options, tokenized stocks, a currency ccxt renames, an
option value ccxt would resolve by load order, a spot symbol while
``options['defaultSubType']`` is linear or inverse, which makes ccxt cancel
it on futures) is ``None``: the call is declined and stays ccxt's. With
markets loaded, the loaded market decides.
"""

from __future__ import annotations

import datetime
import re
import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ccxt.base.errors import BadSymbol, BaseError

from ccxt_cancel import checks, memo
from ccxt_cancel.builtins.binance.ids import CONDITIONAL_KEYS, ROUTING_KEYS, margin_mode, option_value, portfolio_margin_switch

SPOT, MARGIN, USDM, COINM = "spot", "margin", "usdm", "coinm"
PM_UM, PM_CM, PM_MARGIN = "portfolio_um", "portfolio_cm", "portfolio_margin"

# Market kinds: what the symbol names, before params pick a product.
KIND_SPOT, KIND_LINEAR, KIND_INVERSE = "spot", "linear", "inverse"

DECLINE_KEYS = CONDITIONAL_KEYS | ROUTING_KEYS
MARGIN_MODES = ("cross", "isolated")

UNIFIED = re.compile(r"(?P<base>[A-Z0-9]{1,20})/(?P<quote>[A-Z0-9]{1,20})(?::(?P<settle>[A-Z0-9]{1,20})(?:-(?P<expiry>[0-9]{6}))?)?")
RAW = re.compile(r"(?P<pair>[A-Z0-9]{2,40})(?:_(?P<expiry>[0-9]{6}))?")
# Quote assets a raw spot id is split by (longest first), so that the answer carries a unified
# symbol; an id ending in none of them is declined (ccxt loads markets and knows).
SPOT_QUOTES = ("FDUSD", "USDT", "USDC", "BTC", "ETH", "BNB", "EUR", "TRY")
# USD-M contracts settle in these (their margin assets); a raw USD-M id ends in one.
USDM_SETTLES = ("USDT", "USDC")
# ccxt renames some Binance asset ids (commonCurrencies: YOYO -> YOYOW, BCHSV -> BSV): for those
# unified codes the market id is not base + quote. XBT -> BTC is ccxt's cross-exchange alias;
# Binance's Bitcoin id is BTC, so BTC derives as itself.
CROSS_EXCHANGE_ALIASES = frozenset({"XBT"})


@dataclass(frozen=True, slots=True)
class Market:
    """The market a call names: its kind, the id that goes on the wire, and the market parse_order receives."""

    kind: str
    market_id: str
    market: dict[str, Any]
    routes: dict[tuple[str, bool], Route] = field(default_factory=dict, compare=False, repr=False)

    def route(self, product: str, isolated: bool = False) -> Route:
        """The route to ``product`` on this market (made once: a market is remembered, and so are its routes)."""
        found = self.routes.get((product, isolated))
        if found is None:
            found = self.routes[(product, isolated)] = Route(product, self.market_id, self.market, isolated)
        return found


@dataclass(frozen=True, slots=True)
class Route:
    """The product a call is about, and its market."""

    product: str
    market_id: str
    market: dict[str, Any]
    isolated: bool = False  # margin only: marginMode 'isolated'


# COIN-M symbols. The loose forms decide "this is meant as COIN-M"; the strict
# checks that follow turn a malformed one into BadSymbol instead of a guess.
UNIFIED_LOOSE = re.compile(r"(?P<base>[^/:\s]+)/USD:(?P<settle>[^-\s]+)(?:-(?P<suffix>.*))?", re.DOTALL)
RAW_LOOSE = re.compile(r"(?P<base>[A-Z0-9]+)USD_(?P<suffix>[A-Z0-9]+)")
CURRENCY = re.compile(r"[A-Z0-9]{1,20}")
PERPETUAL = "PERP"


# --- markets ---------------------------------------------------------------------------------


def _stock_markets_enabled(options: Mapping[str, Any]) -> bool:
    # Tokenized stocks share the spot symbol namespace (ccxt's own comment on fetchMarkets types).
    setting = options.get("fetchMarkets")
    types = setting.get("types") if isinstance(setting, Mapping) else setting
    return isinstance(types, (list, tuple)) and "stock" in types


def _own_id(exchange: Any, code: str) -> bool:
    """True when a unified currency code is also Binance's asset id (ccxt renames none of the ids into it)."""
    if exchange.safe_currency_code(code) != code:
        return False
    renames = getattr(exchange, "commonCurrencies", None) or {}
    return not any(target == code and source != code and source not in CROSS_EXCHANGE_ALIASES for source, target in renames.items())


def synthetic_market(exchange: Any, kind: str, base_id: str, quote_id: str, expiry: str | None) -> dict[str, Any]:
    """A minimal spot or linear market, enough for ``parse_order`` to return the unified symbol without loading markets."""
    base, quote = exchange.safe_currency_code(base_id), exchange.safe_currency_code(quote_id)
    spot = kind == KIND_SPOT
    market_id = base_id + quote_id + ("" if expiry is None else f"_{expiry}")
    symbol = f"{base}/{quote}" if spot else f"{base}/{quote}:{quote}" + ("" if expiry is None else f"-{expiry}")
    swap = not spot and expiry is None
    structure: dict[str, Any] = exchange.safe_market_structure(
        {
            "id": market_id,
            "lowercaseId": market_id.lower(),
            "symbol": symbol,
            "base": base,
            "quote": quote,
            "settle": None if spot else quote,
            "baseId": base_id,
            "quoteId": quote_id,
            "settleId": None if spot else quote_id,
            "type": "spot" if spot else ("swap" if swap else "future"),
            "spot": spot,
            "margin": spot,
            "swap": swap,
            "future": not spot and not swap,
            "option": False,
            "contract": not spot,
            "linear": None if spot else True,
            "inverse": None if spot else False,
            "subType": None if spot else "linear",
            "info": {},
        }
    )
    return structure


def _valid_yymmdd(text: str) -> bool:
    if not checks.is_ascii_digits(text) or len(text) != 6:
        return False
    try:
        datetime.date(2000 + int(text[:2]), int(text[2:4]), int(text[4:]))
    except ValueError:
        return False
    return True


def coinm_symbol_parts(exchange_id: str, method: str, symbol: str) -> tuple[str, str] | None:
    """``(base id, contract suffix)`` of a COIN-M symbol, ``None`` if it is not meant as COIN-M.

    Suffix is ``"PERP"`` or a ``YYMMDD`` delivery date. A symbol shaped like
    COIN-M but malformed (``BTC/USD:BTC-2512``, ``BTCUSD_PERPX``) raises
    ``BadSymbol``.
    """
    unified = UNIFIED_LOOSE.fullmatch(symbol)
    if unified is not None:
        base, settle, suffix = unified["base"], unified["settle"], unified["suffix"]
        if settle != base:
            return None  # e.g. BTC/USD:USD would be USD-settled: not COIN-M
        if not CURRENCY.fullmatch(base) or (suffix is not None and not _valid_yymmdd(suffix)):
            raise BadSymbol(
                f"{exchange_id} {method}() symbol {symbol!r} is not a valid COIN-M symbol: expected BASE/USD:BASE (perpetual) or BASE/USD:BASE-YYMMDD (delivery)"
            )
        return base, PERPETUAL if suffix is None else suffix
    raw = RAW_LOOSE.fullmatch(symbol)
    if raw is not None:
        suffix = raw["suffix"]
        if suffix != PERPETUAL and not _valid_yymmdd(suffix):
            raise BadSymbol(f"{exchange_id} {method}() symbol {symbol!r} is not a valid COIN-M market id: expected BASEUSD_PERP or BASEUSD_YYMMDD")
        return raw["base"], suffix
    return None


def inverse_market(exchange: Any, base_id: str, suffix: str) -> dict[str, Any]:
    """A minimal inverse market, enough for ``parse_order`` to return the unified symbol without loading markets.

    Contract size and expiry are left unknown rather than guessed; parse_order
    does not need them for a cancel answer, which carries its own cost.
    """
    base = exchange.safe_currency_code(base_id)
    quote = "USD"
    swap = suffix == PERPETUAL
    symbol = f"{base}/{quote}:{base}" + ("" if swap else f"-{suffix}")
    market: dict[str, Any] = exchange.safe_market_structure(
        {
            "id": f"{base_id}{quote}_{suffix}",
            "lowercaseId": f"{base_id}{quote}_{suffix}".lower(),
            "symbol": symbol,
            "base": base,
            "quote": quote,
            "settle": base,
            "baseId": base_id,
            "quoteId": quote,
            "settleId": base_id,
            "type": "swap" if swap else "future",
            "spot": False,
            "margin": False,
            "swap": swap,
            "future": not swap,
            "option": False,
            "contract": True,
            "linear": False,
            "inverse": True,
            "subType": "inverse",
            "info": {},
        }
    )
    return market


def _split(pair: str, quotes: tuple[str, ...]) -> tuple[str, str] | None:
    for quote in quotes:
        if pair.endswith(quote) and len(pair) > len(quote):
            return pair[: -len(quote)], quote
    return None


def _from_loaded(exchange: Any, symbol: str) -> Market | None:
    try:
        market: Any = exchange.market(symbol)  # the same lookup ccxt's cancel does
    except BaseError:
        return None  # ccxt raises its own BadSymbol for it
    if not isinstance(market, dict) or market.get("stock"):
        return None
    kind_of = market.get("type")
    if kind_of == "spot" and market.get("spot") is True:
        kind = KIND_SPOT
    elif kind_of in ("swap", "future") and market.get("linear") is True:
        kind = KIND_LINEAR
    elif kind_of in ("swap", "future") and market.get("inverse") is True:
        kind = KIND_INVERSE
    else:
        return None  # options and anything else stay ccxt's
    return Market(kind, str(market["id"]), market)


def _inverse(exchange: Any, method: str, symbol: str, parts: tuple[str, str]) -> Market | None:
    if exchange.id == "binanceusdm":
        return None  # it loads no COIN-M market: ccxt's own BadSymbol
    base_id, suffix = parts
    if UNIFIED_LOOSE.fullmatch(symbol) is not None and exchange.safe_currency_code(base_id) != base_id:
        # The unified code is not its own id (a currency ccxt renames): the id is not derivable without markets.
        return None
    market = inverse_market(exchange, base_id, suffix)
    return Market(KIND_INVERSE, str(market["id"]), market)


def _derived(exchange: Any, method: str, symbol: str) -> Market | None:
    """The market named by a symbol, without loaded markets; None when it cannot be told without guessing."""
    exchange_id = exchange.id
    options = exchange.options
    default_type = options.get("defaultType")
    default_sub_type = options.get("defaultSubType")
    parts = coinm_symbol_parts(exchange_id, method, symbol)
    if parts is not None:
        return _inverse(exchange, method, symbol, parts)
    if exchange_id == "binancecoinm":
        return None  # it loads COIN-M markets only
    unified = UNIFIED.fullmatch(symbol)
    if unified is not None:
        base, quote, settle, expiry = unified["base"], unified["quote"], unified["settle"], unified["expiry"]
        if not (_own_id(exchange, base) and _own_id(exchange, quote)):
            return None
        if settle is None:
            # ccxt's binance.market(): with defaultType 'swap' a spot-style symbol is the legacy name of
            # its perpetual (on binance only while defaultSubType is not 'inverse', whose legacy form
            # of BASE/USDT does not exist); a quote of USD would make it COIN-M, left to binance_coinm.
            if default_type == "swap":
                if quote not in USDM_SETTLES or (exchange_id == "binance" and default_sub_type == "inverse"):
                    return None
                return Market(KIND_LINEAR, base + quote, synthetic_market(exchange, KIND_LINEAR, base, quote, None))
            if exchange_id != "binance" or _stock_markets_enabled(options):
                return None
            return Market(KIND_SPOT, base + quote, synthetic_market(exchange, KIND_SPOT, base, quote, None))
        if settle != quote or settle not in USDM_SETTLES:
            return None  # COIN-M was handled above; USD-M contracts settle in USDT or USDC
        market = synthetic_market(exchange, KIND_LINEAR, base, quote, expiry)
        return Market(KIND_LINEAR, str(market["id"]), market)
    raw = RAW.fullmatch(symbol)
    if raw is None:
        return None
    pair, expiry = raw["pair"], raw["expiry"]
    if expiry is not None or exchange_id == "binanceusdm":
        kind: str | None = KIND_LINEAR
    elif default_type in ("swap", "future"):
        # ccxt looks for a linear market with that id ('inverse' would find none and fall back on load order)
        kind = KIND_INVERSE if default_sub_type == "inverse" else KIND_LINEAR
    elif default_type in ("spot", "margin"):
        kind = KIND_SPOT
    else:
        kind = None  # ccxt would take the first market loaded with that id
    if kind == KIND_LINEAR:
        parts = _split(pair, USDM_SETTLES)
    elif kind == KIND_SPOT and not _stock_markets_enabled(options):
        parts = _split(pair, SPOT_QUOTES)
    else:
        return None
    if parts is None:
        return None
    market = synthetic_market(exchange, kind, parts[0], parts[1], expiry)
    return Market(kind, symbol, market)


def _resolve(exchange: Any, method: str, symbol: str) -> Market | None:
    if exchange.markets is not None:
        return _from_loaded(exchange, symbol)
    return _derived(exchange, method, symbol)


def resolve(exchange: Any, method: str, symbol: Any) -> Market | None:
    """The market a symbol names (remembered per exchange, markets and default type), None to decline.

    A missing symbol is ccxt's ``ArgumentsRequired`` (every Binance cancel
    needs one), a non-string or blank one ``BadSymbol``: ccxt raises the
    same after loading every market.
    """
    if type(symbol) is not str:
        checks.require_symbol(exchange.id, method, symbol)  # raises ArgumentsRequired / BadSymbol
    options = exchange.options
    key = ("binance_route", symbol, options.get("defaultType"), options.get("defaultSubType"))
    return memo.remembered(exchange, key, _checked_resolve, exchange, method, symbol)


def _checked_resolve(exchange: Any, method: str, symbol: str) -> Market | None:
    checks.require_symbol(exchange.id, method, symbol)  # a blank one raises, and a raise is never remembered
    return _resolve(exchange, method, symbol)


def sub_type_option(options: Mapping[str, Any], method: str) -> Any:
    """ccxt's ``handle_option_and_params({}, method, 'subType')``: options[method], then options (each also defaultSubType)."""
    return option_value(options, method, ("subType", "defaultSubType"))


# --- products --------------------------------------------------------------------------------


# The last call's answer: every Binance plugin asks about the same call in turn (the core hands them
# one params dict), so the second and later ones need not work it out again. Keyed by identity (the
# params dict is fresh per call and kept alive here, so its id cannot be reused meanwhile; the
# exchange only weakly) and the params' length (a plugin asked before may have changed them); a
# thread that interleaves only costs a miss.
def _dead() -> None:
    return None


_last: tuple[Any, ...] = (None, _dead, None, None, -1, None)


def route(exchange: Any, method: str, symbol: Any, params: Mapping[str, Any]) -> Route | None:
    """The product of this call (see :func:`decide`), remembered for the plugins asked after the first."""
    global _last
    last = _last
    if last[0] is params and last[1]() is exchange and last[2] == method and last[3] is symbol and last[4] == len(params):
        found: Route | None = last[5]
        return found
    found = decide(exchange, method, symbol, params)
    try:
        reference: Any = weakref.ref(exchange)
    except TypeError:
        reference = _dead  # an exchange that cannot be weakly referenced: never matched
    _last = (params, reference, method, symbol, len(params), found)
    return found


def decide(exchange: Any, method: str, symbol: Any, params: Mapping[str, Any]) -> Route | None:
    """The product a cancel is about, read as ccxt's ``binance`` reads it, or None when it stays ccxt's.

    Conditional and algo cancels, and params that pick another market type,
    are ccxt's. Portfolio margin takes linear (UM), inverse (CM) and, with
    marginMode 'cross', spot (margin) markets; a spot market with
    portfolio margin and no marginMode (ccxt: papi margin) or 'isolated' (the
    portfolio-margin margin account has no isolated mode) is left to ccxt.
    """
    if not DECLINE_KEYS.isdisjoint(params):
        return None
    market = resolve(exchange, method, symbol)
    if market is None:
        return None
    options = exchange.options
    portfolio = portfolio_margin_switch(exchange.id, options, method, params)
    if market.kind == KIND_LINEAR:
        return market.route(PM_UM if portfolio else USDM)
    if market.kind == KIND_INVERSE:
        return market.route(PM_CM if portfolio else COINM)
    if sub_type_option(options, method) in (KIND_LINEAR, KIND_INVERSE):
        return None  # ccxt's handle_sub_type_and_params falls back on this option for a spot market: it cancels on futures
    mode = margin_mode(options, method, params)
    if portfolio:
        return market.route(PM_MARGIN) if mode == "cross" else None
    if mode is None:
        return market.route(SPOT)
    if mode in MARGIN_MODES:
        return market.route(MARGIN, mode == "isolated")
    return None  # ccxt routes any other marginMode value to margin as cross; its call
