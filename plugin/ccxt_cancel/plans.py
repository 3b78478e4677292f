"""What a hook implementation returns: a description of I/O, not I/O.

A plugin that claims a call returns a :class:`Plan`. A plan comes in two
forms, and the core drives both the same way:

* **the simple form**, ``Plan(requests, parse)``: a fixed list of
  :class:`Request` objects, sent one after another, whose decoded answers
  ``parse`` turns into the method's result;
* **the general form**, ``Plan(steps=generator)``: a generator that yields a
  :class:`Request`, receives its decoded answer (or has the ccxt error the
  request raised thrown in at the ``yield``), decides what to send next, and
  finally returns the method's result. It serves the cancels a fixed list
  cannot: a batch that goes on after one chunk failed, a cancel-all that
  lists the open orders first.

:meth:`Plan.flow` gives either form as a generator (the CLI's dry run and
the tests step through it); the executor drives the simple form with a
plain loop of the same behaviour, since most cancels are one request and a
generator costs about a microsecond more per cancel. Nothing in
this module touches the network: the core sends each request through the
exchange's own ``request()`` (so ccxt signs, throttles, proxies and checks
errors as usual), which is what lets one plugin serve ``ccxt``,
``ccxt.async_support`` and ``ccxt.pro`` and be tested without HTTP (the
sans-I/O idea of h11).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Steps = Generator["Request | Wait", Any, Any]
"""The general form of a plan: yields requests (or waits), receives answers, returns the result."""


# Plain slotted dataclasses, not frozen ones: a frozen __init__ costs about
# a microsecond more per object, on every cancel. Treat them as immutable;
# the executor copies params and api before handing them to ccxt.
@dataclass(slots=True)
class Request:
    """One call of ``exchange.request(path, api, method, params, config)``.

    ``path`` may hold ``{placeholders}`` that ccxt fills from ``params``;
    ``api`` is the ccxt API section (``["private"]``, ``["dapiPrivate"]``);
    ``params`` is a mapping, or a list for an exchange whose body is a JSON
    array (OKX's batch cancel); ``cost`` is the ccxt rate-limiter cost
    (``None`` keeps ccxt's default of 1).
    """

    path: str
    api: Sequence[str]
    method: str
    params: Mapping[str, Any] | Sequence[Any] = field(default_factory=dict)
    cost: float | None = None

    @property
    def config(self) -> dict[str, Any]:
        return {} if self.cost is None else {"cost": self.cost}

    def wire_params(self) -> dict[str, Any] | list[Any]:
        """A fresh copy of ``params`` for ccxt, which may change what it is given."""
        params = self.params
        if type(params) is dict or isinstance(params, Mapping):  # the common case first: the ABC check costs more
            return dict(params)
        return list(params)

    def __repr__(self) -> str:
        # Param values can be order ids but never credentials: ccxt adds the
        # credentials when it signs, after this object is built.
        return f"Request({self.method} {self.path} api={list(self.api)} params={self.wire_params()!r} cost={self.cost})"


@dataclass(frozen=True, slots=True)
class Wait:
    """Yielded by a general-form plan to pause before its next request (confirming a cancel that takes effect late).

    The core sleeps (``time.sleep``, or ``asyncio.sleep`` for async and pro
    exchanges) and sends ``None`` back in: the plan stays free of I/O.
    """

    seconds: float


@dataclass(frozen=True, slots=True)
class Resolution:
    """How to learn one order's state, and cancel it again by the exchange's order id; pure, like every plan.

    A room attaches it to a single cancel's plan (``Plan.resolution``); the
    core decides when to use it (``ccxt_cancel.resolve``): after an unknown
    outcome (on by default) and after an acknowledgement (``confirm``).
    """

    query: Request
    read: Callable[[Any], dict[str, Any]]  # the query's answer -> the unified order (BadResponse if it names another)
    cancel_again: Callable[[str], Request]  # the exchange's order id -> the cancel request by that id
    read_cancel: Callable[[str, Any], dict[str, Any]]  # (order id, the second cancel's answer) -> the unified order


@dataclass(frozen=True, slots=True)
class Bulk:
    """Listing requests that show many orders at once (open orders, then recent history); pure.

    ``read`` turns their decoded answers (in order) into ``{key: unified
    order}`` for every requested key the listings name; a key they do not
    name is left out, never guessed.
    """

    requests: Sequence[Request]
    read: Callable[[list[Any]], Mapping[str, dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Items:
    """How to learn what became of a batch's ids: one query per id, or a :class:`Bulk` listing when it costs less.

    ``key_field`` is the entries' field that holds the caller's key (``"id"``
    or ``"clientOrderId"``); ``one(key)`` is that order's
    :class:`Resolution`; ``bulk(keys)`` (None to decline), when the exchange has listings that
    answer for many ids, the listing for those keys (the core compares
    costs and says which it chose).
    """

    key_field: str
    one: Callable[[str], Resolution]
    bulk: Callable[[Sequence[str]], Bulk | None] | None = None


Confirm = Callable[[Any, Any], "Steps | None"]
"""``Plan.confirm``: (the plan's result, the call's ``resolve.Policy``) -> the steps that confirm it, or None."""


class _Accept:
    """The type of :data:`ACCEPT`."""

    def __repr__(self) -> str:
        return "ccxt_cancel.ACCEPT"


class _HandBack:
    """The type of :data:`HAND_BACK`."""

    def __repr__(self) -> str:
        return "ccxt_cancel.HAND_BACK"


HAND_BACK = _HandBack()
"""Returned by a general-form plan (its generator's ``return``) to hand the call to ccxt, as the caller made it.

For a plan that must ask before it knows whether the call is its own (an
account-mode check, as ccxt itself would make, whose answer says the account
is one the plugin does not serve). Only after read-only requests: the core
then calls ccxt's own method with the caller's arguments.
"""

ACCEPT = _Accept()
"""Returned by ``Plan.on_error`` for a 2xx answer: hand it to the plan as is, skipping ccxt's ``handle_errors``.

For answers that are fine as a whole but that ccxt would raise on, such as a
batch answer whose items carry their own error codes. On a non-2xx answer
it is ignored and ccxt's error handling applies.
"""


@dataclass(slots=True)  # not frozen: offered on every answer of a plan, and a frozen __init__ costs a microsecond
class HttpAnswer:
    """An HTTP answer as ccxt's ``handle_errors`` sees it, offered to :attr:`Plan.on_error`."""

    status: int
    reason: str
    url: str
    method: str
    body: str
    json: Any


OnError = Callable[[HttpAnswer], "BaseException | _Accept | None"]


def _simple_steps(requests: Sequence[Request], parse: Callable[[list[Any]], Any]) -> Steps:
    answers = []
    for request in requests:
        answers.append((yield request))
    return parse(answers)


@dataclass(slots=True)
class Plan:
    """A claimed call: the requests to send and how to read their answers.

    Simple form: ``requests`` are sent in order, one after another; ``parse``
    receives the decoded answers (one per request, in the same order) and
    returns what the cancel method returns. A request that fails raises its
    ccxt error to the caller and the rest are not sent.

    General form: ``steps`` is a generator (call your generator function and
    pass what it returns). The core sends each request it yields and sends
    the decoded answer back in; when a request raises a ccxt error, that
    error is thrown in at the ``yield``, where the generator may catch it
    and go on, or let it propagate to the caller. The generator's ``return``
    value is the method's result.

    ``resolution``, when given, is called (without arguments, and only when
    needed) for how to query the one order a single cancel names
    (:class:`Resolution`). The core uses it to resolve an
    unknown outcome and, when the caller opts in, to confirm an
    acknowledgement (``docs/resolving.md``). ``confirm`` does the same for a
    result of many orders (a cancel-all listed again): the core calls it
    with the result and the call's policy (budget, pause) only when the
    caller opted in. ``items``, for a batch, does the same per id
    (:class:`Items`): the core resolves the entries whose outcome is unknown
    and, with ``confirm``, the acknowledged ones.

    ``expected_requests`` is how many requests a general-form plan expects to
    send when it knows (a batch in chunks does): the core uses it only for
    its progress log ("request 2 of 3"). The simple form knows its own.

    In both forms, an answer that does not prove the cancel must raise a ccxt
    error (``BadResponse`` ...), never be guessed at. ``on_error``, when
    given, sees every HTTP answer of this plan before ccxt's own
    ``handle_errors`` does; it returns a ccxt exception to raise, :data:`ACCEPT`
    to hand a 2xx answer over unchecked, or ``None`` to leave the answer to
    ccxt. It is never consulted for calls the plan does not own.
    """

    requests: Sequence[Request] = ()
    parse: Callable[[list[Any]], Any] | None = None
    on_error: OnError | None = None
    steps: Steps | None = None
    expected_requests: int | None = None
    resolution: Callable[[], Resolution] | None = None
    confirm: Confirm | None = None
    items: Callable[[], Items] | None = None

    def __post_init__(self) -> None:
        if self.steps is None:
            if not self.requests or self.parse is None:
                raise ValueError("a Plan needs requests and parse, or steps")
            for request in self.requests:
                if type(request) is not Request and not isinstance(request, Request):
                    raise TypeError(f"a Plan's requests must be ccxt_cancel.Request objects, got {type(request).__name__}")
            self.expected_requests = len(self.requests)
        elif self.requests or self.parse is not None:
            raise ValueError("a Plan takes requests and parse, or steps, not both")

    def flow(self) -> Steps:
        """The plan in its general form: a generator of its requests that returns its result."""
        if self.steps is not None:
            return self.steps
        assert self.parse is not None
        return _simple_steps(self.requests, self.parse)
