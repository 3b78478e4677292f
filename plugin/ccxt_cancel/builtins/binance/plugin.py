"""One set of hook functions for every Binance product, parametrized by a :class:`Product` record.

Each registered product module (``spot``, ``margin``, ``usdm``, ``coinm``,
``portfolio``) declares its :class:`Product` and binds the hookimpls with
:func:`hooks`. What differs between products is data here (endpoints,
costs, batch endpoint or one cancel per id, which id wins, the recvWindow
cap, the isIsolated rule) plus two functions: how a call is claimed and how
an HTTP answer is read before ccxt's ``handle_errors``. Claims and plans
only: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

from ccxt.base.errors import BadRequest

from ccxt_cancel import checks
from ccxt_cancel.builtins.binance import markets
from ccxt_cancel.builtins.binance.answers import futures_batch_plan, parse_one, per_id_plan, resolution, verify_futures_all
from ccxt_cancel.builtins.binance.ids import (
    CONSUMED_BATCH,
    CONSUMED_ONE,
    ID_KEYS,
    SWITCH_KEYS,
    batch_keys,
    check_symbol_param,
    extra_params,
    id_fields,
    refuse_selector,
)
from ccxt_cancel.markers import hookimpl
from ccxt_cancel.plans import HttpAnswer, Plan, Request

# The page's spelling of isIsolated (margin): "TRUE", "FALSE", default "FALSE".
ISOLATED_VALUES = {True: True, "TRUE": True, "true": True, False: False, "FALSE": False, "false": False}


class Target(Protocol):
    """What a claim resolves to: the market id on the wire, the market parse_order receives, the product."""

    @property
    def market_id(self) -> str: ...
    @property
    def market(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Endpoints:
    """One product's single-cancel and cancel-all endpoints, their costs, and how a cancel-all answer reads."""

    one: str
    cost_one: float
    all: str
    cost_all: float
    parse_all: Callable[[Any, dict[str, Any], list[Any]], list[Any]]
    # The open-orders listing that verifies a cancel-all answered with the {"code": 200} acknowledgement
    # (with confirm); None where the answer names every canceled order (spot, margin, PM margin).
    open_orders: str | None = None


@dataclass(frozen=True, slots=True)
class Batch:
    """A batch-by-ids endpoint (futures): its path, cost and documented limit."""

    path: str
    cost: float
    limit: int


@dataclass(frozen=True, slots=True)
class Product:
    """One Binance product, as data: what it serves, where it sends, and the rules that differ."""

    exchanges: frozenset[str]
    api: tuple[str, ...]
    endpoints: Mapping[str, Endpoints]  # markets' product tag -> endpoints (portfolio margin has three)
    claim: Callable[[Any, str, Any, Mapping[str, Any]], Any]  # the target of a call, or None to decline
    on_error: Callable[[str, HttpAnswer], BaseException | None]
    selector: str  # why BitoPro's params['margin'] is no parameter here
    batch: Batch | None = None  # None: one single cancel per id
    both_ids: bool = False  # spot: both ids sent, the page cross-checks them
    capped: bool = True  # recvWindow capped at 60000 by the pages
    isolated: str | None = None  # why params['isIsolated'] is refused; None: it is margin's own parameter
    margin: bool = False  # isIsolated read against marginMode and sent in the page's spelling
    decline_batch: Callable[[Any, str, Any, dict[str, Any]], None] | None = None  # a check on batches left to ccxt
    consumed: frozenset[str] = field(default_factory=frozenset)  # extra keys read and never passed through
    consumed_one: frozenset[str] = field(init=False, repr=False, compare=False)
    consumed_batch: frozenset[str] = field(init=False, repr=False, compare=False)
    consumed_all: frozenset[str] = field(init=False, repr=False, compare=False)
    only: Endpoints | None = field(init=False, repr=False, compare=False)  # the endpoints, when there is one set

    def __post_init__(self) -> None:
        # The consumed-key sets of each method, made once: a union per call costs a cancel measurable time.
        object.__setattr__(self, "consumed_one", CONSUMED_ONE | self.consumed)
        object.__setattr__(self, "consumed_batch", CONSUMED_BATCH | self.consumed)
        object.__setattr__(self, "consumed_all", SWITCH_KEYS | self.consumed)
        object.__setattr__(self, "only", next(iter(self.endpoints.values())) if len(self.endpoints) == 1 else None)

    def signed_apis(self, path: str) -> dict[str, list[tuple[str, str, str]]]:
        """What the product asks ccxt's sign to sign, for the start-up self-check (selfcheck.py)."""
        return {exchange_id: [(self.api[0], path, "DELETE")] for exchange_id in sorted(self.exchanges)}


def routed(products: Collection[str]) -> Callable[[Any, str, Any, Mapping[str, Any]], markets.Route | None]:
    """A claim through the shared router: the call's route when its product is one of ``products``."""

    def claim(exchange: Any, method: str, symbol: Any, params: Mapping[str, Any]) -> markets.Route | None:
        target = markets.route(exchange, method, symbol, params)
        return target if target is not None and target.product in products else None

    return claim


