"""Built-in plugin ``kucoin``: classic cancels for spot (classic and HF) and futures (USDT- and coin-margined).

* ``cancel_order``: futures ``DELETE /api/v1/orders/{orderId}`` or
  ``/api/v1/orders/client-order/{clientOid}?symbol=``; spot HF
  ``DELETE /api/v1/hf/orders/{orderId}?symbol=`` (or ``client-order``);
  classic spot ``DELETE /api/v1/orders/{orderId}`` or
  ``/api/v1/order/client-order/{clientOid}``.
* ``cancel_orders``: futures ``DELETE /api/v1/orders/multi-cancel`` in
  chunks of 10, order ids or client ids, never both in one body; spot (no
  batch by ids) one cancel per id, under the batch rule.
* ``cancel_all_orders``: futures by symbol, ``DELETE /api/v3/orders?symbol=``;
  with ``confirm``, verified by listing the symbol's open orders again
  (verify.py). Without a symbol, and on spot, it declines (ccxt handles it:
  see the docs page).

Every single cancel carries ``Plan.resolution`` (the product's one-order
query) and every batch ``Plan.items``: the core resolves unknown outcomes
and, with ``confirm``, the acknowledgements every KuCoin cancel answer is.

HF or classic spot follows ccxt's own ``params['hf']`` / ``options['hf']``
(classic by default, as in ccxt). The account mode follows ccxt's ``uta``
option (mode.py). Declined: trigger / stop orders, margin (``marginMode``,
``tradeType``), ``sync`` cancels, unified accounts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from ccxt.base.errors import ArgumentsRequired

from ccxt_cancel import batch, checks
from ccxt_cancel.builtins.kucoin import answers, errors, markets, mode, verify
from ccxt_cancel.builtins.kucoin import ids as id_rules
from ccxt_cancel.builtins.kucoin.gaps import GAPS
from ccxt_cancel.builtins.kucoin.limits import BATCH_LIMIT, cost
from ccxt_cancel.builtins.kucoin.markets import Target
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import Bulk, Items, Plan, Request, Resolution

CCXT_CANCEL_EXCHANGES = frozenset({"kucoin", "kucoinfutures"})
SPOT_API, FUTURES_API = ("private",), ("futuresPrivate",)
FUTURES_ONE = {"orderId": "orders/{orderId}", "clientOid": "orders/client-order/{clientOid}"}
FUTURES_BATCH, FUTURES_ALL = "orders/multi-cancel", "orders"
SPOT_HF_ONE = {"orderId": "hf/orders/{orderId}", "clientOid": "hf/orders/client-order/{clientOid}"}
SPOT_CLASSIC_ONE = {"orderId": "orders/{orderId}", "clientOid": "order/client-order/{clientOid}"}
# What this plugin asks ccxt's sign to sign, for the start-up self-check.
SIGNED_APIS = {
    exchange_id: [("futuresPrivate", "orders/{orderId}", "DELETE"), ("private", "hf/orders/{orderId}", "DELETE")] for exchange_id in CCXT_CANCEL_EXCHANGES
}
DECLINED_KEYS = ("trigger", "stop", "marginMode", "tradeType", "sync", "isolated", "accountMode")
LIST_FIELD = {"orderId": "orderIdsList", "clientOid": "clientOidsList"}
# The one-order queries (sources.QUERY_*), by product and wire field: (path, limits.WEIGHT key).
FUTURES_QUERY = {"orderId": ("orders/{orderId}", "futures.query"), "clientOid": ("orders/byClientOid", "futures.query")}
SPOT_HF_QUERY = {"orderId": ("hf/orders/{orderId}", "spot.hf.query"), "clientOid": ("hf/orders/client-order/{clientOid}", "spot.hf.query")}
SPOT_CLASSIC_QUERY = {"orderId": ("orders/{orderId}", "spot.classic.query"), "clientOid": ("order/client-order/{clientOid}", "spot.classic.query.client")}
# Batch listings (sources.LIST_*): (path, fixed query, limits.WEIGHT key, the answer's list field). Closed orders first: an
# order that closes between the two requests is then never read as open from the earlier one.
FUTURES_LISTINGS: tuple[tuple[str, dict[str, str], str, str | None], ...] = (
    ("recentDoneOrders", {}, "futures.recent", None),
    ("orders", {"status": "active", "pageSize": "1000"}, "futures.list", "items"),
)
SPOT_HF_LISTINGS: tuple[tuple[str, dict[str, str], str, str | None], ...] = (
    ("hf/orders/done", {"limit": "100"}, "spot.hf.done", "items"),
    ("hf/orders/active", {}, "spot.hf.active", None),
)


def hf(exchange: Any, params: dict[str, Any]) -> bool:
    """ccxt's own rule (kucoin.handle_hf_and_params): params['hf'] (consumed), else options['hf'], else classic."""
    if "hf" in params:
        return params.pop("hf") is True
    options = exchange.options if isinstance(exchange.options, Mapping) else {}
    return options.get("hf") is True


