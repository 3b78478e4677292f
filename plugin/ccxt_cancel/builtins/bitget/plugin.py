"""Built-in plugin ``bitget``: classic v2 cancels for spot and USDT-M / USDC-M / COIN-M futures.

* ``cancel_order``  -> ``POST /api/v2/spot/trade/cancel-order`` or ``/api/v2/mix/order/cancel-order``
* ``cancel_orders`` -> ``POST /api/v2/spot/trade/batch-cancel-order`` (``orderList``) or
  ``/api/v2/mix/order/batch-cancel-orders`` (``orderIdList``), 50 ids per request (limits.py)
* ``cancel_all_orders`` -> ``POST /api/v2/spot/trade/cancel-symbol-order`` (spot, by symbol) or
  ``/api/v2/mix/order/batch-cancel-orders`` (futures, by symbol or by ``productType`` alone)

Every request carries the ccxt cost of its page's documented limit (limits.py).

**Account mode** (mode.py): ccxt's own ``uta`` option when set (True: declined,
ccxt's UTA cancel); otherwise the plan asks ``GET /api/v3/account/settings``
once per instance, as ccxt would, but reads the answer strictly: a classic
account gets the classic cancel, a unified one is handed back to ccxt, and a
failed question keeps nothing and sends no cancel.

Declined too: trigger / stop / trailing orders, ``planType``, margin
(``marginMode``), tokenized stocks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

from ccxt.base.errors import ArgumentsRequired, BadRequest

from ccxt_cancel import batch, checks, resolve
from ccxt_cancel.builtins.bitget import answers, errors, markets, mode
from ccxt_cancel.builtins.bitget import ids as id_rules
from ccxt_cancel.builtins.bitget.gaps import GAPS
from ccxt_cancel.builtins.bitget.limits import BATCH_LIMIT, cost
from ccxt_cancel.builtins.bitget.markets import Target
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import Items, Plan, Request, Resolution

EXCHANGE_ID = "bitget"
CCXT_CANCEL_EXCHANGES = frozenset({EXCHANGE_ID})
SPOT_API = ("private", "spot")
MIX_API = ("private", "mix")
SPOT_ONE, SPOT_BATCH = "v2/spot/trade/cancel-order", "v2/spot/trade/batch-cancel-order"
MIX_ONE, MIX_BATCH = "v2/mix/order/cancel-order", "v2/mix/order/batch-cancel-orders"
SPOT_ALL = "v2/spot/trade/cancel-symbol-order"
# What this plugin asks ccxt's sign to sign, for the start-up self-check (a two-level api as "private/spot").
SIGNED_APIS = {
    EXCHANGE_ID: [
        *(("/".join(SPOT_API), path, "POST") for path in (SPOT_ONE, SPOT_BATCH, SPOT_ALL)),
        *(("/".join(MIX_API), path, "POST") for path in (MIX_ONE, MIX_BATCH)),
    ]
}
PRODUCT_KEYS = ("productType", "category")  # ccxt's bitget takes either as the product type
DECLINED_KEYS = ("trigger", "stop", "trailing", "planType", "marginMode", "margin", "stock")


def claim(exchange: Any, method: str, symbol: Any, params: dict[str, Any]) -> tuple[Target, bool] | None:
    """(the target, whether the account mode must be asked first), or None to decline."""
    if exchange.id != EXCHANGE_ID:
        return None
    if any(params.get(key) not in (None, False) for key in DECLINED_KEYS):
        return None
    uta = mode.known(exchange, method, dict(params))  # a copy: params['uta'] is consumed once the call is claimed
    if uta is True:
        return None  # a unified account: ccxt's UTA cancel
    target = markets.resolve(exchange, symbol)
    if target is None:
        return None
    for key in DECLINED_KEYS:
        params.pop(key, None)
    for key in PRODUCT_KEYS:  # ccxt reads both; sent once, as productType, by body_of
        if key not in params:
            continue
        given = params.pop(key)
        if given != target.product and target.product != "SPOT":
            raise BadRequest(f"{exchange.id} {method}() params[{key!r}] {given!r} contradicts the symbol {target.symbol!r} ({target.product})")
    params.pop("uta", None)
    checks.wire_safe_params(exchange.id, method, params)
    return target, uta is None


def body_of(target: Target, fields: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    body = {"symbol": target.market_id, **fields, **params}
    if target.product != "SPOT":
        body["productType"] = target.product
    return body


@hookimpl
def ccxt_cancel_order(exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrder"
    claimed = claim(exchange, method, symbol, params)
    if claimed is None:
        return None
    target, ask = claimed
    checks.refuse_keys(exchange.id, method, params, LIST_KEYS, checks.ONE_TAKES_NO_LIST)
    wire, key = id_rules.one(exchange.id, method, id, params)
    spot = target.product == "SPOT"
    path = SPOT_ONE if spot else MIX_ONE
    request = Request(path, SPOT_API if spot else MIX_API, "POST", body_of(target, {wire: key}, params), cost(exchange, path))
    plan = Plan(
        requests=[request],
        parse=partial(answers.parse_one, exchange, target, wire, key),
        on_error=partial(errors.on_error, exchange),
        resolution=partial(resolution, exchange, target, wire, key, request),
    )
    return mode.with_detection(exchange, plan, ask)


SPOT_QUERY, MIX_QUERY = "v2/spot/trade/orderInfo", "v2/mix/order/detail"  # sources.SPOT_ORDER_INFO, MIX_ORDER_DETAIL


def resolution(exchange: Any, target: Target, wire: str, key: str, cancel: Request) -> Resolution:
    """How to learn what became of one order, and cancel it again by its orderId.

    Spot ``GET /api/v2/spot/trade/orderInfo`` by ``orderId`` / ``clientOid``;
    futures ``GET /api/v2/mix/order/detail`` with ``symbol`` and
    ``productType`` (sources.SPOT_ORDER_INFO, MIX_ORDER_DETAIL), each at the
    cost of its page's limit (20 and 10 per second).
    """
    spot = target.product == "SPOT"
    path, api = (SPOT_QUERY, SPOT_API) if spot else (MIX_QUERY, MIX_API)
    asked = {wire: key} if spot else {"symbol": target.market_id, "productType": target.product, wire: key}
    query = Request(path, api, "GET", asked, cost(exchange, path))
    return Resolution(
        query=query,
        read=partial(answers.read_query, exchange, target, wire, key),
        cancel_again=resolve.again_by_id(cancel, "orderId", ("clientOid",)),
        read_cancel=lambda order_id, answer: answers.parse_one(exchange, target, "orderId", order_id, [answer]),
    )


def items(exchange: Any, target: Target, wire: str, params: Mapping[str, Any]) -> Items:
    """A batch's ids are queried one by one (no listing: the pending and history lists are separate pages per product)."""
    spot = target.product == "SPOT"
    path = SPOT_ONE if spot else MIX_ONE

    def one(key: str) -> Resolution:
        cancel = Request(path, SPOT_API if spot else MIX_API, "POST", body_of(target, {wire: key}, dict(params)), cost(exchange, path))
        return resolution(exchange, target, wire, key, cancel)

    return Items(answers.FIELD[wire], one)


