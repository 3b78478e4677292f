"""Resolving an unknown outcome, and confirming an acknowledgement, inside the call.

When a claimed single cancel ends in an error whose outcome is unknown
(``errors.is_unknown_outcome``: Binance's 503 "Unknown error", a spot 5XX, a
``-1007``, a timeout after the request was sent, an answer that cannot be
read), the plan's :class:`~ccxt_cancel.plans.Resolution` says how to query
that one order. The core (``executor.py``) then runs :func:`steps`:

* the order is canceled -> the queried order, ``status: 'canceled'``;
* it filled first (or expired, or was rejected) -> the queried order, with
  what the query says (``'closed'`` ...);
* it is still open -> the cancel is sent once more, by the exchange's own
  order id (never by a client id alone: it may already name a replacement);
* the budget is spent -> the original unknown-outcome error, with the last
  state the queries saw attached as ``error.last_known`` (None when no query
  answered).

With ``confirm`` (opt-in), a cancel the exchange only acknowledged
(``status: None``: Bybit, OKX) is followed by queries, :data:`Wait` apart,
until the order is terminal or the budget is spent (:func:`confirm_steps`);
a plan's own ``Plan.confirm`` does the same for many orders (OKX's
cancel-all lists the scope again).

The budget and switches (``docs/resolving.md``) come from
``exchange.options['ccxtCancel']`` and, per call, from params
(:data:`PARAM_KEYS`): the core takes them out of params before any hook sees
them (:func:`take`), so they are never sent, whichever room claims the call.
Like every plan, the queries go through ``exchange.request()``: ccxt signs
and throttles them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ccxt.base.errors import BadRequest, BaseError, ExchangeError, NetworkError

from ccxt_cancel import errors, orders
from ccxt_cancel.batch import ERROR_KEY, ORDERS_ATTRIBUTE, error_data
from ccxt_cancel.plans import Bulk, Items, Request, Resolution, Steps, Wait

log = logging.getLogger("ccxt_cancel")

__all__ = [
    "Budget",
    "Policy",
    "Resolution",
    "again_by_id",
    "batch_steps",
    "budget",
    "ccxt_cost",
    "confirm_steps",
    "pending",
    "policy",
    "steps",
    "take",
    "verify_listing",
]

OPTIONS_KEY = "ccxtCancel"
ON, CONFIRM, REQUESTS, SECONDS, INTERVAL = "resolveUnknown", "confirm", "resolveRequests", "resolveSeconds", "confirmInterval"
PARAM_KEYS = frozenset({ON, CONFIRM, REQUESTS, SECONDS, INTERVAL})
# One query, one more cancel if the order is still open, one query after it.
DEFAULT_REQUESTS = 3
DEFAULT_SECONDS = 10.0
# The first pause between two confirming queries; each next pause doubles. Bybit and OKX
# process a cancel within milliseconds to a second (neither page gives a figure).
DEFAULT_INTERVAL = 0.2
# ccxt's unified statuses that end an order's life: nothing more to resolve.
FINAL = frozenset({"canceled", "closed", "expired", "rejected"})


@dataclass(frozen=True, slots=True)
class Budget:
    requests: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Policy:
    """What the core may do after a claimed call: resolve unknown outcomes, confirm acknowledgements, within ``budget``."""

    resolve: bool
    confirm: bool
    budget: Budget
    interval: float


def take(params: dict[str, Any]) -> dict[str, Any] | None:
    """Remove this module's keys from a call's params (they are never sent); None when there were none."""
    if not params or PARAM_KEYS.isdisjoint(params):
        return None
    return {key: params.pop(key) for key in PARAM_KEYS if key in params}


def _number(exchange_id: str, key: str, value: Any, whole: bool) -> Any:
    kinds: tuple[type, ...] = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds) or value < 0:  # type: ignore[operator]
        what = "a whole number of requests" if whole else "a number of seconds"
        raise BadRequest(f"{exchange_id} {key} must be {what} (0 or more), got {value!r}")
    return value


def policy(exchange: Any, keys: Mapping[str, Any] | None) -> Policy:
    """The policy of this call: the per-call ``keys`` (from :func:`take`) win over ``exchange.options['ccxtCancel']``."""
    options = getattr(exchange, "options", None) or {}
    configured = options.get(OPTIONS_KEY) if isinstance(options, Mapping) else None
    config = dict(configured) if isinstance(configured, Mapping) else {}
    if keys:
        config.update(keys)
    for key, default in ((ON, True), (CONFIRM, False)):
        if not isinstance(config.get(key, default), bool):
            raise BadRequest(f"{exchange.id} {key} must be True or False, got {config[key]!r}")
    requests = _number(exchange.id, REQUESTS, config.get(REQUESTS, DEFAULT_REQUESTS), whole=True)
    seconds = _number(exchange.id, SECONDS, config.get(SECONDS, DEFAULT_SECONDS), whole=False)
    interval = _number(exchange.id, INTERVAL, config.get(INTERVAL, DEFAULT_INTERVAL), whole=False)
    on = requests > 0
    return Policy(config.get(ON, True) and on, config.get(CONFIRM, False) and on, Budget(requests, float(seconds)), float(interval))


DEFAULT = Policy(True, False, Budget(DEFAULT_REQUESTS, DEFAULT_SECONDS), DEFAULT_INTERVAL)
"""The policy of a call with no keys on an exchange with no ``options['ccxtCancel']``: the common case, built once."""


def budget(exchange: Any, keys: Mapping[str, Any] | None = None) -> Budget | None:
    """The budget for resolving unknown outcomes, None when resolving is off."""
    chosen = policy(exchange, keys)
    return chosen.budget if chosen.resolve else None


def ccxt_cost(exchange: Any, api: str | Sequence[str], method: str, path: str) -> float | None:
    """The cost ccxt's own API table gives an endpoint (its encoding of the documented weight), None if it has none.

    ``api`` is a section name (``"private"``) or the path of nested sections (``("private", "spot")``: gate).
    """
    table: Any = getattr(exchange, "api", None) or {}
    for section in (api,) if isinstance(api, str) else api:
        table = table.get(section, {}) if isinstance(table, Mapping) else {}
    entry = table.get(method.lower(), {}).get(path) if isinstance(table, Mapping) else None
    cost = entry.get("cost") if isinstance(entry, Mapping) else entry
    return float(cost) if isinstance(cost, (int, float)) and not isinstance(cost, bool) else None


def again_by_id(cancel: Request, order_field: str, client_fields: Sequence[str]) -> Callable[[str], Request]:
    """``Resolution.cancel_again`` for a cancel whose params name the order: the same request by ``order_field`` only.

    The client id fields are dropped: a client id may already name a
    replacement order, so a second cancel goes by the exchange's order id.
    """
    given = dict(cancel.params) if isinstance(cancel.params, Mapping) else {}
    kept = {name: value for name, value in given.items() if name not in client_fields}

    def again(order_id: str) -> Request:
        return Request(cancel.path, cancel.api, cancel.method, {**kept, order_field: order_id}, cancel.cost)

    return again


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


def confirm_steps(acknowledged: dict[str, Any], resolution: Resolution, limit: Budget, interval: float, clock: Callable[[], float] = time.monotonic) -> Steps:
    """Query an acknowledged order until it is terminal or ``limit`` is spent (see the module docstring).

    Returns the queried order once a query says it is canceled, filled,
    expired or rejected. Otherwise the acknowledgement as it came
    (``status: None``): a query that says "open" only says the cancel has not
    taken effect yet, and claiming "open" would invite a second cancel the
    first may already have made needless.
    """
    deadline = clock() + limit.seconds
    pause = interval
    for spent in range(limit.requests):
        if spent:
            left = deadline - clock()
            if left <= 0:
                break
            yield Wait(min(pause, left))
            pause *= 2
        try:
            state = resolution.read((yield resolution.query))
        except NetworkError:
            continue
        except BaseError:
            break  # the exchange answered the query with an error (or about another order): more would not say more
        if state.get("status") in FINAL:
            return state
    return acknowledged


# --- batches ---------------------------------------------------------------------------------


def _unknown(entry: Mapping[str, Any]) -> bool:
    error = entry.get(ERROR_KEY)
    return isinstance(error, Mapping) and error.get("outcome") == errors.UNKNOWN_OUTCOME


def _acknowledged(entry: Mapping[str, Any]) -> bool:
    return ERROR_KEY not in entry and entry.get("status") is None


def pending(entries: Sequence[Mapping[str, Any]], policy: Policy) -> bool:
    """True when a batch's entries hold an unknown outcome to resolve, or (with confirm) an acknowledgement."""
    if policy.confirm:
        return any((policy.resolve and _unknown(entry)) or _acknowledged(entry) for entry in entries)
    if not policy.resolve:
        return False
    # The common case, every id canceled: one membership test per entry, no call (a 1000-id batch has 1000).
    return any(_unknown(entry) for entry in entries if ERROR_KEY in entry)


