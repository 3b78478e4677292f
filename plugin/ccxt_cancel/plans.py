"""What a hook implementation returns: a description of I/O, not I/O.

A plugin that claims a call returns a :class:`Plan`. The core sends each
:class:`Request` through the exchange's own ``request()`` (so ccxt signs,
throttles, proxies and checks errors as usual), then hands the decoded
answers to :attr:`Plan.parse`. Nothing in this module touches the network,
which is what lets one plugin serve ``ccxt``, ``ccxt.async_support`` and
``ccxt.pro`` and be tested without HTTP (the sans-I/O idea of h11).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any


# Plain slotted dataclasses, not frozen ones: a frozen __init__ costs about
# a microsecond more per object, on every cancel. Treat them as immutable;
# the executor copies params and api before handing them to ccxt.
@dataclass(slots=True)
class Request:
    """One call of ``exchange.request(path, api, method, params, config)``.

    ``path`` may hold ``{placeholders}`` that ccxt fills from ``params``;
    ``api`` is the ccxt API section (``["private"]``, ``["dapiPrivate"]``);
    ``cost`` is the ccxt rate-limiter cost (``None`` keeps ccxt's default of 1).
    """

    path: str
    api: Sequence[str]
    method: str
    params: Mapping[str, Any] = field(default_factory=dict)
    cost: float | None = None

    @property
    def config(self) -> dict[str, Any]:
        return {} if self.cost is None else {"cost": self.cost}

    def __repr__(self) -> str:
        # Param values can be order ids but never credentials: ccxt adds the
        # credentials when it signs, after this object is built.
        return f"Request({self.method} {self.path} api={list(self.api)} params={dict(self.params)!r} cost={self.cost})"


class _Accept:
    """The type of :data:`ACCEPT`."""

    def __repr__(self) -> str:
        return "ccxt_cancel.ACCEPT"


ACCEPT = _Accept()
"""Returned by ``Plan.on_error`` for a 2xx answer: hand it to ``parse`` as is, skipping ccxt's ``handle_errors``.

For answers that are fine as a whole but that ccxt would raise on, such as a
batch answer whose items carry their own error codes. On a non-2xx answer
it is ignored and ccxt's error handling applies.
"""


@dataclass(frozen=True)
class HttpAnswer:
    """An HTTP answer as ccxt's ``handle_errors`` sees it, offered to :attr:`Plan.on_error`."""

    status: int
    reason: str
    url: str
    method: str
    body: str
    json: Any


@dataclass(slots=True)
class Plan:
    """A claimed call: the requests to send and how to read their answers.

    ``requests`` are sent in order, one after another.
    ``parse`` receives the decoded answers (one per request, in the same
    order) and returns what the cancel method returns: a unified order for
    ``cancel_order``, a list of them for the other two. It must raise a ccxt
    error (``BadResponse`` ...) for an answer it cannot read, never guess.
    ``on_error``, when given, sees every HTTP answer of this plan before
    ccxt's own ``handle_errors`` does; it returns a ccxt exception to raise,
    :data:`ACCEPT` to give a 2xx answer to ``parse`` unchecked, or ``None``
    to leave the answer to ccxt. It is never consulted for calls the plan
    does not own.
    """

    requests: Sequence[Request]
    parse: Callable[[list[Any]], Any]
    on_error: Callable[[HttpAnswer], BaseException | _Accept | None] | None = None

    def __post_init__(self) -> None:
        if not self.requests:
            raise ValueError("a Plan needs at least one Request")
