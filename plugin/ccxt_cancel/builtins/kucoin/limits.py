"""Documented limits of the cancel and query endpoints (sources.RATE_LIMIT, weights from the SDK spec), as ccxt costs via ccxt_cancel.limits."""

from __future__ import annotations

from typing import Any

from ccxt_cancel import limits

BATCH_LIMIT = 10  # sources.FUTURES_BATCH_LIMIT_QUOTE

# VIP0 quotas per 30 s (sources.RATE_LIMIT_QUOTE): the lowest tier, so every account stays under its own.
SPOT_PER_SECOND = 4000 / 30
FUTURES_PER_SECOND = 2000 / 30

# Weights (x-api-rate-limit-weight of each endpoint in the SDK spec).
WEIGHT = {
    "futures.one": 1,
    "futures.batch": 20,
    "futures.all": 10,
    "spot.hf.one": 1,
    "spot.classic.one": 3,
    # The one-order queries (sources.QUERY_*): what resolving an unknown outcome or confirming spends.
    "futures.query": 5,
    "spot.hf.query": 2,
    "spot.classic.query": 2,
    "spot.classic.query.client": 3,
    # The listings a batch may use instead (sources.LIST_*).
    "futures.list": 2,
    "futures.recent": 5,
    "spot.hf.active": 2,
    "spot.hf.done": 2,
}


def cost(exchange: Any, endpoint: str) -> float | None:
    pool = FUTURES_PER_SECOND if endpoint.startswith("futures") else SPOT_PER_SECOND
    return limits.per_second(exchange, pool, WEIGHT[endpoint])