def _cost(requests: Sequence[Request]) -> float:
    return sum(1.0 if request.cost is None else request.cost for request in requests)


def batch_steps(entries: list[dict[str, Any]], items: Items, policy: Policy, clock: Callable[[], float] = time.monotonic) -> Steps:
    """Resolve a batch's unknown entries and (with confirm) its acknowledged ones; returns the entries, same order.

    Per id, what :func:`steps` and :func:`confirm_steps` do for one order:
    a terminal state replaces the entry; an unknown outcome whose order is
    still open gets one more cancel by the exchange's order id; an
    acknowledgement stays as it came until a query says the order is
    terminal. The budget holds per id: no id costs more than
    ``policy.budget.requests`` requests, and nothing is sent after
    ``policy.budget.seconds``. Each round asks with a :class:`Bulk` listing
    when the room offers one that costs less (at the documented weights)
    than one query per id, and queries per id whatever the listing did not
    name. An unknown entry left unresolved keeps its error, with the last
    state a query saw under ``error["lastKnown"]``.
    """
    deadline = clock() + policy.budget.seconds
    todo = {
        index: str(entry[items.key_field])
        for index, entry in enumerate(entries)
        # An entry that does not carry the key (a cancel-all item naming only a client id) cannot be asked about:
        # it stays as it came, and the text "None" never reaches a query.
        if entry.get(items.key_field) not in (None, "") and ((policy.resolve and _unknown(entry)) or (policy.confirm and _acknowledged(entry)))
    }
    spent = dict.fromkeys(todo, 0)
    resent: set[int] = set()
    one: dict[int, Resolution] = {}
    pause = policy.interval
    rounds = 0
    while todo:
        todo = {index: key for index, key in todo.items() if spent[index] < policy.budget.requests}
        if not todo:
            break
        if rounds:
            left = deadline - clock()
            if left <= 0:
                break
            yield Wait(min(pause, left))
            pause *= 2
        elif clock() > deadline:
            break
        rounds += 1
        for index, key in todo.items():
            if index not in one:
                one[index] = items.one(key)
        states: dict[int, dict[str, Any]] = {}
        ask = dict(todo)
        listing = items.bulk(list(todo.values())) if items.bulk is not None and len(todo) > 1 else None
        if listing is not None and _cost(listing.requests) < _cost([one[index].query for index in todo]):
            log.info("%d ids to resolve: %d listing request(s) instead of %d queries", len(todo), len(listing.requests), len(todo))
            found = yield from _listed(listing)
            for index in todo:
                spent[index] += 1
            states = {index: found[key] for index, key in todo.items() if key in found}
            ask = {index: key for index, key in todo.items() if key not in found and spent[index] < policy.budget.requests}
        for index in ask:
            spent[index] += 1
            resolution = one[index]
            try:
                states[index] = resolution.read((yield resolution.query))
            except NetworkError:
                continue  # no answer: still unknown; the next round asks again
            except BaseError:
                spent[index] = policy.budget.requests  # the exchange answered with an error: more queries would not say more
        for index in sorted(states):
            state = states[index]
            entry = entries[index]
            if state.get("status") in FINAL:
                entries[index] = state
                del todo[index]
                continue
            if _unknown(entry):
                entry[ERROR_KEY]["lastKnown"] = state
            order_id = state.get("id")
            resend = _unknown(entry) and state.get("status") == "open" and index not in resent
            if resend and isinstance(order_id, str) and order_id and spent[index] < policy.budget.requests and clock() <= deadline:
                resent.add(index)
                spent[index] += 1
                resolution = one[index]
                try:
                    # By the exchange's order id only: the client id may already name a replacement order.
                    entries[index] = again = resolution.read_cancel(order_id, (yield resolution.cancel_again(order_id)))
                except BaseError:
                    continue  # filled or canceled meanwhile, or unknown again: the next round's query says
                if again.get("status") in FINAL or not (policy.confirm and _acknowledged(again)):
                    del todo[index]
    return entries


