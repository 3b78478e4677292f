"""Documented limits of the classic v2 cancel endpoints (sources.py quotes each), and their ccxt costs via ccxt_cancel.limits."""

from __future__ import annotations

from typing import Any

from ccxt_cancel import limits

# Spot "orderList ... maximum length: 50" (sources.SPOT_BATCH); futures "orderIdList ... maximum length: 50" (sources.MIX_BATCH_NEWER).
BATCH_LIMIT = 50

# Requests per second per UID, as each page's header states it.
PER_SECOND = {
    "v2/spot/trade/cancel-order": 10,  # sources.SPOT_CANCEL: "10 times/1s (UID)"
    "v2/spot/trade/batch-cancel-order": 10,  # sources.SPOT_BATCH: "10 times/1s (UID)"
    "v2/spot/trade/cancel-symbol-order": 5,  # sources.SPOT_CANCEL_ALL: "5 times/1s (UID)"
    "v2/mix/order/cancel-order": 10,  # sources.MIX_CANCEL: "10 times/1s"
    "v2/mix/order/batch-cancel-orders": 10,  # sources.MIX_BATCH: "10 times/s ... according to user ID"
    "v2/spot/trade/orderInfo": 20,  # sources.SPOT_ORDER_INFO: "20 times/1s (UID)"
    "v2/mix/order/detail": 10,  # sources.MIX_ORDER_DETAIL: "10 times/1s (uid)"
    "v2/spot/trade/unfilled-orders": 20,  # sources.SPOT_OPEN: "20 times/1s (UID)"
}

# Get Current Orders: "limit ... default 100 max 100" (sources.SPOT_OPEN); pages asked before a listing is given up.
OPEN_PAGE = 100
OPEN_PAGES = 20


def cost(exchange: Any, path: str) -> float | None:
    """The ccxt cost of one request to ``path`` under its documented limit (ccxt_cancel.limits adds the headroom)."""
    return limits.per_second(exchange, PER_SECOND[path])
