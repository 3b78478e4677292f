"""Reading Bybit v5 cancel answers into unified orders that claim no more than Bybit said.

Every cancel page says: "The acknowledgement of an cancel order request
indicates that the request was sucessfully accepted. This request is
asynchronous so please use the websocket to confirm the order status." A
success answer is an acknowledgement, not a confirmed cancel, so every order
returned here has ``status: None`` (ccxt's "not known"; ccxt's own
``parse_order`` says the same for these answers), never ``'canceled'``. The
order's ids come from the answer (``orderId`` -> ``id``, ``orderLinkId`` ->
``clientOrderId``) and its raw answer is ``info``. To learn whether it is
canceled, fetch it or watch the private order stream.

Batch answers pair ``result.list[i]`` with ``retExtInfo.list[i]`` (code and
message). The page does not promise that either list follows the request's
order, so an item is matched to its requested id by ``orderId`` /
``orderLinkId`` when it carries one, and by position only when it carries
no id. Code 0 is an acknowledged cancel; any other code is a failed entry
whose error class comes from ``errors.item_error``. An answer that cannot be
read fails its ids with ``BadResponse``; it is never taken for a success.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from ccxt.base.errors import BadResponse, ExchangeError

from ccxt_cancel import batch, errors, orders
from ccxt_cancel.builtins.bybit.errors import compact, item_error
from ccxt_cancel.builtins.bybit.markets import Target

log = logging.getLogger("ccxt_cancel")


def _text(value: Any) -> str | None:
    """An id field of an answer as text; Bybit writes "" for an id it does not have."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    return str(value) if isinstance(value, (str, int)) else None


def _result(exchange: Any, method: str, answer: Any) -> Mapping[str, Any]:
    result = answer.get("result") if isinstance(answer, Mapping) else None
    if not isinstance(result, Mapping):
        raise BadResponse(f"{exchange.id} {method}() expected an answer with a 'result' object, got {compact(answer)[:300]}")
    return result


def parse_one(exchange: Any, target: Target, field: str, key: str, answers: list[Any]) -> dict[str, Any]:
    """``POST /v5/order/cancel``: the order the answer names, which must be the one requested."""
    (answer,) = answers
    result = _result(exchange, "cancelOrder", answer)
    order_id, link_id = _text(result.get("orderId")), _text(result.get("orderLinkId"))
    named = order_id if field == "orderId" else link_id
    if (order_id is None and link_id is None) or (named is not None and named != key):
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} cancelOrder() asked to cancel {field} {key}, the answer names {compact(result)}; the outcome is unknown"
        )
    if field == "orderId":
        order_id = key
    else:
        link_id = key
    return orders.acknowledged(exchange, order_id, link_id, target.symbol, answer)


def read_query(exchange: Any, target: Target, field: str, key: str, answer: Any) -> dict[str, Any]:
    """A ``GET /v5/order/realtime`` answer: its one order, which must be the one asked about, parsed by ccxt."""
    items = _result(exchange, "fetchOrder", answer).get("list")
    item = items[0] if isinstance(items, list) and len(items) == 1 and isinstance(items[0], Mapping) else None
    if item is None or _text(item.get(field)) != key:
        raise BadResponse(f"{exchange.id} fetchOrder: order/realtime for {field} {key} did not answer with that one order: {compact(answer)[:300]}")
    order: dict[str, Any] = exchange.parse_order(dict(item), None)
    order["symbol"] = target.symbol  # the cancel's own symbol; ccxt would give the raw id on a cold exchange
    return order


