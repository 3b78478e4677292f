"""Built-in plugin ``bybit``: Bybit v5 cancels as Bybit's pages describe them, through ccxt's usual methods.

ccxt 4.5's ``bybit`` (measured on a stub transport; see :mod:`.gaps`) puts
any number of ids into one ``POST /v5/order/cancel-batch`` (the page allows
20, or 10 on spot), drops the per-item errors of ``retExtInfo.list``, refuses
inverse batches the page allows, sends the unified ``clientOrderId`` as
``clientOrderId`` (Bybit's field is ``orderLinkId``), loads every market
before a cold cancel and, for batches and cancel-all, asks two more
account endpoints first.

Claimed here, on ``bybit`` (``ccxt``, ``ccxt.async_support``, ``ccxt.pro``):

* ``cancel_order``      -> ``POST /v5/order/cancel`` ``{category, symbol, orderId | orderLinkId}``
* ``cancel_orders``     -> ``POST /v5/order/cancel-batch`` in chunks of 20 (10 on spot)
* ``cancel_all_orders`` -> ``POST /v5/order/cancel-all`` scoped by symbol, baseCoin or settleCoin

Each is one request per documented unit, signed, throttled and error-checked
by ccxt's own ``request()`` (v5 HMAC signing, ``X-BAPI-*`` headers). A cold
cancel is one request (plus ccxt's clock sync when
``adjustForTimeDifference`` asks for it): the category and the market id
come from the symbol (:mod:`.markets`), and there is no account-type
detection. The pages show the three cancel endpoints take the same
parameters for every account mode that still exists: the classic account is
"now unavailable" (acct-mode.mdx) and the cancel pages no longer mention
it. The one documented difference is that UTA 1.0 accounts do "Not support
inverse contract" on Batch Cancel Order; such a batch is sent, and Bybit's
refusal comes back mapped to a ccxt class (:mod:`.errors`), not routed
elsewhere.

Declined (ccxt handles them exactly as before): conditional, stop, trigger
and TP/SL cancels (params ``trigger``, ``stop``, ``stopLossPrice``,
``takeProfitPrice``, ``triggerPrice``, ``stopPrice``, ``orderFilter``,
``stopOrderType``); symbols whose market id is not derivable without
markets (USDC perpetuals, dated futures, options on a cold exchange) or not
in the loaded markets; raw ids the options do not settle.

Results: acknowledgements, ``status: None`` (see :mod:`.answers`); the CLI
reports them as "accepted, not confirmed" (exit 4).

Sources: https://bybit-exchange.github.io/docs/v5/order/cancel-order,
/batch-cancel, /cancel-all, /rate-limit, /error, /guide, /acct-mode
(bybit-exchange/docs at 072c197d0c11b4d9a88d1dd0c7b9d7ca8ea3a996).
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Mapping, Sequence
from functools import partial
from typing import Any

from ccxt.base.errors import ArgumentsRequired, BadRequest

from ccxt_cancel import batch, checks, resolve
from ccxt_cancel.builtins.bybit import answers, errors, limits, markets
from ccxt_cancel.builtins.bybit import ids as id_rules  # the hooks take an argument named ids
from ccxt_cancel.builtins.bybit.gaps import GAPS
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import Items, Plan, Request, Resolution, Steps

log = logging.getLogger("ccxt_cancel")

EXCHANGE_ID = "bybit"
CCXT_CANCEL_EXCHANGES = frozenset({EXCHANGE_ID})
API = ("private",)
PATH_ONE = "v5/order/cancel"
PATH_BATCH = "v5/order/cancel-batch"
PATH_ALL = "v5/order/cancel-all"
PATH_QUERY = "v5/order/realtime"
# What this plugin asks ccxt's sign to sign, for the start-up self-check (selfcheck.py).
SIGNED_APIS = {exchange_id: [(API[0], PATH_ONE, "POST")] for exchange_id in sorted(CCXT_CANCEL_EXCHANGES)}

# Params that select conditional / stop / TP-SL orders (ccxt's and Bybit's spellings):
# those cancels stay ccxt's.
DECLINE_KEYS = frozenset({"trigger", "stop", "stopLossPrice", "takeProfitPrice", "triggerPrice", "stopPrice", "orderFilter", "stopOrderType"})
# Keys the plugin writes itself from the arguments; in params they are consumed and checked, never passed through.
RESERVED_ONE = ("symbol", "orderId", *id_rules.CLIENT_ID_KEYS, *markets.CATEGORY_KEYS)
RESERVED_BATCH = ("symbol", *id_rules.CLIENT_LIST_KEYS, *markets.CATEGORY_KEYS)
RESERVED_ALL = ("symbol", *markets.CATEGORY_KEYS)
SCOPE_KEYS = ("baseCoin", "settleCoin")
OPTION_SETTLE = ("USDT", "USDC")  # cancel-all page: settleCoin for option is "USDT or USDC"
# Verifying a cancel-all (confirm): open-order.mdx lists by category with symbol, baseCoin or settleCoin,
# "limit ... [1, 50]", and pages with nextPageCursor.
LIST_SCOPE = ("category", "symbol", "baseCoin", "settleCoin")
LIST_LIMIT = 50
MAX_PAGES = 10


def _target(exchange: Any, method: str, symbol: Any, params: dict[str, Any]) -> markets.Target | None:
    """The market of a call with a symbol, or None to decline."""
    if exchange.id != EXCHANGE_ID or not DECLINE_KEYS.isdisjoint(params):
        return None
    return markets.resolve(exchange, method, symbol, params)


def _extra(exchange: Any, method: str, params: Mapping[str, Any], reserved: Sequence[str], market_id: str | None) -> dict[str, Any]:
    """The caller's other params, passed through as ccxt would, after those the plugin consumed; ``None`` and the like refused."""
    if not params:
        return {}
    if "symbol" in params and params["symbol"] != market_id:
        if market_id is None:
            raise BadRequest(f"{exchange.id} {method}() params['symbol'] {params['symbol']!r}: pass the symbol as the symbol argument")
        raise BadRequest(f"{exchange.id} {method}() params['symbol'] {params['symbol']!r} contradicts the symbol argument (market id {market_id!r})")
    extra = {key: value for key, value in params.items() if key not in reserved}
    checks.wire_safe_params(exchange.id, method, extra)
    return extra


