"""Per-exchange memory of pure symbol lookups, for the built-in plugins' hooks.

A bot cancels on a handful of symbols, and turning one into a market id
costs a tenth of a cancel. The answer depends only on the exchange and its
markets, so it is remembered per exchange (weakly: the memory never keeps an
exchange alive) and forgotten when ``exchange.markets`` is a new object (a
reload). Lookups that raise are never remembered.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# exchange -> (the markets object the entries were computed with, {key: value})
_memory: weakref.WeakKeyDictionary[Any, tuple[Any, dict[Any, Any]]] = weakref.WeakKeyDictionary()


def remembered(exchange: Any, key: Any, compute: Callable[[], T]) -> T:
    """``compute()``, or what it returned before for this exchange, key and markets object."""
    markets = getattr(exchange, "markets", None)
    try:
        known, entries = _memory[exchange]
    except (KeyError, TypeError):
        known, entries = None, None
    if entries is not None and known is markets and key in entries:
        return entries[key]  # type: ignore[no-any-return]
    value = compute()
    if entries is None or known is not markets:
        entries = {}
        try:
            _memory[exchange] = (markets, entries)
        except TypeError:
            return value  # an exchange that cannot be weakly referenced: nothing remembered
    entries[key] = value
    return value


def size(exchange: Any) -> int:
    """How many lookups are remembered for this exchange (a test checks it stays bounded)."""
    try:
        return len(_memory[exchange][1])
    except (KeyError, TypeError):
        return 0
