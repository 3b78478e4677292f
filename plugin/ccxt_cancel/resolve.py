"""Resolving an unknown outcome inside the call: ask the exchange what became of the order.

When a claimed single cancel ends in an error whose outcome is unknown
(``errors.is_unknown_outcome``: Binance's 503 "Unknown error", a spot 5XX, a
``-1007``, a timeout after the request was sent, an answer that cannot be
read), the room's :class:`Resolution` says how to query that one order. The
core (``executor.py``) then runs :func:`steps`, a general-form plan:

* the order is canceled -> the queried order, ``status: 'canceled'``;
* it filled first (or expired, or was rejected) -> the queried order, with
  what the query says (``'closed'`` ...);
* it is still open -> the cancel is sent once more, by the exchange's own
  order id (never by a client id alone: it may already name a replacement);
* the budget is spent -> the original unknown-outcome error, with the last
  state the queries saw attached as ``error.last_known`` (None when no query
  answered).

Budget (documented in ``docs/resolving.md``): at most
:data:`DEFAULT_REQUESTS` extra requests and :data:`DEFAULT_SECONDS` seconds,
per exchange in ``exchange.options['ccxtCancel']`` and per call in params
(:data:`PARAM_KEYS`, consumed, never sent). ``resolveUnknown: False`` turns
it off. Like every plan, the queries go through ``exchange.request()``:
ccxt signs and throttles them, at the cost ccxt's own table gives the
endpoint (:func:`ccxt_cost`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ccxt.base.errors import BadRequest, BaseError, NetworkError

from ccxt_cancel import errors
from ccxt_cancel.plans import Request, Steps

OPTIONS_KEY = "ccxtCancel"
ON, REQUESTS, SECONDS = "resolveUnknown", "resolveRequests", "resolveSeconds"
PARAM_KEYS = frozenset({ON, REQUESTS, SECONDS})
# One query, one more cancel if the order is still open, one query after it.
DEFAULT_REQUESTS = 3
DEFAULT_SECONDS = 10.0
# ccxt's unified statuses that end an order's life: nothing more to resolve.
FINAL = frozenset({"canceled", "closed", "expired", "rejected"})


@dataclass(frozen=True, slots=True)
class Budget:
    requests: int
    seconds: float


def budget(exchange: Any, method: str, params: Mapping[str, Any]) -> Budget | None:
    """The budget of this call, None when resolving is off; per-call params win over ``exchange.options['ccxtCancel']``."""
    options = getattr(exchange, "options", None) or {}
    configured = options.get(OPTIONS_KEY) if isinstance(options, Mapping) else None
    config = dict(configured) if isinstance(configured, Mapping) else {}
    config.update({key: params[key] for key in PARAM_KEYS if key in params})
    on = config.get(ON, True)
    if not isinstance(on, bool):
        raise BadRequest(f"{exchange.id} {method}() {ON} must be True or False, got {on!r}")
    requests = config.get(REQUESTS, DEFAULT_REQUESTS)
    if isinstance(requests, bool) or not isinstance(requests, int) or requests < 0:
        raise BadRequest(f"{exchange.id} {method}() {REQUESTS} must be a whole number of requests (0 or more), got {requests!r}")
    seconds = config.get(SECONDS, DEFAULT_SECONDS)
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
        raise BadRequest(f"{exchange.id} {method}() {SECONDS} must be a number of seconds (0 or more), got {seconds!r}")
    if not on or requests == 0:
        return None
    return Budget(requests, float(seconds))


def ccxt_cost(exchange: Any, api: str, method: str, path: str) -> float | None:
    """The cost ccxt's own API table gives an endpoint (its encoding of the documented weight), None if it has none."""
    entry = (getattr(exchange, "api", None) or {}).get(api, {}).get(method.lower(), {}).get(path)
    cost = entry.get("cost") if isinstance(entry, Mapping) else entry
    return float(cost) if isinstance(cost, (int, float)) and not isinstance(cost, bool) else None


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a room learns one order's state and cancels it again; pure, like every plan."""

    query: Request
    read: Callable[[Any], dict[str, Any]]  # the query's answer -> the unified order (BadResponse if it names another)
    cancel_again: Callable[[str], Request]  # the exchange's order id -> the cancel request by that id
    read_cancel: Callable[[str, Any], dict[str, Any]]  # (order id, the second cancel's answer) -> the unified order


def steps(error: BaseError, resolution: Resolution, limit: Budget, clock: Callable[[], float] = time.monotonic) -> Steps:
    """The general-form plan that resolves ``error`` within ``limit`` (see the module docstring)."""
    deadline = clock() + limit.seconds
    spent = 0
    resent = False
    last: dict[str, Any] | None = None
    while spent < limit.requests and clock() <= deadline:
        spent += 1
        try:
            last = resolution.read((yield resolution.query))
        except NetworkError:
            continue  # no answer: the state is still unknown; try again while the budget lasts
        except BaseError:
            break  # the exchange answered the query with an error: more queries would not say more
        status = last.get("status")
        if status in FINAL:
            return last
        order_id = last.get("id")
        if status == "open" and not resent and isinstance(order_id, str) and order_id and spent < limit.requests and clock() <= deadline:
            resent, spent = True, spent + 1
            try:
                return resolution.read_cancel(order_id, (yield resolution.cancel_again(order_id)))
            except BaseError:
                continue  # filled or canceled meanwhile ("unknown order"), or unknown again: the next query says
    error.last_known = last
    raise error


def resolvable(error: BaseError) -> bool:
    return errors.is_unknown_outcome(error)
