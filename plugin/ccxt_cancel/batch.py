"""The batch rule, as one mechanism every ``cancel_orders`` plan uses.

A bot that hands over N ids must get N answers back, or it will believe an
order is gone while it is still open. So a claimed ``cancel_orders``:

* returns **one entry per requested id, in the caller's order**, as soon as
  at least one request of the plan got a readable 2xx answer;
* gives an id whose cancel failed an entry that keeps the requested id, is
  not ``'canceled'`` (its ``status`` is ``None``: this call does not know the
  order's state) and carries the error under :data:`ERROR_KEY` as plain data,
  ``{"class": "OrderNotFound", "message": "..."}``, so the entry stays as
  JSON-serialisable as every other unified order (:func:`error_of` turns it
  back into the ccxt exception);
* raises the first error only when every request failed;
* refuses duplicate ids before anything is sent (an answer could not be
  matched to one of two equal ids).

:class:`Ledger` keeps that account; :func:`chunked` is the general-form
plan (see ``plans.py``) that sends a batch in chunks, goes on after a chunk
failed, and stops sending when going on would only hurt (rate limits,
credentials, clock). Both are pure: the executor does the I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping, Sequence
from typing import Any, cast

from ccxt.base.errors import (
    AuthenticationError,
    BadRequest,
    BaseError,
    DDoSProtection,
    ExchangeError,
    InvalidNonce,
    RateLimitExceeded,
)

from ccxt_cancel import errors, orders
from ccxt_cancel.plans import Request

ERROR_KEY = "error"
"""Where a failed entry of a batch result carries its error: ``order["error"] == {"class": ..., "message": ...}``."""

# After one of these, the next request of the same batch would fail the same
# way, and more requests would only deepen a rate limit (Binance bans an IP
# that goes on after 429): the rest of the batch is not sent. In ccxt 4.5
# RateLimitExceeded is DDoSProtection's sibling, not its child: both are named.
STOP_AFTER: tuple[type[BaseError], ...] = (DDoSProtection, RateLimitExceeded, AuthenticationError, InvalidNonce)


class RequestFailed(Exception):
    """Raised by a chunk reader for a 2xx answer that says the whole request failed (OKX's ``"code": "1"``).

    The reader first fails each position with its own error and item
    (``Ledger.failed``); :func:`chunked` then counts the request as failed
    (no answer to it proved anything) without overwriting those entries,
    and applies :data:`STOP_AFTER` to ``error``.
    """

    def __init__(self, error: BaseError) -> None:
        super().__init__(str(error))
        self.error = error


def unique_keys(exchange_id: str, method: str, name: str, keys: Sequence[str]) -> list[str]:
    """The keys as a list, or ``BadRequest`` naming the first duplicate."""
    if len(set(keys)) == len(keys):
        return list(keys)  # no duplicate: told in C; the loop below only finds the first one to name it
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            raise BadRequest(f"{exchange_id} {method}() {name}[{index}] {key!r} appears twice; an answer could not be matched to one of two equal ids")
        seen.add(key)
    return list(keys)


def item_error(
    exchange: Any,
    code: Any,
    message: Any,
    feedback: str,
    overrides: Mapping[str, type[BaseError]] | None = None,
    advice: Mapping[str, str] | None = None,
) -> BaseError:
    """The ccxt exception an exchange's own error table gives a per-item ``code`` / ``message``, not raised.

    ``overrides`` (code -> class) wins where ccxt's table claims more than
    the exchange said (a room's ``errors.OVERRIDES``); ``advice`` (code ->
    text) is appended to the message in parentheses. Otherwise the exchange's
    ``exceptions`` table (exact code or message, then broad message), the same
    one its ``handle_errors`` uses for whole answers; an unknown code is a
    plain ``ExchangeError``.
    """
    text_code = None if code is None else str(code)
    if overrides and text_code is not None and text_code in overrides:
        hint = advice.get(text_code) if advice else None
        overridden: BaseError = overrides[text_code](f"{feedback} ({hint})" if hint else feedback)
        return overridden
    exceptions = getattr(exchange, "exceptions", None) or {}
    exact = exceptions.get("exact") or {}
    broad = exceptions.get("broad") or {}
    text = "" if message is None else str(message)
    kind = exact.get(text_code) if text_code is not None else None
    if kind is None and text:
        kind = exact.get(text)
    if kind is None and text:
        kind = next((broad[key] for key in broad if key in text), None)
    error: BaseError = (kind or ExchangeError)(feedback)
    return error


def error_of(order: Mapping[str, Any]) -> BaseError | None:
    """The ccxt exception a failed batch entry carries (rebuilt from its class name, message and outcome), or None."""
    import ccxt

    error = order.get(ERROR_KEY)
    if not isinstance(error, Mapping):
        return None
    kind = getattr(ccxt, str(error.get("class")), None)
    if not (isinstance(kind, type) and issubclass(kind, BaseError)):
        kind = ExchangeError
    found: BaseError = kind(str(error.get("message", "")))
    if error.get("outcome") in (errors.UNKNOWN_OUTCOME, NOT_SENT):
        found.ccxt_cancel_outcome = error["outcome"]
    return found


def match(items: Sequence[Any], keys: Sequence[str], name_of: Callable[[Any], Any]) -> list[Any | None]:
    """The answer item for each requested key, by identity; ``None`` where the answer has none for it.

    The one rule every room uses to read an answer (a batch's items, or a
    single cancel's one item): an item counts for the key it names
    (``name_of(item)``, such as ``item.get("orderId")``), never for a
    position alone. Named items are matched first; an item naming a key that
    was not requested, or one already matched, matches nothing. Only items
    that name no id at all (an empty or missing id, as failure items often
    have) then fill the keys no item named, in request order, because the
    exchanges list items in the order of the request. A key left with
    ``None`` has no answer: its outcome is unknown (``BadResponse``).
    """
    found: list[Any | None] = [None] * len(keys)
    where = {key: index for index, key in enumerate(keys)}
    anonymous: list[Any] = []
    for item in items:
        named = name_of(item)
        if named is None or named == "":
            anonymous.append(item)
            continue
        index = where.get(str(named))
        if index is not None and found[index] is None:
            found[index] = item
    if anonymous:
        free = [index for index, item in enumerate(found) if item is None]
        for index, item in zip(free, anonymous, strict=False):  # extra anonymous items name nothing
            found[index] = item
    return found


class Ledger:
    """The account of one batch: every requested key, what became of it, and whether any request was answered.

    ``key_field`` is the unified field the keys are (``"id"`` or
    ``"clientOrderId"``). Entries are filled by position with
    :meth:`canceled` and :meth:`failed`; :meth:`result` applies the batch rule.
    """

    def __init__(self, exchange: Any, method: str, keys: Sequence[str], key_field: str, symbol: str | None) -> None:
        self.exchange = exchange
        self.method = method
        self.keys = list(keys)
        self.key_field = key_field
        self.symbol = symbol
        self.entries: list[dict[str, Any] | None] = [None] * len(self.keys)
        self.answered = False
        self.first_error: BaseError | None = None
        self.stopped_by: BaseError | None = None

    def canceled(self, index: int, order: dict[str, Any]) -> None:
        self.entries[index] = order

    def failed(self, index: int, error: BaseError, info: Any = None) -> None:
        """The key at ``index`` was not canceled by this call, for the reason ``error``.

        An item-level rate-limit, credentials or clock error (:data:`STOP_AFTER`)
        inside a 2xx answer stops the batch exactly as a request-level one does.
        """
        if self.first_error is None:
            self.first_error = error
        if self.stopped_by is None and isinstance(error, STOP_AFTER):
            self.stopped_by = error
        order = orders.acknowledged(self.exchange, None, None, self.symbol, {} if info is None else info)
        order[self.key_field] = self.keys[index]
        order[ERROR_KEY] = error_data(error)
        self.entries[index] = order

    def request_failed(self, indexes: Sequence[int], error: BaseError, keep_failed: bool = False) -> None:
        """Every position of a failed request fails with ``error`` (with ``keep_failed``, those already failed keep their own)."""
        for index in indexes:
            entry = self.entries[index]
            if keep_failed and entry is not None and ERROR_KEY in entry:
                continue
            self.failed(index, error)
        if self.first_error is None:
            self.first_error = error
        if isinstance(error, STOP_AFTER):
            self.stopped_by = error

    def not_sent(self, indexes: Sequence[int]) -> None:
        stop = self.stopped_by
        assert stop is not None
        error = type(stop)(f"{self.exchange.id} {self.method}() not sent: an earlier request of this batch failed with {type(stop).__name__}: {stop}")
        errors.not_sent(error)
        for index in indexes:
            self.failed(index, error)

    def result(self) -> list[dict[str, Any]]:
        """One entry per key, in order; :func:`batch_error` (carrying those entries) when no request was answered."""
        if None in self.entries:  # one pass in C; the names only for the bug report
            missing = [self.keys[i] for i, entry in enumerate(self.entries) if entry is None]
            raise AssertionError(f"batch plan left {missing!r} without an entry")  # a plugin bug: named by the executor
        entries = cast("list[dict[str, Any]]", list(self.entries))
        if not self.answered and self.first_error is not None:
            raise batch_error(self.exchange.id, self.method, self.key_field, entries)
        return entries


NOT_SENT = errors.NOT_SENT
"""``error.ccxt_cancel_outcome`` (and ``order["error"]["outcome"]``) of an id a batch never sent."""

ORDERS_ATTRIBUTE = "orders"
MESSAGE_IDS = 50  # ids named one by one in the message of a batch error; error.orders holds them all
"""The attribute of the error a batch raises that holds the per-id entries (``error.orders``)."""


def error_data(error: BaseError) -> dict[str, str]:
    """A failed entry's ``order["error"]``: class and message, plus ``outcome`` when it is unknown or not sent."""
    data = {"class": type(error).__name__, "message": str(error)}
    if errors.is_unknown_outcome(error):
        data["outcome"] = errors.UNKNOWN_OUTCOME
    elif getattr(error, "ccxt_cancel_outcome", None) == NOT_SENT:
        data["outcome"] = NOT_SENT
    return data


def _common_class(kinds: Sequence[type[BaseError]]) -> type[BaseError]:
    """The most specific ccxt class every one of ``kinds`` is (OrderNotFound + InvalidOrder -> InvalidOrder)."""
    for candidate in kinds[0].__mro__:
        if issubclass(candidate, BaseError) and all(issubclass(kind, candidate) for kind in kinds):
            found: type[BaseError] = candidate
            return found
    root: type[BaseError] = BaseError
    return root


def batch_error(exchange_id: str, method: str, key_field: str, entries: Sequence[Mapping[str, Any]]) -> BaseError:
    """The error a batch raises when none of its requests was answered: a class true of every id, the entries attached.

    The rule (``hookspecs.py``, "The batch rule"):

    * any id whose outcome is unknown -> that unknown-outcome class (the
      first such id's: ``ExchangeNotAvailable``, ``RequestTimeout``,
      ``BadResponse``), marked :func:`errors.unknown_outcome`; an unknown
      outcome outweighs everything, because that order may be gone;
    * else any id not sent -> the class of the error that stopped the batch
      (``RateLimitExceeded``, ``DDoSProtection``, ``AuthenticationError``,
      ``InvalidNonce``), whose message says which ids were not sent;
    * else the most specific ccxt class every id's error is: ``OrderNotFound``
      only when every id was not found; ``OrderNotFound`` and
      ``InvalidOrder`` give ``InvalidOrder``; unrelated ones ``ExchangeError``
      or ``BaseError``.

    The message names each id with its outcome (the first MESSAGE_IDS); ``error.orders`` holds the
    entries, exactly the list a successful call would have returned.
    """
    import ccxt

    def kind_of(entry: Mapping[str, Any]) -> type[BaseError]:
        found = getattr(ccxt, str(entry[ERROR_KEY].get("class")), None)
        return found if isinstance(found, type) and issubclass(found, BaseError) else ExchangeError

    failed = [entry for entry in entries if isinstance(entry.get(ERROR_KEY), Mapping)]
    unknown = [entry for entry in failed if entry[ERROR_KEY].get("outcome") == errors.UNKNOWN_OUTCOME]
    not_sent = [entry for entry in failed if entry[ERROR_KEY].get("outcome") == NOT_SENT]
    if unknown:
        kind, summary = kind_of(unknown[0]), f"the outcome of {len(unknown)} is UNKNOWN (they may or may not have been canceled)"
    elif not_sent:
        kind, summary = kind_of(not_sent[0]), f"{len(not_sent)} were not sent"
    else:
        kind, summary = _common_class([kind_of(entry) for entry in failed] or [ExchangeError]), "none was canceled"
    lines = []
    for entry in entries[:MESSAGE_IDS]:
        error = entry.get(ERROR_KEY)
        outcome = "no error recorded" if not isinstance(error, Mapping) else f"{error.get('class')}: {error.get('message')}"
        lines.append(f"{entry.get(key_field)} {outcome}")
    if len(entries) > MESSAGE_IDS:
        # A 1000-id batch would make a message of hundreds of kilobytes (every id repeats its chunk's error):
        # the rest is in error.orders, one entry per id.
        lines.append(f"and {len(entries) - MESSAGE_IDS} more ids (every id with its error: error.{ORDERS_ATTRIBUTE})")
    message = f"{exchange_id} {method}() no request of this batch was answered; of {len(entries)} ids {summary}: " + "; ".join(lines)
    if unknown:
        raised = errors.unknown_outcome(kind, message)
    else:
        raised = errors.not_sent(kind(message)) if not_sent else kind(message)
    setattr(raised, ORDERS_ATTRIBUTE, list(entries))
    return raised


def chunked(ledger: Ledger, chunks: Sequence[tuple[Request, Sequence[int]]], read: Callable[[Any, Sequence[int]], None]) -> Generator[Request, Any, Any]:
    """A general-form plan that sends a batch chunk by chunk and applies the batch rule.

    ``chunks`` pairs each request with the positions (in ``ledger.keys``) it
    carries. ``read(answer, positions)`` reads one decoded answer into the
    ledger (``ledger.canceled`` / ``ledger.failed`` for each position), or
    raises a ccxt error (``BadResponse`` ...) for an answer it cannot read:
    those positions then fail with that error; or raises
    :class:`RequestFailed` for an answer that says the whole request failed.
    A chunk whose request raised fails whole; the next chunk is still sent
    unless the error is one of :data:`STOP_AFTER`.
    """
    for request, positions in chunks:
        if ledger.stopped_by is not None:
            ledger.not_sent(positions)
            continue
        try:
            answer = yield request
        except BaseError as error:
            ledger.request_failed(positions, error)
            continue
        try:
            read(answer, positions)
        except RequestFailed as failure:
            ledger.request_failed(positions, failure.error, keep_failed=True)
            continue
        except BaseError as error:
            ledger.request_failed(positions, error)
            continue
        ledger.answered = True
    return ledger.result()
