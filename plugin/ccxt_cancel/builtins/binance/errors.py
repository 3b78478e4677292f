"""Binance HTTP answers read before ccxt's handle_errors: unknown outcomes (503, 5XX), portfolio-margin classes."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ccxt.base.errors import (
    AuthenticationError,
    BaseError,
    ExchangeNotAvailable,
    InvalidNonce,
    OperationRejected,
    RequestTimeout,
)

from ccxt_cancel import errors
from ccxt_cancel.plans import ACCEPT, HttpAnswer, _Accept

# --- HTTP answers before ccxt's handle_errors -------------------------------------------------

# Futures and portfolio-margin general info, "HTTP Return Codes": a 503 with this
# message means the request reached the engine but no answer came in time; with
# "Service Unavailable." or "Internal error; ..." it is a failure to retry.
UNKNOWN_OUTCOME_MESSAGE = "Unknown error, please check your request or try again later."


def _unknown(exchange_id: str, kind: type[BaseError], answer: HttpAnswer) -> BaseException:
    error: BaseException = errors.unknown_outcome(
        kind,
        f"{exchange_id} {answer.method} {answer.url.split('?', 1)[0]} {answer.status} {answer.reason}: outcome UNKNOWN, the order may or may not have been canceled; "
        f"check it with fetch_order or retry the cancel. {answer.body}",
    )
    return error


def unknown_outcome(exchange_id: str, answer: HttpAnswer) -> BaseException | None:
    """HTTP 503 (futures, portfolio margin): an outcome Binance documents as unknown never reads as a failure, nor as canceled.

    ``ExchangeNotAvailable`` (the class ccxt itself gives HTTP 503) whose
    message says the outcome is unknown, for Binance's "Unknown error"
    message; other 503 answers are failures and stay with ccxt's mapping
    (which never reads a 503 body as an order). ccxt's code table alone
    would turn the unknown case's ``{"code": -1000}`` into ``OperationFailed``.
    """
    if answer.status != 503 or UNKNOWN_OUTCOME_MESSAGE not in answer.body:
        return None
    return _unknown(exchange_id, ExchangeNotAvailable, answer)


def unknown_outcome_5xx(exchange_id: str, answer: HttpAnswer) -> BaseException | None:
    """Any HTTP 5XX (spot and margin): their general info says the execution status of every 5XX is UNKNOWN.

    "HTTP 5XX return codes are used for internal errors; the issue is on
    Binance's side. It is important to NOT treat this as a failure
    operation; the execution status is UNKNOWN and could have been a
    success." The class is the one ccxt gives that HTTP status
    (``ExchangeNotAvailable``, ``RequestTimeout`` for 504), the message says
    UNKNOWN, and no 5XX body is ever read as an order.
    """
    if not 500 <= answer.status < 600:
        return None
    kind = RequestTimeout if answer.status == 504 else ExchangeNotAvailable
    return _unknown(exchange_id, kind, answer)


def batch_answer(on_error: Callable[[HttpAnswer], BaseException | None], answer: HttpAnswer) -> BaseException | _Accept | None:
    """A 2xx list is read item by item; ccxt's handle_errors would raise on a one-item list holding an error."""
    if 200 <= answer.status < 300 and isinstance(answer.json, list):
        return ACCEPT
    return on_error(answer)


# Portfolio-margin error codes ccxt 4.5's 'portfolioMargin' table maps to a class that hides
# what the PM error-code page says they are (https://developers.binance.com/docs/derivatives/
# portfolio-margin/error-code): -1021 INVALID_TIMESTAMP and -1022 INVALID_SIGNATURE become
# BadRequest there, and -1007 TIMEOUT ("Send status unknown; execution status unknown.")
# BadResponse. Here they get the classes ccxt gives them on every other Binance API, so a
# batch stops after a clock or credentials error and an unknown outcome says so.
PAPI_CODES: dict[str, type[BaseException]] = {"-1021": InvalidNonce, "-1022": AuthenticationError}


def papi_error(exchange_id: str, answer: HttpAnswer) -> BaseException | None:
    error = unknown_outcome(exchange_id, answer)
    if error is not None or answer.status < 400 or not isinstance(answer.json, Mapping):
        return error
    code = str(answer.json.get("code"))
    if code == "-1007":
        return _unknown(exchange_id, RequestTimeout, answer)
    kind = PAPI_CODES.get(code)
    return None if kind is None else kind(f"{exchange_id} {answer.body}")


# Spot: the page's answer when cancelRestrictions (ONLY_NEW / ONLY_PARTIALLY_FILLED) did not hold.
CANCEL_RESTRICTED = "Order was not canceled due to cancel restrictions."


def spot_error(exchange_id: str, answer: HttpAnswer) -> BaseException | None:
    """Every 5XX is an unknown outcome; a cancel refused by cancelRestrictions is OperationRejected, not OrderNotFound."""
    error = unknown_outcome_5xx(exchange_id, answer)
    if error is None and 400 <= answer.status < 500 and isinstance(answer.json, Mapping) and answer.json.get("msg") == CANCEL_RESTRICTED:
        error = OperationRejected(f"{exchange_id} {answer.body}")
    return error
