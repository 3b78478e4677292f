"""Limits of the cancel endpoints as data, with their sources; costs via ``ccxt_cancel.limits``."""

from __future__ import annotations

from typing import Any

from ccxt_cancel import limits

# sources.SPOT_BATCH_LIMIT ("maximum 20 orders are allowed per request") and
# sources.FUTURES_BATCH_LIMIT ("A maximum of 20 records can be cancelled in one request").
BATCH_LIMIT = 20

# ccxt 4.5.90's gate.py prices every spot and futures cancel endpoint at cost 20/75 of its
# 50 ms rateLimit ("200r/10s" default), i.e. 75 cancels a second, and the futures batch at 0.4
# (20 ms: 50 a second).
# The room keeps ccxt's own pacing of those endpoints (with the shared HEADROOM), so installing
# it never makes a bot faster than ccxt would be against Gate.
CANCELS_PER_SECOND = 75.0
# Delivery cancels: ccxt prices them at 20/15 (15 a second).
DELIVERY_CANCELS_PER_SECOND = 15.0
FUTURES_BATCHES_PER_SECOND = 50.0


def cancel_cost(exchange: Any, kind: str = "spot") -> float | None:
    return limits.per_second(exchange, DELIVERY_CANCELS_PER_SECOND if kind == "future" else CANCELS_PER_SECOND)


def futures_batch_cost(exchange: Any) -> float | None:
    return limits.per_second(exchange, FUTURES_BATCHES_PER_SECOND)
