"""Futures cancel-all with ``confirm``: list the symbol's open orders again, cancel what is left, name what stays.

The cancel-all answer (``DELETE /api/v3/orders?symbol=``) lists
``cancelledOrderIds``: an acknowledgement, not a confirmation
(sources.FUTURES_CANCEL_ALL_QUOTE). With ``confirm`` the symbol's open
orders are listed again (``GET /api/v1/orders?status=active&symbol=``,
weight 2, up to 1000 a page: sources.LIST_FUTURES_QUOTE), up to
:data:`ROUNDS` times, :class:`~ccxt_cancel.plans.Wait` apart. An order the
cancel-all answer did not name is cancelled by the same cancel-all once more
(one request for whatever is left; none after the last listing). After the
last listing, an acknowledged order still listed keeps its entry with an
unknown-outcome error (its cancel may yet take effect), an order never
acknowledged gets an ``ExchangeError`` saying it was not canceled; a failed
cancel keeps its own error. Entries stay ``status: None``: the listing says
which orders are still open, not what became of the others.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Mapping
from typing import Any

from ccxt.base.errors import BadResponse, ExchangeError

from ccxt_cancel import batch, errors, orders, resolve
from ccxt_cancel.builtins.kucoin import answers
from ccxt_cancel.builtins.kucoin.limits import cost
from ccxt_cancel.builtins.kucoin.markets import Target
from ccxt_cancel.plans import Request, Steps, Wait

log = logging.getLogger("ccxt_cancel")

PATH, API = "orders", ("futuresPrivate",)
PAGE_SIZE = 1000  # the page's maximum (sources.LIST_FUTURES_QUOTE)
MAX_PAGES = 5
ROUNDS = 3


def open_orders(exchange: Any, target: Target) -> Generator[Request, Any, list[Mapping[str, Any]]]:
    """Every open order the listing shows for the symbol, page by page until an empty page or the last one (bounded)."""
    listed: dict[str, Mapping[str, Any]] = {}
    for page in range(1, MAX_PAGES + 1):
        params = {"status": "active", "symbol": target.market_id, "pageSize": str(PAGE_SIZE), "currentPage": str(page)}
        answer = yield Request(PATH, API, "GET", params, cost(exchange, "futures.list"))
        data = answer.get("data") if isinstance(answer, Mapping) else None
        items = answers.listed(answer, "items")
        for item in items:
            if not isinstance(item, Mapping) or item.get("id") is None:
                raise BadResponse(f"{exchange.id} cancelAllOrders(): the open-orders listing holds an item without an id: {item!r:.300}")
            if item.get("symbol") == target.market_id:
                listed.setdefault(str(item["id"]), item)  # a page boundary that moved lists an order twice
        total = data.get("totalPage") if isinstance(data, Mapping) else None
        if not items or not isinstance(total, int) or page >= total:
            return list(listed.values())
    log.warning("%s cancelAllOrders(): more than %d open orders listed; verifying the %d listed", exchange.id, MAX_PAGES * PAGE_SIZE, len(listed))
    return list(listed.values())


def verify_all(exchange: Any, target: Target, cancel: Request, result: Any, policy: resolve.Policy, clock: Any = time.monotonic) -> Steps | None:
    """``Plan.confirm`` of a futures cancel-all (see the module docstring); None when there is no list to verify."""
    if not isinstance(result, list):
        return None
    return _verify(exchange, target, cancel, list(result), policy, clock)


def _verify(exchange: Any, target: Target, cancel: Request, entries: list[dict[str, Any]], policy: resolve.Policy, clock: Any) -> Steps:
    known = {str(entry["id"]): index for index, entry in enumerate(entries) if entry.get("id") is not None}
    deadline = clock() + policy.budget.seconds
    pause = policy.interval
    still: list[Mapping[str, Any]] = []
    for round_ in range(ROUNDS):
        left = deadline - clock()
        if left <= 0:
            break
        yield Wait(min(pause, left))
        pause *= 2
        still = yield from open_orders(exchange, target)
        if not still:
            return entries
        if any(str(order["id"]) not in known for order in still) and round_ < ROUNDS - 1:
            for entry in answers.parse_all(exchange, target, (yield cancel)):
                if str(entry["id"]) not in known:
                    known[str(entry["id"])] = len(entries)
                    entries.append(entry)
    for order in still:
        order_id = str(order["id"])
        index = known.get(order_id)
        if index is None:
            error: Any = ExchangeError(f"{exchange.id} cancelAllOrders() orderId {order_id}: still listed as open after {ROUNDS} listings; not canceled")
            entries.append(orders.acknowledged(exchange, order_id, order.get("clientOid"), target.symbol, dict(order)))
            index = len(entries) - 1
        elif batch.ERROR_KEY in entries[index]:
            continue  # a failed cancel already carries its own error
        else:
            message = f"{exchange.id} cancelAllOrders() orderId {order_id}: the cancel was acknowledged, but the open-orders listing still lists the order"
            error = errors.unknown_outcome(ExchangeError, message)
        entries[index] = {**entries[index], batch.ERROR_KEY: batch.error_data(error)}
    return entries