def _on_error(exchange: Any) -> Any:
    return partial(errors.on_error, exchange.id)


@hookimpl
def ccxt_cancel_order(exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrder"
    target = _target(exchange, method, symbol, params)
    if target is None:
        return None
    field, key = id_rules.key_for_one(exchange.id, method, id, params)
    body = {"category": target.category, "symbol": target.market_id, field: key, **_extra(exchange, method, params, RESERVED_ONE, target.market_id)}
    request = Request(PATH_ONE, API, "POST", body, limits.cancel_cost(exchange, target.category))
    return Plan(
        [request],
        parse=partial(answers.parse_one, exchange, target, field, key),
        on_error=_on_error(exchange),
        resolution=partial(resolution, exchange, target, field, key, request),
    )


def resolution(exchange: Any, target: markets.Target, field: str, key: str, cancel: Request) -> Resolution:
    """How to learn what became of one order, and cancel it again by its orderId.

    ``GET /v5/order/realtime`` by ``orderId`` / ``orderLinkId`` (open-order.mdx: "also supports
    querying recent 500 closed status (Cancelled, Filled) orders"; "openOnly param will be ignored
    when query by orderId or orderLinkId"), at the cost ccxt's table gives it.
    """
    query = Request(
        PATH_QUERY, API, "GET", {"category": target.category, "symbol": target.market_id, field: key}, resolve.ccxt_cost(exchange, API[0], "GET", PATH_QUERY)
    )
    return Resolution(
        query=query,
        read=partial(answers.read_query, exchange, target, field, key),
        cancel_again=resolve.again_by_id(cancel, "orderId", ("orderLinkId",)),
        read_cancel=lambda order_id, answer: answers.parse_one(exchange, target, "orderId", order_id, [answer]),
    )


@hookimpl
def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrders"
    target = _target(exchange, method, symbol, params)
    if target is None:
        return None
    if "request" in params:
        raise BadRequest(
            f"{exchange.id} {method}() params['request'] would replace the batch built from ids; pass order ids as ids, client ids as params['clientOrderIds']"
        )
    field, keys = id_rules.keys_for_batch(exchange.id, method, ids, params)
    extra = _extra(exchange, method, params, RESERVED_BATCH, target.market_id)
    ledger = batch.Ledger(exchange, method, keys, "id" if field == "orderId" else "clientOrderId", target.symbol)
    size = limits.BATCH_LIMIT[target.category]
    chunks = []
    for start in range(0, len(keys), size):
        part = keys[start : start + size]
        body = {"category": target.category, "request": [{"symbol": target.market_id, field: key} for key in part], **extra}
        chunks.append((Request(PATH_BATCH, API, "POST", body, limits.batch_cost(exchange, target.category, len(part))), range(start, start + len(part))))
    read = partial(answers.read_chunk, exchange, target, ledger, field)
    return Plan(
        steps=batch.chunked(ledger, chunks, read),
        on_error=_on_error(exchange),
        expected_requests=len(chunks),
        items=partial(items, exchange, target, field),
    )


def items(exchange: Any, target: markets.Target, field: str) -> Items:
    """A batch's ids are queried one by one (``GET /v5/order/realtime`` by id), never listed in bulk.

    The listing that shows recent closed orders needs ``openOnly`` 1 on a
    unified account and 2 on a classic one or for inverse (open-order.mdx),
    and the account kind is not known without asking; a query by id ignores
    ``openOnly`` and serves both.
    """

    def one(key: str) -> Resolution:
        cancel = Request(
            PATH_ONE, API, "POST", {"category": target.category, "symbol": target.market_id, field: key}, limits.cancel_cost(exchange, target.category)
        )
        return resolution(exchange, target, field, key, cancel)

    return Items("id" if field == "orderId" else "clientOrderId", one)


def _all_category(exchange: Any, method: str, params: Mapping[str, Any]) -> str:
    """The category of a cancel-all without a symbol: the params' (Bybit's ``category``, ccxt's type/subType), else ccxt's defaults."""
    asked = markets.asked_categories(exchange.id, method, params)
    if asked is not None and len(asked) == 1:
        (category,) = asked
        return category
    # ccxt's own choice from the same params and options (options['cancelAllOrders'], defaultType, defaultSubType)
    chosen = exchange.get_bybit_type(method, None, {key: params[key] for key in markets.CATEGORY_KEYS if key in params})[0]
    if chosen not in markets.CATEGORIES or (asked is not None and chosen not in asked):
        raise ArgumentsRequired(f"{exchange.id} {method}() without a symbol needs a category: pass params['category'] (one of {', '.join(markets.CATEGORIES)})")
    return str(chosen)


def _check_scope(exchange: Any, method: str, category: str, symbol: Any, params: Mapping[str, Any]) -> None:
    """The cancel-all page's scoping rules, checked before sending."""
    for key in SCOPE_KEYS:
        if key in params and (not isinstance(params[key], str) or not markets.COIN.fullmatch(params[key])):
            raise BadRequest(f"{exchange.id} {method}() params[{key!r}] must be a coin in uppercase (cancel-all page: 'uppercase only'), got {params[key]!r}")
    if category == "spot" and "settleCoin" in params:
        raise BadRequest(f"{exchange.id} {method}() params['settleCoin'] is not supported for spot (cancel-all page: 'Not support spot')")
    if category == "option" and "settleCoin" in params and params["settleCoin"] not in OPTION_SETTLE:
        raise BadRequest(f"{exchange.id} {method}() params['settleCoin'] for option must be USDT or USDC (cancel-all page), got {params['settleCoin']!r}")
    if category in markets.DERIVATIVES and symbol is None and not any(key in params for key in SCOPE_KEYS):
        # ccxt would send settleCoin=USDT, which on inverse names no inverse market.
        raise ArgumentsRequired(
            f"{exchange.id} {method}() on {category} without a symbol requires params['settleCoin'] or params['baseCoin'] "
            "(cancel-all page: linear & inverse must specify symbol, baseCoin or settleCoin)"
        )


@hookimpl
def ccxt_cancel_all_orders(exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelAllOrders"
    if symbol is None:
        if exchange.id != EXCHANGE_ID or not DECLINE_KEYS.isdisjoint(params):
            return None
        target = None
        category = _all_category(exchange, method, params)
        body: dict[str, Any] = {"category": category}
    else:
        target = _target(exchange, method, symbol, params)
        if target is None:
            return None
        category = target.category
        body = {"category": category, "symbol": target.market_id}
    checks.no_order_ids(exchange.id, method, params, id_rules.ORDER_ID_KEYS)  # the cancel-all page lists no id
    extra = _extra(exchange, method, params, RESERVED_ALL, None if target is None else target.market_id)
    _check_scope(exchange, method, category, symbol, params)
    body.update(extra)
    request = Request(PATH_ALL, API, "POST", body, limits.cancel_all_cost(exchange, category))
    return Plan(
        [request], parse=partial(answers.parse_all, exchange, target), on_error=_on_error(exchange), confirm=partial(verify_all, exchange, target, request)
    )


def open_orders(exchange: Any, target: markets.Target | None, scope: Mapping[str, Any]) -> Generator[Request, Any, list[Mapping[str, Any]]]:
    """Every open order ``GET /v5/order/realtime`` lists in the cancel-all's scope, paged by cursor (bounded)."""
    query = {key: scope[key] for key in LIST_SCOPE if key in scope}
    query["limit"] = str(LIST_LIMIT)
    listed: dict[str, Mapping[str, Any]] = {}
    cost = resolve.ccxt_cost(exchange, API[0], "GET", PATH_QUERY)
    for _ in range(MAX_PAGES):
        answer = yield Request(PATH_QUERY, API, "GET", dict(query), cost)
        page, cursor = answers.read_listing(exchange, None if target is None else target.market_id, answer)
        for order in page:
            listed.setdefault(str(order["orderId"]), order)  # a page boundary that moved lists an order twice
        if cursor is None:
            return list(listed.values())
        query["cursor"] = cursor
    log.warning("%s cancelAllOrders(): more than %d open orders listed; verifying the %d listed", exchange.id, MAX_PAGES * LIST_LIMIT, len(listed))
    return list(listed.values())


def verify_all(exchange: Any, target: markets.Target | None, cancel: Request, result: Any, policy: resolve.Policy) -> Steps | None:
    """Cancel-all with ``confirm``: the core's :func:`ccxt_cancel.resolve.verify_listing` over order/realtime.

    What the answers missed is cancelled by the same cancel-all once more
    (one request for whatever is left in the scope).
    """
    if not isinstance(result, list):
        return None
    scope = cancel.params if isinstance(cancel.params, Mapping) else {}

    def still_open() -> Generator[Request, Any, dict[str, Mapping[str, Any]]]:
        listed = yield from open_orders(exchange, target, scope)
        return {str(order["orderId"]): order for order in listed}

    def cancel_left(missed: Mapping[str, Mapping[str, Any]]) -> Generator[Request, Any, list[dict[str, Any]]]:
        answer = yield cancel
        return answers.parse_all(exchange, target, [answer])

    symbol = None if target is None else target.symbol
    return resolve.verify_listing(exchange, symbol, list(result), still_open, cancel_left, "order/realtime", policy)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return GAPS
