"""Built-in plugin ``bitopro_margin``: cancel BitoPro margin orders through ccxt's usual cancel methods.

The gap: ccxt's ``bitopro`` has no margin support (``has['margin']`` is
False). Its ``cancel_order`` / ``cancel_orders`` / ``cancel_all_orders``
always hit the spot endpoints (``DELETE /orders/{pair}/{id}`` ...), and a
margin order lives behind separate endpoints (``/v3/margin/orders/...``), so
a bot cannot cancel a margin order through ccxt at all.

How it is filled: a call on a ``bitopro`` exchange is a margin call when
``params`` carries ``margin: True`` or a non-null ``marginMode``, or when
``exchange.options['defaultType']`` is ``'margin'``. Such a call is claimed
and answered with a :class:`~ccxt_cancel.Plan` for the margin endpoint;
ccxt still signs (its ``bitopro.sign`` already handles any private path),
throttles and sends it. Every other call is declined and goes to ccxt
untouched.

* ``cancel_order``      -> ``DELETE /v3/margin/orders/{pair}/{orderId}``
* ``cancel_orders``     -> ``PUT /v3/margin/orders`` with ``{"BTC_USDT": [ids]}``
* ``cancel_all_orders`` -> ``DELETE /v3/margin/orders/all`` or ``/v3/margin/orders/{pair}``

A cold exchange sends exactly one request: the pair is taken from loaded
markets when there are some, and derived from the symbol otherwise
(``BTC/USDT`` -> ``btc_usdt``; the raw id ``btc_usdt`` is accepted as is).

Source: the margin pages of bitoex/bitopro-offical-api-docs (docs v3.5.17,
``api/v3/private/margin_cancel_*.md``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from ccxt.base.errors import (
    ArgumentsRequired,
    AuthenticationError,
    BadRequest,
    BadResponse,
    BadSymbol,
    NullResponse,
    OrderNotFound,
    PermissionDenied,
    RateLimitExceeded,
)

from ccxt_cancel import checks, memo
from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import HttpAnswer, Plan, Request

EXCHANGE_ID = "bitopro"
API = ("private",)

PATH_ONE = "margin/orders/{pair}/{orderId}"
PATH_BATCH = "margin/orders"
PATH_ALL = "margin/orders/all"
PATH_PAIR = "margin/orders/{pair}"

SELECTOR_KEYS = ("margin", "marginMode")
MARGIN_MODES = ("cross", "isolated")

# Documented limits as the minimum spacing between two requests, in ms.
# ccxt's throttler spaces a request of cost c by c * exchange.rateLimit ms.
INTERVAL_MS_CANCEL_ONE = 60_000 / 900  # 900 requests per minute per IP & UID
INTERVAL_MS_BATCH = 1_000 / 2  # 2 requests per second per IP
# The cancel-all page states both "2 per second per IP & UID" (its header) and
# "1 per second per IP" (for /all); both of its paths get the stricter one.
INTERVAL_MS_ALL = 1_000 / 1

# Lowercase in paths (btc_usdt), uppercase in batch bodies and answers (BTC_USDT).
_PAIR = re.compile(r"[A-Za-z0-9]+_[A-Za-z0-9]+")
_UNIFIED = re.compile(r"([A-Z0-9]+)/([A-Z0-9]+)")
# BitoPro's "order not found" wording is undocumented; the SDKs hint at 404 or 422 with a message.
_NOT_FOUND = re.compile(r"not\s*found|not\s*exist", re.IGNORECASE)


# --- which calls are ours -------------------------------------------------------------


def is_margin_call(exchange: Any, params: Any) -> bool:
    """True when this call on a bitopro exchange selects margin (by params or by the exchange default)."""
    if getattr(exchange, "id", None) != EXCHANGE_ID:
        return False
    if (type(params) is dict or isinstance(params, Mapping)) and (params.get("margin") is True or params.get("marginMode") is not None):
        return True
    options = getattr(exchange, "options", None)
    return isinstance(options, Mapping) and options.get("defaultType") == "margin"


def wire_params(exchange_id: str, method: str, params: Any, reserved: Sequence[str] = ()) -> dict[str, Any]:
    """The caller's extra params for a margin call: selectors removed, the rest checked and passed through."""
    extra = checks.params_dict(exchange_id, method, params)
    margin = extra.pop("margin", None)
    mode = extra.pop("marginMode", None)
    if margin is False:
        # The call was claimed by another selector; "margin: False" says the opposite.
        # Cancelling on the wrong book is worse than refusing, so do not guess.
        raise BadRequest(f"{exchange_id} {method}() params['margin'] is False but the call selects margin (marginMode or options['defaultType']); remove one of them")
    if mode is not None and mode not in MARGIN_MODES:
        raise BadRequest(f"{exchange_id} {method}() params['marginMode'] must be one of {', '.join(MARGIN_MODES)}, got {mode!r}")
    checks.wire_safe_params(exchange_id, method, extra)
    for key in reserved:
        if key in extra:
            # ccxt would let params override the path; that would bypass the checks on symbol and id.
            raise BadRequest(f"{exchange_id} {method}() params[{key!r}] is set by the plugin from the arguments; leave it out")
    return extra


