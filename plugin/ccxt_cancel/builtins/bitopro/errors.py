"""BitoPro's documented status table (its README) as ccxt error classes; a 5XX is an unknown outcome."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ccxt.base.errors import AuthenticationError, ExchangeNotAvailable, InvalidNonce, OrderNotFound, PermissionDenied, RateLimitExceeded, RequestTimeout

from ccxt_cancel import errors, scrub
from ccxt_cancel.plans import HttpAnswer

# BitoPro documents no "order not found" wording (its status table has 404 as
# "Resource Not Found | Wrong path", 422 as "Unprocessable Entity"), so only a
# message that names the order as missing counts: "Order not found.", "order
# does not exist", "ORDER_NOT_FOUND", "order 123 not found". "Not Found",
# "pair not found", "margin account not found", "order book not found" and
# "Invalid order id" do not.
ORDER_MISSING = re.compile(
    r"(?:^|[^a-z])order(?:[ _-]?id)?(?:[ _:#-]*\d+)?[ _-](?:is[ _-])?(?:not[ _-]?(?:found|exists?)|does[ _-]?n[o']?t[ _-]exists?)(?![a-z])",
    re.IGNORECASE,
)


def map_error(exchange: Any, answer: HttpAnswer) -> BaseException | None:
    """The ccxt error for a non-2xx margin answer (message: exchange id, request, status, body), or None to leave it to ccxt."""
    if 200 <= answer.status < 300:
        return None
    if answer.status >= 500:
        # The README's status table lists 500 "Internal Server Error" and 502 "Bad Gateway": a fault on
        # BitoPro's side, after the request left. Whether the cancel took effect is not known; ccxt's
        # bitopro handle_errors would read the JSON {"error": ...} body as a plain ExchangeError
        # ("refused, still open"). The class is the one ccxt gives the status (504: RequestTimeout).
        unknown = RequestTimeout if answer.status == 504 else ExchangeNotAvailable
        error: BaseException = errors.unknown_outcome(
            unknown,
            scrub.text(
                f"{exchange.id} {answer.method} {answer.url.split('?', 1)[0]} {answer.status}: outcome UNKNOWN, the order may or may not have been canceled; "
                f"check it with fetch_order. {answer.body}",
                scrub.secrets_of(exchange),
            ),
        )
        return error
    message = answer.json.get("error") if isinstance(answer.json, Mapping) else None
    kind = error_class(answer.status, message if isinstance(message, str) else "")
    if kind is None:
        return None
    return kind(scrub.text(f"{exchange.id} {answer.method} {answer.url} {answer.status} {answer.body}", scrub.secrets_of(exchange)))


def error_class(status: int, message: str) -> type[BaseException] | None:
    """The ccxt error class for an HTTP status and BitoPro's ``error`` message, or None for ccxt's own mapping.

    From the README's status table: 429 "Too Many Requests", 401 (API key
    deleted), 403 "No permission", 409 "Local Machine Time Mismatch". Ordered
    so that the most specific cause wins: a 429 is a rate limit whatever its
    body says, and a 401 that says "not found" (an unknown key) is about
    credentials. ``OrderNotFound`` only when the message names the *order* as
    missing (:data:`ORDER_MISSING`), whatever the status: the table's 404 is
    "Wrong path", which ccxt's own mapping handles.
    """
    kind: type[BaseException] | None = None
    if status >= 500:
        return None  # map_error: an unknown outcome
    if status == 429:
        kind = RateLimitExceeded
    elif status == 401 or message == "Invalid Signature":
        kind = AuthenticationError
    elif status == 403:
        kind = PermissionDenied
    elif status == 409:
        kind = InvalidNonce
    elif ORDER_MISSING.search(message):
        kind = OrderNotFound
    return kind