def _claim(product: Product, exchange: Any, method: str, symbol: Any, given: dict[str, Any]) -> Any:
    target = product.claim(exchange, method, symbol, given)
    if target is None:
        return None
    refuse_selector(exchange.id, method, given, product.selector)
    if product.isolated is not None and "isIsolated" in given:
        raise BadRequest(f"{exchange.id} {method}() params['isIsolated'] is no {product.isolated}")
    checks.wire_safe_params(exchange.id, method, given)
    check_symbol_param(exchange.id, method, given, target.market_id)
    if product.margin and "isIsolated" in given:
        value = given["isIsolated"]
        if type(value) not in (bool, str) or value not in ISOLATED_VALUES or ISOLATED_VALUES[value] is not target.isolated:
            mode = "isolated" if target.isolated else "cross"
            raise BadRequest(f"{exchange.id} {method}() params['isIsolated'] {value!r} contradicts marginMode {mode!r}; leave isIsolated out")
    return target


def _endpoints(product: Product, target: Any) -> Endpoints:
    only = product.only
    return product.endpoints[target.product] if only is None else only


def _base(product: Product, exchange: Any, method: str, target: Any, given: dict[str, Any], consumed: frozenset[str]) -> dict[str, Any]:
    """``symbol``, margin's isIsolated, then the params passed through (margin's order on the wire; ids come after)."""
    request: dict[str, Any] = {"symbol": target.market_id}
    if product.margin and target.isolated:
        request["isIsolated"] = "TRUE"
    request.update(extra_params(exchange.id, method, given, consumed, exchange.options, capped=product.capped))
    return request


def cancel_order(product: Product, exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrder"
    target = _claim(product, exchange, method, symbol, params)
    if target is None:
        return None
    fields = id_fields(exchange.id, method, id, params, both=product.both_ids)
    if product.margin:
        request = _base(product, exchange, method, target, params, product.consumed_one)
        request.update(fields)
    else:
        request = {"symbol": target.market_id, **fields}
        request.update(extra_params(exchange.id, method, params, product.consumed_one, exchange.options, capped=product.capped))
    endpoints = _endpoints(product, target)
    cancel = Request(endpoints.one, product.api, "DELETE", request, endpoints.cost_one)
    return Plan(
        requests=[cancel],
        parse=partial(parse_one, exchange, target.market, fields),
        on_error=partial(product.on_error, exchange.id),
        resolution=partial(resolution, exchange, target.market, cancel),
    )


def cancel_orders(product: Product, exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelOrders"
    target = _claim(product, exchange, method, symbol, params)
    if target is None:
        if product.decline_batch is not None:
            product.decline_batch(exchange, method, symbol, params)
        return None
    keys, by_order_id = batch_keys(exchange.id, method, ids, params)
    on_error = partial(product.on_error, exchange.id)
    if product.batch is not None:
        extra = extra_params(exchange.id, method, params, product.consumed_batch, exchange.options, capped=product.capped)
        template = Request(product.batch.path, product.api, "DELETE", extra, product.batch.cost)
        return futures_batch_plan(exchange, method, keys, by_order_id, target.market_id, target.market, template, product.batch.limit, on_error)
    endpoints = _endpoints(product, target)
    base = _base(product, exchange, method, target, params, product.consumed_batch)

    def build(fields: dict[str, str]) -> Request:
        if product.margin:
            return Request(endpoints.one, product.api, "DELETE", {**base, **fields}, endpoints.cost_one)
        return Request(endpoints.one, product.api, "DELETE", {"symbol": base["symbol"], **fields, **base}, endpoints.cost_one)

    return per_id_plan(exchange, method, keys, by_order_id, target.market["symbol"], target.market, build, on_error)


def cancel_all_orders(product: Product, exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
    method = "cancelAllOrders"
    target = _claim(product, exchange, method, symbol, params)
    if target is None:
        return None
    # Every product's cancel-all page lists no id: an id here names one order while the request cancels them all.
    checks.no_order_ids(exchange.id, method, params, ID_KEYS)
    endpoints = _endpoints(product, target)
    request = _base(product, exchange, method, target, params, product.consumed_all)
    cancel = Request(endpoints.all, product.api, "DELETE", request, endpoints.cost_all)
    return Plan(
        requests=[cancel],
        parse=partial(endpoints.parse_all, exchange, target.market),
        on_error=partial(product.on_error, exchange.id),
        # USD-M, COIN-M and portfolio margin UM/CM acknowledge the whole symbol: with confirm, their open orders are listed again.
        confirm=None if endpoints.open_orders is None else partial(verify_futures_all, exchange, target.market, cancel, endpoints.open_orders),
    )


def hooks(product: Product) -> tuple[Callable[..., Plan | None], Callable[..., Plan | None], Callable[..., Plan | None]]:
    """The three cancel hookimpls bound to ``product``, for its registered module."""

    @hookimpl
    def ccxt_cancel_order(exchange: Any, id: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
        return cancel_order(product, exchange, id, symbol, params)

    @hookimpl
    def ccxt_cancel_orders(exchange: Any, ids: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
        return cancel_orders(product, exchange, ids, symbol, params)

    @hookimpl
    def ccxt_cancel_all_orders(exchange: Any, symbol: Any, params: dict[str, Any]) -> Plan | None:
        return cancel_all_orders(product, exchange, symbol, params)

    return ccxt_cancel_order, ccxt_cancel_orders, ccxt_cancel_all_orders