def list_id(exchange_id: str, method: str, index: int, value: Any) -> str:
    # A None inside the list is a malformed list, not a missing argument: BadRequest, like any other bad entry.
    if value is None:
        raise BadRequest(f"{exchange_id} {method}() ids[{index}] is None; every id must be an int or a string of decimal digits")
    return checks.digits_id(exchange_id, method, f"ids[{index}]", value)


# --- symbols and pairs ----------------------------------------------------------------


def resolve_market(exchange: Any, method: str, symbol: Any) -> tuple[str, str, str]:
    """(path pair, body pair, unified symbol) for a symbol, without I/O; remembered per exchange and markets."""
    if type(symbol) is not str:
        return _resolve_market(exchange, method, symbol)
    return memo.remembered(exchange, ("bitopro_margin", symbol), lambda: _resolve_market(exchange, method, symbol))


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
        elif _PAIR.fullmatch(text):
            pair = text.lower()
            unified = str(exchange.safe_symbol(pair, None, "_"))
        else:
            raise BadSymbol(f"{exchange.id} {method}() symbol must be a unified BASE/QUOTE symbol such as BTC/USDT or a BitoPro pair such as btc_usdt, got {text!r}")
        upper = pair.upper()
    if not _PAIR.fullmatch(pair) or not _PAIR.fullmatch(upper):
        raise BadSymbol(f"{exchange.id} {method}() market {text!r} has pair id {pair!r}, which is not of the form base_quote")
    return pair, upper, unified


def answer_symbol(exchange: Any, pair_key: str) -> str:
    """Unified symbol of a pair key from an answer (``BTC_USDT``): loaded markets first, then ccxt's own derivation."""
    return str(exchange.safe_symbol(pair_key.lower(), None, "_"))


# --- rate limits ----------------------------------------------------------------------


# ccxt's async throttler starts with one unit of credit, so after an idle spell
# the first gap can be up to one rateLimit short, and timers run a little
# early: pacing exactly at the limit measured 100.8% of 900/min on the
# loopback exchange. 3% of headroom keeps every endpoint under its limit
# (about 97% of it) without giving up the speed the issue asks for.
HEADROOM = 1.03


def cost_for(exchange: Any, interval_ms: float) -> float | None:
    """The ccxt cost that spaces requests by ``interval_ms`` (plus HEADROOM); None (ccxt's default) when rateLimit is not a positive number."""
    rate_limit = getattr(exchange, "rateLimit", None)
    if isinstance(rate_limit, bool) or not isinstance(rate_limit, (int, float)) or rate_limit <= 0:
        return None
    return interval_ms * HEADROOM / rate_limit


# --- errors ---------------------------------------------------------------------------


def _scrub(exchange: Any, text: str) -> str:
    for name in ("apiKey", "secret"):
        value = getattr(exchange, name, None)
        if isinstance(value, str) and len(value) >= 4:
            text = text.replace(value, "<redacted>")
    return text


