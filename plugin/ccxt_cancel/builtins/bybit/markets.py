"""Which Bybit v5 market a cancel is about: its ``category`` and its ``symbol`` on the wire, without a request.

Every v5 cancel names a ``category`` (``spot``, ``linear``, ``inverse``,
``option``) and a ``symbol`` ("Symbol name, like BTCUSDT, uppercase only",
cancel-order.mdx). ccxt loads every market first (12 requests on a cold
exchange) to learn them. Here they come from loaded markets when there are
some (the market's own id, type, linear and inverse flags), and otherwise
from the unified symbol where the rule is plain:

* ``BASE/QUOTE`` is spot, id ``BASEQUOTE``;
* ``BASE/USDT:USDT`` is a USDT perpetual, ``linear``, id ``BASEUSDT``;
* ``BASE/USD:BASE`` is an inverse perpetual, id ``BASEUSD``.

USDC perpetuals (``BTCPERP``), dated futures (``BTCUSDT-26DEC25``,
``BTCUSDZ25``) and options (``BTC-26DEC25-100000-C``, ``...-P-USDT``) follow
naming conventions the docs show only by example, so without markets they
are declined (ccxt handles them): an id is never guessed. A raw market id
(``BTCUSDT``) exists as spot and as linear; it is read the way ccxt's
``market()`` reads it (``options['defaultType']``), or as the category the
call's params name, and declined when that does not settle it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ccxt.base.errors import BadRequest

from ccxt_cancel import checks, memo

CATEGORIES = ("spot", "linear", "inverse", "option")
DERIVATIVES = frozenset({"linear", "inverse"})
# The params ccxt's get_bybit_type reads to choose a category (handle_market_type_and_params,
# handle_sub_type_and_params), plus Bybit's own field. A claimed call consumes them: the
# category on the wire is the one resolved here.
TYPE_KEYS = ("type", "defaultType")
SUBTYPE_KEYS = ("subType", "defaultSubType")
CATEGORY_KEYS = ("category", *TYPE_KEYS, *SUBTYPE_KEYS)
_CATEGORY_KEY_SET = frozenset(CATEGORY_KEYS)
# ccxt type -> the categories it can mean
TYPE_CATEGORIES: dict[str, frozenset[str]] = {
    "spot": frozenset({"spot"}),
    "option": frozenset({"option"}),
    "swap": DERIVATIVES,
    "future": DERIVATIVES,
}

COIN = re.compile(r"[A-Z0-9]+")  # a coin as the pages write it: "uppercase only"
_UNIFIED = re.compile(r"([A-Z0-9]+)/([A-Z0-9]+)(?::([A-Z0-9]+))?")
# "uppercase only"; dashes appear in dated futures and option ids.
_RAW_ID = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")
_LINEAR_PERPETUAL_ID = re.compile(r"([A-Z0-9]+?)USDT")
_INVERSE_PERPETUAL_ID = re.compile(r"([A-Z0-9]+?)USD")
# Codes ccxt renames (commonCurrencies: XBT -> BTC) that Bybit's own ids are known to
# spell the same way: every docs example spells Bitcoin BTC (BTCUSDT, BTCUSD).
OWN_SPELLING = frozenset({"BTC"})


@dataclass(frozen=True, slots=True)
class Target:
    """The market a claimed call is about."""

    category: str  # linear | inverse | spot | option
    market_id: str  # Bybit's symbol, sent as "symbol"
    symbol: str  # the unified symbol the returned orders carry (the raw id as passed when none is derivable)


def category_of(market: Mapping[str, Any]) -> str | None:
    """The v5 category of a ccxt market, or None when its flags do not say."""
    if market.get("spot") is True:
        return "spot"
    if market.get("option") is True:
        return "option"
    if market.get("linear") is True:
        return "linear"
    if market.get("inverse") is True:
        return "inverse"
    return None


def asked_categories(exchange_id: str, method: str, params: Mapping[str, Any]) -> frozenset[str] | None:
    """The categories the call's params allow (Bybit's ``category``, ccxt's ``type`` / ``subType``), None if they name none.

    Read like ccxt's get_bybit_type: ``defaultType`` before ``type``,
    ``subType`` before ``defaultSubType``; a subType narrows swap/future.
    Values that name no category, or that contradict each other, are
    refused: ccxt would send them on as ``category``.
    """
    if _CATEGORY_KEY_SET.isdisjoint(params):
        return None
    allowed = frozenset(CATEGORIES)
    if "category" in params:
        value = params["category"]
        if value not in CATEGORIES:
            raise BadRequest(f"{exchange_id} {method}() params['category'] must be one of {', '.join(CATEGORIES)}, got {value!r}")
        allowed = frozenset({value})
    kind = next((params[key] for key in TYPE_KEYS if params.get(key) is not None), None)
    if kind is not None:
        if kind not in TYPE_CATEGORIES:
            raise BadRequest(f"{exchange_id} {method}() params['type'] must be one of {', '.join(TYPE_CATEGORIES)} on bybit, got {kind!r}")
        allowed &= TYPE_CATEGORIES[kind]
    sub = next((params[key] for key in SUBTYPE_KEYS if params.get(key) is not None), None)
    if sub is not None:
        if sub not in DERIVATIVES:
            raise BadRequest(f"{exchange_id} {method}() params['subType'] must be 'linear' or 'inverse', got {sub!r}")
        if kind is not None or "category" in params:
            allowed &= frozenset({sub})
        else:
            allowed = frozenset({sub})
    if not allowed:
        named = {key: params[key] for key in CATEGORY_KEYS if key in params}
        raise BadRequest(f"{exchange_id} {method}() params {named!r} contradict each other: they name no single category")
    return allowed


def _derivable_code(exchange: Any, code: str) -> bool:
    """True when Bybit's id for this unified currency code is the code itself (no ccxt renaming in between)."""
    renames = getattr(exchange, "commonCurrencies", None) or {}
    if code in renames:
        return False  # ccxt would show it under another code: the unified code is never this
    return code not in renames.values() or code in OWN_SPELLING


