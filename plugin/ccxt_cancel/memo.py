"""Per-exchange memory of pure symbol lookups, for the built-in plugins' hooks.

A bot cancels on a handful of symbols, and turning one into a market id
costs a tenth of a cancel. The answer depends only on the exchange and its
markets, so it is remembered on the exchange instance itself (it dies with
the instance, and ``uninstall(exchange)`` drops it) and forgotten when
``exchange.markets`` is a new object (a reload). Lookups that raise are never
remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# The instance attribute holding (the markets object the entries were computed with, {key: value}).
# On the instance rather than in a module-level weak dictionary: one dict lookup per cancel instead
# of a weak reference and a Python-level __getitem__ (issue 25).
SLOT = "_ccxt_cancel_memo"


def remembered(exchange: Any, key: Any, compute: Callable[..., T], *args: Any) -> T:
    """``compute(*args)``, or what it returned before for this exchange, key and markets object."""
    markets = getattr(exchange, "markets", None)
    state = getattr(exchange, "__dict__", None)
    if state is None:
        return compute(*args)  # an object without instance attributes: nothing remembered
    memory = state.get(SLOT)
    if memory is not None and memory[0] is markets:
        entries = memory[1]
        if key in entries:
            return entries[key]  # type: ignore[no-any-return]
    else:
        entries = None
    value = compute(*args)
    if entries is None:
        entries = {}
        state[SLOT] = (markets, entries)
    entries[key] = value
    return value


def forget(exchange: Any) -> None:
    """Drop everything remembered for this exchange (``uninstall(exchange)``)."""
    state = getattr(exchange, "__dict__", None)
    if state is not None:
        state.pop(SLOT, None)


def size(exchange: Any) -> int:
    """How many lookups are remembered for this exchange (a test checks it stays bounded)."""
    memory = getattr(exchange, "__dict__", {}).get(SLOT)
    return 0 if memory is None else len(memory[1])
