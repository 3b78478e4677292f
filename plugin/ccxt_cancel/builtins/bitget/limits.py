"""Documented batch limits of the classic v2 cancel endpoints (sources.SPOT_BATCH / sources.MIX_BATCH)."""

from __future__ import annotations

# "orderList ... maximum length: 50" (spot); the futures page gives orderIdList the same 50.
BATCH_LIMIT = 50
