"""Classic v2 cancel answers -> unified orders. ``00000`` acknowledges the cancel; it does not confirm it: ``status`` is None."""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from typing import Any

from ccxt.base.errors import BadResponse

from ccxt_cancel import batch, errors, orders, resolve
from ccxt_cancel.builtins.bitget import errors as bitget_errors
from ccxt_cancel.builtins.bitget.limits import OPEN_PAGE, OPEN_PAGES, cost
from ccxt_cancel.builtins.bitget.markets import Target
from ccxt_cancel.plans import Request, Steps

FIELD = {"orderId": "id", "clientOid": "clientOrderId"}


def acknowledged(exchange: Any, target: Target, item: Mapping[str, Any], wire: str, key: str) -> dict[str, Any]:
    return orders.acknowledged(
        exchange,
        item.get("orderId") or (key if wire == "orderId" else None),
        item.get("clientOid") or (key if wire == "clientOid" else None),
        target.symbol,
        dict(item),
    )


# sources.SPOT_ORDER_INFO / MIX_ORDER_DETAIL: spot "status", futures "state".
# "init" and "full_fill" appear on the spot page and in ccxt 4.5.90's parse_order_status (open / closed).
QUERY_STATUS = {
    "init": "open",
    "live": "open",
    "new": "open",
    "partially_filled": "open",
    "filled": "closed",
    "full_fill": "closed",
    "cancelled": "canceled",
    "canceled": "canceled",
}


def read_query(exchange: Any, target: Target, wire: str, key: str, answer: Any) -> dict[str, Any]:
    """A one-order query's answer: the order it names must be the one asked about (``wire`` == ``key``, same symbol)."""
    data = answer.get("data") if isinstance(answer, Mapping) else None
    items = [i for i in (data if isinstance(data, list) else [data]) if isinstance(i, Mapping)]
    item = items[0] if len(items) == 1 else None
    if item is None or str(item.get(wire)) != key or item.get("symbol") not in (None, target.market_id):
        raise BadResponse(f"{exchange.id} fetchOrder: the order query for {wire} {key} answered about another order: {answer!r:.300}")
    status = QUERY_STATUS.get(str(item.get("status") or item.get("state") or ""))
    order: dict[str, Any] = orders.unified(
        exchange,
        {"id": item.get("orderId") or None, "clientOrderId": item.get("clientOid") or None, "symbol": target.symbol, "status": status, "info": dict(item)},
    )
    return order


def parse_one(exchange: Any, target: Target, wire: str, key: str, answers: list[Any]) -> dict[str, Any]:
    (answer,) = answers
    data = answer.get("data") if isinstance(answer, Mapping) else None
    items = [data] if isinstance(data, Mapping) else []
    (item,) = batch.match(items, [key], lambda i: i.get(wire)) if items else (None,)
    if item is None:
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} cancelOrder() sent {wire} {key} but the answer does not name it; the outcome is unknown: {answer!r}"
        )
    return acknowledged(exchange, target, item, wire, key)


def read_chunk(exchange: Any, method: str, target: Target, ledger: batch.Ledger, wire: str, answer: Any, positions: Sequence[int]) -> None:
    data = answer.get("data") if isinstance(answer, Mapping) else None
    if not isinstance(data, Mapping):
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} {method}() expected successList/failureList, got {answer!r}; the outcome is unknown")
    ok = [i for i in data.get("successList") or [] if isinstance(i, Mapping)]
    bad = [i for i in data.get("failureList") or [] if isinstance(i, Mapping)]
    keys = [ledger.keys[n] for n in positions]
    name = lambda i: i.get(wire)
    # Successes are always named; failures that name the id come next; id-less failures fill what is left.
    found_ok = batch.match(ok, keys, name)
    rest = [k for k, f in zip(keys, found_ok, strict=True) if f is None]
    found_bad = dict(zip(rest, batch.match(bad, rest, name), strict=True))
    for index, key, item in zip(positions, keys, found_ok, strict=True):
        if item is not None:
            ledger.canceled(index, acknowledged(exchange, target, item, wire, key))
            continue
        failure = found_bad.get(key)
        if failure is None:
            ledger.failed(
                index, errors.unknown_outcome(BadResponse, f"{exchange.id} {method}() {wire} {key}: the answer has no item for it; its outcome is unknown")
            )
        else:
            feedback = f"{exchange.id} {method}() {wire} {key}: {dict(failure)!r}"
            ledger.failed(index, bitget_errors.item_error(exchange, failure.get("errorCode"), failure.get("errorMsg"), feedback), failure)


def chunks(requests: list[Request], size: int, total: int) -> list[tuple[Request, range]]:
    return [(request, range(start, min(start + size, total))) for request, start in zip(requests, range(0, total, size), strict=True)]