def read_chunk(exchange: Any, target: Target, ledger: batch.Ledger, field: str, answer: Any, positions: Sequence[int]) -> None:
    """One ``POST /v5/order/cancel-batch`` answer into the ledger, one entry per requested position."""
    result = _result(exchange, "cancelOrders", answer)
    items = result.get("list")
    ext = answer.get("retExtInfo")
    codes = ext.get("list") if isinstance(ext, Mapping) else None
    if not isinstance(items, list) or not isinstance(codes, list) or len(items) != len(codes):
        raise BadResponse(f"{exchange.id} cancelOrders() expected result.list and retExtInfo.list of the same length, got {compact(answer)[:300]}")
    if not all(isinstance(item, Mapping) for item in items) or not all(isinstance(code, Mapping) for code in codes):
        raise BadResponse(f"{exchange.id} cancelOrders() expected objects in result.list and retExtInfo.list, got {compact(answer)[:300]}")
    keys = [ledger.keys[p] for p in positions]
    # result.list[i] and retExtInfo.list[i] describe one order; the pair counts for the id it names.
    found = batch.match(list(zip(items, codes, strict=True)), keys, lambda pair: _text(pair[0].get(field)))
    for position, key, pair in zip(positions, keys, found, strict=True):
        if pair is None:
            error = errors.unknown_outcome(BadResponse, f"{exchange.id} cancelOrders() the answer has no item for {field} {key}; its outcome is unknown")
            ledger.failed(position, error)
        else:
            _apply(exchange, target, ledger, field, position, pair[0], pair[1])


def _apply(exchange: Any, target: Target, ledger: batch.Ledger, field: str, position: int, item: Mapping[str, Any], outcome: Mapping[str, Any]) -> None:
    key = ledger.keys[position]
    code = outcome.get("code")
    if code is not None and str(code) == "0":
        order_id = key if field == "orderId" else _text(item.get("orderId"))
        link_id = key if field == "orderLinkId" else _text(item.get("orderLinkId"))
        ledger.canceled(position, orders.acknowledged(exchange, order_id, link_id, target.symbol, dict(item)))
        return
    feedback = f"{exchange.id} cancelOrders() {field} {key}: {compact(outcome)}"
    error = BadResponse(f"{feedback} (no code)") if code is None else item_error(exchange, code, outcome.get("msg"), feedback)
    ledger.failed(position, error, dict(item))


def parse_all(exchange: Any, target: Target | None, answers: list[Any]) -> list[dict[str, Any]]:
    """``POST /v5/order/cancel-all``: one acknowledged order per listed order.

    The page's ``success``: "1": success, "0": fail ("UTA1.0 (inverse) does
    not return this field"). A "0" raises ``ExchangeError`` with the answer;
    the listed orders then are not known to be accepted.
    """
    (answer,) = answers
    result = _result(exchange, "cancelAllOrders", answer)
    success = result.get("success")
    if success is not None and str(success) == "0":
        raise ExchangeError(f'{exchange.id} cancelAllOrders() Bybit answered success "0" (fail): {compact(answer)[:300]}')
    items = result.get("list")
    if not isinstance(items, list):
        raise BadResponse(f"{exchange.id} cancelAllOrders() expected result.list, got {compact(answer)[:300]}")
    found = []
    for item in items:
        order_id = _text(item.get("orderId")) if isinstance(item, Mapping) else None
        link_id = _text(item.get("orderLinkId")) if isinstance(item, Mapping) else None
        if order_id is None and link_id is None:
            raise BadResponse(f"{exchange.id} cancelAllOrders() answer lists an order without an id: {compact(item)}")
        found.append(orders.acknowledged(exchange, order_id, link_id, None if target is None else target.symbol, dict(item)))
    return found


def read_listing(exchange: Any, market_id: str | None, answer: Any) -> tuple[list[Mapping[str, Any]], str | None]:
    """One page of ``GET /v5/order/realtime`` (open orders): its orders with an orderId, and the next cursor.

    An order of another symbol than the one asked about is left out; an item
    without an ``orderId`` makes the page unreadable (``BadResponse``).
    """
    result = _result(exchange, "fetchOpenOrders", answer)
    items = result.get("list")
    if not isinstance(items, list) or not all(isinstance(item, Mapping) and _text(item.get("orderId")) for item in items):
        raise BadResponse(f"{exchange.id} fetchOpenOrders: expected result.list of orders with an orderId, got {compact(answer)[:300]}")
    listed = [item for item in items if market_id is None or item.get("symbol") == market_id]
    cursor = _text(result.get("nextPageCursor"))
    return listed, cursor if items else None
