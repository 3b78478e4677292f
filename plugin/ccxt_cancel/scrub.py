"""Credential scrubbing: the one placeholder and the one rule for taking secrets out of text.

ccxt copies raw answer bodies into its exception messages, and a
misconfigured proxy or exchange may echo the API key back. Everything that
leaves the project (an exception raised from a claimed call, the CLI's
output, a cassette written by the tests) goes through :func:`text`, so a
credential is replaced by :data:`PLACEHOLDER` the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

PLACEHOLDER = "<REDACTED>"

# The ccxt credential attributes whose values must never be shown.
CREDENTIALS = ("apiKey", "secret", "password", "privateKey", "token")

# Shorter values are too likely to occur by chance in ordinary text.
MIN_LENGTH = 4


def secrets_of(exchange: Any) -> list[str]:
    """The exchange's credential values worth scrubbing."""
    values = (getattr(exchange, name, None) for name in CREDENTIALS)
    return [value for value in values if isinstance(value, str) and len(value) >= MIN_LENGTH]


def text(value: str, secrets: Iterable[str]) -> str:
    """``value`` with every secret replaced by :data:`PLACEHOLDER`."""
    for secret in secrets:
        if secret and len(secret) >= MIN_LENGTH:
            value = value.replace(secret, PLACEHOLDER)
    return value


def error(exchange: Any, exc: BaseException) -> BaseException:
    """The same exception, its string arguments scrubbed of this exchange's credentials."""
    secrets = secrets_of(exchange)
    if secrets and any(isinstance(arg, str) and any(s in arg for s in secrets) for arg in exc.args):
        exc.args = tuple(text(arg, secrets) if isinstance(arg, str) else arg for arg in exc.args)
    return exc
