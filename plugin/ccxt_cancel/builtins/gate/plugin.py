"""Built-in plugin ``gate``: API v4 cancels for spot, USDT / BTC perpetual futures and (markets loaded) delivery futures.

* ``cancel_order``  -> ``DELETE /spot/orders/{order_id}?currency_pair=`` or ``DELETE /futures/{settle}/orders/{order_id}``
  (the order id, or a client id alone as its ``t-`` text, in the path: ids.py)
* ``cancel_orders`` -> ``POST /spot/cancel_batch_orders`` or ``POST /futures/{settle}/batch_cancel_orders``,
  20 ids per request (limits.py), settle always lower-case
* ``cancel_all_orders`` -> ``DELETE /spot/orders?currency_pair=&account=`` or ``DELETE /futures/{settle}/orders?contract=``;
  without a symbol only with ``params['type']`` (``'spot'`` / ``'swap'``), else ``ArgumentsRequired``
* delivery: ``DELETE /delivery/{settle}/orders/{order_id}`` (order id only), a batch as one such cancel per id
  (Gate has no delivery batch-cancel), cancel-all by symbol ``DELETE /delivery/{settle}/orders?contract=``

**Account mode.** ccxt's gate reads ``params['unifiedAccount']`` /
``options['getMarginMode']['unifiedAccount']`` / ``options['unifiedAccount']``;
when none is set, every cancel first detects it with ``GET /account/detail``
and keeps ``False`` after any failure (a 429 included). This room follows the
option when it is set and never detects: futures cancels do not depend on the
mode; a single spot cancel without a known mode omits ``account``, which Gate
documents as "orders for spot, unified accounts and leveraged accounts"
(sources.SPOT_CANCEL_DEFAULT), so the named order is found in any mode. A spot
batch (``account: unified`` per item when unified, sources.UNIFIED_ITEM) and a
spot cancel-all (without ``account`` it would also cancel margin orders,
sources.SPOT_CANCEL_ALL) need the mode: without ccxt's option they are
declined and ccxt handles them (hooks are sync and I/O-free).

Declined too: trigger orders (``trigger`` / ``stop`` / ``is_stop_order``),
margin accounts, options, symbols that cannot be mapped cold (delivery ones included).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from ccxt.base.errors import ArgumentsRequired, BadRequest

from ccxt_cancel import batch, checks, resolve
from ccxt_cancel.builtins.gate import answers, errors, limits, markets, sources
from ccxt_cancel.builtins.gate import ids as id_rules
from ccxt_cancel.builtins.gate.gaps import GAPS
from ccxt_cancel.builtins.gate.markets import Target
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import Items, Plan, Request, Resolution

EXCHANGE_ID = "gate"
CCXT_CANCEL_EXCHANGES = frozenset({EXCHANGE_ID})
SPOT_API = ("private", "spot")
FUTURES_API = ("private", "futures")
DELIVERY_API = ("private", "delivery")
SPOT_ONE, SPOT_ALL, SPOT_BATCH = "orders/{order_id}", "orders", "cancel_batch_orders"
FUTURES_ONE, FUTURES_ALL, FUTURES_BATCH = "{settle}/orders/{order_id}", "{settle}/orders", "{settle}/batch_cancel_orders"
# What this plugin asks ccxt's sign to sign, for the start-up self-check (a two-level api as "private/spot").
SIGNED_APIS = {EXCHANGE_ID: [("/".join(SPOT_API), SPOT_ONE, "DELETE"), ("/".join(FUTURES_API), FUTURES_ONE, "DELETE")]}
TRIGGER_KEYS = ("trigger", "stop", "is_stop_order")
# The filters Gate's cancel-all pages document that only narrow what is cancelled (sources.SPOT_CANCEL_ALL,
# sources.FUTURES_CANCEL_ALL). Anything else is refused: a parameter the server ignores (a client id, say)
# would turn a narrow request into "cancel every order". The futures ``text`` (a remark) is refused too:
# ccxt callers use ``text`` as a client id.
CANCEL_ALL_FILTERS = {"spot": ("side", "action_mode"), "swap": ("side", "exclude_reduce_only"), "future": ("side",)}
CONTRACT_API = {"swap": FUTURES_API, "future": DELIVERY_API}
SPOT_ACCOUNTS = ("spot", "unified")


def unified_mode(exchange: Any, params: dict[str, Any]) -> bool | None:
    """ccxt's own unifiedAccount option, without a request: True / False, or None when ccxt would detect it."""
    if params.get("unifiedAccount") is not None:
        return bool(params.pop("unifiedAccount"))
    params.pop("unifiedAccount", None)
    options = exchange.options if isinstance(exchange.options, Mapping) else {}
    per_method = options.get("getMarginMode")
    if isinstance(per_method, Mapping) and isinstance(per_method.get("unifiedAccount"), bool):
        return bool(per_method["unifiedAccount"])
    found = options.get("unifiedAccount")
    return found if isinstance(found, bool) else None


