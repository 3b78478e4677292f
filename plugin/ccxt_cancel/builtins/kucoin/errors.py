"""KuCoin cancel error codes -> ccxt classes (sources.ERRORS_QUOTE), and ``on_error`` for the plans.

ccxt's kucoin table already gives ``order not exist`` / ``order_not_exist``
-> OrderNotFound, 429000 -> RateLimitExceeded, 400001-400007 ->
AuthenticationError / InvalidNonce. It claims too much for 100004 (BadRequest):
that code says the order cannot be canceled (already filled or canceled),
so it is InvalidOrder, as is any message saying the order is filled or canceled.

An HTTP 5XX answer to a cancel (a ``DELETE``) came after the request left: it
does not say whether the cancel took effect, so it keeps ccxt's class
(``ExchangeNotAvailable``; 504 ``RequestTimeout``) marked as an unknown
outcome, which the core resolves with the order's query. A 5XX to a query or
a listing (a ``GET``) changed nothing: the same class, unmarked, whatever code
the body carries (ccxt would read an unmapped one as ``ExchangeError``, which
would end a resolution that a network fault should only delay).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ccxt.base.errors import BaseError, ExchangeNotAvailable, InvalidOrder, RequestTimeout

from ccxt_cancel import batch, errors, scrub
from ccxt_cancel.plans import ACCEPT, HttpAnswer, _Accept

SUCCESS = ("200000", "200")
OVERRIDES: dict[str, type[BaseError]] = {"100004": InvalidOrder}
ADVICE = {"100004": "not canceled by this call: the order is already filled or canceled"}
FINISHED_WORDS = ("filled or cancel", "has been filled", "has been cancel", "already cancel", "already filled")
UNKNOWN_ADVICE = "outcome UNKNOWN: the order may or may not have been canceled; check it with fetch_order"


def item_error(exchange: Any, code: Any, message: Any, feedback: str) -> BaseError:
    text = str(message or "").lower()
    if any(word in text for word in FINISHED_WORDS):
        return InvalidOrder(f"{feedback} ({ADVICE['100004']})")
    return batch.item_error(exchange, code, message, feedback, OVERRIDES, ADVICE)


def on_error(exchange: Any, answer: HttpAnswer) -> BaseException | _Accept | None:
    """A 2xx ``200000`` answer goes to the plan (batch items carry their own codes); a cancel's 5XX is an unknown outcome; mapped codes raise their class; else ccxt."""
    body = answer.json
    if answer.status >= 500:
        kind = RequestTimeout if answer.status == 504 else ExchangeNotAvailable
        cancel = answer.method.upper() == "DELETE"
        text = f"{exchange.id} {answer.method} {answer.url.split('?', 1)[0]} {answer.status}: {UNKNOWN_ADVICE if cancel else 'no answer'}. {answer.body}"
        text = scrub.text(text, scrub.secrets_of(exchange))
        server: BaseException = errors.unknown_outcome(kind, text) if cancel else kind(text)
        return server
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
