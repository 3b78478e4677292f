"""Bitget cancel error codes -> ccxt classes (sources.ERROR_CODES), and ``on_error`` for the plans."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccxt.base.errors import BaseError, ExchangeNotAvailable, InvalidOrder, OrderNotFound, RequestTimeout

from ccxt_cancel import batch, errors
from ccxt_cancel.plans import ACCEPT, HttpAnswer, _Accept

SUCCESS = "00000"
# 22001 "No order to cancel" (ccxt: plain ExchangeError); 40768 / 43001 / 25204 "Order does not exist".
# Already filled / canceled is InvalidOrder: the order exists, it is not "not found".
OVERRIDES: dict[str, type[BaseError]] = {"22001": OrderNotFound, "25204": OrderNotFound, "40768": OrderNotFound, "43001": OrderNotFound}
# "Order Cancelled" is a failureList errorMsg in Bitget's cross-margin batch-cancel example: the order is already canceled.
FINISHED_WORDS = ("filled", "already cancel", "has been cancel", "order cancelled", "order canceled")


def item_error(exchange: Any, code: Any, message: Any, feedback: str) -> BaseError:
    text = str(message or "").lower()
    if any(word in text for word in FINISHED_WORDS):
        return InvalidOrder(f"{feedback} (not canceled by this call: the order is already finished)")
    return batch.item_error(exchange, code, message, feedback, OVERRIDES)


def on_error(exchange: Any, answer: HttpAnswer) -> BaseException | _Accept | None:
    """A 2xx ``00000`` answer goes to the plan (batch items carry their own errors); mapped codes raise their class; a 5XX
    is an unknown outcome (the request left; Bitget's side failed: the cancel may or may not have happened); else ccxt."""
    if answer.status >= 500:
        kind = RequestTimeout if answer.status == 504 else ExchangeNotAvailable
        text = f"{exchange.id} {answer.method} {answer.url.split('?', 1)[0]} {answer.status}: outcome UNKNOWN, the order may or may not have been canceled"
        unknown: BaseException = errors.unknown_outcome(kind, text)
        return unknown
    body = answer.json
    if not isinstance(body, Mapping):
        return None
    code = None if body.get("code") is None else str(body.get("code"))
    if 200 <= answer.status < 300 and code == SUCCESS:
        return ACCEPT
    if code in OVERRIDES:
        mapped: BaseException = item_error(exchange, code, body.get("msg"), f"{exchange.id} {answer.body}")
        return mapped
    return None
