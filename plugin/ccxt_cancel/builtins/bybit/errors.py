"""Bybit v5 error answers for cancels, as ccxt exception classes.

Bybit puts its error in the body (``retCode`` / ``retMsg``; guide.mdx,
"Common response"). ccxt's bybit ``handle_errors`` maps it through its
``exceptions`` table (broad message match, then exact code), and that table
is right for the cancel codes it knows: 110001 and 170213 ("Order does not
exist") are ``OrderNotFound``; 110008 "The order has been completed or
cancelled.", 110010, 170139, 170142, 170143, 170190 are ``InvalidOrder``:
the order exists but is finished, which is not "not found" and not
"canceled by this call". It is used as is.

:data:`OWN` maps the codes of the error page (error.mdx) that concern a
cancel and that ccxt 4.5 leaves unmapped (they would reach a bot as a bare
``ExchangeError``); :func:`on_error` applies it before ccxt's table, and
:func:`item_error` to the per-item codes of a batch answer. HTTP 400 and
404 without a ``retCode`` are ``BadRequest``: the page documents them as a
malformed method (400) and as "1. Wrong path; 2. Category value does not
match account mode" (404), while ccxt's generic table calls both
``ExchangeNotAvailable``, which a bot would retry forever. A 404 is what a
UTA 1.0 account is expected to get for an inverse batch (acct-mode.mdx:
"Batch Cancel Order ... Not support inverse contract"; the exact answer is
not documented): it surfaces as that ``BadRequest``, never as a
misrouted cancel.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ccxt.base.errors import (
    BadRequest,
    BaseError,
    ExchangeNotAvailable,
    InvalidNonce,
    InvalidOrder,
    NotSupported,
    PermissionDenied,
    RequestTimeout,
)

from ccxt_cancel import batch, errors
from ccxt_cancel.plans import HttpAnswer

ERROR_PAGE = "https://bybit-exchange.github.io/docs/v5/error"

# error.mdx code -> class, for the cancel-related codes ccxt's bybit table leaves unmapped.
OWN: dict[str, type[BaseError]] = {
    "-1": InvalidNonce,  # "request expired: o@0, now[] diff[]"
    "429": ExchangeNotAvailable,  # "The trading service is experiencing a high server load. Please retry ..."
    "110079": InvalidOrder,  # "The order is processing and can not be operated, please try again later" (ccxt: 170191 alike)
    "110095": InvalidOrder,  # "You cannot create, modify or cancel Pre-Market Perpetual orders during the Call Auction."
    "110097": PermissionDenied,  # "Non-UTA users cannot access Pre-Market Perpetual Trading ... upgrade ... to UTA."
    "110100": NotSupported,  # "You cannot place, modify, or cancel Pre-Market Perpetual orders when you are in Demo Trading."
    "110115": InvalidOrder,  # "The cancellation of a combo single-leg order can only be done by canceling the combo order"
    "170212": InvalidOrder,  # "Cancel order request processing": the order exists, a cancel is already under way
}

# error.mdx codes whose outcome is unknown: the request may or may not have taken effect. Never
# "refused, still open" (a plain ExchangeError), never "canceled".
UNKNOWN: dict[str, type[BaseError]] = {
    "10000": RequestTimeout,  # "Server Timeout": like ccxt's own "Request timeout" broad match
    "10016": ExchangeNotAvailable,  # "Server error" / "Service is restarting" (ccxt: a plain ExchangeError)
}
UNKNOWN_ADVICE = "outcome UNKNOWN, the order may or may not have been canceled; check it with fetch_order"

# error.mdx, "HTTP Code": what Bybit says these statuses mean, for answers without a retCode.
HTTP_MEANING = {
    400: "Bad request. Need to send the request with GET / POST (must be capitalized)",
    404: "Cannot find path. Possible causes: 1. Wrong path; 2. Category value does not match account mode",
}


def ret_code(body: Any) -> str | None:
    """The answer's ``retCode`` (or the older ``ret_code``) as text, None when it has none."""
    if not isinstance(body, Mapping):
        return None
    code = body.get("retCode", body.get("ret_code"))
    return None if code is None else str(code)


def on_error(exchange_id: str, answer: HttpAnswer) -> BaseException | None:
    """The error for one HTTP answer of a Bybit plan, or None to leave it to ccxt's handle_errors."""
    code = ret_code(answer.json)
    if code is not None and code != "0":
        if code not in OWN and code not in UNKNOWN:
            return None  # a code ccxt's table knows: its handle_errors decides
        error: BaseException = item_error(None, code, None, f"{exchange_id} {answer.body}")  # ccxt's own feedback text: "<exchange id> <body>"
        return error
    meaning = HTTP_MEANING.get(answer.status)
    if meaning is None:
        return None
    refused: BaseException = BadRequest(f"{exchange_id} {answer.method} {answer.url} {answer.status} {answer.reason}: {meaning} ({ERROR_PAGE}) {answer.body}")
    return refused


def item_error(exchange: Any, code: Any, message: Any, feedback: str) -> BaseError:
    """The error of a Bybit code (a ``retCode``, or a batch item's ``retExtInfo.list[i]``): :data:`UNKNOWN`, :data:`OWN`, then ccxt's bybit table."""
    unknown = UNKNOWN.get(str(code))
    if unknown is not None:
        return errors.unknown_outcome(unknown, f"{feedback} ({UNKNOWN_ADVICE})")
    return batch.item_error(exchange, code, message, feedback, overrides=OWN)


def compact(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)
