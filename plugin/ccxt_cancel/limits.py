"""Documented rate limits as ccxt costs: the one home of the arithmetic every room shares.

ccxt's throttler spaces a request of cost c by c x ``exchange.rateLimit``
ms. A room states each documented limit as data (requests per second, or
the minimum spacing in ms) with its source, and asks here for the cost.

ccxt's async throttler starts with one unit of credit, so after an idle
spell the first gap can be up to one rateLimit short, and timers run a
little early: pacing exactly at the limit measured 100.8% of 900/min on the
loopback exchange. :data:`HEADROOM` (3%) keeps every endpoint under its
documented limit.
"""

from __future__ import annotations

from typing import Any

HEADROOM = 1.03


def cost(exchange: Any, interval_ms: float) -> float | None:
    """The ccxt cost that spaces requests by ``interval_ms`` plus :data:`HEADROOM`; None (ccxt's default) without a usable rateLimit."""
    rate_limit: Any = getattr(exchange, "rateLimit", None)
    if type(rate_limit) in (int, float) and rate_limit > 0:  # the common case first; bool is never a usable rateLimit
        return float(interval_ms * HEADROOM / rate_limit)
    if isinstance(rate_limit, bool) or not isinstance(rate_limit, (int, float)) or rate_limit <= 0:
        return None
    return interval_ms * HEADROOM / rate_limit


def per_second(exchange: Any, limit: float, units: int = 1) -> float | None:
    """The cost of ``units`` (requests, or orders where a limit counts orders) under a limit of ``limit`` per second."""
    return cost(exchange, 1000.0 * units / limit)
