"""Binance answers -> unified orders, and the plans that read them (shared by every product).

A batch answer is a list whose failed items are ``{"code", "msg"}``, read
item by item with ``batch.match``. ``per_id_plan`` is the batch of products
without a batch-by-ids endpoint (spot, margin, portfolio margin): one
documented single cancel per id, sent through ``batch.chunked`` so that the
batch rule holds (every id gets an entry, the plan goes on after a failed
id, and stops after a rate limit, a credentials or a clock error).
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Generator, Mapping, Sequence
from functools import partial
from typing import Any

from ccxt.base.errors import (
    BadResponse,
)

from ccxt_cancel import batch, checks, errors, resolve
from ccxt_cancel.builtins.binance.errors import batch_answer
from ccxt_cancel.plans import Bulk, HttpAnswer, Items, Plan, Request, Resolution, Steps

# --- answers (pure) ------------------------------------------------------------------------


def named_in(answer: Mapping[str, Any], fields: Mapping[str, Any]) -> str | None:
    """The id an answer names for the field the cancel was keyed by: its orderId, else its client id.

    Spot and margin answers carry the canceled order's client id as
    ``origClientOrderId`` (their ``clientOrderId`` is the cancel request's own
    new id); futures and portfolio-margin answers as ``clientOrderId``.
    """
    if "orderId" in fields:
        value = answer.get("orderId")
    else:
        value = answer.get("origClientOrderId", answer.get("clientOrderId")) if answer.get("orderId") is not None else None
    return None if value is None else str(value)


# named_in(item, {"orderId": ...}) in C: batch.match reads and compares the id as text itself.
ORDER_ID_OF = operator.methodcaller("get", "orderId")


def parse_one(exchange: Any, market: dict[str, Any], fields: Mapping[str, Any], answers: list[Any]) -> Any:
    """A single cancel's answer: the order it names must be the one requested (``fields``), or the outcome is unknown."""
    (answer,) = answers
    if not isinstance(answer, Mapping) or answer.get("orderId") is None:
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} cancelOrder() expected an order with an orderId, got {answer!r}; the outcome is unknown")
    field = "orderId" if "orderId" in fields else "origClientOrderId"
    key = fields[field]
    named = named_in(answer, fields)
    if named != str(key):
        raise errors.unknown_outcome(
            BadResponse,
            f"{exchange.id} cancelOrder() asked to cancel {field} {key} but the answer is about {named!r}; the outcome for {key} is unknown: {answer!r}",
        )
    return exchange.parse_order(answer, market)


def read_chunk(exchange: Any, market: dict[str, Any], ledger: batch.Ledger, key_field: str, answer: Any, positions: Sequence[int]) -> None:
    """One batch answer into the ledger, item by item, matched by identity (``batch.match``).

    A failed item (``{"code": -2011, "msg": "Unknown order sent."}``) names
    no order: it fails the first requested id no item named, with the ccxt
    class binance's own error table gives that code; the item is the entry's
    ``info``. A requested id that no item answers has an unknown outcome.
    """
    # A chunk's positions are a range (futures_batch_plan): one slice in C.
    keys = ledger.keys[positions.start : positions.stop] if type(positions) is range and positions.step == 1 else [ledger.keys[i] for i in positions]
    # A plain loop, type() first: the Mapping ABC check and a generator cost more than the rest of an item's matching (issue 25).
    items_ok = isinstance(answer, list)
    if items_ok:
        for item in answer:
            if type(item) is not dict and not isinstance(item, Mapping):
                items_ok = False
                break
    if not items_ok:
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} cancelOrders() expected a list of items for {keys!r}, got {answer!r}; the outcome is unknown")
    if key_field == "orderId":
        found = batch.match(answer, keys, ORDER_ID_OF)
    else:
        fields = {"origClientOrderId": None}
        found = batch.match(answer, keys, lambda item: named_in(item, fields))
    if answer and not any(found):
        # Items, but none about a requested id: the answer proves nothing about this chunk.
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} cancelOrders() no item of the answer names one of {keys!r}; the outcome is unknown: {answer!r}"
        )
    if not answer:
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} cancelOrders() expected an item for each of {keys!r}, got an empty list; the outcome is unknown"
        )
    parse_order, canceled = exchange.parse_order, ledger.canceled  # looked up once per chunk, not per item
    for index, key, item in zip(positions, keys, found, strict=True):
        if item is None:
            error = errors.unknown_outcome(BadResponse, f"{exchange.id} cancelOrders() the answer has no item for {key_field} {key}; its outcome is unknown")
            ledger.failed(index, error)
        elif item.get("orderId") is None:
            feedback = f"{exchange.id} cancelOrders() {key_field} {key}: {json.dumps(item, separators=(',', ':'))}"
            ledger.failed(index, batch.item_error(exchange, item.get("code"), item.get("msg"), feedback), item)
        else:
            canceled(index, parse_order(item, market))


