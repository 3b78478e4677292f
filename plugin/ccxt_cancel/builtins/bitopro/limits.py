"""BitoPro margin's documented rate limits (the margin pages' headers), as ccxt costs through ccxt_cancel.limits."""

from __future__ import annotations

from ccxt_cancel import limits

# Documented limits as the minimum spacing between two requests, in ms.
# ccxt's throttler spaces a request of cost c by c * exchange.rateLimit ms.
INTERVAL_MS_CANCEL_ONE = 60_000 / 900  # 900 requests per minute per IP & UID
INTERVAL_MS_BATCH = 1_000 / 2  # 2 requests per second per IP
# The cancel-all page states both "2 per second per IP & UID" (its header) and
# "1 per second per IP" (for /all); both of its paths get the stricter one.
INTERVAL_MS_ALL = 1_000 / 1

# The documented limits above become ccxt costs in the core (ccxt_cancel.limits: one HEADROOM for every room).
HEADROOM = limits.HEADROOM
cost_for = limits.cost
