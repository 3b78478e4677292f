"""Gate error labels -> ccxt classes (sources.API_V4 error labels), and ``on_error`` for the plans.

ccxt 4.5.90 maps ``ORDER_FINISHED`` to a plain ExchangeError; the room makes it
InvalidOrder (the order exists and is finished: not "not found").
``ORDER_CLOSED`` / ``ORDER_CANCELLED`` stay InvalidOrder, ``ORDER_NOT_FOUND``
OrderNotFound. Rate-limit and auth labels keep ccxt's own classes
(``TOO_MANY_REQUESTS`` RateLimitExceeded, ``INVALID_KEY`` / ``INVALID_SIGNATURE``
/ ``REQUEST_EXPIRED`` AuthenticationError), which stop a batch.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccxt.base.errors import BaseError, InvalidOrder, OrderNotFound

from ccxt_cancel import batch
from ccxt_cancel.plans import HttpAnswer, _Accept

OVERRIDES: dict[str, type[BaseError]] = {
    "ORDER_NOT_FOUND": OrderNotFound,
    "ORDER_FINISHED": InvalidOrder,
    "ORDER_CLOSED": InvalidOrder,
    "ORDER_CANCELLED": InvalidOrder,
}
ADVICE = {
    "ORDER_FINISHED": "not canceled by this call: the order is already finished",
    "ORDER_CLOSED": "not canceled by this call: the order is already closed",
    "ORDER_CANCELLED": "not canceled by this call: the order was already cancelled",
}


def item_error(exchange: Any, label: Any, message: Any, feedback: str) -> BaseError:
    return batch.item_error(exchange, label, message, feedback, OVERRIDES, ADVICE)


def on_error(exchange: Any, answer: HttpAnswer) -> BaseException | _Accept | None:
    """A label in OVERRIDES raises its class; anything else goes to ccxt's handle_errors (which knows the rest of Gate's labels)."""
    body = answer.json
    if not isinstance(body, Mapping):
        return None
    label = body.get("label")
    if isinstance(label, str) and label in OVERRIDES:
        mapped: BaseException = item_error(exchange, label, body.get("message"), f"{exchange.id} {answer.body}")
        return mapped
    return None