def map_error(exchange: Any, answer: HttpAnswer) -> BaseException | None:
    """The ccxt error for a non-2xx margin answer (message: exchange id, request, status, body), or None to leave it to ccxt."""
    if 200 <= answer.status < 300:
        return None
    message = answer.json.get("error") if isinstance(answer.json, Mapping) else None
    message = message if isinstance(message, str) else ""
    kind = error_class(answer.status, message)
    feedback = _scrub(exchange, f"{exchange.id} {answer.method} {answer.url} {answer.status} {answer.body}")
    return None if kind is None else kind(feedback)


def error_class(status: int, message: str) -> type[BaseException] | None:
    """The ccxt error class for an HTTP status and BitoPro's ``error`` message, or None for ccxt's own mapping.

    Ordered so that the most specific cause wins: a 429 is a rate limit
    whatever its body says, and a 401 whose message says "not found" (an
    unknown key) is about credentials, not about the order.
    """
    kind: type[BaseException] | None = None
    if status == 429:
        kind = RateLimitExceeded
    elif status == 401 or message == "Invalid Signature":
        kind = AuthenticationError
    elif status == 403:
        kind = PermissionDenied
    elif status == 404 or _NOT_FOUND.search(message):
        kind = OrderNotFound
    return kind


# --- answers --------------------------------------------------------------------------


def _describe(answer: Any) -> str:
    text = repr(answer)
    return text if len(text) <= 200 else text[:200] + "..."


def parse_cancel_order(exchange: Any, unified: str, answers: list[Any]) -> dict[str, Any]:
    """One unified canceled order from the cancel-one answer; BadResponse for anything that does not prove the cancel."""
    answer = answers[0]
    if answer is None or answer == "":
        raise NullResponse(f"{exchange.id} cancelOrder() got an empty answer from the margin endpoint")
    if not isinstance(answer, dict):
        # ccxt hands over the raw text when the body is not JSON (a truncated answer, for example).
        raise BadResponse(f"{exchange.id} cancelOrder() got an answer that is not a JSON object: {_describe(answer)}")
    order_id = answer.get("orderId")
    if isinstance(order_id, bool) or not isinstance(order_id, (str, int)) or not checks.is_ascii_digits(str(order_id)):
        raise BadResponse(f"{exchange.id} cancelOrder() answer has no valid orderId: {_describe(answer)}")
    action = exchange.safe_string_lower(answer, "action")
    timestamp = exchange.safe_integer(answer, "timestamp")
    return dict(
        exchange.safe_order(
            {
                "id": str(order_id),
                "clientOrderId": None,
                "timestamp": timestamp,
                "datetime": exchange.iso8601(timestamp),
                "lastTradeTimestamp": None,
                "lastUpdateTimestamp": timestamp,  # the answer's timestamp is the cancellation time
                "symbol": unified,
                "type": None,
                "side": action if action in ("buy", "sell") else None,
                # A zero price means "no limit price" (a market order), not a price of zero.
                "price": exchange.omit_zero(exchange.safe_string(answer, "price")),
                "amount": exchange.safe_string(answer, "amount"),
                "status": "canceled",
                "info": answer,
            }
        )
    )


def canceled_ids(exchange: Any, method: str, answer: Any) -> list[tuple[str, str]]:
    """(pair key, order id) for every id in a batch or cancel-all answer ``{"data": {"BTC_USDT": [ids]}}``."""
    if answer is None or answer == "":
        raise NullResponse(f"{exchange.id} {method}() got an empty answer from the margin endpoint")
    data = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(data, dict):
        raise BadResponse(f"{exchange.id} {method}() answer has no 'data' object: {_describe(answer)}")
    pairs: list[tuple[str, str]] = []
    for key, ids in data.items():
        if not isinstance(key, str) or not _PAIR.fullmatch(key) or not isinstance(ids, list):
            raise BadResponse(f"{exchange.id} {method}() answer has an unreadable entry {key!r}: {_describe(answer)}")
        for item in ids:
            if isinstance(item, bool) or not isinstance(item, (str, int)) or not checks.is_ascii_digits(str(item)):
                raise BadResponse(f"{exchange.id} {method}() answer lists an unreadable order id {item!r} under {key!r}")
            pairs.append((key, str(item)))
    return pairs


