"""Gate cancel answers -> unified orders, matched by identity (batch.match), batches by the batch rule (batch.Ledger).

A single cancel answers with the order (sources.SPOT_STATUS, sources.FUTURES_STATUS):
its ``status`` / ``finish_as`` say whether it was canceled (``'canceled'``)
or had already filled (``'closed'``); anything else leaves ``status`` None.
A batch item with ``succeeded: true`` says the cancellation succeeded
(sources.BATCH_RESULT): ``'canceled'``; a failed item keeps its id and its
label / message as a ccxt class.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ccxt.base.errors import BadResponse

from ccxt_cancel import batch, errors, orders
from ccxt_cancel.builtins.gate import errors as gate_errors
from ccxt_cancel.builtins.gate.markets import Target

SPOT_STATUS = {"cancelled": "canceled", "closed": "closed"}
FINISH_AS = {"cancelled": "canceled", "filled": "closed"}


def status_of(item: Mapping[str, Any]) -> str | None:
    """``'canceled'`` / ``'closed'`` only where the order itself says so; None otherwise."""
    status = item.get("status")
    if status in SPOT_STATUS:
        return SPOT_STATUS[str(status)]
    if status == "finished":
        return FINISH_AS.get(str(item.get("finish_as")))
    return None


def name_of(field: str) -> Callable[[Any], Any]:
    """What names an answer item: its ``id`` for an order id, its ``text`` for a client id."""
    wire = "id" if field == "id" else "text"
    return lambda item: None if item.get(wire) is None else str(item.get(wire))


def unified(exchange: Any, symbol: str | None, item: Mapping[str, Any], field: str, key: str, status: str | None) -> dict[str, Any]:
    text = item.get("text")
    order: dict[str, Any] = orders.unified(
        exchange,
        {
            "id": key if field == "id" else (None if item.get("id") in (None, "") else str(item["id"])),
            "clientOrderId": text if isinstance(text, str) and text.startswith("t-") else (key if field == "clientOrderId" else None),
            "symbol": symbol,
            "status": status,
            "info": dict(item),
        },
    )
    return order


def the_order(exchange: Any, method: str, symbol: str | None, field: str, key: str, answer: Any) -> dict[str, Any]:
    """A single cancel's answer: the order it names (by id or text), with what it says of itself; else BadResponse, outcome unknown."""
    items = [answer] if isinstance(answer, Mapping) else []
    (item,) = batch.match(items, [key], name_of(field)) if items else (None,)
    if item is None:
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} {method}() sent {field} {key} but the answer does not name it; the outcome is unknown: {answer!r}"
        )
    return unified(exchange, symbol, item, field, key, status_of(item))


def read_query(exchange: Any, target: Target, field: str, key: str, answer: Any) -> dict[str, Any]:
    """A one-order query's answer: the order asked about (else BadResponse), ``'open'`` where its ``status`` says so."""
    order = the_order(exchange, "fetchOrder", target.symbol, field, key, answer)
    if order["status"] is None and isinstance(answer, Mapping) and answer.get("status") == "open":
        order["status"] = "open"
    return order


def parse_one(exchange: Any, target: Target, field: str, key: str, answers: list[Any]) -> dict[str, Any]:
    (answer,) = answers
    return the_order(exchange, "cancelOrder", target.symbol, field, key, answer)


def read_chunk(exchange: Any, method: str, ledger: batch.Ledger, answer: Any, positions: Sequence[int]) -> None:
    if not isinstance(answer, list):
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} {method}() expected a list of results, got {answer!r}; the outcome is unknown")
    keys = [ledger.keys[n] for n in positions]
    items = [i for i in answer if isinstance(i, Mapping)]
    for index, key, item in zip(positions, keys, batch.match(items, keys, name_of("id")), strict=True):
        if item is None:
            ledger.failed(
                index, errors.unknown_outcome(BadResponse, f"{exchange.id} {method}() id {key}: the answer has no item for it; its outcome is unknown")
            )
        elif item.get("succeeded") is True:
            ledger.canceled(index, unified(exchange, ledger.symbol, item, "id", key, "canceled"))
        else:
            label = item.get("label") or item.get("message")
            feedback = f"{exchange.id} {method}() id {key}: {dict(item)!r}"
            ledger.failed(index, gate_errors.item_error(exchange, label, item.get("message"), feedback), item)


def read_single(exchange: Any, method: str, ledger: batch.Ledger, answer: Any, positions: Sequence[int]) -> None:
    """One single-cancel answer of a batch sent as singles (delivery)."""
    (index,) = positions
    ledger.canceled(index, the_order(exchange, method, ledger.symbol, "id", ledger.keys[index], answer))


def parse_all(exchange: Any, symbol: str | None, answers: list[Any]) -> list[dict[str, Any]]:
    """A cancel-all: each listed order with what the answer says of it; failed spot items carry their error; items without an id are left out."""
    (answer,) = answers
    if not isinstance(answer, list):
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} cancelAllOrders() expected a list of orders, got {answer!r}; the outcome is unknown")
    orders: list[dict[str, Any]] = []
    for item in answer:
        if not isinstance(item, Mapping) or item.get("id") in (None, ""):
            continue  # an item naming no order is not an order
        key = str(item["id"])
        failed = item.get("succeeded") is False
        order = unified(exchange, symbol, item, "id", key, None if failed else status_of(item))
        if failed:
            feedback = f"{exchange.id} cancelAllOrders() id {key}: {dict(item)!r}"
            order[batch.ERROR_KEY] = batch.error_data(gate_errors.item_error(exchange, item.get("label"), item.get("message"), feedback))
        orders.append(order)
    return orders
