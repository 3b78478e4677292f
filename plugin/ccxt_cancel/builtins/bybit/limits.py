"""Bybit v5's documented limits for cancels: orders per batch request, and requests per second as ccxt costs.

Batch size (batch-cancel.mdx, important box): "A maximum of 20 orders
(option), 20 orders (inverse), 20 orders (linear), 10 orders (spot) can be
cancelled per request." The rate-limit page's "Instructions for batch
endpoints" still says "The batch APIs allows 1-10 orders/request". The two
pages conflict; the batch page is the endpoint's own, it is unambiguous, and
it is the newer text (its linear and inverse limits were raised from 10 to
20 in the docs commit "rest api batch limit", April 2025), so it is the one
followed. What the rate-limit page adds still holds and is applied below:
for linear, spot and inverse a batch "will be consumed according to the
actual number of orders", and orders beyond the second's budget fail one
by one ("the part that exceeds the limit will fail") with their own
``retExtInfo`` code, which the batch rule reports per id.

Rates (rate-limit.mdx, "API Rate Limit Table", Trade, per second and UID;
the defaults, which VIP and Pro tiers raise):

===================  ==============  ======  ====
path                 inverse/linear  option  spot
===================  ==============  ======  ====
/v5/order/cancel     10/s            10/s    20/s
/v5/order/cancel-all 10/s            1/s     20/s
/v5/order/cancel-batch 10/s (orders) 10/s    20/s (orders)
===================  ==============  ======  ====

Options batches count requests, not orders (batch-place.mdx: "its rate limit
is count based on the actual number of request sent"). ccxt's throttler
spaces a request of cost c by c x ``exchange.rateLimit`` ms (20 ms on bybit),
so a limit of n per second is a cost of ``1000 / n / rateLimit`` per unit.
"""

from __future__ import annotations

from typing import Any

RATE_LIMIT_PAGE = "https://bybit-exchange.github.io/docs/v5/rate-limit"

BATCH_LIMIT = {"spot": 10, "linear": 20, "inverse": 20, "option": 20}

# per second, per category: one constant per documented limit
CANCEL_PER_S = {"spot": 20, "linear": 10, "inverse": 10, "option": 10}
CANCEL_ALL_PER_S = {"spot": 20, "linear": 10, "inverse": 10, "option": 1}
BATCH_ORDERS_PER_S = {"spot": 20, "linear": 10, "inverse": 10}  # counted per order
BATCH_REQUESTS_PER_S = {"option": 10}  # counted per request


def _cost(exchange: Any, per_second: float, units: int = 1) -> float | None:
    """The ccxt cost that spaces ``units`` at ``per_second``; None (ccxt's default) when rateLimit is not a positive number."""
    rate_limit = getattr(exchange, "rateLimit", None)
    if isinstance(rate_limit, bool) or not isinstance(rate_limit, (int, float)) or rate_limit <= 0:
        return None
    return 1000.0 * units / per_second / rate_limit


def cancel_cost(exchange: Any, category: str) -> float | None:
    return _cost(exchange, CANCEL_PER_S[category])


def cancel_all_cost(exchange: Any, category: str) -> float | None:
    return _cost(exchange, CANCEL_ALL_PER_S[category])


def batch_cost(exchange: Any, category: str, orders: int) -> float | None:
    if category in BATCH_REQUESTS_PER_S:
        return _cost(exchange, BATCH_REQUESTS_PER_S[category])
    return _cost(exchange, BATCH_ORDERS_PER_S[category], orders)