@hookimpl
def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrders"
    claimed = claim(exchange, method, symbol, params)
    if claimed is None:
        return None
    target, ask = claimed
    checks.refuse_keys(exchange.id, method, params, SINGLE_KEYS, checks.BATCH_TAKES_NO_ID)
    wire, keys = id_rules.many(exchange.id, method, ids, params)
    keys = batch.unique_keys(exchange.id, method, "ids", keys)
    spot = target.product == "SPOT"
    list_field, path = ("orderList", SPOT_BATCH) if spot else ("orderIdList", MIX_BATCH)
    requests = [
        Request(
            path,
            SPOT_API if spot else MIX_API,
            "POST",
            body_of(target, {list_field: [{wire: k} for k in keys[start : start + BATCH_LIMIT]]}, params),
            cost(exchange, path),
        )
        for start in range(0, len(keys), BATCH_LIMIT)
    ]
    ledger = batch.Ledger(exchange, method, keys, answers.FIELD[wire], target.symbol)
    steps = answers.batch_steps(exchange, method, target, ledger, wire, answers.chunks(requests, BATCH_LIMIT, len(keys)))
    plan = Plan(
        steps=steps, on_error=partial(errors.on_error, exchange), expected_requests=len(requests), items=partial(items, exchange, target, wire, dict(params))
    )
    return mode.with_detection(exchange, plan, ask)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return GAPS