def _listed(listing: Bulk) -> Steps:
    """Send a bulk listing; its orders by key, or {} when it failed (the ids are then asked one by one)."""
    answers = []
    try:
        for request in listing.requests:
            answers.append((yield request))
        return dict(listing.read(answers))
    except BaseError:
        return {}


# --- cancel-all, verified --------------------------------------------------------------------

VERIFY_ROUNDS = 3
"""Listings at most after a cancel-all with ``confirm``: the first that is empty ends it."""


def _unverified(exchange: Any, listing: str, error: BaseError, entries: list[dict[str, Any]]) -> BaseError:
    """The cancel-all was acknowledged, then its verification failed: ``error``'s class, marked an unknown outcome.

    A plain listing error would read as "the cancel-all failed", which the
    exchange never said; what is not known is which orders are still open.
    The entries gathered so far travel with the error.
    """
    failure = type(error)(
        f"{exchange.id} cancelAllOrders() was acknowledged, but verifying it with {listing} failed: {error}; "
        "which of its orders are still open is unknown (the outcome is unknown)"
    )
    failure.ccxt_cancel_outcome = errors.UNKNOWN_OUTCOME
    setattr(failure, ORDERS_ATTRIBUTE, entries)
    return failure


def verify_listing(
    exchange: Any,
    symbol: str | None,
    entries: list[dict[str, Any]],
    still_open: Callable[[], Steps],
    cancel: Callable[[Mapping[str, Mapping[str, Any]]], Steps],
    listing: str,
    policy: Policy,
    client_key: str | None = None,
    acknowledged_all: bool = False,
    rounds: int = VERIFY_ROUNDS,
    clock: Callable[[], float] = time.monotonic,
) -> Steps:
    """Cancel-all with ``confirm``: list the scope again until it is empty, cancelling what the answers missed.

    ``still_open()`` is the room's listing (steps returning ``{order id: raw
    order}`` of the scope's open orders); ``cancel(missed)`` cancels orders the
    answers did not name and returns their entries. At most ``rounds``
    listings, :class:`Wait` apart; no cancel follows the last listing, since
    nothing would check it. Then each order still listed is named with its
    error: an acknowledged one as an unknown outcome (its cancel may yet take
    effect), one never acknowledged as ``ExchangeError`` (not canceled); a
    failed cancel keeps its own error. Nothing here says ``'canceled'``: a
    listing only says which orders are still open. ``client_key`` names the
    listed orders' client-id field, for the entries this adds.
    ``acknowledged_all``: the cancel-all's answer acknowledged its whole
    scope without naming orders (Binance futures), so an order still listed
    had its cancel acknowledged too: an unknown outcome, never "not canceled".
    """
    known = {str(entry["id"]): index for index, entry in enumerate(entries) if entry.get("id") is not None}
    deadline = clock() + policy.budget.seconds
    pause = policy.interval
    still: Mapping[str, Mapping[str, Any]] = {}
    for round_ in range(rounds):
        left = deadline - clock()
        if left <= 0:
            break
        yield Wait(min(pause, left))
        pause *= 2
        try:
            still = yield from still_open()
        except BaseError as failed:
            raise _unverified(exchange, listing, failed, entries) from failed
        if not still:
            return entries
        missed = {order_id: raw for order_id, raw in still.items() if order_id not in known}
        if missed and round_ < rounds - 1:
            try:
                more: list[dict[str, Any]] = yield from cancel(missed)
            except BaseError as failed:
                raise _unverified(exchange, listing, failed, entries) from failed
            for entry in more:
                if entry.get("id") is not None and str(entry["id"]) not in known:
                    known[str(entry["id"])] = len(entries)
                    entries.append(entry)
    for order_id, raw in still.items():
        index = known.get(order_id)
        if index is None and acknowledged_all:
            message = f"{exchange.id} cancelAllOrders() order {order_id}: the cancel-all was acknowledged, but {listing} still lists the order"
            error = errors.unknown_outcome(ExchangeError, message)
            client = raw.get(client_key) or None if client_key is not None else None
            entries.append({**orders.acknowledged(exchange, order_id, client, symbol, dict(raw)), ERROR_KEY: error_data(error)})
        elif index is None:
            error = ExchangeError(f"{exchange.id} cancelAllOrders() order {order_id}: {listing} still lists it as open; not canceled")
            client = raw.get(client_key) or None if client_key is not None else None
            entries.append({**orders.acknowledged(exchange, order_id, client, symbol, dict(raw)), ERROR_KEY: error_data(error)})
        elif ERROR_KEY not in entries[index]:
            message = f"{exchange.id} cancelAllOrders() order {order_id}: the cancel was acknowledged, but {listing} still lists the order"
            entries[index] = {**entries[index], ERROR_KEY: error_data(errors.unknown_outcome(ExchangeError, message))}
    return entries