def parse_all(exchange: Any, market: dict[str, Any], answers: list[Any]) -> list[Any]:
    """A futures cancel-all: ccxt's own shape, a list answer parsed, the documented ``{"code": 200, "msg": ...}`` acknowledgement wrapped.

    Anything else (an empty or truncated body) proves nothing: BadResponse, never a result.
    """
    (answer,) = answers
    if isinstance(answer, list):
        return list(exchange.parse_orders(answer, market))
    if isinstance(answer, Mapping) and str(answer.get("code")) == "200":
        return [exchange.safe_order({"info": answer})]
    raise BadResponse(f"{exchange.id} cancelAllOrders() expected the documented {{'code': 200, 'msg': ...}} acknowledgement, got {answer!r}")


def parse_all_reports(exchange: Any, market: dict[str, Any], answers: list[Any]) -> list[Any]:
    """A spot or margin cancel-all: the documented list of cancel reports, one unified order per canceled order.

    An order list (OCO ...) comes as one entry whose ``orderReports`` are its
    canceled orders; each report becomes an order (ccxt's ``parse_orders``
    would turn the list entry itself into an order without id or status).
    Each report carries ``"status": "CANCELED"``, which ``parse_order`` maps
    to ``'canceled'``.
    """
    (answer,) = answers
    if not isinstance(answer, list) or not all(isinstance(item, Mapping) for item in answer):
        raise BadResponse(f"{exchange.id} cancelAllOrders() expected the documented list of canceled orders, got {answer!r}")
    reports: list[Any] = []
    for item in answer:
        nested = item.get("orderReports")
        if isinstance(nested, list):
            reports.extend(report for report in nested if isinstance(report, Mapping))
        else:
            reports.append(item)
    return [exchange.parse_order(report, market) for report in reports]


# --- unknown outcomes, resolved -----------------------------------------------------------------

# Every product's query endpoint is its cancel path with GET ("Query Order": spot GET /api/v3/order,
# USD-M GET /fapi/v1/order, COIN-M GET /dapi/v1/order, margin GET /sapi/v1/margin/order, portfolio
# margin GET /papi/v1/{um,cm,margin}/order), reading the same ids and scope; the parameters these
# pages list. Any other cancel parameter (cancelRestrictions, newClientOrderId) would be refused there.
QUERY_KEYS = ("symbol", "orderId", "origClientOrderId", "isIsolated", "recvWindow")


def read_query(exchange: Any, market: dict[str, Any], fields: Mapping[str, Any], answer: Any) -> dict[str, Any]:
    """A Query Order answer: the order it names must be the one asked about (``parse_one``'s rule), parsed by ccxt."""
    order: dict[str, Any] = parse_one(exchange, market, fields, [answer])
    return order


def resolution(exchange: Any, market: dict[str, Any], cancel: Request) -> Resolution:
    """How to learn what became of the order ``cancel`` names, and cancel it again by its orderId."""
    given = dict(cancel.params) if isinstance(cancel.params, Mapping) else {}
    asked = {key: given[key] for key in QUERY_KEYS if key in given}
    fields: dict[str, Any] = {key: asked[key] for key in ("orderId", "origClientOrderId") if key in asked}
    query = Request(cancel.path, cancel.api, "GET", asked, resolve.ccxt_cost(exchange, cancel.api[0], "GET", cancel.path))

    return Resolution(
        query=query,
        read=partial(read_query, exchange, market, fields),
        cancel_again=resolve.again_by_id(cancel, "orderId", ("origClientOrderId",)),
        read_cancel=lambda order_id, answer: parse_one(exchange, market, {"orderId": order_id}, [answer]),
    )