# Id keys in params, by the calls they belong to: a single cancel's, a batch's; a cancel-all takes neither (its pages list none).
SINGLE_KEYS = ("orderId", *id_rules.CLIENT_KEYS)
LIST_KEYS = (*id_rules.CLIENT_LIST_KEYS, "orderList", "orderIdList")
ORDER_ID_KEYS = (*SINGLE_KEYS, *LIST_KEYS)
FUTURES_PRODUCTS = ("USDT-FUTURES", "USDC-FUTURES", "COIN-FUTURES", "SUSDT-FUTURES", "SUSDC-FUTURES", "SCOIN-FUTURES")  # sources.MIX_BATCH


@hookimpl
def ccxt_cancel_all_orders(exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    """By symbol (spot: cancel-symbol-order; futures: batch-cancel-orders), or futures by ``productType`` alone (its page allows it)."""
    method = "cancelAllOrders"
    if symbol is None:
        if exchange.id != EXCHANGE_ID or any(params.get(key) not in (None, False) for key in DECLINED_KEYS):
            return None
        uta = mode.known(exchange, method, params)
        if uta is True:
            return None
        checks.no_order_ids(exchange.id, method, params, ORDER_ID_KEYS)
        for key in DECLINED_KEYS:
            params.pop(key, None)  # False or None: ccxt's own switches, read and never sent (as claim() does)
        ask = uta is None
        product = next((params.pop(key) for key in PRODUCT_KEYS if key in params), None)
        for key in PRODUCT_KEYS:
            params.pop(key, None)
        if product not in FUTURES_PRODUCTS:
            raise ArgumentsRequired(
                f"{exchange.id} {method}() requires a symbol, or params['productType'] (one of {', '.join(FUTURES_PRODUCTS)}) to cancel every futures order of that product type"
            )
        checks.wire_safe_params(exchange.id, method, params)
        body: dict[str, Any] = {"productType": product, **params}
        result_symbol = None
    else:
        claimed = claim(exchange, method, symbol, params)
        if claimed is None:
            return None
        checks.no_order_ids(exchange.id, method, params, ORDER_ID_KEYS)
        target, ask = claimed
        if target.product == "SPOT":
            # The answer names the symbol only; the cancel runs asynchronously (sources.SPOT_CANCEL_ALL): no order comes back.
            request = Request(SPOT_ALL, SPOT_API, "POST", body_of(target, {}, params), cost(exchange, SPOT_ALL))
            plan = Plan(
                requests=[request],
                parse=partial(answers.parse_spot_all, exchange, target),
                on_error=partial(errors.on_error, exchange),
                confirm=partial(answers.verify_spot_all, exchange, target, request),  # with confirm: list the symbol again
            )
            return mode.with_detection(exchange, plan, ask)
        body, result_symbol = body_of(target, {}, params), target.symbol
    request = Request(MIX_BATCH, MIX_API, "POST", body, cost(exchange, MIX_BATCH))
    # Each successList item is an acknowledgement (status None): with confirm, the core asks Get-Order-Details about
    # each one it names by orderId, as for a batch. Without a symbol there is no per-order query scope: left as answered.
    plan = Plan(
        requests=[request],
        parse=partial(answers.parse_all, exchange, result_symbol),
        on_error=partial(errors.on_error, exchange),
        items=None if symbol is None else partial(items, exchange, target, "orderId", {}),
    )
    return mode.with_detection(exchange, plan, ask)
