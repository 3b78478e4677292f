"""Built-in plugin ``bitopro_margin``: cancel BitoPro margin orders through ccxt's usual cancel methods.

ccxt's ``bitopro`` has no margin support, so its cancels always reach the
spot endpoints; the gaps are described once, in :data:`GAPS`. A call on
``bitopro`` is a margin call when ``params`` carries ``margin: True`` or a
``marginMode`` (``'cross'``, ``'isolated'``), or when
``exchange.options['defaultType']`` is ``'margin'``; those selectors never
reach the wire. Such a call is claimed with a plan for the margin endpoint,
which ccxt still signs (its ``bitopro.sign`` handles any private path),
throttles and sends; every other call is declined and stays ccxt's.

* ``cancel_order``      -> ``DELETE /v3/margin/orders/{pair}/{orderId}``
* ``cancel_orders``     -> ``PUT /v3/margin/orders`` with ``{"BTC_USDT": [ids]}``
* ``cancel_all_orders`` -> ``DELETE /v3/margin/orders/all`` or ``/v3/margin/orders/{pair}``

A cold exchange sends exactly one request: the pair comes from loaded
markets when there are some, else from the symbol (``BTC/USDT`` ->
``btc_usdt``; the raw id ``btc_usdt`` as is). Errors map to ccxt's classes by
BitoPro's documented status table; ``OrderNotFound`` only for a message
that names the order as missing (see :func:`error_class`).

Source: the margin pages of bitoex/bitopro-offical-api-docs (docs v3.5.17,
``api/v3/private/margin_cancel_*.md``) and its README's status-code table.
"""

from __future__ import annotations

import logging
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
    ExchangeError,
    ExchangeNotAvailable,
    InvalidNonce,
    NullResponse,
    OrderNotFound,
    PermissionDenied,
    RateLimitExceeded,
    RequestTimeout,
)

from ccxt_cancel import batch, checks, errors, limits, memo, probe, scrub
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import HttpAnswer, Plan, Request

log = logging.getLogger("ccxt_cancel")

EXCHANGE_ID = "bitopro"
CCXT_CANCEL_EXCHANGES = frozenset({EXCHANGE_ID})
API = ("private",)
# What this plugin asks ccxt's sign to sign, for the start-up self-check (selfcheck.py).
SIGNED_APIS = {EXCHANGE_ID: [("private", "margin/orders/all", "DELETE")]}

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
# BitoPro documents no "order not found" wording (its status table has 404 as
# "Resource Not Found | Wrong path", 422 as "Unprocessable Entity"), so only a
# message that names the order as missing counts: "Order not found.", "order
# does not exist", "ORDER_NOT_FOUND", "order 123 not found". "Not Found",
# "pair not found", "margin account not found", "order book not found" and
# "Invalid order id" do not.
ORDER_MISSING = re.compile(
    r"(?:^|[^a-z])order(?:[ _-]?id)?(?:[ _:#-]*\d+)?[ _-](?:is[ _-])?(?:not[ _-]?(?:found|exists?)|does[ _-]?n[o']?t[ _-]exists?)(?![a-z])",
    re.IGNORECASE,
)


# --- which calls are ours -------------------------------------------------------------


def is_margin_call(exchange: Any, params: Mapping[str, Any]) -> bool:
    """True when this call on a bitopro exchange selects margin (by params or by the exchange default)."""
    if getattr(exchange, "id", None) != EXCHANGE_ID:
        return False
    if params.get("margin") is True or params.get("marginMode") is not None:
        return True
    options = getattr(exchange, "options", None)
    return isinstance(options, Mapping) and options.get("defaultType") == "margin"