def claim(exchange: Any, method: str, symbol: Any, params: dict[str, Any]) -> tuple[Target, Any] | None:
    """(target, detection steps or None), or None to decline."""
    if exchange.id not in CCXT_CANCEL_EXCHANGES:
        return None
    if any(params.get(key) not in (None, False) for key in DECLINED_KEYS):
        return None
    options = exchange.options if isinstance(exchange.options, Mapping) else {}
    per_method = options.get(method)
    if isinstance(per_method, Mapping) and per_method.get("sync") is True:
        return None
    account = mode.of(exchange, method, dict(params))  # a copy: params['uta'] is consumed only once the call is claimed
    if account is True:
        return None
    target = markets.resolve(exchange, symbol, params)
    if target is None:
        return None
    params.pop("uta", None)
    for key in DECLINED_KEYS:
        params.pop(key, None)
    if target.product == "futures":
        params.pop("hf", None)  # a spot-only flag
    return target, (mode.detect(exchange, method) if account == mode.UNKNOWN else None)


def need_symbol(exchange: Any, method: str, target: Target, why: str) -> str:
    if target.market_id is None:
        raise ArgumentsRequired(f"{exchange.id} {method}() requires a symbol {why}")
    return target.market_id


def single(exchange: Any, method: str, target: Target, wire: str, key: str, params: dict[str, Any], spot_hf: bool) -> Request:
    """The one request that cancels ``key`` (``wire`` says order id or client id)."""
    fields: dict[str, Any] = {wire: key}
    if target.product == "futures":
        if wire == "clientOid":
            fields["symbol"] = need_symbol(exchange, method, target, "to cancel a futures order by client id (the page requires it)")
        return Request(FUTURES_ONE[wire], FUTURES_API, "DELETE", {**params, **fields}, cost(exchange, "futures.one"))
    if spot_hf:
        fields["symbol"] = need_symbol(exchange, method, target, "for HF spot orders (the page requires it)")
        return Request(SPOT_HF_ONE[wire], SPOT_API, "DELETE", {**params, **fields}, cost(exchange, "spot.hf.one"))
    return Request(SPOT_CLASSIC_ONE[wire], SPOT_API, "DELETE", {**params, **fields}, cost(exchange, "spot.classic.one"))


