"""The gap probes every Binance product shares: ccxt's own cancel for one product, on probe.py's stub transport.

Each product module describes itself once (:class:`Product`); the questions
are the same everywhere: does ccxt drop the order id when a client id is in
params, send the text ``None`` for a missing id, or load every market before
a cancel.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ccxt_cancel import probe

CLIENT_ID = "myOrder1"  # the pages' example client order id


def deletes(outcome: probe.Outcome) -> list[probe.Sent]:
    return [sent for sent in outcome.sent if sent.method == "DELETE"]


@dataclass(frozen=True)
class Product:
    """One Binance product as ccxt's own cancel reaches it."""

    exchange_id: str
    symbol: str
    order_id: str  # the product page's example order
    market: Callable[[Any], dict[str, Any]]  # the probe market, in ccxt's unified structure
    params: Mapping[str, Any] = field(default_factory=dict)  # what selects the product: marginMode, portfolioMargin
    path: str = ""  # the endpoint a cancel should reach (a suffix of the URL path)

    def run(self, method: str, *args: Any, cold: bool = False, answer: Any = None, costs: list[Any] | None = None) -> probe.Outcome:
        """ccxt's own ``method``: GETs answer ``[]``, the rest ``answer`` (``{}``); ``costs`` collects what ccxt charges its throttler."""
        exchange = probe.exchange(self.exchange_id)
        if costs is not None:
            exchange.enableRateLimit = True
            exchange.throttle = lambda cost=None: costs.append(cost)

        def reply(sent: probe.Sent) -> Any:
            if sent.method == "GET":
                return []
            return {} if answer is None else answer

        return probe.run(exchange, method, *args, markets=None if cold else [self.market(exchange)], answer=reply)

    def drops_order_id(self) -> bool:
        sent = deletes(self.run("cancel_order", self.order_id, self.symbol, {**self.params, "origClientOrderId": CLIENT_ID}))
        return bool(sent) and sent[0].path.endswith(self.path) and sent[0].query.get("orderId") != self.order_id

    def sends_none(self) -> bool:
        sent = deletes(self.run("cancel_order", None, self.symbol, dict(self.params)))
        return bool(sent) and sent[0].query.get("orderId") == "None"

    def loads_markets_first(self) -> bool:
        return any(sent.method == "GET" for sent in self.run("cancel_order", self.order_id, self.symbol, dict(self.params), cold=True).sent)

    def oversized_batch(self, limit: int) -> bool:
        """ccxt's batch cancel of ``limit + 2`` ids goes out in one request, over the page's limit."""
        ids = [str(int(self.order_id) + i) for i in range(limit + 2)]
        return any(len(json.loads(sent.query.get("orderidlist", "[]"))) > limit for sent in deletes(self.run("cancel_orders", ids, self.symbol)))
