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
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

from ccxt.base.errors import (
    ArgumentsRequired,
    BadRequest,
)

from ccxt_cancel import batch, checks
from ccxt_cancel.builtins.bitopro.answers import parse_cancel_all_orders, parse_cancel_order, parse_cancel_orders, read_query
from ccxt_cancel.builtins.bitopro.errors import map_error
from ccxt_cancel.builtins.bitopro.gaps import GAPS
from ccxt_cancel.builtins.bitopro.ids import list_id
from ccxt_cancel.builtins.bitopro.limits import INTERVAL_MS_ALL, INTERVAL_MS_BATCH, INTERVAL_MS_CANCEL_ONE, cost_for
from ccxt_cancel.builtins.bitopro.markets import EXCHANGE_ID, resolve_market
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import Plan, Request, Resolution

log = logging.getLogger("ccxt_cancel")


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


# --- which calls are ours -------------------------------------------------------------


def is_margin_call(exchange: Any, params: Mapping[str, Any]) -> bool:
    """True when this call on a bitopro exchange selects margin (by params or by the exchange default)."""
    if getattr(exchange, "id", None) != EXCHANGE_ID:
        return False
    if params.get("margin") is True or params.get("marginMode") is not None:
        return True
    options = getattr(exchange, "options", None)
    return isinstance(options, Mapping) and options.get("defaultType") == "margin"


def wire_params(exchange_id: str, method: str, params: dict[str, Any], reserved: Sequence[str] = ()) -> dict[str, Any]:
    """The caller's extra params for a margin call: selectors removed, the rest checked and passed through.

    ``params`` is the hook's own fresh dict (the core copies the caller's): it is consumed, not copied again.
    """
    extra = params
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
    if not extra:
        return extra
    checks.wire_safe_params(exchange_id, method, extra)
    for key in reserved:
        if key in extra:
            # ccxt would let params override the path; that would bypass the checks on symbol and id.
            raise BadRequest(f"{exchange_id} {method}() params[{key!r}] is set by the plugin from the arguments; leave it out")
    return extra


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
    plan = _plan(exchange, request, partial(parse_cancel_order, exchange, unified, order_id))
    plan.resolution = partial(resolution, exchange, request, unified)
    return plan


def resolution(exchange: Any, cancel: Request, unified: str) -> Resolution:
    """How to learn what became of a margin order: "Get A Margin Order Data", the cancel's path with GET.

    margin_get_an_order_data.md: ``GET /margin/orders/{pair}/{orderId}``, answered with the order model
    (``status`` 4 is canceled). The page states no rate limit; the margin cancel's 900 per minute is used.
    """
    asked = {key: cancel.params[key] for key in ("pair", "orderId")}  # type: ignore[call-overload]
    query = Request(PATH_ONE, API, "GET", asked, cost_for(exchange, INTERVAL_MS_CANCEL_ONE))
    return Resolution(
        query=query,
        read=partial(read_query, exchange, asked["pair"], asked["orderId"], unified),
        cancel_again=lambda order_id: cancel,  # the cancel already names the order by its order id only
        read_cancel=lambda order_id, answer: parse_cancel_order(exchange, unified, order_id, [answer]),
    )


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


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return GAPS
