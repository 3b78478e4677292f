"""Run ccxt's own, unpatched cancel methods against a stub transport, for the gap probes.

:class:`Transport` is the one stand-in for the network, here and in the
tests and benchmark (which build on it): it replaces an exchange's
``fetch`` (ccxt's HTTP call, after signing), sync or async, and hands each
request to :meth:`Transport.record` and :meth:`Transport.respond`. A probe
builds a throwaway sync exchange with obviously fake credentials, attaches a
recorder that answers from a function, and calls the original ccxt method,
even when ``ccxt_cancel.install()`` is in place. Nothing reaches the
network, and what ccxt would have sent is in :attr:`Outcome.sent`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ccxt_cancel import patching

FAKE_CREDENTIALS = {"apiKey": "probe-api-key-not-real", "secret": "probe-secret-not-real", "password": "probe-password", "login": "probe-login"}


@dataclass(frozen=True)
class Sent:
    method: str
    url: str
    headers: Mapping[str, Any]
    body: Any

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    @property
    def query(self) -> dict[str, str]:
        return dict(parse_qsl(urlsplit(self.url).query, keep_blank_values=True))


@dataclass
class Outcome:
    """What one probed call sent, and what it returned or raised."""

    sent: list[Sent] = field(default_factory=list)
    result: Any = None
    error: BaseException | None = None


def exchange(exchange_id: str, options: Mapping[str, Any] | None = None) -> Any:
    import ccxt

    return getattr(ccxt, exchange_id)({**FAKE_CREDENTIALS, "enableRateLimit": False, "options": dict(options or {})})


def market(exchange: Any, **fields: Any) -> dict[str, Any]:
    """A market in ccxt's unified structure (unspecified fields as ccxt's defaults)."""
    structure: dict[str, Any] = exchange.safe_market_structure({"info": {}, **fields})
    return structure


class Transport:
    """Replaces ``exchange.fetch`` (sync or async): :meth:`record` keeps each request, :meth:`respond` answers it.

    ``respond`` returns the decoded answer ccxt's ``fetch`` would have returned,
    or raises a ccxt error as ``fetch`` (through ``handle_errors``) would.
    Subclasses change what is kept and answered, never the attachment.
    """

    def record(self, method: str, url: str, headers: Any, body: Any) -> None:
        """Keep what was sent; nothing by default."""

    def respond(self, method: str, url: str, headers: Any, body: Any) -> Any:
        return {}

    def attach(self, exchange: Any) -> Any:
        transport = self
        if exchange.synchronous:

            def fetch(url: str, method: str = "GET", headers: Any = None, body: Any = None) -> Any:
                transport.record(method, url, headers, body)
                return transport.respond(method, url, headers, body)

        else:

            async def fetch(url: str, method: str = "GET", headers: Any = None, body: Any = None) -> Any:  # type: ignore[misc]
                transport.record(method, url, headers, body)
                return transport.respond(method, url, headers, body)

        exchange.fetch = fetch
        return exchange


class _Recorder(Transport):
    def __init__(self, outcome: Outcome, answer: Callable[[Sent], Any]) -> None:
        self.outcome, self.answer = outcome, answer

    def record(self, method: str, url: str, headers: Any, body: Any) -> None:
        self.outcome.sent.append(Sent(method, url, headers or {}, body))

    def respond(self, method: str, url: str, headers: Any, body: Any) -> Any:
        return self.answer(self.outcome.sent[-1])


def run(
    exchange: Any,
    method: str,
    *args: Any,
    markets: list[dict[str, Any]] | None = None,
    answer: Callable[[Sent], Any] = lambda sent: {},
) -> Outcome:
    """Call ccxt's own ``method`` on ``exchange`` with a stub transport; never raises what the call raises."""
    if markets is not None:
        exchange.set_markets(markets)
    outcome = Outcome()
    _Recorder(outcome, answer).attach(exchange)
    try:
        outcome.result = patching.original_method(type(exchange), method)(exchange, *args)
    except Exception as exc:  # noqa: BLE001 - the probe reports what ccxt did, errors included
        outcome.error = exc
    return outcome