def _cold_unified(exchange: Any, text: str) -> Target | None:
    match = _UNIFIED.fullmatch(text)
    if match is None:
        return None
    base, quote, settle = match.groups()
    if not (_derivable_code(exchange, base) and _derivable_code(exchange, quote)):
        return None
    if settle is None:
        return Target("spot", base + quote, text)
    if quote == settle == "USDT":
        return Target("linear", base + quote, text)
    if quote == "USD" and settle == base:
        return Target("inverse", base + quote, text)
    return None  # USDC perpetuals (BTCPERP) and anything else: a naming convention, not a rule


def _unified_of_raw(exchange: Any, category: str, market_id: str) -> str:
    """The unified symbol of a perpetual's raw id where the rule is plain; else the id itself."""
    if category == "linear":
        match = _LINEAR_PERPETUAL_ID.fullmatch(market_id)
        if match and _derivable_code(exchange, match[1]):
            return f"{match[1]}/USDT:USDT"
    elif category == "inverse":
        match = _INVERSE_PERPETUAL_ID.fullmatch(market_id)
        if match and _derivable_code(exchange, match[1]):
            return f"{match[1]}/USD:{match[1]}"
    return market_id


def _default_type(exchange: Any) -> str | None:
    """The market type ccxt's ``market()`` prefers for a raw id: ``safe_string_2(options, 'defaultType', 'defaultSubType', 'spot')``."""
    options = exchange.options
    value = options.get("defaultType") or options.get("defaultSubType") or "spot"
    return value if isinstance(value, str) else None


def _cold_raw(exchange: Any, text: str, asked: frozenset[str] | None) -> Target | None:
    """A raw id on a cold exchange: the category the params name, else the one ccxt's market() would pick by defaultType."""
    if not _RAW_ID.fullmatch(text):
        return None
    if asked is not None and len(asked) == 1:
        (category,) = asked
        return Target(category, text, _unified_of_raw(exchange, category, text))  # the caller named both: nothing guessed
    perpetual = "linear" if _LINEAR_PERPETUAL_ID.fullmatch(text) else "inverse" if _INVERSE_PERPETUAL_ID.fullmatch(text) else None
    if asked is not None:
        # swap/future without a subType: the id's own shape must settle it
        return Target(perpetual, text, _unified_of_raw(exchange, perpetual, text)) if perpetual in asked else None
    default_type = _default_type(exchange)
    if default_type == "spot" and "-" not in text:  # spot ids carry no dash
        return Target("spot", text, text)
    if default_type == "swap" and perpetual is not None:
        # the swap flag picks the perpetual with this id; USDT perpetuals are linear, BASEUSD ones inverse
        return Target(perpetual, text, _unified_of_raw(exchange, perpetual, text))
    return None  # future, option, margin...: which market ccxt would pick is not derivable


def _loaded(exchange: Any, text: str, asked: frozenset[str] | None) -> Target | None:
    markets = exchange.markets
    market = markets.get(text)
    if market is None:
        candidates = (exchange.markets_by_id or {}).get(text) or []
        if asked is not None:
            candidates = [m for m in candidates if category_of(m) in asked]
        if len(candidates) > 1:
            # ccxt's market(): the first whose defaultType flag is set (its fallback to the first market is a guess)
            default_type = _default_type(exchange)
            candidates = [m for m in candidates if m.get(default_type) is True][:1] if default_type else []
        if len(candidates) != 1:
            return None  # unknown here: ccxt raises its own BadSymbol (or builds an expired option market)
        market = candidates[0]
    category = category_of(market)
    if category is None or not isinstance(market.get("id"), str) or not market.get("symbol"):
        return None
    return Target(category, market["id"], str(market["symbol"]))


def _resolve(exchange: Any, method: str, text: str, asked: frozenset[str] | None) -> Target | None:
    if exchange.markets:
        target = _loaded(exchange, text, asked)
    elif "/" in text:
        target = _cold_unified(exchange, text)
    else:
        target = _cold_raw(exchange, text, asked)
    if target is not None and asked is not None and target.category not in asked:
        raise BadRequest(f"{exchange.id} {method}() params name category {'/'.join(sorted(asked))} but {text} is a {target.category} market")
    return target


def resolve(exchange: Any, method: str, symbol: Any, params: Mapping[str, Any]) -> Target | None:
    """The market of a call, None to decline, or a ccxt error; remembered per exchange, markets and default type."""
    if type(symbol) is not str:
        checks.require_symbol(exchange.id, method, symbol)  # None: ArgumentsRequired; anything else: BadSymbol
    asked = asked_categories(exchange.id, method, params) if params else None
    key = ("bybit", symbol, asked, _default_type(exchange))
    # Checked inside: what was remembered passed the checks; what raises is never remembered.
    return memo.remembered(exchange, key, lambda: _resolve(exchange, method, checks.require_symbol(exchange.id, method, symbol), asked))
