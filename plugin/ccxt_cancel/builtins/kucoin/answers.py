"""Cancel answers -> unified orders, matched by identity (batch.match).

Every KuCoin cancel page describes an acknowledgement: the spot pages say
"This endpoint only sends cancellation requests" (sources.SPOT_ACK_QUOTE);
the futures ones return "The orderId that is to be canceled". None confirms
the cancel, so every order here has ``status`` None.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from typing import Any

from ccxt.base.errors import BadResponse, BaseError

from ccxt_cancel import batch, errors, orders
from ccxt_cancel.builtins.kucoin import errors as kucoin_errors
from ccxt_cancel.builtins.kucoin.markets import Target
from ccxt_cancel.plans import HAND_BACK, Request

FIELD = {"orderId": "id", "clientOid": "clientOrderId"}


def order_of(exchange: Any, target: Target, item: Mapping[str, Any], wire: str, key: str) -> dict[str, Any]:
    return orders.acknowledged(
        exchange,
        item.get("orderId") or (key if wire == "orderId" else None),
        item.get("clientOid") or (key if wire == "clientOid" else None),
        target.symbol,
        dict(item),
    )


def items_of(answer: Any) -> list[dict[str, Any]]:
    """The orders a single-cancel answer names: ``cancelledOrderIds`` (one item each), or ``data`` itself (``orderId`` / ``cancelledOrderId`` / ``clientOid``)."""
    data = answer.get("data") if isinstance(answer, Mapping) else None
    if not isinstance(data, Mapping):
        return []
    listed = data.get("cancelledOrderIds")
    if isinstance(listed, list):
        return [{"orderId": str(i)} for i in listed if isinstance(i, (str, int))]
    item = dict(data)
    if not item.get("orderId") and item.get("cancelledOrderId"):
        item["orderId"] = item["cancelledOrderId"]
    return [item]


def parse_one(exchange: Any, method: str, target: Target, wire: str, key: str, answer: Any) -> dict[str, Any]:
    items = items_of(answer)
    # An item that names no id would fill the key anonymously: an answer must name what it canceled.
    named = [i for i in items if i.get(wire)]
    (item,) = batch.match(named, [key], lambda i: i.get(wire)) if named else (None,)
    if item is None:
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} {method}() sent {wire} {key} but the answer does not name it; the outcome is unknown: {answer!r}"
        )
    return order_of(exchange, target, item, wire, key)


def parse_first(exchange: Any, method: str, target: Target, wire: str, key: str, answers: list[Any]) -> dict[str, Any]:
    """``parse_one`` for the simple form (a list of one answer)."""
    return parse_one(exchange, method, target, wire, key, answers[0])


def ask(detect: Generator[Request, Any, bool]) -> Generator[Request, Any, bool]:
    """The account-mode question before a cancel: when it fails, no cancel was sent, and its error says so.

    Marked ``errors.not_sent`` (the core's mark): a timeout here is not an
    unknown outcome of the cancel, so the core neither queries nor cancels
    again on the classic endpoints of an account that may be unified.
    """
    try:
        return (yield from detect)
    except BaseError as error:
        errors.not_sent(error)
        raise


def one_steps(exchange: Any, method: str, target: Target, wire: str, key: str, request: Request, detect: Any) -> Generator[Request, Any, Any]:
    if detect is not None and (yield from ask(detect)):
        return HAND_BACK  # a unified account: ccxt's own cancel serves it
    answer = yield request
    return parse_one(exchange, method, target, wire, key, answer)


def read_multi(exchange: Any, method: str, target: Target, ledger: batch.Ledger, wire: str, answer: Any, positions: Sequence[int]) -> None:
    """A futures multi-cancel answer: ``data`` is a list of ``{orderId, clientOid, code, msg}``, one per id."""
    data = answer.get("data") if isinstance(answer, Mapping) else None
    if not isinstance(data, list):
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} {method}() expected a list of items, got {answer!r}; the outcome is unknown")
    keys = [ledger.keys[n] for n in positions]
    items = [i for i in data if isinstance(i, Mapping)]
    for index, key, item in zip(positions, keys, batch.match(items, keys, lambda i: i.get(wire)), strict=True):
        if item is None:
            ledger.failed(
                index, errors.unknown_outcome(BadResponse, f"{exchange.id} {method}() {wire} {key}: the answer has no item for it; its outcome is unknown")
            )
            continue
        code = None if item.get("code") is None else str(item.get("code"))
        if code in kucoin_errors.SUCCESS:
            ledger.canceled(index, order_of(exchange, target, item, wire, key))
        elif code is None and not item.get("msg"):
            ledger.failed(
                index,
                errors.unknown_outcome(BadResponse, f"{exchange.id} {method}() {wire} {key}: its item carries no code: {dict(item)!r}; the outcome is unknown"),
                item,
            )
        else:
            feedback = f"{exchange.id} {method}() {wire} {key}: {dict(item)!r}"
            ledger.failed(index, kucoin_errors.item_error(exchange, code, item.get("msg"), feedback), item)


def read_single(exchange: Any, method: str, target: Target, ledger: batch.Ledger, wire: str, answer: Any, positions: Sequence[int]) -> None:
    """One id of a spot batch sent as a single cancel (KuCoin spot has no batch cancel by ids)."""
    (index,) = positions
    ledger.canceled(index, parse_one(exchange, method, target, wire, ledger.keys[index], answer))


def batch_steps(
    exchange: Any, ledger: batch.Ledger, parts: list[tuple[Request, range]], read: Any, detect: Any
) -> Generator[Request, Any, list[dict[str, Any]]]:
    if detect is not None:
        try:
            unified = yield from ask(detect)
        except BaseError as error:  # the detection failed: every id is accounted for, none was sent
            ledger.request_failed(range(len(ledger.keys)), error)
            return ledger.result()
        if unified:
            return HAND_BACK  # type: ignore[return-value]  # a unified account: ccxt's own cancel serves it
    result: list[dict[str, Any]] = yield from batch.chunked(ledger, parts, read)
    return result


def parse_all(exchange: Any, target: Target, answer: Any) -> list[dict[str, Any]]:
    """A futures cancel-all by symbol: each of ``cancelledOrderIds``, acknowledged (status None)."""
    data = answer.get("data") if isinstance(answer, Mapping) else None
    listed = data.get("cancelledOrderIds") if isinstance(data, Mapping) else None
    if not isinstance(listed, list):
        raise errors.unknown_outcome(BadResponse, f"{exchange.id} cancelAllOrders() expected data.cancelledOrderIds, got {answer!r}; the outcome is unknown")
    return [
        orders.unified(exchange, {"id": str(i), "symbol": target.symbol, "status": None, "info": {"orderId": str(i)}})
        for i in listed
        if isinstance(i, (str, int))
    ]


def all_steps(exchange: Any, target: Target, request: Request, detect: Any) -> Generator[Request, Any, Any]:
    if detect is not None and (yield from ask(detect)):
        return HAND_BACK  # a unified account: ccxt's own cancel serves it
    answer = yield request
    return parse_all(exchange, target, answer)


# --- resolving and confirming (issue 20) ------------------------------------------------------------------------------


def parse_order(exchange: Any, target: Target, item: Mapping[str, Any]) -> dict[str, Any]:
    """ccxt's own parse of a queried or listed order, by the branch its ``parse_order`` takes for this product.

    ccxt's ``parse_order`` picks the contract branch only when the market is
    loaded and a contract; on a cold exchange it would read a futures order
    with the spot branch (``dealSize`` instead of ``filledSize``), so the
    product picks the branch here. The symbol is the cancel's own when known.
    """
    markets = exchange.markets if isinstance(exchange.markets, Mapping) else {}
    market = markets.get(target.symbol) if target.symbol else None
    parse = exchange.parse_contract_order if target.product == "futures" else exchange.parse_spot_order
    order: dict[str, Any] = parse(dict(item), market)
    if target.symbol is not None:
        order["symbol"] = target.symbol  # the raw market id on a cold exchange otherwise
    return order


def _names(item: Mapping[str, Any], wire: str, key: str) -> bool:
    named = item.get("clientOid") if wire == "clientOid" else (item.get("id") or item.get("orderId"))
    return named is not None and str(named) == key


def read_query(exchange: Any, target: Target, wire: str, key: str, answer: Any) -> dict[str, Any]:
    """A one-order query's answer: ``data`` is that order (ccxt also takes a one-item list), parsed by ccxt; another order is BadResponse."""
    data = answer.get("data") if isinstance(answer, Mapping) else None
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, Mapping) or not _names(data, wire, key):
        raise BadResponse(f"{exchange.id} fetchOrder: the query for {wire} {key} did not answer with that order: {str(answer)[:300]}")
    if target.market_id is not None and data.get("symbol") not in (None, target.market_id):
        raise BadResponse(f"{exchange.id} fetchOrder: {wire} {key} is an order of {data.get('symbol')}, not of {target.market_id}")
    return parse_order(exchange, target, data)


def listed(answer: Any, field: str | None) -> list[Any]:
    """The orders of a listing answer: ``data`` itself, or ``data[field]`` (``items`` of a paged one)."""
    data = answer.get("data") if isinstance(answer, Mapping) else None
    if field is not None and isinstance(data, Mapping):
        data = data.get(field)
    if not isinstance(data, list):
        raise BadResponse(f"{answer!r:.300} is not a listing of orders")
    return data


def read_listings(
    exchange: Any, target: Target, wire: str, keys: frozenset[str], fields: Sequence[str | None], answers_: list[Any]
) -> dict[str, dict[str, Any]]:
    """Listings -> {key: order} for every requested key they name (the first listing that names it wins); others left out."""
    found: dict[str, dict[str, Any]] = {}
    for answer, field in zip(answers_, fields, strict=True):
        for item in listed(answer, field):
            if not isinstance(item, Mapping):
                continue
            key = item.get("clientOid") if wire == "clientOid" else (item.get("id") or item.get("orderId"))
            key = None if key is None else str(key)
            if key in keys and key not in found and (target.market_id is None or item.get("symbol") == target.market_id):
                found[key] = parse_order(exchange, target, item)
    return found