def wire_params(exchange_id: str, method: str, params: Mapping[str, Any], reserved: Sequence[str] = ()) -> dict[str, Any]:
    """The caller's extra params for a margin call: selectors removed, the rest checked and passed through."""
    extra = dict(params)
    margin = extra.pop("margin", None)
    mode = extra.pop("marginMode", None)
    if margin is False:
        # The call was claimed by another selector; "margin: False" says the opposite.
        # Cancelling on the wrong book is worse than refusing, so do not guess.
        raise BadRequest(
            f"{exchange_id} {method}() params['margin'] is False but the call selects margin (marginMode or options['defaultType']); remove one of them"
        )
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
            raise BadSymbol(
                f"{exchange.id} {method}() symbol must be a unified BASE/QUOTE symbol such as BTC/USDT or a BitoPro pair such as btc_usdt, got {text!r}"
            )
        upper = pair.upper()
    if not _PAIR.fullmatch(pair) or not _PAIR.fullmatch(upper):
        raise BadSymbol(f"{exchange.id} {method}() market {text!r} has pair id {pair!r}, which is not of the form base_quote")
    return pair, upper, unified


def answer_symbol(exchange: Any, pair_key: str) -> str:
    """Unified symbol of a pair key from an answer (``BTC_USDT``): loaded markets first, then ccxt's own derivation."""
    return str(exchange.safe_symbol(pair_key.lower(), None, "_"))


# --- rate limits ----------------------------------------------------------------------

# The documented limits above become ccxt costs in the core (ccxt_cancel.limits: one HEADROOM for every room).
HEADROOM = limits.HEADROOM
cost_for = limits.cost


# --- errors ---------------------------------------------------------------------------


def map_error(exchange: Any, answer: HttpAnswer) -> BaseException | None:
    """The ccxt error for a non-2xx margin answer (message: exchange id, request, status, body), or None to leave it to ccxt."""
    if 200 <= answer.status < 300:
        return None
    if answer.status >= 500:
        # The README's status table lists 500 "Internal Server Error" and 502 "Bad Gateway": a fault on
        # BitoPro's side, after the request left. Whether the cancel took effect is not known; ccxt's
        # bitopro handle_errors would read the JSON {"error": ...} body as a plain ExchangeError
        # ("refused, still open"). The class is the one ccxt gives the status (504: RequestTimeout).
        unknown = RequestTimeout if answer.status == 504 else ExchangeNotAvailable
        error: BaseException = errors.unknown_outcome(
            unknown,
            scrub.text(
                f"{exchange.id} {answer.method} {answer.url.split('?', 1)[0]} {answer.status}: outcome UNKNOWN, the order may or may not have been canceled; "
                f"check it with fetch_order. {answer.body}",
                scrub.secrets_of(exchange),
            ),
        )
        return error
    message = answer.json.get("error") if isinstance(answer.json, Mapping) else None
    kind = error_class(answer.status, message if isinstance(message, str) else "")
    if kind is None:
        return None
    return kind(scrub.text(f"{exchange.id} {answer.method} {answer.url} {answer.status} {answer.body}", scrub.secrets_of(exchange)))


def error_class(status: int, message: str) -> type[BaseException] | None:
    """The ccxt error class for an HTTP status and BitoPro's ``error`` message, or None for ccxt's own mapping.

    From the README's status table: 429 "Too Many Requests", 401 (API key
    deleted), 403 "No permission", 409 "Local Machine Time Mismatch". Ordered
    so that the most specific cause wins: a 429 is a rate limit whatever its
    body says, and a 401 that says "not found" (an unknown key) is about
    credentials. ``OrderNotFound`` only when the message names the *order* as
    missing (:data:`ORDER_MISSING`), whatever the status: the table's 404 is
    "Wrong path", which ccxt's own mapping handles.
    """
    kind: type[BaseException] | None = None
    if status >= 500:
        return None  # map_error: an unknown outcome
    if status == 429:
        kind = RateLimitExceeded
    elif status == 401 or message == "Invalid Signature":
        kind = AuthenticationError
    elif status == 403:
        kind = PermissionDenied
    elif status == 409:
        kind = InvalidNonce
    elif ORDER_MISSING.search(message):
        kind = OrderNotFound
    return kind


# --- answers --------------------------------------------------------------------------


def _describe(answer: Any) -> str:
    text = repr(answer)
    return text if len(text) <= 200 else text[:200] + "..."


