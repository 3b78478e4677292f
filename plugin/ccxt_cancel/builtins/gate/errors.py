"""Gate error labels -> ccxt classes (sources.API_V4 error labels), and ``on_error`` for the plans.

ccxt 4.5.90 maps ``ORDER_FINISHED`` to a plain ExchangeError; the room makes it
InvalidOrder (the order exists and is finished: not "not found").
``ORDER_CLOSED`` / ``ORDER_CANCELLED`` stay InvalidOrder, ``ORDER_NOT_FOUND``
OrderNotFound. Rate-limit and auth labels keep ccxt's own classes
(``TOO_MANY_REQUESTS`` RateLimitExceeded, ``INVALID_KEY`` / ``INVALID_SIGNATURE``
/ ``REQUEST_EXPIRED`` AuthenticationError), which stop a batch.

A fault on Gate's side after the request left (HTTP 5xx, or the labels ccxt
reads as ExchangeNotAvailable: ``SERVER_ERROR``, ``INTERNAL``, ``TOO_BUSY``)
does not say whether the cancel took effect: it keeps ccxt's class
(504: RequestTimeout) and is marked as an unknown outcome.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccxt.base.errors import BaseError, ExchangeNotAvailable, InvalidOrder, OrderNotFound, RequestTimeout

from ccxt_cancel import batch, errors, scrub
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

UNKNOWN_LABELS = ("SERVER_ERROR", "INTERNAL", "TOO_BUSY")
UNKNOWN_ADVICE = "outcome UNKNOWN: the order may or may not have been canceled; check it with fetch_order"


def item_error(exchange: Any, label: Any, message: Any, feedback: str) -> BaseError:
    if label in UNKNOWN_LABELS:
        return errors.unknown_outcome(ExchangeNotAvailable, f"{feedback} ({UNKNOWN_ADVICE})")
    return batch.item_error(exchange, label, message, feedback, OVERRIDES, ADVICE)


def on_error(exchange: Any, answer: HttpAnswer) -> BaseException | _Accept | None:
    """A 5xx is an unknown outcome; a label in OVERRIDES / UNKNOWN_LABELS raises its class; anything else goes to ccxt's handle_errors."""
    body = answer.json
    if answer.status >= 500:
        kind = RequestTimeout if answer.status == 504 else ExchangeNotAvailable
        text = f"{exchange.id} {answer.method} {answer.url.split('?', 1)[0]} {answer.status}: {UNKNOWN_ADVICE}. {answer.body}"
        unknown: BaseException = errors.unknown_outcome(kind, scrub.text(text, scrub.secrets_of(exchange)))
        return unknown
    if not isinstance(body, Mapping):
        return None
    label = body.get("label")
    if isinstance(label, str) and (label in OVERRIDES or label in UNKNOWN_LABELS):
        mapped: BaseException = item_error(exchange, label, body.get("message"), f"{exchange.id} {answer.body}")
        return mapped
    return None