@hookimpl
def ccxt_cancel_order(exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrder"
    claimed = claim(exchange, method, symbol, params)
    if claimed is None:
        return None
    target, detect = claimed
    checks.refuse_keys(exchange.id, method, params, id_rules.LIST_KEYS, checks.ONE_TAKES_NO_LIST)
    spot_hf = target.product == "spot" and hf(exchange, params)
    wire, key = id_rules.one(exchange.id, method, id, params)
    checks.wire_safe_params(exchange.id, method, params)
    request = single(exchange, method, target, wire, key, params, spot_hf)
    on_error = partial(errors.on_error, exchange)
    resolve_one = partial(resolution, exchange, target, wire, key, dict(params), spot_hf)
    if detect is None:  # the simple form: the executor's plain loop, no generator
        return Plan(requests=[request], parse=partial(answers.parse_first, exchange, method, target, wire, key), on_error=on_error, resolution=resolve_one)
    steps = answers.one_steps(exchange, method, target, wire, key, request, detect)
    return Plan(steps=steps, on_error=on_error, expected_requests=2, resolution=resolve_one)


def resolution(exchange: Any, target: Target, wire: str, key: str, params: dict[str, Any], spot_hf: bool) -> Resolution:
    """How to learn what became of one order (the product's one-order query), and cancel it again by its order id.

    Futures ``GET /api/v1/orders/{orderId}`` or ``orders/byClientOid`` (weight
    5); spot HF ``GET /api/v1/hf/orders/{orderId}?symbol=`` or
    ``client-order`` (weight 2); classic spot ``GET /api/v1/orders/{orderId}``
    (2) or ``/api/v1/order/client-order/{clientOid}`` (3, active orders only:
    "does not exist if the order ... has been settled", so a classic spot
    cancel by client id that took effect stays unknown). Nothing but the id
    (and the symbol HF requires) is sent; the cost is the documented weight.
    The second cancel is the same product's cancel by ``orderId`` only, with
    the caller's other params: a client id may already name a replacement.
    """
    method = "cancelOrder"
    table = FUTURES_QUERY if target.product == "futures" else SPOT_HF_QUERY if spot_hf else SPOT_CLASSIC_QUERY
    path, weight = table[wire]
    fields = {wire: key}
    if spot_hf:
        fields["symbol"] = need_symbol(exchange, method, target, "for HF spot orders (the page requires it)")
    query = Request(path, FUTURES_API if target.product == "futures" else SPOT_API, "GET", fields, cost(exchange, weight))
    return Resolution(
        query=query,
        read=partial(answers.read_query, exchange, target, wire, key),
        cancel_again=lambda order_id: single(exchange, method, target, "orderId", order_id, params, spot_hf),
        read_cancel=lambda order_id, answer: answers.parse_one(exchange, method, target, "orderId", order_id, answer),
    )


def items(exchange: Any, target: Target, wire: str, params: dict[str, Any], spot_hf: bool) -> Items:
    """A batch's ids: the one-order query per id, or two listings (:func:`bulk`) on futures and HF spot when they cost less."""
    return Items(
        answers.FIELD[wire],
        partial(resolution, exchange, target, wire, params=params, spot_hf=spot_hf),
        None if target.product == "spot" and not spot_hf else partial(bulk, exchange, target, wire, spot_hf),
    )


def bulk(exchange: Any, target: Target, wire: str, spot_hf: bool, keys: Sequence[str]) -> Bulk | None:
    """Recent closed orders, then open orders: two requests for any number of ids.

    Futures: ``recentDoneOrders`` (weight 5, "recent 1000 closed orders in
    the last 24 hours") and ``orders?status=active`` (weight 2, up to 1000 a
    page), the symbol's when the batch named one: 7 against 5 per id, so the
    core chooses them from 2 ids. HF spot: ``hf/orders/done`` (weight 2, the
    100 newest) and ``hf/orders/active`` (2), both by symbol: 4 against 2
    per id, chosen from 3 ids. An id neither lists (older, or beyond the
    page) is then queried by itself. Not offered for classic spot (a
    choice, not a limit of the exchange): its ``GET /api/v1/orders`` (weight
    2 a page, active or done) would cost less from 3 ids, but a classic spot
    batch is already one cancel per id (weight 3 each), so per-id queries
    (weight 2) keep resolution cheaper than the batch itself; a listing is
    left for later.
    """
    listings = FUTURES_LISTINGS if target.product == "futures" else SPOT_HF_LISTINGS
    api = FUTURES_API if target.product == "futures" else SPOT_API
    scope = {} if target.market_id is None else {"symbol": target.market_id}
    if spot_hf and not scope:
        return None  # both HF listings require the symbol
    requests = [Request(path, api, "GET", {**scope, **fixed}, cost(exchange, weight)) for path, fixed, weight, _ in listings]
    fields = [field for _, _, _, field in listings]
    return Bulk(requests, partial(answers.read_listings, exchange, target, wire, frozenset(keys), fields))


@hookimpl
def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrders"
    if symbol is None:
        params["type"] = "swap"  # ccxt's own default here: "default to contract market orders if symbol is not provided"
    claimed = claim(exchange, method, symbol, params)
    if claimed is None:
        return None
    target, detect = claimed
    checks.refuse_keys(exchange.id, method, params, id_rules.SINGLE_KEYS, checks.BATCH_TAKES_NO_ID)
    spot_hf = target.product == "spot" and hf(exchange, params)
    wire, keys = id_rules.many(exchange.id, method, ids, params)
    keys = batch.unique_keys(exchange.id, method, "ids", keys)
    checks.wire_safe_params(exchange.id, method, params)
    ledger = batch.Ledger(exchange, method, keys, answers.FIELD[wire], target.symbol)
    parts: list[tuple[Request, range]] = []
    if target.product == "futures":
        market_id = need_symbol(exchange, method, target, "to cancel futures orders by client id") if wire == "clientOid" else None
        for start in range(0, len(keys), BATCH_LIMIT):
            chunk = keys[start : start + BATCH_LIMIT]
            listed: list[Any] = chunk if wire == "orderId" else [{"symbol": market_id, "clientOid": k} for k in chunk]
            body = {**params, LIST_FIELD[wire]: listed}
            parts.append((Request(FUTURES_BATCH, FUTURES_API, "DELETE", body, cost(exchange, "futures.batch")), range(start, start + len(chunk))))
        read = partial(answers.read_multi, exchange, method, target, ledger, wire)
    else:
        # KuCoin spot has no batch cancel by ids: one documented single cancel per id, as Binance spot does.
        parts = [(single(exchange, method, target, wire, key, params, spot_hf), range(n, n + 1)) for n, key in enumerate(keys)]
        read = partial(answers.read_single, exchange, method, target, ledger, wire)
    steps = answers.batch_steps(exchange, ledger, parts, read, detect)
    return Plan(
        steps=steps,
        on_error=partial(errors.on_error, exchange),
        expected_requests=len(parts) + (1 if detect else 0),
        items=partial(items, exchange, target, wire, dict(params), spot_hf),
    )


@hookimpl
def ccxt_cancel_all_orders(exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    """Futures by symbol only; without a symbol (every futures order of the account) and on spot it declines."""
    method = "cancelAllOrders"
    if symbol is None:
        return None
    claimed = claim(exchange, method, symbol, params)
    if claimed is None:
        return None
    target, detect = claimed
    if target.product != "futures" or target.market_id is None:
        return None
    checks.no_order_ids(exchange.id, method, params, id_rules.ORDER_ID_KEYS)  # the cancel-all page lists no id
    checks.wire_safe_params(exchange.id, method, params)
    # v3: the symbol is required, so the request can never widen to every contract (v1 without one cancels them all).
    request = Request(FUTURES_ALL, FUTURES_API, "DELETE", {**params, "symbol": target.market_id, "version": "v3"}, cost(exchange, "futures.all"))
    steps = answers.all_steps(exchange, target, request, detect)
    return Plan(
        steps=steps,
        on_error=partial(errors.on_error, exchange),
        expected_requests=2 if detect else 1,
        confirm=partial(verify.verify_all, exchange, target, request),  # with confirm: list again (verify.py)
    )


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return GAPS