# USD-M "All Orders (USER_DATA)", GET /fapi/v1/allOrders (sources.ALL_ORDERS, read 2026-12-05): weight 5; "If
# orderId is set, it will get orders >= that orderId"; limit "Default 500; max 1000"; not found: "order status is
# CANCELED or EXPIRED AND order has NO filled trade AND created time + 3 days < current time". COIN-M's
# /dapi/v1/allOrders takes the same parameters; its cost is ccxt's table's.
ALL_ORDERS = "allOrders"
ALL_ORDERS_LIMIT = 1000
FUTURES_ONE = "order"  # DELETE and GET /fapi/v1/order, /dapi/v1/order: the single cancel and Query Order
# The open-orders listings that verify a futures cancel-all, each weight 1 with a symbol: GET /fapi/v1/openOrders,
# /dapi/v1/openOrders (DESIGN.md section 10), /papi/v1/um/openOrders and /papi/v1/cm/openOrders (sources.PORTFOLIO_OPEN_UM, _CM).
FUTURES_OPEN = "openOrders"
PORTFOLIO_OPEN_UM, PORTFOLIO_OPEN_CM = "um/openOrders", "cm/openOrders"


def batch_items(exchange: Any, market: dict[str, Any], build: Callable[[dict[str, str]], Request], by_order_id: bool, listing: Sequence[str] | None) -> Items:
    """How the core resolves a batch's unknown entries: Query Order per id, or (futures, order ids) one All Orders page.

    ``build`` makes the single cancel of one id; ``listing`` is the API of
    the futures All Orders endpoint (None: per id only; spot, margin and
    portfolio margin batches are single cancels, each resolved by its query).
    """
    field = "orderId" if by_order_id else "origClientOrderId"

    def one(key: str) -> Resolution:
        return resolution(exchange, market, build({field: key}))

    bulk = partial(all_orders, exchange, market, listing) if listing is not None and by_order_id else None
    return Items("id" if by_order_id else "clientOrderId", one, bulk)


def all_orders(exchange: Any, market: dict[str, Any], api: Sequence[str], keys: Sequence[str]) -> Bulk | None:
    """One All Orders page from the lowest requested orderId: every requested order created since is on it (up to 1000)."""
    if not all(checks.is_ascii_digits(key) for key in keys):
        return None
    wanted = frozenset(keys)
    query = {"symbol": market["id"], "orderId": min(keys, key=int), "limit": str(ALL_ORDERS_LIMIT)}

    def read(answers: list[Any]) -> dict[str, dict[str, Any]]:
        (answer,) = answers
        if not isinstance(answer, list):
            raise BadResponse(f"{exchange.id} fetchOrders: All Orders expected a list, got {str(answer)[:300]}")
        found: dict[str, dict[str, Any]] = {}
        for item in answer:
            if isinstance(item, Mapping) and str(item.get("orderId")) in wanted and item.get("symbol") == market["id"]:
                found[str(item["orderId"])] = exchange.parse_order(item, market)
        return found

    return Bulk([Request(ALL_ORDERS, api, "GET", query, resolve.ccxt_cost(exchange, api[0], "GET", ALL_ORDERS))], read)


def verify_futures_all(exchange: Any, market: dict[str, Any], cancel: Request, path: str, result: Any, policy: resolve.Policy) -> Steps | None:
    """A futures cancel-all with ``confirm``: ``GET`` the symbol's open orders (``path``) again (core ``verify_listing``).

    The answer (``{"code": 200, "msg": ...}``) acknowledges the whole symbol
    and names no order, so an order still listed after the last round is an
    unknown outcome, and what is left is cancelled by the same cancel-all.
    """
    if not isinstance(result, list):
        return None
    query = Request(path, cancel.api, "GET", {"symbol": market["id"]}, resolve.ccxt_cost(exchange, cancel.api, "GET", path))

    def still_open() -> Generator[Request, Any, dict[str, Mapping[str, Any]]]:
        answer = yield query
        if not isinstance(answer, list) or not all(isinstance(o, Mapping) and o.get("orderId") is not None for o in answer):
            raise BadResponse(f"{exchange.id} fetchOpenOrders: expected a list of orders with an orderId, got {str(answer)[:300]}")
        return {str(o["orderId"]): o for o in answer if o.get("symbol") == market["id"]}

    def cancel_left(missed: Mapping[str, Mapping[str, Any]]) -> Generator[Request, Any, list[dict[str, Any]]]:
        answer = yield cancel
        return [o for o in parse_all(exchange, market, [answer]) if o.get("id") is not None]  # an acknowledgement adds no entry

    return resolve.verify_listing(
        exchange, market["symbol"], list(result), still_open, cancel_left, "openOrders", policy, client_key="clientOrderId", acknowledged_all=True
    )