def batch_steps(
    exchange: Any, method: str, target: Target, ledger: batch.Ledger, wire: str, parts: list[tuple[Request, range]]
) -> Generator[Request, Any, list[dict[str, Any]]]:
    result: list[dict[str, Any]] = yield from batch.chunked(
        ledger, parts, lambda answer, positions: read_chunk(exchange, method, target, ledger, wire, answer, positions)
    )
    return result


def parse_all(exchange: Any, symbol: str | None, answers: list[Any]) -> list[dict[str, Any]]:
    """A futures cancel-all: successList items acknowledged (status None), failureList items with their error; items without an id are left out."""
    (answer,) = answers
    data = answer.get("data") if isinstance(answer, Mapping) else None
    if not isinstance(data, Mapping):
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} cancelAllOrders() expected successList/failureList, got {answer!r}; the outcome is unknown")
    found: list[dict[str, Any]] = []
    for failed, listed in ((False, data.get("successList")), (True, data.get("failureList"))):
        for item in listed or []:
            if not isinstance(item, Mapping) or not (item.get("orderId") or item.get("clientOid")):
                continue  # an item naming no order is not an order
            order = orders.acknowledged(exchange, item.get("orderId") or None, item.get("clientOid") or None, symbol, dict(item))
            if failed:
                feedback = f"{exchange.id} cancelAllOrders() orderId {item.get('orderId')}: {dict(item)!r}"
                order[batch.ERROR_KEY] = batch.error_data(bitget_errors.item_error(exchange, item.get("errorCode"), item.get("errorMsg"), feedback))
            found.append(order)
    return found


SPOT_OPEN = "v2/spot/trade/unfilled-orders"  # sources.SPOT_OPEN


def verify_spot_all(exchange: Any, target: Target, cancel: Request, result: Any, policy: resolve.Policy) -> Steps | None:
    """A spot cancel-all with ``confirm``: Get Current Orders for the symbol, again, until empty (core ``verify_listing``).

    The answer names the symbol and no order, and the cancel runs
    asynchronously (sources.SPOT_CANCEL_ALL): an order still listed after the
    last round had its cancel acknowledged with the symbol, so its outcome is
    unknown; what is listed before then gets the same cancel-all again.
    """
    if not isinstance(result, list):
        return None

    def still_open() -> Generator[Request, Any, dict[str, Mapping[str, Any]]]:
        found: dict[str, Mapping[str, Any]] = {}
        older: str | None = None
        for _ in range(OPEN_PAGES):
            query = {"symbol": target.market_id, "limit": str(OPEN_PAGE), **({} if older is None else {"idLessThan": older})}
            answer = yield Request(SPOT_OPEN, cancel.api, "GET", query, cost(exchange, SPOT_OPEN))
            page = answer.get("data") if isinstance(answer, Mapping) else None
            if not isinstance(page, list) or not all(isinstance(order, Mapping) and order.get("orderId") for order in page):
                raise BadResponse(f"{exchange.id} fetchOpenOrders: expected a list of orders with an orderId, got {str(answer)[:300]}")
            fresh = [order for order in page if str(order["orderId"]) not in found]
            if not fresh:
                return found  # an empty page ends the listing (a short one is not said to be the last)
            for order in fresh:
                if str(order.get("symbol", "")).upper() == target.market_id.upper():  # the page's example writes "btcusdt"
                    found[str(order["orderId"])] = order
            older = str(page[-1]["orderId"])
        raise BadResponse(f"{exchange.id} fetchOpenOrders: more than {OPEN_PAGES} pages of open orders for {target.market_id}; the listing was given up")

    def cancel_left(missed: Mapping[str, Mapping[str, Any]]) -> Generator[Request, Any, list[dict[str, Any]]]:
        answer = yield cancel
        return parse_spot_all(exchange, target, [answer])  # names no order: the next listing says what is left

    return resolve.verify_listing(
        exchange, target.symbol, list(result), still_open, cancel_left, "unfilled-orders", policy, client_key="clientOid", acknowledged_all=True
    )


def parse_spot_all(exchange: Any, target: Target, answers: list[Any]) -> list[dict[str, Any]]:
    """Spot cancel-symbol-order: the answer names the symbol, not the orders, and the cancel runs asynchronously.

    So nothing comes back: an empty list (never an order without an id). An
    answer naming another symbol is not this request's: the outcome is unknown.
    """
    (answer,) = answers
    data = answer.get("data") if isinstance(answer, Mapping) else None
    named = data.get("symbol") if isinstance(data, Mapping) else None
    if named != target.market_id:
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} cancelAllOrders() sent symbol {target.market_id} but the answer names {named!r}; the outcome is unknown: {answer!r}"
        )
    return []