def spot_account(exchange: Any, params: dict[str, Any]) -> str | None | bool:
    """The spot ``account`` to send: 'spot' / 'unified', None when unknown; False to decline (a margin account)."""
    options = exchange.options if isinstance(exchange.options, Mapping) else {}
    default = str(options.get("defaultMarginMode") or options.get("marginMode") or "spot").lower()
    chosen = {str(value).lower() for value in (params.pop("account", None), params.pop("marginMode", None)) if value not in (None, "")}
    mode = unified_mode(exchange, params)
    if chosen:
        # ccxt's own selectors: 'spot' / 'unified' are served; margin ('margin', 'cross_margin', 'isolated', 'cross') is ccxt's.
        return chosen.pop() if len(chosen) == 1 and chosen <= set(SPOT_ACCOUNTS) else False
    if default != "spot":
        return False
    return None if mode is None else ("unified" if mode else "spot")


def futures_account(params: dict[str, Any]) -> str | None:
    """Futures cancels name no account (None): ccxt's account selectors are consumed, never sent."""
    for key in ("unifiedAccount", "marginMode", "account"):
        params.pop(key, None)
    return None


def claim(exchange: Any, method: str, symbol: Any, params: dict[str, Any]) -> Target | None:
    if exchange.id != EXCHANGE_ID or any(params.get(key) not in (None, False) for key in TRIGGER_KEYS):
        return None
    target = markets.resolve(exchange, symbol)
    if target is None:
        return None
    for key in TRIGGER_KEYS:
        params.pop(key, None)
    given_type = params.pop("type", None)
    if given_type is not None and given_type != target.kind:
        raise BadRequest(f"{exchange.id} {method}() params['type'] {given_type!r} contradicts the symbol {target.symbol!r} ({target.kind})")
    given_settle = params.pop("settle", None)
    if given_settle is not None and str(given_settle).lower() != target.settle:
        raise BadRequest(f"{exchange.id} {method}() params['settle'] {given_settle!r} contradicts the symbol {target.symbol!r}")
    return target


def single_cancel(exchange: Any, target: Target, account: str | None, key: str, params: Mapping[str, Any] | None = None) -> Request:
    """``DELETE`` one order by its id (or ``t-`` text) in the path, scoped by currency pair and account, or by settle."""
    if target.kind == "spot":
        query: dict[str, Any] = {"order_id": key, "currency_pair": target.market_id, **(params or {})}
        if account is not None:
            query["account"] = account
        return Request(SPOT_ONE, SPOT_API, "DELETE", query, limits.cancel_cost(exchange))
    return Request(
        FUTURES_ONE,
        CONTRACT_API[target.kind],
        "DELETE",
        {"settle": target.settle, "order_id": key, **(params or {})},
        limits.cancel_cost(exchange, target.kind),
    )