# --- batches ------------------------------------------------------------------------------------


def futures_batch_plan(
    exchange: Any,
    method: str,
    keys: list[str],
    by_order_id: bool,
    market_id: str,
    market: dict[str, Any],
    template: Request,
    limit: int,
    on_error: Callable[[HttpAnswer], BaseException | None],
) -> Plan:
    """``DELETE .../batchOrders`` in chunks of ``limit`` ids, read item by item (``read_chunk``) under the batch rule.

    The lists go in as Python lists, the way ``binance.sign`` expects them
    for ``DELETE batchOrders`` (``orderidlist`` / ``origClientOrderIdList``):
    it encodes them and signs exactly what it sends. ``template`` carries the
    path, api, cost and the extra params of every chunk.
    """
    list_param, key_field = ("orderidlist", "orderId") if by_order_id else ("origClientOrderIdList", "clientOrderId")
    ledger = batch.Ledger(exchange, method, keys, "id" if by_order_id else "clientOrderId", market["symbol"])
    extra = dict(template.params) if isinstance(template.params, Mapping) else {}
    chunks = [
        (
            Request(template.path, template.api, template.method, {"symbol": market_id, list_param: keys[start : start + limit], **extra}, template.cost),
            range(start, min(start + limit, len(keys))),
        )
        for start in range(0, len(keys), limit)
    ]
    read = partial(read_chunk, exchange, market, ledger, key_field)

    def build(fields: dict[str, str]) -> Request:
        cost = resolve.ccxt_cost(exchange, template.api[0], "DELETE", FUTURES_ONE)
        return Request(FUTURES_ONE, template.api, "DELETE", {"symbol": market_id, **fields, **extra}, cost)

    return Plan(
        steps=batch.chunked(ledger, chunks, read),
        on_error=partial(batch_answer, on_error),
        expected_requests=len(chunks),
        items=partial(batch_items, exchange, market, build, by_order_id, template.api),
    )


# --- batches without a batch endpoint: one single cancel per id ---------------------------------


def read_single(exchange: Any, market: dict[str, Any], ledger: batch.Ledger, answer: Any, positions: Sequence[int]) -> None:
    """One single-cancel answer into the ledger: the documented order, or BadResponse."""
    (index,) = positions
    fields = {"orderId" if ledger.key_field == "id" else "origClientOrderId": ledger.keys[index]}
    ledger.canceled(index, parse_one(exchange, market, fields, [answer]))


def per_id_plan(
    exchange: Any,
    method: str,
    keys: list[str],
    by_order_id: bool,
    symbol: str,
    market: dict[str, Any],
    build: Callable[[dict[str, str]], Request],
    on_error: Callable[[HttpAnswer], BaseException | None],
) -> Plan:
    """A batch sent as one single cancel per id (``build`` makes the request from ``{"orderId": id}`` or ``{"origClientOrderId": id}``).

    ``batch.chunked`` with chunks of one: each id gets an entry, a failed id
    keeps its id and its error, the plan goes on after a failure and stops
    after a rate limit, credentials or clock error (those ids then say "not sent").
    """
    field = "orderId" if by_order_id else "origClientOrderId"
    ledger = batch.Ledger(exchange, method, keys, "id" if by_order_id else "clientOrderId", symbol)
    chunks = [(build({field: key}), (index,)) for index, key in enumerate(keys)]
    return Plan(
        steps=batch.chunked(ledger, chunks, partial(read_single, exchange, market, ledger)),
        on_error=on_error,
        expected_requests=len(chunks),
        items=partial(batch_items, exchange, market, build, by_order_id, None),
    )