def canceled_order(exchange: Any, pair_key: str, order_id: str, answer: Any) -> dict[str, Any]:
    # The answer holds only ids; the whole body is the raw data behind each order.
    return dict(exchange.safe_order({"id": order_id, "symbol": answer_symbol(exchange, pair_key), "status": "canceled", "info": answer}))


def parse_cancel_orders(exchange: Any, requested: list[str], answers: list[Any]) -> list[dict[str, Any]]:
    """One canceled order per id the answer lists, in the caller's order (ids the caller did not ask for last)."""
    answer = answers[0]
    rank = {order_id: index for index, order_id in reversed(list(enumerate(requested)))}
    listed = sorted(canceled_ids(exchange, "cancelOrders", answer), key=lambda item: rank.get(item[1], len(rank)))
    return [canceled_order(exchange, key, order_id, answer) for key, order_id in listed]


def parse_cancel_all_orders(exchange: Any, answers: list[Any]) -> list[dict[str, Any]]:
    answer = answers[0]
    return [canceled_order(exchange, key, order_id, answer) for key, order_id in canceled_ids(exchange, "cancelAllOrders", answer)]


# --- hooks ----------------------------------------------------------------------------


def _plan(exchange: Any, request: Request, parse: Callable[[list[Any]], Any]) -> Plan:
    return Plan(requests=[request], parse=parse, on_error=partial(map_error, exchange))


@hookimpl
def ccxt_cancel_order(exchange: Any, id: Any, symbol: Any, params: Any) -> Plan | None:
    if not is_margin_call(exchange, params):
        return None
    method = "cancelOrder"
    extra = wire_params(exchange.id, method, params, reserved=("pair", "orderId"))
    order_id = checks.digits_id(exchange.id, method, "id", id)
    pair, _, unified = resolve_market(exchange, method, symbol)
    request = Request(PATH_ONE, API, "DELETE", {"pair": pair, "orderId": order_id, **extra}, cost_for(exchange, INTERVAL_MS_CANCEL_ONE))
    return _plan(exchange, request, partial(parse_cancel_order, exchange, unified))


@hookimpl
def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: Any) -> Plan | None:
    if not is_margin_call(exchange, params):
        return None
    method = "cancelOrders"
    if ids is None or (isinstance(ids, (list, tuple)) and not ids):
        raise ArgumentsRequired(f"{exchange.id} {method}() requires a non-empty list of order ids")
    if not isinstance(ids, (list, tuple)):
        raise BadRequest(f"{exchange.id} {method}() ids must be a list of order ids, got {type(ids).__name__}")
    order_ids = [list_id(exchange.id, method, index, value) for index, value in enumerate(ids)]
    _, upper, _ = resolve_market(exchange, method, symbol)
    extra = wire_params(exchange.id, method, params, reserved=(upper,))
    if extra:
        # ccxt signs the PUT body as JSON of every param: an extra key would become
        # a bogus pair entry in a body documented as {PAIR: [ids]} only.
        raise BadRequest(f"{exchange.id} {method}() params {sorted(extra)!r} cannot be sent: the batch body holds only {{{upper!r}: [ids]}}")
    request = Request(PATH_BATCH, API, "PUT", {upper: order_ids}, cost_for(exchange, INTERVAL_MS_BATCH))
    return _plan(exchange, request, partial(parse_cancel_orders, exchange, order_ids))


@hookimpl
def ccxt_cancel_all_orders(exchange: Any, symbol: Any, params: Any) -> Plan | None:
    if not is_margin_call(exchange, params):
        return None
    method = "cancelAllOrders"
    extra = wire_params(exchange.id, method, params, reserved=("pair",))
    if symbol is None:
        request = Request(PATH_ALL, API, "DELETE", extra, cost_for(exchange, INTERVAL_MS_ALL))
    else:
        pair, _, _ = resolve_market(exchange, method, symbol)
        request = Request(PATH_PAIR, API, "DELETE", {"pair": pair, **extra}, cost_for(exchange, INTERVAL_MS_ALL))
    return _plan(exchange, request, partial(parse_cancel_all_orders, exchange))
