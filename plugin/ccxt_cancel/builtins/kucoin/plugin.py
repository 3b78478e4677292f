"""Built-in plugin ``kucoin``: classic cancels for spot (classic and HF) and futures (USDT- and coin-margined).

* ``cancel_order``: futures ``DELETE /api/v1/orders/{orderId}`` or
  ``/api/v1/orders/client-order/{clientOid}?symbol=``; spot HF
  ``DELETE /api/v1/hf/orders/{orderId}?symbol=`` (or ``client-order``);
  classic spot ``DELETE /api/v1/orders/{orderId}`` or
  ``/api/v1/order/client-order/{clientOid}``.
* ``cancel_orders``: futures ``DELETE /api/v1/orders/multi-cancel`` in
  chunks of 10, order ids or client ids, never both in one body; spot (no
  batch by ids) one cancel per id, under the batch rule.
* ``cancel_all_orders``: futures by symbol, ``DELETE /api/v3/orders?symbol=``.
  Without a symbol, and on spot, it declines (ccxt handles it: see the docs page).

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
from ccxt_cancel.builtins.kucoin import answers, errors, markets, mode
from ccxt_cancel.builtins.kucoin import ids as id_rules
from ccxt_cancel.builtins.kucoin.gaps import GAPS
from ccxt_cancel.builtins.kucoin.limits import BATCH_LIMIT, cost
from ccxt_cancel.builtins.kucoin.markets import Target
from ccxt_cancel.gaps import Gap
from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import Plan, Request

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
    spot_hf = target.product == "spot" and hf(exchange, params)
    wire, key = id_rules.one(exchange.id, method, id, params)
    checks.wire_safe_params(exchange.id, method, params)
    request = single(exchange, method, target, wire, key, params, spot_hf)
    on_error = partial(errors.on_error, exchange)
    if detect is None:  # the simple form: the executor's plain loop, no generator
        return Plan(requests=[request], parse=partial(answers.parse_first, exchange, method, target, wire, key), on_error=on_error)
    return Plan(steps=answers.one_steps(exchange, method, target, wire, key, request, detect), on_error=on_error, expected_requests=2)


@hookimpl
def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrders"
    if symbol is None:
        params["type"] = "swap"  # ccxt's own default here: "default to contract market orders if symbol is not provided"
    claimed = claim(exchange, method, symbol, params)
    if claimed is None:
        return None
    target, detect = claimed
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
    return Plan(steps=steps, on_error=partial(errors.on_error, exchange), expected_requests=len(parts) + (1 if detect else 0))


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
    checks.wire_safe_params(exchange.id, method, params)
    # v3: the symbol is required, so the request can never widen to every contract (v1 without one cancels them all).
    request = Request(FUTURES_ALL, FUTURES_API, "DELETE", {**params, "symbol": target.market_id, "version": "v3"}, cost(exchange, "futures.all"))
    return Plan(steps=answers.all_steps(exchange, target, request, detect), on_error=partial(errors.on_error, exchange), expected_requests=2 if detect else 1)


@hookimpl
def ccxt_cancel_gaps() -> Sequence[Gap]:
    return GAPS
