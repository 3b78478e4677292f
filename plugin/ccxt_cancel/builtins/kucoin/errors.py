"""KuCoin cancel error codes -> ccxt classes (sources.ERRORS_QUOTE), and ``on_error`` for the plans.

ccxt's kucoin table already gives ``order not exist`` / ``order_not_exist``
-> OrderNotFound, 429000 -> RateLimitExceeded, 400001-400007 ->
AuthenticationError / InvalidNonce. It claims too much for 100004 (BadRequest):
that code says the order cannot be canceled (already filled or canceled),
so it is InvalidOrder, as is any message saying the order is filled or canceled.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccxt.base.errors import BaseError, InvalidOrder

from ccxt_cancel import batch
from ccxt_cancel.plans import ACCEPT, HttpAnswer, _Accept

SUCCESS = ("200000", "200")
OVERRIDES: dict[str, type[BaseError]] = {"100004": InvalidOrder}
ADVICE = {"100004": "not canceled by this call: the order is already filled or canceled"}
FINISHED_WORDS = ("filled or cancel", "has been filled", "has been cancel", "already cancel", "already filled")


def item_error(exchange: Any, code: Any, message: Any, feedback: str) -> BaseError:
    text = str(message or "").lower()
    if any(word in text for word in FINISHED_WORDS):
        return InvalidOrder(f"{feedback} ({ADVICE['100004']})")
    return batch.item_error(exchange, code, message, feedback, OVERRIDES, ADVICE)


def on_error(exchange: Any, answer: HttpAnswer) -> BaseException | _Accept | None:
    """A 2xx ``200000`` answer goes to the plan (batch items carry their own codes); mapped codes raise their class; else ccxt."""
    body = answer.json
    if not isinstance(body, Mapping):
        return None
    code = None if body.get("code") is None else str(body.get("code"))
    if 200 <= answer.status < 300 and code == "200000":
        return ACCEPT
    message = str(body.get("msg") or "")
    if code in OVERRIDES or any(word in message.lower() for word in FINISHED_WORDS):
        mapped: BaseException = item_error(exchange, code, message, f"{exchange.id} {answer.body}")
        return mapped
    return None