@hookimpl
def ccxt_cancel_order(exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrder"
    target = claim(exchange, method, symbol, params)
    if target is None:
        return None
    account = spot_account(exchange, params) if target.kind == "spot" else futures_account(params)
    if account is False:
        return None
    field, key = id_rules.one(exchange.id, method, id, params)
    if target.kind == "future" and field != "id":
        raise BadRequest(
            f"{exchange.id} {method}() requires an order id on delivery futures: Gate's page takes no custom text id there ({sources.DELIVERY_ONE})"
        )
    checks.wire_safe_params(exchange.id, method, params)
    request = single_cancel(exchange, target, account if isinstance(account, str) else None, key, params)
    return Plan(
        requests=[request],
        parse=partial(answers.parse_one, exchange, target, field, key),
        on_error=partial(errors.on_error, exchange),
        resolution=partial(resolution, exchange, target, field, key, request),
    )


def resolution(exchange: Any, target: Target, field: str, key: str, cancel: Request) -> Resolution:
    """How to learn what became of one order (the product's one-order query), and cancel it again by its order id.

    The query is the cancel's own path with ``GET`` and the same scope
    (``currency_pair`` and ``account``, or ``settle``): sources.SPOT_QUERY,
    FUTURES_QUERY, DELIVERY_QUERY, at the cost ccxt's table gives it. A
    client id (``t-...`` text) is only queryable while the order is pending;
    once finished it answers ``ORDER_NOT_FOUND`` and the unknown outcome
    stays unknown.
    """
    given = dict(cancel.params) if isinstance(cancel.params, Mapping) else {}
    query = Request(cancel.path, cancel.api, "GET", given, resolve.ccxt_cost(exchange, cancel.api, "GET", cancel.path))

    return Resolution(
        query=query,
        read=partial(answers.read_query, exchange, target, field, key),
        cancel_again=resolve.again_by_id(cancel, "order_id", ()),  # the path's order_id: the order id, never its text
        read_cancel=lambda order_id, answer: answers.the_order(exchange, "cancelOrder", target.symbol, "id", order_id, answer),
    )


def items(exchange: Any, target: Target, single: Any) -> Items:
    """A batch's ids are resolved one by one with the product's query (``single(key)``: the single cancel of that id).

    Gate's listings (``GET /spot/orders?status=finished``, ``/futures/{settle}/orders``)
    page by status and need two requests per round; a batch is at most 20
    ids a request and unknown items are rare, so no listing is used.
    """
    return Items("id", lambda key: resolution(exchange, target, "id", key, single(key)))


@hookimpl
def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrders"
    target = claim(exchange, method, symbol, params)
    if target is None:
        return None
    account = spot_account(exchange, params) if target.kind == "spot" else futures_account(params)
    if account is False or (target.kind == "spot" and account is None):
        return None  # a spot batch needs the account mode; ccxt detects it
    keys = batch.unique_keys(exchange.id, method, "ids", id_rules.many(exchange.id, method, ids, params))
    if params:
        # Both batch bodies are JSON arrays of ids / items: an extra parameter has nowhere to go.
        raise BadRequest(f"{exchange.id} {method}() does not take params {sorted(params)!r} on Gate's batch cancel")
    ledger = batch.Ledger(exchange, method, keys, "id", target.symbol)
    if target.kind == "future":
        # No batch-cancel page for delivery: one documented single cancel per id, under the same batch rule.
        singles = [
            (Request(FUTURES_ONE, DELIVERY_API, "DELETE", {"settle": target.settle, "order_id": key}, limits.cancel_cost(exchange, "future")), range(n, n + 1))
            for n, key in enumerate(keys)
        ]
        steps = batch.chunked(ledger, singles, partial(answers.read_single, exchange, method, ledger))
        return Plan(
            steps=steps,
            on_error=partial(errors.on_error, exchange),
            expected_requests=len(singles),
            items=partial(items, exchange, target, partial(single_cancel, exchange, target, None)),
        )
    size = limits.BATCH_LIMIT
    requests: list[Request] = []
    for start in range(0, len(keys), size):
        chunk = keys[start : start + size]
        if target.kind == "spot":
            extra = {"account": "unified"} if account == "unified" else {}
            body: list[Any] = [{"currency_pair": target.market_id, "id": key, **extra} for key in chunk]
            requests.append(Request(SPOT_BATCH, SPOT_API, "POST", body, limits.cancel_cost(exchange)))
        else:
            # ccxt's sign reads the settle from the first element and sends the rest: a JSON array of ids.
            requests.append(Request(FUTURES_BATCH, FUTURES_API, "POST", [{"settle": target.settle}, *chunk], limits.futures_batch_cost(exchange)))
    parts = [(request, range(start, min(start + size, len(keys)))) for request, start in zip(requests, range(0, len(keys), size), strict=True)]
    steps = batch.chunked(ledger, parts, partial(answers.read_chunk, exchange, method, ledger))
    return Plan(
        steps=steps,
        on_error=partial(errors.on_error, exchange),
        expected_requests=len(requests),
        items=partial(items, exchange, target, partial(single_cancel, exchange, target, account if isinstance(account, str) else None)),
    )


def cancel_all_filters(exchange_id: str, kind: str, params: dict[str, Any]) -> None:
    unknown = sorted(set(params) - set(CANCEL_ALL_FILTERS[kind]))
    if unknown:
        raise BadRequest(
            f"{exchange_id} cancelAllOrders() does not take params {unknown!r} on Gate ({kind}: only {', '.join(CANCEL_ALL_FILTERS[kind])}); "
            "an ignored parameter would cancel more than asked; nothing was sent"
        )
    checks.wire_safe_params(exchange_id, "cancelAllOrders", params)


@hookimpl
def ccxt_cancel_all_orders(exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    """By symbol, or by product when ``params['type']`` names one; a bare call sends nothing (see the docs page)."""
    method = "cancelAllOrders"
    if symbol is None:
        if exchange.id != EXCHANGE_ID or any(params.get(key) not in (None, False) for key in TRIGGER_KEYS):
            return None
        for key in TRIGGER_KEYS:
            params.pop(key, None)
        kind = params.pop("type", None)
        if kind not in ("spot", "swap"):
            raise ArgumentsRequired(
                f"{exchange.id} {method}() requires a symbol, or params['type'] ('spot', or 'swap' with params['settle'] 'usdt' / 'btc') "
                "to cancel every open order of that product; nothing was sent"
            )
        settle = str(params.pop("settle", "usdt")).lower() if kind == "swap" else None
        if settle is not None and settle not in markets.SETTLES:
            return None
        target = Target("", kind, settle, "")
        result_symbol = None
    else:
        found = claim(exchange, method, symbol, params)
        if found is None:
            return None
        target, result_symbol = found, found.symbol
    if target.kind == "spot":
        account = spot_account(exchange, params)
        if not isinstance(account, str):
            return None  # without the mode Gate would cancel margin orders too (sources.SPOT_CANCEL_ALL): ccxt decides
        cancel_all_filters(exchange.id, "spot", params)
        query: dict[str, Any] = {"account": account, **params}
        if target.market_id:
            query["currency_pair"] = target.market_id
        request = Request(SPOT_ALL, SPOT_API, "DELETE", query, limits.cancel_cost(exchange))
    else:
        futures_account(params)
        cancel_all_filters(exchange.id, target.kind, params)
        query = {"settle": target.settle, **params}
        if target.market_id:
            query["contract"] = target.market_id
        request = Request(FUTURES_ALL, CONTRACT_API[target.kind], "DELETE", query, limits.cancel_cost(exchange, target.kind))
    return Plan(requests=[request], parse=partial(answers.parse_all, exchange, result_symbol), on_error=partial(errors.on_error, exchange))


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return GAPS
