"""BitoPro margin cancel answers as unified orders; batches under the batch rule."""

from __future__ import annotations

import logging
from typing import Any

from ccxt.base.errors import BadResponse, ExchangeError, NullResponse

from ccxt_cancel import batch, checks, errors, orders
from ccxt_cancel.builtins.bitopro.markets import PAIR, answer_symbol

log = logging.getLogger("ccxt_cancel")


def _describe(answer: Any) -> str:
    text = repr(answer)
    return text if len(text) <= 200 else text[:200] + "..."


def parse_cancel_order(exchange: Any, unified: str, requested: str, answers: list[Any]) -> dict[str, Any]:
    """One unified canceled order from the cancel-one answer; BadResponse for anything that does not prove the cancel of ``requested``."""
    answer = answers[0]
    if answer is None or answer == "":
        raise NullResponse(f"{exchange.id} cancelOrder() got an empty answer from the margin endpoint")
    if not isinstance(answer, dict):
        # ccxt hands over the raw text when the body is not JSON (a truncated answer, for example).
        raise BadResponse(f"{exchange.id} cancelOrder() got an answer that is not a JSON object: {_describe(answer)}")
    order_id = answer.get("orderId")
    if isinstance(order_id, bool) or not isinstance(order_id, (str, int)) or not checks.is_ascii_digits(str(order_id)):
        raise BadResponse(f"{exchange.id} cancelOrder() answer has no valid orderId: {_describe(answer)}")
    if str(order_id) != requested:
        raise errors.unknown_outcome(
            BadResponse, f"{exchange.id} cancelOrder() asked to cancel {requested}, the answer is about {order_id}; the outcome is unknown"
        )
    action = exchange.safe_string_lower(answer, "action")
    timestamp = exchange.safe_integer(answer, "timestamp")
    order: dict[str, Any] = orders.unified(
        exchange,
        {
            "id": str(order_id),
            "clientOrderId": None,
            "timestamp": timestamp,
            "datetime": None,  # safe_order writes iso8601(timestamp)
            "lastTradeTimestamp": None,
            "lastUpdateTimestamp": timestamp,  # the answer's timestamp is the cancellation time
            "symbol": unified,
            "type": None,
            "side": action if action in ("buy", "sell") else None,
            # safe_order reads both as strings and omits a zero: a zero price means "no limit price" (a
            # market order), not a price of zero.
            "price": answer.get("price"),
            "amount": answer.get("amount"),
            "status": "canceled",
            "info": answer,
        },
    )
    return order


def read_query(exchange: Any, pair: str, order_id: str, unified: str, answer: Any) -> dict[str, Any]:
    """A margin order-data answer: the order model, which must name the order asked about, parsed by ccxt."""
    if not isinstance(answer, dict) or str(answer.get("id")) != order_id or str(answer.get("pair", "")).lower() != pair.lower():
        raise BadResponse(f"{exchange.id} fetchOrder: margin order data for {pair} {order_id} answered about another order: {_describe(answer)}")
    order: dict[str, Any] = exchange.parse_order(answer, None)
    order["symbol"] = unified
    return order


def canceled_ids(exchange: Any, method: str, answer: Any) -> list[tuple[str, str]]:
    """(pair key, order id) for every id in a batch or cancel-all answer ``{"data": {"BTC_USDT": [ids]}}``."""
    if answer is None or answer == "":
        raise NullResponse(f"{exchange.id} {method}() got an empty answer from the margin endpoint")
    data = answer.get("data") if isinstance(answer, dict) else None
    if not isinstance(data, dict):
        raise BadResponse(f"{exchange.id} {method}() answer has no 'data' object: {_describe(answer)}")
    pairs: list[tuple[str, str]] = []
    for key, ids in data.items():
        if not isinstance(key, str) or not PAIR.fullmatch(key) or not isinstance(ids, list):
            raise BadResponse(f"{exchange.id} {method}() answer has an unreadable entry {key!r}: {_describe(answer)}")
        for item in ids:
            if isinstance(item, bool) or not isinstance(item, (str, int)) or not checks.is_ascii_digits(str(item)):
                raise BadResponse(f"{exchange.id} {method}() answer lists an unreadable order id {item!r} under {key!r}")
            pairs.append((key, str(item)))
    return pairs


def canceled_order(exchange: Any, pair_key: str, order_id: str, answer: Any) -> dict[str, Any]:
    # The answer holds only ids; the whole body is the raw data behind each order.
    return orders.unified(exchange, {"id": order_id, "symbol": answer_symbol(exchange, pair_key), "status": "canceled", "info": answer})


def parse_cancel_orders(exchange: Any, requested: list[str], unified: str, answers: list[Any]) -> list[dict[str, Any]]:
    """One entry per requested id, in the caller's order (the batch rule).

    The page's answer lists the ids it canceled, per pair. A requested id it
    does not list was not canceled by this call: its entry carries an
    ``ExchangeError`` saying so (not ``OrderNotFound``: the answer does not
    say why). An id the answer lists that was never requested is logged and
    left out: the result has one entry per requested id.
    """
    answer = answers[0]
    ledger = batch.Ledger(exchange, "cancelOrders", requested, "id", unified)
    position = {order_id: index for index, order_id in enumerate(requested)}
    for key, order_id in canceled_ids(exchange, "cancelOrders", answer):
        index = position.get(order_id)
        if index is None:
            log.warning("%s cancelOrders(): the answer lists order %s under %s, which was not requested", exchange.id, order_id, key)
        else:
            ledger.canceled(index, canceled_order(exchange, key, order_id, answer))
    for index, entry in enumerate(ledger.entries):
        if entry is None:
            ledger.failed(index, ExchangeError(f"{exchange.id} cancelOrders() order {requested[index]} is not among the orders BitoPro says it canceled"))
    ledger.answered = True
    return ledger.result()


def parse_cancel_all_orders(exchange: Any, answers: list[Any]) -> list[dict[str, Any]]:
    answer = answers[0]
    return [canceled_order(exchange, key, order_id, answer) for key, order_id in canceled_ids(exchange, "cancelAllOrders", answer)]