def parse_cancel_order(exchange: Any, unified: str, requested: str, answers: list[Any]) -> dict[str, Any]:
    """One unified canceled order from the cancel-one answer; BadResponse for anything that does not prove the cancel of ``requested``."""
    answer = answers[0]
    if answer is None or answer == "":
        raise NullResponse(f"{exchange.id} cancelOrder() got an empty answer from the margin endpoint")
    if not isinstance(answer, dict):
        # ccxt hands over the raw text when the body is not JSON (a truncated answer, for example).
        raise BadResponse(f"{exchange.id} cancelOrder() got an answer that is not a JSON object: {_describe(answer)}")
    order_id = answer.get("orderId")
    if isinstance(order_id, bool) or not isinstance(order_id, (str, int)) or not checks.is_ascii_digits(str(order_id)):
        raise BadResponse(f"{exchange.id} cancelOrder() answer has no valid orderId: {_describe(answer)}")
    if str(order_id) != requested:
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} cancelOrder() asked to cancel {requested}, the answer is about {order_id}; the outcome is unknown"
        )
    action = exchange.safe_string_lower(answer, "action")
    timestamp = exchange.safe_integer(answer, "timestamp")
    order: dict[str, Any] = exchange.safe_order(
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
    return order


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


def parse_cancel_orders(exchange: Any, requested: list[str], unified: str, answers: list[Any]) -> list[dict[str, Any]]:
    """One entry per requested id, in the caller's order (the batch rule).

    The page's answer lists the ids it canceled, per pair. A requested id it
    does not list was not canceled by this call: its entry carries an
    ``ExchangeError`` saying so (not ``OrderNotFound``: the answer does not
    say why). An id the answer lists that was never requested is logged and
    left out: the result has one entry per requested id.
    """
    answer = answers[0]
    ledger = batch.Ledger(exchange, "cancelOrders", requested, "id", unified)
    position = {order_id: index for index, order_id in enumerate(requested)}
    for key, order_id in canceled_ids(exchange, "cancelOrders", answer):
        index = position.get(order_id)
        if index is None:
            log.warning("%s cancelOrders(): the answer lists order %s under %s, which was not requested", exchange.id, order_id, key)
        else:
            ledger.canceled(index, canceled_order(exchange, key, order_id, answer))
    for index, entry in enumerate(ledger.entries):
        if entry is None:
            ledger.failed(index, ExchangeError(f"{exchange.id} cancelOrders() order {requested[index]} is not among the orders BitoPro says it canceled"))
    ledger.answered = True
    return ledger.result()


def parse_cancel_all_orders(exchange: Any, answers: list[Any]) -> list[dict[str, Any]]:
    answer = answers[0]
    return [canceled_order(exchange, key, order_id, answer) for key, order_id in canceled_ids(exchange, "cancelAllOrders", answer)]


# --- hooks ----------------------------------------------------------------------------


def _plan(exchange: Any, request: Request, parse: Callable[[list[Any]], Any]) -> Plan:
    return Plan(requests=[request], parse=parse, on_error=partial(map_error, exchange))


@hookimpl
def ccxt_cancel_order(exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    if not is_margin_call(exchange, params):
        return None
    method = "cancelOrder"
    if "clientOrderId" in params:
        # The page's only form is DELETE /margin/orders/{pair}/{orderId}: a client id would reach the
        # wire as an undocumented query parameter, and could never select the order.
        raise BadRequest(f"{exchange.id} {method}() params['clientOrderId'] cannot be used: BitoPro's margin cancel names an order by its order id only")
    if checks.no_order_id(id):
        raise ArgumentsRequired(f"{exchange.id} {method}() requires an order id (BitoPro's margin cancel has no client-id form)")
    extra = wire_params(exchange.id, method, params, reserved=("pair", "orderId"))
    order_id = checks.digits_id(exchange.id, method, "id", id)
    pair, _, unified = resolve_market(exchange, method, symbol)
    request = Request(PATH_ONE, API, "DELETE", {"pair": pair, "orderId": order_id, **extra}, cost_for(exchange, INTERVAL_MS_CANCEL_ONE))
    return _plan(exchange, request, partial(parse_cancel_order, exchange, unified, order_id))


@hookimpl
def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    if not is_margin_call(exchange, params):
        return None
    method = "cancelOrders"
    if ids is None or (isinstance(ids, (list, tuple)) and not ids):
        raise ArgumentsRequired(f"{exchange.id} {method}() requires a non-empty list of order ids")
    if not isinstance(ids, (list, tuple)):
        raise BadRequest(f"{exchange.id} {method}() ids must be a list of order ids, got {type(ids).__name__}")
    order_ids = batch.unique_keys(exchange.id, method, "ids", [list_id(exchange.id, method, index, value) for index, value in enumerate(ids)])
    _, upper, unified = resolve_market(exchange, method, symbol)
    extra = wire_params(exchange.id, method, params, reserved=(upper,))
    if extra:
        # ccxt signs the PUT body as JSON of every param: an extra key would become
        # a bogus pair entry in a body documented as {PAIR: [ids]} only.
        raise BadRequest(f"{exchange.id} {method}() params {sorted(extra)!r} cannot be sent: the batch body holds only {{{upper!r}: [ids]}}")
    request = Request(PATH_BATCH, API, "PUT", {upper: order_ids}, cost_for(exchange, INTERVAL_MS_BATCH))
    return _plan(exchange, request, partial(parse_cancel_orders, exchange, order_ids, unified))


@hookimpl
def ccxt_cancel_all_orders(exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
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


# --- the gaps, as data ----------------------------------------------------------------


def _spot_market(exchange: Any) -> dict[str, Any]:
    return probe.market(exchange, id="btc_usdt", symbol="BTC/USDT", base="BTC", quote="USDT", baseId="btc", quoteId="usdt", type="spot", spot=True)


def _reaches_margin(method: str, *args: Any) -> bool:
    exchange = probe.exchange(EXCHANGE_ID)
    outcome = probe.run(exchange, method, *args, markets=[_spot_market(exchange)])
    return any(sent.path.startswith("/v3/margin/") for sent in outcome.sent)


MARGIN_DOCS = "https://github.com/bitoex/bitopro-offical-api-docs/blob/8a1588d9ab23a8ce5ec716c0b77eb00578946ff6/api/v3/private"

GAPS = (
    Gap(
        id="bitopro.margin.cancel-order",
        exchange="bitopro",
        product="margin",
        rule="Cancel a specific margin order by given order id. DELETE /margin/orders/{pair}/{orderId}",
        source=f"{MARGIN_DOCS}/margin_cancel_an_order.md",
        ccxt_does="has no margin support: cancel_order always calls the spot endpoint DELETE /orders/{pair}/{id}",
        plugin_does="params margin=True, a marginMode or options defaultType 'margin' send DELETE /v3/margin/orders/{pair}/{orderId}, one request, status 'canceled' from the documented answer",
        probe=lambda: not _reaches_margin("cancel_order", "1", "BTC/USDT", {"margin": True}),
    ),
    Gap(
        id="bitopro.margin.cancel-orders",
        exchange="bitopro",
        product="margin",
        rule='PUT /margin/orders with a body {"BTC_USDT": [order ids]}',
        source=f"{MARGIN_DOCS}/margin_cancel_batch_orders.md",
        ccxt_does="cancel_orders always calls the spot batch endpoint",
        plugin_does="PUT /v3/margin/orders; one entry per requested id, an id the answer does not list is a failed entry",
        probe=lambda: not _reaches_margin("cancel_orders", ["1", "2"], "BTC/USDT", {"margin": True}),
    ),
    Gap(
        id="bitopro.margin.cancel-all-orders",
        exchange="bitopro",
        product="margin",
        rule="DELETE /margin/orders/all, or /margin/orders/{pair}",
        source=f"{MARGIN_DOCS}/margin_cancel_all_orders.md",
        ccxt_does="cancel_all_orders always calls the spot endpoints",
        plugin_does="DELETE /v3/margin/orders/all or /v3/margin/orders/{pair}, paced at the documented 1 per second",
        probe=lambda: not _reaches_margin("cancel_all_orders", "BTC/USDT", {"margin": True}),
    ),
)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return GAPS
