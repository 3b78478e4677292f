"""Shared test helpers: credentials, exchange construction, and calling a cancel in any flavour."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ccxt
import ccxt.async_support
import ccxt.pro

import ccxt_cancel
from ccxt_cancel import probe

ROOT = Path(__file__).resolve().parent.parent.parent
CASSETTES = ROOT / "cassettes"

FLAVORS = ("sync", "async", "pro")
MODULES = {"sync": ccxt, "async": ccxt.async_support, "pro": ccxt.pro}

# Obvious fakes. The cassette scan test fails if any of them lands in a cassette.
FAKE_CREDENTIALS = {
    "apiKey": "FAKE-API-KEY-0000-not-a-real-key",
    "secret": "FAKE-SECRET-0000-not-a-real-secret",
    "login": "fake-login@example.invalid",
    "password": "FAKE-PASSPHRASE-0000",  # OKX's passphrase
}

# Set to 1 to run the cassette tests with real keys. Live recordings come from ccxt-cancel verify --record
# instead (cassettes/README.md, "Recording live"): the documentation-built cassettes name ids nobody can create.
RECORD_ENV = "CCXT_CANCEL_RECORD"


FROZEN_MS = 1_700_000_000_000
"""The one clock every test that compares signed requests freezes an exchange at (:func:`freeze`)."""


def freeze(exchange: Any) -> Any:
    """``exchange`` with its nonce and clock fixed at :data:`FROZEN_MS`: the same call signs the same request."""
    exchange.nonce = lambda: FROZEN_MS
    exchange.milliseconds = lambda: FROZEN_MS
    return exchange


def credentials(exchange_id: str) -> dict[str, str]:
    """Fake credentials, or the real ones from <EXCHANGE>_API_KEY / _SECRET / _LOGIN / _PASSWORD when re-recording live."""
    if os.environ.get(RECORD_ENV):
        prefix = exchange_id.upper().replace("COINM", "")
        real = {
            "apiKey": os.environ.get(f"{prefix}_API_KEY", ""),
            "secret": os.environ.get(f"{prefix}_SECRET", ""),
            "login": os.environ.get(f"{prefix}_LOGIN", FAKE_CREDENTIALS["login"]),
            "password": os.environ.get(f"{prefix}_PASSWORD", FAKE_CREDENTIALS["password"]),
        }
        if real["apiKey"] and real["secret"]:
            return real
    return dict(FAKE_CREDENTIALS)


def secret_values() -> list[str]:
    """Every credential value a cassette or a message must never contain."""
    values = set(FAKE_CREDENTIALS.values()) - {FAKE_CREDENTIALS["login"]}
    for name, value in os.environ.items():
        if name.endswith(("_API_KEY", "_SECRET", "_PASSWORD")) and len(value) >= 8:
            values.add(value)
    return sorted(values)


def new_exchange(flavor: str, exchange_id: str, **config: Any) -> Any:
    return getattr(MODULES[flavor], exchange_id)({**credentials(exchange_id), **config})


def call(
    flavor: str,
    exchange_id: str,
    method: str,
    *args: Any,
    config: dict[str, Any] | None = None,
    install: bool = True,
    prepare: Callable[[Any], None] | None = None,
    **kwargs: Any,
) -> Any:
    """Build a fresh exchange, install the plugin on it, make one cancel call and return its result.

    Async and pro exchanges are created inside their own event loop and
    always closed.
    """
    if flavor == "sync":
        exchange = new_exchange(flavor, exchange_id, **(config or {}))
        if prepare is not None:
            prepare(exchange)
        if install:
            ccxt_cancel.install(exchange)
        try:
            return getattr(exchange, method)(*args, **kwargs)
        finally:
            ccxt_cancel.uninstall(exchange)

    async def main() -> Any:
        exchange = new_exchange(flavor, exchange_id, **(config or {}))
        try:
            if prepare is not None:
                prepare(exchange)
            if install:
                ccxt_cancel.install(exchange)
            return await getattr(exchange, method)(*args, **kwargs)
        finally:
            ccxt_cancel.uninstall(exchange)
            await exchange.close()

    return asyncio.run(main())


class RequestLog(probe.Transport):
    """Captures every request an exchange would send, without sending it (replaces ``exchange.fetch``).

    The tests' recorder over the one stub transport (``ccxt_cancel.probe.Transport``):
    ``answer`` is the decoded answer to every request, or a function
    ``(method, url, headers, body)`` returning it (or raising a ccxt error). A
    subclass changes what is kept (:meth:`record`) or answered
    (:meth:`respond`), never the attachment. ``tests.support.session.StubSession``
    is the same recorder one layer down, under ccxt's ``fetch``.
    """

    def __init__(self, answer: Any = None) -> None:
        self.answer = answer
        self.requests: list[Any] = []

    def record(self, method: str, url: str, headers: Any, body: Any) -> None:
        self.requests.append((method, url, headers, body))

    def respond(self, method: str, url: str, headers: Any, body: Any) -> Any:
        answer = self.answer
        return answer(method, url, headers, body) if callable(answer) else answer
